#!/usr/bin/env bash
# Install everything the tests need, then run every test (unit, AppTest and browser).
# Usage: bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium drives the browser tests (Playwright cannot download its own browser here);
# Debian's nginx runs the deployment tests (tests/deploy/) in front of replicas on loopback;
# Debian's redis-server holds workshop rooms in the store and cluster tests.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium fonts-dejavu-core"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing="$missing redis-server"
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq $missing >/dev/null
fi

python -m pip install --quiet --disable-pip-version-check -e ".[test]"
bash scripts/check

# pytest exits 5 when it collects no test: that must fail, never pass quietly.
set +e
python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$status"
