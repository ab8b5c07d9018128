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


def test_utf16_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes("Temperature 38.5 °C on admission.\n".encode("utf-16"))  # BOM + UTF-16 in native order
    doc = read_document(f)
    assert doc.text.startswith("Temperature 38.5 °C") and doc.source.encoding.startswith("utf-16")


def test_windows_1252_punctuation_is_read(tmp_path: Path) -> None:
    f = tmp_path / "win.txt"
    f.write_bytes("She reported “chest pain” – worse on exertion – and ‘dizziness’.".encode("cp1252"))
    doc = read_document(f)
    assert doc.source.encoding == "cp1252" and "“chest pain” – worse" in doc.text


def test_plain_latin1_stays_latin1(tmp_path: Path) -> None:
    f = tmp_path / "l1.txt"
    f.write_bytes("Temperature 39 °C, naïve.".encode("latin-1"))
    assert read_document(f).source.encoding == "latin-1"


def test_invalid_utf8_after_bom_names_file(tmp_path: Path) -> None:
    f = tmp_path / "badbom.txt"
    f.write_bytes(b"\xef\xbb\xbfFever and \xff rash")
    with pytest.raises(InputError, match="invalid UTF-8 after its UTF-8 byte-order mark") as exc:
        read_document(f)
    assert str(f) in str(exc.value)


def test_utf16_without_bom_says_why(tmp_path: Path) -> None:
    f = tmp_path / "nobom.txt"
    f.write_bytes("Fever and rash.".encode("utf-16-le"))
    with pytest.raises(InputError, match="binary file .*UTF-16"):
        read_document(f)
