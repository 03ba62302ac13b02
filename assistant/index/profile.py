"""What the corpus is about, derived at ingest from the documents themselves and saved in the index.

Nothing here knows any job: a document's jobs are read from its own structure and wording, with general French
rules only:
- its title, when the title names a role (`roboticien/ne`, `MLOps Engineer`), or the role after « fiche métier : »,
  « carrière de », « devenir », « métier de »;
- in a document whose title names no role (a list of jobs), its level-2 headings that do (`2. Ethicien en IA >`);
- variants: gender forms (`ingénieur/e`, `Chargé / chargée`), « Féminin : … » / « Masculin : … » lines and
  « Autres appellations » sections, abbreviations and translations in brackets after a name
  (`DPO (Délégué à la Protection des Données)`, `ingénieur prompt (ou « prompt engineer » en anglais)`),
  « aussi appelé … », « Autres appellations : a, b » fields;
- a job offer's « (H/F) » line, before a page title that may be a contract line;
- for a document naming no job (a blog post, an interview), the words of its opening lines it keeps using, and
  the role a diploma it names prepares for (`opening`): whom the document is about when no job is named;
- acronyms the corpus spells out as a role (`persons`: « agents de surveillance de la voie publique (ASVP) »).

`JobCatalog` matches those names in questions and passages (`find`), weighting each word by how many jobs share
it, so `data` alone names no job while `qualiticien` names one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from itertools import chain, takewhile

from ..text import STOP_WORDS, fold, spelled_out, terms, upper_first

# ---- general French: what a role noun looks like --------------------------------------------------------------

# Endings of French agent nouns (ingénieur, conseillère, roboticien, juriste, infirmier, assistant...).
ROLE_ENDINGS = ("eur", "euse", "rice", "ien", "ienne", "iste", "ier", "iere", "ere", "ant", "ante", "logue", "naute",
                "peute", "graphe", "iatre", "pathe", "yste")  # `ergothérapeute`, `topographe`, `pédiatre`, `analyste`
# Endings of English agent nouns (designer, engineer, director, analyst, scientist, architect...).
ENGLISH_ROLE_ENDINGS = ("er", "ctor", "ator", "itor", "isor", "ist", "yst", "ian", "ect")
# Role nouns with none of those endings.
ROLE_NOUNS = frozenset(
    "chef cheffe responsable expert experte architecte juriste pilote cadre agent agente delegue deleguee charge "
    "chargee secretaire fonctionnaire gestionnaire stagiaire notaire libraire veterinaire commissaire mandataire "
    "medecin coach membre dirigeant dirigeante president presidente adjoint adjointe apprenti apprentie "
    "commis comptable photographe graphiste freelance manager lead head auxiliaire bibliothecaire militaire "
    "sage-femme avocat avocate juge gendarme hotesse steward maire conseiller conseillere boulanger boulangere "
    "boucher bouchere fromager fromagere horloger horlogere berger bergere maraicher maraichere marin artisan "
    "artisane macon maconne peintre geometre interprete hote soldat manutentionnaire maitre maitresse caporal "
    "sergent capitaine colonel concierge diplomate employe employee garde attache attachee".split()
)
# Role nouns that need their complement to name a job: « un auxiliaire » is no « auxiliaire vétérinaire ».
BROAD_ROLES = frozenset(
    "chef responsable expert agent delegue charge adjoint auxiliaire assistant technicien ingenieur cadre membre "
    "dirigeant president apprenti stagiaire employe ouvrier operateur gestionnaire conseiller directeur professeur "
    "enseignant formateur animateur consultant coordinateur coordonnateur maitre".split()
)
ENGLISH_ROLE_NOUNS = frozenset("manager lead head chief coach freelance".split())
NOT_ROLES = frozenset(
    "metier dossier papier quartier fichier cahier clavier calendrier chantier courrier premier dernier entier "
    "entretien lien bien rien moyen quotidien ancien chacun document environnement enseignement recrutement "
    "combien soutien maintien mien tien sien chien ordinateur secteur interieur exterieur superieur inferieur "
    "meilleur majeur valeur couleur erreur hauteur chaleur longueur largeur moteur capteur serveur routeur navigateur "
    "processeur langage salaire poste emploi avant pendant cependant maintenant durant restaurant montant "
    "important courant suivant avantage grandeur heure peur fleur soeur coeur honneur master poster cluster "
    "after cancer computer user order number paper power other over under never ever per liste piste "
    "paragraphe autographe filiere carriere critere particulier regulier singulier familier atelier escalier panier "
    "millier janvier fevrier sante plante pente attente trente quarante cinquante soixante "
    "payer passer financer commencer trouver travailler gagner bosser aller donner demander lancer changer chercher "
    "monter porter rester entrer valider refaire".split()  # `on peut la payer ?`: French verbs, no English role
)
# Capitals that name contracts, diplomas, pay or paperwork, never a person (`CDI - Temps plein`, `BTS MGTMN`).
NOT_ROLE_ACRONYMS = frozenset("cdi cdd smic rtt tva cv faq pdf bts cap dut but bac rncp cpf iut vae "
                              "afpa greta cfa cnam opco urssaf cci cma".split())  # ... and the bodies that train
CONNECTORS = frozenset("de des du d l la le les en a au aux et ou".split())
FEMININE_SUFFIXES = ("e", "ne", "fe", "trice", "euse", "ere", "ienne", "se", "te", "le")
GENDER_ENDINGS_WRITTEN = ("e", "ne", "trice", "euse", "ere", "iere")  # `conseiller/ère`, `infirmier/iere`
GENDER_SLASH = re.compile(r"([\w-]+)\s?/\s?([\w-]+)")
JOB_SHEET = re.compile(r"fiche[\s-]+m[ée]tiers?\s*:?\s*(.+)", re.I)
MAX_SHEET_WORDS = 4  # a job sheet's title names its job in a few words
TITLE_PATTERNS = (  # the role after these words is what a title is about
    JOB_SHEET,
    re.compile(r"\b(?:carri[èe]re|m[ée]tier|profession|poste|reconversion|grade|grille|salaires?)(?:\s+\d{4}|\s+indiciaire)?"
               r"\s+(?:(?:des|de|du|comme|en)\b|d['’])\s*(?:l['’]|la\s+|le\s+)?(.+)", re.I),  # `la grille 2024 du conseiller
    # clientèle`, `Salaire de l'ingénieur réseau` (the article is no part of the name)
    re.compile(r"\b(?:blog|carnet|journal|portrait|t[ée]moignage|quotidien|rencontre)\s+(?:(?:de|du|avec)\b|d['’])\s*"
               r"(?:(?:une|un|la|le)\s+|l['’]\s*)?(.+)", re.I),  # `le blog d'une carreleuse`, `rencontre avec une éleveuse`
    re.compile(r"\bdevenu?e?s?\s+(.+)|\bdevenir\s+(.+)", re.I),
)
ALIAS_AFTER = (  # after a job's name: another name for it
    re.compile(r"^\s*\(([^()]{2,80})\)"),
    re.compile(r"^\s*,?\s*(?:ou|dit|dite|alias)\s+[«\"“]\s*([^»\"”]{2,50}?)\s*[»\"”]"),
    re.compile(r"^\s*,?\s*(?:est\s+|sont\s+)?(?:aussi|également|encore|souvent|parfois|communément|familièrement)"
               r"\s+(?:appel[ée]e?s?|nomm[ée]e?s?)\s+[«\"“]?\s*([^»\"”,.;()]{2,50})"),  # `MERM, souvent appelé « manip radio »`
)
# « Il est aussi appelé CIP », « On l'appelle aussi … », « Aussi appelé X, Y ou Z. »: in a document about one job,
# other names for it (a list up to the end of the sentence).
PRONOUN_ALIAS = re.compile(
    r"(?:\b(?:il|elle)\s+(?:est|sont)\s+(?:aussi|également|encore|parfois|souvent)\s+(?:appel|nomm|désign)\w*"
    r"|\b(?:ce|le)\s+(?:m[ée]tier|poste)\b[^.!?\n]{0,60}?\s(?:est|sont)\s+(?:aussi|également|encore|parfois|souvent)"
    r"\s+(?:appel|nomm|désign)\w*"
    r"|\bon\s+l['’]appel(?:le|ait)(?:\s+(?:aussi|également|encore|parfois|autrefois|avant|jadis))?"  # `on l'appelait`
    r"|(?:^|[.!?]\s+|\n\s*)(?:aussi|également|encore)\s+(?:appel|nomm)\w*)\s*:?\s+[«\"“]?\s*([^»\"”.;()\n]{2,120})", re.I)
APPELLATION_LINE = re.compile(r"^\s*-?\s*(?:f[ée]minin|masculin|femme|homme)\s*:\s*(.+)$", re.I)
# A field listing other names: `Autres appellations : technicien géomètre, topographe, opérateur géomètre`.
APPELLATION_FIELD = re.compile(r"^[\s*_-]*(?:autres? (?:appellations?|noms?|intitul[ée]s)|appellations?|synonymes?"
                               r"|aussi appel[ée]e?s?|[ée]galement appel[ée]e?s?)[\s*_]*:[\s*_]*(.+)$", re.I)
APPELLATION_HEADING = re.compile(r"appellations?|autres noms|aussi appel", re.I)
MAX_JOB_WORDS = 7
OPENING_CHARS = 600  # the opening of a document about no job: « … je suis passée à conductrice de bus »
MIN_MENTIONS = 3  # ... whose words it goes on using this many times
MIN_SHORTENED = 4  # a word typed short (`immo`, `psychomot`) has at least this many letters


ORDINAL_SUFFIX = r"(?:ere|eme|er|re|nde|nd|e)"  # folded: `1ère`, `1re`, `1er`, `2nd`, `3ème`, `4e`
ORDINAL = re.compile(rf"\b(\d+){ORDINAL_SUFFIX}\b")  # ... read as one ordinal, `1e`


def words_of(text: str) -> list[str]:
    """Folded words, elisions split, `intelligence artificielle` and `ai` read as `ia`, plurals made singular,
    ordinals written one way (`1ere classe` names the `1re classe`)."""
    folded = ORDINAL.sub(r"\1e", fold(text).replace("intelligence artificielle", "ia"))
    return [_singular("ia" if w == "ai" else w) for w in re.findall(r"[a-z0-9]+(?:\+\d+)?", folded.replace("'", " "))]


@lru_cache(maxsize=65536)
def _singular(word: str) -> str:
    if word.endswith("aux") and not word.endswith("eaux") and len(word) > 5:  # `caporaux`, `territoriaux`
        return word[:-3] + "al"
    invariable = word.endswith(("ss", "us")) or (word.endswith("is") and len(word) <= 6)  # `devis`, `permis`
    if len(word) > 3 and word.endswith(("s", "x")) and not invariable:
        return word[:-1]
    return word


def name_words(name: str) -> tuple[str, ...]:
    """The words of a job's name that a text must hold to name it: as `content_words`, but a short word that is
    a stop word elsewhere stays when it is part of the name (`régisseur son`, not `régisseur`)."""
    return tuple(masculine(w) for w in words_of(name) if w not in CONNECTORS)


def content_words(text: str) -> tuple[str, ...]:
    """Words of a job name or text for matching: connectors and stop words out, role nouns in the masculine
    (`développeuse` and `développeur`, `infirmière` and `infirmier` name the same job)."""
    return tuple(masculine(w) for w in words_of(text) if w not in CONNECTORS and w not in STOP_WORDS)


FEMININE_ENDINGS = (("euse", "eur"), ("eure", "eur"), ("trice", "teur"), ("ienne", "ien"), ("iere", "ier"), ("ere", "er"),
                    ("ante", "ant"), ("ee", "e"), ("effe", "ef"), ("elle", "el"), ("ive", "if"), ("ale", "al"))
#                                    `ingénieure`, `professeure`


@lru_cache(maxsize=65536)
def masculine(word: str) -> str:
    """The masculine of a feminine role noun (`developpeuse` -> `developpeur`, `hotesse` -> `hote`); other words
    unchanged (`vitesse`)."""
    if word.endswith("esse") and word[:-3] in ROLE_NOUNS:
        return word[:-3]
    for feminine, male in FEMININE_ENDINGS:
        if word.endswith(feminine) and len(word) > len(feminine) + 2:
            return word[: -len(feminine)] + male
    return word


def is_role_word(word: str, english: bool = False) -> bool:
    """A folded, singular word that can head a job title: French `ingenieur`, `roboticien`, `chef`; with
    `english`, an English agent noun (`designer`, `analyst`, `director`)."""
    if word in NOT_ROLES or masculine(word) in NOT_ROLES or len(word) < 3 or word.isdigit():  # `première`
        return False
    if english:
        return word in ENGLISH_ROLE_NOUNS or word.endswith(ENGLISH_ROLE_ENDINGS)
    male = masculine(word)
    return word in ROLE_NOUNS or word.endswith(ROLE_ENDINGS) or (male != word and male.endswith(ROLE_ENDINGS))


def gendered_head(phrase: str) -> bool:
    """The phrase opens with a word and its feminine, as job titles are written: `Conseiller / conseillère`,
    `Développeur/Développeuse`, `ingénieur/e` (a form nouns for things do not take)."""
    match = GENDER_SLASH.match(phrase.strip())
    if not match:
        return False
    male, female = fold(match.group(1)), fold(match.group(2))
    return len(male) > 3 and (masculine(female) == male or female in GENDER_ENDINGS_WRITTEN)


POST_HEADER = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\b|[^\W\d_]_[^\W\d_]")  # a date, a time, a pseudonym


def looks_like_job(phrase: str, acronyms: bool = True) -> bool:
    """A short noun phrase headed by a role noun: French head first (`technicien de maintenance`), English head
    last (`UX designer`, one word: `pentester`), a word with its feminine (`Conseiller / conseillère en …`), or an
    acronym (`DPO (...)`)."""
    if re.search(r"[\[\]{}<>|]", phrase):  # `[Postuler] [Partager]`: a page's buttons, not a name
        return False
    if re.search(r"[?!.…]\s+\S", phrase):  # `Crevant ? Oui. Mais …`: sentences, not a name
        return False
    if POST_HEADER.search(phrase):  # `Jojo_tournasseur — 12/01/2025 à 22:15`: a forum post's author, not a name
        return False
    if gendered_head(phrase):
        return len(content_words(phrase)) <= MAX_JOB_WORDS + 1
    found = content_words(re.sub(r"\(.*?\)", " ", phrase))
    if not found or len(found) > MAX_JOB_WORDS or re.match(r"^\s*(?:les|des|nos|vos|ces|de|du|d['’])\b", fold(phrase)):
        return False
    has_connector = any(w in CONNECTORS for w in words_of(phrase))
    unbracketed = words_of(re.sub(r"\(.*?\)", " ", phrase))
    written = [w for w in unbracketed if w not in CONNECTORS and w not in STOP_WORDS]
    lead = list(takewhile(lambda w: w not in CONNECTORS, unbracketed))  # « data manager en recherche clinique » : an
    # English name, then where
    english_head = is_role_word(written[-1], english=True) if not has_connector \
        else len(lead) >= 2 and is_role_word(lead[-1], english=True)  # `lumière` is no `lumier`
    head = phrase.split()[0].strip("()")
    shouted = phrase.isupper() and len(phrase.split()) > 1  # `LE POSTE`, `VOTRE PROFIL`: a heading in capitals
    acronym = acronyms and bool(re.fullmatch(r"[A-Z]{2,6}", head)) and not shouted \
        and fold(head) not in STOP_WORDS and fold(head) not in CONNECTORS and fold(head) not in NOT_ROLE_ACRONYMS
    first = fold(phrase.split()[0]).strip("()")
    parts = [_singular(w) for w in re.findall(r"[a-z0-9]+", first)]  # `aide-soignant`: its parts too
    compound = "-".join(fold(phrase).split()[:2])  # `sage femme`, as a question's words may come
    return first in ROLE_NOUNS or compound in ROLE_NOUNS or any(is_role_word(w) for w in parts) or english_head \
        or acronym


def gender_forms(phrase: str) -> list[str]:
    """`ingénieur/e cloud` -> [`ingénieur cloud`, `ingénieure cloud`]; `Chargé / chargée de X` -> both forms."""
    def form(match: re.Match, feminine: bool) -> str:
        stem, suffix = match.group(1), match.group(2)
        if fold(suffix).startswith(fold(stem[:3])):  # `Chargé / chargée`: the feminine written out
            return suffix if feminine else stem
        if fold(suffix) not in FEMININE_SUFFIXES:
            return match.group(0)
        if not feminine:
            return stem
        if suffix == "trice" and stem.endswith("teur"):
            return stem[:-4] + "trice"
        if suffix == "euse" and stem.endswith("eur"):
            return stem[:-3] + "euse"
        return stem + suffix

    forms = [GENDER_SLASH.sub(lambda m: form(m, False), phrase), GENDER_SLASH.sub(lambda m: form(m, True), phrase)]
    return list(dict.fromkeys(" ".join(f.split()) for f in forms))


def slash_names(phrase: str) -> list[str]:
    """Two names of one job put side by side (`Logisticien / gestionnaire de flux`): each, when both look like a
    job; nothing for a gender pair (`Coiffeur / coiffeuse`) or a phrase with no slash."""
    parts = [" ".join(p.split()) for p in re.split(r"\s+/\s+", phrase)]
    if len(parts) != 2:
        return []
    if all(looks_like_job(p) for p in parts):
        return parts
    head = re.match(r"^(\S+\s+(?:en|de|d['’]|du|des|au|aux)\s*)\S", parts[0])  # `Animateur en club de vacances /
    if head and looks_like_job(parts[0]) and not looks_like_job(parts[1]) and len(parts[1].split()) <= 3:
        return [parts[0], head.group(1) + parts[1]]  # village vacances`: the head's two complements
    return []


def alias_pieces(inside: str) -> list[str]:
    """Names in a bracket or quote after a job's name: `DPO - Data Protection Officer` -> both; `ou « prompt
    engineer » en anglais` -> `prompt engineer`."""
    inside = re.sub(r"\ben anglais\b|\bin english\b|^\s*ou\b|[«»\"“”]"
                    r"|^\s*(?:on\s+)?(?:dit|l['’]appelle|appel[ée]e?)\s+(?:aussi|également|encore|parfois)\b"
                    r"|^\s*(?:aussi|également|parfois|souvent)\s+(?:appel|nomm)\w*",
                    " ", inside, flags=re.I)
    inside = re.split(r"\s+(?:dans|sur|chez|pour|selon|par|du nom)\s", inside)[0]  # `… dans les offres de …`
    pieces = []
    for piece in re.split(r"\s+[-–—]\s+|\s*[,;]\s*|\s+ou\b\s*", inside):  # `… transport ou, dans …`
        if gendered_head(piece):  # `producteur / productrice de légumes`: two whole names
            pieces += gender_forms(piece)
        else:
            pieces += re.split(r"\s*/\s*", piece)
    pieces = [re.sub(r"^\s*(?:encore|aussi|même|parfois|plus simplement|simplement)\s+", "", p, flags=re.I) for p in pieces]
    return [" ".join(p.split()) for p in pieces if 0 < len(p.split()) <= MAX_JOB_WORDS and re.search(r"[^\W\d_]{2}", p)]


# ---- the profile -------------------------------------------------------------------------------------------------


@dataclass
class Job:
    name: str  # as displayed: "Data analyst"
    variants: list[str]  # names as written in the documents
    sources: list[str] = field(default_factory=list)
    own_words: list[str] = field(default_factory=list)  # proper names only its documents write (`transalp`)



@dataclass
class Profile:
    """The jobs of the corpus and, per document, its title and the jobs it is about."""

    jobs: list[Job] = field(default_factory=list)
    documents: dict[str, dict] = field(default_factory=dict)  # source -> {"title": str, "jobs": [job names],
    #                             "opening": the words of its first lines it goes on using, when it names no job}
    persons: list[str] = field(default_factory=list)  # acronyms the corpus spells out as a role: `ASVP`

    def to_dict(self) -> dict:
        return {"jobs": [asdict(j) for j in self.jobs], "documents": self.documents, "persons": self.persons}

    @classmethod
    def from_dict(cls, data: dict) -> Profile:
        return cls([Job(**j) for j in data.get("jobs", [])], dict(data.get("documents", {})),
                   list(data.get("persons", [])))

    def topics(self) -> list[str]:
        """What the corpus covers, for « Ce que je connais »: its jobs, then the titles of documents about none."""
        shown = [job.name for job in self.jobs]
        shown += [d["title"] for d in self.documents.values() if not d.get("jobs") and d.get("title")]
        return shown


def title_parts(title: str) -> list[str]:
    """The phrases a title coordinates (`Traducteur ou interprète : quelles différences ?` -> `Traducteur`,
    `interprète`; `De la com' au fournil : ma reconversion en boulangère` -> `boulangère`)."""
    title = " ".join(title.split())
    for pattern in TITLE_PATTERNS:
        named = _named_after(pattern, title)
        if named:
            return _coordinated(named)
    return _coordinated(title)


def _named_after(pattern: re.Pattern, title: str) -> str:
    """What the title names after the pattern's words; for « métier de », « grille du »… only a role, wherever the
    words are (« Grille du grade de Surveillant »; not « le métier du silence et du bois »)."""
    match = pattern.search(title)
    while match:
        named = next(g for g in match.groups() if g)
        if pattern not in TITLE_PATTERNS[1:3] or (_coordinated(named) and looks_like_job(_coordinated(named)[0])):
            return named
        match = pattern.search(title, match.start() + 1)
    return ""


def _coordinated(title: str) -> list[str]:
    """The phrases the title's first part coordinates, up to a comma (`« Luthier, le métier du bois »`), without
    the generic words leading them (`Reconversion technicien de maintenance éolienne`)."""
    first = re.sub(r"[«»\"“”]", " ", title_segments(title)[0]).split(", ")[0].strip()
    first = RELATIVE.split(first)[0]  # `une carreleuse qui a tout plaqué`, `devenir facteur en 2024`
    return [_unled(part) for part in re.split(r"\s+ou\s+|\s+et\s+", first) if _unled(part)]


RELATIVE = re.compile(r"\s+(?:qui|que|qu['’]|dont|pour|selon)\s*|\s+(?:en|depuis|après|avant|dans|à|a)\s+(?=\d)", re.I)


def _unled(part: str) -> str:
    words = part.split()
    while len(words) > 1 and fold(words[0]) in GENERIC:
        words = words[1:]
    return " ".join(words)


def title_segments(title: str) -> list[str]:
    """A title cut where a dash, a colon or a question mark starts another part: `Grille 2024 – Assistants
    socio-éducatifs`, `Douane : agent ou contrôleur ? Je suis perdu`."""
    return [seg.strip(" .!?>") for seg in re.split(r"\s+[-:|–—]\s+|\s*[:?!]\s+|\s+à\s+\d", title)]


def title_jobs(title: str) -> list[str]:
    """The roles a title names."""
    return [part for part in title_parts(title) if looks_like_job(part)]


def coordinated_jobs(title: str, text: str) -> list[str]:
    """The title's roles, and the phrases it coordinates with one (`Traducteur ou interprète`) when they are short
    and the text talks of them as someone (`l'interprète travaille…`): a role whose form no list knows."""
    parts = title_parts(title)
    if JOB_SHEET.search(title):  # `Fiche métier : Géomètre-topographe` says it names a job, whatever its form
        return [p for p in parts if 0 < len(content_words(re.sub(r"\(.*?\)", " ", p))) <= MAX_SHEET_WORDS
                and not _plural(p)]  # `Data engineer (ingénieur·e de données)`: the brackets give other names
    parts = [p if looks_like_job(p) else _spelled_out_in(p, text) or p for p in parts]
    led = any(_named_after(pattern, title) for pattern in TITLE_PATTERNS[1:])  # `devenue barista`: a role, whatever
    if not led and not any(looks_like_job(p) for p in parts):  # its form, when the text talks of it as someone
        return []
    parts = _rejoined(parts, title, text)
    return [p for p in parts if looks_like_job(p) or (len(content_words(p)) <= 2 and not _plural(p)
                                                      and named_in_text(p, text))]


MIN_TYPED_SHORT = 3  # letters of each word of a name typed short in a title (`éduc spé`)


def _spelled_out_in(phrase: str, text: str) -> str:
    """The role the text writes in full that `phrase` types short, word by word (`Devenir éduc spé` -> `éducateur
    spécialisé`, the masculine form when the text writes it); "" when there is none."""
    short = words_of(phrase)
    if not 0 < len(short) <= 3 or any(len(w) < MIN_TYPED_SHORT for w in short):
        return ""
    tokens = re.findall(r"[^\W\d_]+", text)
    folded = [fold(t) for t in tokens]
    found: Counter = Counter()
    for i in range(len(tokens) - len(short) + 1):
        window = folded[i : i + len(short)]
        if all(w.startswith(s) and len(w) > len(s) for w, s in zip(window, short, strict=True)) \
                and is_role_word(masculine(window[0])):
            found[" ".join(tokens[i : i + len(short)])] += 1
    if not found:
        return ""
    masculine_first = [name for name in found if masculine(fold(name.split()[0])) == fold(name.split()[0])]
    return max(masculine_first or found, key=lambda name: found[name])


def _rejoined(parts: list[str], title: str, text: str) -> list[str]:
    """The title's parts, one that is no role put back after the role before it when the text names them together
    as someone: `Administrateur systèmes et réseaux` is one job (« un administrateur systèmes et réseaux »), not
    `Administrateur systèmes` and `réseaux`."""
    joined = parts[:1]
    for part in parts[1:]:
        whole = re.search(rf"{re.escape(joined[-1])}\s+(?:et|ou)\s+{re.escape(part)}", title)
        if whole and not looks_like_job(part) and looks_like_job(joined[-1]) \
                and named_in_text(whole.group(0), text, being=True):
            joined[-1] = whole.group(0)
        else:
            joined.append(part)
    return joined


def _plural(phrase: str) -> bool:
    """Its first word is a plural (`Salaires et carrières` names topics, not someone)."""
    return bool(re.match(r"^\S+[sx]\b", phrase)) and not re.match(r"^\S+(?:ss|us|is)\b", phrase)


def document_jobs(title: str, headings: list[tuple[int, int, str]], text: str) -> tuple[list[str], list[list[str]]]:
    """(jobs named by the title or by the job headings, extra variants of the title's job from « Appellations »)."""
    jobs = coordinated_jobs(offer_title(text), text) or coordinated_jobs(title, text)  # an offer's « (H/F) » line first
    variants: list[list[str]] = []
    if jobs:
        under_appellations = False
        for _, level, heading in headings:
            if APPELLATION_HEADING.search(heading):
                under_appellations, appellation_level = True, level
            elif under_appellations and level > appellation_level and looks_like_job(heading):
                variants.append([heading])
            elif level <= 2:
                under_appellations = False
        for line in text.split("\n"):
            match = APPELLATION_LINE.match(line)
            if match and looks_like_job(match.group(1)):
                variants.append([match.group(1).strip()])
            field = APPELLATION_FIELD.match(line)
            if field:
                variants += [[p] for p in alias_pieces(field.group(1).rstrip(" .")) if _plausible_name(p)]
        variants += [[item] for item in appellation_items(headings, text)]
        for _, level, heading in headings:  # `Grade de gardien-brigadier`: a named role beside the title's
            if level >= 2 and any(pattern.search(heading) for pattern in TITLE_PATTERNS[1:2]):
                jobs += [job for job in title_jobs(heading) if named_in_text(job, text)]
        jobs += _compared_in_headings(jobs[0], headings, text)
    else:  # a document on several jobs: numbered headings naming a role, or ones its text then talks about, and
        jobs = _heading_jobs(headings, text)  # the headings beside those (a grid's three grades)
    if not jobs:  # `Grille indiciaire 2024 – Assistants socio-éducatifs`: the role comes after the title's first part
        jobs = [job for segment in title_segments(title)[1:] for job in title_jobs(segment)
                if named_in_text(job, text, being=True)]
    if not jobs and not any(level == 1 for _, level, _ in headings):  # a page with a heading 1 is titled by it
        jobs = _plain_text_jobs(title, text)
    if not jobs:  # `De conseiller bancaire à serrurier : …`, `Actuaire : le métier, la formation et le salaire`
        jobs = _titled_role(title, text)
    if not jobs:  # `… : ma reconversion dans la maroquinerie`, a title naming a trade: the role its writer says is theirs
        jobs = _self_described(text[:OPENING_CHARS])
    return list(dict.fromkeys(map(_role_of_diploma, jobs))), variants


FROM_TO = re.compile(r"^(?:de|d['’])\s*(.+?)\s+(?:à|a|au)\s+(.+)$", re.I)  # `De conseiller bancaire à serrurier`
ABOUT_JOB = re.compile(r"^(?:(?:le|son|un|ce)\s+)?m[ée]tiers?\b", re.I)  # `… : le métier, la formation et le salaire`


def _titled_role(title: str, text: str) -> list[str]:
    """The role a title names whatever its form, when the text talks of it as someone: the one a reconversion
    ends in (`De conseiller bancaire à serrurier`), or the one before a part saying it is a job (`Actuaire : le
    métier, la formation et le salaire`)."""
    segments = title_segments(title)
    moved = FROM_TO.match(segments[0])
    if moved and (looks_like_job(moved.group(1)) or looks_like_job(moved.group(2))):
        named = next(iter(_coordinated(moved.group(2))), "")
    elif len(segments) > 1 and ABOUT_JOB.match(segments[1]):
        named = segments[0]
    else:
        return []
    short = 0 < len(content_words(named)) <= MAX_SHEET_WORDS
    return [named] if short and (named_in_text(named, text, being=True) or (moved and _trained_for(named, text))) else []


def _trained_for(role: str, text: str) -> bool:
    """The text names a diploma after the role (`CAP ébéniste`): a reconversion's end the writer trained for,
    though they never write « un ébéniste »."""
    wanted = masculine(fold(role.split()[0])) if role.split() else ""
    return any(masculine(_singular(fold(m))) == wanted for m in DIPLOMA_ROLE.findall(text))


# Working as one's own boss, in general French (folded): a salaried figure does not answer « à son compte ».
WORKING_STATUS = re.compile(
    r"\ba (?:son|mon|leur|ton|votre) (?:propre )?compte|\bliberale?s?\b|\bindependante?s?\b|freelance|free-lance"
    r"|(?:auto|micro)[ -]?entrepr(?:eneu|ise)|s installer?\b|\binstalle(?:e|s|es)? (?:a|en|comme)\b"
    r"|propre (?:societe|entreprise|cabinet|affaire)")


SELF_ROLE = re.compile(r"\b(?:je suis|suis devenue?|je travaille comme)\s+(?:une?\s+)?([^.,;:!?()\n]{3,80})", re.I)


def _own_boss(title: str, text: str) -> bool:
    """The person a document is about works for themselves, as its title, its guest's role or its writer's own
    words in its opening say (`Invité : Karim B., photographe indépendant à Nantes`, `je suis graphiste freelance`)."""
    top = text.strip().split("\n")[:TOP_LINES]
    roles = [title, *map(_guest_role, top), *(m.group(1) for m in SELF_ROLE.finditer(text[:OPENING_CHARS]))]
    return any(WORKING_STATUS.search(fold(role)) for role in roles if role)


def _self_described(opening: str) -> list[str]:
    """The role the writer of a document's opening says they are now (`Aujourd'hui, je suis maroquinière dans
    un atelier de …` -> `maroquinière`), up to where they work; the first such role."""
    for found in SELF_ROLE.finditer(opening):
        role = _where_cut(found.group(1))
        if looks_like_job(role, acronyms=False):
            return [role]
    return []


def _compared_in_headings(job: str, headings: list[tuple[int, int, str]], text: str) -> list[str]:
    """The roles a heading sets beside the page's job (`Agent immobilier ou négociateur : quelle différence ?`)
    that the text talks of as someone (`les négociateurs immobiliers`): the page is about them too."""
    key = name_words(job)
    found = []
    for _, level, heading in headings:
        parts = title_parts(heading) if level >= 2 else []
        if len(parts) > 1 and any(name_words(part) == key for part in parts):
            found += [p for p in parts if name_words(p) != key and looks_like_job(p) and named_in_text(p, text, being=True)]
    return found


def _heading_jobs(headings: list[tuple[int, int, str]], text: str) -> list[str]:
    """The roles a document on several jobs heads its sections with: a numbered heading naming a role, or one its
    text then talks about (`un technicien principal de 2e classe …`); then the headings beside such a one, under
    the same parent (`### Technicien principal de 1re classe (3e grade)`, a grade the text never names again)."""
    found: dict[int, list[str]] = {}
    parents: list[int] = []
    open_headings: list[int] = []  # the headings above the current one, outermost first
    for i, (start, level, heading) in enumerate(headings):
        while open_headings and headings[open_headings[-1]][1] >= level:
            open_headings.pop()
        parents.append(open_headings[-1] if open_headings else -1)
        open_headings.append(i)
        if level < 2 or heading.endswith("?") or _plural(heading):
            continue
        numbered = bool(re.match(r"\s*\d+[.)]\s", text[start:])) or gendered_head(heading)
        found[i] = [job for job in title_jobs(heading) if numbered or named_in_text(job, text)]
    beside = {(parents[i], headings[i][1]) for i, jobs in found.items() if jobs}
    for i in found:
        if not found[i] and (parents[i], headings[i][1]) in beside and looks_like_job(headings[i][2]):
            found[i] = title_jobs(headings[i][2])
    return [job for i in sorted(found) for job in found[i]]


def _role_of_diploma(name: str) -> str:
    """A diploma's name as the role it prepares for (a school's page titled « CAP Poissonnier écailler » is about
    the poissonnier écailler); any other name as it is."""
    found = DIPLOMA_NAME.match(name)
    return upper_first(found.group(1)) if found and looks_like_job(found.group(1)) else name


def _plain_text_jobs(title: str, text: str) -> list[str]:
    """The job of a plain text whose title names none: its guest's role (« avec Mehdi L., guide-conférencier »,
    « Invitée : Claire M., luthière en violons », a role whatever its head: « guide de haute montagne »), else its first lines' (a podcast's episode title under the show's
    name, a forum's `Sujet : …`); never a guest's name, none of whose words the text writes in lower case."""
    lower = {fold(w) for w in re.findall(r"\b[^\W\d_A-ZÀ-Þ][\w-]*", text)}
    lines = _title_lines(text, title)
    top = text.strip().split("\n")[:TOP_LINES]  # `Invité : Bastien R., guide de haute montagne` under the titles
    roles = [role for role in map(_guest_role, dict.fromkeys([title, *lines, *top])) if role]
    named_first = [_where_cut(NAMED_GUEST.sub("", line)) for line in lines if NAMED_GUEST.match(line)]  # a title line
    # `Nadia, psychologue clinicienne à l'hôpital`: the guest's name, then her role, which the text writes in any gender
    guests = chain(([job for job in coordinated_jobs(role, text) or [role] if named_in_text(job, text)] for role in roles),
                   ([role] for role in named_first if looks_like_job(role) and named_in_text(role, text, being=True)),
                   ([job] for job in map(_first_of_compound, roles) if job and named_in_text(job, text, being=True)))
    topics = (coordinated_jobs(line, text) or coordinated_jobs(LINE_LABEL.sub("", line), text)
              or [job for segment in title_segments(line)[1:] for job in title_jobs(NAMED_GUEST.sub("", segment))]
              for line in lines)  # `Épisode 47 : « … » — assistante de régulation médicale`, `… — Inès, technicienne
    # frigoriste`: the role after the episode's number and title (and its guest's name)
    used = ([job] for job in (_used_start(role, text) for role in roles) if job)  # last: a guest's role cut short
    for found in chain(guests, topics, used):  # the first that names a role wins
        named = [job for job in found if any(fold(w) in lower for w in re.findall(r"[^\W\d_][\w-]*", job))
                 or _acronym_in_sentences(job, text)]
        if named:
            return named
    return []


def _acronym_in_sentences(name: str, text: str) -> bool:
    """The name is an acronym (`AESH`) the text writes inside its sentences, after a word in lower case, at
    least `MIN_MENTIONS` times: a role, where a speaker's name in capitals (`KARIMA :`) only opens lines."""
    if not ACRONYM.fullmatch(name) or fold(name) in NOT_ROLE_ACRONYMS:
        return False
    return len(re.findall(rf"\b[^\W\dA-ZÀ-Þ][\w'’-]*[ ']+{name}\b", text)) >= MIN_MENTIONS


GUEST_NAME_USES = 3  # a guest's role, cut short, is the name the text uses when written this often (with the guest line)


def _used_start(role: str, text: str) -> str:
    """The longest start of a guest's role, two words or more, that the text writes again as the guest's name
    (`monitrice de plongée sous-marine` -> `monitrice de plongée`, « Alors, monitrice de plongée, … »); ""."""
    words = role.split()
    folded = fold(text)
    for end in range(len(words) - 1, 1, -1):  # cut short: the whole role, never named as someone, is no name
        start = " ".join(words[:end])
        if len(content_words(start)) >= 2 and len(re.findall(rf"(?<!\w){re.escape(fold(start))}(?!\w)", folded)) >= GUEST_NAME_USES:
            return start
    return ""


def _first_of_compound(role: str) -> str:
    """A role whose head joins two roles by a hyphen, as its first one: `accordeuse-réparatrice de pianos` ->
    `accordeuse de pianos`, the name the text then uses; "" for any other role."""
    head, _, rest = role.partition(" ")
    first, hyphen, second = head.partition("-")
    both = hyphen and is_role_word(fold(first)) and is_role_word(fold(second))
    return f"{first} {rest}".strip() if both else ""


def _guest_role(line: str) -> str:
    """The role after a guest's name, up to where they work: `Invitée : Claire M., contrôleuse aérienne au CRNA`
    -> `contrôleuse aérienne`; "" when the line introduces no guest."""
    guest = GUEST.search(line)
    return _where_cut(guest.group(1)) if guest else ""


def _where_cut(role: str) -> str:
    """A role up to where or since when the person does it (`contrôleuse aérienne au CRNA`)."""
    return re.split(r"\s+(?:au|aux|à|a|dans|chez|en|depuis|installée?|basée?)\s", role.strip())[0]


NAMED_GUEST = re.compile(r"^[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þ][\w'’-]*\.?)?,\s+(?=\S)")  # `Inès, ` / `Inès B., ` before a role
# A guest introduced by name, then role: `avec Mehdi Larbi, guide-conférencier`, `Invitée : Claire M., luthière`
GUEST = re.compile(r"(?:\b[Aa]vec(?: (?:moi|nous),)?|\b[Ii]nvit[ée]e?s?\s*:)\s+(?:[A-ZÀ-Þ][\w'’-]*\.?\s+){0,3}?[A-ZÀ-Þ][\w'’-]*\.?,\s+([^,;()]{3,60})")
LINE_LABEL = re.compile(r"^(?:[^\W\d_]+\s*:|\[[^\W\d_]+\])\s*")  # `Sujet : Reconversion technicien de …`, `[Sujet] …`
TITLE_LINES = 3  # a plain text's first lines that may title it: `PODCAST « MÉTIERS EN VRAI » – ÉPISODE 14`, then the
MAX_TITLE_LINE = 150  # episode's own title, `Auxiliaire spécialisée vétérinaire : « … »`, a short line


def _title_lines(text: str, title: str) -> list[str]:
    """The short lines after the title at the top of a text, up to its first blank or long line; a site's menu
    or breadcrumb (`Accueil | Reconversion | Contact`) is skipped with the blank lines and rules (`=====`) after
    it, so a blog's own title under its site's name and menu is found."""
    lines = [line.strip() for line in text.strip().split("\n")[:TOP_LINES]]
    titled = bool(lines) and fold(lines[0]) == fold(title.strip())
    found, after_menu = [], titled and bool(MENU.search(lines[0]))  # a forum's breadcrumb first, then `[Sujet] …`
    lines = lines[1:] if titled else lines
    for line in lines:
        if len(line) > MAX_TITLE_LINE or len(found) == TITLE_LINES - 1 or (not line and not after_menu):
            break
        after_menu = bool(MENU.search(line)) or (after_menu and not re.search(r"\w", line))
        if not after_menu and line:
            found.append(line)
    return found


TOP_LINES = 8  # where a text's title lines are looked for
MENU = re.compile(r"(?:\s[|›>»]\s.*){2}|(?:\[[^]]+\]\s*){3}")  # `Accueil | Chantiers | Contact`, `[Accueil] [FAQ] …`


# `Logisticien (H/F)`, `CHARGÉ(E) DE RECRUTEMENT H/F — CDI`: the job is written before the mark
OFFER_MARK = re.compile(r"\s*[(\[]?\b(?:H\s?/\s?F|F\s?/\s?H)\b[)\]]?(?P<alias>\s*\([^()]{2,40}\))?(?:\s*[-—–|:]\s*\S.{0,40})?\s*$",
                        re.I)  # `TECHNICIEN DE MAINTENANCE ASCENSEURS H/F (ascensoriste)`: the other name is kept
OFFER_LINES = 12  # a job offer names its job within its first lines


def offer_lines(text: str) -> list[str]:
    """The first lines of a text, where a job offer names its job and where it is (`CDI — Lorient (56)`)."""
    return text.strip().split("\n")[:OFFER_LINES]


SUPPORT_LEVELS = re.compile(r"\s+[NL]\d(?:\s*/\s*[NL]?\d)+\s*$", re.I)  # two levels or more (one names the post)


def offer_title(text: str) -> str:
    """The job line of a job offer, marked « (H/F) » or « (F/H) » in its first lines (`OFFRE D'EMPLOI - RÉF. 117`
    comes first), without the mark; "" when there is none."""
    for line in offer_lines(text):
        name = OFFER_MARK.sub(lambda mark: mark.group("alias") or "", line).strip() if OFFER_MARK.search(line) else ""
        name = SUPPORT_LEVELS.sub("", name)  # `TECHNICIEN SUPPORT N1/N2`: the levels the post spans, not its name
        if name:
            return name
    return ""


def appellation_items(headings: list[tuple[int, int, str]], text: str) -> list[str]:
    """List items of an « Autres appellations » section: `- AS (abréviation courante)` -> `AS`."""
    found = []
    starts = [start for start, _, _ in headings] + [len(text)]
    for (start, _, heading), end in zip(headings, starts[1:], strict=False):
        if not APPELLATION_HEADING.search(heading):
            continue
        for line in text[start:end].split("\n")[1:]:
            item = re.sub(r"\s*\(.*", "", line.strip()[2:]) if line.strip().startswith("- ") else ""
            if item and ":" not in item and looks_like_job(item):
                found.append(item.strip())
    return found


ARTICLES = frozenset("le la l un une les des ce cet cette".split())
BEING = frozenset("suis es est sommes etes sont etre devenir devenu devenue comme".split())  # `je suis agent de …`


def named_in_text(phrase: str, text: str, being: bool = False) -> bool:
    """The phrase's words appear in the text led by an article (`un ingénieur prompt est…`): the text talks
    about it as someone, beyond a heading. With `being` (a page's title naming roles), also led by a verb of
    being (`je suis agent de constatation`), and written in any gender (`éducateurs … sportifs`)."""
    wanted = content_words(re.sub(r"\(.*?\)", " ", phrase))
    tokens = [masculine(t) if being else t for t in words_of(text)]
    for i in range(1, len(tokens)):
        if tokens[i] == wanted[0] and (tokens[i - 1] in ARTICLES or (being and tokens[i - 1] in BEING)):
            rest = [t for t in tokens[i : i + 2 * len(wanted) + 2] if t not in CONNECTORS]
            if tuple(rest[: len(wanted)]) == wanted:
                return True
    return False


def build_profile(documents: list[tuple[str, str, list[tuple[int, int, str]], str]]) -> Profile:
    """The profile of (source, title, headings, text) documents."""
    by_key: dict[str, Job] = {}
    docs: dict[str, dict] = {}
    for source, title, headings, text in documents:
        names, appellations = document_jobs(title, headings, text)
        names, shorter = _one_job_names(names)
        appellations += [[name] for name in shorter]
        own = []
        for i, name in enumerate(names):
            forms = gender_forms(re.sub(r"\s*\(.*?\)\s*", " ", name).strip()) or [name]
            forms += [part for form in forms for part in slash_names(form)]
            forms += [p for inside in re.findall(r"\((.*?)\)", name) for p in alias_pieces(inside) if looks_like_job(p)]
            if i == 0:
                forms += [f for group in appellations for v in group for f in gender_forms(v)]
            key = " ".join(name_words(forms[0]))
            if not key:
                continue
            job = by_key.setdefault(key, Job(_display(name), []))
            job.variants = list(dict.fromkeys([*job.variants, *forms]))
            job.sources = list(dict.fromkeys([*job.sources, source]))
            own.append(job.name)
        docs[source] = {"title": title, "jobs": list(dict.fromkeys(own))}  # two names, one job: once
        if not own:  # a post or an interview whose title names no job says whom it is about in its opening lines
            docs[source]["opening"] = _recurring_opening(text)
        if offer_title(text):  # `CDI — Temps plein — Bordeaux et agglomération (33)`: where each line of it applies
            docs[source]["where"] = " ".join(offer_lines(text))
        if _own_boss(title, text):  # `Invité : Karim B., photographe indépendant`: all its figures are a freelance's
            docs[source]["own_boss"] = True
    catalog = JobCatalog(list(by_key.values()))
    for source, _title, _headings, text in documents:  # other names the documents give their jobs
        own = docs[source]["jobs"]
        for job in catalog.jobs:
            if source in job.sources:
                aliases = aliases_in(text, job, only_job=own == [job.name])
                job.variants = list(dict.fromkeys([*job.variants, *aliases]))
    _add_own_words(catalog.jobs, {source: text for source, _title, _headings, text in documents})
    for source, title, _headings, text in documents:
        names = docs[source]["jobs"]
        job = catalog.by_name(names[0]) if len(names) == 1 else None
        if job:  # a page about one job: its title's words say where or how (`RÉCEPTIONNISTE (H/F) – HÔTEL`)
            job.own_words = sorted({*job.own_words, *content_words(title)} - set(name_words(job.name)))
            job.variants += [a for a in _initials_in(text, job) if a not in job.variants]
    named = {v for job in catalog.jobs for v in job.variants}  # `aide-soignant (AS)`: a name of a corpus job
    persons = sorted({acronym for _source, _title, _headings, text in documents for acronym in role_acronyms(text)}
                     - named)
    return Profile(list(by_key.values()), docs, persons)


def _initials_in(text: str, job: Job) -> list[str]:
    """Acronyms the job's page writes that are the initials of one of its names (`ASV` for « auxiliaire spécialisée
    vétérinaire »), or its head and the initials of its complement (`usineur CN` for « usineur sur commande
    numérique », where the page writes `CN`): what people call the job, wherever the page spells it out."""
    written = sorted(set(ACRONYM.findall(text)))
    found = []
    for variant in job.variants:
        words = content_words(variant)
        if len(words) > 1:
            found += [acronym for acronym in written if fold(acronym) == "".join(w[0] for w in words)]
        if len(words) > 2:  # written after a lower-case word (`programmeur CN`), not in a line of capitals (`LE POSTE`)
            head, initials = variant.split()[0], "".join(w[0] for w in words[1:])
            found += [f"{head} {acronym}" for acronym in written if fold(acronym) == initials
                      and re.search(rf"\b[^\W\d_A-ZÀ-Þ][\w'’-]*\s+{acronym}\b", text)]
    return list(dict.fromkeys(found))


def _one_job_names(names: list[str]) -> tuple[list[str], list[str]]:
    """A page's job names without those that are the first one's name cut short (`Toiletteur` on a page titled
    « Devenir toiletteur canin »): those are other names of its job, not another job (a longer one is another
    grade: `Surveillant principal` after `Surveillant`)."""
    if not names:
        return names, []
    first = set(name_words(re.sub(r"\(.*?\)", " ", names[0])))
    same = [n for n in names[1:] if (words := set(name_words(re.sub(r"\(.*?\)", " ", n)))) and words <= first]
    return [n for n in names if n not in same], same


ACRONYM_AFTER = re.compile(r"((?:[^\W\d_][\w'’-]*\s+){1,10})\(([A-Z]{2,6})\)")  # `… de la voie publique (ASVP)`
ACRONYM_BEFORE = re.compile(r"\b([A-Z]{2,6})\W{0,3}\s*\(([^()]{3,80})\)")  # `l'**ASH** (agent de services hospitaliers)`


def role_acronyms(text: str) -> list[str]:
    """Acronyms the text spells out as a role right before them: « les agents de surveillance de la voie
    publique (ASVP) » makes `un ASVP` someone a question can ask about, unlike `une PME`."""
    found = []
    for match in ACRONYM_AFTER.finditer(text):
        phrase = spelled_out(match.group(2), match.group(1))
        if phrase and fold(match.group(1)).rstrip().endswith(phrase.split()[-1]) and looks_like_job(phrase):
            found.append(match.group(2))
    for match in ACRONYM_BEFORE.finditer(text):  # the acronym first, spelled out in the bracket after it
        phrase = spelled_out(match.group(1), match.group(2))
        if phrase and fold(match.group(2)).lstrip().startswith(phrase.split()[0]) and looks_like_job(phrase):
            found.append(match.group(1))
    return found


def _recurring_opening(text: str) -> str:
    """The opening lines of a document, keeping only the words it goes on using (`MIN_MENTIONS` times in all): an
    interview on « moniteur d'auto-école » keeps them, a grid's aside on « les sapeurs-pompiers volontaires, non
    présentés ici » does not keep `volontaires`. The role a diploma it names prepares for is added: a blog post
    on « mon CAP Charpentier bois » is about the charpentier."""
    counts = Counter(content_words(text))
    opening = [w for w in content_words(text[:OPENING_CHARS]) if counts[w] >= MIN_MENTIONS]
    trained = [masculine(_singular(fold(m))) for m in DIPLOMA_ROLE.findall(text)]
    return " ".join([*opening, *dict.fromkeys(w for w in trained if is_role_word(w))])  # in order: phrases stay


# A diploma named with the role it prepares for: `CAP Charpentier bois`, `diplôme d'État d'infirmier`.
DIPLOMA_PREFIX = r"(?:CAP|BP|BTS|BEP|BM|MC|bac pro|titre professionnel(?: de| d['’])?|dipl[ôo]me d['’][ÉEé]tat(?: de| d['’])?)"
DIPLOMA_ROLE = re.compile(rf"\b{DIPLOMA_PREFIX}\s+([^\W\d_][\w-]+)", re.I)
DIPLOMA_NAME = re.compile(rf"{DIPLOMA_PREFIX}\s+(\S.*)$", re.I)  # a name that is a diploma's: `CAP Poissonnier écailler`


def _add_own_words(jobs: list[Job], texts: dict[str, str]) -> None:
    """Each job's own names: proper names (never written in lower case) that only its documents write, such as
    the employer or the town of an offer. Typed after the job's name (`logisticien Transalp`), such a word does
    not make the question about another job, as `data engineer` is not `MLOps engineer`; a common word does
    (`paysagiste concepteur`, `technicien de biologie`), even when only that job's page writes it."""
    holders: dict[str, set[str]] = {}
    lower: set[str] = set()
    short_capitals: set[str] = set()  # `QA`, `PV`: two capitals, a name however short
    for source, text in texts.items():
        for token in re.findall(r"[^\W\d_]+", ADDRESS.sub(" ", text)):
            for word in content_words(token):
                holders.setdefault(word, set()).add(source)
                if token[0].islower():
                    lower.add(word)
                elif len(token) == 2 and token.isupper():
                    short_capitals.add(word)
    for job in jobs:
        mine = set(job.sources)
        after_head = {w for source in mine for w in _words_after_head(job, texts.get(source, ""))}
        job.own_words = sorted(w for w, where in holders.items() if where <= mine
                               and ((w not in lower and (len(w) > 2 or w in short_capitals)) or w in after_head))


def _words_after_head(job: Job, text: str) -> set[str]:
    """The capitals a job's own page writes right after its head word (`installateur PV` on the page of the
    `installateur photovoltaïque`): its own short name for the job, not another job. (Any word after the head was
    tried: « charpentier métallique » and « contrôleur aérien militaire » are other jobs.)"""
    heads = {content_words(v)[0] for v in job.variants if content_words(v)}
    return {fold(m.group(2)) for m in HEAD_THEN_CAPITALS.finditer(text) if masculine(fold(m.group(1))) in heads}


HEAD_THEN_CAPITALS = re.compile(r"\b([^\W\d_]+)\s+([A-Z]{2,6})\b")  # `installateur PV`


ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")  # e-mail and web addresses: written in lower case


def aliases_in(text: str, job: Job, only_job: bool = False) -> list[str]:
    """Names given to `job` right after one of its names: brackets, « ou "…" », « aussi appelé … »; in a document
    about this job alone, also « Il est aussi appelé … »."""
    found = []
    text = GENDER_MARK.sub("", text)  # `chargé(e) de recrutement (aussi appelé(e) recruteur)`
    for variant in job.variants:
        for match in re.finditer(re.escape(variant), text, re.I):
            rest = text[match.end() : match.end() + 120]
            for pattern in ALIAS_AFTER:
                alias = pattern.match(rest)
                if not alias:
                    continue
                before = content_words(text[max(0, match.start() - 150) : match.end()])
                named = pattern is ALIAS_AFTER[-1]  # « est aussi appelé logopède »: a name, whatever its form
                found += [p for p in alias_pieces(alias.group(1)) if not _acronym_of_longer_phrase(p, before, variant)
                          and (looks_like_job(p) or (named and _plausible_name(p))
                               or (ACRONYM.fullmatch(p) and spelled_out(p, variant)))]  # `aide-soignant (AS)`
    if only_job:
        found += [p for m in PRONOUN_ALIAS.finditer(text) for p in alias_pieces(m.group(1)) if _plausible_name(p)]
    return [a for a in dict.fromkeys(found) if (content_words(a) or ACRONYM.fullmatch(a))
            and fold(a) not in (fold(v) for v in job.variants)]  # `AS`, though « as » is a stop word in lower case


ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")  # capitals: `AS`, `ASV`


GENDER_MARK = re.compile(r"(?<=\w)\((?:e|ne|le|es|nes|les)\)", re.I)  # `appelé(e)`, `technicien(ne)`


def _plausible_name(phrase: str) -> bool:
    """What « aussi appelé » introduces is a name when short and not a clause (`logopède`, `CIP`, `job coach`)."""
    words = phrase.split()
    return 0 < len(words) <= 4 and fold(words[0]) not in STOP_WORDS and not re.search(r"\d", phrase)


def _acronym_of_longer_phrase(alias: str, before: tuple[str, ...], variant: str) -> bool:
    """`certificat de capacité d'orthophoniste (CCO)`: the capitals abbreviate more words than the job's name,
    so they name something else (here a diploma), not the job."""
    n = len(alias)
    if not re.fullmatch(r"[A-Z]{2,6}", alias) or n <= len(content_words(variant)) or len(before) < n:
        return False
    return "".join(w[0] for w in before[-n:]) == fold(alias)


def _french_head(name: str) -> str:
    """The first word of a name headed in the French way (`conseiller` in « conseiller en insertion »); "" for an
    English-style name, headed by its last word (`prompt engineer`)."""
    words = content_words(name)
    english = len(words) > 1 and is_role_word(words[-1], english=True) and not set(words_of(name)) & CONNECTORS
    return "" if not words or english else words[0]


def _display(name: str) -> str:
    name = " ".join(re.sub(r"\((?:[HFX]\s*/\s*)+[HFX]\)", " ", name).split())  # `(H/F)`
    shouted = re.sub(r"\([^()]*\)", "", name)  # `TECHNICIEN DE MAINTENANCE (ascensoriste)`: the name outside brackets
    if shouted.isupper() and len(shouted) > 5:
        name = name[:1] + name[1:].lower()
    return upper_first(name)


# ---- matching -----------------------------------------------------------------------------------------------------


# Words that say when, where or what about, never which job: they do not make `ingénieur cloud junior` another job.
GENERIC = frozenset(
    words_of(
        "junior senior débutant débutante confirmé confirmée expérimenté expérimentée sénior stagiaire alternant "
        "début fin milieu carrière salaire salaires rémunération revenu revenus combien gagne gagnent touche paie brut "
        "net annuel mensuel journalier hebdomadaire mois an ans année années études étude formation diplôme bac master "
        "niveau compétences qualités "
        "missions métier poste emploi job travail entreprise entreprises secteur france paris région province "
        "étranger freelance indépendant salarié salariée titulaire contractuel quoi fait faire devenir être exactement "
        "sortie école stage "
        "alternance "
        "apprentissage reconversion heure jour semaine général moyenne échelon grade indice grille catégorie "
        "blog podcast vidéo article témoignage interview reportage annonce"  # `la gouvernante du podcast`: the page
    )
)


MIN_MATCH = 0.5  # share of a name's (weighted) words a text must contain to name that job
TRADE_ENDING = "erie"  # a trade named after its worker: `maroquinerie`, `boulangerie`, `serrurerie` (folded) ...
TRADE_PERSON_ENDINGS = ("ier", "er")  # ... whose stem makes the worker: `maroquinier`, `boulanger`, `serrurier`
MIN_TRADE_STEM = 4  # letters before the ending (`bouch` of `boucherie`; not `s` of `serie`)


def trade_of(worker: str) -> str:
    """The trade named after a worker (folded): `menuisier` -> `menuiserie`, `boulanger` -> `boulangerie`; ""."""
    for ending in TRADE_PERSON_ENDINGS:
        stem = worker[: -len(ending)]
        if worker.endswith(ending) and len(stem) >= MIN_TRADE_STEM:
            return stem + TRADE_ENDING
    return ""


@dataclass(frozen=True)
class Mention:
    job: Job
    score: float  # weighted share of the name's words found
    words: tuple[str, ...]  # the words of the name that were found


class JobCatalog:
    """The corpus's jobs, matched by their words: each word weighs 1 / (number of jobs whose names hold it)."""

    def __init__(self, jobs: list[Job], known: AbstractSet[str] = frozenset(), persons: frozenset[str] = frozenset()) -> None:
        self.jobs = jobs
        self.persons = persons  # acronyms naming roles that are no corpus job (`ASVP`)
        self.known = known  # the corpus's terms (stems): a word the corpus writes is no typo (`ouvrir`, not `ouvrier`)
        named = [(job, name_words(v), _served(v)) for job in jobs for v in job.variants]
        named = [(job, words, served) for job, words, served in named if words]
        self._names = [(job, words) for job, words, _ in named]
        self._served = [served for _, _, served in named]  # the person each name's job works for (`clerc de notaire`)
        holders: dict[str, set[str]] = {}
        self._named_by: dict[str, list[int]] = {}  # word -> the names holding it (a text is matched against those only)
        for i, (job, words) in enumerate(self._names):
            for w in words:
                holders.setdefault(w, set()).add(job.name)
                self._named_by.setdefault(w, []).append(i)
        self.weight = {w: 1.0 / len(names) for w, names in holders.items()}
        self.vocabulary = frozenset(holders)
        self._headed: dict[str, list[str]] = {}  # a French head -> the jobs it heads a name of
        for job in jobs:
            for head in dict.fromkeys(_french_head(v) for v in job.variants):
                self._headed.setdefault(head, []).append(job.name)
        self.heads = frozenset(self._headed) - {""}
        self.own_names = {job.name: name_words(job.name) for job in jobs}  # the words of each job's own name
        self.main_heads: dict[str, list[str]] = {}  # the first word of a job's own name -> the jobs it leads
        for name, words in self.own_names.items():
            self.main_heads.setdefault((words or ("",))[0], []).append(name)
        self.own = {job.name: frozenset(job.own_words) for job in jobs}
        self.kin = {job.name: frozenset(w for v in job.variants for w in name_words(v)) for job in jobs}
        # whether a job's names say where or in what (`conseiller en insertion`): then « conseiller en banque » is
        # another job; else « soigneur en zoo », « éducateur en IME » say where the job is done
        self.placed = {job.name: bool(set(words_of(job.name)) & WHERE) for job in jobs}  # its main name
        # names in capitals that are stop words in lower case (`AS`, « tu as »): they name a job in capitals only
        self.shouted = frozenset(fold(v) for job in jobs for v in job.variants
                                 if ACRONYM.fullmatch(v) and fold(v) in STOP_WORDS)

    def find(self, text: str, typos: bool = False, generic: frozenset[str] = frozenset(),
             complement: bool = True) -> list[Mention]:
        """The jobs `text` names, best first (one mention per job). A partial name (`ingénieur cloud`) counts
        unless a word next to it makes it another job (`data engineer` is not `MLOps Engineer`); words in
        `generic` (aspects, qualifiers such as `salaire`, `junior`) never do. Without `complement`, the
        complement of a name headed by a broad role does not name it alone: in a page's sentence, `recrutement`
        is no `chargé de recrutement` (in a question, « le PM chatbot » is the `chef de projet chatbot`)."""
        return list(_find(self, text, typos, generic, complement))

    def of_trade(self, text: str) -> list[tuple[str, str]]:
        """(job, word) for each word of `text` naming the trade of a corpus job (`maroquinerie` -> the
        `maroquinière`, `boulangerie` -> the `boulanger`): what a question naming no person asks about."""
        found = []
        for word in dict.fromkeys(words_of(text)):
            if not word.endswith(TRADE_ENDING) or len(word) - len(TRADE_ENDING) < MIN_TRADE_STEM:
                continue
            stem = word[: -len(TRADE_ENDING)]
            found += [(name, word) for ending in TRADE_PERSON_ENDINGS for name in self._headed.get(stem + ending, ())]
        return list(dict.fromkeys(found))

    def names(self, text: str, typos: bool = False, generic: frozenset[str] = frozenset(),
              complement: bool = True) -> list[str]:
        return [m.job.name for m in self.find(text, typos, generic, complement)]

    def by_name(self, name: str) -> Job | None:
        return next((job for job in self.jobs if job.name == name), None)


@lru_cache(maxsize=32768)
def _find(catalog: JobCatalog, text: str, typos: bool, generic: frozenset[str], complement: bool = True
          ) -> tuple[Mention, ...]:
    tokens = [_grower(masculine(t), catalog.vocabulary) for t in words_of(text)]
    if typos:  # a word typed with one letter wrong is read as the name's word (`qualitcien`)
        tokens = [t if t in catalog.vocabulary or _written(t, catalog.known) else _corrected(t, catalog)
                  for t in tokens]
    capitals = frozenset(fold(a) for a in CAPITALS.findall(text))  # `chef de projet SI`: `si` is no stop word there
    present = tuple(w for w in tokens if w not in CONNECTORS and (
        w not in STOP_WORDS or (w in catalog.vocabulary and (w not in catalog.shouted or w in capitals))))
    if not present:
        return ()
    seen = set(present)
    best: dict[str, Mention] = {}
    candidates = sorted({i for w in seen for i in catalog._named_by.get(w, ())})
    compounded = _compounded(text) if "-" in text else set()
    for i in candidates:
        job, words = catalog._names[i]
        found = tuple(w for w in words if w in seen)
        whole = len(found) == len(words)
        if not whole and words[0] not in found and set(found) & catalog._served[i]:
            continue  # « un notaire » is not the `clerc de notaire` who works for one
        if whole and len(words) == 1 and (words[0] in compounded  # `expert-comptable` is not `comptable`
                                          or _second_role(tokens, words[0], catalog, job.name, generic)):
            continue
        if not whole and not any(catalog.weight[w] == 1.0 for w in found) \
                and not (words[0] in found and _leads_own_name(words, job.name, catalog)):  # cheap tests first: many
            continue  # names share a word in a large corpus
        if not whole and words[0] not in found and _led_by_other_role(tokens, found, words, generic):
            continue  # « un data manager en recherche clinique » is not the `attaché de recherche clinique`
        if not whole and all(w in GENERIC or w in generic or w in STOP_WORDS for w in found):
            continue  # `diplôme` alone does not name « opticien diplômé »: what is asked names no job
        score = sum(catalog.weight[w] for w in found) / sum(catalog.weight[w] for w in words)
        if not _close_together(present, found, len(words)):
            continue
        headed = words[0] in found and (_sole_role(words[0], catalog)  # `électromécanicien` names « électromécanicien
            # de maintenance industrielle »; `livreur` the `chauffeur livreur colis` (two roles side by side)
            or _leads_own_name(words, job.name, catalog))  # `moniteur`, the `moniteur d'équitation`'s, though
        # another job's other name is `moniteur d'études cliniques`
        headed = headed or (len(words) > 1 and words[1] in found and _sole_role(words[1], catalog)
                            and is_role_word(words[0]) and words[0] not in BROAD_ROLES)
        unheaded = not complement and not whole and words[0] in BROAD_ROLES and (  # in a page, neither
            not set(found) - {words[0]}  # `charge` alone (« la charge de trafic ») nor `recrutement` alone
            or (words[0] not in found and not any(is_role_word(w) or is_role_word(w, english=True) for w in found)))
        if whole or ((score >= MIN_MATCH or headed) and not unheaded
                     and not _qualified(tokens, found, catalog.kin[job.name], generic, catalog.own[job.name], capitals,
                                        catalog.placed[job.name])):
            if job.name not in best or best[job.name].score < score:
                best[job.name] = Mention(job, score, found)
    kept = [m for m in best.values() if not _inside_longer(m, best.values(), present)]
    return tuple(sorted(kept, key=lambda m: (-m.score, -len(m.words))))


def _led_by_other_role(tokens: list[str], found: tuple[str, ...], words: tuple[str, ...], generic: frozenset[str]
                       ) -> bool:
    """The words found of a name's complement follow another role noun than the name's (`manager` in « data
    manager en recherche clinique », against `attaché de recherche clinique`)."""
    i = next((k for k, token in enumerate(tokens) if token in found), 0) - 1
    while i >= 0 and tokens[i] in CONNECTORS:
        i -= 1
    before = tokens[i] if i >= 0 else ""
    return bool(before) and before not in words and before not in generic and before not in GENERIC \
        and (is_role_word(before) or is_role_word(before, english=True))


def _leads_own_name(words: tuple[str, ...], job: str, catalog: JobCatalog) -> bool:
    """`words` are the job's own name, led by a role noun that leads no other job's own name."""
    return words == catalog.own_names[job] and is_role_word(words[0]) and words[0] not in BROAD_ROLES \
        and catalog.main_heads.get(words[0]) == [job]


def _sole_role(word: str, catalog: JobCatalog) -> bool:
    """A word of one job's names only that is a role noun, not a broad one: it names that job alone."""
    return catalog.weight[word] == 1.0 and is_role_word(word) and word not in BROAD_ROLES


def _served(name: str) -> frozenset[str]:
    """The role nouns a job's name writes after « de » (`clerc de notaire` -> {`notaire`}): the person the job
    works for or beside, another person than the job's. Only listed role nouns: an agent ending is no proof of
    a person there (`technicien d'ascenseurs`)."""
    tokens = words_of(name)
    return frozenset(masculine(t) for before, t in zip(tokens, tokens[1:], strict=False)
                     if before in ("de", "du", "des", "d") and masculine(t) in ROLE_NOUNS)


def _grower(word: str, names: AbstractSet[str]) -> str:
    """The grower a `-cole` adjective is of, when a job's name says it (`ostréicole` -> `ostreiculteur`, as
    `agricole` -> `agriculteur`): « un exploitant ostréicole » is an oyster farmer."""
    if word.endswith("cole") and word[:-4] + "culteur" in names:
        return word[:-4] + "culteur"
    return word


def _inside_longer(mention: Mention, mentions, present: tuple[str, ...]) -> bool:
    """Its words are only ever written inside a longer name found too: `bibliothécaire principal` names the
    principal, not also the `bibliothécaire` (« le bibliothécaire et le bibliothécaire principal » names both)."""
    mine = set(mention.words)
    for other in mentions:
        if not mine < set(other.words):
            continue
        n = len(other.words)
        covered = {j for i in range(len(present) - n + 1) if present[i : i + n] == other.words for j in range(i, i + n)}
        if covered and all(i in covered for i, w in enumerate(present) if w in mine):
            return True
    return False


SECOND_ROLE_ENDINGS = ("eur", "euse", "rice", "iste", "logue")  # nouns only: not `hospitalier`, `aérien`, `débutant`


def _second_role(tokens: list[str], word: str, catalog: JobCatalog, job: str, generic: frozenset[str]) -> bool:
    """A one-word name followed by a second role noun that the corpus never writes: `architecte paysagiste`,
    `maçon coffreur` name another job than the `architecte`, the `maçon` (where the pages write `costumier
    réalisateur`, the `costumière réalisatrice` is still the `costumière`)."""
    after = [tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t == word]
    return any(w.endswith(SECOND_ROLE_ENDINGS) and is_role_word(w) and w not in catalog.kin[job] and w not in generic
               and w not in GENERIC and not set(terms(w)) <= catalog.known for w in after)


CAPITALS = re.compile(r"\b[A-Z]{2,5}\b")  # short words written in capitals (`SI`, `RH`)
COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _compounded(text: str) -> set[str]:
    """Words written only inside hyphenated compounds (`expert-comptable`, `aide-soignante`): there, part of
    another name."""
    inside = {masculine(w) for compound in COMPOUND.findall(text) for w in words_of(compound)}
    return inside - {masculine(w) for w in words_of(COMPOUND.sub(" ", text))}


WHERE = frozenset("en dans chez a au aux".split())  # prepositions of place


LEARNERS = frozenset("apprenti stagiaire alternant".split())  # before a job's name: one learning it


def _qualified(tokens: list[str], found: tuple[str, ...], name: AbstractSet[str], generic: frozenset[str],
               own: frozenset[str] = frozenset(), capitals: frozenset[str] = frozenset(), placed: bool = True) -> bool:
    """A content word right before or after the found words that the job's names (`name`: the words of all of
    them, so `admin systèmes` is the `administrateur systèmes` also called `admin sys`) do not have: `data engineer`,
    `UI designer`, `développeur iOS` name other jobs than `MLOps Engineer`, `UX designer`, `développeur web`.
    A word after them that only the job's own documents write (`own`: the employer of an offer) does not, nor one
    after a preposition of place when the job's names have none (`placed`: « soigneur en zoo »). A word written in
    capitals counts even when it is a stop word in lower case (`chef de projet SI`)."""
    hits = [i for i, t in enumerate(tokens) if t in found]
    if not hits:
        return False
    between = tokens[min(hits) : max(hits) + 1]  # `développeur back-end` is not `développeur front-end`
    if any(w not in name and w not in STOP_WORDS and w not in CONNECTORS and w not in generic and len(w) > 1
           for w in between):
        return True
    for i, step in ((min(hits) - 1, -1), (max(hits) + 1, 1)):
        where = step == 1 and 0 <= i < len(tokens) and tokens[i] in WHERE and not placed  # `soigneur en zoo`
        while 0 <= i < len(tokens) and tokens[i] in CONNECTORS:  # `ingénieur du son`: the word after `du`
            i += step
        if 0 <= i < len(tokens) and not where:
            word = tokens[i]
            if (word not in STOP_WORDS or word in capitals) and word not in CONNECTORS and word not in name \
                    and word not in generic \
                    and not word.isdigit() and len(word) > 1 and not (step == 1 and word in own) \
                    and not (step == 1 and word in BROAD_ROLES and i == max(hits) + 1) \
                    and not (step == -1 and word in LEARNERS):
                return True  # ... but `charpentier chef d'équipe` is the charpentier leading a team, and an
    return False            # `apprenti poissonnier` a poissonnier in training


def completions(word: str, vocabulary: AbstractSet[str]) -> list[str]:
    """The words of `vocabulary` that `word` is the start of, at least two letters shorter (`recrut` for
    `recrutement`, `psychomot` for `psychomotricien`): what a word typed short may stand for."""
    return [v for v in vocabulary if v.startswith(word) and len(v) > len(word) + 1]


def only_completion(word: str, vocabulary: AbstractSet[str]) -> str:
    """The one word of `vocabulary` that `word` (typed short) starts, or "" when none or several."""
    longer = completions(word, vocabulary)
    return longer[0] if len(longer) == 1 else ""


def _written(word: str, known: AbstractSet[str]) -> bool:
    stems = terms(word)
    return bool(stems) and stems[0] in known


def _corrected(word: str, catalog: JobCatalog) -> str:
    """The name word `word` (6+ letters) is one letter away from, or the one it starts (5+ letters: `recrut` for
    `recrutement`, when the words it starts are all of one job's names), else `word`."""
    if len(word) < MIN_SHORTENED + 1:
        return word
    started = completions(word, catalog.vocabulary)
    if started and len({catalog._names[i][0].name for v in started for i in catalog._named_by[v]}) == 1:
        return min(started)
    if len(word) < 6:
        return word
    return next((v for v in catalog.vocabulary if abs(len(v) - len(word)) <= 1 and len(v) >= 6 and one_edit(word, v)),
                word)


def _close_together(present: tuple[str, ...], found: tuple[str, ...], size: int) -> bool:
    """The found words sit within a window a little longer than the name (not scattered over a paragraph)."""
    if len(found) < 2:
        return True
    positions = [i for i, w in enumerate(present) if w in found]
    window = size + 3
    return any(len({present[j] for j in positions if i <= j < i + window}) >= len(set(found)) for i in positions)


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one substitution, insertion or deletion."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


@dataclass
class CorpusView:
    """What the answerer knows of the corpus as a whole: its vocabulary (BM25 terms), its jobs, the jobs of each
    document, and what to list when abstaining."""

    vocabulary: set[str]
    catalog: JobCatalog
    doc_jobs: dict[str, list[str]]
    topics: list[str]
    openings: dict[str, str] = field(default_factory=dict)  # the recurring words opening the documents about no job
    where: dict[str, str] = field(default_factory=dict)  # a job offer's first lines, saying where all of it applies
    own_boss: frozenset[str] = frozenset()  # the documents about someone working for themselves (`_own_boss`)

    def knows_person(self, phrase: str) -> bool:
        """`phrase` names a corpus job, or the person a document about no job opens on (`conducteur de bus`)."""
        if not phrase:
            return False
        if self.catalog.find(phrase, typos=True):
            return True
        wanted = set(content_words(phrase))
        return any(wanted <= set(opening.split()) for opening in self.openings.values())

    def unabbreviated(self, question: str, known: AbstractSet[str] = frozenset()) -> str:
        """The question with each word the corpus never writes that starts one word only of its job names or of
        the openings of its documents about no job written out: `psychomot` -> `psychomotricien`, `immo` ->
        `immobilier`. `known`: short words the caller reads itself (`dev`), left as typed."""
        def written_out(match: re.Match) -> str:
            word = fold(match.group(0))
            if len(word) < MIN_SHORTENED or word in STOP_WORDS or set(terms(word)) <= self.vocabulary:
                return match.group(0)
            return only_completion(word, self._named_words) or match.group(0)

        def spelled(match: re.Match) -> str:  # `CT auto` -> `contrôleur technique auto`
            letters = match.group(0)
            if self.catalog.find(letters) or set(words_of(letters)) <= self.catalog.vocabulary:  # the corpus's own
                return letters  # acronym for a job, or a word of its names (`AI`, read as `ia`)
            phrases = self._initialled.get(letters.lower(), set())
            return next(iter(phrases)) if len(phrases) == 1 else letters

        question = self._runs_written_out(question, known)
        return re.sub(r"[^\W\d_]+", written_out, re.sub(r"\b[A-Z]{2,4}\b", spelled, question))

    def _runs_written_out(self, question: str, known: AbstractSet[str]) -> str:
        """The question with a run of words typed short that start the successive words of one job's name written
        out: `ass mat` -> `assistante maternelle`, `ingé son` -> `ingénieure du son`."""
        tokens = list(re.finditer(r"[^\W\d_]+", question))
        for size in (3, 2):
            for i in range(len(tokens) - size + 1):
                run = tokens[i : i + size]
                if any(question[a.end() : b.start()].strip(" .") for a, b in zip(run, run[1:], strict=False)):
                    continue  # `ass. mat` is one name typed short, `ass, mat` is not
                typed = [fold(t.group(0)) for t in run]
                if known & set(typed) or len(typed[0]) < MIN_TYPED_SHORT:
                    continue
                found: dict[str, str] = {}
                for words, job, phrase in self._name_runs.get((size, typed[0][:MIN_TYPED_SHORT]), ()):
                    if all(len(t) >= MIN_TYPED_SHORT and w.startswith(t) for t, w in zip(typed, words, strict=True)) \
                            and any(len(t) < len(w) for t, w in zip(typed, words, strict=True)):
                        found.setdefault(job, phrase)  # its first name that fits
                if len(found) == 1:
                    name = found.popitem()[1]
                    name = name[0].lower() + name[1:] if run[0].group(0)[0].islower() else name  # as typed
                    return question[: run[0].start()] + name + question[run[-1].end() :]
        return question

    @cached_property
    def _name_spans(self) -> list[tuple[str, str, list[re.Match]]]:
        """Each job name's words, connectors skipped, as spans of the name: (job, name, spans)."""
        return [(job.name, variant, [m for m in re.finditer(r"[^\W\d_]+", variant) if fold(m.group(0)) not in CONNECTORS])
                for job in self.catalog.jobs for variant in job.variants]

    @cached_property
    def _name_runs(self) -> dict[tuple[int, str], list[tuple[tuple[str, ...], str, str]]]:
        """Runs of two and three successive words of the job names, by their length and their first word's first
        letters (a question's words typed short are looked up there only): the folded words, the job's name and
        the run as its name writes it (`ingénieure du son`)."""
        found: dict[tuple[int, str], list[tuple[tuple[str, ...], str, str]]] = {}
        for job, variant, spans in self._name_spans:
            for size in (2, 3):
                for i in range(len(spans) - size + 1):
                    run = spans[i : i + size]
                    words = tuple(fold(m.group(0)) for m in run)
                    phrase = variant[run[0].start() : run[-1].end()]
                    found.setdefault((size, words[0][:MIN_TYPED_SHORT]), []).append((words, job, phrase))
        return found

    @cached_property
    def _initialled(self) -> dict[str, set[str]]:
        """The corpus's job names' runs of two to four words (connectors skipped), by their initials: what a
        question's acronym the corpus never writes may stand for (`CT` for `contrôleur technique`)."""
        found: dict[str, set[str]] = {}
        for _job, _variant, spans in self._name_spans:
            words = [m.group(0) for m in spans]
            for size in range(2, 5):
                for i in range(len(words) - size + 1):
                    run = words[i : i + size]
                    found.setdefault("".join(fold(w)[0] for w in run), set()).add(" ".join(run).lower())
        return found

    @cached_property
    def _named_words(self) -> frozenset[str]:
        return self.catalog.vocabulary | {w for opening in self.openings.values() for w in opening.split()}

    @classmethod
    def of(cls, profile: Profile, vocabulary: set[str]) -> CorpusView:
        docs = {source: list(d.get("jobs", [])) for source, d in profile.documents.items()}
        openings = {source: d["opening"] for source, d in profile.documents.items() if d.get("opening")}
        where = {source: d["where"] for source, d in profile.documents.items() if d.get("where")}
        catalog = JobCatalog(profile.jobs, vocabulary, frozenset(profile.persons))  # the same terms, not a copy
        own_boss = frozenset(source for source, d in profile.documents.items() if d.get("own_boss"))
        return cls(vocabulary, catalog, docs, profile.topics(), openings, where, own_boss)
