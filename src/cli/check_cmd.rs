//! `factlint check`: the main job.

use std::path::PathBuf;

use clap::ValueEnum;
use factlint::render::{Renderer, Style};
use factlint::report::{self, Context, InputNote};
use factlint::rules::Severity;

use super::{exit, inputs};

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

pub struct Options {
    pub rules: PathBuf,
    pub reports: Vec<PathBuf>,
    pub format: Format,
    pub fail_on: FailOn,
    pub explain: bool,
    pub output: Option<PathBuf>,
    pub max_report_size: u64,
}

pub fn run(opts: Options, out_style: Style, err_renderer: Renderer) -> u8 {
    let rules = match inputs::load_rules(&opts.rules, err_renderer) {
        Ok(r) => r,
        Err(msg) => {
            eprint!("{msg}");
            return exit::UNTRUSTED;
        }
    };
    if opts.reports.is_empty() {
        eprintln!(
            "error[FL400]: no reports given\n  help: name report files or folders of .txt reports"
        );
        return exit::UNTRUSTED;
    }
    let (sources, problems) = inputs::load_reports(&opts.reports, opts.max_report_size);
    let notes: Vec<InputNote> = problems
        .iter()
        .map(|p| InputNote {
            report: p.path.clone(),
            code: p.problem.code().to_string(),
            message: format!("{} ({})", p.problem, p.problem.help()),
            fatal: p.problem.is_fatal(),
        })
        .collect();
    if sources.is_empty() && problems.is_empty() {
        eprintln!(
            "error[FL400]: no reports found in the paths given\n  help: folders contribute their .txt files"
        );
        return exit::UNTRUSTED;
    }
    let (_extractions, findings) = factlint::check(&rules, &sources);
    let ctx = Context::new(&rules, &sources, &findings, &notes);
    let text = match opts.format {
        Format::Human => {
            let style = if opts.output.is_some() {
                Style::plain()
            } else {
                out_style
            };
            report::human::render(&ctx, &Renderer::new(style), opts.explain)
        }
        Format::Json => report::json::render(&ctx),
    };
    match &opts.output {
        Some(path) => {
            if let Err(e) = super::write_atomic(path, text.as_bytes()) {
                eprintln!("error[FL404]: cannot write `{}`: {e}", path.display());
                return exit::UNTRUSTED;
            }
        }
        None => print!("{text}"),
    }
    for p in &problems {
        eprint!("{}", p.render());
    }
    if notes.iter().any(|n| n.fatal) {
        return exit::UNTRUSTED;
    }
    let threshold = match opts.fail_on {
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
