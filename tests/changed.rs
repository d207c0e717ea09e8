//! A report edited or removed between being checked and being quoted is
//! said (FL310) and never quoted at the old places with the new words.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::sync::Mutex;

use factlint::run::{Loader, Problem};
use factlint::source::{self, InputProblem, SourceFile};

/// Serves each report's first version, then (from the second read on)
/// another text, or nothing.
struct Editing {
    versions: Vec<(String, Option<String>)>,
    reads: Mutex<Vec<usize>>,
}

impl Loader for Editing {
    type Input = usize;
    fn load(&self, i: &usize) -> Result<SourceFile, Problem> {
        let n = {
            let mut reads = self.reads.lock().unwrap();
            reads[*i] += 1;
            reads[*i]
        };
        let (first, later) = &self.versions[*i];
        let text = if n == 1 { Some(first) } else { later.as_ref() };
        let name = format!("r{i}.txt");
        match text {
            Some(t) => Ok(source::load(0, &name, t.as_bytes(), 1 << 20).unwrap()),
            None => Err(Problem {
                report: name,
                problem: InputProblem::Unreadable {
                    reason: "gone".into(),
                },
                text: None,
            }),
        }
    }
}

#[test]
fn a_report_changed_before_quoting_is_not_quoted() {
    let rules = factlint::rules::load(&factlint::rules::RuleSource::new(
        "demo.rules",
        std::fs::read_to_string(common::repo().join("rules/demo.rules")).unwrap(),
    ))
    .unwrap();
    let demo =
        |n: &str| std::fs::read_to_string(common::repo().join("rules/demo").join(n)).unwrap();
    let vienna = demo("ar-vienna.txt");
    let edited = vienna.replace("فيينا", "موسكو");
    let loader = Editing {
        versions: vec![
            (demo("ar-moscow-1.txt"), Some(demo("ar-moscow-1.txt"))),
            (vienna, Some(edited)),
            (demo("en-moscow.txt"), None),
        ],
        reads: Mutex::new(vec![0; 3]),
    };
    let mut out = factlint::run::check(&rules, &loader, &[0, 1, 2], None, &|| {});
    assert!(out.findings.iter().any(|f| f.rule == "agree.meeting.venue"));
    out.reload_quoted(&loader, &[0, 1, 2], 10);
    let changed: Vec<&str> = out
        .problems
        .iter()
        .filter(|p| p.problem == InputProblem::Changed)
        .map(|p| p.report.as_str())
        .collect();
    assert_eq!(changed, ["r1.txt", "r2.txt"]);
    // The unchanged report is quoted; the changed ones are not.
    assert!(!out.sources[0].text.is_empty());
    assert!(out.sources[1].text.is_empty() && out.sources[2].text.is_empty());
}
