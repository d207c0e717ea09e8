//! Word lists of the recognisers, written as a reader writes them and
//! normalised once at start-up (so `أربعة` and `اربعه` are one entry).
//!
//! Arabic, English and French: cardinal number words, ordinal words, month
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

fn table<T: Copy>(rows: &[(&[&str], T)]) -> HashMap<String, T> {
    let mut m = HashMap::default();
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

pub static NUMBER_WORDS: LazyLock<HashMap<String, NumWord>> = LazyLock::new(|| {
    use NumWord::*;
    let mut rows: Vec<(&[&str], NumWord)> = vec![
        (&["صفر", "zero", "zéro"], Add(0.0)),
        (
            &["واحد", "واحدة", "أحد", "إحدى", "one", "un", "une"],
            Add(1.0),
        ),
        (
            &[
                "اثنان",
                "اثنين",
                "اثنتان",
                "اثنتين",
                "اثنا",
                "اثنتا",
                "اثني",
                "اثنتي",
                "two",
                "deux",
            ],
            Add(2.0),
        ),
        (&["ثلاثة", "ثلاث", "three", "trois"], Add(3.0)),
        (&["أربعة", "أربع", "four", "quatre"], Add(4.0)),
        (&["خمسة", "خمس", "five", "cinq"], Add(5.0)),
        (&["ستة", "ست", "six"], Add(6.0)),
        (&["سبعة", "سبع", "seven", "sept"], Add(7.0)),
        (&["ثمانية", "ثماني", "ثمان", "eight", "huit"], Add(8.0)),
        (&["تسعة", "تسع", "nine", "neuf"], Add(9.0)),
        (&["عشرة", "عشر", "ten", "dix"], Add(10.0)),
        (&["eleven", "onze"], Add(11.0)),
        (&["twelve", "douze"], Add(12.0)),
        (&["thirteen", "treize"], Add(13.0)),
        (&["fourteen", "quatorze"], Add(14.0)),
        (&["fifteen", "quinze"], Add(15.0)),
        (&["sixteen", "seize"], Add(16.0)),
        (&["seventeen"], Add(17.0)),
        (&["eighteen"], Add(18.0)),
        (&["nineteen"], Add(19.0)),
        (&["عشرون", "عشرين", "twenty", "vingt", "vingts"], Add(20.0)),
        (&["ثلاثون", "ثلاثين", "thirty", "trente"], Add(30.0)),
        (&["أربعون", "أربعين", "forty", "quarante"], Add(40.0)),
        (&["خمسون", "خمسين", "fifty", "cinquante"], Add(50.0)),
        (&["ستون", "ستين", "sixty", "soixante"], Add(60.0)),
        (&["سبعون", "سبعين", "seventy"], Add(70.0)),
        (&["ثمانون", "ثمانين", "eighty"], Add(80.0)),
        (&["تسعون", "تسعين", "ninety"], Add(90.0)),
        (&["مائة", "مئة", "hundred", "cent", "cents"], Hundred),
        (
            &["مائتان", "مائتين", "مئتان", "مئتين", "مائتا", "مئتا"],
            Add(200.0),
        ),
        (&["ثلاثمائة", "ثلاثمئة"], Add(300.0)),
        (&["أربعمائة", "أربعمئة"], Add(400.0)),
        (&["خمسمائة", "خمسمئة"], Add(500.0)),
        (&["ستمائة", "ستمئة"], Add(600.0)),
        (&["سبعمائة", "سبعمئة"], Add(700.0)),
        (
            &["ثمانمائة", "ثمانمئة", "ثمانيمائة", "ثمانيمئة"],
            Add(800.0),
        ),
        (&["تسعمائة", "تسعمئة"], Add(900.0)),
    ];
    let mults: Vec<(&[&str], NumWord)> = vec![
        (
            &["ألف", "ألفا", "thousand", "mille"],
            Mult {
                value: 1e3,
                count: 1.0,
                plural: false,
            },
        ),
        (
            &["ألفان", "ألفين", "ألفي"],
            Mult {
                value: 1e3,
                count: 2.0,
                plural: false,
            },
        ),
        (
            &["آلاف", "ألوف", "thousands"],
            Mult {
                value: 1e3,
                count: 1.0,
                plural: true,
            },
        ),
        (
            &["مليون", "مليونا", "million"],
            Mult {
                value: 1e6,
                count: 1.0,
                plural: false,
            },
        ),
        (
            &["مليونان", "مليونين", "مليوني"],
            Mult {
                value: 1e6,
                count: 2.0,
                plural: false,
            },
        ),
        (
            &["ملايين", "millions"],
            Mult {
                value: 1e6,
                count: 1.0,
                plural: true,
            },
        ),
        (
            &["مليار", "مليارا", "بليون", "billion", "milliard"],
            Mult {
                value: 1e9,
                count: 1.0,
                plural: false,
            },
        ),
        (
            &["ملياران", "مليارين"],
            Mult {
                value: 1e9,
                count: 2.0,
                plural: false,
            },
        ),
        (
            &["مليارات", "billions", "milliards"],
            Mult {
                value: 1e9,
                count: 1.0,
                plural: true,
            },
        ),
    ];
    rows.extend(mults);
    table(&rows)
});

/// Ordinal words without the article (`ثالث`, `third`, `troisième`).
pub static ORDINAL_WORDS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let rows: Vec<(&[&str], u32)> = vec![
        (
            &["أول", "أولى", "first", "premier", "première", "1er", "1re"],
            1,
        ),
        (
            &[
                "ثاني",
                "ثانية",
                "ثان",
                "second",
                "seconde",
                "deuxième",
                "secondth",
            ],
            2,
        ),
        (&["ثالث", "ثالثة", "third", "troisième"], 3),
        (&["رابع", "رابعة", "fourth", "quatrième"], 4),
        (&["خامس", "خامسة", "fifth", "cinquième"], 5),
        (&["سادس", "سادسة", "sixth", "sixième"], 6),
        (&["سابع", "سابعة", "seventh", "septième"], 7),
        (&["ثامن", "ثامنة", "eighth", "huitième"], 8),
        (&["تاسع", "تاسعة", "ninth", "neuvième"], 9),
        (&["عاشر", "عاشرة", "tenth", "dixième"], 10),
        (&["eleventh", "onzième"], 11),
        (&["twelfth", "douzième"], 12),
        (&["thirteenth", "treizième"], 13),
        (&["fourteenth", "quatorzième"], 14),
        (&["fifteenth", "quinzième"], 15),
        (&["sixteenth", "seizième"], 16),
        (&["seventeenth"], 17),
        (&["eighteenth"], 18),
        (&["nineteenth"], 19),
        (&["twentieth", "vingtième"], 20),
        (&["thirtieth", "trentième"], 30),
        (&["fortieth", "quarantième"], 40),
        (&["fiftieth", "cinquantième"], 50),
        (&["sixtieth", "soixantième"], 60),
        (&["seventieth"], 70),
        (&["eightieth"], 80),
        (&["ninetieth"], 90),
        (&["hundredth", "centième"], 100),
        (&["thousandth", "millième"], 1000),
    ];
    table(&rows)
});

/// Arabic units that open a compound ordinal (`الحادي عشر`, `الواحد والثلاثون`).
pub static ORDINAL_COMPOUND_UNITS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let rows: Vec<(&[&str], u32)> = vec![
        (&["حادي", "حادية", "واحد", "أحد", "إحدى"], 1),
        (&["ثاني", "ثانية", "ثان", "اثنا", "اثني"], 2),
        (&["ثالث", "ثالثة"], 3),
        (&["رابع", "رابعة"], 4),
        (&["خامس", "خامسة"], 5),
        (&["سادس", "سادسة"], 6),
        (&["سابع", "سابعة"], 7),
        (&["ثامن", "ثامنة"], 8),
        (&["تاسع", "تاسعة"], 9),
    ];
    table(&rows)
});

/// Arabic tens as they follow a unit in a compound ordinal.
pub static ARABIC_TENS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let rows: Vec<(&[&str], u32)> = vec![
        (&["عشرون", "عشرين"], 20),
        (&["ثلاثون", "ثلاثين"], 30),
        (&["أربعون", "أربعين"], 40),
        (&["خمسون", "خمسين"], 50),
        (&["ستون", "ستين"], 60),
        (&["سبعون", "سبعين"], 70),
        (&["ثمانون", "ثمانين"], 80),
        (&["تسعون", "تسعين"], 90),
    ];
    table(&rows)
});

/// Month names: one or two words → month number.
pub static MONTHS: LazyLock<Vec<(Vec<String>, u8)>> = LazyLock::new(|| {
    let rows: &[(&str, u8)] = &[
        // MSA
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("أبريل", 4),
        ("إبريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يونيه", 6),
        ("يوليو", 7),
        ("يوليه", 7),
        ("أغسطس", 8),
        ("سبتمبر", 9),
        ("أكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
        // Maghrebi
        ("ماي", 5),
        ("يوليوز", 7),
        ("غشت", 8),
        ("شتنبر", 9),
        ("نونبر", 11),
        ("دجنبر", 12),
        ("جانفي", 1),
        ("فيفري", 2),
        ("أفريل", 4),
        ("جوان", 6),
        ("جويلية", 7),
        ("أوت", 8),
        // Levantine / Iraqi
        ("كانون الثاني", 1),
        ("شباط", 2),
        ("آذار", 3),
        ("نيسان", 4),
        ("أيار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("آب", 8),
        ("أيلول", 9),
        ("تشرين الأول", 10),
        ("تشرين الثاني", 11),
        ("كانون الأول", 12),
        // English
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        // French
        ("janvier", 1),
        ("février", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
    ];
    phrases(rows)
});

/// Weekday names → Monday = 0 … Sunday = 6. `needs_context` marks names
/// that are also ordinary words (`الاثنين` "the two", `الأحد` "the one"):
/// they count only after `يوم` or before a date.
pub static WEEKDAYS: LazyLock<HashMap<String, (u8, bool)>> = LazyLock::new(|| {
    let rows: Vec<(&[&str], (u8, bool))> = vec![
        (&["الاثنين", "الإثنين"], (0, true)),
        (&["اثنين", "monday", "lundi"], (0, false)),
        (
            &["الثلاثاء", "الثلاثا", "ثلاثاء", "tuesday", "mardi"],
            (1, false),
        ),
        (
            &["الأربعاء", "الاربعا", "أربعاء", "wednesday", "mercredi"],
            (2, false),
        ),
        (&["الخميس", "خميس", "thursday", "jeudi"], (3, false)),
        (&["الجمعة", "جمعة", "friday", "vendredi"], (4, false)),
        (&["السبت", "سبت", "saturday", "samedi"], (5, false)),
        (&["الأحد", "sunday", "dimanche"], (6, true)),
    ];
    table(&rows)
});

/// Phrases that hedge a following number.
pub static QUALIFIERS: LazyLock<Vec<(Vec<String>, Qualifier)>> = LazyLock::new(|| {
    use Qualifier::*;
    let rows: &[(&str, Qualifier)] = &[
        ("أكثر من", MoreThan),
        ("أزيد من", MoreThan),
        ("ما يزيد عن", MoreThan),
        ("ما يزيد على", MoreThan),
        ("ما يربو على", MoreThan),
        ("يزيد عن", MoreThan),
        ("more than", MoreThan),
        ("over", MoreThan),
        ("plus de", MoreThan),
        ("upwards of", MoreThan),
        ("at least", AtLeast),
        ("au moins", AtLeast),
        ("ما لا يقل عن", AtLeast),
        ("لا يقل عن", AtLeast),
        ("أقل من", LessThan),
        ("ما يقل عن", LessThan),
        ("less than", LessThan),
        ("fewer than", LessThan),
        ("under", LessThan),
        ("moins de", LessThan),
        ("نحو", About),
        ("حوالي", About),
        ("حوالى", About),
        ("قرابة", About),
        ("ما يقارب", About),
        ("زهاء", About),
        ("ما يناهز", About),
        ("about", About),
        ("around", About),
        ("approximately", About),
        ("nearly", About),
        ("almost", About),
        ("roughly", About),
        ("some", About),
        ("environ", About),
        ("près de", About),
        ("quelque", About),
        ("quelques", About),
        ("presque", About),
    ];
    phrases(rows)
});

/// A set of normalised words.
pub type WordSet = std::collections::HashSet<String, FastHash>;

fn set(words: &[&str]) -> WordSet {
    words.iter().map(|w| normalize_str(w)).collect()
}

/// Words between the two ends of a range of days.
pub static RANGE_CONNECTORS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "إلى",
        "حتى",
        "لغاية",
        "و",
        "-",
        "–",
        "—",
        "to",
        "until",
        "till",
        "through",
        "and",
        "au",
        "à",
        "et",
        "jusqu",
    ])
});

/// Words before the first day of a range.
pub static RANGE_OPENERS: LazyLock<WordSet> =
    LazyLock::new(|| set(&["من", "بين", "from", "between", "du", "entre"]));

/// Words that may stand between a day and its month (`27 من ماي`, `3 of March`).
pub static DAY_MONTH_LINKS: LazyLock<WordSet> = LazyLock::new(|| set(&["من", "of", "de", "في"]));

/// Words meaning "the current month" after a month name.
pub static CURRENT_MONTH: LazyLock<WordSet> = LazyLock::new(|| set(&["الجاري", "الحالي"]));

/// "next" and "last" with a weekday (`الاثنين المقبل`, `last Monday`).
pub static NEXT_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "القادم",
        "المقبل",
        "القادمة",
        "المقبلة",
        "next",
        "prochain",
        "prochaine",
    ])
});
pub static LAST_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "الماضي",
        "السابق",
        "المنصرم",
        "الفائت",
        "الماضية",
        "السابقة",
        "last",
        "dernier",
        "dernière",
    ])
});

/// Words that can open a day named relative to the report's date.
pub static RELATIVE_STARTERS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut s = set(&[
        "يوم",
        "بعد",
        "قبل",
        "أمس",
        "البارحة",
        "غدا",
        "بكرة",
        "بكرا",
        "yesterday",
        "hier",
        "tomorrow",
        "demain",
        "today",
        "aujourd",
    ]);
    s.extend(NEXT_WORDS.iter().cloned());
    s.extend(LAST_WORDS.iter().cloned());
    s.extend(WEEKDAYS.keys().cloned());
    s
});

/// Words before a bare year (`عام 2024`, `in 2024`).
pub static YEAR_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "عام",
        "سنة",
        "لعام",
        "لسنة",
        "العام",
        "السنة",
        "year",
        "année",
        "an",
    ])
});

/// Percent words after a number.
pub static PERCENT_SUFFIXES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let rows: Vec<(&str, ())> = [
        "في المئة",
        "في المائة",
        "في المية",
        "بالمئة",
        "بالمائة",
        "بالمية",
        "per cent",
        "percent",
        "pour cent",
        "pourcent",
    ]
    .iter()
    .map(|w| (*w, ()))
    .collect();
    phrases(&rows).into_iter().map(|(w, _)| w).collect()
});

/// Words that open the parts of a breakdown; `true` when the parts are
/// meant to add up to the total, `false` when they are only some of them.
pub static BREAKDOWN_MARKERS: LazyLock<Vec<(Vec<String>, bool)>> = LazyLock::new(|| {
    let rows: &[(&str, bool)] = &[
        ("منها", true),
        ("منهم", true),
        ("منهن", true),
        ("of which", true),
        ("of whom", true),
        ("dont", true),
        ("من بينها", false),
        ("من بينهم", false),
        ("including", false),
        ("among them", false),
        ("notamment", false),
        ("parmi lesquels", false),
        ("parmi lesquelles", false),
        ("بينها", false),
        ("بينهم", false),
    ];
    phrases(rows)
});

/// Words naming a recurring event's edition (`الدورة الخامسة من الملتقى`).
pub static EDITION_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "الدورة",
        "النسخة",
        "الطبعة",
        "دورة",
        "نسخة",
        "edition",
        "session",
        "édition",
    ])
});

/// Words that start a new clause and so end a trigger's phrase.
pub static CLAUSE_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    set(&[
        "الذي",
        "التي",
        "الذين",
        "اللذين",
        "اللتين",
        "حيث",
        "عندما",
        "بينما",
        "كما",
        "لكن",
        "which",
        "that",
        "who",
        "where",
        "when",
        "while",
        "but",
        "où",
        "qui",
        "que",
        "lorsque",
        "mais",
    ])
});

/// The forms of a word with its Arabic proclitics taken off: the word
/// itself, without و/ف, then without ب/ل/ك. No allocation: this runs for
/// every word of every report.
pub fn strip_clitics(w: &str) -> Clitics<'_> {
    let mut c = Clitics {
        items: [""; 9],
        len: 0,
        pos: 0,
    };
    c.push(w);
    let mut bases: [&str; 3] = [w, "", ""];
    let mut nb = 1;
    for conj in ["و", "ف"] {
        if let Some(rest) = w.strip_prefix(conj)
            && rest.chars().nth(1).is_some()
        {
            c.push(rest);
            if let Some(b) = bases.get_mut(nb) {
                *b = rest;
                nb += 1;
            }
        }
    }
    for b in bases.iter().take(nb) {
        for prep in ["ب", "ل", "ك"] {
            if let Some(rest) = b.strip_prefix(prep)
                && rest.chars().nth(1).is_some()
            {
                c.push(rest);
            }
        }
    }
    c
}

/// Iterator over [`strip_clitics`] forms.
pub struct Clitics<'a> {
    items: [&'a str; 9],
    len: usize,
    pos: usize,
}

impl<'a> Clitics<'a> {
    fn push(&mut self, s: &'a str) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = s;
            self.len += 1;
        }
    }
}

impl<'a> Iterator for Clitics<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.pos >= self.len {
            return None;
        }
        let item = self.items.get(self.pos).copied();
        self.pos += 1;
        item
    }
}

/// Month names by their first word, for one lookup per word.
/// A month name as words, and its number.
pub type MonthName = (Vec<String>, u8);

pub static MONTHS_BY_FIRST: LazyLock<HashMap<String, Vec<MonthName>>> = LazyLock::new(|| {
    let mut m: HashMap<String, Vec<MonthName>> = HashMap::default();
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
    s.extend(set(&[
        "شهر",
        "الشهر",
        "month",
        "نسبة",
        "مايه",
        "ميه",
        "ال",
        "لل",
        "unieme",
    ]));
    s
});

/// Can a recogniser start at this word?
pub fn may_start(w: &str) -> bool {
    strip_clitics(w).any(|v| {
        STARTERS.contains(v)
            || v.strip_prefix("ال").is_some_and(|b| STARTERS.contains(b))
            || v == "ال"
    }) || matches!(w, "وال" | "بال" | "فال" | "كال" | "ولل" | "فلل")
}
