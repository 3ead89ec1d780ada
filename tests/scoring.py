#!/usr/bin/env python3
# The project's scorer (shared/eval/evaluate.py), kept beside the tests so that the corpus tests run
# wherever the repository is checked out. Update it together with the shared copy.
"""Score a built graph (Turtle) against gold annotations of meeting minutes.

Independent of the project's own code: it reads only the public vocabulary
(mg: terms, FOAF, W3C ORG, Dublin Core, PROV, SKOS, Web Annotation) that the
project promises analysts, and the gold JSON files (format: shared/gold/README.md).

usage: evaluate.py --graph graph.ttl --gold DIR [--docs DIR] [--json]
"""
import argparse
import json
import re
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

MG = Namespace("https://w3id.org/motesgraf/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")


def norm(s):
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("–", "-")
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"[^\w\s\-/+:.,]", " ", s)
    return re.sub(r"\s+", " ", s).strip(" .,:")


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Scores:
    def __init__(self):
        self.c = {}
        self.errors = []

    def add(self, facet, tp=0, fp=0, fn=0):
        a = self.c.setdefault(facet, [0, 0, 0])
        a[0] += tp
        a[1] += fp
        a[2] += fn

    def table(self):
        return {k: dict(zip(("tp", "fp", "fn"), v), **dict(zip(("p", "r", "f1"), prf(*v)))) for k, v in self.c.items()}


def labels(g, node):
    out = set()
    for p in (FOAF.name, SKOS.prefLabel, SKOS.altLabel, RDFS.label, DCTERMS.title):
        out |= {norm(o) for o in g.objects(node, p)}
    return out


def find_docs(g, name):
    docs = set()
    for d in g.subjects(RDF.type, MG.SourceDocument):
        for ident in g.objects(d, DCTERMS.identifier):
            if str(ident) == name or str(ident).endswith("/" + name):
                docs.add(d)
    return docs


def meetings_of(g, docs):
    return {m for d in docs for m in g.subjects(PROV.wasDerivedFrom, d) if (m, RDF.type, MG.Meeting) in g}


def items_of(g, meetings):
    return {i for m in meetings for i in g.objects(m, MG.hasAgendaItem)}


def with_subtopics(g, item):
    """The item and its sub-topics (mg:hasSubTopic, at any depth): presenters and decisions of a
    sub-topic count as the item's when an item is compared with the gold."""
    out, todo = set(), [item]
    while todo:
        i = todo.pop()
        if i not in out:
            out.add(i)
            todo.extend(g.objects(i, MG.hasSubTopic))
    return out


_ANN = {}


def annotations_by_doc(g):
    """Every annotation once, grouped by its source document: (annotation, bodies, [(start, end, exact)])."""
    key = id(g)
    if key not in _ANN:
        idx = {}
        for a in g.subjects(RDF.type, OA.Annotation):
            bodies = set(g.objects(a, OA.hasBody))
            for t in g.objects(a, OA.hasTarget):
                sels = list(g.objects(t, OA.hasSelector))
                st = [int(o) for x in sels for o in g.objects(x, OA.start)]
                en = [int(o) for x in sels for o in g.objects(x, OA.end)]
                ex = [str(o) for x in sels for o in g.objects(x, OA.exact)]
                sel = (st[0], en[0], ex[0]) if st and en and ex else None
                for src in g.objects(t, OA.hasSource):
                    idx.setdefault(src, []).append((a, bodies, sel))
        _ANN[key] = idx
    return _ANN[key]


def doc_annotations(g, docs):
    idx = annotations_by_doc(g)
    return [x for d in docs for x in idx.get(d, [])]


def linked_entities(g, docs, meetings):
    ents = set()
    for m in meetings:
        for p in (MG.attendee, MG.absentee, MG.minuteTaker, MG.chair, MG.heldBy, MG.mentions):
            ents |= set(g.objects(m, p))
        for top in g.objects(m, MG.hasAgendaItem):
            for i in with_subtopics(g, top):
                for p in (MG.presenter, MG.mentions):
                    ents |= set(g.objects(i, p))
    for _, bodies, _ in doc_annotations(g, docs):
        ents |= bodies
    return ents


def is_person(g, n):
    return (n, RDF.type, FOAF.Person) in g


def is_org(g, n):
    return any((n, RDF.type, t) in g for t in (ORG.Organization, ORG.OrganizationalUnit, ORG.FormalOrganization, FOAF.Organization))


def set_score(S, facet, got, gold, optional=()):
    got, gold, optional = set(got), set(gold), set(optional)
    tp = len(got & gold)
    fp = len(got - gold - optional)
    fn = len(gold - got)
    S.add(facet, tp, fp, fn)
    return got - gold - optional, gold - got


def similar(a, b, cut):
    return max(fuzz.ratio(a, b), fuzz.token_set_ratio(a, b) if min(len(a), len(b)) > 12 else 0) >= cut


def evaluate(g, gold_dir, docs_dir=None):
    S = Scores()
    detail = {}
    gold_files = sorted(p for p in Path(gold_dir).glob("*.json") if p.name != "corpus.json")
    for gf in gold_files:
        gd = json.loads(gf.read_text(encoding="utf-8"))
        name = gd["document"]
        D = detail.setdefault(name, {})
        docs = find_docs(g, name)
        ms = meetings_of(g, docs)
        if not docs or not ms:
            D["missing"] = "no mg:SourceDocument/mg:Meeting for this file"
        gm = gd["meeting"]
        # meeting date
        dates = {str(o)[:10] for m in ms for o in g.objects(m, DCTERMS.date)}
        ok = (dates == {gm["date"]}) if gm["date"] else not dates
        S.add("meeting.date", tp=int(ok), fp=int(not ok and bool(dates)), fn=int(not ok and bool(gm["date"]) ))
        D["date"] = sorted(dates)
        # body
        if gm.get("body"):
            want = [norm(gm["body"])] + [norm(a) for a in gm.get("body_aliases", [])]
            got = set().union(*[labels(g, b) for m in ms for b in g.objects(m, MG.heldBy)]) if ms else set()
            ok = any(similar(x, w, 85) for x in got for w in want)
            S.add("meeting.body", tp=int(ok), fn=int(not ok))
            D["body"] = sorted(got)
        else:  # the text names no body: stating one is a guess
            got = {b for m in ms for b in g.objects(m, MG.heldBy)}
            S.add("meeting.body", fp=int(bool(got)))
            D["body"] = sorted(set().union(*[labels(g, b) for b in got])) if got else []
        # location
        locs = {norm(o) for m in ms for o in g.objects(m, SCHEMA.location)}
        locs |= {lab for m in ms for o in g.objects(m, SCHEMA.location) for lab in labels(g, o)}
        if gm.get("location"):
            ok = any(similar(loc, norm(gm["location"]), 85) for loc in locs)
            S.add("meeting.location", tp=int(ok), fn=int(not ok), fp=int(bool(locs) and not ok))
        else:
            S.add("meeting.location", fp=int(bool(locs)))
        # attendance roles
        for facet, prop, key in (("attendees", MG.attendee, "attendees"), ("absentees", MG.absentee, "absentees"),
                                 ("minute_takers", MG.minuteTaker, "minute_takers"), ("chairs", MG.chair, "chairs")):
            want = {norm(x) for x in gd[key]}
            opt = {norm(x) for x in gd.get(key + "_optional", [])}
            got = set()
            for p in {p for m in ms for p in g.objects(m, prop)}:
                ls = labels(g, p)  # a node may carry several labels: the one gold knows counts
                got.add(next(iter(ls & (want | opt)), sorted(ls)[0] if ls else str(p)))
            extra, miss = set_score(S, "role." + facet, got, want, opt)
            D[facet] = {"extra": sorted(extra), "missing": sorted(miss)}
        # agenda items and presenters
        items = []
        for i in items_of(g, ms):
            t = [norm(o) for o in g.objects(i, DCTERMS.title)]
            items.append((i, t[0] if t else ""))
        gitems = gd["agenda_items"]
        used, matched = set(), {}
        for k, gi in enumerate(gitems):
            cands = [norm(gi["title"])] + [norm(s) for s in gi.get("subtitles", [])]
            best = None
            for i, t in items:
                if i in used:
                    continue
                sc = max(fuzz.ratio(t, c) for c in cands)
                if sc >= 80 and (best is None or sc > best[1]):
                    best = (i, sc)
            if best:
                used.add(best[0])
                matched[k] = best[0]
        S.add("agenda.items", tp=len(matched), fp=len(items) - len(matched), fn=len(gitems) - len(matched))
        D["agenda_unmatched_gold"] = [gi["title"] for k, gi in enumerate(gitems) if k not in matched]
        D["agenda_unmatched_graph"] = [t for i, t in items if i not in used]
        for k, gi in enumerate(gitems):
            gold_p = {norm(x) for x in gi["presenters"]}
            if k in matched:
                i = matched[k]
                got_p = {sorted(labels(g, p))[0] for p in g.objects(i, MG.presenter) if labels(g, p)}
                got_p = {x for x in got_p if x}
                # a presenter may be given by full name; accept any label
                got_all = {p: labels(g, p) for x in with_subtopics(g, i) for p in g.objects(x, MG.presenter)}
                tp = sum(1 for x in gold_p if any(x in ls for ls in got_all.values()))
                fp = sum(1 for ls in got_all.values() if not (ls & gold_p))
                S.add("agenda.presenters", tp=tp, fp=fp, fn=len(gold_p) - tp)
                if gi.get("ordinal") is not None:
                    ords = {int(o) for o in g.objects(i, MG.ordinal)}
                    S.add("agenda.ordinal", tp=int(ords == {gi["ordinal"]}), fn=int(ords != {gi["ordinal"]}))
            else:
                S.add("agenda.presenters", fn=len(gold_p))
        for i, _t in items:
            if i not in used:
                S.add("agenda.presenters", fp=len({p for x in with_subtopics(g, i) for p in g.objects(x, MG.presenter)}))
        # decisions (of items, their sub-topics, and the meeting)
        dnodes = {d for i, _ in items for x in with_subtopics(g, i) for d in g.objects(x, MG.hasDecision)} | {d for m in ms for d in g.objects(m, MG.hasDecision)}
        dtexts = [norm(" ".join(str(o) for o in g.objects(d, DCTERMS.description))) for d in dnodes]
        gold_d = [norm(x) for x in gd["decisions"]]
        opt_d = [norm(x) for x in gd.get("decisions_optional", [])]
        hit = [any(similar(t, x, 70) for t in dtexts) for x in gold_d]
        fp = sum(1 for t in dtexts if not any(similar(t, x, 70) for x in gold_d + opt_d))
        S.add("decisions", tp=sum(hit), fp=fp, fn=len(hit) - sum(hit))
        D["decisions_missing"] = [gd["decisions"][k] for k, h in enumerate(hit) if not h]
        D["decisions_extra"] = [t for t in dtexts if not any(similar(t, x, 70) for x in gold_d + opt_d)]
        # persons linked to this document
        ents = linked_entities(g, docs, ms)
        persons = {p for p in ents if is_person(g, p)}
        gold_persons = {norm(p["name"]) for p in gd["persons"]}
        got = set()
        for p in persons:
            ls = labels(g, p)
            got.add(next(iter(ls & gold_persons), sorted(ls)[0] if ls else str(p)))
        extra, miss = set_score(S, "persons", got, gold_persons)
        D["persons"] = {"extra": sorted(extra), "missing": sorted(miss)}
        # first-name mentions resolved to the right person
        for gp in gd["persons"]:
            if gp.get("first_name_only"):
                continue
            for mention in gp["mentions"]:
                if " " in mention or "@" in mention:
                    continue
                ok = any(sel and sel[2] == mention and any(norm(gp["name"]) in labels(g, b) for b in bodies)
                         for _, bodies, sel in doc_annotations(g, docs))
                S.add("persons.first_name_links", tp=int(ok), fn=int(not ok))
        # organizations linked to this document
        orgs = {o for o in ents if is_org(g, o)}
        gold_orgs = list(gd["organizations"])
        if gm.get("body"):
            gold_orgs.append({"name": gm["body"], "aliases": gm.get("body_aliases", []), "core": False})
        if gm.get("parent_organization"):
            gold_orgs.append({"name": gm["parent_organization"], "aliases": [], "core": False})
        gkeys = [{norm(o["name"])} | {norm(a) for a in o["aliases"]} for o in gold_orgs]
        found = set()
        fp_o = []
        for o in orgs:
            ls = labels(g, o)
            ks = [k for k, keys in enumerate(gkeys) if ls & keys or any(similar(lab, key, 92) for lab in ls for key in keys)]
            if ks:
                found |= set(ks)
            else:
                fp_o.append(sorted(ls)[0] if ls else str(o))
        core = [k for k, o in enumerate(gold_orgs) if o.get("core")]
        S.add("organizations.core_recall", tp=len(found & set(core)), fn=len(set(core) - found))
        S.add("organizations", tp=len(found), fp=len(fp_o), fn=len(set(core) - found))
        D["organizations"] = {"extra": sorted(fp_o), "missing_core": [gold_orgs[k]["name"] for k in core if k not in found]}
        # projects and initiatives: recall everywhere; precision too where the gold says its list is complete
        projs = {n for n in ents if any((n, RDF.type, t) in g for t in (MG.Project, FOAF.Project, SCHEMA.Project))}
        plabels = set().union(*[labels(g, n) for n in projs]) if projs else set()
        hit = [any(similar(lab, norm(x), 85) for lab in plabels) for x in gd.get("projects", [])]
        junk = []
        if gd.get("projects_complete"):
            allowed = [norm(x) for x in gd.get("projects", []) + gd.get("projects_optional", [])]
            for n in projs:
                ls = labels(g, n)
                if not any(similar(lab, a, 85) for lab in ls for a in allowed):
                    junk.append(sorted(ls)[0] if ls else str(n))
        S.add("projects", tp=sum(hit), fp=len(junk), fn=len(hit) - sum(hit))
        D["projects_missing"] = [x for x, h in zip(gd.get("projects", []), hit) if not h]
        D["projects_extra"] = sorted(junk)
        # collaborations: both organisations mentioned in one agenda item (or meeting), or linked directly
        def org_nodes(name, gold_orgs=gold_orgs, orgs=orgs):
            keys = next(({norm(o["name"])} | {norm(a) for a in o["aliases"]} for o in gold_orgs if norm(o["name"]) == norm(name)), {norm(name)})
            return {o for o in orgs if labels(g, o) & keys}
        scopes = [set(g.objects(i, MG.mentions)) | set(g.objects(i, MG.presenter)) for i, _ in items] + [set(g.objects(m, MG.mentions)) for m in ms]
        hit = 0
        for a, b in gd.get("collaborations", []):
            na, nb = org_nodes(a), org_nodes(b)
            ok = any((x, MG.collaboratesWith, y) in g or (y, MG.collaboratesWith, x) in g for x in na for y in nb)
            ok = ok or any(sc & na and sc & nb for sc in scopes)
            hit += ok
        S.add("collaborations.recall", tp=hit, fn=len(gd.get("collaborations", [])) - hit)
        # memberships
        gold_m = gd.get("memberships", [])
        tp = 0
        for pn, on in gold_m:
            keys = next(({norm(o["name"])} | {norm(a) for a in o["aliases"]} for o in gold_orgs if norm(o["name"]) == norm(on)), {norm(on)})
            ok = any(norm(pn) in labels(g, p) and (labels(g, o) & keys) for p in persons | orgs for o in g.objects(p, ORG.memberOf))
            tp += ok
        S.add("memberships", tp=tp, fn=len(gold_m) - tp)
        # annotation offsets must point at the quoted text
        if docs_dir:
            src = Path(docs_dir) / name
            if src.exists() and src.suffix in (".txt", ".md"):
                text = src.read_text(encoding="utf-8", errors="replace")
                good = bad = 0
                exact_by_ann = {}
                for a, _, sel in doc_annotations(g, docs):
                    if sel:
                        ok_ = text[sel[0]:sel[1]] == sel[2]
                        good += ok_
                        bad += not ok_
                        exact_by_ann[a] = exact_by_ann.get(a, False) or (ok_ and bool(sel[2].strip()))
                S.add("annotations.offsets", tp=good, fp=bad)
                # evidence of facts: share of structural facts whose words are pointed to exactly
                def exact_ok(a, exact_by_ann=exact_by_ann):
                    return exact_by_ann.get(a, False)
                stmts = {}
                for st_ in g.subjects(RDF.type, RDF.Statement):
                    key = (g.value(st_, RDF.subject), g.value(st_, RDF.predicate), g.value(st_, RDF.object))
                    stmts.setdefault(key, []).extend(g.objects(st_, MG.evidence))
                facts = [("node", m) for m in ms]
                for m in ms:
                    for prop in (MG.attendee, MG.absentee, MG.chair, MG.minuteTaker):
                        facts += [("link", (m, prop, o)) for o in g.objects(m, prop)]
                for i, _ in items:
                    for x in with_subtopics(g, i):
                        facts.append(("node", x))
                        facts += [("link", (x, MG.presenter, o)) for o in g.objects(x, MG.presenter)]
                facts += [("node", d) for d in dnodes]
                have = 0
                for kind, f in facts:
                    evs = list(g.objects(f, MG.evidence)) if kind == "node" else stmts.get(f, [])
                    have += any(exact_ok(a) for a in evs)
                # precision = recall = the share of facts with exact evidence, so F1 is that share
                S.add("evidence.facts", tp=have, fp=len(facts) - have, fn=len(facts) - have)
    # identity across documents
    corpus = Path(gold_dir) / "corpus.json"
    if corpus.exists():
        cj = json.loads(corpus.read_text(encoding="utf-8"))
        people = [p for p in g.subjects(RDF.type, FOAF.Person)]

        def nodes_named(n):
            return [p for p in people if norm(n) in labels(g, p)]

        for n, files in cj.get("same_person", {}).items():
            nodes = nodes_named(n)
            ok = False
            if len(nodes) == 1:
                ok = all(nodes[0] in linked_entities(g, find_docs(g, f), meetings_of(g, find_docs(g, f))) for f in files)
            S.add("identity.same_person", tp=int(ok), fn=int(not ok))
            if not ok:
                detail.setdefault("_identity", []).append(f"same_person failed: {n} ({len(nodes)} nodes)")
        for n, files in cj.get("same_organization", {}).items():
            orgs = [o for o in set(g.subjects(RDF.type, ORG.Organization)) | set(g.subjects(RDF.type, ORG.OrganizationalUnit)) | set(g.subjects(RDF.type, ORG.FormalOrganization))
                    if norm(n) in labels(g, o)]
            ok = len(orgs) == 1 and all(orgs[0] in linked_entities(g, find_docs(g, f), meetings_of(g, find_docs(g, f))) for f in files)
            S.add("identity.same_org", tp=int(ok), fn=int(not ok))
            if not ok:
                detail.setdefault("_identity", []).append(f"same_organization failed: {n} ({len(orgs)} nodes)")
        for a, b in cj.get("distinct_persons", []):
            na, nb = set(nodes_named(a)), set(nodes_named(b))
            merged = bool(na & nb) or any((x, OWL.sameAs, y) in g or (y, OWL.sameAs, x) in g for x in na for y in nb)
            S.add("identity.distinct", tp=int(not merged), fp=int(merged))
    return S, detail


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--graph", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--docs")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--detail", action="store_true")
    a = ap.parse_args()
    g = Graph()
    g.parse(a.graph)
    S, detail = evaluate(g, a.gold, a.docs)
    t = S.table()
    if a.json:
        print(json.dumps({"scores": t, "detail": detail}, ensure_ascii=False, indent=1))
        return
    if a.detail:
        print(json.dumps(detail, ensure_ascii=False, indent=1))
    print(f"{'facet':32} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn")
    for k in sorted(t):
        v = t[k]
        print(f"{k:32} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f}   {v['tp']}/{v['fp']}/{v['fn']}")
    f1s = [v["f1"] for v in t.values()]
    print(f"macro-F1 {sum(f1s) / len(f1s):.3f} over {len(f1s)} facets")


if __name__ == "__main__":
    main()
