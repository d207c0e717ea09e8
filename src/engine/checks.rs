//! The rules: `agree`, `expect`, `check` expressions, weekdays, breakdowns.

use std::collections::BTreeMap;

use crate::extract::{Claim, ClaimValue, Extraction};
use crate::rules::ast::{BinOp, CmpOp, Func};
use crate::rules::{CExpr, Expected, Figure, Rule, RuleSet, Scope};
use crate::value::{DateRange, Quantity, WEEKDAY_NAMES, format_number};

use super::finding::*;
use super::slots::{SourceFacts, StatedValue, Statement};
use super::{Report, ReportName};

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

fn base(rule: &Rule, kind: FindingKind, message: String, slot: Option<String>) -> Finding {
    Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        kind,
        message: rule.message.clone().unwrap_or(message),
        slot,
        sides: Vec::new(),
        silent: Vec::new(),
        notes: Vec::new(),
        help: rule.help.clone(),
        rule_order: 0,
    }
}

/// The slot a rule reads, with its event's and its own name.
fn slot_of(
    rules: &RuleSet,
    event: usize,
    slot: usize,
) -> Option<(String, String, &crate::rules::Slot)> {
    let ev = rules.events.get(event)?;
    let def = ev.slots.get(slot)?;
    Some((ev.name.clone(), def.name.clone(), def))
}

/// Report names for a message: all of them up to ten, then a count.
fn names(reports: &[ReportName], ids: &[usize]) -> String {
    let list: Vec<String> = ids
        .iter()
        .take(10)
        .filter_map(|&i| reports.get(i).map(|r| r.short.clone()))
        .collect();
    let mut s = list.join(", ");
    if ids.len() > 10 {
        s.push_str(&format!(" and {} more", ids.len() - 10));
    }
    s
}

/// `agree EVENT.SLOT`: every report that states the slot states the same value.
pub fn agree(
    rules: &RuleSet,
    rule: &Rule,
    event: usize,
    slot: usize,
    tolerance: f64,
    reports: &[ReportName],
    facts: &[&SourceFacts],
) -> Vec<Finding> {
    let Some((ev_name, sl_name, slot_def)) = slot_of(rules, event, slot) else {
        return Vec::new();
    };
    let path = format!("{ev_name}.{sl_name}");
    let mut out = Vec::new();
    let mut stated: Vec<(usize, &Statement)> = Vec::new();
    let mut silent = Vec::new();
    for (r, f) in reports.iter().zip(facts) {
        match f.get(event, slot) {
            Some(st) => stated.push((r.id, st)),
            None => silent.push(r.id),
        }
        // Two values for one instance inside one report.
        if let Some(st) = f.get(event, slot)
            && !st.conflicts.is_empty()
        {
            let mut finding = base(
                rule,
                FindingKind::WithinReport,
                format!("{} states more than one {path}", r.short),
                Some(path.clone()),
            );
            finding.rule = rule.id.clone();
            let mut sides = vec![Side {
                value: st.value.display(rules, &slot_def.ty),
                normalized: st.value.normalized(rules),
                majority: true,
                evidence: vec![st.evidence.clone()],
            }];
            for (v, ev) in &st.conflicts {
                sides.push(Side {
                    value: v.display(rules, &slot_def.ty),
                    normalized: v.normalized(rules),
                    majority: false,
                    evidence: vec![ev.clone()],
                });
            }
            finding.sides = sides;
            finding.notes.push(format!(
                "both values are read for mentions of the same {ev_name} (same or no ordinal) in {}",
                r.short
            ));
            out.push(finding);
        }
    }
    if stated.len() < 2 {
        return out;
    }
    // Group by normalised value (hash grouping), then measure support.
    let mut groups: BTreeMap<String, (StatedValue, Vec<usize>)> = BTreeMap::new();
    let mut group_order: Vec<String> = Vec::new();
    for (rid, st) in &stated {
        let key = st.value.normalized(rules);
        let entry = groups.entry(key.clone()).or_insert_with(|| {
            group_order.push(key.clone());
            (st.value, Vec::new())
        });
        entry.1.push(*rid);
    }
    if groups.len() < 2 {
        return out;
    }
    // No two values disagree (hedges, ranges, a missing year): no finding.
    let values: Vec<&StatedValue> = group_order
        .iter()
        .filter_map(|k| groups.get(k).map(|(v, _)| v))
        .collect();
    let any_conflict = values
        .iter()
        .enumerate()
        .any(|(i, a)| values.iter().skip(i + 1).any(|b| !a.agrees(b, tolerance)));
    if !any_conflict {
        return out;
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
    let mut ranked: Vec<(usize, Vec<usize>, StatedValue)> = group_order
        .iter()
        .filter_map(|k| groups.get(k).map(|(v, rids)| (rids.len(), support(v), *v)))
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse((r.0, r.1.len())));
    let Some((best_exact, best_support, best_value)) = ranked.first().cloned() else {
        return out;
    };
    let tie = ranked.get(1).is_some_and(|(e, s, v)| {
        *e == best_exact && s.len() == best_support.len() && !v.agrees(&best_value, tolerance)
    });
    let by_report: std::collections::HashMap<usize, &Statement> =
        stated.iter().map(|(r, s)| (*r, *s)).collect();
    let statement_of = |rid: usize| by_report.get(&rid).copied();
    let side_for = |rids: &[usize], majority: bool| -> Option<Side> {
        let first = statement_of(*rids.first()?)?;
        Some(Side {
            value: first.value.display(rules, &slot_def.ty),
            normalized: first.value.normalized(rules),
            majority,
            evidence: rids
                .iter()
                .filter_map(|&rid| {
                    let st = statement_of(rid)?;
                    let mut e = st.evidence.clone();
                    // A report whose value only agrees with the side's (120
                    // beside "more than 100") shows its own.
                    let own = st.value.display(rules, &slot_def.ty);
                    if own != first.value.display(rules, &slot_def.ty) {
                        e.role = Some(own);
                    }
                    Some(e)
                })
                .collect(),
        })
    };
    let mut sides = Vec::new();
    if let Some(s) = side_for(&best_support, !tie) {
        sides.push(s);
    }
    let best_set: std::collections::HashSet<usize> = best_support.iter().copied().collect();
    let mut rest: Vec<usize> = stated
        .iter()
        .map(|(r, _)| *r)
        .filter(|r| !best_set.contains(r))
        .collect();
    // The others, grouped by their own value, larger groups first.
    let mut other_groups: Vec<Vec<usize>> = Vec::new();
    while let Some(&first) = rest.first() {
        let Some(v) = statement_of(first).map(|s| s.value) else {
            break;
        };
        let same: Vec<usize> = rest
            .iter()
            .copied()
            .filter(|r| statement_of(*r).is_some_and(|s| s.value.agrees(&v, tolerance)))
            .collect();
        let same_set: std::collections::HashSet<usize> = same.iter().copied().collect();
        rest.retain(|r| !same_set.contains(r));
        other_groups.push(same);
    }
    other_groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    for g in &other_groups {
        if let Some(s) = side_for(g, false) {
            sides.push(s);
        }
    }
    let total = stated.len();
    let majority_value = sides.first().map(|s| s.value.clone()).unwrap_or_default();
    let minority: Vec<String> = sides
        .iter()
        .skip(1)
        .map(|s| {
            let ids: Vec<usize> = s.evidence.iter().map(|e| e.report).collect();
            format!("{} says {}", names(reports, &ids), s.value)
        })
        .collect();
    let message = if tie {
        format!("reports disagree on {path}, evenly split")
    } else {
        format!("reports disagree on {path}")
    };
    let mut finding = base(rule, FindingKind::Disagreement, message, Some(path.clone()));
    let help = if tie {
        let first_ids: Vec<usize> = sides
            .first()
            .map(|s| s.evidence.iter().map(|e| e.report).collect())
            .unwrap_or_default();
        format!(
            "{} says {majority_value}; {}: no value has a majority",
            names(reports, &first_ids),
            minority.join("; ")
        )
    } else {
        format!(
            "{} of {total} reports ({}) say {majority_value}; {}",
            best_support.len(),
            names(reports, &best_support),
            minority.join("; ")
        )
    };
    finding.help = rule.help.clone().or(Some(help));
    // Notes: weaker evidence, naming, other instances, silence. One note per
    // kind of remark, naming every report it concerns.
    let primary = rules
        .events
        .get(event)
        .and_then(|ev| ev.slots.get(slot))
        .map_or("sentence", |s| s.scope.as_str());
    let mut weak: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for s in &sides {
        for e in &s.evidence {
            if e.fallback {
                weak.entry(e.scope.map_or("document", Scope::as_str))
                    .or_default()
                    .push(e.report);
            }
        }
    }
    for (scope, ids) in weak {
        let (its, verb) = if ids.len() == 1 {
            ("its", "gives")
        } else {
            ("their", "give")
        };
        finding.notes.push(format!(
            "{} {verb} {its} {sl_name} only at {scope} scope (nothing in the trigger's {primary}): weaker evidence",
            names(reports, &ids)
        ));
    }
    naming_notes(&mut finding, &sides, event, reports, facts, &ev_name);
    let involved: std::collections::HashSet<usize> = finding.reports().into_iter().collect();
    for (r, f) in reports.iter().zip(facts) {
        for (ei, ord) in &f.other_instances {
            if *ei == event && involved.contains(&r.id) {
                finding.notes.push(format!(
                    "{} also mentions the {} {ev_name}, another instance: not compared",
                    r.short,
                    super::slots::english_ordinal(*ord as f64)
                ));
            }
        }
    }
    finding.silent = silent;
    finding.sides = sides;
    out.push(finding);
    out
}

/// When the reports on the two sides name the event with different words
/// (`الإقليمي` against `الدولي`), the odd report may describe another event.
fn naming_notes(
    finding: &mut Finding,
    sides: &[Side],
    event: usize,
    reports: &[ReportName],
    facts: &[&SourceFacts],
    ev_name: &str,
) {
    let descriptor = |rid: usize| -> Option<(Vec<String>, String, String)> {
        let (d, name) = facts.get(rid)?.lead_name.get(event)?.as_ref()?;
        let r = reports.get(rid)?;
        Some((d.clone(), r.short.clone(), name.clone()))
    };
    let Some(majority) = sides.first() else {
        return;
    };
    let majors: Vec<(Vec<String>, String, String)> = majority
        .evidence
        .iter()
        .filter_map(|e| descriptor(e.report))
        .collect();
    let mut major_words: Vec<&String> = majors.iter().flat_map(|(d, _, _)| d).collect();
    major_words.sort();
    major_words.dedup();
    if major_words.is_empty() {
        return;
    }
    // The names the majority uses, each with the reports using it.
    let mut major_names: Vec<(String, Vec<&str>)> = Vec::new();
    for (d, short, name) in &majors {
        if d.is_empty() {
            continue;
        }
        match major_names.iter_mut().find(|(n, _)| n == name) {
            Some((_, shorts)) => shorts.push(short),
            None => major_names.push((name.clone(), vec![short])),
        }
    }
    let said: Vec<String> = major_names
        .iter()
        .take(2)
        .map(|(n, shorts)| {
            let mut list = shorts
                .iter()
                .take(5)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if shorts.len() > 5 {
                list.push_str(&format!(" and {} more", shorts.len() - 5));
            }
            format!("«{n}» ({list})")
        })
        .collect();
    // Reports on the other sides that name the event with none of those
    // words, grouped by the name they use.
    let mut odd: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for side in sides.iter().skip(1) {
        for e in &side.evidence {
            let Some((words, _, name)) = descriptor(e.report) else {
                continue;
            };
            if !words.is_empty() && !words.iter().any(|w| major_words.contains(&w)) {
                let ids = odd.entry(name).or_default();
                if !ids.contains(&e.report) {
                    ids.push(e.report);
                }
            }
        }
    }
    for (name, ids) in odd {
        let who = names(reports, &ids);
        let verb = if ids.len() == 1 { "names" } else { "name" };
        let may = if ids.len() == 1 { "it may" } else { "they may" };
        finding.notes.push(format!(
            "{who} {verb} it «{name}» where the others say {}: {may} describe another {ev_name}",
            said.join(", ")
        ));
    }
}

#[allow(clippy::too_many_arguments)]
pub fn expect(
    rules: &RuleSet,
    rule: &Rule,
    event: usize,
    slot: usize,
    op: CmpOp,
    expected: &Expected,
    tolerance: f64,
    reports: &[ReportName],
    facts: &[&SourceFacts],
) -> Vec<Finding> {
    let Some((ev_name, sl_name, slot_def)) = slot_of(rules, event, slot) else {
        return Vec::new();
    };
    let path = format!("{ev_name}.{sl_name}");
    let want: StatedValue = match expected {
        Expected::Entity(id) => StatedValue::Entity(*id),
        Expected::Number(v) | Expected::Percent(v) => StatedValue::Quantity(Quantity::exact(*v)),
        Expected::Dates(a, b) => StatedValue::Dates(DateRange { from: *a, to: *b }),
        Expected::Weekday(w) => StatedValue::Weekday(*w),
    };
    let mut out = Vec::new();
    for (r, f) in reports.iter().zip(facts) {
        let Some(st) = f.get(event, slot) else {
            continue;
        };
        let holds = match (op, &st.value, &want) {
            (CmpOp::Eq, v, w) => v.agrees(w, tolerance),
            (CmpOp::Ne, v, w) => !v.agrees(w, tolerance),
            (op, StatedValue::Quantity(q), StatedValue::Quantity(w)) => op.holds(q.value, w.value),
            _ => true,
        };
        if holds {
            continue;
        }
        let stated = st.value.display(rules, &slot_def.ty);
        let wanted = want.display(rules, &slot_def.ty);
        let mut finding = base(
            rule,
            FindingKind::Expectation,
            match op {
                CmpOp::Eq => format!("{} states {path} = {stated}, expected {wanted}", r.short),
                op => format!(
                    "{} states {path} = {stated}, expected {} {wanted}",
                    r.short,
                    op.as_str()
                ),
            },
            Some(path.clone()),
        );
        finding.sides = vec![Side {
            value: stated,
            normalized: st.value.normalized(rules),
            majority: false,
            evidence: vec![st.evidence.clone()],
        }];
        finding.help = rule
            .help
            .clone()
            .or(Some(format!("the rule file states `{}`", rule.text.trim())));
        out.push(finding);
    }
    out
}

/// The value of an aggregate over some claims; `None` when no claim feeds it.
fn aggregate(func: Func, figure: Figure, claims: &[&Claim]) -> Option<(f64, Vec<usize>)> {
    let mut values = Vec::new();
    let mut used = Vec::new();
    for (k, c) in claims.iter().enumerate() {
        let v = match (&c.value, figure) {
            (ClaimValue::Percent { value }, Figure::Percent) => value.value,
            (ClaimValue::Number { value }, Figure::Number) => value.value,
            (ClaimValue::Count { unit, value }, Figure::Unit(u)) if *unit == u => value.value,
            _ => continue,
        };
        values.push(v);
        used.push(k);
    }
    if values.is_empty() {
        return None;
    }
    let v = match func {
        Func::Sum | Func::Count => values.iter().sum(),
        Func::Min => values.iter().copied().fold(f64::INFINITY, f64::min),
        Func::Max => values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    };
    Some((v, used))
}

fn eval(e: &CExpr, claims: &[&Claim], used: &mut Vec<usize>) -> Option<f64> {
    match e {
        CExpr::Const(v) => Some(*v),
        CExpr::Agg { func, figure } => {
            let (v, u) = aggregate(*func, *figure, claims)?;
            used.extend(u);
            Some(v)
        }
        CExpr::Bin(op, a, b) => {
            let a = eval(a, claims, used)?;
            let b = eval(b, claims, used)?;
            Some(match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::Div => {
                    if b == 0.0 {
                        return None;
                    }
                    a / b
                }
            })
        }
    }
}

fn describe(e: &CExpr, rules: &RuleSet) -> String {
    match e {
        CExpr::Const(v) => format_number(*v),
        CExpr::Agg { func, figure } => {
            let arg = match figure {
                Figure::Percent => "percent".to_string(),
                Figure::Number => "number".to_string(),
                Figure::Unit(u) => rules.entity_name(*u).to_string(),
            };
            format!("{}({arg})", func.as_str())
        }
        CExpr::Bin(op, a, b) => format!(
            "{} {} {}",
            describe(a, rules),
            op.as_str(),
            describe(b, rules)
        ),
    }
}

/// `check EXPR CMP EXPR per SCOPE`: evaluated in every scope whose claims
/// feed every aggregate of the expression (a scope with no percent at all
/// says nothing about percents).
pub fn compare(
    rules: &RuleSet,
    rule: &Rule,
    left: &CExpr,
    op: CmpOp,
    right: &CExpr,
    per: Scope,
    reports: &[Report<'_>],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in reports {
        let ex: &Extraction = r.extraction;
        let mut groups: BTreeMap<usize, Vec<&Claim>> = BTreeMap::new();
        for c in &ex.claims {
            let key = match per {
                Scope::Sentence | Scope::Phrase => c.sentence,
                Scope::Paragraph => c.paragraph,
                Scope::Document => 0,
            };
            groups.entry(key).or_default().push(c);
        }
        for claims in groups.values() {
            let mut used = Vec::new();
            let (Some(l), Some(rv)) = (
                eval(left, claims, &mut used),
                eval(right, claims, &mut used),
            ) else {
                continue;
            };
            if op.holds(l, rv) {
                continue;
            }
            used.sort();
            used.dedup();
            let scope_word = match per {
                Scope::Document => "report",
                s => s.as_str(),
            };
            let side_value = |e: &CExpr, v: f64| match e {
                CExpr::Const(_) => None,
                _ => Some(format!("{} is {}", describe(e, rules), format_number(v))),
            };
            let values: Vec<String> = [side_value(left, l), side_value(right, rv)]
                .into_iter()
                .flatten()
                .collect();
            let mut finding = base(
                rule,
                FindingKind::Figures,
                format!(
                    "`{} {} {}` fails in this {scope_word}: {}",
                    describe(left, rules),
                    op.as_str(),
                    describe(right, rules),
                    values.join(", ")
                ),
                None,
            );
            finding.sides = vec![Side {
                value: format_number(l),
                normalized: format_number(l),
                majority: false,
                evidence: used
                    .iter()
                    .filter_map(|&k| claims.get(k))
                    .map(|c| Evidence {
                        role: Some(c.value.normalized(Some(rules))),
                        ..claim_evidence(r, c)
                    })
                    .collect(),
            }];
            out.push(finding);
        }
    }
    out
}

/// The findings a rule makes of single claims, report by report.
fn per_claim(
    reports: &[Report<'_>],
    mut f: impl FnMut(&Report<'_>, &Claim) -> Option<Finding>,
) -> Vec<Finding> {
    reports
        .iter()
        .flat_map(|r| r.extraction.claims.iter().map(move |c| (r, c)))
        .filter_map(|(r, c)| f(r, c))
        .collect()
}

/// `check weekdays`: a date written with its weekday names the right day.
pub fn weekdays(rule: &Rule, reports: &[Report<'_>]) -> Vec<Finding> {
    per_claim(reports, |r, c| {
        let ClaimValue::Date { value } = &c.value else {
            return None;
        };
        let written = value.weekday?;
        let actual = value.range.from.weekday()?;
        if actual == written {
            return None;
        }
        let name = |w: u8| WEEKDAY_NAMES.get(w as usize).copied().unwrap_or("?");
        let mut finding = base(
            rule,
            FindingKind::Weekday,
            format!(
                "{} was a {}, not a {}",
                value.range.from.iso(),
                name(actual),
                name(written)
            ),
            None,
        );
        finding.sides = vec![Side {
            value: name(written).to_string(),
            normalized: value.range.from.iso(),
            majority: false,
            evidence: vec![claim_evidence(r, c)],
        }];
        Some(finding)
    })
}

/// `check breakdowns`: listed parts add up to their stated total.
pub fn breakdowns(rule: &Rule, reports: &[Report<'_>]) -> Vec<Finding> {
    per_claim(reports, |r, c| {
        let ClaimValue::Breakdown {
            total,
            total_span,
            parts,
            exhaustive,
        } = &c.value
        else {
            return None;
        };
        if total.qualifier.is_some() {
            return None;
        }
        let sum: f64 = parts.iter().map(|p| p.value).sum();
        let bad = if *exhaustive {
            (sum - total.value).abs() > 1e-9
        } else {
            sum > total.value + 1e-9
        };
        if !bad {
            return None;
        }
        let listed = parts
            .iter()
            .map(|p| format_number(p.value))
            .collect::<Vec<_>>()
            .join(" + ");
        let mut finding = base(
            rule,
            FindingKind::Breakdown,
            format!(
                "parts add up to {} ({listed}), the stated total is {}",
                format_number(sum),
                format_number(total.value)
            ),
            None,
        );
        let mut evidence = vec![Evidence {
            span: *total_span,
            role: Some(format!("total {}", format_number(total.value))),
            ..claim_evidence(r, c)
        }];
        let n = parts.len();
        evidence.extend(parts.iter().enumerate().map(|(k, p)| Evidence {
            report: r.id,
            span: p.span,
            scope: None,
            fallback: false,
            via: "part of a breakdown".into(),
            mention: None,
            role: Some(format!("part {} of {n}: {}", k + 1, format_number(p.value))),
        }));
        finding.sides = vec![Side {
            value: format!("{} = {}", listed, format_number(sum)),
            normalized: format_number(sum),
            majority: false,
            evidence,
        }];
        if !exhaustive {
            finding.notes.push(
                "the parts are introduced as some of the total (\"including\"), yet exceed it"
                    .into(),
            );
        }
        Some(finding)
    })
}
