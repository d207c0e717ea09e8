//! A report of any bytes: loaded and read for claims with the demo rule
//! file's vocabulary, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn rules() -> &'static factlint::rules::RuleSet {
    static RULES: OnceLock<factlint::rules::RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let src =
            factlint::rules::RuleSource::new("demo.rules", include_str!("../../rules/demo.rules"));
        factlint::rules::load(&src).unwrap_or_else(|_| std::process::abort())
    })
}

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    let Ok(src) = factlint::source::load(0, "fuzz.txt", data, 1 << 20) else {
        return;
    };
    let vocab = factlint::extract::vocab::Vocabulary::new(rules);
    let _ = factlint::extract::extract(&src, Some(rules), Some(&vocab));
});
