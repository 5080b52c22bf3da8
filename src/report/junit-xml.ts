/** One test case of a JUnit report: a threshold, a gate, or the run itself. */
export interface JUnitCase {
  name: string
  classname: string
  /** Present when the case failed: a one-line message and the detail (actual vs expected). */
  failure?: {message: string; detail: string}
}

export interface JUnitSuite {
  name: string
  timestamp?: string
  /** Seconds the suite took. */
  time?: number
  properties?: Record<string, string>
  cases: readonly JUnitCase[]
}

/**
 * The JUnit XML that Jenkins, GitLab and GitHub test reporters read: `<testsuites>` of
 * `<testsuite>` (name, tests, failures, errors, skipped) holding `<testcase>` (name, classname)
 * with an optional `<failure message type>`. Written by hand: it is a dozen lines of XML.
 */
export function junitXml(suites: readonly JUnitSuite[]): string {
  const tests = suites.reduce((n, s) => n + s.cases.length, 0)
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure).length, 0)
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="cache-bench" tests="${tests}" failures="${failures}" errors="0">`]
  for (const suite of suites) {
    const failed = suite.cases.filter((c) => c.failure).length
    const timing = `${suite.time === undefined ? '' : ` time="${suite.time.toFixed(3)}"`}${suite.timestamp ? ` timestamp="${escape(suite.timestamp.replace(/Z$/, ''))}"` : ''}`
    lines.push(`  <testsuite name="${escape(suite.name)}" tests="${suite.cases.length}" failures="${failed}" errors="0" skipped="0"${timing}>`)
    const properties = Object.entries(suite.properties ?? {})
    if (properties.length > 0) {
      lines.push('    <properties>', ...properties.map(([k, v]) => `      <property name="${escape(k)}" value="${escape(v)}"/>`), '    </properties>')
    }
    for (const c of suite.cases) {
      const open = `    <testcase name="${escape(c.name)}" classname="${escape(c.classname)}" time="0"`
      if (!c.failure) {
        lines.push(`${open}/>`)
        continue
      }
      lines.push(`${open}>`, `      <failure message="${escape(c.failure.message)}" type="${escape(c.classname)}">${escape(c.failure.detail)}</failure>`, '    </testcase>')
    }
    lines.push('  </testsuite>')
  }
  lines.push('</testsuites>')
  return `${lines.join('\n')}\n`
}

function escape(text: string): string {
  // Characters XML 1.0 forbids even when escaped are dropped.
  // eslint-disable-next-line no-control-regex
  const allowed = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  return allowed.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;')
}
