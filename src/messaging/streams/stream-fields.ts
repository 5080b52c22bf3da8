/**
 * The fields of every stream entry cache-bench writes: `p` publisher, `n` that publisher's
 * sequence number on this stream (1, 2, …), `t` intended publish time (ms on the run's clock),
 * `m` the message body (header and padding). One connection per publisher executes its XADDs
 * in order, so a group sees each publisher's `n` rise on every stream; a number it skips over
 * was trimmed before the group read it.
 */
export interface StreamMessage {
  publisher: number
  sequence: number
  intendedMs: number
  body: Buffer | string
}

export function messageFields(message: StreamMessage): Array<string | Buffer> {
  return ['p', String(message.publisher), 'n', String(message.sequence), 't', String(message.intendedMs), 'm', message.body]
}

/** The message in an entry's fields, or null when the entry is not one of ours. */
export function fieldsMessage(fields: Map<string, Buffer>): StreamMessage | null {
  const publisher = Number(fields.get('p')?.toString())
  const sequence = Number(fields.get('n')?.toString())
  const intendedMs = Number(fields.get('t')?.toString())
  if (!Number.isInteger(publisher) || !Number.isInteger(sequence) || !Number.isFinite(intendedMs)) return null
  return {publisher, sequence, intendedMs, body: fields.get('m') ?? Buffer.alloc(0)}
}
