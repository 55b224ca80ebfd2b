#!/usr/bin/env bash
# Notarize a signed craftdesk.app or .dmg with Apple and staple the ticket to it (macOS).
#
#   CRAFTDESK_NOTARY_PROFILE=craftdesk-notary scripts/notarize_macos.sh dist/craftdesk.app
#   CRAFTDESK_NOTARY_PROFILE=craftdesk-notary scripts/notarize_macos.sh dist/craftdesk-X-macos.dmg
#
# The profile is stored once with
#   xcrun notarytool store-credentials craftdesk-notary --apple-id … --team-id … --password <app-specific>
# The app must be signed with a Developer ID identity and the hardened runtime
# (CRAFTDESK_CODESIGN_IDENTITY at build time). Order matters: staple the .app first, then
# pack it; a zip or .dmg made before stapling carries no ticket.
set -euo pipefail
target="${1:?path of craftdesk.app or a .dmg}"
profile="${CRAFTDESK_NOTARY_PROFILE:?set CRAFTDESK_NOTARY_PROFILE (xcrun notarytool store-credentials)}"

case "$target" in
    *.app)
        # notarytool takes a zip, dmg or pkg: submit a temporary zip of the bundle.
        submission="$(mktemp -d)/$(basename "$target" .app)-notarize.zip"
        ditto -c -k --sequesterRsrc --keepParent "$target" "$submission"
        ;;
    *.dmg)
        submission="$target"
        ;;
    *)
        echo "expected a .app or a .dmg: $target" >&2
        exit 2
        ;;
esac
xcrun notarytool submit "$submission" --keychain-profile "$profile" --wait
xcrun stapler staple "$target"
xcrun stapler validate "$target"
