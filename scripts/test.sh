#!/usr/bin/env bash
# The whole test suite, as the README gives it: makes sure redis-server and memcached are
# installed (tests start their own on free 127.0.0.1 ports), builds, runs vitest, and ends with
# one line "N passed, N failed" from vitest's own counts.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v memcached >/dev/null 2>&1 || need+=(memcached)
# xmllint validates the JUnit reports against test/fixtures/junit.xsd.
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
# The HTML reports are checked in a real headless browser (test/helpers/browser.ts).
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v zstd >/dev/null 2>&1 || need+=(zstd)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian's packages (the integration tests start real servers)..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null || {
    echo "Could not install ${need[*]}; install them with: apt-get install -y redis-server redis-tools memcached libxml2-utils chromium" >&2
    exit 1
  }
fi

npm run --silent build || exit 1

results=.vitest-results.json
rm -f "$results"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
status=$?
if [ -f "$results" ]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  ' "$results" | tee .test-summary
else
  echo "0 passed, 1 failed" | tee .test-summary
  status=1
fi
exit $status
