#!/usr/bin/env bash
# The whole test suite: installs what a new machine lacks, builds, starts the private PostgreSQL (unless
# ConnectionStrings__Tariff names a server) and the private ClickHouse, runs every test project of Studio.sln, stops what it started and
# exits non-zero on any failure. Test results (TRX) and browser screenshots are kept under artifacts/test-results.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
results="$repo/artifacts/test-results"

scripts/system-packages.sh
scripts/frontend.sh

echo "test.sh: building"
dotnet build Studio.sln -c Release --nologo -v quiet -clp:NoSummary

source scripts/common.sh
use_database "$repo"
use_clickhouse "$repo"
export TARIFF_TEST_CLICKHOUSE="${TARIFF_TEST_CLICKHOUSE:-http://127.0.0.1:${TARIFF_CH_HTTP_PORT:-58123}/}"
# Tests create and drop databases of their own on this server, never touching the studio's `tariff` database.
export TARIFF_TEST_POSTGRES="${ConnectionStrings__Tariff:-Host=127.0.0.1;Port=${TARIFF_PG_PORT:-55432};Username=tariff;Database=postgres}"
export TARIFF_REPO_ROOT="$repo"
export TARIFF_TEST_ARTIFACTS="$results"

rm -rf "$results"
mkdir -p "$results"
status=0
# The browser tests run on their own, after the rest: on a 2-core machine the other projects' builds of databases and
# parallel tests can starve Chromium and the studio process long enough to trip a page-load timeout.
# xUnit runs as many test classes at once as there are cores; each holds a database and connection pools of its own,
# so the count is capped where the private PostgreSQL (500 connections) keeps room for all of them.
threads="$(nproc)"; [ "$threads" -gt 8 ] && threads=8
dotnet test Studio.sln -c Release --no-build --nologo --filter "FullyQualifiedName!~Tariff.Studio.BrowserTests" \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" -- xUnit.MaxParallelThreads="$threads" || status=$?
dotnet test tests/Tariff.Studio.BrowserTests -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

# One closing line for people and CI: the sums over every test project's TRX file.
sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | awk -F'"' '{ n += $2 } END { print n + 0 }'; }
passed="$(sum passed)"; failed="$(sum failed)"; total="$(sum total)"; executed="$(sum executed)"
passed="${passed:-0}"; failed="${failed:-0}"; total="${total:-0}"; executed="${executed:-0}"
skipped=$((total - executed))
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
# The names of failed tests come last too, so a log cut to its tail still says what to look at.
if [ "$failed" -ne 0 ]; then
  cat "$results"/*.trx | grep -o '<UnitTestResult [^>]*outcome="Failed"' | grep -o 'testName="[^"]*"' \
    | sed 's/^testName="\(.*\)"$/  failed: \1/' || true
fi

if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  echo "test.sh: FAILED" >&2
  exit 1
fi
echo "test.sh: all tests passed"
