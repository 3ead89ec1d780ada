"""Reading real-world input: plain text in any common encoding, .docx, .pdf, .html, and bad files.

Every fixture is made here: python-docx writes Word files, reportlab writes PDFs (with and without a
text layer, encrypted), and the HTML pages carry the furniture real municipal pages have. Expected
texts are written out by hand from what each fixture contains.
"""
from __future__ import annotations

import io
import os
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.models import Document, Issue
from kg.read import (
    DOCX,
    SUPPORTED_SUFFIXES,
    iter_input_files,
    read_file,
    read_paths,
    repair_mojibake,
)
from kg.read import text as read_text
from kg.read.html import html_to_text
from tests.oracles.read import ALLOWED_CONTROLS, MAYBE_BAD, is_bad_character

SEEDS = Path(__file__).parent.parent / "data" / "seeds"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def doc(result: Document | Issue) -> Document:
    assert isinstance(result, Document), result
    return result


def error(result: Document | Issue) -> Issue:
    assert isinstance(result, Issue), result
    assert result.severity == "error"
    assert "; " in result.message, "an error says the reason; what to do"
    assert str(result).startswith("kg: error: ")
    return result


# --------------------------------------------------------------------------- fixtures: .docx


def docx_bytes(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def strike(paragraph, text: str) -> None:
    paragraph.add_run(text).font.strike = True


def minutes_docx(document) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document.add_heading("Kommundirektörmöte i Familjen Helsingborg", 1)
    document.add_paragraph("Plats och tid: Mindpark Helsingborg, kl 09.00-12.00")
    document.add_paragraph("Närvarande tjänstemän:")
    table = document.add_table(rows=3, cols=2)
    attendance = [("Christer Pålsson", "Bjuv"), ("Palle Lundberg", "Helsingborg"), ("Carina Leffler", "Landskrona")]
    for row, (name, town) in zip(table.rows, attendance, strict=True):
        row.cells[0].text, row.cells[1].text = name, town
    for cell in table.rows[0].cells:  # Christer Pålsson did not come: the whole row is struck
        for run in cell.paragraphs[0].runs:
            run.font.strike = True
    p = document.add_paragraph("Frånvarande: ")
    strike(p, "Herman Crespin")
    p.add_run(", Höganäs")
    document.add_paragraph("Samhällsorientering i egen regi", style="List Number")
    document.add_paragraph("Försöksverksamhet arbetsmarknad", style="List Number")
    document.add_paragraph("Beslut", style="List Bullet")
    p = document.add_paragraph("att skicka underlag")
    p.add_run(" (internt)").font.hidden = True
    # a tracked change: "vecka 17" was inserted, "vecka 16" deleted
    p = document.add_paragraph("skickas ut ")
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="JL"><w:r><w:t>vecka 17</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="JL"><w:r><w:delText>vecka 16</w:delText></w:r></w:del>'))
    merged = document.add_table(rows=1, cols=2)
    cell = merged.cell(0, 0).merge(merged.cell(0, 1))
    cell.text = "Johan Lindberg"
    cell.add_paragraph("sekretariatet")
    run = document.add_paragraph().add_run("Mötet avslutades")
    run.add_break()
    run.add_text("kl 12.00")


MINUTES_DOCX_TEXT = """\
Kommundirektörmöte i Familjen Helsingborg

Plats och tid: Mindpark Helsingborg, kl 09.00-12.00

Närvarande tjänstemän:

~~Christer Pålsson, Bjuv~~
Palle Lundberg, Helsingborg
Carina Leffler, Landskrona

Frånvarande: ~~Herman Crespin~~, Höganäs

1. Samhällsorientering i egen regi

2. Försöksverksamhet arbetsmarknad

- Beslut

att skicka underlag

skickas ut vecka 17

Johan Lindberg, sekretariatet

Mötet avslutades
kl 12.00
"""


def paragraph_numbering_docx(document) -> None:
    """Agenda items numbered by Word itself as "§ 12", "§ 13" (the number is not in the text)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="12"/><w:numFmt w:val="decimal"/><w:lvlText w:val="§ %1"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    items = [("Budget 2022", 0), ("driftbudget", 1), ("investeringar", 1), ("Övriga frågor", 0), ("frågor från allmänheten", 1)]
    for text, level in items:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))


# --------------------------------------------------------------------------- fixtures: .pdf

A4_HEIGHT = 842


def pdf_bytes(pages: list[list[tuple]], encrypt=None) -> bytes:
    """pages: lists of (x, y from the top, text, size) or ("rect",) for a drawing with no text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, encrypt=encrypt, invariant=1)
    for page in pages:
        for item in page:
            if item[0] == "rect":
                c.rect(100, 400, 300, 200, fill=1)
                continue
            if item[0] == "sideways":  # margin text written bottom to top
                c.saveState()
                c.translate(30, 300)
                c.rotate(90)
                c.setFont("Helvetica", 8)
                c.drawString(0, 0, item[1])
                c.restoreState()
                continue
            x, y, text, size = item
            c.setFont("Helvetica", size)
            c.drawString(x, A4_HEIGHT - y, text)
        c.showPage()
    c.save()
    return out.getvalue()


def running(page: int) -> list[tuple]:
    return [
        (60, 30, "Kommunstyrelsen – Sammanträdesprotokoll", 9),
        (450, 30, "2021-03-15", 9),
        (60, 800, "Justerandes sign", 8),
        (480, 800, f"Sida {page} av 2", 8),
    ]


PROTOCOL_PAGES = [
    running(1) + [
        (60, 90, "Protokoll", 16),
        (60, 120, "Plats och tid: Rådhuset, kl. 13.00–15.30", 10),
        (60, 150, "Närvarande", 10),
        (80, 165, "Anna Andersson", 10), (260, 165, "(S), ordförande", 10),
        (80, 179, "Björn Öberg", 10), (260, 179, "(M)", 10),
        (60, 210, "§ 12", 11), (140, 210, "Budget 2022", 11),
        (140, 225, "Kommunstyrelsen beslutar", 10),
        (140, 238, "att godkänna budgeten.", 10),
    ],
    running(2) + [
        (60, 90, "§ 13", 11), (140, 90, "Övriga frågor", 11),
        (140, 105, "Inga övriga frågor anmäldes.", 10),
    ],
]

# The running header is kept once (it names the body and the date), the footer with its page
# numbers nowhere; columns are separated by a tab, paragraphs by a blank line.
PROTOCOL_PDF_TEXT = """\
Kommunstyrelsen – Sammanträdesprotokoll\t2021-03-15

Protokoll

Plats och tid: Rådhuset, kl. 13.00–15.30

Närvarande
Anna Andersson\t(S), ordförande
Björn Öberg\t(M)

§ 12\tBudget 2022
Kommunstyrelsen beslutar
att godkänna budgeten.

§ 13\tÖvriga frågor
Inga övriga frågor anmäldes.
"""


# --------------------------------------------------------------------------- fixtures: .html

PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Protokoll - Helsingborgs stad</title>
<style>.x{color:red}</style><script>var s = "Ladda ner";</script></head>
<body>
<a class="skip-link" href="#main">Gå direkt till innehållet</a>
<div id="cookie-banner" class="cookie-consent"><p>Vi använder kakor för att förbättra webbplatsen.</p>
<button>Godkänn alla kakor</button></div>
<header class="site-header"><a href="/">Helsingborgs stad</a>
<nav><ul><li><a href="/bo">Bo och leva</a></li><li><a href="/uppleva">Uppleva och göra</a></li></ul></nav></header>
<nav class="breadcrumbs"><a href="/">Start</a> › <a href="/protokoll">Protokoll</a></nav>
<main id="main">
<h1>Protokoll kommunstyrelsen 2021-03-15</h1>
<p>Plats: Rådhuset, <b>sessionssalen</b>,
   kl. 13.00–15.30</p>
<h2>Närvarande</h2>
<ul><li>Anna Andersson (S), ordförande</li><li>Björn Öberg (M)</li><li><s>Åsa Ärlig (C)</s></li></ul>
<h2>§ 12 Budget 2022</h2>
<p>Kommunstyrelsen beslutar<br>att godkänna budgeten.</p>
<table><tr><th>Namn</th><th>Kommun</th></tr>
<tr><td><del>Christer Pålsson</del></td><td><del>Bjuv</del></td></tr>
<tr><td>Palle Lundberg</td><td>Helsingborg</td></tr></table>
<div class="document-download"><a href="/p.pdf">Ladda ner</a><span>Storlek: 1200 px</span></div>
<div class="video"><p>Starta visningen</p><p>Transkript</p></div>
<p>Save this PDF as: protokoll.pdf</p>
<ol start="13"><li>Övriga frågor</li><li><p>Mötets avslutande</p></li></ol>
<p>Senast uppdaterad: 2021-03-20</p>
</main>
<aside><h3>Relaterat</h3><p>Fler protokoll</p></aside>
<footer><p>Helsingborgs stad, 251 89 Helsingborg</p></footer>
</body></html>
"""

PAGE_TEXT = """\
Protokoll kommunstyrelsen 2021-03-15

Plats: Rådhuset, sessionssalen, kl. 13.00–15.30

Närvarande

- Anna Andersson (S), ordförande
- Björn Öberg (M)
- ~~Åsa Ärlig (C)~~

§ 12 Budget 2022

Kommunstyrelsen beslutar
att godkänna budgeten.

Namn, Kommun
~~Christer Pålsson, Bjuv~~
Palle Lundberg, Helsingborg

13. Övriga frågor
14. Mötets avslutande
"""


# --------------------------------------------------------------------------- plain text and encodings

SWEDISH = "Närvarande: Åsa Ärlig, Björn Öberg\nBeslut: att godkänna förslaget – enligt ”bilaga 1”.\n"


@pytest.mark.parametrize("data", [
    SWEDISH.encode("utf-8"),
    b"\xef\xbb\xbf" + SWEDISH.encode("utf-8"),                       # BOM: kept as U+FEFF, as read_text keeps it
    SWEDISH.replace("\n", "\r\n").encode("utf-8"),                   # Windows line endings
    SWEDISH.replace("\n", "\r").encode("utf-8"),                     # old Mac line endings
    b"\xef\xbb\xbf" + SWEDISH.replace("\n", "\r\n").encode("utf-8"),
], ids=["utf8", "utf8-bom", "crlf", "cr", "bom-crlf"])
def test_valid_utf8_text_is_exactly_what_read_text_gives(tmp_path, data):
    path = write(tmp_path, "protokoll.txt", data)
    d = doc(read_file(path))
    assert d.text == path.read_text(encoding="utf-8")
    assert d.encoding == "utf-8"
    assert d.issues == ()


def test_utf8_bom_is_kept_so_offsets_match_read_text(tmp_path):
    d = doc(read_file(write(tmp_path, "a.md", b"\xef\xbb\xbfProtokoll\n")))
    assert d.text == "\ufeffProtokoll\n"
    assert d.text.index("Protokoll") == 1


@pytest.mark.parametrize("data, encoding", [
    (SWEDISH.encode("utf-16"), "utf-16"),                            # BOM, native order
    (b"\xfe\xff" + SWEDISH.encode("utf-16-be"), "utf-16"),
    (SWEDISH.encode("utf-16-le"), "utf-16"),                         # no BOM: Notepad-style without mark
    (SWEDISH.encode("utf-32"), "utf-32"),
    (SWEDISH.encode("cp1252"), "cp1252"),                            # – and ” exist only in cp1252
], ids=["utf16", "utf16be", "utf16-nobom", "utf32", "cp1252"])
def test_other_encodings_are_decoded_with_a_warning(tmp_path, data, encoding):
    d = doc(read_file(write(tmp_path, "protokoll.txt", data)))
    assert d.text == SWEDISH
    assert d.encoding == encoding
    assert len(d.issues) == 1 and "decoded as" in d.issues[0].message
    assert d.issues[0].severity == "warning"


def test_latin1_swedish_letters_decode_correctly(tmp_path):
    text = "Närvarande: Åsa Ärlig, Örjan Ödman och Per Åkesson från förvaltningen.\n"
    d = doc(read_file(write(tmp_path, "protokoll.txt", text.encode("latin-1"))))
    assert d.text == text
    assert d.encoding in ("cp1252", "latin_1", "iso8859_15")
    assert "decoded as" in d.issues[0].message


def test_mojibake_is_repaired_with_a_warning(tmp_path):
    broken = "NÃ¤rvarande: BjÃ¶rn Ã–berg och Ã…sa Ã„rlig fÃ¶r fÃ¶rvaltningen â€“ beslut.\n"
    d = doc(read_file(write(tmp_path, "protokoll.txt", broken.encode("utf-8"))))
    assert d.text == "Närvarande: Björn Öberg och Åsa Ärlig för förvaltningen – beslut.\n"
    assert len(d.issues) == 1 and "repaired mojibake" in d.issues[0].message


@pytest.mark.parametrize("text", [
    "São Paulo, Ångermanland och Öland.\n",     # ã and Å in honest text
    "Kostnad 5 000 kr · 3° C · 10 %\n",
    "Ärendet Ã och Â står för sig själva.\n",   # the letters alone are no mojibake
])
def test_honest_text_is_not_repaired(text):
    assert repair_mojibake(text) == (text, None)


# --------------------------------------------------------------------------- bad files

def test_empty_and_blank_files_are_errors(tmp_path):
    assert "empty file" in error(read_file(write(tmp_path, "a.txt", b""))).message
    assert "empty file" in error(read_file(write(tmp_path, "b.md", b" \n\r\n\t"))).message
    assert "empty file" in error(read_file(write(tmp_path, "c.txt", b"\xef\xbb\xbf\n"))).message


@pytest.mark.parametrize("name, data, expected", [
    ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary content"),
    ("data.txt", bytes(range(1, 32)) * 20, "binary content"),
    ("protokoll.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "rename it to .pdf"),
    ("protokoll.md", b"PK\x03\x04\x14\x00\x06\x00", "rename it to .docx"),
    ("protokoll.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old-format (.doc)"),
    ("protokoll.docx", "Närvarande: Anna Andersson".encode(), "not a Word .docx"),
    ("protokoll.docx", b"PK\x03\x04 but nothing more", "damaged .docx"),
    ("protokoll.pdf", "Närvarande: Anna Andersson".encode(), "not a PDF"),
    ("protokoll.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF\n", "damaged PDF"),
    ("protokoll.rtf", b"{\\rtf1 Protokoll}", "unsupported file type .rtf"),
    ("protokoll", b"Protokoll", "unsupported file type (no suffix)"),
    ("protokoll.doc", b"\xd0\xcf\x11\xe0", "save it as .txt, .md, .docx, .pdf or .html"),
])
def test_bad_files_give_one_error(tmp_path, name, data, expected):
    assert expected in error(read_file(write(tmp_path, name, data))).message


def test_missing_file_and_folder(tmp_path):
    assert "no such file" in error(read_file(tmp_path / "saknas.txt")).message
    folder = tmp_path / "protokoll.txt"
    folder.mkdir()
    assert "is a folder" in error(read_file(folder)).message


def test_size_limit_is_a_parameter(tmp_path):
    path = write(tmp_path, "a.txt", "Protokoll\n" * 200)
    assert "too large" in error(read_file(path, max_bytes=1000)).message
    assert isinstance(read_file(path, max_bytes=2000), Document)
    assert isinstance(next(read_paths([path], max_bytes=1000)), Issue)


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "enorm.txt"
    with path.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB by size, nothing on disk
    tracemalloc.start()
    try:
        issue = error(read_file(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "too large (100.0 MB, limit 50.0 MB)" in issue.message
    assert peak < 5 * 1024 * 1024


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "a.txt", "Protokoll\n")
    path.chmod(0)
    try:
        assert "cannot be read" in error(read_file(path)).message
    finally:
        path.chmod(0o644)


def test_read_error_becomes_an_issue(tmp_path, monkeypatch):
    path = write(tmp_path, "a.txt", "Protokoll\n")

    def deny(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    assert error(read_file(path)).message == "cannot be read (Permission denied); check its permissions"


# --------------------------------------------------------------------------- walking folders

def test_folders_yield_supported_visible_files_in_order(tmp_path):
    for name in ["b.md", "a.txt", "c.docx", "d.pdf", "e.html", "f.htm", "g.markdown", "sub/h.TXT",
                 "bild.png", "anteckning.rtf", "noter", ".dold.txt", ".git/config.txt", "~$protokoll.docx",
                 "sub/.cache/x.md"]:
        write(tmp_path, name, b"x")
    found = [(f.relative_to(tmp_path).as_posix(), root) for f, root in iter_input_files([tmp_path])]
    assert found == [(n, tmp_path) for n in
                     ["a.txt", "b.md", "c.docx", "d.pdf", "e.html", "f.htm", "g.markdown", "sub/h.TXT"]]


def test_named_file_with_unsupported_suffix_is_an_error_and_duplicates_are_read_once(tmp_path):
    good = write(tmp_path, "mote/protokoll.md", "Protokoll\n")
    bad = write(tmp_path, "bild.png", b"\x89PNG")
    results = list(read_paths([tmp_path / "mote", bad, good]))
    assert [type(r) for r in results] == [Document, Issue]
    assert results[0].identifier == "protokoll.md"
    assert "unsupported file type .png" in results[1].message


def test_identifier_is_relative_to_the_folder_named(tmp_path):
    write(tmp_path, "2021/mars/ks.txt", "Protokoll\n")
    (d,) = read_paths([tmp_path])
    assert doc(d).identifier == "2021/mars/ks.txt"


def test_seed_minutes_read_exactly(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds, "the seed minutes are test data"
    docs = [doc(r) for r in read_paths([SEEDS])]
    assert [d.identifier for d in docs] == [p.name for p in seeds]
    for d, p in zip(docs, seeds, strict=True):
        assert d.text == p.read_text(encoding="utf-8")
        assert d.media_type == "text/plain"


# --------------------------------------------------------------------------- .docx

def test_docx_paragraphs_tables_strike_and_numbering(tmp_path):
    path = write(tmp_path, "protokoll.docx", docx_bytes(minutes_docx))
    d = doc(read_file(path))
    assert d.text == MINUTES_DOCX_TEXT
    assert d.media_type == DOCX == SUPPORTED_SUFFIXES[".docx"]
    assert d.issues == ()


def test_docx_automatic_paragraph_numbers_are_rendered(tmp_path):
    d = doc(read_file(write(tmp_path, "p.docx", docx_bytes(paragraph_numbering_docx))))
    assert d.text == (
        "§ 12 Budget 2022\n\na) driftbudget\n\nb) investeringar\n\n§ 13 Övriga frågor\n\na) frågor från allmänheten\n"
    )


def test_docx_without_text_is_an_error(tmp_path):
    issue = error(read_file(write(tmp_path, "tom.docx", docx_bytes(lambda d: None))))
    assert "no text found" in issue.message


def test_docx_zip_that_is_not_word(tmp_path):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("protokoll.txt", "Protokoll")
    assert "not a Word document" in error(read_file(write(tmp_path, "p.docx", out.getvalue()))).message


# --------------------------------------------------------------------------- .pdf

def test_pdf_lines_headings_tables_and_running_headers(tmp_path):
    d = doc(read_file(write(tmp_path, "protokoll.pdf", pdf_bytes(PROTOCOL_PAGES))))
    assert d.text == PROTOCOL_PDF_TEXT
    assert d.media_type == "application/pdf"
    assert d.issues == ()


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    issue = error(read_file(write(tmp_path, "skannad.pdf", pdf_bytes([[("rect",)], [("rect",)]]))))
    assert issue.message.startswith("no text layer: needs OCR (e.g. ocrmypdf)")


def test_pdf_with_some_scanned_pages_warns(tmp_path):
    pages = [[(60, 90, "§ 1 Mötets öppnande", 11)], [("rect",)]]
    d = doc(read_file(write(tmp_path, "blandad.pdf", pdf_bytes(pages))))
    assert d.text == "§ 1 Mötets öppnande\n"
    assert "pages without a text layer (scanned?): 2" in d.issues[0].message


def test_pdf_sideways_margin_text_is_left_out(tmp_path):
    pages = [[(60, 90, "§ 5 Budget", 11), (60, 105, "Beslut att godkänna.", 10), ("sideways", "Justerandes signatur")]]
    d = doc(read_file(write(tmp_path, "marginal.pdf", pdf_bytes(pages))))
    assert d.text == "§ 5 Budget\nBeslut att godkänna.\n"
    assert d.issues == ()


def test_pdf_all_sideways_is_an_error(tmp_path):
    pages = [[("sideways", "Protokoll fört vid sammanträde med kommunstyrelsen")]]
    assert "sideways" in error(read_file(write(tmp_path, "liggande.pdf", pdf_bytes(pages)))).message


def test_pdf_with_password_is_an_error(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = pdf_bytes([[(60, 90, "Hemligt protokoll", 11)]], encrypt=StandardEncryption("hemligt", ownerPassword="ägare"))
    assert "password-protected PDF" in error(read_file(write(tmp_path, "hemlig.pdf", data))).message


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = pdf_bytes([[(60, 90, "Öppet protokoll", 11)]], encrypt=StandardEncryption("", ownerPassword="ägare", canPrint=0))
    assert doc(read_file(write(tmp_path, "oppen.pdf", data))).text == "Öppet protokoll\n"


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_pdf_is_an_error(tmp_path, keep):
    data = pdf_bytes(PROTOCOL_PAGES)
    issue = error(read_file(write(tmp_path, "avbruten.pdf", data[: int(len(data) * keep)])))
    assert "truncated PDF" in issue.message


# --------------------------------------------------------------------------- .html

def test_html_main_content_without_furniture(tmp_path):
    d = doc(read_file(write(tmp_path, "protokoll.html", PAGE)))
    assert d.text == PAGE_TEXT
    assert d.media_type == "text/html"
    assert d.issues == ()


def test_html_without_main_drops_header_footer_and_boilerplate():
    page = """<html><body><header><p>Kommunens logga</p></header>
    <div id="content"><h2>Ledningsgrupp 15 juni 2017</h2>
    <p>Närvarande</p><ul><li>Thomas Naujocks</li><li>Bo Pettersson<ul><li>antecknar</li></ul></li></ul>
    <p>Ladda ned protokoll (pdf, 245 kB)</p><p>Dela på Facebook</p><p>Skriv ut</p>
    <pre>09.00  Mötets öppnande
09.40  Innovation</pre>
    <div class="share-links"><a>Facebook</a></div><div hidden>dold text</div>
    </div><footer>Kontakt</footer></body></html>"""
    assert html_to_text(page) == (
        "Ledningsgrupp 15 juni 2017\n\nNärvarande\n\n- Thomas Naujocks\n- Bo Pettersson\n  - antecknar\n\n"
        "09.00 Mötets öppnande\n09.40 Innovation\n"
    )


def test_html_declared_legacy_charset(tmp_path):
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>' \
           "<body><p>Närvarande: Åsa Ärlig – ordförande</p></body></html>"
    d = doc(read_file(write(tmp_path, "p.htm", page.encode("cp1252"))))
    assert d.text == "Närvarande: Åsa Ärlig – ordförande\n"
    assert d.encoding == "cp1252" and "decoded as cp1252" in d.issues[0].message


def test_html_entities_soft_hyphens_and_nfc():
    page = "<p>Sam&shy;hälls&shy;orientering f\u006f\u0308r A\u030asa &amp; B&ouml;rje</p>"
    assert html_to_text(page) == "Samhällsorientering för Åsa & Börje\n"


def test_html_with_nothing_but_furniture_is_an_error(tmp_path):
    page = "<html><body><nav><a>Start</a></nav><div class='cookie'>Vi använder kakor</div></body></html>"
    assert "no text found" in error(read_file(write(tmp_path, "tom.html", page))).message


# --------------------------------------------------------------------------- every reader, any bytes

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
_SAMPLES: dict[str, bytes] = {}


def sample(suffix: str) -> bytes:
    """A valid file of each kind, to be damaged by the fuzzer."""
    if suffix not in _SAMPLES:
        _SAMPLES[suffix] = {
            ".pdf": lambda: pdf_bytes(PROTOCOL_PAGES),
            ".docx": lambda: docx_bytes(minutes_docx),
            ".html": lambda: PAGE.encode("utf-8"),
            ".txt": lambda: SWEDISH.encode("utf-8"),
            ".md": lambda: SWEDISH.encode("cp1252"),
        }[suffix]()
    return _SAMPLES[suffix]


def check_never_raises(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    result = read_file(path)
    assert isinstance(result, (Document, Issue))
    if isinstance(result, Issue):
        assert result.severity == "error" and "; " in result.message
    else:
        assert "\r" not in result.text
        assert read_file(path) == result, "reading is deterministic"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".docx"])
@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_give_a_document_or_an_issue(tmp_path, suffix, data):
    check_never_raises(tmp_path, suffix, data)


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@FUZZ
@given(middle=st.binary(max_size=2000))
def test_pdf_and_zip_shaped_garbage(tmp_path, suffix, middle):
    head, tail = (b"%PDF-1.4\n", b"\n%%EOF\n") if suffix == ".pdf" else (b"PK\x03\x04", b"")
    check_never_raises(tmp_path, suffix, head + middle + tail)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".docx"])
@FUZZ
@given(data=st.data())
def test_damaged_real_files_give_a_document_or_an_issue(tmp_path, suffix, data):
    raw = bytearray(sample(suffix))
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        if not raw:
            break
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        raw[at:at + data.draw(st.integers(1, 64))] = data.draw(st.binary(max_size=64), label="with")
    if data.draw(st.booleans(), label="truncate"):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    check_never_raises(tmp_path, suffix, bytes(raw))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=500))
def test_any_utf8_text_reads_as_read_text_does(tmp_path, text):
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode("utf-8"))
    result = read_file(path)
    # NUL bytes never occur in UTF-8 text a person wrote: such bytes are read as UTF-16 or refused.
    if "\x00" not in text and isinstance(result, Document) and not any("mojibake" in i.message for i in result.issues):
        assert result.text == path.read_text(encoding="utf-8")
        assert result.encoding == "utf-8"


def rezip_docx(document_xml: bytes) -> bytes:
    """The sample .docx with its main part replaced: reaches the XML walker, past the ZIP checks."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample(".docx"))) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, document_xml if info.filename == "word/document.xml" else src.read(info))
    return out.getvalue()


@FUZZ
@given(data=st.data())
def test_damaged_word_xml_gives_a_document_or_an_issue(tmp_path, data):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(sample(".docx"))) as zf:
        xml = bytearray(zf.read("word/document.xml"))
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        at = data.draw(st.integers(0, len(xml) - 1), label="at")
        xml[at:at + data.draw(st.integers(0, 16))] = data.draw(
            st.sampled_from([b"", b"<", b">", b"</w:p>", b"<w:p>", b"<w:tbl>", b"<w:tc>", b"w:val=\"x\"", b"\xff", b"&"]),
            label="with",
        )
    check_never_raises(tmp_path, ".docx", rezip_docx(bytes(xml)))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FFFF), max_size=400))
def test_binary_check_counts_as_a_character_by_character_scan(text):
    """looks_binary counts distinct characters once; the answer is the one a plain scan gives."""
    bad = sum(1 for c in text if c not in ALLOWED_CONTROLS and unicodedata.category(c) in ("Cc", "Cs", "Cn"))
    assert read_text.looks_binary(text) == (bool(text) and bad > 0.05 * len(text))


def test_characters_the_binary_check_skips_are_never_bad():
    """The quick search of looks_binary skips every character of _NEVER_BAD: none of them may be
    a control, surrogate or unassigned character (then a text of only these is never binary)."""
    skipped = [chr(c) for c in range(0x30000) if MAYBE_BAD.match(chr(c)) is None]
    assert len(skipped) > 800 and "å" in skipped and "\n" in skipped and "\x00" not in skipped
    assert [c for c in skipped if is_bad_character(c)] == []
