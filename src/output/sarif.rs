//! The SARIF 2.1.0 format, as GitHub code scanning reads it: one result per
//! finding, located at the words of the report that states the odd value,
//! with the other side of the conflict as related locations; rules with
//! descriptions and help; `partialFingerprints` from the rule id, the report
//! and the normalised values (never lines); columns in Unicode code points;
//! report paths as relative URIs.

use std::collections::BTreeMap;

use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, Region, ReportingConfiguration, ReportingDescriptor,
    ReportingDescriptorReference, Result as SarifResult, ResultLevel, Run, Sarif, Tool,
    ToolComponent,
};

use super::Context;
use crate::baseline::FindingKey;
use crate::engine::{Evidence, Finding, FindingKind, Side};
use crate::rules::{Rule, Severity};

/// A path as a URI reference: `/` separators, unreserved characters kept,
/// everything else percent-encoded; absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::new();
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if p.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn level_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn describe(rule: &Rule) -> (String, String) {
    let what = super::wording::rule_description(&rule.kind);
    (rule.text.trim().to_string(), what.to_string())
}

fn location(ctx: &Context<'_>, e: &Evidence, text: Option<String>) -> Location {
    let src = ctx.source(e.report);
    let start = ctx.position(e.report, e.span.start);
    let end = ctx.position(e.report, e.span.end);
    let (offset, length) = ctx.file_span(e.report, e.span);
    let mut region = Region::builder()
        .byte_offset(offset as i64)
        .byte_length(length as i64)
        .snippet(
            serde_sarif::sarif::ArtifactContent::builder()
                .text(ctx.text(e.report, e.span).to_string())
                .build(),
        )
        .build();
    if let (Some(s), Some(t)) = (start, end) {
        region.start_line = Some(s.line as i64);
        region.start_column = Some(s.column as i64);
        region.end_line = Some(t.line as i64);
        region.end_column = Some(t.column as i64);
    }
    let mut loc = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(artifact(ctx, src.map_or("", |s| &*s.name)))
                .region(region)
                .build(),
        )
        .build();
    if let Some(t) = text {
        loc.message = Some(Message::builder().text(t).build());
    }
    loc
}

/// The base id relative report URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// Where a report is: a URI relative to the repository root (with the
/// root's base id) for a report inside it, a `file://` URI otherwise.
fn artifact(ctx: &Context<'_>, name: &str) -> ArtifactLocation {
    let leaves = super::leaves_root(name);
    match &ctx.root {
        // Outside the repository: an absolute URI, never `../`.
        Some(root) if leaves => {
            let abs = super::resolve(root, name);
            ArtifactLocation::builder()
                .uri(uri(&abs.display().to_string()))
                .build()
        }
        Some(_) => {
            let mut a = ArtifactLocation::builder().uri(uri(name)).build();
            a.uri_base_id = Some(SRCROOT.to_string());
            a
        }
        None => ArtifactLocation::builder().uri(uri(name)).build(),
    }
}

/// The run's input problems as notifications; the run succeeded when no
/// input that was asked for went unread.
fn invocation(ctx: &Context<'_>) -> Invocation {
    let notes: Vec<Notification> = ctx
        .problems
        .iter()
        .map(|p| {
            let mut n = Notification::builder()
                .message(
                    Message::builder()
                        .text(format!("{}: {}", p.report, p.message))
                        .build(),
                )
                .level(serde_json::Value::String(
                    if p.fatal { "error" } else { "warning" }.to_string(),
                ))
                .descriptor(
                    ReportingDescriptorReference::builder()
                        .id(p.code.clone())
                        .build(),
                )
                .build();
            n.locations = Some(vec![
                Location::builder()
                    .physical_location(
                        PhysicalLocation::builder()
                            .artifact_location(artifact(ctx, &p.report))
                            .build(),
                    )
                    .build(),
            ]);
            n
        })
        .collect();
    // Reports set apart from an event's comparison (another edition, a
    // previous year): a note each, so a reader of the log knows which
    // reports were not compared, and why.
    let apart = ctx
        .set_apart_lines()
        .into_iter()
        .map(|(report, event, why)| {
            let mut n = Notification::builder()
                .message(
                    Message::builder()
                        .text(format!("{report} is not compared on {event}: {why}"))
                        .build(),
                )
                .level(serde_json::Value::String("note".to_string()))
                .build();
            n.locations = Some(vec![
                Location::builder()
                    .physical_location(
                        PhysicalLocation::builder()
                            .artifact_location(artifact(ctx, &report))
                            .build(),
                    )
                    .build(),
            ]);
            n
        });
    let notes: Vec<Notification> = notes.into_iter().chain(apart).collect();
    let mut inv = Invocation::builder()
        .execution_successful(!ctx.problems.iter().any(|p| p.fatal))
        .build();
    if !notes.is_empty() {
        inv.tool_execution_notifications = Some(notes);
    }
    inv
}

fn evidence_text(ctx: &Context<'_>, side: &Side, e: &Evidence) -> String {
    let words = ctx.text(e.report, e.span);
    let shown = ctx.shown_value(side, e);
    let mut t = format!("{}: «{words}» = {shown}", ctx.short(e.report));
    if e.fallback {
        t.push_str(&format!(
            " (found at {} scope only)",
            e.scope.map_or("document", |s| s.as_str())
        ));
    }
    t
}

fn result(
    ctx: &Context<'_>,
    f: &Finding,
    rule_index: Option<usize>,
    names: &[String],
) -> SarifResult {
    // The report to look at: the first evidence of a side that is not the
    // majority (or of the only side).
    let mut ordered: Vec<(&Side, &Evidence)> = Vec::new();
    for s in f.sides.iter().filter(|s| !s.majority) {
        ordered.extend(
            super::shown_evidence(s, super::MACHINE_EVIDENCE)
                .into_iter()
                .map(|e| (s, e)),
        );
    }
    for s in f.sides.iter().filter(|s| s.majority) {
        ordered.extend(
            super::shown_evidence(s, super::MACHINE_EVIDENCE)
                .into_iter()
                .map(|e| (s, e)),
        );
    }
    let w = ctx.wording(f);
    let mut text = w.message.clone();
    if let Some(h) = &w.help {
        text.push_str(&format!(". {h}"));
    }
    for n in &w.notes {
        text.push_str(&format!(". Note: {n}"));
    }
    let key = FindingKey::of(f, names);
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert("factlintFinding/v1".to_string(), key.fingerprint());
    let mut r = SarifResult::builder()
        .rule_id(f.rule.clone())
        .level(level(f.severity))
        .message(Message::builder().text(text).build())
        .partial_fingerprints(fingerprints)
        .build();
    if let Some(i) = rule_index {
        r.rule_index = Some(i as i64);
    }
    let mut locs = ordered.iter().enumerate().map(|(i, (v, e))| {
        let mut t = evidence_text(ctx, v, e);
        if i == 0 && f.kind() == FindingKind::Disagreement {
            t.push_str(" — the other reports are the related locations");
        }
        location(ctx, e, Some(t))
    });
    if let Some(first) = locs.next() {
        r.locations = Some(vec![first]);
    }
    let related: Vec<Location> = locs
        .enumerate()
        .map(|(i, mut l)| {
            l.id = Some(i as i64 + 1);
            l
        })
        .collect();
    if !related.is_empty() {
        r.related_locations = Some(related);
    }
    r
}

pub fn render(ctx: &Context<'_>) -> String {
    let rules: Vec<ReportingDescriptor> = ctx
        .rules
        .rules
        .iter()
        .map(|rule| {
            let (short, full) = describe(rule);
            let help = rule.help.clone().unwrap_or_else(|| {
                "Open each report at the marked words: decide which report is right, or whether one \
describes another event; record the decision as a waiver with its reason."
                    .to_string()
            });
            ReportingDescriptor::builder()
                .id(rule.id.clone())
                .name(rule.id.replace(['.', '-'], "_"))
                .short_description(MultiformatMessageString::builder().text(short).build())
                .full_description(MultiformatMessageString::builder().text(full).build())
                .help(MultiformatMessageString::builder().text(help).build())
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::Value::String(level_name(rule.severity).to_string()))
                        .build(),
                )
                .build()
        })
        .collect();
    let names: Vec<String> = ctx.sources.iter().map(|s| s.name.to_string()).collect();
    let results: Vec<SarifResult> = ctx
        .findings
        .iter()
        .map(|f| {
            let idx = ctx.rules.rules.iter().position(|r| r.id == f.rule);
            result(ctx, f, idx, &names)
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("factlint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation(ctx)])
        .column_kind(serde_json::Value::String("unicodeCodePoints".to_string()))
        .build();
    if let Some(root) = &ctx.root {
        let mut dir = uri(&root.display().to_string());
        if !dir.ends_with('/') {
            dir.push('/');
        }
        let mut bases = BTreeMap::new();
        bases.insert(
            SRCROOT.to_string(),
            ArtifactLocation::builder().uri(dir).build(),
        );
        run.original_uri_base_ids = Some(bases);
    }
    let sarif = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(serde_json::Value::String("2.1.0".to_string()))
        .runs(vec![run])
        .build();
    let mut s = serde_json::to_string_pretty(&sarif).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}
