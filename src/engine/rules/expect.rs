//! `expect EVENT.SLOT OP VALUE`: what every report states for the slot
//! satisfies a known fact.

use crate::engine::finding::{Facts, Finding, Side, SlotRef, Value};
use crate::engine::instances::Views;
use crate::engine::slots::{StatedValue, Statement};
use crate::rules::ast::CmpOp;
use crate::rules::{Expected, Rule, RuleSet};
use crate::value::{DateRange, Quantity};

use super::{finding, slot_def};

pub fn check(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    at: SlotRef,
    (op, expected, tolerance): (CmpOp, &Expected, f64),
    facts: &Views<'_>,
) -> Vec<Finding> {
    let Some(def) = slot_def(rules, at) else {
        return Vec::new();
    };
    let want = wanted(expected);
    let mut out = Vec::new();
    for (report, f) in facts.of(at.event) {
        let Some(st) = f.get(at.event, at.slot) else {
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
        out.push(failed(
            rules,
            (index, rule),
            (at, def),
            (op, want),
            report,
            st,
        ));
    }
    out
}

/// The value an `expect` rule expects.
pub(crate) fn wanted(expected: &Expected) -> StatedValue {
    match expected {
        Expected::Entity(id) => StatedValue::Entity(*id),
        Expected::Number(v) | Expected::Percent(v) => StatedValue::Quantity(Quantity::exact(*v)),
        Expected::Dates(a, b) => StatedValue::Dates(DateRange { from: *a, to: *b }),
        Expected::Weekday(w) => StatedValue::Weekday(*w),
    }
}

/// The finding of a report whose value fails the rule.
pub(crate) fn failed(
    rules: &RuleSet,
    (index, rule): (usize, &Rule),
    (at, def): (SlotRef, &crate::rules::Slot),
    (op, want): (CmpOp, StatedValue),
    report: usize,
    st: &Statement,
) -> Finding {
    let facts = Facts::Expectation {
        report,
        op,
        expected: Value::of_slot(want, &def.ty),
    };
    let mut f = finding((index, rule), facts, Some(at));
    f.sides = vec![Side {
        value: Value::of_slot(st.value, &def.ty),
        normalized: st.value.normalized(rules),
        majority: false,
        evidence: vec![st.evidence.clone()],
    }];
    f
}
