# Builds dist\headcount (PyInstaller) and dist\headcount-setup-<version>.exe (Inno Setup)
# on a Windows 10/11 x64 PC. Run from the repository root in PowerShell:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Needs: Python 3.11 x64 (py launcher), Inno Setup 6.4+ (iscc on PATH or default folder).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
$py = ".venv\Scripts\python.exe"
& $py -m pip install -q --upgrade pip
& $py -m pip install -q -e . "pyinstaller==6.22.3"

& $py -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\headcount.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
& dist\headcount\headcount.exe doctor
$version = & $py -c "import headcount; print(headcount.__version__)"

$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" installer\windows\headcount.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-Item "dist\headcount-setup-$version.exe"
