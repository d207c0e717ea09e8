#!/usr/bin/env python3
"""The rules across reports as SQL, run on DuckDB and on Apache Spark (local
mode), against the engine of factlint itself: a differential test.

For each corpus (a generated one of REPORTS reports, and the news corpora of
tests/news): `factlint extract` in shards, `factlint check` for reference,
`factlint combine` over the shards (byte-identical to check), then the query
of `factlint sql` on each engine, its rows written by the engine itself, and
`factlint combine --rows` drawing them: the findings must be check's, byte
for byte, in JSON and in the human format.

    python3 tests/sql/differential.py [--engines duckdb,spark] [--reports N] [--parquet]

With --parquet (the binary built with the `parquet` feature), the demo and
the generated corpus are also extracted as Parquet tables.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(args, cwd, ok=(0, 1, 2)):
    p = subprocess.run(args, cwd=cwd, capture_output=True)
    if p.returncode not in ok:
        sys.stderr.write(p.stderr.decode(errors="replace"))
        raise SystemExit(f"failed ({p.returncode}): {' '.join(map(str, args))}")
    return p


def split(sql):
    """The statements of a script (each ends with `;` at a line end)."""
    return [s.strip() for s in sql.split(";\n") if s.strip()]


def duckdb_rows(sql, out):
    import duckdb

    con = duckdb.connect()
    *setup, query = split(sql)
    for s in setup:
        con.execute(s)
    con.execute(f"COPY ({query.rstrip(';')}) TO '{out}' (FORMAT JSON)")
    con.close()


SPARK = None


def spark_rows(sql, out):
    global SPARK
    if SPARK is None:
        from pyspark.sql import SparkSession

        SPARK = (
            SparkSession.builder.master("local[2]")
            .appName("factlint-sql")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.memory", "4g")
            # The query's plan is long: keep few of them for the (unused) UI.
            .config("spark.sql.ui.retainedExecutions", "4")
            .config("spark.ui.retainedJobs", "8")
            .config("spark.ui.retainedStages", "8")
            .getOrCreate()
        )
        SPARK.sparkContext.setLogLevel("ERROR")
    *setup, query = split(sql)
    for s in setup:
        SPARK.sql(s)
    SPARK.sql(query.rstrip(";")).write.mode("overwrite").json(str(out))


ENGINES = {"duckdb": ("duckdb", duckdb_rows), "spark": ("spark", spark_rows)}


def corpus(bin_, work, name, rules, reports, shards, engines, table_format="jsonl"):
    """Checks one corpus; returns the number of findings."""
    d = work / name.replace("/", "-")
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    common = ["--isolated", "-r", str(rules)]
    t0 = time.time()
    for i in range(1, shards + 1):
        run([bin_, "extract", *common, str(reports), "--shard", f"{i}/{shards}", "-o", str(d / "tables"),
             "--table-format", table_format], d)
    t_extract = time.time() - t0
    ref = {}
    for fmt in ("json", "human"):
        ref[fmt] = run([bin_, "check", *common, str(reports), "--format", fmt], d).stdout
        got = run([bin_, "combine", *common, str(d / "tables"), "--format", fmt], d).stdout
        if got != ref[fmt]:
            raise SystemExit(f"{name}: combine differs from check ({fmt})")
    import json

    n = len(json.loads(ref["json"])["findings"])
    print(f"{name}: {n} findings; extract in {shards} shards {t_extract:.1f} s; combine = check")
    for engine in engines:
        dialect, rows_of = ENGINES[engine]
        sql = run([bin_, "sql", *common, "--dialect", dialect, "--facts", str(d / "tables" / f"facts-*.{table_format}")], d).stdout.decode()
        out = d / f"rows-{engine}" if engine == "spark" else d / f"rows-{engine}.json"
        t0 = time.time()
        rows_of(sql, out)
        took = time.time() - t0
        for fmt in ("json", "human"):
            got = run([bin_, "combine", *common, str(d / "tables"), "--rows", str(out), "--format", fmt], d).stdout
            if got != ref[fmt]:
                a, b = d / f"check.{fmt}", d / f"{engine}.{fmt}"
                a.write_bytes(ref[fmt])
                b.write_bytes(got)
                raise SystemExit(f"{name}: the findings of {engine}'s rows differ from check's ({fmt}): diff {a} {b}")
        print(f"  {engine}: query {took:.1f} s; its rows give check's findings")
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engines", default="duckdb,spark")
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=200)
    ap.add_argument("--work", default=None)
    ap.add_argument("--parquet", action="store_true", help="also with Parquet tables (the parquet feature)")
    a = ap.parse_args()
    engines = [e for e in a.engines.split(",") if e]
    features = ["--features", "parquet"] if a.parquet else []
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", *features], cwd=REPO, check=True)
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "--example", "gen_corpus"], cwd=REPO, check=True)
    bin_ = str(REPO / "target/release/factlint")
    gen = str(REPO / "target/release/examples/gen_corpus")
    work = Path(a.work) if a.work else Path(tempfile.mkdtemp(prefix="factlint-sql-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        news = REPO / "tests/news"
        for name in sorted(p.stem for p in news.glob("*.rules")):
            corpus(bin_, work, name, news / f"{name}.rules", news / name, 3, engines)
        corpus(bin_, work, "demo", REPO / "rules/demo.rules", REPO / "rules/demo", 2, engines)
        # The fixtures of each kind of finding and each trap (hedges, a tie,
        # another edition, a known fact, two values in one report …).
        for case in sorted((REPO / "tests/checks").iterdir()):
            if (case / "rules.rules").is_file():
                corpus(bin_, work, f"checks/{case.name}", case / "rules.rules", case, 2, engines)
        seeds = REPO.parent / "shared/corpus/seeds"
        if seeds.is_dir():
            corpus(bin_, work, "seeds", REPO / "rules/seeds.rules", seeds, 2, engines)
        gen_dir = work / "generated"
        if not gen_dir.exists():
            run([gen, "synthetic", str(gen_dir), "--reports", str(a.reports), "--events", str(a.events)], REPO, ok=(0,))
        corpus(bin_, work, f"generated-{a.reports}", gen_dir / "corpus.rules", gen_dir / "reports", 4, engines)
        if a.parquet:
            corpus(bin_, work, "demo-parquet", REPO / "rules/demo.rules", REPO / "rules/demo", 2, engines, "parquet")
            corpus(bin_, work, f"generated-{a.reports}-parquet", gen_dir / "corpus.rules", gen_dir / "reports", 4,
                   engines, "parquet")
    finally:
        if SPARK is not None:
            SPARK.stop()
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
