#!/usr/bin/env bash
# Install everything the tests need, then run the tests.
#
#   bash scripts/test.sh           every test: unit, AppTest, browser (Chromium), nginx, Redis
#   bash scripts/test.sh --fast    everyday work: unit and AppTest only, nothing installed
#   bash scripts/test.sh --bench   the benchmark smoke runs (their own CI step: minutes of servers)
#
# Extra arguments go to pytest, e.g. `bash scripts/test.sh --fast -k body_map`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Python's bytecode cache, even where the environment turns it off (this machine's image sets
# PYTHONDONTWRITEBYTECODE): every test worker, app server and AppTest run imports the guide and
# its tests, and compiling them afresh each time cost about 5 CPU seconds per worker.
unset PYTHONDONTWRITEBYTECODE

mode="full"
case "${1:-}" in
  --fast) mode="fast"; shift ;;
  --bench) mode="bench"; shift ;;
esac

# Three workers on two cores, each taking whole test files (loadfile): a browser module's server
# and tabs start once, on one worker. Two workers left the cores idle about a sixth of the time
# (browser flows waiting on the app: a phone following, a rerun settling); a third fills that
# (docs/performance.md, "The test run"). TEST_WORKERS=1 runs the files one at a time.
workers=(-n "${TEST_WORKERS:-3}" --dist loadfile)

if [ "$mode" != "fast" ]; then
  # Debian's Chromium drives the browser tests (Playwright cannot download its own browser here);
  # Debian's nginx runs the deployment tests (tests/deploy/) in front of replicas on loopback;
  # Debian's redis-server holds workshop rooms in the store and cluster tests.
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  missing=""
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium fonts-dejavu-core"
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
  command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing="$missing redis-server"
  # Noto Sans for Tamil and Chinese: the pages and the PDFs in those languages (sciatica_guide/pdf.py).
  [ -f /usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf ] || missing="$missing fonts-noto-core"
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing="$missing fonts-noto-cjk"
  if [ -n "$missing" ]; then
    $apt_get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq $missing >/dev/null
  fi
  # The browser tests drive Chromium's headless shell (half the CPU per fresh browser context);
  # the benchmarks keep the full browser, as people have it (guide_testing/browser.py). Where the
  # package is not available the tests drive the full browser, only more slowly.
  if ! command -v chromium-headless-shell >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium-headless-shell >/dev/null \
      || { $apt_get update -qq && DEBIAN_FRONTEND=noninteractive \
        $apt_get install -y -qq chromium-headless-shell >/dev/null; } \
      || echo "chromium-headless-shell is not available: the browser tests use chromium" >&2
  fi
  python -m pip install --quiet --disable-pip-version-check -e ".[test]"
fi

check_pid=""
case "$mode" in
  full)
    # The static checks (mostly one core: mypy) run beside the tests; their verdict and output
    # come after pytest's, and either failing fails the command.
    check_log="$(mktemp)"
    bash scripts/check >"$check_log" 2>&1 &
    check_pid=$!
    selection=(-m "not bench")
    ;;
  fast) selection=(-m "not browser and not nginx and not bench and not slow") ;;
  bench) selection=(-m bench) ;;
esac

# pytest exits 5 when it collects no test: that must fail, never pass quietly.
set +e
python -m pytest "${workers[@]}" "${selection[@]}" "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  status=1
fi
if [ -n "$check_pid" ]; then
  set +e
  wait "$check_pid"
  check_status=$?
  set -e
  echo "--- scripts/check"
  cat "$check_log"
  rm -f "$check_log"
  if [ "$check_status" -ne 0 ]; then
    echo "scripts/check failed" >&2
    [ "$status" -ne 0 ] || status=$check_status
  fi
fi
exit "$status"
