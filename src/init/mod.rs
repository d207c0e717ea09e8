//! `factlint init`: a starting rule file drafted from the reports
//! themselves.
//!
//! Three passes over the reports, each with the real extractor:
//! 1. which kind of event they share: the trigger words of a few common
//!    kinds of news event (meetings, quakes, elections …), in three
//!    languages, counted per report;
//! 2. which places they name: the built-in cities, by their spellings, in
//!    the sentences of those triggers (or named twice in a report, or in two
//!    reports), and which people ([`people`]);
//! 3. which slots the reports fill near the triggers: a slot stated by two
//!    reports or more gets an `agree`.
//!
//! The draft is a rule file like any other, every line commented with its
//! evidence, and it is checked before it is given back.

mod people;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::extract::{self, lexicon, vocab::Vocabulary};
use crate::rules::fmt::quote;
use crate::rules::{self, RuleSet, RuleSource};
use crate::source::SourceFile;
use crate::text::segment::{TokKind, segment};
use crate::text::{normalize, normalize_str};

/// A kind of news event and the words that name it.
struct Kind {
    name: &'static str,
    words: &'static [&'static str],
    /// The slots tried for it (of [`SLOTS`]): an edition's ordinal only
    /// where events have editions, a venue only where an event has one
    /// place (a quake or a flood strikes many).
    slots: &'static [&'static str],
}

/// The kinds of event a draft may start from. A word counts only if some
/// report uses it; a kind only if most reports do.
const KINDS: &[Kind] = &[
    Kind {
        name: "meeting",
        words: &[
            "الاجتماع",
            "المؤتمر",
            "القمة",
            "الملتقى",
            "meeting",
            "conference",
            "summit",
            "réunion",
            "conférence",
            "sommet",
        ],
        slots: &["ordinal", "venue", "dates"],
    },
    Kind {
        name: "quake",
        words: &[
            "الزلزال",
            "الهزة الأرضية",
            "earthquake",
            "quake",
            "séisme",
            "tremblement de terre",
        ],
        slots: &["dates"],
    },
    Kind {
        name: "election",
        words: &[
            "الانتخابات",
            "الاقتراع",
            "election",
            "elections",
            "élection",
            "élections",
            "scrutin",
        ],
        slots: &["ordinal", "dates"],
    },
    Kind {
        name: "match",
        words: &["المباراة", "النهائي", "match", "final", "finale"],
        slots: &["venue", "dates"],
    },
    Kind {
        name: "attack",
        words: &[
            "الهجوم",
            "الانفجار",
            "attack",
            "bombing",
            "explosion",
            "attaque",
            "attentat",
        ],
        slots: &["venue", "dates"],
    },
    Kind {
        name: "flood",
        words: &[
            "الفيضانات",
            "السيول",
            "flood",
            "floods",
            "inondations",
            "crue",
        ],
        slots: &["dates"],
    },
    Kind {
        name: "fire",
        words: &["الحريق", "الحرائق", "wildfire", "incendie", "incendies"],
        slots: &["dates"],
    },
    Kind {
        name: "storm",
        words: &[
            "العاصفة",
            "storm",
            "hurricane",
            "typhoon",
            "tempête",
            "ouragan",
        ],
        slots: &["dates"],
    },
];

/// The slots a draft tries, in this order: each kept when two reports or
/// more state it.
const SLOTS: &[(&str, &str)] = &[
    ("ordinal", "ordinal   within phrase"),
    ("venue", "city      within sentence else document"),
    ("dates", "daterange within sentence"),
];

/// Cities smaller than this are left out of a draft: the names of small
/// towns are too often words (`صور` is Tyre and "pictures").
const MIN_POPULATION: u64 = 100_000;

fn load(text: &str) -> Option<RuleSet> {
    rules::load(&RuleSource::new("draft.rules", text)).ok()
}

/// The short name of a report in the draft's comments.
fn short(src: &SourceFile) -> String {
    std::path::Path::new(&*src.name).file_stem().map_or_else(
        || src.name.to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// What pass 1 found: the kind, its words in use (with how many reports
/// use each), and how many reports name it.
struct Trigger {
    kind: &'static Kind,
    words: Vec<(&'static str, usize)>,
    reports: usize,
}

fn trigger(sources: &[SourceFile]) -> Option<Trigger> {
    let mut text = String::new();
    for k in KINDS {
        let list: Vec<String> = k.words.iter().map(|w| quote(w)).collect();
        text.push_str(&format!(
            "event {} {{\n  trigger = {}\n  ordinal : ordinal within phrase\n}}\n",
            k.name,
            list.join(" | ")
        ));
    }
    let set = load(&text)?;
    let vocab = Vocabulary::new(&set);
    // by kind: reports using it, and words used with their report counts
    let mut per_kind: Vec<(usize, BTreeMap<&'static str, usize>)> =
        KINDS.iter().map(|_| (0, BTreeMap::new())).collect();
    for src in sources {
        let ex = extract::extract(src, Some(&set), Some(&vocab));
        let mut seen: BTreeSet<(usize, &'static str)> = BTreeSet::new();
        for m in ex.mentions.iter().filter(|m| !m.stage) {
            let Some(kind) = KINDS.get(m.event) else {
                continue;
            };
            let Some(word) = kind.words.iter().find(|w| **w == &*m.alias) else {
                continue;
            };
            seen.insert((m.event, word));
        }
        let kinds: BTreeSet<usize> = seen.iter().map(|(k, _)| *k).collect();
        for k in kinds {
            if let Some(e) = per_kind.get_mut(k) {
                e.0 += 1;
            }
        }
        for (k, w) in seen {
            if let Some(e) = per_kind.get_mut(k) {
                *e.1.entry(w).or_default() += 1;
            }
        }
    }
    let (best, (reports, words)) = per_kind
        .into_iter()
        .enumerate()
        .max_by_key(|(k, e)| (e.0, std::cmp::Reverse(*k)))?;
    if reports < 2 || reports * 2 < sources.len() {
        return None;
    }
    let kind = KINDS.get(best)?;
    // The words in the order of the kind's list (languages together).
    let words = kind
        .words
        .iter()
        .filter_map(|w| words.get(w).map(|n| (*w, *n)))
        .collect();
    Some(Trigger {
        kind,
        words,
        reports,
    })
}

/// A built-in city found in the reports, with its evidence.
struct Found {
    place: String,
    reports: BTreeSet<usize>,
    example: (usize, String),
    population: u64,
}

fn places(sources: &[SourceFile]) -> Vec<Found> {
    // Every spelling of every large enough city, folded as reports are.
    let mut by_name: HashMap<String, (usize, &'static str)> = HashMap::new();
    let common: Vec<String> = COMMON_WORDS.iter().map(|w| normalize_str(w)).collect();
    let cities: Vec<crate::builtin::Place> = crate::builtin::places()
        .filter(|p| p.kind == "city" && p.population >= MIN_POPULATION)
        .collect();
    for (i, p) in cities.iter().enumerate() {
        for n in &p.names {
            let key = normalize_str(n)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if key.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !common.contains(&key) {
                by_name.entry(key).or_insert((i, n));
            }
        }
    }
    let mut found: BTreeMap<usize, Found> = BTreeMap::new();
    for (r, src) in sources.iter().enumerate() {
        let body = src.text.get(src.body_start()..).unwrap_or("");
        let norm = normalize(body);
        let seg = segment(&norm.text);
        // (sentence, folded word, original words)
        let words: Vec<(usize, &str, &str)> = seg
            .tokens
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| {
                let o = norm.map.to_orig(t.start as usize, t.end as usize);
                (
                    t.sentence as usize,
                    t.text(&norm.text),
                    body.get(o.start..o.end).unwrap_or(""),
                )
            })
            .collect();
        for (k, &(sentence, w, _)) in words.iter().enumerate() {
            // One to three words, the first with its proclitics taken off.
            let mut hit = None;
            for n in (1..=3).rev() {
                let Some(rest) = words.get(k + 1..k + n) else {
                    continue;
                };
                if rest.iter().any(|(s, _, _)| *s != sentence) {
                    continue;
                }
                let original: Vec<&str> = words
                    .get(k..k + n)
                    .unwrap_or_default()
                    .iter()
                    .map(|(_, _, o)| *o)
                    .collect();
                for first in lexicon::strip_clitics(w) {
                    let mut key = first.to_string();
                    for (_, x, _) in rest {
                        key.push(' ');
                        key.push_str(x);
                    }
                    if let Some(&(i, name)) = by_name.get(&key)
                        && spelled(&original.join(" "), name)
                    {
                        hit = Some((i, name));
                        break;
                    }
                }
                if hit.is_some() {
                    break;
                }
            }
            let Some((i, name)) = hit else { continue };
            let Some(city) = cities.get(i) else { continue };
            let f = found.entry(i).or_insert_with(|| Found {
                place: city.name.to_string(),
                reports: BTreeSet::new(),
                example: (r, name.to_string()),
                population: city.population,
            });
            f.reports.insert(r);
        }
    }
    // A name in one report only is more likely a word than the place (a
    // first name: `فلاديمير` of a president), unless the place is a large
    // city.
    found
        .into_values()
        .filter(|f| f.reports.len() >= 2 || f.population >= LARGE_CITY)
        .collect()
}

/// Arabic names of large cities that are also common words (`المدينة`
/// "the city" is Medina, `ميدان` "square" is Medan, `بحري` "naval" is
/// Khartoum North): a draft never takes them for a place.
const COMMON_WORDS: &[&str] = &[
    "المدينة",
    "مدينه",
    "ميدان",
    "بحري",
    "بنين",
    "جنان",
    "رياض",
    "تاني",
    "تانه",
    "كالي",
    "واها",
    "عمان",
    "الجديد",
    "الجديدة",
    "صور",
    "حماة",
    "النصر",
    "السلام",
    "الأمل",
    "الوحدة",
];

/// A city this large is kept in a draft wherever a report names it.
const LARGE_CITY: u64 = 1_000_000;

/// Do the original words spell the table's name letter for letter (case
/// and diacritics aside, Arabic proclitics allowed before it)? Folding
/// makes `دولة` ("state") `دوله`, which GeoNames spells Dhule: the letters
/// written tell them apart.
fn spelled(original: &str, name: &str) -> bool {
    let bare: String = original
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}'))
        .flat_map(char::to_lowercase)
        .collect();
    let name: String = name.chars().flat_map(char::to_lowercase).collect();
    bare.strip_suffix(&name).is_some_and(|before| {
        before.chars().count() <= 3 && before.chars().all(|c| "وفبلك".contains(c))
    })
}

/// The rule file's name of a place (`Saint Petersburg` → `SaintPetersburg`).
fn entry_name(place: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let name: String = place.nfd().filter(char::is_ascii_alphanumeric).collect();
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        .then_some(name)
}

/// The `person` entries of the draft, each with its evidence: the people
/// the reports name ([`people::people`]) whose entry loads beside the
/// cities' (no name or spelling another entry has).
fn person_lines(
    sources: &[SourceFile],
    cities: &[(String, &Found)],
    city_lines: &[String],
) -> Vec<String> {
    let is_place = |n: &str| {
        crate::builtin::place("city", n).is_some() || crate::builtin::place("country", n).is_some()
    };
    let mut lines: Vec<String> = Vec::new();
    for p in people::people(sources, is_place) {
        let Some(name) = entry_name(&p.surname) else {
            continue;
        };
        if cities.iter().any(|(c, _)| *c == name) {
            continue;
        }
        let (r, full) = &p.example;
        let example = sources.get(*r).map(short).unwrap_or_default();
        let aliases: Vec<String> = p.aliases.iter().map(|a| quote(a)).collect();
        let line = format!(
            "# named in {} of {} reports, e.g. «{full}» in {example}\nperson {name} = {}\n",
            p.reports.len(),
            sources.len(),
            aliases.join(" | ")
        );
        let trial = format!("{}{}{line}", city_lines.concat(), lines.concat());
        if load(&trial).is_some() {
            lines.push(line);
        }
    }
    lines
}

/// The draft for these reports (`folder`: how the comments name them).
pub fn draft(sources: &[SourceFile], folder: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Drafted by `factlint init` from {} reports in {folder}.\n# Every line says what it rests on: read them, keep what is right, then\n# `factlint check --rules THIS_FILE {folder}`.\n",
        sources.len()
    ));
    out.push_str(&format!(
        "rules {}\n",
        quote(&format!("Reports in {folder}"))
    ));
    let found = places(sources);
    let mut cities: Vec<(String, &Found)> = found
        .iter()
        .filter_map(|f| entry_name(&f.place).map(|n| (n, f)))
        .collect();
    cities.sort_by(|a, b| {
        b.1.reports
            .len()
            .cmp(&a.1.reports.len())
            .then(a.0.cmp(&b.0))
    });
    cities.dedup_by(|a, b| a.0 == b.0);
    let vocab_lines: Vec<String> = cities
        .iter()
        .map(|(name, f)| {
            let (r, word) = &f.example;
            let example = sources.get(*r).map(short).unwrap_or_default();
            format!(
                "# {} of {} reports, e.g. «{word}» in {example}\ncity {name}\n",
                f.reports.len(),
                sources.len()
            )
        })
        .collect();
    let mut vocab_lines = vocab_lines;
    let people = person_lines(sources, &cities, &vocab_lines);
    let has_people = !people.is_empty();
    vocab_lines.extend(people);
    let Some(trigger) = trigger(sources) else {
        if !vocab_lines.is_empty() {
            out.push('\n');
            out.push_str(&vocab_lines.join("\n"));
        }
        out.push_str(
            "\n# No kind of event is named by most of these reports (meetings, quakes,\n# elections, matches, attacks, floods, fires, storms): declare one, e.g.\n#\n# event meeting {\n#   trigger = \"الاجتماع\" | \"meeting\" | \"réunion\"\n#   venue   : city within sentence else document\n# }\n",
        );
        if has_people {
            out.push_str(&format!("\n{CHECK_NAMES}"));
        }
        return out;
    };
    let trigger_list: Vec<String> = trigger.words.iter().map(|(w, _)| quote(w)).collect();
    let word_counts: Vec<String> = trigger
        .words
        .iter()
        .map(|(w, n)| format!("«{w}» {n}"))
        .collect();
    let event = trigger.kind.name;
    let event_block = |slots: &[(&str, &str)]| -> String {
        let mut s = format!(
            "# {} of {} reports name it (reports per word: {})\nevent {event} {{\n  trigger = {}\n",
            trigger.reports,
            sources.len(),
            word_counts.join(", "),
            trigger_list.join(" | ")
        );
        for (name, ty) in slots {
            s.push_str(&format!("  {name:<7} : {ty}\n"));
        }
        s.push_str("}\n");
        s
    };
    // Pass 3: which slots the reports fill near the triggers.
    let slots: Vec<(&str, &str)> = SLOTS
        .iter()
        .filter(|(name, _)| trigger.kind.slots.contains(name))
        .filter(|(name, _)| *name != "venue" || !cities.is_empty())
        .copied()
        .collect();
    let trial = format!("{}\n{}", vocab_lines.concat(), event_block(&slots));
    let mut stated: Vec<usize> = vec![0; slots.len()];
    let mut percents = false;
    if let Some(set) = load(&trial) {
        let vocab = Vocabulary::new(&set);
        for src in sources {
            let ex = extract::extract(src, Some(&set), Some(&vocab));
            percents |= ex
                .claims
                .iter()
                .any(|c| matches!(c.value, extract::ClaimValue::Percent { .. }));
            let facts = crate::engine::slot_facts(
                &set,
                &crate::engine::Report {
                    id: 0,
                    extraction: &ex,
                },
            );
            for (k, n) in stated.iter_mut().enumerate() {
                if facts.get(0, k).is_some() {
                    *n += 1;
                }
            }
        }
    }
    let kept: Vec<(&str, &str, usize)> = slots
        .iter()
        .zip(&stated)
        .filter(|(_, n)| **n >= 2)
        .map(|((name, ty), n)| (*name, *ty, *n))
        .collect();
    out.push('\n');
    out.push_str(&vocab_lines.join("\n"));
    if !vocab_lines.is_empty() {
        out.push('\n');
    }
    let kept_slots: Vec<(&str, &str)> = kept.iter().map(|(n, t, _)| (*n, *t)).collect();
    if kept_slots.is_empty() {
        // An event needs a slot: the ones tried stay, with no `agree`.
        out.push_str(
            "# No slot is stated by two reports: the slots tried are kept, with no `agree`.\n",
        );
        out.push_str(&event_block(&slots));
    } else {
        out.push_str(&event_block(&kept_slots));
    }
    out.push('\n');
    for (name, _, n) in &kept {
        out.push_str(&format!(
            "# stated by {n} of {} reports\nagree {event}.{name}\n",
            sources.len()
        ));
    }
    out.push_str("\n# Checks inside each report.\ncheck weekdays\ncheck breakdowns\n");

    if percents {
        out.push_str("check sum(percent) <= 100 per paragraph\n");
    }
    if has_people {
        out.push_str(CHECK_NAMES);
    }
    out
}

/// `check names`, offered commented out when the draft has people.
const CHECK_NAMES: &str = "# Words one letter from these people's names (a misspelling, or another\n# person), as warnings: uncomment to report them.\n# check names\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_names_become_entry_names() {
        assert_eq!(
            entry_name("Saint Petersburg").as_deref(),
            Some("SaintPetersburg")
        );
        assert_eq!(entry_name("Zürich").as_deref(), Some("Zurich"));
        assert_eq!(entry_name("42nd Street"), None);
    }
}
