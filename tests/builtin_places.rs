//! Places given by name alone (`city Moscow`) take their spellings from
//! the built-in table: a rule file without its city alias lists finds
//! exactly what the full one finds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::path::Path;

use factlint::rules::{self, RuleSource};

/// The rule file with every `city NAME = …` line cut to `city NAME`.
fn names_only(rules: &str) -> String {
    rules
        .lines()
        .map(|l| match l.strip_prefix("city ") {
            Some(rest) => format!("city {}", rest.split_whitespace().next().unwrap()),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The JSON output of `check`, without the rule file's path.
fn findings(dir: &Path, rules: &str, reports: &Path) -> serde_json::Value {
    std::fs::write(dir.join("r.rules"), rules).unwrap();
    let out = common::factlint_in(
        dir,
        &[
            "check",
            "--isolated",
            "-r",
            "r.rules",
            reports.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["rules"]["file"] = serde_json::Value::Null;
    without_via(&mut v);
    v
}

/// How each piece of evidence was found differs, as it should: an alias
/// written in the rule file, or a name of the built-in table.
fn without_via(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("via");
            map.values_mut().for_each(without_via);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_via),
        _ => {}
    }
}

fn same_findings(name: &str, rules_file: &Path, reports: &Path) {
    let dir = std::env::temp_dir().join(format!("factlint-places-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let full = std::fs::read_to_string(rules_file).unwrap();
    let short = names_only(&full);
    assert_ne!(
        full.trim_end(),
        short.trim_end(),
        "{name}: no alias list was cut"
    );
    let expected = findings(&dir, &full, reports);
    assert!(
        !expected["findings"].as_array().unwrap().is_empty(),
        "{name}: nothing to compare"
    );
    let got = findings(&dir, &short, reports);
    assert!(got == expected, "{name}:\n{got:#}\n---\n{expected:#}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_demo_without_alias_lists_finds_the_same() {
    let repo = common::repo();
    same_findings(
        "demo",
        &repo.join("rules/demo.rules"),
        &repo.join("rules/demo"),
    );
}

#[test]
#[ignore = "needs ../shared"]
fn the_seeds_without_alias_lists_find_the_same() {
    let repo = common::repo();
    same_findings(
        "seeds",
        &repo.join("rules/seeds.rules"),
        &common::shared().join("corpus/seeds"),
    );
}

fn load(text: &str) -> Result<factlint::rules::RuleSet, Vec<factlint::rules::RuleError>> {
    rules::load(&RuleSource::new("t.rules", text))
}

#[test]
fn a_place_by_name_gets_its_spellings_in_three_scripts() {
    let set = load("city Moscow\ncountry Morocco\n").unwrap();
    let moscow = &set.entities[0];
    for n in ["موسكو", "Moscow", "Moscou"] {
        assert!(
            moscow.aliases.iter().any(|a| a == n),
            "{n} in {:?}",
            moscow.aliases
        );
    }
    assert!(moscow.place.as_deref().unwrap().contains("RU"));
    let morocco = &set.entities[1];
    assert!(morocco.aliases.iter().any(|a| a == "المغرب"));
    assert!(morocco.aliases.iter().any(|a| a == "Maroc"));
}

#[test]
fn written_aliases_come_first_and_a_shared_name_names_neither() {
    // Algiers and Algeria are both `الجزائر` in Arabic: from the table,
    // that name is ambiguous and goes to neither entry.
    let set = load("city Algiers\ncountry Algeria\n").unwrap();
    for e in &set.entities {
        assert!(
            !e.aliases.iter().any(|a| a == "الجزائر"),
            "{}: {:?}",
            e.name,
            e.aliases
        );
    }
    // Written, it is the entry's, and the other entry does not get it.
    let set = load("city Algiers = \"الجزائر\"\ncountry Algeria\n").unwrap();
    assert_eq!(set.entities[0].aliases[0], "الجزائر");
    assert!(!set.entities[1].aliases.iter().any(|a| a == "الجزائر"));
    assert_eq!(set.entities[0].written, 1);
}

#[test]
fn equals_keeps_the_aliases_written_and_plus_equals_adds_the_table() {
    let set = load("city Moscow = \"موسكو\"\ncity Vienna += \"Wien\"\n").unwrap();
    assert_eq!(set.entities[0].aliases, ["موسكو"]);
    assert_eq!(set.entities[0].place, None);
    let vienna = &set.entities[1].aliases;
    assert_eq!(vienna[0], "Wien");
    assert!(vienna.iter().any(|a| a == "فيينا"), "{vienna:?}");
}

#[test]
fn an_unknown_place_or_another_kind_needs_aliases() {
    for text in [
        "city Zorbatown\n",
        "person Hammouchi\n",
        "city Zorbatown += \"Zorba\"\n",
    ] {
        let errors = load(text).unwrap_err();
        assert_eq!(errors.len(), 1, "{text}: {errors:?}");
        assert!(
            format!("{:?}", errors[0]).contains("NotBuiltin"),
            "{text}: {:?}",
            errors[0]
        );
    }
}

/// The rule file `factlint init` drafts for a folder, and its findings.
fn drafted(name: &str, reports: &Path) -> (String, Vec<String>) {
    let dir = std::env::temp_dir().join(format!("factlint-init-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = common::factlint_in(
        &dir,
        &["init", reports.to_str().unwrap(), "-o", "draft.rules"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Never over a file that is there.
    let again = common::factlint_in(
        &dir,
        &["init", reports.to_str().unwrap(), "-o", "draft.rules"],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("FL417"));
    let text = std::fs::read_to_string(dir.join("draft.rules")).unwrap();
    let check = common::factlint_in(
        &dir,
        &[
            "check",
            "--isolated",
            "-r",
            "draft.rules",
            reports.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (text, messages(&v))
}

fn messages(v: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} | {}", f["message"], f["help"]))
        .collect();
    out.sort();
    out
}

/// What the project's own rule file finds in the same reports.
fn curated(rules: &Path, reports: &Path) -> Vec<String> {
    let out = common::factlint_in(
        &common::repo(),
        &[
            "check",
            "--isolated",
            "-r",
            rules.to_str().unwrap(),
            reports.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    messages(&serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn init_drafts_a_rule_file_that_finds_the_demo_conflicts() {
    let repo = common::repo();
    let reports = repo.join("rules/demo");
    let (text, found) = drafted("demo", &reports);
    assert!(
        text.contains("city Moscow") && text.contains("city Vienna"),
        "{text}"
    );
    assert!(
        text.contains("agree meeting.venue") && text.contains("agree meeting.ordinal"),
        "{text}"
    );
    let want = curated(&repo.join("rules/demo.rules"), &reports);
    for needed in ["meeting.venue", "meeting.ordinal"] {
        assert!(
            found.iter().any(|f| f.contains(needed)),
            "{needed} not found: {found:#?}"
        );
    }
    // No false finding: each is one the project's own rule file raises.
    for f in &found {
        assert!(
            want.contains(f),
            "not a finding of rules/demo.rules: {f}\n{want:#?}"
        );
    }
}

#[test]
#[ignore = "needs ../shared"]
fn init_drafts_a_rule_file_that_finds_the_two_seed_findings() {
    let repo = common::repo();
    let reports = common::shared().join("corpus/seeds");
    let (_, found) = drafted("seeds", &reports);
    assert_eq!(found, curated(&repo.join("rules/seeds.rules"), &reports));
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn a_name_several_places_share_is_the_one_in_the_country_given_or_declared() {
    let place = |text: &str| load(text).unwrap().entities[0].place.clone().unwrap();
    // Valencia, Venezuela, is more populous than Valencia, Spain.
    let plain = place("city Valencia\n");
    assert!(
        plain.contains("(VE,") && plain.contains("the most populous"),
        "{plain}"
    );
    for text in [
        "city Valencia in ES\n",
        "city Valencia in Spain\n",
        "city Valencia in Espagne\n",
        "city Valencia\ncountry Spain\n",
        "city Valencia\ncountry Spain = \"إسبانيا\"\n",
        "city Valencia in ES += \"València\"\n",
    ] {
        let p = place(text);
        assert!(p.contains("(ES,"), "{text}: {p}");
    }
    assert!(place("city Valencia in ES\n").contains("the country `in` names"));
    assert!(place("city Valencia\ncountry Spain\n").contains("a country the rule file declares"));
    // `in` wins over a declared country; a name of one place says nothing more.
    let p = place("city Valencia in VE\ncountry Spain\n");
    assert!(p.contains("(VE,"), "{p}");
    assert!(!place("city Rabat\n").contains("of this name"));
    // The Lebanese Tripoli keeps the names both Tripolis have.
    let set = load("city Tripoli in Lebanon\n").unwrap();
    assert!(set.entities[0].aliases.iter().any(|a| a == "طرابلس"));
}

#[test]
fn in_must_name_a_country_with_that_place_and_needs_built_in_names() {
    for (text, code) in [
        ("city Tripoli in France\n", "NotBuiltin"),
        ("city Tripoli in Atlantis\n", "NotBuiltin"),
        ("city Tripoli in LB = \"طرابلس\"\n", "CountryWithoutBuiltin"),
    ] {
        let errors = load(text).unwrap_err();
        assert_eq!(errors.len(), 1, "{text}: {errors:?}");
        assert!(
            format!("{:?}", errors[0]).contains(code),
            "{text}: {:?}",
            errors[0]
        );
    }
}

#[test]
fn init_drafts_the_people_and_check_names_finds_their_misspellings() {
    let repo = common::repo();
    let reports = repo.join("tests/news/talks");
    let (text, found) = drafted("talks", &reports);
    // Both ministers, with the Arabic spellings found across scripts; the
    // variant `Burita` is no entry of its own, and the furniture's people
    // are not drafted.
    assert!(
        text.contains("person Bourita = \"Nasser Bourita\" | \"Bourita\" | \"بوريطة\""),
        "{text}"
    );
    assert!(
        text.contains("person Albares = \"José Manuel Albares\" | \"Albares\" | \"ألباريس\""),
        "{text}"
    );
    assert!(
        !text.contains("person Burita") && !text.contains("بوريطي"),
        "{text}"
    );
    assert!(text.contains("# check names\n"), "{text}");
    assert!(
        found.is_empty(),
        "`check names` is offered commented out: {found:#?}"
    );
    // Uncommented, it finds what the corpus plants, and nothing else.
    let dir = std::env::temp_dir().join(format!("factlint-init-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("names.rules"),
        text.replace("# check names\n", "check names\n"),
    )
    .unwrap();
    let out = common::factlint_in(
        &dir,
        &[
            "check",
            "--isolated",
            "-r",
            "names.rules",
            reports.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let _ = std::fs::remove_dir_all(&dir);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut flagged: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .split('»')
                .next()
                .unwrap()
                .trim_start_matches('«')
                .to_string()
        })
        .collect();
    flagged.sort();
    assert_eq!(
        flagged,
        ["Albarez", "Bourrita", "Burita", "بوريدة", "بوريظة"]
    );
}
