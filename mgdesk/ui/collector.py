"""When Python's cycle collector runs in the window process, measured rather than left to chance.

Start-up creates a few hundred thousand objects that live as long as the process (Qt's
bindings and their enums, mgdesk's modules, the content): every collection while they are
made walks them again and frees nothing (about 15 ms of collections before the first paint,
measured with `gc.callbacks`). At exit, the interpreter's last collections walk them once more
(60-80 ms between the window closing and the process ending, measured). So the collector is
paused until the first paint; then whatever exists is moved to the permanent generation
(`gc.freeze`) so that later collections only look at what the session itself creates; and
after the window's data is flushed and closed, the final collections are skipped the same way.
A window that starts minimized or on another workspace may not paint for a long time, so the
collector resumes at the latest SETTLE_AFTER_MS after the window is made.
"""

from __future__ import annotations

import gc

SETTLE_AFTER_MS = 3000


def pause_for_start_up() -> None:
    """Called before the window's modules are imported."""
    gc.disable()


def settle_after_first_paint() -> None:
    """Called once the window has painted (or SETTLE_AFTER_MS after it was made, whichever
    comes first; the second call changes nothing): freeze what start-up made, collect again."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()


def skip_final_collections() -> None:
    """Called after the window's data is written and its databases closed, just before exit.

    Objects in the permanent generation are not collected when the interpreter ends; the
    operating system takes back their memory, and nothing of the user's is left unwritten.
    """
    gc.freeze()
