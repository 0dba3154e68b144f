"""`make deb`: the Debian package dist/mgdesk_<version>_amd64.deb, from the bundle in dist/mgdesk/.

No second build of the app: the PyInstaller bundle goes under /usr/lib/mgdesk/ as it is, with
/usr/bin/mgdesk and /usr/bin/mgdesk-gui as links to it. Around it: the desktop entry, the
hicolor icons, the AppStream metainfo, a man page and bash completion generated from the
parser (packaging/deb/manpage.py), a DEP-5 copyright file naming every bundled licence, the
changelog and the lintian overrides. `Depends` comes from the libraries the bundle's binaries
link to that the bundle does not carry, each mapped to its Debian package with `dpkg -S`.

Run with the bundle's virtual environment (it has mgdesk installed, for the parser):
    build/bundle-venv/bin/python packaging/deb/build_deb.py
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mgdesk import __version__, paths

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "packaging" / "deb"
BUNDLE = ROOT / "dist" / "mgdesk"
STAGE = ROOT / "build" / "deb" / "root"
ARCH = "amd64"
MAINTAINER = "mgdesk maintainers <mgdesk@users.noreply.github.com>"
SIZES = (16, 32, 48, 64, 128, 256)
# Libraries every Debian system has through libc6 itself, never listed apart.
LIBC = {
    "libc.so.6",
    "libm.so.6",
    "libpthread.so.0",
    "libdl.so.2",
    "librt.so.1",
    "ld-linux-x86-64.so.2",
}


def _run(*argv: str | Path) -> str:
    result = subprocess.run([str(a) for a in argv], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, argv))}\n{result.stdout}{result.stderr}")
    return result.stdout


def _needed(path: Path) -> list[str]:
    dump = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    words = [line.split() for line in dump.stdout.splitlines()]
    return [w[1] for w in words if len(w) == 2 and w[0] == "NEEDED"]


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def system_libraries(bundle: Path) -> set[str]:
    """Libraries the bundle's binaries link to that it does not carry itself."""
    carried = {p.name for p in bundle.rglob("*")}
    needed: set[str] = set()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            needed.update(_needed(path))
    return {name for name in needed if name not in carried}


# Debian 12 packages of libraries a kept plugin links to that a build machine may lack (then
# dpkg cannot name their package): the Wayland platform plugin's cursor library.
KNOWN_PACKAGES = {"libwayland-cursor.so.0": "libwayland-cursor0"}


def debian_packages(libraries: set[str]) -> dict[str, str]:
    """library -> the Debian package that ships it here (dpkg -S)."""
    found = {}
    for name in sorted(libraries):
        out = subprocess.run(
            ["dpkg-query", "-S", f"*/{name}"], capture_output=True, text=True, check=False
        ).stdout
        packages = sorted({line.split(":")[0] for line in out.splitlines() if ":" in line})
        if not packages and name in KNOWN_PACKAGES:
            packages = [KNOWN_PACKAGES[name]]
        if not packages:
            raise SystemExit(f"no Debian package ships {name}: install it on the build machine")
        found[name] = packages[0]
    return found


def depends(bundle: Path) -> str:
    packages = {"libc6", *debian_packages(system_libraries(bundle) - LIBC).values()}
    return ", ".join(sorted(packages))


def _install(source: Path | str, target: str, mode: int = 0o644, text: str | None = None) -> None:
    destination = STAGE / target.lstrip("/")
    destination.parent.mkdir(parents=True, exist_ok=True)
    if text is not None:
        destination.write_text(text, encoding="utf-8")
    else:
        shutil.copyfile(source, destination)
    destination.chmod(mode)


def _normalise_modes(top: Path) -> None:
    """Files 0644, executables and folders 0755: what lintian expects."""
    for path in [top, *top.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or (
            os.access(path, os.X_OK)
            and _is_elf(path)
            and not path.name.endswith((".so",))
            and ".so." not in path.name
        ):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def _copyright() -> str:
    """DEP-5: mgdesk itself, then each bundled component with its licence and where its text is."""
    index = (BUNDLE / "licenses" / "README.txt").read_text(encoding="utf-8")
    components = [line[2:] for line in index.splitlines() if line.startswith("- ")]
    blocks = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
        "Upstream-Name: mgdesk",
        "Source: https://github.com/mgdesk/mgdesk",
        "Comment: The program is a PyInstaller bundle in /usr/lib/mgdesk. The full licence texts",
        " of every bundled component are in /usr/lib/mgdesk/licenses/, listed in its README.txt:",
        *([f" {c}" for c in components] or [" ."]),
        "",
        "Files: *",
        "Copyright: 2026 the mgdesk authors",
        "License: MIT",
        "",
        "Files: usr/lib/mgdesk/_internal/PySide6/* usr/lib/mgdesk/_internal/shiboken6/*",
        "Copyright: The Qt Company Ltd. and other contributors",
        "License: LGPL-3.0-only",
        " Qt and PySide6 are linked dynamically and may be replaced. On Debian systems the",
        " complete text of the GNU Lesser General Public License version 3 is in",
        " /usr/share/common-licenses/LGPL-3.",
        "",
        "Files: usr/lib/mgdesk/_internal/resources/fonts/*",
        "Copyright: Google LLC and the Noto project authors",
        "License: OFL-1.1",
        " The full text is in /usr/lib/mgdesk/licenses/NotoSans-OFL.txt.",
        "",
        "Files: usr/lib/mgdesk/mgdesk usr/lib/mgdesk/mgdesk-gui",
        "Copyright: PyInstaller Development Team",
        "License: GPL-2.0-or-later with PyInstaller bootloader exception",
        " The bootloader is GPL-2.0-or-later with an exception allowing it in programs under any",
        " licence. On Debian systems the GPL version 2 is in /usr/share/common-licenses/GPL-2;",
        " the exception is in /usr/lib/mgdesk/licenses/.",
        "",
        "License: MIT",
        " Permission is hereby granted, free of charge, to any person obtaining a copy of this",
        ' software and associated documentation files (the "Software"), to deal in the Software',
        " without restriction, including without limitation the rights to use, copy, modify,",
        " merge, publish, distribute, sublicense, and/or sell copies of the Software, and to",
        " permit persons to whom the Software is furnished to do so, subject to the following",
        " conditions:",
        " .",
        " The above copyright notice and this permission notice shall be included in all copies",
        " or substantial portions of the Software.",
        " .",
        ' THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,',
        " INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A",
        " PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT",
        " HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF",
        " CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR",
        " THE USE OR OTHER DEALINGS IN THE SOFTWARE.",
    ]
    return "\n".join(blocks) + "\n"


def _changelog() -> bytes:
    text = (
        f"mgdesk ({__version__}) unstable; urgency=medium\n\n"
        "  * Packaged from the PyInstaller bundle (see packaging/README.md).\n\n"
        f" -- {MAINTAINER}  Thu, 03 Dec 2026 12:00:00 +0000\n"
    )
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def stage() -> Path:
    if STAGE.exists():
        shutil.rmtree(STAGE)
    lib = STAGE / "usr" / "lib" / "mgdesk"
    lib.parent.mkdir(parents=True)
    shutil.copytree(BUNDLE, lib, symlinks=True)
    _normalise_modes(lib)
    bin_dir = STAGE / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("mgdesk", "mgdesk-gui"):
        (bin_dir / name).symlink_to(f"../lib/mgdesk/{name}")
    app_id = paths.APP_ID
    _install(ROOT / "resources" / f"{app_id}.desktop", f"usr/share/applications/{app_id}.desktop")
    icons = ROOT / "resources" / "icons"
    for size in SIZES:
        _install(
            icons / f"mgdesk-{size}.png", f"usr/share/icons/hicolor/{size}x{size}/apps/mgdesk.png"
        )
    _install(icons / "mgdesk.svg", "usr/share/icons/hicolor/scalable/apps/mgdesk.svg")
    metainfo = (HERE / "metainfo.xml").read_text(encoding="utf-8").replace("@VERSION@", __version__)
    _install("", f"usr/share/metainfo/{app_id}.metainfo.xml", text=metainfo)
    for shot in sorted((ROOT / "build" / "deb" / "screenshots").glob("*.png")):
        _install(shot, f"usr/share/mgdesk/screenshots/{shot.name}")
    man = ROOT / "build" / "deb" / "mgdesk.1"
    _run(sys.executable, HERE / "manpage.py", "man", man)
    page = STAGE / "usr/share/man/man1/mgdesk.1.gz"
    page.parent.mkdir(parents=True)
    page.write_bytes(gzip.compress(man.read_bytes(), compresslevel=9, mtime=0))
    page.chmod(0o644)
    (STAGE / "usr/share/man/man1/mgdesk-gui.1.gz").symlink_to("mgdesk.1.gz")
    completion = ROOT / "build" / "deb" / "mgdesk.bash"
    _run(sys.executable, HERE / "manpage.py", "bash", completion)
    _install(completion, "usr/share/bash-completion/completions/mgdesk")
    _install("", "usr/share/doc/mgdesk/copyright", text=_copyright())
    doc = STAGE / "usr/share/doc/mgdesk/changelog.gz"
    doc.write_bytes(_changelog())
    doc.chmod(0o644)
    _install(HERE / "lintian-overrides", "usr/share/lintian/overrides/mgdesk")
    for path in [STAGE, *STAGE.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    return STAGE


def control(installed_kib: int) -> str:
    return (
        "Package: mgdesk\n"
        f"Version: {__version__}\n"
        f"Architecture: {ARCH}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends(BUNDLE)}\n"
        "Section: science\n"
        "Priority: optional\n"
        "Homepage: https://github.com/mgdesk/mgdesk\n"
        "Description: offline reference on magnesium for people with fibromyalgia\n"
        " mgdesk explains magnesium for people with fibromyalgia: symptoms, the forms\n"
        " of magnesium, reference intakes and upper limits, interactions with medicines\n"
        " and conditions, a draft plan to agree with a doctor, a symptom journal and a\n"
        " PDF handout for the visit. It works offline and keeps data on this computer.\n"
        " It is reference information, not medical advice.\n"
    )


def main() -> int:
    if not (BUNDLE / "mgdesk").is_file():
        raise SystemExit("no bundle in dist/mgdesk: run `make bundle` first")
    root = stage()
    size = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control((size + 1023) // 1024), encoding="utf-8")
    (debian / "control").chmod(0o644)
    target = ROOT / "dist" / f"mgdesk_{__version__}_{ARCH}.deb"
    _run("dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", root, target)
    print(f"{target.relative_to(ROOT)}, {target.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
