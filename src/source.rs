//! Stage "load": report bytes → [`SourceFile`], or an [`InputProblem`] with
//! its own code. Nothing is ever written back to a report.
//!
//! Accepted: UTF-8 with or without a byte order mark, UTF-16 (LE or BE) with
//! a byte order mark, any line endings (LF, CRLF, CR). For UTF-8 files, spans
//! are byte offsets into the file itself (a BOM is kept in the text, so
//! offsets do not shift); UTF-16 files are decoded first and spans index the
//! UTF-8 decoding, while every output gives offsets in the file's own bytes
//! ([`SourceFile::file_offset`]) and names the encoding.
//!
//! A report may open with a front-matter block (documented in the README):
//!
//! ```text
//! ---
//! title: Moscow hosts the 13th security meeting
//! outlet: Example Daily
//! date: 2025-05-29
//! language: ar
//! url: https://example.org/a/1
//! ---
//! ```

use serde::Serialize;

use std::sync::{Arc, OnceLock};

use crate::span::{LineIndex, Span};
use crate::value::Date;

/// Default largest report accepted: 64 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash, Default, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ar,
    En,
    Fr,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" | "ara" | "arabic" => Some(Lang::Ar),
            "en" | "eng" | "english" => Some(Lang::En),
            "fr" | "fra" | "fre" | "french" => Some(Lang::Fr),
            _ => None,
        }
    }
}

/// What the front matter says about a report.
#[derive(Debug, Clone, Default, Serialize, PartialEq, serde::Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<Date>,
    /// The time of day the report was published, in minutes after
    /// midnight (`time: 18:40`).
    pub time: Option<u16>,
    pub language: Option<Lang>,
    pub url: Option<String>,
    /// Expectations for `factlint test`: rule ids that must fire with
    /// evidence in this report, known gaps (should fire, do not yet), and
    /// rules that must stay quiet (`all`: every rule).
    pub expect: Vec<String>,
    pub gap: Vec<String>,
    pub quiet: Vec<String>,
}

impl Meta {
    /// The front matter behind a pointer; an empty one is the same
    /// allocation for every report.
    pub fn shared(meta: Meta) -> Arc<Meta> {
        static EMPTY: std::sync::LazyLock<Arc<Meta>> =
            std::sync::LazyLock::new(|| Arc::new(Meta::default()));
        if meta == Meta::default() {
            Arc::clone(&EMPTY)
        } else {
            Arc::new(meta)
        }
    }
}

/// How a report's file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    #[default]
    Utf8,
    Utf16le,
    Utf16be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16le => "utf-16le",
            Encoding::Utf16be => "utf-16be",
        }
    }
}

/// A report, decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Display name (the path as given).
    pub name: Box<str>,
    /// The decoded text, with its lines: nothing once the report is
    /// summarised (a pointer's room in each of a run's reports).
    pub text: Text,
    /// Shared: the reports without front matter (most of a big archive)
    /// all point at one empty `Meta`.
    pub meta: Arc<Meta>,
    /// Where the text after the front matter starts ([`SourceFile::body_start`]):
    /// four bytes, a front matter ending within a report's first 4 GiB.
    body_start: u32,
    /// The language used to read numbers: front matter, else detected.
    pub lang: Lang,
    /// The file's encoding: spans index the UTF-8 text, outputs give
    /// offsets in the file's own bytes ([`SourceFile::file_offset`]).
    pub encoding: Encoding,
    /// A hash of the file's bytes: a report read again to be quoted must be
    /// the one that was checked.
    pub digest: u64,
}

/// A report's text and, built the first time they are asked for, where its
/// lines start (a report whose claims are never quoted never needs them);
/// of a long report read again to be quoted, no text but the lines quoted.
/// Reads as the `str` it holds (empty when there is none).
#[derive(Debug, Clone, Default)]
pub struct Text(Option<Box<Body>>);

#[derive(Debug, Clone)]
struct Body {
    text: String,
    lines: OnceLock<Arc<Lines>>,
}

impl Text {
    pub fn as_str(&self) -> &str {
        self.0.as_ref().map_or("", |b| b.text.as_str())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Some(Box::new(Body {
            text,
            lines: OnceLock::new(),
        })))
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Where the lines of a report are found: an index of its whole text, or
/// the lines quoted of a long report.
#[derive(Debug)]
pub enum Lines {
    Index(LineIndex),
    Quoted(Quoted),
}

impl SourceFile {
    /// A report made of its parts (read back from a summary table).
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        name: impl Into<Box<str>>,
        text: String,
        meta: Meta,
        body_start: usize,
        lang: Lang,
        encoding: Encoding,
        digest: u64,
    ) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: Text::from(text),
            meta: Meta::shared(meta),
            // Past 4 GiB (a table's row that says so): past the text, as
            // the start it says would be.
            body_start: u32::try_from(body_start).unwrap_or(u32::MAX),
            lang,
            encoding,
            digest,
        }
    }

    /// Where the text after the front matter starts.
    pub fn body_start(&self) -> usize {
        self.body_start as usize
    }

    /// Where the text's lines start (built the first time it is asked), or
    /// the lines quoted.
    pub fn lines(&self) -> &Arc<Lines> {
        static NONE: OnceLock<Arc<Lines>> = OnceLock::new();
        match &self.text.0 {
            Some(body) => body
                .lines
                .get_or_init(|| Arc::new(Lines::Index(LineIndex::new(&body.text)))),
            None => NONE.get_or_init(|| Arc::new(Lines::Index(LineIndex::new("")))),
        }
    }

    /// The lines quoted, of a long report read again to be quoted.
    pub fn quoted(&self) -> Option<&Quoted> {
        let lines = self.text.0.as_ref().and_then(|b| b.lines.get());
        match lines.map(|l| &**l) {
            Some(Lines::Quoted(q)) => Some(q),
            _ => None,
        }
    }

    /// Keeps only the lines quoted of the report.
    pub fn set_quoted(&mut self, quoted: Quoted) {
        self.text = Text(Some(Box::new(Body {
            text: String::new(),
            lines: OnceLock::from(Arc::new(Lines::Quoted(quoted))),
        })));
    }

    /// The line and column of a byte offset into the text.
    pub fn position(&self, offset: usize) -> crate::span::Position {
        match &**self.lines() {
            Lines::Index(index) => index.position(&self.text, offset),
            // An offset outside the lines quoted (never one an output
            // quotes: every span it quotes has its lines read again).
            Lines::Quoted(q) => q.position(offset).unwrap_or(crate::span::Position {
                line: 0,
                column: 0,
                utf16_column: 0,
            }),
        }
    }

    /// The words of a span, when the text (or the lines quoted) holds them.
    pub fn words(&self, span: Span) -> Option<&str> {
        match self.quoted() {
            Some(q) => q.get(span.start, span.end),
            None => self.text.get(span.start..span.end),
        }
    }

    /// From the start of the line holding byte `from` to the end of the
    /// line holding byte `to` (lines cut at `\n`, the `\n` left out), with
    /// where it starts.
    pub fn lines_around(&self, from: usize, to: usize) -> Option<(usize, &str)> {
        let (base, text) = match self.quoted() {
            Some(q) => {
                let p = q.piece(from, to)?;
                (p.offset, p.text.as_str())
            }
            None => (0, self.text.as_str()),
        };
        let (a, b) = (from.checked_sub(base)?, to.checked_sub(base)?);
        let start = text.get(..a)?.rfind('\n').map_or(0, |i| i + 1);
        let end = text.get(b..)?.find('\n').map_or(text.len(), |i| b + i);
        Some((base + start, text.get(start..end)?))
    }

    /// Whether the text (or the lines quoted) is there.
    pub fn has_text(&self) -> bool {
        !self.text.is_empty() || self.quoted().is_some()
    }

    /// Forgets the text (and its line index) once the report is summarised.
    pub fn drop_text(&mut self) {
        self.text = Text::default();
    }

    /// The offset in the file's bytes of a byte offset into the text. The
    /// same for UTF-8 (the byte order mark is kept in the text); for UTF-16,
    /// the mark's two bytes plus two per code unit before it. Needs the
    /// text (reports are read again before their offsets are printed).
    pub fn file_offset(&self, text_offset: usize) -> usize {
        match self.encoding {
            Encoding::Utf8 => text_offset,
            Encoding::Utf16le | Encoding::Utf16be => {
                let before = self.text.get(..text_offset).unwrap_or(&self.text);
                2 + 2 * before.encode_utf16().count()
            }
        }
    }
}

/// The lines of a long report that an output quotes, read again from its
/// file (the report is not held whole): pieces of whole lines, each at its
/// offset in the text, with the number of the line it starts on. Lines end
/// at `\n` (a report with lines ended by a lone `\r` is read again whole).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quoted {
    /// The text's length, and how many lines it has.
    pub len: usize,
    pub lines: usize,
    /// The text opens with a byte order mark (not a column of line 1).
    pub bom: bool,
    /// In order, apart.
    pub pieces: Vec<Piece>,
}

/// Whole lines of a report's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Piece {
    pub offset: usize,
    /// The 0-based number of the line it starts with.
    pub line: usize,
    pub text: String,
}

impl Quoted {
    /// The piece holding bytes `from..to`.
    pub fn piece(&self, from: usize, to: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.offset <= from);
        let p = self.pieces.get(i.checked_sub(1)?)?;
        (to >= from && to <= p.offset + p.text.len()).then_some(p)
    }

    pub fn get(&self, from: usize, to: usize) -> Option<&str> {
        let p = self.piece(from, to)?;
        p.text.get(from - p.offset..to - p.offset)
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        let p = self.piece(offset, offset)?;
        let before = p.text.as_bytes().get(..offset - p.offset)?;
        Some(p.line + memchr::memchr_iter(b'\n', before).count())
    }

    /// Where a line starts (after the byte order mark on line 1), when a
    /// piece holds it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        if line == 0 && self.bom {
            return Some(3);
        }
        let i = self.pieces.partition_point(|p| p.line <= line);
        let p = self.pieces.get(i.checked_sub(1)?)?;
        if line == p.line {
            return Some(p.offset);
        }
        let nth = memchr::memchr_iter(b'\n', p.text.as_bytes()).nth(line - p.line - 1)?;
        Some(p.offset + nth + 1)
    }

    /// The line and column of a byte offset, as [`crate::span::LineIndex`]
    /// gives them.
    pub fn position(&self, offset: usize) -> Option<crate::span::Position> {
        let line = self.line_of(offset)?;
        let start = self.line_start(line)?;
        let before = self.get(start.min(offset), offset)?;
        Some(crate::span::Position {
            line: line + 1,
            column: before.chars().count() + 1,
            utf16_column: before.encode_utf16().count() + 1,
        })
    }
}

/// Why a report cannot be read. Each has its own code.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputProblem {
    /// a path that does not exist
    #[error("cannot read report: {reason}")]
    Unreadable { reason: String },
    /// a Windows-1256 file
    #[error("report is not valid UTF-8 or UTF-16 text (first invalid byte at offset {offset})")]
    NotText { offset: usize },
    /// a PNG file
    #[error("report looks binary (a NUL or control byte at offset {offset})")]
    Binary { offset: usize },
    /// a file of zero bytes
    #[error("report is empty")]
    Empty,
    /// 100 MiB with the default limit
    #[error("report is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    /// `date: 29 May` in the front matter
    #[error("invalid front matter: {reason}")]
    FrontMatter { reason: String, span: Span },
    /// a sub-folder without read permission
    #[error("cannot read folder: {reason}")]
    FolderUnreadable { reason: String },
    /// `ln -s . corpus/sub/loop`
    #[error("a link leads back to `{target}`, a folder already read: its reports are read once")]
    LinkLoop { target: String },
    /// `x.txt ./x.txt`, or a folder and a file inside it
    #[error("named more than once (the same file as `{first}`): read once")]
    Duplicate { first: String },
    /// a FIFO, a socket or a device inside a folder
    #[error("not a regular file: skipped")]
    NotRegular,
    /// edited or deleted while factlint ran
    #[error("changed or removed since it was checked: its words are not quoted")]
    Changed,
}

impl InputProblem {
    pub fn code(&self) -> &'static str {
        match self {
            InputProblem::Unreadable { .. } => "FL300",
            InputProblem::NotText { .. } => "FL301",
            InputProblem::Binary { .. } => "FL302",
            InputProblem::Empty => "FL303",
            InputProblem::TooLarge { .. } => "FL304",
            InputProblem::FrontMatter { .. } => "FL305",
            InputProblem::FolderUnreadable { .. } => "FL306",
            InputProblem::LinkLoop { .. } => "FL307",
            InputProblem::Duplicate { .. } => "FL308",
            InputProblem::NotRegular => "FL309",
            InputProblem::Changed => "FL310",
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            InputProblem::Unreadable { .. } => "check the path and its permissions",
            InputProblem::NotText { .. } => "save the report as UTF-8",
            InputProblem::Binary { .. } => "export the report as plain text",
            InputProblem::Empty => "the report states nothing and is left out",
            InputProblem::TooLarge { .. } => "split the report or raise --max-report-size",
            InputProblem::FrontMatter { .. } => {
                "front matter is `key: value` lines (title, outlet, date YYYY-MM-DD, language ar|en|fr, url; expect, gap, quiet for `factlint test`) between two `---` lines"
            }
            InputProblem::FolderUnreadable { .. } => {
                "check the folder's permissions: its reports were not read"
            }
            InputProblem::LinkLoop { .. } => {
                "remove the link, or leave it: nothing is counted twice"
            }
            InputProblem::Duplicate { .. } => {
                "each file counts once, however many times it is named"
            }
            InputProblem::NotRegular => {
                "only regular files are read from folders; name a pipe or device explicitly to read it"
            }
            InputProblem::Changed => "run the check again on the reports as they are now",
        }
    }

    /// An empty report is worth a note, not distrust of the whole run.
    pub fn is_fatal(&self) -> bool {
        !matches!(
            self,
            InputProblem::Empty
                | InputProblem::LinkLoop { .. }
                | InputProblem::Duplicate { .. }
                | InputProblem::NotRegular
        )
    }
}

/// The digest of a file's bytes (its length, then the bytes), made a block
/// at a time or at once: the same either way, so a report read window by
/// window and read again is known for the one checked.
pub struct Digest(std::hash::DefaultHasher);

impl Digest {
    /// For a file of `len` bytes.
    pub fn new(len: u64) -> Digest {
        use std::hash::Hasher;
        let mut h = std::hash::DefaultHasher::new();
        h.write_usize(usize::try_from(len).unwrap_or(usize::MAX));
        Digest(h)
    }

    /// The next bytes of the file.
    pub fn write(&mut self, bytes: &[u8]) {
        std::hash::Hasher::write(&mut self.0, bytes);
    }

    pub fn finish(&self) -> u64 {
        std::hash::Hasher::finish(&self.0)
    }
}

/// Decodes a report. `size_limit` guards memory.
pub fn load(name: &str, bytes: &[u8], size_limit: u64) -> Result<SourceFile, InputProblem> {
    load_owned(name, bytes.to_vec(), size_limit)
}

/// [`load`], taking the bytes: UTF-8 text is used as it is, without a copy.
pub fn load_owned(
    name: impl Into<Box<str>>,
    bytes: Vec<u8>,
    size_limit: u64,
) -> Result<SourceFile, InputProblem> {
    let size = bytes.len() as u64;
    let digest = {
        let mut d = Digest::new(size);
        d.write(&bytes);
        d.finish()
    };
    if size > size_limit {
        return Err(InputProblem::TooLarge {
            size,
            limit: size_limit,
        });
    }
    let (text, encoding) = decode(bytes)?;
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return Err(InputProblem::Empty);
    }
    if let Some(offset) = binary_offset(&text) {
        return Err(InputProblem::Binary { offset });
    }
    let (meta, body_start) = front_matter(&text)?;
    let lang = meta
        .language
        .unwrap_or_else(|| detect_lang(text.get(body_start..).unwrap_or("")));
    Ok(SourceFile {
        name: name.into(),
        text: Text::from(text),
        meta: Meta::shared(meta),
        body_start: u32::try_from(body_start).unwrap_or(u32::MAX),
        lang,
        encoding,
        digest,
    })
}

fn decode(bytes: Vec<u8>) -> Result<(String, Encoding), InputProblem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (enc, which) = if bytes.starts_with(&[0xFF, 0xFE]) {
            (encoding_rs::UTF_16LE, Encoding::Utf16le)
        } else {
            (encoding_rs::UTF_16BE, Encoding::Utf16be)
        };
        let (text, had_errors) = enc.decode_with_bom_removal(&bytes);
        if had_errors {
            let offset = text.find('\u{FFFD}').unwrap_or(0);
            return Err(InputProblem::NotText { offset });
        }
        return Ok((text.into_owned(), which));
    }
    match utf8(bytes) {
        Ok(t) => Ok((t, Encoding::Utf8)),
        Err(e) => {
            // A NUL-laden file is binary rather than badly encoded.
            if let Some(i) = e.as_bytes().iter().position(|&b| b == 0) {
                return Err(InputProblem::Binary { offset: i });
            }
            Err(InputProblem::NotText {
                offset: e.utf8_error().valid_up_to(),
            })
        }
    }
}

/// The bytes as a `String`, validated with `simdutf8` (vector
/// instructions: a tenth of the time of the standard library's check on
/// Arabic text, where that check was 6% of a run); the standard library's
/// check only tells where an invalid file goes wrong.
#[allow(unsafe_code)]
pub(crate) fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just found the bytes to be valid UTF-8,
        // which is all `from_utf8_unchecked` asks.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    }
}

/// How many bytes `is` holds for, counted in blocks of 255 whose count
/// fits a byte and without a branch per byte, so that the count is
/// vectorised (a filter was 3% of a run over short reports).
fn count_bytes(bytes: &[u8], is: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|block| usize::from(block.iter().fold(0u8, |n, &b| n + u8::from(is(b)))))
        .sum()
}

/// A control character that text never holds (ASCII, so a byte says it):
/// told without a branch.
fn is_control(b: u8) -> bool {
    (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0C) | (b == 0x7F)
}

/// Where a file stops being text: a NUL byte anywhere (the whole file is
/// looked at, not only its start), or control characters dense enough in
/// its first 64 KiB (more than one in 50 bytes) to be a binary format. A
/// stray control in a text copied from the web (an escape, a bell) leaves
/// it text: the outputs show such characters as code points, never send
/// them to a terminal.
pub(crate) fn binary_offset(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // The whole text is looked at: with `memchr`'s vector search, not a
    // byte at a time (1.5% of a run over short reports).
    if let Some(i) = memchr::memchr(0, bytes) {
        return Some(i);
    }
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let count = count_bytes(head, is_control);
    if count > 0 && count * 50 > head.len() {
        return head.iter().position(|&b| is_control(b));
    }
    None
}

/// Reads the optional front-matter block. A YAML library would accept far
/// more than these five flat keys, and then the errors would be its own;
/// the format is small enough to read here with precise spans.
pub(crate) fn front_matter(text: &str) -> Result<(Meta, usize), InputProblem> {
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let rest = text.get(start..).unwrap_or("");
    let Some(after_open) = rest
        .strip_prefix("---\n")
        .or_else(|| rest.strip_prefix("---\r\n"))
        .or_else(|| rest.strip_prefix("---\r"))
    else {
        return Ok((Meta::default(), 0));
    };
    // Old Mac files end lines with a lone CR: their lines split there.
    let lone_cr = rest.starts_with("---\r") && !rest.starts_with("---\r\n");
    let sep = if lone_cr { '\r' } else { '\n' };
    let open_len = rest.len() - after_open.len();
    let mut meta = Meta::default();
    let mut pos = start + open_len;
    for line in after_open.split_inclusive(sep) {
        let line_start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let span = Span::new(line_start, line_start + content.len());
        if content.trim() == "---" {
            // A report keeps where its body starts in four bytes.
            if u32::try_from(pos).is_err() {
                return Err(InputProblem::FrontMatter {
                    reason: "the front matter is longer than 4 GiB".to_string(),
                    span,
                });
            }
            return Ok((meta, pos));
        }
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = content.split_once(':') else {
            return Err(InputProblem::FrontMatter {
                reason: format!("`{content}` is not a `key: value` line"),
                span,
            });
        };
        let value = value.trim().trim_matches('"').to_string();
        match key.trim() {
            "title" => meta.title = Some(value),
            "outlet" => meta.outlet = Some(value),
            "url" => meta.url = Some(value),
            "expect" => meta.expect = id_list(&value),
            "gap" => meta.gap = id_list(&value),
            "quiet" => meta.quiet = id_list(&value),
            "date" => match Date::parse_iso(&value) {
                Some(d) => meta.date = Some(d),
                None => {
                    return Err(InputProblem::FrontMatter {
                        reason: format!("date `{value}` is not a real day written YYYY-MM-DD"),
                        span,
                    });
                }
            },
            "time" => match parse_clock(&value) {
                Some(m) => meta.time = Some(m),
                None => {
                    return Err(InputProblem::FrontMatter {
                        reason: format!("time `{value}` is not a time of day written HH:MM"),
                        span,
                    });
                }
            },
            "language" | "lang" => match Lang::parse(&value) {
                Some(l) => meta.language = Some(l),
                None => {
                    return Err(InputProblem::FrontMatter {
                        reason: format!("language `{value}` is not ar, en or fr"),
                        span,
                    });
                }
            },
            other => {
                return Err(InputProblem::FrontMatter {
                    reason: format!("unknown key `{other}`"),
                    span,
                });
            }
        }
    }
    Err(InputProblem::FrontMatter {
        reason: "the block opened with `---` is never closed".to_string(),
        span: Span::new(start, start + 3),
    })
}

/// `a, b c` → `["a", "b", "c"]`.
fn id_list(value: &str) -> Vec<String> {
    value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Arabic when Arabic letters dominate; else French or English by their
/// commonest short words.
pub fn detect_lang(text: &str) -> Lang {
    // The first 20,000 characters. Counted without decoding: the Arabic
    // block U+0600-U+06FF is exactly the characters whose first byte is
    // 0xD8-0xDB. A text of no more bytes than that has no more characters
    // (most reports): only a longer one is decoded, up to the cut.
    const CHARS: usize = 20_000;
    let bytes = text.as_bytes();
    let end = if bytes.len() <= CHARS {
        bytes.len()
    } else {
        text.char_indices()
            .nth(CHARS)
            .map_or(bytes.len(), |(i, _)| i)
    };
    let prefix = bytes.get(..end).unwrap_or(bytes);
    // (Lead bytes of the Arabic block; ASCII letters.)
    let arabic = count_bytes(prefix, |b| b.wrapping_sub(0xD8) < 4);
    let latin = count_bytes(prefix, |b| (b | 0x20).wrapping_sub(b'a') < 26);
    if arabic >= latin {
        return Lang::Ar;
    }
    let sample = text.get(..end).unwrap_or(text);
    let lower = sample.to_lowercase();
    let count = |words: &[&str]| -> usize {
        lower
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| words.contains(w))
            .count()
    };
    let fr = count(&[
        "le", "la", "les", "des", "du", "et", "une", "dans", "est", "sur",
    ]);
    let en = count(&[
        "the", "and", "of", "a", "in", "is", "was", "on", "with", "for",
    ]);
    if fr > en { Lang::Fr } else { Lang::En }
}

/// `18:40` → minutes after midnight.
fn parse_clock(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && s.trim().len() == 5).then_some(h * 60 + m)
}

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;

    /// The language is told from the first 20,000 characters exactly,
    /// however many bytes they take: a tie of Arabic and Latin letters
    /// there is Arabic, one more Latin letter past it would not be.
    #[test]
    fn language_is_told_from_the_first_twenty_thousand_characters() {
        let tie = format!(
            "{}{}{}",
            "a".repeat(10_000),
            "م".repeat(10_000),
            "b".repeat(15_000)
        );
        assert_eq!(detect_lang(&tie), Lang::Ar);
        let arabic_first = format!("{}{}", "م".repeat(20_000), "the ".repeat(20_000));
        assert_eq!(detect_lang(&arabic_first), Lang::Ar);
        let latin_first = format!("{}{}", "é".repeat(10_001), "م".repeat(40_000));
        assert_eq!(detect_lang(&latin_first), Lang::Ar);
        let latin_first = format!("{}{}", "a".repeat(10_001), "م".repeat(40_000));
        assert_eq!(detect_lang(&latin_first), Lang::En);
        assert_eq!(detect_lang(&"le la et ".repeat(5_000)), Lang::Fr);
    }

    /// Control bytes make a report binary past one in fifty of the first
    /// 64 KiB, counted across the blocks of the count, whichever they are.
    #[test]
    fn control_bytes_past_one_in_fifty_make_a_report_binary() {
        for (controls, binary) in [(19, false), (21, true)] {
            // 1,000 bytes, the controls spread over blocks of 255.
            let mut text = vec![b'a'; 1_000];
            for k in 0..controls {
                if let Some(b) = text.get_mut(7 + k * 47) {
                    *b = if k % 2 == 0 { 0x1B } else { 0x7F };
                }
            }
            let text = String::from_utf8(text).unwrap();
            assert_eq!(binary_offset(&text), binary.then_some(7), "{controls}");
        }
        // Line ends, tabs and form feeds are text however many.
        assert_eq!(binary_offset(&"\n\r\t\x0C".repeat(300)), None);
    }

    #[test]
    fn problems_have_their_codes() {
        assert_eq!(load("e", b"", 100).unwrap_err().code(), "FL303");
        assert_eq!(load("b", b"ab\0cd", 100).unwrap_err().code(), "FL302");
        assert_eq!(load("u", b"caf\xe9 ok", 100).unwrap_err().code(), "FL301");
        assert_eq!(load("l", b"0123456789", 5).unwrap_err().code(), "FL304");
        assert_eq!(
            load("f", b"---\ndate: 29 May\n---\nx", 100)
                .unwrap_err()
                .code(),
            "FL305"
        );
        assert_eq!(
            load("f", b"---\ncolour: red\n---\nx", 100)
                .unwrap_err()
                .code(),
            "FL305"
        );
        assert_eq!(
            load("f", b"---\ntitle: x\nno end", 100).unwrap_err().code(),
            "FL305"
        );
    }

    /// A summarised report keeps no text and no lines: it reads as empty,
    /// its lines are those of nothing, and it says it has no text.
    #[test]
    fn a_dropped_text_reads_as_nothing() {
        let mut s = load("x", "one\ntwo".as_bytes(), 100).unwrap();
        assert_eq!(s.position(4).line, 2);
        assert!(s.has_text() && s.words(Span::new(4, 7)) == Some("two"));
        s.drop_text();
        assert!(!s.has_text() && s.text.as_str().is_empty());
        assert_eq!(s.words(Span::new(4, 7)), None);
        assert_eq!(s.lines_around(0, 0), Some((0, "")));
        assert_eq!(
            s.digest,
            load("x", "one\ntwo".as_bytes(), 100).unwrap().digest
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "في موسكو".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let s = load("x", &bytes, 1000).unwrap();
        assert_eq!(s.text, "في موسكو");
        assert_eq!(s.lang, Lang::Ar);
    }

    #[test]
    fn front_matter_is_read_and_skipped() {
        let s = load(
            "x",
            "---\ndate: 2025-05-29\nlanguage: fr\n---\nLe texte".as_bytes(),
            1000,
        )
        .unwrap();
        assert_eq!(s.meta.date, Date::new(Some(2025), 5, 29));
        assert_eq!(s.lang, Lang::Fr);
        assert_eq!(s.text.get(s.body_start()..), Some("Le texte"));
    }

    #[test]
    fn front_matter_with_lone_cr_line_ends() {
        for text in [
            "---\rdate: 2025-05-29\rlanguage: fr\r---\rLe texte",
            "---\r\ndate: 2025-05-29\r\nlanguage: fr\r\n---\r\nLe texte",
        ] {
            let s = load("x", text.as_bytes(), 1000).unwrap();
            assert_eq!(s.meta.date, Date::new(Some(2025), 5, 29), "{text:?}");
            assert_eq!(s.lang, Lang::Fr);
            assert_eq!(s.text.get(s.body_start()..), Some("Le texte"));
        }
    }

    #[test]
    fn bom_is_kept_so_offsets_match_the_file() {
        let s = load("x", "\u{FEFF}abc".as_bytes(), 100).unwrap();
        assert_eq!(s.text.len(), 6);
    }
}
