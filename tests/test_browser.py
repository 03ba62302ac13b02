"""End to end in a real headless Chromium (Debian's package, driven by playwright): the flagship question, a
follow-up, the sources panel, a 👍 vote, with every request outside the machine blocked (the offline check).

Needs /usr/bin/chromium (`scripts/install-browser.sh`). Skipped locally without it; fails in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from assistant.text import normalize

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TIMEOUT_MS = 30_000
SOURCE = "001_8703443e628be27a.txt"


def _need_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"{CHROMIUM} is missing: run scripts/install-browser.sh"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


HOSTILE_DOCS = {
    "piege.txt": (
        "Chargé de veille\n\n"
        "Le chargé de veille surveille les sources <img src=\"http://example.com/t.png\"> du secteur.\n"
        "Le salaire du chargé de veille est de 2 400 € par mois ![x](http://example.com/x.png) selon "
        "[cette page](http://example.com/page) et http://example.com/brut.\n"
    ),
    "page.md": "# Documentaliste\n\nLe documentaliste classe les archives ![logo](http://example.com/logo.png).\n",
}


@pytest.fixture()
def hostile_server(tmp_path_factory, minilm_embedder, minilm_model):
    """The chat on a corpus whose documents point at outside images and links."""
    from assistant.config import Settings
    from assistant.ingest.build import build_index
    from assistant.pipeline import Assistant
    from assistant.ui.app import build_app, launch

    from .conftest import free_port, write_corpus

    root = tmp_path_factory.mktemp("hostile")
    settings = Settings(corpus=write_corpus(root / "corpus", HOSTILE_DOCS), index=root / "index",
                        embed_model=minilm_model, feedback=root / "feedback.jsonl")
    build_index(settings, embedder=minilm_embedder, progress=False)
    demo = build_app(Assistant(settings, embedder=minilm_embedder), settings)
    yield launch(demo, "127.0.0.1", free_port())
    demo.close()


@pytest.fixture()
def library_server(tmp_path_factory, minilm_embedder, minilm_model):
    """The chat on a small corpus of its own, whose Documents tab the test changes."""
    from assistant.config import Settings
    from assistant.ingest.build import build_index
    from assistant.pipeline import Assistant
    from assistant.ui.app import build_app, launch

    from .conftest import free_port, write_corpus

    root = tmp_path_factory.mktemp("library")
    settings = Settings(corpus=write_corpus(root / "corpus"), index=root / "index", embed_model=minilm_model,
                        feedback=root / "feedback.jsonl")
    build_index(settings, embedder=minilm_embedder, progress=False)
    demo = build_app(Assistant(settings, embedder=minilm_embedder), settings)
    yield launch(demo, "127.0.0.1", free_port())
    demo.close()


@pytest.fixture()
def page(chat_server):
    """A French-locale page whose requests outside this machine are aborted and recorded (`page.blocked`)."""
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.blocked = []

        def only_local(route):
            url = urlparse(route.request.url)
            if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL_HOSTS:
                page.blocked.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", only_local)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def ask(page, question: str, answers_before: int, done) -> str:
    """Type a question, wait for `done` (a locator the last streamed chunk shows), return the answer's text."""
    box = page.locator("#cc-input textarea")
    box.fill(question)
    box.press("Enter")
    answer = page.locator("#cc-chatbot [data-testid='bot']").nth(answers_before)
    answer.wait_for()
    done(page).first.wait_for()
    return answer.inner_text()


def test_flagship_question_and_follow_up_offline(page, chat_server, tmp_path):
    page.goto(chat_server.url, wait_until="load")
    page.get_by_role("heading", name="Conseiller Carrières IA").wait_for()
    assert page.title() == "Conseiller Carrières IA"
    page.get_by_text("Combien gagne-t-on comme").first.wait_for()  # a clickable example, on a corpus job
    page.get_by_text("Ce que je connais").wait_for()  # what the corpus covers: the jobs its profile derived
    page.get_by_text("Qualiticien IA").first.wait_for()

    sources = page.locator("#cc-sources")
    first = ask(page, "combien gagne un éthicien IA ?", 0, lambda p: sources.get_by_text(SOURCE))
    assert "45000" in normalize(first) and "100000" in normalize(first) and "[1]" in first
    assert "45000" in normalize(sources.locator("mark").first.inner_text())

    second = ask(page, "et un ingénieur prompt ?", 1, lambda p: sources.get_by_text("Question comprise comme"))
    assert "prompt" in second and ("100000" in normalize(second) or "300000" in normalize(second))
    assert "45000" not in normalize(second)
    assert "prompt" in sources.locator("mark").first.inner_text()

    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
    assert page.blocked == [], f"the page asked for outside resources: {page.blocked}"


def test_vote_is_logged_and_bad_input_is_handled(page, chat_server, tmp_path):
    page.goto(chat_server.url, wait_until="load")
    page.get_by_role("heading", name="Conseiller Carrières IA").wait_for()
    example = page.get_by_text("Combien gagne-t-on comme").first
    question = example.inner_text().strip()
    example.click()  # the example runs the question
    page.locator("#cc-sources .cc-source").first.wait_for()

    lines_before = _feedback_lines(chat_server.feedback)
    page.locator("#cc-chatbot [data-testid='bot']").first.hover()
    page.get_by_role("button", name="J'aime").first.click()
    page.get_by_text("Merci pour votre avis").first.wait_for()
    votes = _feedback_lines(chat_server.feedback)[len(lines_before):]
    assert [v["vote"] for v in votes] == ["up"]
    assert votes[0]["question"] == question and votes[0]["citations"][0]["source"].endswith(".txt")

    box = page.locator("#cc-input textarea")
    box.fill("   ")
    box.press("Enter")  # an empty message is not sent: a hint appears under the box
    page.locator("#cc-input").get_by_text("Posez une question, par exemple").wait_for()
    assert page.locator("#cc-chatbot [data-testid='user']").count() == 1

    too_long = ask(page, "a" * 2500, 1, lambda p: p.get_by_text("s’il vous plaît."))
    assert "raccourcissez" in too_long and "Traceback" not in page.content()
    page.screenshot(path=str(tmp_path / "bad-input.png"), full_page=True)
    assert page.blocked == [], f"the page asked for outside resources: {page.blocked}"


def test_nothing_a_document_or_a_user_writes_makes_the_page_call_outside(page, hostile_server):
    page.goto(hostile_server, wait_until="load")
    page.get_by_role("heading", name="Conseiller Carrières IA").wait_for()
    answer = ask(page, "quel salaire pour un chargé de veille ?", 0,
                 lambda p: p.locator("#cc-sources").get_by_text("piege.txt"))
    assert "2 400" in answer or "2400" in normalize(answer)
    ask(page, 'bonjour <img src="http://example.com/user.png"> ![y](http://example.com/y.png)', 1,
        lambda p: p.locator("#cc-sources .cc-notice, #cc-sources .cc-source").first)
    page.wait_for_timeout(1000)
    assert page.blocked == [], f"the page asked for outside resources: {page.blocked}"
    answers = page.locator("#cc-chatbot [data-testid='bot'], #cc-sources")
    assert answers.locator("img, a[href*='example.com']").count() == 0  # answers and sources shown as text


def test_a_pdf_dropped_in_the_documents_tab_is_cited_with_its_page(page, library_server, tmp_path):
    from .test_formats import make_pdf

    pdf = make_pdf(tmp_path / "fiche-apiculteur.pdf")
    page.goto(library_server, wait_until="load")
    page.get_by_role("tab", name="Documents").click()
    from playwright.sync_api import expect

    expect(page.locator("#cc-docs")).to_contain_text("ethicien.txt")
    page.locator("#cc-upload input[type=file]").set_input_files(str(pdf))
    expect(page.locator("#cc-docs-status")).to_contain_text("Ajouté et indexé", timeout=120_000)
    expect(page.locator("#cc-docs")).to_contain_text("fiche-apiculteur.pdf")

    expect(page.locator(".cc-header").first).to_contain_text("apicult", ignore_case=True)  # « Ce que je connais » follows
    page.get_by_role("tab", name="Discussion").click()
    sources = page.locator("#cc-sources")
    answer = ask(page, "combien gagne un apiculteur débutant ?", 0, lambda p: sources.get_by_text("p. 2").first)
    assert "1 850" in answer or "1850" in normalize(answer)
    assert sources.get_by_text("fiche-apiculteur.pdf").count() >= 1
    other = ask(page, "combien gagne un éthicien IA ?", 1, lambda p: sources.get_by_text("ethicien.txt"))
    assert "45 000" in other or "45000" in normalize(other)
    page.screenshot(path=str(tmp_path / "documents.png"), full_page=True)
    assert page.blocked == [], f"the page asked for outside resources: {page.blocked}"


def _feedback_lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
