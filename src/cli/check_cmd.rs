//! `factlint check` and `factlint baseline`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use factlint::baseline::{self, Baseline};
use factlint::config::FileError;
use factlint::output::{self, Context, InputNote};
use factlint::render::{Renderer, Style};
use factlint::rules::{RuleSet, Severity};
use factlint::run::{self, BaselineUse, Outcome};
use factlint::source::SourceFile;

use super::inputs::{self, DiskLoader};
use super::settings::{self, Settings};
use factlint::output::Format;

use super::{FailOn, RunArgs, exit};

/// For `--format claimreview`: who publishes, and where.
pub struct Publish {
    pub name: String,
    pub url: Option<String>,
}

/// A run over the rules and reports of the settings; problems already
/// printed.
pub struct Loaded {
    pub rules: RuleSet,
    pub outcome: Outcome,
    loader: DiskLoader,
    files: Vec<PathBuf>,
    pub notes: Vec<InputNote>,
    pub untrusted: bool,
}

impl Loaded {
    pub fn sources(&self) -> &[SourceFile] {
        &self.outcome.sources
    }

    pub fn names(&self) -> Vec<String> {
        self.outcome.names()
    }

    /// Reads again the text of every report the findings quote.
    pub fn reload_quoted(&mut self) {
        self.outcome
            .reload_quoted(&self.loader, &self.files, output::MACHINE_EVIDENCE);
    }
}

/// Loads the rules and runs them over the reports (through a baseline,
/// when one is given).
pub fn load(
    s: &Settings,
    max_size: u64,
    err: Renderer,
    baseline: Option<BaselineUse<'_>>,
) -> Result<Loaded, u8> {
    let rules = match inputs::load_rules(&s.rules, err) {
        Ok(r) => r,
        Err(msg) => {
            eprint!("{msg}");
            return Err(exit::UNTRUSTED);
        }
    };
    if s.reports.is_empty() {
        eprintln!(
            "error[FL400]: no reports given\n  help: name report files or folders of .txt reports, or set `reports` in factlint.toml"
        );
        return Err(exit::UNTRUSTED);
    }
    let files = inputs::expand(&s.reports);
    let loader = DiskLoader {
        size_limit: max_size,
        base: s.name_base.clone(),
    };
    let bar = inputs::progress(files.len());
    let outcome = run::check(&rules, &loader, &files, baseline, &|| bar.inc(1));
    bar.finish_and_clear();
    let problems = &outcome.problems;
    if outcome.sources.is_empty() && problems.is_empty() {
        eprintln!(
            "error[FL400]: no reports found in the paths given\n  help: folders contribute their .txt files"
        );
        return Err(exit::UNTRUSTED);
    }
    for p in problems {
        eprint!("{}", inputs::render_problem(p));
    }
    let notes: Vec<InputNote> = problems
        .iter()
        .map(|p| InputNote {
            report: p.report.clone(),
            code: p.problem.code().to_string(),
            message: format!("{} ({})", p.problem, p.problem.help()),
            fatal: p.problem.is_fatal(),
        })
        .collect();
    let untrusted = notes.iter().any(|n| n.fatal);
    Ok(Loaded {
        rules,
        outcome,
        loader,
        files,
        notes,
        untrusted,
    })
}

/// Reads a baseline; a missing or corrupt one stops the run.
pub fn read_baseline(path: &Path, err: Renderer) -> Result<Baseline, u8> {
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "error[FL407]: cannot read baseline `{name}`: {e}\n  help: create it with `factlint baseline`"
            );
            return Err(exit::UNTRUSTED);
        }
    };
    Baseline::parse(&text).map_err(|e| {
        let diag = FileError {
            code: "FL406",
            message: e.message.clone(),
            help: Some(
                "fix the file, or delete it and run `factlint baseline` (waivers would be lost)"
                    .into(),
            ),
            span: e.span,
            source: miette::NamedSource::new(name, Arc::<str>::from(text.as_str())),
        };
        eprint!("{}", err.render(&diag));
        exit::UNTRUSTED
    })
}

pub fn today() -> factlint::value::Date {
    let d = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .date();
    factlint::value::Date::new(Some(d.year()), d.month() as u8, d.day() as u8).unwrap_or(
        factlint::value::Date {
            year: Some(2000),
            month: 1,
            day: 1,
        },
    )
}

#[allow(clippy::too_many_arguments)]
pub fn check(
    run: RunArgs,
    format: Option<Format>,
    fail_on: Option<FailOn>,
    baseline_path: Option<PathBuf>,
    explain: bool,
    output: Option<PathBuf>,
    publish: Publish,
    out_style: Style,
    err: Renderer,
) -> u8 {
    let s = match settings::resolve(&run, format, fail_on, baseline_path, err) {
        Ok(s) => s,
        Err(msg) => {
            eprint!("{msg}");
            return exit::UNTRUSTED;
        }
    };
    // ClaimReview publishes confirmed findings: it reads the decisions of
    // the baseline file and hides nothing.
    let book = match &s.baseline {
        Some(path) => match read_baseline(path, err) {
            Ok(b) => Some(b),
            Err(code) => return code,
        },
        None => None,
    };
    if s.format == Format::Claimreview {
        let Some(b) = &book else {
            eprintln!(
                "error[FL407]: --format claimreview needs the decisions of a review session\n  help: give --baseline FILE (written by `factlint review`)"
            );
            return exit::UNTRUSTED;
        };
        let mut loaded = match load(&s, run.max_report_size, err, None) {
            Ok(l) => l,
            Err(code) => return code,
        };
        loaded.reload_quoted();
        let findings = &loaded.outcome.findings;
        let ctx = Context::new(&loaded.rules, loaded.sources(), findings, &loaded.notes);
        let publisher = output::claimreview::Publisher {
            name: publish.name,
            url: publish.url,
            date: today().iso(),
        };
        let opts = output::Options {
            renderer: Renderer::new(Style::plain()),
            explain: false,
            facts: &[],
            reviews: Some((b, &publisher)),
        };
        let text = output::render(Format::Claimreview, &ctx, &opts);
        if let Some(code) = emit(&output, &text) {
            return code;
        }
        return if loaded.untrusted {
            exit::UNTRUSTED
        } else {
            exit::OK
        };
    }
    let baseline_use = book.as_ref().map(|b| BaselineUse {
        baseline: b,
        today: today(),
    });
    let mut loaded = match load(&s, run.max_report_size, err, baseline_use) {
        Ok(l) => l,
        Err(code) => return code,
    };
    loaded.reload_quoted();
    let mut baseline_json = None;
    if let (Some(path), Some(applied)) = (&s.baseline, &loaded.outcome.baseline) {
        let file = path.display().to_string();
        for e in &applied.stale {
            eprintln!(
                "note[FL408]: stale baseline entry: `{}` on {} ({}) no longer occurs\n  help: run `factlint baseline` to drop it",
                e.rule,
                e.reports.join(", "),
                e.values.join(" / ")
            );
        }
        for w in &applied.unused {
            eprintln!(
                "warning[FL409]: unused waiver for `{}` in {file}: no finding matches it (\"{}\")",
                w.rule, w.reason
            );
        }
        for w in &applied.expired {
            eprintln!(
                "note[FL410]: the waiver for `{}` expired on {}: its finding is reported again",
                w.rule,
                w.expires.as_deref().unwrap_or("?")
            );
        }
        if applied.suppressed > 0 {
            eprintln!(
                "{} finding(s) covered by the baseline {file}",
                applied.suppressed
            );
        }
        baseline_json = Some(serde_json::json!({
            "file": file,
            "suppressed": applied.suppressed,
            "stale": applied.stale,
            "unused_waivers": applied.unused,
            "expired_waivers": applied.expired,
        }));
    }
    let findings = &loaded.outcome.findings;
    let mut ctx = Context::new(&loaded.rules, loaded.sources(), findings, &loaded.notes);
    ctx.baseline = baseline_json;
    if s.format == Format::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        use std::io::Write;
        let summary = output::github::step_summary(&ctx);
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(summary.as_bytes()));
        if let Err(e) = written {
            eprintln!("warning[FL404]: cannot append to GITHUB_STEP_SUMMARY: {e}");
        }
    }
    let facts = loaded.outcome.facts();
    let opts = output::Options {
        renderer: Renderer::new(if output.is_some() {
            Style::plain()
        } else {
            out_style
        }),
        explain,
        facts: &facts,
        reviews: None,
    };
    let text = output::render(s.format, &ctx, &opts);
    if let Some(code) = emit(&output, &text) {
        return code;
    }
    if loaded.untrusted {
        return exit::UNTRUSTED;
    }
    let threshold = match s.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    match threshold {
        Some(t) if findings.iter().any(|f| f.severity >= t) => exit::FINDINGS,
        _ => exit::OK,
    }
}

pub fn baseline(run: RunArgs, output: Option<PathBuf>, err: Renderer) -> u8 {
    let s = match settings::resolve(&run, None, None, None, err) {
        Ok(s) => s,
        Err(msg) => {
            eprint!("{msg}");
            return exit::UNTRUSTED;
        }
    };
    let path = output
        .or_else(|| s.baseline.clone())
        .unwrap_or_else(|| PathBuf::from(baseline::DEFAULT_FILE));
    let loaded = match load(&s, run.max_report_size, err, None) {
        Ok(l) => l,
        Err(code) => return code,
    };
    if loaded.untrusted {
        eprintln!("error: the baseline was not written: some reports could not be read");
        return exit::UNTRUSTED;
    }
    // Keep the waivers of an existing baseline; never overwrite a corrupt one.
    let previous = if path.exists() {
        match read_baseline(&path, err) {
            Ok(b) => Some(b),
            Err(code) => return code,
        }
    } else {
        None
    };
    let names = loaded.names();
    let shorts = output::short_names(loaded.sources());
    let words = output::wording::Words {
        rules: &loaded.rules,
        shorts: &shorts,
    };
    let b = baseline::write(
        &loaded.outcome.findings,
        &names,
        |f| words.finding(f).message,
        previous.as_ref(),
    );
    if let Err(e) = super::write_atomic(&path, b.to_toml().as_bytes()) {
        eprintln!("error[FL404]: cannot write `{}`: {e}", path.display());
        return exit::UNTRUSTED;
    }
    eprintln!(
        "wrote {} finding(s) to {} ({} waiver(s) kept)",
        b.findings.len(),
        path.display(),
        b.waivers.len()
    );
    exit::OK
}

/// Writes the report to its file (atomically) or standard output; an exit
/// code when that failed.
fn emit(output: &Option<PathBuf>, text: &str) -> Option<u8> {
    match output {
        Some(path) => {
            if let Err(e) = super::write_atomic(path, text.as_bytes()) {
                eprintln!("error[FL404]: cannot write `{}`: {e}", path.display());
                return Some(exit::UNTRUSTED);
            }
        }
        None => print!("{text}"),
    }
    None
}
