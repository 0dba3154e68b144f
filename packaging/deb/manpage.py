"""The man page and bash completion, generated from mgdesk's own argparse parser.

Generated at build time from `mgdesk.cli.build_parser()`, so neither can go stale: a command
or option added to the parser appears in both with no edit here.

    python packaging/deb/manpage.py man OUT.1 | bash OUT
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from mgdesk import __version__
from mgdesk.cli import PROG, build_parser
from mgdesk.domain.text import DISCLAIMER


def _roff(text: str) -> str:
    escaped = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(
        ("\\&" + line) if line[:1] in {".", "'"} else line for line in escaped.split("\n")
    )


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its sub-parsers only here
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _helps(parser: argparse.ArgumentParser) -> dict[str, str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {a.dest: a.help or "" for a in action._choices_actions}
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    lines = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS or isinstance(
            action, (argparse._SubParsersAction, argparse._HelpAction)
        ):
            continue
        if action.option_strings:
            names = ", ".join(f"\\fB{_roff(o)}\\fR" for o in action.option_strings)
            if action.nargs != 0:
                names += f" \\fI{_roff(action.metavar or action.dest.upper())}\\fR"
        else:
            names = f"\\fI{_roff(action.metavar or action.dest)}\\fR"
        text = action.help or ""
        if action.choices and not isinstance(action.choices, dict):
            text = (
                (text + " " if text else "")
                + "One of: "
                + ", ".join(map(str, action.choices))
                + "."
            )
        if action.required and action.option_strings:
            text = (text + ". " if text else "") + "Required."
        lines += [".TP", names, _roff(text) if text else ""]
    return [line for line in lines if line != ""]


def man_page() -> str:
    parser = build_parser()
    date = datetime.date.today().isoformat()
    out = [
        f'.TH MGDESK 1 "{date}" "mgdesk {__version__}" "User Commands"',
        ".SH NAME",
        "mgdesk \\- offline reference on magnesium for people with fibromyalgia",
        ".SH SYNOPSIS",
        f"\\fB{PROG}\\fR [\\fB\\-\\-version\\fR] [\\fICOMMAND\\fR [\\fIOPTIONS\\fR]]",
        ".br",
        "\\fBmgdesk\\-gui\\fR (the window, for launchers)",
        ".SH DESCRIPTION",
        _roff(parser.description or ""),
        ".PP",
        _roff(DISCLAIMER),
        ".SH OPTIONS",
        *_options(parser),
        ".SH COMMANDS",
    ]
    helps = _helps(parser)
    for name, sub in _subcommands(parser).items():
        out += [
            f'.SS "{_roff(PROG + " " + name)}"',
            _roff(helps.get(name) or sub.description or ""),
        ]
        out += _options(sub)
        actions = _subcommands(sub)
        action_helps = _helps(sub)
        for action_name, action in actions.items():
            out += [f'.SS "{_roff(PROG + " " + name + " " + action_name)}"']
            if action_helps.get(action_name):
                out.append(_roff(action_helps[action_name]))
            out += _options(action)
    out += [
        ".SH EXIT STATUS",
        "0 on success; 2 for bad usage or bad input (one line on standard error); "
        "1 for a failure at run time.",
        ".SH ENVIRONMENT",
        ".TP",
        "\\fBMGDESK_DATA_DIR\\fR",
        "The folder holding your data (default: ~/.local/share/mgdesk).",
        ".SH FILES",
        ".TP",
        "\\fI~/.local/share/mgdesk/\\fR",
        "Your data: saved visits, the journal, settings and backups. Removing the package "
        "leaves it alone; \\fBmgdesk data erase \\-\\-yes\\fR erases it.",
    ]
    return "\n".join(out) + "\n"


def bash_completion() -> str:
    parser = build_parser()
    cases = []
    commands = _subcommands(parser)
    for name, sub in commands.items():
        words = [o for a in sub._actions if a.help != argparse.SUPPRESS for o in a.option_strings]
        actions = list(_subcommands(sub))
        cases.append(f'        {name}) words="{" ".join(actions + words)}" ;;')
    top = " ".join([*commands, "--version", "--help", "-h"])
    return f"""# bash completion for mgdesk, generated from its argument parser
_mgdesk() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" words
    if [[ $COMP_CWORD -eq 1 ]]; then
        words="{top}"
    else
        case "${{COMP_WORDS[1]}}" in
{chr(10).join(cases)}
        *) words="" ;;
        esac
        local previous="${{COMP_WORDS[COMP_CWORD-1]}}"
        if [[ $previous == -o || $previous == --output ]]; then
            COMPREPLY=($(compgen -f -- "$cur"))
            return
        fi
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _mgdesk mgdesk
"""


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"man", "bash"}:
        print("usage: manpage.py man|bash OUT", file=sys.stderr)
        return 2
    text = man_page() if argv[0] == "man" else bash_completion()
    Path(argv[1]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
