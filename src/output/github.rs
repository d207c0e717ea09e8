//! GitHub Actions workflow commands: one annotation per finding (at most
//! ten, then a summary line, as GitHub shows no more), and a Markdown table
//! for `$GITHUB_STEP_SUMMARY` (the command line appends it when the
//! variable is set).

use super::Context;
use crate::rules::Severity;

/// Most annotations emitted; GitHub displays at most ten per step.
pub const MAX_ANNOTATIONS: usize = 10;

/// Escapes the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub refuses a step summary over 1 MiB; the table stops well before.
pub const MAX_SUMMARY_BYTES: usize = 1024 * 1024 - 4096;

pub fn render(ctx: &Context<'_>) -> String {
    let mut out = String::new();
    // Inputs that could not be read fail the step visibly: an annotation
    // each (they are few), before the findings.
    for p in ctx.problems {
        let file = if super::leaves_root(&p.report) {
            String::new()
        } else {
            format!("file={},", escape_property(&p.report))
        };
        out.push_str(&format!(
            "::{} {file}title={}::{}\n",
            if p.fatal { "error" } else { "warning" },
            escape_property(&format!("{} {}", p.code, p.report)),
            escape_data(&p.message)
        ));
    }
    for f in ctx.findings.iter().take(MAX_ANNOTATIONS) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let first = f
            .sides
            .iter()
            .filter(|s| !s.majority)
            .chain(f.sides.iter().filter(|s| s.majority))
            .flat_map(|s| s.evidence.iter())
            .next();
        let w = ctx.wording(f);
        let mut props = vec![format!(
            "title={}",
            escape_property(&format!("{}: {}", f.rule, w.message))
        )];
        // A report outside the repository cannot carry an annotation.
        if let Some(e) = first
            && ctx
                .source(e.report)
                .is_some_and(|s| !super::leaves_root(&s.name))
            && let (Some(src), Some(start), Some(end)) = (
                ctx.source(e.report),
                ctx.position(e.report, e.span.start),
                ctx.position(e.report, e.span.end),
            )
        {
            props.insert(0, format!("file={}", escape_property(&src.name)));
            props.insert(1, format!("line={}", start.line));
            props.insert(2, format!("col={}", start.column));
            props.insert(3, format!("endLine={}", end.line));
            props.insert(4, format!("endColumn={}", end.column));
        }
        let mut msg = w.help.clone().unwrap_or_else(|| w.message.clone());
        for n in &w.notes {
            msg.push_str(&format!("\nnote: {n}"));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&msg)
        ));
    }
    // Reports set apart from a comparison: a notice on each, within what
    // is left of GitHub's budget of annotations (the step summary lists
    // them all).
    let left = MAX_ANNOTATIONS.saturating_sub(ctx.findings.len());
    for (report, event, why) in ctx.set_apart_lines().into_iter().take(left) {
        let file = if super::leaves_root(&report) {
            String::new()
        } else {
            format!("file={},", escape_property(&report))
        };
        out.push_str(&format!(
            "::notice {file}title={}::{}\n",
            escape_property(&format!("not compared on {event}")),
            escape_data(&format!("{report} is not compared on {event}: {why}"))
        ));
    }
    if ctx.findings.len() > MAX_ANNOTATIONS {
        out.push_str(&format!(
            "::notice title=factlint::{} more findings not annotated (GitHub shows at most {MAX_ANNOTATIONS}); see the step summary or run factlint locally\n",
            ctx.findings.len() - MAX_ANNOTATIONS
        ));
    }
    // The one line outside commands: made one line, so nothing in a rule
    // file's name can start a command on the next.
    let summary = super::human::summary(ctx);
    out.push_str(&summary.trim_end().replace(['\n', '\r'], " "));
    out.push('\n');
    out
}

/// The step summary: the problems met reading inputs, then a Markdown
/// table of every finding, cut (with a notice) before GitHub's 1 MiB limit.
pub fn step_summary(ctx: &Context<'_>) -> String {
    let cell = super::safe::markdown;
    let mut out = format!(
        "### factlint: {}\n\n",
        cell(super::human::summary(ctx).trim())
    );
    for p in ctx.problems {
        out.push_str(&format!(
            "- **{}** `{}` {}: {}\n",
            if p.fatal { "error" } else { "warning" },
            cell(&p.code),
            cell(&p.report),
            cell(&p.message)
        ));
    }
    if !ctx.problems.is_empty() {
        out.push('\n');
    }
    let apart = ctx.set_apart_lines();
    for (report, event, why) in &apart {
        out.push_str(&format!(
            "- **not compared** on {}: {}: {}\n",
            cell(event),
            cell(report),
            cell(why)
        ));
    }
    if !apart.is_empty() {
        out.push('\n');
    }
    if ctx.findings.is_empty() {
        return out;
    }
    out.push_str("| severity | rule | finding | reports |\n|---|---|---|---|\n");
    for (i, f) in ctx.findings.iter().enumerate() {
        let reports: Vec<&str> = f.reports().into_iter().map(|r| ctx.short(r)).collect();
        let w = ctx.wording(f);
        let what = w.help.unwrap_or(w.message);
        let row = format!(
            "| {} | {} | {} | {} |\n",
            f.severity.as_str(),
            cell(&f.rule),
            cell(&what),
            cell(&reports.join(", "))
        );
        if out.len() + row.len() > MAX_SUMMARY_BYTES {
            out.push_str(&format!(
                "\n{} more findings are not listed: GitHub keeps step summaries under 1 MiB. Run factlint locally or read the SARIF output for all of them.\n",
                ctx.findings.len() - i
            ));
            break;
        }
        out.push_str(&row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_commands() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
