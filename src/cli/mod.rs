//! Command-line interface: argument definitions and the I/O around the
//! library's stages.

/// `eprintln!` through the output-safety layer ([`say`]).
macro_rules! sayln {
    () => {
        $crate::cli::say("\n")
    };
    ($($t:tt)*) => {
        $crate::cli::say(&format!("{}\n", format_args!($($t)*)))
    };
}

mod check_cmd;
mod claims_cmd;
mod init_cmd;
mod inputs;
mod review_cmd;
mod rules_cmd;
mod settings;
mod table_cmd;
mod test_cmd;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use factlint::error::UserError;
use factlint::output::Format;
use factlint::render::{Renderer, Style};

/// Exit codes, as documented in the README.
pub mod exit {
    /// No finding at or above `--fail-on`; rule files clean.
    pub const OK: u8 = 0;
    /// Findings (or, for `rules fmt --check`, files to reformat; for
    /// `factlint test`, a sample report that does not get what it expects).
    pub const FINDINGS: u8 = 1;
    /// The run cannot be trusted: bad rule file, unreadable report, bad flags.
    pub const UNTRUSTED: u8 = 2;
    /// Internal error.
    pub const INTERNAL: u8 = 101;
}

/// How a command ended when it could do its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Nothing at or above `--fail-on`; files clean.
    Clean,
    /// Findings (files to reformat, sample reports not as expected).
    Findings,
    /// It went through, but some input could not be read: the result
    /// cannot be trusted.
    Untrusted,
    /// factlint found a bug in itself (and said so).
    Internal,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Clean => exit::OK,
            Exit::Findings => exit::FINDINGS,
            Exit::Untrusted => exit::UNTRUSTED,
            Exit::Internal => exit::INTERNAL,
        }
    }
}

/// Why a command stopped before doing its job: what the user got wrong,
/// each diagnostic with its code (rule-file errors, or a [`UserError`]),
/// and an optional closing line. [`run`] draws it; the exit code is 2.
pub struct Failure {
    diagnostics: Vec<Box<dyn miette::Diagnostic>>,
    summary: Option<String>,
}

impl Failure {
    pub fn rules(path: &std::path::Path, errors: Vec<factlint::rules::RuleError>) -> Self {
        let n = errors.len();
        Failure {
            diagnostics: errors
                .into_iter()
                .map(|e| Box::new(e) as Box<dyn miette::Diagnostic>)
                .collect(),
            summary: Some(format!("{}: {n} error(s) in the rule file", path.display())),
        }
    }

    fn render(&self, err: Renderer) -> String {
        let mut s = String::new();
        let several = self.summary.is_some();
        for d in &self.diagnostics {
            s.push_str(&err.render(d.as_ref()));
            if several {
                s.push('\n');
            }
        }
        if let Some(line) = &self.summary {
            s.push_str(line);
            s.push('\n');
        }
        s
    }
}

impl From<UserError> for Failure {
    fn from(e: UserError) -> Self {
        Failure {
            diagnostics: vec![Box::new(e)],
            summary: None,
        }
    }
}

impl From<Box<factlint::rules::RuleError>> for Failure {
    fn from(e: Box<factlint::rules::RuleError>) -> Self {
        Failure {
            diagnostics: vec![e],
            summary: None,
        }
    }
}

/// What every command returns.
pub type Done = Result<Exit, Failure>;

/// Prints an error that does not stop the command (the next file goes on).
pub fn report(failure: &Failure, err: Renderer) {
    say(&failure.render(err));
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

/// `--format`: one of the names of [`Format`]; any other is an error.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Format::names())
        .try_map(|name| Format::from_name(&name).ok_or("not a format"))
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

/// Where the rules and reports come from, shared by `check` and `baseline`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The rule file (or `rules` in factlint.toml).
    #[arg(long, short = 'r')]
    pub rules: Option<PathBuf>,
    /// Report files, or folders of `.txt` reports (or `reports` in factlint.toml).
    pub reports: Vec<PathBuf>,
    /// Leave out report paths matching this gitignore pattern (`old/`,
    /// `*-draft.txt`); may be repeated. Folders also honour their
    /// `.gitignore` and `.ignore` files.
    #[arg(long, value_name = "PATTERN", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub exclude: Vec<String>,
    /// Read settings from this file instead of the factlint.toml found
    /// walking up from the working directory.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore any factlint.toml.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Largest report read, in bytes.
    #[arg(long, default_value_t = factlint::source::DEFAULT_MAX_SIZE)]
    pub max_report_size: u64,
    /// Reports longer than this, in bytes, are read window by window (a
    /// setting for tests: the output is the same whatever it is).
    #[arg(long, default_value_t = inputs::STREAM_ABOVE, hide = true)]
    pub stream_above: u64,
    /// Threads reading reports [default: one per core; at most twice the
    /// cores]. The output is the same whatever the number.
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Run only these rules: rule ids, or globs of them (`agree.*`); may
    /// be repeated or comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Leave out these rules (ids or globs), after --select.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
}

/// How `factlint extract` writes its tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// JSON lines (`.jsonl`).
    Jsonl,
    /// Apache Parquet (`.parquet`; the `parquet` build feature).
    Parquet,
}

/// The SQL dialects `factlint sql` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SqlDialect {
    /// Apache Spark SQL.
    Spark,
    /// DuckDB.
    Duckdb,
}

/// How `check` and `combine` show what they find.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: human, or `format` in factlint.toml].
    #[arg(long, value_parser = format_parser())]
    pub format: Option<Format>,
    /// Exit with 1 when a finding of this severity or above is reported
    /// [default: error, or `fail-on` in factlint.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Report only findings not in this baseline file (or `baseline` in
    /// factlint.toml).
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Show how each value was found: the alias or recogniser, the
    /// trigger it was read for, and the scope.
    #[arg(long)]
    pub explain: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// For `--format claimreview`: the organisation publishing the reviews.
    #[arg(long, default_value = "factlint")]
    pub publisher: String,
    /// For `--format claimreview`: the URL of the published fact-check.
    #[arg(long)]
    pub review_url: Option<String>,
    /// Print the findings and nothing else: no summary line, no notes
    /// about the baseline (problems reading inputs are still said).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print how many findings each rule has, instead of the findings.
    #[arg(long, conflicts_with_all = ["format", "explain"])]
    pub statistics: bool,
}

impl OutputArgs {
    /// Where the output goes, how it shows, and who publishes it.
    fn split(self, color: ColorChoice) -> (check_cmd::Emit, check_cmd::Show, check_cmd::Publish) {
        let style = style_for(color, std::io::stdout().is_terminal());
        (
            check_cmd::Emit {
                format: self.format,
                fail_on: self.fail_on,
                baseline: self.baseline,
                output: self.output,
            },
            check_cmd::Show {
                explain: self.explain,
                quiet: self.quiet,
                statistics: self.statistics,
                style,
            },
            check_cmd::Publish {
                name: self.publisher,
                url: self.review_url,
            },
        )
    }
}

/// The rule file and the settings of a run that reads no reports
/// (`combine`).
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// The rule file the tables were extracted with (or `rules` in
    /// factlint.toml).
    #[arg(long, short = 'r')]
    pub rules: Option<PathBuf>,
    /// Read settings from this file instead of the factlint.toml found
    /// walking up from the working directory.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore any factlint.toml.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Run only these rules (as when the tables were extracted).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Leave out these rules (as when the tables were extracted).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
}

impl RunArgs {
    /// The sizes reports are read by.
    pub fn sizes(&self) -> inputs::Sizes {
        inputs::Sizes {
            limit: self.max_report_size,
            stream_above: self.stream_above,
        }
    }
}

impl RulesArgs {
    /// As the settings of a run over no reports.
    pub fn run_args(self) -> RunArgs {
        RunArgs {
            rules: self.rules,
            reports: Vec::new(),
            exclude: Vec::new(),
            config: self.config,
            isolated: self.isolated,
            max_report_size: factlint::source::DEFAULT_MAX_SIZE,
            stream_above: inputs::STREAM_ABOVE,
            jobs: None,
            select: self.select,
            ignore: self.ignore,
        }
    }
}

fn shard_parser(s: &str) -> Result<factlint::table::Shard, String> {
    factlint::table::Shard::parse(s)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports against a rule file and report where they disagree.
    Check {
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Read reports and write what each states (its summary) to a table
    /// of JSON lines in a folder, for `factlint combine`: a shard of the
    /// inputs at a time (`--shard I/N`), on as many machines as there are
    /// shards.
    Extract {
        #[command(flatten)]
        run: RunArgs,
        /// The folder the table is written to (`summaries-I-of-N.jsonl`;
        /// made if missing).
        #[arg(long, short = 'o')]
        output: PathBuf,
        /// Read only shard I of N: a stable hash of each input's path
        /// picks its shard, so N runs over the same paths split them.
        #[arg(long, value_name = "I/N", default_value = "1/1", value_parser = shard_parser)]
        shard: factlint::table::Shard,
        /// How the tables are written: JSON lines, or Parquet (when factlint
        /// is built with the `parquet` feature).
        #[arg(long, value_enum, default_value_t = TableFormat::Jsonl)]
        table_format: TableFormat,
    },
    /// Run the rules across reports over the tables `factlint extract`
    /// wrote (every shard), and report as `check` would.
    Combine {
        #[command(flatten)]
        rules: RulesArgs,
        /// Table folders or files (`.jsonl`) written by `factlint extract`.
        #[arg(required = true)]
        tables: Vec<PathBuf>,
        /// Take the findings of `agree` and `expect` from the rows their SQL
        /// (`factlint sql`) gave, as JSON lines: files, or folders of
        /// `.json`/`.jsonl` files (as Spark writes them).
        #[arg(long, value_name = "PATH")]
        rows: Vec<PathBuf>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Print the rules across reports (`agree`, `expect`) as SQL over the
    /// facts table `factlint extract` writes, for Spark SQL or DuckDB.
    Sql {
        #[command(flatten)]
        rules: RulesArgs,
        /// The SQL dialect.
        #[arg(long, value_enum, default_value_t = SqlDialect::Duckdb)]
        dialect: SqlDialect,
        /// Begin with the statement that reads the table `facts` from these
        /// files (a path or glob: `tables/facts-*.jsonl`).
        #[arg(long, value_name = "GLOB")]
        facts: Option<String>,
        /// Print the columns of the facts table (`name TYPE, …`) instead.
        #[arg(long, conflicts_with = "facts")]
        schema: bool,
    },
    /// Walk the findings one at a time and record a decision for each
    /// (confirmed, waived with a reason, follow-up) in the baseline file.
    Review {
        #[command(flatten)]
        run: RunArgs,
        /// The decisions file [default: `baseline` in factlint.toml, else
        /// factlint.baseline.toml].
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Your name, recorded with each decision.
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Write every current finding to a baseline file (waivers are kept).
    Baseline {
        #[command(flatten)]
        run: RunArgs,
        /// The baseline file [default: `baseline` in factlint.toml, else
        /// factlint.baseline.toml].
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Run the sample reports kept beside rule files against their stated
    /// expectations (`FILE.tests/` or `FILE/` next to `FILE.rules`).
    Test {
        /// Rule files.
        #[arg(required = true)]
        rules: Vec<PathBuf>,
    },
    /// Print every claim found in reports, as JSON lines.
    Claims {
        /// A rule file: adds its vocabulary (entities, units, event mentions).
        #[arg(long, short = 'r')]
        rules: Option<PathBuf>,
        /// Report files, or folders of `.txt` reports.
        #[arg(required = true)]
        reports: Vec<PathBuf>,
    },
    /// Draft a starting rule file from a folder of reports: the event they
    /// share, the places they name, the slots they fill, each line with its
    /// evidence (never overwrites a file).
    Init {
        /// A folder of `.txt` reports about one event.
        folder: PathBuf,
        /// Where to write the draft [default: FOLDER-NAME.rules here; `-`:
        /// standard output].
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Work on rule files: check them, format them.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Explain a diagnostic code (`FL207`, or `207`) or a rule id
    /// (`agree.meeting.venue`; with --rules, any id of that file).
    Explain {
        /// The code or rule id.
        code: String,
        /// The rule file that defines the rule id.
        #[arg(long, short = 'r')]
        rules: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into
    /// a folder (`factlint.1`, `factlint-check.1`, …).
    Man {
        /// Write every page into this folder instead of printing the main one.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Check rule files: print every error with its code; exit 2 if any.
    Check {
        /// Rule files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite rule files in the canonical layout (comments kept).
    Fmt {
        /// Do not write: exit 1 if a file is not in the canonical layout.
        #[arg(long)]
        check: bool,
        /// Rule files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
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
    let jobs = match &cli.command {
        Command::Check { run, .. }
        | Command::Extract { run, .. }
        | Command::Baseline { run, .. }
        | Command::Review { run, .. } => run.jobs,
        _ => None,
    };
    if let Some(n) = jobs.filter(|n| *n > 0) {
        // More threads than cores only costs memory and start-up: a huge
        // `-j` (20000) is capped at twice the cores.
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let n = n.min(cores.saturating_mul(2).max(1));
        // Only fails if a pool exists already, and then it is the default one.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let err_style = style_for(cli.color, std::io::stderr().is_terminal());
    let err = Renderer::new(err_style);
    let done = match cli.command {
        Command::Check { run, out } => {
            let (output, show, publish) = out.split(cli.color);
            check_cmd::check(run, None, output, publish, show)
        }
        Command::Extract {
            run,
            output,
            shard,
            table_format,
        } => table_cmd::extract(run, &output, shard, table_format),
        Command::Sql {
            rules,
            dialect,
            facts,
            schema,
        } => table_cmd::sql(rules.run_args(), dialect, facts.as_deref(), schema),
        Command::Combine {
            rules,
            tables,
            rows,
            out,
        } => {
            let (output, show, publish) = out.split(cli.color);
            let from = table_cmd::Tables {
                tables: &tables,
                rows: &rows,
            };
            check_cmd::check(rules.run_args(), Some(&from), output, publish, show)
        }
        Command::Review {
            run,
            baseline,
            reviewer,
        } => {
            let out_style = style_for(cli.color, std::io::stdout().is_terminal());
            review_cmd::run(run, baseline, reviewer, out_style)
        }
        Command::Baseline { run, output } => check_cmd::baseline(run, output),
        Command::Test { rules } => test_cmd::run(&rules, err),
        Command::Claims { rules, reports } => claims_cmd::run(rules, &reports),
        Command::Init { folder, output } => init_cmd::run(&folder, output),
        Command::Rules(RulesCommand::Check { files }) => rules_cmd::check(&files, err),
        Command::Rules(RulesCommand::Fmt { check, files }) => rules_cmd::fmt(&files, check, err),
        Command::Explain { code, rules } => explain(&code, rules.as_deref()),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "factlint", &mut std::io::stdout());
            Ok(Exit::Clean)
        }
        Command::Man { dir } => man(dir.as_deref()),
    };
    match done {
        Ok(exit) => exit.code(),
        Err(failure) => {
            report(&failure, err);
            exit::UNTRUSTED
        }
    }
}

fn explain(code: &str, rules: Option<&std::path::Path>) -> Done {
    let wanted = code.trim();
    // `207` is FL207.
    let as_code = if !wanted.is_empty() && wanted.bytes().all(|b| b.is_ascii_digit()) {
        format!("FL{wanted}")
    } else {
        wanted.to_string()
    };
    if let Some(info) = factlint::codes::lookup(&as_code) {
        print_out(&format!(
            "{}: {}\n\n{}\n",
            info.code, info.title, info.explanation
        ))?;
        return Ok(Exit::Clean);
    }
    if let Some(path) = rules {
        let set = inputs::load_rules(path)?;
        if let Some(rule) = set.rules.iter().find(|r| r.id == wanted) {
            let mut text = format!(
                "{}: a rule of {} ({})\n\n    {}\n\n{}\n",
                rule.id,
                set.file,
                rule.severity.as_str(),
                rule.text.trim(),
                factlint::output::wording::rule_description(&rule.kind)
            );
            if let Some(m) = &rule.message {
                text.push_str(&format!("\nmessage: {m}\n"));
            }
            if let Some(h) = &rule.help {
                text.push_str(&format!("help: {h}\n"));
            }
            print_out(&factlint::output::safe::terminal(&text, false))?;
            return Ok(Exit::Clean);
        }
        let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
        return Err(UserError::new(
            "FL402",
            format!("`{wanted}` is neither a code nor a rule id of {}", set.file),
        )
        .with_help(format!("its rule ids: {}", ids.join(", ")))
        .into());
    }
    let kind = wanted.split('.').next().unwrap_or(wanted);
    if let Some(what) = factlint::output::wording::kind_description(kind) {
        print_out(&format!(
            "{wanted}: a rule id of the `{kind}` kind\n\n{what}\n\nGive --rules FILE to see the rule itself.\n"
        ))?;
        return Ok(Exit::Clean);
    }
    let mut e = UserError::new("FL402", format!("unknown code `{wanted}`"));
    e = match factlint::codes::closest(wanted) {
        Some(c) => e.with_help(format!("did you mean `{c}`? codes look like `FL207`")),
        None => e.with_help(
            "codes look like `FL207`; a rule id is explained with --rules FILE (see the README for the list)",
        ),
    };
    Err(e.into())
}

/// Sections every manual page ends with (roff).
const MAN_TAIL: &str = r#".SH "EXIT STATUS"
.TP
0
No finding at or above the \fB--fail-on\fR severity; rule files clean.
.TP
1
Findings (for \fBrules fmt --check\fR: files to reformat; for \fBtest\fR: a sample report that does not get what it expects).
.TP
2
The result cannot be trusted: a rule file with errors, a report or folder that cannot be read, a bad flag or configuration, output that cannot be written.
.TP
101
Internal error (a bug in factlint).
.SH FILES
.TP
\fIfactlint.toml\fR
Settings found by walking up from the working folder (rules, reports, exclude, fail-on, baseline, format); its folder is the repository root report names are relative to.
.TP
\fIfactlint.baseline.toml\fR
Findings accepted as known, waivers with their reasons and expiry, review decisions.
.TP
\fI.gitignore\fR, \fI.ignore\fR
Honoured in report folders.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set and not empty, no colour (as \fB--color never\fR).
.TP
\fBGITHUB_STEP_SUMMARY\fR
With \fB--format github\fR, a Markdown summary of the findings is appended to this file.
.SH "SEE ALSO"
\fBfactlint explain\fR CODE for the long explanation of a diagnostic code.
"#;

fn man_page(cmd: &clap::Command) -> Result<Vec<u8>, std::io::Error> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    buf.extend_from_slice(MAN_TAIL.as_bytes());
    Ok(buf)
}

fn man(dir: Option<&std::path::Path>) -> Done {
    let fail =
        |e: std::io::Error| UserError::new("FL404", format!("cannot write the manual page: {e}"));
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = dir else {
        let page = man_page(&cmd).map_err(fail)?;
        print_out(&String::from_utf8_lossy(&page))?;
        return Ok(Exit::Clean);
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    // Every command and subcommand (`rules check` is `factlint-rules-check`).
    let mut stack = vec![cmd];
    let mut written = Vec::new();
    while let Some(c) = stack.pop() {
        stack.extend(c.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        let name = c
            .get_display_name()
            .unwrap_or_else(|| c.get_name())
            .to_string();
        let path = dir.join(format!("{name}.1"));
        let page = man_page(&c).map_err(fail)?;
        write_atomic(&path, &page).map_err(|e| check_cmd::cannot_write(&path, &e))?;
        written.push(path.display().to_string());
    }
    written.sort();
    print_out(&format!("{}\n", written.join("\n")))?;
    Ok(Exit::Clean)
}

/// Writes to standard error through the output-safety layer: nothing a
/// file name, a report or a baseline says reaches the terminal or the CI log
/// as a control sequence or a workflow command.
pub fn say(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr()
        .lock()
        .write_all(factlint::output::safe::terminal(text, true).as_bytes());
}

/// Most bytes read from a rule file, a configuration or a baseline: far
/// above any real one, and a device that never ends (`/dev/zero`) stops
/// there.
pub const MAX_RULES_BYTES: u64 = 16 * 1024 * 1024;
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
pub const MAX_BASELINE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a whole file, refusing one over `limit` bytes (never reading more
/// than `limit + 1`, whatever the file says its size is).
pub fn read_bounded(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    if !f.metadata()?.is_file()
        && !path.starts_with("/dev/fd")
        && !path.starts_with("/proc/self/fd")
    {
        // A pipe or device named as a rule file, configuration or baseline.
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut bytes = Vec::new();
    f.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "larger than the limit of {limit} bytes"
        )));
    }
    Ok(bytes)
}

/// Writes text to standard output. A closed pipe (`factlint … | head`)
/// ends the output quietly; any other failure (a full disk) is FL404, never
/// a lost output with exit 0.
pub fn print_out(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) => stdout_failed(&e),
    }
}

/// What a failed write to standard output means (see [`print_out`]).
pub fn stdout_failed(e: &std::io::Error) -> Result<(), Failure> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(UserError::new("FL404", format!("cannot write standard output: {e}")).into())
    }
}

/// Writes a file atomically: a temporary file beside it, then a rename.
///
/// Only regular files are replaced that way. A path that names something
/// else (`/dev/null`, `/dev/stdout`, a pipe) is written to directly: renaming
/// over it would replace the device with a file. A symbolic link is followed,
/// and the file it points to is replaced, so the link stays a link.
pub fn write_atomic(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    if let Ok(meta) = std::fs::metadata(&target)
        && !meta.is_file()
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&target)?;
        return f.write_all(contents);
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    // Created exclusively with a random name (never through a link), and
    // removed if anything fails or the process is stopped before the rename.
    let mut tmp = tempfile::Builder::new()
        .prefix(".factlint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(&target) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
