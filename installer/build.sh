#!/usr/bin/env bash
# Builds the one-folder bundle dist/headcount/ (executable dist/headcount/headcount) with
# PyInstaller from the project's .venv, then prints its size.
#
#   bash installer/build.sh             # build (always)
#   bash installer/build.sh --if-stale  # skip when dist/headcount matches the sources
#
# The bundle is stamped with a hash of everything that goes into it (app/, resources/,
# installer/, pyproject.toml, the installed package versions); --if-stale compares it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYINSTALLER_VERSION=6.22.3

if [ ! -x .venv/bin/python ]; then
  bash scripts/setup.sh
fi
PY=.venv/bin/python

stamp() {
  {
    find app resources installer -type f \( -name '*.py' -o -name '*.spec' -o -name '*.sh' \
      -o -name '*.onnx' -o -name '*.tflite' -o -name '*.task' -o -name '*.qm' -o -name '*.md' \
      -o -name '*.png' -o -name '*.jpg' -o -name '*.svg' -o -name '*.ico' -o -name '*.desktop' -o -name '*.iss' \) \
      -not -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum
    sha256sum pyproject.toml
    "$PY" -m pip freeze --exclude-editable 2>/dev/null
  } | sha256sum | cut -d' ' -f1
}

WANT=$(stamp)
if [ "${1:-}" = "--if-stale" ] && [ -f dist/headcount/BUILD-STAMP ] \
   && [ "$(cat dist/headcount/BUILD-STAMP)" = "$WANT" ] && [ -x dist/headcount/headcount ]; then
  echo "dist/headcount is up to date ($(du -sh dist/headcount | cut -f1))"
  exit 0
fi

if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "Installing PyInstaller $PYINSTALLER_VERSION into .venv"
  "$PY" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION"
fi

# mediapipe's library without debug symbols, prepared outside the repo tree.
mkdir -p build/native
MP_LIB=$("$PY" -c "import mediapipe, pathlib; print(pathlib.Path(mediapipe.__file__).parent / 'tasks/c/libmediapipe.so')")
if command -v strip >/dev/null 2>&1; then
  strip --strip-unneeded -o build/native/libmediapipe.so "$MP_LIB"
else
  rm -f build/native/libmediapipe.so
fi

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/headcount.spec
echo "$WANT" > dist/headcount/BUILD-STAMP
echo "Built dist/headcount in $(( $(date +%s) - start )) s: $(du -sh dist/headcount | cut -f1)" \
  "($(find dist/headcount -type f | wc -l) files)"
