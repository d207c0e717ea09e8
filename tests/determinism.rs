//! The same inputs give the same bytes whatever the number of threads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use factlint::output::{self, Context};
use factlint::rules::{self, RuleSource};
use factlint::source;

fn run(threads: usize) -> String {
    let rules_text = std::fs::read_to_string(common::repo().join("rules/demo.rules")).unwrap();
    let set = rules::load(&RuleSource::new("rules/demo.rules", rules_text.as_str())).unwrap();
    let mut sources = Vec::new();
    // Many copies, so that work is really spread over the threads.
    for round in 0..20 {
        for path in common::files_with_ext(&common::repo().join("rules/demo"), "txt") {
            let bytes = std::fs::read(&path).unwrap();
            let name = format!("{round}/{}", path.file_name().unwrap().to_string_lossy());
            sources.push(
                source::load(sources.len(), &name, &bytes, source::DEFAULT_MAX_SIZE).unwrap(),
            );
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let run = factlint::run::check_loaded(&set, &sources);
        let ctx = Context::new(&set, &run.sources, &run.findings, &[]);
        output::json::render(&ctx)
    })
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let one = run(1);
    assert!(one.contains("agree.meeting.venue"));
    assert_eq!(one, run(2));
    assert_eq!(one, run(4));
}
