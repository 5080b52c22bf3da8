import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {chromium, type BrowserContext} from 'playwright-core'

/** Debian's chromium, installed by scripts/test.sh like redis-server. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A headless Chromium with a fresh profile; `close()` ends it and removes the profile. */
export async function startBrowser(): Promise<{context: BrowserContext; close: () => Promise<void>}> {
  const profile = mkdtempSync(join(tmpdir(), 'cb-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 120_000})
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, {recursive: true, force: true})
    },
  }
}
