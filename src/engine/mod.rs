//! Stages "summarise" and "evaluate": [`RuleSet`] × the claims of each
//! report → a [`Summary`] per report; the summaries of every report →
//! `Vec<Finding>`, plain data with no wording.
//!
//! Events: every trigger occurrence is a mention; each slot of a mention is
//! filled with the nearest claim of its type inside its scope, or, only when
//! that scope has none, inside its fallback scope (weaker evidence). Mentions
//! with different ordinals are different instances of a recurring event; a
//! report states what its lead instance states (the instance of its first
//! mention that fills a slot). Rules are then evaluated over what each
//! report states, grouping values by their normalised form (linear in the
//! number of claims). Each rule kind has its room in [`rules`].

mod event_map;
mod finding;
pub use event_map::EventMap;
pub mod instances;
pub mod rules;
mod slots;

pub use finding::*;
pub use slots::{Fill, SourceFacts, StatedValue, Statement, facts as slot_facts};

use crate::extract::{Extraction, Relevance};
use crate::rules::RuleSet;

/// What the engine needs of one report: its place in the run and its
/// claims.
pub struct Report<'a> {
    pub id: usize,
    pub extraction: &'a Extraction,
}

/// What is left of a report after its own rules ran: what it states (self-
/// contained, no text, no claims) and the findings inside it. A run keeps
/// only this per report, so memory grows with what reports state.
///
/// Serialised as its three parts (`facts`, `findings`, `skipped`).
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(from = "SummaryParts")]
pub struct Summary {
    /// Shared among the reports that state nothing (by language and year:
    /// most of a big archive), so that such a report costs a pointer.
    pub facts: std::sync::Arc<SourceFacts>,
    /// The findings inside the report and the lines it skipped, when it
    /// has any: most reports of a big run have none, and cost a pointer.
    local: Option<Box<Local>>,
}

/// Lines skipped as page furniture or doubtful, and why (for `--explain`).
type Skipped = (crate::span::Span, crate::extract::Aside);

#[derive(Debug, Clone, Default, PartialEq)]
struct Local {
    findings: Box<[Finding]>,
    skipped: Box<[Skipped]>,
}

/// A summary as it is written.
#[derive(serde::Serialize)]
struct PartsOf<'a> {
    facts: &'a SourceFacts,
    findings: &'a [Finding],
    skipped: &'a [Skipped],
}

/// A summary as it is read.
#[derive(serde::Deserialize)]
struct SummaryParts {
    facts: std::sync::Arc<SourceFacts>,
    findings: Vec<Finding>,
    skipped: Vec<Skipped>,
}

impl From<SummaryParts> for Summary {
    fn from(p: SummaryParts) -> Summary {
        Summary::new(p.facts, p.findings, p.skipped)
    }
}

impl serde::Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PartsOf {
            facts: &self.facts,
            findings: self.findings(),
            skipped: self.skipped(),
        }
        .serialize(s)
    }
}

impl Summary {
    /// What a report states, the findings inside it and the lines it
    /// skipped.
    pub fn new(
        facts: std::sync::Arc<SourceFacts>,
        findings: Vec<Finding>,
        skipped: Vec<Skipped>,
    ) -> Summary {
        let local = (!findings.is_empty() || !skipped.is_empty()).then(|| {
            Box::new(Local {
                findings: findings.into_boxed_slice(),
                skipped: skipped.into_boxed_slice(),
            })
        });
        Summary { facts, local }
    }

    /// The findings inside the report.
    pub fn findings(&self) -> &[Finding] {
        self.local.as_ref().map_or(&[], |l| &l.findings)
    }

    /// The lines the report skipped, and why.
    pub fn skipped(&self) -> &[Skipped] {
        self.local.as_ref().map_or(&[], |l| &l.skipped)
    }

    /// Gives the summary the report id it has in the run (a report is
    /// summarised before its place in the run is known).
    pub fn renumber(&mut self, id: usize) {
        // Facts that state nothing are shared and hold no report id; those
        // that state something are the report's own (not copied here).
        if !self.facts.is_empty() {
            let facts = std::sync::Arc::make_mut(&mut self.facts);
            for p in facts.series.iter_mut().flat_map(|s| &mut s.points) {
                p.evidence.report = id;
            }
            let others = facts.others.iter_mut().map(|o| &mut o.stated);
            for slots in facts.stated.values_mut().chain(others) {
                for st in slots.iter_mut().flatten() {
                    st.evidence.report = id;
                    for (_, e) in &mut st.conflicts {
                        e.report = id;
                    }
                }
            }
        }
        for f in self.local.iter_mut().flat_map(|l| l.findings.iter_mut()) {
            f.renumber(id);
        }
    }
}

impl Summary {
    /// Every span of the report a summary holds: where each value, its
    /// conflicts, trigger, time and evidence stand, and the furniture
    /// skipped. An output quotes nothing of a report outside these (a
    /// summary table keeps their lines).
    pub fn spans(&self) -> Vec<crate::span::Span> {
        fn evidence(e: &Evidence, out: &mut Vec<crate::span::Span>) {
            out.push(e.span);
            out.extend(e.mention);
        }
        let mut out = Vec::new();
        let others = self.facts.others.iter().map(|o| &o.stated);
        for slots in self.facts.stated.values().chain(others) {
            for st in slots.iter().flatten() {
                evidence(&st.evidence, &mut out);
                for (_, e) in &st.conflicts {
                    evidence(e, &mut out);
                }
            }
        }
        for p in self.facts.series.iter().flat_map(|s| &s.points) {
            evidence(&p.evidence, &mut out);
            out.extend(p.at.and_then(|a| a.span));
        }
        for e in self
            .findings()
            .iter()
            .flat_map(|f| &f.sides)
            .flat_map(|s| &s.evidence)
        {
            evidence(e, &mut out);
        }
        out.extend(self.skipped().iter().map(|(s, _)| *s));
        out.sort();
        out.dedup();
        out
    }
}

/// The claims the rules of a rule set read: the slots of its events, and
/// what each rule kind reads besides.
pub fn relevance(rules: &RuleSet) -> Relevance {
    let mut r = Relevance::of_slots(rules);
    for rule in &rules.rules {
        self::rules::reads(rule, &mut r);
    }
    r
}

/// Fills the slots of one report and runs the rules that look at one report
/// at a time (`check` expressions, weekdays, breakdowns).
pub fn summarize(rules: &RuleSet, report: &Report<'_>) -> Summary {
    let facts = slots::facts(rules, report);
    let findings = rules
        .rules
        .iter()
        .enumerate()
        .flat_map(|rule| self::rules::one_report(rules, rule, report))
        .collect();
    Summary::new(
        slots::shared(facts),
        findings,
        report.extraction.skipped.clone(),
    )
}

/// Runs the rules across reports (`agree`, `expect`) over the summaries
/// (`summaries[id]` is report `id`'s) and gathers every finding, sorted: by
/// rule (in rule-file order), then by the first report involved.
pub fn combine(rules: &RuleSet, summaries: &[Summary]) -> Combined {
    let all = across(rules, summaries, |views| {
        Ok::<_, std::convert::Infallible>(
            rules
                .rules
                .iter()
                .enumerate()
                .flat_map(|rule| self::rules::across_reports(rules, rule, views))
                .collect(),
        )
    });
    match all {
        Ok(combined) => combined,
        Err(never) => match never {},
    }
}

/// [`combine`], with the findings of `agree` and `expect` those of the
/// rows the SQL rendition of the rules gave (`factlint combine --rows`):
/// the same findings when the SQL engine found what this one finds.
pub fn combine_rows(
    rules: &RuleSet,
    summaries: &[Summary],
    rows: &[self::rules::PickedRow],
) -> Result<Combined, String> {
    across(rules, summaries, |views| {
        self::rules::from_rows(rules, rows, views)
    })
}

/// The findings inside each report and those `rules_across` finds over
/// the views of every report, sorted, with the reports set apart and the
/// timelines.
fn across<E>(
    rules: &RuleSet,
    summaries: &[Summary],
    rules_across: impl FnOnce(&instances::Views<'_>) -> Result<Vec<Finding>, E>,
) -> Result<Combined, E> {
    let views = instances::resolve(rules, summaries);
    let mut findings: Vec<Finding> = summaries
        .iter()
        .flat_map(|s| s.findings().iter().cloned())
        .collect();
    findings.extend(rules_across(&views)?);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let set_apart = views
        .set_apart()
        .map(|(report, event, why)| SetApart { report, event, why })
        .collect();
    Ok(Combined {
        findings,
        set_apart,
        timelines: self::rules::series::timelines(rules, &views),
    })
}

/// What the cross-report rules find, and the reports they set apart.
#[derive(Debug, Clone, Default)]
pub struct Combined {
    pub findings: Vec<Finding>,
    pub set_apart: Vec<SetApart>,
    /// The series of every changing figure.
    pub timelines: Vec<self::rules::series::Timeline>,
}

/// A report set apart from an event: it is about another edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SetApart {
    pub report: usize,
    pub event: usize,
    pub why: instances::Apart,
}

#[cfg(test)]
mod tests {
    use super::{SourceFacts, Summary};
    use crate::extract::{Aside, furniture::Furniture};
    use crate::span::Span;

    /// A summary is written as its three parts whether it holds findings
    /// and skipped lines or not, and read back the same.
    #[test]
    fn a_summary_is_written_as_its_three_parts() {
        let facts = std::sync::Arc::new(SourceFacts::default());
        let quiet = Summary::new(facts.clone(), Vec::new(), Vec::new());
        let skipped = vec![(Span::new(3, 9), Aside::Furniture(Furniture::Caption))];
        let busy = Summary::new(facts, Vec::new(), skipped.clone());
        assert!(quiet.skipped().is_empty() && busy.skipped() == skipped.as_slice());
        for s in [&quiet, &busy] {
            let json = serde_json::to_value(s).unwrap_or_default();
            let keys: Vec<&str> = json
                .as_object()
                .map(|o| o.keys().map(String::as_str).collect())
                .unwrap_or_default();
            assert_eq!(keys, ["facts", "findings", "skipped"]);
            let back: Summary = serde_json::from_value(json).unwrap_or_default();
            assert_eq!(&back, s);
        }
    }
}
