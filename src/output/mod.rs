//! Stage "output": findings → what a person or a program reads. One file
//! per format; all of them read the same [`Context`].

pub mod claimreview;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod safe;
pub mod sarif;
pub mod wording;

use std::sync::Arc;

use crate::engine::Finding;
use crate::rules::RuleSet;
use crate::source::SourceFile;
use crate::span::Position;

/// The output formats. Adding one: its file here, its variant below (name
/// and dispatch arm: the compiler asks for both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Jsonl,
    Sarif,
    Junit,
    Github,
    Html,
    Claimreview,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Human,
        Format::Json,
        Format::Jsonl,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Html,
        Format::Claimreview,
    ];

    /// The name `--format` and factlint.toml use.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Html => "html",
            Format::Claimreview => "claimreview",
        }
    }

    pub fn names() -> Vec<&'static str> {
        Format::ALL.iter().map(|f| f.name()).collect()
    }

    /// The format of a name; `None` for a name no format has.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// What some formats need beyond the findings.
pub struct Options<'a> {
    /// The human format: how to draw (colour or not), and `--explain`.
    pub renderer: crate::render::Renderer,
    pub explain: bool,
    /// The human format: the findings and nothing else (`--quiet`).
    pub quiet: bool,
    /// The HTML matrix: what each report states.
    pub facts: &'a [&'a crate::engine::SourceFacts],
    /// ClaimReview: the decisions of a review session, and who publishes.
    pub reviews: Option<(&'a crate::baseline::Baseline, &'a claimreview::Publisher)>,
}

/// The findings of a run in a format, made safe for where that format is
/// read (see [`safe`]).
pub fn render(format: Format, ctx: &Context<'_>, opts: &Options<'_>) -> String {
    let text = render_raw(format, ctx, opts);
    match format {
        Format::Human => safe::terminal(&text, opts.renderer.style.color),
        Format::Github => safe::github(&text),
        Format::Json | Format::Jsonl | Format::Sarif | Format::Claimreview => safe::json(&text),
        Format::Junit | Format::Html => safe::xml(&text),
    }
}

fn render_raw(format: Format, ctx: &Context<'_>, opts: &Options<'_>) -> String {
    match format {
        Format::Human if opts.quiet => human::render_findings(ctx, &opts.renderer),
        Format::Human => human::render(ctx, &opts.renderer, opts.explain),
        Format::Json => json::render(ctx),
        Format::Jsonl => jsonl::render(ctx),
        Format::Sarif => sarif::render(ctx),
        Format::Junit => junit::render(ctx),
        Format::Github => github::render(ctx),
        Format::Html => html::render(ctx, opts.facts),
        Format::Claimreview => match opts.reviews {
            Some((baseline, publisher)) => claimreview::render(ctx, baseline, publisher),
            None => String::new(),
        },
    }
}

/// Evidence drawn per side in the human format; the other reports of the
/// side are named in a note.
pub const HUMAN_EVIDENCE: usize = 5;
/// Evidence objects per side in the machine formats (every report of a side
/// is still listed by name).
pub const MACHINE_EVIDENCE: usize = 50;

/// The evidence of a side to show: the first piece from each of at most
/// `max` reports, in order (a report may give several pieces: they stay).
pub fn shown_evidence(side: &crate::engine::Side, max: usize) -> Vec<&crate::engine::Evidence> {
    side.shown_evidence(max)
}

/// Distinct reports of a side, in order.
pub fn side_reports(side: &crate::engine::Side) -> Vec<usize> {
    side.reports()
}

/// Does a report name leave the repository root (`../x`, `/x`)?
pub fn leaves_root(name: &str) -> bool {
    name.starts_with("../") || name == ".." || std::path::Path::new(name).is_absolute()
}

/// `root` joined with a path (an absolute one replaces it), `.` and `..`
/// taken lexically (the root is canonical, so this is the file's path).
pub fn resolve(root: &std::path::Path, name: impl AsRef<std::path::Path>) -> std::path::PathBuf {
    let mut out = root.to_path_buf();
    for part in name.as_ref().components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Problems met while reading reports, for the outputs to list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputNote {
    pub report: String,
    pub code: String,
    pub message: String,
    pub fatal: bool,
}

/// One time of a timeline: when, the figure, the reports stating it.
pub type TimelineRow = (String, String, String);

/// What every renderer needs.
pub struct Context<'a> {
    pub rules: &'a RuleSet,
    pub sources: &'a [SourceFile],
    /// Short names (`002`), one per source.
    pub shorts: ShortNames<'a>,
    /// The texts the human renderer quotes, with their line index, made
    /// the first time a report is quoted (and shared by its diagnostics).
    indexed: std::sync::Mutex<std::collections::HashMap<usize, crate::render::Indexed>>,
    pub findings: &'a [Finding],
    pub problems: &'a [InputNote],
    /// What a baseline did to the findings, for the machine formats.
    pub baseline: Option<serde_json::Value>,
    /// Reports set apart from an event's comparison (another edition).
    pub set_apart: Vec<crate::engine::SetApart>,
    /// The series of every changing figure.
    pub timelines: Vec<crate::engine::rules::series::Timeline>,
    /// The folder report names are relative to (the repository root), for
    /// SARIF's `originalUriBaseIds`.
    pub root: Option<std::path::PathBuf>,
    /// The baseline file's recorded review decisions, shown with their
    /// findings (HTML, JSON).
    pub decisions: Option<&'a crate::baseline::Baseline>,
    /// Report names by id, made once when a decision is looked up.
    names: std::sync::OnceLock<Vec<String>>,
    /// Lines skipped as page furniture, by report (shown with `--explain`).
    pub skipped: Vec<(usize, crate::span::Span, crate::extract::Aside)>,
}

impl<'a> Context<'a> {
    pub fn new(
        rules: &'a RuleSet,
        sources: &'a [SourceFile],
        findings: &'a [Finding],
        problems: &'a [InputNote],
    ) -> Self {
        Context {
            rules,
            sources,
            shorts: ShortNames::of(sources),
            indexed: std::sync::Mutex::default(),
            findings,
            problems,
            baseline: None,
            set_apart: Vec::new(),
            timelines: Vec::new(),
            root: None,
            decisions: None,
            names: std::sync::OnceLock::new(),
            skipped: Vec::new(),
        }
    }

    /// A report's text and line index as the human renderer quotes them.
    pub fn indexed(&self, id: usize) -> Option<crate::render::Indexed> {
        let s = self.sources.get(id)?;
        let mut cache = self
            .indexed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = cache.entry(id).or_insert_with(|| crate::render::Indexed {
            name: Arc::from(&*s.name),
            text: Arc::from(s.text.as_str()),
            lines: Arc::clone(s.lines()),
        });
        Some(entry.clone())
    }

    pub fn source(&self, id: usize) -> Option<&'a SourceFile> {
        self.sources.get(id)
    }

    pub fn short(&self, id: usize) -> &'a str {
        self.shorts.get(id)
    }

    pub fn position(&self, id: usize, offset: usize) -> Option<Position> {
        let s = self.sources.get(id)?;
        Some(s.position(offset))
    }

    /// A span in the report's file bytes (`start`, `length`): the same as
    /// the text's for UTF-8, converted for UTF-16.
    pub fn file_span(&self, id: usize, span: crate::span::Span) -> (usize, usize) {
        match self.sources.get(id) {
            Some(s) => {
                let start = s.file_offset(span.start);
                (start, s.file_offset(span.end).saturating_sub(start))
            }
            None => (span.start, span.len()),
        }
    }

    /// The review decision recorded for a finding, if any.
    pub fn decision(&self, f: &Finding) -> Option<&'a crate::baseline::Review> {
        let book = self.decisions?;
        let names = self
            .names
            .get_or_init(|| self.sources.iter().map(|s| s.name.to_string()).collect());
        book.review_of(&crate::baseline::FindingKey::of(f, names))
    }

    /// Who writes the words of findings in this run.
    pub fn words(&self) -> wording::Words<'_> {
        wording::Words {
            rules: self.rules,
            shorts: self.shorts,
        }
    }

    /// The message, help and notes of a finding.
    pub fn wording(&self, f: &Finding) -> wording::Wording {
        self.words().finding(f)
    }

    /// The reports set apart, each as (report name, event, why).
    pub fn set_apart_lines(&self) -> Vec<(String, String, String)> {
        self.set_apart
            .iter()
            .map(|s| {
                (
                    self.source(s.report)
                        .map_or_else(String::new, |x| x.name.to_string()),
                    self.rules
                        .events
                        .get(s.event)
                        .map_or_else(String::new, |e| e.name.clone()),
                    wording::apart(s.why),
                )
            })
            .collect()
    }

    /// The timelines for people: a heading, then one line per time.
    pub fn timeline_lines(&self) -> Vec<(String, Vec<TimelineRow>)> {
        let words = self.words();
        self.timelines
            .iter()
            .map(|t| {
                let source =
                    t.by.map(|e| format!(" ({})", self.rules.entity_name(e)))
                        .unwrap_or_default();
                let head = format!("{}{source}", words.slot_path(t.slot));
                let rows = t
                    .points
                    .iter()
                    .map(|p| {
                        let mut when = wording::when(p.date, p.minutes, p.weak);
                        if let Some((r, span)) = p.words {
                            let words = self.text(r, span).trim();
                            if !words.is_empty() {
                                when = format!("«{}» — {when}", crate::render::neutralise(words));
                            }
                        }
                        let mut who: Vec<&str> = p.reports.iter().map(|&r| self.short(r)).collect();
                        who.sort_unstable();
                        let mut who = who.join(", ");
                        if p.provisional {
                            who.push_str(" (provisional or updated)");
                        }
                        (when, p.value.describe(), who)
                    })
                    .collect();
                (head, rows)
            })
            .collect()
    }

    /// `meeting.venue`, for a finding about a slot.
    pub fn slot_path(&self, f: &Finding) -> Option<String> {
        f.slot.map(|at| self.words().slot_path(at))
    }

    /// A value, written for people.
    pub fn value(&self, v: &crate::engine::Value) -> String {
        wording::value(self.rules, v)
    }

    /// What a piece of evidence shows: its role, else its side's value.
    pub fn shown_value(&self, side: &crate::engine::Side, e: &crate::engine::Evidence) -> String {
        e.role
            .as_ref()
            .map_or_else(|| self.value(&side.value), |r| wording::role(self.rules, r))
    }

    pub fn text(&self, id: usize, span: crate::span::Span) -> &str {
        self.sources
            .get(id)
            .and_then(|s| s.words(span))
            .unwrap_or("")
    }
}

/// Short names for reports: the part of the file name before the first `_`
/// (`002_ef86….txt` → `002`), or the file stem; full names when two would
/// collide. Read from the names when asked for: a run of a million reports
/// keeps no second list of names.
#[derive(Debug, Clone, Copy)]
pub struct ShortNames<'a> {
    sources: &'a [SourceFile],
    /// Two short names collide: full names are given.
    full: bool,
}

/// The short name of a report's name (a part of it).
fn short_of(name: &str) -> &str {
    let stem = std::path::Path::new(name)
        .file_stem()
        .and_then(|n| n.to_str())
        .unwrap_or(name);
    match stem.split_once('_') {
        Some((head, _)) if !head.is_empty() => head,
        _ => stem,
    }
}

impl<'a> ShortNames<'a> {
    pub fn of(sources: &'a [SourceFile]) -> Self {
        // By the hashes of the short names (4 bytes a report, not a
        // name's 16); reports whose hashes meet are told by their names.
        let hash = |s: &SourceFile| {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            short_of(&s.name).hash(&mut h);
            (h.finish() >> 32) as u32
        };
        let mut hashes: Vec<u32> = sources.iter().map(hash).collect();
        hashes.sort_unstable();
        let met: Vec<u32> = hashes
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if a == b => Some(*a),
                _ => None,
            })
            .collect();
        drop(hashes);
        let full = !met.is_empty() && {
            let mut shorts: Vec<&str> = sources
                .iter()
                .filter(|s| met.binary_search(&hash(s)).is_ok())
                .map(|s| short_of(&s.name))
                .collect();
            shorts.sort_unstable();
            shorts.windows(2).any(|w| w.first() == w.get(1))
        };
        ShortNames { sources, full }
    }

    /// Report `id`'s short name (`?` for no report).
    pub fn get(&self, id: usize) -> &'a str {
        match self.sources.get(id) {
            Some(s) if self.full => &s.name,
            Some(s) => short_of(&s.name),
            None => "?",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn named(names: &[&str]) -> Vec<SourceFile> {
        names
            .iter()
            .map(|n| crate::source::load(n, b"Moscow.\n", u64::MAX).unwrap())
            .collect()
    }

    #[test]
    fn short_names_unless_two_meet() {
        let apart = named(&["a/m1-ar.txt", "b/m2_ar.txt", "m3.txt"]);
        let shorts = ShortNames::of(&apart);
        let got: Vec<&str> = (0..4).map(|i| shorts.get(i)).collect();
        assert_eq!(got, ["m1-ar", "m2", "m3", "?"]);
        let meeting = named(&["a/m1_x.txt", "b/m2.txt", "c/m1_y.txt"]);
        let shorts = ShortNames::of(&meeting);
        let got: Vec<&str> = (0..3).map(|i| shorts.get(i)).collect();
        assert_eq!(got, ["a/m1_x.txt", "b/m2.txt", "c/m1_y.txt"]);
    }
}
