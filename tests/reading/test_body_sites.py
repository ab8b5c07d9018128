"""Body sites (reading/body_sites.py, knowledge/body_sites.csv), on invented sentences."""
from casecourse.reading.body_sites import find
from casecourse.reading.pipeline import read_mentions


def _sites(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.norm) for m in find(text)]


def test_a_list_of_sites_gives_one_mention_per_site() -> None:
    text = "Crusted papules covered the scalp, neck, extensor surfaces of the forearms and the lumbar area."
    assert _sites(text) == [("scalp", "scalp"), ("neck", "neck"), ("extensor surfaces", "limb"),
                            ("forearms", "forearm"), ("lumbar area", "flank")]


def test_everyday_senses_need_a_determiner_or_a_list() -> None:
    assert _sites("The cultures came back negative.") == []
    assert _sites("On the other hand, the rash faded.") == []
    assert _sites("Bruises were seen on her back and hands.") == [("back", "back"), ("hands", "hand")]


def test_the_longest_form_wins_and_words_must_be_whole() -> None:
    assert _sites("A mass was palpable in the right lower quadrant.") == [("right lower quadrant", "abdomen")]
    assert _sites("Shinbone and kneecap were intact.") == []


def test_a_site_inside_a_finding_or_test_gives_way_in_the_pipeline() -> None:
    ms = read_mentions("He had back pain. A liver biopsy was done. The liver and spleen were not palpable.")
    sites = [m.text for m in ms if m.type == "body_site"]
    assert sites == ["liver", "spleen"]  # "back" is in "back pain", the first "liver" in "liver biopsy"


def test_specimens_are_read_and_give_way_to_longer_mentions() -> None:
    from casecourse.reading.body_sites import find_specimens

    text = "Cultures of blood, urine and sputum were sterile; CSF was clear."
    assert [(m.text, m.norm) for m in find_specimens(text)] == [
        ("blood", "blood"), ("urine", "urine"), ("sputum", "sputum"), ("CSF", "cerebrospinal fluid")]
    ms = read_mentions("Her blood pressure was 120/80 mmHg and the stool showed fat.")
    assert [m.text for m in ms if m.type == "specimen"] == ["stool"]


def test_organs_and_lymph_nodes_are_sites() -> None:
    got = _sites("Cervical lymph nodes were not palpable; calcifications lined the ureters and bladder.")
    assert got == [("Cervical lymph nodes", "lymph node"), ("ureters", "urinary tract"), ("bladder", "urinary tract")]


def test_the_region_an_examination_examined_is_no_finding_site() -> None:
    text = "Ultrasonography of the neck showed a nodule; a CT abdomen was normal. A rash covered the neck."
    got = [(m.text, m.start) for m in find(text)]
    assert got == [("neck", text.rindex("neck"))]


def test_a_specimen_word_in_a_compound_names_no_sample() -> None:
    """'blood loss', 'blood purification', 'blood tests', 'urine output' name no sample; 'cultures of blood' does."""
    from casecourse.reading.body_sites import find_specimens

    text = ("Estimated blood loss was 100 mL and continuous blood purification began. Blood tests were sent, "
            "with cultures of blood and urine; urine output fell.")
    assert [(m.text, m.start) for m in find_specimens(text)] == [("blood", text.index("blood and")),
                                                                  ("urine", text.index("urine;"))]


def test_a_site_right_before_the_word_it_qualifies_gives_way() -> None:
    """"[neck] swelling", "[liver] lesion", "[chest] radiograph": one phrase, no site named apart; a site after its
    finding ("a mass in the right lower quadrant") or in a list stays."""
    got = read_mentions("She had a neck swelling and a liver lesion; a chest radiograph was taken. "
                        "A mass was felt in the right lower quadrant, with papules on the scalp and neck.")
    assert [m.text for m in got if m.type == "body_site"] == ["right lower quadrant", "scalp", "neck"]
    assert {"swelling", "lesion", "radiograph", "mass", "papules"} <= {m.text for m in got}
