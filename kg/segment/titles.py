"""Titles written with a person's name: "Rektor Hans-Olov Lund redogör", "Helena Bäckström,
förvaltningschef"."""
from __future__ import annotations

import re

from ..models import PersonRef, Span, Title
from .page import Page, fold
from .patterns import ROLE_WORDS
from .presenters import is_title_word

_WORD = r"[A-Za-zÅÄÖåäöÉéÜü][\w-]*\.?"
_TITLE_BEFORE_RE = re.compile(rf"(?<![\w-])(?P<title>{_WORD})[ \t]+$")
# after the name and its party: ", förvaltningschef", " förvaltningschef" (flattened lists),
# ", teknisk chef", ", 1:e vice ordförande", "(sekreterare)"
_TITLE_AFTER_RE = re.compile(
    rf"^(?:[ \t]*\([^()\n]{{1,12}}\))?(?:[ \t]*,[ \t]*|[ \t]*\(|(?P<bare>[ \t]+))"
    rf"(?P<title>(?:\d:e[ \t]+)?{_WORD}(?:[ \t]+{_WORD}){{0,2}})(?=[ \t]*(?:$|[,;)\n]|[ \t]\S))")


def _is_title(words: str) -> bool:
    """A title as written: its last word a job title ("teknisk chef", "Förvaltningschef") or the
    whole a role word of a list ("ordförande", "1:e vice ordförande", "ledamot")."""
    if _RUN_TOGETHER_RE.search(words):
        return False                        # "ÅkermanOrdförande": a name and a label run together
    rest = words.split()[1:]
    if any(w[0].isupper() or "." in w[:-1] for w in rest) or any(w.endswith(".") for w in words.split()[:-1]):
        return False                        # "presenterar förslaget. Ekonomichef", "Sveriges Skolledare"
    folded = fold(words).strip(" .")
    return folded in ROLE_WORDS or is_title_word(words.split()[-1])


_RUN_TOGETHER_RE = re.compile(r"[a-zåäöé][A-ZÅÄÖ]")


def find_titles(page: Page, refs: list[PersonRef]) -> list[Title]:
    """The title each person's name is written with, just before it on its line ("Rektor Hans-Olov
    Lund redogör") or just after it ("Helena Bäckström, förvaltningschef"); each (name, title) once."""
    text = page.text
    out: list[Title] = []
    seen: set[tuple[str, str]] = set()
    for ref in refs:
        a, b = ref.span.start, ref.span.end
        bol = text.rfind("\n", 0, a) + 1
        eol = text.find("\n", b)
        eol = len(text) if eol < 0 else eol
        found = None
        m = _TITLE_BEFORE_RE.search(text, max(bol, a - 60), a)
        if m is not None and _is_title(m["title"]):
            t0 = m.start("title")
            found = (Span(t0, t0 + len(m["title"]), m["title"]), Span(t0, b, text[t0:b]))
        else:
            m = _TITLE_AFTER_RE.match(text[b:eol])
            # with no comma only a title in lower case ("Marie Kvist förvaltningschef"): a capital
            # after a name is the next label or name of a signature row ("Camilla Rask Ordförande")
            if m is not None and not (m["bare"] and m["title"][0].isupper()):
                words = m["title"]
                # the longest run of its words that is a title: "förvaltningschef Jan" is no title
                while words and not _is_title(words):
                    words = words.rsplit(None, 1)[0] if " " in words or "\t" in words else ""
                if words:
                    t0 = b + m.start("title")
                    found = (Span(t0, t0 + len(words), words), Span(a, t0 + len(words), text[a:t0 + len(words)]))
        if found is None:
            continue
        key = (fold(" ".join(ref.name.split())), fold(found[0].text))
        if key not in seen:
            seen.add(key)
            out.append(Title(ref, *found))
    return out
