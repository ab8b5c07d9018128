"""Diagnostic examinations (reading/examinations.py, knowledge/examinations.csv), on invented sentences."""
from casecourse.reading.examinations import find
from casecourse.reading.pipeline import read_mentions


def _exams(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.norm, m.attrs["category"]) for m in find(text)]


def test_imaging_electrophysiology_and_bedside_examinations_are_read() -> None:
    text = ("A contrast-enhanced CT of the abdomen showed a mass. The electrocardiogram was normal. "
            "Her vital signs were stable and the neurological examination was unremarkable.")
    assert _exams(text) == [("contrast-enhanced CT", "computed tomography", "imaging"),
                            ("electrocardiogram", "electrocardiography", "electrophysiology"),
                            ("vital signs", "vital signs", "bedside"),
                            ("neurological examination", "regional examination", "bedside")]


def test_the_longest_form_wins_and_words_must_be_whole() -> None:
    text = "Fine-needle aspiration cytology was done; the CTs were not. An ultrasonographic study followed."
    got = _exams(text)
    assert ("Fine-needle aspiration cytology", "aspiration", "sampling") in got
    assert not any(t == "CT" for t, _, _ in got)  # "CTs" is no whole word "CT"
    assert ("ultrasonographic", "ultrasonography", "imaging") in got


def test_abbreviations_match_only_as_written() -> None:
    assert _exams("The ct was read by a radiologist.") == []
    assert _exams("An MRI and an ECG were obtained.") == [("MRI", "magnetic resonance imaging", "imaging"),
                                                          ("ECG", "electrocardiography", "electrophysiology")]
    assert _exams("He stubbed his toe on the door.") == []  # TOE (transoesophageal echo) only in capitals


def test_the_whole_physical_examination_is_its_own_category() -> None:
    assert _exams("On physical examination she was pale.") == [
        ("physical examination", "physical examination", "general")]


def test_examinations_yield_to_other_readers_and_reach_the_pipeline() -> None:
    text = "A chest X-ray was obtained. Blood cultures were negative."
    ms = read_mentions(text)
    exams = [m for m in ms if m.type == "examination"]
    assert [m.text for m in exams] == ["X-ray"]
    assert all(m.zone == "narrative" for m in exams)


def test_microbiology_tests_are_examinations() -> None:
    got = _exams("Blood cultures and a nasopharyngeal swab were sent; hepatitis serology was pending.")
    assert got == [("Blood cultures", "microbiology", "microbiology"), ("nasopharyngeal swab", "microbiology",
                                                                        "microbiology"),
                   ("serology", "microbiology", "microbiology")]


def test_a_short_form_in_parentheses_after_its_examination_restates_it() -> None:
    """'magnetic resonance imaging (MRI)' names one test: the short form is marked `restates`; a short form of
    another test, or one not in parentheses, is a test of its own; Ada's finding row scores the test once."""
    from casecourse.evaluation.mapping import load_mapping

    got = {(m.text, bool(m.attrs.get("restates"))) for m in find(
        "An electrocardiogram (ECG) was normal. Magnetic resonance imaging ( MRI ) of the spine, then a CT "
        "(ultrasound was not available) and a later MRI.")}
    assert got == {("electrocardiogram", False), ("ECG", True), ("Magnetic resonance imaging", False),
                   ("MRI", True), ("CT", False), ("ultrasound", False), ("MRI", False)}
    finding = load_mapping("ada").row("finding")
    assert finding is not None
    assert not finding.admits("examination", {"category": "imaging", "restates": True})
    assert finding.admits("examination", {"category": "imaging"})
    procedure = load_mapping("maccrobat").row("Diagnostic_procedure")
    assert procedure is not None and procedure.admits("examination", {"category": "imaging", "restates": True})
