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
    # a count multiplier outside the table (exponent 30) is still converted by pint
    assert ("10*30/L", "10*9/L", None) not in units._table()
    assert units.convert(1.0, "10*30/L", "10*9/L") == 1e21


def test_units_ucumvert_cannot_parse_are_in_the_table_as_not_convertible():
    # "x 10^0/uL": ucumvert rejects the exponent 0, so pint's answer is None without loading pint
    assert units._table()[("10*0/uL", "10*9/L", None)] is None
    assert units._pint_factor("10*0/uL", "10*9/L", None) is None


def test_units_pint_cannot_read_as_a_quantity_are_not_convertible():
    # ucumvert returns "{titer}" as a plain string and Cel cannot be multiplied: no factor, no exception
    assert units._pint_factor("{titer}", "g/L", None) is None
    assert units._pint_factor("Cel", "[degF]", None) is None
    assert units.convert(3, "{titer}", "g/L") is None


def test_the_table_holds_every_conversion_plausibility_asks_for():
    # plausibility converts a value to its test's limit unit with the catalogue's molar mass: those pairs are in the
    # table for every unit the reader writes, so checking a value never loads pint (~0.7 s) at run time
    from casecourse.plausibility import limits
    from casecourse.reading.labs_catalogue import catalogue

    table = units._table()
    sources = units._sources()
    assert len(limits()) > 10
    for test, (target, _low, _high) in limits().items():
        entry = catalogue().get(test)
        mm = entry.molar_mass if entry else None
        missing = [s for s in sources if s != target and (s, target, mm) not in table]
        assert not missing, (test, target, mm, missing[:5])
    # and the table's answer for such a pair is pint's own: glucose mg/L -> the limit's mg/dL
    glucose = ("mg/L", limits()["glucose"][0], catalogue()["glucose"].molar_mass)
    assert glucose in table and table[glucose] == units._pint_factor(*glucose)
