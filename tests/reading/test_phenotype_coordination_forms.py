"""Coordination written with "and/or", coordinated prefixes ("hypo- and hyper-") and blood levels named by
their specimen. Example sentences are our own."""
from __future__ import annotations

from casecourse.reading.phenotypes import find_phenotypes


def _codes(text: str) -> set[tuple[str, str | None]]:
    return {(m.text, m.attrs.get("hpo")) for m in find_phenotypes(text)}


def _hpos(text: str) -> set[str | None]:
    return {m.attrs.get("hpo") for m in find_phenotypes(text)}


def test_and_or_coordinates_to_the_right_as_and_does():
    found = _codes("Two siblings were born with cleft lip and/or palate.")
    assert ("cleft lip", "HP:0410030") in found
    assert ("cleft lip and/or palate", "HP:0000175") in found  # the palate term, spanning the coordination


def test_and_or_coordinates_to_the_left_as_and_does():
    hpos = _hpos("The examination found proximal and/or distal muscle weakness.")
    assert {"HP:0003701", "HP:0002460"} <= hpos  # proximal and distal muscle weakness


def test_a_bare_prefix_before_and_takes_the_coordinated_word_s_stem():
    found = _codes("Her trunk showed hypo- and hyperpigmented macules.")
    assert ("hypo- and hyperpigmented macules", "HP:0020073") in found  # hypopigmented macule
    assert "HP:0001034" in {h for _, h in found}  # hyperpigmented (hypermelanotic) macule stays
    assert {"HP:0100258", "HP:0100259"} <= _hpos("He was born with pre- and postaxial polydactyly.")
    assert "HP:0020073" in _hpos("Her trunk showed hypo-/hyperpigmented macules.")


def test_a_prefix_that_makes_no_term_adds_nothing():
    # "micro" + "pigmented macules" is no HPO term: only the written term is found
    assert "HP:0020073" not in _hpos("Her trunk showed micro- and hyperpigmented macules.")
    # a prefix after an article is no coordinated word
    assert _hpos("The hypo- and the hyperpigmented macules.") == _hpos("The hyperpigmented macules.")


def test_blood_levels_match_with_serum_plasma_or_no_specimen_and_level_for_concentration():
    assert "HP:0003237" in _hpos("Work-up showed increased serum IgG levels.")  # Increased circulating IgG
    assert "HP:0000848" in _hpos("She had elevated plasma renin concentration.")  # circulating renin
    assert "HP:0003237" not in _hpos("Work-up showed serum IgG levels within range.")


def test_a_short_form_covering_words_before_the_term_names_the_longer_concept():
    # "Ataxia-telangiectasia (AT)": AT is the disease, not the telangiectasia the lexicon found inside it
    later = [m for m in find_phenotypes("Ataxia-telangiectasia (AT) is rare. Two AT carriers were seen.")
             if m.attrs.get("source", "").startswith("abbreviation")]
    assert all(m.type == "condition" and m.attrs.get("label") == "ataxia telangiectasia" for m in later)
    assert not any(m.attrs.get("hpo") for m in later)  # never the telangiectasia finding
    # a head-final long form keeps the term: words before it may stand in the long form
    acute = [m for m in find_phenotypes("She had acute interstitial nephritis (AIN). The AIN resolved.")
             if m.text == "AIN"]
    assert acute and all(m.attrs.get("hpo") == "HP:0001970" for m in acute)



def test_the_specimen_is_left_out_only_before_a_measure_word():
    # "abnormal circulating protein concentration" must not make "protein change" (a variant's effect) a finding
    assert "HP:0010876" not in _hpos("The variant predicts a protein change at codon 12.")
    assert "HP:0010876" not in _hpos("The gene encodes an abnormal protein.")


def test_a_possessive_typed_with_a_grave_or_acute_accent_is_a_possessive():
    assert "HP:0003391" in _hpos("A positive Gower`s sign was seen.")  # Gowers sign
    assert "HP:0100280" in _hpos("She has Crohn\u00b4s disease.")  # Crohn disease
    assert _hpos("A positive Gower`s sign was seen.") == _hpos("A positive Gower's sign was seen.")


def test_a_blood_level_reads_by_its_direction_and_analyte_alone_or_with_level_of():
    assert "HP:0025435" in _hpos("The boy had increased lactate dehydrogenase.")  # no measure word written
    assert "HP:0025435" in _hpos("Tests found raised levels of lactate dehydrogenase.")  # another direction word
    assert "HP:0025435" in _hpos("Tests found an elevated serum level of lactate dehydrogenase.")
    assert "HP:0025435" in _hpos("There was an increase in lactate dehydrogenase.")  # the direction as a noun
    assert "HP:0025435" not in _hpos("Lactate dehydrogenase was within range.")
    # "reduced" before a chemical names the chemical's reduced form, no low level: only with a measure word
    assert "HP:6000405" not in _hpos("Cells were incubated with reduced nicotinamide adenine dinucleotide.")


def test_a_phenotype_stated_by_a_result_word_keeps_the_result():
    from casecourse.reading.pipeline import read_mentions
    ms = read_mentions("Her results were mildly elevated C reactive protein (CRP) of 30 mg/l (normal: <5 mg/l).")
    assert any(m.type == "test_result" and m.text == "mildly elevated" for m in ms)
    assert any(m.type == "finding_part" and m.attrs.get("hpo") == "HP:0011227" for m in ms)


def test_delay_of_or_in_reads_as_delayed():
    assert "HP:0001263" in _hpos("She showed a delay of developmental milestones.")  # Delayed developmental milestones
    assert "HP:0001263" in _hpos("There was a delay in developmental milestones.")


def test_a_compound_inside_a_longer_name_reads_as_its_two_words():
    assert "HP:0009907" in _hpos("The boy has attached ear lobes.")  # Attached earlobe
    assert "HP:0001810" in _hpos("She had dystrophic toe nails.")  # Dystrophic toenail
    assert "HP:0009907" not in _hpos("The boy has an ear and a lobe.")
