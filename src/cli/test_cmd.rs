//! `factlint test`: sample reports beside a rule file, with expectations.

use std::path::{Path, PathBuf};

use factlint::render::Renderer;

use factlint::error::UserError;

use super::{Done, Exit, inputs, report};

/// `X.tests/` beside `X.rules`, else `X/`.
fn samples_dir(rules: &Path) -> Option<PathBuf> {
    let stem = rules.file_stem()?.to_string_lossy().into_owned();
    let dir = rules.parent().unwrap_or(Path::new(""));
    [dir.join(format!("{stem}.tests")), dir.join(&stem)]
        .into_iter()
        .find(|p| p.is_dir())
}

pub fn run(rule_files: &[PathBuf], err: Renderer) -> Done {
    let mut exit = Exit::Clean;
    for rules_path in rule_files {
        let rules = match inputs::load_rules(rules_path) {
            Ok(r) => r,
            Err(failure) => {
                report(&failure, err);
                exit = Exit::Untrusted;
                continue;
            }
        };
        let Some(dir) = samples_dir(rules_path) else {
            let e = UserError::new(
                "FL411",
                format!("no sample reports for `{}`", rules_path.display()),
            )
            .with_help("keep them in a folder named like the rule file, with `.tests` or without");
            report(&e.into(), err);
            exit = Exit::Untrusted;
            continue;
        };
        let found = inputs::expand(&[dir], &[]);
        if inputs::tell(&found.problems) {
            exit = Exit::Untrusted;
        }
        let mut loader = inputs::DiskLoader::new(factlint::source::DEFAULT_MAX_SIZE, None);
        let files = loader.take_files(found.files);
        let run = factlint::run::check(&rules, &loader, &files, None, &|| {});
        inputs::tell(&run.problems);
        if !run.problems.is_empty() {
            exit = Exit::Untrusted;
        }
        let outcomes = factlint::ruletest::evaluate(&rules, &run.sources, &run.findings);
        super::print_out(&factlint::output::safe::terminal(
            &format!(
                "== {}\n{}",
                rules_path.display(),
                factlint::ruletest::render(&outcomes)
            ),
            false,
        ))?;
        if outcomes.iter().any(|o| !o.passed()) && exit == Exit::Clean {
            exit = Exit::Findings;
        }
    }
    Ok(exit)
}
