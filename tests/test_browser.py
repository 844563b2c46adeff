"""The workbench and the pages in a real browser: Debian's headless Chromium driven by Selenium.

A real server on loopback serves a store built by the real pipeline from a few demo articles.
Every test leaves screenshots in ``artifacts/screenshots/`` for people to look at.
"""

import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from bilateral import pipeline
from bilateral.config import Settings
from bilateral.mapping import iris
from bilateral.resources import demo_dir
from bilateral.store import Store, open_store
from bilateral.web import create_app

pytestmark = pytest.mark.browser
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
ARTICLES = (
    "xi-moscow-wire-2023",
    "xi-moscow-analysis-2023",
    "xi-riyadh-2022",
    "lula-postpones-china-2023",
    "hasina-delhi-2022",
    "modi-dhaka-2015",
    "saudi-iran-beijing-2023",
)
WAIT_S = 15

if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
    pytest.skip("needs Debian's chromium and chromium-driver", allow_module_level=True)

os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager fetch a driver
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store filled by the real pipeline from some of the demo articles."""
    iris.set_base(iris.DEFAULT_BASE)
    folder = tmp_path_factory.mktemp("browser")
    lines = (demo_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines if line.strip() and json.loads(line)["id"] in ARTICLES]
    assert len(chosen) == len(ARTICLES)
    source = folder / "articles.jsonl"
    source.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    store = open_store(str(folder / "store"))
    report = pipeline.ingest([str(source)], store)
    assert report.ok and len(report.added) == len(ARTICLES)
    yield store
    store.close()


@pytest.fixture(scope="module")
def base_url(real_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running server over the store, on a free loopback port."""
    settings = Settings(store=str(tmp_path_factory.mktemp("unused")), query_timeout_s=10.0)
    server = make_server("127.0.0.1", 0, create_app(settings, store=real_store), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """Headless Chromium, with a profile of its own and no network but loopback."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module", autouse=True)
def fresh_shots() -> None:
    """Start each run with an empty screenshot folder."""
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture
def shot(browser: webdriver.Chrome, request: pytest.FixtureRequest):
    """``shot("name")`` saves a full-page screenshot; one more is taken when the test ends."""

    def take(name: str) -> Path:
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1280, min(max(int(height), 700), 5000))
        path = SHOTS / f"{request.node.name}-{name}.png"
        browser.save_screenshot(str(path))
        browser.set_window_size(1280, 1000)
        return path

    yield take
    take("end")


def wait(browser: webdriver.Chrome, condition, seconds: float = WAIT_S):
    """Wait for ``condition`` (a Selenium expected condition) and return its value."""
    return WebDriverWait(browser, seconds).until(condition)


def replace_query(browser: webdriver.Chrome, text: str) -> None:
    """Type ``text`` into the workbench editor in place of what is there."""
    editor = browser.find_element(By.ID, "query")
    editor.click()
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.DELETE)
    editor.send_keys(text)


def test_workbench_runs_with_ctrl_enter_and_links_results(browser, base_url, shot):
    browser.get(base_url + "/sparql")
    wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "#highlight .tok-keyword")))
    replace_query(
        browser,
        "SELECT DISTINCT ?state ?name WHERE {\n?visit bl:hostState ?state .\n"
        "?state rdfs:label ?name }\nORDER BY ?name",
    )
    editor = browser.find_element(By.ID, "query")
    editor.send_keys(Keys.CONTROL, Keys.ENTER)
    rows = wait(
        browser,
        ready.presence_of_all_elements_located(
            (By.CSS_SELECTOR, "#results table.results tbody tr")
        ),
    )
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results thead th")]
    assert headers == ["state", "name"]
    names = [row.find_elements(By.TAG_NAME, "td")[1].text for row in rows]
    assert "Russia" in names and names == sorted(names)
    assert "row" in browser.find_element(By.ID, "status").text
    assert "query=" in browser.current_url  # the address bar holds a permalink
    shot("results")
    link = next(
        row.find_element(By.TAG_NAME, "a")
        for row in rows
        if row.find_elements(By.TAG_NAME, "td")[1].text == "Russia"
    )
    link.click()
    heading = wait(browser, ready.presence_of_element_located((By.TAG_NAME, "h1")))
    assert heading.text == "Russia"
    assert browser.current_url.endswith("/bilateral/id/state/RUS")


def test_workbench_chart_and_downloads(browser, base_url, shot):
    browser.get(base_url + "/sparql")
    replace_query(
        browser,
        "SELECT ?state (COUNT(DISTINCT ?visit) AS ?visits) WHERE {\n"
        "?visit bl:hostState ?state }\nGROUP BY ?state ORDER BY DESC(?visits)",
    )
    browser.find_element(By.ID, "run").click()
    wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "#results tbody tr")))
    chart_button = browser.find_element(By.ID, "show-chart")
    assert chart_button.is_enabled()
    chart_button.click()
    bars = wait(
        browser, ready.presence_of_all_elements_located((By.CSS_SELECTOR, "#chart rect.bar"))
    )
    assert bars and browser.find_element(By.ID, "results").get_attribute("hidden") is not None
    shot("chart")
    csv = browser.find_element(By.CSS_SELECTOR, "a[data-format=csv]").get_attribute("href")
    assert "format=csv" in csv and "query=" in csv


def test_workbench_named_query_with_parameters(browser, base_url, shot):
    browser.get(base_url + "/sparql")
    browser.find_element(By.CSS_SELECTOR, "#named-list button[data-name=visits-between]").click()
    form = wait(browser, ready.visibility_of_element_located((By.ID, "named-form")))
    inputs = {i.get_attribute("name"): i for i in form.find_elements(By.TAG_NAME, "input")}
    assert set(inputs) == {"a", "b", "from", "to"}
    for name, value in (("a", "IND"), ("b", "BGD")):
        inputs[name].clear()
        inputs[name].send_keys(value)
    browser.find_element(By.ID, "run").click()
    wait(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "#results tbody tr")))
    assert "Dhaka" in browser.find_element(By.ID, "results").text
    shot("named")


def test_state_page_has_timeline_and_partner_network(browser, base_url, shot):
    browser.get(base_url + "/id/state/CHN")
    assert browser.find_element(By.TAG_NAME, "h1").text == "China"
    marks = browser.find_elements(By.CSS_SELECTOR, "figure.timeline circle.mark")
    assert marks, "no marks on the timeline"
    partners = browser.find_elements(By.CSS_SELECTOR, "figure.network a.partner")
    assert len(partners) >= 2
    shot("state")
    russia = next(a for a in partners if "Russia" in a.text)
    target = browser.execute_script("return arguments[0].getAttribute('href')", russia)
    assert target == "/bilateral/id/relation/CHN-RUS"
    browser.get(base_url + target)
    assert browser.find_element(By.TAG_NAME, "h1").text == "China–Russia"
    assert browser.find_elements(By.CSS_SELECTOR, "figure.timeline circle.mark")
    shot("relation")


def test_official_page_has_a_timeline(browser, base_url, shot, real_store):
    rows = real_store.query(
        "SELECT DISTINCT ?o WHERE { ?v a bl:Visit ; bl:visitor ?o ; "
        "bl:startDate ?d ; bl:hostState ?h . ?o rdfs:label 'Xi Jinping' }"
    )
    official = str(next(iter(rows.rows))["o"])  # type: ignore[union-attr]
    browser.get(base_url + "/id/" + official.removeprefix(iris.DEFAULT_BASE))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Xi Jinping"
    assert browser.find_elements(By.CSS_SELECTOR, "figure.timeline circle.mark")
    assert "Sources and evidence" in browser.page_source
    shot("official")


def test_search_box_finds_and_links(browser, base_url, shot):
    browser.get(base_url + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("bangla", Keys.ENTER)
    hit = wait(browser, ready.presence_of_element_located((By.LINK_TEXT, "Bangladesh")))
    shot("search")
    hit.click()
    assert (
        wait(browser, ready.presence_of_element_located((By.TAG_NAME, "h1"))).text == "Bangladesh"
    )


def test_named_query_page_form(browser, base_url, shot):
    browser.get(base_url + "/queries")
    browser.find_element(By.LINK_TEXT, "Visits between two states").click()
    form = browser.find_element(By.CSS_SELECTOR, "form.params")
    for name, value in (("a", "CHN"), ("b", "RUS")):
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    form.find_element(By.TAG_NAME, "button").click()
    wait(browser, ready.staleness_of(form))  # the answer is a new page, not the form's page
    wait(
        browser,
        ready.text_to_be_present_in_element((By.CSS_SELECTOR, "table.results"), "Xi Jinping"),
    )
    assert "b=RUS" in browser.current_url and "a=CHN" in browser.current_url
    shot("named-page")


def test_article_marks_its_evidence(browser, base_url, shot):
    browser.get(base_url + "/id/article/xi-moscow-wire-2023")
    marks = browser.find_elements(By.CSS_SELECTOR, ".article-text mark")
    assert len(marks) >= 3
    assert "Facts from this article" in browser.page_source
    shot("article")
