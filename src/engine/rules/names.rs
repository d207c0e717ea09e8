//! `check names`: a word one letter from a declared person's name names
//! another person or misspells this one. One finding per report and
//! spelling, with every place the report writes it.

use crate::engine::Report;
use crate::engine::finding::{Facts, Finding, Side, Value};
use crate::extract::ClaimValue;
use crate::rules::Rule;
use crate::text::normalize::normalize_str;

use super::{claim_evidence, finding};

pub fn check(rule: (usize, &Rule), report: &Report<'_>) -> Vec<Finding> {
    let mut out: Vec<(String, Finding)> = Vec::new();
    for c in &report.extraction.claims {
        let ClaimValue::NearName {
            entity,
            declared,
            written,
        } = &c.value
        else {
            continue;
        };
        let key = format!("{entity}\u{0}{}", normalize_str(written));
        let evidence = claim_evidence(report, c);
        if let Some((_, f)) = out.iter_mut().find(|(k, _)| *k == key) {
            if let Some(side) = f.sides.first_mut() {
                side.evidence.push(evidence);
            }
            continue;
        }
        let mut f = finding(
            rule,
            Facts::NearName {
                entity: *entity,
                declared: declared.clone(),
                written: written.clone(),
            },
            None,
        );
        f.sides = vec![Side {
            value: Value::Word(written.clone()),
            normalized: normalize_str(written),
            majority: false,
            evidence: vec![evidence],
        }];
        out.push((key, f));
    }
    out.into_iter().map(|(_, f)| f).collect()
}
