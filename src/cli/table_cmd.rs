//! `factlint extract` (a shard of the inputs → a summary table) and the
//! reading of tables for `factlint combine` (which then reports as
//! `check`: see `check_cmd::check`).

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use factlint::error::UserError;
use factlint::rules::RuleSet;
use factlint::run::{self, BaselineUse, Outcome, Problem};
use factlint::table::{self, Header, InputsUsed, Row, RulesUsed, Shard};

use super::check_cmd::{self, Loaded};
use super::inputs::{self, DiskLoader};
use super::settings::{self, Settings};
use super::{Done, Exit, Failure, RunArgs};

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The rule set of the settings (rules selected), and what identifies it.
fn rules_of(s: &Settings) -> Result<(RuleSet, RulesUsed), Failure> {
    let src = super::rules_cmd::read_rules(&s.rules)?;
    let mut rules =
        factlint::rules::load(&src).map_err(|errors| Failure::rules(&s.rules, errors))?;
    check_cmd::select_rules(&mut rules, &s.select, &s.ignore)?;
    let used = RulesUsed {
        file: s.rules.display().to_string(),
        sha256: sha256_hex(src.text.as_bytes()),
        ids: rules.rules.iter().map(|r| r.id.clone()).collect(),
    };
    Ok((rules, used))
}

/// The name of shard I of N's table (`summaries`, `facts`) in its folder.
fn table_name(table: &str, shard: Shard, ext: &str) -> String {
    format!("{table}-{}-of-{}.{ext}", shard.index, shard.count)
}

/// FL422: Parquet asked of a factlint built without it.
#[cfg(not(feature = "parquet"))]
fn no_parquet(what: &str) -> Failure {
    UserError::new(
        "FL422",
        format!("{what}: this factlint was built without Parquet"),
    )
    .with_help("build it with `cargo install factlint --features parquet`, or use JSON lines")
    .into()
}

pub fn extract(run: RunArgs, dir: &Path, shard: Shard, format: super::TableFormat) -> Done {
    #[cfg(not(feature = "parquet"))]
    if format == super::TableFormat::Parquet {
        return Err(no_parquet("--table-format parquet"));
    }
    let s = settings::resolve(&run, None, None, None)?;
    let (rules, used) = rules_of(&s)?;
    if s.reports.is_empty() {
        return Err(UserError::new("FL400", "no reports given")
            .with_help(
                "name report files or folders of .txt reports, or set `reports` in factlint.toml",
            )
            .into());
    }
    let inputs::Expanded { files, problems } = inputs::expand(&s.reports, &s.exclude);
    if files.is_empty() && problems.is_empty() {
        return Err(
            UserError::new("FL400", "no reports found in the paths given")
                .with_help("folders contribute their .txt files")
                .into(),
        );
    }
    let keys: Vec<String> = files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mine: Vec<usize> = (0..files.len())
        .filter(|&i| keys.get(i).is_some_and(|k| shard.takes(k)))
        .collect();
    let mut loader = DiskLoader::new(run.max_report_size, s.name_base.clone());
    let paths = loader.take_files(mine.iter().filter_map(|&i| files.get(i).cloned()).collect());
    let bar = inputs::progress(paths.len());
    let (outcome, kept) =
        run::read_keeping(&rules, &loader, &paths, &|| bar.inc(1), &table::Kept::of);
    bar.finish_and_clear();
    let untrusted = inputs::tell(&problems) | inputs::tell(&outcome.problems);
    let header = Header {
        table: table::TABLE.to_string(),
        version: table::VERSION.to_string(),
        extractor: format!("factlint {}", env!("CARGO_PKG_VERSION")),
        rules: used,
        inputs: InputsUsed {
            count: files.len(),
            sha256: sha256_hex(keys.join("\0").as_bytes()),
        },
        shard,
        walk: problems.iter().map(Into::into).collect(),
    };
    let global = |k: usize| mine.get(k).copied().unwrap_or(usize::MAX);
    let key_of = |input: usize| keys.get(input).cloned().unwrap_or_default();
    let at: Vec<usize> = outcome.input_of().map(global).collect();
    let unread_at: Vec<usize> = outcome.problem_input().iter().map(|&k| global(k)).collect();
    let Outcome {
        sources,
        summaries,
        problems: unread,
        ..
    } = outcome;
    let n_reports = sources.len();
    let mut rows: Vec<Row> = sources
        .iter()
        .zip(summaries)
        .zip(kept)
        .zip(at)
        .map(|(((src, summary), kept), input)| {
            Row::of_report(input, key_of(input), src, summary, kept)
        })
        .chain(
            unread
                .iter()
                .zip(unread_at)
                .map(|(p, input)| Row::of_problem(input, key_of(input), p)),
        )
        .collect();
    rows.sort_by_key(|r| r.input);
    let facts: Vec<table::facts::FactRow> = rows
        .iter()
        .filter_map(|r| Some((r, &r.report.as_ref()?.summary)))
        .flat_map(|(r, summary)| table::facts::rows(&rules, r.input, &r.name, summary))
        .collect();
    std::fs::create_dir_all(dir).map_err(|e| check_cmd::cannot_write(dir, &e))?;
    let ext = match format {
        super::TableFormat::Jsonl => "jsonl",
        super::TableFormat::Parquet => "parquet",
    };
    let path = dir.join(table_name("summaries", shard, ext));
    let facts_path = dir.join(table_name("facts", shard, ext));
    match format {
        super::TableFormat::Jsonl => {
            write_lines(&path, Some(&header), &rows)
                .map_err(|e| check_cmd::cannot_write(&path, &e))?;
            write_lines::<(), _>(&facts_path, None, &facts)
                .map_err(|e| check_cmd::cannot_write(&facts_path, &e))?;
        }
        #[cfg(feature = "parquet")]
        super::TableFormat::Parquet => {
            use factlint::table::parquet as pq;
            let io = |e: String| std::io::Error::other(e);
            write_atomically(&path, |w| {
                pq::write_summaries(w, &header, &rows).map_err(io)
            })
            .map_err(|e| check_cmd::cannot_write(&path, &e))?;
            let flat = facts.iter().filter_map(|f| serde_json::to_value(f).ok());
            write_atomically(&facts_path, |w| {
                pq::write(w, table::facts::SCHEMA, flat, Vec::new()).map_err(io)
            })
            .map_err(|e| check_cmd::cannot_write(&facts_path, &e))?;
        }
        #[cfg(not(feature = "parquet"))]
        super::TableFormat::Parquet => return Err(no_parquet("--table-format parquet")),
    }
    sayln!(
        "wrote {} report(s) of shard {shard} ({} of {} inputs) to {}",
        n_reports,
        rows.len(),
        files.len(),
        path.display()
    );
    Ok(if untrusted {
        Exit::Untrusted
    } else {
        Exit::Clean
    })
}

/// Writes a table file as JSON lines (a header line, when it has one, then
/// its rows).
fn write_lines<H: serde::Serialize, R: serde::Serialize>(
    path: &Path,
    header: Option<&H>,
    rows: &[R],
) -> std::io::Result<()> {
    write_atomically(path, |w| {
        if let Some(h) = header {
            serde_json::to_writer(&mut *w, h)?;
            w.write_all(b"\n")?;
        }
        for r in rows {
            serde_json::to_writer(&mut *w, r)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
}

/// Writes a file through a temporary file renamed into place: a table is
/// whole or absent.
fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<tempfile::NamedTempFile>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".factlint-").suffix(".tmp");
    // Readable by others as any file written (the umask applies): tables
    // go to other machines.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    let mut w = std::io::BufWriter::new(tmp);
    fill(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// FL418: a table that cannot be read as one.
fn unreadable(path: &Path, what: impl std::fmt::Display) -> Failure {
    UserError::new(
        "FL418",
        format!("`{}` is not a summary table: {what}", path.display()),
    )
    .with_help("give the folders `factlint extract --output` wrote, or their summaries files")
    .into()
}

/// The table files named: files as they are, folders' summary tables
/// (`summaries-*.jsonl`, `summaries-*.parquet`).
fn table_files(named: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in named {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| unreadable(p, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| {
                    f.is_file()
                        && f.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                            n.starts_with("summaries-")
                                && (n.ends_with(".jsonl") || n.ends_with(".parquet"))
                        })
                })
                .collect();
            if found.is_empty() {
                return Err(unreadable(
                    p,
                    "the folder holds no summaries-*.jsonl or summaries-*.parquet file",
                ));
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Reads one table file: its header, checked, and its rows.
fn read_table(path: &Path) -> Result<(Header, Vec<Row>), Failure> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e))?;
    if bytes.starts_with(b"PAR1") {
        return read_parquet_table(path);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        unreadable(
            path,
            format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })?;
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let probe: serde_json::Value = serde_json::from_str(first)
        .map_err(|e| unreadable(path, format!("line 1 is not JSON ({e})")))?;
    let header = check_header(path, probe, "line 1")?;
    let lines: Vec<&str> = lines.collect();
    let rows: Vec<Result<Row, String>> = lines
        .par_iter()
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 2)))
        .collect();
    let rows = rows
        .into_iter()
        .collect::<Result<Vec<Row>, String>>()
        .map_err(|e| unreadable(path, e))?;
    Ok((header, rows))
}

#[cfg(feature = "parquet")]
fn read_parquet_table(path: &Path) -> Result<(Header, Vec<Row>), Failure> {
    let file = std::fs::File::open(path).map_err(|e| unreadable(path, e))?;
    let (probe, rows) = table::parquet::read_summaries(file).map_err(|e| unreadable(path, e))?;
    Ok((check_header(path, probe, "its header")?, rows))
}

#[cfg(not(feature = "parquet"))]
fn read_parquet_table(path: &Path) -> Result<(Header, Vec<Row>), Failure> {
    Err(no_parquet(&format!(
        "`{}` is a Parquet table",
        path.display()
    )))
}

/// The header of a table, once its name and version are checked.
fn check_header(path: &Path, probe: serde_json::Value, at: &str) -> Result<Header, Failure> {
    if probe.get("table").and_then(|t| t.as_str()) != Some(table::TABLE) {
        return Err(unreadable(
            path,
            format!("{at} is no `{}` header", table::TABLE),
        ));
    }
    let version = probe.get("version").and_then(|v| v.as_str()).unwrap_or("");
    match table::Version::parse(version) {
        Some(v) if v.major > table::VERSION.major => {
            return Err(UserError::new(
                "FL419",
                format!(
                    "`{}` is a summary table of version {v}; this factlint reads version {} and older",
                    path.display(),
                    table::VERSION.major
                ),
            )
            .with_help("combine with the factlint that extracted it, or extract again with this one")
            .into());
        }
        Some(_) => {}
        None => {
            return Err(unreadable(
                path,
                format!("version `{version}` is not MAJOR.MINOR"),
            ));
        }
    }
    serde_json::from_value(probe).map_err(|e| unreadable(path, format!("{at}: {e}")))
}

/// FL420: tables that do not make one run.
fn mismatch(message: String, help: &str) -> Failure {
    UserError::new("FL420", message).with_help(help).into()
}

/// What `combine` reads: the tables, and the rows of the SQL rendition of
/// the rules, when it is given.
pub struct Tables<'a> {
    pub tables: &'a [PathBuf],
    pub rows: &'a [PathBuf],
}

/// FL421: rows of the SQL rendition that do not fit the tables.
fn bad_rows(path: &Path, what: impl std::fmt::Display) -> Failure {
    UserError::new(
        "FL421",
        format!("`{}`: {what}", path.display()),
    )
    .with_help("give the rows the query of `factlint sql` gave over these tables' facts, as JSON lines")
    .into()
}

/// The files of rows named: files as they are, folders' `.json` and
/// `.jsonl` files (not Spark's `_SUCCESS` and checksums).
fn row_files(named: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in named {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| bad_rows(p, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| {
                    f.is_file()
                        && f.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                            !n.starts_with(['.', '_'])
                                && (n.ends_with(".json") || n.ends_with(".jsonl"))
                        })
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The rows of the SQL rendition, as the engine takes them.
fn picked_rows(
    named: &[PathBuf],
    rules: &RuleSet,
    outcome: &Outcome,
) -> Result<Vec<factlint::engine::rules::PickedRow>, Failure> {
    use factlint::engine::rules::{Picked, PickedRow};
    let ids: std::collections::HashMap<&str, usize> = rules
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let reports: std::collections::HashMap<usize, usize> = outcome
        .input_of()
        .enumerate()
        .map(|(id, input)| (input, id))
        .collect();
    let mut out = Vec::new();
    for f in row_files(named)? {
        let text = std::fs::read_to_string(&f).map_err(|e| bad_rows(&f, e))?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let at = |what: String| bad_rows(&f, format!("line {}: {what}", i + 1));
            let row: table::sql::Row = serde_json::from_str(line).map_err(|e| at(e.to_string()))?;
            let rule = *ids
                .get(row.rule.as_str())
                .ok_or_else(|| at(format!("no rule `{}` in the rule file", row.rule)))?;
            let what = match row.finding.as_str() {
                "disagreement" => Picked::Disagreement { part: row.part },
                "within_report" => Picked::WithinReport,
                "expectation" => Picked::Expectation,
                other => return Err(at(format!("`{other}` is no kind of finding"))),
            };
            let report = *reports
                .get(&row.input)
                .ok_or_else(|| at(format!("input {} is no report of the tables", row.input)))?;
            let instance = match row.inst {
                -1 => None,
                o => Some(u32::try_from(o).map_err(|_| at(format!("`{o}` is no instance")))?),
            };
            out.push(PickedRow {
                rule,
                what,
                report,
                instance,
            });
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Every shard's table read back into one run, and evaluated: what `check`
/// over the reports would hold.
pub fn load(
    s: &Settings,
    from: &Tables<'_>,
    baseline: Option<BaselineUse<'_>>,
) -> Result<Loaded, Failure> {
    let (rules, used) = rules_of(s)?;
    let files = table_files(from.tables)?;
    let mut headers: Vec<(PathBuf, Header)> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for f in &files {
        let (h, r) = read_table(f)?;
        headers.push((f.clone(), h));
        rows.extend(r);
    }
    let Some((first_file, first)) = headers.first() else {
        return Err(unreadable(Path::new("."), "no table given"));
    };
    let again = "extract every shard again with this rule file and the same report paths";
    for (f, h) in &headers {
        if h.rules.sha256 != used.sha256 {
            return Err(mismatch(
                format!(
                    "`{}` was extracted with another rule file (`{}`) than `{}`",
                    f.display(),
                    h.rules.file,
                    used.file
                ),
                again,
            ));
        }
        if h.rules.ids != used.ids {
            return Err(mismatch(
                format!(
                    "`{}` was extracted with other rules selected ({} of them; {} here)",
                    f.display(),
                    h.rules.ids.len(),
                    used.ids.len()
                ),
                "give combine the --select and --ignore that extract had",
            ));
        }
        if h.inputs != first.inputs || h.shard.count != first.shard.count {
            return Err(mismatch(
                format!(
                    "`{}` and `{}` are shards of different runs (other report paths, or another number of shards)",
                    first_file.display(),
                    f.display()
                ),
                again,
            ));
        }
    }
    let count = first.shard.count;
    let mut seen: Vec<Option<&Path>> = vec![None; count as usize];
    for (f, h) in &headers {
        let slot = seen.get_mut((h.shard.index as usize).wrapping_sub(1));
        match slot {
            Some(Some(before)) => {
                return Err(mismatch(
                    format!(
                        "shard {} is given twice: `{}` and `{}`",
                        h.shard,
                        before.display(),
                        f.display()
                    ),
                    "give each shard's table once",
                ));
            }
            Some(s) => *s = Some(f),
            None => return Err(unreadable(f, format!("shard {} is out of range", h.shard))),
        }
    }
    let missing: Vec<String> = (1..=count)
        .filter(|i| seen.get(*i as usize - 1).is_some_and(Option::is_none))
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(mismatch(
            format!("shard {} of the run is missing", missing.join(", ")),
            "extract the missing shards (`factlint extract --shard I/N`) and give their tables",
        ));
    }
    let walk: Vec<Problem> = first.walk.iter().cloned().map(Into::into).collect();
    let n_inputs = first.inputs.count;
    rows.sort_by_key(|r| r.input);
    if let Some([_, twice]) = rows
        .windows(2)
        .find(|w| matches!(w, [a, b] if a.input == b.input))
    {
        return Err(unreadable(
            Path::new(&twice.path),
            format!("input {} is in two rows", twice.input),
        ));
    }
    let mut paths = vec![PathBuf::new(); n_inputs];
    let mut loader = DiskLoader::new(u64::MAX, s.name_base.clone());
    let mut largest = 0usize;
    let mut reports = Vec::with_capacity(rows.len());
    let mut problems = walk;
    for row in rows {
        let Some(slot) = paths.get_mut(row.input) else {
            return Err(unreadable(
                Path::new(&row.path),
                format!("input {} of {n_inputs} is out of range", row.input),
            ));
        };
        let path = PathBuf::from(&row.path);
        *slot = path.clone();
        match (row.report, row.problem) {
            (Some(mut rep), _) => {
                let summary = std::mem::take(&mut rep.summary);
                largest = largest.max(rep.len);
                reports.push((row.input, rep.source(&row.name, false), summary));
                loader.recorded.insert(path, *rep);
            }
            (None, Some(p)) => problems.push(p.into()),
            (None, None) => {
                return Err(unreadable(
                    Path::new(&row.path),
                    format!(
                        "the row of input {} holds neither a report nor a problem",
                        row.input
                    ),
                ));
            }
        }
    }
    // A report is read again only if it is the one extracted: no bigger.
    loader.size_limit = (largest as u64).saturating_mul(2).saturating_add(4096);
    let mut outcome = Outcome::of_summaries(reports, problems);
    if from.rows.is_empty() {
        outcome.evaluate(&rules, baseline);
    } else {
        let rows = picked_rows(from.rows, &rules, &outcome)?;
        outcome
            .evaluate_rows(&rules, &rows, baseline)
            .map_err(|e| bad_rows(from.rows.first().map_or(Path::new("."), |p| p.as_path()), e))?;
    }
    let untrusted = inputs::tell(&outcome.problems);
    let notes = outcome.problems.iter().map(check_cmd::input_note).collect();
    let files = loader.take_files(paths);
    Ok(Loaded {
        rules,
        outcome,
        loader,
        files,
        notes,
        untrusted,
    })
}

pub fn sql(run: RunArgs, dialect: super::SqlDialect, facts: Option<&str>, schema: bool) -> Done {
    use factlint::table::sql::{self, Dialect};
    if schema {
        super::print_out(&format!("{}\n", sql::schema()))?;
        return Ok(Exit::Clean);
    }
    let s = settings::resolve(&run, None, None, None)?;
    let (rules, _) = rules_of(&s)?;
    let dialect = match dialect {
        super::SqlDialect::Spark => Dialect::Spark,
        super::SqlDialect::Duckdb => Dialect::Duckdb,
    };
    let mut text = facts.map_or(String::new(), |g| sql::facts_view(dialect, g));
    text.push_str(&sql::query(&rules, dialect));
    super::print_out(&text)?;
    Ok(Exit::Clean)
}
