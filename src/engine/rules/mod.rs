//! The rule kinds, a room each, behind one exhaustive dispatch: a rule
//! either looks at one report at a time ([`one_report`], run as each
//! report is summarised) or across the summaries of every report
//! ([`across_reports`]). Each room also says which claims it reads
//! ([`reads`]), so a run keeps only those.

mod agree;
mod arithmetic;
mod breakdowns;
mod expect;
mod names;
pub mod series;
mod weekdays;

use serde::Serialize;

use crate::extract::{Claim, Relevance};
use crate::rules::ast::CmpOp;
use crate::rules::{CExpr, Figure, Rule, RuleKind, RuleSet, Slot};
use crate::value::Date;

use super::Report;
use super::finding::Note;
use super::finding::{Evidence, Finding, SlotRef};
use super::instances::Views;

/// The findings of the rules that look at one report.
pub fn one_report(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    report: &Report<'_>,
) -> Vec<Finding> {
    let at = (index, rule);
    match &rule.kind {
        RuleKind::Compare {
            left,
            op,
            right,
            per,
        } => arithmetic::check(rules, at, (left, *op, right), *per, report),
        RuleKind::Weekdays => weekdays::check(at, report),
        RuleKind::Breakdowns => breakdowns::check(at, report),
        RuleKind::Names => names::check(at, report),
        RuleKind::Agree { .. } | RuleKind::Expect { .. } | RuleKind::Series { .. } => Vec::new(),
    }
}

/// The findings of the rules that compare reports (`facts[id]` is what
/// report `id` states).
pub fn across_reports(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    facts: &Views<'_>,
) -> Vec<Finding> {
    let at = (index, rule);
    match &rule.kind {
        RuleKind::Agree {
            event,
            slot,
            tolerance,
            window,
        } => {
            let slot = SlotRef {
                event: *event,
                slot: *slot,
            };
            if slot_def(rules, slot).is_some_and(|s| s.changing) {
                series::agree(rules, at, slot, (*tolerance, *window), facts)
            } else {
                agree::check(rules, at, slot, *tolerance, facts)
            }
        }
        RuleKind::Series { event, slot } => {
            let slot = SlotRef {
                event: *event,
                slot: *slot,
            };
            series::check(rules, at, slot, facts)
        }
        RuleKind::Expect {
            event,
            slot,
            op,
            value,
            tolerance,
        } => {
            let slot = SlotRef {
                event: *event,
                slot: *slot,
            };
            expect::check(rules, at, slot, (*op, value, *tolerance), facts)
        }
        RuleKind::Compare { .. } | RuleKind::Weekdays | RuleKind::Breakdowns | RuleKind::Names => {
            Vec::new()
        }
    }
}

/// What a row of the SQL rendition of the rules (`table::sql`) says a
/// statement is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Picked {
    /// A disagreement among the reports of one part (an authority's, by
    /// its entity number; `-2`: the reports of none; `-1`: all).
    Disagreement { part: i64 },
    /// Several values for one instance in one report.
    WithinReport,
    /// A value that fails an `expect` rule.
    Expectation,
}

/// One statement a finding involves, as the SQL rendition found it: the
/// rule, the kind, the report and the instance it is compared on (`None`:
/// the lead one; else the ordinal of another).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PickedRow {
    pub rule: usize,
    pub what: Picked,
    pub report: usize,
    pub instance: Option<u32>,
}

/// The findings of the rules across reports that the picked rows name,
/// drawn as [`across_reports`] draws them (sides, majority, notes); the
/// rules the SQL leaves out (on changing figures) run here as usual. A row
/// naming a statement the summaries lack is an error, said.
pub fn from_rows(
    rules: &RuleSet,
    rows: &[PickedRow],
    facts: &Views<'_>,
) -> Result<Vec<Finding>, String> {
    let mut out = Vec::new();
    for (index, rule) in rules.rules.iter().enumerate() {
        let mine: Vec<&PickedRow> = rows.iter().filter(|r| r.rule == index).collect();
        let (at, def) = match &rule.kind {
            RuleKind::Agree { event, slot, .. } | RuleKind::Expect { event, slot, .. } => {
                let at = SlotRef {
                    event: *event,
                    slot: *slot,
                };
                match slot_def(rules, at) {
                    Some(def) if !def.changing => (at, def),
                    _ => {
                        out.extend(across_reports(rules, (index, rule), facts));
                        continue;
                    }
                }
            }
            _ => {
                out.extend(across_reports(rules, (index, rule), facts));
                continue;
            }
        };
        let statement = |r: &PickedRow| -> Result<&crate::engine::Statement, String> {
            let f = facts
                .get(r.report)
                .ok_or_else(|| format!("rule `{}`: no report {}", rule.id, r.report))?
                .facts;
            let st = match r.instance {
                None => f.get(at.event, at.slot),
                Some(o) => f
                    .others
                    .iter()
                    .find(|x| x.event == at.event && x.ordinal == o)
                    .and_then(|x| x.stated.get(at.slot))
                    .and_then(|s| s.as_deref()),
            };
            st.ok_or_else(|| {
                format!(
                    "rule `{}`: a row names a value of report {} that its summary does not state",
                    rule.id, r.report
                )
            })
        };
        match &rule.kind {
            RuleKind::Agree { tolerance, .. } => {
                for r in mine.iter().filter(|r| r.what == Picked::WithinReport) {
                    out.push(agree::within_report(
                        rules,
                        (index, rule),
                        (at, def),
                        r.report,
                        statement(r)?,
                    ));
                }
                // Parts in the engine's order: authorities by number, then
                // the reports of none.
                let mut parts: std::collections::BTreeMap<
                    (bool, i64),
                    Vec<(usize, &crate::engine::Statement)>,
                > = std::collections::BTreeMap::new();
                for r in &mine {
                    if let Picked::Disagreement { part } = r.what {
                        parts
                            .entry((part == -2, part))
                            .or_default()
                            .push((r.report, statement(r)?));
                    }
                }
                let mut silent = None;
                for (_, mut stated) in parts {
                    stated.sort_by_key(|(r, _)| *r);
                    if let Some(mut f) = agree::disagreement(
                        rules,
                        (index, rule),
                        (at, def, *tolerance),
                        &stated,
                        facts,
                    ) {
                        f.silent = silent
                            .get_or_insert_with(|| agree::silent_on(at, facts))
                            .clone();
                        out.push(f);
                    }
                }
            }
            RuleKind::Expect { op, value, .. } => {
                for r in mine.iter().filter(|r| r.what == Picked::Expectation) {
                    out.push(expect::failed(
                        rules,
                        (index, rule),
                        (at, def),
                        (*op, expect::wanted(value)),
                        r.report,
                        statement(r)?,
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Marks the claims a rule reads beyond the slots of the events (which
/// every run fills).
pub fn reads(rule: &Rule, r: &mut Relevance) {
    fn figures(e: &CExpr, r: &mut Relevance) {
        let mut out = Vec::new();
        e.figures(&mut out);
        for (_, f) in out {
            match f {
                Figure::Percent => r.percents = true,
                Figure::Number => r.numbers = true,
                Figure::Unit(u) => r.units.push(u),
            }
        }
    }
    match &rule.kind {
        RuleKind::Compare { left, right, .. } => {
            figures(left, r);
            figures(right, r);
        }
        RuleKind::Weekdays => r.dated_weekdays = true,
        RuleKind::Breakdowns => r.breakdowns = true,
        RuleKind::Names => r.near_names = true,
        RuleKind::Agree { .. } | RuleKind::Expect { .. } | RuleKind::Series { .. } => {}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// One report states different values for one instance.
    WithinReport,
    /// Reports state different values (`agree`).
    Disagreement,
    /// A report states something other than a known fact (`expect`).
    Expectation,
    /// A `check` expression fails in a scope.
    Figures,
    /// A weekday does not match its date.
    Weekday,
    /// Parts do not add up to their total.
    Breakdown,
    /// Figures for the same time differ.
    SameTime,
    /// A word one letter from a declared name.
    NearName,
    /// A changing figure out of its series.
    Series,
}

/// What a finding establishes, by kind: the facts its message is written
/// from. A rule kind whose findings no variant fits adds its own here.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub enum Facts {
    /// `agree`: the sides disagree; `tie` when no value has a majority. The
    /// first side is the majority's (or the first of a tie).
    Disagreement { tie: bool },
    /// `agree`: one report states several values for one instance.
    WithinReport { report: usize },
    /// `expect`: a report's value (the only side) fails the rule's
    /// comparison with `expected`.
    Expectation {
        report: usize,
        op: CmpOp,
        expected: super::finding::Value,
    },
    /// `check EXPR CMP EXPR`: the two sides of the rule's comparison, as
    /// evaluated in one scope.
    Figures { left: f64, right: f64 },
    /// `check weekdays`: `date` fell on `actual`, the report says `written`
    /// (0 = Monday).
    Weekday { date: Date, actual: u8, written: u8 },
    /// `agree` on a changing slot: figures for the same time (and from the
    /// same authority) that differ.
    SameTime {
        date: Date,
        minutes: u16,
        by: Option<crate::rules::EntityId>,
        tie: bool,
    },
    /// `check series`: a figure that does not fit its authority's rising
    /// series, with the figures kept before and after it.
    OutOfSequence {
        by: Option<crate::rules::EntityId>,
        at: series::Moment,
        value: f64,
        before: Option<(series::Moment, f64)>,
        after: Option<(series::Moment, f64)>,
    },
    /// `check breakdowns`: the parts, their sum and the stated total;
    /// `exhaustive` when the parts are given as the whole of it.
    Breakdown {
        parts: Vec<f64>,
        sum: f64,
        total: f64,
        exhaustive: bool,
    },
    /// `check names`: a report writes `written` where a declared name of
    /// `entity` has `declared`, one letter apart.
    NearName {
        entity: crate::rules::EntityId,
        declared: String,
        written: String,
    },
}

impl Facts {
    pub fn kind(&self) -> FindingKind {
        match self {
            Facts::Disagreement { .. } => FindingKind::Disagreement,
            Facts::WithinReport { .. } => FindingKind::WithinReport,
            Facts::Expectation { .. } => FindingKind::Expectation,
            Facts::Figures { .. } => FindingKind::Figures,
            Facts::Weekday { .. } => FindingKind::Weekday,
            Facts::Breakdown { .. } => FindingKind::Breakdown,
            Facts::SameTime { .. } => FindingKind::SameTime,
            Facts::OutOfSequence { .. } => FindingKind::Series,
            Facts::NearName { .. } => FindingKind::NearName,
        }
    }
}

/// The reports set apart from an event (another edition), one note each.
fn set_apart_notes(facts: &Views<'_>, event: usize) -> Vec<Note> {
    facts
        .of(event)
        .filter_map(|(report, v)| v.apart(event).map(|why| Note::SetApart { report, why }))
        .collect()
}

/// A finding of a rule, before its sides and notes are known.
fn finding((index, rule): (usize, &Rule), facts: Facts, slot: Option<SlotRef>) -> Finding {
    Finding {
        rule: rule.id.clone(),
        rule_index: index,
        severity: rule.severity,
        slot,
        facts,
        sides: Vec::new(),
        silent: Default::default(),
        notes: Vec::new(),
    }
}

/// The findings a rule makes of single claims of a report.
fn per_claim(report: &Report<'_>, f: impl FnMut(&Claim) -> Option<Finding>) -> Vec<Finding> {
    report.extraction.claims.iter().filter_map(f).collect()
}

fn claim_evidence(report: &Report<'_>, claim: &Claim) -> Evidence {
    Evidence {
        report: report.id,
        span: claim.span,
        scope: None,
        fallback: false,
        via: claim.via.clone(),
        mention: None,
        role: None,
    }
}

fn slot_def(rules: &RuleSet, at: SlotRef) -> Option<&Slot> {
    rules.events.get(at.event)?.slots.get(at.slot)
}
