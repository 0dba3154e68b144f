"""Start-up with an installed content pack against start-up with the bundled content.

Makes a throwaway key, trusts it in a temporary data folder, packs db/content under a newer
version, installs it, and then times `mgdesk gui --quit-after-paint` in turn with an empty data
folder (bundled content) and with the one holding the pack (first paint from
MGDESK_PAINT_STAMP, as bench/startup.py). `--baseline DIR` adds a third program: an older
checkout of mgdesk run the same way (PYTHONPATH=DIR), to show the bundled path is no slower
than before. Goal (#15): installed within 5 % of bundled.

    python bench/content_pack.py [--runs 15] [--baseline DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, Row  # noqa: E402
from startup import run_once  # noqa: E402

GOAL = 1.05

_SETUP = """
import shutil, sys
from pathlib import Path
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from mgdesk import paths
from mgdesk.cli import main
work = Path(sys.argv[1])
key = Ed25519PrivateKey.generate()
(work / "data" / "keys").mkdir(parents=True)
(work / "data" / "keys" / "bench.pub").write_bytes(
    key.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo))
(work / "key.pem").write_bytes(
    key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()))
shutil.copytree(paths.content_source_dir(), work / "src")
meta = work / "src" / "meta.toml"
meta.write_text(meta.read_text().replace('content_version = "', 'content_version = "9', 1))
pack = str(work / "bench.mgpack")
assert main(["content", "pack", "--key", str(work / "key.pem"), "-o", pack,
             "--source", str(work / "src")]) == 0
assert main(["content", "install", pack]) == 0
"""


def measure(runs: int, baseline: Path | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="mgdesk-bench-pack-") as temp:
        work = Path(temp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        env.pop("MGDESK_DEBUG", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        setup_env = dict(env, MGDESK_DATA_DIR=str(work / "data"))
        subprocess.run(
            [sys.executable, "-c", _SETUP, str(work)],
            env=setup_env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        command = [sys.executable, "-m", "mgdesk", "gui", "--quit-after-paint"]
        envs = {
            "bundled": dict(env, MGDESK_DATA_DIR=str(work / "empty")),
            "installed": dict(env, MGDESK_DATA_DIR=str(work / "data")),
        }
        if baseline is not None:
            envs["before"] = dict(
                env, MGDESK_DATA_DIR=str(work / "before"), PYTHONPATH=str(baseline)
            )
        for child_env in envs.values():  # warm-up
            run_once(command, child_env)
        times: dict[str, list[float]] = {name: [] for name in envs}
        for _ in range(runs):
            for name, child_env in envs.items():
                painted = run_once(command, child_env).paint_seconds
                if painted is None:
                    raise SystemExit(f"{name}: no first paint written")
                times[name].append(painted)
    report = {f"{name}_s": round(statistics.median(t), 4) for name, t in times.items()}
    report["installed_ratio"] = round(report["installed_s"] / report["bundled_s"], 3)
    if baseline is not None:
        report["bundled_over_before"] = round(report["bundled_s"] / report["before_s"], 3)
    report["runs"] = runs
    return report


def rows() -> list[Row]:
    report = measure(9, None)
    ratio = report["installed_ratio"]
    return [
        Row(
            "first paint with an installed content pack",
            f"{report['installed_s']:.3f} s",
            f"{report['bundled_s']:.3f} s (bundled)",
            ratio,
            f"<= {GOAL}x",
            ratio <= GOAL,
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, help="an older mgdesk checkout to time too")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = measure(args.runs, args.baseline)
    print(json.dumps(report) if args.json else "\n".join(f"{k}: {v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
