"""What site and blog chrome looks like in tr, nl, nb, en and de.

Each rule recognises one kind of chrome line (a comment widget, a share bar,
a byline, ...) from its form, never from a particular article's wording.
`classify` returns the reason a line is chrome, and any metadata it carries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import guard, vocab


@dataclass(frozen=True)
class Chrome:
    """Why a line is chrome, and the metadata field it fills, if any."""

    reason: str
    field: str | None = None
    value: str | None = None


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I | re.U)


_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|e-?mail|e-?posta|e-?post|telegram|flipboard|"
    r"messenger|vk|print|mail|tumblr|bluesky|threads|instagram|youtube|tiktok|copy link|kopier lenke|"
    r"kopieer link|bağlantıyı kopyala|link kopieren|send|sms|xing|pocket|mastodon"
)
_AGENCIES = (
    r"aa|anka|dha|iha|İha|reuters|afp|ap|dpa|anp|belga|ntb|tass|ria novosti|sputnik|bloomberg|xinhua|upi|"
    r"anadolu ajansı|anadolu agency|demirören haber ajansı|ihlas haber ajansı|epa|efe|ansa|kyodo|yonhap|"
    r"associated press|the associated press|press association|pa media|pa wire|pa|the canadian press|"
    r"ritzau|tt|keystone|sda|apa|kna|srf|getty|getty images|shutterstock|alamy|istock|imago|picture alliance|"
    r"rex|rex features|nurphoto|sopa images|zuma|scanpix|nordic photos|hollandse hoogte|anp foto|iha foto"
)
# Words that name a picture, in tr, nl, nb, en and de: a line ending in
# "(Image: Getty)" or glued to "Bild: X/dpa" is a caption, not prose.
_PICTURE = (
    r"photo|photos|photograph|picture|pictures|image|images|credit|credits|video|illustration|"
    r"foto|fotos|fotoğraf|görsel|resim|beeld|bild|bilder|bildet|grafik|grafikk|illustrasjon|illustratie"
)
_CAPTION_LABEL = (
    r"caption|legende|bildtext|bildunterschrift|bijschrift|onderschrift|bildetekst|bildtekst|altyazı|fotoğraf altı"
)
# Job titles a byline or author box ends with, in tr, nl, nb, en and de.
_ROLE = (
    r"reporter|correspondent|editor|writer|journalist|columnist|contributor|producer|presenter|"
    r"redakteur|redakteurin|korrespondent|korrespondentin|autor|autorin|journalistin|"
    r"verslaggever|redacteur|correspondente|medewerker|columnist|"
    r"journalist|redaktør|kommentator|kommentatorinne|korrespondent|featurejournalist|"
    r"muhabir|muhabiri|editör|editörü|yazar|yazarı|köşe yazarı|team|desk|staff"
)
_NAME = r"(?P<v>(?:[A-ZÆØÅÇĞİÖŞÜ][\w'’.\-]*|van|de|der|den|von|bin|el|al)(?:\s+(?:[A-ZÆØÅÇĞİÖŞÜ][\w'’.\-]*|van|de|der|den|von|bin|el|al|og|and|en|ve|und|&|with|met|med|ile|mit)){0,6})"

# Two to four capitalised words: a person's name (case-sensitive inside re.I patterns).
_CAP = r"(?-i:[A-ZÆØÅÇĞİÖŞÜ][\w'’.\-]*)"
_PERSON = rf"{_CAP}(?:\s+(?:{_CAP}|van|de|der|den|von|bin|el|al)){{1,3}}"
# Labels that open a "published" / "updated" line.
_DATE_LABEL = (
    r"published|posted|updated|last updated|publiziert|veröffentlicht|aktualisiert|zuletzt aktualisiert|"
    r"publisert|oppdatert|sist oppdatert|endret|gepubliceerd|bijgewerkt|laatst bijgewerkt|geplaatst|"
    r"yayınlanma|yayın tarihi|güncelleme|güncellenme|son güncelleme|giriş|eklenme|oluşturulma"
)

# (reason, pattern, max line length, metadata field filled from group "v")
_RULES: list[tuple[str, re.Pattern, int, str | None]] = [
    ("comments", _rx(r"^(no|one|\d+|ingen|geen|keine|hiç|bir)\s+(comments?|kommentar(er|e)?|opmerkingen?|reacties?|reactie|yorum(lar)?|responses?|replies)\b\W*$"), 60, None),
    ("comments", _rx(r"^(post|leave|add|write|show|view|load|read|see|join)\s+(a\s+|all\s+|the\s+|\d+\s+)?(comments?|reply|replies|response|discussion)\b.{0,30}$"), 80, None),
    ("comments", _rx(r"^(legg inn|skriv|vis|les|se)\s+(en\s+|alle\s+)?kommentar(er)?\b.{0,30}$"), 80, None),
    ("comments", _rx(r"^((reactie|opmerking)\s+(plaatsen|toevoegen|schrijven)|(plaats|schrijf|laat)\s+een\s+(reactie|opmerking)|reageer)\b.{0,30}$"), 80, None),
    ("comments", _rx(r"^(yorum\s*(yap|yaz|ekle|gönder)\w*|yorumlar|yorumunuzu\s+\w+|henüz yorum\s+\w+|yorum yok)\b.{0,40}$"), 80, None),
    ("comments", _rx(r"^(kommentare?\s*(schreiben|verfassen|abgeben|anzeigen)?|(hinterlasse|schreibe|verfasse)\s+einen\s+kommentar)\b.{0,20}$"), 60, None),
    ("comments", _rx(r"^(comments?|kommentarer|reacties|opmerkingen|yorumlar|kommentare|discussion|diskusjon)\s*(\(\d+\))?\s*:?$"), 40, None),
    ("comments", _rx(r"(only (a )?members? of this blog|bare medlemmer av denne bloggen|alleen leden van deze blog|bu blogun yalnızca|nur ein mitglied dieses blogs|nur mitglieder dieses blogs)"), 200, None),
    ("comments", _rx(r"^(subscribe to|abonner på|abonneren op|abonnieren|abone ol)\W.{0,20}\b(comments?|kommentarer|reacties|opmerkingen|kommentare|yorumlar|posts?|innlegg|berichten)\b.{0,12}$"), 80, None),
    ("navigation", _rx(r"^((newer|older) posts?|(nyere|eldre) innlegg|(nieuwere|oudere) (post|berichten)|(yeni|eski) (kayıt|yayın|gönderi|yazı)|(neuerer|älterer) post|home|hjem|forside|startside|startseite|ana ?sayfa|menu|meny|menü|search|søk|zoeken|suche|log ?in|logg inn|inloggen|giriş( yap)?|anmelden|sign in|skip to (main )?content|gå til (hoved)?innhold|naar (de )?inhoud|içeriğe (geç|atla)|zum inhalt( springen)?|previous|next|vorige|volgende|forrige|neste|önceki|sonraki|zurück|weiter)$"), 40, None),
    ("navigation", _rx(r"^(?!(by|door|av|von|yazan)\s)[^.!?:]{1,40}(\s[>»›|/]\s[^.!?:]{1,40}){1,8}$"), 200, None),
    ("share", _rx(r"^(share|del|deel|delen|paylaş|teilen|tweet|send|e-?mail|print|skriv ut|afdrukken|yazdır|drucken|bookmark|lagre|opslaan|kaydet|merken)((\s+|-)(this|on|via|the|article|story|post|page|artikkelen|saken|denne|dette|dit|deze|artikel|bericht|haberi|haber|bu|diesen|den|artikel|beitrag))*\b.{0,30}$"), 60, None),
    ("share", _rx(r"^(show|close|hide|more|fewer|other) (more |extra |all )?(sharing|share) options?$"), 60, None),
    ("disclosure", _rx(r"^(?=.*\b(commission|affiliate|provisie|provisjon|komisyon|provision)\b)(?=.*\b(you|your|we|our|uw|wij|du|vi|siz|biz|wir|sie)\b)"), 300, None),
    ("share", _rx(rf"^(?:(?:{_SOCIAL})[\s,|·/•\-]*){{2,}}$"), 200, None),
    ("subscribe", _rx(r"^(\S+\s+){0,5}\S*?(subscribe|subscription|newsletter|sign up (for|to)|abonner|abonnement|nyhetsbrev|nieuwsbrief|abonneer|abonnieren|bülten|abone ol|e-bülten|bültenimize|follow us|følg oss|volg ons|bizi takip edin|folgen sie uns)\b"), 100, None),
    ("cookie", _rx(r"\b(cookies?|informasjonskapsler|çerez(ler)?)\b.*\b(accept|agree|consent|use|using|uses|gebruik\w*|bruk\w*|kullan\w*|verwend\w*|akzept\w*|toestemming|samtykke|kabul|privacy|personvern|gizlilik|datenschutz)|\b(accept|agree|consent|gebruik\w*|bruk\w*|kullan\w*|verwend\w*|akzept\w*|kabul)\b.*\b(cookies?|informasjonskapsler|çerez(ler)?)\b"), 400, None),
    ("cookie", _rx(r"\b(cookies?|çerez(ler)?|informasjonskapsler)\b.*\b(websites?|browser|site|nettsted|nettside|tarayıcı|webseite|internetseite|device|enhet|apparaat|cihaz)\b|\b(websites?|browser|site|nettsted|nettside|tarayıcı|webseite|device)\b.*\b(cookies?|çerez(ler)?|informasjonskapsler)\b"), 600, None),
    ("cookie", _rx(r"^(?=.*\b(cookies?|personal (information|data)|privacy|opt(ing)?[- ]out|consent|personvern|persoonsgegevens|kişisel veri|datenschutz)\b)(?=.*\b(you|your|we|our|uw|wij|jouw|du|deg|din|vi|våre|siz|sizin|biz|wir|ihre|ihr|unsere)\b)"), 600, None),
    ("cookie", _rx(r"consumer privacy act|opt[- ]out of the sale|sale of (your )?personal (information|data)|do not sell my|manage consent|consent preferences|privacy (settings|preferences)|personvernerklæring|privacyverklaring|gizlilik politikası|datenschutzerklärung"), 400, None),
    ("cookie", _rx(r"^(accept|aksepter|godta|accepteer|accepteren|kabul et|akzeptieren|alle akzeptieren|agree|i agree|ok(ay)?, got it|got it|tümünü kabul et|alle cookies accepteren|godta alle|reject all|alle ablehnen|weiger|avvis)( all| alle| alles| tümünü)?( cookies)?$"), 40, None),
    ("related", _rx(r"^(read more|read also|also read|read next|related( posts| articles| stories| news| content| coverage)?|see also|more from|more on this|more stories|you may also like|you might also like|recommended( for you)?|most read|most popular|trending( now)?|lees (ook|meer|verder)|meer (nieuws|over dit onderwerp|lezen)|gerelateerd(e artikelen)?|meest gelezen|les (også|mer)|relaterte( artikler| saker)?|mest lest|mer fra|devamını oku|devamı|ilgili (haberler|haber|içerikler|yazılar)|benzer haberler|bunlar da ilginizi çekebilir|çok okunanlar|en çok okunanlar|weiterlesen|mehr (zum thema|lesen|dazu)|auch interessant|das könnte sie (auch )?interessieren|meistgelesen)\b.{0,120}$"), 160, None),
    ("byline", _rx(r"^(beitrags-autor|autor(in)?|author|auteur|forfatter|yazar|writer|reporter|muhabir|journalist|redacteur|redakteur|skrevet av|written by|posted by|geplaatst door|publisert av|veröffentlicht von|tekst|text|haber)\s*[:\-–]\s*(?P<v>[^.!?]{0,60})$"), 90, "author"),
    ("byline", _rx(rf"^(by|door|av|von|yazan|written by|posted by|skrevet av|geplaatst door)\s*:?\s+{_NAME}\s*(\|.*)?$"), 90, "author"),
    ("byline", _rx(r"^(?P<v>our bureau|our correspondent|staff reporter|staff writer|news desk|web desk|newsroom|redactie|redaksjonen|haber merkezi|dış haberler servisi|redaktion|nachrichtenredaktion)\b.{0,40}$"), 60, "author"),
    ("byline", _rx(r"^((additional )?reporting|writing|editing|edited|compiled|translated|redigert|vertaald|düzenleyen|bearbeitet) by\b.{0,200}$|^(reporting|editing) by\b"), 250, None),
    ("related", _rx(r"(,\s*opens new tab|,\s*article with (image|gallery|video))"), 200, None),
    ("agency", _rx(rf"^\(?(?:{_AGENCIES})\)?\.?$"), 40, None),
    ("source", _rx(r"^(source|sources|kaynak|kaynaklar|bron|bronnen|kilde|kilder|quelle|quellen)\s*:\s*(?P<v>.{0,150})$"), 160, "sitename"),
    ("source", _rx(r"(kaynağından (alınan|aktarılan)|kaynağından\W*$|^(originally|first) published (on|in|by|at)\b|^this (article|story) (was|is|first appeared|originally appeared)\b.{0,40}\b(published|republished|reproduced|appeared)\b|^(oorspronkelijk|eerder) gepubliceerd|^(opprinnelig|først) publisert|^ursprünglich (veröffentlicht|erschienen)|^zuerst erschienen)"), 250, None),
    ("counter", _rx(r"^[\d.,\s]+$"), 20, None),
    ("counter", _rx(r"^[\d.,]+\s*[kKmM]?\s*(views?|reads?|visninger|lesninger|weergaven|keer (bekeken|gelezen)|görüntülenme|okunma|okuma|aufrufe|mal gelesen|likes?|shares?|delinger|beğeni|paylaşım)\b.{0,10}$"), 40, None),
    ("counter", _rx(r"^(views?|visninger|weergaven|görüntülenme|okunma( sayısı)?|aufrufe|gelesen)\s*:?\s*[\d.,]+$"), 40, None),
    ("timestamp", _rx(r"^\d+\s*(min(ute)?s?|minutter|minuten|dakika|dk)\.?\s*(read|lesetid|leestijd|okuma|lesezeit)\b"), 80, None),
    ("timestamp", _rx(r"^(\d+\s*(min(ute)?s?|minutter|minuten|dakika|dk)\.?\s*(read|lesetid|leestijd|okuma( süresi)?|lesezeit|lesen)?|(lesetid|leestijd|okuma süresi|lesezeit|reading time)\s*:?\s*\d+\s*\w*)$"), 40, None),
    ("timestamp", _rx(r"^[0-2]?\d[:.][0-5]\d(\s*[ap]\.?m\.?)?$|^((\d+|an?|one)\s+(seconds?|minutes?|hours?|days?|weeks?|months?)\s+ago|\d+\s+(saniye|dakika|saat|gün|hafta|ay)\s+önce|(for\s+)?\d+\s+(sekunder|minutter|timer|dager|uker|måneder)\s+siden|\d+\s+(seconden|minuten|uur|dagen|weken|maanden)\s+geleden|vor\s+\d+\s+(sekunden|minuten|stunden|tagen|wochen|monaten))$"), 40, None),
    ("category", _rx(r"^(beitrags-kategorie|kategorie(n)?|kategori(ler)?|kategorier|categorie(ën)?|categories|category|tags?|etiketler|etiket|emneord|stikkord|schlagwörter|schlagworte|trefwoorden|labels?|etiketter|filed under|posted in|gepost in|publisert i|rubrik|ressort|rubriek|seksjon|section|bölüm)\s*:\s*(?P<v>.{0,100})$"), 120, "category"),
    ("copyright", _rx(r"^(©\s*\S|\(c\)\s|copyright\s)|all rights reserved|alle rettigheter (er )?(reservert|forbeholdt)|alle rechten voorbehouden|tüm hakları saklıdır|her hakkı saklıdır|alle rechte vorbehalten"), 1000, None),
    ("credit", _rx(r"^(foto|photo|photos|photograph|fotoğraf|fotograf|bild|bilder|image|images|illustrasjon|illustratie|illustration|grafik|grafikk|kaynak görsel|görsel|credit|credits|kredi|beeld)\s*[:©/]"), 200, None),
    ("credit", _rx(r"^\(?(photos?|pictures?|foto|fotos|fotoğraf(lar)?|bild(er)?|illustration|video)\s+(by|av|door|von|:)\b"), 200, None),
    ("credit", _rx(r"(©|\(c\)\s*\w|\bcopyright\b|\b(photo|foto|fotoğraf|bild|image)\s+(by|credit|courtesy)\b)"), 120, None),
    ("credit", _rx(rf"([/|]\s*|\(\s*(photo|foto|fotoğraf|bild)?:?\s*)(getty images|shutterstock|istock|{_AGENCIES}|scanpix|ap photo|afp photo)\s*\)?\.?$"), 200, None),
    ("credit", _rx(rf"\((?:[^()]{{0,50}}\b(?:{_PICTURE})\b[^()]{{0,50}}|(?-i:[A-ZÆØÅÇĞİÖŞÜ])[^()/]{{1,40}}/[^()]{{2,50}})\)\.?$"), 400, None),
    ("credit", _rx(rf"(?-i:(?<=[a-zà-ÿçğışöüæøå.)])|\s)(?-i:Credit|Image|Photo|Picture|Foto|Fotos|Bild|Bilder|Fotoğraf|Beeld|Görsel|Video)s?\s*:\s*\S[^.!?]{{0,80}}$"), 400, None),
    ("credit", _rx(r"(?-i:\b(?:Photo|Photograph|Picture|Image|Foto|Bild)s?\s+(?:by|von|van|door|av|courtesy of)\s+[A-ZÆØÅÇĞİÖŞÜ])"), 400, None),
    ("credit", _rx(r"(?-i:\b(?:AP|AFP|EPA|Reuters|dpa|ANP|NTB|AA|DHA|IHA|PA|Getty)\s+(?:Photo|Foto|Images?|Pictures?)\b)"), 400, None),
    ("credit", _rx(r"(?-i:[.!?]\s+(?:AP|AFP|Reuters|Getty Images|Getty|EPA|PA|dpa|ANP|NTB|AA|DHA|IHA|SRF|Shutterstock|Alamy)\s*$)"), 400, None),
    ("credit", _rx(rf"/\s*(?:{_AGENCIES})(\s+\w+){{0,2}}\s*\)?\.?$"), 300, None),
    ("credit", _rx(rf"^{_PERSON}\s*[,/]\s*(?:{_AGENCIES})$"), 80, None),
    ("caption", _rx(rf"^(?:{_CAPTION_LABEL})\s*:"), 400, None),
    ("caption", _rx(r"\b(in this (undated |handout |file )?(picture|photo|photograph|image|handout|video)|auf (diesem|dem) (bild|foto)|op (deze|de) foto|på (dette|bildet)|bu fotoğrafta)\b"), 400, None),
    ("related", _rx(r"^(read|see|explore|follow) (our|all|the|more of our) ([\w-]+ ){0,2}(coverage|stories|articles|reporting)$"), 80, None),
    ("caption", _rx(r"^(?!.*[.!?\"”]$).*\((?:left|right|centre|center|front|back|l|r|links|rechts|mitte|venstre|høyre|midten|solda|sağda|ortada|linksonder|rechtsboven)\)"), 300, None),
    ("byline", _rx(rf"^(by|door|av|von|yazan)\s*:?\s+{_PERSON}(?:\s*(?:,|and|und|og|en|ve)\s*{_PERSON})*(?:\s*,\s*[^.!?,]{{1,40}})?$"), 160, None),
    ("byline", _rx(rf"^{_PERSON}\s*[,·|–—-]?\s+([\w-]+\s+){{0,3}}(?:{_ROLE})$"), 80, None),
    ("byline", _rx(rf"^([\w-]+\s+){{0,3}}(?:{_ROLE})\s+@\w+$"), 80, None),
    ("byline", _rx(rf"^{_PERSON},?\s+(is|was|er|var|ist|war)\s+(an?|the|en|et|ei|een|de|het|ein|eine|der|die)?\s*([\w-]+\s+){{0,5}}(?:{_ROLE})s?\b"), 500, None),
    ("byline", _rx(r"\b(contributed (reporting )?to this (report|story|article)|with files from|bidro til (denne )?(saken|artikkelen)|(heeft|hebben) (aan dit (artikel|bericht) )?bijgedragen|(hat|haben) zu diesem (bericht|artikel) beigetragen|haberine katkıda bulundu)"), 400, None),
    ("timestamp", _rx(r"^((\d+|an?|one)\s*(secs?|seconds?|mins?|minutes?|hrs?|hours?|days?)\s+ago(?=\d)|(\d+|an?|one)\s*(secs?|seconds?|mins?|minutes?|hrs?|hours?|days?)\s+ago|vor\s+\d+\s+(min|minuten|std|stunden|tagen)|\d+\s*(sn|saniye|dk|dakika|sa|saat|gün)\s+önce|(for\s+)?\d+\s+(min|minutter|timer|dager)\s+siden|\d+\s+(min|minuten|uur|dagen)\s+geleden)(?![a-z]).{0,40}$"), 60, None),
    ("timestamp", _rx(rf"^(?:{_DATE_LABEL})\b[^.!?]{{0,60}}(\d|today|yesterday|heute|gestern|vandaag|gisteren|i dag|i går|bugün|dün|ago|geleden|siden|önce)"), 90, None),
    ("video", _rx(r"^(?!.*[.!?]$)(\d{1,2}:\d\d\s+(?!.*\b(19|20)\d\d\b)(?-i:[A-ZÆØÅÇĞİÖŞÜ\"‘“]).{10,140}|(watch|video|izle|kijk|se)\s*[|:]\s*.{5,140}|(duration|dauer|duur|varighet|süre)\s*:?\s*\d{1,2}:\d\d)$"), 160, None),
    ("embed", _rx(r"pic\.twitter\.com/\w+|^[—–]\s*[^()]{1,60}\(@\w+\)\s+.{0,30}\d{4}$|^(?=(?:.*[@#]\w+){3})"), 400, None),
    ("legal", _rx(r"\b(privacy policy|terms of (service|use)|terms (&|and) conditions|recaptcha|nutzungsbedingungen|algemene voorwaarden|gebruiksvoorwaarden|brukervilkår|kullanım koşulları)\b"), 200, None),
    ("caption", _rx(r"(^|[.!?]\s+)via\s+[\w][\w .'’-]{2,60}\.?$"), 150, None),
    ("advertisement", _rx(r"^(?=.*\b(advertisements?|advert|ads?|anzeige|werbung|annonse|reklame|advertentie|reclame|reklam)\b).*\b(continues?|below|loaded|fortsetter|nedenfor|weiter|unten|verder|hieronder|devam|aşağıda)\b"), 100, None),
    ("advertisement", _rx(r"^(advertisement|advertentie|annonse|reklam|anzeige|sponsored( content)?|sponset|gesponsord|sponsorlu|werbung|ad|ads|reklame)\b\W{0,3}(scroll to continue|continue reading|content continues below|artikkelen fortsetter under|lees verder onder|devamı aşağıda|weiterlesen nach der anzeige)?$"), 60, None),
]

# Each rule with what a line must have for its pattern to match (see guard.py):
# the characters it can begin with, and strings it must contain.
_GUARDED = [
    (reason, pattern, max_len, field, guard.first_chars(pattern), guard.needs(pattern))
    for reason, pattern, max_len, field in _RULES
]

_BULLET = re.compile(r"^[\s•·*▪►▶✓\-–—>»|]+")
_DOMAIN = re.compile(r"\b([A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|info|news|no|nl|be|tr|de|at|ch|uk|eu|io|co|tv|ru|az))\b")


def strip_bullet(line: str) -> str:
    """A line's content without the list markers scrapers leave in front of it."""
    return _BULLET.sub("", line).strip()


@functools.lru_cache(maxsize=4096)
def classify(line: str) -> Chrome | None:
    """The chrome reason for one line (bullets already stripped), or None."""
    folded = guard.fold(line)
    size, first = len(line), folded[:1]
    for reason, pattern, max_len, field, starts, needs in _GUARDED:
        if size > max_len or starts is not None and first not in starts:
            continue
        if needs:
            for word in needs:
                if word in folded:
                    break
            else:
                continue
        match = pattern.search(line)
        if not match:
            continue
        value = None
        if field and "v" in match.groupdict() and match.group("v"):
            value = match.group("v").strip(" :-–|") or None
        if reason == "source" and value is None:
            domain = _DOMAIN.search(line)
            field, value = ("sitename", domain.group(1)) if domain else (None, None)
        return Chrome(reason, field if value else None, value)
    if vocab.share_bar(line):
        return Chrome("share")
    if vocab.call_to_action(line):
        return Chrome("subscribe")
    if menu(line):
        return Chrome("navigation")
    return None


# A menu: items of one or two words (a connector like "&" aside), each
# capitalised, set apart by runs of spaces, pipes, bullets or slashes, with no
# sentence punctuation. Prose never sits in such a line; headlines are one item.
_MENU_MAX = 200
_MENU_ITEMS = 3
_MENU_SEP = re.compile(r"\s*[|•·/\t]\s*|\s{2,}")
_NOT_MENU = re.compile(r"[.,;:!?\"“”„«»()\[\]{}@#=<>]")
_CONNECTORS = frozenset("& + og and en und ve".split())


def menu(line: str) -> bool:
    """A navigation menu written as separated items (`Home  World  Sport`, `Nyheter | Bergen | Sport`)."""
    if len(line) > _MENU_MAX:
        return False
    if not ("  " in line or "|" in line or "/" in line or "•" in line or "·" in line or "\t" in line):
        return False
    if _NOT_MENU.search(line):
        return False
    items = [item for item in _MENU_SEP.split(line) if item]
    if len(items) < _MENU_ITEMS:
        return False
    for item in items:
        words = [w for w in item.split() if w.casefold() not in _CONNECTORS]
        if not 1 <= len(words) <= 2 or not words[0][:1].isupper():
            return False
    return True


_SITE_SUFFIX = re.compile(r"^(?P<t>.{12,}?)\s+[-|–—:]\s+(?P<s>[\w.-]+\.[a-z]{2,}(?:\.[a-z]{2})?|[\w .]{2,30}\.(?:com|net|org|no|nl|de))$")
_CATEGORY_SUFFIX = re.compile(r"^(?P<t>.{12,}?)\s+(?P<c>[A-ZÇĞİÖŞÜ][\wçğıöşü]+)\s+Haberleri$")


def split_title(title: str) -> tuple[str, dict[str, str]]:
    """Take site-name and Turkish "<Category> Haberleri" suffixes off a title."""
    fields: dict[str, str] = {}
    match = _SITE_SUFFIX.match(title)
    if match:
        title, fields["sitename"] = match.group("t").strip(), match.group("s")
    match = _CATEGORY_SUFFIX.match(title)
    if match:
        title, fields["category"] = match.group("t").strip(), match.group("c")
    return title, fields
