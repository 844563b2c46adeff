"""The gazetteer of well-known officials: the shipped officials.json and the lookups over it."""

import csv
import json
import re

import pytest

from bilateral.reference.officials import (
    ROLES,
    KnownOfficial,
    find_official,
    load_officials,
    name_key,
    officials_from_json,
    officials_named,
    post_in,
)
from bilateral.resources import reference_dir

# The RoleScheme concepts an official's post may take (copied from the ontology's scheme).
SCHEME_ROLES = {
    "HeadOfState",
    "HeadOfGovernment",
    "DeputyHeadOfGovernment",
    "ForeignMinister",
    "DefenceMinister",
    "FinanceMinister",
    "TradeMinister",
    "InteriorMinister",
    "OtherMinister",
    "DeputyMinister",
    "Ambassador",
    "Envoy",
    "MilitaryChief",
    "Spokesperson",
    "SeniorOfficial",
}
ENTRY_KEYS = {"name", "aliases", "surname", "state", "posts", "wikidata"}


def _raw() -> list[dict]:
    return json.loads((reference_dir() / "officials.json").read_text(encoding="utf-8"))


def test_loads_a_large_curated_list():
    officials = load_officials()
    assert len(officials) >= 600
    assert all(isinstance(o, KnownOfficial) and o.posts for o in officials)
    assert load_officials() is officials  # cached


def test_entries_have_only_the_documented_fields():
    for entry in _raw():
        assert {"name", "surname", "state", "posts"} <= set(entry) <= ENTRY_KEYS, entry["name"]
        assert entry["name"].strip() == entry["name"] and entry["surname"], entry["name"]


def test_every_state_is_a_reference_state():
    with (reference_dir() / "states.csv").open(encoding="utf-8", newline="") as handle:
        codes = {row["iso3"] for row in csv.DictReader(handle)}
    unknown = {o.state for o in load_officials()} - codes
    assert not unknown


def test_every_post_has_a_scheme_role_a_title_and_sane_years():
    assert set(ROLES) == SCHEME_ROLES
    for official in load_officials():
        for post in official.posts:
            assert post.role in SCHEME_ROLES, (official.name, post)
            assert post.title.strip(), official.name
            assert 1920 <= post.start <= 2025, (official.name, post)
            assert post.end is None or post.start <= post.end <= 2025, (official.name, post)


def test_no_duplicate_names():
    names = [o.name for o in load_officials()]
    assert len(names) == len(set(names))
    keys = [name_key(n) for n in names]
    assert len(keys) == len(set(keys))


def test_wikidata_ids_are_well_formed_and_unique():
    ids = [o.wikidata for o in load_officials() if o.wikidata]
    assert ids and all(re.fullmatch(r"Q[1-9]\d*", q) for q in ids)
    assert len(ids) == len(set(ids))


def test_covers_the_main_offices_of_large_states():
    """Every year from 1993 has a head of state or government, and a foreign minister."""
    for state in ("USA", "CHN", "GBR", "FRA", "RUS", "IND", "PAK", "JPN", "DEU", "BRA", "IDN"):
        posts = [p for o in load_officials() if o.state == state for p in o.posts]
        for year in range(1993, 2026):
            held = {p.role for p in posts if p.held_in(year)}
            assert held & {"HeadOfState", "HeadOfGovernment"}, (state, year)
            assert "ForeignMinister" in held, (state, year)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sergey Lavrov", "Sergey Lavrov"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Sergey Viktorovich Lavrov", "Sergey Lavrov"),
        ("LAVROV", "Sergey Lavrov"),
        ("Lula", "Luiz Inácio Lula da Silva"),
        ("Lula da Silva", "Luiz Inácio Lula da Silva"),
        ("Luiz Inacio Lula da Silva", "Luiz Inácio Lula da Silva"),
        ("Xi", "Xi Jinping"),
        ("Modi", "Narendra Modi"),
        ("Kim Jong Un", "Kim Jong Un"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Kissinger", "Henry Kissinger"),
        ("Hina Rabbani Khar", "Hina Rabbani Khar"),
        ("Bashar Assad", "Bashar al-Assad"),
        ("Mohammad bin Salman", "Mohammed bin Salman"),
        ("Jonas Gahr Store", "Jonas Gahr Støre"),
        ("Lech Walesa", "Lech Wałęsa"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Zelensky", "Volodymyr Zelenskyy"),
    ],
)
def test_finds_by_name_alias_or_surname(text, expected):
    found = find_official(text)
    assert found is not None and found.name == expected


def test_unknown_names_are_none():
    assert find_official("Jane Q. Nobody") is None
    assert officials_named("") == ()


def test_year_picks_the_bush_in_office():
    assert find_official("Bush") is None
    assert find_official("George Bush") is None
    assert find_official("Bush", year=1990).name == "George H. W. Bush"
    assert find_official("Bush", year=2006).name == "George W. Bush"
    assert find_official("George Bush", year=2006, state="USA").name == "George W. Bush"
    assert find_official("Bush", year=2015) is None  # neither in office: still ambiguous


@pytest.mark.parametrize("surname", ["Kim", "Singh", "Bush", "Gandhi", "Sharif", "Kenyatta"])
def test_ambiguous_surnames_need_context(surname):
    assert len(officials_named(surname)) > 1
    assert find_official(surname) is None


def test_context_disambiguates():
    assert find_official("Kim", year=1999).name == "Kim Dae-jung"
    assert find_official("Gandhi", year=1986).name == "Rajiv Gandhi"
    assert find_official("Kenyatta", year=2015).name == "Uhuru Kenyatta"
    assert find_official("Rodriguez", state="VEN").name == "Delcy Rodríguez"
    assert find_official("Rodríguez", state="cub").name == "Bruno Rodríguez Parrilla"
    assert find_official("Singh", year=2005) is None  # Manmohan and Natwar Singh both in office
    assert find_official("Putin", state="USA") is None


def test_post_in_picks_the_highest_post_held():
    kissinger = find_official("Kissinger")
    assert post_in(kissinger, 1974).role == "ForeignMinister"
    assert post_in(kissinger, 1970).title == "National Security Adviser"
    assert post_in(kissinger, 1990) is None
    putin = find_official("Vladimir Putin")
    assert post_in(putin, 2010).role == "HeadOfGovernment"
    assert post_in(putin, 2025).title == "President"


def test_unknown_roles_are_refused():
    entry = {
        "name": "A B",
        "surname": "B",
        "state": "USA",
        "posts": [{"role": "Minister", "title": "Minister", "start": 2000, "end": None}],
    }
    with pytest.raises(ValueError, match="unknown role"):
        officials_from_json([entry])
