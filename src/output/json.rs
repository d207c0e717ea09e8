//! The JSON format, schema version 1 (documented in the README): byte
//! ranges plus 1-based line and character column (and UTF-16 column) for
//! every piece of evidence.

use serde_json::{Value, json};

use super::Context;

pub const SCHEMA_VERSION: u32 = 1;

/// One entry of the `reports` list (fields in the order JSON objects are
/// written: alphabetical).
#[derive(serde::Serialize)]
struct ReportEntry<'a> {
    date: Option<String>,
    encoding: &'static str,
    id: usize,
    language: crate::source::Lang,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    path: &'a str,
    short: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// The `reports` list, written as it is serialised rather than built first:
/// an archive has hundreds of thousands of reports.
struct ReportList<'a, 'b>(&'a Context<'b>);

impl serde::Serialize for ReportList<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ctx = self.0;
        serializer.collect_seq(ctx.sources.iter().enumerate().map(|(i, s)| ReportEntry {
            date: s.meta.date.map(|d| d.iso()),
            encoding: s.encoding.name(),
            id: i,
            language: s.lang,
            outlet: s.meta.outlet.as_deref(),
            path: &s.name,
            short: ctx.short(i),
            title: s.meta.title.as_deref(),
            url: s.meta.url.as_deref(),
        }))
    }
}

/// The document, keys in alphabetical order (as `serde_json` writes maps).
#[derive(serde::Serialize)]
struct Document<'a, 'b> {
    baseline: &'a Option<Value>,
    findings: Vec<Value>,
    problems: &'a [super::InputNote],
    reports: ReportList<'a, 'b>,
    rules: Value,
    schema_version: u32,
    set_apart: Vec<Value>,
    series: Vec<Value>,
    summary: Value,
    tool: Value,
}

pub fn render(ctx: &Context<'_>) -> String {
    let findings: Vec<Value> = ctx.findings.iter().map(|f| finding_value(ctx, f)).collect();
    let count = |s: crate::rules::Severity| ctx.findings.iter().filter(|f| f.severity == s).count();
    let doc = Document {
        baseline: &ctx.baseline,
        findings,
        problems: ctx.problems,
        reports: ReportList(ctx),
        rules: json!({"file": ctx.rules.file, "title": ctx.rules.title}),
        schema_version: SCHEMA_VERSION,
        set_apart: ctx
            .set_apart_lines()
            .into_iter()
            .map(|(report, event, why)| json!({"report": report, "event": event, "reason": why}))
            .collect(),
        series: ctx
            .timeline_lines()
            .into_iter()
            .zip(&ctx.timelines)
            .map(|((head, rows), t)| {
                json!({
                    "slot": ctx.words().slot_path(t.slot),
                    "authority": t.by.map(|e| ctx.rules.entity_name(e).to_string()),
                    "title": head,
                    "points": t.points.iter().zip(rows).map(|(p, (when, _, _))| json!({
                        "date": p.date.map(|d| d.iso()),
                        "time": p.minutes.map(|m| format!("{:02}:{:02}", m / 60, m % 60)),
                        "when": when,
                        "value": p.value.value,
                        "normalized": p.value.describe(),
                        "reports": p.reports.iter().map(|&r| ctx.source(r).map(|s| s.name.clone())).collect::<Vec<_>>(),
                        "report_time": p.weak,
                        "provisional": p.provisional,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
        summary: json!({
            "errors": count(crate::rules::Severity::Error),
            "findings": ctx.findings.len(),
            "info": count(crate::rules::Severity::Info),
            "warnings": count(crate::rules::Severity::Warning),
        }),
        tool: json!({"name": "factlint", "version": env!("CARGO_PKG_VERSION")}),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

/// One finding as JSON (also one line of the `jsonl` format).
pub fn finding_value(ctx: &Context<'_>, f: &crate::engine::Finding) -> Value {
    let sides: Vec<Value> = f
        .sides
        .iter()
        .map(|s| {
            let evidence: Vec<Value> = super::shown_evidence(s, super::MACHINE_EVIDENCE)
                .into_iter()
                .map(|e| {
                    let start = ctx.position(e.report, e.span.start);
                    let end = ctx.position(e.report, e.span.end);
                    let (offset, length) = ctx.file_span(e.report, e.span);
                    json!({
                        "report": ctx.source(e.report).map(|x| x.name.clone()),
                        "start": offset,
                        "end": offset + length,
                        "line": start.map(|p| p.line),
                        "column": start.map(|p| p.column),
                        "utf16_column": start.map(|p| p.utf16_column),
                        "end_line": end.map(|p| p.line),
                        "end_column": end.map(|p| p.column),
                        "text": ctx.text(e.report, e.span),
                        "scope": e.scope,
                        "fallback": e.fallback,
                        "via": e.via,
                        "role": e.role.as_ref().map(|r| super::wording::role(ctx.rules, r)),
                    })
                })
                .collect();
            json!({
                "value": ctx.value(&s.value),
                "normalized": s.normalized,
                "majority": s.majority,
                "reports": super::side_reports(s).into_iter().map(|r| ctx.short(r)).collect::<Vec<_>>(),
                "evidence": evidence,
            })
        })
        .collect();
    let w = ctx.wording(f);
    let silent: Vec<String> = f
        .silent
        .iter()
        .take(MAX_SILENT)
        .filter_map(|r| ctx.source(r).map(|s| s.name.to_string()))
        .collect();
    let mut v = json!({
        "rule": f.rule,
        "severity": f.severity,
        "kind": f.kind(),
        "message": w.message,
        "slot": ctx.slot_path(f),
        "sides": sides,
        "silent": silent,
        "notes": w.notes,
        "help": w.help,
        "review": ctx.decision(f),
    });
    if let (Some(more), Some(obj)) = (
        f.silent.len().checked_sub(MAX_SILENT).filter(|n| *n > 0),
        v.as_object_mut(),
    ) {
        obj.insert("silent_more".into(), json!(more));
    }
    v
}

/// The silent reports a finding names in JSON: in a run of a million
/// reports, every report without the event is silent on each of its
/// findings; the first ones are named, and `silent_more` counts the rest.
const MAX_SILENT: usize = 100;
