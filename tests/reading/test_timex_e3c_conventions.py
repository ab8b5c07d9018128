"""TIMEX3 span and value conventions (THYME/E3C guidelines) in the time reader and in the E3C scoring
adapter. Invented sentences only."""

from __future__ import annotations

from casecourse.evaluation.errors import row_errors
from casecourse.evaluation.gold import GoldDoc, GoldSpan
from casecourse.evaluation.mapping import load_mapping
from casecourse.evaluation.readers.e3c import adapt_predictions
from casecourse.evaluation.scoring import match_corpus
from casecourse.reading.pipeline import read_mentions
from casecourse.reading.timex import find_timexes

TIME_TYPES = {"date", "time", "duration", "frequency", "prepost"}


def spans(text: str, ref: str | None = None) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.attrs.get("value")) for m in find_timexes(text, ref)}


# -- the reader -------------------------------------------------------------------------------------------


def test_a_total_of_is_outside_the_span_but_keeps_the_signal():
    text = "Methotrexate was continued for a total of 8 weeks."
    [m] = [m for m in find_timexes(text) if m.type == "duration"]
    assert m.text == "8 weeks" and m.attrs["value"] == "P8W"
    assert m.attrs["signal"] == "for"
    assert text[m.attrs["phrase_start"]:m.attrs["phrase_end"]] == "for a total of 8 weeks"


def test_article_before_daily_is_not_a_count():
    got = spans("She followed a daily walking programme and took 2 tablets twice daily.")
    assert got.get("daily") == ("frequency", "P1D")
    assert "a daily" not in got
    assert got.get("twice daily") == ("frequency", "P1D")


def test_minute_as_an_adjective_is_no_time():
    assert "a minute" not in spans("Endoscopy showed a minute polyp in the antrum.")
    assert spans("The seizure stopped within a minute.").get("a minute", (None,))[0] in ("time", "duration")
    assert "a minute later" in spans("She collapsed and a minute later regained consciousness.")


def test_uterine_size_in_weeks_is_no_time():
    got = spans("Examination found a fibroid uterus of 20 weeks size and a 16-week-sized mass.")
    assert not any("20 weeks" in k or "16-week" in k for k in got)
    assert "14 weeks" in spans("She had felt the mass for 14 weeks.")


def test_offset_before_presentation_is_a_date_with_a_reference_date():
    text = "Her cough began 10 days prior to presentation. Three days later she was febrile."
    with_ref = spans(text, "2021-06-20")
    assert with_ref["10 days"] == ("time", "2021-06-10")
    assert with_ref["Three days later"] == ("time", "2021-06-13")  # the story now has a date
    # normal analysis: no reference date, no invented calendar date
    assert spans(text)["10 days"] == ("time", "P10D")


def test_offset_before_admission_after_a_stated_date_is_not_moved_to_the_reference_date():
    text = "In March 2015 she was diagnosed. She had lost weight 3 weeks before admission."
    assert spans(text, "2021-06-20")["3 weeks"][1] != "2021-05-30"


# -- the E3C scoring adapter ------------------------------------------------------------------------------


def adapted(text: str, ref: str | None = None) -> dict[str, str]:
    return {m.text: m.type for m in adapt_predictions(text, read_mentions(text, reference_date=ref), ref)
            if m.type in TIME_TYPES}


def test_adapter_drops_ages_at_events():
    text = "She first had eczema at the age of 4 years and asthma at age 9."
    got = adapted(text)
    assert not any("age" in k for k in got)


def test_adapter_drops_offsets_in_treatment_cycles():
    text = "The tumour shrank after three cycles and she relapsed 2 months later."
    got = adapted(text)
    assert "after three cycles" not in got and "three cycles" not in got
    assert "2 months later" in got


def test_adapter_scores_gestational_age_as_a_duration():
    got = adapted("She was admitted at 31 weeks' gestation with headache.")
    assert got.get("31 weeks") == "duration"


def test_adapter_trims_the_preposition_of_at_that_time():
    got = adapted("The rash faded. At that time, her platelets were normal.")
    assert got.get("that time") == "time"
    assert "At that time" not in got
    assert "the time of" not in " ".join(adapted("At the time of admission she was afebrile."))


def test_adapter_keeps_a_frequency_absorbed_by_a_dose():
    text = "She was given azathioprine 50 mg daily and cefazolin 1 g every 8 hours."
    plain = {m.text for m in read_mentions(text) if m.type == "frequency"}
    got = adapted(text)
    assert got.get("daily") == "frequency" and got.get("every 8 hours") == "frequency"
    assert "daily" not in plain or "every 8 hours" not in plain  # the product reads them inside the dose


def test_adapter_leaves_a_rate_denominator_out():
    got = adapted("Her urine protein excretion was 2.5 g per day on furosemide 40 mg per day.")
    assert "per day" not in got


# -- the error listing ------------------------------------------------------------------------------------


def test_boundary_and_value_errors_show_gold_and_predicted_spans():
    text = "Fever began two weeks ago and lasted for about a month."
    i = text.index("two weeks")
    j = text.index("a month")
    gold = [GoldSpan("DATE", i, i + len("two weeks"), "two weeks", (("timex_class", "DATE"), ("value", "2020-12"))),
            GoldSpan("DURATION", j, j + len("a month"), "a month", (("timex_class", "DURATION"), ("value", "P1M")))]
    doc = GoldDoc(id="X1", text=text, spans=gold, reference_date="2021-01-10")
    preds = adapt_predictions(text, read_mentions(text, reference_date="2021-01-10"), "2021-01-10")
    matches = match_corpus([doc], [preds], load_mapping("e3c"))
    items = row_errors(matches["TIMEX3"])
    boundary = [e for e in items if e["kind"] == "BOUNDARY"]
    assert boundary, items
    for e in boundary:
        assert e["gold"] == text[e["start"]:e["end"]]
        assert e["pred"] == text[e["pred_start"]:e["pred_end"]]
        assert e["gold"] != e["pred"]


def test_on_a_basis_is_a_set_without_the_preposition():
    got = spans("Her INR was checked on a weekly basis, later on a two months basis.")
    assert got.get("a weekly basis") == ("frequency", "P1W")
    assert got.get("a two months basis") == ("frequency", "P2M")
    assert not any(k.startswith("on ") for k in got)
    assert not spans("She was treated on an outpatient basis.")  # no period: no SET


def test_at_night_is_a_set_on_night_only():
    got = spans("Timolol drops were applied at night.")
    assert got.get("night") == ("frequency", "P1D")
    assert "at night" not in got
    assert "night" not in spans("Night sweats were her main complaint.")


def test_adapter_scores_soon_after_closing_a_clause():
    assert adapted("The baby was delivered and the mother died soon after.").get("soon after") == "time"
    assert "soon after" not in adapted("She died soon after surgery was completed.")


def test_split_option_is_only_for_e3c(tmp_path):
    import pytest

    from casecourse.evaluation.gold import CorpusError
    from casecourse.evaluation.readers import load_corpus

    (tmp_path / "maccrobat2020").mkdir()
    with pytest.raises(CorpusError, match="only e3c"):
        load_corpus("maccrobat", tmp_path, "train")
