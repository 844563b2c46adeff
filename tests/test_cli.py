"""The command line, driven through click's runner and, once, as the installed script."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from bilateral.cli import main

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
DELHI = str(ARTICLES / "vieira-delhi.json")
WIRE = str(ARTICLES / "vieira-india-wire.json")

# The console script the package installs, beside the interpreter running the tests.
BILATERAL = shutil.which("bilateral") or str(Path(sys.executable).parent / "bilateral")


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    """A store with the two Vieira articles ingested through the CLI."""
    path = str(tmp_path_factory.mktemp("cli") / "kb")
    result = CliRunner().invoke(main, ["ingest", DELHI, WIRE, "--store", path])
    assert result.exit_code == 0, result.output
    assert "2 added" in result.output
    return path


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


def test_query_as_table_json_and_csv(kb):
    query = "SELECT DISTINCT ?name WHERE { ?o a bl:Official ; rdfs:label ?name } ORDER BY ?name"
    table = run("query", query, "--store", kb)
    assert "Mauro Vieira" in table.output and "rows)" in table.output
    as_json = json.loads(run("query", query, "--store", kb, "--format", "json").output)
    names = [b["name"]["value"] for b in as_json["results"]["bindings"]]
    assert "Narendra Modi" in names
    rows = list(
        csv.reader(io.StringIO(run("query", query, "--store", kb, "--format", "csv").output))
    )
    assert rows[0] == ["name"] and len(rows) == len(names) + 1


def test_query_from_a_file(kb, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK { ?v a bl:Visit ; bl:status bl:Ongoing }")
    assert run("query", str(query_file), "--store", kb).output.strip() == "yes"


def test_export_in_every_format_parses_back(kb, tmp_path):
    counts = {}
    for fmt, parser in [
        ("nquads", "nquads"),
        ("trig", "trig"),
        ("turtle", "turtle"),
        ("ntriples", "nt"),
        ("jsonld", "json-ld"),
        ("rdfxml", "xml"),
    ]:
        out = tmp_path / f"kb.{fmt}"
        assert run("export", "--format", fmt, "--output", str(out), "--store", kb).exit_code == 0
        if fmt in ("nquads", "trig", "jsonld"):
            data = Dataset()
            data.parse(str(out), format=parser)
            counts[fmt] = len(set(data.quads((None, None, None, None))))
        else:
            data = Graph().parse(str(out), format=parser)
            counts[fmt] = len(data)
    assert counts["nquads"] == counts["trig"] == counts["jsonld"]
    assert counts["turtle"] == counts["ntriples"] == counts["rdfxml"]
    assert 0 < counts["turtle"] <= counts["nquads"]


def test_export_of_one_article(kb, tmp_path):
    out = tmp_path / "one.nq"
    assert (
        run(
            "export", "--article", "wire-vieira-india", "--output", str(out), "--store", kb
        ).exit_code
        == 0
    )
    graphs = {
        q[3] for q in Dataset().parse(str(out), format="nquads").quads((None, None, None, None))
    }
    assert [str(g) for g in graphs] == [
        "https://w3id.org/bilateral/graph/article/wire-vieira-india"
    ]
    missing = CliRunner().invoke(main, ["export", "--article", "nope", "--store", kb])
    assert missing.exit_code != 0 and "no article 'nope'" in missing.output


def test_stats_counts_entities(kb):
    output = run("stats", "--store", kb).output
    counts = dict(line.split() for line in output.strip().splitlines())
    assert counts["articles"] == "2" and counts["states"] == "197"
    assert int(counts["visits"]) >= 3


def test_remove_reports_unknown_articles(tmp_path):
    path = str(tmp_path / "kb")
    run("ingest", WIRE, "--store", path)
    result = CliRunner().invoke(main, ["remove", "wire-vieira-india", "ghost", "--store", path])
    assert result.exit_code == 1
    assert "no article 'ghost'" in result.output and "removed 1" in result.output


def test_ingest_with_a_bad_file_exits_non_zero_and_names_it(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = CliRunner().invoke(main, ["ingest", WIRE, str(bad), "--store", str(tmp_path / "kb")])
    assert result.exit_code == 1
    assert "bad.json" in result.output and "1 added" in result.output
    assert "Traceback" not in result.output


def test_store_from_the_environment(tmp_path):
    path = str(tmp_path / "envkb")
    result = CliRunner().invoke(main, ["ingest", WIRE], env={"BILATERAL_STORE": path})
    assert result.exit_code == 0
    assert Path(path).is_dir()


def test_installed_script_runs_end_to_end(tmp_path):
    path = str(tmp_path / "kb")
    subprocess.run([BILATERAL, "ingest", WIRE, "--store", path], check=True, capture_output=True)
    out = subprocess.run(
        [
            BILATERAL,
            "query",
            "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v a bl:Visit }",
            "--store",
            path,
            "--format",
            "csv",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.stdout.splitlines()[1] == "1"


def test_force_extracts_an_unchanged_article_again(tmp_path):
    path = str(tmp_path / "kb")
    run("ingest", WIRE, "--store", path)
    assert "1 unchanged" in run("ingest", WIRE, "--store", path).output
    assert "1 replaced" in run("ingest", WIRE, "--force", "--store", path).output
