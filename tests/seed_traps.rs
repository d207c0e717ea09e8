//! Every trap listed in ../shared/corpus/seeds/README.md stays quiet: each
//! test reads the real seed reports. (Fixtures in our own words for the same
//! traps are under tests/checks/.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use factlint::engine::Finding;
use factlint::extract::{self, ClaimValue, Extraction, vocab::Vocabulary};
use factlint::rules::{self, RuleSet, RuleSource};
use factlint::run::Outcome;
use factlint::source::{self, SourceFile};

struct Seeds {
    rules: RuleSet,
    sources: Vec<SourceFile>,
    /// Every claim of each report (unpruned), for the extraction traps.
    extractions: Vec<Extraction>,
    /// The run over them, as `factlint check` makes it.
    run: Outcome,
    findings: Vec<Finding>,
}

fn seeds() -> Seeds {
    let text = std::fs::read_to_string(common::repo().join("rules/seeds.rules")).unwrap();
    let rules = rules::load(&RuleSource::new("rules/seeds.rules", text.as_str())).unwrap();
    let dir = common::shared().join("corpus/seeds");
    let sources: Vec<SourceFile> = common::files_with_ext(&dir, "txt")
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            source::load(
                &p.file_name().unwrap().to_string_lossy(),
                &bytes,
                source::DEFAULT_MAX_SIZE,
            )
            .unwrap()
        })
        .collect();
    assert_eq!(sources.len(), 5);
    let vocab = Vocabulary::new(&rules);
    let extractions = sources
        .iter()
        .map(|s| extract::extract(s, Some(&rules), Some(&vocab)))
        .collect();
    let run = factlint::run::check_loaded(&rules, &sources);
    let findings = run.findings.clone();
    Seeds {
        rules,
        sources,
        extractions,
        run,
        findings,
    }
}

fn text(s: &SourceFile, span: factlint::span::Span) -> &str {
    &s.text[span.start..span.end]
}

/// What report `i` states for `meeting.SLOT`, as its normalised value.
fn stated(s: &Seeds, i: usize, slot: &str) -> Option<String> {
    let event = s
        .rules
        .events
        .iter()
        .position(|e| e.name == "meeting")
        .unwrap();
    let slot = s.rules.events[event].slot_index(slot).unwrap();
    s.run.summaries[i]
        .facts
        .get(event, slot)
        .map(|st| st.value.normalized(&s.rules))
}

#[test]
#[ignore = "needs ../shared"]
fn dateline_rabat_is_not_the_venue() {
    let s = seeds();
    let ex = &s.extractions[1];
    let dateline = ex
        .claims
        .iter()
        .find(|c| matches!(c.value, ClaimValue::Dateline { .. }))
        .expect("001 has a dateline");
    assert_eq!(text(&s.sources[1], dateline.span), "الرباط");
    assert_eq!(stated(&s, 1, "venue").as_deref(), Some("Moscow"));
}

#[test]
#[ignore = "needs ../shared"]
fn vienna_of_another_event_in_001_is_not_used() {
    let s = seeds();
    for f in &s.findings {
        for side in &f.sides {
            for e in &side.evidence {
                assert!(
                    !(e.report == 1 && text(&s.sources[1], e.span).contains("فيينا")),
                    "001's Vienna used as evidence in {}",
                    f.rule
                );
            }
        }
    }
    assert_eq!(stated(&s, 1, "ordinal").as_deref(), Some("13"));
}

#[test]
#[ignore = "needs ../shared"]
fn months_match_whole_words_only() {
    let s = seeds();
    for (src, ex) in s.sources.iter().zip(&s.extractions) {
        for c in &ex.claims {
            if let ClaimValue::Date { .. } = c.value {
                let t = text(src, c.span);
                assert!(
                    !t.contains("حماية") && !t.contains("الإرهاب"),
                    "{}: date in `{t}`",
                    src.name
                );
            }
        }
    }
}

#[test]
#[ignore = "needs ../shared"]
fn year_since_is_not_the_meeting_date() {
    let s = seeds();
    assert_eq!(
        stated(&s, 0, "dates").as_deref(),
        Some("--05-27 .. --05-29")
    );
}

#[test]
#[ignore = "needs ../shared"]
fn report_004_states_nothing_and_is_in_no_conflict() {
    let s = seeds();
    for slot in ["venue", "ordinal", "dates"] {
        assert_eq!(stated(&s, 4, slot), None, "004 states {slot}");
    }
    assert!(s.findings.iter().all(|f| !f.reports().contains(&4)));
}

#[test]
#[ignore = "needs ../shared"]
fn every_spelling_of_the_name_is_one_person() {
    let s = seeds();
    let vocab = Vocabulary::new(&s.rules);
    let hammouchi = s
        .rules
        .entities
        .iter()
        .position(|e| e.name == "Hammouchi")
        .unwrap();
    let mut spellings = std::collections::BTreeSet::new();
    for src in &s.sources {
        let ex = extract::extract(src, Some(&s.rules), Some(&vocab));
        for c in &ex.claims {
            if let ClaimValue::Entity { entity } = c.value
                && s.rules.entities[entity].kind == "person"
                && s.rules.entities[entity].name != "Zuev"
            {
                assert_eq!(entity, hammouchi);
                spellings.insert(text(src, c.span).to_string());
            }
        }
    }
    assert!(spellings.len() >= 4, "{spellings:?}");
}

#[test]
#[ignore = "needs ../shared"]
fn shares_of_91_percent_raise_no_figure_error() {
    let s = seeds();
    let percents: f64 = s.extractions[1]
        .claims
        .iter()
        .filter_map(|c| match &c.value {
            ClaimValue::Percent { value } => Some(value.value),
            _ => None,
        })
        .sum();
    assert_eq!(percents, 91.0);
    assert!(s.findings.iter().all(|f| !f.rule.starts_with("check.")));
}

#[test]
#[ignore = "needs ../shared"]
fn page_debris_is_not_a_claim() {
    let s = seeds();
    assert!(!s.extractions[2].claims.iter().any(|c| matches!(
        &c.value,
        ClaimValue::Number { value } if value.value == 0.0
    )));
}

#[test]
#[ignore = "needs ../shared"]
fn annotated_claims_are_extracted() {
    let s = seeds();
    let has = |i: usize, kind: &str, norm: &str| {
        s.extractions[i]
            .claims
            .iter()
            .any(|c| c.value.kind_name() == kind && c.value.normalized(Some(&s.rules)) == norm)
    };
    assert!(has(0, "ordinal", "#13"));
    assert!(has(2, "ordinal", "#22"));
    assert!(has(1, "ordinal", "#34"));
    assert!(has(0, "date", "--05-27 .. --05-29"));
    assert!(has(0, "count", "more than 100 × country"));
    assert!(has(3, "count", "62 × foreigner"));
    assert!(has(3, "count", "25 × nationality"));
    assert!(has(1, "dateline", "Rabat"));
    for p in ["37%", "28%", "11%", "10%", "3%", "2%"] {
        assert!(has(1, "percent", p), "{p}");
    }
}
