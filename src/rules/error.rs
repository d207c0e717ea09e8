//! Errors found in a rule file: a kind (what is wrong, with a stable code)
//! plus the place it was found. Helpers return a kind; the caller, which
//! knows the span, wraps it in a [`RuleError`].

use miette::{Diagnostic, LabeledSpan, SourceCode};
use thiserror::Error;

use crate::span::Span;

#[derive(Debug, Clone, Error, Diagnostic, PartialEq)]
pub enum RuleErrorKind {
    /// `city Moscow = "موسكو" |` (nothing after the bar)
    #[error("expected {expected}")]
    #[diagnostic(code(FL100))]
    Syntax { expected: String, found: String },

    /// a rule file saved as Windows-1256
    #[error("rule file is not valid UTF-8 (first invalid byte at offset {offset})")]
    #[diagnostic(code(FL101), help("re-save the file as UTF-8"))]
    NotUtf8 { offset: usize },

    /// `city Rabat = "الرباط" ، "Rabat"`
    #[error("Arabic {name} `{found}` where the language expects ASCII punctuation")]
    #[diagnostic(
        code(FL102),
        help("write `|` between aliases (or `,` inside a number) instead of `{found}`")
    )]
    ArabicPunctuation { name: &'static str, found: char },

    /// `expect meeting.ordinal == ١٣`
    #[error("numeric literal `{found}` uses non-ASCII digits")]
    #[diagnostic(code(FL103), help("write `{ascii}`"))]
    NonAsciiDigits { found: String, ascii: String },

    /// U+202E before `expect`
    #[error("bidirectional control character {name} outside a string")]
    #[diagnostic(
        code(FL104),
        help(
            "remove it: outside quoted aliases it can make a rule display differently from what it does"
        )
    )]
    BidiControl { name: String },

    /// 200 nested parentheses in a `check`
    #[error("rule file is too deeply nested or too complex to parse ({what})")]
    #[diagnostic(code(FL105), help("the limit is {limit}"))]
    TooDeep { what: &'static str, limit: usize },

    /// `city Moscow = "موسكو`
    #[error("string is not closed on this line")]
    #[diagnostic(code(FL106), help("add `\"` at the end of the alias"))]
    UnterminatedString,

    /// `venue : cty within sentence`
    #[error("unknown slot type `{name}`")]
    #[diagnostic(code(FL200))]
    UnknownKind {
        name: String,
        suggestion: Option<String>,
    },

    /// `expect meeting.venue == Moskow`
    #[error("unknown name `{name}`")]
    #[diagnostic(code(FL201))]
    UnknownName {
        name: String,
        suggestion: Option<String>,
    },

    /// `agree meting.venue`
    #[error("unknown event `{name}`")]
    #[diagnostic(code(FL202))]
    UnknownEvent {
        name: String,
        suggestion: Option<String>,
    },

    /// `agree meeting.vennue`
    #[error("event `{event}` has no slot `{name}`")]
    #[diagnostic(code(FL203))]
    UnknownSlot {
        event: String,
        name: String,
        suggestion: Option<String>,
    },

    /// `countries : count(contry)`
    #[error("unknown unit `{name}`")]
    #[diagnostic(code(FL204))]
    UnknownUnit {
        name: String,
        suggestion: Option<String>,
    },

    /// `venue : city within sentense`
    #[error("unknown scope `{name}`")]
    #[diagnostic(code(FL205))]
    UnknownScope {
        name: String,
        suggestion: Option<String>,
    },

    /// `city Moscow = …` twice
    #[error("{what} `{name}` is declared twice")]
    #[diagnostic(code(FL206), help("rename or remove one of them"))]
    Duplicate { what: &'static str, name: String },

    /// `city Rabat = "الرباط"` and `org Palace = "الرِّباط"`
    #[error("alias `{alias}` of `{name}` is already an alias of `{other}`")]
    #[diagnostic(
        code(FL207),
        help(
            "aliases are compared after normalisation (no diacritics, one alef, case folded): keep it on one entry"
        )
    )]
    DuplicateAlias {
        alias: String,
        name: String,
        other: String,
    },

    /// `expect meeting.venue == 13`
    #[error("type mismatch: {left} compared with {right}")]
    #[diagnostic(code(FL208))]
    TypeMismatch {
        left: String,
        right: String,
        hint: Option<String>,
    },

    /// `city event = "…"`
    #[error("`{word}` is a reserved word and cannot name {what}")]
    #[diagnostic(code(FL210), help("choose another name, e.g. `{word}_`"))]
    Reserved { word: String, what: &'static str },

    /// `city Moscow = ""`
    #[error("empty alias")]
    #[diagnostic(
        code(FL211),
        help(
            "an alias needs at least one letter or digit once diacritics are dropped (a unit may also be a currency sign: `$`, `€`)"
        )
    )]
    EmptyAlias,

    /// `n : count(Moscow)`
    #[error("`{name}` is a {kind}, not a unit: only units can be counted")]
    #[diagnostic(code(FL212), help("declare it with `unit {name} = …` to count it"))]
    NotAUnit { name: String, kind: String },

    /// `event meeting { }`
    #[error("event `{name}` has no {missing}")]
    #[diagnostic(
        code(FL213),
        help("an event needs `trigger = \"…\"` and at least one slot")
    )]
    EmptyEvent { name: String, missing: &'static str },

    /// `agree meeting.venue` twice
    #[error("rule id `{id}` is used twice")]
    #[diagnostic(code(FL214), help("remove one rule or give it `{{ id = \"…\" }}`"))]
    DuplicateRuleId { id: String },

    /// `expect meeting.dates == 2025-02-30`
    #[error("invalid literal: {reason}")]
    #[diagnostic(code(FL215))]
    InvalidLiteral { reason: String },

    /// `agree meeting.venue { severity = fatal }`
    #[error("invalid rule option: {reason}")]
    #[diagnostic(code(FL216))]
    InvalidOption { reason: String },

    /// two `rules "…"` lines
    #[error("the file has more than one title")]
    #[diagnostic(code(FL217), help("keep one `rules \"…\"` statement"))]
    DuplicateTitle,

    /// `check sum(Moscow) <= 100`
    #[error("`{func}` cannot take `{arg}`")]
    #[diagnostic(code(FL218), help("{expected}"))]
    BadFunctionArg {
        func: &'static str,
        arg: String,
        expected: &'static str,
    },

    /// `venue : city within document else sentence`
    #[error("fallback scope `{fallback}` is not wider than `{scope}`")]
    #[diagnostic(
        code(FL219),
        help(
            "the fallback is searched only when the first scope has no value: phrase < sentence < paragraph < document"
        )
    )]
    ScopeOrder { scope: String, fallback: String },

    /// `venue : city changing`, `check series meeting.venue`
    #[error("`{what}` is not a changing figure")]
    #[diagnostic(
        code(FL220),
        help(
            "only number, percent and count slots can be `changing`, and `check series` reads a `changing` slot"
        )
    )]
    NotChanging { what: String },

    /// `city Zorbatown`, `person Hammouchi` (no aliases), `city Zorbatown += "…"`
    #[error("`{kind} {name}` is not a built-in place")]
    #[diagnostic(code(FL221), help("{help}"))]
    NotBuiltin {
        kind: String,
        name: String,
        help: String,
    },
    #[error("`{name}` has its own aliases: `in` picks among built-in places")]
    #[diagnostic(
        code(FL222),
        help("write `+=` to add the aliases to the built-in names, or drop `in COUNTRY`")
    )]
    CountryWithoutBuiltin { name: String },
    #[error("`check names` compares words with people's names, and no entry is a `person`")]
    #[diagnostic(
        code(FL223),
        help(
            "declare the people of the story: `person Bourita = \"ناصر بوريطة\" | \"Nasser Bourita\"`"
        )
    )]
    NamesWithoutPeople,
}

impl RuleErrorKind {
    /// The did-you-mean text, for the kinds that carry a suggestion.
    fn suggestion_help(&self) -> Option<String> {
        let s = match self {
            RuleErrorKind::UnknownKind { suggestion, .. }
            | RuleErrorKind::UnknownName { suggestion, .. }
            | RuleErrorKind::UnknownEvent { suggestion, .. }
            | RuleErrorKind::UnknownSlot { suggestion, .. }
            | RuleErrorKind::UnknownUnit { suggestion, .. }
            | RuleErrorKind::UnknownScope { suggestion, .. } => suggestion.as_ref()?,
            RuleErrorKind::TypeMismatch { hint, .. } => return hint.clone(),
            _ => return None,
        };
        Some(format!("did you mean `{s}`?"))
    }
}

/// One error in a rule file: its kind, where it is, and what the label says.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub kind: RuleErrorKind,
    pub span: Span,
    pub label: String,
    /// Further places worth showing (the first declaration of a duplicate).
    pub secondary: Vec<(Span, String)>,
    pub source: crate::render::Indexed,
}

impl RuleError {
    pub fn code(&self) -> String {
        self.kind.code().map(|c| c.to_string()).unwrap_or_default()
    }
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.kind.code()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        if let Some(s) = self.kind.suggestion_help() {
            return Some(Box::new(s));
        }
        self.kind.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(Some(self.label.clone()), self.span);
        let rest = self
            .secondary
            .iter()
            .map(|(s, l)| LabeledSpan::new_with_span(Some(l.clone()), *s));
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

/// Closest candidate by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(&name.to_lowercase(), &c.to_lowercase());
        let limit = (name.chars().count().max(c.chars().count()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// Levenshtein distance over chars. Written here: a dozen lines, and the
/// crates that offer it bring far more than this one function.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

impl RuleErrorKind {
    /// The name an "unknown …" error is about (possibly a follow-on error
    /// of a syntax error in its declaration).
    pub fn unknown_name(&self) -> Option<&str> {
        match self {
            RuleErrorKind::UnknownKind { name, .. }
            | RuleErrorKind::UnknownName { name, .. }
            | RuleErrorKind::UnknownEvent { name, .. }
            | RuleErrorKind::UnknownSlot { name, .. }
            | RuleErrorKind::UnknownUnit { name, .. } => Some(name),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("Moskow", ["Moscow", "Vienna"]).as_deref(),
            Some("Moscow")
        );
        assert_eq!(did_you_mean("Paris", ["Moscow", "Vienna"]), None);
        assert_eq!(
            did_you_mean("sentense", ["sentence", "phrase"]).as_deref(),
            Some("sentence")
        );
    }
}
