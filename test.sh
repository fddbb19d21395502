#!/usr/bin/env bash
# The test command: installs what the tests need (on a bare Debian 12 machine), then runs the whole suite.
# Each installer below is a function called before the suite; add new needs the same way.
# Extra arguments go to Maven, e.g. ./test.sh -Dtest=ReconnectResyncTest
set -euo pipefail
cd "$(dirname "$0")"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Browser tests drive Debian's headless Chromium through chromedriver.
install_chromium() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} for the browser tests"
    apt_install "${missing[@]}"
  fi
}

install_chromium
mvn -B -q verify "$@"
