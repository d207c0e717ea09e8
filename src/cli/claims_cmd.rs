//! `factlint claims`: every claim of every report as JSON lines.

use std::io::Write;
use std::path::PathBuf;

use super::{Done, Exit, inputs};
use factlint::extract::{self, vocab::Vocabulary};

/// The version of the claims lines' shape (documented in the README).
pub const CLAIMS_SCHEMA_VERSION: u32 = 1;

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
    if inputs::tell(&found.problems) {
        exit = Exit::Untrusted;
    }
    for path in found.files {
        let (files, problems) = inputs::load_reports(
            std::slice::from_ref(&path),
            factlint::source::DEFAULT_MAX_SIZE,
        );
        if inputs::tell(&problems) {
            exit = Exit::Untrusted;
        }
        let Some(f) = files.first() else { continue };
        let ex = extract::extract(f, set.as_ref(), vocab.as_ref());
        // Offsets in the file's own bytes (UTF-16 reports are converted).
        let at = |span: factlint::span::Span| (f.file_offset(span.start), f.file_offset(span.end));
        for cl in &ex.claims {
            let pos = f.position(cl.span.start);
            let (start, end) = at(cl.span);
            let mut value = serde_json::to_value(&cl.value).unwrap_or_default();
            if let Some(obj) = value.as_object_mut() {
                obj.remove("kind");
                // Entities and units by their names in the rule file, not
                // by the numbers they have inside factlint.
                for key in ["entity", "unit"] {
                    if let (Some(id), Some(rules)) = (
                        obj.get(key).and_then(serde_json::Value::as_u64),
                        set.as_ref(),
                    ) {
                        let name = rules.entity_name(id as usize).to_string();
                        obj.insert(key.to_string(), serde_json::Value::String(name));
                    }
                }
            }
            let line = serde_json::json!({
                "schema_version": CLAIMS_SCHEMA_VERSION,
                "report": f.name,
                "kind": cl.value.kind_name(),
                "value": value,
                "normalized": cl.value.normalized(set.as_ref()),
                "start": start,
                "end": end,
                "line": pos.line,
                "column": pos.column,
                "text": f.text.get(cl.span.start..cl.span.end).unwrap_or(""),
                "via": cl.via,
            });
            if let Err(e) = writeln!(out, "{}", factlint::output::safe::json(&line.to_string())) {
                super::stdout_failed(&e)?;
                return Ok(exit);
            }
        }
        for (span, why) in &ex.skipped {
            let pos = f.position(span.start);
            let (start, end) = at(*span);
            let line = serde_json::json!({
                "schema_version": CLAIMS_SCHEMA_VERSION,
                "report": f.name,
                "kind": why.kind(),
                "value": why,
                "normalized": why.describe(),
                "start": start,
                "end": end,
                "line": pos.line,
                "column": pos.column,
                "text": f.text.get(span.start..span.end).unwrap_or(""),
                "via": why.via(),
            });
            if let Err(e) = writeln!(out, "{}", factlint::output::safe::json(&line.to_string())) {
                super::stdout_failed(&e)?;
                return Ok(exit);
            }
        }
        for m in &ex.mentions {
            let pos = f.position(m.span.start);
            let (start, end) = at(m.span);
            let event = set
                .as_ref()
                .and_then(|s| s.events.get(m.event))
                .map_or("", |e| e.name.as_str());
            let line = serde_json::json!({
                "schema_version": CLAIMS_SCHEMA_VERSION,
                "report": f.name,
                "kind": "mention",
                "value": {"event": event, "descriptor": m.descriptor},
                "normalized": event,
                "start": start,
                "end": end,
                "line": pos.line,
                "column": pos.column,
                "text": f.text.get(m.span.start..m.span.end).unwrap_or(""),
                "via": format!("trigger «{}»", m.alias),
            });
            if let Err(e) = writeln!(out, "{}", factlint::output::safe::json(&line.to_string())) {
                super::stdout_failed(&e)?;
                return Ok(exit);
            }
        }
    }
    if let Err(e) = out.flush() {
        super::stdout_failed(&e)?;
    }
    Ok(exit)
}
