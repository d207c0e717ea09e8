//! `agree EVENT.SLOT`: every report that states the slot states the same
//! value, and no report states two values for one instance.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::engine::finding::{Facts, Finding, Note, Reports, Role, Side, SlotRef, Value};
use crate::engine::instances::Views;
use crate::engine::slots::{StatedValue, Statement};
use crate::rules::{EntityId, Rule, RuleSet, Scope};
use crate::source::Lang;

use super::{finding, slot_def};

pub fn check(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    at: SlotRef,
    tolerance: f64,
    facts: &Views<'_>,
) -> Vec<Finding> {
    let Some(def) = slot_def(rules, at) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stated: Vec<(usize, &Statement)> = Vec::new();
    for (report, f) in facts.of(at.event) {
        let Some(st) = f.get(at.event, at.slot) else {
            continue;
        };
        stated.push((report, st));
        // Two values for one instance inside one report.
        if !st.conflicts.is_empty() {
            out.push(within_report(rules, (index, rule), (at, def), report, st));
        }
    }
    // Authorities that measure differently are not in conflict: a report
    // attributing its value is compared with the reports of its authority
    // (and with those that attribute nothing but state one of its values).
    let mut silent: Option<Reports> = None;
    for part in by_authority(&stated, tolerance) {
        if let Some(mut f) = disagreement(rules, (index, rule), (at, def, tolerance), &part, facts)
        {
            f.silent = silent.get_or_insert_with(|| silent_on(at, facts)).clone();
            out.push(f);
        }
    }
    out
}

/// The finding of a report that states several values for one instance.
pub(crate) fn within_report(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    (at, def): (SlotRef, &crate::rules::Slot),
    report: usize,
    st: &Statement,
) -> Finding {
    let display = |v: &StatedValue| Value::of_slot(*v, &def.ty);
    let mut sides = vec![Side {
        value: display(&st.value),
        normalized: st.value.normalized(rules),
        majority: true,
        evidence: vec![st.evidence.clone()],
    }];
    sides.extend(st.conflicts.iter().map(|(v, ev)| Side {
        value: display(v),
        normalized: v.normalized(rules),
        majority: false,
        evidence: vec![ev.clone()],
    }));
    let mut f = finding((index, rule), Facts::WithinReport { report }, Some(at));
    f.sides = sides;
    f.notes.push(Note::SameInstance { report });
    f
}

/// The reports that state nothing for the slot, in report order: those
/// without the event, and those with it that leave the slot unfilled (a
/// report set apart is named as such, not as silent).
pub(crate) fn silent_on(at: SlotRef, facts: &Views<'_>) -> Reports {
    let about = facts.about(at.event);
    (0..facts.len())
        .filter(|r| match about.binary_search(r) {
            Err(_) => true,
            Ok(_) => facts
                .get(*r)
                .is_some_and(|v| v.get(at.event, at.slot).is_none() && v.apart(at.event).is_none()),
        })
        .collect()
}

/// Statements grouped by the authority they are attributed to; with one
/// authority or none, a single group.
fn by_authority<'s>(
    stated: &[(usize, &'s Statement)],
    tolerance: f64,
) -> Vec<Vec<(usize, &'s Statement)>> {
    let mut authorities: Vec<EntityId> = stated.iter().filter_map(|(_, s)| s.by).collect();
    authorities.sort_unstable();
    authorities.dedup();
    if authorities.len() < 2 {
        return vec![stated.to_vec()];
    }
    // Each authority's distinct values (few), for the reports that
    // attribute nothing.
    let mut values: Vec<Vec<StatedValue>> = vec![Vec::new(); authorities.len()];
    for (_, st) in stated {
        if let Some(k) = st.by.and_then(|a| authorities.iter().position(|x| *x == a))
            && let Some(v) = values.get_mut(k)
            && !v.contains(&st.value)
        {
            v.push(st.value);
        }
    }
    let mut parts: Vec<Vec<(usize, &Statement)>> = vec![Vec::new(); authorities.len() + 1];
    for (r, st) in stated {
        let k = match st.by {
            Some(a) => authorities.iter().position(|x| *x == a),
            None => values
                .iter()
                .position(|vs| vs.iter().any(|v| v.agrees(&st.value, tolerance))),
        }
        .unwrap_or(authorities.len());
        if let Some(p) = parts.get_mut(k) {
            p.push((*r, *st));
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// The disagreement among statements of one authority, if any.
pub(crate) fn disagreement(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    (at, def, tolerance): (SlotRef, &crate::rules::Slot, f64),
    stated: &[(usize, &Statement)],
    facts: &Views<'_>,
) -> Option<Finding> {
    let display = |v: &StatedValue| Value::of_slot(*v, &def.ty);
    if stated.len() < 2 {
        return None;
    }
    // Group by normalised value (hash grouping), then measure support.
    let mut groups: BTreeMap<String, (StatedValue, Vec<usize>)> = BTreeMap::new();
    for (rid, st) in stated {
        let key = st.value.normalized(rules);
        groups
            .entry(key)
            .or_insert((st.value, Vec::new()))
            .1
            .push(*rid);
    }
    if groups.len() < 2 {
        return None;
    }
    // No two values disagree (hedges, ranges, a missing year): no finding.
    let values: Vec<&StatedValue> = groups.values().map(|(v, _)| v).collect();
    let any_conflict = values
        .iter()
        .enumerate()
        .any(|(i, a)| values.iter().skip(i + 1).any(|b| !a.agrees(b, tolerance)));
    if !any_conflict {
        return None;
    }
    // Support of a value: the reports whose value agrees with it.
    let support = |v: &StatedValue| -> Vec<usize> {
        stated
            .iter()
            .filter(|(_, st)| st.value.agrees(v, tolerance))
            .map(|(r, _)| *r)
            .collect()
    };
    // The majority value is the one most reports state exactly; support (the
    // reports merely compatible with it) breaks ties. A value compatible
    // with everything (a single day inside every range) does not outvote
    // the values it sits between.
    // Equal standing is settled by the values themselves (the more specific,
    // then the normalised form), never by the order of the reports.
    let mut ranked: Vec<(usize, Vec<usize>, StatedValue)> = groups
        .values()
        .map(|(v, rids)| (rids.len(), support(v), *v))
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse((r.0, r.1.len(), r.2.specificity())));
    // A value may agree with values that disagree with each other: "more
    // than 60" with 61 and 62, the opening day "27 May" with "27-29 May" and
    // "27-30 May". Such a value bridges a conflict: it does not lead then,
    // or it would merge both sides into one.
    let by_report: HashMap<usize, &Statement> = stated.iter().map(|(r, s)| (*r, *s)).collect();
    let bridges = |candidate: &StatedValue, support: &[usize]| {
        // The distinct values of the support that say no less than the
        // candidate (the opening day inside a range proves no conflict of
        // the range), compared pairwise (few).
        let mut firm: Vec<&StatedValue> = Vec::new();
        for v in support
            .iter()
            .filter_map(|r| by_report.get(r))
            .map(|st| &st.value)
            .filter(|v| !v.says_less_than(candidate))
        {
            if !firm.contains(&v) {
                firm.push(v);
            }
        }
        firm.iter()
            .enumerate()
            .any(|(i, a)| firm.iter().skip(i + 1).any(|b| !a.agrees(b, tolerance)))
    };
    let firm: Vec<bool> = ranked.iter().map(|r| !bridges(&r.2, &r.1)).collect();
    if firm.contains(&true) {
        ranked = ranked
            .into_iter()
            .zip(firm)
            .filter_map(|(r, firm)| firm.then_some(r))
            .collect();
    }
    let (best_exact, best_support, best_value) = ranked.first().cloned()?;
    let tie = ranked.get(1).is_some_and(|(e, s, v)| {
        *e == best_exact && s.len() == best_support.len() && !v.agrees(&best_value, tolerance)
    });
    let statement_of = |rid: usize| by_report.get(&rid).copied();
    // The report whose value stands for others, chosen by the values alone
    // (never by the order of the reports): the most specific one seeds a
    // group, so that a hedge or a missing year never gathers values that
    // disagree; a side is named by its broadest value, the one true of every
    // report on it. Equal ones: the first normalised form.
    let pick = |rids: &[usize], seed: bool| -> Option<usize> {
        rids.iter()
            .filter_map(|&r| statement_of(r).map(|st| (r, st)))
            .min_by_key(|(_, st)| {
                let (a, b) = if seed {
                    st.value.specificity()
                } else {
                    st.value.breadth()
                };
                ((u8::MAX - a, u8::MAX - b), st.value.normalized(rules))
            })
            .map(|(r, _)| r)
    };
    let side_for = |rids: &[usize], majority: bool| -> Option<Side> {
        let first = statement_of(pick(rids, false)?)?;
        let value = display(&first.value);
        Some(Side {
            evidence: rids
                .iter()
                .filter_map(|&rid| {
                    let st = statement_of(rid)?;
                    let mut e = st.evidence.clone();
                    // A report whose value only agrees with the side's (120
                    // beside "more than 100") shows its own.
                    let own = display(&st.value);
                    if own != value {
                        e.role = Some(Role::Stated(own));
                    }
                    Some(e)
                })
                .collect(),
            value,
            normalized: first.value.normalized(rules),
            majority,
        })
    };
    // Groups of reports, each with the value that seeded it: the majority's
    // first, then the others grouped by their own value (the most specific
    // first), larger groups first.
    let best_set: HashSet<usize> = best_support.iter().copied().collect();
    let mut rest: Vec<usize> = stated
        .iter()
        .map(|(r, _)| *r)
        .filter(|r| !best_set.contains(r))
        .collect();
    let mut other_groups: Vec<(Vec<usize>, StatedValue)> = Vec::new();
    while let Some(first) = pick(&rest, true) {
        let Some(v) = statement_of(first).map(|s| s.value) else {
            break;
        };
        let same: Vec<usize> = rest
            .iter()
            .copied()
            .filter(|r| statement_of(*r).is_some_and(|s| s.value.agrees(&v, tolerance)))
            .collect();
        let same_set: HashSet<usize> = same.iter().copied().collect();
        rest.retain(|r| !same_set.contains(r));
        other_groups.push((same, v));
    }
    other_groups.sort_by_key(|g| std::cmp::Reverse(g.0.len()));
    let mut groups: Vec<(Vec<usize>, StatedValue, bool)> = vec![(best_support, best_value, !tie)];
    groups.extend(other_groups.into_iter().map(|(g, v)| (g, v, false)));
    // A report that agrees with the values of several groups (a hedge, a
    // day inside two ranges) is on none of them: it is named apart.
    let mut between: Vec<(usize, Value)> = Vec::new();
    let mut apart: HashSet<usize> = HashSet::new();
    for (rid, st) in stated {
        if groups
            .iter()
            .filter(|(_, seed, _)| seed.agrees(&st.value, tolerance))
            .nth(1)
            .is_some()
        {
            apart.insert(*rid);
            between.push((*rid, display(&st.value)));
        }
    }
    if !apart.is_empty() {
        for (g, _, _) in &mut groups {
            g.retain(|r| !apart.contains(r));
        }
    }
    let mut sides: Vec<Side> = groups
        .iter()
        .filter_map(|(g, _, majority)| side_for(g, *majority))
        .collect();
    sides.retain(|s| !s.evidence.is_empty());
    if sides.len() < 2 {
        return None;
    }

    let mut f = finding((index, rule), Facts::Disagreement { tie }, Some(at));
    // Notes: weaker evidence, naming, other instances. One note per kind of
    // remark, naming every report it concerns.
    // (Keyed by the scope's name: the notes keep the order they always had.)
    let mut weak: BTreeMap<&str, (Scope, Vec<usize>)> = BTreeMap::new();
    for e in sides.iter().flat_map(|s| &s.evidence) {
        if e.fallback {
            let scope = e.scope.unwrap_or(Scope::Document);
            weak.entry(scope.as_str())
                .or_insert_with(|| (scope, Vec::new()))
                .1
                .push(e.report);
        }
    }
    f.notes
        .extend(weak.into_values().map(|(scope, reports)| Note::Fallback {
            reports,
            scope,
            primary: def.scope,
        }));
    f.notes.extend(naming_notes(&sides, at.event, facts));
    f.notes.extend(
        between
            .into_iter()
            .map(|(report, value)| Note::Between { report, value }),
    );
    f.sides = sides;
    let involved: HashSet<usize> = f.reports().into_iter().collect();
    for (report, view) in facts.of(at.event) {
        if !involved.contains(&report) {
            continue;
        }
        if let Some(ordinal) = view.switched_to(at.event) {
            f.notes.push(Note::ComparedOn { report, ordinal });
            continue;
        }
        for o in &view.facts.others {
            if o.event == at.event {
                f.notes.push(Note::OtherInstance {
                    report,
                    ordinal: o.ordinal,
                });
            }
        }
    }
    f.notes.extend(super::set_apart_notes(facts, at.event));
    Some(f)
}

/// A report, how it names the event (descriptor words, original words),
/// and its language.
type Named<'a> = (usize, &'a (Vec<String>, String), Lang);

/// When the reports on the two sides name the event with different words
/// (`الإقليمي` against `الدولي`), the odd report may describe another event.
/// Names are compared within one language only: `réunion internationale`
/// and `الاجتماع الدولي` share no word and name one meeting.
fn naming_notes(sides: &[Side], event: usize, facts: &Views<'_>) -> Vec<Note> {
    let descriptor = |rid: usize| -> Option<(&(Vec<String>, String), Lang)> {
        let f = facts.get(rid)?.facts;
        Some((f.lead_name.get(&event)?, f.lang))
    };
    let Some(majority_side) = sides.first() else {
        return Vec::new();
    };
    let majors: Vec<Named<'_>> = majority_side
        .evidence
        .iter()
        .filter_map(|e| descriptor(e.report).map(|(d, l)| (e.report, d, l)))
        .collect();
    // The names the majority uses (the first two), each with its reports.
    let mut majority: Vec<(String, Vec<usize>)> = Vec::new();
    for (rid, (d, name), _) in &majors {
        if d.is_empty() {
            continue;
        }
        match majority.iter_mut().find(|(n, _)| n == name) {
            Some((_, ids)) => ids.push(*rid),
            None => majority.push((name.clone(), vec![*rid])),
        }
    }
    majority.truncate(2);
    // Reports on the other sides that name the event with none of the words
    // the majority's reports in their language use, grouped by their name.
    // (The majority's words are gathered once per language: the odd reports
    // are looked up against them, never against every majority report.)
    let mut major_words: HashMap<Lang, HashSet<&str>> = HashMap::new();
    for (_, (d, _), lang) in &majors {
        major_words
            .entry(*lang)
            .or_default()
            .extend(d.iter().map(String::as_str));
    }
    let mut odd: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut seen: HashSet<(&str, usize)> = HashSet::new();
    for e in sides.iter().skip(1).flat_map(|s| &s.evidence) {
        let Some(((words, name), lang)) = descriptor(e.report) else {
            continue;
        };
        let Some(set) = major_words.get(&lang).filter(|s| !s.is_empty()) else {
            continue;
        };
        if words.is_empty() || words.iter().any(|w| set.contains(w.as_str())) {
            continue;
        }
        if seen.insert((name.as_str(), e.report)) {
            odd.entry(name.clone()).or_default().push(e.report);
        }
    }
    odd.into_iter()
        .map(|(name, reports)| Note::OtherName {
            reports,
            name,
            majority: majority.clone(),
        })
        .collect()
}
