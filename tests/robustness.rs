//! Whatever a user gives, factlint answers without crashing: random rule
//! files get diagnostics, random reports get claims whose spans lie on
//! character boundaries inside the text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use factlint::extract::{self, vocab::Vocabulary};
use factlint::rules::{self, RuleSource};
use factlint::source;
use proptest::prelude::*;

const RULES: &str = "city Moscow = \"موسكو\" | \"Moscow\"\nunit country = \"دولة\" | \"country\"\n\
event meeting {\n  trigger = \"الاجتماع\" | \"meeting\"\n  ordinal : ordinal within phrase\n  venue : city within sentence else document\n  dates : daterange within sentence\n  n : count(country) within sentence\n}\n\
agree meeting.venue\ncheck sum(percent) <= 100 per paragraph\ncheck weekdays\ncheck breakdowns\n";

/// Pieces that exercise the recognisers: words, digits of three scripts,
/// punctuation, marks, controls.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "الاجتماع",
            "موسكو",
            "بموسكو",
            "الثالث",
            "عشر",
            "والعشرين",
            "الـ",
            "من",
            "إلى",
            "ماي",
            "الجاري",
            "يوم",
            "الاثنين",
            "بنسبة",
            "في",
            "المئة",
            "منها",
            "و",
            "أكثر",
            "مائة",
            "دولة",
            "أجنبيًا",
            "meeting",
            "Moscow",
            "May",
            "Monday",
            "of which",
            "per cent",
            "13th",
            "-",
            "—",
            ".",
            "،",
            "؛",
            "%",
            "٪",
            "/",
            ",",
            ":",
            "\n",
            "\r\n",
            " ",
            "ً",
            "ـ",
            "\u{200F}",
            "\u{202E}",
            "\u{FEFF}",
            "---\n",
            "date: 2025-05-27\n",
            "\"",
            "#",
            "(",
            ")",
        ])
        .prop_map(str::to_string),
        (0u32..100_000).prop_map(|n| n.to_string()),
        (0u32..10_000).prop_map(|n| n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - 48 + 0x0660).unwrap())
            .collect()),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn extraction_never_panics_and_spans_are_sound(t in text()) {
        let set = rules::load(&RuleSource::new("r.rules", RULES)).unwrap();
        let vocab = Vocabulary::new(&set);
        if let Ok(src) = source::load("t.txt", t.as_bytes(), 1 << 20) {
            let ex = extract::extract(&src, Some(&set), Some(&vocab));
            for c in &ex.claims {
                prop_assert!(c.span.start <= c.span.end && c.span.end <= src.text.len());
                prop_assert!(src.text.is_char_boundary(c.span.start) && src.text.is_char_boundary(c.span.end));
            }
            for m in &ex.mentions {
                prop_assert!(src.text.get(m.span.start..m.span.end).is_some());
            }
            let run = factlint::run::check_loaded(&set, std::slice::from_ref(&src));
            let ctx = factlint::output::Context::new(&set, &run.sources, &run.findings, &[]);
            let _ = factlint::output::human::render(&ctx, &factlint::render::Renderer::new(factlint::render::Style::plain()), true);
            let _ = factlint::output::html::render(&ctx, &[]);
        }
    }

    #[test]
    fn any_rule_file_gets_diagnostics_not_a_crash(t in text(), bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = rules::load(&RuleSource::new("t.rules", t.as_str()));
        let mut mixed = RULES.as_bytes().to_vec();
        mixed.extend(&bytes);
        match RuleSource::from_bytes("m.rules", &mixed) {
            Ok(src) => {
                if let Err(errors) = rules::load(&src) {
                    let r = factlint::render::Renderer::new(factlint::render::Style::plain());
                    for e in &errors {
                        prop_assert!(!e.code().is_empty());
                        let _ = r.render(e);
                    }
                }
            }
            Err(e) => prop_assert_eq!(e.code(), "FL101"),
        }
    }
}
