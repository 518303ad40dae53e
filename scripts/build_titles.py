"""Build matching/data/titles.json from the public references (ROME 4.0 v460, ESCO) plus
hand-written real-posting variants (written before, and kept apart from, the evaluation set).

Run from the repository root, with the federation's shared reference data beside it:
    python scripts/build_titles.py matching/data/titles.json
"""

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path
from collections import defaultdict

REF = str(Path(__file__).resolve().parents[2] / "shared" / "reference")

# ROME code -> framework occupation for the codes of the family.
CODE_TO_OCC = {
    "M1601": "charge_accueil", "M1614": "standardiste", "M1602": "agent_administratif",
    "M1604": "assistant_direction", "M1621": "assistant_gestion_administrative", "M1607": "secretaire",
    "M1605": "secretaire_technique", "M1606": "operateur_saisie", "M1608": "secretaire_comptable",
    "M1609": "secretaire_medical", "M1611": "secretaire_facturier", "M1612": "assistant_juridique",
    "M1613": "telesecretaire", "M1501": "assistant_rh", "M1213": "assistant_comptable",
    "D1401": "assistant_commercial", "D1409": "assistant_adv", "D1429": "assistant_import_export",
    "D1431": "assistant_achats", "D1432": "assistant_service_clients", "K1406": "secretaire_mairie",
    "M1507": "gestionnaire_paie", "M1222": "assistant_controle_budgetaire",
}
# Appellations of the family's codes that belong to a more specific occupation (or to none).
APPELLATION_OVERRIDE = {
    "office manager": "office_manager",
    "attaché de direction": "charge_mission_direction",
    "assistant chef de projet": "assistant_projet",
    "assistant administratif de projet": "assistant_projet",
    "secrétaire d'administration scolaire et universitaire -sasu-": "secretaire_scolaire",
    "secrétaire d'administration ou d'intendance universitaire": "secretaire_scolaire",
    "chargé de voyages en entreprise": None,
    "assistant de l'environnement de travail": None,
}

MANUAL: dict[str, list[str]] = {
    "assistant_direction": [
        "assistant de direction", "assistant de direction générale", "assistant direction générale",
        "assistant du directeur", "assistant du directeur général", "assistant de la direction",
        "assistant du président", "assistant du dirigeant", "assistant de dirigeant",
        "assistant du pdg", "assistant pdg", "assistant ceo", "assistant to the ceo",
        "executive assistant", "personal assistant", "pa", "ea", "ad", "assistant personnel",
        "assistant exécutif", "secrétaire de direction générale", "assistant de directeur",
        "assistant du comité de direction", "assistant comex", "assistant codir",
        "assistant de direction et de gestion", "assistant de la présidence",
        "assistant particulier", "private assistant", "executive secretary", "assistant du dg",
        "assistant de direction administrative", "chief executive assistant", "assistant dg",
        "assistant exécutif bilingue", "assistant de la direction générale", "assistant du directeur financier",
        "secrétaire particulier", "assistant de cabinet",
    ],
    "office_manager": [
        "office manager", "office management", "gestionnaire de bureau", "responsable de bureau",
        "office coordinator", "office administrator", "assistant office manager", "workplace manager",
        "responsable administratif de bureau", "office and facility manager", "chargé des services généraux",
        "gestionnaire des services généraux", "office manager comptable",
    ],
    "assistant_gestion_administrative": [
        "assistant de gestion administrative", "assistant de gestion", "assistant de gestion pme pmi",
        "assistant de gestion pme", "assistant gestion pme pmi", "assistant de gestion d'entreprise",
        "assistant de gestion administrative et financière", "gestionnaire administratif",
        "assistant d'affaires", "assistant de gestion et d'administration", "assistant administratif et financier",
        "business assistant", "administrative and finance assistant", "assistant de gestion administrative et commerciale",
    ],
    "secretaire": [
        "secrétaire", "assistant administratif", "secrétaire administratif", "secrétaire polyvalent",
        "administrative assistant", "admin assistant", "secretary", "secrétaire assistant",
        "assistant secrétaire", "secrétaire d'accueil", "assistant administratif polyvalent",
        "secrétaire-assistant", "administrative officer", "secrétaire de service",
        "assistant administratif et secrétariat", "employé de secrétariat", "secrétaire bureautique",
        "agent de secrétariat", "chargé de secrétariat", "secrétaire d'agence",
    ],
    "agent_administratif": [
        "agent administratif", "employé administratif", "employé de bureau", "adjoint administratif",
        "agent de bureau", "office clerk", "clerk", "administrative clerk", "office assistant",
        "agent de gestion administrative", "agent administratif polyvalent", "auxiliaire de bureau",
        "employé aux écritures", "commis de bureau", "adjoint administratif territorial",
        "agent de traitement administratif", "employé administratif polyvalent", "agent d'archives",
        "archiviste administratif", "agent de courrier", "agent administratif et d'accueil",
        "assistant back office", "assistant administratif back office", "employé back office",
    ],
    "charge_accueil": [
        "hôte d'accueil", "agent d'accueil", "chargé d'accueil", "receptionist", "front desk",
        "front desk agent", "front office", "accueil", "réceptionniste en entreprise",
        "réceptionniste standardiste", "hôte d'accueil standardiste", "chargé d'accueil et administratif",
        "agent d'accueil et de secrétariat", "welcome officer", "receptionist switchboard",
        "hôte d'accueil en entreprise", "agent d'accueil physique et téléphonique", "agent d'accueil polyvalent",
        "chargé d'accueil physique et téléphonique", "front desk officer", "reception assistant",
        "corporate receptionist", "hôte d'accueil événementiel", "agent d'accueil et d'orientation",
        "agent d'accueil administratif", "réceptionniste accueil",
    ],
    "standardiste": [
        "standardiste", "opérateur standard", "agent standard", "téléphoniste", "switchboard operator",
        "telephone operator", "standardiste accueil", "standardiste réceptionniste", "opérateur de standard",
        "agent de standard", "chargé de standard", "standardiste téléphonique", "opérateur téléphonique",
    ],
    "secretaire_technique": [
        "secrétaire technique", "assistant technique", "assistant technique bureau d'études",
        "technical secretary", "assistant d'ingénieur", "assistant bureau d'études",
        "secrétaire de chantier", "assistant administratif et technique", "secrétaire technique btp",
        "assistant technique et administratif", "assistant administratif technique",
        "engineering assistant", "assistant de service technique", "secrétaire de bureau d'études",
    ],
    "operateur_saisie": [
        "opérateur de saisie", "agent de saisie", "data entry clerk", "data entry operator",
        "opérateur saisie", "employé de saisie", "agent de numérisation", "opérateur de numérisation",
        "agent de codification", "codeur de données", "claviste", "saisie de données", "agent de saisie de données",
        "dactylo", "dactylographe", "typist",
    ],
    "secretaire_comptable": [
        "secrétaire comptable", "secrétaire aide-comptable", "secrétaire de gestion comptable",
        "secretary bookkeeper", "secrétaire administrative et comptable", "secrétaire et comptable",
        "secrétaire comptabilité",
    ],
    "secretaire_medical": [
        "secrétaire médical", "medical secretary", "assistant médico-administratif",
        "secrétaire hospitalier", "secrétaire médical hospitalier", "secrétaire en cabinet médical",
        "secrétaire cabinet médical", "secrétaire dentaire", "secrétaire de cabinet dentaire",
        "secrétaire de radiologie", "secrétaire en radiologie", "secrétaire médico-social",
        "assistant médical administratif", "secrétaire vétérinaire", "audiotypiste médical",
        "secrétaire de clinique", "secrétaire médical en clinique", "secrétaire de laboratoire médical",
        "secrétaire en centre médical", "medical receptionist", "medical office assistant",
        "secrétaire médical et accueil", "secrétaire en imagerie médicale", "secrétaire paramédical",
        "secrétaire en ehpad", "secrétaire en centre de santé", "secrétaire médicale ophtalmologie",
    ],
    "secretaire_facturier": [
        "secrétaire facturier", "facturier", "agent de facturation", "chargé de facturation",
        "gestionnaire facturation", "assistant facturation", "billing clerk", "billing assistant",
        "employé de facturation", "technicien facturation", "opérateur de facturation",
        "gestionnaire de facturation", "assistant de facturation", "billing officer", "facturier médical",
        "agent de facturation hospitalière",
    ],
    "assistant_juridique": [
        "assistant juridique", "legal assistant", "legal secretary", "secrétaire juridique",
        "assistant de cabinet d'avocats", "secrétaire d'avocat", "assistant d'avocat",
        "assistant contentieux", "assistant juridique contentieux", "legal clerk", "paralegal",
        "secrétaire de cabinet d'avocats", "assistant juridique et administratif", "assistant service juridique",
        "secrétaire juridique et administratif", "assistant droit des sociétés", "assistant juridique corporate",
        "assistant en propriété intellectuelle", "secrétaire juridique notarial", "secrétaire d'huissier",
        "secrétaire de notaire", "legal executive assistant",
    ],
    "telesecretaire": [
        "télésecrétaire", "secrétaire à distance", "secrétaire téléphonique", "secrétaire externalisé",
        "télésecrétaire indépendant", "remote secretary", "télésecrétariat", "secrétaire en télésecrétariat",
        "permanencier téléphonique", "secrétaire à domicile",
    ],
    "assistant_rh": [
        "assistant rh", "hr assistant", "human resources assistant", "assistant ressources humaines",
        "assistant administration du personnel", "assistant recrutement", "assistant formation",
        "assistant rh et paie", "recruitment assistant", "hr administrator", "hr coordinator",
        "assistant de gestion rh", "assistant administratif rh", "secrétaire rh", "chargé d'administration rh",
        "assistant développement rh", "hr officer", "assistant relations sociales", "assistant rh polyvalent",
        "talent acquisition assistant", "hr support", "assistant gestion du personnel",
    ],
    "assistant_comptable": [
        "assistant comptable", "accounting assistant", "accounts assistant", "assistant compta",
        "assistant comptable et administratif", "assistant comptable fournisseurs", "assistant comptable clients",
        "assistant comptabilité", "assistant de comptabilité", "accounts payable assistant",
        "accounts receivable assistant", "assistant en comptabilité", "assistant comptable polyvalent",
        "assistant administratif comptable", "finance assistant",
    ],
    "assistant_commercial": [
        "assistant commercial", "sales assistant", "assistant commercial sédentaire",
        "assistant commercial et administratif", "assistant administratif et commercial",
        "assistant administration commerciale", "assistant grands comptes", "assistant key account",
        "assistant commercial et marketing", "commercial sédentaire", "assistant des commerciaux",
        "assistant de l'équipe commerciale", "inside sales assistant", "sales support assistant",
        "commercial assistant", "assistant commercial back office",
        "gestionnaire commercial sédentaire", "assistant ingénieur commercial", "assistant chargé d'affaires",
        "assistant commercial export", "secrétaire commercial",
    ],
    "assistant_adv": [
        "assistant adv", "adv", "gestionnaire adv", "assistant administration des ventes", "chargé adv",
        "sales administration assistant", "sales administrator", "order administrator",
        "gestionnaire administration des ventes", "technicien adv", "assistant commercial adv",
        "employé adv", "assistant gestion des commandes", "gestionnaire de commandes",
        "order management assistant", "sales operations assistant", "assistant service adv",
        "chargé d'administration des ventes", "order processing assistant", "gestionnaire commandes clients",
        "assistant adv export", "adv export", "adv france", "assistant commercial et adv",
        "customer order administrator", "sales support", "gestionnaire adv logistique",
    ],
    "assistant_import_export": [
        "assistant import export", "import export assistant", "assistant export", "assistant import",
        "assistant commerce international", "international trade assistant", "export assistant",
        "assistant administration export", "assistant logistique import export", "gestionnaire import export",
        "assistant commercial import export", "assistant export bilingue", "export sales assistant",
        "assistant shipping", "import assistant", "assistant douane import export",
    ],
    "assistant_achats": [
        "assistant achats", "assistant acheteur", "purchasing assistant", "procurement assistant",
        "buyer assistant", "assistant service achats", "assistant approvisionnement",
        "assistant achats approvisionnements", "assistant administratif achats", "purchase assistant",
        "assistant aux achats", "gestionnaire achats", "assistant achat et logistique", "assistant acheteur junior",
    ],
    "assistant_service_clients": [
        "assistant service client", "assistant relation client", "assistant clientèle",
        "customer service assistant", "customer service representative", "gestionnaire service client",
        "assistant sav", "assistant service après vente", "customer care assistant",
        "assistant service consommateurs", "chargé de service client", "assistant relations clients",
        "assistant administratif service client", "customer service agent", "customer service officer",
        "customer support assistant", "assistant support client", "gestionnaire relation client",
        "conseiller service client", "chargé de relation client", "assistant service client et adv",
        "agent service client",
    ],
    "secretaire_mairie": [
        "secrétaire de mairie", "secrétaire général de mairie", "secrétaire de mairie polyvalent",
        "secrétaire administratif de mairie", "town hall secretary", "secrétaire de commune",
        "secrétaire de syndicat intercommunal", "secrétaire de mairie itinérant", "agent administratif de mairie",
        "secrétaire de mairie remplaçant", "municipal secretary", "secrétaire de mairie et d'accueil",
        "secrétaire général de petite commune",
    ],
    "assistant_projet": [
        "assistant de projet", "assistant projet", "project assistant", "assistant de projets",
        "project support officer", "pmo assistant", "assistant pmo", "assistant de programme",
        "programme assistant", "program assistant", "assistant chef de projet", "assistant administratif de projet",
        "project administrator", "assistant gestion de projet", "assistant de projet européen",
        "project office assistant", "assistant chargé de projet", "assistant coordination de projet",
        "assistant projets et événements", "assistant de projets internationaux",
    ],
    "assistant_equipe": [
        "assistant d'équipe", "assistant équipe", "team assistant", "assistant de service",
        "assistant de département", "assistant d'unité", "assistant de pôle", "assistant de division",
        "group assistant", "department assistant", "assistant de l'équipe", "assistant de direction d'équipe",
        "assistant d'équipe administratif", "assistant de plateau", "assistant de managers", "assistant multi-managers",
        "assistant de laboratoire administratif", "assistant de groupe", "division assistant",
        "assistant de direction multi-managers", "assistant de service administratif", "assistant d'unité administratif",
    ],
    "assistant_virtuel": [
        "assistant virtuel", "virtual assistant", "assistant indépendant", "assistant administratif indépendant",
        "assistant freelance", "assistant administratif freelance", "secrétaire indépendant", "secrétaire freelance",
        "assistant externalisé", "secrétaire externalisé indépendant", "va", "assistant administratif externalisé",
        "assistant de direction indépendant", "freelance virtual assistant", "assistant polyvalent indépendant",
        "assistant à distance", "assistant virtuel indépendant",
        "office manager indépendant", "assistant administratif à distance",
    ],
    "charge_mission_direction": [
        "chargé de mission auprès de la direction", "chargé de mission direction", "chargé de mission",
        "chargé de mission auprès du directeur général", "chargé de mission auprès du dg",
        "chargé de mission de direction", "chief of staff", "chargé de mission direction générale",
        "chargé de mission auprès de la présidence", "bras droit du dirigeant", "chargé de mission auprès du président",
        "chargé de mission auprès du directeur", "chef de cabinet", "chargé de mission du dirigeant",
        "assistant chargé de mission", "chargé de mission transverse", "chargé de mission stratégique",
        "chargé de mission auprès de la direction générale", "directeur de cabinet adjoint",
        "business partner direction générale", "chargé de mission pilotage", "special projects officer",
        "chargé de mission organisation",
    ],
    "gestionnaire_paie": [
        "gestionnaire de paie", "gestionnaire paie", "payroll officer", "payroll specialist",
        "payroll administrator", "payroll assistant", "assistant paie", "technicien paie", "chargé de paie",
        "gestionnaire paie et administration du personnel", "payroll manager", "assistant de paie",
        "gestionnaire de paie et adp", "gestionnaire paie rh", "payroll clerk", "payroll coordinator",
        "gestionnaire de la paie", "gestionnaire paie et gestion administrative", "responsable de paie",
    ],
    "assistant_controle_budgetaire": [
        "assistant contrôle de gestion", "assistant contrôleur de gestion", "assistant budgétaire",
        "assistant de contrôle budgétaire", "budget assistant", "assistant contrôle budgétaire",
        "assistant gestion budgétaire", "assistant budget", "assistant financier et budgétaire",
        "financial control assistant", "assistant administratif et budgétaire", "assistant de gestion budgétaire",
        "assistant au contrôle de gestion", "gestionnaire budgétaire", "assistant contrôle financier",
        "budget officer", "assistant suivi budgétaire",
    ],
    "secretaire_scolaire": [
        "secrétaire scolaire", "secrétaire d'école", "secrétaire de collège", "secrétaire de lycée",
        "secrétaire d'établissement scolaire", "secrétaire de direction d'établissement scolaire",
        "secrétaire d'administration scolaire et universitaire", "sasu", "secrétaire pédagogique",
        "school secretary", "secrétaire de scolarité", "gestionnaire de scolarité", "assistant de scolarité",
        "secrétaire universitaire", "secrétaire d'intendance", "secrétaire de vie scolaire",
        "secrétaire d'établissement", "assistant pédagogique administratif", "secrétaire de formation",
        "secrétaire d'école primaire", "secrétaire de l'éducation nationale", "gestionnaire pédagogique",
        "assistant de formation pédagogique", "secrétaire d'université",
    ],
}

# Lookalikes missing from ROME (English titles, acronyms) attached to their ROME code.
OTHER_EXTRA = {
    "J1312": ["dental assistant", "dental nurse", "assistant dentaire qualifié", "aide dentaire"],
    "K1201": ["social worker", "assistant social", "assistant de service social"],
    "K1310": ["childminder", "assistant maternel", "nounou"],
    "K1303": ["nanny"],
    "K2104": ["teaching assistant", "aed", "assistant d'éducation", "surveillant"],
    "K2113": ["avs", "aesh", "accompagnant d'élèves en situation de handicap", "accompagnant des élèves en situation de handicap"],
    "K1302": ["care assistant", "home care assistant", "caregiver", "assistant de vie", "avf", "auxiliaire de vie"],
    "L1304": ["assistant director", "first assistant director", "assistant réalisateur"],
    "M1703": ["product manager", "assistant product manager", "assistant chef de produit", "chef de produit"],
    "M1203": ["accountant", "bookkeeper", "general accountant", "comptable"],
    "M1205": ["cfo", "chief financial officer", "daf", "finance director", "directeur financier",
              "directeur administratif et financier", "raf"],
    "M1223": ["raf", "responsable administratif et financier"],
    "M1503": ["drh", "hr director", "hrbp", "hr business partner", "responsable rh", "responsable ressources humaines"],
    "M1216": ["general secretary", "secretary general", "secrétaire général", "secrétaire général adjoint"],
    "E1121": ["sub editor", "copy editor", "secrétaire de rédaction"],
    "H1210": ["research assistant", "lab assistant", "laboratory assistant", "assistant de laboratoire"],
    "J1501": ["nursing assistant", "aide soignant"],
    "A1501": ["veterinary assistant", "asv", "auxiliaire spécialisé vétérinaire", "assistant vétérinaire"],
    "D1505": ["cashier", "hôte de caisse", "caissier"],
    "D1214": ["shop assistant", "store assistant", "retail assistant", "vendeur"],
    "J1301": ["ash", "agent de service hospitalier"],
    "M1502": ["recruiter", "talent acquisition specialist", "chargé de recrutement"],
    "M1101": ["buyer", "acheteur"],
    "M1701": ["responsable adv", "sales administration manager"],
    "M1302": ["ceo", "pdg", "directeur général"],
    "K1308": ["atsem"],
}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def gender_match(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    n = min(len(fa), len(fb))
    return n >= 2 and fa[: max(2, min(4, n - 1))] == fb[: max(2, min(4, n - 1))] and abs(len(fa) - len(fb)) <= 4


FEM_ENDINGS = ("trice", "euse", "iere", "esse", "enne", "elle", "ive")


def masculine(label: str, pairs: dict[str, str]) -> str:
    """'Assistant commercial / Assistante commerciale en X' -> 'assistant commercial en X'."""
    label = label.strip().lower()
    if " / " not in label:
        return label
    left, right = label.split(" / ", 1)
    a, b = left.split(), right.split()
    for k in range(min(len(a), len(b)), 0, -1):
        if all(gender_match(x, y) for x, y in zip(a[len(a) - k:], b[:k], strict=True)):
            for x, y in zip(a[len(a) - k:], b[:k], strict=True):
                fx, fy = fold(x), fold(y)
                if (fx.endswith(FEM_ENDINGS) and not fy.endswith(FEM_ENDINGS)) or (
                    fx.startswith(fy) and len(fx) > len(fy)
                ):
                    fx, fy = fy, fx
                if fx != fy:
                    pairs[fy] = fx
            return " ".join(a + b[k:])
    return left + " | " + right


def main(out: str) -> None:
    pairs: dict[str, str] = {}
    codes = {}
    for r in csv.DictReader(open(f"{REF}/rome/unix_referentiel_code_rome_v460_utf8.csv", encoding="utf-8")):
        codes[r["code_rome"]] = r["libelle_rome"]
    by_code: dict[str, list[str]] = defaultdict(list)
    for r in csv.DictReader(open(f"{REF}/rome/unix_referentiel_appellation_v460_utf8.csv", encoding="utf-8")):
        by_code[r["code_rome"]].extend(masculine(r["libelle_appellation_long"], pairs).split(" | "))
    for code, lab in codes.items():
        by_code[code].extend(masculine(lab, pairs).split(" | "))
    # A feminine form must never shadow a word that is itself a masculine form.
    masc_words = set(pairs.values())
    feminine = {f: m for f, m in sorted(pairs.items()) if f not in masc_words and re.fullmatch(r"[a-z]+", f)}

    aliases: dict[str, list[str]] = defaultdict(list)
    for code, occ in CODE_TO_OCC.items():
        for a in by_code[code]:
            key = re.sub(r"\s*\(.*?\)", "", a).strip()
            target = APPELLATION_OVERRIDE.get(key, occ) if key in APPELLATION_OVERRIDE else occ
            if target:
                aliases[target].append(a)
    for occ, extra in MANUAL.items():
        aliases[occ].extend(extra)
    family_codes = set(CODE_TO_OCC)
    others = []
    for code in sorted(codes):
        if code in family_codes:
            continue
        alist = list(dict.fromkeys(by_code[code] + OTHER_EXTRA.get(code, [])))
        others.append({"id": f"rome_{code.lower()}", "label": masculine_label(codes[code]),
                       "rome_code": code, "aliases": alist})
    data = {
        "version": "2026.11.0",
        "attribution": (
            "Aliases and other professions derived from ROME 4.0 v460 (France Travail, Licence Ouverte / "
            "Etalab 2.0) and ESCO v1.0 (© European Union, reuse permitted); variants written by the project."
        ),
        "feminine_forms": feminine,
        "aliases": {k: list(dict.fromkeys(v)) for k, v in sorted(aliases.items())},
        "other_professions": others,
    }
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(len(feminine), "feminine forms;", sum(len(v) for v in aliases.values()), "aliases;",
          len(others), "other professions;", sum(len(o["aliases"]) for o in others), "other aliases")


def masculine_label(label: str) -> str:
    return label


if __name__ == "__main__":
    main(sys.argv[1])
