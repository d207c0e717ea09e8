//! Shared test helpers: every snapshot lives in the top-level `snapshots/`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Runs `f` with insta writing to `snapshots/` (no module prefix).
pub fn with_snapshots<R>(f: impl FnOnce() -> R) -> R {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f)
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository.
pub fn shared() -> PathBuf {
    repo().join("..").join("shared")
}

/// Files of a folder with an extension, sorted by name.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

/// The codes a fixture states on its first line: `# expect: FL100 FL207`.
pub fn stated_codes(text: &str, marker: &str) -> Vec<String> {
    let mut codes: Vec<String> = text
        .lines()
        .find_map(|l| l.trim().strip_prefix(marker).map(str::to_string))
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    codes.sort();
    codes
}

/// Runs the `factlint` binary in `dir`, without colour.
pub fn factlint_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap()
}

/// A fresh folder holding `demo.rules` and the demo reports in `reports/`.
pub fn scratch_with_demo(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factlint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    std::fs::copy(repo().join("rules/demo.rules"), dir.join("demo.rules")).unwrap();
    for p in files_with_ext(&repo().join("rules/demo"), "txt") {
        std::fs::copy(&p, dir.join("reports").join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// The sorted rule ids of the findings in a JSON report.
pub fn rule_ids(json: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}
