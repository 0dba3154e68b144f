"""Entry script of the bundle's two executables, which share one folder and one archive.

`mgdesk` is the command line (and the window when given no command); `mgdesk-gui` is the
windowed launcher for desktop menus. They run the same code as the wheel's entry points of
the same names (`mgdesk.cli:main`, `mgdesk.cli:gui_main`); the executable's own file name
says which one this is.
"""

import os
import sys
from pathlib import Path


def coerce_c_locale() -> None:
    """Under the bare C locale (`env -i`, LANG=C), use C.UTF-8 for characters, as `python`
    itself does (PEP 538) and as Qt would after four lines of warning on stderr.

    The bundle's embedded Python skips PEP 538's coercion, so without this the frozen program
    would differ from `python -m mgdesk`. LC_ALL, when set, is the user's explicit choice and
    is left alone.
    """
    if not sys.platform.startswith("linux") or os.environ.get("LC_ALL"):
        return
    ctype = os.environ.get("LC_CTYPE") or os.environ.get("LANG") or "C"
    if ctype in {"C", "POSIX"}:
        os.environ["LC_CTYPE"] = "C.UTF-8"


if __name__ == "__main__":
    coerce_c_locale()
    from mgdesk.cli import gui_main, main

    windowed = Path(sys.executable).stem.lower().endswith("-gui")
    sys.exit(gui_main() if windowed else main())
