//! The project's own real-news-style corpus (`tests/news/`): eight events
//! (a security meeting, a cup final, an earthquake, a water forum, two
//! ministers' talks with their names misspelt or near another person's, a
//! presidential election, a finance bill),
//! eight reports each in Arabic, English and French, and the earthquake's toll
//! over two days, with the page furniture, previous editions, other events
//! under the same word, stages, subsets, invited and participating counts,
//! names said where delegates come from, and ends said as a lapse that real
//! coverage has.
//! Each report states in its front matter the rules that must flag it
//! (`expect:`); every other rule must stay quiet on it. The test measures
//! precision and recall over (report, rule) pairs and holds them to the
//! floors the project promises.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use factlint::rules::{self, RuleSource};
use factlint::source;

/// The rules and reports of one event of the corpus, run.
fn run(event: &str) -> (factlint::rules::RuleSet, factlint::run::Outcome) {
    let dir = common::repo().join("tests/news");
    let name = format!("tests/news/{event}.rules");
    let text = std::fs::read_to_string(dir.join(format!("{event}.rules"))).unwrap();
    let set = rules::load(&RuleSource::new(name.as_str(), text.as_str())).unwrap();
    let mut sources = Vec::new();
    for path in common::files_with_ext(&dir.join(event), "txt") {
        let bytes = std::fs::read(&path).unwrap();
        let name = format!(
            "tests/news/{event}/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        sources.push(source::load(&name, &bytes, source::DEFAULT_MAX_SIZE).unwrap());
    }
    assert!(sources.len() >= 8, "{event}: at least eight reports");
    let run = factlint::run::check_loaded(&set, &sources);
    (set, run)
}

struct Score {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
    lines: Vec<String>,
}

fn score(event: &str) -> Score {
    let (set, run) = run(event);
    let outcomes = factlint::ruletest::evaluate(&set, &run.sources, &run.findings);
    let mut s = Score {
        true_positive: 0,
        false_positive: 0,
        false_negative: 0,
        lines: Vec::new(),
    };
    for (o, src) in outcomes.iter().zip(&run.sources) {
        assert!(
            o.unknown.is_empty(),
            "{}: unknown rule ids {:?}",
            o.report,
            o.unknown
        );
        s.true_positive += src.meta.expect.len() - o.missing.len();
        s.false_positive += o.unexpected.len();
        s.false_negative += o.missing.len();
        for m in &o.missing {
            s.lines.push(format!("missed {m} in {}", o.report));
        }
        for u in &o.unexpected {
            s.lines.push(format!("false alarm {u} in {}", o.report));
        }
    }
    s
}

#[test]
fn news_corpus_precision_and_recall() {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut report = Vec::new();
    for event in [
        "meeting", "final", "quake", "toll", "forum", "talks", "vote", "budget",
    ] {
        let s = score(event);
        report.push(format!(
            "{event}: {} found, {} false alarms, {} missed",
            s.true_positive, s.false_positive, s.false_negative
        ));
        report.extend(s.lines);
        tp += s.true_positive;
        fp += s.false_positive;
        fn_ += s.false_negative;
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "{}\nprecision {tp}/{} = {:.1}%, recall {tp}/{} = {:.1}%",
        report.join("\n"),
        tp + fp,
        precision * 100.0,
        tp + fn_,
        recall * 100.0
    );
    assert!(tp > 0, "the corpus plants discrepancies");
    assert!(
        precision >= 0.95,
        "precision {precision:.3}\n{}",
        report.join("\n")
    );
    assert!(recall >= 0.90, "recall {recall:.3}\n{}", report.join("\n"));
}

/// The toll of the earthquake over two days, as a fact-checker reads it:
/// the same-time contradiction, the figure stamped with the wrong time and
/// the decrease, then the timeline of the figure.
#[test]
fn toll_over_two_days_shows_its_timeline() {
    let (set, run) = run("toll");
    let mut ctx = factlint::output::Context::new(&set, &run.sources, &run.findings, &[]);
    ctx.timelines = run.timelines.clone();
    let human = factlint::output::human::render(
        &ctx,
        &factlint::render::Renderer::new(factlint::render::Style::plain()),
        false,
    );
    assert!(human.contains("timeline of quake.deaths (Interior):"));
    common::with_snapshots(|| insta::assert_snapshot!("news-toll-human", human));
    let json: serde_json::Value =
        serde_json::from_str(&factlint::output::json::render(&ctx)).unwrap();
    let points = json["series"][0]["points"].as_array().unwrap();
    assert_eq!(points.len(), 10);
    assert!(
        points[9]["date"].is_null(),
        "a figure with no date anywhere stays unplaced"
    );
    assert_eq!(points[0]["time"], "05:00");
    assert_eq!(points[0]["value"], 140.0);
}

/// What a fact-checker reads for each event of the corpus: the findings,
/// the notes (another edition set apart, weaker evidence …) and the
/// timelines, under snapshot so that every change of a finding shows in
/// review.
#[test]
fn news_corpus_outputs_are_reviewed() {
    for event in ["meeting", "final", "quake", "forum", "vote", "budget"] {
        let (set, run) = run(event);
        let mut ctx = factlint::output::Context::new(&set, &run.sources, &run.findings, &[]);
        ctx.set_apart = run.set_apart.clone();
        ctx.timelines = run.timelines.clone();
        let human = factlint::output::human::render(
            &ctx,
            &factlint::render::Renderer::new(factlint::render::Style::plain()),
            false,
        );
        common::with_snapshots(|| insta::assert_snapshot!(format!("news-{event}-human"), human));
    }
}

/// A report set apart from the comparison (the forum's previous edition)
/// is named, with the reason, in every output a machine reads: a SARIF
/// notification on its file, the JUnit suite's output, a GitHub notice and
/// a line of the step summary, and the JSON `set_apart` list.
#[test]
fn set_apart_reports_are_named_in_every_output() {
    let (set, run) = run("forum");
    assert!(
        !run.set_apart.is_empty(),
        "the forum corpus has a previous edition"
    );
    let mut ctx = factlint::output::Context::new(&set, &run.sources, &run.findings, &[]);
    ctx.set_apart = run.set_apart.clone();
    let report = "tests/news/forum/w6-en.txt";
    let why = "is not compared on forum";

    let sarif: serde_json::Value =
        serde_json::from_str(&factlint::output::sarif::render(&ctx)).unwrap();
    let notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes.iter().any(|n| {
        n["level"] == "note"
            && n["message"]["text"].as_str().unwrap().contains(why)
            && n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == report
    }));

    let junit = factlint::output::junit::render(&ctx);
    let out = junit.split("<system-out>").nth(1).unwrap();
    assert!(out.contains(report) && out.contains(why));

    let github = factlint::output::github::render(&ctx);
    assert!(github.lines().any(
        |l| l.starts_with(&format!("::notice file={report},")) && l.contains("another edition")
    ));
    let summary = factlint::output::github::step_summary(&ctx);
    assert!(summary.contains("**not compared** on forum"));

    let json: serde_json::Value =
        serde_json::from_str(&factlint::output::json::render(&ctx)).unwrap();
    assert!(json["set_apart"].to_string().contains("w6-en"));
}
