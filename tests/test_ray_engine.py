"""--engine ray: the same stages on a (local) Ray cluster, the same bytes as --engine local."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SEEDS, jsonl

from ingest.cli import main

pytest.importorskip("ray.data")

CORPUS = ROOT / "tests" / "corpus" / "pages"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def inputs() -> list[str]:
    return [str(p) for p in [*sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html")), *sorted(SEEDS.glob("*.txt"))]]


def same_records(a: str, b: str) -> bool:
    clock = re.compile(r'"fetched_at":"[^"]*"')
    return clock.sub("", a) == clock.sub("", b)


def translation_actors() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if b"ray::Translating" in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_ray_engine_writes_the_same_bytes_as_the_local_engine(install):
    install(("tr", "en"), ("nl", "en"), ("nb", "en"))
    local = run("ingest", *inputs(), "--threads", "2", "--no-cache")
    ray = run("ingest", *inputs(), "--threads", "2", "--no-cache", "--engine", "ray")
    assert local.exit_code == ray.exit_code == 0
    assert len(jsonl(ray.stdout)) == len(inputs())
    assert same_records(ray.stdout, local.stdout)
    assert ray.stderr == ""  # Ray's own progress bars and logs stay out of ours


def test_an_input_that_fails_gives_the_same_error_line_and_exit_code_as_locally(tmp_path):
    inputs = [str(SEEDS / "003_49f6ea86e67d35b7.txt"), str(tmp_path / "missing.txt"), str(DATA / "empty.txt"), str(DATA / "binary.pdf")]
    local = run("ingest", *inputs, "--no-translate")
    ray = run("ingest", *inputs, "--no-translate", "--engine", "ray")
    assert ray.exit_code == local.exit_code == 1
    assert same_records(ray.stdout, local.stdout) and len(jsonl(ray.stdout)) == 1
    assert ray.stderr == local.stderr and len(ray.stderr.splitlines()) == 3


def test_a_killed_translation_actor_is_restarted_and_the_output_stays_complete(install, tmp_path):
    install(("tr", "en"), ("nl", "en"), ("nb", "en"))
    folder = tmp_path / "many"
    folder.mkdir()
    pages = inputs()
    for i in range(240):
        page = Path(pages[i % len(pages)])
        (folder / f"{i:04d}{page.suffix}").write_bytes(page.read_bytes())
    expected = run("ingest", str(folder), "--threads", "1", "--no-cache").stdout
    output = tmp_path / "ray.jsonl"
    result: list = []
    runner = threading.Thread(target=lambda: result.append(run("ingest", str(folder), "--threads", "1", "--no-cache", "--engine", "ray", "-o", str(output))))
    runner.start()
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and runner.is_alive() and time.monotonic() < deadline:
        written = [p for p in tmp_path.glob(".ray.jsonl.*.tmp") if p.stat().st_size > 0]
        actors = translation_actors()
        if written and actors:
            killed = actors[0]
            os.kill(killed, signal.SIGKILL)  # as the OOM killer would
        time.sleep(0.05)
    runner.join(180)
    assert killed is not None, "the run ended before an actor could be killed"
    assert result[0].exit_code == 0, result[0].stderr
    assert same_records(output.read_text(encoding="utf-8"), expected)


def test_a_node_without_the_model_says_which_node_pair_and_folder(install, tmp_path):
    from ingest.run.ray_engine import Translating
    from ingest.run.stages import Row
    from translate.engine import Decoding

    empty = tmp_path / "no-models-here"
    empty.mkdir()
    rows = [Row(0, 0, 0, "tr", "en", "Merhaba dünya.")]
    out = Translating(Decoding(device="cpu", threads=1), str(empty)).translate(rows)
    assert out[0].translation is None
    assert out[0].error == f"no model for tr→en on node {os.uname().nodename} in {empty}"


def test_refresh_on_ray_commits_every_item_once(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("nl_blog.txt", "tr_haber.txt", "nb_blogg.txt"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\noutput_layout = "single"\nengine = "ray"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    state = ["--state", str(tmp_path / "state.sqlite3")]
    first = run("refresh", "-c", str(config), *state)
    second = run("refresh", "-c", str(config), *state)
    records = jsonl((tmp_path / "out" / "babelwire.jsonl").read_text(encoding="utf-8"))
    assert first.exit_code == second.exit_code == 0
    assert "3 new" in first.stderr and "0 new, 0 changed, 3 skipped" in second.stderr
    assert sorted(Path(r["source"]["path"]).name for r in records) == ["nb_blogg.txt", "nl_blog.txt", "tr_haber.txt"]


def test_refresh_on_ray_with_nothing_to_do_starts_no_ray(tmp_path):
    """Ray writes its session under RAY_TMPDIR as it starts: a run with nothing new must leave that folder unmade."""
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "babelwire.toml"
    config.write_text('output = "out"\nengine = "ray"\n\n[[source]]\nfolder = "inbox"\n', encoding="utf-8")
    short = Path(tempfile.mkdtemp(prefix="bw-", dir="/tmp"))  # Ray's socket paths must stay under 108 bytes
    env = dict(os.environ, PYTHONPATH=str(ROOT), RAY_TMPDIR=str(short / "ray"))
    env.pop("RAY_ADDRESS", None)
    try:
        done = subprocess.run([sys.executable, "-m", "ingest.cli", "refresh", "-c", str(config), "--state", str(tmp_path / "state.sqlite3")],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert not (short / "ray").exists()
    finally:
        shutil.rmtree(short, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    assert "babelwire refresh: 0 new, 0 changed, 0 skipped" in done.stderr


def test_engine_ray_without_ray_installed_says_what_to_install():
    hide_ray = "import sys; sys.modules['ray'] = None; from ingest.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", hide_ray, "ingest", str(SEEDS), "--engine", "ray"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == ["error: --engine ray needs Ray, which is not installed; add it with: pip install 'babelwire[ray]'"]


def test_ctrl_c_on_ray_leaves_whole_lines_and_stops_the_local_cluster(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(600):
        (folder / f"{i:04d}.txt").write_bytes((DATA / "nl_blog.txt").read_bytes())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "ingest.cli", "ingest", str(folder), "--no-translate", "--engine", "ray"],
                               cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    first = process.stdout.readline()
    os.killpg(process.pid, signal.SIGINT)
    rest, err = process.communicate(timeout=120)
    lines = (first + rest).decode().splitlines()
    assert process.returncode == 130 and "Traceback" not in err.decode(), err.decode()[-3000:]
    assert 0 < len(lines) < 600 and all(line.startswith("{") and line.endswith("}") for line in lines)
    # The cluster's processes go within seconds; a loaded machine may take a few.
    deadline = time.monotonic() + 30
    while True:
        leftovers = subprocess.run(["pgrep", "-f", f"/session_[0-9_-]+_{process.pid}/"], capture_output=True, text=True)
        if leftovers.stdout == "" or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert leftovers.stdout == ""


def test_ctrl_c_while_ray_translates_leaves_nothing_but_records_on_stdout(install, tmp_path):
    install(("nl", "en"))
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(600):
        (folder / f"{i:04d}.txt").write_bytes((DATA / "nl_blog.txt").read_bytes())
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "ingest.cli", "ingest", str(folder), "--engine", "ray", "--no-cache", "--threads", "1"],
                               cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    first = process.stdout.readline()
    os.killpg(process.pid, signal.SIGINT)
    rest, err = process.communicate(timeout=120)
    lines = (first + rest).decode().splitlines()
    assert process.returncode == 130, err.decode()[-3000:]
    assert lines and all(line.startswith("{") and line.endswith("}") for line in lines), [l for l in lines if not l.startswith("{")]
