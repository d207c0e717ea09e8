//! Recognisers for dates, ranges of days and weekdays, over tokens.
//!
//! Forms read: `27 ماي 2025`, `من 27 إلى 29 من ماي الجاري`, `27-29 May`,
//! `du 3 au 5 mars`, `from 3 to 5 March`, `March 3, 2025`, `March 3-5`,
//! `الثالث من آذار`, `3 آذار/مارس`, `13 تموز الى 15 تموز`, `27/05/2025`,
//! `2025-05-27`, month and year (`ماي 2024`, `شهر ماي`), a year after
//! `عام`/`year`, and a weekday before any of them (`يوم الاثنين 3 مارس`,
//! `Monday, March 3, 2025`). A date without a year takes the year of the
//! report's date when the report has one.

use serde::Serialize;

use crate::value::{Date, DateRange};

use super::cursor::Cursor;
use super::lexicon::{
    CURRENT_MONTH, DATE_OPENERS, DAY_AFTER_TOMORROW, DAY_BEFORE_YESTERDAY, DAY_MONTH_LINKS,
    DAY_WORDS, DETERMINERS, LAST_WORDS, MONTH_PREPOSITIONS, MONTH_WORDS, MONTHS_BY_FIRST,
    NEXT_WORDS, RANGE_CONNECTORS, RANGE_OPENERS, RELATIVE_STARTERS, TODAY, TOMORROW, WEEKDAYS,
    WordSet, YEAR_WORDS, YESTERDAY, strip_clitics,
};
use super::numbers::{Found, cardinal, ordinal};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Day,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DateValue {
    pub range: DateRange,
    pub grain: Grain,
    /// The weekday written with the date, if any (Monday = 0).
    pub weekday: Option<u8>,
}

/// A month at `i`: a name (one or two words, proclitics allowed on the
/// first, a double form `آذار/مارس` read as one), or `شهر` with its number
/// (`شهر 3`, `شهر ثلاثة`, `الشهر الثامن`). Returns the month and the end.
pub fn month_at(c: &Cursor<'_>, i: usize) -> Option<(u8, usize)> {
    if c.word(i).is_some_and(|w| {
        strip_clitics(w).any(|v| {
            MONTH_WORDS.contains(v)
                || v.strip_prefix("ال")
                    .is_some_and(|b| MONTH_WORDS.contains(b))
        })
    }) {
        // `شهر مارس`, `le mois de mars`, `the month of March`
        if let Some(found) = month_name_at(c, skip_links(c, i + 1)) {
            return Some(found);
        }
        let n = c
            .num(i + 1)
            .and_then(|s| s.parse::<u8>().ok())
            .map(|n| (n, i + 2))
            .or_else(|| {
                super::numbers::cardinal(c, i + 1)
                    .filter(|f| f.value.fract() == 0.0)
                    .map(|f| (f.value as u8, f.end))
            })
            .or_else(|| ordinal(c, i + 1).map(|f| (f.value.min(255) as u8, f.end)));
        return n.filter(|(m, _)| (1..=12).contains(m));
    }
    month_name_at(c, i)
}

/// `month_at` for `شهر` + a month name: says whether `شهر` was there.
fn month_with_word(c: &Cursor<'_>, i: usize) -> Option<(u8, usize, bool)> {
    let shahr = c
        .word(i)
        .is_some_and(|w| strip_clitics(w).any(|v| MONTH_WORDS.contains(v)));
    month_at(c, i).map(|(m, e)| (m, e, shahr))
}

fn month_name_at(c: &Cursor<'_>, i: usize) -> Option<(u8, usize)> {
    let first = c.word(i)?;
    let (m, mut end) = strip_clitics(first).find_map(|v| {
        MONTHS_BY_FIRST.get(v)?.iter().find_map(|(words, m)| {
            let mut j = i + 1;
            for w in words.iter().skip(1) {
                if !c.is(j, w) {
                    return None;
                }
                j += 1;
            }
            Some((*m, j))
        })
    })?;
    // Double form: آذار/مارس, the second must name the same month.
    if c.is(end, "/")
        && let Some((m2, e2)) = MONTHS_BY_FIRST
            .get(c.str(end + 1))
            .into_iter()
            .flatten()
            .find_map(|(words, m2)| {
                let mut j = end + 1;
                for w in words {
                    if !c.is(j, w) {
                        return None;
                    }
                    j += 1;
                }
                Some((*m2, j))
            })
        && m2 == m
    {
        end = e2;
    }
    // Abbreviations may carry a full stop (`Mar.`); a short full name
    // (`May.`, `juin.`) ends its sentence there.
    const SHORT_FULL_NAMES: [&str; 6] = ["may", "june", "july", "mai", "juin", "mars"];
    if c.is(end, ".")
        && c.word(i).is_some_and(|w| {
            w.len() <= 4 && w.is_ascii() && !SHORT_FULL_NAMES.contains(&w.to_lowercase().as_str())
        })
        && c.glued(end)
    {
        end += 1;
    }
    Some((m, end))
}

/// A day of the month at `i`: digits 1–31, or an ordinal (`الثالث`, `1er`).
pub(super) fn day_at(c: &Cursor<'_>, i: usize) -> Option<(u8, usize)> {
    if let Some(s) = c.num(i) {
        if s.len() > 2 || s.contains(['.', ',']) {
            return None;
        }
        let d: u8 = s.parse().ok()?;
        // `3rd`, `1er`, `10e`, `3eme`
        let end = match c.word(i + 1) {
            Some("st" | "nd" | "rd" | "th" | "er" | "e" | "eme" | "ieme") if c.glued(i + 1) => {
                i + 2
            }
            _ => i + 1,
        };
        // `3eme jour d'octobre`
        let end = if end == i + 2 && c.is_in(end, &DAY_WORDS) {
            end + 1
        } else {
            end
        };
        return (1..=31).contains(&d).then_some((d, end));
    }
    let o = ordinal(c, i)?;
    if o.via != "ordinal words" {
        return None;
    }
    // `ثالث يوم من شهر عشرة`: the third day of the tenth month
    let end = if c.is_in(o.end, &DAY_WORDS) {
        o.end + 1
    } else {
        o.end
    };
    (1..=31).contains(&o.value).then_some((o.value as u8, end))
}

fn year_at(c: &Cursor<'_>, i: usize) -> Option<(i16, usize)> {
    let s = c.num(i)?;
    if s.len() != 4 {
        return None;
    }
    let y: i16 = s.parse().ok()?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    let end = if c.word(i + 1).is_some_and(|w| w == "م") {
        i + 2
    } else {
        i + 1
    };
    Some((y, end))
}

/// Optional `,` then a year, or a year word then a year.
pub(super) fn year_after(c: &Cursor<'_>, i: usize) -> Option<(i16, usize)> {
    let j = if c.is(i, ",") || c.is(i, "،") {
        i + 1
    } else {
        i
    };
    if let Some(y) = year_at(c, j) {
        return Some(y);
    }
    if c.word_in(j, &YEAR_WORDS) {
        return year_at(c, j + 1);
    }
    None
}

pub(super) fn skip_links(c: &Cursor<'_>, mut i: usize) -> usize {
    let mut n = 0;
    while n < 2 && c.word_in(i, &DAY_MONTH_LINKS) {
        i += 1;
        n += 1;
        // `d'octobre`
        if matches!(c.str(i), "'" | "’") && c.glued(i) {
            i += 1;
        }
    }
    i
}

/// A day inside a range, after its opener or connector: `the 15th`, `le
/// 15`, `dimanche 15`, `le samedi 13`, and a day in words (`quinze`,
/// `dix`): the day and the end.
fn day_in_range(c: &Cursor<'_>, mut k: usize) -> Option<(u8, usize)> {
    if c.word(k).is_some_and(|w| DETERMINERS.contains(w)) {
        k += 1;
    }
    if c.word(k).is_some_and(|w| WEEKDAYS.contains_key(w)) && c.same_sentence(k, k + 1) {
        k += 1;
    }
    if let Some(d) = day_at(c, k) {
        return Some(d);
    }
    let n = cardinal(c, k)?;
    (n.via == "number words" && n.start == k && n.value.fract() == 0.0)
        .then_some(n.value as u8)
        .filter(|d| (1..=31).contains(d))
        .map(|d| (d, n.end))
}

/// A connector between the two days of a range at `k` (`au`, `to`, `-`,
/// `jusqu'au`): where the second day starts.
fn connector_end(c: &Cursor<'_>, k: usize) -> Option<usize> {
    if !c.any_in(k, &RANGE_CONNECTORS) || !c.same_sentence(k, k + 1) {
        return None;
    }
    let mut e = k + 1;
    if matches!(c.str(e), "'" | "’") && c.glued(e) {
        e += 1;
        if c.is(e, "au") {
            e += 1;
        }
    }
    Some(e)
}

pub(super) fn last_day(year: Option<i16>, month: u8) -> u8 {
    (28..=31u8)
        .rev()
        .find(|&d| Date::new(year.or(Some(2024)), month, d).is_some())
        .unwrap_or(28)
}

/// A date claim covering `from..=to`, read from tokens `start..end`.
fn found(
    from: Date,
    to: Date,
    grain: Grain,
    start: usize,
    end: usize,
    via: &'static str,
) -> Found<DateValue> {
    Found {
        value: DateValue {
            range: DateRange { from, to },
            grain,
            weekday: None,
        },
        start,
        end,
        via,
    }
}

/// The day and month of `a/b`: the order that reads (a month is at most
/// 12); when both do, month first in English reports (`2/15`, `10/31`),
/// day first elsewhere (`15/2`, `21/09`).
fn day_and_month(c: &Cursor<'_>, a: u32, b: u32) -> Option<(u8, u8)> {
    let ok = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    let month_first = c.lang == crate::source::Lang::En;
    match (ok(a, b), ok(b, a)) {
        (true, true) if month_first => Some((b as u8, a as u8)),
        (true, _) => Some((a as u8, b as u8)),
        (false, true) => Some((b as u8, a as u8)),
        (false, false) => None,
    }
}

/// A date or range of days starting at `i`. `anchor` is the report's date.
pub fn date(c: &Cursor<'_>, i: usize, anchor: Option<Date>) -> Option<Found<DateValue>> {
    if let Some(a) = anchor
        && c.word_in(i, &RELATIVE_STARTERS)
        && let Some(f) = relative(c, i, a)
    {
        return Some(f);
    }
    let opened = c.word_in(i, &RANGE_OPENERS);
    let j = if opened { i + 1 } else { i };
    let resolve_year = |explicit: Option<i16>| explicit.or(anchor.and_then(|d| d.year));
    // `ماي الماضي`, `mai dernier`, `last May`: the last such month before
    // the report's; `المقبل`, `prochain`, `next`: the first after it.
    let shifted_year = |m: u8, last: bool| -> Option<i16> {
        let a = anchor?;
        let ay = a.year?;
        Some(match (last, m < a.month, m > a.month) {
            (true, true, _) => ay,
            (true, false, _) => ay - 1,
            (false, _, true) => ay,
            (false, _, false) => ay + 1,
        })
    };
    let last_or_next = |k: usize| -> Option<bool> {
        if c.word_in(k, &LAST_WORDS) {
            Some(true)
        } else if c.word_in(k, &NEXT_WORDS) {
            Some(false)
        } else {
            None
        }
    };
    // A day with no year takes the report's year, unless it is across the
    // turn of a year from the report: `5 January` in a report of 30
    // December is next year's, `28 December` in a report of 3 January last
    // year's (more than half a year away in the report's year, within two
    // months in the other).
    let nearest_year = |explicit: Option<i16>, m: u8, d: u8| -> Option<i16> {
        explicit.or_else(|| {
            let a = anchor?;
            let ay = a.year?;
            let at = day_number(a)?;
            let away = |y: i16| {
                Date::new(Some(y), m, d)
                    .and_then(day_number)
                    .map_or(i64::MAX, |n| (n - at).abs())
            };
            if away(ay) <= 183 {
                return Some(ay);
            }
            [ay + 1, ay - 1]
                .into_iter()
                .find(|y| away(*y) <= 61)
                .or(Some(ay))
        })
    };
    let mk = |y: Option<i16>, m: u8, d: u8| Date::new(y, m, d);

    // `2 / 15`, `15 / 2`: a day and month around a spaced slash, only
    // when which is the day is plain (see `day_month_pair`).
    if let (Some(a), Some(b)) = (c.num(j), c.num(j + 2))
        && c.is(j + 1, "/")
        && !c.glued(j + 1)
        && !c.glued(j + 2)
        && c.same_sentence(j, j + 2)
        && let Some(f) = day_month_pair(c, j, (a, b), false, resolve_year(None))
    {
        return Some(f);
    }
    // Numeric: 27/05/2025, 2025-05-27, 05/2025
    if let Some(a) = c.num(j)
        && (c.is(j + 1, "/") || c.is(j + 1, "-") || c.is(j + 1, "."))
        && c.glued(j + 1)
        && c.glued(j + 2)
        && let Some(b) = c.num(j + 2)
    {
        let sep = c.str(j + 1);
        if c.is(j + 3, sep)
            && c.glued(j + 3)
            && c.glued(j + 4)
            && let Some(y) = c.num(j + 4)
        {
            let (a, b, y): (u32, u32, u32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
            let date = if a > 999 {
                mk(Some(a as i16), b as u8, y as u8) // ISO y-m-d
            } else if sep == "/" && y < 100 || y > 999 {
                // d/m/y; m/d/y when only that reads (or in English);
                // `74` is 1974, `13` is 2013.
                let y = if y < 100 {
                    if y < 50 { 2000 + y } else { 1900 + y }
                } else {
                    y
                } as i16;
                let (d, m) = day_and_month(c, a, b)?;
                mk(Some(y), m, d)
            } else {
                None
            };
            if let Some(d) = date {
                return Some(found(d, d, Grain::Day, j, j + 5, "numeric date"));
            }
        }
        let opened = j > 0 && c.word_in(j - 1, &DATE_OPENERS);
        if sep == "/"
            && let Some(f) = day_month_pair(c, j, (a, b), opened, resolve_year(None))
        {
            return Some(f);
        }
        if sep == "/" && (b.len() == 4 || a.len() == 4 && b.len() <= 2) {
            // `05/2025`, `2025/05`
            let (m, y) = if b.len() == 4 { (a, b) } else { (b, a) };
            let (m, y): (u8, i16) = (m.parse().ok()?, y.parse().ok()?);
            if (1..=12).contains(&m) && (1000..=2999).contains(&y) {
                return whole_month(Some(y), m, (j, j + 3), "numeric month/year");
            }
        }
    }

    // Day first: [من] D1 [الى D2] [من] [شهر] M [Y | الجاري]
    let first_day = if opened {
        day_in_range(c, j)
    } else {
        day_at(c, j)
    };
    if let Some((d1, e1)) = first_day {
        let mut d2: Option<(u8, usize)> = None;
        if let Some(k) = connector_end(c, e1) {
            d2 = day_in_range(c, k);
        }
        let after_days = d2.map_or(e1, |(_, e)| e);
        // `31/Oct/1974`, `31-Oct-74`
        if d2.is_none()
            && matches!(c.str(e1), "/" | "-")
            && c.glued(e1)
            && c.glued(e1 + 1)
            && let Some((m, me)) = month_name_at(c, e1 + 1)
            && c.is(me, c.str(e1))
            && c.glued(me)
            && c.glued(me + 1)
            && let Some(y) = c.num(me + 1).and_then(two_or_four_digit_year)
            && let Some(d) = mk(Some(y), m, d1)
        {
            return Some(found(
                d,
                d,
                Grain::Day,
                j,
                me + 2,
                "numeric day, month name, year",
            ));
        }
        let k = skip_links(c, after_days);
        if let Some((m, mut end)) = month_at(c, k) {
            // A second month: 13 تموز الى 15 تموز, 30 May to 2 June
            let mut m2 = m;
            let mut d2 = d2;
            if d2.is_none()
                && let Some(k2) = connector_end(c, end)
                && let Some((dd, e)) = day_in_range(c, k2)
                && let Some((mm, e2)) = month_at(c, skip_links(c, e))
            {
                d2 = Some((dd, e));
                m2 = mm;
                end = e2;
            }
            let mut year = None;
            if let Some((y, e)) = year_after(c, end) {
                year = Some(y);
                end = e;
            } else if c.word_in(end, &CURRENT_MONTH) {
                end += 1;
            } else if let Some(last) = last_or_next(end)
                && let Some(y) = shifted_year(m, last)
            {
                year = Some(y);
                end += 1;
            }
            let y = nearest_year(year, m, d1);
            let from = mk(y, m, d1)?;
            let to = match d2 {
                // `28 décembre au 9 janvier`: the range runs into next year
                Some((dd, _)) if year.is_none() && (m2, dd) < (m, d1) => {
                    mk(y.map(|y| y + 1), m2, dd)?
                }
                Some((dd, _)) => mk(y, m2, dd)?,
                None => from,
            };
            if to < from && y.is_some() {
                return None;
            }
            return Some(found(
                from,
                to,
                Grain::Day,
                if opened { i } else { j },
                end,
                "day and month",
            ));
        }
        // [من] D1 [الى D2] من الشهر الجاري
        {
            let k = skip_links(c, after_days);
            let this_month = (c.is(k, "الشهر") && c.word_in(k + 1, &CURRENT_MONTH))
                || (c.is(k, "هذا") && c.is(k + 1, "الشهر"))
                || (c.is(k, "this") && c.is(k + 1, "month"))
                || (c.is(k, "ce") && c.is(k + 1, "mois"));
            if this_month && let Some(a) = anchor {
                let from = mk(a.year, a.month, d1)?;
                let to = match d2 {
                    Some((dd, _)) => mk(a.year, a.month, dd)?,
                    None => from,
                };
                return Some(found(
                    from,
                    to,
                    Grain::Day,
                    if opened { i } else { j },
                    k + 2,
                    "day of the current month",
                ));
            }
        }
    }

    // `last May`, `next March`
    if let Some(last) = last_or_next(j)
        && let Some((m, end, false)) = month_with_word(c, j + 1)
        && day_at(c, end).is_none()
        && let Some(y) = shifted_year(m, last)
    {
        return whole_month(Some(y), m, (j, end), "month before or after the report's");
    }

    // Month first: M D1[-D2][, Y] | [شهر] M [Y | الجاري]
    if let Some((m, end, shahr)) = month_with_word(c, j) {
        // `february the 15th`
        let day = day_at(c, end).or_else(|| {
            c.word(end)
                .is_some_and(|w| DETERMINERS.contains(w))
                .then(|| day_at(c, end + 1))
                .flatten()
        });
        if !shahr && let Some((d1, e1)) = day {
            let mut d2 = None;
            let mut e = e1;
            let mut m2 = m;
            if let Some(k) = connector_end(c, e1) {
                // `July 13 - July 15`, `Aug 8 - Aug 12`
                let (mm, k) = match month_name_at(c, k) {
                    Some((mm, ke)) => (mm, ke),
                    None => (m, k),
                };
                if let Some((dd, ee)) = day_at(c, k) {
                    d2 = Some(dd);
                    m2 = mm;
                    e = ee;
                }
            }
            let mut year = None;
            if let Some((y, ye)) = year_after(c, e) {
                year = Some(y);
                e = ye;
            }
            let y = nearest_year(year, m, d1);
            let from = mk(y, m, d1)?;
            let to = match d2 {
                Some(dd) => mk(y, m2, dd)?,
                None => from,
            };
            if to < from {
                return None;
            }
            return Some(found(
                from,
                to,
                Grain::Day,
                if opened { i } else { j },
                e,
                "month and day",
            ));
        }
        let (year, end) = match year_after(c, end) {
            Some((y, e)) => (Some(y), e),
            None if c.word_in(end, &CURRENT_MONTH) => (None, end + 1),
            None if last_or_next(end).is_some() => {
                let y = last_or_next(end).and_then(|last| shifted_year(m, last));
                (y, end + 1)
            }
            None if shahr => (None, end),
            // `in March`, `during March`, `en mars`: a month of the
            // report's year after a preposition of time (in English a
            // capital: `may` is a verb).
            None if j > 0
                && c.word_in(j - 1, &MONTH_PREPOSITIONS)
                && c.same_sentence(j - 1, j)
                && (c.lang != crate::source::Lang::En || c.capital(j)) =>
            {
                (None, end)
            }
            None => return None,
        };
        return whole_month(resolve_year(year), m, (j, end), "month");
    }

    // عام 2024, in the year 2024
    if c.word_in(j, &YEAR_WORDS)
        && let Some((y, end)) = year_at(c, j + 1)
    {
        let from = mk(Some(y), 1, 1)?;
        let to = mk(Some(y), 12, 31)?;
        return Some(found(from, to, Grain::Year, j, end, "year"));
    }
    None
}

/// A day and month with no year at `j` (`2/15`, `15/2`, `21/09`): read
/// after a word that introduces a date (`opened`; else `3/4` of a vote),
/// or alone when one of the two is over 12 (which is the day is then
/// plain, and a fraction rarely has such a part) and no `of` or `%`
/// follows (`15/20 of the seats`) nor a number comes before.
fn day_month_pair(
    c: &Cursor<'_>,
    j: usize,
    (a, b): (&str, &str),
    opened: bool,
    year: Option<i16>,
) -> Option<Found<DateValue>> {
    if a.len() > 2 || b.len() > 2 || c.is(j + 3, "/") && c.glued(j + 3) {
        return None;
    }
    let (x, y) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
    let plain = x.max(y) > 12
        && !c.word_in(j + 3, &DAY_MONTH_LINKS)
        && !c.is(j + 3, "%")
        && !(j > 0 && (c.num(j - 1).is_some() || c.is(j - 1, "/")));
    if !(opened || plain) {
        return None;
    }
    let (d, m) = day_and_month(c, x, y)?;
    let date = Date::new(year, m, d)?;
    Some(found(
        date,
        date,
        Grain::Day,
        j,
        j + 3,
        "numeric day and month",
    ))
}

/// A year of four digits, or two (`74` is 1974, `13` is 2013).
fn two_or_four_digit_year(y: &str) -> Option<i16> {
    let v: i16 = y.parse().ok()?;
    match y.len() {
        2 if v < 50 => Some(2000 + v),
        2 => Some(1900 + v),
        4 if (1000..=2999).contains(&v) => Some(v),
        _ => None,
    }
}

/// A whole month, at month grain.
fn whole_month(
    y: Option<i16>,
    m: u8,
    (start, end): (usize, usize),
    via: &'static str,
) -> Option<Found<DateValue>> {
    let from = Date::new(y, m, 1)?;
    let to = Date::new(y, m, last_day(y, m))?;
    Some(found(from, to, Grain::Month, start, end, via))
}

/// After a day, its end said as a lapse (`opened on 27 May and closed two
/// days later`, `افتتح يوم 27 ماي واختتم بعد يومين`, `ouvert le 27 mai, il
/// s'est achevé deux jours plus tard`): the days from the first to the
/// last, and the token after the lapse. A verb of closing must come first,
/// within eight words of the day, in its sentence.
pub fn closing_after(c: &Cursor<'_>, from: usize) -> Option<(i64, usize)> {
    let words = super::lang::of(c.lang);
    let verb = (from..from + 8)
        .take_while(|k| c.same_sentence(from.saturating_sub(1), *k))
        .find(|k| {
            c.word(*k)
                .is_some_and(|w| strip_clitics(w).any(|v| words.closing_words.contains(&v)))
        })?;
    let mut k = verb + 1;
    // `s'est achevé`, `a pris fin`: the rest of the verb.
    while k < verb + 3 && c.word(k).is_some_and(|w| words.closing_words.contains(&w)) {
        k += 1;
    }
    let after = c.word(k).is_some_and(|w| words.after_words.contains(&w));
    if after {
        k += 1;
    }
    let (n, e) = lapse_days(c, k)?;
    if after {
        return Some((n, e));
    }
    // `later`, `plus tard`: the words one by one, in the lapse's sentence.
    words.later_words.iter().find_map(|p| {
        let mut k = e;
        for part in p.split(' ') {
            if !c.is(k, part) || !c.same_sentence(e, k) {
                return None;
            }
            k += 1;
        }
        Some((n, k))
    })
}

/// `two days`, `2 jours`, `ثلاثة أيام`, `a day`, `يومين` (two days): the
/// number of days and the end.
fn lapse_days(c: &Cursor<'_>, k: usize) -> Option<(i64, usize)> {
    let words = super::lang::of(c.lang);
    if c.word(k).is_some_and(|w| words.two_days.contains(&w)) {
        return Some((2, k + 1));
    }
    let (n, e) = if c.word(k).is_some_and(|w| matches!(w, "a" | "one" | "un")) {
        (1, k + 1)
    } else {
        let f = cardinal(c, k)?;
        (f.value as i64, f.end)
    };
    (c.word(e).is_some_and(|w| words.day_units.contains(&w)) && (1..=60).contains(&n))
        .then_some((n, e + 1))
}

/// Days since 1 January 2000 of a date with a year.
pub(crate) fn day_number(d: Date) -> Option<i64> {
    let c = jiff::civil::Date::new(d.year?, d.month as i8, d.day as i8).ok()?;
    let base = jiff::civil::date(2000, 1, 1);
    Some(i64::from(c.since(base).ok()?.get_days()))
}

/// `days` after (or before) a date with a year.
pub(crate) fn shift(d: Date, days: i64) -> Option<Date> {
    let c = jiff::civil::Date::new(d.year?, d.month as i8, d.day as i8).ok()?;
    let n = c.checked_add(jiff::Span::new().days(days)).ok()?;
    Date::new(Some(n.year()), n.month() as u8, n.day() as u8)
}

/// Days named relative to the report's date: yesterday, tomorrow, the day
/// before yesterday or after tomorrow, and a weekday with "next" or "last"
/// (`الاثنين المقبل`, `last Monday`). A bare weekday is left a weekday: in a
/// news report it names a day of the week of the event, usually past, and
/// guessing which would be wrong as often as right. `اليوم` ("today", but
/// also "nowadays" and "the day") is not read as a date.
fn relative(c: &Cursor<'_>, i: usize, anchor: Date) -> Option<Found<DateValue>> {
    anchor.year?;
    let day = |offset: i64, end: usize| -> Option<Found<DateValue>> {
        let d = shift(anchor, offset)?;
        Some(found(
            d,
            d,
            Grain::Day,
            i,
            end,
            "relative to the report's date",
        ))
    };
    let w = c.word(i)?;
    // بعد غد / قبل أمس, with an optional يوم before
    let in_set = |set: &WordSet| strip_clitics(w).any(|v| set.contains(v));
    let (k, lead_day) = if in_set(&DAY_WORDS) {
        (i + 1, true)
    } else {
        (i, false)
    };
    let at = |x: &str, j: usize| c.word(j).is_some_and(|t| strip_clitics(t).any(|v| v == x));
    // `the day before yesterday`, `أول أمس`, `avant-hier`, `après-demain`
    if let Some(e) = DAY_BEFORE_YESTERDAY.iter().find_map(|p| c.phrase_at(i, p)) {
        return day(-2, e);
    }
    if let Some(e) = DAY_AFTER_TOMORROW.iter().find_map(|p| c.phrase_at(i, p)) {
        return day(2, e);
    }
    if at("بعد", k) && (at("غد", k + 1) || at("الغد", k + 1)) {
        return day(2, k + 2);
    }
    if at("قبل", k) && (at("امس", k + 1) || at("البارحه", k + 1)) {
        return day(-2, k + 2);
    }
    if lead_day && at("غد", k) {
        return day(1, k + 1);
    }
    if in_set(&YESTERDAY) {
        return day(-1, i + 1);
    }
    if in_set(&TOMORROW) {
        return day(1, i + 1);
    }
    if in_set(&TODAY) {
        return day(0, i + 1);
    }
    // A weekday with next / last, in either order.
    let (wd_at, mark_at, end) = if c.word_in(i, &NEXT_WORDS) || c.word_in(i, &LAST_WORDS) {
        (i + 1, i, i + 2)
    } else {
        (i, i + 1, i + 2)
    };
    let (wd, _) = weekday_at(c, wd_at)?;
    let next = c.word_in(mark_at, &NEXT_WORDS);
    let last = c.word_in(mark_at, &LAST_WORDS);
    if !next && !last {
        return None;
    }
    let today = anchor.weekday()? as i64;
    let wd = wd as i64;
    let offset = if next {
        let d = (wd - today).rem_euclid(7);
        if d == 0 { 7 } else { d }
    } else {
        let d = (today - wd).rem_euclid(7);
        -(if d == 0 { 7 } else { d })
    };
    day(offset, end)
}

/// A weekday name at `i` (Monday = 0) and whether it needs context
/// (`يوم` before it or a date after it) to be read as a weekday.
pub fn weekday_at(c: &Cursor<'_>, i: usize) -> Option<(u8, bool)> {
    let w = c.word(i)?;
    strip_clitics(w).find_map(|v| WEEKDAYS.get(v).copied())
}

/// `يوم` (day) just before `i`.
/// A weekday that is also a common word (`الأحد` "the one", `الاثنين`
/// "the two") read as the day a verb before it happened on: `أعلن الأحد
/// أن…`, `قالت الاثنين، …`. The word after it must end the clause or open
/// what was said (`أن`, `عن`), and the word before it must be neither a
/// preposition (`بين الاثنين`, "between the two") nor a dual
/// (`الفريقين الاثنين`).
pub fn after_verb(c: &Cursor<'_>, i: usize) -> bool {
    if i == 0 || !c.same_sentence(i - 1, i) {
        return false;
    }
    let Some(before) = c.word(i - 1) else {
        return false;
    };
    let preposition = matches!(
        before,
        "بين"
            | "من"
            | "الي"
            | "علي"
            | "عن"
            | "مع"
            | "في"
            | "كل"
            | "او"
            | "و"
            | "هذا"
            | "هذه"
            | "ذلك"
    );
    // (After a noun, only one that is not a dual: `قالت الوزارة الاثنين`
    // is Monday, `الفريقين الاثنين` "the two teams".)
    let arabic_verbish = before.starts_with(crate::text::segment::is_arabic_letter)
        && !(before.ends_with("ين") || before.ends_with("ان"));
    let next_ends = !c.same_sentence(i, i + 1)
        || matches!(c.str(i + 1), "،" | "," | "." | "؛" | ":")
        || c.word(i + 1)
            .is_some_and(|w| matches!(w, "ان" | "انه" | "انها" | "عن" | "بان" | "بانه"));
    !preposition && arabic_verbish && next_ends
}

pub fn day_word_before(c: &Cursor<'_>, i: usize) -> bool {
    i > 0
        && c.word(i - 1)
            .is_some_and(|w| strip_clitics(w).any(|v| DAY_WORDS.contains(v)))
}
