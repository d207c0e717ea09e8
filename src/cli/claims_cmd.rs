//! `factlint claims`: every claim of every report as JSON lines.

use std::io::Write;
use std::path::PathBuf;

use super::{Done, Exit, inputs};
use factlint::extract::{self, vocab::Vocabulary};

pub fn run(rules: Option<PathBuf>, reports: &[PathBuf]) -> Done {
    let set = match rules.as_deref() {
        Some(p) => Some(inputs::load_rules(p)?),
        None => None,
    };
    let vocab = set.as_ref().map(Vocabulary::new);
    let mut exit = Exit::Clean;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // One report at a time: read, print its claims, let it go.
    let found = inputs::expand(reports, &[]);
    for p in &found.problems {
        eprint!("{}", inputs::render_problem(p));
        if p.problem.is_fatal() {
            exit = Exit::Untrusted;
        }
    }
    for path in found.files {
        let (files, problems) = inputs::load_reports(
            std::slice::from_ref(&path),
            factlint::source::DEFAULT_MAX_SIZE,
        );
        for p in &problems {
            eprint!("{}", inputs::render_problem(p));
            if p.problem.is_fatal() {
                exit = Exit::Untrusted;
            }
        }
        let Some(f) = files.first() else { continue };
        let ex = extract::extract(f, set.as_ref(), vocab.as_ref());
        for cl in &ex.claims {
            let pos = f.lines.position(&f.text, cl.span.start);
            let mut value = serde_json::to_value(&cl.value).unwrap_or_default();
            if let Some(obj) = value.as_object_mut() {
                obj.remove("kind");
            }
            let line = serde_json::json!({
                "report": f.name,
                "kind": cl.value.kind_name(),
                "value": value,
                "normalized": cl.value.normalized(set.as_ref()),
                "start": cl.span.start,
                "end": cl.span.end,
                "line": pos.line,
                "column": pos.column,
                "text": f.text.get(cl.span.start..cl.span.end).unwrap_or(""),
                "via": cl.via,
            });
            if writeln!(out, "{line}").is_err() {
                return Ok(exit);
            }
        }
        for (span, why) in &ex.skipped {
            let pos = f.lines.position(&f.text, span.start);
            let line = serde_json::json!({
                "report": f.name,
                "kind": "skipped",
                "value": why,
                "normalized": why.describe(),
                "start": span.start,
                "end": span.end,
                "line": pos.line,
                "column": pos.column,
                "text": f.text.get(span.start..span.end).unwrap_or(""),
                "via": "page furniture",
            });
            if writeln!(out, "{line}").is_err() {
                return Ok(exit);
            }
        }
        for m in &ex.mentions {
            let pos = f.lines.position(&f.text, m.span.start);
            let event = set
                .as_ref()
                .and_then(|s| s.events.get(m.event))
                .map_or("", |e| e.name.as_str());
            let line = serde_json::json!({
                "report": f.name,
                "kind": "mention",
                "value": {"event": event, "descriptor": m.descriptor},
                "normalized": event,
                "start": m.span.start,
                "end": m.span.end,
                "line": pos.line,
                "column": pos.column,
                "text": f.text.get(m.span.start..m.span.end).unwrap_or(""),
                "via": format!("trigger «{}»", m.alias),
            });
            if writeln!(out, "{line}").is_err() {
                return Ok(exit);
            }
        }
    }
    Ok(exit)
}
