//! Stage "evaluate": [`RuleSet`] × the claims of every report →
//! `Vec<Finding>`, plain data with no rendering.
//!
//! Events: every trigger occurrence is a mention; each slot of a mention is
//! filled with the nearest claim of its type inside its scope, or, only when
//! that scope has none, inside its fallback scope (weaker evidence). Mentions
//! with different ordinals are different instances of a recurring event; a
//! report states what its lead instance states (the instance of its first
//! mention that fills a slot). Rules are then evaluated over what each
//! report states, grouping values by their normalised form (linear in the
//! number of claims).

mod checks;
mod finding;
mod slots;

pub use finding::*;
pub use slots::{Fill, SourceFacts, StatedValue, Statement, facts as slot_facts};

use crate::extract::Extraction;
use crate::rules::{RuleKind, RuleSet};

/// What the engine needs of one report.
pub struct Report<'a> {
    pub id: usize,
    /// Short display name (`002`).
    pub short: String,
    pub extraction: &'a Extraction,
}

/// A report once its claims are summarised: its name for messages.
#[derive(Debug, Clone)]
pub struct ReportName {
    pub id: usize,
    pub short: String,
}

/// What is left of a report after its own rules ran: what it states (self-
/// contained, no text, no claims) and the findings inside it. A check keeps
/// only this per report, so memory grows with what reports state.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub facts: SourceFacts,
    pub findings: Vec<Finding>,
}

impl Summary {
    /// Gives the summary the report id it has in the run (a report is
    /// summarised before its place in the run is known).
    pub fn renumber(&mut self, id: usize) {
        for slots in &mut self.facts.stated {
            for st in slots.iter_mut().flatten() {
                st.evidence.report = id;
                for (_, e) in &mut st.conflicts {
                    e.report = id;
                }
            }
        }
        for f in &mut self.findings {
            for side in &mut f.sides {
                for e in &mut side.evidence {
                    e.report = id;
                }
            }
        }
    }
}

fn is_per_report(kind: &RuleKind) -> bool {
    matches!(
        kind,
        RuleKind::Compare { .. } | RuleKind::Weekdays | RuleKind::Breakdowns
    )
}

/// Fills the slots of one report and runs the rules that look at one report
/// at a time (`check` expressions, weekdays, breakdowns).
pub fn summarize(rules: &RuleSet, report: &Report<'_>) -> Summary {
    let facts = slots::facts(rules, report);
    let one = std::slice::from_ref(report);
    let mut findings = Vec::new();
    for (order, rule) in rules.rules.iter().enumerate() {
        let mut out = match &rule.kind {
            RuleKind::Compare {
                left,
                op,
                right,
                per,
            } => checks::compare(rules, rule, left, *op, right, *per, one),
            RuleKind::Weekdays => checks::weekdays(rule, one),
            RuleKind::Breakdowns => checks::breakdowns(rule, one),
            _ => continue,
        };
        for f in &mut out {
            f.rule_order = order;
        }
        findings.extend(out);
    }
    Summary { facts, findings }
}

/// Runs the rules across reports (`agree`, `expect`) over the summaries and
/// gathers every finding. Findings come out sorted: by rule (in rule-file
/// order), then by the first report involved.
pub fn combine(rules: &RuleSet, names: &[ReportName], summaries: &[Summary]) -> Vec<Finding> {
    let facts: Vec<&SourceFacts> = summaries.iter().map(|s| &s.facts).collect();
    let mut findings: Vec<Finding> = summaries
        .iter()
        .flat_map(|s| s.findings.iter().cloned())
        .collect();
    for (order, rule) in rules.rules.iter().enumerate() {
        if is_per_report(&rule.kind) {
            continue;
        }
        let mut out = match &rule.kind {
            RuleKind::Agree {
                event,
                slot,
                tolerance,
            } => checks::agree(rules, rule, *event, *slot, *tolerance, names, &facts),
            RuleKind::Expect {
                event,
                slot,
                op,
                value,
                tolerance,
            } => checks::expect(
                rules, rule, *event, *slot, *op, value, *tolerance, names, &facts,
            ),
            _ => Vec::new(),
        };
        for f in &mut out {
            f.rule_order = order;
        }
        findings.extend(out);
    }
    findings.sort_by_key(Finding::sort_key);
    findings
}

/// Evaluates every rule over every report.
pub fn evaluate(rules: &RuleSet, reports: &[Report<'_>]) -> Vec<Finding> {
    let summaries: Vec<Summary> = reports.iter().map(|r| summarize(rules, r)).collect();
    let names: Vec<ReportName> = reports
        .iter()
        .map(|r| ReportName {
            id: r.id,
            short: r.short.clone(),
        })
        .collect();
    combine(rules, &names, &summaries)
}
