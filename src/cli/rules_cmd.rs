//! `factlint rules check` and `factlint rules fmt`.

use std::path::Path;

use factlint::render::Renderer;
use factlint::rules::{self, RuleError, RuleSource};

use factlint::error::UserError;

use super::{Done, Exit, Failure, report};

/// Reads a rule file; an unreadable or non-UTF-8 file is reported.
pub fn read_rules(path: &Path) -> Result<RuleSource, Failure> {
    let name = path.display().to_string();
    let bytes = super::read_bounded(path, super::MAX_RULES_BYTES)
        .map_err(|e| UserError::new("FL401", format!("cannot read rule file `{name}`: {e}")))?;
    Ok(RuleSource::from_bytes(&name, &bytes)?)
}

fn print_errors(errors: &[RuleError], renderer: Renderer) {
    for e in errors {
        super::say(&renderer.render(e));
        sayln!();
    }
}

/// Reads each rule file in turn; an unreadable one is reported and makes
/// the run untrusted.
fn each_file(
    files: &[std::path::PathBuf],
    exit: &mut Exit,
    renderer: Renderer,
    mut f: impl FnMut(&Path, RuleSource),
) {
    for path in files {
        match read_rules(path) {
            Ok(src) => f(path, src),
            Err(failure) => {
                report(&failure, renderer);
                *exit = Exit::Untrusted;
            }
        }
    }
}

pub fn check(files: &[std::path::PathBuf], renderer: Renderer) -> Done {
    let mut exit = Exit::Clean;
    let mut failed = false;
    each_file(files, &mut exit, renderer, |path, src| {
        if let Err(errors) = rules::load(&src) {
            print_errors(&errors, renderer);
            let n = errors.len();
            sayln!(
                "{}: {n} error{}",
                path.display(),
                if n == 1 { "" } else { "s" }
            );
            failed = true;
        }
    });
    Ok(if failed { Exit::Untrusted } else { exit })
}

pub fn fmt(files: &[std::path::PathBuf], check_only: bool, renderer: Renderer) -> Done {
    let mut exit = Exit::Clean;
    let mut sources = Vec::new();
    each_file(files, &mut exit, renderer, |path, src| {
        sources.push((path.to_path_buf(), src));
    });
    for (path, src) in sources {
        let (file, errors) = rules::parser::parse(&src);
        if !errors.is_empty() {
            print_errors(&errors, renderer);
            sayln!("{}: not formatted, it has syntax errors", path.display());
            exit = Exit::Untrusted;
            continue;
        }
        let formatted = rules::fmt::format(&file, &src.text);
        if !rules::fmt::same_meaning(&src, &formatted) {
            sayln!(
                "error[FL900]: internal error: formatting `{}` would change its meaning; the file was left as it is\n  help: please report this with the file",
                path.display()
            );
            return Ok(Exit::Internal);
        }
        if formatted == *src.text {
            continue;
        }
        if check_only {
            let e = UserError::new(
                "FL403",
                format!(
                    "`{}` is not formatted (run `factlint rules fmt`)",
                    path.display()
                ),
            );
            report(&e.into(), renderer);
            if exit == Exit::Clean {
                exit = Exit::Findings;
            }
        } else if let Err(e) = super::write_atomic(&path, formatted.as_bytes()) {
            report(&super::check_cmd::cannot_write(&path, &e), renderer);
            exit = Exit::Untrusted;
        } else {
            sayln!("formatted {}", path.display());
        }
    }
    Ok(exit)
}
