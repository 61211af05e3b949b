"""Plain-text cleaning signals: one behaviour per test, on text written for the test."""

from ingest.clean.chrome import classify
from ingest.clean.dates import dated_line
from ingest.clean.text import clean_text

BODY = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed since the storm in March.",
    "Engineers had warned for years that the steel was weakening, and the mayor said the repairs could not wait any longer.",
    "Work is expected to start in the autumn and to take about two years, during which a ferry will carry cyclists across.",
    "Residents who live near the bridge said they were relieved that the long argument about its future was finally over.",
]


def _page(*middle: str) -> str:
    return "\n".join(["Harbour bridge will be rebuilt after years of delay", BODY[0], BODY[1], *middle, BODY[2], BODY[3]])


def test_trailing_picture_credit_in_parentheses_is_a_credit():
    assert classify("The mayor visits the closed bridge on Monday (Image: Getty)").reason == "credit"


def test_picture_label_glued_to_a_caption_is_a_credit():
    assert classify("Der Bürgermeister an der gesperrten BrückeBild: Max Muster").reason == "credit"


def test_byline_with_a_job_title_is_a_byline():
    assert classify("By Anna Berg, Political Correspondent").reason == "byline"


def test_author_box_sentence_is_a_byline():
    assert classify("Anna Berg is a senior reporter for the Harbour Times.").reason == "byline"


def test_live_blog_time_glued_to_a_name_is_a_timestamp():
    assert classify("3 hours ago10:42 Anna Berg").reason == "timestamp"


def test_newsletter_prompt_addressing_the_reader_is_subscribe():
    assert classify("Get the morning briefing delivered to your inbox every weekday.").reason == "subscribe"


def test_prose_mentioning_email_alerts_is_not_a_prompt():
    """A guard for precision: the prompt vocabulary alone does not make a body sentence chrome."""
    assert classify("The council said warnings would reach residents through text messages, email and radio alerts.") is None


def test_share_bar_made_of_network_names_and_verbs_is_share():
    assert classify("Auf Facebook teilen Facebook").reason == "share"


def test_run_of_teaser_headlines_inside_the_article_is_related():
    teasers = ["Ferry timetable changes announced for the summer season", "Local football club signs a new goalkeeper from abroad",
               "Police search for owner of a stray horse found in the park"]
    cleaned = clean_text(_page(*teasers))
    assert all(t not in cleaned.text for t in teasers)
    assert {r.reason for r in cleaned.removed if r.text in teasers} == {"related"}


def test_single_heading_between_paragraphs_is_kept():
    """A guard for precision: one headline-shaped line is a heading, not a teaser run."""
    cleaned = clean_text(_page("What happens next"))
    assert "What happens next" in cleaned.text


def test_article_split_by_a_widget_keeps_its_second_half():
    widget = ["Most read", "Ferry timetable changes announced", "Football club signs new goalkeeper", "Stray horse found in the park",
              "Schools close early for the summer", "New bakery opens on the main square", "Harbour festival dates announced",
              "Cyclists asked to use the old road", "Weather: rain expected all week"]
    second = [BODY[2] + " The ferry will run every twenty minutes from early morning until late in the evening, the council said.",
              BODY[3], "The new bridge will have a wider lane for bicycles and a footpath on both sides of the road."]
    footer = ["About us", "Contact", "This newspaper is published by Harbour Media Group, registered in the harbour district since 1921."]
    cleaned = clean_text("\n".join(["Harbour bridge will be rebuilt after years of delay", BODY[0], BODY[1], *widget, *second, *footer]))
    assert all(line in cleaned.text for line in [BODY[0], BODY[1], *second])
    assert "Ferry timetable changes announced" not in cleaned.text


def test_footer_alone_is_flagged_low_confidence():
    cleaned = clean_text("Home\nNews\nSport\nThis newspaper is published by Harbour Media Group since 1921.\nContact us")
    assert cleaned.low_confidence


def test_full_article_is_not_low_confidence():
    assert not clean_text(_page()).low_confidence


def test_published_and_updated_on_one_line_keep_their_roles():
    found = dated_line("Giriş: 03.07.2024 - 18:24 Güncelleme: 04.07.2024 - 09:10")
    assert [(m.value, role) for m, role in found] == [("2024-07-03", "published"), ("2024-07-04", "updated")]


def test_two_digit_year_on_a_date_line_is_read():
    assert [(m.value, role) for m, role in dated_line("Publisert: 05.08.24 kl. 14:47")] == [("2024-08-05", "published")]


def test_date_glued_to_its_own_repetition_is_one_date_line():
    assert dated_line("30.01.202430. Januar 2024")[0][0].value == "2024-01-30"


def test_metadata_line_with_separators_gives_the_published_date():
    found = dated_line("Anna Berg · Harbour Times · Posted: Aug 08, 2024 4:00 AM EDT | Last Updated: 1 hour ago")
    assert found[0][0].value == "2024-08-08" and found[0][1] == "published"


def test_relative_update_after_a_date_does_not_make_it_updated():
    assert dated_line("April 25, 2023 2:26 PM GMT+2 Last Updated 9 min ago")[0][1] == "published"


def test_html_year_only_date_is_not_published():
    from ingest.clean.extract import extract_html

    body = "".join(f"<p>{line}</p>" for line in BODY)
    page = f"<html><head><title>Harbour bridge</title></head><body><article>{body}</article><footer>© 2004 Harbour Times</footer></body></html>"
    assert extract_html(page, "page.html").published != "2004-01-01"
