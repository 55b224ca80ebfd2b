"""The command line's help is written for users: every command and option explains
itself, in German, without the specification's internal rule ids."""

from __future__ import annotations

import argparse
import re

import pytest

from craftdesk import cli


def all_parsers(parser: argparse.ArgumentParser, path: str = "craftdesk"):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from all_parsers(sub, f"{path} {name}")


def help_texts(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield choice.dest, choice.help
        else:
            yield "/".join(action.option_strings) or action.dest, action.help


PARSERS = list(all_parsers(cli.build_parser()))


@pytest.mark.parametrize(("path", "parser"), PARSERS, ids=[path for path, _ in PARSERS])
def test_every_command_and_option_has_help(path, parser):
    missing = [name for name, text in help_texts(parser) if not text or text == argparse.SUPPRESS]
    assert missing == [], f"{path}: no help for {missing}"


def test_help_shows_no_internal_rule_ids():
    rule_id = re.compile(r"\((?:[A-Z]\d+|§\s*\d+)|\b[A-Z]\d+[–-][A-Z]?\d+\b|§\s*\d")
    for path, parser in PARSERS:
        text = parser.format_help()
        assert not rule_id.search(text), f"{path}: {rule_id.search(text).group(0)}"
        assert "show this help message" not in text
        assert "positional arguments" not in text


def test_version_and_self_check_are_in_the_top_level_help(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--version", "--self-check", "--verbose", "--data-dir", "--api-url"):
        assert option in out
