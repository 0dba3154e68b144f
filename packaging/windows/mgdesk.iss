; Inno Setup script: the Windows installer for the one-folder bundle in dist\mgdesk\.
; Built by .github/workflows/release.yml: iscc /DVersion=<version> packaging\windows\mgdesk.iss
; Start menu entry for mgdesk-gui.exe, an uninstaller; user data (%APPDATA%\mgdesk) is left alone.
#ifndef Version
  #define Version "0.0.0"
#endif

[Setup]
AppId={{7E1B6C2A-4F3D-4C8B-9D0E-6A1F2B3C4D5E}
AppName=mgdesk
AppVersion={#Version}
AppPublisher=The mgdesk authors
DefaultDirName={autopf}\mgdesk
DefaultGroupName=mgdesk
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=mgdesk-{#Version}-windows-setup
SetupIconFile=..\icons\mgdesk.ico
UninstallDisplayIcon={app}\mgdesk-gui.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\dist\mgdesk\licenses\README.txt

[Files]
Source: "..\..\dist\mgdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\mgdesk"; Filename: "{app}\mgdesk-gui.exe"
Name: "{group}\Uninstall mgdesk"; Filename: "{uninstallexe}"
