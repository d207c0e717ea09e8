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

use factlint::extract::{self, Extraction, vocab::Vocabulary};
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
    let src = source::load(0, "long.txt", report.as_bytes(), u64::MAX).unwrap();
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
