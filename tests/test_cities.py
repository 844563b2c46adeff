"""The list of major non-capital cities: valid states, lookups, no clash with capitals."""

import json

from bilateral.reference.cities import city_names, state_of_place
from bilateral.reference.gazetteer import load_states, state_of_city
from bilateral.resources import reference_dir


def test_every_city_belongs_to_a_reference_state():
    codes = {s.iso3 for s in load_states()}
    data = json.loads((reference_dir() / "cities.json").read_text(encoding="utf-8"))
    assert {iso for iso in data if not iso.startswith("_")} <= codes


def test_lookups_by_name_and_ascii_spelling():
    assert state_of_place("Sochi") == "RUS"
    assert state_of_place("Sao Paulo") == state_of_place("São Paulo") == "BRA"
    assert state_of_place("Islamabad") == "PAK"
    assert state_of_place("Gotham") is None


def test_no_city_is_listed_under_another_state_than_its_capital_entry():
    for name in city_names():
        capital_state = state_of_city(name)
        assert capital_state is None or capital_state == state_of_place(name), name
