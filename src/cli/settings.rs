//! Settings of a run: the command line, over `factlint.toml`.

use std::path::{Path, PathBuf};

use factlint::config::{self, Config};
use factlint::error::UserError;

use factlint::output::Format;

use super::{FailOn, Failure, RunArgs};

pub struct Settings {
    pub rules: PathBuf,
    pub reports: Vec<PathBuf>,
    /// Gitignore patterns of report paths left out.
    pub exclude: Vec<String>,
    /// Rule ids (or globs) to run, and to leave out.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub format: Format,
    pub fail_on: FailOn,
    pub baseline: Option<PathBuf>,
    /// The repository root (canonical): the folder of the factlint.toml in
    /// use, else the git top level, else the working directory. Report
    /// names are relative to it, so names (and baseline keys, SARIF URIs)
    /// do not depend on the folder factlint runs from or on how a path was
    /// spelt.
    pub name_base: Option<PathBuf>,
}

/// The factlint.toml to use: named, found walking up, or none.
fn find_config(run: &RunArgs) -> Option<PathBuf> {
    if run.isolated {
        return None;
    }
    if let Some(p) = &run.config {
        return Some(p.clone());
    }
    let mut dir = std::env::current_dir().ok()?;
    loop {
        let candidate = dir.join(config::FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if !dir.pop() {
            return None;
        }
    }
}

fn load_config(path: &Path) -> Result<Config, Failure> {
    let name = path.display().to_string();
    let text = super::read_bounded(path, super::MAX_CONFIG_BYTES)
        .and_then(|b| String::from_utf8(b).map_err(std::io::Error::other))
        .map_err(|e| UserError::new("FL405", format!("cannot read configuration `{name}`: {e}")))?;
    Config::parse(&name, &text).map_err(|e| Failure::from(*e))
}

fn parse_fail_on(s: &str) -> FailOn {
    match s {
        "warning" => FailOn::Warning,
        "info" => FailOn::Info,
        "never" => FailOn::Never,
        _ => FailOn::Error,
    }
}

/// The git top level above the working directory (a `.git` folder or
/// file), else the working directory itself; canonical.
fn repository_root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    let top = cwd.ancestors().find(|d| d.join(".git").exists());
    Some(top.unwrap_or(&cwd).to_path_buf())
}

/// Merges the command line over the configuration file.
pub fn resolve(
    run: &RunArgs,
    format: Option<Format>,
    fail_on: Option<FailOn>,
    baseline: Option<PathBuf>,
) -> Result<Settings, Failure> {
    let config_path = find_config(run);
    let (config, base, name_base) = match config_path.clone() {
        Some(path) => {
            let c = load_config(&path)?;
            let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let dir = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base.as_path()
            };
            let name_base = std::fs::canonicalize(dir).ok();
            (c, base, name_base)
        }
        None => (Config::default(), PathBuf::new(), repository_root()),
    };
    // Paths in the configuration stay inside its folder (the repository):
    // a cloned repository's factlint.toml must not make factlint read, and
    // quote in an error, `/etc/passwd` or `../../secrets` (FL416).
    let config_name = config_path.as_ref().map(|p| p.display().to_string());
    let confined = |p: &str| -> Result<(), Failure> {
        let path = Path::new(p);
        let mut depth: i32 = 0;
        let mut escapes = path.is_absolute();
        for c in path.components() {
            match c {
                std::path::Component::ParentDir => depth -= 1,
                std::path::Component::Normal(_) => depth += 1,
                std::path::Component::Prefix(_) | std::path::Component::RootDir => escapes = true,
                std::path::Component::CurDir => {}
            }
            if depth < 0 {
                escapes = true;
            }
        }
        if escapes {
            return Err(UserError::new(
                "FL416",
                format!(
                    "`{p}` in {} leaves the folder of the configuration",
                    config_name.as_deref().unwrap_or("factlint.toml")
                ),
            )
            .with_help("paths in factlint.toml are relative to its folder and stay inside it; give a path outside it on the command line")
            .into());
        }
        Ok(())
    };
    let rel = |p: &str| -> PathBuf {
        let p = Path::new(p);
        if p.is_absolute() || base.as_os_str().is_empty() {
            p.to_path_buf()
        } else {
            // Keep paths short when the configuration is in the working
            // directory, so report names read as the user writes them.
            match std::env::current_dir() {
                Ok(cwd) if cwd == base => p.to_path_buf(),
                _ => base.join(p),
            }
        }
    };
    for p in config
        .rules
        .iter()
        .chain(config.baseline.iter())
        .chain(config.reports.iter().flatten())
    {
        confined(p)?;
    }
    let rules = run
        .rules
        .clone()
        .or_else(|| config.rules.as_deref().map(rel))
        .ok_or_else(|| {
            UserError::new(
                "FL401",
                "no rule file: give --rules FILE or set `rules` in factlint.toml",
            )
        })?;
    let reports = if run.reports.is_empty() {
        config
            .reports
            .as_ref()
            .map(|r| r.iter().map(|p| rel(p)).collect())
            .unwrap_or_default()
    } else {
        run.reports.clone()
    };
    let mut exclude = config.exclude.clone().unwrap_or_default();
    exclude.extend(run.exclude.iter().cloned());
    Ok(Settings {
        rules,
        reports,
        exclude,
        select: run.select.clone(),
        ignore: run.ignore.clone(),
        format: format.unwrap_or_else(|| {
            config
                .format
                .as_deref()
                .and_then(Format::from_name)
                .unwrap_or(Format::Human)
        }),
        fail_on: fail_on.unwrap_or_else(|| {
            config
                .fail_on
                .as_deref()
                .map_or(FailOn::Error, parse_fail_on)
        }),
        baseline: baseline.or_else(|| config.baseline.as_deref().map(rel)),
        name_base,
    })
}
