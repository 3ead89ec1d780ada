"""Plain text: decoding file bytes (byte-order marks, UTF-16 without one, legacy single-byte
encodings), the binary check, mojibake repair, and the cleaning every extracted text gets."""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..errors import InputError as Unusable


@dataclass(frozen=True)
class Extracted:
    """What a reader got from the bytes."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- plain text

_MAGIC = (  # what a file named .txt really is, when its first bytes say so
    (b"%PDF-", "a PDF file; rename it to .pdf"),
    (b"PK\x03\x04", "a ZIP package (a .docx?); rename it to .docx if it is a Word file"),
    (b"\xd0\xcf\x11\xe0", "an old-format Office file (.doc); save it as .docx or .txt"),
    (b"{\\rtf", "an RTF file; save it as .docx or .txt"),
)
BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings Swedish text is found in. Detection is confined to these: left free,
# charset-normalizer takes short Swedish cp1252 text for cp1250, where 0xE5 is "ĺ", not "å".
_LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c\x1a")  # \x1a: DOS end-of-file mark


def normalize_newlines(text: str) -> str:
    """Universal newlines, as ``Path.read_text`` gives them: offsets must agree with that reading."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Characters that are never control, surrogate or unassigned ones: ASCII, Latin-1 and the Latin
# extensions, general punctuation. Most texts hold nothing else, and one search over the text
# says so in a fraction of the time counting its characters takes.
_NEVER_BAD = "\t\n\r\x0b\x0c\x1a\x20-\x7e\xa0-\u02ff\u2000-\u2064"
_MAYBE_BAD = re.compile(f"[^{_NEVER_BAD}]")


def looks_binary(text: str) -> bool:
    """More than 5 % control or unassigned characters: not something a person wrote."""
    if not text or _MAYBE_BAD.search(text) is None:
        return False
    # each distinct character looked up once (a text has a few hundred): a lookup per character
    # took most of the time of reading a corpus
    counts = Counter(text)
    bad = sum(n for c, n in counts.items() if _is_bad_character(c))
    return bad > 0.05 * len(text)


def _is_bad_character(c: str) -> bool:
    return c not in _ALLOWED_CONTROLS and unicodedata.category(c) in ("Cc", "Cs", "Cn")


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: every other byte zero, on one side only."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    half = len(raw) // 2
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    codec = "utf-16-le" if (even == 0 and odd >= 0.3 * half) else "utf-16-be" if (odd == 0 and even >= 0.3 * half) else None
    if codec is None:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if looks_binary(text) else text


def detect_legacy(raw: bytes) -> str:
    """Best single-byte encoding among those Swedish text uses (cp1252 when unsure)."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(raw, cp_isolation=_LEGACY_ENCODINGS).best()
    except Exception:  # noqa: BLE001 - detection is a guess; any failure falls back to cp1252
        best = None
    candidates = ([best.encoding] if best is not None else []) + ["cp1252", "latin_1"]
    for enc in candidates:
        try:
            raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        return enc
    return "latin_1"  # pragma: no cover - latin-1 decodes any bytes


def decode(raw: bytes) -> tuple[str, str, list[str]]:
    """Decode text-file bytes: (text, encoding, warnings). Raise ``Unusable`` for binary content.

    Valid UTF-8 gives exactly what ``read_text(encoding="utf-8")`` gives (BOM kept as U+FEFF).
    """
    for bom, codec in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                name = codec.upper()
                raise Unusable(f"starts with a {name} byte-order mark but is not {name}; save it as UTF-8") from None
            if looks_binary(text):
                break
            return normalize_newlines(text), codec, [f"decoded as {codec.upper()} (byte-order mark); save it as UTF-8 to be sure"]
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise Unusable(f"not text but {what}")
    if b"\x00" in raw:
        text16 = _utf16_without_bom(raw)
        if text16 is not None:
            return normalize_newlines(text16), "utf-16", ["decoded as UTF-16 (no byte-order mark); save it as UTF-8 to be sure"]
        raise Unusable("binary content, not text; convert it to .txt (UTF-8) first")
    try:
        text, encoding, warns = raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        encoding = detect_legacy(raw)
        text = raw.decode(encoding)
        warns = [f"not UTF-8; decoded as {encoding}; save it as UTF-8 to be sure of every character"]
    if looks_binary(text[:65536]):
        raise Unusable("binary content, not text; convert it to .txt (UTF-8) first")
    return normalize_newlines(text), encoding, warns


def read(raw: bytes) -> Extracted:
    text, encoding, warns = decode(raw)
    return Extracted(text, encoding, tuple(warns))


# --------------------------------------------------------------------------- mojibake


def _mojibake_pattern() -> re.Pattern[str]:
    """UTF-8 bytes of Swedish letters and punctuation misread as cp1252 / latin-1 ("Ã¶" for "ö")."""
    source = "åäöÅÄÖéÉèüÜæøÆØ§°–—‘’‚“”„…•€\u00a0"
    forms: set[str] = set()
    for ch in source:
        for enc in ("cp1252", "latin-1"):
            try:
                forms.add(ch.encode("utf-8").decode(enc))
            except UnicodeDecodeError:
                continue
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))))


_MOJIBAKE = _mojibake_pattern()


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Repair mojibake only where certain: returns (text, warning or None).

    Certain means: typical sequences are present, and ftfy's ``fix_encoding`` removes every one of
    them without introducing replacement characters. Otherwise the text is left as it is (its
    offsets stay those of the file) and the warning says so.
    """
    found = _MOJIBAKE.search(text)
    if not found:
        return text, None
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed == text or _MOJIBAKE.search(fixed) or fixed.count("\ufffd") > text.count("\ufffd"):
        return text, (
            f"looks like mojibake ({found.group()!r}) but cannot be repaired with certainty; "
            "save the original as UTF-8 and read it again"
        )
    example = found.group()
    return fixed, (
        f"repaired mojibake ({example!r} -> {ftfy.fix_encoding(example)!r}); "
        "offsets refer to the repaired text; save the original as UTF-8 to avoid this"
    )


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060"))  # soft hyphen, zero-width


def clean_extracted(text: str) -> str:
    """Extracted (not plain-file) text: NFC, no invisible characters, no trailing spaces, one final newline."""
    text = unicodedata.normalize("NFC", normalize_newlines(text)).translate(_INVISIBLE)
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""




# --------------------------------------------------------------------------- shared by the readers

WHOLLY_STRUCK = re.compile(r"~~([^~]+)~~")   # a table cell struck through as a whole


def int_or(value: str | None, default: int) -> int:
    """An attribute's integer value (a list's start, a level), or ``default``."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
