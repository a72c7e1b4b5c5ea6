#!/usr/bin/env bash
# Sets up (system packages + .venv with the test tools) and runs every check:
# ruff, mypy, the import contract (no Qt outside headcount.gui) and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
HEADCOUNT_EXTRAS=test bash scripts/setup.sh
. .venv/bin/activate
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
echo "== ruff"; ruff check app tests
echo "== mypy"; mypy
echo "== import contract"; PYTHONPATH=app lint-imports
echo "== pytest"; pytest "$@"
