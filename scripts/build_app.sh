#!/usr/bin/env bash
# Build the installable one-folder app with PyInstaller (macOS and Linux).
#
#   scripts/build_app.sh            # uses the active virtualenv, else creates .venv
#   scripts/build_app.sh --no-excludes   # untrimmed build, to compare sizes
#
# Output: dist/craftdesk/ (folder with craftdesk + craftdesk-debug), on macOS also
# dist/craftdesk.app, plus a zip/tar.gz next to it. The built app checks itself at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VIRTUAL_ENV:-}" ]; then
    if [ ! -x .venv/bin/python ]; then
        "${PYTHON:-python3}" -m venv .venv
    fi
    # shellcheck disable=SC1091
    . .venv/bin/activate
fi

python -m pip install --upgrade pip >/dev/null
python -m pip install -e ".[build]"

spec_args=()
if [ "$#" -gt 0 ]; then
    spec_args=(-- "$@")
fi
python -m PyInstaller --noconfirm --clean build.spec "${spec_args[@]}"

version="$(python -c 'import craftdesk; print(craftdesk.__version__)')"
if [ "$(uname -s)" = "Darwin" ]; then
    app_dir="dist/craftdesk.app/Contents/MacOS"
else
    app_dir="dist/craftdesk"
fi

echo "== self-check of the built app"
QT_QPA_PLATFORM=offscreen CRAFTDESK_DATA_DIR="$(mktemp -d)" "$app_dir/craftdesk-debug" --self-check

if [ "$(uname -s)" = "Darwin" ]; then
    archive="dist/craftdesk-${version}-macos.zip"
    rm -f "$archive"
    # ditto keeps the bundle's symlinks and extended attributes, unlike plain zip.
    ditto -c -k --sequesterRsrc --keepParent dist/craftdesk.app "$archive"
    du -sh dist/craftdesk.app
else
    archive="dist/craftdesk-${version}-linux-$(uname -m).tar.gz"
    tar -C dist -czf "$archive" craftdesk
    du -sh dist/craftdesk
fi
echo "== done: $archive"
