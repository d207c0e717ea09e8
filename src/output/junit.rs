//! The JUnit XML format (as the Jenkins/xunit `junit-10.xsd` defines it):
//! one test suite per rule file, one test case per rule, named by the rule
//! id whether it passes or fails, so a dashboard keeps each rule's history.
//! A failing case holds every finding of its rule (the message counts them,
//! the body shows each). One more case, `reading reports`, fails with an
//! error when an input could not be read, so a run that read nothing is
//! never all green. Reports set apart from a comparison (another edition)
//! are listed in the suite's `system-out`.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::Context;

/// The name of the case that stands for reading the inputs.
pub const READING: &str = "reading reports";

pub fn render(ctx: &Context<'_>) -> String {
    let mut report = Report::new("factlint");
    let mut suite = TestSuite::new(ctx.rules.file.clone());
    let plain = crate::render::Renderer::new(crate::render::Style::plain());
    let unread: Vec<&super::InputNote> = ctx.problems.iter().filter(|p| p.fatal).collect();
    let status = if unread.is_empty() {
        TestCaseStatus::success()
    } else {
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
        s.set_message(format!(
            "{} input(s) could not be read: the result is incomplete",
            unread.len()
        ));
        s.set_type("input");
        s.set_description(
            unread
                .iter()
                .map(|p| format!("{}[{}]: {}: {}", "error", p.code, p.report, p.message))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        s
    };
    let mut case = TestCase::new(READING, status);
    case.set_classname(ctx.rules.file.clone());
    suite.add_test_case(case);
    for rule in &ctx.rules.rules {
        let findings: Vec<&crate::engine::Finding> =
            ctx.findings.iter().filter(|f| f.rule == rule.id).collect();
        let status = match findings.first() {
            None => TestCaseStatus::success(),
            Some(first) => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(if findings.len() == 1 {
                    ctx.wording(first).message
                } else {
                    format!(
                        "{} findings; the first: {}",
                        findings.len(),
                        ctx.wording(first).message
                    )
                });
                s.set_type(first.severity.as_str());
                let text: Vec<String> = findings
                    .iter()
                    .map(|f| plain.render(&super::human::diagnostic(ctx, f, false)))
                    .collect();
                s.set_description(text.join("\n"));
                s
            }
        };
        let mut case = TestCase::new(rule.id.clone(), status);
        case.set_classname(ctx.rules.file.clone());
        suite.add_test_case(case);
    }
    // Reports set apart from an event's comparison: said in the suite's
    // output (they are not failures, and no rule's case is theirs).
    let apart: Vec<String> = ctx
        .set_apart_lines()
        .into_iter()
        .map(|(report, event, why)| format!("note: {report} is not compared on {event}: {why}"))
        .collect();
    if !apart.is_empty() {
        suite.set_system_out(apart.join("\n"));
    }
    report.add_test_suite(suite);
    let xml = report.to_string().unwrap_or_default();
    without_suites_skipped(&xml)
}

/// `junit-10.xsd` allows no `skipped` attribute on `<testsuites>` (only on
/// `<testsuite>`), which the XML writer always sets: it is taken out of
/// that one element. (The writer has no option for it.)
fn without_suites_skipped(xml: &str) -> String {
    let Some(start) = xml.find("<testsuites ") else {
        return xml.to_string();
    };
    let end = xml
        .get(start..)
        .and_then(|t| t.find('>'))
        .map_or(xml.len(), |e| start + e);
    let (head, rest) = xml.split_at(end);
    let (before, tag) = head.split_at(start);
    let mut tag = tag.to_string();
    if let Some(i) = tag.find(" skipped=\"") {
        let close = tag
            .get(i + 10..)
            .and_then(|t| t.find('"'))
            .map_or(tag.len(), |c| i + 10 + c + 1);
        tag.replace_range(i..close, "");
    }
    format!("{before}{tag}{rest}")
}
