#!/usr/bin/env bash
# Makes sure Debian's headless Chromium and its WebDriver are installed for the browser tests:
# installs the `chromium` and `chromium-driver` packages (and a font, so that pages and screenshots
# show text) when /usr/bin/chromium or /usr/bin/chromedriver is missing. Needs root, as CI has.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
  echo "browser tests: /usr/bin/chromium or /usr/bin/chromedriver is missing;" \
    "install Debian's chromium and chromium-driver packages (as root), or skip with -DskipITs" >&2
  exit 1
fi
echo "browser tests: installing Debian's chromium and chromium-driver" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core >&2
