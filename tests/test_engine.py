"""The local engine: worker processes, input order, crashes, Ctrl-C, model fallback, threads and devices."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SEEDS, jsonl
from corpus.articles import ARTICLES

from ingest.cli import main
from translate import models

CORPUS = ROOT / "tests" / "corpus" / "pages"
DANISH = ("Regeringen har besluttet at hæve afgiften på brændstof fra næste år, oplyser finansministeriet. Ifølge ministeren "
          "skal pengene bruges på at forbedre den kollektive trafik i de større byer, og der afsættes desuden midler til nye "
          "cykelstier langs landevejene. Oppositionen kritiserer forslaget og mener, at det især vil ramme familier i "
          "landdistrikterne, som er afhængige af bilen.")
GERMAN = ("Die Stadtverwaltung hat am Montag beschlossen, die Gebühren für das Parken in der Innenstadt ab dem kommenden Jahr "
          "deutlich zu erhöhen. Mit den zusätzlichen Einnahmen sollen neue Radwege und ein besserer Busverkehr finanziert werden.")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def without_fetch_time(stdout: str) -> str:
    return re.sub(r'"fetched_at":"[^"]*"', '"fetched_at":""', stdout)


def inputs() -> list[str]:
    """Real-looking pages in every language and both formats, and the seeds."""
    pages = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    return [str(p) for p in [*pages, *sorted(SEEDS.glob("*.txt")), DATA / "tr_haber_cp1254.txt", DATA / "page.html"]]


def babelwire(*args) -> subprocess.Popen:
    """babelwire as a real process in its own process group, as a shell would start it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    # Unbuffered: a line read with readline() leaves nothing behind that communicate() would miss.
    return subprocess.Popen([sys.executable, "-m", "ingest.cli", *args], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def workers_of(pid: int) -> list[int]:
    """The cleaning workers of a babelwire process: the children of its fork server, its one child."""
    return [worker for server in children(pid) for worker in children(server)]


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_output_is_identical_for_any_number_of_workers(install):
    install(("tr", "en"), ("nl", "en"), ("nb", "en"))
    outputs = {n: run("ingest", *inputs(), "--workers", str(n), "--no-cache") for n in (0, 1, 2, 3)}
    assert all(result.exit_code == 0 for result in outputs.values())
    reference = without_fetch_time(outputs[0].stdout)
    assert len(jsonl(reference)) == len(inputs())
    assert all(without_fetch_time(result.stdout) == reference for result in outputs.values())


def test_records_come_out_in_input_order_when_a_slow_input_comes_first(tmp_path):
    slow = tmp_path / "slow.txt"
    paragraph = (DATA / "nb_blogg.txt").read_text(encoding="utf-8").splitlines()[3]
    slow.write_text("\n".join(f"{paragraph} ({i})" for i in range(1500)), encoding="utf-8")
    fast = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    result = run("ingest", str(slow), *fast, "--workers", "2", "--no-translate")
    assert [Path(r["source"]["path"]).name for r in jsonl(result.stdout)] == ["slow.txt"] + [Path(p).name for p in fast]


def test_a_worker_killed_mid_document_costs_that_input_one_error(tmp_path):
    # The worker that opens the FIFO blocks reading it, holding that input: kill -9 it there.
    fifo = tmp_path / "held.txt"
    os.mkfifo(fifo)
    others = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    process = babelwire("ingest", others[0], str(fifo), *others[1:], "--workers", "2", "--no-translate")
    writer: list[int] = []
    opener = threading.Thread(target=lambda: writer.append(os.open(fifo, os.O_WRONLY)), daemon=True)
    opener.start()
    opener.join(60)
    assert writer, "no worker opened the FIFO"
    holder = next(pid for pid in workers_of(process.pid) if any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == str(fifo) for fd in os.listdir(f"/proc/{pid}/fd")))
    os.kill(holder, signal.SIGKILL)
    out, err = process.communicate(timeout=120)
    os.close(writer[0])
    records = jsonl(out.decode())
    assert process.returncode == 1
    assert [Path(r["source"]["path"]).name for r in records] == [Path(p).name for p in others]
    errors = err.decode().strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"error: {fifo}:") and "SIGKILL" in errors[0]


def threads(pid: int) -> int:
    return int(next(line.split()[1] for line in (Path("/proc") / str(pid) / "status").read_text().splitlines() if line.startswith("Threads:")))


def holder_of(path: Path, pids) -> int:
    """The process that has `path` open (its descriptor shows a moment after the other end's open returns)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for pid in pids():
            with contextlib.suppress(OSError):
                if any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd")):
                    return pid
        time.sleep(0.02)
    raise AssertionError(f"no process holds {path}")


def descendants(pid: int) -> list[int]:
    return [p for child in children(pid) for p in (child, *descendants(child))]


def test_a_worker_replaced_while_translation_threads_run_is_forked_from_a_process_with_one_thread(install, tmp_path):
    """A fork copies only the forking thread, and every lock another thread holds stays held in the child for ever:
    a replacement forked from the run while CTranslate2 translates could hang. It comes from a single-threaded process."""
    install(("tr", "en"))
    long_article = tmp_path / "tr_uzun.txt"
    paragraphs = [" ".join(f"Ankara'da {4 * p + i}. toplantıya {p * 7 + i} kişi katıldı ve yeni bir plan açıklandı." for i in range(4))
                  for p in range(40)]
    long_article.write_text("Ankara'da toplantılar sürüyor\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    os.mkfifo(first)
    os.mkfifo(second)
    process = babelwire("ingest", str(long_article), str(first), str(second), "--workers", "1", "--threads", "1", "--no-cache")
    writers: list[int] = []
    try:
        writers.append(os.open(first, os.O_WRONLY))
        killed = holder_of(first, lambda: descendants(process.pid))
        deadline = time.monotonic() + 60
        while threads(process.pid) < 2 and time.monotonic() < deadline:  # the article's batch is translating
            time.sleep(0.05)
        assert threads(process.pid) >= 2
        os.kill(killed, signal.SIGKILL)
        writers.append(os.open(second, os.O_WRONLY))
        replacement = holder_of(second, lambda: descendants(process.pid))
        parent = int((Path("/proc") / str(replacement) / "stat").read_text().rsplit(")", 1)[1].split()[1])
        assert replacement != killed and threads(parent) == 1, f"forked from {'the run' if parent == process.pid else parent}, {threads(parent)} threads"
    finally:
        for fd in writers:
            os.close(fd)
        out, err = process.communicate(timeout=120)
    assert process.returncode == 1 and len(jsonl(out.decode())) == 1


def test_ctrl_c_leaves_whole_lines_and_no_worker_behind(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        page = Path(inputs()[i % len(inputs())])
        (folder / f"{i:04d}{page.suffix}").write_bytes(page.read_bytes())
    process = babelwire("ingest", str(folder), "--workers", "2", "--no-translate")
    first = process.stdout.readline()
    workers = workers_of(process.pid)
    helpers = children(process.pid)  # the fork server and multiprocessing's resource tracker
    assert json.loads(first) and len(workers) == 2
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole foreground group
    rest, err = process.communicate(timeout=60)
    assert process.returncode == 130
    lines = (first + rest).decode().splitlines()
    assert 0 < len(lines) < 400 and all(json.loads(line)["schema"] for line in lines)
    assert (first + rest).endswith(b"\n")
    assert "interrupted" in err.decode() and "Traceback" not in err.decode()
    time.sleep(0.2)
    assert not any(alive(pid) for pid in workers + helpers)


def test_sigterm_stops_the_run_like_ctrl_c(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:04d}.txt").write_bytes((DATA / "nl_blog.txt").read_bytes())
    output = tmp_path / "out.jsonl"
    output.write_text('{"earlier": true}\n', encoding="utf-8")
    process = babelwire("ingest", str(folder), "--workers", "2", "--no-translate", "-o", str(output), "--errors", str(tmp_path / "e"))
    deadline = time.monotonic() + 60
    while not any(tmp_path.glob(".out.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    workers = workers_of(process.pid)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143 and "Traceback" not in err.decode()
    assert output.read_text(encoding="utf-8") == '{"earlier": true}\n'
    assert not list(tmp_path.glob(".out.jsonl.*"))
    time.sleep(0.2)
    assert not any(alive(pid) for pid in workers)


def test_ctrl_c_with_an_output_file_says_the_file_is_unchanged(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:04d}.txt").write_bytes((DATA / "nl_blog.txt").read_bytes())
    output = tmp_path / "out.jsonl"
    output.write_text('{"earlier": true}\n', encoding="utf-8")
    process = babelwire("ingest", str(folder), "--workers", "1", "--no-translate", "-o", str(output))
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in tmp_path.glob(".out.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode().strip().splitlines()[-1] == f"babelwire: interrupted; {output} is unchanged (this run's records were not saved)"
    assert output.read_text(encoding="utf-8") == '{"earlier": true}\n'


def test_danish_paragraph_in_a_norwegian_article_uses_the_norwegian_model(install, tmp_path):
    install(("nb", "en"))
    _lang, title, _date, _author, _heading, paragraphs = next(a for a in ARTICLES if a[0] == "nb")
    article = tmp_path / "nb_med_dansk.txt"
    article.write_text("\n".join([title, paragraphs[0], DANISH, *paragraphs[1:]]) + "\n", encoding="utf-8")
    result = run("ingest", str(article), "--no-cache")
    record = jsonl(result.stdout)[0]
    danish = next(s for s in record["segments"] if s["text"] == DANISH)
    assert result.exit_code == 0 and record["lang"] == "nb"
    assert danish["lang"] == "da" and danish["translation_status"] == "translated"
    assert record["translation"]["status"] == "complete"
    assert [m["package"] for m in record["translation"]["models"]] == ["translate-nb_en"]


def test_expected_language_without_a_model_is_not_sent_to_another_model(install, tmp_path):
    install(("tr", "en"))
    article = tmp_path / "tr_mit_deutsch.txt"
    article.write_text((DATA / "tr_haber.txt").read_text(encoding="utf-8") + "\n" + GERMAN + "\n", encoding="utf-8")
    result = run("ingest", str(article), "--no-cache")
    record = jsonl(result.stdout)[0]
    german = next(s for s in record["segments"] if s["text"] == GERMAN)
    assert german["lang"] == "de" and german["translation_status"] == "no_model"
    assert record["translation"]["status"] == "partial"
    assert result.exit_code == 1 and "babelwire models install de --to en" in result.stderr


@pytest.mark.parametrize("threads", [1, 3])
def test_threads_is_the_total_and_each_thread_takes_its_own_batch(install, threads):
    from translate.engine import Decoding, Translator

    install(("tr", "en"))
    loaded = Translator(Decoding(threads=threads, device="cpu")).load(models.find("tr", "en"))
    assert loaded.translator.num_translators == threads
    assert loaded.plan.inter_threads * loaded.plan.intra_threads == threads


def test_threads_default_to_every_core_this_process_may_use(install):
    from translate.engine import Decoding, Translator

    install(("tr", "en"))
    loaded = Translator(Decoding(device="cpu")).load(models.find("tr", "en"))
    assert loaded.translator.num_translators == len(os.sched_getaffinity(0))


@pytest.mark.skipif(Path("/dev/nvidia0").exists(), reason="this machine has a GPU")
def test_device_auto_without_a_gpu_translates_on_the_cpu_and_says_so_under_v(install):
    install(("tr", "en"))
    result = run("-v", "ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--device", "auto", "--no-cache")
    assert result.exit_code == 0
    assert "--device auto: cpu (no CUDA GPU visible)" in result.stderr
    assert "translation on cpu" in result.stderr
    assert [record["translation"]["status"] for record in jsonl(result.stdout)] == ["complete"]


@pytest.mark.skipif(Path("/dev/nvidia0").exists(), reason="this machine has a GPU")
def test_device_cuda_without_a_gpu_is_one_line_before_anything_runs(install, tmp_path):
    install(("tr", "en"))
    output = tmp_path / "out.jsonl"
    result = run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), "--device", "cuda", "--no-cache", "-o", str(output))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "sees no CUDA GPU" in lines[0] and "--device cpu" in lines[0]
    assert result.stdout == "" and not output.exists()


def test_a_corrupt_model_is_an_error_naming_the_model_and_the_run_fails(install, tmp_path):
    install(("tr", "en"))
    (models.find("tr", "en").path / "model" / "model.bin").write_bytes(b"not a model")
    result = run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt"), str(DATA / "tr_haber.txt"), "--no-cache")
    assert result.exit_code == 1
    assert "error: translation tr→en failed: translate-tr_en 1.0" in result.stderr
    assert "failed for 2 inputs" in result.stderr
    assert [r["translation"]["status"] for r in jsonl(result.stdout)] == ["none", "none"]


def test_large_inputs_read_by_the_caller_do_not_stall_the_workers():
    """refresh hands workers the bytes it read: a worker busy sending back a large result must still take the next large job."""
    from ingest.read.sources import Item, Raw
    from ingest.run.local import LocalEngine
    from ingest.run.stages import Job
    from ingest.settings import Settings

    paragraph = (DATA / "nb_blogg.txt").read_text(encoding="utf-8").splitlines()[3]
    big = "\n".join(f"{paragraph} ({i})" for i in range(4000)).encode("utf-8")
    jobs = [Job(i, Item("file", f"big{i}.txt"), Raw(Item("file", f"big{i}.txt"), big, "0" * 64, "2026-01-01T00:00:00Z")) for i in range(4)]
    outcomes: list = []
    runner = threading.Thread(target=lambda: outcomes.extend(LocalEngine(Settings(workers=1, translate=False)).run(jobs)), daemon=True)
    runner.start()
    runner.join(120)
    assert not runner.is_alive(), "the run stalled"
    assert len(big) > 500_000 and [o.record.source.path for o in outcomes] == [f"big{i}.txt" for i in range(4)]


# A model this process dropped but has not collected yet, then a run whose workers each collect
# garbage before every document. Automatic collection is off, so the model survives to the fork.
_DROPPED_MODEL = """
import gc, sys
import ingest.run.pool as pool
from ingest.cli import main
from translate import models
from translate.engine import Translator

loaded = Translator().load(models.find("tr", "en"))
loaded.cycle = loaded
gc.disable()
del loaded
real_prepare = pool.prepare

def prepare(job, options):
    gc.collect()
    return real_prepare(job, options)

pool.prepare = prepare
main(["ingest", "--workers", "2", "--no-translate", *sys.argv[1:]])
"""


def test_workers_never_finalise_a_model_the_parent_dropped(install):
    """A forked worker must not run the destructor of a CTranslate2 model the parent left for the garbage
    collector: it waits on the parent's threads, which a fork does not have (the worker hung or aborted)."""
    install(("tr", "en"))
    inputs = [str(SEEDS / "000_d5a73210c1fcf6c2.txt"), str(DATA / "nb_blogg.txt"), str(DATA / "nl_blog.txt"), str(DATA / "tr_haber.txt")]
    try:
        done = subprocess.run([sys.executable, "-c", _DROPPED_MODEL, *inputs], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("a worker hung finalising the parent's model")
    assert done.returncode == 0, done.stderr
    assert [Path(r["source"]["path"]).name for r in jsonl(done.stdout)] == [Path(p).name for p in inputs]


def test_in_tests_a_cleaning_worker_reaches_loopback_only():
    """The workers are forked from a fork server that the tests' monkeypatches do not reach: conftest guards it."""
    from ingest.read.sources import Item
    from ingest.run.pool import PreparePool
    from ingest.run.stages import Job, PrepareOptions

    with PreparePool(1, PrepareOptions(("en",))) as pool:
        [failure] = pool.imap(iter([Job(0, Item("url", "http://example.com/a"))]))
    assert "network disabled in tests (tried example.com)" in failure.error.message


def test_with_debug_a_worker_exception_reaches_the_parent_with_its_traceback():
    """BABELWIRE_DEBUG makes prepare raise instead of failing the input; the worker's traceback must not be lost."""
    from ingest.errors import InputError
    from ingest.read.sources import Item, Raw
    from ingest.run.pool import PreparePool
    from ingest.run.stages import Job, PrepareOptions

    item = Item("file", "broken.txt")
    unreadable = Raw(item, None, "0" * 64, "2026-01-01T00:00:00Z")  # no bytes at all: prepare fails on it
    with PreparePool(1, PrepareOptions(("en",), debug=True)) as pool, pytest.raises(InputError) as raised:
        list(pool.imap(iter([Job(0, item, unreadable, record_id="0" * 16)])))
    assert raised.value.input_name == "broken.txt" and "TypeError" in raised.value.message
    worker = str(raised.value.__cause__)
    assert "Traceback (most recent call last)" in worker and "in _prepare_raw" in worker and "TypeError" in worker
