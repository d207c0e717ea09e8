//! A report of any bytes: loaded and read for claims with the demo rule
//! file's vocabulary, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod demo_rules;
use demo_rules::rules;

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    let Ok(src) = factlint::source::load("fuzz.txt", data, 1 << 20) else {
        return;
    };
    let vocab = factlint::extract::vocab::Vocabulary::new(rules);
    let _ = factlint::extract::extract(&src, Some(rules), Some(&vocab));
});
