//! The people a folder of reports names, for `factlint init`.
//!
//! A person is drafted from a name written in Latin script (two or three
//! capitalised words, `Nasser Bourita`, `José Manuel Albares`, particles
//! such as `bin` or `de` allowed between them), with its spellings in
//! Arabic found by the matcher across scripts ([`translit`]): `بوريطة` is
//! `Bourita`. A name is kept when its last word is named in two reports or
//! more (in either script) and something says it is a person's: it is also
//! written in Arabic script (organisations and events are translated, names
//! transliterated), or a title stands before it (`Minister`, `M.`,
//! `President`). A place's name is never a person's.
//!
//! [`translit`]: crate::extract::translit

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::translit::{Skeleton, skeleton};
use crate::source::SourceFile;
use crate::text::segment::{TokKind, segment};
use crate::text::{normalize, normalize_str};

/// A person of the draft, with its evidence.
pub struct Person {
    /// The last word of the name (the entry's name once made ASCII).
    pub surname: String,
    /// Spellings, Latin first: the full names, the last name, then the
    /// Arabic ones.
    pub aliases: Vec<String>,
    pub reports: BTreeSet<usize>,
    /// A report and the full name it writes.
    pub example: (usize, String),
}

/// Words a name follows: titles, in English and French, folded.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "m",
    "mme",
    "president",
    "président",
    "minister",
    "ministre",
    "prime",
    "premier",
    "secretary",
    "secrétaire",
    "general",
    "général",
    "director",
    "directeur",
    "king",
    "roi",
    "prince",
    "sheikh",
    "cheikh",
    "chancellor",
    "chancelier",
    "ambassador",
    "ambassadeur",
    "spokesman",
    "spokeswoman",
    "porte-parole",
    "senator",
    "sénateur",
    "governor",
    "gouverneur",
    "mayor",
    "maire",
    "judge",
    "juge",
    "colonel",
    "commander",
    "queen",
    "reine",
    "pope",
    "pape",
    "counterpart",
    "homologue",
];

/// Capitalised words that are no part of a name: articles and other words
/// that open sentences and headings (weekdays and months are the
/// extractor's own lists, [`is_calendar_word`]).
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "in",
    "on",
    "at",
    "of",
    "for",
    "and",
    "et",
    "to",
    "by",
    "from",
    "with",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "he",
    "she",
    "they",
    "it",
    "il",
    "elle",
    "ils",
    "we",
    "nous",
    "read",
    "lire",
    "photo",
    "published",
    "updated",
    "comments",
    "commentaires",
    "according",
    "selon",
    "but",
    "mais",
    "after",
    "après",
    "before",
    "avant",
    "more",
    "plus",
    "also",
    "aussi",
    "both",
    "officials",
    "ministers",
    "foreign",
    "interior",
    "affairs",
    "affaires",
    "ministry",
    "ministère",
    "state",
    "wire",
    "reuters",
    "afp",
];

/// A weekday or a month in any of the three languages (`March`, `Mardi`).
fn is_calendar_word(w: &str) -> bool {
    use crate::extract::lexicon::{MONTHS, WEEKDAYS};
    let key = normalize_str(w);
    WEEKDAYS.contains_key(&key)
        || MONTHS
            .iter()
            .any(|(words, _)| words.len() == 1 && words.first() == Some(&key))
}

/// Lower-case particles inside a name (`Mohammed bin Salman`).
const PARTICLES: &[&str] = &[
    "bin", "ben", "ibn", "al", "el", "de", "del", "da", "di", "van", "von",
];

fn folded(w: &str) -> String {
    w.chars().flat_map(char::to_lowercase).collect()
}

/// A word as a name would be: capitalised, with a lower-case letter (not
/// an acronym), letters only (a possessive `'s` taken off).
fn name_word(w: &str) -> Option<&str> {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    let mut chars = w.chars();
    let first = chars.next()?;
    (first.is_uppercase()
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && w.chars().any(char::is_lowercase)
        && w.chars().count() >= 2
        && !NOT_NAMES.contains(&folded(w).as_str())
        && !is_calendar_word(w)
        && !TITLES.contains(&folded(w).as_str()))
    .then_some(w)
}

/// A report's words: (sentence, original word, Word token?), with the
/// page furniture left out (a "read also" line names another story's
/// people): a skipped token is punctuation here, so no name runs over it.
fn words(src: &SourceFile) -> Vec<(u32, String, bool)> {
    let body = src.text.get(src.body_start()..).unwrap_or("");
    let norm = normalize(body);
    let seg = segment(&norm.text);
    let cursor = crate::extract::cursor::Cursor {
        text: &norm.text,
        toks: &seg.tokens,
        lang: src.lang,
        original: Some((body, &norm.map)),
    };
    let skipped = crate::extract::furniture::detect(&cursor);
    seg.tokens
        .iter()
        .enumerate()
        .map(|(k, t)| {
            if crate::extract::furniture::skips(&skipped, k) {
                return (t.sentence, String::new(), false);
            }
            let o = norm.map.to_orig(t.start as usize, t.end as usize);
            (
                t.sentence,
                body.get(o.start..o.end).unwrap_or("").to_string(),
                t.kind == TokKind::Word,
            )
        })
        .collect()
}

/// What was seen of one last name.
#[derive(Default)]
struct Seen {
    written: String,
    /// Full names in Latin script, with how often.
    full: BTreeMap<String, usize>,
    /// Spellings in Arabic script, with how often.
    arabic: BTreeMap<String, usize>,
    reports: BTreeSet<usize>,
    titled: bool,
    example: Option<(usize, String)>,
    first_names: BTreeSet<String>,
}

/// An Arabic word with and without its proclitics; the article stays, it
/// is part of how a name is written (`الحموشي`).
use crate::extract::translit::proclitic_forms as arabic_forms;

/// The form of an Arabic word that is a Latin name's spelling.
fn spelling<'w>(w: &'w str, latin: &Skeleton) -> Option<&'w str> {
    arabic_forms(w)
        .into_iter()
        .find(|f| skeleton(f).is_some_and(|s| s.consonants() >= 3 && latin.matches(&s)))
}

fn is_arabic(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// The people named in these reports; `is_place` says whether a name is a
/// place's.
pub fn people(sources: &[SourceFile], is_place: impl Fn(&str) -> bool) -> Vec<Person> {
    let texts: Vec<Vec<(u32, String, bool)>> = sources.iter().map(words).collect();
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    // Full names in Latin script.
    for (r, words) in texts.iter().enumerate() {
        let mut k = 0;
        while k < words.len() {
            let Some((sentence, w, true)) = words.get(k) else {
                k += 1;
                continue;
            };
            let Some(first) = name_word(w) else {
                k += 1;
                continue;
            };
            let mut run = vec![first.to_string()];
            let mut end = k + 1;
            while let Some((s, w, true)) = words.get(end) {
                if s != sentence {
                    break;
                }
                if let Some(n) = name_word(w) {
                    run.push(n.to_string());
                } else if PARTICLES.contains(&w.as_str())
                    && words.get(end + 1).is_some_and(|(s, n, word)| {
                        s == sentence && *word && name_word(n).is_some()
                    })
                {
                    run.push(w.clone());
                } else {
                    break;
                }
                if n_ends_possessive(w) {
                    end += 1;
                    break;
                }
                end += 1;
            }
            let titled = k
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .is_some_and(|(_, w, _)| TITLES.contains(&folded(w).as_str()))
                || k.checked_sub(2)
                    .and_then(|p| words.get(p))
                    .is_some_and(|(_, w, _)| folded(w) == "m")
                    && words.get(k - 1).is_some_and(|(_, w, _)| w == ".");
            if (2..=4).contains(&run.len()) {
                let keep = run.len().min(3);
                let name = run.get(run.len() - keep..).unwrap_or_default().join(" ");
                let surname = run.last().cloned().unwrap_or_default();
                let s = seen.entry(folded(&surname)).or_default();
                if s.written.is_empty() {
                    s.written = surname.clone();
                }
                *s.full.entry(name.clone()).or_default() += 1;
                if let Some(f) = run.first() {
                    s.first_names.insert(f.clone());
                }
                s.titled |= titled;
                s.example.get_or_insert((r, name));
            }
            k = end;
        }
    }
    // Where each last name is written, in either script.
    let skeletons: Vec<(String, Option<Skeleton>)> = seen
        .iter()
        .map(|(key, s)| (key.clone(), skeleton(&s.written)))
        .collect();
    for (r, words) in texts.iter().enumerate() {
        for (_, w, is_word) in words {
            if *is_word
                && let Some(n) = name_word(w)
                && let Some(s) = seen.get_mut(&folded(n))
            {
                s.reports.insert(r);
            }
        }
    }
    // An Arabic spelling goes to one name: of the Latin names it could be
    // (`Bourita`, `Burita`), the one more reports write.
    let latin_reports: BTreeMap<String, usize> = seen
        .iter()
        .map(|(k, s)| (k.clone(), s.reports.len()))
        .collect();
    for (r, words) in texts.iter().enumerate() {
        for (k, (_, w, is_word)) in words.iter().enumerate() {
            if !is_word || !is_arabic(w) {
                continue;
            }
            let best = skeletons
                .iter()
                .filter(|(_, latin)| latin.as_ref().is_some_and(|l| l.consonants() >= 3))
                .filter_map(|(key, latin)| Some((key, spelling(w, latin.as_ref()?)?)))
                .max_by(|a, b| {
                    let n = |k: &String| latin_reports.get(k).copied().unwrap_or(0);
                    n(a.0).cmp(&n(b.0)).then(b.0.cmp(a.0))
                });
            let Some((key, base)) = best else { continue };
            let Some(s) = seen.get_mut(key) else { continue };
            s.reports.insert(r);
            *s.arabic.entry(base.to_string()).or_default() += 1;
            // the first name before it, when it is one of the Latin ones
            if let Some((_, prev, true)) = k.checked_sub(1).and_then(|p| words.get(p)) {
                let first = s
                    .first_names
                    .iter()
                    .filter_map(|f| skeleton(f))
                    .filter(|f| f.consonants() >= 2)
                    .find_map(|f| {
                        arabic_forms(prev)
                            .into_iter()
                            .find(|p| skeleton(p).is_some_and(|p| f.matches(&p)))
                    });
                if let Some(first) = first {
                    *s.arabic.entry(format!("{first} {base}")).or_default() += 1;
                }
            }
        }
    }
    let mut out: Vec<Person> = seen
        .into_values()
        .filter(|s| s.reports.len() >= 2 && (s.titled || !s.arabic.is_empty()))
        .filter(|s| !is_place(&s.written) && !s.full.keys().any(|f| is_place(f)))
        .filter_map(|s| {
            let by_count = |m: &BTreeMap<String, usize>| -> Vec<String> {
                let mut v: Vec<(&String, &usize)> = m.iter().collect();
                v.sort_by(|a, b| {
                    b.1.cmp(a.1)
                        .then(b.0.len().cmp(&a.0.len()))
                        .then(a.0.cmp(b.0))
                });
                v.into_iter().take(3).map(|(k, _)| k.clone()).collect()
            };
            let mut aliases = by_count(&s.full);
            aliases.push(s.written.clone());
            aliases.extend(by_count(&s.arabic));
            let mut keys: Vec<String> = Vec::new();
            aliases.retain(|a| {
                let k = normalize_str(a);
                let fresh = !keys.contains(&k);
                keys.push(k);
                fresh
            });
            Some(Person {
                surname: s.written,
                aliases,
                reports: s.reports,
                example: s.example?,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.reports
            .len()
            .cmp(&a.reports.len())
            .then(a.surname.cmp(&b.surname))
    });
    // A name one letter from a name more reports write is a variant of it
    // (`Burita` beside `Bourita`): not another entry, but what `check
    // names` is for.
    let mut kept: Vec<Person> = Vec::new();
    for p in out {
        let letters = |s: &str| folded(s).chars().collect::<Vec<char>>();
        if !kept
            .iter()
            .any(|k| crate::extract::near::one_edit(&letters(&k.surname), &letters(&p.surname)))
        {
            kept.push(p);
        }
    }
    kept
}

/// Does a word end a name (`Bourita's visit`: the name ends there)?
fn n_ends_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words_are_capitalised_words_of_letters() {
        assert_eq!(name_word("Bourita's"), Some("Bourita"));
        assert_eq!(name_word("José"), Some("José"));
        assert_eq!(name_word("Jean-Yves"), Some("Jean-Yves"));
        for w in ["bourita", "AFP", "The", "Minister", "March", "42nd", "M"] {
            assert_eq!(name_word(w), None, "{w}");
        }
    }

    #[test]
    fn an_arabic_word_is_tried_with_and_without_its_proclitics() {
        assert_eq!(arabic_forms("وبوريطة"), ["وبوريطة", "بوريطة", "وريطة"]);
        // `ب` of بوريطة is the name's own letter: the whole word is tried first
        let latin = skeleton("Bourita").unwrap();
        assert_eq!(spelling("بوريطة", &latin), Some("بوريطة"));
        assert_eq!(spelling("لبوريطة", &latin), Some("بوريطة"));
    }
}
