; Inno Setup script: Headcount for Windows (64-bit), from the PyInstaller folder
; dist\headcount built on a Windows PC (see installer/README.md).
;   iscc installer\windows\headcount.iss            -> dist\headcount-setup-0.1.0.exe
;   iscc /DAppVersion=0.2.0 installer\windows\headcount.iss
; Needs Inno Setup 6.4 or newer (Chinese Simplified messages ship with it).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root "..\.."

[Setup]
AppId={{6F1C8E52-3C1B-4E8B-9C59-2D7C7A0B4E11}
AppName=Headcount
AppVerName=Headcount {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Headcount
DefaultDirName={autopf}\Headcount
DefaultGroupName=Headcount
DisableProgramGroupPage=yes
; Per-machine by default (IT staff install once for every user); a teacher without
; admin rights can choose "only for me".
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=headcount-setup-{#AppVersion}
SetupIconFile={#Root}\resources\icons\headcount.ico
UninstallDisplayIcon={app}\headcount-app.exe
UninstallDisplayName=Headcount
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh.DesktopIcon=在桌面创建快捷方式
en.DesktopIcon=Create a desktop shortcut
zh.SelfCheck=Headcount 自检
en.SelfCheck=Headcount self-check
zh.LaunchNow=启动 Headcount
en.LaunchNow=Start Headcount

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\headcount\*"; DestDir: "{app}"; Excludes: "BUILD-STAMP"; \
  Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\docs\INSTALL.md"; DestDir: "{app}\docs"; Flags: ignoreversion skipifsourcedoesntexist

[Icons]
Name: "{group}\Headcount"; Filename: "{app}\headcount-app.exe"
Name: "{group}\{cm:SelfCheck}"; Filename: "{cmd}"; \
  Parameters: "/k ""{app}\headcount.exe"" doctor"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,Headcount}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Headcount"; Filename: "{app}\headcount-app.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\headcount-app.exe"; Description: "{cm:LaunchNow}"; \
  Flags: nowait postinstall skipifsilent

; Uninstalling removes the program folder only. The station's data
; (%LOCALAPPDATA%\Headcount) and its key (Windows Credential Manager, or
; %LOCALAPPDATA%\Headcount-keys) stay, so a reinstall finds the station again;
; docs/INSTALL.md says how to remove them for good.
