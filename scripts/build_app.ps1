# Build the installable one-folder app with PyInstaller on Windows (PowerShell).
#
#   powershell -ExecutionPolicy Bypass -File scripts\build_app.ps1
#
# Output: dist\craftdesk\ (craftdesk.exe without console, craftdesk-debug.exe with console)
# and dist\craftdesk-<version>-windows.zip. The built app checks itself at the end.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

if (-not $env:VIRTUAL_ENV) {
    if (-not (Test-Path ".venv\Scripts\python.exe")) {
        py -3 -m venv .venv
    }
    . .venv\Scripts\Activate.ps1
}

python -m pip install --upgrade pip | Out-Null
python -m pip install -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

python -m PyInstaller --noconfirm --clean build.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

Write-Host "== self-check of the built app"
$env:CRAFTDESK_DATA_DIR = Join-Path ([System.IO.Path]::GetTempPath()) ("craftdesk-selfcheck-" + [guid]::NewGuid())
& dist\craftdesk\craftdesk-debug.exe --self-check
$check = $LASTEXITCODE
Remove-Item Env:\CRAFTDESK_DATA_DIR
if ($check -ne 0) { throw "self-check of the built app failed" }

$version = python -c "import craftdesk; print(craftdesk.__version__)"
$archive = "dist\craftdesk-$version-windows.zip"
if (Test-Path $archive) { Remove-Item $archive }
Compress-Archive -Path dist\craftdesk -DestinationPath $archive
$size = (Get-ChildItem dist\craftdesk -Recurse | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("== done: {0} (folder {1:N0} MB)" -f $archive, $size)
