//! Recognisers for cardinals, ordinals and percentages, over tokens.

use crate::source::Lang;
use crate::value::{Qualifier, Quantity};

use super::cursor::Cursor;
use super::lang;
use super::lexicon::{
    ARABIC_TENS, COUNTED_AFTER, COUNTED_BEFORE, DECIMAL_WORDS, NOT_HEDGES, NUMBER_JOINERS,
    NUMBER_WORDS, NumWord, ORDINAL_COMPOUND_UNITS, ORDINAL_WORDS, PERCENT_LEADS, PERCENT_SUFFIXES,
    QUALIFIERS, WEAK_NUMBERS, strip_clitics,
};

/// A recognised value and the tokens `start..end` it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub start: usize,
    pub end: usize,
    pub via: &'static str,
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
/// words. Qualifiers are read by the caller.
pub fn cardinal(c: &Cursor<'_>, i: usize) -> Option<Found<f64>> {
    if let Some(s) = c.num(i) {
        let mut value = parse_numeral(s, c.lang)?;
        let mut start = i;
        let mut end = i + 1;
        // French groups thousands with plain spaces too: `1 240 000`.
        if lang::of(c.lang).grammar.spaced_thousands
            && s.len() <= 3
            && s.chars().all(|ch| ch.is_ascii_digit())
        {
            while let Some(g) = c.num(end)
                && g.len() == 3
                && g.chars().all(|ch| ch.is_ascii_digit())
                && c.same_sentence(i, end)
                && c.tok(end).is_some_and(|t| t.space_before)
            {
                value = value * 1000.0 + parse_numeral(g, c.lang)?;
                end += 1;
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
        // `.77`
        if i > 0
            && (c.is(i - 1, ".") || c.is(i - 1, "\u{066B}"))
            && c.glued(i)
            && !c.glued(i - 1)
            && !s.contains(['.', ','])
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
            if let Some(w) = c.word(j + 1).and_then(number_word) {
                let hyphen = matches!(c.str(j), "-" | "—");
                apply(w, prev, hyphen, &mut total, &mut current);
                prev = Some(w);
                parts += 1;
                j += 2;
                continue;
            }
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
        match NUMBER_WORDS.get(word).copied() {
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
    if weak && parts == 1 {
        return None;
    }
    let mut value = total + current;
    if let Some((frac, e)) = decimal_after(c, j) {
        value += frac;
        j = e;
    }
    Some(Found {
        value,
        start: i,
        end: j,
        via: "number words",
    })
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
    match w {
        "k" if glued => Some(1e3),
        "bn" => Some(1e9),
        "mn" | "mln" => Some(1e6),
        "m" if glued && (digits.contains(['.', ',']) || money) => Some(1e6),
        _ => None,
    }
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

/// `فاصلة N` after a number: the fractional part, and where it ends.
fn decimal_after(c: &Cursor<'_>, i: usize) -> Option<(f64, usize)> {
    if !c.is_in(i, &DECIMAL_WORDS) || !c.same_sentence(i, i + 1) {
        return None;
    }
    let digits: String = match c.num(i + 1) {
        Some(d) if d.chars().all(|ch| ch.is_ascii_digit()) => d.to_string(),
        Some(_) => return None,
        None => {
            let w = cardinal(c, i + 1)?;
            if w.value.fract() != 0.0 || w.value < 0.0 {
                return None;
            }
            let len = format!("{}", w.value as u64).len() as i32;
            return Some((w.value / 10f64.powi(len), w.end));
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
            },
            start: i,
            end: n.end,
            via: "percent sign before the digits",
        });
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
        },
        start,
        end,
        via,
    })
}
