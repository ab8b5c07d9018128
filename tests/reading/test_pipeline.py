"""The reading pipeline's own steps: overlap resolution and sentence splitting."""
import random
import re

from casecourse.model import Mention
from casecourse.reading import pipeline, sentences
from casecourse.reading.pipeline import read


def _naive_resolve(mentions: list[Mention]) -> list[Mention]:
    """The specification: compare each mention with every mention kept before it."""
    rank = {t: i for i, t in enumerate(pipeline._PRECEDENCE)}
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (rank.get(m.type, 99), -(m.end - m.start), m.start)):
        if not any(k.start < m.end and m.start < k.end and pipeline._clash(k, m) for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: (m.start, -m.end, m.type))
    return kept


def test_overlap_resolution_matches_the_pairwise_specification() -> None:
    rnd = random.Random(5)
    types = pipeline._PRECEDENCE + ["finding_part", "abbreviation"]
    for _ in range(300):
        mentions = []
        for _ in range(rnd.randint(0, 60)):
            start = rnd.randint(0, 400)
            end = start + rnd.choice([0, 1, 3, 8, 31, 32, 33, 70, 150])
            mentions.append(Mention(type=rnd.choice(types), start=start, end=end, text="x",
                                    norm=rnd.choice(["a", "b"])))
        assert [id(m) for m in pipeline._resolve_overlaps(mentions)] == [id(m) for m in _naive_resolve(mentions)]


def test_higher_precedence_wins_and_coexisting_kinds_stay() -> None:
    drug = Mention(type="drug", start=0, end=10, text="x")
    dose = Mention(type="dose", start=5, end=12, text="x")
    test = Mention(type="lab_test", start=20, end=30, text="x")
    value = Mention(type="lab_value", start=25, end=35, text="x")
    kept = pipeline._resolve_overlaps([dose, value, drug, test])
    assert [m.type for m in kept] == ["drug", "lab_test", "lab_value"]


def _reference_split(text: str) -> list[tuple[int, int]]:
    """The splitter's rule with the last word searched over the whole sentence so far."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in sentences._BOUNDARY.finditer(text):
        if m.group(0)[0] == ".":
            word = re.search(r"([\w.]+)$", text[start:m.start()])
            if word and (word.group(1).lower().rstrip(".") in sentences._ABBREV
                         or (len(word.group(1)) == 1 and not text[start:m.start() - 1].endswith("/")
                             and not re.search(r"(?:[°º]|\d ?)$", text[start:start + word.start(1)])
                             and (not word.group(1).isdecimal()
                                  or sentences._list_number(text, start, start + word.start(1))))):
                continue
        elif m.group(0) == "\n" and (text[m.end():m.end() + 1].islower() and (
                sentences._WRAPPED.search(text[max(start, m.start() - 6):m.start()])
                or sentences._wrapped_prose(text, m.start())) or sentences._wrapped_before_number(text, m.start())):
            continue  # a line wrapped inside its sentence
        sentences._add(text, start, m.end(), out)
        start = m.end()
    sentences._add(text, start, len(text), out)
    return out


def test_sentence_split_last_word_window() -> None:
    long_word = "a" * (sentences._WINDOW + 5)
    text = f"Seen by Dr. Smith. Then {long_word}. Next line\nfollows e.g. Here. X. Y {long_word}x.\n. Z"
    assert sentences.split(text) == _reference_split(text)
    assert (0, 18) in sentences.split(text)  # "Dr." does not end the sentence
    rnd = random.Random(3)
    pieces = ["Dr.", " ", "\n", "x", "e.g.", "A", "9", ". ", "word", "Fig.", "(", '"', "no.", long_word, "_", "g/L"]
    for _ in range(2000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30)))
        assert sentences.split(text) == _reference_split(text), text


def test_a_unit_denominator_ends_a_sentence_an_initial_does_not() -> None:
    text = "Fibrinogen was 1.1 g/L. Blood cultures were negative. Seen by J. Smith on the ward."
    assert [text[a:b] for a, b in sentences.split(text)] == [
        "Fibrinogen was 1.1 g/L.", "Blood cultures were negative.", "Seen by J. Smith on the ward."]


def test_a_temperature_unit_ends_a_sentence() -> None:
    text = "Her temperature was 38.6 °C. Prednisolone was started. It was 38 C. She improved."
    assert [text[a:b] for a, b in sentences.split(text)] == [
        "Her temperature was 38.6 °C.", "Prednisolone was started.", "It was 38 C.", "She improved."]


def test_a_one_digit_number_ends_a_sentence() -> None:
    text = "Vomiting began on day 2. Jaundice followed on day 5. Both resolved."
    assert [text[a:b] for a, b in sentences.split(text)] == [
        "Vomiting began on day 2.", "Jaundice followed on day 5.", "Both resolved."]


def test_a_numbered_list_item_is_no_sentence_end() -> None:
    text = "Criteria met: 1. Fever 2. Rash 3. Arthralgia. Then she improved."
    assert [text[a:b] for a, b in sentences.split(text)] == [
        "Criteria met: 1. Fever 2. Rash 3. Arthralgia.", "Then she improved."]


def test_a_value_before_its_sentences_day_takes_that_day() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 52-year-old woman was admitted. Heparin was started on day 2. The platelet count was "
                          "45 × 10^9/L on day 7.", assess=False)
    plt = next(lab for lab in course.labs if lab.test == "platelets" and lab.value == 45.0)
    assert plt.time.offset_days == (6.0, 6.0)


def test_a_negative_culture_does_not_make_the_values_before_it_negative() -> None:
    text = "Case presentation\nShe had ferritin 9,800 ng/mL and fibrinogen 0.9 g/L. Blood cultures were negative."
    values = [m for m in read(text).mentions
              if m.type == "lab_value" and m.attrs.get("test") in ("ferritin", "fibrinogen")]
    assert len(values) == 2 and all(m.assertion.value == "present" for m in values)
