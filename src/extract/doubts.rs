//! Text a careful reader would stop at: a day the calendar does not have
//! (`30 شباط`, `31 April`), a date in the Hijri calendar (`15 رمضان 1445`),
//! a number written in two digit scripts (`٢0٢٣`, a keyboard slip). None of
//! them is compared as a date; a mixed number is still read (its value is
//! plain), but `claims` and `--explain` say what was seen, so a fact-checker
//! knows why a date is missing or a figure deserves a second look.

use serde::Serialize;

use super::cursor::Cursor;
use super::dates;
use super::lexicon::{HIJRI_MONTHS, HIJRI_MONTHS_NEED_YEAR};
use crate::text::segment::TokKind;

/// What made a reader stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doubt {
    /// A day past the end of its month: not read as a date.
    NoSuchDay { day: u8, month: u8 },
    /// A date of the Hijri calendar: not read as a date.
    Hijri,
    /// Digits of two scripts in one number: read, but worth a look.
    MixedDigits,
}

impl Doubt {
    pub fn describe(self) -> String {
        match self {
            Doubt::NoSuchDay { day, month } => {
                let name = crate::value::MONTH_NAMES
                    .get(usize::from(month).saturating_sub(1))
                    .copied()
                    .unwrap_or("?");
                format!("no such day, {day} {name}: not read as a date")
            }
            Doubt::Hijri => "a date of the Hijri calendar: not read as a date".to_string(),
            Doubt::MixedDigits => "a number written in two digit scripts".to_string(),
        }
    }
}

/// A doubtful stretch of text: its tokens (`start..end`) and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doubtful {
    pub tokens: (usize, usize),
    pub why: Doubt,
}

/// The doubtful stretches of a report, in order. `original(i)` is the
/// original text of token `i` (digits are folded in the normalised text).
pub fn detect<'t>(c: &Cursor<'_>, original: impl Fn(usize) -> &'t str) -> Vec<Doubtful> {
    // Most tokens start nothing here: one set lookup rejects them.
    let mut out: Vec<Doubtful> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        // Every doubt holds a number: a day, a year, or mixed digits. A
        // Hijri month named with its year alone (`رمضان 1445`) is found at
        // the year; `April 31` at the word before the number.
        let may_start = c.tok(i).is_some_and(|t| t.kind == TokKind::Num)
            || (c.lang == crate::source::Lang::En && c.num(i + 1).is_some());
        if !may_start {
            i += 1;
            continue;
        }
        let found = impossible_day(c, i)
            .or_else(|| hijri(c, i))
            .or_else(|| hijri_before_year(c, i))
            .or_else(|| mixed_digits(c, i, &original));
        match found {
            Some(d) => {
                i = d.tokens.1.max(i + 1);
                out.push(d);
            }
            None => i += 1,
        }
    }
    out
}

/// `30 شباط`, `31 de abril`, `February 30`, `le 31 juin`.
fn impossible_day(c: &Cursor<'_>, i: usize) -> Option<Doubtful> {
    let no_such = |day: u8, month: u8, start: usize, end: usize| {
        let after = dates::year_after(c, end);
        let (year, end) = (after.map(|(y, _)| y), after.map_or(end, |(_, e)| e));
        (day > dates::last_day(year, month)).then_some(Doubtful {
            tokens: (start, end),
            why: Doubt::NoSuchDay { day, month },
        })
    };
    if c.tok(i)?.kind == TokKind::Num {
        let (day, e) = dates::day_at(c, i)?;
        let (month, end) = dates::month_at(c, dates::skip_links(c, e))?;
        return no_such(day, month, i, end);
    }
    // Month first (English): `February 30`.
    let (month, e) = dates::month_at(c, i)?;
    if c.tok(e)?.kind != TokKind::Num {
        return None;
    }
    let (day, end) = dates::day_at(c, e)?;
    no_such(day, month, i, end)
}

/// A year of the Hijri calendar as news write it (1300–1599).
/// Can a Hijri month's name start at this word? Proclitics only come
/// before a word, so a word that does not end as one of the names ends
/// the test with no lookup: most words.
fn hijri_start(w: &str) -> bool {
    static STARTS: std::sync::LazyLock<super::lexicon::WordSet> = std::sync::LazyLock::new(|| {
        HIJRI_MONTHS
            .iter()
            .chain(HIJRI_MONTHS_NEED_YEAR.iter())
            .filter_map(|p| p.first().cloned())
            .collect()
    });
    static LAST: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<char> = STARTS.iter().filter_map(|s| s.chars().last()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    w.chars()
        .last()
        .is_some_and(|ch| LAST.binary_search(&ch).is_ok())
        && super::lexicon::strip_clitics(w).any(|v| STARTS.contains(v))
}

/// A Hijri month named just before the year at `i` (`رمضان 1445`, `Rabi
/// al-Awwal 1446`), with no day before it.
fn hijri_before_year(c: &Cursor<'_>, i: usize) -> Option<Doubtful> {
    hijri_year(c, i)?;
    let start = HIJRI_MONTHS
        .iter()
        .chain(HIJRI_MONTHS_NEED_YEAR.iter())
        .find_map(|p| {
            let s = i.checked_sub(p.len())?;
            (c.phrase_at(s, p) == Some(i)).then_some(s)
        })?;
    // (With a day before the month, `hijri` found it at the day.)
    hijri(c, start)
}

fn hijri_year(c: &Cursor<'_>, i: usize) -> Option<usize> {
    let y: u16 = c.num(i)?.parse().ok()?;
    (1300..1600).contains(&y).then_some(i + 1)
}

/// `15 رمضان 1445`, `رمضان 1445 هـ`, `10 Muharram`, `صفر 1446`.
fn hijri(c: &Cursor<'_>, i: usize) -> Option<Doubtful> {
    let day = c
        .num(i)
        .and_then(|s| s.parse::<u8>().ok())
        .filter(|d| (1..=30).contains(d));
    let m = if day.is_some() { i + 1 } else { i };
    if !c.word(m).is_some_and(hijri_start) {
        return None;
    }
    let month = |list: &[Vec<String>]| list.iter().find_map(|p| c.phrase_at(m, p));
    let end = if let Some(e) = month(&HIJRI_MONTHS) {
        if day.is_none() && hijri_year(c, e).is_none() {
            return None;
        }
        hijri_year(c, e).unwrap_or(e)
    } else {
        hijri_year(c, month(&HIJRI_MONTHS_NEED_YEAR)?)?
    };
    // The era mark after the year: `1445 هـ`.
    let end = if c.is(end, "هـ") || c.is(end, "ه") {
        end + 1
    } else {
        end
    };
    Some(Doubtful {
        tokens: (i, end),
        why: Doubt::Hijri,
    })
}

/// A number token whose original digits come from two scripts.
fn mixed_digits<'t>(
    c: &Cursor<'_>,
    i: usize,
    original: &impl Fn(usize) -> &'t str,
) -> Option<Doubtful> {
    if c.tok(i)?.kind != TokKind::Num {
        return None;
    }
    let mut scripts = original(i).chars().filter_map(digit_script);
    let first = scripts.next()?;
    scripts.any(|s| s != first).then_some(Doubtful {
        tokens: (i, i + 1),
        why: Doubt::MixedDigits,
    })
}

/// Which digit script a character belongs to: Western, Arabic-Indic or
/// Eastern Arabic-Indic (Persian).
fn digit_script(ch: char) -> Option<u8> {
    match ch {
        '0'..='9' => Some(0),
        '\u{660}'..='\u{669}' => Some(1),
        '\u{6F0}'..='\u{6F9}' => Some(2),
        _ => None,
    }
}
