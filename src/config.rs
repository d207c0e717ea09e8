//! `factlint.toml`: the settings a project keeps beside its reports, found
//! by walking up from the working directory (the command line finds it;
//! `--config FILE` names one, `--isolated` ignores it). Flags given on the
//! command line win. Paths are relative to the file's folder.
//!
//! ```toml
//! rules = "rules/seeds.rules"
//! reports = ["corpus"]
//! fail-on = "error"
//! baseline = "factlint.baseline.toml"
//! format = "human"
//! ```

use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use serde::Deserialize;

use crate::span::Span;

pub const FILE_NAME: &str = "factlint.toml";

pub const FAIL_ON: &[&str] = &["error", "warning", "info", "never"];

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub rules: Option<String>,
    pub reports: Option<Vec<String>>,
    pub fail_on: Option<String>,
    pub baseline: Option<String>,
    pub format: Option<String>,
}

/// An error in a file a user wrote (the configuration, a baseline), with
/// the place it points at.
#[derive(Debug, Clone)]
pub struct FileError {
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub span: Option<Span>,
    pub source: NamedSource<Arc<str>>,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FileError {}

impl Diagnostic for FileError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".to_string()), span),
        )))
    }
}

impl Config {
    /// Reads a configuration; unknown keys and bad values point into it.
    pub fn parse(name: &str, text: &str) -> Result<Config, Box<FileError>> {
        let source = NamedSource::new(name, Arc::<str>::from(text));
        let err = |message: String, span: Option<Span>, help: Option<String>| {
            Box::new(FileError {
                code: "FL405",
                message,
                help,
                span,
                source: source.clone(),
            })
        };
        let config: Config = toml::from_str(text).map_err(|e| {
            err(
                format!("invalid configuration: {}", e.message().trim()),
                e.span().map(|r| Span::new(r.start, r.end)),
                Some("keys are rules, reports, fail-on, baseline, format".to_string()),
            )
        })?;
        let check =
            |value: &Option<String>, key: &str, allowed: &[&str]| -> Result<(), Box<FileError>> {
                match value {
                    Some(v) if !allowed.contains(&v.as_str()) => {
                        let span = text
                            .find(&format!("\"{v}\""))
                            .map(|i| Span::new(i, i + v.len() + 2));
                        Err(err(
                            format!("`{v}` is not a valid {key}"),
                            span,
                            Some(format!("{key} is one of {}", allowed.join(", "))),
                        ))
                    }
                    _ => Ok(()),
                }
            };
        check(&config.format, "format", &crate::output::Format::names())?;
        check(&config.fail_on, "fail-on", FAIL_ON)?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_point_into_the_file() {
        let e =
            Config::parse("factlint.toml", "rules = \"a.rules\"\ncolour = \"red\"\n").unwrap_err();
        assert_eq!(e.code, "FL405");
        assert_eq!(e.span.map(|s| s.start), Some(18));
        let e = Config::parse("factlint.toml", "format = \"yaml\"\n").unwrap_err();
        assert!(e.message.contains("yaml"));
        let c = Config::parse(
            "factlint.toml",
            "rules = \"a.rules\"\nfail-on = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(c.fail_on.as_deref(), Some("warning"));
    }
}
