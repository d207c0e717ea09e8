//! One shape for everything a user can get wrong outside a rule file (a
//! report path, the configuration, a baseline, a flag, an output file):
//! a stable code from [`crate::codes`], a message, an optional help line,
//! and the place in the file it points at when there is one. It draws as a
//! diagnostic, like rule-file errors ([`crate::rules::RuleError`]) and
//! findings.

use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::span::Span;

#[derive(Debug, Clone)]
pub struct UserError {
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// The file the error points into, and where.
    pub source: Option<crate::render::Indexed>,
    pub span: Option<Span>,
}

impl UserError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        UserError {
            code,
            message: message.into(),
            help: None,
            source: None,
            span: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points the error into a file (at `span`, when there is one).
    pub fn in_file(mut self, name: impl AsRef<str>, text: &str, span: Option<Span>) -> Self {
        self.source = Some(crate::render::Indexed::new(
            name.as_ref(),
            Arc::<str>::from(text),
        ));
        self.span = span;
        self
    }
}

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

impl Diagnostic for UserError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".to_string()), span),
        )))
    }
}
