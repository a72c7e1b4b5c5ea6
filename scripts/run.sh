#!/usr/bin/env bash
# Sets up (system packages + .venv) and starts Headcount. With no station configured
# it opens the built-in demo station.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/headcount demo "$@"
