"""Title cleaning: from what employers type to the tokens that name an occupation.

Pure string work, kept apart from scoring (like rapidfuzz's processors): fold case and accents,
drop inclusive and gendered marks, cut contract, time, place, urgency, seniority and language noise
(kept as attributes), expand abbreviations, bring feminine forms back to one form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from matching.attributes import NO_ATTRIBUTES, MultilingualLevel, TitleAttributes

# --- character level -------------------------------------------------------------------------


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base != char and base.isascii():
            table[code] = base
    table.update({ord("œ"): "oe", ord("Œ"): "oe", ord("æ"): "ae", ord("Æ"): "ae", ord("ß"): "ss"})
    for char in "’‘`´ʼ′":
        table[ord(char)] = "'"
    for char in "•⋅∙・":
        table[ord(char)] = "·"
    for char in "–—‑‒―":
        table[ord(char)] = "-"
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case without accents; keeps punctuation (the gender marks still need it)."""
    text = text.lower()
    if not text.isascii():
        text = text.translate(_FOLD)
        if not text.replace("·", "").isascii():
            text = unicodedata.normalize("NFKD", text)
            text = "".join(c for c in text if not unicodedata.combining(c))
    return text


# --- patterns (all applied to folded text) ---------------------------------------------------

_SUFFIXES = (
    "e|es|s|ne|nne|enne|le|lle|elle|te|se|sse|esse|ve|ive|tive|euse|euses|rice|trice|ice|"
    "ere|iere|ee|fe|ffe|ale|eure|ante|ente"
)
_INCLUSIVE = re.compile(rf"(?<=[a-z])(?:\s?\((?:{_SUFFIXES})\)|[·./-](?:{_SUFFIXES})(?:[·.](?:s))?(?![a-z]))")
_GENDER = re.compile(r"[(\[]?\s*\b[hfmxwd]\s*[/|\\-]\s*[hfmxwd](?:\s*[/|\\-]\s*[hfmxwdn])?\b\s*[)\]]?")
_DEPARTMENT = re.compile(r"\((\d{2}|\d{3}|2a|2b)\)|\b(\d{5})\b")
_HOURS = re.compile(
    r"\b(\d{1,2}) ?h(?:eures?)?(?: ?\d{2})?(?: ?(?:/|par) ?(?:semaine|sem|hebdo))?\b|\b(\d{2,3}) ?%"
    r"|\b(\d{1,2}) ?heures? hebdo(?:madaires?)?\b"
)
_PUNCT = re.compile(r"[^a-z0-9; ]+")
_HAS_DIGIT = re.compile(r"\d").search

_CONTRACT_VALUES = {
    "cdi": "CDI",
    "cdd": "CDD",
    "interim": "intérim",
    "interimaire": "intérim",
    "alternance": "alternance",
    "alternant": "alternance",
    "apprenti": "alternance",
    "apprentissage": "alternance",
    "contrat pro": "alternance",
    "contrat professionnalisation": "alternance",
    "contrat de professionnalisation": "alternance",
    "contrat d apprentissage": "alternance",
    "contrat apprentissage": "alternance",
    "stage": "stage",
    "stagiaire": "stage",
    "internship": "stage",
    "intern": "stage",
    "freelance": "freelance",
    "free lance": "freelance",
    "independant": "freelance",
    "portage salarial": "freelance",
    "vacataire": "CDD",
    "temporaire": "CDD",
    "remplacement": "CDD",
    "saisonnier": "CDD",
    "job etudiant": "CDD",
    "fixed term": "CDD",
    "permanent": "CDI",
    "temporary": "CDD",
}
_SENIORITY_VALUES = {
    "junior": "junior",
    "jr": "junior",
    "jeune diplome": "junior",
    "debutant": "débutant",
    "debutants acceptes": "débutant",
    "debutant accepte": "débutant",
    "senior": "senior",
    "sr": "senior",
    "confirme": "confirmé",
    "experimente": "expérimenté",
    "expert": "expérimenté",
}
_LANGUAGE_VALUES = {
    "anglais": "anglais",
    "english": "anglais",
    "anglophone": "anglais",
    "allemand": "allemand",
    "german": "allemand",
    "germanophone": "allemand",
    "espagnol": "espagnol",
    "spanish": "espagnol",
    "hispanophone": "espagnol",
    "italien": "italien",
    "italian": "italien",
    "italophone": "italien",
    "portugais": "portugais",
    "portuguese": "portugais",
    "lusophone": "portugais",
    "neerlandais": "néerlandais",
    "dutch": "néerlandais",
    "flamand": "néerlandais",
    "chinois": "chinois",
    "mandarin": "chinois",
    "chinese": "chinois",
    "japonais": "japonais",
    "japanese": "japonais",
    "arabe": "arabe",
    "arabic": "arabe",
    "russe": "russe",
    "russian": "russe",
    "polonais": "polonais",
    "francais": "français",
    "french": "français",
    "francophone": "français",
}
_MULTILINGUAL_VALUES: dict[str, MultilingualLevel] = {
    "bilingue": "bilingue",
    "bilingues": "bilingue",
    "bilingual": "bilingue",
    "trilingue": "trilingue",
    "trilingues": "trilingue",
    "trilingual": "trilingue",
    "multilingue": "trilingue",
    "quadrilingue": "trilingue",
    "multilingual": "trilingue",
}
_WORKING_TIME_VALUES = {
    "temps plein": "temps plein",
    "temps complet": "temps plein",
    "full time": "temps plein",
    "fulltime": "temps plein",
    "temps partiel": "temps partiel",
    "mi temps": "temps partiel",
    "part time": "temps partiel",
    "parttime": "temps partiel",
    "temps partiel choisi": "temps partiel",
}
_PLACES = (
    "paris",
    "lyon",
    "marseille",
    "toulouse",
    "nice",
    "nantes",
    "montpellier",
    "strasbourg",
    "bordeaux",
    "lille",
    "rennes",
    "reims",
    "toulon",
    "grenoble",
    "dijon",
    "angers",
    "nimes",
    "aix en provence",
    "brest",
    "le mans",
    "amiens",
    "tours",
    "limoges",
    "clermont ferrand",
    "villeurbanne",
    "besancon",
    "orleans",
    "metz",
    "rouen",
    "mulhouse",
    "caen",
    "nancy",
    "saint denis",
    "montreuil",
    "roubaix",
    "tourcoing",
    "avignon",
    "poitiers",
    "pau",
    "la rochelle",
    "annecy",
    "perpignan",
    "boulogne billancourt",
    "nanterre",
    "courbevoie",
    "la defense",
    "paris la defense",
    "neuilly sur seine",
    "versailles",
    "rueil malmaison",
    "levallois perret",
    "issy les moulineaux",
    "saint ouen",
    "massy",
    "creteil",
    "vincennes",
    "cergy",
    "cergy pontoise",
    "evry",
    "marne la vallee",
    "roissy",
    "orly",
    "sophia antipolis",
    "saint etienne",
    "le havre",
    "valence",
    "chambery",
    "bayonne",
    "biarritz",
    "lorient",
    "vannes",
    "quimper",
    "saint malo",
    "niort",
    "angouleme",
    "troyes",
    "colmar",
    "belfort",
    "calais",
    "dunkerque",
    "arras",
    "valenciennes",
    "beauvais",
    "compiegne",
    "chartres",
    "blois",
    "bourges",
    "nevers",
    "auxerre",
    "macon",
    "bourg en bresse",
    "saint quentin",
    "cannes",
    "antibes",
    "frejus",
    "ajaccio",
    "bastia",
    "montauban",
    "albi",
    "rodez",
    "cahors",
    "agen",
    "tarbes",
    "lourdes",
    "carcassonne",
    "narbonne",
    "beziers",
    "sete",
    "ales",
    "arles",
    "gap",
    "vienne",
    "roanne",
    "vichy",
    "moulins",
    "aurillac",
    "le puy en velay",
    "brive",
    "perigueux",
    "mont de marsan",
    "dax",
    "la roche sur yon",
    "cholet",
    "saumur",
    "laval",
    "alencon",
    "cherbourg",
    "evreux",
    "lisieux",
    "saint nazaire",
    "saint brieuc",
    "monaco",
    "geneve",
    "luxembourg",
    "bruxelles",
    "lausanne",
    "montreal",
    "londres",
    "london",
    "ile de france",
    "idf",
    "region parisienne",
    "grand paris",
    "auvergne rhone alpes",
    "paca",
    "provence alpes cote d azur",
    "occitanie",
    "nouvelle aquitaine",
    "hauts de france",
    "grand est",
    "normandie",
    "bretagne",
    "pays de la loire",
    "centre val de loire",
    "bourgogne franche comte",
    "corse",
    "hauts de seine",
    "seine saint denis",
    "val de marne",
    "essonne",
    "yvelines",
    "val d oise",
    "seine et marne",
    "gironde",
    "bouches du rhone",
    "haute garonne",
    "alpes maritimes",
    "loire atlantique",
    "herault",
    "bas rhin",
    "haut rhin",
    "rhone",
    "isere",
    "var",
    "nord",
    "pas de calais",
    "finistere",
    "morbihan",
    "ille et vilaine",
    "loiret",
    "moselle",
    "marne",
    "oise",
    "somme",
    "aisne",
    "savoie",
    "haute savoie",
    "ain",
    "vaucluse",
    "gard",
    "charente maritime",
    "vendee",
    "maine et loire",
    "sarthe",
    "calvados",
    "manche",
    "seine maritime",
    "eure",
    "puy de dome",
    "doubs",
    "cote d or",
    "martinique",
    "guadeloupe",
    "la reunion",
    "guyane",
    "mayotte",
    "nouvelle caledonie",
)
_SECTOR_KEYWORDS = {
    "btp": "BTP",
    "batiment": "BTP",
    "construction": "BTP",
    "immobilier": "immobilier",
    "immobiliere": "immobilier",
    "notarial": "notariat",
    "notaire": "notariat",
    "notaires": "notariat",
    "avocat": "juridique",
    "avocats": "juridique",
    "banque": "banque",
    "bancaire": "banque",
    "assurance": "assurance",
    "assurances": "assurance",
    "industrie": "industrie",
    "industriel": "industrie",
    "industrielle": "industrie",
    "sante": "santé",
    "hopital": "santé",
    "clinique": "santé",
    "ehpad": "santé",
    "hospitalier": "santé",
    "luxe": "luxe",
    "hotellerie": "hôtellerie",
    "hotel": "hôtellerie",
    "restauration": "restauration",
    "transport": "transport",
    "logistique": "logistique",
    "pharmaceutique": "pharmacie",
    "pharma": "pharmacie",
    "automobile": "automobile",
    "aeronautique": "aéronautique",
    "energie": "énergie",
    "agroalimentaire": "agroalimentaire",
    "informatique": "numérique",
    "numerique": "numérique",
    "startup": "numérique",
    "association": "associatif",
    "associatif": "associatif",
    "collectivite": "secteur public",
    "mairie": "secteur public",
    "commune": "secteur public",
    "territoriale": "secteur public",
    "education": "éducation",
    "ecole": "éducation",
    "college": "éducation",
    "lycee": "éducation",
    "universite": "éducation",
    "evenementiel": "événementiel",
    "cosmetique": "cosmétique",
    "mode": "mode",
    "conseil": "conseil",
    "audit": "conseil",
    "expertise comptable": "expertise comptable",
    "architecture": "architecture",
    "ingenierie": "ingénierie",
    "medias": "médias",
}

_URGENT = (
    "tres urgent",
    "urgent",
    "urgente",
    "asap",
    "immediatement",
    "immediat",
    "a pourvoir",
    "rapidement",
    "de suite",
    "des que possible",
    "au plus vite",
    "au plus tot",
    "des maintenant",
    "prise de poste immediate",
    "prise de poste rapide",
    "prise de poste asap",
    "nous recrutons",
    "on recrute",
    "we are hiring",
    "hiring",
    "offre d emploi",
)
_REMOTE = (
    "teletravail",
    "teletravail partiel",
    "teletravail total",
    "teletravail possible",
    "teletravail complet",
    "teletravail hybride",
    "hybride",
    "en distanciel",
    "full remote",
    "fully remote",
    "100 remote",
    "full teletravail",
)
_LANGUAGE_QUALIFIERS = frozenset(
    {
        "courant",
        "courante",
        "fluent",
        "obligatoire",
        "exige",
        "indispensable",
        "requis",
        "souhaite",
        "professionnel",
        "natif",
        "native",
        "speaking",
        "speaker",
        "impeccable",
        "c1",
        "c2",
        "b2",
        "lu",
        "ecrit",
        "parle",
    }
)
_DROPPED = ("langue", "langues", "fluent", "speaking")
_LEADING_NOISE = frozenset(
    {
        "recherche",
        "cherche",
        "recherchons",
        "cherchons",
        "recrute",
        "recrutons",
    }
)
# Words that qualify a title without naming a job: they weigh little in matching.
MODIFIERS = frozenset(
    {
        "polyvalent",
        "sedentaire",
        "qualifie",
        "specialise",
        "diplome",
        "agree",
        "itinerant",
        "remplacant",
        "volant",
        "titulaire",
        "contractuel",
        "vacataire",
        "independant",
        "multi",
    }
)
_DURATION_UNITS = frozenset(
    {
        "mois",
        "semaine",
        "semaines",
        "jour",
        "jours",
        "an",
        "ans",
        "months",
        "month",
        "weeks",
        "week",
    }
)
_EXPERIENCE_WORDS = frozenset({"experience", "exp", "experiences"})
_PLACE_INTRO = frozenset(
    {
        "base",
        "basee",
        "bases",
        "situe",
        "situee",
        "localise",
        "localisee",
        "based",
        "located",
    }
)
_PLACE_PREPOSITIONS = frozenset(
    {
        "a",
        "au",
        "aux",
        "en",
        "sur",
        "dans",
        "in",
        "at",
        "le",
        "la",
        "les",
        "l",
        "pres",
        "proche",
        "de",
    }
)
_SECTOR_INTRO = frozenset({"secteur", "domaine", "sector", "industry"})
_SECTOR_BLOCKERS = frozenset({"de", "d", "du", "chef", "responsable", "directeur"})
_SECTOR_PREPOSITIONS = frozenset({"d", "activite", "de", "l", "la", "du", "des"})
_ARRONDISSEMENT = re.compile(r"\d{1,2}(?:e|er|eme|ieme)?")


def _phrase_table() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First word → (phrase, kind, value), longest phrases first."""
    entries: list[tuple[str, str, str]] = []
    entries += [(p, "contract", v) for p, v in _CONTRACT_VALUES.items()]
    entries += [
        ("contrat de professionnalisation", "contract", "alternance"),
        ("contrat d apprentissage", "contract", "alternance"),
        ("apprentie", "contract", "alternance"),
        ("independante", "contract", "freelance"),
    ]
    entries += [(p, "time", v) for p, v in _WORKING_TIME_VALUES.items()]
    entries += [(p, "urgent", "") for p in _URGENT]
    entries += [(p, "seniority", v) for p, v in _SENIORITY_VALUES.items()]
    for word in ("debutant", "confirme", "experimente"):
        value = _SENIORITY_VALUES[word]
        entries += [(word + end, "seniority", value) for end in ("s", "e", "es")]
    entries += [(p, "multi", v) for p, v in _MULTILINGUAL_VALUES.items()]
    entries += [(p, "language", v) for p, v in _LANGUAGE_VALUES.items()]
    entries += [(p, "remote", "Télétravail") for p in _REMOTE]
    entries += [(p, "drop", "") for p in _DROPPED]
    entries += [(p, "place", _place_label(p)) for p in _PLACES]
    table: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for phrase, kind, value in entries:
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append((words, kind, value))
    for options in table.values():
        options.sort(key=lambda option: -len(option[0]))
    return table


def _place_label(text: str) -> str:
    return " ".join(w.capitalize() if not w.isdigit() else w for w in text.split())


_PHRASE_TABLE = _phrase_table()
SECTOR_WORDS = frozenset(_SECTOR_KEYWORDS)

STOPWORDS = frozenset(
    {
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "a",
        "au",
        "aux",
        "en",
        "et",
        "ou",
        "pour",
        "par",
        "sur",
        "chez",
        "un",
        "une",
        "the",
        "of",
        "to",
        "and",
        "for",
        "in",
        "at",
        "avec",
        "dans",
        "sein",
        "h",
        "f",
        "x",
        "e",
        "s",
        "n",
        "qu",
        "y",
        "with",
        "an",
        "or",
        "poste",
        "offre",
        "job",
        "new",
        "nouveau",
        "nouvelle",
        "recrute",
        "recrutons",
        "urgent",
        "contrat",
        "mois",
    }
)
_ABBREVIATIONS = {
    "asst": "assistant",
    "ass": "assistant",
    "assist": "assistant",
    "assis": "assistant",
    "assistt": "assistant",
    "secr": "secretaire",
    "secre": "secretaire",
    "secret": "secretaire",
    "secretar": "secretaire",
    "secretariat": "secretaire",
    "secretary": "secretary",
    "adm": "administratif",
    "admin": "administratif",
    "administ": "administratif",
    "adminis": "administratif",
    "admnistratif": "administratif",
    "compta": "comptable",
    "comptabilite": "comptable",
    "comptab": "comptable",
    "accounting": "accounting",
    "dir": "direction",
    "commerc": "commercial",
    "cial": "commercial",
    "ccial": "commercial",
    "comml": "commercial",
    "resp": "responsable",
    "tech": "technique",
    "techn": "technique",
    "mgr": "manager",
    "exec": "executive",
    "hr": "rh",
    "grh": "rh",
    "med": "medical",
    "medic": "medical",
    "jur": "juridique",
    "jurid": "juridique",
    "sce": "service",
    "gest": "gestion",
    "polyv": "polyvalent",
    "tel": "telephonique",
    "admininistratif": "administratif",
    "independante": "independant",
    "free": "freelance",
    "paye": "paie",
}
_PHRASES = (
    (("ressources", "humaines"), "rh"),
    (("human", "resources"), "rh"),
    (("administration", "ventes"), "adv"),
    (("free", "lance"), "freelance"),
)
# Feminine endings tried (in order) on words the lexicon does not know.
_FEMININE_RULES = (
    ("trices", "teur"),
    ("trice", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("ieres", "ier"),
    ("iere", "ier"),
    ("eres", "er"),
    ("ere", "er"),
    ("ennes", "en"),
    ("enne", "en"),
    ("elles", "el"),
    ("elle", "el"),
    ("esse", "e"),
    ("ives", "if"),
    ("ive", "if"),
    ("ees", "e"),
    ("ee", "e"),
    ("ales", "al"),
    ("ale", "al"),
    ("aux", "al"),
    ("es", ""),
    ("e", ""),
    ("s", ""),
    ("x", ""),
)


@dataclass(frozen=True, slots=True)
class CleanTitle:
    """The tokens used for matching (order kept, duplicates removed) and the attributes removed.

    `head` holds the tokens of the first segment when the title has several (the occupation
    usually comes first; what follows is context), else it is empty.
    """

    tokens: tuple[str, ...]
    head: tuple[str, ...] = ()
    attributes: TitleAttributes = field(default=NO_ATTRIBUTES)


@dataclass(slots=True)
class _Found:
    contract: str | None = None
    seniority: str | None = None
    languages: list[str] = field(default_factory=list)
    multilingual: MultilingualLevel | None = None
    working_time: str | None = None
    places: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    sector: str | None = None

    def merge(self, other: _Found) -> None:
        """Add what a later segment found: the first contract or seniority wins."""
        self.contract = self.contract or other.contract
        self.seniority = self.seniority or other.seniority
        self.languages.extend(other.languages)
        if other.multilingual is not None:
            both = (self.multilingual, other.multilingual)
            self.multilingual = "trilingue" if "trilingue" in both else "bilingue"
        self.working_time = other.working_time or self.working_time
        self.places.extend(other.places)
        self.departments.extend(other.departments)
        self.sector = self.sector or other.sector

    def attributes(self) -> TitleAttributes:
        places = [*self.places, *self.departments]
        if not (
            self.contract
            or self.seniority
            or self.languages
            or self.multilingual
            or self.working_time
            or places
            or self.sector
        ):
            return NO_ATTRIBUTES
        return TitleAttributes(
            seniority=self.seniority,
            languages=tuple(dict.fromkeys(self.languages)),
            multilingual=self.multilingual,
            contract_type=self.contract,
            working_time=self.working_time,
            place_hint=", ".join(dict.fromkeys(places)) or None,
            sector_hint=self.sector,
        )


def _hours(found: _Found) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        hours, percent, weekly = match.groups()
        if percent is not None:
            found.working_time = "temps plein" if int(percent) >= 100 else "temps partiel"
        elif (hours or weekly) is not None:
            found.working_time = "temps plein" if int(hours or weekly) >= 35 else "temps partiel"
        return " "

    return replace


def _department(found: _Found) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        found.departments.append((match.group(1) or match.group(2)).upper())
        return " "

    return replace


_SEPARATOR_TABLE = str.maketrans(
    {**{c: " ; " for c in ',;()[]|/:!?+*"«»'}, **{c: " " for c in "'.-_&#@=<>{}~^$%\\`"}}
)


def strip_noise(raw: str) -> tuple[list[str], TitleAttributes]:
    """Folded words of a title without its gender marks and noise, plus what was removed."""
    segments, attributes = split_title(raw)
    return [word for segment in segments for word in segment], attributes


def split_title(raw: str) -> tuple[list[tuple[str, ...]], TitleAttributes]:
    """Like `strip_noise`, with the words in segments as job boards separate them
    (« Title - context - place »).

    Each segment is cleaned once and remembered: titles are mostly new combinations of the same
    few pieces (« Assistant(e) de direction H/F », « CDI », « Paris 8e »).
    """
    found = _Found()
    segments: list[tuple[str, ...]] = []
    keyword_sector: str | None = None
    cache = _SEGMENT_CACHE
    for part in _TOP_SPLIT.split(fold(raw)):
        segment = cache.get(part)
        if segment is None:
            segment = _clean_segment(part)
            if len(cache) >= _SEGMENT_CACHE_LIMIT:
                cache.clear()
            cache[part] = segment
        segments.extend(segment.words)
        found.merge(segment.found)
        keyword_sector = keyword_sector or segment.keyword_sector
    if found.sector is None:
        found.sector = keyword_sector
    return segments, found.attributes()


@dataclass(frozen=True, slots=True)
class _Segment:
    words: tuple[tuple[str, ...], ...]
    found: _Found  # never changed once cached
    keyword_sector: str | None


_TOP_SPLIT = re.compile(r" [-|] |[,;]")
_SEGMENT_CACHE: dict[str, _Segment] = {}
_SEGMENT_CACHE_LIMIT = 200_000


def _clean_segment(text: str) -> _Segment:
    found = _Found()
    text = _INCLUSIVE.sub("", text)
    if "/" in text or "-" in text or "|" in text or "\\" in text:
        text = _GENDER.sub(" ; ", text)
    if _HAS_DIGIT(text):
        text = _DEPARTMENT.sub(_department(found), text)
        text = _HOURS.sub(_hours(found), text)
    text = text.replace(" - ", " ; ").translate(_SEPARATOR_TABLE)
    if not text.isascii():
        text = _PUNCT.sub(" ", text)
    words = _scan(text.split(), found)
    keyword_sector = next((_SECTOR_KEYWORDS[w] for w in words if w in _SECTOR_KEYWORDS), None)
    segments: list[tuple[str, ...]] = []
    current: list[str] = []
    for word in [*words, ";"]:
        if word == ";":
            if current:
                segments.append(tuple(current))
                current = []
        elif word not in STOPWORDS:
            current.append(word)
    return _Segment(tuple(segments), found, keyword_sector)


def _scan(words: list[str], found: _Found) -> list[str]:
    """Remove noise phrases word by word (a dictionary walk, much cheaper than regexes)."""
    kept: list[str] = []
    count = len(words)
    i = 0
    while i < count:
        word = words[i]
        if word == ";":
            kept.append(word)
            i += 1
            continue
        if word.isdigit():
            alone = (not kept or kept[-1] == ";") and (i + 1 == count or words[i + 1] == ";")
            if alone and len(word) in (2, 3):  # « - 75 - »: a département
                found.departments.append(word)
            i = _scan_number(words, i, found)
            continue
        if not kept and word in _LEADING_NOISE:
            i += 1
            continue
        if word in _PLACE_INTRO:
            i = _scan_open_phrase(words, i + 1, _PLACE_PREPOSITIONS, 4, found.places)
            kept.append(";")
            continue
        if word in _SECTOR_INTRO and not (kept and kept[-1] in _SECTOR_BLOCKERS):
            sectors: list[str] = []
            i = _scan_open_phrase(words, i + 1, _SECTOR_PREPOSITIONS, 3, sectors)
            if sectors:
                found.sector = _SECTOR_KEYWORDS.get(sectors[0].lower(), sectors[0].lower())
            kept.append(";")
            continue
        for phrase, kind, value in _PHRASE_TABLE.get(word, ()):
            size = len(phrase)
            if size == 1 or tuple(words[i : i + size]) == phrase:
                i += size
                i = _record(kind, value, words, i, found, kept)
                break
        else:
            kept.append(word)
            i += 1
    return kept


def _record(kind: str, value: str, words: list[str], i: int, found: _Found, kept: list[str]) -> int:
    """Store what a noise phrase says; returns where scanning resumes."""
    if kind == "contract":
        found.contract = found.contract or value
        if value == "freelance":
            kept.append("independant")
        if i < len(words) and words[i].isdigit():
            i = _scan_number(words, i, found)
    elif kind == "time":
        found.working_time = value
    elif kind == "seniority":
        found.seniority = found.seniority or value
    elif kind == "multi":
        found.multilingual = "trilingue" if value == "trilingue" else found.multilingual or "bilingue"
    elif kind == "language":
        found.languages.append(value)
        if i < len(words) and words[i] in _LANGUAGE_QUALIFIERS:
            i += 1
    elif kind == "remote":
        found.places.append(value)
    elif kind == "place":
        if i < len(words) and _ARRONDISSEMENT.fullmatch(words[i]):
            value = f"{value} {words[i]}"
            i += 1
        found.places.append(value)
    return i


def _scan_number(words: list[str], i: int, found: _Found) -> int:
    """A number starts a duration (« 6 mois ») or an experience (« 3 ans d'expérience »)."""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in _DURATION_UNITS:
        rest = [w for w in words[i + 2 : i + 5] if w not in {"d", "de", "of"}]
        if rest and rest[0] in _EXPERIENCE_WORDS:
            found.seniority = found.seniority or "expérimenté"
            return i + 2 + words[i + 2 : i + 5].index(rest[0]) + 1
        return i + 2
    return i + 1


def _scan_open_phrase(words: list[str], i: int, skip: frozenset[str], limit: int, out: list[str]) -> int:
    """Read a free phrase (a town, a sector) up to the next separator."""
    while i < len(words) and words[i] in skip:
        i += 1
    phrase: list[str] = []
    while i < len(words) and words[i] != ";" and len(phrase) < limit:
        phrase.append(words[i])
        i += 1
    if phrase:
        out.append(_place_label(" ".join(phrase)))
    return i


_PHRASE_STARTS = frozenset(phrase[0] for phrase, _ in _PHRASES)


def _rewrite_phrases(words: Sequence[str]) -> Sequence[str]:
    if len(words) < 2 or _PHRASE_STARTS.isdisjoint(words):
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, replacement in _PHRASES:
            if tuple(words[i : i + len(phrase)]) == phrase:
                out.append(replacement)
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out


class TokenMapper:
    """Maps a folded word to a lexicon token: abbreviation, feminine form, ending rules, typo.

    Built once per lexicon. `vocabulary` is None while the lexicon itself is being read, so the
    aliases only get the deterministic rewrites; queries also get ending rules and typo repair
    (`corrector`, a nearest-word function supplied by the index).
    """

    def __init__(
        self,
        feminine_forms: Mapping[str, str],
        vocabulary: Iterable[str] | None = None,
        corrector: Callable[[str, tuple[str, ...]], str | None] | None = None,
    ) -> None:
        self._feminine = dict(feminine_forms)
        self._vocabulary = frozenset(vocabulary) if vocabulary is not None else None
        self._corrector = corrector
        self._memo: dict[str, str] = {}

    def tokens(self, words: Sequence[str]) -> tuple[str, ...]:
        memo = self._memo
        mapped: list[str] = []
        for word in _rewrite_phrases(words):
            token = memo.get(word)
            if token is None:
                token = self._map(word)
                if len(memo) < 200_000:
                    memo[word] = token
            if token and token not in mapped:
                mapped.append(token)
        return tuple(mapped)

    def known(self, token: str) -> bool:
        return self._vocabulary is None or token in self._vocabulary

    def _map(self, word: str) -> str:
        word = _ABBREVIATIONS.get(word, word)
        word = self._feminine.get(word, word)
        vocabulary = self._vocabulary
        if vocabulary is None or word in vocabulary or len(word) < 2:
            return word if len(word) > 1 else ""
        for ending, replacement in _FEMININE_RULES:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                candidate = word[: len(word) - len(ending)] + replacement
                candidate = self._feminine.get(candidate, candidate)
                if candidate in vocabulary:
                    return candidate
        if self._corrector is not None:
            corrected = self._corrector(word, (word, *masculine_forms(word)))
            if corrected is not None:
                return self._feminine.get(corrected, corrected)
        return word


def masculine_forms(word: str) -> tuple[str, ...]:
    """Possible masculine (or singular) forms of a word, most specific ending first."""
    return tuple(
        word[: len(word) - len(ending)] + replacement
        for ending, replacement in _FEMININE_RULES
        if word.endswith(ending) and len(word) - len(ending) >= 3
    )


def clean_title(raw: str, mapper: TokenMapper) -> CleanTitle:
    """Clean one title with a lexicon's token mapper."""
    segments, attributes = split_title(raw)
    if len(segments) <= 1:
        return CleanTitle(mapper.tokens(segments[0] if segments else []), (), attributes)
    mapped = [mapper.tokens(segment) for segment in segments]
    # « Hôte / Hôtesse de caisse »: a segment contained in the next one is its other gender.
    merged = [m for m, nxt in zip(mapped, [*mapped[1:], ()], strict=True) if not set(m) <= set(nxt)]
    tokens = tuple(dict.fromkeys(t for m in merged for t in m))
    head = merged[0] if len(merged) > 1 else ()
    return CleanTitle(tokens, head, attributes)
