#!/usr/bin/env bash
# Sets up (system packages + .venv) and starts Headcount: the station configured on this
# PC (the folder the first-run wizard chose), or the built-in demo station when none is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
configured=$(QT_QPA_PLATFORM=offscreen .venv/bin/python -c "
from headcount.gui.app import remembered_data_dir
from headcount.store.db import DB_NAME, default_data_dir
data = remembered_data_dir() or default_data_dir()
print('yes' if (data / DB_NAME).exists() else 'no')" 2>/dev/null || echo no)
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  # No screen (a server, SSH, CI): run the demo station headless for a fixed number of
  # frames; it prints what it measured as JSON (with how many match proposals were made
  # and how many await the operator's confirmation) and exits.
  echo "No display found: running the demo headless (没有显示器：以无界面方式运行演示)." >&2
  exec .venv/bin/headcount demo --offscreen --frames 150 "$@"
fi
if [ "$configured" = "yes" ]; then
  exec .venv/bin/headcount "$@"
fi
exec .venv/bin/headcount demo "$@"
