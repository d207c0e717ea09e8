//! Reading reports and rule files from disk.

use std::path::{Path, PathBuf};

use factlint::rules::{self, RuleSet, RuleSource};
use factlint::run::{Loader, Problem};

use super::Failure;
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

/// Prints a report that could not be read.
pub fn render_problem(p: &Problem) -> String {
    let mut s = format!(
        "{}[{}]: {}: {}\n",
        if p.problem.is_fatal() {
            "error"
        } else {
            "warning"
        },
        p.problem.code(),
        p.report,
        p.problem
    );
    if let (InputProblem::FrontMatter { span, .. }, Some(text)) = (&p.problem, &p.text) {
        let idx = factlint::span::LineIndex::new(text);
        let pos = idx.position(text, span.start);
        s.push_str(&format!("  --> {}:{}:{}\n", p.report, pos.line, pos.column));
    }
    s.push_str(&format!("  help: {}\n", p.problem.help()));
    s
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
    let loader = DiskLoader {
        size_limit,
        base: None,
    };
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in expand(paths) {
        match loader.load(&path) {
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
pub fn load_rules(path: &Path) -> Result<RuleSet, Failure> {
    let src: RuleSource = super::rules_cmd::read_rules(path)?;
    rules::load(&src).map_err(|errors| Failure::rules(path, errors))
}

/// Reads reports from disk: names relative to `base` (the folder of
/// factlint.toml) when there is one, files over `size_limit` refused.
pub struct DiskLoader {
    pub size_limit: u64,
    pub base: Option<PathBuf>,
}

impl Loader for DiskLoader {
    type Input = PathBuf;

    fn load(&self, path: &PathBuf) -> Result<SourceFile, Problem> {
        read_one(
            path,
            &report_name(path, self.base.as_deref()),
            self.size_limit,
        )
    }
}

fn read_one(path: &Path, name: &str, size_limit: u64) -> Result<SourceFile, Problem> {
    let problem = |problem: InputProblem, text: Option<String>| Problem {
        report: name.to_string(),
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

/// A progress bar for long runs (hidden when standard error is not a
/// terminal).
pub fn progress(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let bar = if files >= 200 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} reading reports {bar:30} {pos}/{len} {per_sec} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}
