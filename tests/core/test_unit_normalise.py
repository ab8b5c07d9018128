"""units.normalise_unit tries its spelling rules only on a key holding one of the pieces the rules name: every match
of a rule must hold its piece, or a written unit would keep a spelling the table does not know. Units are invented
spellings of the table's kinds."""
import itertools

from casecourse import units

_WRITTEN = ["mg/dL", "milligrams per deciliter", "mcg/mL", "µg/L", "μmol/L", "micromoles per litre", "cells/mcL",
            "gm/dL", "grams per liter", "mEq/L", "millimoles per litre", "percent", "per cent", "cells/cumm",
            "cells/cu.mm", "cells/mm³", "mL/min/1.73 m²", "mg/24 hours", "mg/24 hrs", "IU/L", "beats per minute",
            "breaths/min", "of case", "with a four-day history", "x 10^9/L"]


def _every_rule(written: str) -> str:
    key = "".join(written.strip().rstrip(".").lower().split())
    for pattern, repl, _ in units._NORMALISE:
        key = pattern.sub(repl, key)
    return key


def test_each_rule_match_holds_one_of_its_pieces() -> None:
    for written in _WRITTEN:
        key = "".join(written.lower().split())
        for pattern, _, pieces in units._NORMALISE:
            for m in pattern.finditer(key):
                around = key[max(0, m.start() - 1):m.end()]  # the hours' piece is the "/" before the match
                assert any(p in around for p in pieces.split("|")), (pattern.pattern, written)


def test_the_key_is_that_of_every_rule_applied() -> None:
    for a, b in itertools.product(_WRITTEN, repeat=2):
        written = f"{a} {b}"
        assert units.normalise_unit(written) == _every_rule(written)
    assert units.normalise_unit("Micrograms per Litre") == "ug/l"
    assert units.normalise_unit("of case") == "ofcase"
