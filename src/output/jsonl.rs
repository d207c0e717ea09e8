//! The `jsonl` format: one finding per line, each the object the JSON
//! format puts in `findings`, with `schema_version` on every line.

use super::Context;

pub fn render(ctx: &Context<'_>) -> String {
    let mut out = String::new();
    for f in ctx.findings {
        let mut v = super::json::finding_value(ctx, f);
        if let Some(obj) = v.as_object_mut() {
            obj.insert("schema_version".into(), super::json::SCHEMA_VERSION.into());
        }
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}
