#!/usr/bin/env bash
# ensure-tool.sh <command-or-path> <debian package>: install a system tool with apt-get
# when it is missing and we are root on Debian; otherwise say how to install it.
set -euo pipefail
tool=$1 package=$2
if [ -x "$tool" ] || command -v "$tool" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "→ apt-get install $package (for $tool)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null; }
  exit 0
fi
echo "✗ $tool is missing. Install it with: sudo apt-get install $package" >&2
exit 1
