from pathlib import Path

import pytest

from casecourse.ingest.text import InputError, read_document


def test_utf8_bom_and_latin1(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffFièvre à 39 °C.".encode())
    assert read_document(bom).text.startswith("Fièvre")
    assert read_document(bom).source.encoding == "utf-8-sig"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Leg œdema, 39 °C, café".encode("latin-1", errors="replace"))
    doc = read_document(latin)
    assert doc.source.encoding == "latin-1" and "39 °C" in doc.text


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty"), (b"   \n\t", "empty"), (b"\x00\x01\x02binary\x00", "binary"),
    (bytes(range(0x80, 0xa0)) * 20, "undecodable")])
def test_bad_inputs_name_file_and_problem(tmp_path: Path, content: bytes, problem: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_document(f)
    assert str(f) in str(exc.value) and problem in str(exc.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
