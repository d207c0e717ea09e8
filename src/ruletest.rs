//! `factlint test`: sample reports kept beside a rule file state, in their
//! front matter, what the rules must find in them:
//!
//! ```text
//! ---
//! expect: agree.meeting.venue, agree.meeting.ordinal
//! gap: agree.meeting.dates
//! ---
//! ```
//!
//! - `expect`: rule ids that must flag this report;
//! - `gap`: known gaps, rules that should flag it and do not yet (not a
//!   failure; a gap that starts to fire is, so that it moves to `expect`);
//! - every other rule must stay quiet on it (`quiet` may list some for the
//!   reader; it changes nothing).
//!
//! A rule flags a report when the report is one of the finding's reports
//! (for a disagreement, a report stating a value other than the majority's).

use std::collections::BTreeSet;

use crate::baseline::FindingKey;
use crate::engine::Finding;
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// The outcome for one sample report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    pub report: String,
    /// Expected, did not fire.
    pub missing: Vec<String>,
    /// Fired, not expected.
    pub unexpected: Vec<String>,
    /// Known gaps that now fire.
    pub gaps_fixed: Vec<String>,
    /// Known gaps still open.
    pub gaps: Vec<String>,
    /// Ids in the expectations that no rule has.
    pub unknown: Vec<String>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.missing.is_empty()
            && self.unexpected.is_empty()
            && self.gaps_fixed.is_empty()
            && self.unknown.is_empty()
    }
}

pub fn evaluate(rules: &RuleSet, sources: &[SourceFile], findings: &[Finding]) -> Vec<Outcome> {
    let names: Vec<String> = sources.iter().map(|s| s.name.to_string()).collect();
    let keys: Vec<FindingKey> = findings.iter().map(|f| FindingKey::of(f, &names)).collect();
    let ids: BTreeSet<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    sources
        .iter()
        .map(|s| {
            let fired: BTreeSet<String> = keys
                .iter()
                .filter(|k| k.reports.iter().any(|r| **r == *s.name))
                .map(|k| k.rule.clone())
                .collect();
            let expect: BTreeSet<String> = s.meta.expect.iter().cloned().collect();
            let gap: BTreeSet<String> = s.meta.gap.iter().cloned().collect();
            let mut unknown: Vec<String> = s
                .meta
                .expect
                .iter()
                .chain(&s.meta.gap)
                .chain(s.meta.quiet.iter().filter(|q| *q != "all"))
                .filter(|id| !ids.contains(id.as_str()))
                .cloned()
                .collect();
            unknown.sort();
            unknown.dedup();
            Outcome {
                report: s.name.to_string(),
                missing: expect.difference(&fired).cloned().collect(),
                unexpected: fired
                    .iter()
                    .filter(|id| !expect.contains(*id) && !gap.contains(*id))
                    .cloned()
                    .collect(),
                gaps_fixed: gap.intersection(&fired).cloned().collect(),
                gaps: gap.difference(&fired).cloned().collect(),
                unknown,
            }
        })
        .collect()
}

/// The outcomes as a person reads them: a line per report, a diff of
/// expected (`-`) and actual (`+`) under each failure, then a total.
pub fn render(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let width = outcomes
        .iter()
        .flat_map(|o| {
            o.missing
                .iter()
                .chain(&o.unexpected)
                .chain(&o.gaps_fixed)
                .chain(&o.unknown)
        })
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0);
    for o in outcomes {
        let status = if o.passed() { "ok  " } else { "FAIL" };
        out.push_str(&format!("{status} {}\n", o.report));
        for id in &o.missing {
            out.push_str(&format!("  - {id:<width$}  expected, did not fire\n"));
        }
        for id in &o.unexpected {
            out.push_str(&format!("  + {id:<width$}  fired, not expected\n"));
        }
        for id in &o.gaps_fixed {
            out.push_str(&format!(
                "  + {id:<width$}  known gap now fires: move it to `expect`\n"
            ));
        }
        for id in &o.unknown {
            out.push_str(&format!("  ? {id:<width$}  no rule has this id\n"));
        }
        for id in &o.gaps {
            out.push_str(&format!("    {id:<width$}  known gap\n"));
        }
    }
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    let gaps: usize = outcomes.iter().map(|o| o.gaps.len()).sum();
    out.push_str(&format!(
        "{} sample report{}: {} as expected, {failed} not{}\n",
        outcomes.len(),
        if outcomes.len() == 1 { "" } else { "s" },
        outcomes.len() - failed,
        if gaps > 0 {
            format!(", {gaps} known gap(s)")
        } else {
            String::new()
        }
    ));
    out
}
