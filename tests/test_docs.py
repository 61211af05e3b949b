"""Every command has help text with an example, and the README shows each command."""

from __future__ import annotations

import inspect

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from ingest.cli import main


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


COMMANDS = [()] + list(_commands(main))


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "babelwire")
def test_command_help_has_an_example(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "babelwire " + " ".join(path) in result.output


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=" ".join)
def test_readme_mentions_every_command(path):
    assert "babelwire " + " ".join(path) in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "babelwire")
def test_help_keeps_each_example_on_one_line(path):
    command = main
    for name in path:
        command = command.commands[name]
    examples = [line.strip() for line in inspect.cleandoc(command.help).splitlines() if line.startswith("    ") and "babelwire" in line]
    result = CliRunner().invoke(main, [*path, "--help"], terminal_width=80)
    shown = [line.strip() for line in result.output.splitlines()]
    assert examples and all(example in shown for example in examples)


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=" ".join)
def test_every_command_takes_verbose_after_its_name(path):
    result = CliRunner().invoke(main, [*path, "-v", "--help"])
    assert result.exit_code == 0 and "-v, --verbose" in result.output


def test_shell_completion_as_the_readme_sets_it_up_completes_commands():
    env = {"_BABELWIRE_COMPLETE": "bash_complete", "COMP_WORDS": "babelwire ca", "COMP_CWORD": "1"}
    result = CliRunner().invoke(main, [], prog_name="babelwire", env=env)
    assert result.exit_code == 0 and result.stdout.split() == ["plain,cache"]
