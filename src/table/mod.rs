//! Summaries as a table: what each report states, written by `factlint
//! extract` (one shard of the inputs at a time) and read back by `factlint
//! combine`, which runs the cross-report rules over every shard's rows as
//! `check` would over the reports.
//!
//! A table file is JSON lines: a [`Header`] first (the table's name and
//! version, the extractor, the rule file and the inputs it was made from,
//! the shard), then one [`Row`] per input of the shard: the report's
//! metadata, its [`Summary`] (what it states per event and slot, with
//! spans into the report, and the findings inside it) and the lines of the
//! report those spans stand in ([`Excerpt`]), so that a report no longer
//! reachable is still quoted; or why the input could not be read.
//!
//! The version is `MAJOR.MINOR`: a reader takes any table of its major
//! version (a newer minor only adds fields) and refuses a newer major one.

pub mod facts;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod sql;

use serde::{Deserialize, Serialize};

use crate::engine::Summary;
use crate::run::Problem;
use crate::source::{Encoding, InputProblem, Lang, Meta, SourceFile};
use crate::span::Span;

/// The name a table's header carries.
pub const TABLE: &str = "factlint-summaries";

/// The version of the table this build writes.
pub const VERSION: Version = Version { major: 1, minor: 0 };

/// A table version: `MAJOR.MINOR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let (a, b) = s.split_once('.')?;
        Some(Version {
            major: a.parse().ok()?,
            minor: b.parse().ok()?,
        })
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// One shard of the inputs: `index` of `count`, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// The whole of the inputs.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// `I/N`, with `1 <= I <= N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not I/N (for example 1/4)"))?;
        let num = |x: &str| x.trim().parse::<u32>().ok();
        match (num(i), num(n)) {
            (Some(index), Some(count)) if count >= 1 && (1..=count).contains(&index) => {
                Ok(Shard { index, count })
            }
            (Some(_), Some(0)) => Err(format!("`{s}`: the number of shards is at least 1")),
            (Some(_), Some(_)) => Err(format!(
                "`{s}`: the shard is from 1 to the number of shards"
            )),
            _ => Err(format!("`{s}` is not I/N (for example 1/4)")),
        }
    }

    /// Whether the input named `key` (its path as given) falls in this
    /// shard: a stable hash of the key (the first bytes of its SHA-256,
    /// the same on every machine and build), so that N runs over the same
    /// inputs split them without talking to each other.
    pub fn takes(&self, key: &str) -> bool {
        if self.count == 1 {
            return true;
        }
        use sha2::{Digest, Sha256};
        let d = Sha256::digest(key.as_bytes());
        let mut first = [0u8; 8];
        for (a, b) in first.iter_mut().zip(d.iter()) {
            *a = *b;
        }
        u64::from_be_bytes(first) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The first line of a table file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Always [`TABLE`].
    pub table: String,
    /// [`VERSION`] of the writer.
    pub version: String,
    /// `factlint VERSION`: the extractor that read the reports.
    pub extractor: String,
    pub rules: RulesUsed,
    pub inputs: InputsUsed,
    pub shard: Shard,
    /// What expanding the report paths met (folders unreadable, links
    /// looping, files named twice): the same in every shard.
    pub walk: Vec<StoredProblem>,
}

/// The rule file a table was made with: the summaries hold its events,
/// slots and entities by number, so they are read only with the same one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesUsed {
    pub file: String,
    /// SHA-256 of the rule file's bytes, in hexadecimal.
    pub sha256: String,
    /// The ids of the rules that ran (after `--select`/`--ignore`).
    pub ids: Vec<String>,
}

/// The inputs of the run a shard is part of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputsUsed {
    /// How many inputs the report paths expand to (in every shard).
    pub count: usize,
    /// SHA-256 of the inputs' paths, in order.
    pub sha256: String,
}

/// One input of a shard: a report and what it states, or why it could not
/// be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The input's place among every input of the run (what orders reports
    /// and numbers them, as in one `check`).
    pub input: usize,
    /// The name the report goes by in outputs.
    pub name: String,
    /// The path it was read from, as given: `combine` reads it again there
    /// to quote it.
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Box<StoredReport>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<StoredProblem>,
}

/// A report as the table keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReport {
    /// A hash of the file's bytes (hexadecimal): a report read again must
    /// be the one extracted.
    pub digest: String,
    /// The length of its decoded text, in bytes.
    pub len: usize,
    pub encoding: Encoding,
    pub lang: Lang,
    pub meta: Meta,
    pub body_start: usize,
    pub summary: Summary,
    /// The lines its summary's spans stand in.
    pub excerpts: Vec<Excerpt>,
}

/// Lines of a report, whole, where they stand in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    /// Byte offset of the first line's start in the text.
    pub offset: usize,
    /// Its line number, from 0.
    pub line: usize,
    /// The lines, without the line end of the last one.
    pub text: String,
}

/// Why an input could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredProblem {
    pub report: String,
    pub problem: InputProblem,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl From<&Problem> for StoredProblem {
    fn from(p: &Problem) -> Self {
        StoredProblem {
            report: p.report.clone(),
            problem: p.problem.clone(),
            text: p.text.clone(),
        }
    }
}

impl From<StoredProblem> for Problem {
    fn from(p: StoredProblem) -> Self {
        Problem {
            report: p.report,
            problem: p.problem,
            text: p.text,
        }
    }
}

/// Line ends in `bytes[a..b]` as [`LineIndex`](crate::span::LineIndex) counts them: a `\r` ends
/// a line unless a `\n` follows it (looked at past `b`).
fn line_ends(bytes: &[u8], a: usize, b: usize) -> usize {
    let part = bytes.get(a..b).unwrap_or_default();
    let lf = part.iter().filter(|&&c| c == b'\n').count();
    let lone_cr = part
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c == b'\r' && bytes.get(a + i + 1) != Some(&b'\n'))
        .count();
    lf + lone_cr
}

/// The lines of `src` that `spans` stand in, whole, merged where they
/// overlap. A line here runs to a `\n` (what the outputs quote); its
/// number is counted as [`LineIndex`](crate::span::LineIndex) counts lines (`\n`, `\r\n`, a lone
/// `\r`). Needs the report's text; one pass over it up to the last span,
/// without building a line index.
pub fn excerpts(src: &SourceFile, spans: &[Span]) -> Vec<Excerpt> {
    let text = src.text.as_str();
    let bytes = text.as_bytes();
    let mut spans = spans.to_vec();
    spans.sort_unstable();
    let ends_in = |a: usize, b: usize| line_ends(bytes, a, b);
    let line_end = |from: usize| {
        bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&c| c == b'\n'))
            .map_or(bytes.len(), |i| from + i)
    };
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    // `pos`: 0 or where the last excerpt ends; `line`: the line it is on.
    let (mut pos, mut line) = (0usize, 0usize);
    for s in spans {
        let start = s.start.min(bytes.len());
        if let Some(last) = out.last_mut()
            && start <= last.1
        {
            last.1 = last.1.max(line_end(s.end.min(bytes.len())));
            line = last.2 + ends_in(last.0, last.1);
            pos = last.1;
            continue;
        }
        let line_start = bytes
            .get(pos..start)
            .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
            .map_or(pos, |i| pos + i + 1);
        line += ends_in(pos, line_start);
        let end = line_end(s.end.clamp(line_start, bytes.len()));
        out.push((line_start, end, line));
        line += ends_in(line_start, end);
        pos = end;
    }
    out.into_iter()
        .filter_map(|(a, b, line)| {
            Some(Excerpt {
                offset: a,
                line,
                text: text.get(a..b)?.to_string(),
            })
        })
        .collect()
}

/// The text of a report as far as its excerpts tell it: each excerpt at
/// its offset, line ends where the lines between them were (so every
/// excerpt keeps its line and column), spaces elsewhere; `len` bytes in
/// all. What an output quotes of the report is in the excerpts, so it
/// quotes this text as it would the report's.
pub fn text_of_excerpts(len: usize, excerpts: &[Excerpt]) -> String {
    let mut out = String::with_capacity(len);
    let mut line = 0usize;
    for e in excerpts {
        if e.offset < out.len() || e.line < line {
            continue;
        }
        // The line before ends where it ended (at a `\n`); the lines
        // between are blank, the last ending right before the excerpt.
        let gap = e.offset - out.len();
        let ends = (e.line - line).min(gap);
        if ends > 0 && !out.is_empty() {
            out.push('\n');
            if ends > 1 {
                out.extend(std::iter::repeat_n(' ', gap - ends));
                out.extend(std::iter::repeat_n('\n', ends - 1));
            }
        } else {
            out.extend(std::iter::repeat_n(' ', gap - ends));
            out.extend(std::iter::repeat_n('\n', ends));
        }
        out.push_str(&e.text);
        // A `\r` closing the excerpt is that of a `\r\n`: the `\n` comes next.
        let body = e.text.strip_suffix('\r').unwrap_or(&e.text);
        line = e.line + line_ends(body.as_bytes(), 0, body.len());
    }
    if out.len() < len {
        if !out.is_empty() {
            out.push('\n');
        }
        out.extend(std::iter::repeat_n(' ', len.saturating_sub(out.len())));
    }
    out
}

/// What a table keeps of a report's text: its length and the lines its
/// summary's spans stand in.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    pub len: usize,
    pub excerpts: Vec<Excerpt>,
}

impl Kept {
    /// Takes it of a report whose text is there.
    pub fn of(src: &SourceFile, summary: &Summary) -> Kept {
        Kept {
            len: src.text.len(),
            excerpts: excerpts(src, &summary.spans()),
        }
    }
}

impl Row {
    /// The row of a report read and summarised.
    /// The row of a report read and summarised, with what [`Kept::of`]
    /// took of it while its text was there.
    pub fn of_report(
        input: usize,
        path: String,
        src: &SourceFile,
        summary: Summary,
        kept: Kept,
    ) -> Row {
        Row {
            input,
            name: src.name.to_string(),
            path,
            report: Some(Box::new(StoredReport {
                digest: format!("{:016x}", src.digest),
                len: kept.len,
                encoding: src.encoding,
                lang: src.lang,
                meta: (*src.meta).clone(),
                body_start: src.body_start(),
                summary,
                excerpts: kept.excerpts,
            })),
            problem: None,
        }
    }

    /// The row of an input that could not be read.
    pub fn of_problem(input: usize, path: String, p: &Problem) -> Row {
        Row {
            input,
            name: p.report.clone(),
            path,
            report: None,
            problem: Some(p.into()),
        }
    }
}

impl StoredReport {
    pub fn digest(&self) -> u64 {
        u64::from_str_radix(&self.digest, 16).unwrap_or(0)
    }

    /// The report as its excerpts tell it (its text dropped, as a run
    /// keeps a report once summarised, when `with_text` is false).
    pub fn source(&self, name: &str, with_text: bool) -> SourceFile {
        let text = if with_text {
            text_of_excerpts(self.len, &self.excerpts)
        } else {
            String::new()
        };
        SourceFile::from_parts(
            name,
            text,
            self.meta.clone(),
            self.body_start,
            self.lang,
            self.encoding,
            self.digest(),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn report(text: &str) -> SourceFile {
        crate::source::load("r.txt", text.as_bytes(), u64::MAX).unwrap()
    }

    /// A report's text as it stands (blank text is a report here).
    fn rebuilt(text: String) -> SourceFile {
        SourceFile::from_parts(
            "r.txt",
            text,
            Meta::default(),
            0,
            Lang::En,
            Encoding::Utf8,
            0,
        )
    }

    #[test]
    fn excerpts_keep_lines_and_columns() {
        let text = "\u{FEFF}title\r\n\nfirst line\rsecond «line»\n\nthird one\nlast";
        let src = report(text);
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        let spans = [at("title"), at("«line»"), at("one")];
        let ex = excerpts(&src, &spans);
        assert_eq!(
            ex.iter()
                .map(|e| (e.line, e.text.as_str()))
                .collect::<Vec<_>>(),
            [
                (0, "\u{FEFF}title\r"),
                (2, "first line\rsecond «line»"),
                (5, "third one")
            ]
        );
        let back = rebuilt(text_of_excerpts(text.len(), &ex));
        assert_eq!(back.text.len(), text.len());
        // Each excerpt's line ends where it ended in the report.
        for e in &ex {
            let end = e.offset + e.text.len();
            assert!(matches!(back.text.as_bytes().get(end), Some(b'\n') | None));
        }
        for s in spans {
            assert_eq!(back.text.get(s.start..s.end), text.get(s.start..s.end));
            assert_eq!(back.position(s.start), src.position(s.start));
            assert_eq!(back.position(s.end), src.position(s.end));
        }
    }

    #[test]
    fn excerpts_keep_positions_in_any_text() {
        let pieces = ["ab", "ب", " ", "\n", "\r", "\r\n", "«x»", "\n\n"];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        for _ in 0..300 {
            let mut text = String::from("t");
            for _ in 0..next(60) {
                text.push_str(pieces[next(pieces.len())]);
            }
            let src = report(&text);
            let words: Vec<Span> = text
                .char_indices()
                .filter(|(_, c)| c.is_alphabetic())
                .map(|(i, c)| Span::new(i, i + c.len_utf8()))
                .collect();
            let spans: Vec<Span> = (0..next(5))
                .filter_map(|_| words.get(next(words.len().max(1))).copied())
                .collect();
            let ex = excerpts(&src, &spans);
            let back = rebuilt(text_of_excerpts(text.len(), &ex));
            for s in &spans {
                assert_eq!(
                    back.position(s.start),
                    src.position(s.start),
                    "{text:?} {s:?}"
                );
                assert_eq!(back.text.get(s.start..s.end), text.get(s.start..s.end));
            }
        }
    }

    #[test]
    fn shards_split_the_inputs_once_each() {
        let shards: Vec<Shard> = (1..=4).map(|i| Shard { index: i, count: 4 }).collect();
        let mut sizes = [0usize; 4];
        for k in 0..1000 {
            let key = format!("corpus/{k}.txt");
            let owners: Vec<usize> = (0..4).filter(|&i| shards[i].takes(&key)).collect();
            assert_eq!(owners.len(), 1, "{key}");
            sizes[owners[0]] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 200), "{sizes:?}");
        assert!(Shard::ALL.takes("x"));
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "-1/3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn versions_read_and_compare() {
        assert_eq!(Version::parse("1.0"), Some(VERSION));
        assert!(Version::parse("2.0").unwrap() > VERSION);
        assert_eq!(Version::parse("1"), None);
        assert_eq!(VERSION.to_string(), "1.0");
    }
}
