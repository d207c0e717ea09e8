//! Summary tables: `factlint extract` in shards, then `factlint combine`,
//! gives what one `check` gives, byte for byte, in every format; with the
//! reports moved away, from the lines the tables keep. Tables that do not
//! make one run are refused with their codes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

const FORMATS: [&str; 7] = ["human", "json", "sarif", "html", "junit", "github", "jsonl"];

/// A fresh folder with `reports/` copied from `from` and the rule file.
fn scratch(name: &str, rules: &Path, from: &Path) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factlint-tables-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    std::fs::copy(rules, dir.join("corpus.rules")).unwrap();
    for p in common::files_with_ext(from, "txt") {
        std::fs::copy(&p, dir.join("reports").join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    common::factlint_in(dir, args)
}

fn extract(dir: &Path, shards: u32, out: &str) {
    extract_as(dir, shards, out, "jsonl");
}

fn extract_as(dir: &Path, shards: u32, out: &str, format: &str) {
    for i in 1..=shards {
        let shard = format!("{i}/{shards}");
        let o = run(
            dir,
            &[
                "extract",
                "--isolated",
                "-r",
                "corpus.rules",
                "reports",
                "--shard",
                &shard,
                "-o",
                out,
                "--table-format",
                format,
            ],
        );
        assert!(
            matches!(o.status.code(), Some(0 | 2)),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

/// `check` and `combine` over `shards` shards agree on every format, with
/// the reports where they were and moved away.
fn same_as_check(name: &str, rules: &Path, reports: &Path, shards: u32) {
    same_as_check_as(name, rules, reports, shards, "jsonl");
}

/// `factlint COMMAND` on `input` (reports or tables) in format `f`, with
/// `--explain`.
fn in_format(dir: &Path, command: &str, input: &str, f: &str) -> Output {
    let args = [
        "--isolated",
        "-r",
        "corpus.rules",
        input,
        "--format",
        f,
        "--explain",
    ];
    let mut all = vec![command];
    all.extend_from_slice(&args);
    run(dir, &all)
}

fn same_as_check_as(name: &str, rules: &Path, reports: &Path, shards: u32, format: &str) {
    let dir = scratch(name, rules, reports);
    extract_as(&dir, shards, "tables", format);
    let checked: Vec<Output> = FORMATS
        .iter()
        .map(|f| in_format(&dir, "check", "reports", f))
        .collect();
    let compare = |how: &str| {
        for (f, c) in FORMATS.iter().zip(&checked) {
            let t = in_format(&dir, "combine", "tables", f);
            assert_eq!(
                c.status.code(),
                t.status.code(),
                "{name} {f} {how}: exit codes"
            );
            assert_eq!(
                String::from_utf8_lossy(&c.stdout),
                String::from_utf8_lossy(&t.stdout),
                "{name} {f}: combine {how} differs from check"
            );
            assert_eq!(
                String::from_utf8_lossy(&c.stderr),
                String::from_utf8_lossy(&t.stderr),
                "{name} {f} {how}"
            );
        }
    };
    compare("with the reports");
    // Reports gone: quoted from the tables' lines.
    std::fs::rename(dir.join("reports"), dir.join("gone")).unwrap();
    compare("without the reports");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shards_combined_are_one_check_on_the_news_corpora() {
    let news = common::repo().join("tests/news");
    for (name, shards) in [
        ("meeting", 3),
        ("final", 2),
        ("quake", 4),
        ("toll", 3),
        ("forum", 5),
        ("talks", 3),
    ] {
        same_as_check(
            name,
            &news.join(format!("{name}.rules")),
            &news.join(name),
            shards,
        );
    }
}

#[test]
fn shards_combined_are_one_check_on_the_demo_with_unreadable_reports() {
    let repo = common::repo();
    let dir = scratch(
        "demo-bad",
        &repo.join("rules/demo.rules"),
        &repo.join("rules/demo"),
    );
    std::fs::write(dir.join("reports/zz-binary.txt"), b"\x00\x01\x02").unwrap();
    std::fs::write(dir.join("reports/empty.txt"), b"").unwrap();
    let from = dir.join("reports");
    same_as_check("demo", &repo.join("rules/demo.rules"), &from, 4);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[ignore = "needs ../shared"]
fn shards_combined_are_one_check_on_the_seeds() {
    let seeds = common::shared().join("corpus/seeds");
    same_as_check(
        "seeds",
        &common::repo().join("rules/seeds.rules"),
        &seeds,
        3,
    );
}

fn code_of(o: &Output) -> (Option<i32>, String) {
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn tables_that_do_not_make_one_run_are_refused() {
    let repo = common::repo();
    let dir = scratch(
        "refused",
        &repo.join("rules/demo.rules"),
        &repo.join("rules/demo"),
    );
    extract(&dir, 3, "t");
    let combine = |args: &[&str]| {
        let mut all = vec!["combine", "--isolated", "-r", "corpus.rules"];
        all.extend_from_slice(args);
        code_of(&run(&dir, &all))
    };
    // A shard missing.
    let (code, err) = combine(&["t/summaries-1-of-3.jsonl", "t/summaries-3-of-3.jsonl"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("FL420") && err.contains("shard 2/3 of the run is missing"),
        "{err}"
    );
    // A shard twice.
    std::fs::create_dir_all(dir.join("again")).unwrap();
    std::fs::copy(
        dir.join("t/summaries-2-of-3.jsonl"),
        dir.join("again/summaries-2-of-3.jsonl"),
    )
    .unwrap();
    let (code, err) = combine(&["t", "again"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("FL420") && err.contains("shard 2/3 is given twice"),
        "{err}"
    );
    // Shards of another split.
    extract(&dir, 2, "two");
    let (code, err) = combine(&["t/summaries-1-of-3.jsonl", "two/summaries-2-of-2.jsonl"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("FL420") && err.contains("different runs"),
        "{err}"
    );
    // Another rule file.
    let mut rules = std::fs::read_to_string(dir.join("corpus.rules")).unwrap();
    rules.push_str("\n# edited\n");
    std::fs::write(dir.join("edited.rules"), &rules).unwrap();
    let (code, err) = code_of(&run(
        &dir,
        &["combine", "--isolated", "-r", "edited.rules", "t"],
    ));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("FL420") && err.contains("another rule file"),
        "{err}"
    );
    // Other rules selected.
    let (code, err) = combine(&["t", "--select", "weekday-mismatch"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("FL420") && err.contains("other rules selected"),
        "{err}"
    );
    // A newer major version.
    let table = std::fs::read_to_string(dir.join("t/summaries-1-of-3.jsonl")).unwrap();
    std::fs::create_dir_all(dir.join("newer")).unwrap();
    std::fs::write(
        dir.join("newer/summaries-1-of-1.jsonl"),
        table.replacen("\"version\":\"1.0\"", "\"version\":\"2.0\"", 1),
    )
    .unwrap();
    let (code, err) = combine(&["newer"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("FL419") && err.contains("version 2.0"),
        "{err}"
    );
    // A newer minor version is read (it only adds fields).
    let minor = table.replacen(
        "\"version\":\"1.0\"",
        "\"version\":\"1.7\",\"later\":true",
        1,
    );
    std::fs::write(dir.join("t/summaries-1-of-3.jsonl"), &minor).unwrap();
    let (code, err) = combine(&["t"]);
    assert_eq!(code, Some(1), "{err}");
    // A row cut short: said with its line.
    let mut lines = table.lines();
    let head = lines.next().unwrap();
    let row = lines.next().unwrap();
    let cut = format!("{head}\n{}\n", &row[..row.len() / 2]);
    std::fs::write(dir.join("t/summaries-1-of-3.jsonl"), cut).unwrap();
    let (code, err) = combine(&["t"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("FL418") && err.contains("line 2"), "{err}");
    // Not a table at all.
    std::fs::write(dir.join("t/summaries-1-of-3.jsonl"), "{\"findings\":[]}\n").unwrap();
    let (code, err) = combine(&["t"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("FL418") && err.contains("header"), "{err}");
    let (code, err) = combine(&["nowhere"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("FL418"), "{err}");
    // A shard that is not I/N.
    for bad in ["0/3", "4/3", "x"] {
        let (code, err) = code_of(&run(
            &dir,
            &[
                "extract",
                "--isolated",
                "-r",
                "corpus.rules",
                "reports",
                "--shard",
                bad,
                "-o",
                "t",
            ],
        ));
        assert_eq!(code, Some(2), "{bad}: {err}");
        assert!(err.contains("--shard"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_input_falls_in_one_shard_and_the_tables_say_so() {
    let repo = common::repo();
    let dir = scratch(
        "split",
        &repo.join("rules/demo.rules"),
        &repo.join("rules/demo"),
    );
    extract(&dir, 4, "t");
    let mut inputs = Vec::new();
    for i in 1..=4 {
        let text =
            std::fs::read_to_string(dir.join(format!("t/summaries-{i}-of-4.jsonl"))).unwrap();
        let mut lines = text.lines();
        let header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
        assert_eq!(header["table"], "factlint-summaries");
        assert_eq!(header["version"], "1.0");
        assert_eq!(header["shard"]["index"], i);
        assert_eq!(header["inputs"]["count"], 5);
        for l in lines {
            let row: serde_json::Value = serde_json::from_str(l).unwrap();
            inputs.push(row["input"].as_u64().unwrap());
            assert!(row["report"]["summary"]["facts"].is_object(), "{row}");
        }
    }
    inputs.sort_unstable();
    assert_eq!(inputs, [0, 1, 2, 3, 4]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rows_that_do_not_fit_the_tables_are_refused() {
    let repo = common::repo();
    let dir = scratch(
        "rows",
        &repo.join("rules/demo.rules"),
        &repo.join("rules/demo"),
    );
    extract(&dir, 1, "t");
    let combine_rows = |rows: &str| {
        std::fs::write(dir.join("rows.json"), rows).unwrap();
        run(
            &dir,
            &[
                "combine",
                "--isolated",
                "-r",
                "corpus.rules",
                "t",
                "--rows",
                "rows.json",
                "--format",
                "json",
            ],
        )
    };
    let row = |rule: &str, finding: &str, input: u32, inst: i32| {
        format!(
            "{{\"rule\":\"{rule}\",\"finding\":\"{finding}\",\"part\":-1,\"input\":{input},\"inst\":{inst}}}\n"
        )
    };
    for (rows, says) in [
        ("{not json\n".to_string(), "line 1"),
        (
            row("agree.nowhere.venue", "disagreement", 0, -1),
            "no rule `agree.nowhere.venue`",
        ),
        (
            row("agree.meeting.venue", "quarrel", 0, -1),
            "`quarrel` is no kind of finding",
        ),
        (
            row("agree.meeting.venue", "disagreement", 99, -1),
            "input 99 is no report",
        ),
        (
            row("agree.meeting.venue", "disagreement", 0, 77),
            "does not state",
        ),
    ] {
        let o = combine_rows(&rows);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{rows}: {err}");
        assert!(err.contains("FL421") && err.contains(says), "{rows}: {err}");
    }
    // No rows: the rules across reports find nothing; the rules inside one
    // report still do. The rows decide.
    let o = combine_rows("");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids = common::rule_ids(&json);
    assert!(
        !ids.is_empty() && ids.iter().all(|r| !r.starts_with("agree.")),
        "{ids:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_sql_of_a_rule_file_in_both_dialects() {
    let repo = common::repo();
    let sql = |dialect: &str| {
        let o = run(
            &repo,
            &[
                "sql",
                "--isolated",
                "-r",
                "tests/checks/expect-known-fact/rules.rules",
                "--dialect",
                dialect,
                "--facts",
                "t/facts-*.jsonl",
            ],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    };
    let (spark, duckdb) = (sql("spark"), sql("duckdb"));
    assert!(spark.starts_with("CREATE OR REPLACE TEMPORARY VIEW facts (fact STRING, input BIGINT"));
    assert!(
        duckdb.starts_with(
            "CREATE OR REPLACE TABLE facts AS SELECT * FROM read_json('t/facts-*.jsonl'"
        )
    );
    // The query itself is the same text in both.
    let query = |s: &str| s.rsplit_once(";\n-- The cross").unwrap().1.to_string();
    assert_eq!(query(&spark).replace("Spark SQL", "DuckDB"), query(&duckdb));
    let schema = run(&repo, &["sql", "--schema"]);
    let columns = String::from_utf8(schema.stdout).unwrap();
    assert!(
        columns.contains("span_end BIGINT") && columns.contains("authority_no BIGINT"),
        "{columns}"
    );
    common::with_snapshots(|| insta::assert_snapshot!("sql-expect-known-fact-duckdb", duckdb));
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_tables_combine_as_json_lines_do() {
    let news = common::repo().join("tests/news");
    for (name, shards) in [("meeting", 3), ("toll", 2), ("talks", 2)] {
        let label = format!("{name}-parquet");
        same_as_check_as(
            &label,
            &news.join(format!("{name}.rules")),
            &news.join(name),
            shards,
            "parquet",
        );
    }
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_is_said() {
    let repo = common::repo();
    let dir = scratch(
        "no-parquet",
        &repo.join("rules/demo.rules"),
        &repo.join("rules/demo"),
    );
    let o = run(
        &dir,
        &[
            "extract",
            "--isolated",
            "-r",
            "corpus.rules",
            "reports",
            "-o",
            "t",
            "--table-format",
            "parquet",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("FL422"), "{err}");
    // A Parquet file given to combine is said, not read as JSON.
    extract(&dir, 1, "t");
    std::fs::write(dir.join("t/summaries-1-of-1.jsonl"), b"PAR1\x15\x00").unwrap();
    let o = run(&dir, &["combine", "--isolated", "-r", "corpus.rules", "t"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("FL422") && err.contains("Parquet table"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
