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

pub fn render(ctx: &Context<'_>) -> String {
    let mut out = String::new();
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
        if let Some(e) = first
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
    if ctx.findings.len() > MAX_ANNOTATIONS {
        out.push_str(&format!(
            "::notice title=factlint::{} more findings not annotated (GitHub shows at most {MAX_ANNOTATIONS}); see the step summary or run factlint locally\n",
            ctx.findings.len() - MAX_ANNOTATIONS
        ));
    }
    out.push_str(&super::human::summary(ctx));
    out
}

/// The step summary: a Markdown table of every finding.
pub fn step_summary(ctx: &Context<'_>) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!(
        "### factlint: {}\n\n",
        cell(super::human::summary(ctx).trim())
    );
    if ctx.findings.is_empty() {
        return out;
    }
    out.push_str("| severity | rule | finding | reports |\n|---|---|---|---|\n");
    for f in ctx.findings {
        let reports: Vec<&str> = f.reports().into_iter().map(|r| ctx.short(r)).collect();
        let w = ctx.wording(f);
        let what = w.help.unwrap_or(w.message);
        out.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            f.severity.as_str(),
            cell(&f.rule),
            cell(&what),
            cell(&reports.join(", "))
        ));
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
