//! Cases of `factlint check`, each a folder under `tests/checks/` with a
//! rule file stating on its first line the rule ids it must produce
//! (`# expect: none` for a case that must stay quiet) and its reports. The
//! harness checks the ids first, then snapshots the human output (no
//! colour) beside the inputs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use factlint::output::{self, Context};
use factlint::render::{Renderer, Style};
use factlint::rules::{self, RuleSource};
use factlint::source;

fn run_case(dir: &std::path::Path) -> (Vec<String>, Vec<String>, String, String) {
    let case = dir.file_name().unwrap().to_string_lossy().to_string();
    let rules_path = dir.join("rules.rules");
    let rules_text = std::fs::read_to_string(&rules_path).unwrap();
    let want: Vec<String> = common::stated_codes(&rules_text, "# expect:")
        .into_iter()
        .filter(|c| c != "none")
        .collect();
    let set = rules::load(&RuleSource::new(
        format!("tests/checks/{case}/rules.rules"),
        rules_text.as_str(),
    ))
    .unwrap_or_else(|e| {
        panic!(
            "{case}: rule file errors: {}",
            e.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    });
    let mut sources = Vec::new();
    let mut inputs = format!("----- RULES tests/checks/{case}/rules.rules\n{rules_text}");
    for path in common::files_with_ext(dir, "txt") {
        let name = format!(
            "tests/checks/{case}/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let bytes = std::fs::read(&path).unwrap();
        inputs.push_str(&format!(
            "----- REPORT {name}\n{}",
            String::from_utf8_lossy(&bytes)
        ));
        sources.push(source::load(&name, &bytes, source::DEFAULT_MAX_SIZE).unwrap());
    }
    let run = factlint::run::check_loaded(&set, &sources);
    let mut got: Vec<String> = run.findings.iter().map(|f| f.rule.clone()).collect();
    got.sort();
    got.dedup();
    let mut ctx = Context::new(&set, &run.sources, &run.findings, &[]);
    ctx.set_apart = run.set_apart.clone();
    ctx.timelines = run.timelines.clone();
    let human = output::human::render(&ctx, &Renderer::new(Style::plain()), false);
    (want, got, inputs, human)
}

#[test]
fn check_cases_produce_their_stated_rule_ids() {
    let root = common::repo().join("tests/checks");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 15);
    let mut failures = Vec::new();
    for dir in &dirs {
        let (want, got, _, human) = run_case(dir);
        if want != got {
            failures.push(format!(
                "{}: want {want:?}, got {got:?}\n{human}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for dir in &dirs {
        let (_, _, inputs, human) = run_case(dir);
        let case = dir.file_name().unwrap().to_string_lossy().to_string();
        common::with_snapshots(|| {
            insta::assert_snapshot!(
                format!("check-{case}"),
                format!("{inputs}----- OUTPUT\n{human}")
            );
        });
    }
}
