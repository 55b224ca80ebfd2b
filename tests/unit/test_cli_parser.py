"""The CLI parser of SPEC §7."""

from __future__ import annotations

import pytest

from craftdesk.cli import build_parser


def test_used_articles_repeatable_and_space_separated_both_kept():
    parser = build_parser()
    args = parser.parse_args(
        ["appointment", "done", "7", "--hours", "3,5", "--used", "A-1=2", "--used", "B-2=1", "C-3=4"]
    )
    assert args.used == ["A-1=2", "B-2=1", "C-3=4"]
    assert args.appointment_id == 7
    # without --used: None, so the worksheet keeps its lines (an empty list would clear them)
    assert parser.parse_args(["appointment", "done", "7", "--hours", "1"]).used is None


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["invoice", "not-a-number"])
    assert info.value.code == 2
    assert "Aufruf fehlerhaft" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, sentence",
    [
        (
            ["export", "customers", "--format", "xml"],
            "--format: „xml“ gibt es nicht (möglich: json, csv, ics)",
        ),
        (["appointment", "done", "1"], "es fehlt: --hours"),
        (["--bogus"], "unbekannt: --bogus"),
        (["invoice", "abc"], "PROJECT_ID: „abc“ ist keine Nummer"),
        (["export", "customers", "-o", ""], "-o/--output: ein leerer Dateiname geht nicht"),
    ],
)
def test_H15_a_usage_error_is_one_german_sentence_naming_the_help(capsys, argv, sentence):
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert len(err.splitlines()) == 1 and sentence in err and "--help)" in err
    for english in ("usage", "invalid", "argument", "choose", "required", "unrecognized"):
        assert english not in err
