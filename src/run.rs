//! The one composition of the stages: load → extract → prune → summarise
//! → combine → baseline. `factlint check`, `baseline`, `review` and `test`,
//! the tests and the benchmarks all run through here, so what is tested is
//! what users run.
//!
//! The library does no I/O: the caller hands over its inputs and a
//! [`Loader`] that reads one of them (from disk for the command line, from
//! memory for tests). Reports are read, extracted, pruned to the claims the
//! rules read and summarised in parallel, their text dropped as soon as
//! their summary is made; results are gathered in input order, so the
//! output is the same bytes whatever the number of threads.

use rayon::prelude::*;

use crate::baseline::{self, Applied, Baseline};
use crate::engine::{self, Finding, Summary};
use crate::extract::stream::{self, Opened, Streamed};
use crate::extract::{self, vocab::Vocabulary};
use crate::rules::RuleSet;
use crate::source::{InputProblem, SourceFile};
use crate::value::Date;

/// A report that could not be read.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The name the report goes by.
    pub report: String,
    pub problem: InputProblem,
    /// The decoded text, when the problem points into it (front matter).
    pub text: Option<String>,
}

/// Reads the reports of a run.
pub trait Loader: Sync {
    /// What names one report (a path, a file in memory).
    type Input: Sync;
    /// Reads one report.
    fn load(&self, input: &Self::Input) -> Result<SourceFile, Problem>;

    /// Opens a report to be read: whole, or (a long one) window by
    /// window, its text never whole in memory. A loader that reads every
    /// report whole need not say more than [`Loader::load`].
    fn open(&self, input: &Self::Input) -> Result<Opening, Problem> {
        self.load(input).map(Opening::Whole)
    }

    /// Told that report `src`, read from `input`, is read and summarised:
    /// what the loader needs no more of the input may go.
    fn done(&self, input: &Self::Input, src: &SourceFile) {
        let _ = (input, src);
    }

    /// Told that report `name` is to be read again from `input`, to be
    /// quoted: a loader that let go of what the name tells finds it again.
    fn again(&self, input: &Self::Input, name: &str) {
        let _ = (input, name);
    }
}

/// A report opened to be read.
pub enum Opening {
    /// Read whole.
    Whole(SourceFile),
    /// To be read window by window.
    Long(Opened),
}

/// Reports already in memory: loading one is a copy.
pub struct Preloaded;

impl Loader for Preloaded {
    type Input = SourceFile;
    fn load(&self, input: &SourceFile) -> Result<SourceFile, Problem> {
        Ok(input.clone())
    }
}

/// A baseline to filter the findings through, and the day its waivers are
/// judged on.
pub struct BaselineUse<'a> {
    pub baseline: &'a Baseline,
    pub today: Date,
}

/// What a run leaves: every readable report (its text dropped, but for
/// those reloaded), what each states, the problems, the findings.
pub struct Outcome {
    /// Readable reports, by id; `text` is empty but for reloaded ones.
    pub sources: Vec<SourceFile>,
    pub summaries: Vec<Summary>,
    pub problems: Vec<Problem>,
    /// Findings, sorted; with a baseline, those it does not cover.
    pub findings: Vec<Finding>,
    /// What the baseline did, when one was given.
    pub baseline: Option<Applied>,
    /// Reports set apart from an event's comparison (another edition).
    pub set_apart: Vec<engine::SetApart>,
    /// The series of every changing figure.
    pub timelines: Vec<engine::rules::series::Timeline>,
    /// For each source, the index of its input (to read it again): 4
    /// bytes a report (a run holds far fewer than 4 billion reports).
    inputs: Vec<u32>,
    /// For each problem met reading an input, the input's index.
    problem_inputs: Vec<usize>,
}

impl Outcome {
    /// Report names (paths), by id.
    pub fn names(&self) -> Vec<String> {
        self.sources.iter().map(|s| s.name.to_string()).collect()
    }

    pub fn facts(&self) -> Vec<&engine::SourceFacts> {
        self.summaries.iter().map(|s| &*s.facts).collect()
    }

    /// Reads again the text of the given reports (those an output quotes).
    pub fn reload<L: Loader>(
        &mut self,
        loader: &L,
        inputs: &[L::Input],
        ids: impl IntoIterator<Item = usize>,
    ) {
        for id in ids {
            let Some(input) = self.input(loader, id, inputs) else {
                continue;
            };
            let fresh = loader.load(input);
            self.take_again(id, fresh);
        }
    }

    /// The input of a report whose text is not there, if any.
    fn input<'i, L: Loader>(
        &self,
        loader: &L,
        id: usize,
        inputs: &'i [L::Input],
    ) -> Option<&'i L::Input> {
        let src = self.sources.get(id)?;
        if !src.text.is_empty() {
            return None;
        }
        let input = self.input_index(id).and_then(|i| inputs.get(i))?;
        loader.again(input, &src.name);
        Some(input)
    }

    /// Takes a report read again: quoted if it is the one checked, else
    /// said to have changed (never quoted wrongly).
    fn take_again(&mut self, id: usize, fresh: Result<SourceFile, Problem>) {
        let Some(src) = self.sources.get_mut(id) else {
            return;
        };
        match fresh {
            Ok(mut fresh) if fresh.digest == src.digest => {
                fresh.name = std::mem::take(&mut src.name);
                *src = fresh;
            }
            _ => self.changed(id),
        }
    }

    fn changed(&mut self, id: usize) {
        let Some(src) = self.sources.get(id) else {
            return;
        };
        if !self
            .problems
            .iter()
            .any(|p| *p.report == *src.name && p.problem == InputProblem::Changed)
        {
            self.problems.push(Problem {
                report: src.name.to_string(),
                problem: InputProblem::Changed,
                text: None,
            });
        }
    }

    /// Reads again every report whose evidence the findings show (at most
    /// `per_side` reports of each side), and those whose unplaced figures
    /// the timelines quote. Of a long report, only the lines quoted are
    /// read again: those of every span of it the findings and timelines
    /// hold.
    pub fn reload_quoted<L: Loader>(&mut self, loader: &L, inputs: &[L::Input], per_side: usize) {
        let mut ids: Vec<usize> = self
            .findings
            .iter()
            .flat_map(|f| f.sides.iter())
            .flat_map(|s| s.shown_evidence(per_side))
            .map(|e| e.report)
            .chain(
                self.timelines
                    .iter()
                    .flat_map(|t| &t.points)
                    .filter_map(|p| p.words.map(|(r, _)| r)),
            )
            .collect();
        ids.sort();
        ids.dedup();
        let mut spans: std::collections::HashMap<usize, Vec<crate::span::Span>> = self
            .findings
            .iter()
            .flat_map(|f| f.sides.iter())
            .flat_map(|s| s.evidence.iter())
            .flat_map(|e| {
                std::iter::once(e.span)
                    .chain(e.mention)
                    .map(|s| (e.report, s))
            })
            .chain(
                self.timelines
                    .iter()
                    .flat_map(|t| &t.points)
                    .filter_map(|p| p.words),
            )
            .filter(|(r, _)| ids.binary_search(r).is_ok())
            .fold(std::collections::HashMap::new(), |mut m, (r, s)| {
                m.entry(r).or_insert_with(Vec::new).push(s);
                m
            });
        for id in ids {
            let Some(input) = self.input(loader, id, inputs) else {
                continue;
            };
            let opened = match loader.open(input) {
                Ok(Opening::Long(opened)) => opened,
                Ok(Opening::Whole(fresh)) => {
                    self.take_again(id, Ok(fresh));
                    continue;
                }
                Err(p) => {
                    self.take_again(id, Err(p));
                    continue;
                }
            };
            let Some(src) = self.sources.get(id) else {
                continue;
            };
            let quote = if src.encoding == crate::source::Encoding::Utf8 {
                let again = || match loader.open(input) {
                    Ok(Opening::Long(o)) => Some(o),
                    _ => None,
                };
                let spans = spans.remove(&id).unwrap_or_default();
                stream::quote(opened, again, src.digest, &spans)
            } else {
                stream::Quote::Whole
            };
            match quote {
                stream::Quote::Lines(q) => {
                    if let Some(src) = self.sources.get_mut(id) {
                        src.set_quoted(q);
                    }
                }
                stream::Quote::Changed => self.changed(id),
                stream::Quote::Whole => {
                    let fresh = loader.load(input);
                    self.take_again(id, fresh);
                }
            }
        }
    }
}

/// Runs the rules over the reports: every stage, in one place. `tick` is
/// called once per report read (for a progress bar).
pub fn check<L: Loader>(
    rules: &RuleSet,
    loader: &L,
    inputs: &[L::Input],
    baseline: Option<BaselineUse<'_>>,
    tick: &(dyn Fn() + Sync),
) -> Outcome {
    let mut out = read(rules, loader, inputs, tick);
    out.evaluate(rules, baseline);
    out
}

/// The stages of one report at a time over every input: each report read,
/// extracted, pruned, summarised and its text dropped. The outcome has no
/// findings yet ([`Outcome::evaluate`]); what it holds is what a summary
/// table stores (`factlint extract`).
pub fn read<L: Loader>(
    rules: &RuleSet,
    loader: &L,
    inputs: &[L::Input],
    tick: &(dyn Fn() + Sync),
) -> Outcome {
    read_with(rules, loader, inputs, tick, &|_, _| (), true).0
}

/// [`read`], keeping besides what `also` takes of each report while its
/// text is there (`kept[id]` is report `id`'s): the lines a summary table
/// stores.
pub fn read_keeping<L: Loader, T: Send>(
    rules: &RuleSet,
    loader: &L,
    inputs: &[L::Input],
    tick: &(dyn Fn() + Sync),
    also: &(dyn Fn(&SourceFile, &Summary) -> T + Sync),
) -> (Outcome, Vec<T>) {
    read_with(rules, loader, inputs, tick, also, false)
}

/// [`read_keeping`]; `stream`: the reports the loader opens window by
/// window are read so (`also` is then given them without their text).
fn read_with<L: Loader, T: Send>(
    rules: &RuleSet,
    loader: &L,
    inputs: &[L::Input],
    tick: &(dyn Fn() + Sync),
    also: &(dyn Fn(&SourceFile, &Summary) -> T + Sync),
    stream: bool,
) -> (Outcome, Vec<T>) {
    let vocab = Vocabulary::new(rules);
    let relevance = engine::relevance(rules);
    // Made as big as the inputs at once: grown by doubling, the lists of a
    // million reports would hold up to twice what they keep, and copy it.
    let mut out = Outcome::with_capacity(inputs.len());
    let mut kept = Vec::new();
    // Reports go by batches, so that what is kept of a million tiny ones is
    // never held twice; `collect` keeps the order of the inputs whatever
    // the threads.
    const BATCH: usize = 4096;
    let keep = |c: &extract::Claim| relevance.keeps(c, rules);
    // A report read (window by window when `opened`: a long one, its
    // windows in parallel) and extracted...
    // (Not shrunk: the claims live only until the report is summarised.)
    let whole = |src: SourceFile| {
        let ex = extract::extract_keeping(&src, Some(rules), Some(&vocab), &keep);
        (src, ex)
    };
    let read = |input: &L::Input| {
        let opening = if stream {
            loader.open(input)?
        } else {
            Opening::Whole(loader.load(input)?)
        };
        match opening {
            Opening::Whole(src) => Ok(whole(src)),
            Opening::Long(opened) => {
                match stream::extract_streamed(opened, Some(rules), Some(&vocab), &keep) {
                    Streamed::Read(src, ex) => Ok((src, ex)),
                    // What the window reader does not judge: read whole.
                    Streamed::Whole => loader.load(input).map(whole),
                }
            }
        }
    };
    // ...then summarised, its text and claims dropped.
    let finish = |read: Result<(SourceFile, extract::Extraction), Problem>| {
        let out = read.map(|(mut src, ex)| {
            let summary = engine::summarize(
                rules,
                &engine::Report {
                    id: 0,
                    extraction: &ex,
                },
            );
            let extra = also(&src, &summary);
            src.drop_text();
            (src, summary, extra)
        });
        tick();
        out
    };
    for (b, batch) in inputs.chunks(BATCH).enumerate() {
        let results: Vec<Result<(SourceFile, Summary, T), Problem>> = batch
            .par_iter()
            .map(|input| {
                let r = finish(read(input));
                if let Ok((src, ..)) = &r {
                    loader.done(input, src);
                }
                r
            })
            .collect();
        for (i, r) in results.into_iter().enumerate() {
            match r {
                Ok((src, summary, extra)) => {
                    out.push(b * BATCH + i, src, summary);
                    kept.push(extra);
                }
                Err(p) => {
                    out.problems.push(p);
                    out.problem_inputs.push(b * BATCH + i);
                }
            }
        }
    }
    out.sources.shrink_to_fit();
    out.summaries.shrink_to_fit();
    (out, kept)
}

impl Outcome {
    fn with_capacity(n: usize) -> Outcome {
        Outcome {
            sources: Vec::with_capacity(n),
            summaries: Vec::with_capacity(n),
            problems: Vec::new(),
            findings: Vec::new(),
            baseline: None,
            set_apart: Vec::new(),
            timelines: Vec::new(),
            inputs: Vec::with_capacity(n),
            problem_inputs: Vec::new(),
        }
    }

    /// An outcome of reports summarised elsewhere (a summary table), each
    /// with the index of its input; reports come in the order given, and
    /// are numbered in it.
    pub fn of_summaries(
        reports: impl IntoIterator<Item = (usize, SourceFile, Summary)>,
        problems: Vec<Problem>,
    ) -> Outcome {
        let mut out = Outcome::with_capacity(0);
        for (input, src, summary) in reports {
            out.push(input, src, summary);
        }
        out.problems = problems;
        out
    }

    /// Adds a report, numbered after those before it.
    fn push(&mut self, input: usize, mut src: SourceFile, mut summary: Summary) {
        let id = self.sources.len();
        // What a run keeps of every report is made again here, on one
        // thread, one after the other: made by the threads that read the
        // reports, between the texts and tokens they drop, it would hold
        // their memory in pieces the allocator cannot give back.
        src.name = Box::from(&*src.name);
        summary.renumber(id);
        self.sources.push(src);
        self.summaries.push(summary);
        self.inputs.push(u32::try_from(input).unwrap_or(u32::MAX));
    }

    /// The index of each report's input, by report.
    pub fn input_of(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.inputs.iter().map(|&i| i as usize)
    }

    /// The index of report `id`'s input.
    pub fn input_index(&self, id: usize) -> Option<usize> {
        self.inputs.get(id).map(|&i| i as usize)
    }

    /// The index of the input of each problem met reading the inputs
    /// (`problem_input()[k]` is `problems[k]`'s), before problems are added
    /// from elsewhere.
    pub fn problem_input(&self) -> &[usize] {
        &self.problem_inputs
    }

    /// The stages across reports over the summaries: the cross-report
    /// rules, then the baseline.
    pub fn evaluate(&mut self, rules: &RuleSet, baseline: Option<BaselineUse<'_>>) {
        let combined = engine::combine(rules, &self.summaries);
        self.take(combined, baseline);
    }

    /// [`Outcome::evaluate`], with the findings of `agree` and `expect`
    /// those of the rows of their SQL rendition ([`engine::combine_rows`]).
    pub fn evaluate_rows(
        &mut self,
        rules: &RuleSet,
        rows: &[engine::rules::PickedRow],
        baseline: Option<BaselineUse<'_>>,
    ) -> Result<(), String> {
        let combined = engine::combine_rows(rules, &self.summaries, rows)?;
        self.take(combined, baseline);
        Ok(())
    }

    fn take(&mut self, combined: engine::Combined, baseline: Option<BaselineUse<'_>>) {
        self.set_apart = combined.set_apart;
        self.timelines = combined.timelines;
        let findings = combined.findings;
        match baseline {
            Some(b) => {
                let mut applied = baseline::apply(findings, &self.names(), b.baseline, b.today);
                self.findings = std::mem::take(&mut applied.kept);
                self.baseline = Some(applied);
            }
            None => self.findings = findings,
        }
    }
}

/// The rules over reports already extracted (`extractions[id]` is report
/// `id`'s): summarise and combine, for the benchmarks of those stages.
pub fn evaluate(rules: &RuleSet, extractions: &[extract::Extraction]) -> Vec<Finding> {
    let summaries: Vec<Summary> = extractions
        .iter()
        .enumerate()
        .map(|(id, extraction)| engine::summarize(rules, &engine::Report { id, extraction }))
        .collect();
    engine::combine(rules, &summaries).findings
}

/// The findings of reports already in memory, with their text kept: for
/// tests, benchmarks and sample reports.
pub fn check_loaded(rules: &RuleSet, sources: &[SourceFile]) -> Outcome {
    let mut out = check(rules, &Preloaded, sources, None, &|| {});
    let all = 0..out.sources.len();
    out.reload(&Preloaded, sources, all);
    out
}
