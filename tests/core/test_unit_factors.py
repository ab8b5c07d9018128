"""The precomputed unit-factor table (units._table) answers exactly as pint does."""
from casecourse import units


def test_table_matches_pint_on_a_sample():
    table = units._table()
    assert table, "the factor table is empty"
    keys = sorted(table, key=lambda k: (k[0], k[1], k[2] or 0.0))
    convertible = [k for k in keys if table[k] is not None]
    assert len(convertible) > 100
    sample = convertible[::7] + [k for k in keys if table[k] is None][::97]
    for ucum, target, mm in sample:
        assert table[(ucum, target, mm)] == units._pint_factor(ucum, target, mm), (ucum, target, mm)


def test_convert_uses_the_table_and_falls_back_to_pint():
    factor = units._table()[("mg/dL", "mmol/L", 180.16)]
    assert abs(factor - 10 / 180.16) < 1e-12  # glucose: mg/dL -> mmol/L
    assert units.convert(90, "mg/dL", "mmol/L", 180.16) == float(f"{90 * factor:.6g}")
    assert units.convert(2.0, "10*9/L", "10*9/L") == 2.0
    # a count multiplier outside the table (exponent 20) is still converted by pint
    assert ("10*20/L", "10*9/L", None) not in units._table()
    assert units.convert(1.0, "10*20/L", "10*9/L") == 1e11
