"""The command line of DESIGN.md: one parser, and the one place exit codes are decided.

0 success; 2 bad usage or bad input (one line on stderr, no traceback); 1 a runtime failure.
Each command lives in `mgdesk.commands.*` and is imported only when it runs, so `mgdesk dose`
does not pay for Qt, SQLAlchemy or reportlab. With no command, the window opens.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeAlias

from mgdesk import __version__

PROG = "mgdesk"
LIST_KINDS = ("symptoms", "forms", "medicines", "conditions", "studies")


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one clear line (exit 2), not a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


_Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def _command(
    parent: _Commands,
    name: str,
    target: str,
    help_text: str,
    **kwargs: object,
) -> _Parser:
    parser = parent.add_parser(name, help=help_text, description=help_text, **kwargs)  # type: ignore[arg-type]
    parser.set_defaults(target=target)
    return parser


def _person_options(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--age", required=required, metavar="YEARS", help="age in whole years")
    parser.add_argument("--months", metavar="M", help="months (0-11); needed under one year")
    parser.add_argument("--sex", required=required, metavar="female|male")
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--pregnant", action="store_true")
    state.add_argument("--lactating", action="store_true", help="breastfeeding")


def _add_gui(commands: _Commands) -> None:
    gui = _command(commands, "gui", "mgdesk.commands.window:run", "open the window")
    when = gui.add_mutually_exclusive_group()
    when.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)
    when.add_argument("--quit-after-load", action="store_true", help=argparse.SUPPRESS)


def _add_dose(commands: _Commands) -> None:
    dose = _command(
        commands,
        "dose",
        "mgdesk.commands.reference:dose",
        "recommended intake and upper limit for an age, sex and life stage",
    )
    _person_options(dose, required=True)
    dose.add_argument("--form", help="a magnesium form, to convert elemental mg to compound mg")
    dose.add_argument("--elemental-mg", metavar="MG", help="elemental magnesium in mg")
    dose.add_argument("--json", action="store_true")


def _add_interactions(commands: _Commands) -> None:
    inter = _command(
        commands,
        "interactions",
        "mgdesk.commands.reference:interactions",
        "what your medicines and conditions mean for taking magnesium",
    )
    inter.add_argument("names", nargs="*", metavar="NAME", help="medicine names (generic or brand)")
    inter.add_argument("--condition", action="append", default=[], metavar="NAME")
    inter.add_argument("--json", action="store_true")


def _add_search(commands: _Commands) -> None:
    search = _command(
        commands, "search", "mgdesk.commands.reference:search", "search all reference content"
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", default="20", metavar="N")
    search.add_argument("--json", action="store_true")


def _add_list(commands: _Commands) -> None:
    listing = _command(
        commands,
        "list",
        "mgdesk.commands.reference:listing",
        "list every symptom, form, medicine, condition or study",
    )
    listing.add_argument("kind", choices=LIST_KINDS)
    listing.add_argument("--json", action="store_true")


def _add_handout(commands: _Commands) -> None:
    handout = _command(
        commands, "handout", "mgdesk.commands.handout:run", "write the visit handout as a PDF"
    )
    handout.add_argument("--from", dest="from_file", metavar="visit.json")
    handout.add_argument("--name")
    handout.add_argument("--date", metavar="YYYY-MM-DD")
    _person_options(handout, required=False)
    handout.add_argument("--symptom", action="append", default=[], metavar="S")
    handout.add_argument("--form", action="append", default=[], metavar="F")
    handout.add_argument("--med", action="append", default=[], metavar="NAME")
    handout.add_argument("--condition", action="append", default=[], metavar="NAME")
    handout.add_argument("--question", action="append", default=[], metavar="TEXT")
    handout.add_argument("--notes", metavar="TEXT")
    handout.add_argument("--page-size", choices=("letter", "a4"))
    handout.add_argument(
        "--large-print", action="store_true", help="body text at 14 pt or more, for low vision"
    )
    handout.add_argument("-o", "--output", required=True, metavar="FILE.pdf")


def _add_visit(commands: _Commands) -> None:
    visit = _command(commands, "visit", "mgdesk.commands.visits:run", "saved visits")
    actions = visit.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    save = actions.add_parser("save", help="save a visit.json as a new visit")
    save.add_argument("file", metavar="FILE.json")
    actions.add_parser("list", help="saved visits, newest first")
    show = actions.add_parser("show", help="show one saved visit")
    show.add_argument("id", metavar="ID")
    export = actions.add_parser("export", help="write a saved visit as visit.json")
    export.add_argument("id", metavar="ID")
    export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    delete = actions.add_parser("delete", help="delete a saved visit")
    delete.add_argument("id", metavar="ID")
    for sub in (save, show, export, delete, actions.choices["list"]):
        sub.add_argument("--json", action="store_true")


def _add_plan(commands: _Commands) -> None:
    plan = _command(
        commands,
        "plan",
        "mgdesk.commands.plan:run",
        "total magnesium, form ranking and timetable for a visit",
    )
    plan.add_argument("--from", dest="from_file", required=True, metavar="visit.json")
    plan.add_argument("--json", action="store_true")


def _add_journal(commands: _Commands) -> None:
    journal = _command(commands, "journal", "mgdesk.commands.journal:run", "symptom journal")
    jactions = journal.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    add = jactions.add_parser("add", help="add a journal entry")
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--time", metavar="HH:MM")
    add.add_argument("--rate", action="append", required=True, metavar="SYMPTOM=0..10")
    add.add_argument("--dose", action="append", default=[], metavar="FORM:MG")
    add.add_argument("--note", metavar="TEXT")
    jexport = jactions.add_parser("export", help="export the journal")
    jexport.add_argument("--format", required=True, choices=("csv", "json"))
    jexport.add_argument("-o", "--output", required=True, metavar="FILE")
    jimport = jactions.add_parser("import", help="import a journal exported as CSV or JSON")
    jimport.add_argument("file", metavar="FILE")
    jimport.add_argument("--format", choices=("csv", "json"), help="default: from the file name")


def _add_data(commands: _Commands) -> None:
    data = _command(
        commands,
        "data",
        "mgdesk.commands.data:run",
        "your data: export it all, import it back, back up, restore, erase",
    )
    dactions = data.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    dexport = dactions.add_parser("export", help="everything you saved, as one JSON file")
    dexport.add_argument("-o", "--output", required=True, metavar="FILE.json")
    dimport = dactions.add_parser("import", help="add everything from an export (all or nothing)")
    dimport.add_argument("file", metavar="FILE.json")
    dactions.add_parser("backups", help="list the automatic backups, newest first")
    drestore = dactions.add_parser("restore", help="put a backup back (the current file is kept)")
    drestore.add_argument("backup", metavar="BACKUP|latest")
    derase = dactions.add_parser("erase", help="erase all your data, backups included")
    derase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")


def _add_self_test(commands: _Commands) -> None:
    _command(
        commands,
        "self-test",
        "mgdesk.commands.selftest:run",
        "check that this installation works (no window)",
    )


def _add_content(commands: _Commands) -> None:
    content = _command(
        commands,
        "content",
        "mgdesk.commands.content:run",
        "the reference content in use, and signed offline content packs",
    )
    actions = content.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=_Parser
    )
    status = actions.add_parser("status", help="the content in use, installed packs, trusted keys")
    verify = actions.add_parser("verify", help="check a pack and show what it changes")
    verify.add_argument("file", metavar="FILE.mgpack")
    install = actions.add_parser("install", help="verify a pack and use it from now on")
    install.add_argument("file", metavar="FILE.mgpack")
    actions.add_parser("rollback", help="back to the previous installed or the bundled content")
    pack = actions.add_parser("pack", help="sign the content of db/content as a pack (releases)")
    pack.add_argument("--key", required=True, metavar="KEYFILE", help="Ed25519 private key (PEM)")
    pack.add_argument("-o", "--output", required=True, metavar="FILE.mgpack")
    pack.add_argument("--source", metavar="DIR", help="content TOML folder (default db/content)")
    pack.add_argument("--changelog", metavar="TEXT", help="what changed, for the reader")
    pack.add_argument("--release-date", metavar="YYYY-MM-DD")
    for sub in (status, verify):
        sub.add_argument("--json", action="store_true")


_COMMANDS: dict[str, Callable[[_Commands], None]] = {
    "gui": _add_gui,
    "dose": _add_dose,
    "interactions": _add_interactions,
    "search": _add_search,
    "list": _add_list,
    "handout": _add_handout,
    "visit": _add_visit,
    "plan": _add_plan,
    "journal": _add_journal,
    "data": _add_data,
    "self-test": _add_self_test,
    "content": _add_content,
}


def build_parser(command: str | None = None) -> _Parser:
    """The whole command line, or with `command` only that command's options.

    Declaring every command's options takes ~10 ms, a noticeable part of the window's start-up
    budget; a command line that names its command needs only that command's parser, and its
    errors and `--help` read the same.
    """
    parser = _Parser(
        prog=PROG,
        description="Offline reference on magnesium for people with fibromyalgia. "
        "With no command, the window opens.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, add in _COMMANDS.items():
        if command is None or command == name:
            add(commands)
    return parser


def _fail(code: int, message: str) -> int:
    print(f"{PROG}: {'error' if code == 2 else 'failed'}: {message}", file=sys.stderr)
    return code


def _version_line() -> str:
    return f"{PROG} {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure becomes one line on stderr and an exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    named = arguments[0] if arguments and arguments[0] in _COMMANDS else None
    args = build_parser(named).parse_args(arguments)
    if args.version:
        print(_version_line())
        return 0
    if args.command is None:
        args = build_parser("gui").parse_args(["gui"])
    module_name, _, function = args.target.partition(":")

    from mgdesk.domain.errors import InputError

    try:
        handler = getattr(importlib.import_module(module_name), function)
        return int(handler(args))
    except InputError as exc:
        return _fail(2, str(exc))
    except KeyboardInterrupt:
        return _fail(1, "interrupted")
    except BrokenPipeError:
        return 1
    except Exception as exc:  # the last resort: no traceback reaches the user
        if os.environ.get("MGDESK_DEBUG"):
            raise
        return _fail(1, _runtime_message(exc))


def _runtime_message(exc: Exception) -> str:
    """One readable line for a failure the user cannot fix by retyping."""
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def gui_main() -> int:
    """Entry point of the windowed launcher (`mgdesk-gui`)."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
