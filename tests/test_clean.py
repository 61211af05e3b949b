"""The plain-text cleaner: chrome out (with reasons), article in, metadata found."""

from __future__ import annotations

import pytest
from conftest import DATA, SEEDS, unaccounted

from ingest.clean.text import clean_text

# For each seed: the chrome lines a reader would cut, the lines that are the
# article, and what the page says about itself. Written by reading the seeds.
SEED_EXPECTATIONS = {
    "000_d5a73210c1fcf6c2.txt": {
        "chrome": ["SonTurkHaber.com, Yenisafak kaynağından alınan verilere dayanarak açıklama yapıyor."],
        "title": "Savunma sanayiinde ‘kardeş’ açılımı",
        "headings": ["ORTAK ÜRETİM VE MİLLİ SİLAH İHRACI", "ORTA ASYA HAMLESİ SONUÇ VERDİ", "KIRGIZİSTAN'LA STRATEJİK İŞ BİRLİĞİ"],
        "published": None,
    },
    "001_fed60fbee1b04d1c.txt": {
        "chrome": ["date 2025-05"],
        "title": None,
        "headings": ["Baykars Europese uitbreiding gaat verder na Italiaanse luchtvaartovername"],
        "published": "2025-05",
    },
    "002_258824e1e69c0901.txt": {
        "chrome": ["• Beitrags-Autor:", "• Beitrags-Kategorie:Allgemein"],
        "title": "Turkey Azerbaijan Military Agreement",
        "headings": [],
        "published": None,
    },
    "003_49f6ea86e67d35b7.txt": {
        "chrome": ["Saturday, 14 December 2019", "Sputnik", "Russian C-400 exceeded Turkish expectations", "No comments:", "Post a Comment"],
        "title": "Russia and Turkey will start joint production of S-400 defense system and transfer of technologies",
        "headings": [],
        "published": "2019-12-14",
    },
    "004_088c51889cfd21ad.txt": {
        "chrome": ["lørdag 2. oktober 2021", "• Our Bureau", "• 02:28 PM, September 30, 2021", "• 2490",
                   "S-400 missile system. Via Russian state media.", "Ingen kommentarer:", "Legg inn en kommentar",
                   "Merk: Bare medlemmer av denne bloggen kan legge inn en kommentar."],
        "title": "Tyrkia fortsetter og kanskje utvider samarbeidet med Russland",
        "headings": ['Putin, Erdogan Discuss "Broadening" S-400 Cooperation Amidst U.S. Threat to Increase Sanctions Against Turkey'],
        "published": "2021-10-02",
    },
}


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_chrome_is_removed_with_reasons(name):
    cleaned = clean_text(_seed(name))
    removed = {r.text for r in cleaned.removed}
    for line in SEED_EXPECTATIONS[name]["chrome"]:
        assert line in removed
        assert line.lstrip("• ") not in cleaned.text
    assert all(r.reason for r in cleaned.removed)


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_loses_no_body_line(name):
    expected = SEED_EXPECTATIONS[name]
    cleaned = clean_text(_seed(name))
    chrome = {line.lstrip("• ") for line in expected["chrome"]}
    for line in _seed(name).splitlines():
        line = line.strip().lstrip("• ")
        line = next((line[len(c):].strip() for c in chrome if line.startswith(c) and line != c), line)
        if not line or line in chrome or any(line.endswith(c) for c in chrome) or line == expected["title"]:
            continue
        assert line in cleaned.text or any(r.text == line and r.reason in ("duplicate", "duplicate-title") for r in cleaned.removed) \
            or line.startswith(cleaned.title or "\0"), line


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_title_headings_and_date(name):
    expected = SEED_EXPECTATIONS[name]
    cleaned = clean_text(_seed(name))
    assert cleaned.title == expected["title"]
    assert [b.text for b in cleaned.blocks if b.kind == "heading"] == expected["headings"]
    assert cleaned.published == expected["published"]


def test_repeated_headline_and_lede_are_removed_once_kept_once():
    cleaned = clean_text(_seed("003_49f6ea86e67d35b7.txt"))
    reasons = [r.reason for r in cleaned.removed]
    assert reasons.count("duplicate-title") == 1 and reasons.count("duplicate") == 1
    assert cleaned.text.count("As we reported yesterday") == 1


def test_byline_timestamp_and_counter_become_metadata():
    cleaned = clean_text(_seed("004_088c51889cfd21ad.txt"))
    assert cleaned.author == "Our Bureau"
    assert [(d.value, d.role) for d in cleaned.dates] == [("2021-10-02", "published"), ("2021-09-30", "timestamp")]
    assert ("• 2490", "counter") in [(r.text, r.reason) for r in cleaned.removed]


def test_turkish_title_category_suffix_and_source_line_become_metadata():
    cleaned = clean_text(_seed("000_d5a73210c1fcf6c2.txt"))
    assert cleaned.category == "Ekonomi"
    assert cleaned.sitename == "SonTurkHaber.com"


def test_german_wordpress_category_label():
    assert clean_text(_seed("002_258824e1e69c0901.txt")).category == "Allgemein"


@pytest.mark.parametrize(
    "name,chrome,author,published",
    [
        ("nl_blog.txt", ["Home > Nieuws > Binnenland", "Door Pieter de Vries", "Foto: ANP", "Deel dit artikel", "Lees ook: Nieuwe tramlijn naar De Uithof vertraagd", "Geen opmerkingen:", "Reactie plaatsen", "© 2024 Utrechts Dagblad. Alle rechten voorbehouden."], "Pieter de Vries", "2024-03-12"),
        ("tr_haber.txt", ["Ana Sayfa > Gündem", "Haber Merkezi", "Fotoğraf: AA", "Paylaş", "İlgili Haberler", "Yorum yap"], "Haber Merkezi", "2023-10-12"),
        ("nb_blogg.txt", ["Av Kari Nordmann", "Les også: Fergeselskapet legger ned to ruter", "Del", "2 kommentarer:", "Legg inn en kommentar"], "Kari Nordmann", "2024-03-05"),
    ],
)
def test_chrome_in_each_language(name, chrome, author, published):
    cleaned = clean_text((DATA / name).read_text(encoding="utf-8"))
    removed = {r.text for r in cleaned.removed}
    assert set(chrome) <= removed
    assert cleaned.author == author and cleaned.published == published
    assert all(b.text not in removed for b in cleaned.blocks)


def test_heading_inside_article_is_kept_as_heading():
    cleaned = clean_text((DATA / "nl_blog.txt").read_text(encoding="utf-8"))
    assert ("heading", "Gratis stallen in de eerste dag") in [(b.kind, b.text) for b in cleaned.blocks]


def test_prose_mentioning_chrome_words_is_kept():
    text = (
        "Abonelik sistemi hakkında yorum yapan bakan, yeni düzenlemenin önümüzdeki ay yürürlüğe gireceğini söyledi.\n"
        "The minister, who declined to share details of the newsletter, said the subscribe button had been removed by mistake last week.\n"
    )
    cleaned = clean_text(text)
    assert cleaned.removed == []
    assert len(cleaned.blocks) == 2


def test_text_without_paragraphs_is_kept_whole():
    cleaned = clean_text("Kort melding\nMer følger")
    assert [b.text for b in cleaned.blocks] == ["Kort melding", "Mer følger"]


def test_every_input_line_is_accounted_for():
    """Each line of every seed and sample scrape is kept, the title, or in `removed` under its own number."""
    for path in [*SEEDS.iterdir(), *DATA.glob("*.txt")]:
        text = path.read_bytes().decode("utf-8", errors="ignore")
        assert unaccounted(text, clean_text(text)) == [], path.name


def test_footer_after_the_article_is_removed_even_when_it_is_prose():
    article = [
        "Home", "News", "Sport", "Culture", "Opinion",
        "Harbour reopens after storm repairs",
        "The town harbour reopened on Saturday after three months of repairs to the breakwater that was damaged in the autumn storms last year.",
        "The harbour master said the new breakwater is a metre higher than the old one and should withstand waves that would once have flooded the quay.",
        "Contact", "Advertise", "Careers", "Jobs", "Archive", "Weather",
        "The Coastal Times is an independent newspaper covering the coast since 1952.",
    ]
    cleaned = clean_text("\n".join(article))
    assert cleaned.title == "Harbour reopens after storm repairs"
    assert [b.text for b in cleaned.blocks] == article[6:8]
    assert ("The Coastal Times is an independent newspaper covering the coast since 1952.", "outside-article") in [(r.text, r.reason) for r in cleaned.removed]


def test_teasers_under_a_most_read_header_are_related_links():
    text = "\n".join([
        "Ferry timetable restored after repairs",
        "The island ferry will run its full winter timetable from Monday, the operator confirmed on Friday after weeks of disruption for passengers.",
        "Most read",
        "Council approves new cycle lanes",
        "The city council has approved plans for protected cycle lanes.",
        "Storm leaves thousands without power",
    ])
    cleaned = clean_text(text)
    assert [b.text for b in cleaned.blocks] == [text.splitlines()[1]]
    assert {r.text: r.reason for r in cleaned.removed}["The city council has approved plans for protected cycle lanes."] == "related"


def test_one_sentence_paragraphs_after_a_header_are_still_body():
    lines = ["Economy grows for a sixth quarter", "Related",
             "The economy grew by one percent in the first quarter, the statistics office said on Friday.",
             "That compares with a contraction of half a percent in the previous quarter.",
             "Economists had expected growth of around eight tenths of a percent."]
    cleaned = clean_text("\n".join(lines))
    assert [b.text for b in cleaned.blocks] == lines[2:]


@pytest.mark.parametrize("line,reason", [
    ("When you visit our website, we store cookies on your browser to collect information about you.", "cookie"),
    ("If you buy something using links in our stories, we may earn a commission.", "disclosure"),
    ("Reporting by Jane Doe; Editing by John Smith", "byline"),
    ("Advertisement · Scroll to continue", "advertisement"),
    ("Show more sharing options", "share"),
    ("(Photos by Associated Press; photo illustration by A. Designer)", "credit"),
])
def test_more_chrome_forms(line, reason):
    from ingest.clean.chrome import classify

    assert classify(line).reason == reason


def test_privacy_news_in_the_body_is_not_consent_chrome():
    from ingest.clean.chrome import classify

    assert classify("The regulator fined the company for storing personal data of millions of customers without consent.") is None


def _page(*header: str) -> str:
    """A scrape: the given header lines over a byline, a dateline and three paragraphs of prose."""
    return "\n".join([
        *header,
        "Jane Holloway",
        "12 May 2025 • 10:15",
        "The two leaders met for three hours at the presidential palace on Tuesday and agreed to set up a working group on trade.",
        "Officials said the group would meet for the first time next month and report back to both governments before the summer.",
        "Neither side gave details of the disputes over tariffs that have soured relations between the two countries this year.",
    ])


@pytest.mark.parametrize("menu", [
    "Home  World  Business  Markets  Sport  Opinion",
    "Nyheter  Innenriks  Utenriks  Økonomi  Tips oss",
])
def test_menu_of_spaced_capitalised_words_is_navigation(menu):
    cleaned = clean_text(_page("Riverside Gazette", menu, "Leaders agree to set up a trade working group"))
    assert (menu, "navigation") in [(r.text, r.reason) for r in cleaned.removed]
    assert cleaned.title == "Leaders agree to set up a trade working group"
    assert cleaned.blocks[0].kind == "paragraph"


def test_headline_above_the_byline_is_the_title_past_a_headline_shaped_menu():
    menu = "Home News Politics Economy Culture Sport"
    cleaned = clean_text(_page(menu, "Leaders agree to set up a trade working group"))
    assert cleaned.title == "Leaders agree to set up a trade working group"
    assert (menu, "navigation") in [(r.text, r.reason) for r in cleaned.removed]


def test_title_case_headline_stays_the_title_over_its_deck():
    cleaned = clean_text(_page(
        "Home  World  Politics  Sport",
        "Erdoğan Meets Rutte In Ankara",
        "Trade and the war in Ukraine top the agenda as the NATO chief visits Turkey",
    ))
    assert cleaned.title == "Erdoğan Meets Rutte In Ankara"
    assert ("heading", "Trade and the war in Ukraine top the agenda as the NATO chief visits Turkey") in [
        (b.kind, b.text) for b in cleaned.blocks]


@pytest.mark.parametrize("line", ["World Desk staff", "By Jane Holloway | Riverside Gazette"])
def test_staff_and_piped_bylines_are_bylines(line):
    from ingest.clean.chrome import classify

    assert classify(line).reason == "byline"
