//! Changing figures (`deaths : count(death) … changing`): tolls, arrests,
//! turnout, stated again and again, each time for a later moment.
//!
//! - `agree` on a changing slot compares only figures for the same time
//!   (within the rule's `window` of minutes) from the same authority: two
//!   outlets giving 455 and 610 "as of noon" disagree; 310 at 08:00 and 455
//!   at noon are an update.
//! - `check series` reads each authority's figures in time order: a figure
//!   that does not fit the rising series (a toll that goes down, a figure
//!   stamped with the wrong time) is reported, against the figures around
//!   it. The series kept is the longest rising one, each figure weighed by
//!   the reports that state it.
//!
//! Only placed figures count (a day and a time of day, stated or the
//! report's own); figures of a day with no time of day, and unplaced ones,
//! are shown in the timeline and never compared.

use std::collections::BTreeMap;

use crate::engine::finding::{Facts, Finding, Note, Side, SlotRef, Value};
use crate::engine::instances::Views;
use crate::engine::slots::{Point, StatedValue};
use crate::rules::{EntityId, Rule, RuleSet};
use crate::value::{Date, Quantity};

use super::{finding, slot_def};

/// A time a figure holds for: a placed day and minutes after midnight.
pub type Moment = (Date, u16);

/// A figure of one report, placed.
#[derive(Clone, Copy)]
struct Placed<'a> {
    report: usize,
    at: Moment,
    point: &'a Point,
}

/// Every figure of a changing slot, with its report (reports set apart
/// left out).
fn points_of<'a>(at: SlotRef, facts: &'a Views<'_>) -> impl Iterator<Item = (usize, &'a Point)> {
    facts
        .of(at.event)
        .filter(move |(_, v)| v.apart(at.event).is_none())
        .flat_map(move |(report, v)| {
            v.facts
                .series
                .iter()
                .filter(move |s| s.event == at.event && s.slot == at.slot)
                .flat_map(move |s| s.points.iter().map(move |p| (report, p)))
        })
}

/// The figures of a changing slot, by authority, placed and in time order.
fn placed<'a>(at: SlotRef, facts: &'a Views<'_>) -> BTreeMap<Option<EntityId>, Vec<Placed<'a>>> {
    let mut by: BTreeMap<Option<EntityId>, Vec<Placed<'a>>> = BTreeMap::new();
    for (report, point) in points_of(at, facts) {
        let Some(stamp) = point.at else { continue };
        let (Some(date), Some(minutes)) = (stamp.date, stamp.minutes) else {
            continue;
        };
        by.entry(point.by).or_default().push(Placed {
            report,
            at: (date, minutes),
            point,
        });
    }
    for list in by.values_mut() {
        list.sort_by(|a, b| {
            (a.at, a.point.value.value, a.report)
                .partial_cmp(&(b.at, b.point.value.value, b.report))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    by
}

fn minutes_between(a: Moment, b: Moment) -> i64 {
    let day = |d: Date| crate::extract::dates::day_number(d).unwrap_or(0);
    (day(b.0) - day(a.0)) * 1440 + i64::from(b.1) - i64::from(a.1)
}

fn value_of(q: Quantity) -> Value {
    Value::Stated {
        value: StatedValue::Quantity(q),
        ordinal: false,
    }
}

/// The series of a changing figure, for people: each time, each value,
/// the reports stating it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Timeline {
    pub slot: SlotRef,
    pub by: Option<EntityId>,
    pub points: Vec<TimePoint>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimePoint {
    /// When it holds; no day: unplaced; no minutes: a day only.
    pub date: Option<Date>,
    pub minutes: Option<u16>,
    pub value: Quantity,
    pub reports: Vec<usize>,
    /// The time is the report's own: its sentence states none.
    pub weak: bool,
    pub provisional: bool,
    /// For an unplaced figure: the report and the words that state its
    /// time, kept as written.
    pub words: Option<(usize, crate::span::Span)>,
}

/// The timelines of every changing slot the rules compare, one per
/// authority, in time order (unplaced figures last).
pub fn timelines(rules: &RuleSet, facts: &Views<'_>) -> Vec<Timeline> {
    let mut out = Vec::new();
    for (event, ev) in rules.events.iter().enumerate() {
        for (slot, _) in ev.slots.iter().enumerate().filter(|(_, s)| s.changing) {
            let at = SlotRef { event, slot };
            // Figures of one time and value merge (keyed, so the work stays
            // linear in the figures).
            type Key = (
                Option<Date>,
                Option<u16>,
                u64,
                Option<crate::value::Qualifier>,
            );
            let mut by: BTreeMap<Option<EntityId>, BTreeMap<Key, TimePoint>> = BTreeMap::new();
            for (report, p) in points_of(at, facts) {
                let (date, minutes, weak, provisional) =
                    p.at.map_or((None, None, true, false), |s| {
                        (s.date, s.minutes, s.span.is_none(), s.provisional)
                    });
                let key = (date, minutes, p.value.value.to_bits(), p.value.qualifier);
                let words =
                    p.at.filter(|s| s.date.is_none())
                        .and_then(|s| s.span)
                        .map(|span| (report, span));
                let t = by
                    .entry(p.by)
                    .or_default()
                    .entry(key)
                    .or_insert_with(|| TimePoint {
                        date,
                        minutes,
                        value: p.value,
                        reports: Vec::new(),
                        weak,
                        provisional,
                        words,
                    });
                // A report's figures come together: one look back dedups.
                if t.reports.last() != Some(&report) {
                    t.reports.push(report);
                }
            }
            for (authority, points) in by {
                let mut points: Vec<TimePoint> = points.into_values().collect();
                points.sort_by(|a, b| {
                    let key =
                        |t: &TimePoint| (t.date.is_none(), t.date, t.minutes.is_none(), t.minutes);
                    key(a).cmp(&key(b)).then(
                        a.value
                            .value
                            .partial_cmp(&b.value.value)
                            .unwrap_or(std::cmp::Ordering::Equal),
                    )
                });
                out.push(Timeline {
                    slot: at,
                    by: authority,
                    points,
                });
            }
        }
    }
    out
}

/// `agree` on a changing slot: figures for the same time disagree.
pub fn agree(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    at: SlotRef,
    (tolerance, window): (f64, u16),
    facts: &Views<'_>,
) -> Vec<Finding> {
    if slot_def(rules, at).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (by, list) in placed(at, facts) {
        // Clusters of figures within the window of the cluster's first.
        let mut k = 0;
        while let Some(first) = list.get(k) {
            let mut end = k;
            while list
                .get(end)
                .is_some_and(|p| minutes_between(first.at, p.at) <= i64::from(window))
            {
                end += 1;
            }
            let cluster = list.get(k..end).unwrap_or_default();
            k = end;
            // One figure per report: its last for that time.
            let mut per_report: BTreeMap<usize, &Placed<'_>> = BTreeMap::new();
            for p in cluster {
                per_report.insert(p.report, p);
            }
            if per_report.len() < 2 {
                continue;
            }
            // Group by value; values that agree within the tolerance join.
            let mut groups: Vec<(Quantity, Vec<&Placed<'_>>)> = Vec::new();
            for p in per_report.values() {
                match groups
                    .iter_mut()
                    .find(|(q, _)| q.agrees(&p.point.value, tolerance))
                {
                    Some((_, g)) => g.push(p),
                    None => groups.push((p.point.value, vec![p])),
                }
            }
            if groups.len() < 2 {
                continue;
            }
            groups.sort_by_key(|(_, g)| std::cmp::Reverse(g.len()));
            let tie = groups
                .get(1)
                .is_some_and(|(_, g)| groups.first().is_some_and(|(_, f)| f.len() == g.len()));
            let facts_of = Facts::SameTime {
                date: first.at.0,
                minutes: first.at.1,
                by,
                tie,
            };
            let mut f = finding((index, rule), facts_of, Some(at));
            f.sides = groups
                .iter()
                .enumerate()
                .map(|(n, (q, g))| Side {
                    value: value_of(*q),
                    normalized: q.describe(),
                    majority: n == 0 && !tie,
                    evidence: g.iter().map(|p| p.point.evidence.clone()).collect(),
                })
                .collect();
            out.push(f);
        }
    }
    out
}

/// `check series`: figures that do not fit an authority's rising series.
pub fn check(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    at: SlotRef,
    facts: &Views<'_>,
) -> Vec<Finding> {
    if slot_def(rules, at).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (by, list) in placed(at, facts) {
        // The same time and value from several reports weigh as one point
        // stated that many times.
        let mut points: Vec<(Moment, f64, Vec<&Placed<'_>>)> = Vec::new();
        for p in &list {
            match points.last_mut() {
                Some((m, v, g)) if *m == p.at && (*v - p.point.value.value).abs() < 1e-9 => {
                    g.push(p)
                }
                _ => points.push((p.at, p.point.value.value, vec![p])),
            }
        }
        let keep = rising(
            &points
                .iter()
                .map(|(_, v, g)| (*v, g.len()))
                .collect::<Vec<_>>(),
        );
        for (k, (moment, value, group)) in points.iter().enumerate() {
            if keep.get(k).copied().unwrap_or(true) {
                continue;
            }
            let kept = |j: &usize| keep.get(*j).copied().unwrap_or(false);
            let before = (0..k).rev().find(kept).and_then(|j| points.get(j));
            let after = (k + 1..points.len()).find(kept).and_then(|j| points.get(j));
            let facts_of = Facts::OutOfSequence {
                by,
                at: *moment,
                value: *value,
                before: before.map(|(m, v, _)| (*m, *v)),
                after: after.map(|(m, v, _)| (*m, *v)),
            };
            let mut f = finding((index, rule), facts_of, Some(at));
            let side = |v: f64, g: &[&Placed<'_>], majority: bool| Side {
                value: value_of(Quantity::exact(v)),
                normalized: crate::value::format_number(v),
                majority,
                evidence: g.iter().map(|p| p.point.evidence.clone()).collect(),
            };
            f.sides.push(side(*value, group, false));
            for (_, v, g) in before.into_iter().chain(after) {
                f.sides.push(side(*v, g, true));
            }
            if group
                .iter()
                .any(|p| p.point.at.is_some_and(|s| s.span.is_none()))
            {
                f.notes.push(Note::ReportTime);
            }
            out.push(f);
        }
    }
    out
}

/// Which points, in time order, make the heaviest non-decreasing series
/// (weights: the reports stating each). A weighted longest non-decreasing
/// subsequence, in O(n log n) with a Fenwick tree over the ranks of the
/// values (no crate of the project's set computes one).
fn rising(points: &[(f64, usize)]) -> Vec<bool> {
    let n = points.len();
    let mut ranks: Vec<f64> = points.iter().map(|(v, _)| *v).collect();
    ranks.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    ranks.dedup();
    let rank = |v: f64| ranks.partition_point(|r| *r < v) + 1;
    // tree[i]: the best (weight, end index) among series ending at a value
    // of rank ≤ i.
    let mut tree: Vec<(usize, Option<usize>)> = vec![(0, None); ranks.len() + 1];
    let mut best_at: Vec<usize> = vec![0; n];
    let mut parent: Vec<Option<usize>> = vec![None; n];
    for (k, (v, w)) in points.iter().enumerate() {
        let r = rank(*v);
        let mut i = r;
        let mut prev = (0, None);
        while i > 0 {
            if let Some(t) = tree.get(i)
                && t.0 > prev.0
            {
                prev = *t;
            }
            i &= i - 1;
        }
        let total = prev.0 + w;
        if let Some(b) = best_at.get_mut(k) {
            *b = total;
        }
        if let Some(p) = parent.get_mut(k) {
            *p = prev.1;
        }
        let mut i = r;
        while i < tree.len() {
            if let Some(t) = tree.get_mut(i)
                && total > t.0
            {
                *t = (total, Some(k));
            }
            i += i & i.wrapping_neg();
        }
    }
    let mut keep = vec![false; n];
    let mut at =
        (0..n).max_by_key(|&k| (best_at.get(k).copied().unwrap_or(0), std::cmp::Reverse(k)));
    while let Some(k) = at {
        if let Some(x) = keep.get_mut(k) {
            *x = true;
        }
        at = parent.get(k).copied().flatten();
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::rising;

    #[test]
    fn the_heaviest_rising_series_is_kept() {
        // 140, 310, 610 (one report, stamped 10:00), 455 (two reports), 610
        assert_eq!(
            rising(&[(140.0, 1), (310.0, 1), (610.0, 1), (455.0, 2), (610.0, 2)]),
            [true, true, false, true, true]
        );
        // a toll that goes down at the end
        assert_eq!(
            rising(&[(140.0, 1), (310.0, 2), (300.0, 1)]),
            [true, true, false]
        );
        assert_eq!(rising(&[]), Vec::<bool>::new());
    }
}
