//! Instances across reports: which instance of each event every report is
//! compared on, and which reports are set apart as another edition.
//!
//! A recurring event has editions (the 12th meeting, the 13th). Each report
//! leads with one instance ([`super::slots`]); across reports:
//! - the run's edition of an event is the ordinal most reports lead with;
//!   a report that leads with another ordinal but also mentions the run's
//!   is compared on the run's (it named an earlier edition first);
//! - the run's year is the year most reports give the event (the year of
//!   its dates, else of the report's own date); a report whose event dates
//!   fall in another year, or that leads with another ordinal and is dated
//!   another year, is about another edition: it is set apart, never counted
//!   in a majority, and every finding about the event says so.
//!
//! An ordinal that differs with nothing else to go on stays compared: two
//! reports of one year disagreeing on "13th" and "22nd" is what a
//! fact-checker wants to see.

use std::collections::BTreeMap;

use serde::Serialize;

use super::slots::{SourceFacts, StatedValue, Statement};
use crate::rules::{RuleSet, SlotType};

/// Why a report is set apart from an event's comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Apart {
    /// Its dates of the event fall in another year than the others'.
    DatesInYear { year: i16, run: i16 },
    /// It leads with another ordinal and is dated another year.
    Edition { ordinal: u32, year: i16, run: i16 },
}

/// Which of a report's instances an event is compared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Lead,
    /// `others[k]` of the report's facts.
    Other(usize),
    Apart(Apart),
}

/// A report as the cross-report rules see it: its facts, with the instance
/// each event is compared on.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub facts: &'a SourceFacts,
    choice: Vec<Choice>,
}

impl View<'_> {
    /// What the report states for a slot of the instance compared.
    pub fn get(&self, event: usize, slot: usize) -> Option<&Statement> {
        match self.choice.get(event).copied().unwrap_or(Choice::Lead) {
            Choice::Lead => self.facts.get(event, slot),
            Choice::Other(k) => self.facts.others.get(k)?.stated.get(slot)?.as_deref(),
            Choice::Apart(_) => None,
        }
    }

    /// Why the report is set apart from an event, if it is.
    pub fn apart(&self, event: usize) -> Option<Apart> {
        match self.choice.get(event) {
            Some(Choice::Apart(a)) => Some(*a),
            _ => None,
        }
    }

    /// The ordinal of the instance compared, when another instance than the
    /// report's lead was chosen.
    pub fn switched_to(&self, event: usize) -> Option<u32> {
        match self.choice.get(event) {
            Some(Choice::Other(k)) => self.facts.others.get(*k).map(|o| o.ordinal),
            _ => None,
        }
    }
}

/// The value most often counted, the smallest on a tie.
fn most_common<T: Ord + Copy>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

/// The year of an instance's dates, if a date slot states one.
fn dates_year(
    rules: &RuleSet,
    event: usize,
    stated: &dyn Fn(usize) -> Option<StatedValue>,
) -> Option<i16> {
    let ev = rules.events.get(event)?;
    ev.slots.iter().enumerate().find_map(|(si, s)| {
        if !matches!(s.ty, SlotType::Date | SlotType::DateRange) {
            return None;
        }
        match stated(si)? {
            StatedValue::Dates(r) => r.from.year,
            _ => None,
        }
    })
}

/// Resolves the instance every report is compared on, event by event.
pub fn resolve<'a>(rules: &RuleSet, facts: &[&'a SourceFacts]) -> Vec<View<'a>> {
    let mut views: Vec<View<'a>> = facts
        .iter()
        .map(|f| View {
            facts: f,
            choice: vec![Choice::Lead; rules.events.len()],
        })
        .collect();
    for event in 0..rules.events.len() {
        // The run's year: the year of the event's dates, else of the report.
        let year_of = |v: &View<'_>| {
            dates_year(rules, event, &|si| v.get(event, si).map(|s| s.value))
                .or(v.facts.report_year)
        };
        let run_year = most_common(views.iter().filter_map(&year_of));
        // The run's edition: the ordinal most reports of the run's year
        // mention (as their lead instance or another).
        let of_year =
            |v: &View<'_>| run_year.is_none() || year_of(v).is_none_or(|y| Some(y) == run_year);
        let run_ordinal = most_common(views.iter().filter(|v| of_year(v)).flat_map(|v| {
            let lead = v.facts.lead_ordinal.get(event).copied().flatten();
            let others = v
                .facts
                .others
                .iter()
                .filter(|o| o.event == event)
                .map(|o| o.ordinal);
            let mut all: Vec<u32> = lead.into_iter().chain(others).collect();
            all.sort_unstable();
            all.dedup();
            all
        }));
        // A report that leads with another edition but mentions the run's
        // is compared on the run's.
        if let Some(o) = run_ordinal {
            for v in &mut views {
                let lead = v.facts.lead_ordinal.get(event).copied().flatten();
                if lead.is_some_and(|l| l != o)
                    && let Some(k) = v
                        .facts
                        .others
                        .iter()
                        .position(|x| x.event == event && x.ordinal == o)
                    && let Some(c) = v.choice.get_mut(event)
                {
                    *c = Choice::Other(k);
                }
            }
        }
        let Some(run_year) = run_year else {
            continue;
        };
        for v in &mut views {
            let dated = dates_year(rules, event, &|si| v.get(event, si).map(|s| s.value));
            let lead = v.facts.lead_ordinal.get(event).copied().flatten();
            let apart = match (dated, v.facts.report_year) {
                (Some(y), _) if y != run_year => Some(Apart::DatesInYear {
                    year: y,
                    run: run_year,
                }),
                (None, Some(y)) if y != run_year => match (lead, run_ordinal) {
                    (Some(l), Some(o)) if l != o && v.switched_to(event).is_none() => {
                        Some(Apart::Edition {
                            ordinal: l,
                            year: y,
                            run: run_year,
                        })
                    }
                    _ => None,
                },
                _ => None,
            };
            if let (Some(a), Some(c)) = (apart, v.choice.get_mut(event)) {
                *c = Choice::Apart(a);
            }
        }
    }
    views
}
