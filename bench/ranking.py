#!/usr/bin/env python3
"""ranking.py - the ranking benchmark: hri against SQLite FTS5's bm25 on the
same segments, judged by UPR-info's issue labels.

    bench/ranking.py --segments upr.jsonl --upr-info upr-info.csv \\
        --queries bench/judged.tsv --bin build/bin [--fts5 bench/work/bin/fts5] \\
        --work DIR [--out bench/RANKING.md]

It indexes the segment records (hri-parse's output for the 63 upr-dev
reports) with hri-index and, when --fts5 names the helper built from
bench/fts5.c, loads the same records into FTS5 (porter stemming, bm25).
Each query of the judged set runs twice in each system: over all segments,
and within recommendations (hri: "QUERY kind:recommendation"; FTS5: the
kind filter). FTS5 runs every query two ways: its default, every word
required (AND), and any word (OR).

Relevance: UPR-info labels recommendations, not the report's segments, and
cuts them differently (one row per recommending State, a report item split
into several actions), so each row of upr-info.csv is matched to the
recommendation segment of its report that holds the largest share of the
row's distinct words, when that share is at least MATCH_MIN; a segment takes
the labels of every row matched to it. A query's relevant segments are those
whose labels satisfy its label expression ("A|B" any, "A&B" all).

Figures, per query and as means over the set and over its dev and held
splits: nDCG@10 (binary gains; the ideal puts min(R, 10) relevant first),
P@10, recall@100 (relevant in the first 100 over all relevant). The last
line printed is a summary the test tests/cli/query_ranking.sh reads:
    summary hri_ndcg=.. hri_rec_ndcg=.. hri_recall=.. [fts_ndcg=.. fts_or_ndcg=..
    fts_rec_ndcg=.. fts_or_rec_ndcg=.. fts_or_recall=..]
"""
import argparse
import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys

MATCH_MIN = 0.75  # share of a UPR-info row's words inside its segment
WORD = re.compile(r"[0-9a-z]+")


def words(text):
    """The distinct lower-case words of text."""
    return set(WORD.findall(text.lower()))


def load_segments(path):
    segs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("type") == "segment":
                segs.append(r)
    return segs


def label_segments(segs, csv_path):
    """Returns ({segment id: set of labels}, rows, rows matched)."""
    by_symbol = {}
    for s in segs:
        if s.get("kind") == "recommendation":
            by_symbol.setdefault(s["symbol"], []).append(
                (s["id"], words(s.get("text") or "")))
    labels, rows, matched = {}, 0, 0
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows += 1
            w = words(row["recommendation"])
            if not w:
                continue
            best, best_ids = 0.0, []
            for sid, sw in by_symbol.get(row["symbol"], []):
                share = len(w & sw) / len(w)
                if share > best:
                    best, best_ids = share, [sid]
                elif share == best and share > 0:
                    best_ids.append(sid)
            if best < MATCH_MIN:
                continue
            matched += 1
            issues = {i.strip() for i in row["issues"].split(",") if i.strip()}
            for sid in best_ids:
                labels.setdefault(sid, set()).update(issues)
    return labels, rows, matched


def relevant(expr, labels):
    """The ids whose labels satisfy expr ("A|B": any, "A&B": all)."""
    if "&" in expr:
        need = [e.strip() for e in expr.split("&")]
        return {i for i, l in labels.items() if all(n in l for n in need)}
    any_of = {e.strip() for e in expr.split("|")}
    return {i for i, l in labels.items() if l & any_of}


def load_queries(path):
    qs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            q, expr, split = line.split("\t")
            qs.append((q, expr, split))
    return qs


def fts5_match(q, op):
    """The query in FTS5 syntax: each typed word a quoted string (a
    hyphenated or slashed word becomes FTS5's phrase of its parts), joined
    by AND (FTS5's implicit operator) or OR."""
    toks = ['"%s"' % t.replace('"', "") for t in q.split() if t.strip('"')]
    return (" OR " if op == "OR" else " ").join(toks)


def load_seed_queries(path):
    """tests/queries.tsv: (query, depth, wanted ids)."""
    qs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            q, depth, ids = line.split("\t")
            qs.append((q, int(depth), set(ids.split())))
    return qs


def hri_run(bin_dir, db, queries, limit):
    """Ranked ids of each query, from one hri-query --batch."""
    p = subprocess.run(
        [os.path.join(bin_dir, "hri-query"), "-d", db, "--batch",
         "--format", "json", "--limit", str(limit)],
        input="".join(q + "\n" for q in queries), capture_output=True,
        text=True, check=False)
    out, cur = [], []
    for line in p.stdout.splitlines():
        r = json.loads(line)
        if r.get("type") == "end":
            out.append(cur)
            cur = []
        elif "id" in r:
            cur.append(r["id"])
    if len(out) != len(queries):
        sys.exit("ranking.py: hri-query --batch answered %d of %d queries: %s"
                 % (len(out), len(queries), p.stderr[-500:]))
    return out


def fts5_run(fts5, db, lines, limit):
    p = subprocess.run([fts5, "rank", db, str(limit)],
                       input="".join(l + "\n" for l in lines),
                       capture_output=True, text=True, check=True)
    out = [[] for _ in lines]
    for line in p.stdout.splitlines():
        n, r, sid = line.split("\t", 2)
        if r == "error":
            sys.exit("ranking.py: fts5: %s: %s" % (lines[int(n) - 1], sid))
        out[int(n) - 1].append(sid)
    return out


def metrics(ranked, rel):
    """(nDCG@10, P@10, recall@100) of one ranked list."""
    if not rel:
        return (0.0, 0.0, 0.0)
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:10])
              if d in rel)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(rel), 10)))
    p10 = sum(1 for d in ranked[:10] if d in rel) / 10
    r100 = len(set(ranked[:100]) & rel) / len(rel)
    return (dcg / ideal, p10, r100)


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", required=True)
    ap.add_argument("--upr-info", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--fts5")
    ap.add_argument("--work", required=True)
    ap.add_argument("--out")
    ap.add_argument("--seeds", nargs=2, metavar=("SEGMENTS", "QUERIES"),
                    help="also the researcher queries of tests/queries.tsv "
                    "on the seed reports' segments: each query's wanted "
                    "ids all in its first DEPTH hits")
    ap.add_argument("--reuse", action="store_true",
                    help="query the databases a previous run left in --work")
    a = ap.parse_args()

    segs = load_segments(a.segments)
    labels, rows, matched = label_segments(segs, a.upr_info)
    qs = load_queries(a.queries)
    os.makedirs(a.work, exist_ok=True)
    db = os.path.join(a.work, "hri-db")
    if not a.reuse:
        shutil.rmtree(db, ignore_errors=True)
        subprocess.run([os.path.join(a.bin, "hri-index"), "-q", "-d", db,
                        a.segments], check=True)
    texts = [q for q, _, _ in qs]
    hri_all = hri_run(a.bin, db, texts, 100)
    hri_rec = hri_run(a.bin, db, [q + " kind:recommendation" for q in texts],
                      100)
    sys_runs = {"hri": (hri_all, hri_rec)}
    if a.fts5:
        fdb = os.path.join(a.work, "fts5.db")
        if not a.reuse:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(fdb + suffix):
                    os.remove(fdb + suffix)
            with open(a.segments, "rb") as f:
                subprocess.run([a.fts5, "load", fdb], stdin=f, check=True,
                               stdout=subprocess.DEVNULL)
        for op in ("AND", "OR"):
            m = [fts5_match(q, op) for q in texts]
            sys_runs["fts5 " + op] = (
                fts5_run(a.fts5, fdb, [x + "\t" for x in m], 100),
                fts5_run(a.fts5, fdb, [x + "\tkind=recommendation" for x in m],
                         100))

    names = list(sys_runs)
    table = []  # per query: (q, split, R, {name: (all metrics, rec metrics)})
    for i, (q, expr, split) in enumerate(qs):
        rel = relevant(expr, labels)
        per = {n: (metrics(sys_runs[n][0][i], rel),
                   metrics(sys_runs[n][1][i], rel)) for n in names}
        table.append((q, split, len(rel), per))

    def avg(name, which, k, split=None):
        return mean([t[3][name][which][k] for t in table
                     if split is None or t[1] == split])

    lines = []
    lines.append("# Ranking: hri against SQLite FTS5 bm25\n")
    lines.append("Written by `bench/ranking.py` (see `bench/README.md`): the "
                 "%d queries of `bench/judged.tsv` on the %d segments hri-parse "
                 "makes of the 63 upr-dev reports; %d of UPR-info's %d rows "
                 "matched to a recommendation segment (%d segments labelled). "
                 "FTS5 AND is FTS5's default (every word), FTS5 OR any word.\n"
                 % (len(qs), len(segs), matched, rows, len(labels)))
    lines.append("## Means\n")
    lines.append("| system | split | nDCG@10 all | P@10 all | recall@100 all "
                 "| nDCG@10 recs | P@10 recs | recall@100 recs |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for n in names:
        for split in (None, "dev", "held"):
            lines.append("| %s | %s | %s |" % (n, split or "all", " | ".join(
                "%.3f" % avg(n, w, k, split) for w in (0, 1) for k in (0, 1, 2))))
    lines.append("\n## Per query (nDCG@10 / P@10 / recall@100)\n")
    lines.append("| query | split | relevant | " + " | ".join(
        "%s all | %s recs" % (n, n) for n in names) + " |")
    lines.append("|---|---|---|" + "---|---|" * len(names))
    for q, split, r, per in table:
        cells = []
        for n in names:
            for w in (0, 1):
                cells.append("%.2f / %.1f / %.2f" % per[n][w])
        lines.append("| %s | %s | %d | %s |" % (q, split, r, " | ".join(cells)))
    seed_ok = None
    if a.seeds:
        sq = load_seed_queries(a.seeds[1])
        sdb = os.path.join(a.work, "hri-seeds")
        if not a.reuse:
            shutil.rmtree(sdb, ignore_errors=True)
            subprocess.run([os.path.join(a.bin, "hri-index"), "-q", "-d", sdb,
                            a.seeds[0]], check=True)
        got = hri_run(a.bin, sdb, [q for q, _, _ in sq],
                      max(d for _, d, _ in sq))
        lines.append("\n## The researcher queries of tests/queries.tsv\n")
        lines.append("On the four seed reports: the ids a careful reader "
                     "wants, all among the first DEPTH hits (the test "
                     "query_quality.sh).\n")
        lines.append("| query | depth | wanted | hri |")
        lines.append("|---|---|---|---|")
        seed_ok = 0
        for (q, depth, ids), ranked in zip(sq, got):
            ok = ids <= set(ranked[:depth])
            seed_ok += ok
            lines.append("| %s | %d | %s | %s |" % (
                q, depth, " ".join(sorted(ids)), "yes" if ok else
                "no: " + " ".join(ranked[:depth])))
        lines.append("\n%d of %d met.\n" % (seed_ok, len(sq)))
    text = "\n".join(lines) + "\n"
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    summ = "summary hri_ndcg=%.3f hri_rec_ndcg=%.3f hri_recall=%.3f" % (
        avg("hri", 0, 0), avg("hri", 1, 0), avg("hri", 0, 2))
    if seed_ok is not None:
        summ += " seeds_met=%d" % seed_ok
    if a.fts5:
        summ += (" fts_ndcg=%.3f fts_or_ndcg=%.3f fts_rec_ndcg=%.3f"
                 " fts_or_rec_ndcg=%.3f fts_or_recall=%.3f" % (
                     avg("fts5 AND", 0, 0), avg("fts5 OR", 0, 0),
                     avg("fts5 AND", 1, 0), avg("fts5 OR", 1, 0),
                     avg("fts5 OR", 0, 2)))
    print(summ)


if __name__ == "__main__":
    main()
