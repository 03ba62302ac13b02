"""Small general lexicons for question understanding: common franglais and informal words, and place names.

General French only: nothing here comes from a corpus (the jobs a corpus covers are read from it at ingest, see
`profile.py`). Kept as data, apart from the code that uses them. All keys are folded (lower-case, no accents).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import fold

# English (franglais) words users type -> the usual French words.
GLOSSARY: dict[str, str] = {
    "engineer": "ingénieur",
    "engineers": "ingénieurs",
    "manager": "responsable",
    "managers": "responsables",
    "chief": "directeur chef",
    "officer": "responsable",
    "ethics": "éthique",
    "salary": "salaire",
    "skills": "compétences",
    "job": "emploi métier",
    "jobs": "emplois métiers",
    "start-up": "jeune pousse entreprise",
    "startup": "jeune pousse entreprise",
    "start-ups": "jeunes pousses entreprises",
    "startups": "jeunes pousses entreprises",
    "bosser": "travailler",
    "bosse": "travaille",
    "boss": "directeur patron",
    "boulot": "emploi travail",
    "taf": "emploi travail",
    "freelance": "freelance indépendant",
    "independant": "freelance",
    "payé": "rémunération salaire",
    "paye": "rémunération salaire",
    "thune": "salaire",
    "fric": "salaire",
    "k€": "000 €",
    # informal and SMS spellings
    "pr": "pour", "ds": "dans", "tt": "tout", "bcp": "beaucoup", "soft skills": "qualités compétences",
    "cb": "combien", "cmb": "combien", "cbien": "combien", "koi": "quoi", "c koi": "c'est quoi", "pk": "pourquoi",
    "respo": "responsable", "respos": "responsables", "diff": "différence", "pro": "professionnel",
    "reconv": "reconversion", "dispo": "disponible", "perso": "personnel", "exp": "expérience",
    "com": "communication", "compta": "comptabilité",
    "inge": "ingénieur", "inges": "ingénieurs", "ingé": "ingénieur",
    "dev": "développeur", "devs": "développeurs", "developer": "développeur", "developers": "développeurs",
    "certifs": "certifications", "certif": "certification", "etudes": "formation études",
    "boite": "entreprise", "boites": "entreprises",
    "labo": "laboratoire recherche", "labos": "laboratoires recherche",
    "comp": "salaire rémunération", "compensation": "salaire rémunération", "pay": "salaire", "paid": "salaire",
    "yoe": "années d'expérience", "years of experience": "années d'expérience", "how many": "combien de",
    "how much": "combien", "lead": "responsable",
    "techno": "technologie compétences outils", "technos": "technologies compétences outils",
    "level": "niveau", "english": "anglais", "what": "quel", "remote": "télétravail", "full remote": "télétravail",
    "degree": "diplôme", "career": "carrière", "skill": "compétence", "hiring": "recrutement", "job offer": "offre",
    "matos": "matériel", "low cost": "bas coût", "low-cost": "bas coût", "full time": "temps plein", "part time": "temps partiel",
    # one thing, two words: pages say one, people type the other
    "alternance": "apprentissage", "apprentissage": "alternance", "alternant": "apprenti", "apprenti": "alternant",
    # « y a des primes ? » : what pages list as additions to pay
    "primes": "indemnités intéressement complément", "prime": "indemnité intéressement complément",
    # « y a des aides ? » : what pays for a training (not « les aides à domicile gagnent combien ? »)
    "y a des aides": "financement financée", "y a t il des aides": "financement financée",
    "y a-t-il des aides": "financement financée", "quelles aides": "financement financée",
    "aides financieres": "financement financée",
    "maths": "mathématiques calcul", "math": "mathématiques calcul",
    "tickets resto": "titres-restaurant", "ticket resto": "titre-restaurant", "tickets restaurant": "titres-restaurant",
    "ticket restaurant": "titre-restaurant", "cheques dejeuner": "titres-restaurant",
    # salary periods and seniority, as the documents word them
    "par mois": "mensuel mensuels",
    "mensuel": "mois",
    "par an": "annuel annuels",
    "annuel": "par an",
    "journalier": "par jour", "journaliere": "par jour", "journaliers": "par jour", "hebdomadaire": "par semaine",
    "debutant": "début de carrière",
    "junior": "débutant début de carrière",
    "senior": "confirmé expérimenté milieu de carrière",
    "experimente": "confirmé expérimentés milieu de carrière",
    "confirme": "expérimenté milieu de carrière",
}

# Acronyms of everyday French working life: common nouns (`une PME`, `un CDI`), which a page can be about without
# writing them, unlike a name (`IFSI`, `Thermopack`), which an answer about it must come from a page writing.
COMMON_ACRONYMS = frozenset(
    "pme tpe eti cdi cdd rtt smic bts but dut cap bep bac bac+ rh ia cv cpf vae tva ht ttc rsa rqth mba "
    "licence master ong btp it si".split()
)

# Everyday names of roles -> the name pages usually write; used when only the second names someone the corpus
# is about (`chauffeur de bus` asked of a page on the `conducteur de bus`).
SYNONYMS: dict[str, str] = {
    "chauffeur": "conducteur", "chauffeurs": "conducteurs", "chauffeuse": "conductrice", "chauffeuses": "conductrices",
    "prof": "professeur", "profs": "professeurs", "instit": "instituteur", "instits": "instituteurs",
    "kine": "kinésithérapeute", "kines": "kinésithérapeutes", "veto": "vétérinaire", "vetos": "vétérinaires",
    "psy": "psychologue", "psys": "psychologues", "toubib": "médecin", "cuistot": "cuisinier", "cuistots": "cuisiniers",
    "mecano": "mécanicien", "mecanos": "mécaniciens", "educ": "éducateur", "educs": "éducateurs",
    "conducteur": "chauffeur", "conducteurs": "chauffeurs", "conductrice": "chauffeuse",
    "professeur": "enseignant", "professeurs": "enseignants", "enseignant": "professeur", "enseignants": "professeurs",
    "uber": "VTC",  # a brand for the trade: « chauffeur Uber » is a VTC driver
}

# Place names -> a group key; a question naming a place needs evidence naming the same group.
PLACES: dict[str, str] = {
    "france": "france", "francais": "france", "francaise": "france", "hexagone": "france", "metropole": "france",
    "paris": "paris", "ile-de-france": "paris", "ile de france": "paris", "idf": "paris", "lyon": "lyon", "marseille": "marseille", "toulouse": "toulouse",
    "bordeaux": "bordeaux", "lille": "lille", "nantes": "nantes", "strasbourg": "strasbourg",
    "montpellier": "montpellier", "rennes": "rennes", "grenoble": "grenoble", "province": "province",
    "europe": "europe", "europeen": "europe", "europeenne": "europe",
    "usa": "usa", "us": "usa", "etats-unis": "usa", "etats unis": "usa", "amerique": "usa", "americain": "usa",
    "americaine": "usa", "outre-atlantique": "usa", "outre atlantique": "usa", "silicon valley": "usa",
    "canada": "canada", "quebec": "canada", "japon": "japon", "chine": "chine", "inde": "inde",
    "suisse": "suisse", "belgique": "belgique", "allemagne": "allemagne", "royaume-uni": "royaume-uni",
    "angleterre": "royaume-uni", "londres": "royaume-uni", "espagne": "espagne", "italie": "italie",
    "luxembourg": "luxembourg", "maroc": "maroc", "tunisie": "tunisie", "algerie": "algerie",
    "senegal": "senegal", "australie": "australie", "bresil": "bresil", "asie": "asie", "afrique": "afrique",
    "etranger": "etranger", "etrangere": "etranger", "etrangers": "etranger", "etrangeres": "etranger",
    "dubai": "emirats", "emirats": "emirats", "singapour": "singapour", "israel": "israel", "monde": "monde",
}
# Their inhabitants' adjectives name them too (« un palace parisien »), in all four forms.
DEMONYMS = {"parisien": "paris", "francilien": "paris", "lyonnais": "lyon", "marseillais": "marseille",
            "toulousain": "toulouse", "bordelais": "bordeaux", "lillois": "lille", "nantais": "nantes",
            "strasbourgeois": "strasbourg", "montpellierain": "montpellier", "rennais": "rennes",
            "grenoblois": "grenoble", "provincial": "province"}


def _gender_and_number(adjective: str) -> list[str]:
    """`parisien` -> parisien(s), parisienne(s); `lyonnais` -> lyonnais(e)(s); `provincial` -> provinciaux too."""
    if adjective.endswith("ien"):
        return [adjective, adjective + "s", adjective + "ne", adjective + "nes"]
    if adjective.endswith("al"):
        return [adjective, adjective + "e", adjective + "es", adjective[:-2] + "aux"]
    plural = [] if adjective.endswith("s") else [adjective + "s"]
    return [adjective, *plural, adjective + "e", adjective + "es"]


PLACES |= {form: place for adjective, place in DEMONYMS.items() for form in _gender_and_number(adjective)}
_PLACE_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, PLACES), key=len, reverse=True)) + r")(?![\w-])")


DESIGN_OFFICE = re.compile(r"\bbureaux? d['’ ]etudes\b")  # folded: a workplace, which asks nothing about studies


def expand(question: str) -> str:
    """The question plus the French words for its franglais ones (appended; a phrase such as
    `forward deployed engineer` is used whole, before its words one by one)."""
    folded = DESIGN_OFFICE.sub(" ", fold(question))  # a workplace, not studies
    extra = []
    for english in sorted(GLOSSARY, key=len, reverse=True):
        pattern = rf"(?<![\w-]){re.escape(english)}(?![\w-])"
        if re.search(pattern, folded):
            extra.append(GLOSSARY[english])
            folded = re.sub(pattern, " ", folded)
    return f"{question} {' '.join(extra)}" if extra else question


# Informal short forms read in place (a job name may hold English words such as `manager`: those stay).
INFORMAL = frozenset("cb cmb cbien koi pk respo respos inge inges ingé dev devs boite boites labo labos taf pro diff reconv dispo perso "
                     "com compta".split())


def substitute(question: str) -> str:
    """The question with its informal short forms replaced in place (`un ingé devops` -> `un ingénieur
    devops`), so the words around them keep their order."""
    def replace(match: re.Match) -> str:
        word = fold(match.group(0))
        if word not in INFORMAL or word not in GLOSSARY:
            return match.group(0)
        full = GLOSSARY[word].split()[0]
        return full[0].upper() + full[1:] if match.group(0)[0].isupper() else full  # `Pro D2` stays a name

    return re.sub(r"[\w-]+", replace, question)


def with_synonyms(question: str) -> list[str]:
    """The question with its everyday role names replaced by the ones pages usually write (`SYNONYMS`): all of
    them, then each alone (« chauffeur Uber » is the pages' `chauffeur VTC`, not a `conducteur VTC`)."""
    found = [m for m in re.finditer(r"[\w-]+", question) if fold(m.group(0)) in SYNONYMS]
    return [_swapped(question, found), *([_swapped(question, [m]) for m in found] if len(found) > 1 else [])]


def _swapped(question: str, matches: list[re.Match]) -> str:
    """The question with the words `matches` found replaced by their `SYNONYMS`."""
    parts, end = [], 0
    for match in matches:
        parts += [question[end : match.start()], SYNONYMS[fold(match.group(0))]]
        end = match.end()
    return "".join(parts) + question[end:]


TOWNS = frozenset("paris lyon marseille toulouse bordeaux lille nantes strasbourg montpellier rennes grenoble".split())


def towns(text: str) -> set[str]:
    """The towns (not countries or continents) a text names."""
    return places(text) & TOWNS


def places(text: str) -> set[str]:
    """Place groups named in a text."""
    text = re.sub(r"\btout le monde\b|\bfrance (?:travail|competences|services)\b", " ",  # everybody, nowhere; the
                  fold(text).replace("’", "'"))  # public employment and training bodies, not the country
    return {PLACES[m.group(1)] for m in _PLACE_PATTERN.finditer(text)}


@lru_cache(maxsize=1)
def glossary_words() -> frozenset[str]:
    return frozenset(w for key in GLOSSARY for w in re.findall(r"[a-z]+", fold(key)))
