//! When a figure is stated for, and who states it.
//!
//! Tolls, arrests and turnout are stated again and again, each time for a
//! later moment: "140 at dawn, 310 at 08:00, 455 at noon". Each figure
//! (number, count, percent) gets the time its sentence gives it: a clock
//! time (`13:00`, `10 a.m.`, `7h00`, `الساعة العاشرة`), a part of a day
//! (`مساء`, `evening`, `soir`), on a day (a weekday, yesterday, today, a
//! date), placed against the report's date. A sentence with no time leaves
//! the report's own date and time (front matter `date`, `time`) as the
//! fallback, marked weaker; with no date anywhere the time stays unplaced,
//! never guessed. Markers of provisional or updated figures (`حصيلة أولية`,
//! `rose to`, `bilan provisoire`) are kept.
//!
//! The authority of a figure is an `org` entry of the vocabulary named with
//! an attribution (`according to the ministry`, `بحسب الوزارة`, `selon
//! l'institut`) or a reporting verb (`said the institute`, `أفادت الوزارة`,
//! `the ministry said`) in the figure's sentence.

use serde::Serialize;

use super::cursor::Cursor;
use super::dates::shift;
use super::lexicon::{
    ATTRIBUTION, DAY_PARTS, HOUR_WORDS, NAMED_DAYS, PROVISIONAL, REPORTING_VERBS, TODAY, TOMORROW,
    YESTERDAY,
};
use super::{Claim, ClaimValue};
use crate::rules::{EntityId, RuleSet};
use crate::span::Span;
use crate::text::segment::TokKind;
use crate::value::Date;

/// When a figure holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Stamp {
    /// The day, once placed against the report's date; `None`: unplaced.
    pub date: Option<Date>,
    /// Minutes after midnight, when a time of day is stated (or the report's
    /// own time stands in).
    pub minutes: Option<u16>,
    /// The words that state it; `None` when the report's own date and
    /// time stand in (weaker).
    pub span: Option<Span>,
    /// The figure is marked provisional or updated.
    pub provisional: bool,
}

/// A time expression found in a sentence: its tokens, day and minutes.
struct Found {
    tokens: (usize, usize),
    day: Option<Day>,
    minutes: Option<u16>,
}

#[derive(Clone, Copy)]
enum Day {
    /// Days after the report's date (yesterday = -1).
    Relative(i64),
    /// The last such weekday on or before the report's date.
    Weekday(u8),
    Date(Date),
}

fn place(day: Option<Day>, anchor: Option<Date>) -> Option<Date> {
    match day {
        Some(Day::Date(d)) if d.year.is_some() => Some(d),
        Some(Day::Date(d)) => anchor.and_then(|a| a.year).map(|y| d.with_year(y)),
        Some(Day::Relative(n)) => shift(anchor?, n),
        Some(Day::Weekday(w)) => {
            let a = anchor?;
            let today = i64::from(a.weekday()?);
            shift(a, -(today - i64::from(w)).rem_euclid(7))
        }
        None => anchor,
    }
}

/// A clock time at `k`: `13:00`, `10 a.m.`, `10am`, `7h00`, `7h`, or the
/// hour after an hour word (`الساعة 10`, `الساعة العاشرة`). Returns the
/// minutes and the end.
fn clock(c: &Cursor<'_>, k: usize) -> Option<(u16, usize)> {
    if c.word_in(k, &HOUR_WORDS) {
        if let Some((m, end)) = clock(c, k + 1) {
            return Some((m, end));
        }
        let o = super::numbers::ordinal(c, k + 1).or_else(|| {
            super::numbers::cardinal(c, k + 1).map(|f| super::numbers::Found {
                value: f.value as u32,
                start: f.start,
                end: f.end,
                via: f.via,
            })
        })?;
        return (1..=24)
            .contains(&o.value)
            .then(|| ((o.value % 24) as u16 * 60, o.end));
    }
    clock_digits(c, k)
}

/// A clock time written with digits at `k`: `13:00`, `7h00`, `7h`, `10
/// a.m.`, `10am`. Returns the minutes and the end.
pub fn clock_digits(c: &Cursor<'_>, k: usize) -> Option<(u16, usize)> {
    let h: u16 = c.num(k).filter(|n| n.len() <= 2)?.parse().ok()?;
    if h > 24 {
        return None;
    }
    // 13:00
    if c.is(k + 1, ":") && c.glued(k + 1) {
        let m: u16 = c.num(k + 2).filter(|n| n.len() == 2)?.parse().ok()?;
        return (m < 60).then_some(((h % 24) * 60 + m, k + 3));
    }
    // 7h00, 7h
    if let Some(w) = c.word(k + 1).filter(|_| c.glued(k + 1))
        && let Some(rest) = w.strip_prefix('h')
    {
        let m: u16 = if rest.is_empty() {
            c.num(k + 2)
                .filter(|n| n.len() == 2 && c.glued(k + 2))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        } else {
            rest.parse().ok()?
        };
        let end = if rest.is_empty() && c.num(k + 2).is_some() && c.glued(k + 2) {
            k + 3
        } else {
            k + 2
        };
        return (m < 60).then_some(((h % 24) * 60 + m, end));
    }
    // 10 a.m., 10am, 10 pm
    let ampm = |j: usize| -> Option<(bool, usize)> {
        match c.word(j)? {
            "am" => Some((false, j + 1)),
            "pm" => Some((true, j + 1)),
            "a" | "p" if c.is(j + 1, ".") && c.word(j + 2) == Some("m") => {
                let end = if c.is(j + 3, ".") { j + 4 } else { j + 3 };
                Some((c.word(j) == Some("p"), end))
            }
            _ => None,
        }
    };
    let (pm, end) = ampm(k + 1)?;
    let h = match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    (h < 24).then_some((h * 60, end))
}

/// A day at `k`: yesterday / today / tomorrow, or a weekday.
fn day_at(c: &Cursor<'_>, k: usize) -> Option<Day> {
    // (Most words name no day: one lookup rather than four.)
    if !c.word_in(k, &NAMED_DAYS) {
        return None;
    }
    if c.word_in(k, &YESTERDAY) {
        return Some(Day::Relative(-1));
    }
    if c.word_in(k, &TODAY) {
        return Some(Day::Relative(0));
    }
    if c.word_in(k, &TOMORROW) {
        return Some(Day::Relative(1));
    }
    super::dates::weekday_at(c, k).map(|(w, _)| Day::Weekday(w))
}

/// Every time expression of the sentence `(a, b)`, with the dates already
/// read there.
fn times(c: &Cursor<'_>, (a, b): (usize, usize), dates: &[(usize, Date)]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut k = a;
    while k < b {
        let part = c
            .word(k)
            .and_then(|w| super::lexicon::strip_clitics(w).find_map(|v| DAY_PARTS.get(v).copied()));
        let found = if let Some((m, end)) = clock(c, k) {
            Some((m, k, end))
        } else {
            part.map(|m| (m, k, k + 1))
        };
        let Some((mut minutes, start, mut end)) = found else {
            k += 1;
            continue;
        };
        // `الساعة الثامنة مساء`, `8 in the evening`: a part of the day after
        // an hour sets the half of the day.
        if part.is_none()
            && let Some(p) = c.word(end).and_then(|w| {
                super::lexicon::strip_clitics(w).find_map(|v| DAY_PARTS.get(v).copied())
            })
        {
            if p >= 900 && minutes < 720 {
                minutes += 720;
            }
            end += 1;
        }
        // A day just before or after (`مساء الأحد`, `Sunday evening`,
        // `samedi soir`, `hier soir`, `yesterday at 10 a.m.`).
        let near = [
            start.checked_sub(1),
            Some(end),
            start.checked_sub(2),
            Some(end + 1),
        ];
        let day = near
            .into_iter()
            .flatten()
            .filter(|&j| j >= a && j < b)
            .find_map(|j| day_at(c, j))
            .or_else(|| {
                dates
                    .iter()
                    .filter(|(t, _)| *t + 6 >= start && *t <= end + 6)
                    .map(|(_, d)| Day::Date(*d))
                    .next()
            });
        out.push(Found {
            tokens: (start, end),
            day,
            minutes: Some(minutes),
        });
        k = end;
    }
    // No time of day: a day alone (`on Sunday`, `yesterday`, a date) still
    // says which day the figure holds for.
    if out.is_empty() {
        let day = (a..b)
            .find_map(|j| day_at(c, j).map(|d| (j, j + 1, d)))
            .or_else(|| dates.first().map(|(t, d)| (*t, *t + 1, Day::Date(*d))));
        if let Some((start, end, d)) = day {
            out.push(Found {
                tokens: (start, end),
                day: Some(d),
                minutes: None,
            });
        }
    }
    out
}

fn is_figure(cl: &Claim) -> bool {
    matches!(
        cl.value,
        ClaimValue::Number { .. } | ClaimValue::Count { .. } | ClaimValue::Percent { .. }
    )
}

/// The token distance between two token ranges.
fn gap(x: (usize, usize), y: (usize, usize)) -> usize {
    if x.1 <= y.0 {
        y.0 - x.1
    } else {
        x.0.saturating_sub(y.1)
    }
}

/// Stamps and authorities for every figure of a document.
pub struct Report<'a> {
    pub anchor: Option<Date>,
    pub time: Option<u16>,
    pub rules: Option<&'a RuleSet>,
    /// Token span of the original text of a token range.
    pub span_of: &'a dyn Fn(usize, usize) -> Span,
}

impl Report<'_> {
    pub fn stamp(&self, c: &Cursor<'_>, claims: &mut [Claim]) {
        let mut i = 0;
        while i < claims.len() {
            let Some(sentence) = claims.get(i).map(|cl| cl.sentence) else {
                break;
            };
            let mut j = i;
            while claims.get(j).is_some_and(|cl| cl.sentence == sentence) {
                j += 1;
            }
            self.sentence(c, claims.get_mut(i..j).unwrap_or_default());
            i = j;
        }
    }

    fn sentence(&self, c: &Cursor<'_>, claims: &mut [Claim]) {
        if !claims.iter().any(is_figure) {
            return;
        }
        let Some(first) = claims.first().map(|cl| cl.tokens.0) else {
            return;
        };
        if c.tok(first).is_none() {
            return;
        }
        let (a, b) = c.sentence_tokens(first);
        let dates: Vec<(usize, Date)> = claims
            .iter()
            .filter_map(|cl| match &cl.value {
                ClaimValue::Date { value } => Some((cl.tokens.0, value.range.from)),
                _ => None,
            })
            .collect();
        let found = times(c, (a, b), &dates);
        let provisional = (a..b).any(|k| c.word_in(k, &PROVISIONAL));
        let authorities: Vec<((usize, usize), EntityId)> = self
            .rules
            .map(|r| {
                claims
                    .iter()
                    .filter_map(|cl| match cl.value {
                        ClaimValue::Entity { entity }
                            if r.entity(entity).is_some_and(|e| e.kind == "org") =>
                        {
                            Some((cl.tokens, entity))
                        }
                        _ => None,
                    })
                    .filter(|(t, _)| attributed(c, *t, (a, b)))
                    .collect()
            })
            .unwrap_or_default();
        for cl in claims.iter_mut().filter(|cl| is_figure(cl)) {
            let at = found.iter().min_by_key(|f| gap(f.tokens, cl.tokens));
            cl.at = Some(match at {
                Some(f) => Stamp {
                    date: place(f.day, self.anchor),
                    minutes: f.minutes,
                    span: Some((self.span_of)(f.tokens.0, f.tokens.1)),
                    provisional,
                },
                None => Stamp {
                    date: self.anchor,
                    minutes: self.time,
                    span: None,
                    provisional,
                },
            });
            cl.by = authorities
                .iter()
                .min_by_key(|(t, _)| gap(*t, cl.tokens))
                .map(|(_, e)| *e);
        }
    }
}

/// Is the entity at `t` named as a source: after an attribution or a
/// reporting verb (within four tokens), or followed by a reporting verb?
fn attributed(c: &Cursor<'_>, t: (usize, usize), (a, _): (usize, usize)) -> bool {
    let before = (t.0.saturating_sub(4).max(a)..t.0).any(|k| {
        c.word_in(k, &REPORTING_VERBS) || ATTRIBUTION.iter().any(|p| c.phrase_at(k, p).is_some())
    });
    let after = (t.1..t.1 + 3).any(|k| {
        c.tok(k).is_some_and(|x| x.kind == TokKind::Word) && c.word_in(k, &REPORTING_VERBS)
    });
    before || after
}
