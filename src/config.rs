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

pub use crate::error::UserError;
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
    /// Gitignore patterns of report paths left out (added to `--exclude`).
    pub exclude: Option<Vec<String>>,
}

impl Config {
    /// Reads a configuration; unknown keys and bad values point into it.
    pub fn parse(name: &str, text: &str) -> Result<Config, Box<UserError>> {
        let err = |message: String, span: Option<Span>, help: Option<String>| {
            let mut e = UserError::new("FL405", message).in_file(name, text, span);
            e.help = help;
            Box::new(e)
        };
        let config: Config = toml::from_str(text).map_err(|e| {
            err(
                format!("invalid configuration: {}", e.message().trim()),
                e.span().map(|r| Span::new(r.start, r.end)),
                Some("keys are rules, reports, exclude, fail-on, baseline, format".to_string()),
            )
        })?;
        let check =
            |value: &Option<String>, key: &str, allowed: &[&str]| -> Result<(), Box<UserError>> {
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
