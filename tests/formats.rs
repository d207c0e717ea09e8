//! Every output format on the same case (the demo reports), as snapshots;
//! SARIF validated against the 2.1.0 schema; GitHub annotations escaped and
//! capped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::process::{Command, Output};

fn factlint(args: &[&str], dir: &std::path::Path, envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factlint"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn demo(format: &str) -> String {
    let o = factlint(
        &[
            "check",
            "--isolated",
            "--rules",
            "rules/demo.rules",
            "rules/demo",
            "--format",
            format,
        ],
        &common::repo(),
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn every_format_on_the_demo_reports() {
    let jsonl = demo("jsonl");
    assert_eq!(jsonl.lines().count(), 8);
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["schema_version"], 1);
    }
    let sarif = demo("sarif");
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    // Report URIs are relative to the repository root, which is named once.
    let root = std::fs::canonicalize(common::repo()).unwrap();
    let root_uri = format!("file://{}/", root.display());
    assert_eq!(
        v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        root_uri.as_str()
    );
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
    let sarif = sarif.replace(&root_uri, "file:///REPO/");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 8);
    assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
    for r in results {
        assert!(r["partialFingerprints"]["factlintFinding/v1"].is_string());
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("rules/demo/"), "{uri}");
    }
    let venue = results
        .iter()
        .find(|r| r["ruleId"] == "agree.meeting.venue")
        .unwrap();
    assert_eq!(venue["relatedLocations"].as_array().unwrap().len(), 4);
    let junit = demo("junit");
    assert!(junit.contains("<testsuite name=\"rules/demo.rules\""));
    assert_eq!(junit.matches("<failure").count(), 8);
    assert!(junit.contains("<testcase name=\"reading reports\""));
    let github = demo("github");
    assert_eq!(
        github.lines().filter(|l| l.starts_with("::error ")).count(),
        7
    );
    assert_eq!(
        github
            .lines()
            .filter(|l| l.starts_with("::warning "))
            .count(),
        1
    );
    let html = demo("html");
    assert_eq!(html.matches("<article class=\"finding").count(), 8);
    common::with_snapshots(|| {
        insta::assert_snapshot!("demo-html", html);
        insta::assert_snapshot!("demo-jsonl", jsonl);
        insta::assert_snapshot!("demo-sarif", sarif);
        insta::assert_snapshot!("demo-junit", junit);
        insta::assert_snapshot!("demo-github", github);
    });
}

#[test]
fn sarif_fingerprints_do_not_change_when_a_report_is_reflowed() {
    let dir = tempdir("reflow");
    std::fs::copy(
        common::repo().join("rules/demo.rules"),
        dir.join("demo.rules"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("r")).unwrap();
    for e in std::fs::read_dir(common::repo().join("rules/demo")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join("r").join(p.file_name().unwrap())).unwrap();
    }
    let run = || {
        let o = factlint(
            &[
                "check",
                "--isolated",
                "-r",
                "demo.rules",
                "r",
                "--format",
                "sarif",
            ],
            &dir,
            &[],
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["factlintFinding/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    let before = run();
    // Blank lines and a new first paragraph move every line of the report.
    let p = dir.join("r/ar-vienna.txt");
    let text = std::fs::read_to_string(&p).unwrap();
    let (head, body) = text.split_at(text.find("\n---\n").unwrap() + 5);
    std::fs::write(&p, format!("{head}\n\nمقدمة قصيرة.\n\n{body}")).unwrap();
    assert_eq!(before, run());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[ignore = "needs ../shared"]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::shared().join("schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let instance: serde_json::Value = serde_json::from_str(&demo("sarif")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The seed reports too.
    let o = factlint(
        &[
            "check",
            "--isolated",
            "-r",
            "rules/seeds.rules",
            "../shared/corpus/seeds",
            "--format",
            "sarif",
        ],
        &common::repo(),
        &[],
    );
    let instance: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(validator.is_valid(&instance));
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("factlint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn github_annotations_are_escaped_capped_and_summarised() {
    let dir = tempdir("github");
    std::fs::write(dir.join("w.rules"), "check weekdays\n").unwrap();
    std::fs::create_dir_all(dir.join("r")).unwrap();
    for i in 0..12 {
        std::fs::write(
            dir.join("r").join(format!("{i:02}.txt")),
            format!("Report {i}: 50% said the forum opened on Monday, May 27, 2025.\n"),
        )
        .unwrap();
    }
    let summary = dir.join("summary.md");
    let o = factlint(
        &[
            "check",
            "--isolated",
            "-r",
            "w.rules",
            "r",
            "--format",
            "github",
        ],
        &dir,
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    assert!(out.contains("::notice title=factlint::2 more findings"));
    assert!(
        out.contains("title=weekday-mismatch%3A 2025-05-27 was a Tuesday%2C not a Monday"),
        "{out}"
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(
        md.matches("| error | weekday\\-mismatch |").count(),
        12,
        "{md}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_step_summary_stays_under_githubs_limit() {
    let dir = std::env::temp_dir().join(format!("factlint-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // 15,000 wrong weekdays: far more rows than 1 MiB holds.
    let lines: String = (0..15_000)
        .map(|i| format!("The meeting opened on Monday, May 27, 2025 in hall {i}.\n"))
        .collect();
    std::fs::write(dir.join("many.txt"), lines).unwrap();
    let summary = dir.join("summary.md");
    let rules = common::repo().join("rules/demo.rules");
    let o = factlint(
        &[
            "check",
            "--isolated",
            "-r",
            rules.to_str().unwrap(),
            "many.txt",
            "--format",
            "github",
        ],
        &dir,
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(1));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.len() < 1024 * 1024, "{} bytes", md.len());
    assert!(
        md.contains("more findings are not listed"),
        "{}",
        &md[md.len() - 300..]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The Jenkins/xunit schema, fetched by `.ci/run` (it ships in pytest's
/// source distribution) into `target/junit-10.xsd`.
#[test]
#[ignore = "needs target/junit-10.xsd and xmllint (.ci/run fetches them)"]
fn junit_validates_against_junit_10_xsd() {
    let xsd = common::repo().join("target/junit-10.xsd");
    assert!(xsd.exists(), "run .ci/run, which fetches {}", xsd.display());
    let dir = std::env::temp_dir().join(format!("factlint-junit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Passing, failing and an unreadable input.
    for (name, inputs) in [
        ("all", vec!["rules/demo"]),
        ("one", vec!["rules/demo/fr-moscou.txt"]),
        ("unread", vec!["rules/demo", "missing.txt"]),
    ] {
        let mut args = vec![
            "check",
            "--isolated",
            "-r",
            "rules/demo.rules",
            "--format",
            "junit",
        ];
        args.extend(inputs);
        let o = factlint(&args, &common::repo(), &[]);
        let file = dir.join(format!("{name}.xml"));
        std::fs::write(&file, &o.stdout).unwrap();
        let v = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&xsd)
            .arg(&file)
            .output()
            .expect("xmllint (apt-get install libxml2-utils)");
        assert!(
            v.status.success(),
            "{name}: {}\n{}",
            String::from_utf8_lossy(&v.stderr),
            String::from_utf8_lossy(&o.stdout)
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
