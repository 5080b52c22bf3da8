// Loaded after tsx by `npm run bench`: every import of a module under src/ is served from dist/,
// the build users run, instead of the source transformed on the fly. The transform wraps each
// named function it creates (to keep its name) in a defineProperty call, which costs nothing for
// a CLI but dominates code that creates small functions per operation: the data-structure
// workloads ran at half their built speed under it. The bench files themselves stay TypeScript,
// typed against src/.
import {existsSync} from 'node:fs'
import {register} from 'node:module'

const root = new URL('../', import.meta.url).href

if (!existsSync(new URL('../dist/', import.meta.url))) {
  throw new Error('the bench measures the build: run `npm run build` first (npm run bench does)')
}

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      const src = ${JSON.stringify(root + 'src/')}
      const dist = ${JSON.stringify(root + 'dist/')}
      export async function resolve(specifier, context, nextResolve) {
        const resolved = await nextResolve(specifier, context)
        if (!resolved.url.startsWith(src) || !resolved.url.endsWith('.ts')) return resolved
        return {...resolved, url: dist + resolved.url.slice(src.length, -3) + '.js', format: 'module'}
      }
    `),
)
