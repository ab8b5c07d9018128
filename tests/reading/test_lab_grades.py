"""Grades, stages and scores written as codes or fractions (reading/lab_grades.py)."""
from casecourse.reading.lab_grades import find
from casecourse.reading.pipeline import read


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.text, str(m.attrs["scale"])) for m in find(text)]


def test_tnm_codes_and_histologic_grade() -> None:
    got = _found("Resection showed a ypT2N1M0 tumour, G2; the second lesion was pT1b and the nodes cN0.")
    assert ("ypT2N1M0", "tnm") in got and ("pT1b", "tnm") in got and ("G2", "histologic_grade") in got
    assert all(t != "cN0" for t, _ in got)  # an N category alone is not read


def test_t_weighted_images_and_obstetric_codes_are_not_stages() -> None:
    assert _found("T1- and T2-weighted images were obtained in a G2P1 woman.") == []


def test_fractions_need_their_scale_cue() -> None:
    assert _found("Auscultation revealed a grade 3/6 systolic murmur.") == [("grade 3/6", "murmur")]
    assert _found("Muscle power was 2/5 distally and 4+/5 proximally.") == [("2/5", "strength"), ("4+/5", "strength")]
    assert _found("Best corrected visual acuity was 20/40 in the left eye.") == [("20/40", "acuity")]
    assert _found("The Glasgow Coma Scale score was 9/15.") == [("9/15", "score")]
    # no cue: a date piece, a cytokeratin, a plain ratio
    assert _found("She was seen on 4/5 and again on 2/6/2019.") == []
    assert _found("The tumour was negative for CK 5/6.") == []
    assert _found("Two of three samples (2/3) grew the organism.") == []


def test_grade_words_and_degrees() -> None:
    assert _found("A grade III astrocytoma with 2nd degree heart block.") == [
        ("grade III", "grade"), ("2nd degree", "degree")]


def test_grades_are_values_without_a_test_in_the_reading() -> None:
    ms = [m for m in read("A grade 2/6 systolic murmur was heard at the apex.").mentions if m.type == "lab_value"]
    assert [m.text for m in ms] == ["grade 2/6"] and ms[0].attrs["test"] is None


def test_functional_class_needs_its_cue() -> None:
    assert _found("He was in NYHA functional class III on admission.") == [("class III", "class")]
    assert _found("A class I antiarrhythmic drug was started.") == []


def test_counts_per_microscopic_field() -> None:
    assert _found("Mitoses numbered 7 per 10 high-power fields.") == [("7 per 10 high-power fields", "per_field")]
    assert _found("a low mitotic rate (3/50 HPF) and urine with 10–15/high power field") == [
        ("3/50 HPF", "per_field"), ("10–15/high power field", "per_field")]
    assert _found("The film showed 1–2 schistocytes/HPF.") == [("1–2 schistocytes/HPF", "per_field")]
    assert _found("Ten fields were examined at high power.") == []


def test_plus_grades_and_standard_deviation_scores() -> None:
    assert _found("There was 2+ pitting oedema and +1 cells in the anterior chamber.") == [
        ("2+", "plus"), ("+1", "plus")]
    assert _found("CD20+ cells and an ER+ tumour; power 4+/5.") == [("4+/5", "strength")]
    assert _found("Height was 2.4 SD below the mean; BMI z-score +1.5 z-score.") == [
        ("2.4 SD", "sd_score"), ("+1.5 z-score", "sd_score")]


def test_disease_stages_are_graded_values() -> None:
    got = _found("A stage IIIB adenocarcinoma, later FIGO stage IA2 disease and stage 2 kidney disease.")
    assert got == [("stage IIIB", "stage"), ("stage IA2", "stage"), ("stage 2", "stage")]
    # no numeral after it: a stage word alone or "end-stage" names no stage
    assert _found("She had end-stage renal disease at an early stage of the illness.") == []


def test_a_stage_numeral_is_not_an_intravenous_route() -> None:
    text = "He had stage IV melanoma and was given fluids IV."
    mentions = read(text).mentions
    assert any(m.type == "lab_value" and m.text == "stage IV" for m in mentions)
    assert [m.start for m in mentions if m.type == "route"] == [text.rindex("IV")]


def test_keyed_scans_find_what_the_patterns_find() -> None:
    """Each grade pattern is tried only near a word every match of it holds (lab_grades._SCANS, rx_keys); over a
    report long enough for the keyed path, the matches are the pattern's own scan's, one by one."""
    from casecourse.reading import lab_grades

    text = (" ".join([
        "Resection showed ypT2N1M0 and yc-T1 N0 disease, pT1b, cTis, a G3 focus (not G5, not -G2), and in the",
        "margin a pTx lesion. Grade II glioma, GRADE 3 lesion, grade 5c; Stage IIIB, FIGO STAGE IA2, stage 4 and",
        "end-stage renal disease. A IIIrd degree tear, 1st-degree block, IV degree burns, 4th degree laceration.",
        "Oedema 2+ pitting, +3 cells, CD3+ cells, 1++ reflex. Height −2.5 SD, weight +1.2 SDS, length -0.5 z-score,",
        "BMI 2 Z-score, head +12.25 SD and 12.25 SDSX. T2-weighted images; a G2P1 woman; the 2+3 sum.",
    ]) + " ") * 2
    assert len(text) >= 256
    for rx, _needs, _words, scale in lab_grades._PATTERNS:
        scan = lab_grades._SCANS.get(scale)
        if scan is not None:
            assert [m.span() for m in scan(text)] == [m.span() for m in rx.finditer(text)], scale
