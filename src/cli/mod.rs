//! Command-line interface: argument definitions and the I/O around the
//! library's stages.

mod check_cmd;
mod claims_cmd;
mod inputs;
mod rules_cmd;

use std::io::IsTerminal;

use clap::{Parser, Subcommand, ValueEnum};

use factlint::render::{Renderer, Style};

/// Exit codes, as documented in the README.
pub mod exit {
    /// No finding at or above `--fail-on`; rule files clean.
    pub const OK: u8 = 0;
    /// Findings (or, for `rules fmt --check`, files to reformat).
    pub const FINDINGS: u8 = 1;
    /// The run cannot be trusted: bad rule file, unreadable report, bad flags.
    pub const UNTRUSTED: u8 = 2;
    /// Internal error.
    pub const INTERNAL: u8 = 101;
}

#[derive(Debug, Parser)]
#[command(
    name = "factlint",
    version,
    about = "Checks whether news reports agree on their facts",
    long_about = "factlint reads news reports (Arabic, English, French) and a rule file, extracts the \
claims the rules ask about, and reports where the reports disagree, pointing at the exact words in \
every report involved."
)]
pub struct Cli {
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Work on rule files: check them, format them.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Check reports against a rule file and report where they disagree.
    Check {
        /// The rule file.
        #[arg(long, short = 'r')]
        rules: std::path::PathBuf,
        /// Report files, or folders of `.txt` reports.
        reports: Vec<std::path::PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = check_cmd::Format::Human)]
        format: check_cmd::Format,
        /// Exit with 1 when a finding of this severity or above is reported.
        #[arg(long, value_enum, default_value_t = check_cmd::FailOn::Error)]
        fail_on: check_cmd::FailOn,
        /// Show how each value was found: the alias or recogniser, the
        /// trigger it was read for, and the scope.
        #[arg(long)]
        explain: bool,
        /// Write the report to this file instead of standard output.
        #[arg(long, short = 'o')]
        output: Option<std::path::PathBuf>,
        /// Largest report read, in bytes.
        #[arg(long, default_value_t = factlint::source::DEFAULT_MAX_SIZE)]
        max_report_size: u64,
    },
    /// Print every claim found in reports, as JSON lines.
    Claims {
        /// A rule file: adds its vocabulary (entities, units, event mentions).
        #[arg(long)]
        rules: Option<std::path::PathBuf>,
        /// Report files, or folders of `.txt` reports.
        #[arg(required = true)]
        reports: Vec<std::path::PathBuf>,
    },
    /// Print the long explanation of a diagnostic code (e.g. FL207).
    Explain {
        /// The code, e.g. FL207.
        code: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Check rule files: print every error with its code; exit 2 if any.
    Check {
        /// Rule files.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Rewrite rule files in the canonical layout (comments kept).
    Fmt {
        /// Do not write: exit 1 if a file is not in the canonical layout.
        #[arg(long)]
        check: bool,
        /// Rule files.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
}

/// Decides once whether output is coloured; every renderer gets this style.
pub fn style_for(choice: ColorChoice, stream_is_tty: bool) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_tty && !no_color,
    };
    Style {
        color,
        ..Style::plain()
    }
}

pub fn run(cli: Cli) -> u8 {
    let err_style = style_for(cli.color, std::io::stderr().is_terminal());
    match cli.command {
        Command::Rules(RulesCommand::Check { files }) => {
            rules_cmd::check(&files, Renderer::new(err_style))
        }
        Command::Rules(RulesCommand::Fmt { check, files }) => {
            rules_cmd::fmt(&files, check, Renderer::new(err_style))
        }
        Command::Check {
            rules,
            reports,
            format,
            fail_on,
            explain,
            output,
            max_report_size,
        } => {
            let out_style = style_for(cli.color, std::io::stdout().is_terminal());
            check_cmd::run(
                check_cmd::Options {
                    rules,
                    reports,
                    format,
                    fail_on,
                    explain,
                    output,
                    max_report_size,
                },
                out_style,
                Renderer::new(err_style),
            )
        }
        Command::Claims { rules, reports } => {
            claims_cmd::run(rules, &reports, Renderer::new(err_style))
        }
        Command::Explain { code } => match factlint::codes::lookup(&code) {
            Some(info) => {
                println!("{}: {}\n\n{}", info.code, info.title, info.explanation);
                exit::OK
            }
            None => {
                eprintln!(
                    "error[FL402]: unknown code `{}`\n  help: codes look like `FL207`; see the README for the list",
                    code.trim()
                );
                exit::UNTRUSTED
            }
        },
    }
}

/// Writes a file atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.factlint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(&tmp, meta.permissions());
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
