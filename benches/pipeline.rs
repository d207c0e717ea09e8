//! Throughput of each stage and of the whole check, on the seed reports
//! (from `../shared/corpus/seeds`, or the demo reports when it is missing)
//! replicated to a target size: `FACTLINT_BENCH_MB` (default 50).
//!
//! Run: `cargo bench --bench pipeline`. divan prints bytes per second.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;
use factlint::extract::{self, vocab::Vocabulary};
use factlint::rules::{self, RuleSet, RuleSource};
use factlint::source::{self, SourceFile};

fn main() {
    divan::main();
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The report texts, replicated until they reach the target size.
static CORPUS: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| {
    let mb: usize = std::env::var("FACTLINT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seeds = repo().join("../shared/corpus/seeds");
    let dir = if seeds.is_dir() {
        seeds
    } else {
        repo().join("rules/demo")
    };
    let mut originals: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    originals.sort();
    let mut out = Vec::new();
    let mut total = 0;
    let mut round = 0;
    while total < mb * 1024 * 1024 {
        for (name, bytes) in &originals {
            total += bytes.len();
            out.push((format!("{round}/{name}"), bytes.clone()));
        }
        round += 1;
    }
    out
});

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    let text = std::fs::read_to_string(repo().join("rules/seeds.rules")).unwrap();
    rules::load(&RuleSource::new("rules/seeds.rules", text.as_str())).unwrap()
});

fn corpus_bytes() -> usize {
    CORPUS.iter().map(|(_, b)| b.len()).sum()
}

fn sources() -> Vec<SourceFile> {
    CORPUS
        .iter()
        .enumerate()
        .map(|(i, (n, b))| source::load(i, n, b, source::DEFAULT_MAX_SIZE).unwrap())
        .collect()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load(bencher: Bencher) {
    bencher
        .counter(BytesCount::new(corpus_bytes()))
        .bench(sources);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn normalise(bencher: Bencher) {
    let srcs = sources();
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        srcs.iter()
            .map(|s| factlint::text::normalize(&s.text).text.len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn segment(bencher: Bencher) {
    let norms: Vec<String> = sources()
        .iter()
        .map(|s| factlint::text::normalize(&s.text).text)
        .collect();
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        norms
            .iter()
            .map(|n| factlint::text::segment::segment(n).tokens.len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_normalise_extract(bencher: Bencher) {
    let vocab = Vocabulary::new(&RULES);
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        sources()
            .iter()
            .map(|s| extract::extract(s, Some(&RULES), Some(&vocab)).claims.len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_end_to_end(bencher: Bencher) {
    bencher.counter(BytesCount::new(corpus_bytes())).bench(|| {
        let srcs = sources();
        let (_, findings) = factlint::check(&RULES, &srcs);
        findings.len()
    });
}

/// 100 `agree` rules (25 events × 4 slots) over 1 million claims (10,000
/// reports × 25 mentions × 4 claims), built directly as extractions.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn evaluate_100_rules_1m_claims(bencher: Bencher) {
    use factlint::extract::{Claim, ClaimValue, Extraction, Mention};
    use factlint::span::Span;
    use factlint::value::{Date, DateRange, Quantity};
    let mut text = String::from("city A = \"a\"\ncity B = \"b\"\nunit country = \"country\"\n");
    for e in 0..25 {
        text.push_str(&format!(
            "event e{e} {{\n  trigger = \"t{e}\"\n  ordinal : ordinal within phrase\n  venue : city within sentence\n  dates : daterange within sentence\n  n : count(country) within sentence\n}}\n"
        ));
    }
    for e in 0..25 {
        for s in ["ordinal", "venue", "dates", "n"] {
            text.push_str(&format!("agree e{e}.{s}\n"));
        }
    }
    let rules = rules::load(&RuleSource::new("bench.rules", text.as_str())).unwrap();
    assert_eq!(rules.rules.len(), 100);
    let reports = 10_000;
    let sources: Vec<SourceFile> = (0..reports)
        .map(|i| source::load(i, &format!("r{i}.txt"), b"x", 10).unwrap())
        .collect();
    let extractions: Vec<Extraction> = (0..reports)
        .map(|r| {
            let mut claims = Vec::new();
            let mut mentions = Vec::new();
            for e in 0..25usize {
                let base = e * 100;
                let odd = r % 97 == e; // a few reports disagree
                let claim = |value: ClaimValue, k: usize| Claim {
                    value,
                    span: Span::new(base + k * 10, base + k * 10 + 5),
                    tokens: (e * 10 + k, e * 10 + k + 1),
                    sentence: e,
                    paragraph: e,
                    via: String::new(),
                };
                mentions.push(Mention {
                    event: e,
                    span: Span::new(base, base + 5),
                    tokens: (e * 10, e * 10 + 1),
                    phrase: (e * 10, e * 10 + 3),
                    phrase_span: Span::new(base, base + 30),
                    sentence: e,
                    paragraph: e,
                    descriptor: Vec::new(),
                    name: String::new(),
                    alias: String::new(),
                    demonstrative: false,
                });
                claims.push(claim(
                    ClaimValue::Ordinal {
                        value: if odd { 14 } else { 13 },
                    },
                    1,
                ));
                claims.push(claim(
                    ClaimValue::Entity {
                        entity: usize::from(odd),
                    },
                    4,
                ));
                let day = Date::new(Some(2025), 5, if odd { 28 } else { 27 }).unwrap();
                claims.push(claim(
                    ClaimValue::Date {
                        value: factlint::extract::dates::DateValue {
                            range: DateRange::day(day),
                            grain: factlint::extract::dates::Grain::Day,
                            weekday: None,
                        },
                    },
                    5,
                ));
                claims.push(claim(
                    ClaimValue::Count {
                        unit: 2,
                        value: Quantity::exact(if odd { 50.0 } else { 100.0 }),
                    },
                    6,
                ));
            }
            Extraction { claims, mentions }
        })
        .collect();
    bencher.bench(|| factlint::evaluate(&rules, &sources, &extractions).len());
}
