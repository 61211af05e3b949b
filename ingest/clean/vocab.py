"""Chrome recognised by its vocabulary rather than its shape, in tr, nl, nb, en and de.

Newsletter, paywall and app prompts talk about the reader's account and
inbox; share and tool bars are nothing but network names and verbs. A line
is judged by how much of it is that vocabulary, so no one wording is needed.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w'’-]+")

# What a prompt sells: accounts, newsletters, access, apps.
_PRODUCT = {
    # en
    "newsletter", "newsletters", "inbox", "email", "e-mail", "emails", "account", "accounts", "login", "sign-in",
    "register", "registering", "registration", "subscribe", "subscriber", "subscribers", "subscription",
    "subscriptions", "unlimited", "epaper", "e-paper", "alerts", "notifications", "paywall",
    "donate", "donation", "membership",
    # de
    "postfach", "konto", "anmelden", "registrieren", "registrierung", "abo", "abos", "abonnieren", "abonnent",
    "abonnenten", "abonnement", "zugang", "kostenlos", "benachrichtigungen", "e-paper",
    # nl
    "nieuwsbrief", "nieuwsbrieven", "inloggen", "registreren", "registratie", "abonnee", "abonnees", "abonneren",
    "toegang", "meldingen",
    # nb
    "nyhetsbrev", "innboks", "e-post", "konto", "registrer", "abonnent", "abonnenter", "abonnement", "tilgang",
    "varsler", "innlogging",
    # tr
    "bülten", "bülteni", "bültenimize", "e-posta", "hesap", "hesabı", "hesabınız", "abone", "abonelik", "erişim",
    "ücretsiz", "bildirim", "bildirimler", "üyelik",
}
_PRODUCT_PHRASES = re.compile(
    r"\b(sign (in|up)|log (in|out)|free (trial|account)|continue reading|reading experience|support (our|us|quality) "
    r"journalism|preferred source|delivered (to|weekday|daily|every)|in your inbox|jetzt (lesen|testen|abonnieren)|"
    r"weiterlesen mit|melden sie sich|meld je aan|word abonnee|lees verder met|logg inn|bli abonnent|meld deg på|"
    r"les videre|giriş yap|kayıt ol|üye ol|abone ol)\b",
    re.I,
)
# How a prompt speaks: to the reader, in the imperative.
_YOU = {
    "you", "your", "you'll", "you're", "you’ll", "you’re", "sie", "ihr", "ihre", "ihnen", "dich", "dein", "deine",
    "u", "uw", "je", "jouw", "jij", "du", "deg", "din", "ditt", "dine", "sen", "siz", "sizin", "senin",
}
_CALL = {
    "get", "join", "create", "sign", "subscribe", "register", "enjoy", "add", "download", "follow", "support", "stay",
    "click", "tap", "try", "start", "unlock", "become", "receive", "access", "don't", "never",
    "holen", "melden", "registrieren", "abonnieren", "testen", "sichern", "schicken", "erhalten", "jetzt", "lesen",
    "meld", "word", "abonneer", "registreer", "probeer", "ontvang", "volg", "blijf", "lees",
    "bli", "prøv", "få", "last", "følg", "les",
    "abone", "kayıt", "üye", "giriş", "indir", "takip", "okuyun", "katıl",
}

_NETWORKS = {
    "facebook", "twitter", "x", "linkedin", "whatsapp", "pinterest", "reddit", "telegram", "flipboard", "messenger",
    "bluesky", "threads", "instagram", "tiktok", "xing", "mastodon", "sms", "e-mail", "email", "mail", "e-post",
    "e-posta",
}
_SHARE_ACTIONS = {
    "share", "shared", "sharing", "teilen", "geteilt", "delen", "deel", "del", "paylaş", "tweet", "copy", "copied",
    "kopieren", "kopiert", "kopier", "kopieer", "gekopieerd", "kopyala", "kopyalandı", "print", "drucken", "skriv",
    "afdrukken", "yazdır", "bookmark", "save", "saved", "lagre", "opslaan", "speichern", "merken", "kaydet", "font",
    "listen", "anhören", "luister", "lytt", "dinle",
}
# Filler a tool bar may carry besides networks and actions.
_SHARE_FILLER = {
    "this", "the", "on", "via", "to", "with", "by", "item", "article", "story", "link", "url", "page", "post", "send",
    "error", "occurred", "size", "increase", "decrease", "descrease", "text", "larger", "smaller", "cancel", "close",
    "auf", "per", "den", "diesen", "artikel", "beitrag", "op", "dit", "artikel", "på", "denne", "artikkelen", "saken",
    "lenke", "ile", "bu", "haberi", "bağlantıyı", "bağlantı", "link", "out", "ut", "options", "more", "mehr", "meer",
    "mer", "daha", "fazla", "account", "settings", "mail", "logout",
}


def call_to_action(line: str) -> bool:
    """A newsletter, paywall, account or app prompt: the reader addressed about a product."""
    if len(line) > 250 or line[:1] in "\"'“”„‘’«»":
        return False  # a quotation is someone speaking, not the site
    words = [w.casefold() for w in _WORD.findall(line)]
    if not words:
        return False
    products = len({w for w in words if w in _PRODUCT}) + len(_PRODUCT_PHRASES.findall(line))
    if products >= 3:
        return True
    return products >= 1 and (words[0] in _CALL or any(w in _YOU for w in words))


def share_bar(line: str) -> bool:
    """A share or tool bar: network names, share verbs and their filler, nothing else."""
    if len(line) > 200:
        return False
    words = [w.casefold() for w in _WORD.findall(line)]
    if not words or not any(w in _NETWORKS or w in _SHARE_ACTIONS for w in words):
        return False
    return all(w in _NETWORKS or w in _SHARE_ACTIONS or w in _SHARE_FILLER for w in words)

# Articles, prepositions, conjunctions and copulas: a headline, even one in
# title case, has some ("Erdoğan Meets Rutte In Ankara"); a menu has none.
FUNCTION_WORDS = frozenset({
    # en
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "with", "by", "as", "into",
    "over", "after", "before", "about", "under", "than", "that", "this", "is", "are", "was", "were", "be", "has",
    "have", "will", "not", "no", "vs",
    # de
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "und", "oder", "aber", "im",
    "am", "auf", "aus", "bei", "mit", "nach", "von", "vom", "zu", "zum", "zur", "für", "über", "unter", "vor", "ist",
    "sind", "nicht",
    # nl
    "de", "het", "een", "en", "of", "maar", "op", "aan", "met", "naar", "van", "voor", "uit", "tot", "om", "te", "zijn",
    "niet",
    # nb
    "ei", "et", "og", "eller", "men", "i", "på", "av", "til", "fra", "med", "ved", "etter", "er", "var", "ikke", "som",
    # tr
    "ve", "ile", "bir", "bu", "da", "için", "gibi", "ama", "veya", "mi", "mı",
})
