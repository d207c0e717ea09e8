//! Findings: what the engine reports, as plain data. A finding carries
//! facts (values, reports, reasons), never sentences: every word a user
//! reads is written by the output layer (`output::wording`).

use serde::Serialize;

pub use super::rules::{Facts, FindingKind};
use crate::rules::{Scope, Severity};
use crate::span::Span;

use super::slots::StatedValue;

/// A remark that qualifies a finding.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub enum Note {
    /// The values of a within-report conflict are read for mentions of the
    /// same instance.
    SameInstance { report: usize },
    /// These reports give the slot only in a wider scope than the slot's
    /// own (`primary`): weaker evidence.
    Fallback {
        reports: Vec<usize>,
        scope: Scope,
        primary: Scope,
    },
    /// These reports name the event `name`, with none of the words the
    /// majority's names use (`majority`: each name with its reports).
    OtherName {
        reports: Vec<usize>,
        name: String,
        majority: Vec<(String, Vec<usize>)>,
    },
    /// The report also mentions another instance (another ordinal), which
    /// is not compared.
    OtherInstance { report: usize, ordinal: u32 },
    /// A hedged value ("more than 60") that agrees with the values of
    /// several sides: counted on none.
    Between { report: usize, value: Value },
    /// The report is about another edition of the event: not compared.
    SetApart {
        report: usize,
        why: super::instances::Apart,
    },
    /// The report leads with another instance; it is compared on the one
    /// the other reports describe, which it also mentions.
    ComparedOn { report: usize, ordinal: u32 },
    /// The figure's time is the report's own (no time in its sentence).
    ReportTime,
    /// A waiver of this finding expired.
    WaiverExpired {
        expires: String,
        reason: String,
        reviewer: Option<String>,
    },
}

/// A value as a finding shows it (the output layer writes it).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub enum Value {
    /// What a slot holds; `ordinal` when the slot is an ordinal (`13th`).
    Stated { value: StatedValue, ordinal: bool },
    /// A figure: what an expression comes to.
    Number(f64),
    /// A weekday (0 = Monday).
    Weekday(u8),
    /// Listed parts and their sum.
    Sum { parts: Vec<f64>, sum: f64 },
    /// A word as a report writes it.
    Word(String),
}

impl Value {
    /// A slot's value, shown as the slot's type reads.
    pub fn of_slot(value: StatedValue, ty: &crate::rules::SlotType) -> Value {
        Value::Stated {
            value,
            ordinal: *ty == crate::rules::SlotType::Ordinal,
        }
    }
}

/// What a piece of evidence shows, when it differs from its side's value.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub enum Role {
    /// The report's own value, which agrees with the side's without being
    /// the same (120 beside "more than 100").
    Stated(Value),
    /// A figure that feeds an arithmetic check (its normalised value).
    Figure(String),
    /// The stated total of a breakdown.
    Total(f64),
    /// Part `index` (1-based) of `of` in a breakdown.
    Part { index: usize, of: usize, value: f64 },
}

/// One place in one report that supports a value.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Evidence {
    /// Index of the report in the run.
    pub report: usize,
    pub span: Span,
    /// The scope the value was found in (for slot values), and whether only
    /// the fallback scope held it.
    pub scope: Option<Scope>,
    pub fallback: bool,
    /// How the value was read (recogniser or alias).
    pub via: crate::extract::Via,
    /// The trigger occurrence the value was read for, if any.
    pub mention: Option<Span>,
    pub role: Option<Role>,
}

/// One side of a disagreement: a value and the reports stating it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Side {
    pub value: Value,
    /// The normalised form two values are compared on.
    pub normalized: String,
    pub majority: bool,
    pub evidence: Vec<Evidence>,
}

impl Side {
    /// The evidence to show: the pieces from at most `max` reports, in
    /// order (a report may give several pieces: they stay together).
    pub fn shown_evidence(&self, max: usize) -> Vec<&Evidence> {
        let mut reports: Vec<usize> = Vec::new();
        let mut out = Vec::new();
        for e in &self.evidence {
            if !reports.contains(&e.report) {
                if reports.len() == max {
                    continue;
                }
                reports.push(e.report);
            }
            out.push(e);
        }
        out
    }

    /// Distinct reports of the side, in order.
    pub fn reports(&self) -> Vec<usize> {
        let mut seen = std::collections::HashSet::new();
        self.evidence
            .iter()
            .map(|e| e.report)
            .filter(|r| seen.insert(*r))
            .collect()
    }
}

/// A set of reports by id, kept as runs of consecutive ids: the reports
/// silent on a slot are most of a big run (every report without the
/// event), so a finding holds a few runs, not a million ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reports {
    /// `(first, last + 1)`, ascending, apart.
    runs: Vec<(usize, usize)>,
    len: usize,
}

impl Reports {
    /// The ids, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.runs.iter().flat_map(|&(a, b)| a..b)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// From ids in ascending order.
impl FromIterator<usize> for Reports {
    fn from_iter<I: IntoIterator<Item = usize>>(ids: I) -> Self {
        let mut out = Reports::default();
        for r in ids {
            match out.runs.last_mut() {
                Some(last) if last.1 == r => last.1 += 1,
                _ => out.runs.push((r, r + 1)),
            }
            out.len += 1;
        }
        out
    }
}

impl Serialize for Reports {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Read back as the list of ids it is written as (a summary table).
impl<'de> serde::Deserialize<'de> for Reports {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let ids: Vec<usize> = serde::Deserialize::deserialize(d)?;
        Ok(ids.into_iter().collect())
    }
}

/// The slot a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SlotRef {
    pub event: usize,
    pub slot: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Finding {
    /// The rule's id, and its place in the rule file.
    pub rule: String,
    pub rule_index: usize,
    pub severity: Severity,
    pub slot: Option<SlotRef>,
    pub facts: Facts,
    pub sides: Vec<Side>,
    /// Reports that state nothing for the slot.
    pub silent: Reports,
    pub notes: Vec<Note>,
}

impl Finding {
    pub fn kind(&self) -> FindingKind {
        self.facts.kind()
    }

    /// Rule-file order, then the first place involved; the kind and the
    /// values break what ties remain.
    pub fn sort_key(&self) -> (usize, usize, usize, FindingKind, Vec<&str>) {
        let first = self
            .sides
            .iter()
            .flat_map(|s| s.evidence.iter())
            .map(|e| (e.report, e.span.start))
            .min()
            .unwrap_or((usize::MAX, 0));
        let values = self.sides.iter().map(|s| s.normalized.as_str()).collect();
        (self.rule_index, first.0, first.1, self.kind(), values)
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

    /// Renumbers every report this finding names (a report's own findings
    /// are made before its place in the run is known).
    pub fn renumber(&mut self, id: usize) {
        for side in &mut self.sides {
            for e in &mut side.evidence {
                e.report = id;
            }
        }
        for n in &mut self.notes {
            match n {
                Note::SameInstance { report }
                | Note::OtherInstance { report, .. }
                | Note::Between { report, .. }
                | Note::SetApart { report, .. }
                | Note::ComparedOn { report, .. } => *report = id,
                Note::Fallback { reports, .. } | Note::OtherName { reports, .. } => {
                    for r in reports {
                        *r = id;
                    }
                }
                Note::WaiverExpired { .. } | Note::ReportTime => {}
            }
        }
        match &mut self.facts {
            Facts::WithinReport { report } | Facts::Expectation { report, .. } => *report = id,
            Facts::Disagreement { .. }
            | Facts::SameTime { .. }
            | Facts::OutOfSequence { .. }
            | Facts::Figures { .. }
            | Facts::Weekday { .. }
            | Facts::Breakdown { .. }
            | Facts::NearName { .. } => {}
        }
    }
}

#[cfg(test)]
mod report_set_tests {
    use super::Reports;

    #[test]
    fn ids_are_kept_as_runs_and_given_back_in_order() {
        let ids = [0, 1, 2, 5, 7, 8, 9, 1000];
        let set: Reports = ids.iter().copied().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), ids);
        assert_eq!(set.len(), ids.len());
        assert_eq!(set.runs.len(), 4);
        assert_eq!(serde_json::to_string(&set).unwrap(), "[0,1,2,5,7,8,9,1000]");
        let million: Reports = (0..1_000_000).collect();
        assert_eq!((million.len(), million.runs.len()), (1_000_000, 1));
        assert!(Reports::default().is_empty());
    }
}
