//! A long report is read in windows cut after line ends. The claims and
//! mentions must be those of the report read at once: same values, spans,
//! tokens, sentences and paragraphs, and the same clauses together.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use factlint::extract::{self, Extraction, stream, vocab::Vocabulary};
use factlint::rules::{self, RuleSource};
use factlint::source;

/// The reports of one news corpus (its furniture, bylines and traps in
/// three languages), written one after the other as one long report, with
/// a blank line or a bare line end between them.
fn long_report(corpus: &str) -> String {
    let dir = common::repo().join("tests/news").join(corpus);
    let mut out = String::new();
    for (k, f) in common::files_with_ext(&dir, "txt").iter().enumerate() {
        let text = std::fs::read_to_string(f).unwrap();
        // Without its front matter: one report has one.
        let body = match text.strip_prefix("---\n") {
            Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, b)| b),
            None => &text,
        };
        out.push_str(body);
        out.push_str(if k % 2 == 0 { "\n\n" } else { "\n" });
    }
    out
}

fn read(corpus: &str, window: usize) -> Extraction {
    let path = common::repo().join(format!("tests/news/{corpus}.rules"));
    let text = std::fs::read_to_string(&path).unwrap();
    let set = rules::load(&RuleSource::new(path.to_string_lossy(), text.as_str())).unwrap();
    let vocab = Vocabulary::new(&set);
    let report = long_report(corpus);
    let src = source::load("long.txt", report.as_bytes(), u64::MAX).unwrap();
    extract::extract_in_windows(&src, Some(&set), Some(&vocab), &|_| true, window)
}

#[test]
fn claims_are_the_same_whatever_the_window() {
    for corpus in ["meeting", "quake", "toll", "forum", "final"] {
        let whole = read(corpus, usize::MAX);
        assert!(
            whole.claims.len() > 20,
            "{corpus}: {} claims, too few to compare",
            whole.claims.len()
        );
        for window in [512, 2048, 8192] {
            let parts = read(corpus, window);
            assert_eq!(whole.claims.len(), parts.claims.len(), "{corpus}/{window}");
            for (a, b) in whole.claims.iter().zip(&parts.claims) {
                let key = |c: &extract::Claim| {
                    (
                        serde_json::to_string(&c.value).unwrap(),
                        c.span,
                        c.tokens,
                        c.sentence,
                        c.paragraph,
                        c.part,
                        c.invited,
                        c.via.clone(),
                    )
                };
                assert_eq!(key(a), key(b), "{corpus}/{window}");
            }
            // Clauses are numbered per window, but two claims share one
            // exactly when they do in the whole report.
            for (i, (a, b)) in whole.claims.iter().zip(&parts.claims).enumerate() {
                if let (Some(a2), Some(b2)) = (whole.claims.get(i + 1), parts.claims.get(i + 1)) {
                    assert_eq!(
                        a.clause == a2.clause,
                        b.clause == b2.clause,
                        "{corpus}/{window}"
                    );
                }
            }
            assert_eq!(
                whole.mentions.len(),
                parts.mentions.len(),
                "{corpus}/{window}"
            );
            for (a, b) in whole.mentions.iter().zip(&parts.mentions) {
                assert_eq!(
                    (a.event, a.span, a.tokens, a.phrase, a.sentence, a.paragraph),
                    (b.event, b.span, b.tokens, b.phrase, b.sentence, b.paragraph),
                    "{corpus}/{window}"
                );
            }
            assert_eq!(whole.skipped, parts.skipped, "{corpus}/{window}");
        }
    }
}

/// Gives its bytes a few at a time, as a pipe or a slow disk may.
struct Trickle {
    bytes: Vec<u8>,
    at: usize,
    step: usize,
}

impl std::io::Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.step).min(self.bytes.len() - self.at);
        buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
        self.at += n;
        // A different step each time: reads end anywhere, inside a letter.
        self.step = self.step * 7 % 1999 + 1;
        Ok(n)
    }
}

fn opened(bytes: &[u8], size: u64) -> stream::Opened {
    stream::Opened {
        name: "long.txt".into(),
        bytes: Box::new(Trickle {
            bytes: bytes.to_vec(),
            at: 0,
            step: 3,
        }),
        size,
    }
}

fn streamed(set: &rules::RuleSet, bytes: &[u8], window: usize) -> stream::Streamed {
    let vocab = Vocabulary::new(set);
    stream::extract_streamed_in(
        opened(bytes, bytes.len() as u64),
        Some(set),
        Some(&vocab),
        &|_| true,
        window,
    )
}

fn rules_of(corpus: &str) -> rules::RuleSet {
    let path = common::repo().join(format!("tests/news/{corpus}.rules"));
    let text = std::fs::read_to_string(&path).unwrap();
    rules::load(&RuleSource::new(path.to_string_lossy(), text.as_str())).unwrap()
}

/// A report read window by window from its file gives what the same
/// report read whole in the same windows gives, to the last field: its
/// claims, mentions and skipped lines, and its front matter, language
/// and digest.
#[test]
fn a_report_read_from_its_file_window_by_window_is_the_report_read_whole() {
    for corpus in ["meeting", "toll", "final"] {
        let set = rules_of(corpus);
        let vocab = Vocabulary::new(&set);
        let body = long_report(corpus);
        let crlf = body.replace('\n', "\r\n");
        let with_front = format!("---\ntitle: t\ndate: 2025-05-29\n---\n{body}");
        let with_bom = format!("\u{FEFF}{body}");
        for text in [&body, &crlf, &with_front, &with_bom] {
            let src = source::load("long.txt", text.as_bytes(), u64::MAX).unwrap();
            for window in [300, 2048, 8192, usize::MAX] {
                let whole =
                    extract::extract_in_windows(&src, Some(&set), Some(&vocab), &|_| true, window);
                let stream::Streamed::Read(s, ex) = streamed(&set, text.as_bytes(), window) else {
                    panic!("{corpus}/{window}: read whole");
                };
                assert_eq!(format!("{whole:?}"), format!("{ex:?}"), "{corpus}/{window}");
                assert!(s.text.is_empty());
                assert_eq!(
                    (s.digest, s.body_start(), s.lang, &s.meta),
                    (src.digest, src.body_start(), src.lang, &src.meta),
                    "{corpus}/{window}"
                );
            }
        }
    }
}

/// What the window reader does not judge goes back to be read whole
/// (which says what is wrong, as for any report).
#[test]
fn a_report_that_is_not_plain_text_is_read_whole() {
    let set = rules_of("meeting");
    let body = long_report("meeting");
    let at = body.len() * 3 / 4;
    let at = (at..).find(|&i| body.is_char_boundary(i)).unwrap();
    let with = |inserted: &[u8]| {
        let mut b = body.as_bytes()[..at].to_vec();
        b.extend_from_slice(inserted);
        b.extend_from_slice(&body.as_bytes()[at..]);
        b
    };
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(body.encode_utf16().flat_map(u16::to_le_bytes));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a NUL late in the file", with(b"\0")),
        ("a byte that is not UTF-8", with(&[0xC3, 0x28])),
        ("UTF-16", utf16),
        ("nothing but spaces", vec![b' '; 5000]),
        (
            "front matter never closed",
            format!("---\ntitle: t\n{body}").into_bytes(),
        ),
    ];
    for (what, bytes) in cases {
        assert!(
            matches!(streamed(&set, &bytes, 512), stream::Streamed::Whole),
            "{what}"
        );
    }
    // A file that gives more or fewer bytes than it said it holds.
    let vocab = Vocabulary::new(&set);
    for size in [body.len() as u64 - 1, body.len() as u64 + 1] {
        let s = stream::extract_streamed_in(
            opened(body.as_bytes(), size),
            Some(&set),
            Some(&vocab),
            &|_| true,
            512,
        );
        assert!(matches!(s, stream::Streamed::Whole), "size {size}");
    }
}

/// A long report read again to be quoted keeps only the lines quoted: what
/// every output reads of them (words, positions, a span's lines, the lines
/// around it the human output shows) is what the whole text gives.
#[test]
fn the_lines_quoted_read_as_the_whole_text() {
    use miette::SourceCode;
    let body = long_report("meeting");
    let texts = [
        body.clone(),
        body.replace('\n', "\r\n"),
        format!("\u{FEFF}{body}"),
        format!("{}\n\n", body.trim_end()),
        body.trim_end().to_string(),
    ];
    let mut seed = 7u64;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n.max(1)
    };
    for text in &texts {
        let src = source::load("long.txt", text.as_bytes(), u64::MAX).unwrap();
        let boundary = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let mut spans: Vec<factlint::span::Span> = (0..40)
            .map(|_| {
                let a = boundary(next(text.len()));
                let b = boundary((a + next(40)).min(text.len()));
                factlint::span::Span::new(a, b)
            })
            .collect();
        // The first and last bytes, and a span at the very end.
        spans.push(factlint::span::Span::new(0, boundary(5)));
        spans.push(factlint::span::Span::new(text.len(), text.len()));
        let open = || opened(text.as_bytes(), text.len() as u64);
        let stream::Quote::Lines(q) = stream::quote(open(), || Some(open()), src.digest, &spans)
        else {
            panic!("not quoted");
        };
        assert!(q.pieces.iter().map(|p| p.text.len()).sum::<usize>() < text.len());
        let mut quoted = src.clone();
        quoted.set_quoted(q);
        let full = factlint::render::Indexed::new("long.txt", std::sync::Arc::from(text.as_str()));
        let part = factlint::render::Indexed {
            name: std::sync::Arc::from("long.txt"),
            text: std::sync::Arc::from(""),
            lines: std::sync::Arc::clone(quoted.lines()),
        };
        for s in &spans {
            assert_eq!(quoted.words(*s), src.words(*s), "{s:?}");
            assert_eq!(quoted.position(s.start), src.position(s.start), "{s:?}");
            assert_eq!(quoted.position(s.end), src.position(s.end), "{s:?}");
            assert_eq!(
                quoted.lines_around(s.start, s.end),
                src.lines_around(s.start, s.end),
                "{s:?}"
            );
            assert_eq!(
                quoted.lines_around(s.start, s.start),
                src.lines_around(s.start, s.start),
                "{s:?}"
            );
            let (a, b) = (
                full.read_span(&(*s).into(), 1, 1).unwrap(),
                part.read_span(&(*s).into(), 1, 1).unwrap(),
            );
            assert_eq!(
                (a.data(), a.line(), a.span(), a.line_count()),
                (b.data(), b.line(), b.span(), b.line_count()),
                "{s:?}"
            );
        }
        // Another file than the one checked is not quoted.
        let other = format!("{text} ");
        let reopen = || opened(other.as_bytes(), other.len() as u64);
        assert!(matches!(
            stream::quote(reopen(), || Some(reopen()), src.digest, &spans),
            stream::Quote::Changed
        ));
    }
    // Lines ended by a lone `\r`: read again whole.
    let cr = body.replace('\n', "\r");
    let src = source::load("long.txt", cr.as_bytes(), u64::MAX).unwrap();
    let open = || opened(cr.as_bytes(), cr.len() as u64);
    let spans = [factlint::span::Span::new(10, 20)];
    assert!(matches!(
        stream::quote(open(), || Some(open()), src.digest, &spans),
        stream::Quote::Whole
    ));
}
