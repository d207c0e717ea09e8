//! The whole check: the input is split into reports (at NUL bytes), run
//! against the demo rule file beside the demo reports, and rendered in
//! every format. Never a panic, and the same bytes on a second run.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod demo_rules;
use demo_rules::rules;

use factlint::output::{self, Context, Format};

const DEMO: &[&str] = &[
    include_str!("../../rules/demo/ar-moscow-1.txt"),
    include_str!("../../rules/demo/en-moscow.txt"),
];

fn render_all(
    rules: &factlint::rules::RuleSet,
    sources: &[factlint::source::SourceFile],
) -> String {
    let outcome = factlint::run::check_loaded(rules, sources);
    let ctx = Context::new(rules, &outcome.sources, &outcome.findings, &[]);
    let facts = outcome.facts();
    let opts = output::Options {
        renderer: factlint::render::Renderer::new(factlint::render::Style::plain()),
        explain: true,
        quiet: false,
        facts: &facts,
        reviews: None,
    };
    let mut all = String::new();
    for format in Format::ALL {
        if format != Format::Claimreview {
            all.push_str(&output::render(format, &ctx, &opts));
        }
    }
    all
}

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    let mut sources = Vec::new();
    for (i, text) in DEMO.iter().enumerate() {
        if let Ok(s) = factlint::source::load(&format!("demo-{i}.txt"), text.as_bytes(), 1 << 20) {
            sources.push(s);
        }
    }
    for part in data.split(|&b| b == 0).take(4) {
        let id = sources.len();
        if let Ok(s) = factlint::source::load(&format!("fuzz-{id}.txt"), part, 1 << 20) {
            sources.push(s);
        }
    }
    let first = render_all(rules, &sources);
    let second = render_all(rules, &sources);
    assert_eq!(first, second, "output is not deterministic");
});
