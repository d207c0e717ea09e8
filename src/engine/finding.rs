//! Findings: what the engine reports, as plain data.

use serde::Serialize;

use crate::rules::{Scope, Severity};
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Reports state different values (`agree`).
    Disagreement,
    /// One report states different values for one instance.
    WithinReport,
    /// A report states something other than a known fact (`expect`).
    Expectation,
    /// A `check` expression fails in a scope.
    Figures,
    /// A weekday does not match its date.
    Weekday,
    /// Parts do not add up to their total.
    Breakdown,
}

/// One place in one report that supports a value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Index of the report in the run.
    pub report: usize,
    pub span: Span,
    /// The scope the value was found in (for slot values), and whether only
    /// the fallback scope held it.
    pub scope: Option<Scope>,
    pub fallback: bool,
    /// How the value was read (recogniser or alias).
    pub via: String,
    /// The trigger occurrence the value was read for, if any.
    pub mention: Option<Span>,
    /// What this piece of evidence is, when it differs from its side's
    /// value (a part of a breakdown, the total).
    pub role: Option<String>,
}

/// One side of a disagreement: a value and the reports stating it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The value for people (`Vienna`, `22`, `2025-05-27 .. 2025-05-29`).
    pub value: String,
    /// The normalised form two values are compared on.
    pub normalized: String,
    pub majority: bool,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub kind: FindingKind,
    pub message: String,
    /// `meeting.venue` for slot rules.
    pub slot: Option<String>,
    pub sides: Vec<Side>,
    /// Reports that state nothing for the slot.
    pub silent: Vec<usize>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    #[serde(skip)]
    pub rule_order: usize,
}

impl Finding {
    pub fn sort_key(&self) -> (usize, usize, usize, String) {
        let first = self
            .sides
            .iter()
            .flat_map(|s| s.evidence.iter())
            .map(|e| (e.report, e.span.start))
            .min()
            .unwrap_or((usize::MAX, 0));
        (self.rule_order, first.0, first.1, self.message.clone())
    }

    /// Every report involved, in order.
    pub fn reports(&self) -> Vec<usize> {
        let mut r: Vec<usize> = self
            .sides
            .iter()
            .flat_map(|s| s.evidence.iter().map(|e| e.report))
            .collect();
        r.sort();
        r.dedup();
        r
    }
}
