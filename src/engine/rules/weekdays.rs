//! `check weekdays`: a date written with its weekday names the right day.

use crate::engine::Report;
use crate::engine::finding::{Facts, Finding, Side, Value};
use crate::extract::ClaimValue;
use crate::rules::Rule;

use super::{claim_evidence, finding, per_claim};

pub fn check(rule: (usize, &Rule), report: &Report<'_>) -> Vec<Finding> {
    per_claim(report, |c| {
        let ClaimValue::Date { value } = &c.value else {
            return None;
        };
        let written = value.weekday?;
        let date = value.range.from;
        let actual = date.weekday()?;
        if actual == written {
            return None;
        }
        let facts = Facts::Weekday {
            date,
            actual,
            written,
        };
        let mut f = finding(rule, facts, None);
        f.sides = vec![Side {
            value: Value::Weekday(written),
            normalized: date.iso(),
            majority: false,
            evidence: vec![claim_evidence(report, c)],
        }];
        Some(f)
    })
}
