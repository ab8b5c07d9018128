"""Results written as signs, attached suffixes and trend words (reading/lab_signs.py)."""
from casecourse.reading.lab_signs import find


def _found(text: str) -> list[tuple[str, object]]:
    return [(m.text, m.attrs.get("interpretation") or m.attrs.get("trend")) for m in find(text)]


def test_signs_in_parentheses_after_a_marker() -> None:
    assert _found("Staining: CD20 (+), CD3 (−), Ki-67 (++).") == [("+", "POS"), ("−", "NEG"), ("++", "POS")]
    assert _found("The (+)-isomer and a list (a) (b) were described.") == []


def test_suffix_result_only_when_it_ends_its_phrase() -> None:
    assert _found("The isolate was oxidase-negative, indole-positive and grew slowly.") == [
        ("negative", "NEG"), ("positive", "POS")]
    assert _found("Gram-negative rods and HER2-positive cells were seen.") == []


def test_trend_words_need_a_value_or_measure_after_them() -> None:
    assert _found("Her platelet count fell to 12 and sodium rose sharply from 120.") == [
        ("fell", "down"), ("rose", "up")]
    assert _found("He declined surgery and the rumour rose.") == []


def test_attributive_normal_is_a_result_unless_it_names_a_reference_or_solution() -> None:
    assert _found("CT showed a normal portal vein and normal liver parenchyma.") == [("normal", "N"), ("normal", "N")]
    assert _found("Potassium 6.1 (normal range 3.5-5.1); 500 mL of normal saline; unlike normal controls.") == []
    assert _found("The ECG was normal.") == []  # predicative: read by labs_results, not here


def test_a_suffix_coordinated_with_another_describing_word_before_a_noun_is_no_result():
    from casecourse.reading.lab_signs import find as find_signs

    text = "Cultures grew filamentous, gram-positive, weakly acid-fast, and beaded rods."
    assert [m.text for m in find_signs(text)] == []
    assert [m.text for m in find_signs("Sections showed many PAS-positive and PAS-resistant granules.")] == []
    # a list of results stays a list of results
    assert [m.text for m in find_signs("The isolate was oxidase-negative, urease-negative, and indole-positive.")] == [
        "negative", "negative", "positive"]


def test_trend_word_with_a_named_test_as_its_subject() -> None:
    """A trend word states a result with no value after it when a named test is its subject; not of a person."""
    from casecourse.reading.lab_signs import find

    assert [(m.text, m.attrs["trend"]) for m in find("By day 9 the platelet counts had risen gradually.")] == \
        [("risen", "up")]
    assert [(m.text, m.attrs["trend"]) for m in find("Her haemoglobin declined.")] == [("declined", "down")]
    assert find("She declined the operation.") == []
    assert find("His general condition declined over the week.") == []


def test_keyed_scans_find_what_the_patterns_find() -> None:
    """The suffix and attributive patterns are tried only where their words begin (rx_keys.starting_with); over a
    report long enough for that path, their matches are the patterns' own scans', one by one."""
    from casecourse.reading import lab_signs

    text = ("The isolate was oxidase-NEGATIVE, indole-Positive and catalase-negative; Gram-negative rods, "
            "HER2-positive and COX-deficient fibers, a non-negative result. Normal liver, NORMAL spleen, the normal "
            "range, of normal size, (normal) limits, abnormal cells, normalised values and normal saline. ") * 2
    assert len(text) >= 256
    attributive, words = lab_signs._attributive()
    for rx, keyed in ((lab_signs._SUFFIX, lab_signs.starting_with(lab_signs._SUFFIX, text, lab_signs._SUFFIX_WORDS,
                                                                   lower=True)),
                      (attributive, lab_signs.starting_with(attributive, text, words, lower=True))):
        assert [m.span() for m in keyed] == [m.span() for m in rx.finditer(text)] != []
