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


# Rules added for held-out batch E.


def test_an_agreement_to_strengthen_cooperation_is_about_that_cooperation():
    found = _extract(
        "RIYADH, June 4 - Saudi Arabia and Senegal signed an agreement to strengthen "
        "cooperation in the field of energy on Tuesday.",
        "2024-06-04",
    )
    [agreement] = found.agreements
    assert agreement.topic == "cooperation in the field of energy"


def test_such_pact_refers_back_and_a_signing_city_is_no_party_or_mention():
    found = _extract(
        "KYIV, June 4 (Dnipro Daily) - Ukraine and Sweden signed a ten-year agreement on "
        "security cooperation in Brussels on Monday, the first such pact Stockholm has "
        "concluded with a country outside the bloc, the ministry said.",
        "2024-06-04",
    )
    [agreement] = found.agreements
    assert agreement.parties == ["SWE", "UKR"]
    assert agreement.signed.value == "2024-06-03"  # not the dateline's day
    assert "BEL" not in found.states


def test_a_count_with_named_instruments_leaves_a_batch_of_the_rest():
    found = _extract(
        "DAR ES SALAAM, Feb 13 - Tanzania and Mozambique on Tuesday signed 9 documents, "
        "including a memorandum of understanding on defence and security cooperation and an "
        "agreement on the joint management of the Ruvuma river basin, during a state visit by "
        "Mozambican President Filipe Nyusi.",
        "2024-02-13",
    )
    summary = sorted((a.kind, a.topic or "", a.count or 1) for a in found.agreements)
    assert summary == [
        ("agreement", "", 7),
        ("agreement", "joint management of the Ruvuma river basin", 1),
        ("mou", "defence and security cooperation", 1),
    ]


def test_ministries_with_commas_in_their_names_are_the_parties():
    found = _extract(
        "The two Ministers welcomed the signing earlier in the day of a Memorandum of Cooperation "
        "in the field of nuclear energy between the Ministry of Economy, Trade and Industry of "
        "Japan and the Ministry of Climate and Environment of Poland.",
        "2024-05-09",
    )
    [agreement] = found.agreements
    assert agreement.organizations == [
        "Ministry of Economy, Trade and Industry of Japan",
        "Ministry of Climate and Environment of Poland",
    ]


def test_a_portfolio_after_deputy_prime_minister_is_the_office():
    found = _extract(
        "Ms. KAMIKAWA Yoko held a meeting with H.E. Mr. Radosław Sikorski, Deputy Prime Minister "
        "and Minister of Foreign Affairs of the Republic of Poland, who is visiting Japan.",
        "2024-05-09",
    )
    sikorski = next(o for o in found.officials if o.name.endswith("Sikorski"))
    assert (sikorski.state, sikorski.role) == ("POL", "ForeignMinister")
    [visit] = found.visits
    assert (visit.host_state, visit.status) == ("JPN", "ongoing")


def test_airports_are_not_kings_and_people_are_not_signing_organisations():
    found = _extract(
        "On Monday Li and Albanese signed five agreements at Parliament House. Upon his arrival "
        "at King Khalid International Airport, the president was received by the minister.",
        "2024-06-18",
    )
    assert not any("Airport" in o.name or o.name == "Khalid" for o in found.officials)
    assert all(not a.organizations for a in found.agreements)


def test_a_postponed_visit_keeps_the_month_it_was_expected_not_the_dateline_day():
    found = _extract(
        "MOSCOW, September 24 (RIA Novosti) - A visit by Turkish President Recep Tayyip Erdogan "
        "to Russia, which was expected in October, has been postponed indefinitely, the Kremlin "
        "said on Tuesday.",
        "2024-09-24",
    )
    [visit] = found.visits
    assert (visit.status, visit.start.value) == ("postponed", "2024-10")
