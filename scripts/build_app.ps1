# Build craftdesk for Windows: one-folder app, self-check, zip and per-user installer.
#
#   powershell -ExecutionPolicy Bypass -File scripts\build_app.ps1
#
# Needs Python 3.11 from python.org (the "py" launcher picks it with -3.11; plain "py -3"
# would take whatever Python is newest) and, for the installer, NSIS 3.08+ (makensis).
# The build environment .venv-build is exactly release\build-lock.txt (pinned, with
# hashes); build.spec refuses any other.
# Output in dist\: craftdesk\ (craftdesk.exe without console, craftdesk-debug.exe with
# console), craftdesk-<version>-windows.zip and craftdesk-<version>-windows-setup.exe.
#
# Signing (optional): set CRAFTDESK_SIGN_COMMAND to a signtool command without the file,
# e.g. 'signtool sign /sha1 <thumbprint> /fd SHA256 /tr http://timestamp.digicert.com /td SHA256'.
# Both .exe files are signed before packing; the installer and its uninstaller as NSIS
# writes them.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

# Windows PowerShell 5.1 wraps every line a native program writes to stderr (pip's and
# PyInstaller's progress messages) in an error record; under "Stop" the first one ends the
# script when output is redirected (CI, logs). Native programs therefore run through this
# wrapper: stderr passes through as text and the exit code decides.
function Invoke-Native {
    param([Parameter(Mandatory)][string]$What, [Parameter(Mandatory)][scriptblock]$Command)
    $saved = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        & $Command 2>&1 | ForEach-Object { "$_" }
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $saved
    }
    if ($code -ne 0) { throw "$What failed (exit code $code)" }
}

$python = ".venv-build\Scripts\python.exe"
if (-not (Test-Path $python)) {
    Invoke-Native "creating the Python 3.11 environment" { py -3.11 -m venv .venv-build }
}
Invoke-Native "upgrading pip" { & $python -m pip install --quiet --upgrade "pip>=23.1" }
Invoke-Native "installing the locked build environment" {
    & $python -m pip install --quiet --require-hashes -r release\build-lock.txt
}
Invoke-Native "PyInstaller" { & $python -m PyInstaller --noconfirm --clean build.spec }

if ($env:CRAFTDESK_SIGN_COMMAND) {
    foreach ($exe in "dist\craftdesk\craftdesk.exe", "dist\craftdesk\craftdesk-debug.exe") {
        Invoke-Native "signing $exe" { cmd /c "$env:CRAFTDESK_SIGN_COMMAND `"$exe`"" }
    }
}

Write-Host "== self-check of the built app"
$env:CRAFTDESK_DATA_DIR = Join-Path ([System.IO.Path]::GetTempPath()) ("craftdesk-selfcheck-" + [guid]::NewGuid())
try {
    Invoke-Native "self-check of the built app" { & dist\craftdesk\craftdesk-debug.exe --self-check }
} finally {
    Remove-Item Env:\CRAFTDESK_DATA_DIR
}

$version = (Select-String -Path craftdesk\__init__.py -Pattern '__version__ = "(.+)"').Matches[0].Groups[1].Value
$archive = "dist\craftdesk-$version-windows.zip"
if (Test-Path $archive) { Remove-Item $archive }
Compress-Archive -Path dist\craftdesk -DestinationPath $archive

Invoke-Native "building the installer" { & $python release\windows\build_installer.py }
$size = (Get-ChildItem dist\craftdesk -Recurse | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("== done: {0}, dist\craftdesk-{1}-windows-setup.exe (folder {2:N0} MB)" -f $archive, $version, $size)
