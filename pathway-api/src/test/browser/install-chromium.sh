#!/usr/bin/env bash
# Installs Debian's headless Chromium and ChromeDriver for the browser tests (DashboardBrowserIT) when they are
# missing. Run by the Maven build before the integration tests and by .ci/run; does nothing when both are there.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The browser tests need Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2
  exit 1
fi
echo "Installing Debian's chromium and chromium-driver for the browser tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version
