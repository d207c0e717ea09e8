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
