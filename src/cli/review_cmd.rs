//! `factlint review`: a session in the terminal that walks the findings one
//! at a time and records a decision for each in the baseline file, written
//! atomically after every decision, so a session can stop and resume.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use factlint::baseline::{self, Baseline, FindingKey, Review, ReviewStatus, Waiver};
use factlint::output::{self, Context};
use factlint::render::{Renderer, Style};
use factlint::value::Date;

use super::check_cmd::{load, read_baseline, today};
use super::{Done, Exit, RunArgs, settings};

fn prompt(out: &mut impl Write, input: &mut impl BufRead, text: &str) -> Option<String> {
    let _ = write!(out, "{text}");
    let _ = out.flush();
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim().to_string()),
    }
}

/// One decision of a session, applied to the baseline file as it is when
/// it is written.
enum Decision {
    Waive(Waiver),
    Record(Review),
}

impl Decision {
    fn apply(self, book: &mut Baseline) {
        match self {
            Decision::Waive(w) => {
                let key = baseline::Entry {
                    rule: w.rule.clone(),
                    reports: w.reports.clone().unwrap_or_default(),
                    values: w.values.clone().unwrap_or_default(),
                    message: None,
                }
                .key();
                book.reviews.retain(|r| r.key() != key);
                book.waivers.retain(|old| *old != w);
                book.waivers.push(w);
            }
            Decision::Record(r) => book.record(r),
        }
    }
}

pub fn run(
    run: RunArgs,
    baseline_path: Option<PathBuf>,
    reviewer: Option<String>,
    style: Style,
) -> Done {
    let s = settings::resolve(&run, None, None, baseline_path)?;
    let path = s
        .baseline
        .clone()
        .unwrap_or_else(|| PathBuf::from(baseline::DEFAULT_FILE));
    let mut loaded = load(&s, run.sizes(), None)?;
    let mut book = if path.exists() {
        read_baseline(&path)?
    } else {
        Baseline::empty()
    };
    loaded.reload_quoted();
    let findings = &loaded.outcome.findings;
    let names = loaded.names();
    let day = today();
    let pending: Vec<usize> = (0..findings.len())
        .filter(|&i| {
            findings
                .get(i)
                .is_some_and(|f| !book.decided(&FindingKey::of(f, &names), day))
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let ctx = Context::new(&loaded.rules, loaded.sources(), findings, &loaded.notes);
    let renderer = Renderer::new(style);
    let _ = writeln!(
        out,
        "{} finding(s), {} to review ({} decided before); decisions go to {}\n",
        findings.len(),
        pending.len(),
        findings.len() - pending.len(),
        path.display()
    );
    let mut decided = 0;
    let mut skipped = 0;
    let total = pending.len();
    let mut who = reviewer;
    for (n, &i) in pending.iter().enumerate() {
        let Some(f) = findings.get(i) else { continue };
        let key = FindingKey::of(f, &names);
        let _ = writeln!(out, "── finding {} of {total} ──", n + 1);
        let _ = write!(
            out,
            "{}",
            renderer.render(&output::human::diagnostic(&ctx, f, false))
        );
        let decision = loop {
            match prompt(
                &mut out,
                &mut input,
                "\n[c] confirm  [w] waive  [f] follow up  [s] skip  [q] quit > ",
            ) {
                None => break 'q',
                Some(a) => match a.to_lowercase().as_str() {
                    "c" | "confirm" => break 'c',
                    "w" | "waive" => break 'w',
                    "f" | "follow" | "follow up" => break 'f',
                    "s" | "skip" | "" => break 's',
                    "q" | "quit" => break 'q',
                    other => {
                        let _ = writeln!(out, "`{other}`: answer c, w, f, s or q");
                    }
                },
            }
        };
        if decision == 'q' {
            break;
        }
        if decision == 's' {
            skipped += 1;
            continue;
        }
        if who.is_none() {
            who = prompt(
                &mut out,
                &mut input,
                "your name, recorded with your decisions (empty: none) > ",
            )
            .filter(|w| !w.is_empty());
        }
        let made = match decision {
            'w' => {
                let reason = loop {
                    match prompt(
                        &mut out,
                        &mut input,
                        "why is this finding waived? (required) > ",
                    ) {
                        None => return Ok(Exit::Clean),
                        Some(r) if !r.is_empty() => break r,
                        Some(_) => {
                            let _ = writeln!(out, "a waiver needs a reason");
                        }
                    }
                };
                let expires = loop {
                    match prompt(
                        &mut out,
                        &mut input,
                        "expires on (YYYY-MM-DD, empty: never) > ",
                    ) {
                        None => break None,
                        Some(e) if e.is_empty() => break None,
                        Some(e) => match Date::parse_iso(&e) {
                            Some(d) if d >= day => break Some(e),
                            Some(_) => {
                                let _ = writeln!(
                                    out,
                                    "`{e}` is in the past (today is {}): a waiver must hold for a day at least",
                                    day.iso()
                                );
                            }
                            None => {
                                let _ = writeln!(out, "`{e}` is not a date YYYY-MM-DD");
                            }
                        },
                    }
                };
                Decision::Waive(Waiver {
                    rule: key.rule.clone(),
                    reports: Some(key.reports.clone()),
                    values: Some(key.values.clone()),
                    reason,
                    reviewer: who.clone(),
                    expires,
                })
            }
            _ => {
                let note =
                    prompt(&mut out, &mut input, "note (empty: none) > ").filter(|n| !n.is_empty());
                Decision::Record(Review {
                    rule: key.rule.clone(),
                    reports: key.reports.clone(),
                    values: key.values.clone(),
                    status: if decision == 'c' {
                        ReviewStatus::Confirmed
                    } else {
                        ReviewStatus::FollowUp
                    },
                    note,
                    reviewer: who.clone(),
                    date: Some(day.iso()),
                })
            }
        };
        // Another session (or `factlint baseline`) may have written the
        // file since: under the lock, the decision is applied to the file
        // as it is now, never to a stale copy.
        let _lock = super::check_cmd::lock_baseline(&path)?;
        if path.exists() {
            book = read_baseline(&path)?;
        }
        made.apply(&mut book);
        super::write_atomic(&path, book.to_toml().as_bytes())
            .map_err(|e| super::check_cmd::cannot_write(&path, &e))?;
        decided += 1;
        let _ = writeln!(out, "recorded in {}\n", path.display());
    }
    let left = total - decided - skipped;
    let _ = writeln!(
        out,
        "{decided} decided, {skipped} skipped, {left} left; run `factlint review` again to continue"
    );
    Ok(Exit::Clean)
}
