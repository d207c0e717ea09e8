//! `factlint check` and `factlint baseline`.

use std::path::{Path, PathBuf};

use factlint::baseline::{self, Baseline};
use factlint::error::UserError;
use factlint::output::{self, Context, InputNote};
use factlint::render::{Renderer, Style};
use factlint::rules::{RuleSet, Severity};
use factlint::run::{self, BaselineUse, Outcome};
use factlint::source::SourceFile;

use super::inputs::{self, DiskLoader};
use super::settings::{self, Settings};
use factlint::output::Format;

use super::{Done, Exit, FailOn, Failure, RunArgs};

/// How the findings are shown.
pub struct Show {
    pub explain: bool,
    pub quiet: bool,
    pub statistics: bool,
    pub style: Style,
}

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
    pub(super) loader: DiskLoader,
    /// The numbers the loader reads the report files by.
    pub(super) files: Vec<u32>,
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

    /// The path of every report file of the run (those let go, from
    /// their reports' names).
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> {
        let held = self.loader.held_paths();
        let named = self
            .outcome
            .input_of()
            .zip(&self.outcome.sources)
            .filter(|&(i, _)| self.files.get(i).is_some_and(|&n| !self.loader.holds(n)))
            .map(|(_, src)| self.loader.named_path(&src.name));
        held.into_iter().chain(named)
    }

    /// Reads again the text of the given reports.
    pub fn reload(&mut self, ids: Vec<usize>) {
        let before = self.outcome.problems.len();
        self.outcome.reload(&self.loader, &self.files, ids);
        self.note_new_problems(before);
    }

    /// Reads again the text of every report the findings quote; a report
    /// changed since it was checked is said (FL310) and not quoted.
    pub fn reload_quoted(&mut self) {
        let before = self.outcome.problems.len();
        self.outcome
            .reload_quoted(&self.loader, &self.files, output::MACHINE_EVIDENCE);
        self.note_new_problems(before);
    }

    fn note_new_problems(&mut self, before: usize) {
        let new = self.outcome.problems.get(before..).unwrap_or_default();
        self.untrusted |= inputs::tell(new);
        self.notes.extend(new.iter().map(input_note));
    }
}

pub(super) fn input_note(p: &run::Problem) -> InputNote {
    InputNote {
        report: p.report.clone(),
        code: p.problem.code().to_string(),
        message: format!("{} ({})", p.problem, p.problem.help()),
        fatal: p.problem.is_fatal(),
    }
}

/// Loads the rules and runs them over the reports (through a baseline,
/// when one is given).
pub fn load(
    s: &Settings,
    sizes: inputs::Sizes,
    baseline: Option<BaselineUse<'_>>,
) -> Result<Loaded, Failure> {
    let mut rules = inputs::load_rules(&s.rules)?;
    select_rules(&mut rules, &s.select, &s.ignore)?;
    if s.reports.is_empty() {
        return Err(UserError::new("FL400", "no reports given")
            .with_help(
                "name report files or folders of .txt reports, or set `reports` in factlint.toml",
            )
            .into());
    }
    let inputs::Expanded {
        files,
        problems: found,
    } = inputs::expand(&s.reports, &s.exclude);
    let mut loader = DiskLoader::new(sizes.limit, s.name_base.clone());
    loader.stream_above = sizes.stream_above;
    let bar = inputs::progress(files.len());
    let files = loader.take_files(files);
    let mut outcome = run::read(&rules, &loader, &files, &|| bar.inc(1));
    bar.finish_and_clear();
    // The paths let go give their room back before the reports are
    // compared (what a run of a million reports holds at its peak).
    loader.settle();
    outcome.evaluate(&rules, baseline);
    // What the walk met comes first, then what reading met.
    outcome.problems.splice(0..0, found);
    let problems = &outcome.problems;
    if outcome.sources.is_empty() && problems.is_empty() {
        return Err(
            UserError::new("FL400", "no reports found in the paths given")
                .with_help("folders contribute their .txt files")
                .into(),
        );
    }
    let untrusted = inputs::tell(problems);
    let notes: Vec<InputNote> = problems.iter().map(input_note).collect();
    Ok(Loaded {
        rules,
        outcome,
        loader,
        files,
        notes,
        untrusted,
    })
}

/// Keeps the rules `--select` names (all when it names none) minus those
/// `--ignore` names. Each pattern is a rule id or a glob of ids; one that
/// matches no rule is an error (FL413), with the nearest id suggested.
pub fn select_rules(
    rules: &mut RuleSet,
    select: &[String],
    ignore: &[String],
) -> Result<(), Failure> {
    let compile = |flag: &str, patterns: &[String]| -> Result<Vec<globset::GlobMatcher>, Failure> {
        let mut out = Vec::new();
        for p in patterns {
            let m = globset::Glob::new(p.trim())
                .map_err(|e| {
                    UserError::new(
                        "FL413",
                        format!("{flag} `{p}` is not a rule id or glob: {e}"),
                    )
                })?
                .compile_matcher();
            if !rules.rules.iter().any(|r| m.is_match(&r.id)) {
                let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
                let near = factlint::rules::error::did_you_mean(p.trim(), ids.iter().copied())
                    .map_or(String::new(), |id| format!("did you mean `{id}`? "));
                return Err(UserError::new(
                    "FL413",
                    format!("{flag} `{p}` matches no rule of {}", rules.file),
                )
                .with_help(format!("{near}its rule ids: {}", ids.join(", ")))
                .into());
            }
            out.push(m);
        }
        Ok(out)
    };
    let chosen = compile("--select", select)?;
    let left_out = compile("--ignore", ignore)?;
    rules.rules.retain(|r| {
        (chosen.is_empty() || chosen.iter().any(|m| m.is_match(&r.id)))
            && !left_out.iter().any(|m| m.is_match(&r.id))
    });
    Ok(())
}

/// Reads a baseline; a missing or corrupt one stops the run.
pub fn read_baseline(path: &Path) -> Result<Baseline, Failure> {
    let name = path.display().to_string();
    let bytes = super::read_bounded(path, super::MAX_BASELINE_BYTES).map_err(|e| {
        UserError::new("FL407", format!("cannot read baseline `{name}`: {e}"))
            .with_help("create it with `factlint baseline`")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        UserError::new(
            "FL406",
            format!(
                "the baseline `{name}` is not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Baseline::parse(&text).map_err(|e| {
        UserError::new("FL406", e.message.clone())
            .with_help(
                "fix the file, or delete it and run `factlint baseline` (waivers would be lost)",
            )
            .in_file(&name, &text, e.span)
            .into()
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

/// Where the findings go: the format, the severity that fails the run, the
/// baseline, the output file.
pub struct Emit {
    pub format: Option<Format>,
    pub fail_on: Option<FailOn>,
    pub baseline: Option<PathBuf>,
    pub output: Option<PathBuf>,
}

/// `factlint check`, or with `tables`, `factlint combine`: the same run
/// over the summaries `factlint extract` wrote instead of the reports.
pub fn check(
    run: RunArgs,
    tables: Option<&super::table_cmd::Tables<'_>>,
    emit_to: Emit,
    publish: Publish,
    show: Show,
) -> Done {
    let explain = show.explain;
    let output = emit_to.output;
    let s = settings::resolve(&run, emit_to.format, emit_to.fail_on, emit_to.baseline)?;
    let load = |s: &Settings, sizes: inputs::Sizes, baseline: Option<BaselineUse<'_>>| match tables
    {
        Some(t) => super::table_cmd::load(s, t, baseline),
        None => load(s, sizes, baseline),
    };
    // ClaimReview publishes confirmed findings: it reads the decisions of
    // the baseline file and hides nothing.
    let book = match &s.baseline {
        Some(path) => Some(read_baseline(path)?),
        None => None,
    };
    if s.format == Format::Claimreview {
        let Some(b) = &book else {
            return Err(UserError::new(
                "FL407",
                "--format claimreview needs the decisions of a review session",
            )
            .with_help("give --baseline FILE (written by `factlint review`)")
            .into());
        };
        let mut loaded = load(&s, run.sizes(), None)?;
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
            quiet: false,
            facts: &[],
            reviews: Some((b, &publisher)),
        };
        refuse_overwrite(&output, &s.rules, &loaded, s.baseline.as_deref())?;
        let text = output::render(Format::Claimreview, &ctx, &opts);
        for w in output::claimreview::missing_fields(&ctx, b, &publisher) {
            sayln!("warning[FL414]: {w}");
        }
        emit(&output, &text)?;
        return Ok(if loaded.untrusted {
            Exit::Untrusted
        } else {
            Exit::Clean
        });
    }
    let baseline_use = book.as_ref().map(|b| BaselineUse {
        baseline: b,
        today: today(),
    });
    let mut loaded = load(&s, run.sizes(), baseline_use)?;
    loaded.reload_quoted();
    let mut baseline_json = None;
    // Entries and waivers of rules this run did not select are neither
    // stale nor unused.
    let ran: std::collections::HashSet<String> =
        loaded.rules.rules.iter().map(|r| r.id.clone()).collect();
    if let Some(applied) = loaded.outcome.baseline.as_mut() {
        applied.stale.retain(|e| ran.contains(&e.rule));
        applied.unused.retain(|w| ran.contains(&w.rule));
    }
    if let (Some(path), Some(applied)) = (&s.baseline, &loaded.outcome.baseline) {
        let file = path.display().to_string();
        for e in applied.stale.iter().filter(|_| !show.quiet) {
            sayln!(
                "note[FL408]: stale baseline entry: `{}` on {} ({}) no longer occurs\n  help: run `factlint baseline` to drop it",
                e.rule,
                e.reports.join(", "),
                e.values.join(" / ")
            );
        }
        for w in applied.unused.iter().filter(|_| !show.quiet) {
            sayln!(
                "warning[FL409]: unused waiver for `{}` in {file}: no finding matches it (\"{}\")",
                w.rule,
                w.reason
            );
        }
        for w in applied.expired.iter().filter(|_| !show.quiet) {
            sayln!(
                "note[FL410]: the waiver for `{}` expired on {}: its finding is reported again",
                w.rule,
                w.expires.as_deref().unwrap_or("?")
            );
        }
        if applied.suppressed > 0 && !show.quiet {
            sayln!(
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
    // `--explain` says what was skipped as page furniture, quoting it: the
    // reports that skipped something are read again.
    let skipped: Vec<_> = if explain {
        let ids: Vec<usize> = (0..loaded.outcome.summaries.len())
            .filter(|&r| {
                loaded
                    .outcome
                    .summaries
                    .get(r)
                    .is_some_and(|s| !s.skipped().is_empty())
            })
            .collect();
        loaded.reload(ids);
        loaded
            .outcome
            .summaries
            .iter()
            .enumerate()
            .flat_map(|(r, s)| s.skipped().iter().map(move |(span, why)| (r, *span, *why)))
            .collect()
    } else {
        Vec::new()
    };
    let findings = &loaded.outcome.findings;
    let mut ctx = Context::new(&loaded.rules, loaded.sources(), findings, &loaded.notes);
    ctx.baseline = baseline_json;
    ctx.set_apart = loaded.outcome.set_apart.clone();
    ctx.timelines = loaded.outcome.timelines.clone();
    ctx.skipped = skipped;
    ctx.root = s.name_base.clone();
    ctx.decisions = book.as_ref();
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
            sayln!("warning[FL404]: cannot append to GITHUB_STEP_SUMMARY: {e}");
        }
    }
    // What each report states, for the page's table (a pointer a report:
    // not made for the other formats).
    let facts = if s.format == Format::Html {
        loaded.outcome.facts()
    } else {
        Vec::new()
    };
    let opts = output::Options {
        renderer: Renderer::new(if output.is_some() {
            Style::plain()
        } else {
            show.style
        }),
        explain,
        quiet: show.quiet,
        facts: &facts,
        reviews: None,
    };
    refuse_overwrite(&output, &s.rules, &loaded, s.baseline.as_deref())?;
    let text = if show.statistics {
        output::safe::terminal(&output::human::statistics(&ctx), show.style.color)
    } else {
        output::render(s.format, &ctx, &opts)
    };
    emit(&output, &text)?;
    if loaded.untrusted {
        return Ok(Exit::Untrusted);
    }
    let threshold = match s.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    Ok(match threshold {
        Some(t) if findings.iter().any(|f| f.severity >= t) => Exit::Findings,
        _ => Exit::Clean,
    })
}

pub fn baseline(run: RunArgs, output: Option<PathBuf>) -> Done {
    let s = settings::resolve(&run, None, None, None)?;
    let path = output
        .or_else(|| s.baseline.clone())
        .unwrap_or_else(|| PathBuf::from(baseline::DEFAULT_FILE));
    let loaded = load(&s, run.sizes(), None)?;
    if loaded.untrusted {
        return Err(UserError::new(
            "FL412",
            "the baseline was not written: some reports could not be read",
        )
        .with_help("fix or remove the reports named above, then run `factlint baseline` again")
        .into());
    }
    refuse_overwrite(&Some(path.clone()), &s.rules, &loaded, None)?;
    // Keep the waivers and decisions of the baseline as it is now (under
    // the lock: a review session may be writing); never overwrite a
    // corrupt one.
    let _lock = lock_baseline(&path)?;
    let previous = if path.exists() {
        Some(read_baseline(&path)?)
    } else {
        None
    };
    let names = loaded.names();
    let words = output::wording::Words {
        rules: &loaded.rules,
        shorts: output::ShortNames::of(loaded.sources()),
    };
    let mut b = baseline::write(
        &loaded.outcome.findings,
        &names,
        |f| words.finding(f).message,
        previous.as_ref(),
    );
    // A run of some rules (`--select`, `--ignore`) rewrites their entries
    // only: the entries of the other rules are kept as they were.
    if let Some(p) = &previous {
        let ran: std::collections::HashSet<&str> =
            loaded.rules.rules.iter().map(|r| r.id.as_str()).collect();
        b.findings.extend(
            p.findings
                .iter()
                .filter(|e| !ran.contains(e.rule.as_str()))
                .cloned(),
        );
    }
    super::write_atomic(&path, b.to_toml().as_bytes()).map_err(|e| cannot_write(&path, &e))?;
    sayln!(
        "wrote {} finding(s) to {} ({} waiver(s) kept)",
        b.findings.len(),
        path.display(),
        b.waivers.len()
    );
    Ok(Exit::Clean)
}

/// Writes the output to its file (atomically) or to standard output.
/// Holds the advisory lock of a baseline file (a `.NAME.lock` file beside
/// it) until dropped: two review sessions, or a session and `factlint
/// baseline`, never write over each other's decisions.
pub fn lock_baseline(path: &Path) -> Result<std::fs::File, Failure> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock_path = dir.join(format!(".{name}.lock"));
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| cannot_write(&lock_path, &e))?;
    f.lock().map_err(|e| cannot_write(&lock_path, &e))?;
    Ok(f)
}

/// `--output` never replaces what the run reads: the rule file, a report,
/// the baseline (FL415).
fn refuse_overwrite(
    output: &Option<PathBuf>,
    rules: &Path,
    loaded: &Loaded,
    baseline: Option<&Path>,
) -> Result<(), Failure> {
    let Some(out) = output else { return Ok(()) };
    let Ok(target) = std::fs::canonicalize(out) else {
        return Ok(()); // a new file
    };
    // Only a file's bytes are overwritten (not a device's, a pipe's).
    if !std::fs::metadata(&target).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    // A file is the output when it has its device and inode (a `stat` per
    // input, not a `realpath`; a hard link to a report is the report);
    // where that cannot be told, when it has its canonical path.
    #[cfg(unix)]
    let id_of = |p: &Path| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
    };
    #[cfg(not(unix))]
    let id_of = |_: &Path| None::<(u64, u64)>;
    let target_id = id_of(&target);
    let same = |p: &Path| match target_id.zip(id_of(p)) {
        Some((a, b)) => a == b,
        None => std::fs::canonicalize(p).is_ok_and(|c| c == target),
    };
    let what = if same(rules) {
        Some("the rule file")
    } else if baseline.is_some_and(same) {
        Some("the baseline")
    } else if loaded.paths().any(|p| same(&p)) {
        Some("a report of this run")
    } else {
        None
    };
    match what {
        Some(w) => Err(UserError::new(
            "FL415",
            format!(
                "--output `{}` is {w}: it would be overwritten",
                out.display()
            ),
        )
        .with_help("write the output to another file")
        .into()),
        None => Ok(()),
    }
}

fn emit(output: &Option<PathBuf>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => {
            super::write_atomic(path, text.as_bytes()).map_err(|e| cannot_write(path, &e))
        }
        None => super::print_out(text),
    }
}

/// FL404: a file factlint writes cannot be written.
pub fn cannot_write(path: &Path, e: &std::io::Error) -> Failure {
    UserError::new("FL404", format!("cannot write `{}`: {e}", path.display())).into()
}
