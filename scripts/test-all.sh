#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine and runs them all:
# typecheck, lint, format, unit + integration tests on SQLite and PostgreSQL,
# the benchmark smoke run and the browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Chromium for the browser tests (never downloaded), and the interop tools the sync
# tests check Tend against: python3-icalendar parses the calendar feed; vdirsyncer,
# khard and radicale are the CardDAV reference clients and server.
if [ ! -x /usr/bin/chromium ] || ! /usr/bin/python3 -c 'import icalendar' 2>/dev/null \
  || ! command -v vdirsyncer >/dev/null || ! command -v khard >/dev/null || ! /usr/bin/python3 -c 'import radicale' 2>/dev/null; then
  step "Installing Chromium and the sync interop tools from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium python3-icalendar vdirsyncer khard radicale >/dev/null
fi
# Interop tests fail instead of skipping when a tool is missing in CI.
export CI="${CI:-1}"

export TEND_TEST_PG_URL="${TEND_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  step "Starting PostgreSQL"
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable at 127.0.0.1:5432; the tests need it ($TEND_TEST_PG_URL)"; exit 1; }
fi

step "Installing npm packages (and building server and web app)"
npm ci --no-audit --no-fund

step "npm audit of production dependencies (fails on high or critical)"
npm run audit

step "Typecheck, lint, format"
npm run typecheck
npm run lint
npm run format:check

rm -rf reports && mkdir -p reports

step "Unit and integration tests (SQLite and PostgreSQL)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json

step "Benchmark smoke run (size S: only checks that the suite runs)"
# Tiny on purpose: one second of load per HTTP figure, small imports, one browser pass.
# The figures of a smoke run mean nothing; docs/performance.md has the real ones.
npm run bench -- --size S --db both --duration 1 --runs 20 --smoke --postgres "${TEND_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}" >reports/bench-smoke.txt
tail -n 3 reports/bench-smoke.txt
# …and that the spread of runs reads what it wrote.
npm run -s bench:spread -- --last 1 --size S >reports/bench-spread.txt
grep -q "POST /api/v1/interactions" reports/bench-spread.txt

step "Browser tests (Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/reports/playwright.json" npm run test:e2e -- --reporter=list,json

step "Summary"
node scripts/test-summary.mjs
