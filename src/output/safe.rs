//! The output-safety layer: every text factlint writes goes through it, so
//! that nothing a report, a file name, a rule file or a baseline says can
//! act on the reader — a terminal, a CI log, a published page.
//!
//! Each context has its own escape:
//! - [`terminal`]: the human output and standard error. Control characters
//!   (C0 but newline and tab, DEL, C1), bidi controls and every escape
//!   sequence but factlint's own colours are shown as `⟨U+001B⟩`; a line
//!   that would start with `::` (a GitHub Actions workflow command, which
//!   the runner obeys after leading spaces) has its first colon shown as
//!   `⟨U+003A⟩`.
//! - [`github`]: workflow commands. User text inside them is already
//!   percent-escaped (`%0A`), so it cannot start a line; controls and bidi
//!   controls are shown as code points.
//! - [`markdown`]: table cells of the step summary: ASCII punctuation is
//!   backslash-escaped, so no `<script>`, link, image or `|` takes effect.
//! - [`json`]: JSON, JSON lines, SARIF: U+2028, U+2029, C1 and bidi
//!   controls are written as `\u2028` … (serde_json already escapes C0),
//!   so a consumer splitting on line separators never cuts a line, and a
//!   viewer never reorders text.
//! - [`xml`] and HTML: markup has no control characters, so every control
//!   and bidi control in the text is shown as a code point (XML 1.0 forbids
//!   most of them; in a page they could reorder what a reader sees).
//!
//! JSON-LD for `<script>` embedding is escaped further by
//! `claimreview::script_safe`.

use std::fmt::Write as _;

/// A character a reader must see as a code point, not receive.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || crate::render::is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

fn show(out: &mut String, c: char) {
    let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
}

/// Is `rest` (after an ESC) one of factlint's own colour sequences
/// (`[1;31m`, `[0m`)? Returns its length.
fn own_colour(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('[')?;
    let end = body.find('m')?;
    let params = body.get(..end)?;
    (params.len() <= 8 && params.bytes().all(|b| b.is_ascii_digit() || b == b';'))
        .then_some(end + 2)
}

/// For a terminal or a CI log. `colour`: keep colour sequences (only `ESC
/// [ digits ; m`, which change colours and nothing else).
pub fn terminal(text: &str, colour: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or("");
        if c == '\u{1b}'
            && colour
            && let Some(n) = own_colour(after)
        {
            out.push(c);
            out.push_str(after.get(..n).unwrap_or(""));
            rest = after.get(n..).unwrap_or("");
            continue;
        }
        if hidden(c) {
            show(&mut out, c);
        } else {
            out.push(c);
        }
        rest = after;
    }
    no_commands(&out)
}

/// Lines starting (after white space or colour codes) with `::` get their
/// first colon shown as a code point: a log would run them as commands.
fn no_commands(text: &str) -> String {
    if !text.contains("::") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let lead = line.len() - line.trim_start().len();
        let body = line.get(lead..).unwrap_or("");
        // Colour codes before the text do not hide a command from a log.
        let mut skip = 0;
        let mut probe = body;
        while let Some(after) = probe.strip_prefix('\u{1b}') {
            match own_colour(after) {
                Some(n) => {
                    skip += 1 + n;
                    probe = after.get(n..).unwrap_or("");
                }
                None => break,
            }
        }
        if probe.trim_start().starts_with("::") {
            let at = lead + skip + (probe.len() - probe.trim_start().len());
            out.push_str(line.get(..at).unwrap_or(""));
            out.push_str("⟨U+003A⟩");
            out.push_str(line.get(at + 1..).unwrap_or(""));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// For `--format github`: controls and bidi controls shown. The lines are
/// factlint's own: user text inside a command is percent-escaped (`%0A`),
/// and the one line outside commands (the summary) is made one line first.
pub fn github(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            show(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// One cell (or line) of Markdown: ASCII punctuation backslash-escaped,
/// line breaks as spaces, controls shown.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if hidden(c) => show(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// JSON text: line separators, C1 and bidi controls escaped as `\uXXXX` (they
/// can only occur inside strings, where the escape means the same).
pub fn json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\u{2028}' | '\u{2029}' | '\u{80}'..='\u{9f}')
            || crate::render::is_bidi_control(c)
        {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// XML or HTML text: every control but newline and tab, and every bidi
/// control, shown as a code point (markup itself holds none); no line
/// starts a workflow command, should the file be printed in a CI log.
pub fn xml(text: &str) -> String {
    // Also no line a log would run, should the file be printed in one.
    no_commands(&github(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_shows_controls_and_keeps_own_colours() {
        let hostile = "a\u{1b}[2Jb\u{1b}]8;;http://x\u{7}c\u{9b}d\u{202e}e\u{85}";
        let t = terminal(hostile, true);
        assert!(!t.contains('\u{1b}') && !t.contains('\u{7}') && !t.contains('\u{9b}'));
        assert!(t.contains("⟨U+001B⟩[2J") && t.contains("⟨U+202E⟩"));
        let coloured = "\u{1b}[1;31merror\u{1b}[0m: x";
        assert_eq!(terminal(coloured, true), coloured);
        assert!(!terminal(coloured, false).contains('\u{1b}'));
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        let t = terminal(
            "ok\n  ::error title=x::y\n\u{1b}[1m::set-env\u{1b}[0m\nx::y",
            true,
        );
        for line in t.lines() {
            let plain = line.replace("\u{1b}[1m", "");
            assert!(!plain.trim_start().starts_with("::"), "{line}");
        }
        assert!(t.contains("x::y"));
    }

    #[test]
    fn markdown_and_json_escapes() {
        assert_eq!(
            markdown("<img src=x>|[a](b)\n"),
            "\\<img src\\=x\\>\\|\\[a\\]\\(b\\) "
        );
        assert_eq!(json("a\u{2028}b\u{85}"), "a\\u2028b\\u0085");
        assert_eq!(xml("a\u{1b}b"), "a⟨U+001B⟩b");
    }
}
