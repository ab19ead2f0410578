"""The verbatim record importer on the two real PDFs, bad inputs, and the writer's round trip."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import pdf_text, pdfminer_text
from recordkit.importers.errors import SourceError
from recordkit.importers.hyphens import fold_block
from recordkit.importers.imported import ImportedMeeting
from recordkit.importers.pdf_text import PdfText
from recordkit.importers.registry import Registry, load_registry
from recordkit.importers.verbatim import build_meeting, import_verbatim
from recordkit.importers.writer import read_part, write_meeting

# One worker reads the two PDFs (seconds each) for every test here, and for test_verbatim_family.py.
pytestmark = pytest.mark.xdist_group("verbatim-pdfs")

ROOT = Path(__file__).resolve().parents[2]
A64, A76 = "A-64-PV.121.pdf", "A-76-PV.102.pdf"
# Each imported PDF is kept in its meeting's folder (meeting.yml `imported_from`).
SOURCES = {A64: ROOT / "data/meetings/a-64-pv-121" / A64, A76: ROOT / "data/meetings/a-76-pv-102" / A76}


def _source(name: str) -> Path:
    assert SOURCES[name].is_file(), f"{SOURCES[name]} is missing: the record's PDF is kept beside its source.txt"
    return SOURCES[name]


@pytest.fixture(scope="session")
def registry():
    # The themes of the project; no speakers, delegations or documents, so that what the PDFs
    # bring is "new" whether or not data/ already holds the imported records.
    return Registry(themes=load_registry(ROOT / "data").themes)


@pytest.fixture(scope="session")
def pdfs() -> dict[str, PdfText]:
    return {name: pdf_text(_source(name)) for name in (A64, A76)}  # extracted once per session


@pytest.fixture(scope="session")
def meetings(pdfs, registry) -> dict[str, ImportedMeeting]:
    # Against an empty registry too would do; the real one shows reuse of existing entries.
    return {name: build_meeting(pdf, registry=registry) for name, pdf in pdfs.items()}


# --- facts ----------------------------------------------------------------------------------


def test_header_facts(meetings):
    m64, m76 = meetings[A64], meetings[A76]
    assert (m64.symbol, m64.session, m64.meeting_number, str(m64.date), m64.time, m64.place) == (
        "A/64/PV.121", 64, 121, "2010-09-13", "3 p.m.", "New York")
    assert (m76.symbol, m76.session, m76.meeting_number, str(m76.date), m76.time) == (
        "A/76/PV.102", 76, 102, "2022-09-08", "3 p.m.")
    assert m64.id == "a-64-pv-121" and m76.id == "a-76-pv-102"
    assert m64.session_label == "sixty-fourth session" and m76.session_label == "seventy-sixth session"
    assert m64.president == "treki" and m76.president == "shahid"
    assert m76.acting_president == "muhith"  # "Mr. Muhith (Bangladesh), Vice-President, took the Chair."
    assert m76.participants["shahid"] == "president" and m76.participants["muhith"] == "acting-president"
    assert m76.front[-1] == "President: Mr. Shahid (Maldives)"
    assert "A/76/PV.102" in m76.front and m76.citation_title.endswith("A/76/PV.102 (8 September 2022)")


def test_parts_agenda_items_and_titles(meetings):
    parts76 = {p.agenda_item: p for p in meetings[A76].parts if p.agenda_item}
    assert parts76[66].title == "Peacebuilding and sustaining peace"
    assert parts76[66].heading == ["Agenda item 66 (continued)", "Peacebuilding and sustaining peace",
                                   "Draft resolution (A/76/L.86)"]
    assert parts76[124].title == "Strengthening of the United Nations system"
    assert sorted(parts76) == [14, 35, 41, 66, 67, 89, 100, 117, 121, 124, 127, 156]
    ids76 = [p.id for p in meetings[A76].parts]
    assert ids76[:3] == ["opening", "expression-sympathy-passing-her-majesty-queen", "peacebuilding-sustaining-peace"]
    tribute = meetings[A76].parts[1]
    # Published as one line; source.txt keeps the printed lines.
    assert tribute.heading == ["Expression of sympathy on the passing of Her Majesty Queen Elizabeth II"]
    assert "Expression of sympathy on the passing of Her\nMajesty Queen Elizabeth II" in meetings[A76].source_text
    parts64 = meetings[A64].parts
    assert [p.number for p in parts64 if p.number][:3] == ["13", "21 to 26", "48 and 114"]
    assert parts64[1].title == "Prevention of armed conflict" and parts64[1].agenda_item == 13
    assert len(set(ids76)) == len(ids76)


# --- statements -----------------------------------------------------------------------------


def test_every_statement_is_attributed(meetings):
    for meeting in meetings.values():
        chair = {meeting.president, meeting.acting_president}
        for paragraph in meeting.paragraphs:
            if paragraph.kind != "statement":
                assert not paragraph.speakers, paragraph.text
                continue
            assert paragraph.speakers, paragraph.text
            if paragraph.speakers[0] not in chair or paragraph.delegation:
                assert paragraph.delegation, paragraph.text


def _statement(meeting: ImportedMeeting, opening: str):
    return next(p for p in meeting.paragraphs if p.text.startswith(opening))


def test_known_statements(meetings):
    m = meetings[A76]
    kenya = _statement(m, "Mr. Kimani (Kenya):")
    assert (kenya.speakers, kenya.delegation, kenya.page) == (["kimani"], "kenya", 1)
    for opening, delegation in [("Mr. Mizuta (Japan):", "japan"), ("Mr. Komatsu (Japan):", "japan"),
                                ("Mr. Pieper (European Union):", "european-union"),
                                ("Mr. Forax (European Union):", "european-union")]:
        assert _statement(m, opening).delegation == delegation
    china = _statement(m, "Mr. Dai Bing (China) (spoke in Chinese):")
    assert (china.speakers, china.language) == (["dai-bing"], "Chinese")
    assert _statement(m, "Mr. Hilale (spoke in French) (Morocco):").delegation == "morocco"
    # The paragraphs after a speaker line are the same speaker's.
    after = m.paragraphs[m.paragraphs.index(kenya) + 1]
    assert (after.speakers, after.delegation, after.language) == (["kimani"], "kenya", "")
    assert _statement(m, "Ms. Sharma (Department for General Assembly").speakers == ["sharma"]
    assert m.participants["sharma"] == "official" and m.participants["pieper"] == "observer"
    nam = _statement(m, "I now have the honour to deliver a statement on behalf of the Non-Aligned")
    assert nam.on_behalf_of == ["movement-of-non-aligned-countries"] and nam.delegation == "bangladesh"


def test_chair_resolves_to_the_person_in_the_chair(meetings):
    m = meetings[A76]
    acting = [p for p in m.paragraphs if p.text.startswith("The Acting President:")]
    president = [p for p in m.paragraphs if p.text.startswith("The President:")]
    assert acting and all(p.speakers == ["muhith"] and p.delegation == "" for p in acting)
    assert president and all(p.speakers == ["shahid"] for p in president)
    m64 = meetings[A64]
    arabic = _statement(m64, "The President (spoke in Arabic): Members will")
    assert (arabic.speakers, arabic.language) == (["treki"], "Arabic")
    english = _statement(m64, "(spoke in English) Having just received")
    assert (english.speakers, english.language) == (["treki"], "English")


def test_decisions_and_procedural_notes(meetings):
    m = meetings[A76]
    decisions = [p for p in m.paragraphs if p.kind == "decision"]
    adopted = next(p for p in decisions if p.text.startswith("Draft resolution A/76/L.86 was adopted"))
    assert adopted.text == "Draft resolution A/76/L.86 was adopted (resolution 76/305)."
    assert adopted.documents == ["a-76-l-86", "a-res-76-305"] and not adopted.speakers
    assert any(p.text == "The draft resolution was adopted (resolution 76/307)." for p in decisions)
    assert sum(p.text == "It was so decided." for p in decisions) >= 10
    procedural = [p.text for p in m.paragraphs if p.kind == "procedural"]
    assert procedural[0] == "The meeting was called to order at 3.15 p.m."
    assert procedural[-1] == "The meeting rose at 6.15 p.m."
    assert "The members of the General Assembly observed a minute of silence." in procedural
    m64 = meetings[A64]
    assert "Draft resolution A/64/L.72 was adopted (resolution 64/299)." in [
        p.text for p in m64.paragraphs if p.kind == "decision"]
    assert {d.id for d in m.new_documents} >= {"a-76-l-86", "a-res-76-305", "a-76-l-85", "a-res-76-306"}
    titles = {d.id: d.title for d in m.new_documents}
    assert titles["a-res-76-305"] == "General Assembly resolution 76/305, Financing for peacebuilding"


# --- fidelity -------------------------------------------------------------------------------


def _words(text: str) -> Counter[str]:
    return Counter(text.split())


@pytest.mark.parametrize("name", [A64, A76])
def test_source_text_is_the_pdf_text_minus_furniture(name, pdfs, meetings):
    """Nothing lost, nothing invented: the words of source.txt + the furniture = pdfminer's own text."""
    reference = _words(pdfminer_text(_source(name)))
    ours = _words(meetings[name].source_text) + _words(" ".join(pdfs[name].furniture))
    assert ours == reference
    # And the furniture is only furniture: running heads, feet, leader dots, the page-1 note.
    page_furniture = re.compile(r"(?:A/\d+/PV\.\d+|\d\d/\d\d/\d{4}|\d+-\d+(?: \(E\))?|\*\d+\*|\d+(?:/\d+)?|[. ]+|\s)+")
    note = [line for line in pdfs[name].furniture if not page_furniture.fullmatch(line)]
    assert note[0].startswith("This record contains the text of speeches") and len(note) <= 7
    assert "Corrections" in " ".join(note) and len(pdfs[name].furniture) - len(note) >= 2 * pdfs[name].pages - 2


@pytest.mark.parametrize("name", [A64, A76])
def test_the_published_source_is_the_pdfs_text_extracted_again(name, meetings):
    """The chain of proof: the PDF -> source.txt (this test) -> the pages (the build's fidelity check)."""
    committed = SOURCES[name].parent / "source.txt"
    assert committed.read_text(encoding="utf-8") == meetings[name].source_text


@pytest.mark.parametrize("name", [A64, A76])
def test_paragraphs_equal_source_blocks_under_the_hyphen_rule(name, meetings):
    meeting = meetings[name]
    published = list(meeting.front) + [
        text for part in meeting.parts for text in [*part.heading, *(p.text for p in part.paragraphs)]]
    blocks = meeting.source_text.strip("\n").split("\n\n")
    assert len(blocks) == len(published)
    for block, text in zip(blocks, published, strict=True):
        pattern = _with_line_hyphens(block)
        assert re.fullmatch(pattern, " ".join(text.split())), (block, text)


def _with_line_hyphens(block: str) -> str:
    """The block as a regex: whitespace as one space; "-\\n" between letters as an optional hyphen."""
    pieces = re.split(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", block)
    return "(?:-)?".join(re.escape(" ".join(piece.split())) for piece in pieces)


def test_dehyphenation_rule():
    words = Counter({"sustaining": 1, "peace-building": 1})
    assert fold_block("sustain-\ning peace", words)[0] == "sustaining peace"
    assert fold_block("peace-\nbuilding", words)[0] == "peace-building"
    assert fold_block("the Secretary-\nGeneral", words)[0] == "the Secretary-General"
    text, doubts = fold_block("co-\nfacilitators", Counter())
    assert text == "co-facilitators" and doubts
    text, doubts = fold_block("negoti-\nations", Counter())
    assert text == "negotiations" and doubts


# --- bad inputs -----------------------------------------------------------------------------


def _run_cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "import_record.py"), *args, "--data", str(data)],
                          capture_output=True, text=True, timeout=120)


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as handle:
        writer.write(handle)


def _plain_pdf(path: Path) -> None:
    """A valid one-page PDF with some text that is not a verbatim record."""
    content = b"BT /F1 12 Tf 72 700 Td (Quarterly report of a company) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


@pytest.mark.parametrize("kind, message", [
    ("empty", "empty file"),
    ("random", "damaged or unreadable PDF"),
    ("encrypted", "encrypted PDF"),
    ("plain", "not a UN verbatim record"),
])
def test_bad_input_is_one_clear_line_and_writes_nothing(kind, message, tmp_path):
    source = tmp_path / f"{kind}.pdf"
    if kind == "empty":
        source.write_bytes(b"")
    elif kind == "random":
        source.write_bytes(bytes(range(256)) * 8)
    elif kind == "encrypted":
        _encrypted_pdf(source)
    else:
        _plain_pdf(source)
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(SourceError) as error:
        import_verbatim(source, registry=load_registry(data))
    assert error.value.file == source.name and message in str(error.value)
    result = _run_cli(str(source), data=data)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"error: {source.name}") and message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert list(data.iterdir()) == []


def test_a_broken_registry_stops_the_import_naming_its_file_line_and_field(tmp_path):
    """The importer reads data/ with the build's own reader: the same mistakes, the same messages."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "speakers.yml").write_text("roles: {}\nspeakers:\n  - id: kimani\n    name: Martin Kimani\n"
                                       "    honorifc: Mr.\n", encoding="utf-8")
    result = _run_cli(str(_source(A76)), "--dry-run", data=data)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "speakers.yml, line 5 [speaker.honorifc]" in result.stderr and "honorific" in result.stderr, result.stderr
    assert sorted(path.name for path in data.iterdir()) == ["speakers.yml"]


def test_unreadable_speaker_line_is_listed_for_review_and_never_given_to_the_speaker_before(pdfs, registry):
    pdf = pdfs[A76]
    block = next(b for b in pdf.blocks if b.text.startswith("Mr. Kimani (Kenya):"))
    broken = PdfText(pdf.file, pdf.pages, pdf.front, list(pdf.blocks))
    line = block.lines[0]
    bad = type(line)(line.text.replace(":", ""), line.page, line.column, line.x0, line.x1, line.y,
                     line.bold_prefix, line.style)
    broken.blocks[pdf.blocks.index(block)] = type(block)([bad, *block.lines[1:]], block.style)
    meeting = build_meeting(broken, registry=registry)
    unread = next(p for p in meeting.paragraphs if p.text.startswith("Mr. Kimani (Kenya) It"))
    after = meeting.paragraphs[meeting.paragraphs.index(unread) + 1]
    assert unread.speakers == [] and after.speakers == []  # not the President's, who spoke before
    assert any(r.startswith("Speaker line not read, p") and "(page 1), line 1: 'Mr. Kimani (Kenya) It" in r
               for r in meeting.review)


# --- writer ---------------------------------------------------------------------------------


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("speakers.yml", "documents.yml", "themes.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    return data


def test_writer_round_trips_and_appends_registries(meetings, tmp_path):
    data = _data_copy(tmp_path)
    before = {name: (data / name).read_text(encoding="utf-8") for name in ("speakers.yml", "documents.yml")}
    meeting = meetings[A76]
    result = write_meeting(meeting, data)
    folder = data / "meetings" / "a-76-pv-102"
    assert result.meeting_dir == folder
    facts = yaml.safe_load((folder / "meeting.yml").read_text(encoding="utf-8"))
    assert facts["parts"] == [p.id for p in meeting.parts] and facts["president"] == "shahid"
    assert (folder / "source.txt").read_text(encoding="utf-8") == meeting.source_text
    number = 0
    for part in meeting.parts:
        front, paragraphs = read_part((folder / f"{part.id}.md").read_text(encoding="utf-8"))
        assert front["heading"] == part.heading and front["id"] == part.id
        for (note, text), paragraph in zip(paragraphs, part.paragraphs, strict=True):
            number += 1
            assert note["id"] == f"p{number}" and text == paragraph.text
            assert note.get("speakers", []) == paragraph.speakers
            assert note.get("delegation", "") == paragraph.delegation
            assert note.get("kind", "statement") == paragraph.kind
    # Registries: the old text is kept byte for byte, the new entries parse.
    for name, text in before.items():
        new_lines = iter((data / name).read_text(encoding="utf-8").splitlines())
        assert all(line in new_lines for line in text.splitlines()), name  # old lines, in order, unchanged
    speakers = yaml.safe_load((data / "speakers.yml").read_text(encoding="utf-8"))
    ids = [s["id"] for s in speakers["speakers"]]
    assert "kimani" in ids and len(ids) == len(set(ids))
    assert {"president", "acting-president", "representative"} <= set(speakers["roles"])
    delegations = (data / "delegations.yml").read_text(encoding="utf-8")
    assert delegations.startswith("#") and "id: kenya" in delegations
    assert not [p for p in data.iterdir() if p.name.startswith(".import-")]


def test_writer_refuses_to_overwrite_and_dry_run_writes_nothing(meetings, tmp_path):
    data = _data_copy(tmp_path)
    snapshot = {p: p.read_bytes() for p in data.iterdir()}
    result = write_meeting(meetings[A64], data, dry_run=True)
    assert result.review and result.counts["statements"] > 5
    assert {p: p.read_bytes() for p in data.iterdir()} == snapshot
    write_meeting(meetings[A64], data)
    with pytest.raises(SourceError, match="already exists"):
        write_meeting(meetings[A64], data)


def test_annotation_quotes_any_text():
    from recordkit.importers.imported import ImportedParagraph
    from recordkit.importers.writer import annotation

    paragraph = ImportedParagraph(text="x", speakers=["a"], function="Vice-President, {odd}: #1 'q' \"d\"")
    line = annotation(paragraph, "p1")
    assert line.startswith("{: id: p1, ") and line.endswith(" }") and "\n" not in line
    assert yaml.safe_load("{" + line[3:-2] + "}")["function"] == paragraph.function
