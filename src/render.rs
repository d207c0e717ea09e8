//! The human renderer: a miette [`ReportHandler`] that draws any
//! [`Diagnostic`] (rule-file errors and findings alike) so that it stays
//! readable over Arabic text.
//!
//! Terminals do not lay out right-to-left text reliably, so:
//! - each label gets a short excerpt of its line, with the labelled words
//!   marked inside it (colour on a terminal, `⟦ ⟧` without colour);
//! - caret rows are drawn only under lines that hold no right-to-left text;
//! - every label gets its own line of text under the excerpt;
//! - bidi control characters found in the input are shown as `⟨U+202E⟩`,
//!   never passed to the terminal;
//! - line and column are 1-based characters, computed here (miette's own
//!   header would print a byte column).
//!
//! Related diagnostics are drawn as further source blocks of the same
//! diagnostic: a conflict between reports is one diagnostic with a block per
//! report.

use std::fmt::{self, Write as _};

use miette::{Diagnostic, LabeledSpan, ReportHandler, Severity, SourceCode};
use unicode_width::UnicodeWidthStr;

use crate::source::Lines;

/// How the human output looks. Decided once per run and handed to every
/// renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// Maximum characters of context shown on each side of a label.
    pub context_chars: usize,
}

impl Style {
    pub fn plain() -> Self {
        Self {
            color: false,
            context_chars: 32,
        }
    }

    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// A text to draw diagnostics over, with its line index: miette's own
/// sources find a span's lines by scanning from the start of the text, so a
/// file with many diagnostics (a rule file with an error on every line) or
/// a long report cost the square of their size. Here a span's lines are
/// found by binary search.
#[derive(Debug, Clone)]
pub struct Indexed {
    pub name: std::sync::Arc<str>,
    pub text: std::sync::Arc<str>,
    /// The text's line index, or (of a long report, `text` then empty) the
    /// lines quoted.
    pub lines: std::sync::Arc<Lines>,
}

impl Indexed {
    pub fn new(name: impl Into<std::sync::Arc<str>>, text: std::sync::Arc<str>) -> Self {
        let lines = std::sync::Arc::new(Lines::Index(crate::span::LineIndex::new(&text)));
        Self {
            name: name.into(),
            text,
            lines,
        }
    }

    /// The text's length and its number of lines.
    fn size(&self) -> (usize, usize) {
        match &*self.lines {
            Lines::Quoted(q) => (q.len, q.lines),
            Lines::Index(index) => (self.text.len(), index.len()),
        }
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        match &*self.lines {
            Lines::Quoted(q) => q.line_of(offset),
            Lines::Index(index) => Some(index.line_of(offset)),
        }
    }

    fn line_start(&self, line: usize) -> Option<usize> {
        match &*self.lines {
            Lines::Quoted(q) => q.line_start(line),
            Lines::Index(index) => Some(index.line_start(line)),
        }
    }

    fn get(&self, from: usize, to: usize) -> Option<&str> {
        match &*self.lines {
            Lines::Quoted(q) => q.get(from, to),
            Lines::Index(_) => self.text.get(from..to),
        }
    }

    /// The lines of a span with `before` and `after` more (from the first
    /// one's start to the next line's start): their first and last line
    /// (0-based), where they start, their text.
    fn lines_of(
        &self,
        offset: usize,
        end_offset: usize,
        before: usize,
        after: usize,
    ) -> Option<(usize, usize, usize, &str)> {
        let (len, count) = self.size();
        let first = self.line_of(offset.min(len))?.saturating_sub(before);
        let last = (self.line_of(end_offset.min(len))? + after).min(count.saturating_sub(1));
        let start = self.line_start(first)?;
        let end = if last + 1 < count {
            self.line_start(last + 1)?
        } else {
            len
        };
        Some((first, last, start, self.get(start, end)?))
    }
}

impl SourceCode for Indexed {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let (first, last, start, data) = self
            .lines_of(span.offset(), span.offset() + span.len(), before, after)
            .ok_or(miette::MietteError::OutOfBounds)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            data.as_bytes(),
            miette::SourceSpan::new(start.into(), data.len()),
            first,
            0,
            last - first + 1,
        )))
    }
}

/// The handler itself; `Renderer::render` returns a string.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    pub style: Style,
}

impl ReportHandler for Renderer {
    fn debug(&self, diagnostic: &dyn Diagnostic, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(diagnostic))
    }
}

pub fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Makes text safe to print: bidi controls become visible escapes, other
/// control characters (but tab) become spaces.
pub fn neutralise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_bidi_control(c) {
            let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
        } else if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The end of `before` and the start of `after`, at most `context`
/// characters each, `ellipsis` marking what was cut. A cut falls on a word
/// boundary (Unicode word segmentation), never inside a word: a cut word
/// can read as another word (`…ماية` from حماية).
pub fn window(before: &str, after: &str, context: usize, ellipsis: &str) -> (String, String) {
    use unicode_segmentation::UnicodeSegmentation;
    let n = before.chars().count();
    let before = if n > context {
        let cut = before
            .char_indices()
            .nth(n - context)
            .map_or(before.len(), |(i, _)| i);
        let start = before
            .split_word_bound_indices()
            .map(|(i, _)| i)
            .find(|&i| i >= cut)
            .unwrap_or(before.len());
        format!(
            "{ellipsis}{}",
            before.get(start..).unwrap_or_default().trim_start()
        )
    } else {
        before.to_string()
    };
    let after = if after.chars().count() > context {
        let cut = after
            .char_indices()
            .nth(context)
            .map_or(after.len(), |(i, _)| i);
        let end = after
            .split_word_bound_indices()
            .map(|(i, _)| i)
            .take_while(|&i| i <= cut)
            .last()
            .filter(|&i| i > 0)
            .unwrap_or_else(|| {
                // One word longer than the window: cut between graphemes.
                after
                    .grapheme_indices(true)
                    .map(|(i, _)| i)
                    .take_while(|&i| i <= cut)
                    .last()
                    .unwrap_or(0)
            });
        format!(
            "{}{ellipsis}",
            after.get(..end).unwrap_or_default().trim_end()
        )
    } else {
        after.to_string()
    };
    (before, after)
}

/// One label resolved against its source.
struct Placed {
    name: String,
    line: usize,
    column: usize,
    before: String,
    inside: String,
    after: String,
    label: Option<String>,
}

fn place(src: &dyn SourceCode, label: &LabeledSpan, context: usize) -> Option<Placed> {
    // One line of context either side guarantees the whole line of the label
    // is in the returned data; the line holding the label is then found here.
    let contents = src.read_span(label.inner(), 1, 1).ok()?;
    let data = std::str::from_utf8(contents.data()).ok()?;
    let base = contents.span().offset();
    let rel = label.offset().checked_sub(base)?;
    let line_start = data.get(..rel)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = data.get(rel..)?.find('\n').map_or(data.len(), |i| rel + i);
    let skipped_lines = data.get(..line_start)?.matches('\n').count();
    let line_text = data.get(line_start..line_end)?.trim_end_matches('\r');
    let start = (rel - line_start).min(line_text.len());
    let end = (start + label.len()).min(line_text.len()).max(start);
    let before_all = line_text.get(..start)?;
    let inside = line_text.get(start..end)?;
    let after_all = line_text.get(end..)?;
    let column = before_all.chars().count() + 1;
    let (before, after) = window(before_all, after_all, context, "…");
    Some(Placed {
        name: contents.name().unwrap_or("<input>").to_string(),
        line: contents.line() + skipped_lines + 1,
        column,
        before: neutralise(&before),
        inside: neutralise(inside),
        after: neutralise(&after),
        label: label.label().map(neutralise),
    })
}

impl Renderer {
    pub fn new(style: Style) -> Self {
        Self { style }
    }

    pub fn render(&self, d: &dyn Diagnostic) -> String {
        let mut out = String::new();
        let (word, colour) = match d.severity().unwrap_or(Severity::Error) {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
            Severity::Advice => ("info", "1;34"),
        };
        let code = d.code().map(|c| format!("[{c}]")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{}: {}",
            self.style.paint(colour, &format!("{word}{code}")),
            self.style.paint("1", &neutralise(&d.to_string()))
        );
        self.blocks(d, &mut out);
        if let Some(related) = d.related() {
            for r in related {
                self.blocks(r, &mut out);
            }
        }
        // Help text: lines starting `note: ` are notes, the others help.
        if let Some(help) = d.help() {
            let mut first_help = true;
            for line in help.to_string().lines() {
                if let Some(note) = line.strip_prefix("note: ") {
                    let _ = writeln!(
                        out,
                        "  {}: {}",
                        self.style.paint("1;34", "note"),
                        neutralise(note)
                    );
                } else if first_help {
                    let _ = writeln!(
                        out,
                        "  {}: {}",
                        self.style.paint("1;36", "help"),
                        neutralise(line)
                    );
                    first_help = false;
                } else {
                    let _ = writeln!(out, "        {}", neutralise(line));
                }
            }
        }
        out
    }

    fn blocks(&self, d: &dyn Diagnostic, out: &mut String) {
        let Some(src) = d.source_code() else { return };
        let Some(labels) = d.labels() else { return };
        let placed: Vec<Placed> = labels
            .filter_map(|l| place(src, &l, self.style.context_chars))
            .collect();
        let Some(first) = placed.first() else { return };
        let gutter = placed
            .iter()
            .map(|p| p.line.to_string().len())
            .max()
            .unwrap_or(1);
        let pad = " ".repeat(gutter);
        let _ = writeln!(
            out,
            "{pad} ╭─[{}:{}:{}]",
            neutralise(&first.name),
            first.line,
            first.column
        );
        for p in &placed {
            let rtl = p
                .before
                .chars()
                .chain(p.inside.chars())
                .chain(p.after.chars())
                .any(is_rtl_char);
            let marked = if self.style.color {
                format!(
                    "{}{}{}",
                    p.before,
                    self.style.paint("1;35", &p.inside),
                    p.after
                )
            } else if rtl || p.inside.is_empty() {
                format!("{}⟦{}⟧{}", p.before, p.inside, p.after)
            } else {
                format!("{}{}{}", p.before, p.inside, p.after)
            };
            let _ = writeln!(out, "{:>gutter$} │ {}", p.line, marked);
            let label = p.label.clone().unwrap_or_default();
            if rtl {
                let _ = writeln!(out, "{pad} │ {} {}", self.style.paint("1;35", "╰──"), label);
            } else {
                let lead = UnicodeWidthStr::width(p.before.as_str());
                let w = UnicodeWidthStr::width(p.inside.as_str()).max(1);
                let mid = w / 2;
                let bar: String = (0..w).map(|i| if i == mid { '┬' } else { '─' }).collect();
                let _ = writeln!(
                    out,
                    "{pad} │ {}{}",
                    " ".repeat(lead),
                    self.style.paint("1;35", &bar)
                );
                let _ = writeln!(
                    out,
                    "{pad} │ {}{} {}",
                    " ".repeat(lead + mid),
                    self.style.paint("1;35", "╰──"),
                    label
                );
            }
        }
        let _ = writeln!(out, "{pad} ╰─");
    }
}

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_bidi_controls() {
        assert_eq!(neutralise("a\u{202E}b"), "a⟨U+202E⟩b");
    }

    #[test]
    fn windows_never_cut_a_word() {
        // Cut by characters, these would read `…ماية`, `…f Abdellatif`, `Hammou…`.
        let (b, _) = window("من أجل حماية الأمن", "", 9, "…");
        assert_eq!(b, "…الأمن");
        let (b, a) = window(
            "the office of Abdellatif",
            "Hammouchi said on Monday",
            12,
            "…",
        );
        assert_eq!(b, "…Abdellatif");
        assert_eq!(a, "Hammouchi…");
        // Short texts are kept whole.
        assert_eq!(
            window("a b", "c d", 10, "…"),
            ("a b".to_string(), "c d".to_string())
        );
        // A word longer than the window is cut between graphemes.
        let (_, a) = window("", "Schifffahrtsgesellschaft", 5, "…");
        assert_eq!(a, "Schif…");
    }
}
