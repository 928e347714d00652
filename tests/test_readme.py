"""The README stays true: its commands exist, and its shortcut table matches the registry."""

import re
import subprocess
import sys
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_two_commands_are_documented_and_wired():
    assert "make run" in README and "make test" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "make test" in ci


def test_every_sub_command_in_help_is_in_the_readme_and_back():
    out = subprocess.run([sys.executable, "-m", "app", "--help"], capture_output=True, text=True, check=True)
    listing = out.stdout.split("positional arguments:")[1].split("\noptions:")[0]
    in_help = set(re.findall(r"^    ([a-z]+)", listing, re.M))
    table = README.split("## Command line")[1].split("\n## ")[0]
    in_readme = set(re.findall(r"^\| `([a-z]+)[ `]", table, re.M))
    assert in_help == in_readme
    for option in ("--self-test", "--version"):
        assert option in out.stdout and option in table


NAMES = {"Return": "Enter", "Ins": "Insert", "Del": "Delete"}


def test_every_shortcut_of_the_registry_is_in_the_readme(qapp):
    from app.ui.main_window import build_main_window
    window = build_main_window()
    keyboard = README.split("## Keyboard")[1].split("\n## ")[0]
    missing = []
    for menu, text, keys in window.registry.shortcut_sheet():
        for key in (k.strip() for k in keys.split("(")[0].split(",") if k.strip()):
            key = "+".join(NAMES.get(part, part) for part in key.split("+"))
            if key not in keyboard and key not in ("Up", "Down", "Left", "Right", "Backspace"):
                missing.append(f"{menu} ▸ {text}: {key}")
    window.close()
    assert not missing, missing
