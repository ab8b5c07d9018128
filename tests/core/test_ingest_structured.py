"""Structured inputs: the story read out of a JATS article or a BioC collection, and clear refusals of bad ones."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casecourse.api import analyze_text
from casecourse.cli import app
from casecourse.corpus.inputs import expand
from casecourse.ingest.text import InputError, read_document

JATS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving DTD v1.2//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="case-report">
 <front><article-meta>
  <title-group><article-title>Gout mimicking septic arthritis: a case report</article-title></title-group>
  <abstract><p>The abstract retells the case: a man with a hot knee.</p></abstract>
 </article-meta></front>
 <body>
  <sec><title>Introduction</title><p>Gout is common<xref ref-type="bibr" rid="r1"><sup>1</sup></xref>.</p></sec>
  <sec sec-type="cases"><title>Case presentation</title>
   <p>In May 2022, a 67-year-old man presented with a swollen right knee and a temperature of 38.4 &#x000b0;C.
    Platelets were 410 &#x000d7; 10<sup>9</sup>/L.</p>
   <list><list-item><p>Colchicine 0.5 mg twice daily was started.</p></list-item></list>
   <table-wrap id="t1"><label>Table 1</label><caption><title>Synovial fluid and blood results</title></caption>
    <alternatives><graphic xlink:href="t1.jpg"/>
    <table><thead><tr><th>Test</th><th>Result</th></tr></thead>
     <tbody><tr><td>Uric acid (mg/dL)</td><td>9.8</td></tr><tr><td>C-reactive protein (mg/L)</td><td>86</td></tr>
     </tbody></table></alternatives>
   </table-wrap>
   <fig id="f1"><label>Figure 1</label><caption><p>Radiograph of the right knee.</p></caption>
    <graphic xlink:href="f1.jpg"/></fig>
  </sec>
  <sec sec-type="COI-statement"><title>Competing interests</title><p>The authors declare none.</p></sec>
 </body>
 <back><ack><p>We thank the ward nurses.</p></ack>
  <ref-list><ref id="r1"><mixed-citation>An author. A cited paper. 2001.</mixed-citation></ref></ref-list></back>
</article>
"""


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    f = tmp_path / name
    f.write_bytes(content.encode() if isinstance(content, str) else content)
    return f


def test_jats_article_reads_title_sections_tables_and_captions(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "case.nxml", JATS))
    blocks = doc.text.rstrip("\n").split("\n\n")
    assert blocks[:3] == ["Gout mimicking septic arthritis: a case report", "Introduction", "Gout is common1."]
    assert "Case presentation" in blocks
    assert "Uric acid (mg/dL)\t9.8\nC-reactive protein (mg/L)\t86" in doc.text  # rows of tab-separated cells
    assert "Table 1. Synovial fluid and blood results." in blocks
    assert "Figure 1. Radiograph of the right knee." in blocks
    assert "38.4 °C" in doc.text and "410 × 109/L" in doc.text  # entities and superscripts as plain text
    for left_out in ("retells", "declare none", "ward nurses", "cited paper"):  # abstract (body given), back matter
        assert left_out not in doc.text
    assert doc.source.format == "jats-xml" and doc.source.name == "case.nxml"


def test_jats_course_has_the_table_labs_and_the_drug(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "case.xml", JATS))
    course = analyze_text(doc.text, doc.source)
    labs = {(lab.test, lab.value) for lab in course.labs}
    assert {("uric acid", 9.8), ("c-reactive protein", 86.0)} <= labs, labs
    assert [x.drug for x in course.exposures] == ["colchicine"]
    assert course.text == doc.text  # the spans point into the text read from the XML
    assert course.source is not None and course.source.format == "jats-xml"


def test_jats_abstract_is_read_when_there_is_no_body(tmp_path: Path) -> None:
    no_body = JATS[:JATS.index(" <body>")] + "</article>\n"
    doc = read_document(_write(tmp_path, "abstract_only.xml", no_body))
    title = "Gout mimicking septic arthritis: a case report"
    assert doc.text == f"{title}\n\nThe abstract retells the case: a man with a hot knee.\n"


def _bioc_json(passages: list[dict], documents: int = 1) -> str:
    doc = {"id": "1", "infons": {}, "passages": passages}
    return json.dumps({"source": "PMC", "date": "", "key": "", "infons": {}, "documents": [doc] * documents})


PASSAGES = [
    {"offset": 0, "infons": {"section_type": "TITLE", "type": "front"}, "text": "Scurvy in a teenager"},
    {"offset": 21, "infons": {"section_type": "CASE", "type": "title_1"}, "text": "Case report"},
    {"offset": 33, "infons": {"section_type": "CASE", "type": "paragraph"},
     "text": "A 16-year-old boy had gingival bleeding. Vitamin C was undetectable."},
    {"offset": 99, "infons": {"section_type": "TABLE", "type": "table",
                              "xml": "<table><tr><td>Hemoglobin (g/dL)</td><td>10.2</td></tr></table>"},
     "text": "Hemoglobin (g/dL) 10.2"},
    {"offset": 130, "infons": {"section_type": "REF", "type": "ref"}, "text": "A reference that is not the story."},
]


def test_bioc_json_passages_and_table_xml(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "case.json", _bioc_json(PASSAGES)))
    assert doc.text == ("Scurvy in a teenager\n\nCase report\n\nA 16-year-old boy had gingival bleeding. Vitamin C "
                        "was undetectable.\n\nHemoglobin (g/dL)\t10.2\n")
    assert doc.source.format == "bioc-json"
    # the PMC BioC service answers with a list holding the collection
    listed = read_document(_write(tmp_path, "listed.json", f"[{_bioc_json(PASSAGES)}]"))
    assert listed.text == doc.text


def test_bioc_xml(tmp_path: Path) -> None:
    xml = ("<?xml version='1.0' encoding='utf-8'?><collection><source>PubTator</source><document><id>7</id>"
           "<passage><infon key=\"type\">title</infon><offset>0</offset><text>Lead poisoning in a painter</text>"
           "</passage><passage><infon key=\"type\">abstract</infon><offset>27</offset>"
           "<text>A 52-year-old man had abdominal colic and anaemia.</text></passage></document></collection>")
    doc = read_document(_write(tmp_path, "pubtator.xml", xml))
    assert doc.text == "Lead poisoning in a painter\n\nA 52-year-old man had abdominal colic and anaemia.\n"
    assert doc.source.format == "bioc-xml"


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("bad.xml", "<article><body><p>unclosed</body></article>", "malformed XML at line 1 column"),
    ("bad.json", '{"documents": [', "malformed JSON at line 1 column"),
    ("other.xml", "<?xml version='1.0'?><html><body>x</body></html>", "root element is <html>"),
    ("other.json", '{"resourceType": "Bundle"}', "not a BioC collection"),
    ("two.json", _bioc_json(PASSAGES, documents=2), "2 documents"),
    ("none.json", '{"documents": []}', "no document"),
    ("empty.json", "  \n", "empty file"),
    ("blank.xml", "<article><body><sec><title> </title></sec></body></article>", "no narrative text"),
    ("latin.json", b'{"documents": [{"passages": [{"text": "caf\xe9"}]}]}', "not UTF-8"),
])
def test_bad_structured_inputs_name_file_and_problem(tmp_path: Path, name: str, content: str | bytes,
                                                     problem: str) -> None:
    f = _write(tmp_path, name, content)
    with pytest.raises(InputError) as exc:
        read_document(f)
    assert str(f) in str(exc.value) and problem in str(exc.value), str(exc.value)


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = _write(tmp_path, "secret.txt", "TOPSECRET")
    xml = (f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret}">]>'
           "<article><body><p>A man with fever &x; was admitted.</p></body></article>")
    try:
        text = read_document(_write(tmp_path, "xxe.xml", xml)).text
    except InputError as exc:  # refusing the entity is as good as leaving it unread
        assert "TOPSECRET" not in str(exc)
    else:
        assert "TOPSECRET" not in text


def test_plain_text_is_unchanged_by_sniffing(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "note.txt", "<b>not markup</b> A 30-year-old woman had fever.\n"))
    assert doc.source.format is None and doc.text.startswith("<b>not markup</b>")


def test_cli_batch_with_structured_and_bad_files(tmp_path: Path) -> None:
    good = _write(tmp_path, "case.nxml", JATS)
    bad = _write(tmp_path, "broken.json", '{"documents": [{"passages": 3}]}')
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["analyze", str(good), str(bad), "-o", str(out)])
    assert res.exit_code == 2
    assert f"{bad}: a BioC document without a list of \"passages\"" in res.output.replace("\n", "")
    course = json.loads((out / "case.json").read_text())
    assert course["source"]["format"] == "jats-xml" and course["exposures"]


def test_corpus_folders_take_xml_but_not_json(tmp_path: Path) -> None:
    for name in ("a.txt", "b.nxml", "c.XML", "course.json", "notes.md"):
        _write(tmp_path, name, "x")
    assert [p.name for p in expand([tmp_path])] == ["a.txt", "b.nxml", "c.XML"]


def test_bioc_passage_keeps_its_line_breaks(tmp_path: Path) -> None:
    whole = "Case presentation\n\nA 40-year-old woman had a rash.\nShe improved."
    doc = read_document(_write(tmp_path, "one.json", _bioc_json([{"infons": {"type": "document"}, "text": whole}])))
    assert doc.text == whole + "\n"
