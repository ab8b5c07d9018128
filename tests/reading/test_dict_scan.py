"""dict_scan: one pass of the combined automaton gives each dictionary reader exactly its own automaton's hits."""
import importlib

from casecourse.reading import dict_scan

_TEXT = (
    "A 54-year-old man was admitted with fever, chills and pain in the left upper quadrant. Blood cultures grew "
    "Staphylococcus aureus; a chest x-ray and an abdominal CT scan were performed, and an echocardiogram showed a "
    "vegetation on the mitral valve. Serum creatinine was elevated and urine analysis showed protein. He underwent "
    "a lumbar puncture; the cerebrospinal fluid was clear. Hemoglobin 9.1 g/dL, platelets 88,000/uL, CRP was "
    "raised, procalcitonin was normal, ANA and anti-dsDNA were negative. A bone marrow biopsy was unremarkable. "
    "On day 3 he was intubated and received mechanical ventilation; the Glasgow Coma Scale was 9 and the SOFA "
    "score 11. Two weeks later he was extubated, and after six weeks of intravenous antibiotics he was discharged "
    "home in the morning. Skin biopsy of the right forearm, sputum and stool samples were sent; PCR for influenza "
    "was negative. Follow-up MRI of the brain in March 2019 showed resolution of the lesions. "
)


def test_member_hits_equal_own_scan():
    text = (_TEXT * 3).lower()
    assert len(text) >= dict_scan.MIN_CHARS
    for spec in dict_scan.MEMBERS:
        module, func = spec.split(":")
        auto = getattr(importlib.import_module(module), func)()
        assert list(dict_scan.hits(auto, text)) == list(auto.iter(text)), spec
    assert sum(len(list(dict_scan.hits(dict_scan._combined()[2][i], text))) for i in range(3)) > 0


def test_short_text_and_strangers_scan_alone():
    import ahocorasick

    other = ahocorasick.Automaton()
    other.add_word("fever", (5,))
    other.make_automaton()
    long_text = (_TEXT * 3).lower()
    assert list(dict_scan.hits(other, long_text)) == list(other.iter(long_text))
    short = "fever and chills"
    auto = dict_scan._combined()[2][0]
    assert list(dict_scan.hits(auto, short)) == list(auto.iter(short))
