"""Word lists for attributions: reporting verbs, pronouns, name parts, roles and news channels.

English only; what the lists are for is said above each. The verb lists are also given as regex
alternations (longest first, any whitespace inside) for the attribution patterns.
"""

from __future__ import annotations

import re

_SPEECH_VERBS = (
    "said", "says", "say", "noted", "notes", "note", "stressed", "stresses", "added", "adds",
    "told reporters", "told journalists", "told", "tells", "emphasized", "emphasised",
    "emphasizes", "emphasises", "explained", "explains", "believes", "believe", "believed",
    "concluded", "concludes", "summed up", "sums up", "recalled", "recalls", "stated", "states",
    "declared", "declares", "announced", "announces", "claimed", "claims", "asserted", "asserts",
    "remarked", "commented", "comments", "continued", "insisted", "insists", "argued", "argues",
    "warned", "warns", "suggested", "suggests", "wrote", "writes", "replied", "replies",
    "answered", "admitted", "admits", "acknowledged", "specified", "assured", "promised",
    "confirmed", "confirms", "asked", "pointed out", "points out", "underlined", "underscored",
    "clarified", "predicted", "observed", "mentioned", "reported", "reports", "put it",
    "is quoted as saying", "was quoted as saying",
)  # fmt: skip

_QUOTING_VERBS = ("quoted", "quotes", "quote", "cited", "cites", "cite")

# Verbs that introduce a reported clause ("X noted that …"); "spoke", "called" and the like do not.
_REPORT_VERBS = (
    "said", "says", "noted", "notes", "stressed", "stresses", "added", "adds", "announced",
    "announces", "claimed", "claims", "emphasized", "emphasised", "emphasizes", "emphasises",
    "explained", "explains", "believes", "believe", "stated", "states", "declared", "declares",
    "recalled", "recalls", "pointed out", "points out", "suggested", "suggests", "specified",
    "promised", "assured", "insisted", "insists", "argued", "argues", "warned", "warns",
    "confirmed", "confirms", "admitted", "admits", "acknowledged", "asserted", "asserts",
    "underlined", "underscored", "clarified", "predicted", "replied", "reported", "reports",
    "expressed hope", "expressed confidence", "concluded", "told reporters", "told journalists",
)  # fmt: skip


def _alternation(words: tuple[str, ...]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


SPEECH = _alternation(_SPEECH_VERBS)
QUOTING = _alternation(_QUOTING_VERBS)
REPORT = _alternation(_REPORT_VERBS)

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
OTHER_PRONOUNS = {"they", "them", "their", "we", "us", "our", "i", "me", "my", "it", "its", "you"}

# Words that open a leading adverbial ("Earlier, …", "In turn, …", "Commenting on …, X said").
ADVERBIAL = {
    "however", "earlier", "later", "meanwhile", "moreover", "furthermore", "therefore", "thus",
    "so", "also", "then", "now", "still", "yet", "besides", "instead", "today", "yesterday",
    "recently", "previously", "additionally", "finally", "first", "second", "third", "indeed",
    "nevertheless", "nonetheless", "in", "on", "at", "against", "after", "before", "during",
    "since", "for", "with", "along", "last", "this", "next", "unlike", "like", "as", "when",
    "while", "although", "though", "because", "if", "despite", "according", "let", "of", "by",
    "from", "under", "amid", "among", "following", "to", "over", "within", "into", "once",
    "separately", "specifically", "similarly", "likewise", "again", "obviously", "apparently",
    "overall", "here", "there", "that", "but", "and", "or", "which", "who", "whose",
}  # fmt: skip

# Words dropped from the end of a subject ("Lukashenka himself said", "Bigan also noted").
TRAILING_ADVERBS = {
    "also", "earlier", "himself", "herself", "themselves", "itself", "has", "have", "had",
    "repeatedly", "already", "again", "once", "then", "later", "further", "previously",
    "recently", "publicly", "officially", "today", "yesterday", "now", "personally",
    "reportedly", "allegedly", "separately", "too", "first",
}  # fmt: skip

# A subject segment holding one of these is a clause, not a noun phrase.
AUXILIARIES = {
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "must", "may",
    "might", "do", "does", "did", "be", "been", "being", "not", "shall",
}  # fmt: skip

# Adverbs allowed between a reporting verb and "that" ("noted earlier that").
VERB_ADVERB = (
    r"(?:earlier|later|also|again|repeatedly|previously|recently|then|today|yesterday|once again"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|publicly|officially)"
)

# Adverbs allowed between a subject and its reporting verb ("Bigan also noted").
SUBJECT_ADVERB = (
    r"(?:also|then|later|earlier|further|has|have|had|himself|herself|themselves|itself"
    r"|repeatedly|already|again|previously|recently|once again|publicly|reportedly|allegedly"
    r"|personally|too)"
)

PREPOSITIONS = {
    "of", "in", "to", "for", "from", "at", "on", "with", "by", "about", "under", "over", "near",
    "into", "between", "among", "against", "across",
}  # fmt: skip

CLAUSE_OPENERS = {
    "if", "when", "while", "and", "but", "which", "who", "that", "as", "because", "although",
    "though", "since", "so", "or", "where", "whose", "in", "on", "at", "with", "for", "to",
    "from", "by", "after", "before", "during", "until", "unless", "once", "whether",
}  # fmt: skip

# Words that end a person-like name: organisations, institutions and places.
NOT_PERSON = {
    "state", "states", "union", "kingdom", "republic", "federation", "ministry", "council",
    "committee", "duma", "commission", "kremlin", "agency", "news", "novosti", "institute",
    "university", "academy", "party", "bank", "group", "organization", "organisation", "treaty",
    "government", "parliament", "office", "service", "press", "court", "army", "forces",
    "nations", "america", "europe", "asia", "africa", "britain", "arabia", "korea", "zealand",
    "york", "kong", "lanka", "emirates", "islands", "coast", "gulf", "sea", "ocean", "river",
    "mountains", "city", "street", "square", "bridge", "hall", "house", "department", "company",
    "corporation", "inc", "ltd", "plc", "association", "foundation", "center", "centre",
    "school", "hospital", "police", "guard", "navy", "fund", "assembly", "senate", "congress",
    "region", "province", "district", "county", "airport", "station", "port", "harbour",
    "harbor", "plant", "factory", "channel", "times", "post", "journal", "herald", "gazette",
    "tribune", "telegraph", "daily", "radio", "tv", "television", "wire", "media", "network",
    "affairs", "integration", "relations", "east", "west", "north", "south", "central",
    "security", "energy", "finance", "chemicals", "systems", "airlines", "motors", "alliance",
    "coalition",
    "front", "movement", "bloc", "board", "authority",
    "directorate", "bureau", "cabinet", "administration", "embassy", "consulate", "mission",
    "museum", "library", "theatre", "theater", "stadium", "park", "road", "avenue", "lake",
    "island", "valley", "strait", "peninsula", "territory", "oblast", "krai",
}  # fmt: skip

# Capitalised only because they open a sentence: never the start of a name.
FUNCTION_WORDS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
    "in", "on", "at", "but", "and", "however", "as", "according", "if", "when", "while", "his",
    "her", "their", "its", "our", "after", "before", "during", "for", "with", "from", "by",
}  # fmt: skip

NAME_PARTICLES = {"de", "van", "von", "der", "den", "bin", "al", "la", "le", "da", "di", "del"}

TITLES = {
    "president", "prime", "minister", "chancellor", "secretary", "ambassador", "mayor",
    "governor", "senator", "chairman", "chairwoman", "chair", "director", "spokesman",
    "spokeswoman", "spokesperson", "king", "queen", "pope", "premier", "head", "leader",
    "general", "commander", "chief", "deputy", "mr", "mrs", "ms", "dr", "prof", "sir",
}  # fmt: skip

# Head nouns of generic roles that name one person ("the expert said").
PERSON_ROLES = {
    "expert", "diplomat", "deputy", "parliamentarian", "politician", "analyst", "official",
    "minister", "spokesman", "spokeswoman", "spokesperson", "president", "senator", "lawyer",
    "ambassador", "scientist", "economist", "professor", "doctor", "leader", "mayor",
    "governor", "general", "commander", "chairman", "chairwoman", "director", "head",
    "secretary", "witness", "activist", "journalist", "author", "researcher", "specialist",
    "lawmaker", "legislator", "chief", "judge", "prosecutor", "representative", "envoy",
    "negotiator", "manager", "owner", "engineer", "officer", "premier", "chancellor", "speaker",
    "politologist", "scholar", "historian", "observer", "commentator", "agent", "militant",
    "candidate", "councillor", "councilor", "mp", "congressman", "congresswoman", "businessman",
    "businesswoman", "entrepreneur", "founder", "ceo", "executive", "coach", "player", "victim",
    "survivor", "resident", "driver", "pilot", "captain", "interlocutor", "source", "insider",
}  # fmt: skip

# Agencies, broadcasters and papers that relay words: channels, never speakers.
CHANNELS = {
    "tass", "itar-tass", "ria novosti", "ria", "interfax", "belta", "sputnik", "rt",
    "russia today", "reuters", "ap", "associated press", "afp", "agence france-presse",
    "bloomberg", "bbc", "cnn", "xinhua", "kyodo", "kyodo news", "dpa", "efe", "ansa",
    "anadolu", "anadolu agency", "yonhap", "pti", "unian", "ukrinform", "kommersant",
    "izvestia", "vedomosti", "rbc", "meduza", "gazeta.ru", "lenta.ru", "ntv", "channel one",
    "ekho moskvy", "echo of moscow", "tut.by", "euronews", "al jazeera", "deutsche welle", "dw",
    "fox news", "nbc", "cbs", "abc", "abc news", "npr", "politico", "axios", "nhk", "belsat",
    "nasha niva", "gromadske", "hromadske", "interfax-ukraine", "rossiya 24", "zvezda",
    "the new york times", "new york times", "the washington post", "washington post",
    "the guardian", "guardian", "financial times", "the wall street journal",
    "wall street journal", "the times", "the independent", "le monde", "der spiegel",
    "spiegel", "bild", "corriere della sera", "el pais", "rtl", "zdf", "ard", "france 24",
    "radio liberty", "radio free europe", "rferl", "voice of america", "voa", "pool one",
}  # fmt: skip
