"""model.construct_all builds the same object as pydantic's model_construct, without its per-field loop."""
from __future__ import annotations

from casecourse.model import Provenance, SourceSpan, construct_all


def test_construct_all_equals_model_construct() -> None:
    fast = construct_all(Provenance, rule="r", sentence=construct_all(SourceSpan, start=0, end=9, text="A sentence"),
                         spans=[construct_all(SourceSpan, start=2, end=4, text="se")])
    slow = Provenance.model_construct(spans=[SourceSpan.model_construct(start=2, end=4, text="se")], rule="r",
                                      sentence=SourceSpan.model_construct(start=0, end=9, text="A sentence"))
    assert fast == slow
    assert list(fast.__dict__) == list(slow.__dict__) == ["spans", "rule", "sentence"]  # declaration order
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump_json() == slow.model_dump_json()


def test_construct_all_with_a_field_left_out_falls_back_to_model_construct() -> None:
    p = construct_all(Provenance, rule="r")  # the defaults are filled in by pydantic
    assert p.spans == [] and p.sentence is None and p.model_fields_set == {"rule"}
