//! The catalogue of broken rule files: each states the codes it must
//! produce; the harness checks the codes first, then snapshots the rendered
//! diagnostics (no colour) beside the source.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use factlint::render::{Renderer, Style};
use factlint::rules::{self, RuleSource};

#[test]
fn broken_rule_files_report_their_stated_codes() {
    let dir = common::repo().join("tests/rules/broken");
    let files = common::files_with_ext(&dir, "rules");
    assert!(files.len() >= 25, "the catalogue has {} files", files.len());
    let renderer = Renderer::new(Style::plain());
    for path in files {
        let name = format!(
            "tests/rules/broken/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let bytes = std::fs::read(&path).unwrap();
        let src = RuleSource::from_bytes(&name, &bytes).unwrap();
        let want = common::stated_codes(&src.text, "# expect:");
        assert!(!want.is_empty(), "{name} states no codes");
        let errors = rules::load(&src).expect_err(&name);
        let mut got: Vec<String> = errors.iter().map(|e| e.code()).collect();
        got.sort();
        assert_eq!(got, want, "codes of {name}");
        let rendered: String = errors.iter().map(|e| renderer.render(e) + "\n").collect();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        common::with_snapshots(|| {
            insta::assert_snapshot!(
                format!("rules-broken-{stem}"),
                format!(
                    "----- SOURCE {name}\n{}\n----- ERRORS\n{rendered}",
                    src.text
                )
            );
        });
    }
}

#[test]
fn a_rule_file_that_is_not_utf8_is_fl101() {
    let err = RuleSource::from_bytes("latin1.rules", b"city Caf\xe9 = \"x\"\n").unwrap_err();
    assert_eq!(err.code(), "FL101");
    assert!(err.to_string().contains("offset 8"), "{err}");
}

#[test]
fn the_project_rule_files_check_clean() {
    for path in common::files_with_ext(&common::repo().join("rules"), "rules") {
        let bytes = std::fs::read(&path).unwrap();
        let src = RuleSource::from_bytes(&path.display().to_string(), &bytes).unwrap();
        if let Err(errors) = rules::load(&src) {
            let r = Renderer::new(Style::plain());
            let text: String = errors.iter().map(|e| r.render(e)).collect();
            panic!("{} has errors:\n{text}", path.display());
        }
    }
}

#[test]
fn hostile_nesting_is_refused_without_overflow() {
    let deep = format!(
        "check {}1{} <= 2\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let errors = rules::load(&RuleSource::new("deep.rules", deep)).unwrap_err();
    assert_eq!(
        errors.iter().map(|e| e.code()).collect::<Vec<_>>(),
        ["FL105"]
    );
    // A flat chain within the operand limit is fine; past it, FL105.
    let flat = format!("check {} <= 2\n", vec!["1"; 200].join(" + "));
    rules::load(&RuleSource::new("flat.rules", flat)).unwrap();
    let long = format!("check {} <= 2\n", vec!["1"; 50_000].join(" + "));
    let errors = rules::load(&RuleSource::new("long.rules", long)).unwrap_err();
    assert_eq!(
        errors.iter().map(|e| e.code()).collect::<Vec<_>>(),
        ["FL105"]
    );
}

/// The news corpus's rule files use every construct (exclude, stages,
/// changing, check series, org): they stay in the canonical layout, and
/// formatting keeps their meaning.
#[test]
fn news_rule_files_are_canonical() {
    for path in common::files_with_ext(&common::repo().join("tests/news"), "rules") {
        let text = std::fs::read_to_string(&path).unwrap();
        let src = factlint::rules::RuleSource::new(path.display().to_string(), text.as_str());
        let (file, errors) = factlint::rules::parser::parse(&src);
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        let formatted = factlint::rules::fmt::format(&file, &src.text);
        assert!(
            factlint::rules::fmt::same_meaning(&src, &formatted),
            "{}",
            path.display()
        );
        assert_eq!(formatted, text, "{} is not canonical", path.display());
    }
}
