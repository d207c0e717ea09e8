//! A rule file of any bytes: parsed and checked, and formatted when it
//! parses, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let src = factlint::rules::RuleSource::new("fuzz.rules", text);
    let _ = factlint::rules::load(&src);
    let (file, errors) = factlint::rules::parser::parse(&src);
    if errors.is_empty() {
        // Formatting keeps the meaning (what `rules fmt` relies on).
        let formatted = factlint::rules::fmt::format(&file, text);
        let again = factlint::rules::RuleSource::new("fuzz.rules", formatted.as_str());
        let (file2, errors2) = factlint::rules::parser::parse(&again);
        assert!(
            errors2.is_empty(),
            "formatted text does not parse:\n{formatted}"
        );
        assert_eq!(
            factlint::rules::fmt::meaning(&file),
            factlint::rules::fmt::meaning(&file2),
            "formatting changed the meaning"
        );
    }
});
