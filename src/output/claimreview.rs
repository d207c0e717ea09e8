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

fn claim(ctx: &Context<'_>, f: &Finding) -> Option<(usize, String)> {
    let side = f
        .sides
        .iter()
        .find(|s| !s.majority)
        .or_else(|| f.sides.first())?;
    let e = side.evidence.first()?;
    let src = ctx.source(e.report)?;
    // The sentence around the words: from the previous full stop or line
    // start to the next one.
    let text = &src.text;
    let start = text
        .get(..e.span.start)?
        .rfind(['\n', '.', '؟', '!', '?'])
        .map_or(0, |i| i + 1);
    let end = text
        .get(e.span.end..)?
        .find(['\n', '.', '؟', '!', '?'])
        .map_or(text.len(), |i| e.span.end + i + 1);
    let sentence = text.get(start..end)?.trim().to_string();
    Some((e.report, sentence))
}

pub fn render(ctx: &Context<'_>, baseline: &Baseline, publisher: &Publisher) -> String {
    let names: Vec<String> = ctx.sources.iter().map(|s| s.name.clone()).collect();
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
            "name": src.meta.title.clone().unwrap_or_else(|| src.name.clone()),
            "url": src.meta.url.clone().unwrap_or_else(|| super::sarif::uri(&src.name)),
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
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": 1,
                "worstRating": 1,
                "bestRating": 5,
                "alternateName": "Contradicted by other reports",
            },
            "reviewBody": body,
            "identifier": f.rule,
        }));
    }
    let mut s =
        serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}
