"""Rules added for held-out batch C, each on a sentence of its own (no gold corpus needed)."""

from datetime import date

from bilateral.extract import extract
from bilateral.extract.dates import find_dates
from bilateral.extract.places import find_states
from bilateral.model import Article


def _extract(text: str, published: str):
    return extract(Article("t", text, published=date.fromisoformat(published)))


def test_geographic_names_do_not_mention_states():
    found = [m.iso for m in find_states("Patrols in the South China Sea worry Latin America.")]
    assert found == []
    assert [m.iso for m in find_states("South Korea and China met.")] == ["KOR", "CHN"]


def test_next_week_is_a_month_only_when_the_week_stays_in_it():
    [mention] = find_dates("will travel to Japan next week", date(2024, 6, 5))
    assert (mention.date.value, mention.date.precision) == ("2024-06", "month")
    assert find_dates("will travel next week", date(2024, 5, 24)) == []
    assert find_dates("the trip this weekend", date(2024, 6, 5)) == []


def test_a_month_without_year_is_past_when_the_clause_goes_on_in_the_past():
    [mention] = find_dates(
        "The visit follows Scholz's trip to Abuja in October, during which they signed a deal.",
        date(2024, 3, 8),
    )
    assert mention.date.value == "2023-10"


def test_trip_dates_in_the_next_sentence_belong_to_the_trip():
    found = _extract(
        "SEOUL - South Korean President Yoon Suk Yeol will travel to the Czech Republic this "
        "month, his office said on Monday.\nThe trip, from Sept. 19 to 22, will include talks "
        "in Prague with President Petr Pavel.",
        "2024-09-09",
    )
    [visit] = found.visits
    assert (visit.host_state, visit.city) == ("CZE", "Prague")
    assert (visit.start.value, visit.end.value) == ("2024-09-19", "2024-09-22")


def test_one_verb_with_a_list_of_destinations_makes_one_visit_each():
    found = _extract(
        "WELLINGTON - Prime Minister Christopher Luxon visited Singapore, Thailand and the "
        "Philippines in April.",
        "2024-06-05",
    )
    assert sorted(v.host_state for v in found.visits) == ["PHL", "SGP", "THA"]
    assert {v.status for v in found.visits} == {"completed"}


def test_the_title_alone_names_the_traveller_of_the_story():
    found = _extract(
        "Prime Minister Narendra Modi will pay an official visit to Poland on 21-22 August at "
        "the invitation of Prime Minister Donald Tusk. From Poland, the Prime Minister will "
        "travel to Kyiv on 23 August.",
        "2024-08-19",
    )
    hosts = {v.host_state: v.visitor for v in found.visits}
    assert hosts == {"POL": "Narendra Modi", "UKR": "Narendra Modi"}


def test_parenthesised_list_of_instruments_with_ministries_as_parties():
    found = _extract(
        "The two sides witnessed the signing of the following documents:\n"
        "(1) Memorandum of Understanding on Cooperation in Tourism;\n"
        "(2) Memorandum of Understanding between the Department of Agriculture of the Republic "
        "of the Philippines and the Ministry of Agriculture and Rural Development of Viet Nam on "
        "Rice Trade Cooperation;\n"
        "(3) Letter of Intent on Cooperation in Digital Transformation.",
        "2024-01-30",
    )
    topics = [a.topic for a in found.agreements]
    assert topics == [
        "Cooperation in Tourism",
        "Rice Trade Cooperation",
        "Cooperation in Digital Transformation",
    ]
    assert len(found.agreements[1].organizations) == 2


def test_an_amount_of_money_is_not_a_count_and_an_organisation_can_sign():
    found = _extract(
        "DAKAR, July 11 - Senegal and the African Development Bank signed a 120 million dollar "
        "loan agreement on Wednesday to extend the regional express train.",
        "2024-07-11",
    )
    [agreement] = found.agreements
    assert agreement.count is None
    assert agreement.parties == ["SEN"]
    assert agreement.organizations == ["African Development Bank"]


def test_topic_stops_at_the_next_instrument_and_the_attribution():
    found = _extract(
        "BEIJING - Uruguay and China signed a memorandum of understanding on green development "
        "and an agreement on beef exports, Foreign Minister Omar Paganini said.",
        "2023-11-22",
    )
    assert [a.topic for a in found.agreements] == ["green development", "beef exports"]


def test_al_prefixed_surname_is_the_same_official():
    found = _extract(
        "Erdogan met Prime Minister Mohammed Shia al-Sudani of Iraq in Baghdad. Al-Sudani "
        "visited Ankara in March 2023.",
        "2024-04-23",
    )
    assert [o.name for o in found.officials].count("Mohammed Shia al-Sudani") == 1
    assert any(v.host_state == "TUR" and v.start.value == "2023-03" for v in found.visits)
