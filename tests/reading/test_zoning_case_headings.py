"""Headings of the case told in the plural or in the CARE checklist's words open the story (invented text)."""
from __future__ import annotations

import pytest

from casecourse.reading.zoning import zone_lines

_TEXT = ("INTRODUCTION\nGout is a common arthritis of older men.\n\n"
         "{heading}\nA 58-year-old man had a hot swollen knee.\n\n"
         "DISCUSSION\nClinical presentation\nMost patients present with one joint.\n")


@pytest.mark.parametrize("heading", ["CASE SUMMARIES", "Case presentations", "Description of the case",
                                     "Patient information", "Illustrative case"])
def test_a_case_heading_opens_the_story(heading: str) -> None:
    text = _TEXT.format(heading=heading)
    zones = {text[z.start:z.end]: z.zone for z in zone_lines(text)}
    assert zones["A 58-year-old man had a hot swollen knee."] == "narrative"
    # a subsection name of a discussion does not bring the discussion into the story
    assert zones["Most patients present with one joint."] == "discussion"
