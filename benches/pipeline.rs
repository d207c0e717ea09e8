//! Throughput of each stage (load, normalise, segment, extract, evaluate,
//! render), of folding then finding the vocabulary alone (the floor of one
//! pass over the folded text) and of the whole check, on the seed reports (from
//! `../shared/corpus/seeds`, or the demo reports when it is missing)
//! replicated to 1, 10 and 100 MB; the evaluation of 100 rules over a
//! million claims; a rule file of 1,000 events; `check names` over 10 MB;
//! one long report read window by window, and read again for its quotes.
//!
//! Run: `cargo bench --bench pipeline`. divan prints bytes per second.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

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

/// Report names and bytes.
type Corpus = Arc<Vec<(String, Vec<u8>)>>;

/// The seed reports (or the demo reports), replicated to `mb` megabytes;
/// each size is built once.
fn corpus(mb: usize) -> Corpus {
    static CACHE: LazyLock<Mutex<BTreeMap<usize, Corpus>>> =
        LazyLock::new(|| Mutex::new(BTreeMap::new()));
    let mut cache = CACHE.lock().unwrap();
    cache
        .entry(mb)
        .or_insert_with(|| {
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
            Arc::new(out)
        })
        .clone()
}

static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    let text = std::fs::read_to_string(repo().join("rules/seeds.rules")).unwrap();
    rules::load(&RuleSource::new("rules/seeds.rules", text.as_str())).unwrap()
});

fn bytes(mb: usize) -> usize {
    corpus(mb).iter().map(|(_, b)| b.len()).sum()
}

fn sources(mb: usize) -> Vec<SourceFile> {
    corpus(mb)
        .iter()
        .map(|(n, b)| source::load(n, b, source::DEFAULT_MAX_SIZE).unwrap())
        .collect()
}

const SIZES: &[usize] = &[1, 10, 100];

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn load(bencher: Bencher, mb: usize) {
    bencher
        .counter(BytesCount::new(bytes(mb)))
        .bench(|| sources(mb));
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn normalise(bencher: Bencher, mb: usize) {
    let srcs = sources(mb);
    bencher.counter(BytesCount::new(bytes(mb))).bench(|| {
        srcs.iter()
            .map(|s| factlint::text::normalize(&s.text).text.len())
            .sum::<usize>()
    });
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn segment(bencher: Bencher, mb: usize) {
    let norms: Vec<String> = sources(mb)
        .iter()
        .map(|s| factlint::text::normalize(&s.text).text)
        .collect();
    bencher.counter(BytesCount::new(bytes(mb))).bench(|| {
        norms
            .iter()
            .map(|n| factlint::text::segment::segment(n).tokens.len())
            .sum::<usize>()
    });
}

/// Normalise and find the vocabulary, nothing else: the least work a check
/// of these rules can do per byte, to set beside `rg -F` over the same bytes.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn normalise_and_find(bencher: Bencher, mb: usize) {
    let srcs = sources(mb);
    let vocab = Vocabulary::new(&RULES);
    bencher.counter(BytesCount::new(bytes(mb))).bench(|| {
        srcs.iter()
            .map(|s| vocab.find(&factlint::text::normalize(&s.text).text).len())
            .sum::<usize>()
    });
}

/// Load, normalise, segment and extract, one thread.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn extract(bencher: Bencher, mb: usize) {
    let vocab = Vocabulary::new(&RULES);
    bencher.counter(BytesCount::new(bytes(mb))).bench(|| {
        sources(mb)
            .iter()
            .map(|s| extract::extract(s, Some(&RULES), Some(&vocab)).claims.len())
            .sum::<usize>()
    });
}

/// Every rule over the extracted reports.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn evaluate(bencher: Bencher, mb: usize) {
    let srcs = sources(mb);
    let vocab = Vocabulary::new(&RULES);
    let extractions: Vec<_> = srcs
        .iter()
        .map(|s| extract::extract(s, Some(&RULES), Some(&vocab)))
        .collect();
    bencher
        .counter(BytesCount::new(bytes(mb)))
        .bench(|| factlint::run::evaluate(&RULES, &extractions).len());
}

/// The human and JSON outputs of the findings.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn render(bencher: Bencher, mb: usize) {
    let srcs = sources(mb);
    let run = factlint::run::check_loaded(&RULES, &srcs);
    bencher.counter(BytesCount::new(bytes(mb))).bench(|| {
        let ctx = factlint::output::Context::new(&RULES, &run.sources, &run.findings, &[]);
        let human = factlint::output::human::render(
            &ctx,
            &factlint::render::Renderer::new(factlint::render::Style::plain()),
            false,
        );
        human.len() + factlint::output::json::render(&ctx).len()
    });
}

/// The whole check on reports held in memory, all threads.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn check_end_to_end(bencher: Bencher, mb: usize) {
    bencher.counter(BytesCount::new(bytes(mb))).bench(|| {
        let srcs = sources(mb);
        let run = factlint::run::check(&RULES, &factlint::run::Preloaded, &srcs, None, &|| {});
        run.findings.len()
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
                    sentence: e as u32,
                    paragraph: e as u32,
                    clause: e as u32,
                    part: false,
                    governor: factlint::extract::Governor::None,
                    invited: false,
                    share: factlint::extract::shares::Share::Listed,
                    named_whole: 0,
                    at: None,
                    by: None,
                    via: "".into(),
                };
                mentions.push(Mention {
                    event: e,
                    span: Span::new(base, base + 5),
                    tokens: (e * 10, e * 10 + 1),
                    phrase: (e * 10, e * 10 + 3),
                    sentence: e as u32,
                    paragraph: e as u32,
                    clause: e as u32,
                    descriptor: Vec::new(),
                    name: String::new(),
                    alias: "".into(),
                    demonstrative: false,
                    stage: false,
                    year: None,
                    previous: false,
                    next: false,
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
            Extraction {
                claims,
                mentions,
                skipped: Vec::new(),
                lang: factlint::source::Lang::En,
                report_year: None,
            }
        })
        .collect();
    bencher.bench(|| factlint::run::evaluate(&rules, &extractions).len());
}

/// One report that is a single line with no sentence break, of `mb`
/// megabytes: extraction and line positions stay linear in its length.
#[divan::bench(args = [1, 4, 10], sample_count = 3, sample_size = 1)]
fn one_line_report(bencher: Bencher, mb: usize) {
    let words = "احتضنت موسكو من 27 إلى 29 ماي أشغال الاجتماع الدولي الثالث عشر بحضور 62 أجنبيا من 25 جنسية ";
    let text: String = words.repeat(mb * 1_000_000 / words.len());
    let src = source::load("line.txt", text.as_bytes(), u64::MAX).unwrap();
    let vocab = Vocabulary::new(&RULES);
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let ex = extract::extract(&src, Some(&RULES), Some(&vocab));
        ex.claims
            .iter()
            .map(|c| src.position(c.span.start).column)
            .sum::<usize>()
    });
}

/// A rule file with an error on every line, of `kb` kilobytes: parsing and
/// checking stay linear (every error is found and placed).
#[divan::bench(args = [100, 400, 1000], sample_count = 3, sample_size = 1)]
fn rule_file_of_errors(bencher: Bencher, kb: usize) {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < kb * 1000 {
        text.push_str(&format!("city C{i} = \"x{i}\" |\n"));
        i += 1;
    }
    let src = RuleSource::new("errors.rules", text.as_str());
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let errors = rules::load(&src).unwrap_err();
        let renderer = factlint::render::Renderer::new(factlint::render::Style::plain());
        errors
            .iter()
            .map(|e| renderer.render(e).len())
            .sum::<usize>()
    });
}

/// The built-in places: reading the table into its index (paid once per
/// run, the first time a rule file gives a place by name), then a rule file
/// of names only parsed and checked.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn builtin_places_index(bencher: Bencher) {
    bencher.bench(|| factlint::builtin::index().len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn rule_file_of_places_by_name(bencher: Bencher) {
    let text = "city Moscow\ncity Vienna\ncity Rabat\ncountry Morocco\ncountry Russia\n";
    bencher.bench(|| {
        factlint::rules::load(&factlint::rules::RuleSource::new("places.rules", text))
            .map(|s| s.entities.len())
    });
}

/// A rule file of 1,000 events (each its trigger, a venue and a count,
/// an `agree` each) over 10,000 short reports naming them: what a run
/// costs per event (`scripts/bench.sh`'s events row, in process).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn thousand_events(bencher: Bencher) {
    let mut rules_text = String::from(
        "city Moscow = \"موسكو\" | \"Moscow\"\ncity Vienna = \"فيينا\" | \"Vienna\"\nunit country = \"دولة\" | \"countries\"\n",
    );
    for e in 0..1000 {
        rules_text.push_str(&format!(
            "event e{e} {{\n  trigger   = \"summit{e}\"\n  venue     : city within sentence\n  countries : count(country) within sentence\n}}\nagree e{e}.venue\nagree e{e}.countries\n"
        ));
    }
    let set = rules::load(&RuleSource::new("events.rules", rules_text)).unwrap();
    let reports: Vec<(String, Vec<u8>)> = (0..10_000)
        .map(|r| {
            let e = r % 1000;
            let city = if r % 7 == 0 { "Vienna" } else { "Moscow" };
            let n = 40 + r % 3;
            (
                format!("r{r}.txt"),
                format!("The summit{e} opened in {city} on Monday.\nDelegates of {n} countries attended the summit{e} in {city}.\n")
                    .into_bytes(),
            )
        })
        .collect();
    let total: usize = reports.iter().map(|(_, b)| b.len()).sum();
    bencher.counter(BytesCount::new(total)).bench(|| {
        let srcs: Vec<SourceFile> = reports
            .iter()
            .map(|(n, b)| source::load(n, b, source::DEFAULT_MAX_SIZE).unwrap())
            .collect();
        let run = factlint::run::check(&set, &factlint::run::Preloaded, &srcs, None, &|| {});
        run.findings.len()
    });
}

/// The seed rule file with `check names` (its two people), over 10 MB:
/// what the near-miss search adds to `check_end_to_end(10)`.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn check_names_10mb(bencher: Bencher) {
    let text = std::fs::read_to_string(repo().join("rules/seeds.rules")).unwrap() + "check names\n";
    let set = rules::load(&RuleSource::new("names.rules", text)).unwrap();
    bencher.counter(BytesCount::new(bytes(10))).bench(|| {
        let srcs = sources(10);
        let run = factlint::run::check(&set, &factlint::run::Preloaded, &srcs, None, &|| {});
        run.findings.len()
    });
}

/// The seed reports one after the other as one long report of `mb` MB.
fn long_report(mb: usize) -> Arc<[u8]> {
    let mut out = Vec::new();
    for (_, bytes) in corpus(mb).iter() {
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\n\n");
    }
    Arc::from(out)
}

fn opened(bytes: &Arc<[u8]>) -> extract::stream::Opened {
    extract::stream::Opened {
        name: "long.txt".into(),
        bytes: Box::new(std::io::Cursor::new(Arc::clone(bytes))),
        size: bytes.len() as u64,
    }
}

/// One long report read window by window from its bytes (as a report over
/// 4 MiB is), its text never whole in memory.
#[divan::bench(args = [10, 100], sample_count = 3, sample_size = 1)]
fn long_report_streamed(bencher: Bencher, mb: usize) {
    let bytes = long_report(mb);
    let vocab = Vocabulary::new(&RULES);
    bencher.counter(BytesCount::new(bytes.len())).bench(
        || match extract::stream::extract_streamed(
            opened(&bytes),
            Some(&RULES),
            Some(&vocab),
            &|_| true,
        ) {
            extract::stream::Streamed::Read(_, ex) => ex.claims.len(),
            extract::stream::Streamed::Whole => 0,
        },
    );
}

/// The same report read again for 1,000 quotes: two passes over it, the
/// quoted lines kept.
#[divan::bench(args = [10, 100], sample_count = 3, sample_size = 1)]
fn long_report_quoted(bencher: Bencher, mb: usize) {
    let bytes = long_report(mb);
    let src = source::load("long.txt", &bytes, u64::MAX).unwrap();
    let step = bytes.len() / 1000;
    let spans: Vec<factlint::span::Span> = (0..1000)
        .map(|k| {
            let mut a = k * step;
            while !src.text.is_char_boundary(a) {
                a += 1;
            }
            factlint::span::Span::new(a, a)
        })
        .collect();
    bencher.counter(BytesCount::new(bytes.len())).bench(|| {
        match extract::stream::quote(opened(&bytes), || Some(opened(&bytes)), src.digest, &spans) {
            extract::stream::Quote::Lines(q) => q.pieces.len(),
            _ => 0,
        }
    });
}
