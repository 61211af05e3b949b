"""Dates as tr, nl, nb, en and de sites print them."""

import pytest

from ingest.clean.dates import date_line, date_prefix, dated_line, find_date
from ingest.clean.text import clean_text


@pytest.mark.parametrize(
    "text,value",
    [
        ("lørdag 2. oktober 2021", "2021-10-02"),
        ("Saturday, 14 December 2019", "2019-12-14"),
        ("date 2025-05", "2025-05"),
        ("02:28 PM, September 30, 2021", "2021-09-30"),
        ("12 Ekim 2023 Perşembe", "2023-10-12"),
        ("12 KASIM 2023", "2023-11-12"),
        ("dinsdag 12 maart 2024", "2024-03-12"),
        ("Veröffentlicht am 3. März 2022, 10:15 Uhr", "2022-03-03"),
        ("Published on 30/04/2024 - 16:38", "2024-04-30"),
        ("2024-02-17T09:30:00Z", "2024-02-17"),
    ],
)
def test_date_lines_are_recognised(text, value):
    found = date_line(text)
    assert found is not None and found[0].value == value


def test_updated_label_gives_updated_role():
    assert date_line("Oppdatert 3. mars 2022 kl. 10.15")[1] == "updated"


@pytest.mark.parametrize("text", ["2490", "In 2020 the war ended.", "Hat, günde yaklaşık iki yüz bin yolcuya hizmet verecek."])
def test_prose_and_numbers_are_not_date_lines(text):
    assert date_line(text) is None


def test_date_inside_prose_is_found_but_line_is_not_a_date():
    line = "The agreement was ratified on 21 December 2010 by parliament."
    assert find_date(line).value == "2010-12-21"
    assert date_line(line) is None


def test_date_prefix_is_split_from_body_line():
    found, rest = date_prefix(" date 2025-05 De Turkse dronegigant Baykar heeft een overeenkomst getekend.")
    assert found.value == "2025-05" and found.raw == "date 2025-05"
    assert rest.startswith("De Turkse dronegigant")


def test_impossible_dates_are_rejected():
    assert find_date("31/13/2020") is None


@pytest.mark.parametrize("text", ["31.02.2024", "30 February 2024", "29.02.2023", "April 31, 2024", "2024-06-31"])
def test_a_day_the_month_does_not_have_is_no_date(text):
    assert find_date(text) is None and date_line(text) is None


def test_the_29th_of_february_is_a_date_in_a_leap_year():
    assert date_line("29.02.2024")[0].value == "2024-02-29"


def test_a_scrape_dated_the_31st_of_february_publishes_no_such_day():
    body = "The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed since the storm."
    page = "\n".join(["Harbour bridge will be rebuilt after years of delay", "31.02.2024", body, body.replace("city", "town")])
    assert clean_text(page).published is None


def _published(validator, value) -> bool:
    """Whether the record schema's `published` field takes `value`."""
    return type(validator)(validator.schema["properties"]["published"]).is_valid(value)


@pytest.mark.parametrize("value", ["2024-02-17", "2024-02", "2024", None])
def test_the_schema_takes_a_date_as_precise_as_the_page_says(validator, value):
    assert _published(validator, value)


@pytest.mark.parametrize("value", ["2024-02-17 and anything after", "2024-13-01", "2024-02-32", "20240217"])
def test_the_schema_refuses_a_published_value_that_is_no_date(validator, value):
    assert not _published(validator, value)


# Time zones: the date is the page's own day, never moved to the UTC one.


def test_time_with_a_parenthesised_utc_offset_still_makes_a_date_line():
    assert date_line("04.03.2026 23:30 (UTC+1)")[0].value == "2026-03-04"


def test_time_with_a_german_zone_abbreviation_still_makes_a_date_line():
    assert date_line("04.03.2026, 23:30 Uhr MEZ")[0].value == "2026-03-04"


def test_time_with_an_iana_zone_name_still_makes_a_date_line():
    assert date_line("Mar 4, 2026 11:30 PM America/New_York")[0].value == "2026-03-04"


def test_local_date_is_published_when_the_line_also_gives_the_utc_one():
    roles = {m.value: role for m, role in dated_line("2026-03-05 04:30 UTC / 2026-03-04 23:30 EST")}
    assert roles == {"2026-03-05": "timestamp", "2026-03-04": "published"}


def test_scrape_publishes_the_local_day_not_the_utc_day():
    body = "The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed since the storm."
    title = "Harbour bridge will be rebuilt after years of delay"
    page = "\n".join([title, "2026-03-05T04:30:00Z | 2026-03-04T23:30:00-05:00", body, body.replace("city", "town")])
    assert clean_text(page).published == "2026-03-04"
