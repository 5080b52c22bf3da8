import type {ShardInfo} from '../metrics/result.js'
import type {ShardPart} from './merge-parts.js'

export const shardLabel = (shard: ShardInfo): string => `shard ${shard.index}/${shard.count}`

/**
 * The parts' warnings, each once: a warning every part gave stands as it is, the others say
 * which part gave them. Missing shards come first, since they change how to read everything.
 */
export function mergeWarnings(parts: readonly ShardPart[], missing: readonly number[], count: number, label: (shard: ShardInfo) => string): string[] {
  const warnings: string[] = []
  if (missing.length > 0) {
    warnings.push(
      `only ${parts.length} of ${count} shards were merged (missing: ${missing.join(', ')}); the figures cover only the operations of the shards merged.`,
    )
  }
  const seen = new Set<string>()
  for (const part of parts) {
    for (const warning of part.result.warnings) {
      if (seen.has(warning)) continue
      seen.add(warning)
      const everywhere = parts.every((other) => other.result.warnings.includes(warning))
      warnings.push(everywhere ? warning : `${label(part.result.shard)}: ${warning}`)
    }
  }
  return warnings
}
