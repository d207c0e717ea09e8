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

use super::Summary;
use super::slots::{SourceFacts, StatedValue, Statement};
use crate::rules::{RuleSet, SlotType};

/// Why a report is set apart from an event's comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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

/// A report's choices: the events compared on another instance than the
/// lead (or set apart); every other event is compared on the lead.
type Choices = BTreeMap<usize, Choice>;

/// A report as the cross-report rules see it: its facts, with the instance
/// each event is compared on.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub facts: &'a SourceFacts,
    choice: Option<&'a Choices>,
}

impl<'a> View<'a> {
    fn choice(&self, event: usize) -> Choice {
        self.choice
            .and_then(|c| c.get(&event).copied())
            .unwrap_or(Choice::Lead)
    }

    /// What the report states for a slot of the instance compared.
    pub fn get(&self, event: usize, slot: usize) -> Option<&'a Statement> {
        match self.choice(event) {
            Choice::Lead => self.facts.get(event, slot),
            Choice::Other(k) => self.facts.others.get(k)?.stated.get(slot)?.as_deref(),
            Choice::Apart(_) => None,
        }
    }

    /// Why the report is set apart from an event, if it is.
    pub fn apart(&self, event: usize) -> Option<Apart> {
        match self.choice(event) {
            Choice::Apart(a) => Some(a),
            _ => None,
        }
    }

    /// The ordinal of the instance compared, when another instance than the
    /// report's lead was chosen.
    pub fn switched_to(&self, event: usize) -> Option<u32> {
        match self.choice(event) {
            Choice::Other(k) => self.facts.others.get(k).map(|o| o.ordinal),
            _ => None,
        }
    }
}

/// Every report's facts, with the choices of the few reports compared on
/// another instance than their lead, and the reports that have a lead
/// instance of each event: a rule about an event reads those reports only,
/// so a rule file of a thousand events costs each report the events it
/// mentions, and a run of a million reports no view made for each.
#[derive(Debug, Clone, Default)]
pub struct Views<'a> {
    summaries: &'a [Summary],
    /// By report.
    choices: BTreeMap<usize, Choices>,
    about: Vec<Vec<usize>>,
}

impl Views<'_> {
    /// How many reports the run has.
    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// Report `report` as the rules see it.
    pub fn get(&self, report: usize) -> Option<View<'_>> {
        view(self.summaries, &self.choices, report)
    }

    /// The reports that have a lead instance of the event, in report order
    /// (every other report says nothing about it and is never set apart).
    pub fn about(&self, event: usize) -> &[usize] {
        self.about.get(event).map_or(&[], Vec::as_slice)
    }

    /// The reports with a lead instance of the event, with their views.
    pub fn of(&self, event: usize) -> impl Iterator<Item = (usize, View<'_>)> + '_ {
        self.about(event)
            .iter()
            .filter_map(|&r| self.get(r).map(|v| (r, v)))
    }

    /// Every report set apart from an event, with the event and why, by
    /// report then event.
    pub fn set_apart(&self) -> impl Iterator<Item = (usize, usize, Apart)> + '_ {
        self.choices.iter().flat_map(|(&report, c)| {
            c.iter().filter_map(move |(&event, c)| match c {
                Choice::Apart(a) => Some((report, event, *a)),
                _ => None,
            })
        })
    }
}

/// The value most often counted, the smallest on a tie.
fn most_common<T: Ord + Copy>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    most_counted(&counts)
}

/// The value of a count table counted most often (never none), the
/// smallest on a tie.
fn most_counted<T: Ord + Copy>(counts: &BTreeMap<T, usize>) -> Option<T> {
    let best = counts.values().copied().filter(|n| *n > 0).max()?;
    counts.iter().find(|(_, n)| **n == best).map(|(v, _)| *v)
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
///
/// Only the reports with a lead instance of an event are visited for it;
/// the others count in the run's year by their own date alone (what they
/// would give, stating no dates of the event), from a table counted once.
pub fn resolve<'a>(rules: &RuleSet, summaries: &'a [Summary]) -> Views<'a> {
    let mut about: Vec<Vec<usize>> = vec![Vec::new(); rules.events.len()];
    let mut report_years: BTreeMap<i16, usize> = BTreeMap::new();
    for (r, s) in summaries.iter().enumerate() {
        for &e in s.facts.stated.keys() {
            if let Some(list) = about.get_mut(e) {
                list.push(r);
            }
        }
        if let Some(y) = s.facts.report_year {
            *report_years.entry(y).or_default() += 1;
        }
    }
    let mut choices: BTreeMap<usize, Choices> = BTreeMap::new();
    for (event, reports) in about.iter().enumerate() {
        // The run's year: the year of the event's dates, else of the report.
        let year_of = |v: &View<'_>| {
            dates_year(rules, event, &|si| v.get(event, si).map(|s| s.value))
                .or(v.facts.report_year)
        };
        let mut years = report_years.clone();
        for v in reports.iter().filter_map(|&r| view(summaries, &choices, r)) {
            if let Some(n) = v.facts.report_year.and_then(|y| years.get_mut(&y)) {
                *n -= 1;
            }
            if let Some(y) = year_of(&v) {
                *years.entry(y).or_default() += 1;
            }
        }
        let run_year = most_counted(&years);
        // The run's edition: the ordinal most reports of the run's year
        // mention (as their lead instance or another).
        let of_year =
            |v: &View<'_>| run_year.is_none() || year_of(v).is_none_or(|y| Some(y) == run_year);
        let run_ordinal = most_common(
            reports
                .iter()
                .filter_map(|&r| view(summaries, &choices, r))
                .filter(|v| of_year(v))
                .flat_map(|v| {
                    let lead = v.facts.lead_ordinal(event);
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
                }),
        );
        // A report that leads with another edition but mentions the run's
        // is compared on the run's.
        if let Some(o) = run_ordinal {
            for &r in reports {
                let Some(f) = summaries.get(r).map(|s| &*s.facts) else {
                    continue;
                };
                let lead = f.lead_ordinal(event);
                if lead.is_some_and(|l| l != o)
                    && let Some(k) = f
                        .others
                        .iter()
                        .position(|x| x.event == event && x.ordinal == o)
                {
                    choices
                        .entry(r)
                        .or_default()
                        .insert(event, Choice::Other(k));
                }
            }
        }
        let Some(run_year) = run_year else {
            continue;
        };
        for &r in reports {
            let Some(v) = view(summaries, &choices, r) else {
                continue;
            };
            let dated = dates_year(rules, event, &|si| v.get(event, si).map(|s| s.value));
            let lead = v.facts.lead_ordinal(event);
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
            if let Some(a) = apart {
                choices
                    .entry(r)
                    .or_default()
                    .insert(event, Choice::Apart(a));
            }
        }
    }
    Views {
        summaries,
        choices,
        about,
    }
}

/// Report `r` with its choices (those made so far, while resolving).
fn view<'v>(
    summaries: &'v [Summary],
    choices: &'v BTreeMap<usize, Choices>,
    r: usize,
) -> Option<View<'v>> {
    Some(View {
        facts: &summaries.get(r)?.facts,
        choice: choices.get(&r),
    })
}
