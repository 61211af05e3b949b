"""The invented outlets of the stories corpus and how each one dresses an article.

Every outlet has its own chrome (menus, share widgets, newsletter prompts,
teasers, cookie lines, footers) and its own way of printing the publication
date. Two articles from one outlet get identical chrome, so chrome alone never
tells two articles apart, and never ties them together.
"""

from __future__ import annotations

import html as _html
from datetime import datetime

MONTHS = {
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık".split(),
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "nb": "januar februar mars april mai juni juli august september oktober november desember".split(),
    "en": "January February March April May June July August September October November December".split(),
}
WEEKDAYS = {
    "tr": "Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar".split(),
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split(),
    "nb": "mandag tirsdag onsdag torsdag fredag lørdag søndag".split(),
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
}


def _en_time(d: datetime) -> str:
    hour = d.hour % 12 or 12
    return f"{hour}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


# How each outlet prints its date line in a text scrape, or its visible byline date.
DATE_STYLES = {
    "tr_dots": lambda d: f"Yayınlanma: {d:%d.%m.%Y %H:%M}",
    "tr_long": lambda d: f"{d.day} {MONTHS['tr'][d.month - 1]} {d.year} {WEEKDAYS['tr'][d.weekday()]} {d:%H:%M}",
    "tr_both": lambda d: f"Yayınlanma: {d:%d.%m.%Y %H:%M} | Güncelleme: {d:%d.%m.%Y} {min(d.hour + 2, 23):02d}:{d.minute:02d}",
    "nl_label": lambda d: f"Gepubliceerd: {d.day} {MONTHS['nl'][d.month - 1]} {d.year} {d:%H:%M}",
    "nl_weekday": lambda d: f"{WEEKDAYS['nl'][d.weekday()]} {d.day} {MONTHS['nl'][d.month - 1]} {d.year}, {d:%H:%M}",
    "nl_numeric": lambda d: f"{d:%d-%m-%Y}, {d:%H:%M}",
    "nb_label": lambda d: f"Publisert: {d:%d.%m.%Y} kl. {d:%H:%M}",
    "nb_long": lambda d: f"Publisert {d.day}. {MONTHS['nb'][d.month - 1]} {d.year} kl. {d:%H.%M}",
    "en_us": lambda d: f"Published: {MONTHS['en'][d.month - 1]} {d.day}, {d.year} {_en_time(d)}",
    "en_uk": lambda d: f"{d.day} {MONTHS['en'][d.month - 1]} {d.year} • {d:%H:%M} GMT",
    "en_short": lambda d: f"Updated {WEEKDAYS['en'][d.weekday()][:3]} {d.day} {MONTHS['en'][d.month - 1][:3]} {d.year} {d:%H.%M}",
}

# fmt: "txt" scrapes or "html" pages. Text outlets list their chrome line by line.
OUTLETS = {
    # --- Turkish -----------------------------------------------------------
    "egehaber": {
        "name": "Ege Haber", "lang": "tr", "fmt": "txt", "date": "tr_dots", "tz": "TR",
        "top": ["Ana Sayfa", "Gündem", "Dünya", "Ekonomi", "Spor", "Yaşam", "Son Dakika"],
        "crumb": "Ana Sayfa > Haberler > {section}",
        "byline": "Haber Merkezi",
        "after_date": [],
        "sep": "\n",
        "bottom": ["Etiketler: {section_lower}, son dakika", "Paylaş", "Facebook Twitter WhatsApp E-posta",
                    "Google Haberler'de takip edin", "İlgili Haberler",
                    "İzmir'de fuar sezonu açıldı", "Körfez'de deniz suyu sıcaklığı ölçüldü",
                    "Yorumlar (0)", "Yorum yazmak için giriş yapın.",
                    "© 2026 Ege Haber. Tüm hakları saklıdır. Haberlerin izinsiz kullanılması yasaktır."],
    },
    "gundempostasi": {
        "name": "Gündem Postası", "lang": "tr", "fmt": "txt", "date": "tr_both", "tz": "TR",
        "top": ["Bu sitede çerezler kullanılmaktadır. Siteyi kullanmaya devam ederek çerez politikamızı kabul etmiş olursunuz. Tamam",
                "GÜNDEM POSTASI", "Gündem | Politika | Ekonomi | Dünya | Spor | Magazin", "Giriş Yap / Üye Ol"],
        "crumb": None,
        "byline": "Gündem Postası Haber Merkezi",
        "after_date": ["Okunma süresi: 2 dk"],
        "sep": "\n\n",
        "bottom": ["Bu habere tepkiniz ne?", "Beğendim Kızdım Üzüldüm Şaşırdım", "Haberi Paylaş:",
                    "Günün öne çıkan haberleri her sabah e-posta kutunuzda! Bültenimize abone olun.",
                    "Çok Okunanlar", "1. Akaryakıta yeni zam kapıda mı?", "2. Emekli maaşlarında yeni dönem",
                    "3. Hafta sonu hava nasıl olacak?",
                    "Künye | Gizlilik Politikası | Çerez Politikası | İletişim", "Gündem Postası © 2026"],
    },
    "sporarena": {
        "name": "Spor Arena", "lang": "tr", "fmt": "txt", "date": "tr_long", "tz": "TR",
        "top": ["SPOR ARENA", "Futbol", "Basketbol", "Voleybol", "Transfer", "Canlı Skor", "Puan Durumu"],
        "crumb": "Spor Arena > Futbol > {section}",
        "byline": "Spor Arena Servisi",
        "after_date": [],
        "sep": "\n",
        "bottom": ["Paylaş: Facebook | X | WhatsApp", "Maç özetini izlemek için tıklayın",
                    "Diğer Haberler", "Transfer döneminde sürpriz gelişme", "Milli takımın aday kadrosu açıklandı",
                    "Canlı skor ve puan durumu için uygulamamızı indirin.",
                    "© 2026 Spor Arena | Tüm Hakları Saklıdır"],
    },
    "marmara": {
        "name": "Marmara Gazetesi", "lang": "tr", "fmt": "html", "date": "tr_long", "tz": "TR",
        "nav": ["Ana Sayfa", "Gündem", "Ekonomi", "Dünya", "Spor", "Yazarlar", "Video"],
        "share": "Paylaş: <a href='#'>Facebook</a> <a href='#'>X</a> <a href='#'>WhatsApp</a>",
        "newsletter": "Marmara Gazetesi bültenine abone olun, gündemi kaçırmayın.",
        "related_title": "Bunlar da ilginizi çekebilir",
        "related": ["Köprüde bakım çalışması başlıyor", "Üniversite adaylarına sınav uyarısı", "Yeni metro hattında test sürüşleri"],
        "cookie": "Size daha iyi hizmet sunabilmek için çerezler kullanıyoruz.",
        "footer": "© 2026 Marmara Gazetesi — Tüm hakları saklıdır. | Künye | İletişim",
        "visible_date": True, "classes": ("haber-detay", "haber-metni"),
    },
    "haberankara": {
        "name": "Haber Ankara", "lang": "tr", "fmt": "html", "date": "tr_dots", "tz": "TR",
        "nav": ["Son Dakika", "Türkiye", "Dünya", "Ekonomi", "Savunma", "Sağlık"],
        "share": "Haberi paylaş <span>Facebook</span> <span>Twitter</span> <span>Telegram</span> <span>Linki kopyala</span>",
        "newsletter": None,
        "related_title": "İlgili Haberler",
        "related": ["Meclis'te yoğun hafta", "Başkentte trafik düzenlemesi"],
        "cookie": None,
        "footer": "Haber Ankara © 2026. Tüm hakları saklıdır. Gizlilik | Kullanım Koşulları",
        "visible_date": False, "classes": ("news", "news-body"),
    },
    "karadeniz": {
        "name": "Karadeniz Ekspres", "lang": "tr", "fmt": "html", "date": "tr_long", "tz": "TR",
        "nav": ["Anasayfa", "Trabzon", "Türkiye", "Dünya", "Ekonomi", "Spor", "Foto Galeri"],
        "share": "Bu haberi paylaşın",
        "newsletter": "Son dakika bildirimlerini almak için tıklayın.",
        "related_title": "Çok Okunanlar",
        "related": ["Trabzon'da fındık fiyatları açıklandı", "Sahil yolunda çalışma var", "Yaylada kar sürprizi"],
        "cookie": "Çerezleri kabul ediyor musunuz? Kabul Et | Reddet",
        "footer": "Karadeniz Ekspres © 2026 | Yayın İlkeleri | Künye",
        "visible_date": True, "classes": ("post", "post-content"),
    },
    # --- Dutch -------------------------------------------------------------
    "nieuwsnu": {
        "name": "NieuwsNu.nl", "lang": "nl", "fmt": "txt", "date": "nl_label", "tz": "NL",
        "top": ["NieuwsNu.nl", "Home | Binnenland | Buitenland | Economie | Sport | Tech | Regio", "Zoeken"],
        "crumb": "Home › {section}",
        "byline": "Door onze redactie",
        "after_date": [],
        "sep": "\n\n",
        "bottom": ["Deel dit artikel", "WhatsApp Facebook X E-mail", "Meer over dit onderwerp",
                    "Nieuwe dienstregeling NS: meer treinen in de spits", "Kabinet presenteert plannen voor woningbouw",
                    "Ontvang elke ochtend het belangrijkste nieuws in je inbox. Schrijf je in voor de nieuwsbrief.",
                    "NieuwsNu.nl gebruikt cookies en vergelijkbare technieken. Lees meer in ons cookiebeleid.",
                    "© 2026 NieuwsNu.nl – Alle rechten voorbehouden"],
    },
    "brabants": {
        "name": "Brabants Avondblad", "lang": "nl", "fmt": "txt", "date": "nl_weekday", "tz": "NL",
        "top": ["Brabants Avondblad", "Nieuws", "Eindhoven", "Den Bosch", "Tilburg", "Uden-Veghel", "Sport", "Puzzels", "Abonneren"],
        "crumb": None,
        "byline": "Redactie",
        "after_date": ["Leestijd: 2 minuten"],
        "sep": "\n",
        "bottom": ["Delen", "Deel via WhatsApp", "Kopieer link", "Lees ook",
                    "Carnavalsoptocht trekt recordaantal bezoekers", "Wegwerkzaamheden op de A50 bij Veghel",
                    "Word abonnee voor €1 per week", "Reacties (3) – Log in om te reageren",
                    "Brabants Avondblad | Colofon | Privacy | Cookie-instellingen"],
    },
    "hofstad": {
        "name": "Hofstad Courant", "lang": "nl", "fmt": "txt", "date": "nl_numeric", "tz": "NL",
        "top": ["Wij en onze partners gebruiken cookies. Akkoord | Instellingen", "HOFSTAD COURANT",
                "Politiek  Den Haag  Binnenland  Buitenland  Opinie  Podcasts"],
        "crumb": "Politiek",
        "byline": "Door Lotte van Rijswijk",
        "after_date": [],
        "sep": "\n\n",
        "bottom": ["Deel dit artikel:", "Facebook  X  LinkedIn  WhatsApp",
                    "Volg de Haagse politiek: meld je aan voor onze nieuwsbrief Het Binnenhof.",
                    "Meest gelezen", "Coalitie botst over stikstofplannen", "Nieuwe burgemeester voor Den Haag gezocht",
                    "Over ons | Adverteren | Privacyverklaring | © Hofstad Courant 2026"],
    },
    "dagbladnoord": {
        "name": "Dagblad Noord", "lang": "nl", "fmt": "html", "date": "nl_weekday", "tz": "NL",
        "nav": ["Home", "Nieuws", "Binnenland", "Buitenland", "Economie", "Sport", "Cultuur"],
        "share": "Deel dit artikel",
        "newsletter": "Meld je aan voor onze nieuwsbrief",
        "related_title": "Meest gelezen",
        "related": ["Jonge schakers winnen landelijk kampioenschap", "Boeren experimenteren met nieuwe graansoorten"],
        "cookie": "Wij gebruiken cookies om onze website te verbeteren. Door verder te klikken ga je akkoord met het gebruik van cookies.",
        "footer": "© 2026 Dagblad Noord. Alle rechten voorbehouden.",
        "visible_date": True, "classes": ("artikel", "artikel-tekst"),
    },
    "rijnbode": {
        "name": "De Rijnbode", "lang": "nl", "fmt": "html", "date": "nl_label", "tz": "NL",
        "nav": ["Voorpagina", "Regio", "Nederland", "Wereld", "Geld", "Sport", "Cultuur & Media"],
        "share": "<span>Delen:</span> <a href='#'>WhatsApp</a> <a href='#'>Facebook</a> <a href='#'>LinkedIn</a>",
        "newsletter": None,
        "related_title": "Lees ook",
        "related": ["Rijnkade krijgt nieuwe bomen", "Waterschap verhoogt dijk bij Wageningen", "Gemeente zoekt vrijwilligers"],
        "cookie": "De Rijnbode plaatst cookies. Ga je akkoord?",
        "footer": "De Rijnbode — Colofon · Privacy · Contact · © 2026",
        "visible_date": False, "classes": ("story", "story-body"),
    },
    "ijsselbode": {
        "name": "IJsselbode", "lang": "nl", "fmt": "html", "date": "nl_numeric", "tz": "NL",
        "nav": ["Zwolle", "Deventer", "Kampen", "Regio", "Nederland", "Sport"],
        "share": "Deel op WhatsApp · Deel op Facebook",
        "newsletter": "Het belangrijkste nieuws uit de regio? Schrijf je in voor de IJsselbode-nieuwsbrief.",
        "related_title": "Meer uit Zwolle",
        "related": ["Nieuwe fietsbrug over de IJssel geopend", "Sassenpoort tijdelijk dicht"],
        "cookie": None,
        "footer": "© 2026 IJsselbode · Alle rechten voorbehouden · Cookie-instellingen",
        "visible_date": True, "classes": ("article", "article__body"),
    },
    # --- Norwegian Bokmål -------------------------------------------------
    "ostlandsbladet": {
        "name": "Østlandsbladet", "lang": "nb", "fmt": "txt", "date": "nb_label", "tz": "NO",
        "top": ["Østlandsbladet", "Nyheter  Innenriks  Utenriks  Økonomi  Sport  Kultur  Meninger", "Logg inn  Bli abonnent"],
        "crumb": None,
        "byline": "Østlandsbladet",
        "after_date": [],
        "sep": "\n",
        "bottom": ["Del", "Facebook  Messenger  E-post  Kopier lenke", "Les også", "Strømprisen faller igjen i Sør-Norge",
                    "Ny E6-strekning åpnet i Gudbrandsdalen", "Få de viktigste nyhetene rett i innboksen – meld deg på nyhetsbrevet vårt",
                    "Ansvarlig redaktør: Tone Aasheim", "© 2026 Østlandsbladet. Vi bruker informasjonskapsler (cookies)."],
    },
    "bergensposten": {
        "name": "Bergensposten", "lang": "nb", "fmt": "txt", "date": "nb_long", "tz": "NO",
        "top": ["Vi bruker informasjonskapsler for å gi deg en bedre opplevelse. Godta alle  Innstillinger", "BERGENSPOSTEN",
                "Nyheter | Bergen | Økonomi | Sport | Kultur | Debatt", "Meny"],
        "crumb": "Nyheter / {section}",
        "byline": "Av Bergensposten",
        "after_date": ["Lesetid: 2 minutter"],
        "sep": "\n\n",
        "bottom": ["Del artikkelen", "Facebook  X  E-post", "Mer fra Bergensposten",
                    "Bybanen får nye vogner i 2027", "Rekordmange cruiseanløp i sommer",
                    "Meld deg på nyhetsbrevet vårt og få dagens viktigste saker.",
                    "Bergensposten arbeider etter Vær Varsom-plakatens regler for god presseskikk.",
                    "Bergensposten © 2026"],
    },
    "sorlandsavisa": {
        "name": "Sørlandsavisa", "lang": "nb", "fmt": "txt", "date": "nb_label", "tz": "NO",
        "top": ["Sørlandsavisa", "Forsiden  Kristiansand  Agder  Sport  Kultur  Tips oss"],
        "crumb": "Forsiden > Nyheter > Kristiansand",
        "byline": "Sørlandsavisa",
        "after_date": [],
        "sep": "\n",
        "bottom": ["Del saken", "Har du tips? Ring eller send SMS til 2210", "Siste nytt",
                    "Ny kollektivplan for Kristiansand", "Badeplassene åpner tidlig i år",
                    "Ansvarlig redaktør: Knut Hovland | Personvern | Cookies", "Sørlandsavisa © 2026"],
    },
    "fjordavisen": {
        "name": "Fjordavisen", "lang": "nb", "fmt": "html", "date": "nb_label", "tz": "NO",
        "nav": ["Forsiden", "Nyheter", "Økonomi", "Sport", "Kultur", "Meninger", "Tips oss"],
        "share": "Del: <a href='#'>Facebook</a> <a href='#'>E-post</a> <a href='#'>Kopier lenke</a>",
        "newsletter": "Meld deg på nyhetsbrevet vårt",
        "related_title": "Les også",
        "related": ["Ny ferjekai i Hardanger", "Laksebønder frykter ny skatt", "Rekordsesong for turisme"],
        "cookie": "Vi bruker informasjonskapsler. Godta | Innstillinger",
        "footer": "Fjordavisen © 2026. Ansvarlig redaktør: Siri Nesheim. Fjordavisen arbeider etter Vær Varsom-plakaten.",
        "visible_date": True, "classes": ("artikkel", "brodtekst"),
    },
    "tronder": {
        "name": "Trønder Nytt", "lang": "nb", "fmt": "html", "date": "nb_long", "tz": "NO",
        "nav": ["Nyheter", "Trondheim", "Innherred", "Sport", "Næringsliv", "Debatt"],
        "share": "Del saken",
        "newsletter": None,
        "related_title": "Mest lest",
        "related": ["Nytt badeanlegg i Trondheim åpner", "Rekordmange søkere til NTNU"],
        "cookie": "Trønder Nytt bruker informasjonskapsler.",
        "footer": "© Trønder Nytt 2026 · Personvern · Kontakt oss",
        "visible_date": False, "classes": ("sak", "sak-tekst"),
    },
    "hovedstad": {
        "name": "Hovedstadsavisen", "lang": "nb", "fmt": "html", "date": "nb_long", "tz": "NO",
        "nav": ["Oslo", "Norge", "Verden", "Økonomi", "Sport", "Kultur", "Podkast"],
        "share": "<button>Del</button> <button>Lagre</button>",
        "newsletter": "Få morgenbrevet fra Hovedstadsavisen – helt gratis.",
        "related_title": "Anbefalt for deg",
        "related": ["Boligprisene i Oslo stiger igjen", "Slik blir påskeværet", "T-banen stenges i helgen"],
        "cookie": None,
        "footer": "Hovedstadsavisen AS © 2026 | Ansvarlig redaktør: Hanne Lid | Personvernerklæring",
        "visible_date": True, "classes": ("article", "article-body"),
    },
    # --- English -----------------------------------------------------------
    "worlddesk": {
        "name": "World Desk Online", "lang": "en", "fmt": "txt", "date": "en_uk", "tz": "UK",
        "top": ["We use cookies to improve your experience on our website. Accept all cookies", "WORLD DESK",
                "Home  World  Business  Markets  Sport  Opinion", "Sign in  Subscribe"],
        "crumb": "Home > World > {section}",
        "byline": "World Desk staff",
        "after_date": ["3 min read"],
        "sep": "\n\n",
        "bottom": ["Share this article", "Facebook Twitter WhatsApp Email", "More from World",
                    "EU leaders agree new migration rules", "Markets steady ahead of US jobs data",
                    "Get the World Desk briefing in your inbox every morning.",
                    "© 2026 World Desk Online. All rights reserved. Terms | Privacy | Cookies"],
    },
    "metrochronicle": {
        "name": "Metro Chronicle", "lang": "en", "fmt": "txt", "date": "en_us", "tz": "US",
        "top": ["Metro Chronicle", "News | Local | Nation | World | Business | Sports | Weather", "Advertisement"],
        "crumb": None,
        "byline": "Metro Chronicle Wire Services",
        "after_date": [],
        "sep": "\n",
        "bottom": ["Share on Facebook", "Share on X", "Email this story", "Trending now",
                    "City council approves new bike lanes", "Storm watch issued for the weekend",
                    "Sign up for our morning newsletter", "Advertisement",
                    "Copyright © 2026 Metro Chronicle. All rights reserved."],
    },
    "northerncourier": {
        "name": "Northern Courier", "lang": "en", "fmt": "txt", "date": "en_us", "tz": "US",
        "top": ["NORTHERN COURIER", "Home | News | Business | World | Opinion | Obituaries", "Subscribe for $1"],
        "crumb": "News > World",
        "byline": "From staff and wire reports",
        "after_date": [],
        "sep": "\n\n",
        "bottom": ["Share", "Facebook Twitter Email", "Related coverage",
                    "Lake levels rise after wet winter", "School board delays budget vote",
                    "Leave a comment", "Your email address will not be published. Required fields are marked *",
                    "© 2026 Northern Courier. All rights reserved."],
    },
    "dailyledger": {
        "name": "The Daily Ledger", "lang": "en", "fmt": "html", "date": "en_us", "tz": "US",
        "nav": ["Home", "U.S.", "World", "Business", "Markets", "Tech", "Opinion"],
        "share": "Share this article: <a href='#'>Facebook</a> <a href='#'>X</a> <a href='#'>LinkedIn</a> <a href='#'>Email</a>",
        "newsletter": "Sign up for The Daily Ledger's morning briefing.",
        "related_title": "Most read",
        "related": ["Fed minutes show officials split on timing of cuts", "Airlines brace for spring travel surge"],
        "cookie": "We use cookies to personalise content and ads. Accept | Manage preferences",
        "footer": "© 2026 The Daily Ledger. All rights reserved. | Terms of Use | Privacy Policy",
        "visible_date": True, "classes": ("story", "story-text"),
    },
    "harbourtimes": {
        "name": "Harbour Times", "lang": "en", "fmt": "html", "date": "en_short", "tz": "UK",
        "nav": ["News", "World", "Business", "Climate", "Sport", "Culture"],
        "share": "<span>Share</span>",
        "newsletter": None,
        "related_title": "Related stories",
        "related": ["Shipping rates climb as demand recovers", "Port strike ends after pay deal", "New ferry route announced"],
        "cookie": "Harbour Times uses cookies. Find out more.",
        "footer": "Harbour Times © 2026 · About us · Contact · Privacy",
        "visible_date": False, "classes": ("entry", "entry-content"),
    },
}


def offset(tz: str, d: datetime) -> str:
    """The outlet's UTC offset on that (local) day: DST from 29 March 2026 in Europe, 8 March in the US."""
    day = d.date().isoformat()
    if tz == "TR":
        return "+03:00"
    eu_summer = not ("2025-10-26" <= day < "2026-03-29")
    if tz in ("NL", "NO"):
        return "+02:00" if eu_summer else "+01:00"
    if tz == "UK":
        return "+01:00" if eu_summer else "+00:00"
    if tz == "US":
        return "-04:00" if not ("2025-11-02" <= day < "2026-03-08") else "-05:00"
    raise ValueError(tz)


def _fill(line: str, section: str) -> str:
    return line.replace("{section}", section).replace("{section_lower}", section.lower())


def render_txt(o: dict, a: dict, d: datetime) -> str:
    lines = [_fill(x, a["section"]) for x in o["top"]]
    if o["crumb"]:
        lines.append(_fill(o["crumb"], a["section"]))
    lines.append(a["headline"])
    lines.append(a.get("author") or o["byline"])
    lines.append(DATE_STYLES[o["date"]](d))
    lines += o["after_date"]
    head = "\n".join(lines)
    body = o["sep"].join(a["body"])
    tail = "\n".join(_fill(x, a["section"]) for x in o["bottom"])
    return f"{head}\n{body}\n{tail}\n" if o["sep"] == "\n" else f"{head}\n\n{body}\n\n{tail}\n"


def render_html(o: dict, a: dict, d: datetime, iso: str) -> str:
    e = _html.escape
    art_cls, body_cls = o["classes"]
    author = a.get("author") or o["name"]
    nav = "".join(f'<li><a href="/{i}">{e(x)}</a></li>' for i, x in enumerate(o["nav"]))
    byline = f'<p class="byline">{e(author)}'
    if o["visible_date"]:
        byline += f' · <time datetime="{iso}">{e(DATE_STYLES[o["date"]](d))}</time>'
    byline += "</p>"
    paras = "\n".join(f"<p>{_html.escape(p, quote=False)}</p>" for p in a["body"])
    related = "".join(f'<li><a href="/r{i}">{e(x)}</a></li>' for i, x in enumerate(o["related"]))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{o["lang"]}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_html.escape(a['headline'], quote=False)} | {e(o['name'])}</title>",
        f'<meta property="og:title" content="{e(a["headline"])}">',
        f'<meta property="og:site_name" content="{e(o["name"])}">',
        f'<meta name="author" content="{e(author)}">',
        f'<meta property="article:published_time" content="{iso}">',
        f'<meta property="article:section" content="{e(a["section"])}">',
        "</head>",
        "<body>",
    ]
    if o["cookie"]:
        parts.append(f'<div class="cookie-notice"><p>{e(o["cookie"])}</p></div>')
    parts += [
        f'<header><div class="logo">{e(o["name"])}</div><nav><ul>{nav}</ul></nav></header>',
        "<main>",
        f'<article class="{art_cls}">',
        f"<h1>{_html.escape(a['headline'], quote=False)}</h1>",
        byline,
        f'<div class="{body_cls}">',
        paras,
        "</div>",
        f'<div class="share">{o["share"]}</div>',
        "</article>",
        f'<aside><h3>{e(o["related_title"])}</h3><ul>{related}</ul></aside>',
        "</main>",
        "<footer>",
    ]
    if o["newsletter"]:
        parts.append(f'<div class="newsletter"><p>{e(o["newsletter"])}</p><form><input type="email"><button>OK</button></form></div>')
    parts += [f"<p>{e(o['footer'])}</p>", "</footer>", "</body>", "</html>", ""]
    return "\n".join(parts)
