//! The vocabulary of a rule set (entity aliases, units, event triggers) as
//! one Aho-Corasick automaton over normalised text, with whole-word matching
//! that accepts Arabic proclitics.
//!
//! A match must start at a word start, or after proclitics that start the
//! word: و ف (and), ب ل ك (prepositions) and the article ال, alone or
//! together (`بموسكو`, `وموسكو`, `بالرباط`). `ل` + `ال` contracts to `لل`
//! (`للرباط`): for an alias that starts with the article, the automaton also
//! holds it without the article, accepted only after `لل`. A match must end
//! at a word end; units (counted nouns) may also carry an inflection: the
//! accusative ـا, the duals ـان ـين, the plurals ـون ـين ـات (and ة → ات:
//! جنسية → جنسيات), or English and French plural -s, -es, -x. Broken plurals
//! (دولة → دول) are aliases of their own. A trigger may carry the
//! accusative ـا (`زلزالا`).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::rules::{EntityId, RuleSet};
use crate::text::normalize_str;

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Entity(EntityId),
    Trigger(usize),
    /// A stage of an event (`semi-final`, `نصف النهائي`): it holds its own
    /// values, and a trigger inside it is not a mention of the event.
    Stage(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// The alias as written.
    Full,
    /// The alias without its leading `ال`: accepted only after `لل`.
    NoArticle,
    /// A unit alias ending in ة, without it: accepted only before ات/تان/تين.
    Stem,
    /// A unit alias ending in y, without it: accepted only before -ies.
    LatinStem,
}

#[derive(Debug, Clone)]
struct Pattern {
    target: Target,
    variant: Variant,
    is_unit: bool,
    /// The alias as the rule file writes it (shared by every match of it).
    alias: std::sync::Arc<str>,
}

/// A whole-word vocabulary match in normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabMatch {
    pub target: Target,
    /// Normalised byte range of the match, proclitics excluded.
    pub start: usize,
    pub end: usize,
    /// The alias that matched, as written in the rule file.
    pub alias: std::sync::Arc<str>,
}

pub struct Vocabulary {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    /// Per event, the normalised words (article dropped) that make a
    /// trigger's phrase name another event.
    exclude: Vec<Vec<String>>,
    /// People declared in one script only, by the consonants of each
    /// alias's last word: read in the other script across scripts
    /// (`person Hammouchi = "حموشي"` finds `Hammouchi`). `[0]`: spellings
    /// to look for in Latin words, `[1]`: in Arabic words.
    people: [std::collections::HashMap<Vec<u8>, Vec<Person>>; 2],
    /// Near-misses of people's names, when a rule asks (`check names`).
    near: Option<super::near::NearNames>,
}

/// A person's alias word, to be matched in the other script.
#[derive(Debug, Clone)]
pub struct Person {
    pub entity: EntityId,
    pub word: String,
    pub skeleton: super::translit::Skeleton,
}

/// The index of [`Vocabulary::people`]: for each script, the people with
/// no alias in it, by their other-script spellings' consonants (three at
/// least: shorter names match too many words).
fn people(rules: &RuleSet) -> [std::collections::HashMap<Vec<u8>, Vec<Person>>; 2] {
    use super::translit::skeleton;
    let mut out: [std::collections::HashMap<Vec<u8>, Vec<Person>>; 2] = Default::default();
    for (id, e) in rules.entities.iter().enumerate() {
        if e.kind != "person" {
            continue;
        }
        let words: Vec<(&str, super::translit::Skeleton)> = e
            .aliases
            .iter()
            .filter_map(|a| a.split_whitespace().last())
            .filter_map(|w| skeleton(w).map(|s| (w, s)))
            .collect();
        for (slot, latin_words) in [(0, true), (1, false)] {
            // Declared in this script already: the aliases do it.
            if words.iter().any(|(_, s)| s.is_latin() == latin_words) {
                continue;
            }
            let Some(map) = out.get_mut(slot) else {
                continue;
            };
            for (w, s) in words.iter().filter(|(_, s)| s.consonants() >= 3) {
                map.entry(s.key()).or_default().push(Person {
                    entity: id,
                    word: (*w).to_string(),
                    skeleton: s.clone(),
                });
            }
        }
    }
    out
}

/// An Arabic word without its article (`الدفاع` → `دفاع`, `للدفاع` → `دفاع`).
fn without_article(w: &str) -> &str {
    w.strip_prefix("ال")
        .or_else(|| w.strip_prefix("لل"))
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(w)
}

fn is_word_char(c: char) -> bool {
    crate::text::segment::is_letter(c) || c.is_numeric()
}

const UNIT_SUFFIXES: &[&str] = &["", "ا", "ان", "ين", "ون", "ات", "s", "es", "x"];
const STEM_SUFFIXES: &[&str] = &["ات", "تان", "تين", "تي"];
const TRIGGER_SUFFIXES: &[&str] = &["", "ا"];

/// The automaton kind for a vocabulary of `keys` spellings. A DFA walks
/// every byte with one table lookup: with ten thousand aliases it keeps the
/// run as fast as with a handful (the crate's own choice, a contiguous NFA
/// beyond a hundred patterns, made the whole run 20% slower). Its tables
/// grow with the vocabulary, so past `DFA_KEYS` spellings (a build of
/// ~0.1 s and ~40 MB) the NFA is kept.
fn automaton_kind(keys: usize) -> AhoCorasickKind {
    const DFA_KEYS: usize = 25_000;
    if keys <= DFA_KEYS {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    }
}

impl Vocabulary {
    pub fn new(rules: &RuleSet) -> Self {
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |alias: &str, target: Target, is_unit: bool| {
            let norm = normalize_str(alias)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if norm.is_empty() {
                return;
            }
            let mut push = |key: String, variant: Variant| {
                keys.push(key);
                patterns.push(Pattern {
                    target,
                    variant,
                    is_unit,
                    alias: std::sync::Arc::from(alias),
                });
            };
            if let Some(rest) = norm.strip_prefix("ال")
                && rest.chars().count() >= 2
            {
                push(rest.to_string(), Variant::NoArticle);
            }
            if is_unit && let Some(stem) = norm.strip_suffix('ه') {
                push(stem.to_string(), Variant::Stem);
            }
            if is_unit && let Some(stem) = norm.strip_suffix('y') {
                push(stem.to_string(), Variant::LatinStem);
            }
            push(norm, Variant::Full);
        };
        for (id, e) in rules.entities.iter().enumerate() {
            for a in &e.aliases {
                add(a, Target::Entity(id), e.is_unit());
            }
        }
        for (id, ev) in rules.events.iter().enumerate() {
            for t in &ev.triggers {
                add(t, Target::Trigger(id), false);
            }
            for t in &ev.stages {
                add(t, Target::Stage(id), false);
            }
        }
        let exclude = rules
            .events
            .iter()
            .map(|ev| {
                ev.exclude
                    .iter()
                    .map(|w| without_article(normalize_str(w).trim()).to_string())
                    .collect()
            })
            .collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(automaton_kind(keys.len())))
            .build(&keys)
            .ok();
        Vocabulary {
            automaton,
            patterns,
            exclude,
            people: people(rules),
            near: rules
                .rules
                .iter()
                .any(|r| matches!(r.kind, crate::rules::RuleKind::Names))
                .then(|| super::near::NearNames::new(rules))
                .flatten(),
        }
    }

    /// The index of near-misses of people's names (`check names`).
    pub fn near_names(&self) -> Option<&super::near::NearNames> {
        self.near.as_ref()
    }

    /// The people that may be named in a word of this script (`latin`)
    /// with these consonants.
    pub fn people(&self, latin: bool, key: &[u8]) -> &[Person] {
        self.people
            .get(usize::from(!latin))
            .and_then(|m| m.get(key))
            .map_or(&[], Vec::as_slice)
    }

    /// Is anyone to be looked for across scripts in words of this script?
    pub fn has_people(&self, latin: bool) -> bool {
        self.people
            .get(usize::from(!latin))
            .is_some_and(|m| !m.is_empty())
    }

    /// Does this word (proclitics and article allowed) make a trigger's
    /// phrase name another event than `event`?
    pub fn excludes(&self, event: usize, word: &str) -> bool {
        let Some(words) = self.exclude.get(event).filter(|w| !w.is_empty()) else {
            return false;
        };
        super::lexicon::strip_clitics(word).any(|v| {
            let v = without_article(v);
            words.iter().any(|w| w == v)
        })
    }

    /// All whole-word matches, leftmost-longest, not overlapping.
    pub fn find(&self, text: &str) -> Vec<VocabMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut found: Vec<(usize, usize, usize, usize)> = Vec::new(); // start, end (with suffix), pattern, core end
        for m in ac.find_overlapping_iter(text) {
            let Some(p) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            if let Some(end) = accept(text, m.start(), m.end(), p) {
                found.push((m.start(), end, m.pattern().as_usize(), m.end()));
            }
        }
        // Leftmost first; at one start, the longest.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        let mut last_end = 0;
        for (start, end, pat, _) in found {
            if start < last_end {
                continue;
            }
            let Some(p) = self.patterns.get(pat) else {
                continue;
            };
            out.push(VocabMatch {
                target: p.target,
                start,
                end,
                alias: p.alias.clone(),
            });
            last_end = end;
        }
        out
    }
}

/// The end of an acceptable match (suffix included), or `None`.
fn accept(text: &str, start: usize, end: usize, p: &Pattern) -> Option<usize> {
    let before = text.get(..start)?;
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(start, |(i, _)| i);
    let prefix = text.get(word_start..start)?;
    let prefix_ok = match p.variant {
        Variant::NoArticle => matches!(prefix, "لل" | "ولل" | "فلل"),
        _ => prefix.is_empty() || is_proclitic(prefix),
    };
    if !prefix_ok {
        return None;
    }
    let after = text.get(end..)?;
    let word_rest: &str = {
        let n = after
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(after.len(), |(i, _)| i);
        after.get(..n)?
    };
    let allowed: &[&str] = match (p.variant, p.is_unit, p.target) {
        (Variant::Stem, _, _) => STEM_SUFFIXES,
        (Variant::LatinStem, _, _) => &["ies"],
        (_, true, _) => UNIT_SUFFIXES,
        // A trigger noun in the accusative: `سجل المعهد زلزالا`.
        (_, _, Target::Trigger(_) | Target::Stage(_)) => TRIGGER_SUFFIXES,
        _ => &[""],
    };
    // A currency sign or abbreviation glued to its figure (`$52`, `€3bn`,
    // `DH520`): the unit alone (the figure's count is made only when the
    // abbreviation is written in capitals).
    let sign_before_digits = p.is_unit
        && word_rest.starts_with(|c: char| c.is_ascii_digit())
        && (!p.alias.chars().any(is_word_char) || p.alias.chars().count() <= 3);
    if sign_before_digits {
        return Some(end);
    }
    if allowed.contains(&word_rest) || p.is_unit && possessed_before_number(word_rest, after) {
        Some(end + word_rest.len())
    } else {
        None
    }
}

/// A unit noun with a possessive pronoun (`أبناءه`, `أبناءها`) counts only
/// before its number (`أبناءه الأربعة`): elsewhere `ـه` is also the
/// feminine ending, and the word another noun (`مشاركه` is `مشاركة`).
fn possessed_before_number(word_rest: &str, after: &str) -> bool {
    if !matches!(word_rest, "ه" | "ها" | "هم" | "هما") {
        return false;
    }
    let next = after
        .get(word_rest.len()..)
        .unwrap_or("")
        .trim_start()
        .split(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    next.strip_prefix("ال").is_some_and(|n| {
        matches!(
            super::lexicon::NUMBER_WORDS.get(n),
            Some(super::lexicon::NumWord::Add(_))
        )
    })
}

/// و ف, then ب ل ك, then ال: each optional, in this order, at least one.
pub fn is_proclitic(prefix: &str) -> bool {
    let mut rest = prefix;
    for set in [&["و", "ف"][..], &["ب", "ل", "ك"][..], &["ال"][..]] {
        for c in set {
            if let Some(r) = rest.strip_prefix(c) {
                rest = r;
                break;
            }
        }
    }
    rest.is_empty() && !prefix.is_empty()
}

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;
    use crate::rules::{self, RuleSource};

    fn vocab() -> (RuleSet, Vocabulary) {
        let src = RuleSource::new(
            "t.rules",
            "city Rabat = \"الرباط\"\ncity Moscow = \"موسكو\" | \"Moscow\"\nunit nationality = \"جنسية\"\nunit foreigner = \"أجنبي\"\nmonth May = \"ماي\"\nevent m { trigger = \"الاجتماع\"  v : city }\n",
        );
        let set = rules::load(&src).unwrap();
        let v = Vocabulary::new(&set);
        (set, v)
    }

    fn found(text: &str) -> Vec<String> {
        let (_, v) = vocab();
        let norm = normalize_str(text);
        v.find(&norm)
            .iter()
            .map(|m| norm.get(m.start..m.end).unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn proclitics_and_whole_words() {
        assert_eq!(
            found("بموسكو وموسكو للرباط بالرباط"),
            ["موسكو", "موسكو", "رباط", "الرباط"]
        );
        assert_eq!(found("حماية"), Vec::<String>::new());
        assert_eq!(found("moscowite Moscow"), ["moscow"]);
        assert_eq!(found("للاجتماع الاجتماعات"), ["اجتماع"]);
    }

    #[test]
    fn a_possessed_unit_only_before_its_number() {
        let src = RuleSource::new("t.rules", "unit son = \"أبناء\"\n");
        let set = rules::load(&src).unwrap();
        let v = Vocabulary::new(&set);
        let find = |t: &str| {
            let norm = normalize_str(t);
            v.find(&norm).len()
        };
        assert_eq!(find("فقد أبناءه الأربعة"), 1);
        assert_eq!(find("فقد أبناءه في الحرب"), 0);
    }

    #[test]
    fn units_inflect() {
        assert_eq!(
            found("62 أجنبيًا من 25 جنسية و3 جنسيات"),
            ["اجنبيا", "جنسيه", "جنسيات"]
        );
    }
}
