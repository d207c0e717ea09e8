#![doc = include_str!("../ARCHITECTURE.md")]

pub mod codes;
pub mod engine;
pub mod extract;
pub mod render;
pub mod output;
pub mod rules;
pub mod source;
pub mod span;
pub mod text;
pub mod value;

/// The whole check over loaded reports: extraction of every report, then
/// evaluation of every rule. Returns each report's extraction (for
/// `--explain` and the outputs) and the findings, sorted.
pub fn check(
    rules: &rules::RuleSet,
    sources: &[source::SourceFile],
) -> (Vec<extract::Extraction>, Vec<engine::Finding>) {
    let vocab = extract::vocab::Vocabulary::new(rules);
    // Reports are read in parallel; `collect` keeps their order, so the
    // output is the same whatever the number of threads.
    use rayon::prelude::*;
    let extractions: Vec<extract::Extraction> = sources
        .par_iter()
        .map(|s| extract::extract(s, Some(rules), Some(&vocab)))
        .collect();
    let findings = evaluate(rules, sources, &extractions);
    (extractions, findings)
}

/// Evaluates every rule over extracted reports (`sources` give the names;
/// their text is not needed).
pub fn evaluate(
    rules: &rules::RuleSet,
    sources: &[source::SourceFile],
    extractions: &[extract::Extraction],
) -> Vec<engine::Finding> {
    let shorts = output::short_names(sources);
    let reports: Vec<engine::Report<'_>> = extractions
        .iter()
        .enumerate()
        .map(|(id, ex)| engine::Report {
            id,
            short: shorts.get(id).cloned().unwrap_or_default(),
            extraction: ex,
        })
        .collect();
    engine::evaluate(rules, &reports)
}

pub mod baseline;
pub mod config;
pub mod ruletest;
