"""`babelwire ingest` end to end, as the README shows it: JSONL on stdout, people's text on stderr."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SEEDS, jsonl

from ingest.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_seeds_give_five_schema_valid_records(validator):
    result = run("ingest", str(SEEDS), "--allow-untranslated")
    records = jsonl(result.stdout)
    assert len(records) == 5
    for record in records:
        validator.validate(record)
    assert result.exit_code == 0


def test_missing_models_exit_nonzero_with_install_hint_once_per_pair():
    result = run("ingest", str(SEEDS))
    assert result.exit_code == 1
    assert len(jsonl(result.stdout)) == 5
    for lang in ("tr", "nl", "nb"):
        assert result.stderr.count(f"babelwire models install {lang} --to en") == 1
    assert "no translation model for tr→en" in result.stderr


def test_untranslated_segments_keep_original_text_and_say_no_model():
    record = jsonl(run("ingest", str(SEEDS / "000_d5a73210c1fcf6c2.txt")).stdout)[0]
    assert {s["translation_status"] for s in record["segments"]} == {"no_model"}
    assert record["translation"]["status"] == "none"
    assert record["translation"]["text"] == record["text"]


def test_english_segments_are_copied_not_translated():
    record = jsonl(run("ingest", str(SEEDS / "003_49f6ea86e67d35b7.txt")).stdout)[0]
    assert all(s["translation_status"] == "copied" and s["translation"] == s["text"] for s in record["segments"])
    assert record["translation"]["status"] == "complete"
    assert record["translation"]["models"] == []


def test_records_come_out_in_input_order():
    files = sorted(SEEDS.iterdir(), reverse=True)
    records = jsonl(run("ingest", *map(str, files), "--allow-untranslated").stdout)
    assert [r["source"]["path"].rsplit("/", 1)[-1] for r in records] == [f.name for f in files]


def test_missing_file_is_one_line_error_and_batch_goes_on():
    result = run("ingest", str(DATA / "does-not-exist.txt"), str(SEEDS / "003_49f6ea86e67d35b7.txt"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {DATA / 'does-not-exist.txt'}: no such file or directory"]
    assert len(jsonl(result.stdout)) == 1


def test_empty_file_is_an_error_naming_it():
    result = run("ingest", str(DATA / "empty.txt"), str(SEEDS / "003_49f6ea86e67d35b7.txt"))
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr
    assert len(jsonl(result.stdout)) == 1


def test_binary_file_is_an_error_naming_it():
    result = run("ingest", str(DATA / "binary.pdf"), str(SEEDS / "003_49f6ea86e67d35b7.txt"))
    assert result.exit_code == 1
    assert "binary.pdf: binary file (PDF document)" in result.stderr
    assert len(jsonl(result.stdout)) == 1


def test_legacy_encoded_turkish_file_reads_like_its_utf8_twin():
    legacy, utf8 = (jsonl(run("ingest", str(DATA / name), "--no-translate").stdout)[0] for name in ("tr_haber_cp1254.txt", "tr_haber.txt"))
    assert legacy["source"]["encoding"] == "cp1254"
    assert legacy["text"] == utf8["text"]
    assert "Yoğun saatlerde" in legacy["text"] and "İstanbul'da" in legacy["text"]


def test_output_file_gets_the_records_and_stdout_stays_empty(tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "run.jsonl"
    result = run("ingest", str(SEEDS), "-o", str(out), "--allow-untranslated")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(jsonl(out.read_text(encoding="utf-8"))) == 5
    assert [p.name for p in out.parent.iterdir()] == ["run.jsonl"]


def test_output_in_missing_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "-o", str(tmp_path / "nope" / "run.jsonl")])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_stdin_list_of_paths():
    paths = "\n".join(str(p) for p in sorted(SEEDS.iterdir())[:2]) + "\n"
    result = run("ingest", "-", "--no-translate", input=paths)
    assert len(jsonl(result.stdout)) == 2


@pytest.mark.parametrize("name", ["page.html", "nl_blog.txt", "tr_haber_cp1254.txt"])
def test_a_document_piped_on_stdin_is_one_input(name):
    data = (DATA / name).read_bytes()
    result = CliRunner().invoke(main, ["ingest", "-", "--no-translate"], input=data, catch_exceptions=False)
    records = jsonl(result.stdout)
    assert result.exit_code == 0 and result.stderr == ""
    assert len(records) == 1 and records[0]["source"]["path"] == "-"
    assert records[0]["source"]["format"] == ("html" if name.endswith(".html") else "text")


def test_the_same_document_piped_twice_gets_the_same_id_and_another_document_another():
    ids = [jsonl(run("ingest", "-", "--no-translate", input=(DATA / name).read_text(encoding="utf-8")).stdout)[0]["id"]
           for name in ("nl_blog.txt", "nl_blog.txt", "nb_blogg.txt")]
    assert ids[0] == ids[1] != ids[2]


def test_a_list_on_stdin_with_a_missing_path_stays_a_list(tmp_path):
    paths = f"{SEEDS / '000_d5a73210c1fcf6c2.txt'}\n{tmp_path / 'gone.txt'}\n"
    result = run("ingest", "-", "--no-translate", input=paths)
    assert result.exit_code == 1 and len(jsonl(result.stdout)) == 1
    assert result.stderr.strip().splitlines() == [f"error: {tmp_path / 'gone.txt'}: no such file or directory"]


def test_folder_is_read_recursively_by_glob(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(DATA / "nl_blog.txt", tmp_path / "a" / "b" / "one.txt")
    shutil.copy(DATA / "page.html", tmp_path / "a" / "two.html")
    (tmp_path / "a" / "notes.md").write_text("not an article", encoding="utf-8")
    records = jsonl(run("ingest", str(tmp_path / "a"), "--no-translate").stdout)
    assert sorted(r["source"]["format"] for r in records) == ["html", "text"]


def test_ids_are_stable_across_runs():
    first, second = (jsonl(run("ingest", str(SEEDS), "--no-translate").stdout) for _ in range(2))
    assert [r["id"] for r in first] == [r["id"] for r in second]
    assert len({r["id"] for r in first}) == 5


def test_unsupported_url_scheme_is_refused():
    result = run("ingest", "ftp://example.org/a.txt", "--no-translate")
    assert result.exit_code == 1
    assert "unsupported URL scheme 'ftp'" in result.stderr


def test_url_is_fetched_and_cleaned(http_server):
    result = run("ingest", http_server + "/page.html", "--no-translate", "--allow-private-urls")
    record = jsonl(result.stdout)[0]
    assert record["source"]["kind"] == "url"
    assert record["title"] == "Harbour reopens after storm repairs"
    assert result.exit_code == 0


def test_url_404_is_an_error(http_server):
    result = run("ingest", http_server + "/missing.html", "--no-translate", "--allow-private-urls")
    assert result.exit_code == 1
    assert "missing.html: HTTP 404" in result.stderr


def test_no_progress_or_summary_without_a_terminal():
    result = run("ingest", str(SEEDS / "003_49f6ea86e67d35b7.txt"))
    assert result.stderr == ""


def test_closed_pipe_exits_quietly():
    command = f"{sys.executable} -m ingest.cli ingest seeds --no-translate | head -c 10 > /dev/null; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == ""


def test_closed_stdout_is_one_error_line():
    command = f"{sys.executable} -m ingest.cli ingest seeds --no-translate >&-"
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["error: standard output is closed: nowhere to write the records (give -o FILE)"]


def test_private_addresses_are_refused_by_default(http_server):
    result = run("ingest", http_server + "/page.html", "--no-translate")
    assert result.exit_code == 1
    assert "page.html: 127.0.0.1 is a private address" in result.stderr


def test_output_dash_is_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("ingest", str(SEEDS / "003_49f6ea86e67d35b7.txt"), "--no-translate", "-o", "-")
    assert len(jsonl(result.stdout)) == 1 and not (tmp_path / "-").exists()


def test_output_to_a_character_device_is_written_through(tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    except PermissionError:
        pytest.skip("needs CAP_MKNOD to make a device node")
    result = run("ingest", str(SEEDS / "003_49f6ea86e67d35b7.txt"), "--no-translate", "-o", str(device))
    assert result.exit_code == 0
    assert stat.S_ISCHR(device.stat().st_mode) and os.listdir(tmp_path) == ["null"]


def test_output_to_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("ingest", *map(str, sorted(SEEDS.glob("*.txt"))), "--no-translate", "-o", str(fifo))
    reader.join(30)
    assert result.exit_code == 0 and len(jsonl(received[0].decode())) == 5
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "data" / "run.jsonl"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    run("ingest", str(SEEDS / "003_49f6ea86e67d35b7.txt"), "--no-translate", "-o", str(link))
    assert link.is_symlink() and link.resolve() == target
    assert len(jsonl(target.read_text(encoding="utf-8"))) == 1


def test_output_file_mode_follows_the_umask_or_the_file_it_replaces(tmp_path):
    fresh, existing = tmp_path / "fresh.jsonl", tmp_path / "existing.jsonl"
    existing.write_text("old\n", encoding="utf-8")
    existing.chmod(0o640)
    previous = os.umask(0o022)
    try:
        for path in (fresh, existing):
            run("ingest", str(SEEDS / "003_49f6ea86e67d35b7.txt"), "--no-translate", "-o", str(path))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640


def test_text_too_short_to_identify_is_not_a_missing_model(tmp_path):
    short = tmp_path / "hi.txt"
    short.write_text("hi\n", encoding="utf-8")
    result = run("ingest", str(short))
    record = jsonl(result.stdout)[0]
    assert record["lang"] == "und" and record["translation"]["status"] == "none"
    assert result.exit_code == 0 and "models install" not in result.stderr


def test_every_error_line_starts_with_the_same_prefix(tmp_path):
    usage = run("ingest", "--no-such-option", str(SEEDS))
    core = run("ingest", str(SEEDS), "-o", str(tmp_path / "nope" / "run.jsonl"))
    assert (usage.exit_code, core.exit_code) == (2, 1)
    assert usage.stderr.splitlines()[-1] == "error: No such option '--no-such-option'."
    assert core.stderr.splitlines() == [f"error: {tmp_path / 'nope' / 'run.jsonl'}: folder {tmp_path / 'nope'} does not exist"]


def test_debug_shows_a_traceback_instead_of_one_line(tmp_path):
    command = [sys.executable, "-m", "ingest.cli", "ingest", "seeds", "--no-translate", "-o", str(tmp_path / "nope" / "run.jsonl")]
    plain = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    debug = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "BABELWIRE_DEBUG": "1"})
    assert plain.stderr.splitlines() == [f"error: {tmp_path / 'nope' / 'run.jsonl'}: folder {tmp_path / 'nope'} does not exist"]
    assert debug.returncode == 1 and debug.stderr.startswith("Traceback (most recent call last):")
    assert debug.stderr.splitlines()[-1] == f"ingest.errors.OutputError: {tmp_path / 'nope' / 'run.jsonl'}: folder {tmp_path / 'nope'} does not exist"


def test_verbose_after_the_command_logs_one_line_per_input(install):
    install(("tr", "en"))
    article, missing = DATA / "tr_haber.txt", DATA / "missing.txt"
    result = run("ingest", str(article), str(missing), "-v")
    record = jsonl(result.stdout)[0]
    model = record["translation"]["models"][0]
    removed = sum(len(line["text"]) for line in record["removed"])
    lines = [line for line in result.stderr.splitlines() if line.startswith("INFO ingest.run.stats:")]
    assert len(lines) == 2
    assert re.fullmatch(re.escape(f"INFO ingest.run.stats: {record['source']['path']}: tr, {len(record['segments'])} segments, {removed} chars removed, "
                                  f"translate-tr_en {model['version']}, ") + r"\d+\.\d\d s", lines[0])
    assert re.fullmatch(re.escape(f"INFO ingest.run.stats: {missing}: failed in read, ") + r"\d+\.\d\d s", lines[1])


def test_very_verbose_logs_each_stage(install):
    install(("tr", "en"))
    result = run("ingest", str(DATA / "tr_haber.txt"), "-vv")
    name = jsonl(result.stdout)[0]["source"]["path"]
    for stage in ("read", "decoded", "cleaned", "detected", "split into"):
        assert any(line.startswith(f"DEBUG ingest.run.stages: {name}: {stage}") for line in result.stderr.splitlines()), stage
    assert "DEBUG ingest.run.driver: batch of 1 document: " in result.stderr
    assert "DEBUG ingest.run.stages: translated tr→en" in result.stderr


def test_text_too_short_to_identify_is_explained_once(tmp_path):
    for name in ("hi.txt", "ok.txt"):
        (tmp_path / name).write_text("ok\n", encoding="utf-8")
    result = run("ingest", str(tmp_path / "hi.txt"), str(tmp_path / "ok.txt"))
    assert [r["lang"] for r in jsonl(result.stdout)] == ["und", "und"]
    assert result.stderr.splitlines() == [
        f'warning: {tmp_path / "hi.txt"} and 1 more input: language not identified (lang "und"), so the text stays untranslated; no model applies'
    ]


def test_glob_picks_the_files_taken_from_folders(tmp_path):
    shutil.copy(DATA / "nl_blog.txt", tmp_path / "one.txt")
    shutil.copy(DATA / "tr_haber.txt", tmp_path / "two.md")
    shutil.copy(DATA / "page.html", tmp_path / "three.html")
    result = run("ingest", str(tmp_path), "--glob", "*.md", "--glob", "*.html", "--no-translate")
    assert sorted(r["source"]["path"].rsplit("/", 1)[-1] for r in jsonl(result.stdout)) == ["three.html", "two.md"]


def test_a_run_where_every_input_fails_leaves_an_earlier_output_as_it_was(tmp_path):
    earlier = tmp_path / "run.jsonl"
    earlier.write_text('{"earlier": "records"}\n', encoding="utf-8")
    result = run("ingest", str(tmp_path / "missing.txt"), "--no-translate", "-o", str(earlier))
    assert result.exit_code == 1
    assert earlier.read_text(encoding="utf-8") == '{"earlier": "records"}\n'
    assert f"{earlier} is left as it was" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["run.jsonl"]


def test_missing_models_end_with_an_error_line_that_names_allow_untranslated():
    result = run("ingest", str(SEEDS))
    assert result.exit_code == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: no translation model for nb→en, nl→en, tr→en") and "--allow-untranslated" in last


def test_a_folder_with_nothing_to_take_says_so(tmp_path):
    (tmp_path / "notes.md").write_text("not an article\n", encoding="utf-8")
    result = run("ingest", str(tmp_path), "--no-translate")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith(f"warning: no inputs found in {tmp_path}")


@pytest.mark.parametrize("take", [["--glob", "*.txtt"], []], ids=["a --glob typo", "a folder with nothing to take"])
def test_a_run_with_nothing_to_take_leaves_the_output_file_as_it_was(tmp_path, take):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / ("a.txt" if take else "notes.md")).write_text("Een artikel over de haven van Rotterdam.\n", encoding="utf-8")
    earlier = tmp_path / "run.jsonl"
    earlier.write_text('{"earlier": "records"}\n', encoding="utf-8")
    result = run("ingest", str(inbox), *take, "--no-translate", "-o", str(earlier))
    assert result.exit_code == 0
    assert earlier.read_text(encoding="utf-8") == '{"earlier": "records"}\n'
    assert result.stderr.strip().splitlines()[-1] == f"warning: no record to write; {earlier} is left as it was"


def test_verbose_says_when_a_sentence_has_no_break(tmp_path):
    article = tmp_path / "dump.txt"
    article.write_text("Savunma sanayisi raporu\n" + " ".join(["savunma sanayisi başta olmak üzere"] * 1000) + "\n", encoding="utf-8")
    result = run("ingest", str(article), "--no-translate", "-v")
    assert result.exit_code == 0 and len(jsonl(result.stdout)) == 1
    said = [line for line in result.stderr.splitlines() if "no sentence break" in line]
    assert len(said) == 1 and f"{article}: segment 2 has a sentence of 5,000 words with no sentence break" in said[0]
