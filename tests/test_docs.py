"""The README documents every command and every named query, and its web section stays whole."""

import re
from pathlib import Path

import pytest

from bilateral.cli import main
from bilateral.queries import load_named_queries

README = Path(__file__).resolve().parents[1] / "README.md"
QUERIES = load_named_queries()


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(readme, command):
    assert re.search(rf"`bilateral {re.escape(command)}\b", readme), (
        f"README.md does not show `bilateral {command}`")


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_is_in_the_readme_table(readme, name):
    query = QUERIES[name]
    row = re.search(rf"^\| `{re.escape(name)}` \| (.+?) \| (.+?) \|$", readme, re.M)
    assert row, f"README.md has no table row for the named query {name}"
    assert row.group(1) == query.title
    for param in query.params:
        assert f"`{param.name}`" in row.group(2), f"{name}: parameter {param.name} missing"


def test_the_web_section_follows_the_commands(readme):
    headings = re.findall(r"^## (.+)$", readme, re.M)
    assert headings.index("Web app and named queries") == headings.index("Commands") + 1


def test_readme_rows_name_only_existing_queries(readme):
    section = readme.split("## Web app and named queries", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z][a-z0-9-]*)` \|", section, re.M))
    assert listed == set(QUERIES)


@pytest.fixture(scope="module")
def demo_store():
    """The demo knowledge base, built by the real pipeline in memory."""
    from bilateral.pipeline import load_demo_if_empty
    from bilateral.store import open_store

    store = open_store(":memory:")
    assert load_demo_if_empty(store) > 0
    return store


def _sparql_examples() -> list[str]:
    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sparql\n(.*?)```", text, flags=re.S)


def test_the_readme_has_sparql_examples():
    assert len(_sparql_examples()) >= 3


@pytest.mark.parametrize("query", _sparql_examples())
def test_every_readme_sparql_example_answers_on_the_demo(demo_store, query):
    rows = list(demo_store.query(query).rows)
    assert rows, f"no answer for:\n{query}"
