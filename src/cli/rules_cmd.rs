//! `factlint rules check` and `factlint rules fmt`.

use std::path::Path;

use factlint::render::Renderer;
use factlint::rules::{self, RuleError, RuleSource};

use super::exit;

/// Reads a rule file; an unreadable or non-UTF-8 file is reported.
pub fn read_rules(path: &Path) -> Result<RuleSource, String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| format!("error[FL401]: cannot read rule file `{name}`: {e}\n"))?;
    RuleSource::from_bytes(&name, &bytes)
        .map_err(|e| Renderer::new(factlint::render::Style::plain()).render(&*e))
}

fn print_errors(errors: &[RuleError], renderer: Renderer) {
    for e in errors {
        eprint!("{}", renderer.render(e));
        eprintln!();
    }
}

/// Reads each rule file in turn; an unreadable one is reported and makes
/// the run untrusted.
fn each_file(files: &[std::path::PathBuf], code: &mut u8, mut f: impl FnMut(&Path, RuleSource)) {
    for path in files {
        match read_rules(path) {
            Ok(src) => f(path, src),
            Err(msg) => {
                eprint!("{msg}");
                *code = exit::UNTRUSTED;
            }
        }
    }
}

pub fn check(files: &[std::path::PathBuf], renderer: Renderer) -> u8 {
    let mut code = exit::OK;
    let mut failed = false;
    each_file(files, &mut code, |path, src| {
        if let Err(errors) = rules::load(&src) {
            print_errors(&errors, renderer);
            let n = errors.len();
            eprintln!(
                "{}: {n} error{}",
                path.display(),
                if n == 1 { "" } else { "s" }
            );
            failed = true;
        }
    });
    if failed { exit::UNTRUSTED } else { code }
}

pub fn fmt(files: &[std::path::PathBuf], check_only: bool, renderer: Renderer) -> u8 {
    let mut code = exit::OK;
    for path in files {
        let src = match read_rules(path) {
            Ok(s) => s,
            Err(msg) => {
                eprint!("{msg}");
                code = exit::UNTRUSTED;
                continue;
            }
        };
        let (file, errors) = rules::parser::parse(&src);
        if !errors.is_empty() {
            print_errors(&errors, renderer);
            eprintln!("{}: not formatted, it has syntax errors", path.display());
            code = exit::UNTRUSTED;
            continue;
        }
        let formatted = rules::fmt::format(&file, &src.text);
        if !rules::fmt::same_meaning(&src, &formatted) {
            eprintln!(
                "error[FL900]: internal error: formatting `{}` would change its meaning; the file was left as it is\n  help: please report this with the file",
                path.display()
            );
            return exit::INTERNAL;
        }
        if formatted == *src.text {
            continue;
        }
        if check_only {
            eprintln!(
                "error[FL403]: `{}` is not formatted (run `factlint rules fmt`)",
                path.display()
            );
            if code == exit::OK {
                code = exit::FINDINGS;
            }
        } else if let Err(e) = super::write_atomic(path, formatted.as_bytes()) {
            eprintln!("error[FL404]: cannot write `{}`: {e}", path.display());
            code = exit::UNTRUSTED;
        } else {
            eprintln!("formatted {}", path.display());
        }
    }
    code
}
