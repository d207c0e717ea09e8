//! `factlint init FOLDER`: a starting rule file drafted from the reports.

use std::path::{Path, PathBuf};

use super::{Done, Exit, inputs};
use crate::cli::check_cmd::cannot_write;
use factlint::error::UserError;

pub fn run(folder: &Path, output: Option<PathBuf>) -> Done {
    let (sources, problems) =
        inputs::load_reports(&[folder.to_path_buf()], factlint::source::DEFAULT_MAX_SIZE);
    let untrusted = inputs::tell(&problems);
    if sources.len() < 2 {
        return Err(UserError::new(
            "FL400",
            format!(
                "`{}` holds {} readable report(s): a draft compares two or more",
                folder.display(),
                sources.len()
            ),
        )
        .with_help("name a folder of .txt reports about one event")
        .into());
    }
    let name = folder.file_name().map_or_else(
        || "reports".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = factlint::init::draft(&sources, &folder.display().to_string());
    let target = output.unwrap_or_else(|| PathBuf::from(format!("{name}.rules")));
    if target == Path::new("-") {
        super::print_out(&text)?;
    } else {
        // Never over a file that is there: it may be a rule file someone
        // wrote.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target);
        match file {
            Ok(mut f) => {
                use std::io::Write;
                f.write_all(text.as_bytes())
                    .map_err(|e| cannot_write(&target, &e))?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(UserError::new(
                    "FL417",
                    format!(
                        "`{}` exists: `factlint init` never overwrites a file",
                        target.display()
                    ),
                )
                .with_help("name another file with --output (or `--output -` for standard output)")
                .into());
            }
            Err(e) => return Err(cannot_write(&target, &e)),
        }
        eprintln!(
            "wrote {} (from {} reports): read it, then `factlint check --rules {} {}`",
            target.display(),
            sources.len(),
            target.display(),
            folder.display()
        );
    }
    Ok(if untrusted {
        Exit::Untrusted
    } else {
        Exit::Clean
    })
}
