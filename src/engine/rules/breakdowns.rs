//! `check breakdowns`: listed parts add up to their stated total (or, when
//! they are introduced as some of it, do not exceed it).

use crate::engine::Report;
use crate::engine::finding::{Evidence, Facts, Finding, Role, Side, Value};
use crate::extract::ClaimValue;
use crate::rules::Rule;
use crate::value::format_number;

use super::{claim_evidence, finding, per_claim};

pub fn check(rule: (usize, &Rule), report: &Report<'_>) -> Vec<Finding> {
    per_claim(report, |c| {
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
        // Figures written rounded (`20 million, of whom 11 million women
        // and 9.3 million men`) may differ by what their rounding allows.
        let slack = (total.step + parts.iter().map(|p| p.step).sum::<f64>()) / 2.0 + 1e-9;
        let bad = if *exhaustive {
            (sum - total.value).abs() > slack
        } else {
            sum > total.value + slack
        };
        if !bad {
            return None;
        }
        let values: Vec<f64> = parts.iter().map(|p| p.value).collect();
        let mut evidence = vec![Evidence {
            span: *total_span,
            role: Some(Role::Total(total.value)),
            ..claim_evidence(report, c)
        }];
        let of = parts.len();
        evidence.extend(parts.iter().enumerate().map(|(k, p)| Evidence {
            report: report.id,
            span: p.span,
            scope: None,
            fallback: false,
            via: "part of a breakdown".into(),
            mention: None,
            role: Some(Role::Part {
                index: k + 1,
                of,
                value: p.value,
            }),
        }));
        let facts = Facts::Breakdown {
            parts: values.clone(),
            sum,
            total: total.value,
            exhaustive: *exhaustive,
        };
        let mut f = finding(rule, facts, None);
        f.sides = vec![Side {
            value: Value::Sum { parts: values, sum },
            normalized: format_number(sum),
            majority: false,
            evidence,
        }];
        Some(f)
    })
}
