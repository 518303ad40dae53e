"""Discriminatory criteria in a posting's wording (Code du travail L1132-1 and L1142-1).

Refused, in the title and the description:
- age limits: « moins de 30 ans », « 25-35 ans », « entre 25 et 35 ans », « âgé·e de… »,
  « limite d'âge », « 45 ans maximum », « jeune et dynamique », « jeune femme »…;
- gender restrictions: « secrétaire femme », « assistante uniquement », « profil féminin »,
  « uniquement des femmes »…;
- in a role's title only, a feminine-only job name without a gender mark (« Assistante de direction »):
  the message suggests the inclusive form (« Assistant·e de direction ») or « H/F ».

Decisions:
- « jeune diplômé·e » is accepted: it names a level of experience (first job after a degree) and
  not an age; the offer stays open to graduates of any age. « Jeune » alone as a quality of the
  person (« jeune et dynamique », « profil jeune ») is refused.
- The masculine form alone (« Assistant de direction ») is accepted as the grammatical generic of
  French job titles; « H/F », « F/H », « (H/F/X) » and inclusive forms are always fine.
- Years of experience (« plus de 10 ans d'expérience »), tenure (« 15 ans dans le métier ») and a
  company's age (« créée il y a moins de 15 ans ») are not an age and are accepted; any other word
  after an age limit (« moins de 30 ans souhaité·e ») does not make it acceptable.
- « junior » names a level of experience and is accepted; with an age (« junior, 20-25 ans ») the
  age is refused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from server.kit.errors import ErrorCode, FieldIssue

AGE_CODE = ErrorCode.AGE_CRITERION
GENDER_CODE = ErrorCode.GENDER_CRITERION
LAW = "(Code du travail, art. L1132-1)"
GENDER_LAW = "(Code du travail, art. L1132-1 et L1142-1)"

# feminine-only forms of job words (without accents) → inclusive form
INCLUSIVE_FORMS: dict[str, str] = {
    "assistante": "assistant·e",
    "hotesse": "hôte·sse",
    "chargee": "chargé·e",
    "operatrice": "opérateur·rice",
    "facturiere": "facturier·ère",
    "employee": "employé·e",
    "agente": "agent·e",
    "technicienne": "technicien·ne",
    "directrice": "directeur·rice",
    "collaboratrice": "collaborateur·rice",
    "coordinatrice": "coordinateur·rice",
    "adjointe": "adjoint·e",
    "conseillere": "conseiller·ère",
    "administrative": "administratif·ve",
    "commerciale": "commercial·e",
    "medicale": "médical·e",
    "confirmee": "confirmé·e",
    "experimentee": "expérimenté·e",
    "polyvalente": "polyvalent·e",
    "dediee": "dédié·e",
    "specialisee": "spécialisé·e",
    "rattachee": "rattaché·e",
    "diplomee": "diplômé·e",
}
# words that mark a person as a woman only when they stand in a title
_PERSON_WORDS = frozenset(
    [
        "assistante",
        "hotesse",
        "chargee",
        "operatrice",
        "facturiere",
        "employee",
        "agente",
        "technicienne",
        "directrice",
        "collaboratrice",
        "coordinatrice",
        "adjointe",
        "conseillere",
    ]
)
_EPICENE_PERSON = r"(?:secretaire|telesecretaire|standardiste|comptable|gestionnaire|receptionniste)"
_FEMININE_AFTER_EPICENE = re.compile(
    rf"\b{_EPICENE_PERSON}\s+(?:medicale|administrative|commerciale|confirmee|experimentee|"
    r"polyvalente|specialisee)\b"
)
_GENDER_MARK = re.compile(
    r"\b[hfm]\s*/\s*[hfm](?:\s*/\s*x)?\b|\(\s*e\s*\)|[·.•-]e\b|[·.•]\w+\b|\b\w+e?\s*/\s*\w+e\b"
)

# explicit criteria, on the text without accents, lowercase.
# An age is a number of years with a limit around it; it is not an age when the years measure
# experience, tenure or a company's history: then the words after (« d'expérience », « dans le
# métier », « en cabinet ») or before (« il y a », « depuis », « expérience de ») say so.
_NUM = r"(?:\d{2}|vingt|trente|quarante|cinquante|soixante)"
_NOT_EXPERIENCE_AFTER = (
    r"(?!\s*(?:\(|,)?\s*(?:d['’]?\s*(?:experience|anciennete|existence|activite|expertise|pratique"
    r"|carriere|exercice|histoire|historique)|de\s+(?:metier|pratique|carriere|maison|experience|services?"
    r"|presence|travail|collaboration|partenariat|existence|relation|savoir)|dans\b|en\s+(?:poste|entreprise"
    r"|cabinet|tant|qualite|assistanat|secretariat|agence|ressources|administration)|sur\s|au\s+sein"
    r"|a\s+(?:un|des)\s+postes?|chez\s|comme\s))"
)
_DURATION_BEFORE = re.compile(
    r"(?:il\s+y\s+a|depuis|fondee?s?|creee?s?|existe|existant|anciennete|experience(?:\s+professionnelle)?"
    r"(?:\s+(?:de|d['’]|minimum|d['’]au\s+moins))*|pendant|durant|sous|garantie|duree|contrat|mission"
    r"|justifiez|justifier|cumulez|totalisez)\s*(?:de\s+)?$"
)
_AGE_RULES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        rf"\b(?:moins|plus)\s+de\s+{_NUM}\s*ans\b{_NOT_EXPERIENCE_AFTER}",
        rf"\b{_NUM}\s*(?:-|–|a|/|ou)\s*{_NUM}\s*ans\b{_NOT_EXPERIENCE_AFTER}",
        rf"\bentre\s+{_NUM}\s+et\s+{_NUM}\s*ans\b{_NOT_EXPERIENCE_AFTER}",
        rf"\b{_NUM}\s*ans\s+(?:maximum|max|minimum|min|au plus|au maximum|au moins|ou moins|ou plus"
        r"|et moins|et plus|revolus|environ)\b(?!\s*(?:d['’]|de\s|dans|en\s|sur))",
        rf"\b(?:au\s+(?:plus|moins|maximum)|pas\s+plus\s+de|maximum|max\.?|idealement|avoir|ayant"
        rf"|vous\s+avez|age\s*:?)\s+{_NUM}\s*ans\b{_NOT_EXPERIENCE_AFTER}",
        r"\bage(?:[·.•(]?e\)?)?s?\s+de\b",
        r"\bage\s+(?:maximum|minimum|max|min|limite|requis|ideal|souhaite)\b",
        r"\b(?:limite|tranche)\s+d['’]\s*age\b",
        r"\bne(?:[·.•(]?e\)?)?s?\s+(?:apres|avant|entre|en)\s+(?:19|20)\d{2}\b",
        r"\b(?:dans|de)\s+la\s+(?:vingtaine|trentaine|quarantaine|cinquantaine)\b",
        r"\bjeunes?\s+(?:et\s+)?dynamiques?\b",
        r"\bprofil\s+jeune\b",
        r"\bvous\s+etes\s+jeunes?\b",
        r"\bjeunes?\s+(?:femmes?|hommes?|filles?|garcons?|gens|personnes?|assistante?s?|secretaires?"
        r"|candidate?s?|recrues?|talents?|profils?|collaborat(?:eur|rice)s?)\b",
    )
)
_GENDER_RULES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"\b(?:une?|jeunes?|secretaires?|assistante?s?|hotesses?|employee?s?|candidate?s?|personnes?"
        r"|standardistes?|comptables?)\s+(?:femmes?|hommes?)\b",
        r"\b(?:femmes?|hommes?|filles?|garcons?|feminine?s?|masculine?s?)\s+"
        r"(?:uniquement|exclusivement|seulement|de preference)\b",
        r"\b(?:uniquement|exclusivement|seulement|de preference)\s+(?:des\s+|aux\s+|a\s+des\s+|une?\s+)?"
        r"(?:femmes?|hommes?|filles?|garcons?|candidates|feminin|masculin)\b",
        r"\b(?:assistante|hotesse|employee|secretaire|candidate|standardiste)s?\s+"
        r"(?:uniquement|exclusivement|seulement)\b",
        r"\b(?:profil|sexe|candidature|personnel|presence|equipe)\s+(?:feminin|masculin)e?s?\b",
        r"\bde\s+sexe\s+(?:feminin|masculin)\b",
    )
)
_RESTRICTION_WORDS = re.compile(
    r"\s*\b(?:uniquement|exclusivement|seulement|de préférence|femmes?|hommes?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class WordingIssue:
    field: str
    code: ErrorCode
    excerpt: str
    suggestion: str | None

    def to_issue(self) -> FieldIssue:
        if self.code == AGE_CODE:
            message = (
                f"Critère d'âge interdit {LAW} : « {self.excerpt} ». Décrivez l'expérience "
                "ou les compétences attendues plutôt qu'un âge."
            )
        else:
            message = f"Formulation réservée à un genre interdite {GENDER_LAW} : « {self.excerpt} »."
            if self.suggestion:
                message += f" Écrivez plutôt « {self.suggestion} » (ou ajoutez « H/F »)."
            else:
                message += " Retirez ce critère : l'offre s'adresse à toutes et à tous."
        return FieldIssue(field=self.field, message=message, code=self.code)


def fold(text: str) -> str:
    """Lowercase without accents, so « Âgée », « agee » and « ÂGÉE » read alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _excerpt(text: str, folded: str, match: re.Match[str]) -> str:
    """The matched words in the user's spelling (folding keeps character positions for French)."""
    if len(folded) == len(text):
        return text[match.start() : match.end()].strip()
    return match.group(0).strip()


def inclusive_title(title: str) -> str:
    """The title with feminine-only words in their inclusive form and restriction words removed."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        inclusive = INCLUSIVE_FORMS.get(fold(word))
        if inclusive is None:
            return word
        return inclusive[0].upper() + inclusive[1:] if word[0].isupper() else inclusive

    rewritten = re.sub(r"\w+", replace, _RESTRICTION_WORDS.sub("", title))
    return re.sub(r"\s{2,}", " ", rewritten).strip(" -,")


def _feminine_only_title(title: str) -> bool:
    folded = fold(title)
    if _GENDER_MARK.search(folded):
        return False
    words = set(re.findall(r"\w+", folded))
    return bool(words & _PERSON_WORDS) or _FEMININE_AFTER_EPICENE.search(folded) is not None


def _age_limit(folded: str) -> re.Match[str] | None:
    """The first age criterion, skipping years that a duration word before them explains."""
    for rule in _AGE_RULES:
        for match in rule.finditer(folded):
            if not _DURATION_BEFORE.search(folded[max(0, match.start() - 40) : match.start()]):
                return match
    return None


def check_text(text: str, field: str, *, is_title: bool) -> list[WordingIssue]:
    """Every discriminatory criterion found in one text (each rule reported once)."""
    folded = fold(text)
    found: list[WordingIssue] = []
    age = _age_limit(folded)
    if age is not None:
        found.append(WordingIssue(field, AGE_CODE, _excerpt(text, folded, age), None))
    suggestion = inclusive_title(text) if is_title else None
    for rule in _GENDER_RULES:
        match = rule.search(folded)
        if match is not None:
            found.append(WordingIssue(field, GENDER_CODE, _excerpt(text, folded, match), suggestion))
            break
    else:
        if is_title and _feminine_only_title(text):
            found.append(WordingIssue(field, GENDER_CODE, text.strip(), suggestion))
    return found


def check_posting_wording(
    title: str | None, description: str | None, *, job_title: bool = True
) -> list[FieldIssue]:
    """The issues of a posting's title and description, ready for an IssueCollector.

    `job_title` is False for strategic-support needs: their title describes a need and may name
    the company's own staff (« Mentorat d'une assistante »), so only explicit criteria apply.
    """
    issues: list[WordingIssue] = []
    if title:
        issues += check_text(title, "title", is_title=job_title)
    if description:
        issues += check_text(description, "description", is_title=False)
    return [issue.to_issue() for issue in issues]
