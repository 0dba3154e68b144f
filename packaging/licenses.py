"""Gather the licence texts of everything a bundle carries into its `licenses/` folder.

Run by packaging/build.py with the bundle's own virtual environment, whose installed
distributions are exactly what PyInstaller bundled:

    build/bundle-venv/bin/python packaging/licenses.py BUNDLE_DIR

- every distribution mgdesk needs at run time (its requirements, followed through), with the
  licence files from its metadata, or the licence named in the metadata when it has none;
- Qt and PySide6 (LGPL-3.0, whose wheels carry no licence text: the texts are kept in
  packaging/licenses/), Python itself, PyInstaller's bootloader and the Noto fonts;
- on Debian-like systems, the copyright file of each system library PyInstaller copied in.

`licenses/README.txt` lists them all with versions and licences.
"""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
LICENSE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
QT_DISTS = {"pyside6-essentials", "pyside6-addons", "pyside6-pdf", "shiboken6"}
QT_NOTICE = """\
Qt and PySide6 are used under the GNU Lesser General Public License version 3
(LGPL-3.0-only; see LGPL-3.0.txt, which builds on GPL-3.0.txt). They are linked dynamically:
the Qt and PySide6 libraries are the separate files under _internal/PySide6/ and may be
replaced with compatible builds of the same version. Their source code is available from
https://download.qt.io/official_releases/ and https://code.qt.io/cgit/pyside/pyside-setup.git/
(tag v{version}). Qt includes third-party components under their own licences, listed at
https://doc.qt.io/qt-6/licenses-used-in-qt.html
"""


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def runtime_distributions(root: str = "mgdesk") -> list[metadata.Distribution]:
    """`root` and everything it requires at run time (no extras), each once."""
    seen: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = _name(pending.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency for another platform
        seen[name] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return sorted(seen.values(), key=lambda d: _name(d.metadata["Name"]))


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression") or meta.get("License") or ""
    if expression and "\n" not in expression and len(expression) < 120:
        return expression
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if "License" in c]
    return ", ".join(classifiers) or "see the licence files"


def copy_licence_files(dist: metadata.Distribution, target: Path) -> list[str]:
    copied = []
    for file in dist.files or []:
        parts = file.parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        inner = Path(*parts[1:])
        if inner.parts[:1] == ("licenses",) or LICENSE_FILE.match(inner.name):
            relative = Path(*inner.parts[1:]) if inner.parts[0] == "licenses" else inner
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(str(file.locate())), destination)
            copied.append(str(relative))
    return copied


def system_library_copyrights(bundle: Path, target: Path) -> list[str]:
    """The Debian copyright file of each system library in the bundle's top folder."""
    if not shutil.which("dpkg-query") or platform.system() != "Linux":
        return []
    packages: set[str] = set()
    internal = bundle / "_internal"
    for library in sorted(internal.glob("lib*.so*")):
        if library.is_symlink() or library.name.startswith(("libQt6", "libpython")):
            continue
        found = subprocess.run(
            ["dpkg-query", "--search", f"*/{library.name}"],
            capture_output=True,
            text=True,
            check=False,
        )
        for line in found.stdout.splitlines():
            packages.add(line.split(":")[0].strip())
    names = []
    for package in sorted(packages):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copyright_file, target / f"{package}.txt")
            names.append(package)
    return names


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: licenses.py BUNDLE_DIR", file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    out = bundle / "licenses"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    lines = [
        "Licences of the components in this bundle",
        "==========================================",
        "",
        "mgdesk itself: MIT.",
        "",
    ]

    qt_version = ""
    for dist in runtime_distributions():
        name, version = dist.metadata["Name"], dist.version
        if _name(name) == "mgdesk":
            continue
        folder = out / f"{name}-{version}"
        files = copy_licence_files(dist, folder)
        if _name(name) in QT_DISTS:
            qt_version = ".".join(version.split(".")[:3])
            folder.mkdir(parents=True, exist_ok=True)
            for text in ("LGPL-3.0.txt", "GPL-3.0.txt"):
                shutil.copyfile(ROOT / "packaging" / "licenses" / text, folder / text)
            files += ["LGPL-3.0.txt", "GPL-3.0.txt"]
        if not files:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "LICENSE.txt").write_text(
                f"{name} {version} is distributed under: {licence_of(dist)}\n", encoding="utf-8"
            )
            files = ["LICENSE.txt (from the package metadata)"]
        lines.append(f"- {name} {version}: {licence_of(dist)}  [{name}-{version}/]")

    if qt_version:
        (out / "Qt-and-PySide6.txt").write_text(QT_NOTICE.format(version=qt_version), "utf-8")
        lines.append(f"- Qt {qt_version} (inside PySide6): LGPL-3.0-only  [Qt-and-PySide6.txt]")

    stdlib = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    for candidate in (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            shutil.copyfile(candidate, out / "Python-LICENSE.txt")
            lines.append(f"- Python {platform.python_version()}: PSF-2.0  [Python-LICENSE.txt]")
            break

    try:
        pyinstaller = metadata.distribution("pyinstaller")
        folder = out / f"PyInstaller-bootloader-{pyinstaller.version}"
        copy_licence_files(pyinstaller, folder)
        lines.append(
            f"- PyInstaller {pyinstaller.version} bootloader (the two executables): "
            f"GPL-2.0-or-later with the bootloader exception  [{folder.name}/]"
        )
    except metadata.PackageNotFoundError:
        pass

    fonts = ROOT / "resources" / "fonts" / "OFL.txt"
    shutil.copyfile(fonts, out / "NotoSans-OFL.txt")
    lines.append("- Noto Sans fonts (resources/fonts): OFL-1.1  [NotoSans-OFL.txt]")

    system = system_library_copyrights(bundle, out / "system-libraries")
    if system:
        lines += [
            "",
            "System libraries copied from the build machine (Debian packages), each with its",
            "copyright file in system-libraries/:",
            "",
            *(f"- {package}" for package in system),
        ]
    (out / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"licences: {len(lines)} lines of index, {sum(1 for _ in out.rglob('*'))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
