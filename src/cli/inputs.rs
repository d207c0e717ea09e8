//! Reading reports and rule files from disk.

use std::path::{Path, PathBuf};

use factlint::rules::{self, RuleSet, RuleSource};
use factlint::source::{self, InputProblem, SourceFile};

/// Expands folders to the `.txt` files inside them (recursively, sorted by
/// path); files named on the command line are read whatever their name.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// A report that could not be read, with its path.
pub struct Problem {
    pub path: String,
    pub problem: InputProblem,
    /// The decoded text when there is one (for a front-matter error).
    pub text: Option<String>,
}

impl Problem {
    pub fn render(&self) -> String {
        let mut s = format!(
            "{}[{}]: {}: {}\n",
            if self.problem.is_fatal() {
                "error"
            } else {
                "warning"
            },
            self.problem.code(),
            self.path,
            self.problem
        );
        if let (InputProblem::FrontMatter { span, .. }, Some(text)) = (&self.problem, &self.text) {
            let idx = factlint::span::LineIndex::new(text);
            let p = idx.position(text, span.start);
            s.push_str(&format!("  --> {}:{}:{}\n", self.path, p.line, p.column));
        }
        s.push_str(&format!("  help: {}\n", self.problem.help()));
        s
    }
}

/// The name a report goes by in outputs and baselines: relative to
/// `base` (the folder of factlint.toml) when there is one, so that names
/// do not depend on the folder factlint runs from; else the path as given.
fn report_name(path: &Path, base: Option<&Path>) -> String {
    let relative = base.and_then(|b| {
        let abs = std::fs::canonicalize(path).ok()?;
        let rel = abs.strip_prefix(b).ok()?;
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
        )
    });
    relative.unwrap_or_else(|| path.display().to_string())
}

/// Loads every report; problems are returned beside the readable ones.
pub fn load_reports(paths: &[PathBuf], size_limit: u64) -> (Vec<SourceFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in expand(paths) {
        match read_one(&path, &path.display().to_string(), size_limit) {
            Ok(mut f) => {
                f.id = files.len();
                files.push(f);
            }
            Err(p) => problems.push(p),
        }
    }
    (files, problems)
}

/// Loads and checks a rule file; errors are rendered for the user.
pub fn load_rules(path: &Path, renderer: factlint::render::Renderer) -> Result<RuleSet, String> {
    let src: RuleSource = super::rules_cmd::read_rules(path)?;
    rules::load(&src).map_err(|errors| {
        let mut s: String = errors.iter().map(|e| renderer.render(e) + "\n").collect();
        s.push_str(&format!(
            "{}: {} error(s) in the rule file\n",
            path.display(),
            errors.len()
        ));
        s
    })
}

/// Reports read, extracted and pruned in parallel, their text dropped as
/// soon as their claims are out: memory grows with claims, not bytes. The
/// text of the reports a finding quotes is read again for the output
/// ([`Streamed::reload`]).
/// One report after reading: decoded and extracted, or what went wrong.
type ReadOutcome = (
    PathBuf,
    Result<(SourceFile, factlint::engine::Summary), Problem>,
);

pub struct Streamed {
    pub sources: Vec<SourceFile>,
    /// What each report states, and the findings inside it.
    pub summaries: Vec<factlint::engine::Summary>,
    pub problems: Vec<Problem>,
    /// Where each source was read from.
    paths: Vec<PathBuf>,
}

pub fn stream_reports(
    paths: &[PathBuf],
    size_limit: u64,
    base: Option<&Path>,
    rules: &RuleSet,
) -> Streamed {
    use rayon::prelude::*;
    use std::io::IsTerminal;
    let files = expand(paths);
    let vocab = factlint::extract::vocab::Vocabulary::new(rules);
    let relevance = factlint::extract::Relevance::of(rules);
    let bar = if files.len() >= 200 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} reading reports {bar:30} {pos}/{len} {per_sec} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Each report: read, decode, extract, prune, drop the text. `collect`
    // keeps the order of the paths whatever the number of threads.
    let results: Vec<ReadOutcome> = files
        .par_iter()
        .map(|path| {
            let name = report_name(path, base);
            let out = read_one(path, &name, size_limit).map(|mut src| {
                let mut ex = factlint::extract::extract(&src, Some(rules), Some(&vocab));
                ex.retain_relevant(&relevance, rules);
                // Keep what the report states; drop its text and claims.
                let summary = factlint::engine::summarize(
                    rules,
                    &factlint::engine::Report {
                        id: 0,
                        short: String::new(),
                        extraction: &ex,
                    },
                );
                src.text = String::new();
                src.lines = factlint::span::LineIndex::default();
                (src, summary)
            });
            bar.inc(1);
            (path.clone(), out)
        })
        .collect();
    bar.finish_and_clear();
    let mut s = Streamed {
        sources: Vec::new(),
        summaries: Vec::new(),
        problems: Vec::new(),
        paths: Vec::new(),
    };
    for (path, r) in results {
        match r {
            Ok((mut src, mut summary)) => {
                let id = s.sources.len();
                src.id = id;
                summary.renumber(id);
                s.sources.push(src);
                s.summaries.push(summary);
                s.paths.push(path);
            }
            Err(p) => s.problems.push(p),
        }
    }
    s
}

fn read_one(path: &Path, name: &str, size_limit: u64) -> Result<SourceFile, Problem> {
    let problem = |problem: InputProblem, text: Option<String>| Problem {
        path: name.to_string(),
        problem,
        text,
    };
    if let Ok(m) = std::fs::metadata(path)
        && m.len() > size_limit
    {
        return Err(problem(
            InputProblem::TooLarge {
                size: m.len(),
                limit: size_limit,
            },
            None,
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        problem(
            InputProblem::Unreadable {
                reason: e.to_string(),
            },
            None,
        )
    })?;
    source::load_owned(0, name, bytes, size_limit).map_err(|p| {
        // The text is kept only where the message points into it.
        let text = matches!(p, InputProblem::FrontMatter { .. })
            .then(|| std::fs::read_to_string(path).ok())
            .flatten();
        problem(p, text)
    })
}

impl Streamed {
    /// Reads again the text of the given reports (those the output quotes).
    pub fn reload(&mut self, ids: impl IntoIterator<Item = usize>, size_limit: u64) {
        for id in ids {
            let (Some(path), Some(src)) = (self.paths.get(id), self.sources.get_mut(id)) else {
                continue;
            };
            if !src.text.is_empty() {
                continue;
            }
            if let Ok(mut fresh) = read_one(path, &src.name, size_limit) {
                fresh.id = id;
                *src = fresh;
            }
        }
    }
}
