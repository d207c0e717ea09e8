//! A person declared in one script is found in the others.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use factlint::extract::{self, ClaimValue, vocab::Vocabulary};
use factlint::rules::{self, RuleSource};
use factlint::source;

/// The people the rule file's entries find in `text`, with the words.
fn people(rules_text: &str, text: &str) -> Vec<(String, String)> {
    let set = rules::load(&RuleSource::new("t.rules", rules_text)).unwrap();
    let vocab = Vocabulary::new(&set);
    let src = source::load(0, "r.txt", text.as_bytes(), u64::MAX).unwrap();
    let ex = extract::extract(&src, Some(&set), Some(&vocab));
    ex.claims
        .iter()
        .filter_map(|c| match c.value {
            ClaimValue::Entity { entity } => Some((
                set.entities[entity].name.clone(),
                text[c.span.start..c.span.end].to_string(),
            )),
            _ => None,
        })
        .collect()
}

const ARABIC_ONLY: &str = "person Hammouchi = \"عبد اللطيف حموشي\" | \"حموشي\"\n";

#[test]
fn an_arabic_name_is_found_in_latin_script() {
    let found = people(
        ARABIC_ONLY,
        "Le directeur Abdellatif Hammouchi a rencontré son homologue. M. Hammouchi a salué la coopération.\n",
    );
    assert_eq!(
        found
            .iter()
            .filter(|(n, w)| n == "Hammouchi" && w == "Hammouchi")
            .count(),
        2,
        "{found:?}"
    );
}

#[test]
fn a_latin_name_is_found_in_arabic_script() {
    let found = people(
        "person Hammouchi = \"Abdellatif Hammouchi\"\n",
        "استقبل الحموشي نظيره، وقال حموشي إن التعاون مستمر.\n",
    );
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_word_with_the_same_consonants_is_not_the_name() {
    // على هامش: on the sidelines of (ه م ش, as حموشي's ح م ش)
    let found = people(
        "person Hammouchi = \"Abdellatif Hammouchi\"\n",
        "عقد لقاء على هامش الاجتماع، وفي الهامش ملاحظات.\n",
    );
    assert!(found.is_empty(), "{found:?}");
    // lower-case Latin words are not names
    let found = people(ARABIC_ONLY, "the hammouchi family\n");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_name_declared_in_both_scripts_is_left_to_its_aliases() {
    let found = people(
        "person Hammouchi = \"حموشي\" | \"Hammouchi\"\n",
        "Hammouchy met the delegation.\n",
    );
    assert!(
        found.is_empty(),
        "declared in Latin: only its aliases: {found:?}"
    );
}
