//! The human format: each finding as a miette [`Diagnostic`] with a block
//! per report involved, drawn by [`crate::render::Renderer`].

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity as MSeverity, SourceCode};

use super::Context;
use crate::engine::{Evidence, Finding, FindingKind, Side};
use crate::render::Renderer;
use crate::rules::Severity;

/// One report's evidence inside a finding.
#[derive(Debug)]
struct Block {
    source: crate::render::Indexed,
    labels: Vec<LabeledSpan>,
}

impl fmt::Display for Block {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

impl std::error::Error for Block {}

impl Diagnostic for Block {
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// A finding as a diagnostic: the first block is its own source, the others
/// are related diagnostics with their own source text.
#[derive(Debug)]
pub struct FindingDiagnostic {
    code: String,
    message: String,
    severity: Severity,
    first: Option<Block>,
    related: Vec<Block>,
    help: Option<String>,
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<MSeverity> {
        Some(match self.severity {
            Severity::Error => MSeverity::Error,
            Severity::Warning => MSeverity::Warning,
            Severity::Info => MSeverity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.first.as_ref().map(|b| &b.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.first
            .as_ref()
            .map(|b| Box::new(b.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.related.iter().map(|b| b as &dyn Diagnostic)))
    }
}

fn label_for(
    ctx: &Context<'_>,
    f: &Finding,
    side: &Side,
    e: &Evidence,
    first_of_side: bool,
    explain: bool,
) -> String {
    let words = ctx
        .text(e.report, e.span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let shown = ctx.shown_value(side, e);
    let mut label = if words == shown {
        format!("«{words}»")
    } else {
        format!("«{words}» = {shown}")
    };
    if first_of_side && f.kind() == FindingKind::Disagreement {
        let total: usize = f.sides.iter().map(|s| super::side_reports(s).len()).sum();
        let ids = super::side_reports(side);
        let mut names: Vec<&str> = ids.iter().take(10).map(|&x| ctx.short(x)).collect();
        let more = ids.len().saturating_sub(10);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        names.dedup();
        label.push_str(&format!(
            " ({} of {total} reports: {}{more})",
            ids.len(),
            names.join(", ")
        ));
    }
    if e.fallback {
        label.push_str(&format!(
            " · found at {} scope only",
            e.scope.map_or("document", |s| s.as_str())
        ));
    }
    if explain {
        label.push_str(&format!(" · via {}", e.via));
        if let (Some(m), Some(scope)) = (e.mention, e.scope) {
            let pos = ctx.position(e.report, m.start);
            let trig = ctx.text(e.report, m);
            if let Some(p) = pos {
                label.push_str(&format!(
                    ", nearest to «{trig}» ({}:{}) within its {}",
                    p.line,
                    p.column,
                    scope.as_str()
                ));
            }
        }
    }
    label
}

/// Builds the diagnostic of one finding. Sides stating a minority value come
/// first (they are what the reader must look at), the majority last.
pub fn diagnostic(ctx: &Context<'_>, f: &Finding, explain: bool) -> FindingDiagnostic {
    let mut order: Vec<&Side> = f.sides.iter().filter(|s| !s.majority).collect();
    order.extend(f.sides.iter().filter(|s| s.majority));
    let mut blocks: Vec<Block> = Vec::new();
    let mut omitted: Vec<String> = Vec::new();
    for side in order {
        // One block per report, labels in text order; past a few reports,
        // the others are named in a note.
        let all = super::side_reports(side);
        let reports: Vec<usize> = all.iter().take(super::HUMAN_EVIDENCE).copied().collect();
        if all.len() > reports.len() {
            let rest: Vec<&str> = all
                .iter()
                .skip(reports.len())
                .take(20)
                .map(|&r| ctx.short(r))
                .collect();
            let more = all.len() - reports.len() - rest.len();
            omitted.push(format!(
                "{} is also stated by {} more report(s): {}{}",
                ctx.value(&side.value),
                all.len() - reports.len(),
                rest.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        for (k, rid) in reports.iter().enumerate() {
            let Some(indexed) = ctx.indexed(*rid) else {
                continue;
            };
            let labels: Vec<LabeledSpan> = side
                .evidence
                .iter()
                .enumerate()
                .filter(|(_, e)| e.report == *rid)
                .map(|(j, e)| {
                    let text = label_for(ctx, f, side, e, k == 0 && j == 0, explain);
                    LabeledSpan::new_with_span(Some(text), e.span)
                })
                .collect();
            blocks.push(Block {
                source: indexed,
                labels,
            });
        }
    }
    let w = ctx.wording(f);
    let mut help_lines: Vec<String> = Vec::new();
    if let Some(h) = &w.help {
        help_lines.push(h.clone());
    }
    for n in w.notes.iter().chain(&omitted) {
        help_lines.push(format!("note: {n}"));
    }
    if !f.silent.is_empty() {
        let names: Vec<&str> = f.silent.iter().take(20).map(|r| ctx.short(r)).collect();
        let what = ctx.slot_path(f).unwrap_or_else(|| "it".to_string());
        let more = f.silent.len().saturating_sub(20);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        help_lines.push(format!(
            "note: silent on {what}: {}{more}",
            names.join(", ")
        ));
    }
    let mut blocks = blocks.into_iter();
    FindingDiagnostic {
        code: f.rule.clone(),
        message: w.message,
        severity: f.severity,
        first: blocks.next(),
        related: blocks.collect(),
        help: (!help_lines.is_empty()).then(|| help_lines.join("\n")),
    }
}

/// Renders every finding, then a summary line. Reports that could not be
/// read are told on standard error, once, as they are met; the summary
/// line counts them.
pub fn render(ctx: &Context<'_>, renderer: &Renderer, explain: bool) -> String {
    let mut out = String::new();
    for f in ctx.findings {
        out.push_str(&renderer.render(&diagnostic(ctx, f, explain)));
        out.push('\n');
    }
    if explain {
        for (report, span, why) in &ctx.skipped {
            let name = ctx.source(*report).map_or("?", |s| &*s.name);
            let line = ctx
                .position(*report, span.start)
                .map_or(String::new(), |p| format!(":{}", p.line));
            out.push_str(&format!(
                "{} {name}{line}: {} «{}»\n",
                why.kind(),
                why.describe(),
                crate::render::neutralise(ctx.text(*report, *span).trim())
            ));
        }
    }
    for (head, rows) in ctx.timeline_lines() {
        out.push_str(&format!("timeline of {head}:\n"));
        for (when, value, who) in rows {
            out.push_str(&format!("  {when}: {value} — {who}\n"));
        }
    }
    for (report, event, why) in ctx.set_apart_lines() {
        out.push_str(&format!(
            "note: {report} is not compared on {event}: {why}\n"
        ));
    }
    out.push_str(&summary(ctx));
    out
}

/// The findings alone (`--quiet`).
pub fn render_findings(ctx: &Context<'_>, renderer: &Renderer) -> String {
    let mut out = String::new();
    for f in ctx.findings {
        out.push_str(&renderer.render(&diagnostic(ctx, f, false)));
        out.push('\n');
    }
    out
}

/// How many findings each rule has (`--statistics`), most first, then by
/// rule id; rules without findings are left out.
pub fn statistics(ctx: &Context<'_>) -> String {
    let mut counts: Vec<(usize, &str, Severity)> = ctx
        .rules
        .rules
        .iter()
        .map(|r| {
            let n = ctx.findings.iter().filter(|f| f.rule == r.id).count();
            (n, r.id.as_str(), r.severity)
        })
        .filter(|(n, _, _)| *n > 0)
        .collect();
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let width = counts
        .iter()
        .map(|(_, id, _)| id.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (n, id, sev) in &counts {
        let pad = width - id.chars().count();
        out.push_str(&format!(
            "{n:>5}  {id}{}  {}\n",
            " ".repeat(pad),
            sev.as_str()
        ));
    }
    out.push_str(&summary(ctx));
    out
}

pub fn summary(ctx: &Context<'_>) -> String {
    let count = |s: Severity| ctx.findings.iter().filter(|f| f.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let n = ctx.findings.len();
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut parts = Vec::new();
    if e > 0 {
        parts.push(plural(e, "error"));
    }
    if w > 0 {
        parts.push(plural(w, "warning"));
    }
    if i > 0 {
        parts.push(format!("{i} info"));
    }
    let detail = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    let unread = ctx.problems.iter().filter(|p| p.fatal).count();
    let unread = if unread == 0 {
        String::new()
    } else {
        format!(
            "; {} could not be read (see above), so the result is incomplete",
            plural(unread, "input")
        )
    };
    format!(
        "{}{detail} in {} checked against {}{unread}\n",
        plural(n, "finding"),
        plural(ctx.sources.len(), "report"),
        ctx.rules.file
    )
}
