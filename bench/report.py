"""The benchmark's figures as a fixed-layout table: same keys, same lines, so runs can be diffed."""
from __future__ import annotations

from typing import Any

from .run import STAGE_LABELS, STAGES


def _num(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def format_table(r: dict[str, Any]) -> str:
    """The figures of ``run_bench`` as a table."""
    jobs = f"{r['jobs']} job" + ("s" if r["jobs"] != 1 else "")
    lines = [
        f"kg bench: {r['docs']} documents, {r['words']:,} words, seed {r['seed']}, {jobs}"
        f" (corpus generated in {r['generate_s']:.2f} s, not counted)",
        "",
        f"{'stage':<34}{'seconds':>10}{'words/s':>14}",
    ]
    for name in STAGES:
        per_s = r["extract_words_per_s"] if name == "segment_extract" else None
        lines.append(f"{STAGE_LABELS[name]:<34}{r['stages'][name]:>10.3f}{_num(per_s, ',.0f'):>14}")
    lines.append(f"{'total':<34}{r['seconds']:>10.3f}{_num(r['words_per_s'], ',.0f'):>14}")
    if r.get("load_pipeline_s") is not None:
        lines.append(f"{'load + warm up pipeline, not counted':<34}{r['load_pipeline_s']:>10.3f}"
                     "   (once per process, before the clock starts, as for the tokenizer below)")
    if r["jobs"] > 1:
        lines.append("(with jobs, workers build and serialise the graph: 'build graph' holds both, "
                     "'Turtle export' only the writing)")
    lines += [
        "",
        f"{'reference, same text and graph':<34}{'seconds':>10}{'words/s':>14}",
        f"{'spaCy blank(sv) tokenizer only':<34}{r['tokenizer_s']:>10.3f}{_num(r['tokenizer_words_per_s'], ',.0f'):>14}",
        f"{'pyoxigraph load Turtle':<34}{r['pyoxigraph_load_s']:>10.3f}{'':>14}",
        f"{'pyoxigraph dump Turtle':<34}{r['pyoxigraph_turtle_export_s']:>10.3f}{'':>14}",
        "",
    ]
    if r["questions"]:
        lines.append(f"{'saved question (median of ' + str(r['repeats']) + ')':<34}{'kg.query s':>12}{'pyoxigraph s':>14}{'rows':>8}")
        for name, q in r["questions"].items():
            asked = "".join(f"  {k}={v!r}" for k, v in sorted(q.get("params", {}).items()))
            lines.append(f"{name:<34}{q['median_s']:>12.4f}{q['pyoxigraph_median_s']:>14.4f}{q['rows']:>8}{asked}")
    else:
        lines.append("no saved questions")
    children = f"; worker processes {r['peak_rss_children_mb']:.0f} MB (the largest)" if r.get("peak_rss_children_mb") else ""
    lines += [
        "",
        f"graph: {r['triples']:,} triples, Turtle {r['turtle_bytes'] / 1e6:.1f} MB",
        f"peak RSS: {r['peak_rss_mb']:.0f} MB building (corpus, extractions, resolution, chunk being "
        f"written){children}; {r.get('peak_rss_with_references_mb', 0):.0f} MB with the reference "
        "pyoxigraph store",
    ]
    inc = r.get("incremental")
    if inc:
        lines.append(f"incremental rebuild (kg build with its cache): {inc['one_added_s']:.2f} s with one document "
                     f"added, {inc['clean_s']:.2f} s clean: {inc['ratio']:.1%} of a clean build")
    store = r.get("store")
    if store:
        lines.append(f"store build (kg build --store, no cache, own process): {store['seconds']:.2f} s, "
                     f"peak RSS {store['peak_rss_mb']:.0f} MB (limit {store['limit_mb']} MB)")
    return "\n".join(line.rstrip() for line in lines)
