"""Question analysis without an LLM: what kind of answer a question wants, its subject, and its place.

`analyse()` turns a question into a `Question`: its types (salary, studies, employers...), content terms, the
job titles it names, the places it names, and the words in its subject slot, which the corpus must know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..index.profile import (
    BROAD_ROLES,
    CONNECTORS,
    GENERIC,
    MIN_SHORTENED,
    ORDINAL_SUFFIX,
    WORKING_STATUS,
    JobCatalog,
    is_role_word,
    looks_like_job,
    masculine,
    only_completion,
    words_of,
)
from ..text import STOP_WORDS, fold, terms, words
from . import lexicon

ASKS_DURATION = r"\bdurer?\b|\bduree\b"  # « ça dure combien », « la durée » : a count of time
# Question type -> pattern on the folded question.
PAYING_FOR = re.compile(r"\b(?:on|je|tu|nous|vous) (?:le |la |les |l )?pa(?:ie|ye|yer|yons|yez)\b|\bpa(?:ie|ye|yer) (?:soi|moi|toi) ?meme")
JOBS_AROUND = r"\by ?a (?:t il )?du (?:travail|boulot|taf)\b|\bca recrute\b"  # the job market, not the job's tasks
WORKING = ("bosse", "bossent", "travaille", "travaillent")  # « on bosse quand ? » asks working times, not a date
PAY_RATE = r"taux (?:horaire|journalier)"  # pay by the hour or the day, not a rate
HOW_MANY_PEOPLE = re.compile(r"\b(?:ils|elles|on) (?:sont|est) combien\b|\bcombien (?:sont ils|sont elles)\b")  # folded
QUESTION_TYPES: dict[str, str] = {
    "salaire": r"combien (gagn|touch|pai|pay|est pay|rapport)|combien (?:la|le|par) (?:journee|jour|heure|mois)\b|(?:touch|gagn)\w* combien|salair|remuner|\bgagn|\bpaye|\bpaie|revenu|\bbrut|fourchette|\bpay\b|ca paie|\bsmic\b|€|euros?\b|dollars?|" + PAY_RATE,
    "nombre": r"combien (y a t il |existe t il )?(de|d )|nombre|quelle part|\bpart (?:de|des|du)\b|quelle taille|"
              r"(?:fait|represente|vaut|monte a|c est|\bc) combien|combien (?:ca|cela) (?:fait|represente|vaut)|"
              + ASKS_DURATION + "|" + HOW_MANY_PEOPLE.pattern,  # « ça représente combien ? » : a figure
    "heure": r"\ba quelle heure\b|\bvers quelle heure\b|\bheures? d (?:ouverture|embauche|arrivee|fermeture)",
    "jour": r"\bquels? jours?\b",  # « on travaille quels jours de la semaine ? » : days named
    "age": r"\bquel age\b|\bage (?:minimum|maximum|limite|requis|de depart|de la retraite|legal)",
    "taux": rf"(?!{PAY_RATE})\btaux\b|pourcentage|%|proportion|major\w* de combien",  # « le dimanche c'est majoré de combien ? »
    "date": r"en quelle annee|" + "".join(f"(?<!{verb} )" for verb in WORKING)
            + r"\bquand\b(?! (?:il|elle|on|ils|elles|je|tu|nous|vous|c est|meme)\b)|\bdate\b|depuis quand"
            r"|quelle annee",  # not « quand même » (all the same)
    "prix": r"\bcout|\bprix\b|tarif(?!aire)|frais d|\bmontant",  # not `espèce tarifaire`
    "formation": r"etude|formation|diplome|\bbac\b|ecole|master|cursus|se form(?:e|er|ent|ez)\b|qualification|niveau d|quel niveau|certif"
                 r"|comment (?:on )?s inscri|s inscri\w* comment|inscriptions?\b|admission|parcoursup|selecti"
                 r"|(?:dur|difficile) d (?:etre pris|entrer|y entrer|etre admis)"  # « c'est sélectif ? dur d'être pris ? »
                 r"|\b(?:un|quel|mon|son) (?:cap|bts|dut|but|bp|bep)\b",  # `elle avait fait quel CAP ?`
    "competences": r"competen|qualites?\b|savoir|maitris|aptitude|skills?|profil|langages?|outils?|logiciels?|\bbon en\b|doue",
    "employeurs": r"(?<!\ben )entreprise|recrut|employeur|embauch|societe|organisation|secteur|ou (?:on |je |tu )?(?:peut |peux |pourrai\w* )?(?:(?:il|elle|on) )?(?:travailler|bosser|exercer)|(?:travaill|boss|bosse)\w* pour qui|pour qui (?:il |elle |ils |elles |on )?(?:travaill|boss)|qui emploie|(?:travaill|boss|exerc)\w* ou\s*\??\s*$|(?<!ans de )(?<!annees de )boite|\bsites?\b|structures?\b|etablissements?\b",
    "carriere": r"evolu|carriere|perspective|debouch|progress|monter en grade|inconvenient|avantage|\bconseils?\b|et apres\b"
                r"|\bmen(?:e|er|ent) (?:a|ou|vers)\b"  # « ça peut mener à quoi ? »
                r"|\bapres (?:quelques|plusieurs|\d+|deux|trois|cinq|dix) (?:annees|ans)\b.*\b(?:faire quoi|devenir|evoluer)",
    "marche": r"avenir|demande|debouch|croissance|tendance|offres? d emploi|marche de l emploi|recherche|se multipli|nombreu"
              r"|" + JOBS_AROUND,  # « y a du boulot en ce moment ? »
    "conditions": r"horaire|conditions? de travail|teletravail|deplacement|astreinte|rythme|week ?end|(?:de|la) nuit|stress|penible"
                  rf"|\b(?:{'|'.join(WORKING)}) quand\b"
                  r"|dur\b",  # « on bosse la nuit ? »
    "equipe": r"avec qui|\bequipe|collabor|entoure|interlocuteur|en lien avec",
    "financement": r"financ|(?:pris|prise|prendre) en charge|rembours|\bcpf\b|\bpayante?s?\b|\bgratuite?s?\b"  # « c'est payant ? »
                   r"|\bpa(?:ie|ye|yent|yer) (?:la |ma |sa |ta |votre |leur |une |les |des )?formations?\b"  # « qui paie la formation »
                   r"|\baides? (?:financ|pour (?:se|la|le|les|payer|financer)|a la formation|de l etat|regionale)"
                   r"|y a (?:t il )?des aides\b(?! soignant| a domicile)",  # not « des aides-soignants »
    "lieu": r"\bville|quelle region|dans quelles? region|\bou (?:travailler|bosser|exercer|trouver|est ce qu)",
    "missions": r"mission|que fait|\bfont\b|fait quoi|\brole\b|tache|responsabilit|\btravail\b|quotidien|consiste|sert a|occupe"
                r"|journee type",
    "definition": r"qu ?est[- ]ce|c ?est quoi|c koi|definition|defini|\bdesigne\b|qui sont|qu appelle|appelle|veut dire|signifi",
}
# An amount said in words (folded), as people speak it: `quatre cent cinquante euros la demi-journée`. It shows a
# price; for a pay it would also take the many spoken figures of a talk that are none (`quinze mille euros de matériel`).
NUMBER_WORDS = ("deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente"
                "|quarante|cinquante|soixante|cent")  # folded
SPOKEN_AMOUNT = rf"\b(?:(?:{NUMBER_WORDS}|cents|mille|et)[ -]){{1,6}}euros?\b"
MONTHS = r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"  # folded
# The cue an answer sentence (or its heading) shows for each question type (on folded text, but employers).
SENTENCE_CUES: dict[str, str] = {
    "salaire": r"\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?\s?(?:k€|€|euros?|\$|dollars?|£|chf|CHF|[kK]\b)",  # `35-40k`
    "nombre": r"\d",  # refined per question by `counted_cue`
    "taux": r"\d\s?%|pour ?cent",
    "date": rf"\b(?:19|20)\d\d\b|\b{MONTHS}\b"
            r"|\bdu \d{1,2}(?:er)? (?:du mois )?au \d{1,2}\b|\b(?:fin|debut) (?:de|du) mois\b|\b(?:printemps|automne|hiver)\b"
            r"|(?:\ben |\bl['’ ]|\bcet )ete\b"  # the summer, not « a été »
            r"|\b(?:apres|au bout d(?:e|u|un|une)|des) (?:\d+|un|une|deux|trois|quatre|six|dix|douze) (?:ans?|annees?|mois|semaines?)\b",
    #      « à partir de quand ? » : `après 6 mois d'ancienneté`
    "age": r"\b\d{2} ans\b|\bage\b",
    "jour": r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b|\bweek[ -]?ends?\b|\bjours? feries\b"
            rf"|\b\d{{1,2}}(?:er)? {MONTHS}\b",
    "heure": r"\b\d{1,2}\s?h(?:\s?\d{2})?\b|\b(?:a|vers|des|avant|apres|de|et|entre) (?:[01]?\d|2[0-4]) heures?\b"
             r"(?! (?:par|de |hebdo|sur |d['’ ]))|\bmidi\b|\bminuit\b",  # a clock time (`à 7 heures`, not `80 heures`)
    "prix": r"\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?\s?(?:k€|€|euros?|\$|dollars?|£|chf|CHF|[kK]\b)|" + SPOKEN_AMOUNT,
    "formation": r"\bbac\b|master|diplome|formation|etudes?\b|ecole|bachelor|rncp|cycle|cursus|certif|admission|parcoursup"
                 r"|inscri|selecti|\b(?:bts|cap|dut|bp|cqp)\b|licence|titre pro",  # `c'est le BTS Assurance`
    "competences": r"competen|connaissance|maitris|capacite|savoir|expertise|qualite|methodique|communiqu|outils"
                   r"|habilete|dexterite|minuti|rigueur|rigoureu|patience|etre patiente?\b|aisance|sens (?:de|du|des)\b|curiosite|creativ"
                   r"|autonom|resistance physique",
    "employeurs": r"[Ee]ntreprise|[Gg]roupe|[Ss]tartup|[Rr]ecrut|[Ss]ecteur|[A-Z][a-z]+ ?(?:,|et) [A-Z]"
                  r"|[Ee]mploi(?:ent|e)\b|[Ee]mbauch|[Cc]lients?\b"
                  r"|\b(?:[Tt]ravaill|[Ee]xer[cç])\w* (?:dans|chez|pour|au sein)\b",  # `Ils travaillent dans les communes, …`
    "carriere": r"evolu|poste|devenir|chef|directeur|consultant|perspective|grade|expert|avantage|inconvenient|conseil",
    "marche": r"croissance|demande|expansion|tendance|futur|offres|recherch|emplois|multipli|populaire|generalis"
              r"|penurie|mal a recruter|manque de",
    "conditions": r"horaire|deplacement|astreinte|decale|week|nuit|bureau|teletravail|distance|terrain|stress|rythme"
                  r"|\b\d{1,2} ?h ?\d\d\b",  # a time of day: `7 h 15 : prise de poste`
    "equipe": r"\bavec\b|aux cotes|collabor|equipe|entoure|en lien|interlocuteur|travaill",
    "financement": r"financ|pris en charge|prise en charge|rembours|\bcpf\b|\bopco\b|france travail|transition pro",
    "lieu": r"[A-Z][\w-]+(?:, [A-Z][\w-]+){2,}",  # a list of place names (refined with the places lexicon)
    "missions": r"veill|charge|consist|defini|concevoir|verifi|travaill|mission|role|responsab|superviser|evaluer|tache"
                r"|\b(?:je|on) (?:fais|fait|m occupe|s occupe|prepare|gere|aide|accueille|prends|assiste)\b",  # an interview
    "definition": r"\best (?:un|une|le|la)\b|designe|specialiste|consiste|c ?est",
}
# The section headings and field labels (`Niveau d'accès minimum :`) under which each kind of answer is found.
SECTION_CUES: dict[str, str] = {
    "salaire": r"salaire|remuneration|revenu|\bpaie|grille|combien|traitement (?:indiciaire|brut|net|mensuel|de base)|\ben euros\b"
               r"|indiciaire",  # `Grade de greffier — échelonnement indiciaire`: a pay grid
    "prix": r"cout|prix|tarif|frais|financ",
    "formation": r"formation|etude|diplome|niveau|acces au metier|cursus|ecole|parcours|certification|bac\b|profil",
    "competences": r"competence|qualite|savoir|aptitude|profil|soft skill|technique|outil|requis",
    "employeurs": r"employeur|secteur|ou travaill|recrut|entreprise|environnement de travail|marche|debouche|client",
    "carriere": r"evolu|carriere|perspective|debouche|(?<!comment )devenir|avantage|inconvenient|conseil|\bet apres\b",  # `Et après ?`
    "conditions": r"conditions de travail|horaire|lieu|environnement de travail|rythme|inconvenient|defi",
    "equipe": r"equipe|collabor|relation|partenaire|environnement de travail|conditions de travail|echange",
    "financement": r"financ|\baides? (?:financ|a la formation)|prise en charge",
    "lieu": r"lieu|ou travailler|region|marche|employeur|secteur",
    "marche": r"y a[ -]t[ -]il du travail|debouche|marche de l emploi|emploi|avenir|perspective|recrut",
    "missions": r"mission|activite|nature du travail|tache|quotidien|le metier|consiste|fait quoi|\bque fait\b",
    "definition": r"presentation|en bref|definition|description|le metier|qu est ce|c est quoi",
}
# Seniority words: a question's qualifier picks the matching figure when a document gives several.
SENIORITY: dict[str, str] = {
    "start": r"junior|debutant|debut de carriere|\bdebut(?:e|es|ent|er)?\b|sortie d ecole|premier emploi|jeune diplome|au depart|demarr|commence"
             r"|(?:premier|1er) echelon|debut de grille|bas de la grille|\bstagiaire",  # a civil servant's first year
    "middle": r"confirme|experimente|milieu de carriere|quelques annees|\b[3-9] ans d experience|apres (?:[3-9]|trois|cinq) ans",
    "end": r"senior|fin de carriere|\bexpert\b|plus de (?:10|dix) ans|\+ ?10 ans|apres (?:[1-4]\d|dix|quinze|vingt) ans"
           r"|fin de grille|dernier echelon|haut de (?:la )?grille|sommet de (?:la )?grille|(?:salaire|traitement) max",
}
# A question on the level of studies wants a diploma or level named (general French degrees).
ASKS_TOWN = re.compile(r"\bquel(?:le)?s? villes?\b|\bou (?:se trouve|se situe|est situe)")  # folded
LEVEL_QUESTION = r"niveau|quel(?:le)?s? (?:diplome|bac)|faut[- ]il (?:un|le) (?:bac|master|diplome)|bac ?\+|\bbac\b"
SMALL_NUMBER = re.compile(r"(?<![\d,.])(?<!\d[ \u00a0\u202f])(\d{1,3})(?![\d,.]|[ \u00a0\u202f]\d)")  # not `2 160`
DIPLOMA = r"bac ?\+ ?\d|\bbac\b|\bbts\b|\bbut\b|\bcap\b|licence|master|doctorat|diplome d|mastere|bachelor|\bmsc\b|niveau \d"
STRICT_KINDS = ("salaire", "nombre", "taux", "date", "prix", "age", "heure", "jour")  # these want a figure: no figure, no answer
# Words that phrase a question rather than name its subject (folded, stemmed).
QUESTION_PHRASING = (
    "combien gagne touche gagnent paie paye payé rapporte salaire salaires rémunération revenu quel quelle quels "
    "quelles comment pourquoi où quoi faire faut il devenir métier métiers emploi poste job travail dire peut "
    "fait aujourd'hui bien bon bonne moyenne moyen exactement sait donne dis-moi parle explique "
    "savoir veux voudrais aimerais besoin chiffre chiffres montant vrai vraiment concrètement concret "
    "exemple exemples infos informations veut liste donne-moi quotidien quotidienne existe existent exister "
    "bonjour bonsoir salut merci avance svp plaît cordialement suis "  # politeness asks nothing,
    "vaut coup peine jsp sais hésite bout tant "  # nor musing (« jsp si ça vaut le coup », « au bout de », « en tant que »),
    "lol mdr ptdr hyper "  # nor chat (« je suis pas hyper patiente lol »),
    "lequel laquelle lesquels lesquelles mieux"  # nor comparing (« lequel paie le mieux ? »)
)
# stemmed as written and as `words_of` reads them (`mieux` -> `mieu`)
QUESTION_WORDS = frozenset(terms(QUESTION_PHRASING)) | frozenset(terms(" ".join(words_of(QUESTION_PHRASING))))
ABOUT_FIGURE = re.compile(
    r"^(?:comment|pourquoi|de quoi|d ou|sur quoi|qu est ce qui)\b|\bdepend|fiable|source|viennent|estimation|depasser|negocier"
    r"|\bcompren(?:d|ds|nent)\b|\bincluen?t?\b"  # « ces montants comprennent les primes ? » : what a figure holds
)
# A yes/no question on a figure (« ce sont des salaires minimums ? ») asks about it, not for it.
INTERROGATIVE = re.compile(r"\b(?:combien|cb|quel|quelle|quels|quelles|comment|pourquoi|quand|qui|quoi|ou|a partir de)\b")
YES_NO = re.compile(r"\b(?:ce sont|c est|est ce|sont ils|sont elles|est il|est elle|y a t il)\b")
QUOTED = re.compile(r"«[^»]*»")
EXISTS = re.compile(r"^(?:et |mais |ok |alors )*(?:est ce qu )?(?:il )?y a (?:t il )?(?:des|du|de la|de l|un|une)\b")  # folded
COUNTED = re.compile(r"(?:combien|nombre)\s+(?:y a t il\s+|existe t il\s+)?(?:de|d)\s+(?!(?:l|la|le|les)\b)([a-z-]+)")
# A count, in figures or in words (folded): `5 ans`, `cinq années`, `dix-huit mois`; `un`, `une` count time only
# (`une année`), as before a noun they are articles (`un qualiticien`). (`NUMBER_WORDS` is defined above.)
TENS = r"(?:(?:dix|vingt|trente|quarante|cinquante|soixante)[ -](?:et[ -])?)?"
COUNT = rf"\b(?:\d+|{TENS}(?:{NUMBER_WORDS})\b)"
TIME_COUNT = rf"\b(?:\d+|{TENS}(?:un|une|{NUMBER_WORDS})\b)"
DURATION = rf"{TIME_COUNT}\s*(?:ans|an|annees?|mois|semaines?|jours?|heures?|minutes?)\b|\b\d{{1,2}}\s?h\s?\d{{2}}\b"  # `1 h 30`
YEAR_UNIT = r"(?:ans|an|annees?|mois)\b"
YEARS = rf"{TIME_COUNT}\s*{YEAR_UNIT}"
# `expérience d'au moins 2 ans`, `une expérience de 3 à 5 ans`, `2 ans d'expérience`, `3 ans de services publics`
SENIORITY_TIME = (rf"(?:experience|anciennete)(?:\s+(?:d|de|au|moins|minimum|environ|plus|requise?|exigee?|"
                  rf"professionnelle|significative|prealable)){{0,4}}\s+{TIME_COUNT}(?:\s+a\s+{TIME_COUNT})?\s*{YEAR_UNIT}"
                  rf"|{YEARS}\s+(?:\w+\s+)?(?:experience|anciennete|services?\b|de (?:service|metier|pratique)\b)")
# « combien de X » for a unit (of time, of heat) wants that unit: weeks of leave are not weekly hours, years of study
# not hours.
BROAD_MEASURES = frozenset(terms("études formation expérience travail carrière service exercice métier ancienneté"))
#                                  (pages say « préparé en 3 ans » for « combien d'années d'études »)
# « quelle taille minimum » asks a size (folded); « quelle taille d'entreprise » a headcount, any number
ASKS_SIZE = re.compile(r"\bquel(?:le)?s? (taille|poids|hauteur) (?:minimum|minimale|maximum|maximale|requise?|mini)\b")
MEASURED = re.compile(r"(?:combien|nombre)\s+(?:de|d)\s+([a-z]+)\s+(?:de|d)\s+([a-z]{3,})")  # `… semaines de conges`
UNIT_CUES = {
    "annees": YEARS, "ans": YEARS,
    "mois": rf"{TIME_COUNT}\s*mois\b", "semaines": rf"{TIME_COUNT}\s*semaines?\b", "jours": rf"{TIME_COUNT}\s*jours?\b",
    "heures": rf"{TIME_COUNT}\s*heures?\b|\d+\s*h\b", "temps": DURATION, "duree": DURATION,
    "experience": SENIORITY_TIME, "anciennete": SENIORITY_TIME,  # « combien d'expérience » : how long it is
    "degres": rf"{COUNT}\s*(?:c|degres?)\b",  # `6 °C` (read as `6 c`), `8 degrés`
}


OWN_WORKPLACE = re.compile(r"\b(?:je|j['’ ]?)\s*(?:suis|travaille|bosse|etais|travaillais|bossais)\b(?:\s+[\w'’-]+){0,3}\s+"
                           r"chez\s+$")  # folded, before the asker's own employer (« je suis caissier chez Lidl »)
NOT_SETTINGS = frozenset("premier premiere second seconde dernier derniere haut bas gros euro euros tout plus moins "
                         "classe annee".split())  # folded: after « en », an order, a rank or a manner, not a workplace
SETTING = re.compile(r"\b(?:dans|chez|en)\s+(?:(?:un|une|le|la|les|des|l|d|du)\s+)?"
                     r"([a-z][a-z+-]+(?:\s+(?!(?:dans|chez|en|a|au|aux|de|du|des|d|pour|et|ou|ca)\b)[a-z][a-z+-]+)?)")  # folded
YEAR = re.compile(r"(?<![\w-])(?:19|20)\d\d(?![\w-])")  # not in a reference (`LOG-2024-117`)
CODE = re.compile(r"\b[a-z]{1,3}\d{1,4}(?:[a-z]\d{1,2})?\b")  # folded: `b1`, `r482`, `n3p2`; not `1er`, `bac+3`
# What a pay slip adds to the base pay (general French pay vocabulary, folded): « l'astreinte est payée combien ? »
# asks for the on-call pay, which the base salary beside it does not give.
PAY_ELEMENT = re.compile(r"\b(?:primes?|indemnites?|astreintes?|interessement|participation|13e mois|treizieme mois"
                         r"|heures? sup\w*|majorations?|pourboires?|commissions?|bonus|ifse|nbi|rifseep|tickets? resto\w*"
                         r"|paniers?|avantages? en nature)\b")
# « hors primes » leaves it out; « payé à la commission », « que de la commission » say how one is paid: none asks
# for its amount
LEFT_OUT = re.compile(r"\b(?:hors|sans|sauf|en dehors|avant|non compris)(?: de| des| du| d| les| la| le| l| ses| leurs?)?\s*$"
                      r"|\b(?:a la|au|aux|a|que de la|que des|que du|que de l|uniquement|seulement)\s*$")
# Working for an employer (folded): « un photographe salarié » is not answered by a freelance's figures.
SALARIED = re.compile(r"\bsalarie(?:e|s|es)?\b|\bcd[id]\b")


# ... nor do the words of a job ad: `une offre de technicien de labo` is about the technician.
NEVER_QUALIFY = GENERIC | frozenset(words_of("offre candidature recrutement cdi cdd"))  # (`annonce` is generic)
# Inside a slot « général » is part of a name (`agent général`): « en général » ends the slot before it.
IN_NAME_QUALIFY = NEVER_QUALIFY - frozenset(words_of("général générale"))


def _names_no_setting(word: str) -> bool:
    """A folded word that names no workplace nor specialty: a stop word, a generic or qualifying one (« en gros »,
    « en CDI »), a franglais word (read by its expansion), a place."""
    return word in STOP_WORDS or word in NEVER_QUALIFY or word in NOT_SETTINGS or word in lexicon.glossary_words() \
        or len(word) < 3 or bool(lexicon.places(word))


# Where a question names the person it is about: `un boulanger`, `devenir data engineer`, `métier de DPO`.
BECOMING = ("devenir", "on devient", "je deviens", "devenu", "devenue")  # not « s'il devient … »: the same person
EARNING = ("gagne un", "gagne une", "touche un", "touche une")  # « combien gagne un kiné » : who earns is someone
PERSON_TRIGGERS = (*BECOMING, *EARNING, "un", "une", "etre", "comme", "metier de", "metier d", "poste de", "poste d", "job de", "job d",
                   "profession de", "tant que")  # after these, an acronym is a person too (`un DPO`)
# After these, a noun is the person whatever its ending (`devenir kiné`); a `poste de` may be named by its activity.
NAMING_TRIGGERS = (*BECOMING, *EARNING, "metier de", "metier d", "profession de")
# the person a training is for: « la formation d'auxiliaire de puériculture », « l'école d'infirmier »
TRAINING_TRIGGERS = (*(f"{noun} {of}" for noun in ("formation", "diplome", "ecole", "concours") for of in ("de", "d")),
                     "titre pro", "titre professionnel")  # « le titre pro agent d'escale »
SLOT_TRIGGERS = ("(", "le", "la", "l", "du", "au", *PERSON_TRIGGERS, *TRAINING_TRIGGERS)
SLOT_END = frozenset(
    "qui que quand ou a au aux en pour dans chez avec sans il elle ils elles on est sont peut doit gagne gagnent "
    "touche fait font et c ca cest ce qu mais donc car ni or puis plutot avec faut faudrait dure durent coute "
    "coutent commence commencent bosse bossent travaille travaillent monte montent paye payent peuvent doivent "
    "apres avant depuis pendant vs versus".split()  # `UX designer vs UI designer`: two people
)
SLOT_WORDS = 5
MIN_ACRONYM = 3  # shorter capitals (`QA`, `ML`) are abbreviations people type, not names to look up
SLOT_CONNECTORS = frozenset("de des du d l la le en".split())  # inside a name: `technicien de maintenance en …`


@dataclass(frozen=True)
class Question:
    text: str
    kinds: tuple[str, ...]
    terms: frozenset[str]  # content terms (stemmed), question words removed
    jobs: tuple[str, ...]  # names of the corpus jobs the question names (profile)
    job_terms: frozenset[str]
    places: frozenset[str]
    salient: tuple[str, ...]  # words naming the question's subject: must be known to the corpus
    counted_cue: str = ""  # for "combien de X": a number attached to X
    about_figure: bool = False  # asks how a figure comes about ("de quoi dépend le salaire"), not the figure
    other_job: str = ""  # a person the question names who is none of the corpus's jobs (`un data engineer`)
    seniority: str = ""  # "start", "middle" or "end" when the question asks about one career stage
    led_by: str = ""  # a role right after the job's name: `chef` in « charpentier chef d'équipe »

    @property
    def strict(self) -> tuple[str, ...]:
        if self.about_figure:
            return ()
        return tuple(k for k in self.kinds if k in STRICT_KINDS)

    @cached_property
    def aspect_terms(self) -> frozenset[str]:
        return self.terms - self.job_terms

    @cached_property
    def own_text(self) -> str:
        """The question's own words, without what a follow-up carried over in brackets (`… ? (Couvreur)`)."""
        return self.text.split("(")[0]

    @cached_property
    def own_kinds(self) -> frozenset[str]:
        """The kinds the question's own words ask (`own_text`)."""
        return kinds_of(self.own_text)

    @cached_property
    def measured(self) -> str:
        """What a time is counted of (« combien de semaines de congés » -> the stem of `congés`), or ""."""
        found = MEASURED.search(fold(self.own_text).replace("'", " "))
        if not found or found.group(1) not in UNIT_CUES:
            return ""
        stems = [t for t in terms(found.group(2)) if t not in QUESTION_WORDS and t not in BROAD_MEASURES]
        return stems[0] if stems else ""

    @cached_property
    def asked_numbers(self) -> frozenset[int]:
        """Small numbers the question writes (`échelon 1`, `22 ans`), not those of a carried-over addition."""
        return frozenset(int(n) for n in SMALL_NUMBER.findall(self.own_text))

    @cached_property
    def number_nouns(self) -> dict[int, str]:
        """The noun each asked number counts (`1er échelon`, `échelon 1` -> {1: "echelon"}), when it has one."""
        return counted_nouns(self.own_text)

    @cached_property
    def pay_element(self) -> frozenset[str]:
        """The stems of what is added to the pay that the question's own words name (`astreinte`, `prime`) in a
        clause asking a figure, or nothing: a figure asked of it must be said of it (« y a des tickets resto ?
        combien de RTT ? » asks the figure of the days off only)."""
        for clause in re.findall(r"[^?]+", self.own_text):
            folded = fold(clause).replace("'", " ")
            found = [m for m in PAY_ELEMENT.finditer(folded) if not LEFT_OUT.search(folded[: m.start()])]
            if found and kinds_of(clause) & set(STRICT_KINDS):
                return frozenset(terms(found[0].group(0)))
        return frozenset()

    @cached_property
    def codes(self) -> frozenset[str]:
        """Codes the question's own words write, letters then digits (`B1`, `R482`, `N3P2`, `C2`): a category, a
        grade or a licence, which a figure asked of it must come with (the `A` category's price is not `B1`'s)."""
        return frozenset(CODE.findall(fold(self.own_text)))

    @cached_property
    def towns(self) -> tuple[str, ...]:
        """The names the question writes after « à », « au », « près de » (« un docker à Dunkerque »): places no
        list knows, which a figure asked must be said of, as of a known place."""
        return tuple(n for n in self.names if re.search(rf"\b(?:à|a|au|aux|près de|pres de)\s+{re.escape(n)}\b",
                                                         self.own_text, re.I))

    @cached_property
    def years(self) -> frozenset[str]:
        """The years the question's own words name (« le concours 2026 »): what is said of another year (a grid
        of 2025) does not answer it."""
        return frozenset(YEAR.findall(self.own_text))

    @cached_property
    def setting(self) -> frozenset[str]:
        """The stems of where the question's own words say the job is done (« dans une radio », « en office
        notarial », « dans une fondation privée »), but for a place, the job's words and generic ones (« en début de
        carrière », « en CDI »): a pay asked there must be said of it."""
        found = set()
        for match in SETTING.finditer(fold(_asked_part(self.own_text)).replace("'", " ")):
            tokens = match.group(1).split()
            if tokens[0].endswith("ant"):  # « en sortant d'école » : when, not where
                continue
            for token in tokens:
                if _names_no_setting(token) or token.endswith("ieme"):
                    break  # « en deuxième année », « en gros », « dans les low cost » (read by its expansion)
                found.update(self._setting_stems(token))
        return frozenset(found | self._specialty)

    def _setting_stems(self, word: str) -> set[str]:
        return {t for t in terms(word) if t not in QUESTION_WORDS and t not in self.job_terms}

    @cached_property
    def grade(self) -> str:
        """The class of a grade the question names (« hors classe », « de 2e classe », « classe supérieure »), in
        `grade_phrases`' form: a pay asked for it must be said of it."""
        found = grade_phrases(fold(self.own_text))
        return found[0] if found else ""

    @cached_property
    def _specialty(self) -> frozenset[str]:
        """The stem of what the job's name is followed by (« un photographe de mode »): a specialty, which a pay
        asked must be said of too; none for a job the corpus does not name."""
        if not self.jobs:
            return frozenset()
        tokens = fold(_asked_part(self.own_text)).replace("'", " ").split()
        for i in range(len(tokens) - 2):
            if (terms(tokens[i]) or [""])[0] in self.job_terms and tokens[i + 1] in ("de", "du", "d"):
                word = tokens[i + 2]
                named_none = _names_no_setting(word) or not word.isalpha()
                return frozenset() if named_none else frozenset(self._setting_stems(word))
        return frozenset()

    @cached_property
    def salaried(self) -> bool:
        """It asks about working as an employee (« un photographe salarié »)."""
        return bool(SALARIED.search(fold(self.own_text)))

    @cached_property
    def own_boss(self) -> bool:
        """It asks about working as one's own boss (« à son compte », « en libéral », « en freelance »)."""
        statuses = (frozenset(terms(m.group(0))) for m in WORKING_STATUS.finditer(fold(self.text)))
        return any(not status or not status <= self.job_terms for status in statuses)  # not the `indépendante` of
        # the asked job's name (« correctrice indépendante »); « à son compte » has no term: a status whatever the job

    @cached_property
    def pay_basis(self) -> str:
        """`net` or `brut` when the question asks a pay in one of them only (« en net ? »), else ""."""
        found = set(PAY_BASIS.findall(fold(self.own_text)))
        return found.pop() if len(found) == 1 else ""

    @cached_property
    def asks_town(self) -> bool:
        """« dans quelle ville », « quelles villes », « où se trouve … » : the answer must name a place."""
        return bool(ASKS_TOWN.search(fold(self.own_text)))

    @cached_property
    def asks_level(self) -> bool:
        """A question on the level of studies (« quel niveau », « faut-il un bac + 3 »)."""
        return bool(re.search(LEVEL_QUESTION, fold(self.text)))

    @cached_property
    def own_words(self) -> tuple[str, ...]:
        """Content words of the question as typed (not the franglais and informal words' expansions)."""
        found = [w for w in words(QUOTED.sub(" ", _asked_part(self.text))) if w not in STOP_WORDS and len(w) > 1]
        return tuple(w for w in found if not terms(w) or terms(w)[0] not in QUESTION_WORDS)

    @cached_property
    def aspect_words(self) -> tuple[str, ...]:
        """The question's own words for what it asks (`télétravail`), without the job, question and generic
        words."""
        job = {masculine(w) for w in words_of(" ".join(self.jobs)) + words_of(self.other_job)}  # `poissonnière`
        found = [w for w in words_of(self.text) if w not in STOP_WORDS and w not in GENERIC and masculine(w) not in job
                 and w not in lexicon.GLOSSARY and w not in lexicon.glossary_words()]
        return tuple(w for w in found if len(w) > 3 and (terms(w) or [""])[0] not in QUESTION_WORDS)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Proper names and acronyms the question writes (`OSCP`, `Thales`), not a place, nor a capitalised first
        word: the documents must mention them for an answer to be about them."""
        text = QUOTED.sub(" ", _asked_part(self.own_text))
        found = []
        for position, match in enumerate(re.finditer(r"[^\W\d_][\w-]*", text)):
            token = match.group()
            acronym = token.isupper() and len(token) >= MIN_ACRONYM
            if position == 0 and not acronym:  # a question's first word has its capital anyway; `ATS ça veut…`
                continue
            opens = text[: match.start()].rstrip().endswith((".", "?", "!"))  # `… ? Merci d'avance`
            if OWN_WORKPLACE.search(fold(text[: match.start()])):  # « je suis caissier chez Lidl, … » : the asker's job
                continue
            proper = token[0].isupper() and token[1:].islower() and not opens
            if (acronym or proper) and not lexicon.places(token) and fold(token) not in lexicon.GLOSSARY \
                    and (terms(token) or [""])[0] not in QUESTION_WORDS:
                found.append(token)
        return tuple(found)

    @property
    def has_subject(self) -> bool:
        return bool(self.jobs or self.other_job)


ORDINAL = r"(?:er|re|eme|e|nd|nde)?"  # `1er`, `5e`, `3ème`, `2nd` (folded)
NUMBER_THEN_NOUN = re.compile(rf"(?<![\d,.])(\d{{1,3}}){ORDINAL}\s+(?:d\s)?([a-z]{{3,}})")  # `1er echelon`, `22 ans`
NOUN_THEN_NUMBER = re.compile(r"\b([a-z]{3,})\s+(?:n\s?°\s?|no\s)?(\d{1,3})(?![\d,.]|\s\d)")  # `echelon 1`


def counted_nouns(text: str) -> dict[int, str]:
    """Numbers written with the noun they count, in a folded text: {1: "echelon"} for `1er échelon` or `échelon 1`
    (singular nouns; stop words are no nouns)."""
    folded = fold(text).replace("'", " ")
    found: dict[int, str] = {}
    pairs = [*NUMBER_THEN_NOUN.findall(folded), *(pair[::-1] for pair in NOUN_THEN_NUMBER.findall(folded))]
    for number, noun in pairs:
        if noun not in STOP_WORDS:
            found.setdefault(int(number), words_of(noun)[0])  # singular, as the profile reads words
    return found


# « je voudrais savoir … » asks to know: it is no question on know-how (`savoir-faire`, `savoir souder`)
ASKING_TO_KNOW = re.compile(r"\b(?:voudrai[st]?|veux|voulai[st]|aimerai[st]?|souhaite\w*|pour|envie de|besoin de|peux|pouvez"
                            r"|sais pas|sait pas) savoir\b")
PAY_BASIS = re.compile(r"\b(net|brut)s?\b")  # folded: the basis a pay is given or asked in
WHEN_QUALIFIED = re.compile(r"\bune fois (?:diplomee?s?|formee?s?|qualifiee?s?|titulaires?)\b")  # when, not what
MEANING = re.compile(r"\bveut dire\b|\bsignifi")  # « payé à la part, ça veut dire quoi ? »: a meaning, not a salary


@lru_cache(maxsize=65536)
def kinds_of(text: str) -> frozenset[str]:
    """The kinds a text asks, as a question's own words (`Question.own_kinds`); cached, as the question before a
    document's sentences is read again by every question retrieving them."""
    folded = fold(lexicon.expand(text)).replace("'", " ")
    return frozenset(_kinds(folded, COUNTED.search(folded)))


# « Quand des gens sont coincés, le technicien a combien de temps … ? » : a clause saying when, before the question
WHEN_CLAUSE = re.compile(r"^\s*(?:quand|lorsqu\w*)\b[^,?]*,(?=.*\b(?:combien|quel\w*|comment|ou|pourquoi|est ce)\b)")


FUNDED = ("formation", "salaire")  # what a funding question names without asking it


def without_funded(kinds: list[str]) -> list[str]:
    """« financer la formation sans perdre son salaire », « la formation est payante ? » ask how it is paid for,
    not the training or the pay."""
    return [k for k in kinds if k not in FUNDED] if "financement" in kinds else kinds


def _kinds(folded: str, counted: re.Match | None) -> tuple[str, ...]:
    """Question types of the folded, expanded question; « combien de X » is a count, not a salary."""
    folded = WHEN_QUALIFIED.sub(" ", ASKING_TO_KNOW.sub(" ", WHEN_CLAUSE.sub(" ", lexicon.DESIGN_OFFICE.sub(" ", folded))))
    if MEANING.search(folded):
        return ("definition",)
    kinds = [kind for kind, pattern in QUESTION_TYPES.items() if re.search(pattern, folded)]
    if counted and "salaire" in kinds and not re.search(r"combien (de|d) (euros?|dollars?|argent|salaires?|revenus?)", folded):
        kinds.remove("salaire")
    elif counted and counted.group(1) in MONEY_NOUNS and "salaire" not in kinds:  # « prévoir combien d'argent » :
        kinds = [k for k in kinds if k != "nombre"] + (["prix"] if "prix" not in kinds else [])  # an amount to pay
    elif "nombre" in kinds and "salaire" in kinds:
        kinds.remove("nombre")
    kinds = without_funded(kinds)
    if "prix" in kinds and "salaire" in kinds and PAYING_FOR.search(folded):  # « si on la paie soi-même » : a cost
        kinds.remove("salaire")
    exists = EXISTS.search(folded)
    if exists and not INTERROGATIVE.search(folded):  # « y a des primes en plus du salaire ? » : whether there are any,
        thing = " ".join(folded[exists.end() :].split()[:2])  # not a figure; « y a un âge minimum ? » asks for it
        kinds = [k for k in kinds if k not in STRICT_KINDS or re.search(QUESTION_TYPES[k], thing)]
    if re.search(JOBS_AROUND, folded) and "missions" in kinds:  # « y a du boulot ? » (`boulot`: `travail`)
        kinds.remove("missions")
    if "definition" in kinds and set(kinds) - {"definition", "missions"}:  # « c'est quoi les horaires ? » asks for
        kinds.remove("definition")  # the hours; « c'est quoi le boulot de couvreur ? » what the job is
    return tuple(kinds)


CARRIED = re.compile(r"\s*\(([^()]*)\)\s*$")  # what `conversation.resolve` added: `(Couvreur / couvreuse)`


def _carried(question: str) -> str:
    found = CARRIED.search(question)
    return found.group(1) if found else ""


def analyse(question: str, catalog: JobCatalog | None = None, vocabulary: frozenset[str] | set[str] = frozenset()) -> Question:
    catalog = catalog or JobCatalog([])
    expanded = lexicon.expand(question)
    folded = fold(question).replace("'", " ")
    folded_expanded = fold(expanded).replace("'", " ").replace("-", " ")
    folded_expanded = QUOTED.sub(" ", folded_expanded)  # a subject carried over in « » names, it does not ask
    counted = COUNTED.search(folded_expanded)
    typed = set(folded_expanded.split())
    content = frozenset(written_out(t, vocabulary) if t in typed else t for t in terms(expanded) if t not in QUESTION_WORDS)
    slot = job_slot(question, catalog.heads)
    in_slot = catalog.find(slot, typos=True, generic=IN_NAME_QUALIFY) if slot else []  # informal words already replaced
    parts = slot.split()
    head = parts[0] if len(parts) == 1 or (parts and fold(parts[1]) in CONNECTORS) else ""  # not `UI designer`
    if head.isupper() and not in_slot and set(terms(head)) <= set(vocabulary) and head not in catalog.persons:
        slot = ""  # `une PME`, `une MMT en usinage`: an acronym the documents use for something else than a person
    named = catalog.find(lexicon.substitute(question), typos=True, generic=NEVER_QUALIFY)
    whole = [m for m in named if m.score >= 1 - 1e-9]
    if slot and not in_slot and whole:  # `le technicien du secteur 5`: a corpus job named in full, past the slot
        slot, mentions = "", whole
    elif len(whole) >= 2 and " et " in _carried(question):  # « lequel des deux ? (A et B) »: both jobs carried
        slot, mentions = "", whole
    elif slot:  # `un data engineer` names its own person, whatever else the question mentions
        mentions = in_slot
    else:
        mentions = named or catalog.find(expanded, typos=True, generic=NEVER_QUALIFY)
    jobs = tuple(m.job.name for m in mentions if m.score >= mentions[0].score - 1e-9) if mentions else ()
    trades = [] if jobs or slot else catalog.of_trade(question)  # « le CAP maroquinerie » : the maroquinier's
    jobs = jobs or tuple(dict.fromkeys(name for name, _ in trades))
    name_words = {w for name in jobs for w in _name_words(catalog, name)}
    job_words = {w for m in mentions for w in m.words} | name_words | {word for _, word in trades}
    if jobs:  # the words the person typed for the job (`dev`, for `développeur`) are not what is asked about it
        named, shorthand = {masculine(w) for w in job_words}, lexicon.INFORMAL | lexicon.GLOSSARY.keys()
        job_words |= {w for w in words_of(question)
                      if w in shorthand and {masculine(x) for x in words_of(lexicon.substitute(w))} & named}
    job_terms = frozenset(t for w in job_words for t in terms(w))
    other = slot if slot and not jobs else ""
    asked = _without_words(folded_expanded, job_words - CONNECTORS)  # `professeur des écoles` asks nothing about
    # schools; the `de` of `technicien de maintenance` stays, for « combien de … »
    return Question(
        question, _kinds(asked, counted), content, jobs, job_terms | frozenset(terms(other)),
        frozenset(lexicon.places(expanded)), () if jobs else _salient_words(slot),
        _counted_cue(_counted_noun(asked, counted), RATE.search(asked)),
        _about_figure(folded.strip()), other, seniority(folded),
        _led_by(question, {w for m in mentions for w in m.words}, name_words),
    )


FIRST_PERSON = re.compile(r"^(?:je|j['’]|moi|mon|ma|mes)\b", re.I)


def _asked_part(text: str) -> str:
    """The question without the sentences where the person speaks of themselves (« Je suis en terminale
    STMG. »): what they tell is context, the documents need not name it. Kept whole when it has no question."""
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    asked = [p for p in parts if p.rstrip().endswith("?") or not FIRST_PERSON.match(p)]
    return " ".join(asked) if any(p.rstrip().endswith("?") for p in asked) else text


def written_out(term: str, vocabulary: frozenset[str] | set[str]) -> str:
    """A word typed short as the one word of the corpus it starts (`phyto` -> `phytosanitair`), else itself; only
    for a word typed as it is stemmed (`employée`, stemmed `employ`, is no short `employeur`)."""
    if len(term) < MIN_SHORTENED or term in vocabulary or lexicon.places(term):  # `lyon` is no short `lyonnais`
        return term
    return only_completion(term, vocabulary) or term


def _led_by(question: str, job_words: set[str], named: set[str]) -> str:
    """The role noun right after the job's name (`chef` in « charpentier chef d'équipe »), or "" (also when
    it belongs to the name of the job asked, `named`: `brigadier-chef principal`)."""
    tokens = [masculine(w) for w in words_of(question)]
    at = [i for i, t in enumerate(tokens) if t in job_words]
    following = [t for t in tokens[max(at) + 1 :] if t not in CONNECTORS] if at else []
    led = following[0] if following and following[0] in BROAD_ROLES else ""
    return "" if led in job_words or led in named else led


def _without_words(folded: str, removed: set[str]) -> str:
    """The folded question without the words of the job it names (plural forms too)."""
    return " ".join(w for w in folded.split() if w not in removed and (w[:-1] not in removed or not w.endswith(("s", "x"))))


def _about_figure(folded: str) -> bool:
    """How a figure comes about (« de quoi dépend le salaire »), or a yes/no question on it."""
    return bool(ABOUT_FIGURE.search(folded)) or (bool(YES_NO.search(folded)) and not INTERROGATIVE.search(folded))


def seniority(folded: str) -> str:
    """The career stage a (folded) text names: "start", "middle", "end", or ""."""
    found = [stage for stage, pattern in SENIORITY.items() if re.search(pattern, folded)]
    return found[0] if len(found) == 1 else ""


@lru_cache(maxsize=4096)
def _name_words(catalog: JobCatalog, name: str) -> frozenset[str]:
    job = catalog.by_name(name)
    if not job:
        return frozenset()  # the words as the profile reads them (`ia`) and as written (`intelligence artificielle`)
    return frozenset(w for v in job.variants for w in (*words_of(v), *words(v)))


# Phrases whose noun is no person: « dans le cadre d'une reconversion »
IDIOMS = re.compile(r"\b(?:dans|en) (?:le|un|ce) cadre (?:d['’]|de |du |des )", re.I)
INVERTED_VERB = re.compile(r"\b[^\W\d_]+-(?:t-)?(?:ils?|elles?|on)\b", re.I)  # `trouve-t-elle`: a verb ends the name before it
NUMBER_WORD = re.compile(rf"\d+({ORDINAL_SUFFIX})?")  # folded: `22`, `1er`, `2e`
GRADE_CLASS = re.compile(rf"\bhors[ -]classe\b|\b(\d+){ORDINAL_SUFFIX}? classe\b|\bclasse (normale|superieure|exceptionnelle)\b"
                         r"|\b(premiere|deuxieme|seconde|troisieme) classe\b")  # folded
ORDINAL_WORDS = {"premiere": "1", "deuxieme": "2", "seconde": "2", "troisieme": "3"}


def grade_phrases(folded: str) -> list[str]:
    """The grade classes a folded text names, one form each: `hors classe`, `2e classe`, `classe supérieure`."""
    found = []
    for match in GRADE_CLASS.finditer(folded):
        number, named, ordinal = match.groups()
        found.append(f"{number}e classe" if number else f"classe {named}" if named
                     else f"{ORDINAL_WORDS[ordinal]}e classe" if ordinal else "hors classe")
    return found


GRADE_WORDS = frozenset("classe grade".split())  # (folded) after an ordinal inside a grade's name: `principal de 2e classe`


def job_slot(question: str, heads: frozenset[str] = frozenset()) -> str:
    """The person a question is about, headed by a role noun, written after `un`, `le`, `devenir`, `métier de`...
    or first in the question: `un boulanger`, `devenir data engineer`, `UI designer il faut quel diplôme`;
    "" when no slot holds a role (`un bac+5`). Folded, as the user wrote it. `heads`: the first words of the
    corpus's job names, role nouns too whatever their form (`conseiller bancaire`, when « conseiller en … » is a
    corpus job)."""
    tokens = question_tokens(lexicon.substitute(INVERTED_VERB.sub(" ? ", IDIOMS.sub(" ", question))))
    folded = [fold(t) for t in tokens]
    first = next((i for i, w in enumerate(folded) if w not in GENERIC), len(folded))  # `salaire mlops engineer`
    opening = first < len(folded) and folded[first] not in STOP_WORDS and terms(folded[first])[:1] != [] \
        and terms(folded[first])[0] not in QUESTION_WORDS
    starts = [(first, False, False)] if opening else []  # `salaire mlops engineer france`: a keyword query
    for i in range(len(tokens)):
        trigger = next((t for t in SLOT_TRIGGERS if folded[i : i + len(t.split())] == t.split()), "")
        if trigger:
            carried = trigger == "(" and "(«" not in question.replace(" ", "")  # a person the conversation named
            starts.append((i + len(trigger.split()), trigger in PERSON_TRIGGERS, trigger in NAMING_TRIGGERS or carried))
    for start, person, naming in starts:
        phrase = _slot_phrase(tokens, folded, start)
        opening = start == first and not person
        head = masculine((words_of(phrase) or [""])[0])
        if opening and len(phrase.split()) < 2 and not is_role_word(head):  # `Travailler en freelance ?`: a verb
            continue
        role = looks_like_job(phrase, acronyms=person) or (head in heads and len(phrase.split()) > 1) \
            or (naming and len(phrase.split()) <= 2 and head not in GENERIC and not lexicon.places(head))
        if phrase and role and not set(words_of(phrase)) <= GENERIC:
            return phrase
    return ""


def _slot_phrase(tokens: list[str], folded: list[str], start: int) -> str:
    taken: list[int] = []
    for j in range(start, min(start + SLOT_WORDS, len(tokens))):
        word = folded[j]
        inner = word == "en" and taken and j + 1 < len(tokens) and folded[j + 1] not in GENERIC \
            and not lexicon.places(folded[j + 1]) and not tokens[j + 1].istitle()  # `… en Pro D2`: a name
        number = NUMBER_WORD.fullmatch(word)  # `un apprenti de 22 ans`, `1er échelon`; not `de 2e classe`
        grade = bool(number and number.group(1)) and j + 1 < len(tokens) and folded[j + 1] in GRADE_WORDS
        conjugated = (len(word) > 5 and word.endswith(("ent", "ons", "ez")) and not word.endswith("ment")) \
            or (bool(number) and not grade)
        shouted = bool(taken) and tokens[j].isupper() and len(tokens[j]) > 1  # `chef de projet SI`: not `si`
        named_general = word.startswith("general") and bool(taken) and folded[j - 1] != "en"  # `agent général`
        if taken and WORKING_STATUS.match(" ".join(folded[j : j + 2])):  # « livreur auto entrepreneur » : how one
            break  # works, not another job
        ends = word in SLOT_END or (word in STOP_WORDS and word not in SLOT_CONNECTORS and not shouted) \
            or (word in GENERIC and not named_general) or conjugated or word in PHRASE_END
        if (ends and not inner) or (len(word) == 1 and word not in "ld0123456789"):
            break
        taken.append(j)
    return trim_connectors(" ".join(tokens[j] for j in taken))


# A hyphen joins a compound name (`aide-soignant`, `sage-femme`), not a verb and its pronoun (`peut-il`, `dis-moi`).
HYPHENATED_WORD = re.compile(
    r"[\w+]+(?:-(?!(?:t-)?(?:il|elle|on|ils|elles|je|tu|nous|vous|moi|toi|ce|y|en|le|la|les|lui|leur|ci)\b)[\w+]+)*|\(|[?!,]")


PHRASE_END = frozenset("(?!,")  # tokens after which a name cannot go on (`question_tokens` keeps them)


def question_tokens(question: str) -> list[str]:
    """The question's words as written, elisions split off, compound names kept whole, `(` kept (it opens what a
    follow-up carried over), and `?`/`!`/`,` (a phrase ends there: « c quoi un OCT ? le spécialiste … »,
    « gouvernante générale, évolution possible ? »)."""
    return HYPHENATED_WORD.findall(question.replace("'", " ").replace("’", " "))


def trim_connectors(phrase: str) -> str:
    """A phrase without the `de`, `la`... it ends with: `technicien de` -> `technicien`."""
    words = phrase.split()
    while words and fold(words[-1]) in SLOT_CONNECTORS:
        words.pop()
    return " ".join(words)


def _salient_words(slot: str) -> tuple[str, ...]:
    """Words of the job slot, which the corpus must know (`boulanger`, `mlops`)."""
    return tuple(w for w in words_of(slot) if len(w) > 2 and w not in STOP_WORDS and not _is_generic(w))


def _is_generic(word: str) -> bool:
    if word in lexicon.GLOSSARY or word in lexicon.PLACES or word in GENERIC:
        return True
    pieces = re.findall(r"[a-z0-9]+", word)
    glossary = lexicon.glossary_words()
    return all(p in glossary or (terms(p) or [""])[0] in QUESTION_WORDS for p in pieces)


def _counted_noun(asked: str, counted: re.Match | None) -> str:
    """What « combien de X » counts: X, or the thing X measures when that has a unit of its own (« combien
    d'années d'expérience » counts experience, `UNIT_CUES`: `3 ans d'expérience`, not any years); "duree" for « ça
    dure combien »."""
    measured = MEASURED.search(asked)
    if measured and measured.group(2) in UNIT_CUES:
        return measured.group(2)
    size = ASKS_SIZE.search(asked)  # « quelle taille minimum » : a size, not any number
    if size and not counted:
        return size.group(1)
    if not counted and HOW_MANY_PEOPLE.search(asked):  # « ils sont combien dans le fourgon ? »
        return "personnes"
    return counted.group(1) if counted else "duree" if re.search(ASKS_DURATION, asked) else ""


PEOPLE = frozenset("personne personnes gens salaries collaborateurs".split())  # folded: nouns counting people


RATE = re.compile(r"\bpar (jour|semaine|mois|an|annee|heure|nuit|garde|service|seance|client|patient)s?\b")  # folded


MONEY_NOUNS = frozenset("argent euros euro sous budget thunes".split())  # counted in « combien d'… », an amount
APPROXIMATELY = r"(?:de (?:l )?ordre de|environ|au moins|au minimum|pres de|plus de|moins de)"  # as `words` leaves them


def _counted_cue(noun: str, rate: re.Match | None = None) -> str:
    """A number attached to the counted noun; for a count per day, week… (« combien de pianos par jour »), any
    number said per that (`quatre, cinq accords par jour`)."""
    if rate and noun and noun not in UNIT_CUES:
        return rf"{_counted_cue(noun)}|{COUNT}\s+(?:(?!brut\b|nets?\b|euros?\b|\d)\w+\s+){{1,3}}par {rate.group(1)}"  # not
        # `1 850 € par mois` (`words` drops the `€`: `28 000 par an` is no count either)
    if not noun:
        return ""
    if noun in UNIT_CUES:
        return UNIT_CUES[noun]
    if noun in PEOPLE:  # « combien de personnes » : `deux techniciens` as well as `12 personnes`
        return rf"{COUNT}\s+(?:\w+\s+)?(?:personnes|\w+(?:eur|euse|rice|ien|ienne|iste|ier|iere|ant|ante)s?)\b"
    stem = terms(noun)
    if not stem:
        return ""  # `3 stages`, `15 élèves`; or the noun given its figure: `une commission de 15 %`
    return (rf"{COUNT}\s+(?:\w+\s+){{0,2}}{re.escape(stem[0])}|{re.escape(stem[0])}\w*\s+(?:de|d|:)\s+{COUNT}"  # `27 jours de congés`
            rf"|{re.escape(stem[0])}\w*\s+(?:\w+\s+)?(?:{APPROXIMATELY}\s+)?{COUNT}"  # `offices notariaux (environ 7 000)`
            rf"|{re.escape(stem[0])}\w*(?:\s+\w+){{0,6}}?\s+{APPROXIMATELY}\s+{COUNT}")  # `de plongées … de l'ordre de 80`
