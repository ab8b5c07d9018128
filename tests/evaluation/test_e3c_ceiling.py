"""The E3C ceiling's value rules on invented documents (no corpus text)."""
from casecourse.evaluation.e3c_ceiling import Context, calendar_dates, classify_value, durations, shift
from casecourse.evaluation.gold import GoldDoc


def _verdict(text: str, span: str, value: str, dct: str | None = None, nth: int = 0):
    doc = GoldDoc(id="X", text=text, spans=[], reference_date=dct)
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    return classify_value(Context(doc, calendar_dates(text)), start, start + len(span), value)


def test_durations_and_sets_come_from_the_span():
    assert [v for v, _n, _u in durations("a total of 3 weeks")] == ["P3W"]
    assert [v for v, _n, _u in durations("several months")] == ["PXM"]
    assert _verdict("Insulin was given twice daily.", "twice daily", "P1D").category == "text"
    assert _verdict("Drops every 6 hours were used.", "every 6 hours", "PT6H").rule == "set"


def test_narrative_anchor_keeps_the_coarser_precision():
    assert shift("2015-03", 11, "D") == "2015-03"
    assert shift("2015-03-20", 2, "W") == "2015-04-03"
    v = _verdict("She was operated on in March 2015. Two months later she relapsed.", "Two months later", "2015-05")
    assert (v.category, v.rule) == ("text", "narrative_anchor")


def test_doctime_offset_needs_the_reference_date():
    text = "The cough began 3 years ago."
    assert _verdict(text, "3 years ago", "2017", dct="2020-06-01").category == "doctime"
    assert _verdict(text, "3 years ago", "2017").category == "not_derivable"


def test_reasons_for_values_no_rule_gives():
    text = "He fell ill 4 days before admission. On day 2 he improved."
    assert _verdict(text, "day 2", "2011-05-04").rule == "anchor_not_in_text"
    assert _verdict(text, "4 days", "P5D").rule == "contradicts_text"
    assert _verdict(text, "day 2", "20-05").rule == "malformed"
    assert _verdict("Pain began 10 months ago.", "10 months ago", "2019", dct="2019-11-01").rule == \
        "coarser_than_text"
