//! The word tables of the recognisers, merged from the words of every
//! language ([`super::lang`]) and normalised once at start-up (so `أربعة`
//! and `اربعه` are one entry): cardinal number words, ordinal words, month
//! and weekday names, qualifiers ("more than", "about"), connectors of
//! ranges, and the words that introduce a breakdown ("of which").

use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// The multiply-rotate hash of rustc's FxHasher, for the word tables looked
/// up for every word of every report. Written here because no crate of the
/// project's approved set offers a fast non-cryptographic hasher, and these
/// tables hold fixed words, not attacker-chosen keys.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastHash = BuildHasherDefault<WordHasher>;
pub type HashMap<K, V> = StdHashMap<K, V, FastHash>;

use super::lang;
use crate::text::normalize_str;
use crate::value::Qualifier;

/// A number word and how it combines with its neighbours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumWord {
    /// 0–19 and tens (added to the current group).
    Add(f64),
    /// `مائة`, `hundred`, `cent`: multiplies a preceding unit, else 100.
    Hundred,
    /// `ألف`, `million`: closes a group. `count` is 2 for a dual form
    /// (`ألفان` = 2000); `plural` forms need a preceding number.
    Mult {
        value: f64,
        count: f64,
        plural: bool,
    },
}

fn table<T: Copy>(rows: &[(&[&str], T)]) -> WordMap<T> {
    let mut m = WordMap::default();
    for (words, v) in rows {
        for w in *words {
            m.insert(normalize_str(w), *v);
        }
    }
    m
}

/// Multi-word phrases, normalised and split into words, longest first (so
/// that `كانون الثاني` wins over a one-word prefix), each with its value.
fn phrases<T: Copy>(rows: &[(&str, T)]) -> Vec<(Vec<String>, T)> {
    let mut v: Vec<(Vec<String>, T)> = rows
        .iter()
        .map(|(w, t)| {
            (
                normalize_str(w).split(' ').map(str::to_string).collect(),
                *t,
            )
        })
        .collect();
    v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    v
}

pub static NUMBER_WORDS: LazyLock<WordMap<NumWord>> =
    LazyLock::new(|| table(&lang::rows(|w| w.number_words)));

/// Ordinal words without the article (`ثالث`, `third`, `troisième`).
/// In languages that glue them (`twentyfifth`), each ten with each unit
/// ordinal is a word of its own.
pub static ORDINAL_WORDS: LazyLock<WordMap<u32>> = LazyLock::new(|| {
    let mut m = table(&lang::rows(|w| w.ordinal_words));
    for w in lang::ALL.iter().filter(|w| w.grammar.glued_ordinals) {
        let tens = w.number_words.iter().filter_map(|(words, v)| match v {
            NumWord::Add(t) if *t >= 20.0 && *t < 100.0 && t % 10.0 == 0.0 => Some((*words, *t)),
            _ => None,
        });
        for (tens_words, t) in tens {
            for (units, u) in w.ordinal_words.iter().filter(|(_, u)| *u < 10) {
                for ten in tens_words {
                    for unit in *units {
                        m.insert(normalize_str(&format!("{ten}{unit}")), t as u32 + u);
                    }
                }
            }
        }
    }
    m
});

/// Arabic units that open a compound ordinal (`الحادي عشر`, `الواحد والثلاثون`).
pub static ORDINAL_COMPOUND_UNITS: LazyLock<WordMap<u32>> =
    LazyLock::new(|| table(&lang::rows(|w| w.ordinal_compound_units)));

/// Arabic tens as they follow a unit in a compound ordinal.
pub static ARABIC_TENS: LazyLock<WordMap<u32>> =
    LazyLock::new(|| table(&lang::rows(|w| w.tens_after_units)));

/// Month names: one or two words → month number.
pub static MONTHS: LazyLock<Vec<(Vec<String>, u8)>> =
    LazyLock::new(|| phrases(&lang::phrases(|w| w.months)));

/// Weekday names → Monday = 0 … Sunday = 6. `needs_context` marks names
/// that are also ordinary words (`الاثنين` "the two", `الأحد` "the one"):
/// they count only after `يوم` or before a date.
pub static WEEKDAYS: LazyLock<WordMap<(u8, bool)>> =
    LazyLock::new(|| table(&lang::rows(|w| w.weekdays)));

/// Phrases that hedge a following number.
pub static QUALIFIERS: LazyLock<Vec<(Vec<String>, Qualifier)>> =
    LazyLock::new(|| phrases(&lang::phrases(|w| w.qualifiers)));

/// The shapes of the words of a set or map: a bit per shape of word (its
/// length and last two bytes, mixed to nine bits), so that most words
/// looked up, in no set, are rejected without being hashed (for Arabic,
/// the last two bytes are the last letter).
#[derive(Debug, Clone, Default)]
struct Shapes([u64; 8]);

impl Shapes {
    #[inline]
    fn of(w: &str) -> usize {
        let b = w.as_bytes();
        let tail = match b {
            [.., x, y] => u32::from_be_bytes([0, 0, *x, *y]),
            [y] => u32::from(*y),
            [] => 0,
        };
        let mixed = (w.len() as u32).wrapping_mul(0x9E37_79B9) ^ tail.wrapping_mul(0x85EB_CA6B);
        (mixed >> 23) as usize
    }

    fn add(&mut self, w: &str) {
        let k = Shapes::of(w);
        if let Some(bits) = self.0.get_mut(k >> 6) {
            *bits |= 1 << (k & 63);
        }
    }

    /// Could a word of this shape be among them?
    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        let k = Shapes::of(w);
        self.0
            .get(k >> 6)
            .is_some_and(|bits| bits >> (k & 63) & 1 == 1)
    }
}

/// A set of normalised words.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: std::collections::HashSet<String, FastHash>,
    shapes: Shapes,
}

impl WordSet {
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.shapes.may_hold(w) && self.words.contains(w)
    }

    pub fn insert(&mut self, w: String) -> bool {
        self.shapes.add(&w);
        self.words.insert(w)
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Normalised words and what each stands for, rejected by their shape
/// before they are hashed, as in a [`WordSet`].
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    map: HashMap<String, V>,
    shapes: Shapes,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            map: HashMap::default(),
            shapes: Shapes::default(),
        }
    }
}

impl<V> WordMap<V> {
    #[inline]
    pub fn get(&self, w: &str) -> Option<&V> {
        if self.shapes.may_hold(w) {
            self.map.get(w)
        } else {
            None
        }
    }

    #[inline]
    pub fn contains_key(&self, w: &str) -> bool {
        self.get(w).is_some()
    }

    pub fn insert(&mut self, w: String, v: V) -> Option<V> {
        self.shapes.add(&w);
        self.map.insert(w, v)
    }

    pub fn entry(&mut self, w: String) -> std::collections::hash_map::Entry<'_, String, V> {
        self.shapes.add(&w);
        self.map.entry(w)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.map.iter()
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for w in words {
            self.insert(w);
        }
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut s = WordSet::default();
        s.extend(words);
        s
    }
}

impl IntoIterator for WordSet {
    type Item = String;
    type IntoIter = std::collections::hash_set::IntoIter<String>;
    fn into_iter(self) -> Self::IntoIter {
        self.words.into_iter()
    }
}

impl<'a> IntoIterator for &'a WordSet {
    type Item = &'a String;
    type IntoIter = std::collections::hash_set::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.words.iter()
    }
}

fn set(words: &[&str]) -> WordSet {
    words.iter().map(|w| normalize_str(w)).collect()
}

/// Words between the two ends of a range of days.
pub static RANGE_CONNECTORS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.range_connectors)));

/// Words before the first day of a range.
pub static RANGE_OPENERS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.range_openers)));

/// Words that may stand between a day and its month (`27 من ماي`, `3 of March`).
pub static DAY_MONTH_LINKS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.day_month_links)));

/// Words meaning "the current month" after a month name.
pub static CURRENT_MONTH: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.current_month)));

/// "next" and "last" with a weekday (`الاثنين المقبل`, `last Monday`).
pub static NEXT_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.next_words)));
pub static LAST_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.last_words)));

/// Words that can open a day named relative to the report's date.
pub static RELATIVE_STARTERS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut s = set(&lang::words(|w| w.relative_starters));
    s.extend(NEXT_WORDS.iter().cloned());
    s.extend(LAST_WORDS.iter().cloned());
    s.extend(WEEKDAYS.keys().cloned());
    // The first words of `day before yesterday`, `avant-hier` …
    s.extend(
        DAY_BEFORE_YESTERDAY
            .iter()
            .chain(DAY_AFTER_TOMORROW.iter())
            .filter_map(|p| p.first().cloned()),
    );
    s
});

/// Words before a bare year (`عام 2024`, `in 2024`).
pub static YEAR_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.year_words)));

/// Percent words after a number.
pub static PERCENT_SUFFIXES: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.percent_suffixes));

/// Words that open the parts of a breakdown; `true` when the parts are
/// meant to add up to the total, `false` when they are only some of them.
pub static BREAKDOWN_MARKERS: LazyLock<Vec<(Vec<String>, bool)>> =
    LazyLock::new(|| phrases(&lang::phrases(|w| w.breakdown_markers)));

/// Words naming a recurring event's edition (`الدورة الخامسة من الملتقى`).
pub static EDITION_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.edition_words)));

/// Number words that are also common words: numbers only in a compound.
pub static WEAK_NUMBERS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.weak_numbers)));
/// Words joining the parts of a compound number.
pub static NUMBER_JOINERS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.number_joiners)));
/// The word before the fractional part of a number.
pub static DECIMAL_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.decimal_words)));
/// A word a percentage follows.
pub static PERCENT_LEADS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.percent_leads)));
/// Words that refer back to a named event.
pub static DEMONSTRATIVES: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.demonstratives)));
/// "month", before a month's name or number.
pub static MONTH_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.month_words)));
/// "day", before a weekday or a day.
pub static DAY_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.day_words)));
/// Words between a weekday and its date.
pub static WEEKDAY_DATE_LINKS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.weekday_date_links)));
/// "night", between the two days of a night (`ليل الجمعة السبت`).
pub static NIGHT_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.night_words)));
/// The day before, after, and of the report's date.
pub static YESTERDAY: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.yesterday)));
pub static TOMORROW: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.tomorrow)));
pub static TODAY: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.today)));
/// Every word that names a day: yesterday, today, tomorrow, a weekday
/// (one lookup says whether a word may be any of them).
pub static NAMED_DAYS: LazyLock<WordSet> = LazyLock::new(|| {
    [&*YESTERDAY, &*TODAY, &*TOMORROW]
        .into_iter()
        .flat_map(WordSet::iter)
        .chain(WEEKDAYS.keys())
        .cloned()
        .collect()
});

/// Words that open a noun phrase, and prepositions that end the words
/// qualifying a trigger from before it (languages whose adjectives come
/// before the noun).
pub static DETERMINERS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.grammar.determiners)));
pub static PREPOSITIONS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.grammar.prepositions)));

/// Page furniture: the openings of "read also" lines, captions and byline
/// lines; the words of counters and cookie notices.
pub static READ_ALSO: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| word_phrases(|w| w.read_also));
pub static CAPTION_MARKS: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.caption_marks));
pub static BYLINE_MARKS: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.byline_marks));
pub static COUNTER_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.counter_words)));
pub static COOKIE_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.cookie_words)));

/// Phrases of a list across languages, normalised and split, longest first.
fn word_phrases(field: fn(&lang::Words) -> lang::List) -> Vec<Vec<String>> {
    let rows: Vec<(&str, ())> = lang::words(field).into_iter().map(|w| (w, ())).collect();
    phrases(&rows).into_iter().map(|(w, _)| w).collect()
}

/// Words of a change, of a named rate, of a comparison; phrases that open
/// the whole of a subset (see `shares`).
pub static CHANGE_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.change_words)));
pub static RATE_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.rate_words)));
pub static OF_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.of_words)));
pub static RATIO_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.ratio_words)));
pub static COMPARE_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.compare_words)));
pub static PREVIOUS_BEFORE: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.previous_before)));
pub static PREVIOUS_AFTER: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.previous_after)));
pub static NEXT_BEFORE: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.next_before)));
pub static NEXT_AFTER: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.next_after)));
/// Years named from the report's (`last year`, `السنة الماضية`), and the
/// words that link one to a trigger.
pub static RELATIVE_YEARS: LazyLock<Vec<(Vec<String>, i8)>> =
    LazyLock::new(|| phrases(&lang::phrases(|w| w.relative_years)));
pub static YEAR_LINKS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.year_links)));
/// The first words of those years: a word that is none is no such year.
pub static RELATIVE_YEAR_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
    let firsts: Vec<&str> = lang::phrases(|w| w.relative_years)
        .into_iter()
        .filter_map(|(p, _)| p.split(' ').next())
        .collect();
    set(&firsts)
});
/// Nouns of time: weeks, months, years, days.
pub static TIME_NOUNS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        lang::words(|w| w.week_words),
        lang::words(|w| w.month_words),
        lang::words(|w| w.year_words),
        lang::words(|w| w.day_words),
    ]
    .concat())
});
pub static WHOLE_OPENERS: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.whole_openers));

/// Parts of a day → minutes after midnight; words before an hour; markers
/// of provisional figures; attributions and reporting verbs.
pub static DAY_PARTS: LazyLock<WordMap<u16>> =
    LazyLock::new(|| table(&lang::rows(|w| w.day_parts)));
pub static HOUR_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.hour_words)));
pub static PROVISIONAL: LazyLock<WordSet> = LazyLock::new(|| set(&lang::words(|w| w.provisional)));
pub static ATTRIBUTION: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.attribution));
pub static REPORTING_VERBS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.reporting_verbs)));

/// Nouns that make `الـN` a count; phrases that hedge nothing.
pub static COUNTED_BEFORE: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.counted_before)));
pub static COUNTED_AFTER: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.counted_after)));
pub static NOT_HEDGES: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.not_hedges));

/// Two days before and after the report's date, in phrases.
/// Hijri months, as word sequences (see `lang::Words::hijri_months`).
pub static HIJRI_MONTHS: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.hijri_months));
pub static HIJRI_MONTHS_NEED_YEAR: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.hijri_months_need_year));
pub static DAY_BEFORE_YESTERDAY: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.day_before_yesterday));
pub static DAY_AFTER_TOMORROW: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| word_phrases(|w| w.day_after_tomorrow));

/// Words that introduce a date written as numbers (`on 2/15`, `le 15/2`).
pub static DATE_OPENERS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.date_openers)));

/// Words that start a new clause and so end a trigger's phrase.
pub static CLAUSE_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.clause_words)));

/// The forms of a word with its Arabic proclitics taken off: the word
/// itself, without و/ف, then without ب/ل/ك (a form keeps two letters or
/// more). Every form ends the word, so a form is where it starts: no
/// allocation, and a few bytes to copy, for every word of every report.
pub fn strip_clitics(w: &str) -> Clitics<'_> {
    // Most words open with none of و ف ب ل ك: they are their only form.
    if !matches!(
        w.as_bytes(),
        [0xD9, 0x88 | 0x81 | 0x84 | 0x83, ..] | [0xD8, 0xA8, ..]
    ) {
        return Clitics {
            word: w,
            starts: [0; 4],
            len: 1,
            pos: 0,
        };
    }
    // Where the word goes on after one of `letters` at `at`, when two
    // letters or more are left.
    let after = |at: usize, letters: &[&str]| -> Option<usize> {
        let rest = w.get(at..)?;
        let p = letters.iter().find(|p| rest.starts_with(**p))?;
        let to = at + p.len();
        w.get(to..)?.chars().nth(1).is_some().then_some(to)
    };
    let mut c = Clitics {
        word: w,
        starts: [0; 4],
        len: 1,
        pos: 0,
    };
    const PREPOSITIONS: [&str; 3] = ["ب", "ل", "ك"];
    let conj = after(0, &["و", "ف"]);
    for start in [
        conj,
        after(0, &PREPOSITIONS),
        conj.and_then(|at| after(at, &PREPOSITIONS)),
    ]
    .into_iter()
    .flatten()
    {
        if let Some(slot) = c.starts.get_mut(c.len) {
            *slot = start as u8;
            c.len += 1;
        }
    }
    c
}

/// Iterator over [`strip_clitics`] forms.
pub struct Clitics<'a> {
    word: &'a str,
    /// Where each form starts in the word.
    starts: [u8; 4],
    len: usize,
    pos: usize,
}

impl<'a> Iterator for Clitics<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.pos >= self.len {
            return None;
        }
        let start = self.starts.get(self.pos).copied()?;
        self.pos += 1;
        self.word.get(usize::from(start)..)
    }
}

/// Prepositions of time before a month named alone (`in March`).
pub static MONTH_PREPOSITIONS: LazyLock<WordSet> =
    LazyLock::new(|| set(&lang::words(|w| w.month_prepositions)));

/// Month names by their first word, for one lookup per word.
/// A month name as words, and its number.
pub type MonthName = (Vec<String>, u8);

pub static MONTHS_BY_FIRST: LazyLock<WordMap<Vec<MonthName>>> = LazyLock::new(|| {
    let mut m: WordMap<Vec<MonthName>> = WordMap::default();
    for (words, month) in MONTHS.iter() {
        if let Some(first) = words.first() {
            m.entry(first.clone())
                .or_default()
                .push((words.clone(), *month));
        }
    }
    m
});

/// Every word that can open a number, an ordinal, a date, a percentage or
/// a weekday. A word outside it (with or without proclitics and article)
/// starts nothing, and the recognisers are not tried there.
pub static STARTERS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut s: WordSet = WordSet::default();
    s.extend(NUMBER_WORDS.keys().cloned());
    s.extend(ORDINAL_WORDS.keys().cloned());
    s.extend(ORDINAL_COMPOUND_UNITS.keys().cloned());
    s.extend(ARABIC_TENS.keys().cloned());
    s.extend(MONTHS_BY_FIRST.keys().cloned());
    s.extend(WEEKDAYS.keys().cloned());
    s.extend(RANGE_OPENERS.iter().cloned());
    s.extend(YEAR_WORDS.iter().cloned());
    s.extend(RELATIVE_STARTERS.iter().cloned());
    s.extend(set(&lang::words(|w| w.other_starters)));
    s
});

/// Every word a recogniser can start at, with its proclitics written: a
/// starter, or a starter after the article, or the article alone, after
/// و/ف and then ب/ل/ك as [`strip_clitics`] takes them off (a form of two
/// letters or more behind a proclitic). One lookup of the word as written
/// stands for the lookups of each of its forms.
static STARTER_FORMS: LazyLock<WordSet> = LazyLock::new(|| {
    const PROCLITICS: [&str; 12] = [
        "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
    ];
    let forms = STARTERS
        .iter()
        .flat_map(|s| [s.clone(), format!("ال{s}")])
        .chain(["ال".to_string()]);
    let mut out = WordSet::default();
    for v in forms {
        for p in PROCLITICS {
            if p.is_empty() || v.chars().nth(1).is_some() {
                out.insert(format!("{p}{v}"));
            }
        }
    }
    // (`وال`, `بال` … are the article behind a proclitic, made above.)
    out.extend(["ولل", "فلل"].map(String::from));
    out
});

/// A bit per hash of every word of [`STARTER_FORMS`], 2^20 bits (128 KiB,
/// about one in twenty set): most words start nothing, and their bit, clear,
/// says so without a lookup in the set.
static STARTER_BITS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 1 << 14];
    for w in STARTER_FORMS.iter() {
        let k = starter_bit(w);
        if let Some(word) = bits.get_mut(k >> 6) {
            *word |= 1 << (k & 63);
        }
    }
    bits
});

/// The bit of a word in [`STARTER_BITS`]: its first and last eight bytes
/// (four in a shorter word, overlapping when the word is short) and its
/// length, mixed, without a step per byte: every word of a report is
/// looked up.
#[inline]
fn starter_bit(w: &str) -> usize {
    let b = w.as_bytes();
    let n = b.len();
    let eight = |at: usize| {
        b.get(at..at + 8)
            .and_then(|s| <[u8; 8]>::try_from(s).ok())
            .map_or(0, u64::from_le_bytes)
    };
    let four = |at: usize| {
        b.get(at..at + 4)
            .and_then(|s| <[u8; 4]>::try_from(s).ok())
            .map_or(0, |x| u64::from(u32::from_le_bytes(x)))
    };
    let (head, tail) = if n >= 8 {
        (eight(0), eight(n - 8))
    } else if n >= 4 {
        (four(0), four(n - 4))
    } else {
        // One to three bytes: the first, the middle and the last.
        let at = |k: usize| b.get(k).map_or(0, |&x| u64::from(x));
        (at(0) | at(n / 2) << 8 | at(n.saturating_sub(1)) << 16, 0)
    };
    let mixed = (head ^ (n as u64).rotate_left(32))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(29)
        ^ tail.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (mixed.wrapping_mul(0x1656_67B1_9E37_79F9) >> 44) as usize
}

/// Can a recogniser start at this word?
pub fn may_start(w: &str) -> bool {
    let k = starter_bit(w);
    STARTER_BITS
        .get(k >> 6)
        .is_some_and(|word| word & (1 << (k & 63)) != 0)
        && STARTER_FORMS.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The shapes only ever reject words the set or map does not hold.
        #[test]
        fn a_word_set_holds_what_was_put_in(
            put in prop::collection::vec("[a-c\u{0627}-\u{062A}]{0,6}", 0..40),
            asked in prop::collection::vec("[a-c\u{0627}-\u{062A}]{0,6}", 0..40),
        ) {
            let set: WordSet = put.iter().cloned().collect();
            let mut map = WordMap::default();
            for (k, w) in put.iter().enumerate() {
                map.insert(w.clone(), k);
            }
            for w in put.iter().chain(&asked) {
                prop_assert_eq!(set.contains(w), put.contains(w), "{:?}", w);
                let last = put.iter().rposition(|p| p == w);
                prop_assert_eq!(map.get(w).copied(), last, "{:?}", w);
            }
        }
    }

    /// The forms of a word as a list of its stripped strings, taken off
    /// one proclitic at a time.
    fn forms_one_by_one(w: &str) -> Vec<&str> {
        let mut out = vec![w];
        let two = |r: &str| r.chars().nth(1).is_some();
        let mut bases = vec![w];
        for conj in ["و", "ف"] {
            if let Some(rest) = w.strip_prefix(conj).filter(|r| two(r)) {
                out.push(rest);
                bases.push(rest);
            }
        }
        for b in bases {
            for prep in ["ب", "ل", "ك"] {
                if let Some(rest) = b.strip_prefix(prep).filter(|r| two(r)) {
                    out.push(rest);
                }
            }
        }
        out
    }

    #[test]
    fn clitic_forms_are_the_word_with_each_proclitic_off() {
        for w in [
            "",
            "و",
            "وب",
            "وبي",
            "وبيت",
            "فلل",
            "فللبيت",
            "بيت",
            "لل",
            "للبيت",
            "كما",
            "وكما",
            "ولد",
            "والد",
            "بالمائة",
            "وبالمائة",
            "فب",
            "ففي",
            "وو",
            "وولد",
            "bو",
            "word",
            "ب",
        ] {
            assert_eq!(
                strip_clitics(w).collect::<Vec<_>>(),
                forms_one_by_one(w),
                "«{w}»"
            );
        }
    }

    /// The bits reject most words that start nothing without a lookup.
    #[test]
    fn starter_bits_reject_most_other_words() {
        let bit = |w: &str| {
            let k = starter_bit(w);
            STARTER_BITS
                .get(k >> 6)
                .is_some_and(|word| word & (1 << (k & 63)) != 0)
        };
        let others: Vec<String> = STARTERS.iter().map(|s| format!("{s}قx")).collect();
        let passed = others.iter().filter(|w| bit(w)).count();
        assert!(passed * 10 < others.len(), "{passed} of {}", others.len());
    }

    /// What [`may_start`] says, form by form.
    fn starts_form_by_form(w: &str) -> bool {
        strip_clitics(w).any(|v| {
            STARTERS.contains(v)
                || v.strip_prefix("ال").is_some_and(|b| STARTERS.contains(b))
                || v == "ال"
        }) || matches!(w, "وال" | "بال" | "فال" | "كال" | "ولل" | "فلل")
    }

    /// One lookup of the word as written says what the lookups of its
    /// forms say: for every starter and starter-like word with each
    /// proclitic and the article, short ones among them, and other words.
    #[test]
    fn starter_forms_are_the_starters_with_their_proclitics() {
        let mut words: Vec<String> = vec![
            "و".into(),
            "ال".into(),
            "وال".into(),
            "ولل".into(),
            "فلل".into(),
            "لل".into(),
            "بي".into(),
            "وبي".into(),
            "ما".into(),
            "وما".into(),
            "مائة".into(),
            "والمائة".into(),
            "of".into(),
            "the".into(),
            "وthe".into(),
            "فب".into(),
            "وب".into(),
            "كالكتاب".into(),
        ];
        for s in STARTERS.iter() {
            for p in [
                "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فك", "ال", "وال", "بال", "وبال", "لل",
            ] {
                words.push(format!("{p}{s}"));
                // A letter more or less: no starter.
                words.push(format!("{p}{s}x"));
                if let Some((i, _)) = s.char_indices().nth(1) {
                    words.push(format!("{p}{}", s.get(i..).unwrap_or("")));
                }
            }
        }
        for w in &words {
            assert_eq!(may_start(w), starts_form_by_form(w), "«{w}»");
        }
    }
}
