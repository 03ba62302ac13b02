"""Question analysis: types, jobs (with typos and franglais), places and subject words."""

from __future__ import annotations

import re

import pytest

from assistant.answer.lexicon import expand, places
from assistant.answer.question import analyse, job_slot
from assistant.index.profile import Job, JobCatalog
from assistant.text import terms, words


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("combien gagne un éthicien IA ?", ("salaire",)),
        ("Combien y a-t-il de qualiticiens IA en France ?", ("nombre",)),
        ("Quel est le taux de chômage des data scientists ?", ("taux",)),
        ("Quelles entreprises recrutent des qualiticiens ?", ("employeurs",)),
        ("cb coute le bachelor", ("prix",)),
        ("et c'est financé comment ?", ("financement",)),
        ("le CPF peut prendre en charge la formation ?", ("financement",)),
        ("y a des aides pour se former ?", ("financement",)),
        ("combien gagne un aide-soignant ?", ("salaire",)),
        ("on s'inscrit comment ?", ("formation",)),
        ("le dimanche c'est majoré de combien ?", ("taux",)),
        ("où peut-il travailler une fois diplômé ?", ("employeurs",)),  # « une fois diplômé » says when
    ],
)
def test_question_types(question: str, kinds: tuple[str, ...]) -> None:
    assert set(kinds) <= set(analyse(question).kinds)
    assert "financement" in kinds or "financement" not in analyse(question).kinds


def test_how_a_training_is_paid_for_asks_funding_only() -> None:
    assert analyse("comment on finance la formation sans perdre son salaire ?").kinds == ("financement",)


def test_when_one_is_qualified_asks_nothing_about_training() -> None:
    assert analyse("où peut-il travailler une fois diplômé ?").kinds == ("employeurs",)


def test_asking_how_a_figure_comes_about_is_not_asking_the_figure() -> None:
    assert analyse("combien gagne un qualiticien IA ?").strict == ("salaire",)
    assert analyse("De quoi dépend la rémunération d'un chef de projet chatbot ?").strict == ()


CATALOG = JobCatalog([  # made-up jobs: the analysis knows only what a corpus profile gives it
    Job("Apiculteur/trice", ["apiculteur", "apicultrice"]),
    Job("Ingénieur acoustique", ["ingénieur acoustique", "acoustic engineer"]),
    Job("Data archiviste", ["data archiviste"]),
    Job("Data curator", ["data curator"]),
    Job("Monitrice sportive", ["monitrice sportive"]),  # a page written in the feminine only
])


@pytest.mark.parametrize(
    ("question", "job"),
    [
        ("combien gagne une apicultrice", "Apiculteur/trice"),
        ("apiculteurs salaire confirmé ?", "Apiculteur/trice"),
        ("ingenieur acoustque salaire", "Ingénieur acoustique"),  # one letter missing
        ("salaire d'un acoustic engineer", "Ingénieur acoustique"),  # the name the document gives in English
        ("un ingénieur acoustique junior gagne combien", "Ingénieur acoustique"),
        ("que fait un data curator ?", "Data curator"),
        ("les horaires d'un moniteur sportif en salle ?", "Monitrice sportive"),  # both words in the masculine
    ],
)
def test_jobs_are_found_by_the_corpus_names_despite_typos(question: str, job: str) -> None:
    assert analyse(question, CATALOG).jobs == (job,)


@pytest.mark.parametrize(
    ("question", "other"),
    [
        ("combien gagne un data engineer ?", "data engineer"),  # shares `data` with two jobs, names neither
        ("et un ingénieur du bâtiment ?", "ingénieur du bâtiment"),  # shares the head `ingénieur` only
        ("Combien gagne un spécialiste des risques ?", "spécialiste des risques"),
        ("faut-il un bac+5 pour devenir boulanger", "boulanger"),
    ],
)
def test_a_person_the_corpus_does_not_name_is_not_one_of_its_jobs(question: str, other: str) -> None:
    analysed = analyse(question, CATALOG)
    assert analysed.jobs == () and analysed.other_job == other


def test_subject_words_must_be_known_but_descriptions_need_not() -> None:
    assert "boulanger" in analyse("Combien gagne un boulanger ?").salient
    assert "mlop" in analyse("salaire d'un ingénieur MLOps").salient
    assert analyse("la start-up qui met en relation des experts avec les labos ?").salient == ()
    assert analyse("faut-il un bac+5 ?").salient == ()


def test_seniority_and_aspect_words() -> None:
    assert analyse("salaire d'un apiculteur débutant", CATALOG).seniority == "start"
    assert analyse("et en fin de carrière ?").seniority == "end"
    assert analyse("et il peut faire du télétravail ?").aspect_words == ("teletravail",)


def test_places_and_their_synonyms() -> None:
    assert places("aux États-Unis") == places("outre-Atlantique") == {"usa"}
    assert analyse("salaire d'un qualiticien IA en Suisse ?").places == {"suisse"}


def test_expansion_appends_french_words_and_keeps_the_question() -> None:
    expanded = expand("cb gagne un respo alignement")
    assert expanded.startswith("cb gagne un respo alignement") and "combien" in expanded and "responsable" in expanded


def test_a_word_between_the_names_words_makes_another_job() -> None:
    catalog = JobCatalog([Job("Développeuse front-end", ["développeuse front-end"])])
    assert analyse("salaire d'une développeuse front-end", catalog).jobs == ("Développeuse front-end",)
    assert analyse("et un développeur front-end ?", catalog).jobs == ("Développeuse front-end",)  # either gender
    assert analyse("salaire d'un développeur back-end débutant", catalog).jobs == ()


def test_a_compound_role_is_a_person_but_its_parts_are_not() -> None:
    assert analyse("salaire d'une sage-femme ?").other_job == "sage-femme"  # kept whole, as written
    assert analyse("quel est le salaire d'un aide-soignant débutant ?").other_job == "aide-soignant"
    assert analyse("une femme peut-elle devenir data analyst ?", CATALOG).other_job == "data analyst"


def test_a_corpus_job_head_makes_another_person_of_its_namesakes() -> None:
    catalog = JobCatalog([Job("Conseiller / conseillère en insertion", ["conseiller en insertion",
                                                                         "conseillère en insertion"], ["c.md"])])
    assert analyse("conseiller bancaire en agence c quoi le salaire ?", catalog).other_job.startswith("conseiller bancaire")
    assert analyse("conseillere en insertion pro c quoi le salaire ?", catalog).jobs  # `pro`: informal, same job
    assert analyse("ou on peut bosser comme conseillere en insertion pro ?", catalog).jobs
    assert analyse("ebeniste faut quoi comme formation ?", catalog).other_job == "ebeniste"  # a role noun alone
    assert analyse("salaire gardien brigadier 1er echelon", catalog).other_job == "gardien brigadier"


@pytest.mark.parametrize(("question", "kind"), [
    ("et au debut on touche combien ?", "salaire"),
    ("ou on peut bosser comme apiculteur ?", "employeurs"),
    ("et ils bossent pour qui ?", "employeurs"),
    ("pour qui travaille un cordier ?", "employeurs"),
    ("conseiller en insertion ca consiste en quoi ?", "missions"),
])
def test_informal_questions_say_what_they_ask(question: str, kind: str) -> None:
    assert kind in analyse(question).kinds
    assert "carriere" not in analyse("conseiller en insertion ca consiste en quoi ?").kinds  # not « conseil »
    assert "différence" in expand("diff entre apiculteur et sommelier ?")


def test_the_job_name_asks_nothing_and_what_is_asked_is_not_a_definition() -> None:
    catalog = JobCatalog([Job("Professeur des écoles", ["professeur des écoles"], ["p.md"])])
    assert "formation" not in analyse("où est affecté un professeur des écoles débutant ?", catalog).kinds
    assert analyse("c'est quoi les horaires d'un boulanger ?").kinds == ("conditions",)
    assert "definition" in analyse("c'est quoi un boulanger ?").kinds
    assert analyse("quelles certifications pour travailler sur les éoliennes ?").kinds == ("formation",)
    assert "employeurs" in analyse("dans quelles structures un infirmier peut-il exercer ?").kinds


def test_a_pay_period_is_no_person() -> None:
    assert analyse("quel est le revenu journalier d'un cordiste indépendant ?").other_job == "cordiste"
    assert "par jour" in expand("revenu journalier d'un cordiste")


def test_a_title_coordinating_two_roles_names_both_when_the_text_talks_of_each() -> None:
    from assistant.index.profile import build_profile

    text = ("# Cordier ou guide : quelles différences ?\n\nLe cordier tresse les cordages. Le guide accompagne les "
            "cordées en montagne. Un guide débutant gagne 1 900 € par mois.\n")
    profile = build_profile([("comparatif.md", "Cordier ou guide : quelles différences ?", [(0, 1, "x")], text)])
    assert [job.name for job in profile.jobs] == ["Cordier", "Guide"]
    topics = build_profile([("t.md", "Salaires et cordiers : le guide", [], "Les salaires des cordiers.")]).jobs
    assert "Salaires" not in [job.name for job in topics]  # a plural topic is no one



OFFER = ("OFFRE D'EMPLOI - RÉF. 2025-42\n\nCORDIER / GRÉEUR DE VOILIERS (H/F)\nVOILERIE MARBEUF - Lorient (56)\n\n"
         "MISSIONS\n\nLa Voilerie Marbeuf recrute un cordier pour son atelier. Horaires : 8 h - 16 h.\n")
GUIDE = "# Moniteur d'escalade\n\nLe moniteur d'escalade encadre les grimpeurs en salle et en falaise, parfois fédéral.\n"


def test_a_job_offer_names_its_job_on_its_h_f_line_and_each_name_beside_a_slash() -> None:
    from assistant.index.profile import build_profile, offer_title

    assert offer_title(OFFER) == "CORDIER / GRÉEUR DE VOILIERS"
    profile = build_profile([("offre.txt", "OFFRE D'EMPLOI - RÉF. 2025-42", [], OFFER)])
    assert [job.name for job in profile.jobs] == ["Cordier / gréeur de voiliers"]
    catalog = JobCatalog(profile.jobs)
    assert catalog.names("combien gagne un cordier ?") == ["Cordier / gréeur de voiliers"]  # one name of the two
    assert offer_title("Le cordier tresse les cordages.\nIl travaille en atelier.") == ""


def test_working_at_night_is_a_question_on_working_conditions() -> None:
    assert analyse("est-ce qu'on bosse la nuit en atelier de corderie ?").kinds == ("conditions",)


def test_a_status_word_in_the_job_name_is_no_question_on_the_status() -> None:
    catalog = JobCatalog([Job("Cordière indépendante", ["cordière indépendante"], ["blog.md"])])
    asked = analyse("Quels tarifs pratique une cordière indépendante pour un cordage courant ?", catalog)
    assert asked.jobs == ("Cordière indépendante",) and not asked.own_boss and not asked.about_figure
    assert analyse("Une cordière à son compte gagne combien ?", catalog).own_boss
    assert analyse("de quoi dépend le tarif d'une cordière ?", catalog).about_figure


def test_a_clause_saying_when_does_not_make_a_question_about_a_date() -> None:
    assert analyse("Quand des clients attendent, le cordier a combien de temps pour réparer ?").kinds == ("nombre",)
    assert "date" in analyse("Quand est-ce que les inscriptions ouvrent ?").kinds
    assert "salaire" in analyse("quand on débute, on gagne combien ?").kinds and "date" not in analyse("quand on débute, on gagne combien ?").kinds


def test_an_offers_other_name_after_its_h_f_mark_is_kept_as_a_name_of_its_job() -> None:
    from assistant.index.profile import build_profile, offer_title

    offer = OFFER.replace("CORDIER / GRÉEUR DE VOILIERS (H/F)", "TECHNICIEN DE CORDERIE H/F (cordier)")
    assert offer_title(offer) == "TECHNICIEN DE CORDERIE (cordier)"
    profile = build_profile([("offre.txt", "OFFRE D'EMPLOI - RÉF. 2025-42", [], offer)])
    catalog = JobCatalog(profile.jobs)
    assert catalog.names("combien gagne un cordier ?") == ["Technicien de corderie (cordier)"]


def test_an_inverted_verb_and_a_grade_ordinal_bound_the_person_asked_about() -> None:
    assert job_slot("Comment une cordière trouve-t-elle ses clients ?") == "cordière"
    assert job_slot("Combien gagne un inspecteur principal de 2e classe au 1er échelon ?") == "inspecteur principal de 2e classe"
    assert job_slot("combien gagne un apprenti de 2e année ?") == "apprenti"  # an ordinal of anything else ends it


def test_an_employers_name_after_the_job_keeps_the_job_but_a_common_word_makes_another() -> None:
    from assistant.index.profile import build_profile

    offer = OFFER.replace("CORDIER / GRÉEUR DE VOILIERS", "CORDIER VOILIER")
    profile = build_profile([("offre.txt", "OFFRE D'EMPLOI", [], offer), ("moniteur.md", "Moniteur d'escalade", [], GUIDE)])
    catalog = JobCatalog(profile.jobs)
    own = {job.name: job.own_words for job in profile.jobs}
    assert "marbeuf" in own["Cordier voilier"] and "salle" not in own["Moniteur d'escalade"]
    assert analyse("les horaires du poste de cordier marbeuf ?", catalog).jobs == ("Cordier voilier",)
    assert analyse("les horaires du poste de cordier gréeur ?", catalog).other_job  # a word the page never writes
    # a common word (written in lower case), even one only this page writes, makes another job than the page's
    assert analyse("combien gagne un moniteur fédéral ?", catalog).other_job


def test_a_one_word_job_inside_a_hyphenated_compound_is_another_job() -> None:
    catalog = JobCatalog([Job("Comptable", ["comptable"], ["c.md"]), Job("Opticien-lunetier", ["Opticien-lunetier"], ["o.md"])])
    assert catalog.names("Combien gagne un expert-comptable ?") == []
    assert catalog.names("combien gagne un comptable ?") == ["Comptable"]
    assert catalog.names("Le comptable travaille avec l'expert-comptable.") == ["Comptable"]  # also named alone
    assert catalog.names("salaire d'un opticien-lunetier") == ["Opticien-lunetier"]


def test_a_job_sheet_names_its_job_whatever_its_form_with_the_other_names_it_lists() -> None:
    from assistant.index.profile import build_profile

    text = ("# Fiche métier : Cartographe-arpenteur\n\nAutres appellations : technicien arpenteur, releveur de terrain\n"
            "Niveau d'accès : bac + 2\n\nLe cartographe-arpenteur mesure les terrains.\n")
    profile = build_profile([("fiche.md", "Fiche métier : Cartographe-arpenteur", [], text)])
    assert [job.name for job in profile.jobs] == ["Cartographe-arpenteur"]
    assert {"technicien arpenteur", "releveur de terrain"} <= set(profile.jobs[0].variants)
    catalog = JobCatalog(profile.jobs)
    assert analyse("combien gagne un releveur de terrain ?", catalog).jobs == ("Cartographe-arpenteur",)


def test_an_offers_h_f_line_names_its_job_before_a_contract_line_taken_for_a_title() -> None:
    from assistant.index.profile import build_profile

    offer = ("Offres d'emploi > Alimentaire > Savoie\n\nCDI - Temps plein - Prise de poste : mars\n"
             "FROMAGER AFFINEUR - VENDEUR EN CRÈMERIE (H/F)\nMaison Dupré - Chambéry\n\nNous recrutons un fromager.\n")
    profile = build_profile([("offre.txt", "CDI - Temps plein - Prise de poste : mars", [], offer)])
    assert [job.name for job in profile.jobs] == ["Fromager affineur"]


def test_a_word_of_the_question_that_only_says_what_is_asked_names_no_job() -> None:
    catalog = JobCatalog([Job("Opticien", ["opticien", "opticien diplômé"], ["o.md"]),
                          Job("Ouvrier couvreur", ["ouvrier couvreur"], ["c.md"])],
                         known=frozenset(terms("ouvrir son salon de coiffure")))
    question = "faut quel diplome pour ouvrir son propre salon de coiffure ?"
    assert analyse(question, catalog).jobs == ()  # `diplôme` is asked, `ouvrir` is a word, no typo of `ouvrier`
    assert analyse("combien gagne un ouvrieer couvreur ?", catalog).jobs == ("Ouvrier couvreur",)  # a real typo


def test_politeness_and_a_sentence_opening_capital_are_no_names_but_an_acronym_is() -> None:
    question = analyse("Bonjour, où travaille un apiculteur ? Merci d'avance. Et chez Miellor, au SMIC ?", CATALOG)
    assert "Merci" not in question.names and "Bonjour" not in question.names
    assert {"Miellor", "SMIC"} <= set(question.names)
    assert "merc" not in question.aspect_terms and "bonjour" not in question.aspect_terms


def test_plurals_in_aux_are_read_as_their_singular_in_al() -> None:
    from assistant.index.profile import content_words

    assert content_words("Catégorie C – Caporaux") == content_words("catégorie C, caporal")
    assert content_words("les bureaux") == content_words("le bureau")


def test_a_short_word_that_is_part_of_a_jobs_name_tells_it_from_its_neighbour() -> None:
    catalog = JobCatalog([Job("Ingénieur son", ["ingénieur son"], ["c.md"]),
                          Job("Ingénieur lumière", ["ingénieur lumière"], ["c.md"])])
    assert catalog.names("L'ingénieur / l'ingénieure lumière") == ["Ingénieur lumière"]
    assert catalog.names("Salaire d'un ingénieur son") == ["Ingénieur son"]
    assert catalog.names("son salaire dépend de la salle") == []  # the possessive names no one


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("régisseur intermittent c combien la journée ?", "salaire"),
        ("et ça représente combien ?", "nombre"),
        ("à quel âge on part à la retraite ?", "age"),
    ],
)
def test_figures_asked_without_saying_what_kind(question: str, kind: str) -> None:
    assert kind in analyse(question).kinds


def test_a_name_inside_a_longer_name_is_not_named_too_unless_written_alone() -> None:
    catalog = JobCatalog([Job("Garde", ["garde"], ["g.md"]), Job("Garde principal", ["garde principal"], ["g.md"])])
    assert catalog.names("et en garde principal, au même échelon ?") == ["Garde principal"]
    assert sorted(catalog.names("le garde et le garde principal")) == ["Garde", "Garde principal"]
    assert catalog.names("Garde principal : primes et indemnités principales") == ["Garde principal"]


def test_how_much_pay_lost_is_a_salary_question_not_a_count() -> None:
    question = analyse("elle a perdu combien de salaire en quittant la banque ?")
    assert "salaire" in question.kinds and "nombre" not in question.kinds
    assert "nombre" in analyse("combien de salariés dans l'entreprise ?").kinds


def test_an_acronym_the_corpus_spells_out_as_a_role_is_a_person_asked_about() -> None:
    from assistant.index.profile import build_profile, role_acronyms

    text = ("# Grille des gardes champêtres\n\nLes agents de surveillance de la voie publique (ASVP) n'en font pas "
            "partie. Les petites et moyennes entreprises (PME) ne recrutent pas de gardes.\n")
    assert role_acronyms(text) == ["ASVP"]
    profile = build_profile([("grille.md", "Grille des gardes champêtres", [], text)])
    catalog = JobCatalog(profile.jobs, persons=frozenset(profile.persons))
    vocabulary = frozenset(terms(text))
    assert analyse("un ASVP il touche combien par mois ?", catalog, vocabulary).other_job == "ASVP"
    assert analyse("une PME paie combien ?", catalog, vocabulary).other_job == ""
    assert analyse("c'est quoi une PME en cordage ?", catalog, vocabulary).other_job == ""  # whatever follows it
    assert analyse("un ASVP en mairie il touche combien ?", catalog, vocabulary).other_job == "ASVP en mairie"


def test_a_distinctive_head_names_its_long_job_but_a_broad_one_does_not() -> None:
    catalog = JobCatalog([Job("Électromécanicien de maintenance industrielle",
                              ["électromécanicien de maintenance industrielle"], ["o.txt"]),
                          Job("Auxiliaire spécialisé vétérinaire", ["auxiliaire spécialisé vétérinaire"], ["a.txt"]),
                          Job("Chargé de communication", ["chargé de communication"], ["c.md"])])
    assert analyse("quel diplome pour electromecanicien chez thermopack ?", catalog).jobs == (
        "Électromécanicien de maintenance industrielle",)
    assert analyse("la formation d'auxiliaire elle dure combien ?", catalog).jobs == ()
    assert analyse("pour etre chargé de com dans une mairie ?", catalog).jobs == ("Chargé de communication",)


def test_a_job_sheets_title_with_other_names_in_brackets_names_its_job() -> None:
    from assistant.index.profile import build_profile

    title = "Fiche métier : Data steward (gardien·ne des données de référence)"
    profile = build_profile([("fiche.md", title, [], f"# {title}\n\nLe data steward veille sur les données.\n")])
    assert [job.name for job in profile.jobs] == ["Data steward (gardien·ne des données de référence)"]


def test_an_osteopath_is_a_person_the_corpus_does_not_name() -> None:
    analysed = analyse("osteopathe c'est combien d'annees d'etudes ?", CATALOG)
    assert analysed.jobs == () and analysed.other_job == "osteopathe"


def test_a_post_about_no_job_is_about_the_role_its_diploma_prepares_for() -> None:
    from assistant.index.profile import build_profile

    text = ("# Du tableur au chêne : ma nouvelle vie\n\nIl y a deux ans j'étais commercial. Puis j'ai passé le "
            "CAP Charpentier bois au GRETA, et je vise le BP Charpentier.\n")
    profile = build_profile([("blog.md", "Du tableur au chêne : ma nouvelle vie", [], text)])
    assert "charpentier" in profile.documents["blog.md"]["opening"].split()
    assert "commercial" not in profile.documents["blog.md"]["opening"].split()


def test_the_words_of_a_job_name_written_out_ask_nothing() -> None:
    catalog = JobCatalog([Job("Éthicien en intelligence artificielle", ["éthicien en intelligence artificielle"])])
    question = analyse("et quelles études faut-il ? (Éthicien en intelligence artificielle)", catalog)
    assert question.jobs == ("Éthicien en intelligence artificielle",)
    assert not {"intelligent", "artificiel"} & question.aspect_terms


def test_a_word_in_capitals_after_a_partial_name_makes_another_job() -> None:
    catalog = JobCatalog([Job("Ingénieur cloud", ["chef de projet cloud et virtualisation"], ["c.md"])])
    question = analyse("quel est le seuil pour un chef de projet SI avec 7 ans d'expérience ?", catalog)
    assert question.jobs == () and question.other_job == "chef de projet SI"
    assert analyse("un chef de projet cloud gagne combien ?", catalog).jobs == ("Ingénieur cloud",)


def test_the_documents_of_the_job_named_are_read_first_when_it_has_few() -> None:
    from assistant.index.profile import CorpusView
    from assistant.pipeline import _named_sources

    few = CorpusView(set(), JobCatalog([Job("Menuisier", ["menuisier"], ["menuisier.md"])]), {}, [])
    assert _named_sources(few, analyse("combien gagne une menuisière qui débute ?", few.catalog)) == {"menuisier.md"}
    many = CorpusView(set(), JobCatalog([Job("Menuisier", ["menuisier"], [f"m{i}.md" for i in range(9)])]), {}, [])
    assert _named_sources(many, analyse("combien gagne une menuisière qui débute ?", many.catalog)) == frozenset()
    assert _named_sources(few, analyse("combien gagne un boulanger ?", few.catalog)) == frozenset()


def test_a_grid_whose_title_opens_on_the_grid_names_the_role_after_its_dash() -> None:
    from assistant.index.profile import build_profile

    text = ("# Grille indiciaire 2024 – Cordiers territoriaux (catégorie B)\n\nLe cadre d'emplois des cordiers "
            "territoriaux regroupe deux grades. Un cordier territorial débute à 1 900 € brut.\n")
    profile = build_profile([("grille.md", "Grille indiciaire 2024 – Cordiers territoriaux (catégorie B)", [], text)])
    assert [job.name for job in profile.jobs] == ["Cordiers territoriaux (catégorie B)"]
    assert analyse("combien gagne un cordier territorial ?", JobCatalog(profile.jobs)).jobs
    careers = build_profile([("offre.txt", "Voilerie Marbeuf — Carrières", [], "Nos carrières à la voilerie.\n")])
    assert careers.jobs == []  # `Carrières` ends like a role noun but names none


def test_the_names_a_page_gives_its_job_after_le_metier_de() -> None:
    from assistant.index.profile import build_profile

    text = (OFFER + "Le métier de cordier est aussi appelé gréeur, matelotier ou, dans certaines voileries, "
            "épisseur.\n")
    variants = build_profile([("offre.txt", "OFFRE D'EMPLOI", [], text)]).jobs[0].variants
    assert "gréeur" in variants and "matelotier" in variants  # not `matelotier ou`


def test_a_french_word_in_iere_is_no_english_role_noun() -> None:
    from assistant.index.profile import looks_like_job

    assert not looks_like_job("régie lumière") and looks_like_job("UX designer") and looks_like_job("data analyst")
    assert analyse("c'est quoi le métier de régie lumière ?").other_job == "régie lumière"  # named as a job


def test_after_devenir_any_noun_is_the_person_asked_about() -> None:
    assert analyse("quelles études pour devenir kiné ?").salient == ("kine",)
    assert analyse("les horaires du poste de maintenance ?").other_job == ""  # a post named by its activity
    assert "kine" in analyse("et ça gagne combien ? (kiné)").salient  # carried from an earlier turn


def test_a_feminine_word_that_only_looks_like_a_role_is_none() -> None:
    from assistant.index.profile import looks_like_job

    assert not looks_like_job("première") and not looks_like_job("dernière")
    assert analyse("et au tout début, la première année ?").other_job == ""


def test_an_offer_marked_h_f_without_brackets_names_its_job_and_its_other_names() -> None:
    from assistant.index.profile import build_profile, offer_title
    from assistant.ingest.clean import clean_blocks
    from assistant.ingest.sources import document_title

    offer = ("Offres d'emploi > Voilerie > Lorient (56)\n\nCORDIER(E) H/F — CDI\nVoilerie Marbeuf — Lorient (56)\n\n"
             "[Postuler]  [Sauvegarder]  [Partager]\n\nNous recherchons un(e) cordier(e) (aussi appelé(e) gréeur ou "
             "rigger) pour notre atelier.\n")
    assert offer_title(offer) == "CORDIER(E)"
    assert document_title(offer, clean_blocks(offer)) == "CORDIER(E)"  # not the trail's place, not the buttons
    jobs = build_profile([("offre.txt", "[Postuler]  [Sauvegarder]  [Partager]", [], offer)]).jobs
    assert [job.name for job in jobs] == ["Cordier(e)"] and {"gréeur", "rigger"} <= set(jobs[0].variants)


def test_how_one_becomes_a_person_and_words_typed_short_in_a_job_name() -> None:
    catalog = JobCatalog([Job("Chargé de recrutement", ["chargé de recrutement", "recruteur"], ["offre.txt"])])
    assert analyse("il fait quoi le chargé de recrut dans cette offre ?", catalog).jobs == ("Chargé de recrutement",)
    assert analyse("comment on devient aiguilleur du ciel ?? faut etre pilote ?").other_job == "aiguilleur du ciel"
    assert analyse("et s'il devient responsable de magasin ?").other_job == ""  # the person already talked about
    assert job_slot("faut investir combien ? je vais me mettre à mon compte comme serrurier après mon CAP") == "serrurier"


def test_english_words_of_a_question_are_read_in_french() -> None:
    assert {"niveau", "anglais"} <= set(expand("What level of english faut-il ?").split())


def test_quand_meme_asks_no_date() -> None:
    assert "date" not in analyse("je suis allergique, jsp si je peux quand même faire toiletteuse ?").kinds
    assert "date" in analyse("quand commence la formation ?").kinds


def test_a_page_names_one_job_when_its_heading_cuts_the_titles_name_short() -> None:
    from assistant.index.profile import build_profile

    text = ("# FAQ — Devenir cordier voilier\n\n## C'est quoi, le métier de cordier ?\n\nLe cordier voilier tresse "
            "les cordages. Un cordier débutant gagne 1 800 €.\n")
    headings = [(0, 1, "FAQ — Devenir cordier voilier"), (33, 2, "C'est quoi, le métier de cordier ?")]
    profile = build_profile([("faq.md", "FAQ — Devenir cordier voilier", headings, text)])
    assert [job.name for job in profile.jobs] == ["Cordier voilier"] and "cordier" in profile.jobs[0].variants


def test_technos_asks_for_skills() -> None:
    assert "competences" in analyse("quelles technos faut connaitre pour ce job ?").kinds


def test_a_comma_ends_the_person_a_question_names() -> None:
    assert job_slot("gouvernante générale, évolution possible ensuite ?") == "gouvernante générale"
    assert analyse("cordier, ça recrute ?").other_job == "cordier"


def test_the_page_a_person_comes_from_is_not_part_of_their_job() -> None:
    assert analyse("la gouvernante du podcast elle gagne combien ?").other_job == "gouvernante"
    assert analyse("le cordier de l'article il bosse où ?").other_job == "cordier"


def test_a_diploma_named_after_quel_or_un_asks_about_training() -> None:
    assert "formation" in analyse("elle avait fait quel CAP ?").kinds
    assert "formation" in analyse("faut un BTS pour être cordier ?").kinds
    assert "formation" not in analyse("qui embauche à la sortie du BTS ?").kinds


def test_how_many_degrees_is_answered_by_a_temperature() -> None:
    cue = analyse("la chambre froide c'est à combien de degrés ?").counted_cue
    assert re.search(cue, " ".join(words("La chambre froide est à 6 °C.")))
    assert not re.search(cue, " ".join(words("La chambre froide fait 6 mètres carrés.")))


def test_a_word_typed_short_counts_as_the_one_corpus_word_it_starts() -> None:
    vocabulary = {"phytosanitair", "certificat", "employeur", "vign"}
    assert "phytosanitair" in analyse("un certificat pour les traitements phyto ?", vocabulary=vocabulary).terms
    assert "employeur" not in analyse("une aide employée par la mairie ?", vocabulary=vocabulary).terms


def test_a_visit_is_no_web_site_of_employers() -> None:
    assert "employeurs" not in analyse("visite médicale obligatoire pour devenir cordier ?").kinds
    assert "employeurs" in analyse("quels sites recrutent des cordiers ?").kinds


def test_wanting_to_know_is_no_question_on_know_how() -> None:
    assert analyse("je voudrais savoir combien gagne un cordier").kinds == ("salaire",)
    assert "competences" in analyse("faut-il savoir nager pour être cordier ?").kinds


def test_an_inhabitants_adjective_names_their_town_and_a_town_is_never_completed() -> None:
    assert places("un palace parisien") == {"paris"} and places("des entreprises lyonnaises") == {"lyon"}
    question = analyse("la meilleure école de lyon ?", vocabulary={"lyonnais", "ecol", "meilleur"})
    assert "lyonnais" not in question.terms and question.places == {"lyon"}


def test_what_a_word_means_is_asked_whatever_else_the_question_says() -> None:
    assert analyse("cordier payé « à la part », ça veut dire quoi concrètement ?").kinds == ("definition",)
    assert analyse("que signifie brut dans le salaire d'un cordier ?").kinds == ("definition",)


def test_titles_name_their_job_as_career_pages_write_them() -> None:
    from assistant.index.profile import build_profile

    grid = ("# Tuyauteur gaz et fluides : missions, salaires\n\nOn l'appelle tuyauteur industriel, pipeur ou encore "
            "TGF. Un tuyauteur gaz et fluides pose des réseaux.\n")
    podcast = "Podcast « Mains d'or », épisode 4 : « Vitrailliste, le métier du verre et de la lumière »"
    forum = "Forum > Sujet : Devenir cordo répar à 40 ans, vos retours ??"
    profile = build_profile([
        ("grille.md", "Tuyauteur gaz et fluides : missions, salaires", [], grid),
        ("podcast.txt", podcast, [], f"{podcast}\n\nQ : Bonjour. R : Les vitraillistes restaurent des vitraux.\n"),
        ("forum.txt", forum, [], f"{forum}\n\nJe suis cordonnière réparatrice. Un cordonnier réparateur répare.\n"),
    ])
    jobs = {job.name: job.variants for job in profile.jobs}
    assert set(jobs) == {"Tuyauteur gaz et fluides", "Vitrailliste", "Cordonnier réparateur"}
    assert {"tuyauteur industriel", "pipeur", "TGF"} <= set(jobs["Tuyauteur gaz et fluides"])


def test_an_acronym_in_brackets_after_the_job_names_it_in_capitals_only() -> None:
    from assistant.index.profile import build_profile

    text = ("# Devenir agent(e) de salle\n\nL'agent de salle (AS) sert les clients. À ne pas confondre avec "
            "l'**AMV** (agent de maintenance des verrières), qui nettoie. Le métier se prépare en CAP.\n")
    profile = build_profile([("faq.md", "Devenir agent(e) de salle", [], text)])
    catalog = JobCatalog(profile.jobs, persons=frozenset(profile.persons))
    assert "AS" in profile.jobs[0].variants and profile.persons == ["AMV"]
    assert analyse("que fait un AS ?", catalog).jobs == ("Agent(e) de salle",)
    assert analyse("si tu as un CAP, tu gagnes combien ?", catalog).jobs == ()  # « as » in lower case: a verb
    assert analyse("combien gagne un AMV ?", catalog, frozenset(terms(text))).other_job == "AMV"


def test_a_list_of_names_keeps_each_gender_pair_whole() -> None:
    from assistant.index.profile import alias_pieces

    assert alias_pieces("cordier, producteur / productrice de cordes, tresseur") == [
        "cordier", "producteur de cordes", "productrice de cordes", "tresseur"]


def test_the_person_a_training_is_for_is_the_one_asked_about() -> None:
    catalog = JobCatalog([Job("Aide-vitrier", ["aide-vitrier"], ["faq.md"])])
    assert job_slot("la formation du titre pro agent de verrière dure combien ?") == "agent de verrière"
    assert analyse("la formation d'aide-vitrier dure combien ?", catalog).jobs == ("Aide-vitrier",)
    other = analyse("la formation d'assistant de verrière dure combien ?", catalog, frozenset(terms("assistant verrière")))
    assert other.jobs == () and other.other_job == "assistant de verrière"


def test_versus_ends_the_person_asked_about() -> None:
    assert job_slot("cordier vs matelotier, c quoi la diff ?") == "cordier"


def test_a_status_or_an_idiom_is_no_person_asked_about() -> None:
    assert job_slot("et après ça on peut devenir titulaire ?") == ""
    assert job_slot("Quelle formation dans le cadre d'une reconversion ?") == ""
    assert job_slot("et pour devenir cordier dans le cadre d'une reconversion ?") == "cordier"


def test_a_plain_text_is_titled_by_its_episode_or_topic_line_not_its_guests_name() -> None:
    from assistant.index.profile import build_profile

    podcast = ("PODCAST « GENS DE MÉTIER » – ÉPISODE 3\nCordière d'art : « Je tresse depuis vingt ans »\n\n"
               "ANNE : Bonjour ! Oui, CA, pour cordière d'art. Une cordière d'art tresse des cordes.\n")
    guest = ("PODCAST « GENS DE MÉTIER » – ÉPISODE 4\nInvitée : Claire Vautier, vitrailliste à Chartres\n\n"
             "Q : Bonjour. R : Je restaure des vitraux depuis dix ans. Une vitrailliste travaille seule.\n")
    named = ("Épisode 5 : « Les nœuds », avec Paul Morin, matelotier de marine\n\nQ : Bonjour Paul. R : Le "
             "matelotier de marine tresse les nœuds des voiliers.\n")
    forum = ("Forum Métiers > Artisanat > Vitrail\nSujet : Reconversion tailleur de verre, vos retours ?\n\n"
             "Je voudrais devenir tailleur de verre. Un tailleur de verre gagne combien ?\n")
    profile = build_profile([("podcast.txt", "PODCAST « GENS DE MÉTIER » – ÉPISODE 3", [(0, 2, "PODCAST")], podcast),
                             ("guest.txt", "PODCAST « GENS DE MÉTIER » – ÉPISODE 4", [], guest),
                             ("forum.txt", "Vitrail", [], forum),
                             ("named.txt", "Épisode 5 : « Les nœuds », avec Paul Morin, matelotier de marine", [], named)])
    jobs = {job.name: job.variants for job in profile.jobs}
    # a guest's role after their name (« à Chartres » says where), never the guest's name
    assert set(jobs) == {"Cordière d'art", "Tailleur de verre", "Vitrailliste", "Matelotier de marine"}
    assert "CA" in jobs["Cordière d'art"]  # the initials the page writes


def test_a_word_of_a_one_job_pages_title_after_its_name_keeps_that_job() -> None:
    from assistant.index.profile import build_profile

    offer = ("CORDIER TOURNANT (H/F) – CDI – CORDERIE ROYALE – ROCHEFORT\n\nNous recrutons un cordier tournant "
             "pour notre corderie. Le cordier tresse les cordes.\n")
    profile = build_profile([("offre.txt", "CORDIER TOURNANT (H/F) – CDI – CORDERIE ROYALE – ROCHEFORT", [], offer)])
    catalog = JobCatalog(profile.jobs)
    assert analyse("faut quel diplôme pour être cordier de corderie ?", catalog).jobs == ("Cordier tournant",)
    assert analyse("faut quel diplôme pour être cordier de marine ?", catalog).jobs == ()


def test_a_blog_a_podcast_and_a_forum_name_their_job_in_their_own_ways() -> None:
    from assistant.index.profile import build_profile

    blog = ("Le carnet de Zoé — Reconversion et petites victoires\nAccueil | Reconversion | Contact\n\n"
            "Du bureau à l'atelier : ma reconversion en vannière à 40 ans\nPublié le 3 mars par Zoé\n\n"
            "Je suis vannière depuis deux ans. Une vannière tresse l'osier.\n")
    site = ("Les Mains dans l'Osier — le blog d'une rempailleuse qui a tout quitté\nAccueil | Chantiers | Contact\n\n"
            "Une rempailleuse refait les assises des chaises.\n")
    podcast = ("LA VOIX DES ATELIERS — Le podcast des métiers\nÉpisode 9 : « Pas un métier de bureau » — rencontre "
               "avec une sabotière\n\nMARC : Bonjour ! Une sabotière taille des sabots.\n")
    guest = ("LES CHEMINS — Épisode 2\n« Un métier de patience »\n\nInvité : Jules Roy, guide de grotte depuis "
             "8 ans\n\nJULES : Un guide de grotte emmène des groupes sous terre.\n")
    forum = ("Douane : visiteur ou vérificateur ? Je suis perdu\n\nJe suis visiteur de port depuis 6 ans. "
             "Un vérificateur contrôle les cales.\n")
    grid = ("Grille indiciaire des éclusiers territoriaux des voies navigables (ETVN)\n\nLe cadre d'emplois des "
            "éclusiers territoriaux des voies navigables compte deux grades.\n")
    profile = build_profile([
        ("blog.txt", "Le carnet de Zoé — Reconversion et petites victoires", [], blog),
        ("site.txt", "Les Mains dans l'Osier — le blog d'une rempailleuse qui a tout quitté", [], site),
        ("podcast.txt", "LA VOIX DES ATELIERS — Le podcast des métiers", [], podcast),
        ("guest.txt", "LES CHEMINS — Épisode 2", [], guest),
        ("forum.html", "Douane : visiteur ou vérificateur ? Je suis perdu", [(0, 1, "Douane : visiteur ou vérificateur ?")], forum),
        ("grille.md", grid.split("\n")[0], [(0, 1, grid.split("\n")[0])], grid),
    ])
    names = {job.name for job in profile.jobs}
    # the article's title under the site's menu; « le blog d'une … qui … »; « rencontre avec une … »; a guest's role
    # whatever its head; a title's roles the text talks of (« je suis visiteur de port »); a plural corps, all its words
    assert {"Vannière", "Rempailleuse", "Sabotière", "Guide de grotte", "Vérificateur"} <= names
    assert {"Visiteur", "Éclusiers territoriaux des voies navigables (ETVN)"} <= names
    assert len(names) == 7


def test_is_there_work_asks_about_the_job_market_not_the_tasks() -> None:
    assert analyse("cordier, y a du boulot en ce moment ?").kinds == ("marche",)
    assert "missions" in analyse("le boulot de cordier c'est quoi au quotidien ?").kinds


def test_what_the_person_tells_of_themselves_is_context_not_a_name_to_find() -> None:
    assert analyse("Quel diplôme faut-il pour être cordier ? Je suis en terminale STMG.").names == ()
    assert analyse("Je voudrais savoir combien gagne un cordier chez Corderix").names == ("Corderix",)


def test_a_title_naming_a_role_by_becoming_it_names_it_whatever_its_form() -> None:
    from assistant.index.profile import build_profile, looks_like_job

    blog = ("Le Carnet de Léa — café et petites victoires\nAccueil | Café | Contact\n\n"
            "De la compta au comptoir : comment je suis devenue torréfactrice-barista à 33 ans\n\n"
            "Une torréfactrice-barista prépare le café. Mon premier salaire : 1 400 € net.\n")
    forum = ("Forum Saisonniers › Tourisme › Animation\nSujet : Moniteur de kayak, vos retours ??\n\n"
             "Crevant ? Oui. Mais c'est le meilleur été de ma vie.\nUn moniteur de kayak encadre des groupes.\n")
    assert not looks_like_job("Crevant ? Oui. Mais c'est le meilleur été")  # sentences, not a name
    profile = build_profile([("blog.txt", "Le Carnet de Léa — café et petites victoires", [], blog),
                             ("forum.txt", "Animation", [], forum)])
    assert {job.name for job in profile.jobs} == {"Torréfactrice-barista", "Moniteur de kayak"}


def test_paying_for_a_training_asks_its_cost_and_a_pronoun_before_a_verb_names_no_one() -> None:
    assert analyse("ça coûte combien le titre pro si on le paie soi-même ?").kinds == ("prix",)
    assert analyse("combien on le paie par mois ?").kinds == ("salaire",)
    assert job_slot("on peut la payer avec le CPF ?") == ""
    assert job_slot("combien gagne un UX designer ?") == "UX designer"


def test_capitals_a_jobs_page_writes_after_its_head_keep_that_job() -> None:
    from assistant.index.profile import build_profile

    forum = ("Sujet : Installateur photovoltaïque, vos retours ?\n\nJe suis installateur PV depuis 6 ans. Un "
             "installateur photovoltaïque pose des panneaux.\n")
    profile = build_profile([("forum.txt", "Installateur photovoltaïque, vos retours ?", [], forum)])
    catalog = JobCatalog(profile.jobs)
    assert analyse("un installateur PV gagne combien ?", catalog).jobs == ("Installateur photovoltaïque",)


def test_general_is_part_of_a_name_in_it_not_after_en() -> None:
    catalog = JobCatalog([Job("Agent d'exploitation", ["agent d'exploitation"], ["agent.md"])])
    asked = analyse("combien gagne un agent général d'assurance ?", catalog, frozenset(terms("agent exploitation")))
    assert asked.jobs == () and asked.other_job.startswith("agent général")
    assert job_slot("un cordier gagne combien en général ?") == "cordier"


def test_a_slash_between_two_complements_names_the_head_with_each() -> None:
    from assistant.index.profile import slash_names

    assert slash_names("Animateur en club de vacances / village vacances") == [
        "Animateur en club de vacances", "Animateur en village vacances"]
    assert slash_names("Logisticien / gestionnaire de flux") == ["Logisticien", "gestionnaire de flux"]
    assert slash_names("Cordier") == []


def test_a_forum_under_its_breadcrumb_a_compound_guest_role_and_a_complements_initials_name_jobs() -> None:
    from assistant.index.profile import build_profile

    forum = ("Forum Artisans > Métiers du bois > Sièges, paniers, osier\n\n[Sujet] Vannier : vos salaires ?\n"
             "Page 1 sur 2\n\nJe suis vannier depuis 3 ans. Un vannier gagne peu.\n")
    guest = ("PODCAST « MAINS » — Épisode 2\n\nInvitée : Léa Roy, accordeuse-réparatrice de harpes à Lyon, 41 ans,\n"
             "installée à son compte.\n\nMARC : Je reçois Léa, qui est accordeuse de harpes.\n")
    sheet = ("Tourneur sur bois tendre\n\nLe tourneur sur bois tendre façonne des pièces. Avec de l'expérience, "
             "il devient tourneur BT confirmé.\n")
    profile = build_profile([("forum.txt", forum.split("\n")[0], [], forum), ("podcast.txt", "PODCAST", [], guest),
                             ("fiche.md", "Tourneur sur bois tendre", [(0, 1, "Tourneur sur bois tendre")], sheet)])
    jobs = {job.name: job.variants for job in profile.jobs}
    assert set(jobs) == {"Vannier", "Accordeuse de harpes", "Tourneur sur bois tendre"}
    assert "Tourneur BT" in jobs["Tourneur sur bois tendre"]  # the page writes the complement's initials


def test_a_typical_day_asks_about_the_missions() -> None:
    assert "missions" in analyse("À quoi ressemble une journée type de vannier ?").kinds


def test_counting_people_is_answered_by_a_number_of_any_role() -> None:
    cue = analyse("et elle encadre combien de personnes ?").counted_cue
    assert re.search(cue, "j'ai une petite equipe : deux techniciens et une alternante")
    assert re.search(cue, "l'equipe monte a 45 personnes en ete")
    assert not re.search(cue, "elle travaille depuis deux ans")


def test_years_of_seniority_are_also_years_of_service() -> None:
    cue = analyse("il faut combien d'années d'ancienneté pour le concours interne ?").counted_cue
    assert re.search(cue, "ouvert aux agents comptant au moins 3 ans de services publics effectifs")
    assert not re.search(cue, "la formation dure 3 ans en lycée")


def test_a_diplomas_page_is_about_the_role_it_prepares_for_and_health_is_no_role() -> None:
    from assistant.index.profile import build_profile, looks_like_job

    page = ("CFA Osier\n\nCAP Vannier\n\nEn 2 ans d'apprentissage, devenez vannier. Le vannier tresse l'osier et "
            "restaure les fauteuils.\n")
    profile = build_profile([("cap.html", "CAP Vannier", [(11, 1, "CAP Vannier")], page)])
    assert [job.name for job in profile.jobs] == ["Vannier"]
    assert not looks_like_job("santé")


def test_two_capitals_only_a_jobs_page_writes_are_its_own_words() -> None:
    from assistant.index.profile import build_profile

    blog = ("Comment je suis devenue testeuse logiciel\n\nJe suis devenue testeuse logiciel à 35 ans. Aujourd'hui "
            "je suis QA automaticienne dans une agence : je teste les applis.\n")
    other = "Devenir cordier de marine\n\nLe cordier de marine tresse les cordes. Il gagne 1 800 € brut.\n"
    profile = build_profile([("blog.md", "Comment je suis devenue testeuse logiciel", [], blog),
                             ("cordier.md", "Devenir cordier de marine", [], other)])
    catalog = JobCatalog(profile.jobs)
    assert analyse("un testeur QA senior ça gagne combien ?", catalog).jobs == ("Testeuse logiciel",)
    assert analyse("un cordier QA ça gagne combien ?", catalog).jobs == ()  # not the cordier's page's word


def test_an_apprentice_of_a_job_is_asked_about_that_job() -> None:
    catalog = JobCatalog([Job("Cordier de marine", ["cordier de marine"])])
    assert analyse("combien est payé un apprenti cordier de 19 ans ?", catalog).jobs == ("Cordier de marine",)
    assert analyse("combien est payé un maître cordier ?", catalog).jobs == ()  # a rank of its own


def test_a_forum_posts_header_names_no_job_and_the_thread_subject_does() -> None:
    from assistant.index.profile import build_profile, looks_like_job

    assert not looks_like_job("Lulu_vannier — 12/01/2025 à 22:15") and looks_like_job("Vannier")
    thread = ("Forum Reconvertis > Artisanat > Vannerie\nSujet : Devenir vannière à 40 ans ?   (Page 1 sur 1)\n\n"
              "Lulu_vannier — 12/01/2025 à 22:15\nSalut ! Je suis vannier depuis 2019, un vannier vit surtout des marchés.\n")
    start = thread.index("Lulu_vannier")
    profile = build_profile([("forum.txt", "Forum Reconvertis > Artisanat > Vannerie",
                              [(start, 2, "Lulu_vannier — 12/01/2025 à 22:15")], thread)])
    assert [job.name for job in profile.jobs] == ["Vannière"]


def test_analyste_heads_a_name_and_a_podcasts_episode_title_ends_with_its_guests_role() -> None:
    from assistant.index.profile import _plain_text_jobs, looks_like_job

    assert looks_like_job("Analyste réseau N1")
    show = ("PODCAST MÉTIERS — le podcast des pros\nÉpisode 12 : « Au bout du quai » — régulatrice de trafic fluvial\n"
            "Mis en ligne le 6 mai 2024\n\nAvec moi, Nora, régulatrice de trafic fluvial depuis neuf ans.\n")
    assert _plain_text_jobs("PODCAST MÉTIERS — le podcast des pros", show) == ["régulatrice de trafic fluvial"]


def test_a_grids_grades_beside_a_named_one_are_jobs_and_an_old_name_is_a_name() -> None:
    from assistant.index.profile import _heading_jobs, aliases_in

    grid = ("# Grille — Vérificateurs (catégorie B)\n\nUn vérificateur principal de 2e classe contrôle les dossiers.\n"
            "## Grilles\n### Vérificateur (1er grade)\nÉchelon 1 : 1 900 €\n### Vérificateur principal de 2e classe (2e grade)\n"
            "Échelon 1 : 2 000 €\n### Vérificateur principal de 1re classe (3e grade)\nÉchelon 1 : 2 100 €\n## Primes\n")
    headings = [(m.start(), len(m.group(1)), m.group(2)) for m in re.finditer(r"^(#+) (.*)$", grid, re.M)]
    assert _heading_jobs(headings, grid) == ["Vérificateur (1er grade)", "Vérificateur principal de 2e classe (2e grade)",
                                             "Vérificateur principal de 1re classe (3e grade)"]  # the 3rd: never named again
    job = Job("Merchandiseur", ["merchandiseur"], ["page.html"])
    text = "On l'appelait autrefois vitriniste. Aujourd'hui, le merchandiseur conseille."
    assert "vitriniste" in aliases_in(text, job, only_job=True)


def test_a_capitalised_name_after_en_is_no_part_of_the_job() -> None:
    assert job_slot("combien gagne une préparatrice physique en Pro D2 ?") == "préparatrice physique"
    assert job_slot("combien gagne un technicien en électronique ?") == "technicien en électronique"


def test_a_feminine_in_eure_heads_a_title_and_a_name_ends_before_a_year() -> None:
    from assistant.index.profile import is_role_word, title_jobs

    assert is_role_word("ingenieure") and not is_role_word("meilleure") and not is_role_word("heure")
    assert title_jobs("« Ingénieure du son : de la console au plateau »") == ["Ingénieure du son"]
    assert title_jobs("Devenir facteur en 2024, ça vaut encore le coup ?") == ["facteur"]


def test_a_run_of_words_typed_short_is_one_job_written_out() -> None:
    from assistant.index.profile import CorpusView

    jobs = [Job("Assistante maternelle", ["assistante maternelle", "assistant maternel"], ["a.md"]),
            Job("Ingénieure du son", ["ingénieure du son", "ingénieur du son"], ["b.txt"])]
    corpus = CorpusView({"assist", "maternel"}, JobCatalog(jobs), {}, [])
    assert corpus.unabbreviated("combien d'heures de formation pour devenir ass mat ?") == \
        "combien d'heures de formation pour devenir assistante maternelle ?"
    assert corpus.unabbreviated("un ingé son en concert ?") == "un ingénieure du son en concert ?"
    assert "du son" not in corpus.unabbreviated("un ingé son en concert ?", known={"inge"})  # the caller's word
    assert corpus.unabbreviated("ass, mat et le reste") == "ass, mat et le reste"


def test_a_person_a_job_works_for_is_not_that_job() -> None:
    catalog = JobCatalog([Job("Clerc de notaire", ["clerc de notaire"], ["c.md"]),
                          Job("Technicien d'ascenseurs", ["technicien de maintenance d'ascenseurs"], ["t.md"])])
    assert catalog.names("combien gagne un notaire ?") == []
    assert catalog.names("combien gagne un clerc ?") == ["Clerc de notaire"]
    assert catalog.names("le technicien d'ascenseurs ?") == ["Technicien d'ascenseurs"]


@pytest.mark.parametrize(("question", "kinds"), [
    ("et y a des primes en plus du salaire ?", ()),  # whether there are any, not a figure
    ("y a un âge minimum pour entrer ?", ("age",)),
    ("y a un salaire minimum ?", ("salaire",)),
    ("quels logiciels pour bosser en bureau d'études ?", ("competences",)),  # a workplace, not studies
    ("et ça peut mener à quoi après ?", ("carriere",)),
    ("où est-ce qu'on se forme pour être ARM ?", ("formation", "lieu")),
])
def test_what_a_question_asks(question: str, kinds: tuple[str, ...]) -> None:
    assert analyse(question).kinds == kinds


def test_career_stage_words() -> None:
    assert analyse("combien gagne un prof stagiaire ?").seniority == "start"
    assert analyse("et quand on débute ?").seniority == "start"
    assert analyse("le salaire max d'un PLP ?").seniority == "end"


def test_a_count_written_after_its_noun_in_brackets_answers_how_many() -> None:
    from assistant.text import words

    cue = analyse("il y a combien d'offices notariaux en France ?").counted_cue
    assert re.search(cue, " ".join(words("Employeurs : offices notariaux (environ 7 000 en France)")))
    assert not re.search(cue, " ".join(words("Les offices notariaux recrutent en alternance.")))


def test_ile_de_france_typed_without_hyphens_is_a_place() -> None:
    assert places("et en île de france ?") == {"paris"}


def test_a_guests_role_cut_to_the_name_the_text_goes_on_using() -> None:
    from assistant.index.profile import _plain_text_jobs

    text = ("PODCAST — ÉPISODE 3\n« Payée pour aller sous l'eau ? »\n\n"
            "Invitée : Élodie M., monitrice de plongée sous-marine, salariée d'un centre.\n\n"
            "THOMAS : Alors, monitrice de plongée, une journée ?\nÉLODIE : Je plonge deux fois.\n"
            "THOMAS : Comment devient-on monitrice de plongée ?\n")
    assert _plain_text_jobs("", text) == ["monitrice de plongée"]
    once = text.replace("Comment devient-on monitrice de plongée ?", "Comment on s'y forme ?")
    assert _plain_text_jobs("", once) == []  # written only once more: not the name the text uses


def test_a_count_said_approximately_further_on_answers_how_many() -> None:
    from assistant.text import words

    cue = analyse("Combien de plongées faut-il dans son carnet ?").counted_cue
    assert re.search(cue, " ".join(words("Un certain nombre de plongées dans son carnet, de l'ordre de 80 minimum.")))


def test_an_adjective_on_tarif_asks_no_price() -> None:
    assert "prix" not in analyse("l'espèce tarifaire d'une marchandise, c'est quoi ?").kinds
    assert "prix" in analyse("quels tarifs pour une séance ?").kinds


def test_names_read_from_titles_and_offers_leave_out_ages_and_support_levels() -> None:
    from assistant.index.profile import offer_title, title_jobs

    assert title_jobs("Devenir plaquiste a 34 ans ? vos avis svp") == ["plaquiste"]
    assert offer_title("TECHNICIEN SUPPORT INFORMATIQUE N1/N2 (H/F) — CDI\nNexalis") == "TECHNICIEN SUPPORT INFORMATIQUE"
    assert offer_title("Analyste SOC N1 H/F\nCybervigie") == "Analyste SOC N1"  # one level names the post


def test_a_cole_adjective_names_the_grower() -> None:
    catalog = JobCatalog([Job("Ostréiculteur", ["ostréiculteur", "ostréicultrice"], ["o.md"])])
    assert catalog.names("un exploitant ostréicole gagne combien ?") == ["Ostréiculteur"]


def test_money_counted_is_an_amount() -> None:
    assert analyse("pour s'installer faut prévoir combien d'argent ?").kinds == ("prix",)
    assert analyse("il gagne combien d'argent ?").kinds == ("salaire",)


def test_a_time_written_in_hours_and_minutes_answers_how_long() -> None:
    from assistant.text import words

    cue = analyse("ça prend combien de temps de ferrer un cheval ?").counted_cue
    assert re.search(cue, " ".join(words("ferrer les quatre pieds (environ 1 h 30)")))
    assert re.search(cue, " ".join(words("une pause de 45 minutes")))


def test_an_employe_a_podcasts_acronym_and_a_role_a_heading_compares_are_jobs() -> None:
    from assistant.index.profile import build_profile

    shop = ("# Cordier ou employé de corderie : quel métier choisir ?\n\nL'employé de corderie range les bobines. "
            "Le cordier tresse.\n")
    podcast = ("PODCAST « GENS DE MÉTIER » — Épisode 8\n« ACDR : tresser pour les autres »\n\nLUC : Bonjour. "
               "KARIMA : Je suis ACDR depuis six ans. Une ACDR aide les cordiers, et chaque ACDR a sa corde : les ACDR "
               "tressent.\n")
    page = ("# Gréeur : le métier et le salaire\n\n## Gréeur ou voilier : quelle différence ?\n\nLe gréeur pose les "
            "câbles ; les voiliers taillent les voiles. Je suis voilier depuis 3 ans.\n")
    profile = build_profile([
        ("shop.md", "Cordier ou employé de corderie : quel métier choisir ?", [(0, 1, "x")], shop),
        ("podcast.txt", "PODCAST « GENS DE MÉTIER » — Épisode 8", [], podcast),
        ("page.md", "Gréeur : le métier et le salaire", [(0, 1, "Gréeur : le métier et le salaire"),
                                                        (40, 2, "Gréeur ou voilier : quelle différence ?")], page),
    ])
    assert {job.name for job in profile.jobs} == {"Cordier", "Employé de corderie", "ACDR", "Gréeur", "Voilier"}
    speakers = build_profile([("p.txt", "PODCAST — Épisode 9", [], "PODCAST — Épisode 9\n« LUC : bonjour »\n\n"
                                                                     "LUC : Bonjour. LUC : Oui. LUC : Non.\n")])
    assert not speakers.jobs  # a speaker's name in capitals opens lines only: no role


def test_a_hostess_is_the_feminine_of_a_host() -> None:
    from assistant.index.profile import masculine

    catalog = JobCatalog([Job("Hôte de caisse", ["Hôte de caisse"], ["caisse.md"])])
    assert masculine("hotesse") == "hote" and masculine("vitesse") == "vitesse"
    assert analyse("une hôtesse de caisse gagne combien ?", catalog).jobs == ("Hôte de caisse",)


def test_everyday_wordings_of_pay_funding_work_and_a_start_date() -> None:
    assert analyse("taux horaire d'un cordier qui débute ?").strict == ("salaire",)  # an hourly wage, no rate
    assert analyse("le taux de réussite au CAP cordier ?").strict == ("taux",)
    assert not analyse("inscrit à France Travail, qui paie ma formation de cordier ?").places  # no country
    assert "financement" in analyse("une boîte paie la formation de cordier ?").kinds
    assert "marche" in analyse("et l'hiver ya du boulot ?").kinds
    assert "titres-restaurant" in expand("y a des tickets resto ?")
    assert "financement" in analyse("la formation de cordier, y a des aides ?").kinds
    assert analyse("combien gagnent les aides à domicile ?").kinds == ("salaire",)  # people, not grants


def test_an_episode_title_naming_its_guest_then_her_role_names_the_role() -> None:
    from assistant.index.profile import build_profile

    podcast = ("GENS DE MÉTIER — le podcast qui donne la parole à ceux qui font\nÉpisode 4 : « Le chanvre, c'est "
               "fort ! » — Inès, technicienne cordière\n\nLUC : Mon invitée est technicienne cordière à Rochefort.\n")
    profile = build_profile([("p.txt", "GENS DE MÉTIER — le podcast qui donne la parole à ceux qui font", [], podcast)])
    assert [job.name for job in profile.jobs] == ["Technicienne cordière"]


def test_an_addition_to_pay_is_asked_for_its_amount_only_in_a_clause_asking_a_figure() -> None:
    assert analyse("et l'astreinte elle est payée combien ?").pay_element == frozenset(terms("astreinte"))
    assert not analyse("y a des astreintes ? combien de RTT ?").pay_element  # whether there are any; a count of days
    assert not analyse("combien gagne un cordier hors primes ?").pay_element
    assert not analyse("c'est un fixe ou que de la commission ?").pay_element


def test_the_askers_own_employer_working_times_a_status_and_two_roles_side_by_side() -> None:
    assert analyse("je suis caissier chez Lidl, je veux devenir cordier, y a une formation ?").names == ()
    assert analyse("cordier, on bosse quand ? le week end ?").kinds == ("conditions",)  # hours, not a date
    assert analyse("je veux être livreur auto-entrepreneur, il faut quel papier ?").other_job == "livreur"
    catalog = JobCatalog([Job("Chauffeur livreur colis", ["chauffeur livreur colis"]),
                          Job("Agent immobilier", ["agent immobilier"])])
    assert analyse("un livreur gagne combien ?", catalog).jobs == ("Chauffeur livreur colis",)
    assert analyse("le marché immobilier recrute ?", catalog).jobs == ()  # `agent` is broad: no second head


def test_a_grids_guards_are_people_and_a_training_body_is_no_jobs_name() -> None:
    from assistant.index.profile import build_profile

    grid = ("# Grille indiciaire des gardes cordiers territoriaux — 2025\n\nLes gardes cordiers territoriaux "
            "surveillent les quais. Les gardes cordiers sont recrutés sur concours.\n")
    offer = ("CORDIER (H/F) — CDI\n\nUn titre professionnel de cordier (AFPA) convient également. Le cordier tresse.\n")
    profile = build_profile([
        ("grille.md", "Grille indiciaire des gardes cordiers territoriaux — 2025", [(0, 1, "Grille")], grid),
        ("offre.txt", "CORDIER (H/F) — CDI", [], offer),
    ])
    jobs = {job.name: job.variants for job in profile.jobs}
    assert "Gardes cordiers territoriaux" in jobs
    assert not any("AFPA" in variants for variants in jobs.values())


def test_a_writer_saying_what_she_is_and_a_guest_named_on_a_title_line_name_their_roles() -> None:
    from assistant.index.profile import build_profile

    blog = ("# De l'open space à l'atelier : ma reconversion dans la vannerie\n\nIl y a trois ans, j'étais "
            "comptable. Aujourd'hui, je suis vannière dans un atelier de la Drôme.\n\n## La formation\n\nUn CAP.\n")
    podcast = ("« MÉTIERS EN VRAI » — ÉPISODE 9\nNadia, cordière de marine à Rochefort\nTranscription intégrale\n\n"
               "LUC : Tu es cordière de marine depuis longtemps ?\nNADIA : Une cordière de marine tresse des amarres.\n")
    profile = build_profile([
        ("blog.md", "De l'open space à l'atelier : ma reconversion dans la vannerie", [(0, 1, "De l'open space")], blog),
        ("podcast.txt", "« MÉTIERS EN VRAI » — ÉPISODE 9", [], podcast),
    ])
    assert {job.name for job in profile.jobs} == {"Vannière", "Cordière de marine"}


def test_a_title_naming_where_a_reconversion_ends_or_a_job_before_le_metier_names_that_job() -> None:
    from assistant.index.profile import build_profile

    moved = "# De conseiller bancaire à cordier : mon année\n\nMon atelier tourne. Un cordier vit de peu.\n"
    sheet = "# Actuaire : le métier, la formation et le salaire\n\nUn actuaire calcule des risques.\n"
    aside = "# De l'open space à l'établi : mon année\n\nJ'ai quitté Paris.\n"
    profile = build_profile([
        ("blog.md", "De conseiller bancaire à cordier : mon année", [(0, 1, "De conseiller")], moved),
        ("actuaire.html", "Actuaire : le métier, la formation et le salaire", [(0, 1, "Actuaire")], sheet),
        ("autre.md", "De l'open space à l'établi : mon année", [(0, 1, "De l'open space")], aside),
    ])
    assert {job.name for job in profile.jobs} == {"Cordier", "Actuaire"}


def test_a_reconversion_ends_in_the_role_trained_for_and_a_heading_names_a_job_without_its_article() -> None:
    from assistant.index.profile import build_profile

    trained = "# De vendeur en magasin à vannier : mon année\n\nJ'ai passé un CAP vannier en un an. La vannerie me plaît.\n"
    untrained = "# De vendeur en magasin à vannier : mon année\n\nJ'ai changé de vie. La vannerie me plaît.\n"
    page = ("# Cordier : métier et formation\n\n## Salaire de l'attaché de corderie selon l'expérience\n\n"
            "Un attaché de corderie gagne 2 000 €. Un cordier tresse des cordes.\n")
    found = build_profile([("blog.md", "De vendeur en magasin à vannier : mon année", [(0, 1, "De vendeur")], trained)])
    assert [job.name for job in found.jobs] == ["Vannier"]
    assert build_profile([("blog.md", "De vendeur en magasin à vannier : mon année", [(0, 1, "De vendeur")],
                           untrained)]).jobs == []
    headed = build_profile([("cordier.html", "Cordier : métier et formation",
                             [(0, 1, "Cordier : métier et formation"), (40, 2, "Salaire de l'attaché de corderie selon l'expérience")],
                             page)])
    assert {job.name for job in headed.jobs} == {"Cordier", "Attaché de corderie"}


def test_a_role_noun_names_the_job_it_leads_and_another_role_before_a_complement_names_another_job() -> None:
    catalog = JobCatalog([Job("Moniteur de voile", ["Moniteur de voile"]),
                          Job("Attaché de recherche nautique", ["Attaché de recherche nautique", "moniteur d'essais nautiques"])])
    assert analyse("la formation de moniteur dure combien ?", catalog).jobs == ("Moniteur de voile",)
    assert analyse("un attaché de recherche nautique gagne combien ?", catalog).jobs == ("Attaché de recherche nautique",)
    other = analyse("et un data manager en recherche nautique il gagne combien ?", catalog)
    assert other.jobs == () and other.other_job == "data manager en recherche nautique"


def test_a_specialty_after_the_jobs_name_is_where_its_pay_must_be_said() -> None:
    catalog = JobCatalog([Job("Photographe", ["photographe"]), Job("Convoyeur de fonds", ["convoyeur de fonds"])])
    assert analyse("photographe de mode ça gagne combien ?", catalog).setting == {"mod"}
    assert analyse("salaire d'un convoyeur de fonds ?", catalog).setting == frozenset()
    assert analyse("photographe de 30 ans ça gagne combien ?", catalog).setting == frozenset()
    assert analyse("un pilote de drone ça gagne combien ?", catalog).setting == frozenset()  # no corpus job


def test_they_are_how_many_counts_people() -> None:
    import re

    asked = analyse("dans un fourgon ils sont combien ?", JobCatalog([]))
    assert "nombre" in asked.kinds
    assert re.search(asked.counted_cue, "un équipage c est 3 personnes en général")
    assert not re.search(asked.counted_cue, "le fourgon roule 8 heures par jour")


def test_whether_a_figure_includes_something_asks_about_it_not_for_it() -> None:
    asked = analyse("ces montants ils comprennent les primes ou pas ?", JobCatalog([]))
    assert asked.about_figure and asked.strict == ()
    assert analyse("combien gagne un apiculteur en comptant les primes ?", JobCatalog([])).strict == ("salaire",)


def test_in_a_company_is_a_setting_not_a_question_on_employers() -> None:
    assert "employeurs" not in analyse("et pour une journée entière en entreprise ?", JobCatalog([])).kinds
    assert "employeurs" in analyse("quelles entreprises embauchent des apiculteurs ?", JobCatalog([])).kinds


def test_a_document_about_someone_working_for_themselves_is_marked_so() -> None:
    from assistant.index.profile import CorpusView, build_profile

    podcast = ("« MÉTIERS EN VRAI » — ÉPISODE 9\nInvité : Karim B., cordier indépendant à Rochefort\n\n"
               "LUC : Tu es cordier depuis longtemps ?\nKARIM : Un cordier tresse des amarres.\n")
    salaried = ("« MÉTIERS EN VRAI » — ÉPISODE 10\nInvitée : Léa M., cordière à Brest\n\n"
                "LUC : Tu es cordière depuis longtemps ?\nLÉA : Une cordière tresse des amarres.\n")
    profile = build_profile([("podcast.txt", "« MÉTIERS EN VRAI » — ÉPISODE 9", [], podcast),
                             ("autre.txt", "« MÉTIERS EN VRAI » — ÉPISODE 10", [], salaried)])
    assert CorpusView.of(profile, set()).own_boss == {"podcast.txt"}


def test_a_trade_names_its_worker_and_a_second_role_noun_another_job() -> None:
    catalog = JobCatalog([Job("Vannière", ["vannière"]), Job("Architecte", ["architecte"])])
    assert analyse("le CAP vannerie ça dure combien ?", catalog).jobs == ("Vannière",)
    assert analyse("les séries de vannerie", catalog).jobs == ("Vannière",)
    assert analyse("les séries télé", catalog).jobs == ()  # `série` is no trade
    assert analyse("combien gagne un architecte paysagiste ?", catalog).jobs == ()
    assert analyse("combien gagne un architecte salarié ?", catalog).jobs == ("Architecte",)
    written = JobCatalog(catalog.jobs, frozenset(terms("l'architecte paysagiste dessine des jardins")))
    assert analyse("combien gagne un architecte paysagiste ?", written).jobs == ("Architecte",)  # the pages' own words
    assert analyse("concours 2026, les inscriptions c'est quand ?").years == frozenset({"2026"})
    assert not analyse("les missions de l'offre LOG-2024-117 ?").years  # a reference, not a year


def test_where_the_question_says_the_job_is_done() -> None:
    assert analyse("Quel est le salaire d'un cordier en CDI dans une radio ?").setting == frozenset({"radio"})
    assert analyse("un cordier dans une fondation privée gagne combien ?").setting == frozenset(terms("fondation privée"))
    for question in ("et en deuxième année ?", "le net ça fait combien en gros ?", "combien en sortant d'école ?",
                     "combien en début de carrière ?", "et dans les low cost ?", "combien gagne un cordier à Brest ?"):
        assert not analyse(question).setting, question


def test_asking_whether_a_training_is_selective_asks_about_the_training() -> None:
    assert "formation" in analyse("et c'est sélectif ?").kinds
    assert "formation" in analyse("c'est dur d'être pris en école de cordier ?").kinds


def test_the_job_of_names_a_person() -> None:
    assert analyse("faut quel diplôme pour le job de vannier helpdesk ?").other_job == "vannier helpdesk"
