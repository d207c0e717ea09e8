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
    let src = source::load("r.txt", text.as_bytes(), u64::MAX).unwrap();
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

/// The words `check names` reports as one letter from a declared name.
fn near(rules_text: &str, text: &str) -> Vec<String> {
    let set = rules::load(&RuleSource::new(
        "t.rules",
        format!("{rules_text}check names\n"),
    ))
    .unwrap();
    let vocab = Vocabulary::new(&set);
    let src = source::load("r.txt", text.as_bytes(), u64::MAX).unwrap();
    let ex = extract::extract(&src, Some(&set), Some(&vocab));
    ex.claims
        .iter()
        .filter(|c| matches!(c.value, ClaimValue::NearName { .. }))
        .map(|c| text[c.span.start..c.span.end].to_string())
        .collect()
}

const BOURITA: &str = "person Bourita = \"ناصر بوريطة\" | \"بوريطة\" | \"Nasser Bourita\"\n";

#[test]
fn a_word_one_letter_from_a_name_where_a_name_stands_is_a_near_miss() {
    // next to the first name, after a verb of saying, after a title and a
    // first name, capitalised inside a sentence
    assert_eq!(near(BOURITA, "التقى ناصر بوريظة نظيره.\n"), ["بوريظة"]);
    assert_eq!(near(BOURITA, "وقال بوريظة إن التعاون مستمر.\n"), ["بوريظة"]);
    assert_eq!(
        near(BOURITA, "وحضر السفير عبد الرحيم بوريدة اللقاء.\n"),
        ["بوريدة"]
    );
    assert_eq!(
        near(BOURITA, "The talks with Nasser Burita ended.\n"),
        ["Burita"]
    );
    assert_eq!(
        near(BOURITA, "Officials said Bouritta spoke first.\n"),
        ["Bouritta"]
    );
}

#[test]
fn the_name_itself_and_words_where_no_name_stands_are_not_near_misses() {
    // the name with proclitics, a possessive, the furniture, the name's
    // own words
    assert!(near(BOURITA, "وقال بوريطة ولبوريطة موقف واضح.\n").is_empty());
    assert!(near(BOURITA, "Bourita's visit ended. Nasser Bourita left.\n").is_empty());
    // one letter from بوتين (Putin), but no title, verb or name beside it
    let putin = "person Putin = \"فلاديمير بوتين\" | \"بوتين\" | \"Vladimir Putin\" | \"Putin\"\n";
    assert!(near(putin, "تحدث الخبراء عن روتين العمل وعن غاز البوتان.\n").is_empty());
    // capitalised because it opens the sentence
    assert!(near(putin, "Putting it simply, the plan works.\nPutin spoke.\n").is_empty());
    // a page's read-also line is about another story
    assert!(
        near(
            BOURITA,
            "وقال بوريطة إن اللقاء مثمر.\nاقرأ أيضا:\nوقال بوريظة إن الوفد وصل\n"
        )
        .is_empty()
    );
}

#[test]
fn across_scripts_one_consonant_off_is_a_near_miss() {
    // Mansouri is declared in Arabic only: `Mansouri` is him, `Mansouli` one
    // consonant changed; `Nasser` and `Minister`, a consonant less or more,
    // are other words.
    let mansouri = "person Mansouri = \"المنصوري\"\n";
    assert!(near(mansouri, "Officials said Mansouri spoke.\n").is_empty());
    assert_eq!(
        near(mansouri, "Officials said Mansouli spoke.\n"),
        ["Mansouli"]
    );
    assert!(near(mansouri, "The Minister met Nasser Bourita.\n").is_empty());
}
