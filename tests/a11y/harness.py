"""A private desktop for the AT-SPI tests: Xvfb, a D-Bus session, the AT-SPI bus, the app.

Each piece is a real program a Linux desktop runs (Debian: xvfb, dbus, at-spi2-core,
python3-pyatspi). What is missing is named in one line (`missing_requirements`), so that CI
fails saying what to install rather than skipping. The window runs as a child process
(`child_app.py`) on the xcb platform; `atspi_reader.py` reads its tree under the system
Python, as a screen reader would, and prints JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER_DIRS = ("/usr/libexec", "/usr/lib/at-spi2-core", "/usr/lib/at-spi2")
APP_NAME = "mgdesk"
SCREEN = "1366x768x24"


def bus_launcher() -> str | None:
    for folder in BUS_LAUNCHER_DIRS:
        candidate = Path(folder) / "at-spi-bus-launcher"
        if candidate.is_file():
            return str(candidate)
    return None


def missing_requirements() -> list[str]:
    """The Debian packages this group needs and cannot find, each with what it provides."""
    missing = []
    if shutil.which("Xvfb") is None:
        missing.append("xvfb (Xvfb)")
    if shutil.which("dbus-daemon") is None:
        missing.append("dbus (dbus-daemon)")
    if bus_launcher() is None:
        missing.append("at-spi2-core (at-spi-bus-launcher)")
    probe = (
        subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
        if Path(SYSTEM_PYTHON).is_file()
        else None
    )
    if probe is None or probe.returncode != 0:
        missing.append("python3-pyatspi and gir1.2-atspi-2.0 (pyatspi for /usr/bin/python3)")
    return missing


@dataclass
class Desktop:
    """Xvfb, a private D-Bus session bus and the AT-SPI bus launcher, torn down together."""

    folder: Path
    display: str = ""
    bus_address: str = ""
    _processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self) -> None:
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", SCREEN, "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._processes.append(xvfb)
        assert xvfb.stdout is not None
        number = xvfb.stdout.readline().decode().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        bus = subprocess.Popen(
            [
                "dbus-daemon",
                "--session",
                "--nofork",
                "--print-address=1",
                f"--address=unix:path={self.folder / 'bus'}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._processes.append(bus)
        assert bus.stdout is not None
        self.bus_address = bus.stdout.readline().decode().strip()
        launcher = bus_launcher()
        assert launcher is not None
        self._processes.append(
            subprocess.Popen(
                [launcher, "--launch-immediately"],
                env=self.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("QT_", "DBUS_", "AT_SPI", "WAYLAND"))
        }
        env.update(
            DISPLAY=self.display,
            DBUS_SESSION_BUS_ADDRESS=self.bus_address,
            QT_QPA_PLATFORM="xcb",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_ACCESSIBILITY="1",
            NO_AT_BRIDGE="0",
            GTK_MODULES="",
        )
        env.update(extra)
        return env

    def stop(self) -> None:
        for process in reversed(self._processes):
            process.terminate()
        for process in reversed(self._processes):
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        self._processes.clear()


class AppUnderTest:
    """The real window in a child process, steered by `child_app.py`'s commands."""

    def __init__(self, desktop: Desktop, data_dir: Path, **extra_env: str) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        # The first-run notice is acknowledged, as it is for anyone after their first start.
        (data_dir / "settings.ini").write_text(
            "[notice]\nfirst_run_acknowledged=true\n", encoding="utf-8"
        )
        self.desktop = desktop
        self.log = data_dir / "child-stderr.log"
        self._log_file = self.log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "child_app.py")],
            env=desktop.env(MGDESK_DATA_DIR=str(data_dir), HOME=str(data_dir), **extra_env),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            text=True,
        )
        self._wait_ok()

    def _wait_ok(self) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if line.strip() != "ok":
            stderr = self.log.read_text(encoding="utf-8")[-2000:]
            raise RuntimeError(f"the window did not answer: {line!r} {stderr}")

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        self._wait_ok()

    def tree(self) -> list[dict[str, Any]]:
        """Every showing accessible object of the window, read over AT-SPI."""
        result = subprocess.run(
            [SYSTEM_PYTHON, str(HERE / "atspi_reader.py"), APP_NAME],
            env=self.desktop.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"atspi_reader failed: {result.stderr.strip()}")
        nodes: list[dict[str, Any]] = json.loads(result.stdout)["nodes"]
        return nodes

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write("quit\n")
                self.process.stdin.flush()
                self.process.wait(timeout=10)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self._log_file.close()
