//! The JUnit XML format: one test suite per rule file, one test case per
//! rule. A rule with no finding is a passing case; each finding of a rule is
//! a failing case of its own (`RULE-ID [reports]`), so CI dashboards count
//! findings.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::Context;

pub fn render(ctx: &Context<'_>) -> String {
    let mut report = Report::new("factlint");
    let mut suite = TestSuite::new(ctx.rules.file.clone());
    for rule in &ctx.rules.rules {
        let findings: Vec<&crate::engine::Finding> =
            ctx.findings.iter().filter(|f| f.rule == rule.id).collect();
        if findings.is_empty() {
            let mut case = TestCase::new(rule.id.clone(), TestCaseStatus::success());
            case.set_classname(ctx.rules.file.clone());
            suite.add_test_case(case);
            continue;
        }
        for f in findings {
            let reports: Vec<&str> = f.reports().into_iter().map(|r| ctx.short(r)).collect();
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(ctx.wording(f).message);
            status.set_type(f.severity.as_str());
            let diag = super::human::diagnostic(ctx, f, false);
            let text = crate::render::Renderer::new(crate::render::Style::plain()).render(&diag);
            status.set_description(text);
            let mut case = TestCase::new(format!("{} [{}]", rule.id, reports.join(", ")), status);
            case.set_classname(ctx.rules.file.clone());
            suite.add_test_case(case);
        }
    }
    report.add_test_suite(suite);
    report.to_string().unwrap_or_default()
}
