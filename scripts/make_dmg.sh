#!/usr/bin/env bash
# Pack craftdesk.app into a compressed disk image with a link to /Applications (macOS).
#
#   scripts/make_dmg.sh dist/craftdesk.app dist/craftdesk-<version>-macos.dmg
#
# The user opens the .dmg and drags craftdesk into "Programme" (Applications); started
# from the image itself, craftdesk asks to be moved first (App Translocation). With
# CRAFTDESK_CODESIGN_IDENTITY the image is signed, and with CRAFTDESK_NOTARY_PROFILE it is
# notarized and stapled too (the .app inside must already be notarized and stapled).
set -euo pipefail
app="${1:?path of craftdesk.app}"
dmg="${2:?path of the .dmg to write}"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Programme"
rm -f "$dmg"
hdiutil create -volname "craftdesk" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${CRAFTDESK_CODESIGN_IDENTITY:-}" ]; then
    codesign --sign "$CRAFTDESK_CODESIGN_IDENTITY" --timestamp "$dmg"
    if [ -n "${CRAFTDESK_NOTARY_PROFILE:-}" ]; then
        "$(dirname "$0")/notarize_macos.sh" "$dmg"
    fi
fi
echo "$dmg"
