//! Near-misses of declared names, for `check names`: a word one letter
//! from a person's name (`الحمومي` for `الحموشي`, `Hamouchi` for
//! `Hammouchi`), or, in the script the entry lacks, one consonant changed
//! in its spelling across scripts (`Mansouli` for `المنصوري`). Such a word names another person, or misspells this one:
//! either way a fact-checker wants to see it.
//!
//! A near word must also stand where a name stands, since a name is one
//! letter from many words (`بوتين`, Putin; `روتين`, routine): next to
//! another word of the same person's name (`عبد اللطيف الحمومي`), after a
//! title or a verb of saying in Arabic (`وقال الحمومي`, `الوزير …`), or
//! capitalised inside a sentence in Latin script.
//!
//! The index holds each name word with one letter deleted (and whole), so
//! a report word is looked up by its own deletions: one hash look-up per
//! deletion, no comparison with every name (the symmetric-delete method).
//! Only words whose length is within one of a name word's are looked up.
//! Written here: no crate of the approved set indexes edit neighbourhoods.

use std::collections::HashMap;

use super::translit::{Skeleton, skeleton};
use crate::rules::{EntityId, RuleSet};
use crate::text::normalize::normalize_str;

/// Name words shorter than this (letters, article left out) are not
/// compared: a short name is one letter from too many words.
const MIN_LETTERS: usize = 5;
/// Across scripts, names need this many consonants.
const MIN_CONSONANTS: usize = 4;

/// A word of a person's alias.
#[derive(Debug, Clone)]
pub struct NameWord {
    pub entity: EntityId,
    /// As the rule file writes it.
    pub word: String,
    /// Folded, without the article, as letters.
    letters: Vec<char>,
    latin: bool,
}

/// A word of a person's alias in one script, to be compared with words of
/// the other.
#[derive(Debug, Clone)]
struct CrossWord {
    entity: EntityId,
    word: String,
    consonants: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct NearNames {
    words: Vec<NameWord>,
    /// Deletion variants (and the whole word) → indices into `words`.
    by_variant: HashMap<Vec<char>, Vec<u32>>,
    /// Every folded word of every alias of the rule file (a word the rule
    /// file declares is never a near-miss).
    declared: std::collections::HashSet<Vec<char>>,
    lengths: [bool; 32],
    /// Each person's folded name words (for the neighbour test).
    own: std::collections::HashSet<(EntityId, Vec<char>)>,
    /// Arabic titles and verbs of saying, folded.
    titles: std::collections::HashSet<Vec<char>>,
    /// `[0]`: to look for in Latin words, `[1]`: in Arabic words.
    cross: [Vec<CrossWord>; 2],
    cross_by_variant: [HashMap<Vec<u8>, Vec<u32>>; 2],
}

/// Arabic words a name follows: titles and verbs of saying.
const TITLES: &[&str] = &[
    "قال",
    "أكد",
    "أضاف",
    "أوضح",
    "صرح",
    "أعلن",
    "السيد",
    "السيدة",
    "الرئيس",
    "رئيس",
    "المدير",
    "مدير",
    "الوزير",
    "وزير",
    "الجنرال",
    "الشيخ",
    "الدكتور",
    "اللواء",
    "العميد",
    "المتحدث",
    "الناطق",
    "نائب",
    "السفير",
    "الأمين",
    "المستشار",
    "القاضي",
    "العقيد",
];

/// Where a report word stands: the three words before it (nearest
/// first) and the word after it (none across punctuation), and whether it
/// opens its sentence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place<'a> {
    pub before: [Option<&'a str>; 3],
    pub after: Option<&'a str>,
    pub opens_sentence: bool,
}

/// What a near-miss found: the declared word it is close to.
pub struct Near<'a> {
    pub entity: EntityId,
    pub word: &'a str,
}

/// A word folded as the text is, its article left out.
fn letters(word: &str) -> Vec<char> {
    folded_letters(&normalize_str(word))
}

/// [`letters`] of a word already folded.
fn folded_letters(folded: &str) -> Vec<char> {
    strip_article(folded.trim()).chars().collect()
}

fn strip_article(w: &str) -> &str {
    ["وال", "فال", "بال", "كال", "لل", "ال"]
        .iter()
        .find_map(|p| w.strip_prefix(p).filter(|r| r.chars().count() >= 3))
        .unwrap_or(w)
}

/// A word with its proclitics: the forms to try, longest first.
fn forms(word: &str) -> Vec<Vec<char>> {
    let folded = normalize_str(word);
    super::translit::proclitic_forms(&folded)
        .into_iter()
        .map(folded_letters)
        .collect()
}

fn deletions<T: Clone>(w: &[T]) -> impl Iterator<Item = Vec<T>> + '_ {
    (0..w.len()).map(move |k| {
        let mut v = w.to_vec();
        v.remove(k);
        v
    })
}

/// Are two different words one edit apart (a letter changed, added,
/// dropped, or two neighbours swapped)?
pub fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let lead = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (a.get(lead..).unwrap_or(&[]), b.get(lead..).unwrap_or(&[]));
    let tail = |x: &[T], y: &[T]| x == y;
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            tail(ra.get(1..).unwrap_or(&[]), rb.get(1..).unwrap_or(&[]))
                || (ra.len() >= 2
                    && ra.first() == rb.get(1)
                    && ra.get(1) == rb.first()
                    && tail(ra.get(2..).unwrap_or(&[]), rb.get(2..).unwrap_or(&[])))
        }
        std::cmp::Ordering::Greater => tail(ra.get(1..).unwrap_or(&[]), rb),
        std::cmp::Ordering::Less => tail(ra, rb.get(1..).unwrap_or(&[])),
    }
}

impl NearNames {
    /// The index of the rule set's people (`None` when it declares none).
    pub fn new(rules: &RuleSet) -> Option<NearNames> {
        let mut n = NearNames {
            titles: TITLES.iter().map(|t| letters(t)).collect(),
            ..NearNames::default()
        };
        for e in &rules.entities {
            for a in &e.aliases {
                for w in a.split_whitespace() {
                    n.declared.insert(letters(w));
                }
            }
        }
        for (id, e) in rules.entities.iter().enumerate() {
            if e.kind != "person" {
                continue;
            }
            let words: Vec<(&str, Skeleton)> = e
                .aliases
                .iter()
                .flat_map(|a| a.split_whitespace())
                .filter_map(|w| skeleton(w).map(|s| (w, s)))
                .collect();
            for (w, s) in &words {
                let l = letters(w);
                n.own.insert((id, l.clone()));
                if l.len() < MIN_LETTERS || n.words.iter().any(|x| x.entity == id && x.letters == l)
                {
                    continue;
                }
                let at = n.words.len() as u32;
                for v in deletions(&l).chain(std::iter::once(l.clone())) {
                    n.by_variant.entry(v).or_default().push(at);
                }
                for len in [l.len() - 1, l.len(), l.len() + 1] {
                    if let Some(slot) = n.lengths.get_mut(len) {
                        *slot = true;
                    }
                }
                n.words.push(NameWord {
                    entity: id,
                    word: (*w).to_string(),
                    letters: l,
                    latin: s.is_latin(),
                });
            }
            for (slot, latin_words) in [(0usize, true), (1, false)] {
                if words.iter().any(|(_, s)| s.is_latin() == latin_words) {
                    continue;
                }
                for (w, s) in words
                    .iter()
                    .filter(|(_, s)| s.consonants() >= MIN_CONSONANTS)
                {
                    let key = s.key();
                    let (Some(list), Some(index)) =
                        (n.cross.get_mut(slot), n.cross_by_variant.get_mut(slot))
                    else {
                        continue;
                    };
                    if list.iter().any(|c| c.entity == id && c.consonants == key) {
                        continue;
                    }
                    let at = list.len() as u32;
                    for v in deletions(&key).chain(std::iter::once(key.clone())) {
                        index.entry(v).or_default().push(at);
                    }
                    list.push(CrossWord {
                        entity: id,
                        word: (*w).to_string(),
                        consonants: key,
                    });
                }
            }
        }
        (!n.words.is_empty() || n.cross.iter().any(|c| !c.is_empty())).then_some(n)
    }

    /// The declared name this report word nearly is, if any, where it
    /// stands as a name does. `word` is the word as the report writes it.
    pub fn near(&self, word: &str, latin: bool, place: Place<'_>) -> Option<Near<'_>> {
        let n = self.nearest(word, latin)?;
        let own = |w: Option<&str>| {
            w.is_some_and(|w| {
                forms(w)
                    .into_iter()
                    .any(|f| self.own.contains(&(n.entity, f)))
            })
        };
        // a title, then at most two words of a name (`السفير عبد الرحيم بوريدة`)
        let titled = || {
            place
                .before
                .iter()
                .map_while(|w| *w)
                .any(|w| forms(w).iter().any(|f| self.titles.contains(f)))
        };
        let named = own(place.before.first().copied().flatten())
            || own(place.after)
            || if latin {
                !place.opens_sentence
            } else {
                titled()
            };
        named.then_some(n)
    }

    fn nearest(&self, word: &str, latin: bool) -> Option<Near<'_>> {
        let forms = forms(word);
        if forms.iter().any(|f| self.declared.contains(f)) {
            return None;
        }
        for f in &forms {
            if !self.lengths.get(f.len()).copied().unwrap_or(false) {
                continue;
            }
            let hit = deletions(f)
                .chain(std::iter::once(f.clone()))
                .filter_map(|v| self.by_variant.get(&v))
                .flatten()
                .filter_map(|&i| self.words.get(i as usize))
                .filter(|w| w.latin == latin && one_edit(&w.letters, f))
                .min_by_key(|w| (w.entity, w.word.as_str()));
            if let Some(w) = hit {
                return Some(Near {
                    entity: w.entity,
                    word: &w.word,
                });
            }
        }
        let slot = usize::from(!latin);
        let (list, index) = (self.cross.get(slot)?, self.cross_by_variant.get(slot)?);
        if list.is_empty() {
            return None;
        }
        forms.iter().find_map(|f| {
            let s = skeleton(&f.iter().collect::<String>())?;
            let key = s.key();
            if key.len() < MIN_CONSONANTS {
                return None;
            }
            deletions(&key)
                .chain(std::iter::once(key.clone()))
                .filter_map(|v| index.get(&v))
                .flatten()
                .filter_map(|&i| list.get(i as usize))
                // across scripts, one consonant changed, never the first:
                // a consonant more or less is too often another word
                // (`Nasser`, `Minister` beside `المنصوري`)
                .filter(|c| {
                    c.consonants.len() == key.len()
                        && c.consonants.first() == key.first()
                        && one_edit(&c.consonants, &key)
                })
                .min_by_key(|c| (c.entity, c.word.as_str()))
                .map(|c| Near {
                    entity: c.entity,
                    word: &c.word,
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::one_edit;

    #[test]
    fn one_edit_is_one_letter_changed_added_dropped_or_swapped() {
        let w = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(one_edit(&w("hammouchi"), &w("hamouchi")));
        assert!(one_edit(&w("hamouchi"), &w("hammouchi")));
        assert!(one_edit(&w("حموشي"), &w("حمودي")));
        assert!(one_edit(&w("lavrov"), &w("lvarov")));
        assert!(!one_edit(&w("lavrov"), &w("lavrov")));
        assert!(!one_edit(&w("lavrov"), &w("lavrova1")));
        assert!(!one_edit(&w("abxd"), &w("abdy")));
        assert!(!one_edit(&w("lavrov"), &w("ravlov")));
    }
}
