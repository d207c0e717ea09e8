//! The rule language: syntax tree ([`ast`]), parser ([`parser`]), checker
//! ([`check`]) that resolves a file into a [`RuleSet`], and the canonical
//! formatter ([`fmt`]).

pub mod ast;
pub mod check;
pub mod error;
pub mod fmt;
pub mod parser;
pub mod ruleset;

pub use error::{RuleError, RuleErrorKind};
pub use parser::RuleSource;
pub use ruleset::*;

/// Parses and checks a rule file: the resolved rules, or every error.
pub fn load(src: &RuleSource) -> Result<RuleSet, Vec<RuleError>> {
    let (file, mut errors) = parser::parse(src);
    match check::check(src, &file) {
        Ok(set) if errors.is_empty() => Ok(set),
        Ok(_) => Err(errors),
        Err(more) => {
            // After a syntax error, names declared in the unreadable part look
            // unknown: those follow-on errors would only mislead.
            errors.extend(more.into_iter().filter(|e| {
                !e.kind
                    .unknown_name()
                    .is_some_and(|name| file.skipped.iter().any(|s| mentions(&src.text, *s, name)))
            }));
            errors.sort_by_key(|e| (e.span.start, e.code()));
            Err(errors)
        }
    }
}

/// True when `name` appears as a whole word in `span` of `text`.
fn mentions(text: &str, span: crate::span::Span, name: &str) -> bool {
    let Some(region) = text.get(span.start..span.end) else {
        return false;
    };
    region
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|w| w == name)
}
