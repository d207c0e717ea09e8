//! Byte spans into an original file, and the line index that turns a byte
//! offset into the 1-based line and character column a person reads.

use serde::Serialize;

/// A half-open byte range `start..end` in an original file.
///
/// INVARIANT: `start <= end`, and both lie on char boundaries of the text
/// they index (checked by the property tests of `text::normalize`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default, serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: start.min(end),
            end: end.max(start),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Distance in bytes between two spans (0 when they overlap or touch).
    pub fn distance(self, other: Span) -> usize {
        other
            .start
            .saturating_sub(self.end)
            .max(self.start.saturating_sub(other.end))
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        miette::SourceSpan::new(s.start.into(), s.len())
    }
}

/// Where a byte offset sits for a person: 1-based line, 1-based character
/// column (Unicode scalar values, not bytes), and the UTF-16 column editors use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub utf16_column: usize,
}

/// Start offsets of every line of a text, and checkpoints inside long
/// lines, so that a position is found in time bounded by the checkpoint
/// spacing, not by the length of the line (a report that is one 10 MB
/// line stays linear).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters, UTF-16 units)` from the start of its
    /// line, every [`CHECKPOINT`] bytes or so inside a line.
    marks: Vec<(usize, usize, usize)>,
}

/// Bytes between checkpoints inside a line.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r`. A byte order mark is
    /// not a character of the first line: columns on line 1 count from
    /// after it, as editors show them.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![if text.starts_with('\u{FEFF}') { 3 } else { 0 }];
        let mut marks = Vec::new();
        let bytes = text.as_bytes();
        let (mut next_mark, mut chars, mut units) = (CHECKPOINT, 0usize, 0usize);
        for (i, &b) in bytes.iter().enumerate() {
            let leads = b & 0xC0 != 0x80;
            if leads && i >= next_mark {
                marks.push((i, chars, units));
                next_mark = i + CHECKPOINT;
            }
            if leads {
                chars += 1;
                units += if b >= 0xF0 { 2 } else { 1 };
            }
            let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends {
                starts.push(i + 1);
                next_mark = i + 1 + CHECKPOINT;
                chars = 0;
                units = 0;
            }
        }
        Self { starts, marks }
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0)
    }

    /// How many lines (a text without a line break has one).
    pub fn len(&self) -> usize {
        self.starts.len().max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.line_of(offset);
        let start = self.line_start(line);
        // The nearest checkpoint of this line at or before the offset.
        let at = self.marks.partition_point(|m| m.0 <= offset);
        let (from, chars, units) = match at.checked_sub(1).and_then(|i| self.marks.get(i)) {
            Some(&(b, c, u)) if b >= start => (b, c, u),
            _ => (start, 0, 0),
        };
        let before = text.get(from..offset).unwrap_or("");
        Position {
            line: line + 1,
            column: chars + before.chars().count() + 1,
            utf16_column: units + before.encode_utf16().count() + 1,
        }
    }
}

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{FEFF}في موسكو\nموسكو";
        let idx = LineIndex::new(text);
        let off = text.find("موسكو").unwrap();
        let p = idx.position(text, off);
        assert_eq!((p.line, p.column, p.utf16_column), (1, 4, 4));
        assert_eq!(idx.position(text, 0).column, 1);
        let second = text.rfind("موسكو").unwrap();
        assert_eq!(
            (
                idx.position(text, second).line,
                idx.position(text, second).column
            ),
            (2, 1)
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "x\nفي موسكو";
        let idx = LineIndex::new(text);
        let off = text.find("موسكو").unwrap();
        let p = idx.position(text, off);
        assert_eq!((p.line, p.column), (2, 4));
    }

    #[test]
    fn long_lines_give_the_same_positions_with_checkpoints() {
        let line: String = "أ😀b ".repeat(5000);
        let text = format!("x\n{line}\n{line}");
        let idx = LineIndex::new(&text);
        for off in (0..text.len())
            .step_by(997)
            .filter(|&o| text.is_char_boundary(o))
        {
            let line = idx.line_of(off);
            let start = idx.line_start(line);
            let before = &text[start..off];
            let p = idx.position(&text, off);
            assert_eq!(p.column, before.chars().count() + 1, "{off}");
            assert_eq!(p.utf16_column, before.encode_utf16().count() + 1, "{off}");
        }
    }
}
