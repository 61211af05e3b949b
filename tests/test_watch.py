"""Watch terms (--watch): found in any language, on word boundaries, one line per bad entry."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import jsonl

from ingest.cli import main
from ingest.stories.watch import WatchFileError, parse

TURKISH = """Türkiye'den yeni savunma anlaşması

İstanbul'da bugün düzenlenen toplantıda savunma bakanları yeni anlaşmanın ayrıntılarını açıkladı. Bakanlar, S-400 sistemlerinin bakımının yerli firmalara verileceğini söyledi.

ISTANBUL merkezli şirketlerin ihaleye katılması bekleniyor. Yetkililer, sürecin önümüzdeki yıl tamamlanacağını belirtti ve ayrıntıların daha sonra paylaşılacağını ekledi.
"""

NORWEGIAN = """Nytt forskningssenter åpner i Tromsø

Universitetet i Tromsø åpner et nytt senter for arktisk forskning neste år, opplyser rektor. Senteret skal samle forskere fra hele landet.

Byggingen av senteret starter i vår, og det er ventet at rundt hundre forskere får arbeidsplassen sin der. Kommunen har bidratt med tomten.
"""

ENGLISH = """Defence firm unveils new radar

The company said on Tuesday that its S-4000 radar, a civilian weather system, would be tested over the North Sea next spring.

Engineers expect the trials to run for several months before the system is offered to airports across the region, the company added.
"""


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, text in (("tr.txt", TURKISH), ("nb.txt", NORWEGIAN), ("en.txt", ENGLISH)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def watch_file(tmp_path, text: str):
    path = tmp_path / "watch.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def matches_by_file(stdout: str) -> dict[str, list[dict]]:
    return {r["source"]["path"].rsplit("/", 1)[-1]: r["matches"] for r in jsonl(stdout)}


def test_dotted_and_dotless_capital_i_match_a_lowercase_term_in_turkish(tmp_path, inbox):
    result = run("ingest", str(inbox), "--no-translate", "--watch", watch_file(tmp_path, "Istanbul: istanbul\n"))
    found = matches_by_file(result.stdout)
    assert found["tr.txt"] == [{"label": "Istanbul", "term": "istanbul", "field": "text", "count": 2}]
    assert found["nb.txt"] == [] and found["en.txt"] == []


def test_norwegian_letters_fold_so_tromso_matches_tromso_with_a_slashed_o(tmp_path, inbox):
    result = run("ingest", str(inbox), "--no-translate", "--watch", watch_file(tmp_path, "Tromsø: tromso\n"))
    found = matches_by_file(result.stdout)["nb.txt"]
    assert {(m["field"], m["count"]) for m in found} == {("title", 1), ("text", 1)}


def test_a_term_matches_on_word_boundaries_only(tmp_path, inbox):
    result = run("ingest", str(inbox), "--no-translate", "--watch", watch_file(tmp_path, "S-400: S-400 | S400\n"))
    found = matches_by_file(result.stdout)
    assert found["tr.txt"] == [{"label": "S-400", "term": "S-400", "field": "text", "count": 1}]
    assert found["en.txt"] == []  # S-4000 is another thing


def test_only_matches_writes_only_the_records_that_match(tmp_path, inbox):
    result = run("ingest", str(inbox), "--no-translate", "--only-matches", "--watch", watch_file(tmp_path, "Arctic: Tromsø\n"))
    records = jsonl(result.stdout)
    assert [r["source"]["path"].rsplit("/", 1)[-1] for r in records] == ["nb.txt"]
    assert result.exit_code == 0


def test_a_bad_watch_file_names_file_and_line_and_nothing_runs(tmp_path, inbox):
    path = watch_file(tmp_path, "# people\nErdoğan: Erdoğan | Erdogan\nno colon on this line\n")
    result = run("ingest", str(inbox), "--no-translate", "--watch", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}:3:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_empty_alias_is_refused_with_its_line():
    with pytest.raises(WatchFileError, match=r"^w.txt:2: NATO: "):
        parse("S-400: S-400\nNATO: NATO | | NAVO\n", "w.txt")


def test_only_matches_without_a_watch_file_is_refused(inbox):
    result = run("ingest", str(inbox), "--no-translate", "--only-matches")
    assert result.exit_code == 2
    assert "--watch" in result.stderr and result.stdout == ""


def test_the_longer_of_two_overlapping_terms_wins():
    watch = parse("Air defence: S-400 | S-400 Triumf\n")
    assert watch.find([("text", "the S-400 Triumf system", "en")]) == [
        {"label": "Air defence", "term": "S-400 Triumf", "field": "text", "count": 1}
    ]
