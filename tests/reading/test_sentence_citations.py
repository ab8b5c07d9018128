"""A reference list printed without its commas after a full stop ends the sentence (invented text)."""
from __future__ import annotations

from casecourse.reading.sentences import split


def test_a_run_together_reference_list_ends_the_sentence() -> None:
    text = "Gout may present as bursitis or tenosynovitis.[45612] Here we report a case of gout in a 30-year-old man."
    assert [text[a:b] for a, b in split(text)] == [
        "Gout may present as bursitis or tenosynovitis.[45612]", "Here we report a case of gout in a 30-year-old man."]


def test_a_number_in_brackets_inside_a_sentence_stays() -> None:
    text = "The count was 12 [10000 to 12000] on day 2. It fell."
    assert [text[a:b] for a, b in split(text)] == ["The count was 12 [10000 to 12000] on day 2.", "It fell."]
