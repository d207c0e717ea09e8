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

/// Evaluates every rule over every report. Findings come out sorted: by
/// rule (in rule-file order), then by the first report involved.
pub fn evaluate(rules: &RuleSet, reports: &[Report<'_>]) -> Vec<Finding> {
    let facts: Vec<SourceFacts> = reports.iter().map(|r| slots::facts(rules, r)).collect();
    let mut findings = Vec::new();
    for (order, rule) in rules.rules.iter().enumerate() {
        let mut out = match &rule.kind {
            RuleKind::Agree {
                event,
                slot,
                tolerance,
            } => checks::agree(rules, rule, *event, *slot, *tolerance, reports, &facts),
            RuleKind::Expect {
                event,
                slot,
                op,
                value,
                tolerance,
            } => checks::expect(
                rules, rule, *event, *slot, *op, value, *tolerance, reports, &facts,
            ),
            RuleKind::Compare {
                left,
                op,
                right,
                per,
            } => checks::compare(rules, rule, left, *op, right, *per, reports),
            RuleKind::Weekdays => checks::weekdays(rule, reports),
            RuleKind::Breakdowns => checks::breakdowns(rule, reports),
        };
        for f in &mut out {
            f.rule_order = order;
        }
        findings.extend(out);
    }
    findings.sort_by_key(Finding::sort_key);
    findings
}
