//! `factlint rules fmt` is idempotent and keeps the meaning of a file:
//! parse(fmt(x)) equals parse(x), comments included.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use factlint::rules::{RuleSource, fmt, parser};
use proptest::prelude::*;

fn ws() -> impl Strategy<Value = String> {
    prop::sample::select(vec![" ", "  ", "\t", " \n  "]).prop_map(str::to_string)
}

/// White space that may hold a comment (inside a statement written on
/// several lines).
fn ws_or_comment() -> impl Strategy<Value = String> {
    prop::sample::select(vec![" ", " \n  ", "  # inside\n  ", " #داخل\n"]).prop_map(str::to_string)
}

fn alias() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\"موسكو\"",
        "\"Moscow\"",
        "\"بموسكو\"",
        "\"a \\\"q\\\" b\"",
        "\"الرباط\"",
        "\"Vienne\"",
    ])
    .prop_map(str::to_string)
}

fn comment() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "# note", "#تعليق", "# a | b \"c\""]).prop_map(str::to_string)
}

fn statement() -> impl Strategy<Value = String> {
    prop_oneof![
        (ws(), prop::collection::vec(alias(), 1..4), 0u32..100).prop_map(|(w, a, n)| {
            format!("city C{n}{w}={w}{}", a.join(&format!("{w}|{w}")))
        }),
        (ws_or_comment(), prop::collection::vec(alias(), 1..3), 0u32..100).prop_map(|(w, a, n)| {
            format!("city D{n}{w}+={w}{}", a.join(&format!("{w}|{w}")))
        }),
        (ws_or_comment(), 0u32..100).prop_map(|(w, n)| format!("city{w}P{n}")),
        (ws_or_comment(), 0u32..100, prop::sample::select(vec!["LB", "Lebanon"]))
            .prop_map(|(w, n, c)| format!("city{w}T{n}{w}in{w}{c}")),
        (ws(), prop::collection::vec(alias(), 1..3), 0u32..100).prop_map(|(w, a, n)| {
            format!("city Q{n}{w}in{w}LY{w}+={w}{}", a.join(&format!("{w}|{w}")))
        }),
        (ws(), 0u32..100).prop_map(|(w, n)| format!("agree{w}e{n}.s{n}")),
        (ws(), 0u32..1000).prop_map(|(w, n)| format!("expect e.s{w}=={w}{n}")),
        (ws(), prop::sample::select(vec!["37%", "1,240", "2025-05-27 .. 2025-05-29", "Moscow", "\"x\""]))
            .prop_map(|(w, v)| format!("expect e.s{w}!={w}{v}{w}{{ id = \"r\"{w}severity = warning }}")),
        (ws(), prop::sample::select(vec!["sum(percent)", "count(u) + 1", "(max(number) - 2) * 3"]))
            .prop_map(|(w, e)| format!("check{w}{e}{w}<={w}100{w}per sentence")),
        Just("check weekdays".to_string()),
        (ws(),).prop_map(|(w,)| format!("check{w}names")),
        (ws(), alias()).prop_map(|(w, a)| format!(
            "event e{w}{{{w}trigger{w}={w}{a}{w}s : city within sentence else document{w}n : count(u){w}}}"
        )),
        Just("rules \"title\"".to_string()),
    ]
}

fn rule_file() -> impl Strategy<Value = String> {
    prop::collection::vec((statement(), comment(), prop::bool::ANY), 0..12).prop_map(|items| {
        let mut out = String::new();
        for (stmt, c, blank) in items {
            if blank {
                out.push('\n');
            }
            out.push_str(&stmt);
            if !c.is_empty() {
                out.push_str("  ");
                out.push_str(&c);
            }
            out.push('\n');
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fmt_keeps_meaning_and_is_idempotent(text in rule_file()) {
        let src = RuleSource::new("p.rules", text.as_str());
        let (file, errors) = parser::parse(&src);
        prop_assert!(errors.is_empty(), "generated file does not parse: {text}");
        let once = fmt::format(&file, &src.text);
        let src2 = RuleSource::new("p.rules", once.as_str());
        let (file2, errors2) = parser::parse(&src2);
        prop_assert!(errors2.is_empty(), "formatted file does not parse:\n{once}");
        prop_assert_eq!(fmt::meaning(&file), fmt::meaning(&file2));
        let twice = fmt::format(&file2, &src2.text);
        prop_assert_eq!(once, twice);
    }
}
