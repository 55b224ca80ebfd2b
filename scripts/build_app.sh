#!/usr/bin/env bash
# Build the one-folder app with PyInstaller from the locked environment (macOS and Linux).
#
#   scripts/build_app.sh                 # creates .venv-build with Python 3.11 if needed
#   scripts/build_app.sh --no-excludes   # untrimmed build, to compare sizes
#
# Python: 3.11 (PYTHON=/path/to/python3.11 to choose one). On macOS use the python.org
# installer or Homebrew's python@3.11 -- the system's /usr/bin/python3 (3.9) is too old.
# The build environment is exactly release/build-lock.txt (pinned, with hashes);
# build.spec refuses any other. Output: dist/craftdesk/ (craftdesk + craftdesk-debug), on
# macOS dist/craftdesk.app, plus a .tar.gz (Linux) or a .zip and a .dmg (macOS). The built
# app checks itself at the end. macOS signing: see the README (CRAFTDESK_CODESIGN_IDENTITY).
set -euo pipefail
cd "$(dirname "$0")/.."

python_bin="${PYTHON:-python3.11}"
if [ ! -x .venv-build/bin/python ]; then
    "$python_bin" -m venv .venv-build
fi
.venv-build/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
    || { echo "the build needs Python 3.11 (set PYTHON)" >&2; exit 2; }
.venv-build/bin/python -m pip install --quiet --upgrade "pip>=23.1"
.venv-build/bin/python -m pip install --quiet --require-hashes -r release/build-lock.txt

spec_args=()
if [ "$#" -gt 0 ]; then
    spec_args=(-- "$@")
fi
.venv-build/bin/python -m PyInstaller --noconfirm --clean build.spec "${spec_args[@]}"

version="$(.venv-build/bin/python -c 'import craftdesk; print(craftdesk.__version__)')"
if [ "$(uname -s)" = "Darwin" ]; then
    app_dir="dist/craftdesk.app/Contents/MacOS"
else
    app_dir="dist/craftdesk"
fi

echo "== self-check of the built app"
QT_QPA_PLATFORM=offscreen CRAFTDESK_DATA_DIR="$(mktemp -d)" "$app_dir/craftdesk-debug" --self-check

if [ "$(uname -s)" = "Darwin" ]; then
    # Signed and notarized builds: notarize and staple the .app BEFORE packing it, so the
    # ticket travels inside the zip and the .dmg (see the README, "macOS release").
    if [ -n "${CRAFTDESK_NOTARY_PROFILE:-}" ]; then
        scripts/notarize_macos.sh dist/craftdesk.app
    fi
    archive="dist/craftdesk-${version}-macos.zip"
    rm -f "$archive"
    # ditto keeps the bundle's symlinks and extended attributes, unlike plain zip.
    ditto -c -k --sequesterRsrc --keepParent dist/craftdesk.app "$archive"
    scripts/make_dmg.sh dist/craftdesk.app "dist/craftdesk-${version}-macos.dmg"
    du -sh dist/craftdesk.app
else
    archive="dist/craftdesk-${version}-linux-$(uname -m).tar.gz"
    tar -C dist -czf "$archive" craftdesk
    du -sh dist/craftdesk
fi
echo "== done: $archive"
