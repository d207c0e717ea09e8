//! The HTML format: one self-contained page for fact-checkers (inline CSS,
//! no script, no network). A matrix of what each report states for each
//! slot, coloured by agreement; then every finding with its excerpts side by
//! side, the matched words highlighted, the rule, the scope each value was
//! found in, the notes and the silent reports. Right-to-left excerpts get
//! `dir="rtl"` and an Arabic font stack. All report text is escaped.

use std::fmt::Write as _;

use super::Context;
use crate::engine::{Evidence, Finding, FindingKind, SourceFacts};
use crate::render::is_rtl_char;
use crate::rules::RuleKind;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if crate::render::is_bidi_control(c) => {
                let _ = write!(out, "&lt;U+{:04X}&gt;", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes text, and isolates each «quoted» stretch so that Arabic quoted
/// inside an English sentence keeps its own direction.
pub fn escape_mixed(s: &str) -> String {
    let e = escape(s);
    let mut out = String::with_capacity(e.len());
    let mut rest = e.as_str();
    while let Some(open) = rest.find('«') {
        let Some(close) = rest.get(open..).and_then(|r| r.find('»')).map(|i| open + i) else {
            break;
        };
        out.push_str(rest.get(..open).unwrap_or(""));
        out.push_str("<bdi>");
        out.push_str(rest.get(open..close + '»'.len_utf8()).unwrap_or(""));
        out.push_str("</bdi>");
        rest = rest.get(close + '»'.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

const CSS: &str = r#"
:root { --fg:#1b1b1b; --muted:#4a4a4a; --bg:#ffffff; --line:#c9c9c9; --ok:#1e6b34; --okbg:#e3f4e8;
  --bad:#a4161a; --badbg:#fde8e8; --warn:#7a4a00; --warnbg:#fff3d6; --quiet:#5a5a5a; --quietbg:#f0f0f0; --mark:#ffe066; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; line-height: 1.5; }
a { color: #0b4f9c; }
a:focus, summary:focus { outline: 3px solid #0b4f9c; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; } h4 { font-size: 1rem; margin: 0 0 .5rem; }
.summary { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; width: 100%; } caption { text-align: start; color: var(--muted); padding-bottom: .5rem; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: start; vertical-align: top; }
thead th { background: #f5f5f5; }
td.agree { background: var(--okbg); color: var(--ok); } td.disagree { background: var(--badbg); color: var(--bad); font-weight: 600; }
td.silent { background: var(--quietbg); color: var(--quiet); } td.split { background: var(--warnbg); color: var(--warn); font-weight: 600; }
.legend span { display: inline-block; padding: 0 .4rem; margin-inline-end: .6rem; border: 1px solid var(--line); }
.finding { border: 1px solid var(--line); border-inline-start: 6px solid var(--bad); border-radius: 4px; padding: 1rem; margin: 1rem 0; }
.finding.warning { border-inline-start-color: #b7791f; } .finding.info { border-inline-start-color: #2b6cb0; }
.sev { text-transform: uppercase; font-size: .8rem; letter-spacing: .05em; padding: .1rem .4rem; border-radius: 3px; background: var(--badbg); color: var(--bad); }
.warning .sev { background: var(--warnbg); color: var(--warn); } .info .sev { background: #e6effa; color: #1e4e8c; }
.rule { color: var(--muted); font-size: .9rem; } code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; margin: .75rem 0; }
.side { border: 1px solid var(--line); border-radius: 4px; padding: .75rem; }
.side.majority { background: #f7fbf8; } .side.minority { background: #fff8f8; }
.evidence { margin: 0 0 .75rem; } .evidence figcaption { font-size: .85rem; color: var(--muted); }
blockquote { margin: .25rem 0 0; padding: .5rem .75rem; background: #fafafa; border-inline-start: 3px solid var(--line); }
blockquote[dir="rtl"] { font-family: "Noto Naskh Arabic", "Amiri", "Scheherazade New", "Geeza Pro", "Traditional Arabic", "Arial", sans-serif; font-size: 1.15rem; }
mark { background: var(--mark); color: #000; padding: 0 .1rem; font-weight: 700; }
.notes { margin: .5rem 0 0; padding-inline-start: 1.2rem; } .silent { color: var(--quiet); margin: .5rem 0 0; }
nav ol { padding-inline-start: 1.2rem; }
"#;

fn excerpt(ctx: &Context<'_>, e: &Evidence) -> (String, bool) {
    let Some(src) = ctx.source(e.report) else {
        return (String::new(), false);
    };
    let (start, end) = (e.span.start, e.span.end);
    let (before, inside, after) = match src.lines_around(start, end) {
        Some((at, line)) => (
            line.get(..start - at).unwrap_or(""),
            line.get(start - at..end - at).unwrap_or(""),
            line.get(end - at..).unwrap_or(""),
        ),
        None => ("", "", ""),
    };
    let (before, after) = crate::render::window(before, after, 120, "…");
    let rtl = inside.chars().chain(before.chars()).any(is_rtl_char);
    (
        format!(
            "{}<mark>{}</mark>{}",
            escape(before.trim_end_matches('\r')),
            escape(inside),
            escape(after.trim_end_matches('\r'))
        ),
        rtl,
    )
}

fn lang_attr(ctx: &Context<'_>, report: usize) -> &'static str {
    match ctx.source(report).map(|s| s.lang) {
        Some(crate::source::Lang::Ar) => "ar",
        Some(crate::source::Lang::Fr) => "fr",
        _ => "en",
    }
}

/// Past this many reports, the page counts the values instead of drawing a
/// row per report.
const MATRIX_MAX_REPORTS: usize = 300;

/// For large runs: each compared slot, each value stated, how many reports
/// state it, and how many are silent.
fn value_counts(
    ctx: &Context<'_>,
    facts: &[&SourceFacts],
    slots: &[(usize, usize)],
    out: &mut String,
) {
    out.push_str("<section aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">What the reports state</h2>\n<table>\n");
    let _ = writeln!(
        out,
        "<caption>{} reports: for each compared slot, each value stated and how many reports state it.</caption>",
        facts.len()
    );
    out.push_str("<thead><tr><th scope=\"col\">Slot</th><th scope=\"col\">Value</th><th scope=\"col\">Reports</th></tr></thead>\n<tbody>\n");
    for &(e, s) in slots {
        let ev = ctx.rules.events.get(e);
        let slot = ev.and_then(|x| x.slots.get(s));
        let name = format!(
            "{}.{}",
            ev.map_or("?", |x| x.name.as_str()),
            slot.map_or("?", |x| x.name.as_str())
        );
        let mut counts: std::collections::BTreeMap<String, usize> =
            std::collections::BTreeMap::new();
        let mut silent = 0;
        for f in facts {
            match (f.get(e, s), slot) {
                (Some(st), Some(sl)) => {
                    *counts
                        .entry(super::wording::stated(
                            ctx.rules,
                            &st.value,
                            sl.ty == crate::rules::SlotType::Ordinal,
                        ))
                        .or_default() += 1
                }
                _ => silent += 1,
            }
        }
        let mut rows: Vec<(String, usize)> = counts.into_iter().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let many = rows.len() > 1;
        for (i, (value, n)) in rows.iter().enumerate() {
            let class = if !many || i == 0 { "agree" } else { "disagree" };
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\"><code>{}</code></th><td class=\"{class}\">{}</td><td>{n}</td></tr>",
                escape(&name),
                escape(value)
            );
        }
        if silent > 0 {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\"><code>{}</code></th><td class=\"silent\">silent</td><td>{silent}</td></tr>",
                escape(&name)
            );
        }
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// What each report states for each slot that a rule compares.
/// How each changing figure moved: one table per figure and authority.
fn timelines(ctx: &Context<'_>, out: &mut String) {
    let lines = ctx.timeline_lines();
    if lines.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"series-h\">\n<h2 id=\"series-h\">How the figures changed</h2>\n");
    for (head, rows) in lines {
        let _ = write!(
            out,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">For</th><th scope=\"col\">Figure</th><th scope=\"col\">Reports</th></tr></thead>\n<tbody>\n",
            escape(&head)
        );
        for (when, value, who) in rows {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&when),
                escape(&value),
                escape(&who)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn matrix(ctx: &Context<'_>, facts: &[&SourceFacts], out: &mut String) {
    let mut slots: Vec<(usize, usize)> = Vec::new();
    for r in &ctx.rules.rules {
        let s = match r.kind {
            RuleKind::Agree { event, slot, .. } | RuleKind::Expect { event, slot, .. } => {
                (event, slot)
            }
            _ => continue,
        };
        if !slots.contains(&s) {
            slots.push(s);
        }
    }
    if slots.is_empty() || facts.len() != ctx.sources.len() {
        return;
    }
    if facts.len() > MATRIX_MAX_REPORTS {
        value_counts(ctx, facts, &slots, out);
        return;
    }
    let path = |(e, s): (usize, usize)| -> (String, String) {
        let ev = ctx.rules.events.get(e);
        let name = ev.map_or("?", |x| x.name.as_str());
        let slot = ev.and_then(|x| x.slots.get(s));
        (
            format!("{name}.{}", slot.map_or("?", |x| x.name.as_str())),
            String::new(),
        )
    };
    out.push_str("<section aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">What each report states</h2>\n<table>\n");
    out.push_str("<caption>One row per report, one column per compared slot. Green: agrees with the other reports; red: disagrees; grey: silent; amber: reports evenly split.</caption>\n<thead><tr><th scope=\"col\">Report</th>");
    for s in &slots {
        let _ = write!(
            out,
            "<th scope=\"col\"><code>{}</code></th>",
            escape(&path(*s).0)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (rid, f) in facts.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th>",
            escape(ctx.source(rid).map_or("?", |s| &*s.name))
        );
        for &(e, s) in &slots {
            let Some(st) = f.get(e, s) else {
                out.push_str("<td class=\"silent\">— <span class=\"visually\">silent</span></td>");
                continue;
            };
            let ty = ctx
                .rules
                .events
                .get(e)
                .and_then(|x| x.slots.get(s))
                .map(|x| x.ty.clone());
            let value = ty.map_or_else(
                || st.value.normalized(ctx.rules),
                |t| {
                    super::wording::stated(
                        ctx.rules,
                        &st.value,
                        t == crate::rules::SlotType::Ordinal,
                    )
                },
            );
            // The finding on this slot, if any, says which side the report is on.
            let side = ctx
                .findings
                .iter()
                .filter(|x| {
                    x.slot.is_some_and(|at| at.event == e && at.slot == s)
                        && x.kind() == FindingKind::Disagreement
                })
                .flat_map(|x| x.sides.iter().map(move |sd| (x, sd)))
                .find(|(_, sd)| sd.evidence.iter().any(|ev| ev.report == rid));
            let class = match side {
                None => "agree",
                Some((x, _)) if !x.sides.iter().any(|y| y.majority) => "split",
                Some((_, sd)) if sd.majority => "agree",
                Some(_) => "disagree",
            };
            let weak = if st.evidence.fallback {
                " <small>(document scope only)</small>"
            } else {
                ""
            };
            let _ = write!(out, "<td class=\"{class}\">{}{weak}</td>", escape(&value));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn finding(ctx: &Context<'_>, n: usize, f: &Finding, out: &mut String) {
    let sev = f.severity.as_str();
    let w = ctx.wording(f);
    let _ = write!(
        out,
        "<article class=\"finding {sev}\" id=\"finding-{n}\" aria-labelledby=\"finding-{n}-h\">\n<h3 id=\"finding-{n}-h\"><span class=\"sev\">{sev}</span> {}</h3>\n",
        escape_mixed(&w.message)
    );
    let rule_text = ctx
        .rules
        .rules
        .iter()
        .find(|r| r.id == f.rule)
        .map(|r| r.text.trim().to_string());
    let _ = write!(
        out,
        "<p class=\"rule\">Rule <code>{}</code>",
        escape(&f.rule)
    );
    if let Some(t) = rule_text {
        let _ = write!(out, ": <code>{}</code>", escape(&t));
    }
    out.push_str("</p>\n");
    if let Some(h) = &w.help {
        let _ = writeln!(out, "<p class=\"help\">{}</p>", escape_mixed(h));
    }
    out.push_str("<div class=\"sides\">\n");
    let total: usize = f.sides.iter().map(|s| super::side_reports(s).len()).sum();
    let mut order: Vec<&crate::engine::Side> = f.sides.iter().filter(|s| !s.majority).collect();
    order.extend(f.sides.iter().filter(|s| s.majority));
    for side in order {
        let class = if side.majority {
            "majority"
        } else {
            "minority"
        };
        let count = if f.kind() == FindingKind::Disagreement {
            format!(
                " <span class=\"count\">({} of {total} reports)</span>",
                super::side_reports(side).len()
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<section class=\"side {class}\">\n<h4>{}{count}</h4>\n",
            escape(&ctx.value(&side.value))
        );
        let all = super::side_reports(side);
        for e in super::shown_evidence(side, 10) {
            let (html, rtl) = excerpt(ctx, e);
            let pos = ctx.position(e.report, e.span.start);
            let mut caption = escape(ctx.source(e.report).map_or("?", |s| &*s.name));
            if let Some(p) = pos {
                let _ = write!(caption, " · line {}, column {}", p.line, p.column);
            }
            if let Some(role) = &e.role {
                let _ = write!(
                    caption,
                    " · {}",
                    escape(&super::wording::role(ctx.rules, role))
                );
            }
            if let Some(scope) = e.scope {
                if e.fallback {
                    let _ = write!(
                        caption,
                        " · found at {} scope only (weaker evidence)",
                        scope.as_str()
                    );
                } else {
                    let _ = write!(caption, " · found in the trigger's {}", scope.as_str());
                }
            }
            let _ = write!(caption, " · via {}", escape_mixed(&e.via));
            let dir = if rtl { "rtl" } else { "ltr" };
            let _ = writeln!(
                out,
                "<figure class=\"evidence\"><figcaption>{caption}</figcaption><blockquote dir=\"{dir}\" lang=\"{}\">{html}</blockquote></figure>",
                lang_attr(ctx, e.report)
            );
        }
        if all.len() > 10 {
            let rest: Vec<String> = all
                .iter()
                .skip(10)
                .take(50)
                .map(|&r| escape(ctx.source(r).map_or("?", |s| &*s.name)))
                .collect();
            let more = all.len().saturating_sub(60);
            let _ = writeln!(
                out,
                "<p class=\"more\">Also stated by {} more report(s): {}{}</p>",
                all.len() - 10,
                rest.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
        }
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
    if !w.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for note in &w.notes {
            let _ = writeln!(out, "<li>{}</li>", escape_mixed(note));
        }
        out.push_str("</ul>\n");
    }
    if let Some(d) = ctx.decision(f) {
        let status = match d.status {
            crate::baseline::ReviewStatus::Confirmed => "Confirmed",
            crate::baseline::ReviewStatus::FollowUp => "Marked for follow-up",
        };
        let mut line = status.to_string();
        if let Some(r) = &d.reviewer {
            line.push_str(&format!(" by {}", escape(r)));
        }
        if let Some(date) = &d.date {
            line.push_str(&format!(" on {}", escape(date)));
        }
        if let Some(n) = &d.note {
            line.push_str(&format!(": {}", escape_mixed(n)));
        }
        let _ = writeln!(out, "<p class=\"decision\">Review: {line}</p>");
    }
    if !f.silent.is_empty() {
        let names: Vec<String> = f
            .silent
            .iter()
            .map(|r| escape(ctx.source(r).map_or("?", |s| &*s.name)))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"silent\">Silent on this (state nothing): {}</p>",
            names.join(", ")
        );
    }
    out.push_str("</article>\n");
}

/// Most reports listed by name, outlet, title and date; an archive's page
/// says how many more.
const MAX_LISTED_REPORTS: usize = 200;

/// The reports compared, with what their front matter says of them.
fn reports(ctx: &Context<'_>, out: &mut String) {
    if ctx.sources.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"reports-h\">\n<h2 id=\"reports-h\">Reports</h2>\n<table>\n<thead><tr><th scope=\"col\">report</th><th scope=\"col\">outlet</th><th scope=\"col\">title</th><th scope=\"col\">date</th></tr></thead>\n<tbody>\n");
    for (i, s) in ctx.sources.iter().enumerate().take(MAX_LISTED_REPORTS) {
        let title = s.meta.title.as_deref().map_or(String::new(), escape_mixed);
        // Only http(s) links are made: a front matter is the report's own text.
        let title = match s.meta.url.as_deref() {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                let shown = if title.is_empty() { escape(u) } else { title };
                format!("<a href=\"{}\">{shown}</a>", escape(u))
            }
            _ => title,
        };
        let _ = writeln!(
            out,
            "<tr><td><code title=\"{}\">{}</code></td><td lang=\"{}\" dir=\"auto\">{}</td><td lang=\"{}\" dir=\"auto\">{}</td><td>{}</td></tr>",
            escape(&s.name),
            escape(ctx.short(i)),
            lang_attr(ctx, i),
            s.meta.outlet.as_deref().map_or(String::new(), escape_mixed),
            lang_attr(ctx, i),
            title,
            s.meta.date.map_or(String::new(), |d| d.iso())
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if ctx.sources.len() > MAX_LISTED_REPORTS {
        let _ = writeln!(
            out,
            "<p class=\"more\">and {} more report(s)</p>",
            ctx.sources.len() - MAX_LISTED_REPORTS
        );
    }
    out.push_str("</section>\n");
}

pub fn render(ctx: &Context<'_>, facts: &[&SourceFacts]) -> String {
    let title = ctx
        .rules
        .title
        .clone()
        .unwrap_or_else(|| ctx.rules.file.clone());
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>factlint: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#findings\">Skip to the findings</a>\n<header>\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n</header>\n<main>\n",
        escape(&title),
        escape(&title),
        escape(super::human::summary(ctx).trim())
    );
    matrix(ctx, facts, &mut out);
    timelines(ctx, &mut out);
    let apart = ctx.set_apart_lines();
    if !apart.is_empty() {
        out.push_str(
            "<section aria-labelledby=\"apart-h\">\n<h2 id=\"apart-h\">Not compared</h2>\n<ul>\n",
        );
        for (report, event, why) in apart {
            let _ = writeln!(
                out,
                "<li><code>{}</code> on <code>{}</code>: {}</li>",
                escape(&report),
                escape(&event),
                escape(&why)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    reports(ctx, &mut out);
    out.push_str("<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings</h2>\n");
    if ctx.findings.is_empty() {
        out.push_str("<p>No finding: the reports agree on everything the rules compare.</p>\n");
    } else {
        out.push_str("<nav aria-label=\"Findings\"><ol>\n");
        for (n, f) in ctx.findings.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li><a href=\"#finding-{}\"><code>{}</code>: {}</a></li>",
                n + 1,
                escape(&f.rule),
                escape(&ctx.wording(f).message)
            );
        }
        out.push_str("</ol></nav>\n");
        for (n, f) in ctx.findings.iter().enumerate() {
            finding(ctx, n + 1, f, &mut out);
        }
    }
    out.push_str("</section>\n");
    if !ctx.problems.is_empty() {
        out.push_str("<section aria-labelledby=\"problems-h\">\n<h2 id=\"problems-h\">Reports that could not be read</h2>\n<ul>\n");
        for p in ctx.problems {
            let _ = writeln!(
                out,
                "<li><code>{}</code> {}: {}</li>",
                escape(&p.code),
                escape(&p.report),
                escape(&p.message)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"
        );
    }
}
