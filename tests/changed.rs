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

use factlint::extract::stream::Opened;
use factlint::run::{Loader, Opening, Problem};
use factlint::source::{self, InputProblem, SourceFile};

/// Serves each report's first version, then (from the second read on)
/// another text, or nothing.
struct Editing {
    versions: Vec<(String, Option<String>)>,
    reads: Mutex<Vec<usize>>,
    /// Reports are opened to be read window by window (as long ones are).
    long: bool,
}

impl Editing {
    /// The text of this read of report `i`.
    fn text(&self, i: usize) -> Option<&String> {
        let n = {
            let mut reads = self.reads.lock().unwrap();
            reads[i] += 1;
            reads[i]
        };
        let (first, later) = &self.versions[i];
        if n == 1 { Some(first) } else { later.as_ref() }
    }
}

impl Loader for Editing {
    type Input = usize;

    fn open(&self, i: &usize) -> Result<Opening, Problem> {
        if !self.long {
            return self.load(i).map(Opening::Whole);
        }
        match self.text(*i) {
            Some(t) => Ok(Opening::Long(Opened {
                name: format!("r{i}.txt").into(),
                bytes: Box::new(std::io::Cursor::new(t.clone().into_bytes())),
                size: t.len() as u64,
            })),
            None => Err(gone(*i)),
        }
    }

    fn load(&self, i: &usize) -> Result<SourceFile, Problem> {
        let text = self.text(*i);
        let name = format!("r{i}.txt");
        match text {
            Some(t) => Ok(source::load(&name, t.as_bytes(), 1 << 20).unwrap()),
            None => Err(gone(*i)),
        }
    }
}

fn gone(i: usize) -> Problem {
    Problem {
        report: format!("r{i}.txt"),
        problem: InputProblem::Unreadable {
            reason: "gone".into(),
        },
        text: None,
    }
}

#[test]
fn a_report_changed_before_quoting_is_not_quoted() {
    changed_reports_are_not_quoted(false);
}

/// The same with reports read window by window and only their quoted
/// lines read again.
#[test]
fn a_long_report_changed_before_quoting_is_not_quoted() {
    changed_reports_are_not_quoted(true);
}

fn changed_reports_are_not_quoted(long: bool) {
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
        long,
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
    assert!(out.sources[0].has_text());
    assert_eq!(out.sources[0].quoted().is_some(), long);
    assert!(!out.sources[1].has_text() && !out.sources[2].has_text());
    // What is quoted is the report's words where the findings point.
    let ctx = factlint::output::Context::new(&rules, &out.sources, &out.findings, &[]);
    let whole = |i: usize| demo(["ar-moscow-1.txt", "ar-vienna.txt", "en-moscow.txt"][i]);
    let quoted: Vec<_> = out
        .findings
        .iter()
        .flat_map(|f| &f.sides)
        .flat_map(|s| &s.evidence)
        .filter(|e| e.report == 0)
        .collect();
    assert!(!quoted.is_empty());
    for e in quoted {
        assert_eq!(ctx.text(0, e.span), &whole(0)[e.span.start..e.span.end]);
    }
}
