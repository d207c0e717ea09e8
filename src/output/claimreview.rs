//! The `claimreview` format: findings a fact-checker confirmed (with
//! `factlint review`), as schema.org ClaimReview JSON-LD, the format
//! fact-checkers publish in. One ClaimReview per confirmed finding, about
//! the claim of the report that states the odd value.

use serde_json::{Value, json};

use super::Context;
use crate::baseline::{Baseline, FindingKey, ReviewStatus};
use crate::engine::Finding;

/// Who publishes the reviews, and where.
pub struct Publisher {
    pub name: String,
    /// The fact-check's page; `urn:factlint:finding:…` when none is given.
    pub url: Option<String>,
    /// `YYYY-MM-DD`
    pub date: String,
}

/// The claim a finding is about: the report stating the odd value (the
/// first side when none has a majority) and the sentence holding its
/// words, cut where the segmenter ends sentences (not at a decimal point,
/// an abbreviation or an initial).
fn claim(ctx: &Context<'_>, f: &Finding) -> Option<(usize, String)> {
    let side = f
        .sides
        .iter()
        .find(|s| !s.majority)
        .or_else(|| f.sides.first())?;
    let e = side.evidence.first()?;
    let src = ctx.source(e.report)?;
    let (line_start, line) = src.lines_around(e.span.start, e.span.start)?;
    let at = (e.span.start - line_start) as u32;
    let seg = crate::text::segment::segment(line);
    let (from, to) = seg
        .sentences
        .iter()
        .copied()
        .find(|&(a, b)| a <= at && at < b.max(a + 1))
        .unwrap_or((0, line.len() as u32));
    // The sentence's end mark is kept.
    let to = line
        .get(to as usize..)
        .and_then(|rest| rest.chars().next())
        .filter(|c| matches!(c, '.' | '!' | '?' | '؟' | '…'))
        .map_or(to as usize, |c| to as usize + c.len_utf8());
    let sentence = line.get(from as usize..to)?.trim().to_string();
    Some((e.report, sentence))
}

/// A URL that may be published: `http` or `https` only (never
/// `javascript:` or `data:` from a report's front matter).
fn publishable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// What a published review lacks: the fields ClaimReview requires that
/// the reports' front matter or the command line did not give. Said to
/// the user rather than filled with a placeholder silently.
pub fn missing_fields(
    ctx: &Context<'_>,
    baseline: &Baseline,
    publisher: &Publisher,
) -> Vec<String> {
    let names: Vec<String> = ctx.sources.iter().map(|s| s.name.to_string()).collect();
    let mut out = Vec::new();
    let mut any = false;
    for f in ctx.findings {
        let key = FindingKey::of(f, &names);
        if !baseline
            .review_of(&key)
            .is_some_and(|r| r.status == ReviewStatus::Confirmed)
        {
            continue;
        }
        any = true;
        let Some((rid, _)) = claim(ctx, f) else {
            continue;
        };
        let Some(src) = ctx.source(rid) else { continue };
        match src.meta.url.as_deref() {
            None => out.push(format!(
                "{}: no `url` in its front matter: the claim's appearance points at the file",
                src.name
            )),
            Some(u) if !publishable(u) => out.push(format!(
                "{}: its `url` is not http(s) and is not published: the claim's appearance points at the file",
                src.name
            )),
            Some(_) => {}
        }
        if src.meta.date.is_none() {
            out.push(format!(
                "{}: no `date` in its front matter: the claim has no datePublished",
                src.name
            ));
        }
        if f.sides.iter().all(|s| !s.majority) {
            out.push(format!(
                "{}: the reports are evenly split on `{}`: published as disputed, not as contradicted",
                src.name, f.rule
            ));
        }
    }
    if any && publisher.url.is_none() {
        out.push(
            "no --review-url: each review's url is a `urn:factlint:finding:…` placeholder"
                .to_string(),
        );
    }
    out.sort();
    out.dedup();
    out
}

pub fn render(ctx: &Context<'_>, baseline: &Baseline, publisher: &Publisher) -> String {
    let names: Vec<String> = ctx.sources.iter().map(|s| s.name.to_string()).collect();
    let mut items: Vec<Value> = Vec::new();
    for f in ctx.findings {
        let key = FindingKey::of(f, &names);
        let Some(review) = baseline.review_of(&key) else {
            continue;
        };
        if review.status != ReviewStatus::Confirmed {
            continue;
        }
        let Some((rid, sentence)) = claim(ctx, f) else {
            continue;
        };
        let Some(src) = ctx.source(rid) else { continue };
        let mut appearance = json!({
            "@type": "CreativeWork",
            "name": src.meta.title.clone().unwrap_or_else(|| src.name.to_string()),
            "url": src.meta.url.clone().filter(|u| publishable(u)).unwrap_or_else(|| super::sarif::uri(&src.name)),
        });
        if let Some(obj) = appearance.as_object_mut() {
            if let Some(o) = &src.meta.outlet {
                obj.insert(
                    "publisher".into(),
                    json!({"@type": "Organization", "name": o}),
                );
            }
            if let Some(d) = src.meta.date {
                obj.insert("datePublished".into(), json!(d.iso()));
            }
        }
        let mut item_reviewed = json!({
            "@type": "Claim",
            "appearance": [appearance],
            "author": {"@type": "Organization", "name": src.meta.outlet.clone().unwrap_or_else(|| ctx.short(rid).to_string())},
        });
        if let (Some(d), Some(obj)) = (src.meta.date, item_reviewed.as_object_mut()) {
            obj.insert("datePublished".into(), json!(d.iso()));
        }
        let w = ctx.wording(f);
        let mut body = w.help.clone().unwrap_or_else(|| w.message.clone());
        body.push('.');
        for n in &w.notes {
            body.push_str(&format!(" {n}."));
        }
        if let Some(note) = &review.note {
            body.push_str(&format!(" Reviewer's note: {note}"));
        }
        items.push(json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": publisher.url.clone().unwrap_or_else(|| format!("urn:factlint:finding:{}", key.fingerprint())),
            "datePublished": review.date.clone().unwrap_or_else(|| publisher.date.clone()),
            "author": {"@type": "Organization", "name": publisher.name},
            "claimReviewed": sentence,
            "itemReviewed": item_reviewed,
            "reviewRating": rating(f),
            "reviewBody": body,
            "identifier": f.rule,
        }));
    }
    let s = serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".to_string());
    format!("{}\n", script_safe(&s))
}

/// A report contradicted by a majority is rated "contradicted"; with no
/// majority, which report is wrong is not known: "disputed".
fn rating(f: &Finding) -> Value {
    let (value, name) = if f.sides.iter().any(|s| s.majority) {
        (1, "Contradicted by other reports")
    } else {
        (3, "Disputed: the reports disagree, none has a majority")
    };
    json!({
        "@type": "Rating",
        "ratingValue": value,
        "worstRating": 1,
        "bestRating": 5,
        "alternateName": name,
    })
}

/// JSON-LD is embedded in `<script type="application/ld+json">`: `<`, `>`
/// and `&` are written as `\u003c` … (valid JSON, inert HTML), so no text
/// of a report can close the script element.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}
