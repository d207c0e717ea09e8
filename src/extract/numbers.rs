//! Recognisers for cardinals, ordinals and percentages, over tokens.

use crate::source::Lang;
use crate::value::{Qualifier, Quantity};

use super::cursor::Cursor;
use super::lang;
use super::lexicon::{
    ARABIC_TENS, COUNTED_AFTER, COUNTED_BEFORE, DECIMAL_WORDS, DETERMINERS, NOT_HEDGES,
    NUMBER_JOINERS, NUMBER_WORDS, NumWord, ORDINAL_COMPOUND_UNITS, ORDINAL_WORDS, PERCENT_LEADS,
    PERCENT_SUFFIXES, QUALIFIERS, WEAK_NUMBERS, strip_clitics,
};

/// A recognised value and the tokens `start..end` it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
    pub via: &'static str,
}

/// The unit of the last digit of a figure written rounded (see
/// [`Quantity::step`]), from its tokens `a..b` and its value: a number
/// written with decimals (`3.5`: 0.1) or with a scale word after its digits
/// (`20.3 million`: 100,000; `20 million`: 1,000,000); a percent always (`50%`:
/// 1, and 1 for one in words). 0 for a whole number written out (`1,240`,
/// `20 312 000`) or in words (`twenty`): taken as exact.
pub fn written_step(c: &Cursor<'_>, (a, b): (usize, usize), value: f64, percent: bool) -> f64 {
    let Some(digits) = (a..b).find_map(|k| c.num(k)) else {
        return if percent { 1.0 } else { 0.0 };
    };
    let Some(written) = parse_numeral(digits, c.lang).filter(|d| *d != 0.0) else {
        return 0.0;
    };
    // The unit of the last digit: what one more on it adds.
    let Some(last) = digits.rfind(|ch: char| ch.is_ascii_digit()) else {
        return 0.0;
    };
    let bumped: String = digits
        .char_indices()
        .map(|(k, ch)| match (k == last, ch) {
            (true, '9') => '8',
            (true, d) => char::from(d as u8 + 1),
            (false, d) => d,
        })
        .collect();
    // Powers of ten, by their exponents (no rounding noise: 0.1, not
    // 0.10000000000000142).
    let Some(unit) = parse_numeral(&bumped, c.lang).map(|x| (x - written).abs().log10().round())
    else {
        return 0.0;
    };
    let scale = (value / written).abs().log10();
    let power = scale.round();
    if power >= 3.0 && (scale - power).abs() < 1e-9 {
        10f64.powf(unit + power)
    } else if power == 0.0 && scale.abs() < 1e-9 && (unit < 0.0 || percent) {
        10f64.powf(unit)
    } else {
        0.0
    }
}

/// Reads a digit string with its separators as the report's language
/// writes them: `1,240` (en thousands), `3,5` (fr decimal), `1.240`
/// (ar/fr thousands), `3.5`, `1 240` with a no-break space.
pub fn parse_numeral(s: &str, lang: Lang) -> Option<f64> {
    // The Arabic separators say what they are: ٬ groups thousands, ٫ is the
    // decimal mark.
    if s.contains(['\u{066B}', '\u{066C}']) {
        let plain: String = s
            .chars()
            .filter(|c| !matches!(c, '\u{066C}' | ',' | '\u{00A0}' | '\u{202F}' | '\u{2009}'))
            .map(|c| if c == '\u{066B}' { '.' } else { c })
            .collect();
        return plain.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}'))
        .collect();
    let commas: Vec<usize> = s.match_indices(',').map(|(i, _)| i).collect();
    let dots: Vec<usize> = s.match_indices('.').map(|(i, _)| i).collect();
    let groups_of_three = |seps: &[usize], sep: char| -> bool {
        s.split(sep).skip(1).all(|g| g.len() == 3) && !seps.is_empty()
    };
    let plain: String = match (commas.is_empty(), dots.is_empty()) {
        (true, true) => s.clone(),
        (false, false) => {
            // Both: the later one is the decimal mark.
            let (last_c, last_d) = (commas.last()?, dots.last()?);
            if last_d > last_c {
                s.replace(',', "")
            } else {
                s.replace('.', "").replace(',', ".")
            }
        }
        (false, true) => {
            let thousands = groups_of_three(&commas, ',')
                && (!lang::of(lang).grammar.decimal_comma || commas.len() > 1);
            if thousands {
                s.replace(',', "")
            } else if commas.len() == 1 {
                s.replace(',', ".")
            } else {
                return None;
            }
        }
        (true, false) => {
            // `0.770` is never a grouped thousand.
            let thousands = groups_of_three(&dots, '.')
                && (!lang::of(lang).grammar.decimal_dot || dots.len() > 1)
                && !s.starts_with("0.");
            if thousands {
                s.replace('.', "")
            } else if dots.len() == 1 {
                s.clone()
            } else {
                return None;
            }
        }
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn number_word(w: &str) -> Option<NumWord> {
    strip_clitics(w).find_map(|v| NUMBER_WORDS.get(v).copied())
}

/// A hedge just before token `i` ("أكثر من", "about"): the qualifier and
/// the token where it starts.
pub fn qualifier_before(c: &Cursor<'_>, i: usize) -> Option<(Qualifier, usize)> {
    // `en plus de 20 pays` is "in addition to", not "more than".
    if NOT_HEDGES.iter().any(|p| c.phrase_before(i, p).is_some()) {
        return None;
    }
    QUALIFIERS
        .iter()
        .find_map(|(words, q)| c.phrase_before(i, words).map(|s| (*q, s)))
}

/// A cardinal at token `i`: digits (with a scale word after them) or number
/// words, with a sign in words before it (`minus 5`, `moins 12`).
/// Qualifiers are read by the caller.
pub fn cardinal(c: &Cursor<'_>, i: usize) -> Option<Found<f64>> {
    let mut f = unsigned(c, i)?;
    let words = lang::of(c.lang);
    if f.start > 0
        && f.value > 0.0
        && c.word(f.start - 1)
            .is_some_and(|w| words.negative_words.contains(&w))
        && c.same_sentence(f.start - 1, f.start)
        && !(f.start > 1
            && c.word(f.start - 2)
                .is_some_and(|w| words.not_negative_after.contains(&w)))
    {
        f.value = -f.value;
        f.start -= 1;
    }
    Some(f)
}

/// A cardinal without a sign in words.
fn unsigned(c: &Cursor<'_>, i: usize) -> Option<Found<f64>> {
    if let Some(s) = c.num(i) {
        let mut value = parse_numeral(s, c.lang)?;
        let mut start = i;
        let mut end = i + 1;
        // French groups thousands with plain spaces too: `1 240 000`.
        if lang::of(c.lang).grammar.spaced_thousands
            && s.len() <= 3
            && s.chars().all(|ch| ch.is_ascii_digit())
        {
            // The last group may carry the decimals: `6 700,54`.
            while let Some(g) = c.num(end)
                && let Some(whole) = g.split([',', '.']).next()
                && whole.len() == 3
                && whole.chars().all(|ch| ch.is_ascii_digit())
                && (g.len() == 3 || lang::of(c.lang).grammar.decimal_comma && g.contains(','))
                && c.same_sentence(i, end)
                && c.tok(end).is_some_and(|t| t.space_before)
            {
                value = value * 1000.0 + parse_numeral(g, c.lang)?;
                end += 1;
                if g.len() > 3 {
                    break;
                }
            }
        }
        // Fractions written a/b (not a date: those are read first).
        if c.is(end, "/")
            && c.glued(end)
            && c.glued(end + 1)
            && let Some(d) = c.num(end + 1).and_then(|d| parse_numeral(d, c.lang))
            && d != 0.0
        {
            value /= d;
            end += 2;
        }
        // `.77`, `,0012` where the comma is the decimal mark
        let comma = lang::of(c.lang).grammar.decimal_comma && c.is(i.wrapping_sub(1), ",");
        if i > 0
            && (c.is(i - 1, ".") || c.is(i - 1, "\u{066B}") || comma)
            && c.glued(i)
            && (!c.glued(i - 1) || (i == 2 || !c.glued(i - 2)) && c.is(i - 2, "-"))
            && !s.contains(['.', ','])
        {
            value = format!("0.{s}").parse().ok()?;
            start = i - 1;
        }
        // `point 77`, said as it is read, not after a number (`1 point 1`
        // is read from the 1) nor a determiner (`the point 5 of the plan`).
        if start == i
            && i > 0
            && c.is_in(i - 1, &DECIMAL_WORDS)
            && c.same_sentence(i - 1, i)
            && s.chars().all(|ch| ch.is_ascii_digit())
            && !(i > 1
                && (c.num(i - 2).is_some()
                    || c.word(i - 2)
                        .is_some_and(|w| number_word(w).is_some() || DETERMINERS.contains(w))))
        {
            value = format!("0.{s}").parse().ok()?;
            start = i - 1;
        }
        // `-1.2`
        if start > 0
            && c.is(start - 1, "-")
            && c.glued(start)
            && (start == 1 || !c.glued(start - 1))
        {
            value = -value;
            start -= 1;
        } // `1 فاصلة 1`: a decimal comma said in words
        if let Some(frac) = decimal_after(c, end) {
            value += frac.0;
            end = frac.1;
        }
        if let Some(NumWord::Mult { value: m, .. }) = c.word(end).and_then(number_word)
            && c.same_sentence(i, end)
        {
            value *= m;
            end += 1;
            if let Some((more, e)) = and_more(c, end, m) {
                value += more;
                end = e;
            }
        } else if let Some(m) = scale_suffix(c, i, end, s) {
            // `100k`, `3bn`, `3 bn`, `1.2m`, `$3m`
            value *= m;
            end += 1;
        }
        return Some(Found {
            value,
            start,
            end,
            via: "digits",
        });
    }
    let first = c.word(i)?;
    if let Some(f) = after_article(c, i, first) {
        return Some(f);
    }
    let fw = number_word(first)?;
    // Words that are also common words count only inside a compound.
    let weak = WEAK_NUMBERS.contains(first);
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut parts = 0usize;
    let mut j = i;
    let apply = |w: NumWord,
                 prev: Option<NumWord>,
                 glued_hyphen: bool,
                 total: &mut f64,
                 current: &mut f64| {
        match w {
            NumWord::Add(v) => {
                if v == 20.0 && glued_hyphen && prev == Some(NumWord::Add(4.0)) {
                    *current += 76.0; // quatre-vingt
                } else {
                    *current += v;
                }
            }
            NumWord::Hundred => {
                if *current > 0.0 && *current < 10.0 {
                    *current *= 100.0;
                } else {
                    *current += 100.0;
                }
            }
            // `three thousand millions`: a larger scale after a scale
            // multiplies what came before.
            NumWord::Mult { value, .. }
                if *current == 0.0
                    && *total > 0.0
                    && matches!(prev, Some(NumWord::Mult { value: p, .. }) if p < value) =>
            {
                *total *= value;
            }
            NumWord::Mult { value, count, .. } => {
                let base = if *current == 0.0 { count } else { *current };
                *total += base * value;
                *current = 0.0;
            }
        }
    };
    if let NumWord::Mult { plural: true, .. } = fw {
        return None;
    }
    apply(fw, None, false, &mut total, &mut current);
    let mut prev = Some(fw);
    parts += 1;
    j += 1;
    loop {
        if !c.same_sentence(i, j) {
            break;
        }
        // `vingt-et-un`: a hyphen, `et`, a hyphen
        if c.is(j, "-")
            && c.glued(j)
            && c.is_in(j + 1, &NUMBER_JOINERS)
            && c.is(j + 2, "-")
            && let Some(w) = c.word(j + 3).and_then(number_word)
        {
            apply(w, prev, false, &mut total, &mut current);
            prev = Some(w);
            parts += 1;
            j += 4;
            continue;
        }
        // `و عشرون`, `and`, `et`, `-` then a number word
        let joiner = c.is_in(j, &NUMBER_JOINERS) || (matches!(c.str(j), "-" | "—") && c.glued(j));
        if joiner {
            // (Zero joins nothing: `two-nil` is a score.)
            if let Some(w) = c
                .word(j + 1)
                .and_then(number_word)
                .filter(|w| *w != NumWord::Add(0.0))
            {
                let hyphen = matches!(c.str(j), "-" | "—");
                apply(w, prev, hyphen, &mut total, &mut current);
                prev = Some(w);
                parts += 1;
                j += 2;
                continue;
            }
            break;
        }
        // `trente 3`: a unit in digits after a ten in words.
        if let Some(d) = c.num(j)
            && d.len() == 1
            && d != "0"
            && lang::of(c.lang).grammar.unit_after_ten
            && matches!(prev, Some(NumWord::Add(t)) if t >= 20.0 && t % 10.0 == 0.0)
            && current % 10.0 == 0.0
            && let Ok(u) = d.parse::<f64>()
        {
            current += u;
            parts += 1;
            j += 1;
            break;
        }
        let Some(word) = c.word(j) else { break };
        // `وعشرون`: the conjunction glued to the next number word
        if let Some(rest) = word.strip_prefix('و')
            && let Some(w) = NUMBER_WORDS.get(rest).copied()
        {
            apply(w, prev, false, &mut total, &mut current);
            prev = Some(w);
            parts += 1;
            j += 1;
            continue;
        }
        // `ثلاثة عشر`, `ثلاث مائة`, `خمسة آلاف`, `two hundred`
        let local = || {
            local_scale(c, word, false).map(|value| NumWord::Mult {
                value,
                count: 1.0,
                plural: false,
            })
        };
        match NUMBER_WORDS.get(word).copied().or_else(local) {
            // `one twenty two` (122), as a number is read aloud.
            Some(w @ NumWord::Add(v))
                if lang::of(c.lang).grammar.spoken_hundreds
                    && parts == 1
                    && (20.0..100.0).contains(&v)
                    && v % 10.0 == 0.0
                    && matches!(prev, Some(NumWord::Add(u)) if (1.0..10.0).contains(&u)) =>
            {
                current = current * 100.0 + v;
                prev = Some(w);
                parts += 1;
                j += 1;
            }
            Some(w @ (NumWord::Hundred | NumWord::Mult { .. })) => {
                apply(w, prev, false, &mut total, &mut current);
                prev = Some(w);
                parts += 1;
                j += 1;
            }
            Some(w @ NumWord::Add(v))
                if v == 10.0
                    && matches!(prev, Some(NumWord::Add(u)) if (1.0..10.0).contains(&u)) =>
            {
                apply(w, prev, false, &mut total, &mut current);
                prev = Some(w);
                parts += 1;
                j += 1;
            }
            Some(w @ NumWord::Add(v)) if latin_follows(c, prev, v, current) => {
                // `quatre vingt` (80): the glued-hyphen rule, with a space.
                let vigesimal = v == 20.0 && prev == Some(NumWord::Add(4.0));
                apply(w, prev, vigesimal, &mut total, &mut current);
                prev = Some(w);
                parts += 1;
                j += 1;
            }
            _ => break,
        }
    }
    if weak && parts == 1 && !one_is_numeral(c, i, j) {
        return None;
    }
    let mut value = total + current;
    // `مليوناً و100 ألف`: digits after the words, joined by و
    if let Some(NumWord::Mult { value: m, .. }) = prev
        && let Some((more, e)) = and_more(c, j, m)
    {
        value += more;
        j = e;
    }
    if let Some((frac, e)) = decimal_after(c, j) {
        value += frac;
        j = e;
        // `two point two million`
        if let Some(NumWord::Mult { value: m, .. }) = c.word(j).and_then(number_word)
            && c.same_sentence(i, j)
        {
            value *= m;
            j += 1;
        }
    }
    Some(Found {
        value,
        start: i,
        end: j,
        via: "number words",
    })
}

/// `و133` after `72 ألفاً`, `و100 ألف` after `مليوناً`: digits joined by
/// `و` (with a smaller scale after them) that add to a number ending in
/// the scale `scale`; what they add and where they end.
fn and_more(c: &Cursor<'_>, mut j: usize, scale: f64) -> Option<(f64, usize)> {
    let mut added = 0.0;
    let mut last = scale;
    while c.is(j, "و")
        && c.same_sentence(j, j + 1)
        && let Some(d) = c.num(j + 1)
        && d.chars().all(|ch| ch.is_ascii_digit())
        && let Ok(v) = d.parse::<f64>()
    {
        let (v, e) = match c.word(j + 2).and_then(number_word) {
            Some(NumWord::Mult { value: m, .. }) if m < last => (v * m, j + 3),
            _ => (v, j + 2),
        };
        if v >= last {
            break;
        }
        added += v;
        last = if e == j + 3 { v } else { 0.0 };
        j = e;
        if last == 0.0 {
            break;
        }
    }
    (added > 0.0).then_some((added, j))
}

/// A scale written after digits: `k` (thousand), `bn` (billion), `mn`/`mln`
/// (million), glued or after a space; a bare `m` only glued to a decimal
/// (`1.2m`) or after a currency sign (`$3m`), for `100m` is most often
/// metres.
fn scale_suffix(c: &Cursor<'_>, start: usize, end: usize, digits: &str) -> Option<f64> {
    let w = c.word(end)?;
    if !c.same_sentence(start, end) {
        return None;
    }
    let glued = c.glued(end);
    let money = start > 0 && matches!(c.str(start - 1), "$" | "€" | "£");
    // A capital glued to the digits is a scale (`3M`, `.0012G`, `2B`); in
    // lower case `m` and `g` are metres and grams.
    let capital = glued && c.capital(end);
    match w {
        "k" if glued => Some(1e3),
        "bn" => Some(1e9),
        "mn" | "mln" => Some(1e6),
        "m" if glued && (digits.contains(['.', ',']) || money || capital) => Some(1e6),
        "g" | "b" if capital => Some(1e9),
        _ => local_scale(c, w, true),
    }
}

/// A scale of the report's language only (`lac`, `cr`), after digits or
/// (`digits == false`) after number words.
fn local_scale(c: &Cursor<'_>, w: &str, digits: bool) -> Option<f64> {
    lang::of(c.lang)
        .local_scales
        .iter()
        .find(|(words, _)| words.contains(&w))
        .and_then(|(_, (v, after_digits))| (!digits || *after_digits).then_some(*v))
}

/// In English and French, number words follow each other without a
/// joiner: a unit or teen after a ten (`twenty one`, `soixante onze`), any
/// number after a hundred or a thousand (`seven hundred twenty`, `quatre
/// mille vingt`), and in French a unit after ten (`dix sept`) and twenty
/// after four (`quatre vingt`).
fn latin_follows(c: &Cursor<'_>, prev: Option<NumWord>, v: f64, current: f64) -> bool {
    let g = &lang::of(c.lang).grammar;
    if !g.unit_after_ten {
        return false;
    }
    let vigesimal = g.vigesimal;
    match prev {
        Some(NumWord::Hundred | NumWord::Mult { .. }) => true,
        Some(NumWord::Add(t)) if t >= 20.0 && t % 10.0 == 0.0 => {
            v < 10.0 || (vigesimal && v < 20.0 && (current == 60.0 || current == 80.0))
        }
        Some(NumWord::Add(10.0)) => vigesimal && v < 10.0 && current % 20.0 == 10.0,
        Some(NumWord::Add(4.0)) => vigesimal && v == 20.0,
        _ => false,
    }
}

/// Is the word for one at `i` (alone: the number ends at `end`) a number
/// here? See [`lang::Grammar::one_is_article`].
fn one_is_numeral(c: &Cursor<'_>, i: usize, end: usize) -> bool {
    let words = lang::of(c.lang);
    if !c.word(i).is_some_and(|w| words.one_words.contains(&w)) {
        return false;
    }
    let next = c.same_sentence(i, end).then(|| c.str(end));
    if words.grammar.one_is_article {
        return match next {
            None => true,
            Some(n) => {
                words.one_numeral_before.contains(&n)
                    || (c.word(end).is_none() && c.num(end).is_none())
            }
        };
    }
    let before = (i > 0 && c.same_sentence(i - 1, i)).then(|| c.str(i - 1));
    !before.is_some_and(|b| words.one_not_after.contains(&b))
        && !next.is_some_and(|n| {
            words.one_not_before.contains(&n) || matches!(n, "'" | "’") && c.glued(end)
        })
}

/// `a single` (1), `a pair` (2), or the word alone in its sentence; not
/// `not a single`.
fn after_article(c: &Cursor<'_>, i: usize, w: &str) -> Option<Found<f64>> {
    let (_, v) = lang::of(c.lang)
        .after_article
        .iter()
        .find(|(words, _)| words.contains(&w))?;
    // `a single-member seat`
    if matches!(c.str(i + 1), "-" | "—") && c.glued(i + 1) {
        return None;
    }
    let (first, last) = c.sentence_tokens(i);
    let spoken = |k: usize| c.word(k).is_some() || c.num(k).is_some();
    let start = if i > first && matches!(c.word(i - 1), Some("a" | "one")) {
        if i > first + 1 && matches!(c.word(i - 2), Some("not" | "no" | "without")) {
            return None;
        }
        i - 1
    } else if last - first <= 8 && (first..last).all(|k| k == i || !spoken(k)) {
        i
    } else {
        return None;
    };
    Some(Found {
        value: *v,
        start,
        end: i + 1,
        via: "number words",
    })
}

/// `فاصلة N`, `point N` after a number: the fractional part, and where it
/// ends. Words after the mark are digits said one by one (`point seven
/// seven`) unless they make a number under a hundred (`فاصلة خمسة
/// وعشرون`, .25).
fn decimal_after(c: &Cursor<'_>, i: usize) -> Option<(f64, usize)> {
    if !c.is_in(i, &DECIMAL_WORDS) || !c.same_sentence(i, i + 1) {
        return None;
    }
    let digits: String = match c.num(i + 1) {
        Some(d) if d.chars().all(|ch| ch.is_ascii_digit()) => d.to_string(),
        Some(_) => return None,
        None => {
            let mut one_by_one = String::new();
            let mut k = i + 1;
            while let Some(NumWord::Add(v)) = c.word(k).and_then(number_word)
                && v < 10.0
                && c.same_sentence(i, k)
            {
                one_by_one.push(char::from(b'0' + v as u8));
                k += 1;
            }
            let whole = unsigned(c, i + 1).filter(|w| {
                w.value.fract() == 0.0 && (0.0..100.0).contains(&w.value) && w.end >= k
            });
            match whole {
                Some(w) if one_by_one.len() < 2 => {
                    let len = format!("{}", w.value as u64).len() as i32;
                    return Some((w.value / 10f64.powi(len), w.end));
                }
                _ if !one_by_one.is_empty() => {
                    let v: f64 = one_by_one.parse().ok()?;
                    return Some((v / 10f64.powi(one_by_one.len() as i32), k));
                }
                _ => return None,
            }
        }
    };
    let v: f64 = digits.parse().ok()?;
    Some((v / 10f64.powi(digits.len() as i32), i + 2))
}

/// A bare article before digits: `الـ34`, `للـ13`.
fn is_article_word(w: &str) -> bool {
    matches!(
        w,
        "ال" | "وال" | "بال" | "فال" | "كال" | "لل" | "ولل" | "فلل"
    )
}

/// An ordinal at token `i`: `الثالث عشر`, `الثاني والعشرين`, `الـ34`,
/// `13th`, `thirteenth`, `13e`, `treizième`, `twenty-first`.
pub fn ordinal(c: &Cursor<'_>, i: usize) -> Option<Found<u32>> {
    // Digits with a suffix: 13th, 1st, 13e, 1er, 13ème.
    if let Some(s) = c.num(i)
        && let Some(suf) = c.word(i + 1)
        && c.glued(i + 1)
        && matches!(
            suf,
            "st" | "nd" | "rd" | "th" | "e" | "eme" | "er" | "ere" | "re" | "ieme" | "o"
        )
    {
        let v: u32 = s.parse().ok()?;
        return Some(Found {
            value: v,
            start: i,
            end: i + 2,
            via: "digits with an ordinal suffix",
        });
    }
    let w = c.word(i)?;
    if let Some(v) = roman_ordinal(c, i) {
        return Some(Found {
            value: v,
            start: i,
            end: i + 1,
            via: "Roman numeral with an ordinal suffix",
        });
    }
    // الـ34 (but `دور الـ16`, `الـ48 ساعة`: a count)
    if is_article_word(w)
        && let Some(s) = c.num(i + 1)
        && c.same_sentence(i, i + 1)
        && !(i > 0 && c.word_in(i - 1, &COUNTED_BEFORE))
        && !c.word_in(i + 2, &COUNTED_AFTER)
    {
        let v: u32 = s.parse().ok()?;
        return Some(Found {
            value: v,
            start: i,
            end: i + 2,
            via: "article before digits (الـN)",
        });
    }
    // twenty-first, twenty—first, vingt-deuxième; in English also spaced
    // (twenty first)
    let unit_ordinal = |k: usize| {
        c.word(k).and_then(|x| {
            ORDINAL_WORDS
                .get(x)
                .copied()
                .or((x == "unieme").then_some(1))
        })
    };
    if let Some(NumWord::Add(t)) = NUMBER_WORDS.get(w).copied()
        && t >= 20.0
        && t % 10.0 == 0.0
    {
        let dashed = matches!(c.str(i + 1), "-" | "—") && c.glued(i + 1);
        let (u, end) = if dashed {
            (unit_ordinal(i + 2), i + 3)
        } else if lang::of(c.lang).grammar.unit_after_ten && c.same_sentence(i, i + 1) {
            (unit_ordinal(i + 1), i + 2)
        } else {
            (None, i)
        };
        if let Some(u) = u.filter(|u| *u < 10) {
            return Some(Found {
                value: t as u32 + u,
                start: i,
                end,
                via: "ordinal words",
            });
        }
    }
    for v in strip_clitics(w) {
        let (base, article) = match v.strip_prefix("ال") {
            Some(b) if b.chars().count() >= 2 => (b, true),
            _ => (v, false),
        }; // Compounds: الحادي عشر, الثاني والعشرين, الأحد عشر. Cardinal units
        // (واحد، أحد، إحدى، اثنا) make an ordinal only with the article:
        // `أحد عشر` is eleven, `الأحد عشر` the eleventh.
        let cardinal_unit = matches!(base, "واحد" | "احد" | "احدي" | "اثنا" | "اثني");
        let unit = ORDINAL_COMPOUND_UNITS
            .get(base)
            .copied()
            .filter(|_| article || !cardinal_unit);
        if let Some(u) = unit {
            if c.word(i + 1).is_some_and(|n| n == "عشر" || n == "عشره") && c.same_sentence(i, i + 1)
            {
                return Some(Found {
                    value: u + 10,
                    start: i,
                    end: i + 2,
                    via: "ordinal words",
                });
            }
            let tens_after = |j: usize| -> Option<u32> {
                let t = c.word(j)?;
                let t = t.strip_prefix("ال").unwrap_or(t);
                ARABIC_TENS.get(t).copied()
            };
            if let Some(next) = c.word(i + 1)
                && let Some(rest) = next.strip_prefix('و')
                && let Some(t) = tens_after_word(rest)
            {
                return Some(Found {
                    value: u + t,
                    start: i,
                    end: i + 2,
                    via: "ordinal words",
                });
            }
            if c.is(i + 1, "و")
                && let Some(t) = tens_after(i + 2)
            {
                return Some(Found {
                    value: u + t,
                    start: i,
                    end: i + 3,
                    via: "ordinal words",
                });
            }
        }
        if matches!(
            base,
            "حادي" | "حاديه" | "واحد" | "احد" | "احدي" | "اثنا" | "اثني"
        ) {
            continue; // only in compounds
        }
        // Without the article only masculine forms: `أولى` is also a verb
        // ("gave"), `ثانية` a second of time.
        let bare_ok = article || !(base.ends_with('ه') || base == "اولي");
        if let Some(&o) = ORDINAL_WORDS.get(base)
            && bare_ok
        {
            return Some(Found {
                value: o,
                start: i,
                end: i + 1,
                via: "ordinal words",
            });
        }
        if article {
            if let Some(&t) = ARABIC_TENS.get(base) {
                return Some(Found {
                    value: t,
                    start: i,
                    end: i + 1,
                    via: "ordinal words",
                });
            }
            let percent_context = i > 0 && (c.is(i - 1, "في") || c.is(i - 1, "بال"));
            if matches!(base, "مايه" | "ميه") && !percent_context && v == w {
                return Some(Found {
                    value: 100,
                    start: i,
                    end: i + 1,
                    via: "ordinal words",
                });
            }
        }
    }
    None
}

/// `la VIe Conférence`, `au XXIe siècle`, `la Ve République`: a Roman
/// numeral in capitals with a French ordinal suffix, after a determiner or
/// a preposition or opening its sentence. After a name it is a regnal
/// number, part of the name (`François Ier`); `vie` in lower case is
/// "life".
fn roman_ordinal(c: &Cursor<'_>, i: usize) -> Option<u32> {
    let w = c.original_str(i)?;
    let cut = w.find(|ch: char| !matches!(ch, 'I' | 'V' | 'X' | 'L' | 'C'))?;
    let (roman, suffix) = w.split_at(cut);
    if roman.is_empty() || !matches!(suffix, "e" | "er" | "re" | "ème" | "eme" | "ᵉ") {
        return None;
    }
    // `Le`, `Ce` opening a French sentence are words, not the 50th and the
    // 100th.
    if matches!((roman, suffix), ("L" | "C", "e")) {
        return None;
    }
    let (first, _) = c.sentence_tokens(i);
    let opens = i == first
        || c.word(i - 1).is_some_and(|p| {
            matches!(
                p,
                "la" | "le" | "les" | "l" | "du" | "au" | "aux" | "des" | "de" | "en"
            )
        });
    if !opens {
        return None;
    }
    let digit = |ch: char| match ch {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let vals: Vec<i32> = roman.chars().map(digit).collect();
    let mut total = 0i32;
    for (k, v) in vals.iter().enumerate() {
        if vals.get(k + 1).is_some_and(|n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total).ok().filter(|t| (1..=200).contains(t))
}

/// Could this (normalised) word be a Roman ordinal (`vie`, `xxie`)? The
/// letters and suffix only; [`roman_ordinal`] looks at the capitals.
pub fn may_be_roman(w: &str) -> bool {
    let cut = w
        .find(|ch: char| !matches!(ch, 'i' | 'v' | 'x' | 'l' | 'c'))
        .unwrap_or(w.len());
    cut > 0 && matches!(w.get(cut..), Some("e" | "er" | "re" | "eme"))
}

fn tens_after_word(rest: &str) -> Option<u32> {
    let t = rest.strip_prefix("ال").unwrap_or(rest);
    ARABIC_TENS.get(t).copied()
}

/// A percentage at token `i`: `37%`, `37 في المئة`, `بنسبة 37`, `بـ11 في
/// المئة`, `37 per cent`, `37 pour cent`, with a qualifier before it.
pub fn percent(c: &Cursor<'_>, i: usize) -> Option<Found<Quantity>> {
    // `٪٥٠`, `%40`: in Arabic text the sign is often typed before the
    // digits (it shows on their left). Only when glued to the number and
    // not to a number before it (`40% 50` is 40%).
    if c.is(i, "%")
        && c.lang == crate::source::Lang::Ar
        && c.glued(i + 1)
        && !(i > 0 && c.num(i - 1).is_some() && c.glued(i))
        && let Some(n) = cardinal(c, i + 1)
        && n.start == i + 1
        && !c.is(n.end, "%")
    {
        return Some(Found {
            value: Quantity {
                value: n.value,
                qualifier: None,
                step: 0.0,
            },
            start: i,
            end: n.end,
            via: "percent sign before the digits",
        });
    }
    // `الـ52%`, `الـ40 في المئة`: the article before a percent (not the
    // ordinal `الـN`).
    if c.word(i).is_some_and(is_article_word)
        && c.num(i + 1).is_some()
        && c.same_sentence(i, i + 1)
        && let Some(f) = percent(c, i + 1)
        && f.start == i + 1
    {
        return Some(Found { start: i, ..f });
    }
    // بنسبة N [في المئة]
    let (num_at, start, via) = match c.word(i) {
        Some(w)
            if strip_clitics(w).any(|v| PERCENT_LEADS.contains(v)) && c.same_sentence(i, i + 1) =>
        {
            // بنسبة مئوية بلغت N
            let mut j = i + 1;
            while j < i + 4 && c.word(j).is_some() && cardinal(c, j).is_none() {
                j += 1;
            }
            (j, i, "نسبة N")
        }
        _ => (i, i, "N with a percent sign or words"),
    };
    let n = cardinal(c, num_at)?;
    if !c.same_sentence(i, n.start) {
        return None;
    }
    let mut end = n.end;
    let mut marked = false;
    if c.is(end, "%") && c.same_sentence(n.start, end) {
        end += 1;
        marked = true;
    } else if let Some(e) = PERCENT_SUFFIXES.iter().find_map(|w| c.phrase_at(end, w)) {
        end = e;
        marked = true;
    } else if lang::of(c.lang)
        .grammar
        .percent_abbreviations
        .contains(&c.str(end))
    {
        end += 1;
        marked = true;
    }
    if !marked && start == num_at {
        return None;
    }
    let (qualifier, start) = match qualifier_before(c, start) {
        Some((q, s)) => (Some(q), s),
        None => (None, start.min(n.start)),
    };
    Some(Found {
        value: Quantity {
            value: n.value,
            qualifier,
            step: 0.0,
        },
        start,
        end,
        via,
    })
}
