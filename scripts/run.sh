#!/usr/bin/env bash
# Sets up (system packages + .venv) and starts Headcount. With no station configured
# it opens the built-in demo station. Extra arguments go to `headcount demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  # No screen (a server, SSH, CI): run the demo station headless for a fixed number of
  # frames; it prints what it measured as JSON and exits.
  echo "No display found: running the demo headless (没有显示器：以无界面方式运行演示)." >&2
  exec .venv/bin/headcount demo --offscreen --frames 150 "$@"
fi
exec .venv/bin/headcount demo "$@"
