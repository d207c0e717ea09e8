//! `check EXPR CMP EXPR per SCOPE`: arithmetic over the figures of each
//! scope of a report (shares at most 100%, parts against their total).

use std::collections::BTreeMap;

use crate::engine::Report;
use crate::engine::finding::{Evidence, Facts, Finding, Role, Side, Value};
use crate::extract::shares::Share;
use crate::extract::{Claim, ClaimValue};
use crate::rules::ast::{BinOp, CmpOp, Func};
use crate::rules::ruleset::DEFAULT_TOLERANCE;
use crate::rules::{CExpr, Figure, Rule, RuleSet, Scope};
use crate::value::{Quantity, format_number};

use super::{claim_evidence, finding};

/// A figure as stated: its value, and the values it allows: a hedge's
/// range (`more than 40%`, `about 30%`), and what rounds to it (`50.4%` is
/// 50.35 to 50.45, `52%` 51.5 to 52.5, `20 million` 19.5 to 20.5 million).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stated {
    value: f64,
    lo: f64,
    hi: f64,
}

impl Stated {
    fn exact(value: f64) -> Self {
        Stated {
            value,
            lo: value,
            hi: value,
        }
    }

    /// `f` over the values, their lower and their upper ends alike (a
    /// sum, a minimum or a maximum is monotone in each figure); `None` for
    /// no values.
    fn each(values: &[Stated], f: fn(f64, f64) -> f64) -> Option<Self> {
        let (first, rest) = values.split_first()?;
        Some(rest.iter().fold(*first, |a, b| Stated {
            value: f(a.value, b.value),
            lo: f(a.lo, b.lo),
            hi: f(a.hi, b.hi),
        }))
    }

    fn of(q: &Quantity) -> Self {
        let (lo, hi, _, _) = q.interval(DEFAULT_TOLERANCE);
        Stated {
            value: q.value,
            lo,
            hi,
        }
    }
}

/// The value of an aggregate over some claims; `None` when no claim feeds it.
fn aggregate(func: Func, figure: Figure, claims: &[&Claim]) -> Option<(Stated, Vec<usize>)> {
    let mut values = Vec::new();
    let mut used = Vec::new();
    for (k, c) in claims.iter().enumerate() {
        let v = match (&c.value, figure) {
            (ClaimValue::Percent { value }, Figure::Percent) if c.share.is_a_share() => {
                Stated::of(value)
            }
            (ClaimValue::Number { value }, Figure::Number) => Stated::of(value),
            (ClaimValue::Count { unit, value }, Figure::Unit(u)) if *unit == u => Stated::of(value),
            _ => continue,
        };
        values.push(v);
        used.push(k);
    }
    let v = match func {
        Func::Sum | Func::Count => Stated::each(&values, |x, y| x + y),
        Func::Min => Stated::each(&values, f64::min),
        Func::Max => Stated::each(&values, f64::max),
    }?;
    Some((v, used))
}

fn eval(e: &CExpr, claims: &[&Claim], used: &mut Vec<usize>) -> Option<Stated> {
    match e {
        CExpr::Const(v) => Some(Stated::exact(*v)),
        CExpr::Agg { func, figure } => {
            let (v, u) = aggregate(*func, *figure, claims)?;
            used.extend(u);
            Some(v)
        }
        CExpr::Bin(op, a, b) => {
            let a = eval(a, claims, used)?;
            let b = eval(b, claims, used)?;
            // Interval arithmetic: the extremes of the result are among
            // those of the operands combined.
            let corners = |f: fn(f64, f64) -> f64| {
                let all = [f(a.lo, b.lo), f(a.lo, b.hi), f(a.hi, b.lo), f(a.hi, b.hi)];
                let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (lo, hi)
            };
            let (value, (lo, hi)) = match op {
                BinOp::Add => {
                    let sum = Stated::each(&[a, b], |x, y| x + y)?;
                    (sum.value, (sum.lo, sum.hi))
                }
                BinOp::Sub => (a.value - b.value, (a.lo - b.hi, a.hi - b.lo)),
                BinOp::Mul => (a.value * b.value, corners(|x, y| x * y)),
                BinOp::Div => {
                    // Nothing to say when the divisor may be zero.
                    if b.lo <= 0.0 && b.hi >= 0.0 {
                        return None;
                    }
                    (a.value / b.value, corners(|x, y| x / y))
                }
            };
            // An unbounded hedge times zero: no bound.
            let lo = if lo.is_nan() { f64::NEG_INFINITY } else { lo };
            let hi = if hi.is_nan() { f64::INFINITY } else { hi };
            Some(Stated { value, lo, hi })
        }
    }
}

/// Can some values the two sides allow satisfy `op`? A check fails only
/// when none can: shares written rounded (`50.4% + 30.3% + 19.4%`) may add
/// up to a little over 100, and a hedge is a range.
fn may_hold(op: CmpOp, l: Stated, r: Stated) -> bool {
    match op {
        CmpOp::Eq => {
            op.holds(l.value, r.value) || CmpOp::Le.holds(l.lo, r.hi) && CmpOp::Le.holds(r.lo, l.hi)
        }
        CmpOp::Ne => op.holds(l.value, r.value) || l.lo < l.hi || r.lo < r.hi,
        CmpOp::Lt | CmpOp::Le => op.holds(l.lo, r.hi),
        CmpOp::Gt | CmpOp::Ge => op.holds(l.hi, r.lo),
    }
}

/// The groups of claims one check reads in a scope: when the expression
/// reads percents, one group per whole they are shares of (the shares
/// listed together, each whole of its own, each subset), each with the
/// scope's other figures; otherwise the scope as it is.
fn by_whole<'c>(claims: &[&'c Claim], reads_percents: bool) -> Vec<Vec<&'c Claim>> {
    let is_percent = |c: &Claim| matches!(c.value, ClaimValue::Percent { .. });
    let mut wholes: Vec<Share> = Vec::new();
    if reads_percents {
        for c in claims
            .iter()
            .filter(|c| is_percent(c) && c.share.is_a_share())
        {
            if !wholes.contains(&c.share) {
                wholes.push(c.share);
            }
        }
    }
    // Within a whole, percents whose wholes are named differently (`60% of
    // women and 55% of men`) are apart; those naming none go together.
    let mut groups: Vec<(Share, Option<u32>)> = Vec::new();
    for w in &wholes {
        let mut names: Vec<u32> = Vec::new();
        for c in claims.iter().filter(|c| is_percent(c) && c.share == *w) {
            if c.named_whole != 0 && !names.contains(&c.named_whole) {
                names.push(c.named_whole);
            }
        }
        if names.len() <= 1 {
            groups.push((*w, None));
        } else {
            if claims
                .iter()
                .any(|c| is_percent(c) && c.share == *w && c.named_whole == 0)
            {
                groups.push((*w, Some(0)));
            }
            groups.extend(names.into_iter().map(|n| (*w, Some(n))));
        }
    }
    if groups.len() <= 1 {
        return vec![claims.to_vec()];
    }
    groups
        .iter()
        .map(|(w, name)| {
            claims
                .iter()
                .copied()
                .filter(|c| {
                    !is_percent(c) || c.share == *w && name.is_none_or(|n| c.named_whole == n)
                })
                .collect()
        })
        .collect()
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
    let mut figures = Vec::new();
    left.figures(&mut figures);
    right.figures(&mut figures);
    let reads_percents = figures.iter().any(|(_, f)| *f == Figure::Percent);
    let mut out = Vec::new();
    for claims in groups.values().flat_map(|g| by_whole(g, reads_percents)) {
        let claims = claims.as_slice();
        let mut used = Vec::new();
        let (Some(l), Some(r)) = (
            eval(left, claims, &mut used),
            eval(right, claims, &mut used),
        ) else {
            continue;
        };
        if may_hold(op, l, r) {
            continue;
        }
        let (l, r) = (l.value, r.value);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Qualifier;
    use proptest::prelude::*;

    /// A percent written with `decimals` decimals.
    fn pct(value: f64, decimals: i32) -> Stated {
        Stated::of(&Quantity {
            step: 10f64.powi(-decimals),
            ..Quantity::exact(value)
        })
    }

    fn sum(values: &[Stated]) -> Stated {
        Stated::each(values, |x, y| x + y).unwrap_or(Stated::exact(0.0))
    }

    #[test]
    fn rounded_shares_may_add_up_to_a_little_over_100() {
        let hundred = Stated::exact(100.0);
        let fits = |v: &[f64], decimals: i32| {
            let s: Vec<Stated> = v.iter().map(|&x| pct(x, decimals)).collect();
            may_hold(CmpOp::Le, sum(&s), hundred)
        };
        assert!(fits(&[50.4, 30.3, 19.4], 1));
        assert!(fits(&[34.0, 34.0, 33.0], 0));
        assert!(!fits(&[60.0, 30.0, 20.0], 0));
        assert!(!fits(&[55.0, 35.0, 15.0], 0));
        assert!(!fits(&[50.4, 30.3, 19.5], 1));
        // Taken as exact, 100.1 is over.
        let exact = [50.4, 30.3, 19.4].map(Stated::exact);
        assert!(!may_hold(CmpOp::Le, sum(&exact), hundred));
    }

    #[test]
    fn a_hedge_is_a_range() {
        let q = |value, qualifier| {
            Stated::of(&Quantity {
                value,
                qualifier: Some(qualifier),
                step: 0.0,
            })
        };
        let hundred = Stated::exact(100.0);
        let more = sum(&[q(60.0, Qualifier::MoreThan), q(45.0, Qualifier::MoreThan)]);
        assert!(!may_hold(CmpOp::Le, more, hundred));
        let less = sum(&[q(60.0, Qualifier::LessThan), q(50.0, Qualifier::LessThan)]);
        assert!(may_hold(CmpOp::Le, less, hundred));
        // about 95 is 85.5 … 104.5: it may equal 100, and may exceed it.
        assert!(may_hold(CmpOp::Eq, q(95.0, Qualifier::About), hundred));
        assert!(may_hold(CmpOp::Gt, q(95.0, Qualifier::About), hundred));
        assert!(!may_hold(CmpOp::Eq, Stated::exact(95.0), hundred));
        assert!(!may_hold(CmpOp::Ne, Stated::exact(100.0), hundred));
    }

    proptest! {
        /// Ranges only widen what a check accepts: a check that holds on
        /// the values as written may always hold.
        #[test]
        fn what_holds_as_written_may_hold(
            l in 0.0f64..200.0, lw in 0.0f64..5.0, r in 0.0f64..200.0, rw in 0.0f64..5.0,
            op in prop::sample::select(vec![CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge]),
        ) {
            let a = Stated { value: l, lo: l - lw, hi: l + lw };
            let b = Stated { value: r, lo: r - rw, hi: r + rw };
            if op.holds(l, r) {
                prop_assert!(may_hold(op, a, b));
            }
            // And without ranges, nothing changes.
            prop_assert_eq!(may_hold(op, Stated::exact(l), Stated::exact(r)), op.holds(l, r));
        }
    }
}
