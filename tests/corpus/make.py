"""Write babelwire's quality corpus: the articles in articles.py dressed in the
chrome real sites print (Blogger, WordPress, news CMSs, agency lines, cookie
walls, share bars), as plain-text scrapes and as HTML pages, plus mixed-language
pages, each with an expectation file. Run it again after editing articles.py:

    python tests/corpus/make.py

The expectations come from how each page is put together, never from
babelwire's output.
"""

from __future__ import annotations

import html
import json
import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from articles import ARTICLES  # noqa: E402

OUT = Path(__file__).parent / "pages"

MONTHS = {
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "nb": "januar februar mars april mai juni juli august september oktober november desember",
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}
WEEKDAYS = {
    "tr": "Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "nb": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
}


def long_date(iso: str, lang: str, weekday: bool = True) -> str:
    d = date.fromisoformat(iso)
    month = MONTHS[lang].split()[d.month - 1]
    day = WEEKDAYS[lang].split()[d.weekday()]
    if lang == "en":
        return f"{day}, {d.day} {month} {d.year}" if weekday else f"{month} {d.day}, {d.year}"
    if lang == "tr":
        return f"{d.day} {month} {d.year} {day}" if weekday else f"{d.day} {month} {d.year}"
    if lang in ("nb", "de"):
        return f"{day} {d.day}. {month} {d.year}" if weekday else f"{d.day}. {month} {d.year}"
    return f"{day} {d.day} {month} {d.year}" if weekday else f"{d.day} {month} {d.year}"


# Chrome vocabulary, per language of the site frame.
CHROME = {
    "en": {
        "nav": ["Home", "News", "World", "Business", "Sport", "Opinion", "Culture"],
        "crumb": "Home > News > {section}",
        "byline": "By {author}",
        "published": "Published {date}",
        "posted": "Posted by {author} at 10:42",
        "category": "Categories: {section}",
        "tags": "Tags: local news, {section}",
        "share": ["Share this article", "Facebook Twitter WhatsApp Email", "Share on Facebook"],
        "related": ["Read more: {teaser}", "Related articles", "You may also like"],
        "comments": ["No comments:", "Post a Comment", "Leave a Reply", "Your email address will not be published. Required fields are marked *"],
        "blogger_nav": ["Newer Post", "Older Post", "Home", "Subscribe to: Post Comments (Atom)"],
        "subscribe": "Sign up for our morning newsletter",
        "cookie": "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies.",
        "cookie_button": "Accept all cookies",
        "photo": "Photo: {agency}",
        "ad": "Advertisement",
        "copyright": "© {year} {site}. All rights reserved.",
        "counter": "{views} views",
        "reading": "3 min read",
        "most_read": "Most read",
        "section": "Local",
    },
    "nl": {
        "nav": ["Home", "Nieuws", "Binnenland", "Buitenland", "Economie", "Sport", "Cultuur"],
        "crumb": "Home › Nieuws › {section}",
        "byline": "Door {author}",
        "published": "Gepubliceerd op {date}",
        "posted": "Geplaatst door {author} om 10:42",
        "category": "Categorie: {section}",
        "tags": "Trefwoorden: {section}, regio",
        "share": ["Deel dit artikel", "Facebook Twitter WhatsApp E-mail", "Delen via WhatsApp"],
        "related": ["Lees ook: {teaser}", "Gerelateerde artikelen", "Meer nieuws"],
        "comments": ["Geen opmerkingen:", "Reactie plaatsen", "Laat een reactie achter", "Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *"],
        "blogger_nav": ["Nieuwere post", "Oudere post", "Homepage", "Abonneren op: Reacties posten (Atom)"],
        "subscribe": "Meld je aan voor onze nieuwsbrief",
        "cookie": "Wij gebruiken cookies om onze website te verbeteren. Door verder te klikken ga je akkoord met het gebruik van cookies.",
        "cookie_button": "Alle cookies accepteren",
        "photo": "Foto: {agency}",
        "ad": "Advertentie",
        "copyright": "© {year} {site}. Alle rechten voorbehouden.",
        "counter": "{views} keer bekeken",
        "reading": "3 min leestijd",
        "most_read": "Meest gelezen",
        "section": "Regio",
    },
    "nb": {
        "nav": ["Forside", "Nyheter", "Innenriks", "Utenriks", "Økonomi", "Sport", "Kultur"],
        "crumb": "Forside > Nyheter > {section}",
        "byline": "Av {author}",
        "published": "Publisert {date}",
        "posted": "Publisert av {author} kl. 10:42",
        "category": "Kategori: {section}",
        "tags": "Stikkord: {section}, lokalt",
        "share": ["Del artikkelen", "Facebook Twitter E-post", "Del på Facebook"],
        "related": ["Les også: {teaser}", "Relaterte saker", "Mer fra nyheter"],
        "comments": ["Ingen kommentarer:", "Legg inn en kommentar", "Skriv en kommentar", "Merk: Bare medlemmer av denne bloggen kan legge inn en kommentar."],
        "blogger_nav": ["Nyere innlegg", "Eldre innlegg", "Startsiden", "Abonner på: Legg inn kommentarer (Atom)"],
        "subscribe": "Abonner på nyhetsbrevet vårt",
        "cookie": "Vi bruker informasjonskapsler (cookies) for å gi deg en bedre opplevelse på nettstedet. Ved å fortsette godtar du bruken av cookies.",
        "cookie_button": "Godta alle",
        "photo": "Foto: {agency}",
        "ad": "Annonse",
        "copyright": "© {year} {site}. Alle rettigheter reservert.",
        "counter": "{views} visninger",
        "reading": "3 min lesetid",
        "most_read": "Mest lest",
        "section": "Lokalt",
    },
    "tr": {
        "nav": ["Ana Sayfa", "Gündem", "Dünya", "Ekonomi", "Spor", "Yaşam", "Kültür"],
        "crumb": "Ana Sayfa > Haberler > {section}",
        "byline": "Yazar: {author}",
        "published": "Yayınlanma: {date}",
        "posted": "Yayınlayan: {author}",
        "category": "Kategori: {section}",
        "tags": "Etiketler: {section}, yerel",
        "share": ["Paylaş", "Facebook Twitter WhatsApp E-posta", "Haberi paylaş"],
        "related": ["İlgili Haberler", "Devamını oku", "Bunlar da ilginizi çekebilir"],
        "comments": ["Yorum yap", "Yorumlar (0)", "Henüz yorum yapılmamış."],
        "blogger_nav": ["Yeni Kayıt", "Eski Kayıt", "Ana Sayfa", "Kaydol: Kayıt Yorumları (Atom)"],
        "subscribe": "E-bültenimize abone olun",
        "cookie": "Sitemizde size daha iyi hizmet verebilmek için çerezler kullanılmaktadır. Sitemizi kullanarak çerez politikamızı kabul etmiş olursunuz.",
        "cookie_button": "Tümünü kabul et",
        "photo": "Fotoğraf: {agency}",
        "ad": "Reklam",
        "copyright": "© {year} {site}. Tüm hakları saklıdır.",
        "counter": "{views} okunma",
        "reading": "3 dk okuma",
        "most_read": "En çok okunanlar",
        "section": "Yerel",
    },
    "de": {
        "nav": ["Startseite", "Nachrichten", "Politik", "Wirtschaft", "Sport", "Kultur", "Panorama"],
        "crumb": "Startseite > Nachrichten > {section}",
        "byline": "Von {author}",
        "published": "Veröffentlicht am {date}",
        "posted": "Beitrags-Autor: {author}",
        "category": "Beitrags-Kategorie: {section}",
        "tags": "Schlagwörter: {section}",
        "share": ["Artikel teilen", "Facebook Twitter WhatsApp E-Mail", "Teilen"],
        "related": ["Weiterlesen", "Das könnte Sie auch interessieren", "Mehr zum Thema"],
        "comments": ["Keine Kommentare:", "Kommentar schreiben", "Hinterlasse einen Kommentar"],
        "blogger_nav": ["Neuerer Post", "Älterer Post", "Startseite", "Abonnieren Kommentare zum Post (Atom)"],
        "subscribe": "Jetzt Newsletter abonnieren",
        "cookie": "Wir verwenden Cookies, um Ihnen das beste Erlebnis auf unserer Webseite zu bieten. Mit der Nutzung stimmen Sie der Verwendung von Cookies zu.",
        "cookie_button": "Alle akzeptieren",
        "photo": "Foto: {agency}",
        "ad": "Anzeige",
        "copyright": "© {year} {site}. Alle Rechte vorbehalten.",
        "counter": "{views} Aufrufe",
        "reading": "3 Min. Lesezeit",
        "most_read": "Meistgelesen",
        "section": "Lokales",
    },
}
SITES = {"en": "Harbour Gazette", "nl": "Dagblad Noord", "nb": "Fjordposten", "tr": "Ege Haber", "de": "Stadtbote"}
AGENCIES = {"en": "Reuters", "nl": "ANP", "nb": "NTB", "tr": "AA", "de": "dpa"}


class Page:
    """Lines of a plain-text page, each marked chrome, title or body."""

    def __init__(self):
        self.lines: list[tuple[str, str]] = []  # (text, role)

    def add(self, text: str, role: str = "chrome") -> None:
        self.lines.append((text, role))

    def blank(self) -> None:
        self.lines.append(("", "blank"))


def teaser(rng: random.Random, lang: str, exclude: str) -> str:
    return rng.choice([a[1] for a in ARTICLES if a[0] == lang and a[1] != exclude])


def body_lines(page: Page, article, blank_between: bool, paragraph_langs: list | None = None) -> None:
    lang, title, _, _, heading, paragraphs = article
    for i, paragraph in enumerate(paragraphs):
        if heading and i == len(paragraphs) - 1:
            page.add(heading, "heading")
            if blank_between:
                page.blank()
        page.add(paragraph, "body")
        if blank_between:
            page.blank()


def style_blogger(rng, article, frame: str, extra_paragraphs=()) -> Page:
    c = CHROME[frame]
    lang, title, day, author, heading, paragraphs = article
    page = Page()
    page.add(long_date(day, frame))
    page.blank()
    page.add(title, "title")
    page.blank()
    body_lines(page, article, True)
    for p in extra_paragraphs:
        page.add(p, "body")
        page.blank()
    page.add(c["posted"].format(author=author))
    page.add(c["share"][1])
    page.blank()
    page.add(teaser(rng, lang, title), "chrome")
    page.blank()
    for line in c["comments"][:2]:
        page.add(line)
        page.blank()
    for line in c["blogger_nav"]:
        page.add(line)
    return page


def style_wordpress(rng, article, frame: str) -> Page:
    c = CHROME[frame]
    lang, title, day, author, heading, paragraphs = article
    page = Page()
    for item in c["nav"][:5]:
        page.add(item)
    page.add(c["crumb"].format(section=c["section"]))
    page.add(title, "title")
    page.add(c["byline"].format(author=author))
    page.add(long_date(day, frame, weekday=False))
    page.add(c["category"].format(section=c["section"]))
    body_lines(page, article, False)
    page.add(c["tags"].format(section=c["section"].lower()))
    for line in c["share"][:2]:
        page.add(line)
    page.add(c["related"][1])
    page.add(teaser(rng, lang, title), "chrome")
    page.add(teaser(rng, lang, title), "chrome")
    for line in c["comments"][2:]:
        page.add(line)
    page.add(c["copyright"].format(year=day[:4], site=SITES[frame]))
    return page


def style_newscms(rng, article, frame: str) -> Page:
    c = CHROME[frame]
    lang, title, day, author, heading, paragraphs = article
    page = Page()
    page.add(c["cookie"])
    page.add(c["cookie_button"])
    for item in c["nav"]:
        page.add(item)
    page.add(c["section"])
    page.add(title, "title")
    page.add(c["byline"].format(author=author))
    page.add(c["published"].format(date=long_date(day, frame, weekday=False)) + " 08:15")
    page.add(c["reading"])
    page.add(c["photo"].format(agency=AGENCIES[frame]))
    first, *rest = paragraphs
    page.add(first, "body")
    page.add(c["related"][0].format(teaser=teaser(rng, lang, title)))
    page.add(c["ad"])
    for i, paragraph in enumerate(rest):
        if heading and i == len(rest) - 1:
            page.add(heading, "heading")
        page.add(paragraph, "body")
    page.add(c["share"][0])
    page.add(c["subscribe"])
    page.add(c["most_read"])
    for _ in range(3):
        page.add(teaser(rng, lang, title))
    page.add(c["copyright"].format(year=day[:4], site=SITES[frame]))
    return page


def style_agency(rng, article, frame: str) -> Page:
    c = CHROME[frame]
    lang, title, day, author, heading, paragraphs = article
    page = Page()
    page.add(title.replace("i", "İ").replace("ı", "I").upper() if lang == "tr" else title, "title")
    page.add(long_date(day, frame) + " 14:05")
    page.add(c["counter"].format(views=rng.randint(200, 9000)))
    page.blank()
    body_lines(page, article, True)
    page.add(f"({AGENCIES[lang]})")
    page.add(c["share"][1])
    page.add(c["related"][1])
    page.add(teaser(rng, lang, title))
    return page


BLURBS = {
    "en": ["{site} is an independent local newspaper covering the coast since 1952.", "Get the day's most important stories delivered to your inbox every morning.", "Download our app to read the news on the go and get breaking news alerts."],
    "nl": ["{site} is een onafhankelijke regionale krant die sinds 1952 over het noorden schrijft.", "Ontvang elke ochtend het belangrijkste nieuws van de dag in je mailbox.", "Download onze app en lees het nieuws waar je ook bent."],
    "nb": ["{site} er en uavhengig lokalavis som har dekket fjordene siden 1952.", "Få dagens viktigste saker rett i innboksen hver morgen.", "Last ned appen vår og få varsler om siste nytt."],
    "tr": ["{site}, 1952'den bu yana Ege'nin haberlerini veren bağımsız bir yerel gazetedir.", "Günün en önemli haberleri her sabah e-posta kutunuzda.", "Uygulamamızı indirin, son dakika haberlerinden anında haberdar olun."],
    "de": ["{site} ist eine unabhängige Lokalzeitung, die seit 1952 über die Region berichtet.", "Die wichtigsten Nachrichten des Tages jeden Morgen in Ihrem Postfach.", "Laden Sie unsere App herunter und lesen Sie die Nachrichten unterwegs."],
}


def style_scrape(rng, article, frame: str) -> Page:
    """A naive whole-page scrape: menus, the article, then a long footer of
    teasers with their summary sentences, site blurbs and a cookie notice."""
    c = CHROME[frame]
    lang, title, day, author, heading, paragraphs = article
    page = Page()
    for item in c["nav"] * 2:
        page.add(item)
    page.add(" ".join(c["nav"]))
    page.add(title, "title")
    page.add(c["byline"].format(author=author))
    page.add(c["published"].format(date=long_date(day, frame, weekday=False)))
    body_lines(page, article, False)
    page.add(c["share"][0])
    page.add(c["most_read"])
    others = [a for a in ARTICLES if a[0] == lang and a[1] != title]
    for other in rng.sample(others, 3):
        page.add(other[1])
        page.add(other[5][0].split(". ")[0] + ".")
    for item in c["nav"]:
        page.add(item)
    for blurb in BLURBS[frame]:
        page.add(blurb.format(site=SITES[frame]))
    page.add(c["cookie"])
    page.add(c["cookie_button"])
    page.add(c["copyright"].format(year=day[:4], site=SITES[frame]))
    return page


STYLES = [style_blogger, style_wordpress, style_newscms, style_agency, style_scrape]


def render_html(article, frame: str, rng) -> tuple[str, list[str], list[str]]:
    """An HTML page; returns it, its chrome strings and its body paragraphs."""
    c = CHROME[frame]
    lang, title, day, author, heading, paragraphs = article
    site = SITES[frame]
    chrome = [c["cookie"], c["subscribe"], c["copyright"].format(year=day[:4], site=site), c["share"][0], c["most_read"]]
    teasers = [teaser(rng, lang, title) for _ in range(2)]
    chrome += teasers
    nav = "".join(f'<li><a href="/{i}">{html.escape(x)}</a></li>' for i, x in enumerate(c["nav"]))
    body = []
    for i, p in enumerate(paragraphs):
        if heading and i == len(paragraphs) - 1:
            body.append(f"<h2>{html.escape(heading)}</h2>")
        body.append(f"<p>{html.escape(p)}</p>")
    related = "".join(f'<li><a href="/r{i}">{html.escape(t)}</a></li>' for i, t in enumerate(teasers))
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(site)}</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="{html.escape(site)}">
<meta name="author" content="{html.escape(author)}">
<meta property="article:published_time" content="{day}T08:15:00+01:00">
</head>
<body>
<div class="cookie-banner"><p>{html.escape(c["cookie"])}</p><button>{html.escape(c["cookie_button"])}</button></div>
<header><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>{html.escape(title)}</h1>
<p class="byline">{html.escape(c["byline"].format(author=author))} · <time datetime="{day}">{html.escape(long_date(day, frame, weekday=False))}</time></p>
{"".join(body)}
<div class="share"><span>{html.escape(c["share"][0])}</span></div>
</article>
<aside><h3>{html.escape(c["most_read"])}</h3><ul>{related}</ul></aside>
</main>
<footer><p>{html.escape(c["subscribe"])}</p><p>{html.escape(c["copyright"].format(year=day[:4], site=site))}</p></footer>
</body>
</html>
"""
    return page, chrome, paragraphs + ([heading] if heading else [])


def write_text(name: str, page: Page, lang: str, published: str, paragraph_langs: list[str], title_lang: str | None = None) -> None:
    text_lines = [t for t, _ in page.lines]
    roles = [r for _, r in page.lines]
    expectation = {
        "file": f"{name}.txt",
        "format": "text",
        "lang": lang,
        "published": published,
        "title_line": next((i + 1 for i, r in enumerate(roles) if r == "title"), None),
        "chrome_lines": [i + 1 for i, r in enumerate(roles) if r == "chrome"],
        "body_lines": [i + 1 for i, r in enumerate(roles) if r in ("body", "heading")],
        "paragraph_langs": paragraph_langs,
        "title_lang": title_lang,
    }
    (OUT / f"{name}.txt").write_text("\n".join(text_lines) + "\n", encoding="utf-8")
    (OUT / f"{name}.json").write_text(json.dumps(expectation, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    rng = random.Random(2026)
    by_lang: dict[str, list] = {}
    for article in ARTICLES:
        by_lang.setdefault(article[0], []).append(article)
    for lang, articles in by_lang.items():
        for i, article in enumerate(articles, start=1):
            name = f"{lang}-{i:02d}"
            if i % 4 == 0:
                page, chrome, paragraphs = render_html(article, lang, rng)
                (OUT / f"{name}.html").write_text(page, encoding="utf-8")
                expectation = {
                    "file": f"{name}.html", "format": "html", "lang": lang, "published": article[2],
                    "title": article[1], "chrome_strings": chrome, "body_paragraphs": paragraphs,
                    "paragraph_langs": [],
                }
                (OUT / f"{name}.json").write_text(json.dumps(expectation, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                continue
            page = STYLES[(i + len(name)) % len(STYLES)](rng, article, lang) if i % 3 else style_scrape(rng, article, lang)
            write_text(name, page, lang, article[2], [], lang)
    mixed(rng, by_lang)


def _with_langs(page: Page, langs_by_text: dict[str, str]) -> list[str]:
    return [langs_by_text[t] for t, r in page.lines if r in ("body",)]


def mixed(rng, by_lang) -> None:
    """Pages that mix languages: a frame in one language around an article in another,
    or an article quoting whole paragraphs in another language."""
    plans = [
        ("nb", "en", style_blogger, 0), ("de", "en", style_wordpress, 1), ("en", "tr", style_newscms, 2),
        ("tr", "en", style_agency, 3), ("nl", "nb", style_wordpress, 4), ("en", "nl", style_blogger, 5),
    ]
    for n, (frame, lang, style, k) in enumerate(plans, start=1):
        article = by_lang[lang][k]
        if style is style_blogger:
            # A blog post: the blogger's own title in the frame language over a reposted article.
            framed_title = by_lang[frame][k][1] if frame in by_lang else article[1]
            article = (lang, framed_title, *article[2:])
        page = style(rng, article, frame)
        langs = {t: (frame if r == "title" else lang) for t, r in page.lines}
        published = article[2]
        write_text(f"mixed-{n:02d}", page, lang, published, [langs[t] for t, r in page.lines if r == "body"], frame if style is style_blogger else lang)
    # Articles quoting paragraphs in another language.
    for n, (lang, other) in enumerate([("tr", "en"), ("nl", "en")], start=len(plans) + 1):
        base = by_lang[lang][6 + n % 3]
        quoted = by_lang[other][6 + n % 3][5][0]
        paragraphs = [base[5][0], quoted, *base[5][1:]]
        article = (lang, base[1], base[2], base[3], None, paragraphs)
        page = style_wordpress(rng, article, lang)
        langs = {p: lang for p in base[5]}
        langs[quoted] = other
        write_text(f"mixed-{n:02d}", page, lang, base[2], [langs[t] for t, r in page.lines if r == "body"], lang)


if __name__ == "__main__":
    main()
