//! `check EXPR CMP EXPR per SCOPE`: arithmetic over the figures of each
//! scope of a report (shares at most 100%, parts against their total).

use std::collections::BTreeMap;

use crate::engine::Report;
use crate::engine::finding::{Evidence, Facts, Finding, Role, Side, Value};
use crate::extract::{Claim, ClaimValue};
use crate::rules::ast::{BinOp, CmpOp, Func};
use crate::rules::{CExpr, Figure, Rule, RuleSet, Scope};
use crate::value::format_number;

use super::{claim_evidence, finding};

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

/// Evaluated in every scope whose claims feed every aggregate of the
/// expression (a scope with no percent at all says nothing about percents).
pub fn check(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    (left, op, right): (&CExpr, CmpOp, &CExpr),
    per: Scope,
    report: &Report<'_>,
) -> Vec<Finding> {
    let mut groups: BTreeMap<u32, Vec<&Claim>> = BTreeMap::new();
    for c in &report.extraction.claims {
        let key = match per {
            Scope::Sentence | Scope::Phrase => c.sentence,
            Scope::Paragraph => c.paragraph,
            Scope::Document => 0,
        };
        groups.entry(key).or_default().push(c);
    }
    let mut out = Vec::new();
    for claims in groups.values() {
        let mut used = Vec::new();
        let (Some(l), Some(r)) = (
            eval(left, claims, &mut used),
            eval(right, claims, &mut used),
        ) else {
            continue;
        };
        if op.holds(l, r) {
            continue;
        }
        used.sort();
        used.dedup();
        let mut f = finding((index, rule), Facts::Figures { left: l, right: r }, None);
        f.sides = vec![Side {
            value: Value::Number(l),
            normalized: format_number(l),
            majority: false,
            evidence: used
                .iter()
                .filter_map(|&k| claims.get(k))
                .map(|c| Evidence {
                    role: Some(Role::Figure(c.value.normalized(Some(rules)))),
                    ..claim_evidence(report, c)
                })
                .collect(),
        }];
        out.push(f);
    }
    out
}
