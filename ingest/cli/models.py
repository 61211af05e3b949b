"""`babelwire models`: list, install and remove the offline Argos models."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ingest.errors import BabelwireError

from .common import EXIT_FAILED, console, fail, models_dir_option


@click.group("models")
def models_group() -> None:
    """Manage the offline Argos translation models.

    Examples:

        babelwire models list

        babelwire models install tr nl nb --to en

        babelwire models install --from-file translate-tr_en.argosmodel
    """


@models_group.command("list")
@models_dir_option
@click.option("--available", is_flag=True, help="Also list the models in the online Argos index.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per model.")
def models_list(models_dir, available, as_json):
    """List installed models (and, with --available, those in the Argos index).

    Example:

        babelwire models list --json
    """
    from translate import models as m

    m.use_models_dir(models_dir)
    installed = [dict(m_.describe(), size=m_.size(), path=str(m_.path), installed=True) for m_ in m.installed()]
    unreachable = None
    offered = []
    if available:
        try:
            offered = [
                {"package": f"translate-{a.from_code}_{a.to_code}", "from": a.from_code, "to": a.to_code,
                 "version": a.version, "installed": False}
                for a in m.index()
            ]
        except BabelwireError as exc:
            unreachable = exc  # the installed models are still listed, then the error
    _list_rows(installed + offered, as_json, f"no models installed in {m.packages_dir()}; install one with: babelwire models install tr --to en")
    if unreachable is not None:
        fail(unreachable)


def _list_rows(rows: list[dict], as_json: bool, when_none: str) -> None:
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo(when_none, err=True)
        return
    for row in rows:
        size = f"{row['size'] / 1e6:.1f} MB" if "size" in row else "-"
        state = "installed" if row["installed"] else "available"
        click.echo(f"{row['from']}→{row['to']}\t{row['version']}\t{size}\t{state}\t{row.get('path', '')}")


@models_group.command("install")
@click.argument("langs", nargs=-1)
@click.option("--to", "to_code", default="en", show_default=True, help="Target language of the models.")
@click.option("--from-file", "files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Install a .argosmodel file (repeatable).")
@click.option("--from-dir", "folder", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Install every .argosmodel file in a folder.")
@click.option("--if-missing", is_flag=True, expose_value=False, help="Kept for scripts: languages whose model is installed are always skipped.")
@models_dir_option
def models_install(langs, to_code, files, folder, models_dir):
    """Install models from the Argos index, or from files for air-gapped machines.

    Examples:

        babelwire models install tr nl nb --to en

        babelwire models install --from-file translate-tr_en.argosmodel

        babelwire models install --from-dir /media/usb/argos
    """
    from translate import models as m

    m.use_models_dir(models_dir)
    if not (langs or files or folder):
        raise click.UsageError("name languages to install (e.g. `tr nl nb`), or give --from-file/--from-dir")
    try:
        archives = list(files) + (m.archives_in(folder) if folder else [])
    except BabelwireError as exc:
        fail(exc)
    failed = False
    for archive in archives:  # a bad file is reported; the others are still installed
        try:
            _installed(m.install_file(archive))
        except BabelwireError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
    try:
        wanted = []
        for code in (code for code in langs if code != to_code):
            present = m.find(code, to_code)
            if present is None:
                wanted.append(code)
            else:  # nothing to fetch: no network is needed, and none is used
                click.echo(f"{code}→{to_code} is already installed ({present.name} {present.version}); "
                           f"to install it again, remove it first: babelwire models remove {code} --to {to_code}", err=True)
        if wanted:
            for model in m.install_from_index(wanted, to_code, progress=_download_progress()):
                _installed(model)
    except BabelwireError as exc:
        fail(exc)
    if failed:
        sys.exit(EXIT_FAILED)


def _installed(model) -> None:
    click.echo(f"installed {model.name} {model.version} in {model.path}", err=True)


def _download_progress():
    if not sys.stderr.isatty():
        return None
    from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

    bar = Progress(*Progress.get_default_columns(), DownloadColumn(), TransferSpeedColumn(), console=console(), redirect_stdout=False, transient=True)
    tasks: dict[str, int] = {}

    def update(name: str, done: int, total: int | None) -> None:
        if not tasks:
            bar.start()
        if name not in tasks:
            tasks[name] = bar.add_task(name, total=total)
        bar.update(tasks[name], completed=done)
        if total and done >= total and all(t.finished for t in bar.tasks):
            bar.stop()

    return update


@models_group.command("remove")
@click.argument("langs", nargs=-1, required=True)
@click.option("--to", "to_code", default="en", show_default=True, help="Target language of the models.")
@models_dir_option
def models_remove(langs, to_code, models_dir):
    """Remove installed models.

    Example:

        babelwire models remove tr --to en
    """
    from translate import models as m

    m.use_models_dir(models_dir)
    for code in langs:
        try:
            model = m.remove(code, to_code)
        except BabelwireError as exc:
            fail(exc)
        click.echo(f"removed {model.name} {model.version}", err=True)
