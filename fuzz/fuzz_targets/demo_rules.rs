//! The demo rule file, loaded once for every run of a target.

use std::sync::OnceLock;

pub fn rules() -> &'static factlint::rules::RuleSet {
    static RULES: OnceLock<factlint::rules::RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let src =
            factlint::rules::RuleSource::new("demo.rules", include_str!("../../rules/demo.rules"));
        factlint::rules::load(&src).unwrap_or_else(|_| std::process::abort())
    })
}
