//! The `factlint` binary end to end: exit codes, outputs, the demo reports,
//! and (with ../shared) the seed reports.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::process::Output;

fn factlint(args: &[&str]) -> Output {
    common::factlint_in(&common::repo(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

use common::rule_ids;

#[test]
fn demo_reports_show_every_kind_of_conflict() {
    let human = factlint(&["check", "--rules", "rules/demo.rules", "rules/demo"]);
    assert_eq!(
        human.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&human.stderr)
    );
    let json_out = factlint(&[
        "check",
        "--rules",
        "rules/demo.rules",
        "rules/demo",
        "--format",
        "json",
    ]);
    assert_eq!(json_out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&json_out)).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(
        rule_ids(&json),
        [
            "agree.meeting.countries",
            "agree.meeting.dates",
            "agree.meeting.ordinal",
            "agree.meeting.venue",
            "breakdown-mismatch",
            "check.count-nationality-le-count-foreigner",
            "check.sum-percent-le-100",
            "weekday-mismatch"
        ]
    );
    common::with_snapshots(|| {
        insta::assert_snapshot!("demo-human", stdout(&human));
        insta::assert_snapshot!("demo-json", stdout(&json_out));
    });
}

#[test]
#[ignore = "needs ../shared"]
fn seed_reports_show_exactly_the_venue_and_ordinal_conflicts() {
    let seeds = "../shared/corpus/seeds";
    let human = factlint(&["check", "--rules", "rules/seeds.rules", seeds]);
    assert_eq!(human.status.code(), Some(1));
    let json_out = factlint(&[
        "check",
        "--rules",
        "rules/seeds.rules",
        seeds,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json_out)).unwrap();
    assert_eq!(
        rule_ids(&json),
        ["agree.meeting.ordinal", "agree.meeting.venue"]
    );
    for f in json["findings"].as_array().unwrap() {
        let sides = f["sides"].as_array().unwrap();
        assert_eq!(sides.len(), 2);
        let majority = &sides[0];
        let minority = &sides[1];
        assert_eq!(majority["majority"], true);
        assert_eq!(
            majority["reports"],
            serde_json::json!(["000", "001", "003"])
        );
        assert_eq!(minority["reports"], serde_json::json!(["002"]));
        let expected_minority = if f["rule"] == "agree.meeting.venue" {
            "Vienna"
        } else {
            "22nd"
        };
        assert_eq!(minority["value"], expected_minority);
        let notes: Vec<&str> = f["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert!(
            notes
                .iter()
                .any(|n| n.contains("may describe another meeting")),
            "{notes:?}"
        );
        // 004 states nothing: it is listed as silent, never a side.
        assert!(
            f["silent"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s.as_str().unwrap().contains("004_"))
        );
    }
    common::with_snapshots(|| {
        insta::assert_snapshot!("seeds-human", stdout(&human));
        insta::assert_snapshot!("seeds-json", stdout(&json_out));
    });
}

#[test]
fn exit_codes_say_what_happened() {
    // 0: no finding at or above --fail-on
    let o = factlint(&[
        "check",
        "--rules",
        "rules/demo.rules",
        "rules/demo",
        "--fail-on",
        "never",
    ]);
    assert_eq!(o.status.code(), Some(0));
    // 2: a rule file with errors
    let o = factlint(&[
        "check",
        "--rules",
        "tests/rules/broken/11-unknown-name.rules",
        "rules/demo",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("FL201"));
    // 2: a report that cannot be read; the others are still checked
    let o = factlint(&[
        "check",
        "--rules",
        "rules/demo.rules",
        "rules/demo",
        "no/such/report.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("FL300"));
    assert!(stdout(&o).contains("agree.meeting.venue"));
    // 2: a bad flag
    let o = factlint(&[
        "check",
        "--rules",
        "rules/demo.rules",
        "--format",
        "yaml",
        "rules/demo",
    ]);
    assert_eq!(o.status.code(), Some(2));
    // rules check: 0 and silent when clean, 2 on errors
    let o = factlint(&["rules", "check", "rules/demo.rules", "rules/seeds.rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    let o = factlint(&[
        "rules",
        "check",
        "tests/rules/broken/30-many-errors-one-file.rules",
    ]);
    assert_eq!(o.status.code(), Some(2));
    // explain
    let o = factlint(&["explain", "FL207"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("two entries claim the same alias"));
    let o = factlint(&["explain", "FL999"]);
    assert_eq!(o.status.code(), Some(2));
    // A bare number is the code; a near miss is suggested.
    let o = factlint(&["explain", "207"]);
    assert!(
        stdout(&o).starts_with("FL207: two entries"),
        "{}",
        stdout(&o)
    );
    let o = factlint(&["explain", "FL2O7"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `FL207`"));
    // Rule ids: by their kind, or the rule itself with --rules.
    let o = factlint(&["explain", "weekday-mismatch"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("weekday"));
    let o = factlint(&["explain", "agree.meeting.venue", "-r", "rules/demo.rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("agree meeting.venue"), "{}", stdout(&o));
    let o = factlint(&["explain", "agree.meeting.colour", "-r", "rules/demo.rules"]);
    assert_eq!(o.status.code(), Some(2));
    // fmt --check on files already in the canonical layout
    let o = factlint(&[
        "rules",
        "fmt",
        "--check",
        "rules/demo.rules",
        "rules/seeds.rules",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn fmt_rewrites_a_copy_and_keeps_comments() {
    let dir = std::env::temp_dir().join(format!("factlint-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("x.rules");
    std::fs::write(
        &path,
        "# head\ncity   Moscow=\"موسكو\"|\"Moscow\"   # trailing\nagree  m.v\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = factlint(&["rules", "fmt", "--check", p]);
    assert_eq!(o.status.code(), Some(1));
    let o = factlint(&["rules", "fmt", p]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "# head\ncity Moscow = \"موسكو\" | \"Moscow\"  # trailing\nagree m.v\n"
    );
    let o = factlint(&["rules", "fmt", "--check", p]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn output_to_a_device_or_a_link_keeps_it_what_it_is() {
    use std::os::unix::fs::FileTypeExt;
    // A device is written to, never replaced by a file.
    let o = factlint(&[
        "check",
        "-r",
        "rules/demo.rules",
        "rules/demo",
        "--fail-on",
        "never",
        "-o",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device(),
        "/dev/null was replaced"
    );
    // A link stays a link; the file it points to gets the report.
    let dir = std::env::temp_dir().join(format!("factlint-link-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("report.json");
    let link = dir.join("latest.json");
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = factlint(&[
        "check",
        "-r",
        "rules/demo.rules",
        "rules/demo",
        "--format",
        "json",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("schema_version")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn same_bytes_with_one_thread_or_several() {
    let one = factlint(&[
        "check",
        "-r",
        "rules/demo.rules",
        "rules/demo",
        "--format",
        "json",
        "-j",
        "1",
    ]);
    let four = factlint(&[
        "check",
        "-r",
        "rules/demo.rules",
        "rules/demo",
        "--format",
        "json",
        "-j",
        "4",
    ]);
    assert_eq!(one.stdout, four.stdout);
    assert!(!one.stdout.is_empty());
}

#[test]
fn explain_shows_how_each_value_was_found() {
    let o = factlint(&[
        "check",
        "--rules",
        "rules/demo.rules",
        "rules/demo",
        "--explain",
    ]);
    let out = stdout(&o);
    assert!(out.contains("via alias «فيينا»"), "{out}");
    assert!(
        out.contains("nearest to «الاجتماع»") && out.contains("within its document"),
        "{out}"
    );
    assert!(out.contains("via ordinal words"), "{out}");
}

#[test]
fn claims_lists_built_in_kinds_without_rules() {
    let o = factlint(&["claims", "rules/demo/fr-moscou.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let kinds: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        kinds.contains(&"ordinal".to_string()) && kinds.contains(&"date".to_string()),
        "{kinds:?}"
    );
}

#[test]
fn explain_and_claims_say_what_furniture_was_skipped() {
    let o = factlint(&[
        "check",
        "--rules",
        "tests/news/meeting.rules",
        "tests/news/meeting",
        "--explain",
        "--color",
        "never",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("skipped tests/news/meeting/m1-ar.txt:11: a counter of comments, shares or views «تعليقات 3»"),
        "{out}"
    );
    assert!(
        out.contains("skipped tests/news/meeting/m4-en.txt:10: a \"read also\" block: other stories «Twelfth meeting closes in Vienna»"),
        "{out}"
    );
    let o = factlint(&[
        "claims",
        "--rules",
        "tests/news/meeting.rules",
        "tests/news/meeting/m7-fr.txt",
    ]);
    let skipped: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["kind"] == "skipped")
        .collect();
    let reasons: Vec<&str> = skipped.iter().filter_map(|v| v["value"].as_str()).collect();
    assert_eq!(reasons, ["byline", "read_also", "read_also"], "{skipped:?}");
}

#[test]
fn man_pages_exist_for_every_command_the_main_page_names() {
    let dir = std::env::temp_dir().join(format!("factlint-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = factlint(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let main = std::fs::read_to_string(dir.join("factlint.1")).unwrap();
    for sub in [
        "check", "baseline", "review", "claims", "rules", "explain", "test",
    ] {
        let page = dir.join(format!("factlint-{sub}.1"));
        assert!(main.contains(&format!("factlint\\-{sub}(1)")), "{sub}");
        let text = std::fs::read_to_string(&page).unwrap();
        for section in ["EXIT STATUS", "FILES", "ENVIRONMENT"] {
            assert!(text.contains(section), "{sub}: {section}");
        }
    }
    assert!(dir.join("factlint-rules-fmt.1").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn quiet_statistics_and_rule_selection() {
    let base = [
        "check",
        "--isolated",
        "-r",
        "rules/demo.rules",
        "rules/demo",
    ];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        factlint(&args)
    };
    let all = stdout(&run(&[]));
    let quiet = run(&["--quiet"]);
    assert_eq!(quiet.status.code(), Some(1));
    let q = stdout(&quiet);
    assert!(!q.contains("checked against"), "{q}");
    assert_eq!(q.matches("error[").count(), all.matches("error[").count());
    let stats = stdout(&run(&["--statistics"]));
    assert!(
        stats
            .lines()
            .any(|l| l.trim_start().starts_with("1  agree.meeting.venue")),
        "{stats}"
    );
    assert!(!stats.contains("╭─"), "{stats}");
    // --select with a glob, --ignore after it.
    let o = run(&[
        "--select",
        "agree.*",
        "--ignore",
        "agree.meeting.venue",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        common::rule_ids(&v),
        [
            "agree.meeting.countries",
            "agree.meeting.dates",
            "agree.meeting.ordinal"
        ]
    );
    // A pattern that matches no rule is a typo, not a silent narrower run.
    let o = run(&["--select", "agree.meeting.vneue"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("FL413") && err.contains("did you mean `agree.meeting.venue`"),
        "{err}"
    );
}
