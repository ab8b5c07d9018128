"""Drug exposures, thirteenth round (expqa13). Sentences written for this test.

- a route with a noun of giving before the drug: "an intramuscular injection of X", "intravenous administration of X"
  (knowledge/administration_nouns.csv);
- an adverb between a drug and its stop: "X was slowly weaned off" (knowledge/gap_adverbs.csv);
- "narrowed down to X" is a switch, as "narrowed to X" is (knowledge/exposure_cues.csv);
- a cytokine, a second messenger, the calcium phosphate product and the methenamine silver stain are drugs only next
  to a treatment word (knowledge/drug_overrides.csv, action analyte);
- a capital letter completing a name ends its sentence: "amphotericin B. Ten days later ..."
  (knowledge/letter_names.csv);
- a drug named on both sides of a switch ("A, B and C, and then narrowed to C") goes on;
- a time told after a drug's stop in its sentence ("X was started, but discontinued 5 days later") is the stop's.
"""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import Exposure
from casecourse.reading.sentences import split

_ADMITTED = "A 61-year-old man was admitted on 2 June 2021 with fever and a painful swollen knee. "


def _exposures(text: str) -> dict[str, Exposure]:
    return {e.drug: e for e in analyze_text(text, assess=False).exposures}


def test_a_route_before_a_noun_of_giving_is_the_drugs() -> None:
    text = (_ADMITTED + "On 3 June 2021 he received an intramuscular injection of ceftriaxone 1 g. On 4 June 2021 "
            "intravenous administration of cefazolin was begun, and oral treatment with doxycycline was added.")
    ex = _exposures(text)
    assert ex["ceftriaxone"].segments[0].route == "intramuscular"
    assert ex["cefazolin"].segments[0].route == "intravenous"
    assert ex["doxycycline"].segments[0].route == "oral"


def test_a_route_of_a_noun_of_giving_before_a_list() -> None:
    text = _ADMITTED + "On 3 June 2021 intravenous therapy with meropenem and vancomycin was started."
    ex = _exposures(text)
    assert [ex[d].segments[0].route for d in ("meropenem", "vancomycin")] == ["intravenous", "intravenous"]


def test_a_route_far_from_the_drug_is_not_taken() -> None:
    # guard: the route of the fluids, not of the drug named after another clause
    text = _ADMITTED + "He received intravenous fluids, and on 3 June 2021 he was started on doxycycline."
    assert _exposures(text)["doxycycline"].segments[0].route is None


def test_a_slowly_weaned_infusion_is_stopped() -> None:
    text = (_ADMITTED + "A dopamine infusion was started on 2 June 2021 for hypotension. On 5 June 2021 the "
            "dopamine infusion was slowly weaned off.")
    ex = _exposures(text)["dopamine"]
    assert ex.status == "stopped"
    assert ex.end is not None and ex.end.point == "2021-06-05"


def test_narrowed_down_to_one_drug_stops_the_others() -> None:
    text = (_ADMITTED + "On 2 June 2021 he was started on vancomycin, cefepime and metronidazole. On 5 June 2021 "
            "the antibiotic coverage was narrowed down to cefepime.")
    ex = _exposures(text)
    assert ex["vancomycin"].status == "stopped" and ex["metronidazole"].status == "stopped"
    assert ex["vancomycin"].end is not None and ex["vancomycin"].end.point == "2021-06-05"
    assert ex["cefepime"].status != "stopped"
    assert len([e for e in analyze_text(text, assess=False).exposures if e.drug == "cefepime"]) == 1


def test_measured_cytokines_and_second_messengers_are_no_exposures() -> None:
    text = (_ADMITTED + "Serum cytokines were raised, among them IL-4, IL-10 and interferon gamma. Bethanechol was "
            "started on 3 June 2021; it is thought to act through intracellular conversion of cyclic guanosine "
            "monophosphate to cyclic adenosine monophosphate.")
    assert list(_exposures(text)) == ["bethanechol"]


def test_a_cytokine_given_as_a_drug_stays_given() -> None:
    # guard: a treatment word next to it
    text = _ADMITTED + "On 3 June 2021 he was given interferon gamma 50 mcg subcutaneously."
    assert "interferon gamma" in _exposures(text)


def test_a_stain_and_a_lab_product_are_no_exposures() -> None:
    text = (_ADMITTED + "The calcium phosphate product was 72. The synovium showed hyphae on Grocott methenamine "
            "silver staining. He was started on voriconazole on 4 June 2021.")
    assert list(_exposures(text)) == ["voriconazole"]


def test_a_letter_completing_a_drug_name_ends_its_sentence() -> None:
    text = "She was treated with amphotericin B. Ten days later she was well. Seen by Dr. K. Lund on day 3."
    assert [text[a:b] for a, b in split(text)] == [
        "She was treated with amphotericin B.", "Ten days later she was well.", "Seen by Dr. K. Lund on day 3."]


def test_a_drug_told_before_a_letter_name_keeps_its_own_time() -> None:
    text = (_ADMITTED + "A biopsy on 3 June 2021 showed mucormycosis, and he was treated with amphotericin B. "
            "Ten days later he developed sepsis and was given meropenem.")
    ex = _exposures(text)
    assert ex["amphotericin b"].segments[0].start.point == "2021-06-03"
    assert ex["meropenem"].segments[0].start.point == "2021-06-13"


def test_a_drug_on_both_sides_of_a_narrowing_goes_on() -> None:
    text = (_ADMITTED + "On 2 June 2021 he was given vancomycin, cefepime and doxycycline. On 4 June 2021 they were "
            "continued with vancomycin, cefepime (2 g every 8 h) and doxycycline (100 mg twice daily), and then "
            "narrowed to doxycycline.")
    courses = [e for e in analyze_text(text, assess=False).exposures if e.drug == "doxycycline"]
    assert len(courses) == 1 and courses[0].status != "stopped"
    assert courses[0].segments[0].start.point == "2021-06-02"
    ex = _exposures(text)
    assert ex["vancomycin"].status == "stopped" and ex["cefepime"].status == "stopped"


def test_a_time_told_after_a_drugs_stop_is_not_its_start() -> None:
    text = _ADMITTED + "Gentamicin was also begun, but was discontinued 4 days later as the cultures stayed sterile."
    ex = _exposures(text)["gentamicin"]
    assert ex.segments[0].start.point == "2021-06-02"
    assert ex.end is not None and ex.end.point == "2021-06-06"


def test_a_time_told_before_the_stop_stays_the_start() -> None:
    # guard: the date stands before the stop, so it is the start's
    text = _ADMITTED + "Gentamicin was begun on 4 June 2021 and stopped after 3 days."
    assert _exposures(text)["gentamicin"].segments[0].start.point == "2021-06-04"
