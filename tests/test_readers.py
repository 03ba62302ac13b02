"""Readers and the corpus profile, on made-up documents: structure is read, quotes carry no markup, and the
jobs a corpus covers are derived from its own wording."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.index.profile import build_profile, looks_like_job
from assistant.ingest.build import parse_document
from assistant.ingest.readers.html import read_html
from assistant.ingest.readers.markdown import read_markdown
from assistant.ingest.sources import read_document

SHEET = """---
title: "Devenir apiculteur"
---
# apiculteur/trice
**Appellations:**
- Féminin: apicultrice
- Masculin: apiculteur

## Salaire
            ### Salaire du débutant
            A partir de **1 900 euros** brut par mois

**Niveau d'accès minimum:** bac + 2

![ruche](images/ruche.jpg) Voir [le site](http://example.com/x) pour plus.

| Expérience | Salaire |
|---|---|
| Débutant | 1 900 € |
| Confirmé | 2 600 € |
"""

PAGE = """<html><head><title>Site</title></head><body>
<nav><a href="/">Accueil</a> <a href="/metiers">Métiers</a></nav>
<div class="cookie-banner">Nous utilisons des cookies. <button>Accepter</button></div>
<h1>SOMMELIER</h1><p>Le sommelier conseille les clients sur les <b>vins</b>.</p>
<h2>Qualités :</h2><ul><li>Avoir le goût</li><li>Être pédagogue</li></ul>
<footer>Mentions légales</footer></body></html>"""


def test_markdown_is_read_as_clean_lines_with_its_headings() -> None:
    doc = read_markdown(SHEET)
    assert "**" not in doc.text and "![" not in doc.text and "](" not in doc.text and "#" not in doc.text
    assert "A partir de 1 900 euros brut par mois" in doc.text
    assert "Niveau d'accès minimum: bac + 2" in doc.text
    assert "Voir le site pour plus." in doc.text
    assert "Débutant — Salaire : 1 900 €" in doc.text  # a table row keeps its column header
    levels = {doc.text[start:].split("\n", 1)[0]: level for start, level in doc.headings.items()}
    assert levels["Salaire du débutant"] == 3  # an indented heading is still a heading
    assert doc.title == "Devenir apiculteur"


def test_html_drops_navigation_cookies_and_footer() -> None:
    doc = read_html(PAGE)
    assert "Accueil" not in doc.text and "cookies" not in doc.text and "Mentions" not in doc.text
    assert "Le sommelier conseille les clients sur les vins." in doc.text
    assert "- Avoir le goût\n- Être pédagogue" in doc.text
    assert doc.title == "SOMMELIER"


def test_sentences_know_their_heading_path(tmp_path: Path) -> None:
    path = tmp_path / "apiculteur.md"
    path.write_text(SHEET, encoding="utf-8")
    parsed = parse_document(path.name, read_document(path), Settings())
    start = parsed.text.index("A partir de")
    assert parsed.context[start][0] == "Salaire > Salaire du débutant"


def test_the_profile_derives_jobs_and_their_names_from_the_documents(tmp_path: Path) -> None:
    (tmp_path / "apiculteur.md").write_text(SHEET, encoding="utf-8")
    (tmp_path / "sommelier.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "liste.txt").write_text(
        "Trois métiers d'avenir\n\n1. Garde forestier >\n\nUn garde forestier surveille les forêts.\n\n"
        "2. Chargé de mission vélo >\n\nLe chargé de mission vélo (ou « bike officer ») développe les pistes.\n\n"
        "Enregistrer un commentaire\n",
        encoding="utf-8",
    )
    (tmp_path / "grille.md").write_text("# Grille des salaires de la région\n\nLes seuils de 2025.\n", encoding="utf-8")
    docs = []
    for path in sorted(tmp_path.iterdir()):
        parsed = parse_document(path.name, read_document(path), Settings())
        docs.append((parsed.name, parsed.title, parsed.headings, parsed.text))
    profile = build_profile(docs)
    jobs = {job.name: job for job in profile.jobs}
    assert set(jobs) == {"Devenir apiculteur", "Sommelier", "Garde forestier", "Chargé de mission vélo"} - {
        "Devenir apiculteur"} | {"Apiculteur"}
    assert {"apicultrice", "apiculteur"} <= set(jobs["Apiculteur"].variants)
    assert "bike officer" in jobs["Chargé de mission vélo"].variants  # named in the text, in brackets
    assert profile.documents["grille.md"]["jobs"] == []  # a pay grid is about no one job
    assert "Grille des salaires de la région" in profile.topics()


def test_role_nouns_by_their_form() -> None:
    assert looks_like_job("ingénieur cloud") and looks_like_job("UX designer") and looks_like_job("boulangère")
    assert not looks_like_job("Référentiel de rémunération") and not looks_like_job("combien")
    assert not looks_like_job("Les métiers de l'informatique")


def profile_of(tmp_path: Path, files: dict[str, str]):
    docs = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        parsed = parse_document(name, read_document(tmp_path / name), Settings())
        docs.append((parsed.name, parsed.title, parsed.headings, parsed.text))
    return build_profile(docs)


def test_titles_and_names_as_career_pages_write_them(tmp_path: Path) -> None:
    profile = profile_of(tmp_path, {
        # a role noun of no known ending, written with its feminine
        "fiche.md": "# Souffleur / souffleuse de verre\n\nLe souffleur de verre façonne le verre. Il est aussi "
                    "appelé **verrier**, du nom de son atelier. Il passe le certificat d'aptitude de souffleur (CAS).\n",
        # a gender pair in brackets is two whole names; « est aussi appelé » names whatever the word's form
        "grue.md": "# Grutier (conducteur / conductrice de grue à tour)\n\nLe grutier, aussi appelé conducteur de "
                   "grue, lève les charges. Au Québec, le grutier est aussi appelé opérateur de grue.\n",
        # a job offer: the site's name as title, shouted section headings, the job in a gendered heading
        "offre.txt": "Verrerie Dumont — Carrières\n\nPLANTEUR / PLANTEUSE DE VIGNE (H/F)\n\nLE POSTE\n\n"
                     "Vous plantez les vignes du domaine au printemps.\n\nVOTRE PROFIL\n\nVous aimez le plein air.\n",
    })
    jobs = {job.name: job for job in profile.jobs}
    assert "Souffleur / souffleuse de verre" in jobs
    assert {"verrier", "souffleuse de verre"} <= set(jobs["Souffleur / souffleuse de verre"].variants)
    assert "CAS" not in jobs["Souffleur / souffleuse de verre"].variants  # abbreviates a diploma, not the job
    grue = next(job for name, job in jobs.items() if name.startswith("Grutier"))
    assert {"conducteur de grue à tour", "conductrice de grue à tour", "opérateur de grue"} <= set(grue.variants)
    assert "conducteur" not in grue.variants  # never a bare head noun that other jobs share
    assert profile.documents["offre.txt"]["jobs"] == ["Planteur / planteuse de vigne"]


def test_a_job_named_by_title_and_heading_is_listed_once(tmp_path: Path) -> None:
    profile = profile_of(tmp_path, {"dpo.md": "# DPO (Délégué à la protection des données)\n\n## Le métier de DPO\n\n"
                                              "Le DPO veille au respect du RGPD dans l'entreprise.\n"})
    assert profile.documents["dpo.md"]["jobs"] == ["DPO (Délégué à la protection des données)"]


def test_a_sentence_opening_with_aussi_appele_lists_other_names(tmp_path: Path) -> None:
    profile = profile_of(tmp_path, {"fiche.md": "# Chargé / chargée de tournée\n\nLe chargé de tournée organise les "
                                                "déplacements d'un spectacle. Aussi appelé tour manager, régisseur "
                                                "de tournée ou road manager (en anglais). Il travaille avec la "
                                                "production, et il rend des comptes au producteur.\n"})
    job = profile.jobs[0]
    assert {"tour manager", "régisseur de tournée", "road manager"} <= set(job.variants)
    assert not any("production" in v or "comptes" in v for v in job.variants)


def test_a_row_labelled_by_a_bare_number_keeps_its_column_name() -> None:
    grid = "# Grille\n\n| Échelon | Indice majoré | Traitement brut mensuel |\n|---|---|---|\n| 9 | 500 | 2 461,39 € |\n"
    doc = read_markdown(grid)
    assert "Échelon 9 — Indice majoré : 500 ; Traitement brut mensuel : 2 461,39 €" in doc.text


def test_a_table_whose_every_header_is_a_job_is_read_column_by_column() -> None:
    text = ("## Évolutions\n\n| Chargé de communication | Community manager |\n|---|---|\n"
            "| Responsable de la communication | Social media manager |\n")
    document = read_markdown(text)
    assert "Chargé de communication : Responsable de la communication ; Community manager : Social media manager" \
        in document.text
    grid = read_markdown("| Critère | Chargé de communication | Community manager |\n|---|---|---|\n| Salaire | 2 100 € | 1 900 € |\n")
    assert "Salaire — Chargé de communication : 2 100 € ; Community manager : 1 900 €" in grid.text


def test_an_html_definition_list_is_read_as_fields() -> None:
    doc = read_html("<html><body><h1>Cordier</h1><dl><dt>Autres appellations</dt><dd>tresseur, <span>corder</span>"
                    "</dd><dt>Salaire de départ :</dt><dd>proche du SMIC</dd><dt>Missions</dt><dd><ul><li>tresser</li>"
                    "<li>nouer</li></ul></dd></dl></body></html>")
    assert "Autres appellations : tresseur, corder" in doc.text
    assert "Salaire de départ : proche du SMIC" in doc.text
    assert "Missions :\n- tresser\n- nouer" in doc.text
    profile = build_profile([("cordier.html", "Cordier", [(0, 1, "Cordier")], doc.text)])
    assert {"tresseur", "corder"} <= set(profile.jobs[0].variants)  # the field « Autres appellations » gives names
