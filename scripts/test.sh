#!/usr/bin/env bash
# The whole test suite, as the README gives it: makes sure redis-server and memcached are
# installed (tests start their own on free 127.0.0.1 ports), builds, runs vitest, and ends with
# one line "N passed, N failed" from vitest's own counts. vitest.config.ts runs the files that
# measure wall-clock time (*.serial.test.ts) after all the others, one at a time; the count
# covers both groups.
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

# Every temporary file of the run (servers' directories, traces, reports) goes into one directory
# removed at the end, so the suite leaves nothing behind in /tmp however a test ends.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cache-bench-tests-XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"

results=.vitest-results.json
rm -f "$results"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
status=$?
if [ -f "$results" ]; then
  # vitest's JSON counts tests only: an error thrown outside any test (an unhandled rejection, an
  # uncaught exception) fails the run with every test passed, so it counts as one failure here.
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const outside = Number(process.argv[2]) !== 0 && r.numFailedTests === 0 ? 1 : 0;
    if (outside) console.log("vitest failed outside the tests (see its Errors above)");
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests + outside} failed`);
  ' "$results" "$status" | tee .test-summary
else
  echo "0 passed, 1 failed" | tee .test-summary
  status=1
fi
exit $status
