// Bundles each command (and the command_not_found hook) into dist/, over the files tsc wrote for
// them, with the code they share split into dist/chunks/. A start of the CLI then compiles a few
// files instead of several hundred modules (ours and those of zod, yaml, hdr-histogram-js, …):
// about half of a short run's CPU time went to resolving, reading and compiling modules.
// @oclif/* stay outside the bundle: they locate their own package.json from their directory, and
// the help plugin must share one @oclif/core with the commands. Lazy imports (a target's client
// library, the messaging runner) stay lazy: they become chunks of their own.
// `npm run build` runs it after tsc; the rest of tsc's output stays beside it, unused by the CLI
// except through import.meta.url (below).
import {mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join, relative, sep} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
const dist = join(root, 'dist')
const DIST_PLACEHOLDER = '__CACHE_BENCH_DIST__'

const sources = (dir) => readdirSync(dir, {recursive: true}).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')).map((file) => join(dir, file))
// Worker threads start from their own entry modules: bundled too, as each thread loads its modules afresh.
const workerEntries = [join(src, 'runner', 'workers', 'worker-entry.ts'), join(src, 'mrc', 'simulation-worker.ts'), join(src, 'compare', 'cell-worker.ts')]
const entryPoints = [join(src, 'cli', 'execute.ts'), ...sources(join(src, 'commands')), ...sources(join(src, 'cli', 'hooks')), ...workerEntries]

// Modules find files (workloads/, catalogs/, package.json, worker entries) relative to their own
// import.meta.url, which inside a bundle would be the bundle's. Each module's import.meta.url is
// replaced with the URL tsc's copy of it has in dist/; the way from an output file up to dist/ is
// known only once esbuild has placed the module, so it is filled in after the build.
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({filter: /\.ts$/}, (args) => {
      const text = readFileSync(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      const compiled = relative(src, args.path).split(sep).join('/').replace(/\.ts$/, '.js')
      return {contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(`${DIST_PLACEHOLDER}/${compiled}`)}, import.meta.url).href`), loader: 'ts'}
    })
  },
}

const result = await build({
  entryPoints,
  outbase: src,
  outdir: dist,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // oclif reaches for the TypeScript compiler only when run from the sources (bin/dev.js); bundled,
  // it would be 10 MB compiled at every start.
  external: ['typescript', 'ts-node'],
  // CommonJS dependencies (cli-table3, hdr-histogram-js, ioredis, …) call require() for Node's
  // modules, which an ES module does not have.
  banner: {js: "import {createRequire as __cacheBenchRequire} from 'node:module'; const require = __cacheBenchRequire(import.meta.url);"},
  plugins: [ownUrl],
  write: false,
  logLevel: 'warning',
})

rmSync(join(dist, 'chunks'), {recursive: true, force: true})
for (const file of result.outputFiles) {
  const up = relative(dirname(file.path), dist).split(sep).join('/') || '.'
  mkdirSync(dirname(file.path), {recursive: true})
  writeFileSync(file.path, file.text.replaceAll(DIST_PLACEHOLDER, up))
}
console.log(`bundled ${entryPoints.length} entry points into ${result.outputFiles.length} files`)
