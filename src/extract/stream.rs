//! A long report read window by window: its text is never whole in memory.
//!
//! The file's bytes are read in blocks, hashed as they come, checked, and
//! cut into the very windows [`super::windows`] cuts the whole text into,
//! so the claims are those of the report read whole, to the byte. A batch
//! of windows (one per thread) is read at a time, then dropped: what a long
//! report holds is a few windows' text and working copies, and its claims.
//!
//! What the window reader does not decide itself gives the report back to
//! be read whole ([`Streamed::Whole`]), which then says what is wrong
//! exactly as it always has: an encoding other than UTF-8, a byte that is
//! not text (an invalid sequence, a NUL, control bytes in the head), front
//! matter that is not closed early in the file, a text of nothing but
//! spaces, a file whose size changes while it is read.

use std::io::Read;

use rayon::prelude::*;

use super::{Claim, Counts, Extraction, Joined, read_window};
use crate::extract::vocab::Vocabulary;
use crate::rules::RuleSet;
use crate::source::{self, Digest, Encoding, Lang, Meta, Piece, Quoted, SourceFile};
use crate::span::Span;

/// A report opened to be read window by window.
pub struct Opened {
    /// The name the report goes by.
    pub name: Box<str>,
    /// What reads its bytes.
    pub bytes: Box<dyn Read + Send>,
    /// The size its file says it has; a file that gives more or fewer
    /// bytes is read again whole.
    pub size: u64,
}

/// What reading a report window by window gave.
pub enum Streamed {
    /// The report (its text empty) and its claims.
    Read(SourceFile, Extraction),
    /// Read it whole instead.
    Whole,
}

/// Bytes read from the file at a time.
const BLOCK: usize = 256 * 1024;

/// The head read before the first window: the front matter, the text the
/// language is told from (20,000 characters: at most 80,000 bytes) and the
/// 64 KiB looked at for control bytes must be in it.
const HEAD: usize = 1 << 20;

/// The bytes of a file being read: those not yet taken, from file offset
/// `at` on, and the digest of all read so far.
struct Bytes<R> {
    reader: R,
    buf: Vec<u8>,
    at: usize,
    eof: bool,
    read: u64,
    size: u64,
    digest: Digest,
}

impl<R: Read> Bytes<R> {
    fn new(reader: R, size: u64) -> Bytes<R> {
        Bytes {
            reader,
            buf: Vec::new(),
            at: 0,
            eof: false,
            read: 0,
            size,
            digest: Digest::new(size),
        }
    }

    /// The file offset up to which bytes have been read.
    fn end(&self) -> usize {
        self.at + self.buf.len()
    }

    /// Reads until the file is read up to offset `upto`, or to its end;
    /// `None` when it cannot be read or gives more than its size.
    fn fill(&mut self, upto: usize) -> Option<()> {
        while !self.eof && self.end() < upto {
            let old = self.buf.len();
            self.buf.resize(old + BLOCK, 0);
            let n = read_some(&mut self.reader, self.buf.get_mut(old..)?)?;
            self.buf.truncate(old + n);
            if n == 0 {
                self.eof = true;
            } else {
                self.digest.write(self.buf.get(old..)?);
                self.read += n as u64;
                if self.read > self.size {
                    return None;
                }
            }
        }
        Some(())
    }

    /// The bytes read from file offset `from` to `to` (clamped to what is
    /// read).
    fn get(&self, from: usize, to: usize) -> &[u8] {
        let a = from.saturating_sub(self.at).min(self.buf.len());
        let b = to.saturating_sub(self.at).clamp(a, self.buf.len());
        self.buf.get(a..b).unwrap_or_default()
    }

    /// Takes the bytes up to file offset `to`.
    fn take(&mut self, to: usize) -> Vec<u8> {
        let n = to.saturating_sub(self.at).min(self.buf.len());
        let rest = self.buf.split_off(n);
        self.at += n;
        std::mem::replace(&mut self.buf, rest)
    }

    /// The offset of the first `\n` at or after `from`, reading on as far
    /// as needed; `None` at the end of the file.
    fn line_end(&mut self, from: usize) -> Option<Option<usize>> {
        let mut from = from;
        loop {
            if let Some(i) = memchr::memchr(b'\n', self.get(from, self.end())) {
                return Some(Some(from + i));
            }
            if self.eof {
                return Some(None);
            }
            from = from.max(self.end());
            self.fill(self.end() + BLOCK)?;
        }
    }
}

/// Reads a report window by window (windows of [`super::WINDOW`] bytes).
pub fn extract_streamed(
    opened: Opened,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
    keep: &(dyn Fn(&Claim) -> bool + Sync),
) -> Streamed {
    extract_streamed_in(opened, rules, vocab, keep, super::WINDOW)
}

/// [`extract_streamed`] with windows of another size: the claims are those
/// [`super::extract_in_windows`] reads with the same size.
pub fn extract_streamed_in(
    opened: Opened,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
    keep: &(dyn Fn(&Claim) -> bool + Sync),
    window: usize,
) -> Streamed {
    match read(opened, rules, vocab, keep, window.max(2)) {
        Some((src, ex)) => Streamed::Read(src, ex),
        None => Streamed::Whole,
    }
}

fn read(
    opened: Opened,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
    keep: &(dyn Fn(&Claim) -> bool + Sync),
    window: usize,
) -> Option<(SourceFile, Extraction)> {
    let opened_size = opened.size;
    let mut b = Bytes::new(opened.bytes, opened.size);
    b.fill(HEAD)?;
    let (meta, body_start, lang) = head(&b)?;
    let mut src = SourceFile::from_parts(
        opened.name,
        String::new(),
        meta,
        body_start,
        lang,
        Encoding::Utf8,
        0,
    );
    let blank = std::str::from_utf8(b.get(0, body_start)).is_ok_and(is_blank);
    b.take(body_start);
    let mut cutter = Cutter {
        b,
        start: body_start,
        done: false,
        failed: false,
        window,
        blank,
    };
    // Windows are read a batch at a time, one per thread; the next batch
    // is read from the file while this one is extracted.
    // (More per batch waits less for the slowest of a batch, but holds
    // more windows: measured no faster on two cores.)
    let batch = rayon::current_num_threads().max(1);
    let mut joined: Option<Joined> = None;
    let mut pending = cutter.next_batch(batch);
    let body = (opened_size as usize).saturating_sub(body_start);
    while !pending.is_empty() {
        let first = joined.is_none();
        let bytes: usize = pending.iter().map(|(t, _)| t.len()).sum();
        let (done, next) = rayon::join(
            || {
                pending
                    .par_iter()
                    .enumerate()
                    .map(|(k, (text, from))| {
                        read_window(&src, rules, vocab, keep, (text, *from), first && k == 0)
                    })
                    .collect::<Vec<(Extraction, Counts)>>()
            },
            || cutter.next_batch(batch),
        );
        for part in done {
            match joined.as_mut() {
                Some(j) => j.push(part),
                None => joined = Some(Joined::new(part)),
            }
        }
        // The lists of the whole report, as the first batch foretells
        // them (and a tenth more): grown by doubling, they would hold up
        // to twice what they keep.
        if let Some(j) = joined.as_mut().filter(|_| first && bytes > 0) {
            let scale = |n: usize| (n as f64 * body as f64 / bytes as f64 * 1.1) as usize;
            let (c, m) = (j.ex.claims.len(), j.ex.mentions.len());
            j.ex.claims.reserve_exact(scale(c).saturating_sub(c));
            j.ex.mentions.reserve_exact(scale(m).saturating_sub(m));
        }
        pending = next;
    }
    let Cutter {
        b, blank, failed, ..
    } = cutter;
    if failed || b.read != b.size || blank {
        return None;
    }
    // Not shrunk: the claims live until the report is summarised, and
    // shrinking lists this long copies them (two reports of 60 MB dense
    // with claims: 608 → 579 MB).
    let ex = joined?.ex;
    src.digest = b.digest.finish();
    Some((src, ex))
}

/// Cuts the file's text into windows as it is read.
struct Cutter<R> {
    b: Bytes<R>,
    /// Where the next window starts.
    start: usize,
    /// The last window is cut.
    done: bool,
    /// The file could not be read, or is not plain text.
    failed: bool,
    window: usize,
    /// Every window so far holds nothing but spaces.
    blank: bool,
}

impl<R: Read> Cutter<R> {
    /// The next `n` windows (fewer at the end of the file, none after
    /// it), with where each starts; none when the file cannot be read or
    /// is not plain text (`failed`).
    fn next_batch(&mut self, n: usize) -> Vec<(String, usize)> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n && !self.done && !self.failed {
            match self.cut() {
                Some(w) => out.push(w),
                None => self.failed = true,
            }
        }
        if self.failed {
            out.clear();
        }
        out
    }

    fn cut(&mut self) -> Option<(String, usize)> {
        let end = match next_cut(&mut self.b, self.start, self.window)? {
            Some(c) => c,
            None => {
                self.b.fill(usize::MAX)?;
                self.done = true;
                self.b.end()
            }
        };
        let bytes = self.b.take(end);
        if memchr::memchr(0, &bytes).is_some() {
            return None;
        }
        let text = source::utf8(bytes).ok()?;
        self.blank = self.blank && is_blank(&text);
        let start = std::mem::replace(&mut self.start, end);
        Some((text, start))
    }
}

/// What the head of the file says: its front matter, where the body
/// starts, its language. `None` when the head is not plainly UTF-8 text
/// with its front matter closed and enough of the body to tell the
/// language.
fn head<R: Read>(b: &Bytes<R>) -> Option<(Meta, usize, Lang)> {
    let bytes = b.get(0, b.end());
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let valid = match std::str::from_utf8(bytes) {
        Ok(t) => t.len(),
        // A character cut at the end of what is read so far.
        Err(e) if e.error_len().is_none() && !b.eof => e.valid_up_to(),
        Err(_) => return None,
    };
    let text = std::str::from_utf8(bytes.get(..valid)?).ok()?;
    if source::binary_offset(text).is_some() {
        return None;
    }
    let (meta, body_start) = source::front_matter(text).ok()?;
    if !b.eof && body_start + 80_000 > valid {
        return None;
    }
    let lang = meta
        .language
        .unwrap_or_else(|| source::detect_lang(text.get(body_start..).unwrap_or("")));
    Some((meta, body_start, lang))
}

/// Nothing but spaces (and byte order marks): what an empty report holds.
fn is_blank(text: &str) -> bool {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
}

/// Where the window starting at `start` ends, as [`super::windows`] cuts
/// it: `None` for the last window (the rest of the file); the outer
/// `None` when the file cannot be read.
fn next_cut<R: Read>(b: &mut Bytes<R>, start: usize, size: usize) -> Option<Option<usize>> {
    // Only a rest longer than a window and a half is cut.
    let far = start.saturating_add(size.saturating_add(size / 2));
    b.fill(far.saturating_add(1))?;
    if b.end() <= far {
        return Some(None);
    }
    let target = start.saturating_add(size);
    let near = b.get(target, target.saturating_add(size / 16));
    let cut = match near.windows(2).position(|w| w == b"\n\n") {
        Some(i) => target + i + 2,
        None => match b.line_end(target)? {
            Some(i) => i + 1,
            None => return Some(None),
        },
    };
    // A cut at the very end leaves nothing after it: no cut.
    b.fill(cut.saturating_add(1))?;
    Some((b.end() > cut).then_some(cut))
}

/// What reading a long report again to quote it gave.
pub enum Quote {
    /// The lines quoted.
    Lines(Quoted),
    /// The file is not the one checked (its digest differs).
    Changed,
    /// Read it again whole instead (lines ended by a lone `\r`, a file
    /// that cannot be read twice).
    Whole,
}

/// Reads again the lines of a long report that an output quotes: the lines
/// of each span and one line either side of them (the human output shows a
/// span's line, and reads it with a line of context either side). Two
/// passes over the file, each a block at a time: the first numbers the
/// lines of the spans, the second copies those lines; both check that the
/// file is the one checked (`digest`).
pub fn quote(
    first: Opened,
    second: impl FnOnce() -> Option<Opened>,
    digest: u64,
    spans: &[Span],
) -> Quote {
    let mut ends: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    ends.sort_unstable();
    ends.dedup();
    let Some(numbered) = number_lines(first, &ends) else {
        return Quote::Whole;
    };
    if numbered.digest != digest {
        return Quote::Changed;
    }
    let line = |offset: usize| {
        let i = ends.partition_point(|&e| e < offset);
        numbered.at.get(i).copied().unwrap_or(numbered.lines - 1)
    };
    let mut ranges: Vec<(usize, usize)> = spans
        .iter()
        .map(|s| {
            let (a, b) = (line(s.start), line(s.end.max(s.start)));
            (a.saturating_sub(1), (b + 1).min(numbered.lines - 1))
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let Some(opened) = second() else {
        return Quote::Whole;
    };
    match copy_lines(opened, &merged) {
        Some((pieces, d)) if d == digest => Quote::Lines(Quoted {
            len: numbered.len,
            lines: numbered.lines,
            bom: numbered.bom,
            pieces,
        }),
        Some(_) => Quote::Changed,
        None => Quote::Whole,
    }
}

/// What the first pass over a file tells.
struct Numbered {
    /// The 0-based line of each offset asked, in order.
    at: Vec<usize>,
    lines: usize,
    len: usize,
    bom: bool,
    digest: u64,
}

/// One read (again when interrupted); `None` when the file cannot be read.
fn read_some(reader: &mut impl Read, buf: &mut [u8]) -> Option<usize> {
    loop {
        match reader.read(buf) {
            Ok(n) => return Some(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// Reads a file a block at a time, giving each block and its offset; the
/// file's digest.
fn blocks(opened: Opened, mut each: impl FnMut(&[u8], usize)) -> Option<u64> {
    let mut digest = Digest::new(opened.size);
    let mut reader = opened.bytes;
    let mut buf = vec![0u8; BLOCK];
    let mut pos = 0usize;
    loop {
        let n = read_some(&mut reader, &mut buf)?;
        if n == 0 {
            return Some(digest.finish());
        }
        let block = buf.get(..n)?;
        digest.write(block);
        each(block, pos);
        pos += n;
    }
}

/// The first pass: the line of each of `offsets` (sorted); `None` when a
/// line ends with a lone `\r` or the file cannot be read.
fn number_lines(opened: Opened, offsets: &[usize]) -> Option<Numbered> {
    let mut at = Vec::with_capacity(offsets.len());
    let (mut lines, mut len, mut bom) = (0usize, 0usize, false);
    let (mut lone_cr, mut cr_last) = (false, false);
    let digest = blocks(opened, |block, pos| {
        if pos == 0 {
            bom = block.starts_with(&[0xEF, 0xBB, 0xBF]);
        }
        lone_cr |= cr_last && block.first() != Some(&b'\n');
        lone_cr |= memchr::memchr_iter(b'\r', block)
            .any(|i| block.get(i + 1).is_some_and(|&b| b != b'\n'));
        cr_last = block.last() == Some(&b'\r');
        let mut from = 0;
        while let Some(&o) = offsets.get(at.len()).filter(|&&o| o < pos + block.len()) {
            let to = o.saturating_sub(pos).max(from);
            lines += memchr::memchr_iter(b'\n', block.get(from..to).unwrap_or_default()).count();
            at.push(lines);
            from = to;
        }
        lines += memchr::memchr_iter(b'\n', block.get(from..).unwrap_or_default()).count();
        len = pos + block.len();
    })?;
    if lone_cr || cr_last {
        return None;
    }
    // Offsets at or past the end: the last line.
    at.resize(offsets.len(), lines);
    Some(Numbered {
        at,
        lines: lines + 1,
        len,
        bom,
        digest,
    })
}

/// The second pass: the lines of each range (first and last line, sorted,
/// apart), and the file's digest.
fn copy_lines(opened: Opened, ranges: &[(usize, usize)]) -> Option<(Vec<Piece>, u64)> {
    let mut pieces: Vec<(usize, usize, Vec<u8>)> = Vec::with_capacity(ranges.len());
    // The piece being copied, and the next range.
    let mut cur: Option<(usize, usize, Vec<u8>)> = None;
    let mut next = 0;
    let mut line = 0usize;
    if ranges.first().is_some_and(|r| r.0 == 0) {
        cur = Some((0, 0, Vec::new()));
    }
    let digest = blocks(opened, |block, pos| {
        let mut from = 0;
        for nl in memchr::memchr_iter(b'\n', block) {
            if let Some((_, _, bytes)) = cur.as_mut() {
                bytes.extend_from_slice(block.get(from..=nl).unwrap_or_default());
            }
            if cur.is_some() && ranges.get(next).is_some_and(|r| r.1 == line) {
                pieces.extend(cur.take());
                next += 1;
            }
            line += 1;
            from = nl + 1;
            if cur.is_none() && ranges.get(next).is_some_and(|r| r.0 == line) {
                cur = Some((pos + nl + 1, line, Vec::new()));
            }
        }
        if let Some((_, _, bytes)) = cur.as_mut() {
            bytes.extend_from_slice(block.get(from..).unwrap_or_default());
        }
    })?;
    pieces.extend(cur);
    let pieces = pieces
        .into_iter()
        .map(|(offset, line, bytes)| {
            source::utf8(bytes)
                .ok()
                .map(|text| Piece { offset, line, text })
        })
        .collect::<Option<Vec<Piece>>>()?;
    Some((pieces, digest))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Gives a few bytes at a time, ending reads anywhere.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.1).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            self.1 = self.1 * 7 % 997 + 1;
            Ok(n)
        }
    }

    /// The windows cut while reading, as the whole text's.
    fn cuts(text: &str, from: usize, size: usize) -> Vec<(usize, usize)> {
        let mut b = Bytes::new(Trickle(text.as_bytes(), 5), text.len() as u64);
        b.take(from);
        let mut out = Vec::new();
        let mut start = from;
        loop {
            match next_cut(&mut b, start, size).unwrap() {
                Some(c) => {
                    out.push((start, c));
                    b.take(c);
                    start = c;
                }
                None => {
                    b.fill(usize::MAX).unwrap();
                    out.push((start, b.end()));
                    return out;
                }
            }
        }
    }

    #[test]
    fn windows_are_cut_where_the_whole_text_is_cut() {
        // Lines of many lengths, blank lines now and then, a long line
        // without an end, a text ending with and without a line end.
        let mut seed = 17u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for case in 0..40 {
            let mut text = String::new();
            while text.len() < 6000 {
                let len = match next(10) {
                    0 => 700,
                    1 => 0,
                    _ => next(90) as usize,
                };
                text.extend(std::iter::repeat_n(
                    if next(2) == 0 { 'a' } else { 'م' },
                    len,
                ));
                text.push('\n');
                if next(4) == 0 {
                    text.push('\n');
                }
            }
            if case % 2 == 0 {
                text.extend(std::iter::repeat_n('x', 3000));
            }
            let from = if case % 3 == 0 { 10 } else { 0 };
            for size in [16, 100, 333, 1024, 5000] {
                assert_eq!(
                    cuts(&text, from, size),
                    super::super::windows(&text, from, size),
                    "case {case}, size {size}"
                );
            }
        }
    }
}
