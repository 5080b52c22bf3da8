/**
 * Just enough of the WebAssembly binary format (WebAssembly 2.0 core specification, chapter 5
 * "Binary Format") to write one module with one memory and one exported function, so that a
 * hot loop can be kept here as readable instructions rather than as an opaque file of bytes.
 * Written here rather than taken from npm: the packages that assemble text modules bring a
 * whole toolchain (megabytes, loaded asynchronously) for some three hundred bytes.
 */

export const I32 = 0x7f
export const V128 = 0x7b
export type ValueType = typeof I32 | typeof V128
/** Instructions, each as its bytes. */
export type Instructions = ReadonlyArray<readonly number[]>

/** Instruction opcodes (§5.4), each as its bytes; the vector ones follow the 0xFD prefix as LEB128 numbers (§5.4.8). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...unsigned(depth)],
  brIf: (depth: number) => [0x0d, ...unsigned(depth)],
  localGet: (index: number) => [0x20, ...unsigned(index)],
  localSet: (index: number) => [0x21, ...unsigned(index)],
  localTee: (index: number) => [0x22, ...unsigned(index)],
  /** A 4-byte store, aligned, at `offset` past the address on the stack. */
  i32Store: (offset: number) => [0x36, 2, ...unsigned(offset)],
  i32Const: (value: number) => [0x41, ...signed(value)],
  i32GeU: [0x4f],
  i32Ctz: [0x68],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32And: [0x71],
  i32Or: [0x72],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  /** A 16-byte load at `offset` past the address on the stack (alignment hint 16). */
  v128Load: (offset: number) => [0xfd, ...unsigned(0), 4, ...unsigned(offset)],
  i32x4Splat: [0xfd, ...unsigned(17)],
  i32x4LeS: [0xfd, ...unsigned(61)],
  v128Or: [0xfd, ...unsigned(80)],
  v128Xor: [0xfd, ...unsigned(81)],
  v128AnyTrue: [0xfd, ...unsigned(83)],
  i32x4Bitmask: [0xfd, ...unsigned(164)],
  i32x4Mul: [0xfd, ...unsigned(181)],
} as const

export interface WasmFunction {
  /** The name it is exported under. */
  name: string
  params: ValueType[]
  results: ValueType[]
  /** Locals after the parameters, in index order. */
  locals: ValueType[]
  /** Its instructions, without the final `end`. */
  body: Instructions
}

/** A module exporting `memory` (of `pages` 64 KiB pages) and `fn`. */
export function wasmModule(pages: number, fn: WasmFunction): Uint8Array {
  const type = [0x60, ...vector(fn.params.map((t) => [t])), ...vector(fn.results.map((t) => [t]))]
  const code = [...vector(fn.locals.map((t) => [...unsigned(1), t])), ...fn.body.flat(), ...op.end]
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([type])),
    ...section(3, vector([unsigned(0)])),
    ...section(5, vector([[0x00, ...unsigned(pages)]])),
    ...section(7, vector([[...name('memory'), 0x02, 0], [...name(fn.name), 0x00, 0]])),
    ...section(10, vector([[...unsigned(code.length), ...code]])),
  ])
}

/** The WebAssembly JavaScript API as used here: Node has it, the ES2023 library and Node's type declarations leave it out. */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => {exports: Record<string, unknown>}
}

export interface WasmInstance {
  /** The exported memory's bytes (fixed: the module never grows it). */
  memory: ArrayBuffer
  exports: Record<string, unknown>
}

/** A function making instances of the module `bytes()` builds; it is built and compiled on the first call only. */
export function instantiator(bytes: () => Uint8Array): () => WasmInstance {
  const api = (globalThis as unknown as {WebAssembly: WebAssemblyApi}).WebAssembly
  let compiled: object | undefined
  return () => {
    compiled ??= new api.Module(bytes())
    const {exports} = new api.Instance(compiled)
    return {memory: (exports.memory as {buffer: ArrayBuffer}).buffer, exports}
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsigned(content.length), ...content]
}

function vector(items: ReadonlyArray<readonly number[]>): number[] {
  return [...unsigned(items.length), ...items.flat()]
}

function name(text: string): number[] {
  return vector([...new TextEncoder().encode(text)].map((byte) => [byte]))
}

/** LEB128 of a non-negative integer (§5.2.2). */
function unsigned(value: number): number[] {
  const bytes: number[] = []
  do {
    const low = value & 0x7f
    value >>>= 7
    bytes.push(value === 0 ? low : low | 0x80)
  } while (value !== 0)
  return bytes
}

/** Signed LEB128 of a 32-bit integer (§5.2.2). */
function signed(value: number): number[] {
  const bytes: number[] = []
  let rest = value | 0
  for (;;) {
    const low = rest & 0x7f
    rest >>= 7
    if ((rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0)) return [...bytes, low]
    bytes.push(low | 0x80)
  }
}
