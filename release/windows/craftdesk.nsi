; Per-user Windows installer of craftdesk (NSIS 3.08 or newer; makensis also runs on Linux).
;
; Built by release/windows/build_installer.py from a one-folder build (dist/craftdesk):
;   python release/windows/build_installer.py [--source dist\craftdesk] [--out dist]
; which passes VERSION, VERSION4, SOURCE_DIR, OUTFILE, ICON and optionally SIGN_COMMAND.
;
; - no administrator rights: installs into %LOCALAPPDATA%\Programs\craftdesk, writes only HKCU
; - Start menu shortcut, entry in "Apps & Features" (uninstall), optional start with Windows
; - upgrade: the new version replaces the program files of the old one in the same folder;
;   the data folder (%APPDATA%\craftdesk: database, logs) and the keyring entry are never
;   touched, neither by an upgrade nor by the uninstaller
; - signing: with SIGN_COMMAND defined, the installer and the uninstaller are signed as they
;   are written (the two program files are signed before, by scripts\build_app.ps1)

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
!ifdef FAST_COMPRESSION
  SetCompressor zlib
!endif

!ifndef VERSION | VERSION4 | SOURCE_DIR | OUTFILE | ICON
  !error "VERSION, VERSION4, SOURCE_DIR, OUTFILE and ICON must be defined (see build_installer.py)"
!endif

!define APP "craftdesk"
!define PUBLISHER "craftdesk"
!define EXE "craftdesk.exe"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define APPROVED_KEY "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
; An upgrade installs where the previous version is.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

!ifdef SIGN_COMMAND
  !finalize '${SIGN_COMMAND} "%1"' = 0
  !uninstfinalize '${SIGN_COMMAND} "%1"' = 0
!endif

; Version information of Setup.exe (Explorer → Properties → Details).
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} – Installation"
VIAddVersionKey /LANG=0 "LegalCopyright" "© ${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "English"

Section "craftdesk" SecApp
  SectionIn RO
  ; Upgrade: the app must not run while its files are replaced (a running .exe cannot be
  ; opened for writing).
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
        "craftdesk läuft noch. Bitte im Infobereich craftdesk → Beenden wählen und dann Wiederholen." \
        /SD IDCANCEL IDRETRY retry
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
  ; Files of the previous version go first, so none of them lingers next to the new ones.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

; Same entry as the app's own setting „Mit dem System starten“ (craftdesk/autostart.py).
Section /o "Mit Windows starten" SecAutostart
  WriteRegStr HKCU "${RUN_KEY}" "${APP}" '"$INSTDIR\${EXE}"'
  ; Ticked here on purpose: clear a "disabled" left by Task Manager.
  DeleteRegValue HKCU "${APPROVED_KEY}" "${APP}"
SectionEnd

Section "-Autostart off when unticked"
  ${IfNot} ${SectionIsSelected} ${SecAutostart}
    DeleteRegValue HKCU "${RUN_KEY}" "${APP}"
  ${EndIf}
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "Das Programm craftdesk mit Startmenü-Eintrag. Ihre Daten bleiben bei einem Update erhalten."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAutostart} "craftdesk beim Anmelden an Windows starten (lässt sich in craftdesk und im Task-Manager ändern)."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  ; Upgrade: keep the autostart choice of the installed version preselected.
  ReadRegStr $0 HKCU "${RUN_KEY}" "${APP}"
  ${If} $0 != ""
    SectionSetFlags ${SecAutostart} ${SF_SELECTED}
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  DeleteRegValue HKCU "${RUN_KEY}" "${APP}"
  DeleteRegValue HKCU "${APPROVED_KEY}" "${APP}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ; Only what the installer put there; the folder itself only if it is empty then.
  ; The data folder %APPDATA%\craftdesk stays (database, logs).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\craftdesk.exe"
  Delete "$INSTDIR\craftdesk-debug.exe"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
SectionEnd
