//! Page furniture: the lines of a web page that are not the article.
//! "Read also" blocks and the headlines under them, photo captions,
//! embedded posts, comment and share counters, cookie notices, and the
//! date-time line of the byline. Their figures and names are about other
//! stories or about the page, so the recognisers skip them; `claims` and
//! `--explain` say what was skipped and why.
//!
//! A paragraph here is a line (as the segmenter makes them).

use serde::Serialize;

use super::cursor::Cursor;
use super::lexicon::{
    BYLINE_MARKS, CAPTION_MARKS, COOKIE_WORDS, COUNTER_WORDS, READ_ALSO, WordSet,
};
use crate::text::segment::TokKind;

/// Why a line is furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Furniture {
    /// A "read also" line, or a headline listed under one.
    ReadAlso,
    /// A photo caption or credit.
    Caption,
    /// An embedded post (a tweet and its attribution line).
    Embed,
    /// A counter of comments, shares or views.
    Counter,
    /// A cookie or consent notice.
    Cookies,
    /// The date and time the page was published or updated.
    Byline,
}

impl Furniture {
    pub fn describe(self) -> &'static str {
        match self {
            Furniture::ReadAlso => "a \"read also\" block: other stories",
            Furniture::Caption => "a photo caption or credit",
            Furniture::Embed => "an embedded post",
            Furniture::Counter => "a counter of comments, shares or views",
            Furniture::Cookies => "a cookie notice",
            Furniture::Byline => "the date and time of publication",
        }
    }
}

/// A skipped line: its tokens and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Skipped {
    pub tokens: (usize, usize),
    pub why: Furniture,
}

/// Headlines under a bare "read also" line: at most this many lines.
const HEADLINES_AFTER_MARK: usize = 3;
/// A headline is short and does not end a sentence.
const HEADLINE_MAX_WORDS: usize = 20;
/// A counter, a byline line: a few tokens at most.
const COUNTER_MAX_TOKENS: usize = 5;
const BYLINE_MAX_TOKENS: usize = 14;
const COOKIE_MAX_TOKENS: usize = 60;

/// The lines of the document, as token ranges.
fn lines(c: &Cursor<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(t) = c.tok(i) {
        let p = t.paragraph;
        let mut j = i;
        while c.tok(j).is_some_and(|u| u.paragraph == p) {
            j += 1;
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// The line opens with one of `phrases` used as a label: followed by a
/// colon or a dash, or alone on a short line, or inside an opening
/// parenthesis (`(صورة أرشيفية)`). A sentence that merely starts with the
/// word (`Related talks will…`) is not a label.
fn labelled(c: &Cursor<'_>, (a, b): (usize, usize), phrases: &[Vec<String>]) -> bool {
    // Skip opening punctuation (`(صورة`, `— `, `» `).
    let mut k = a;
    while k < b && c.tok(k).is_some_and(|t| t.kind == TokKind::Punct) {
        k += 1;
    }
    // One lookup rejects the lines no label opens: most lines.
    static FIRST_WORDS: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| {
        READ_ALSO
            .iter()
            .chain(CAPTION_MARKS.iter())
            .chain(BYLINE_MARKS.iter())
            .filter_map(|p| p.first().cloned())
            .collect()
    });
    if !c.any_in(k, &FIRST_WORDS) {
        return false;
    }
    let bracketed = k > a && c.is(a, "(");
    phrases.iter().any(|p| {
        c.phrase_at(k, p).is_some_and(|end| {
            bracketed
                || matches!(c.str(end), ":" | "|" | "-" | "–" | "—" | "»" | "›" | ">")
                || words_in(c, (a, b)) <= 4
        })
    })
}

fn contains(c: &Cursor<'_>, (a, b): (usize, usize), words: &WordSet) -> bool {
    (a..b).any(|k| c.word_in(k, words))
}

fn words_in(c: &Cursor<'_>, (a, b): (usize, usize)) -> usize {
    (a..b)
        .filter(|&k| c.tok(k).is_some_and(|t| t.kind == TokKind::Word))
        .count()
}

/// `18:40`, `6h30` (a clock time) inside the line.
fn has_clock(c: &Cursor<'_>, (a, b): (usize, usize)) -> bool {
    (a..b).any(|k| {
        c.num(k).is_some_and(|n| n.len() <= 2)
            && (c.is(k + 1, ":") || c.is(k + 1, "h"))
            && c.glued(k + 1)
            && c.num(k + 2).is_some_and(|n| n.len() == 2)
            && c.glued(k + 2)
    })
}

fn ends_sentence(c: &Cursor<'_>, (_, b): (usize, usize)) -> bool {
    b.checked_sub(1)
        .is_some_and(|k| matches!(c.str(k), "." | "!" | "؟" | "?"))
}

fn looks_like_headline(c: &Cursor<'_>, line: (usize, usize)) -> bool {
    let n = words_in(c, line);
    (1..=HEADLINE_MAX_WORDS).contains(&n) && !ends_sentence(c, line)
}

/// Why a line is furniture, if it is.
fn classify(c: &Cursor<'_>, line: (usize, usize)) -> Option<Furniture> {
    let (a, b) = line;
    let tokens = b - a;
    if labelled(c, line, &READ_ALSO) {
        return Some(Furniture::ReadAlso);
    }
    if labelled(c, line, &CAPTION_MARKS) || c.is(a, "©") {
        return Some(Furniture::Caption);
    }
    // The line's text, searched once.
    let text = match (c.tok(a), b.checked_sub(1).and_then(|z| c.tok(z))) {
        (Some(x), Some(y)) => c.text.get(x.start as usize..y.end as usize).unwrap_or(""),
        _ => "",
    };
    if text.contains("twitter.com")
        || text.contains("t.co/")
        || (c.is(a, "—") || c.is(a, "-")) && text.contains('@')
    {
        return Some(Furniture::Embed);
    }
    // A counter is its words and numbers (`12 comments`, `تعليقات 3`,
    // `Partager`), with at most one other word: `بمشاركة دولتين فقط` is a
    // sentence ("with two countries taking part"), not a counter.
    let other_words = || {
        (line.0..line.1)
            .filter(|&k| c.word(k).is_some() && !c.word_in(k, &COUNTER_WORDS))
            .count()
    };
    if tokens <= COUNTER_MAX_TOKENS && contains(c, line, &COUNTER_WORDS) && other_words() <= 1 {
        return Some(Furniture::Counter);
    }
    // (Cookie notices are short: the words are looked up as written.)
    if tokens <= COOKIE_MAX_TOKENS && (a..b).any(|k| COOKIE_WORDS.contains(c.str(k))) {
        return Some(Furniture::Cookies);
    }
    let dated = || {
        (a..b).any(|k| {
            c.num(k).is_some_and(|n| n.len() == 4) || super::dates::month_at(c, k).is_some()
        })
    };
    if tokens <= BYLINE_MAX_TOKENS
        && ((has_clock(c, line) && !ends_sentence(c, line) && dated())
            || labelled(c, line, &BYLINE_MARKS))
    {
        return Some(Furniture::Byline);
    }
    None
}

/// Every furniture line of a document, in order.
pub fn detect(c: &Cursor<'_>) -> Vec<Skipped> {
    let lines = lines(c);
    let mut out: Vec<Skipped> = Vec::new();
    let mut k = 0;
    while let Some(&line) = lines.get(k) {
        k += 1;
        let Some(why) = classify(c, line) else {
            continue;
        };
        out.push(Skipped { tokens: line, why });
        // A counter's label alone on its line (`تعليقات`), its number on
        // the next: both are the counter.
        let has_number = (line.0..line.1).any(|k| c.num(k).is_some());
        if why == Furniture::Counter
            && !has_number
            && let Some(&next) = lines.get(k)
            && next.1 == next.0 + 1
            && c.num(next.0).is_some()
        {
            out.push(Skipped {
                tokens: next,
                why: Furniture::Counter,
            });
            k += 1;
            continue;
        }
        // A "read also" mark alone on its line: the headlines under it
        // belong to the block.
        if why == Furniture::ReadAlso && words_in(c, line) <= 4 {
            let mut taken = 0;
            while taken < HEADLINES_AFTER_MARK
                && let Some(&next) = lines.get(k)
                && looks_like_headline(c, next)
            {
                out.push(Skipped {
                    tokens: next,
                    why: classify(c, next).unwrap_or(Furniture::ReadAlso),
                });
                k += 1;
                taken += 1;
            }
        }
    }
    out
}

/// Is token `i` inside a skipped line? (`skipped` is in order.)
pub fn skips(skipped: &[Skipped], i: usize) -> bool {
    let at = skipped.partition_point(|s| s.tokens.1 <= i);
    skipped.get(at).is_some_and(|s| s.tokens.0 <= i)
}
