//! Gating a repository's CI on factlint, end to end on a scratch
//! repository: configuration found by walking up, a baseline written and
//! honoured, a new finding reported alone, a waiver that expires and fires
//! again, corrupt files refused, and the rule author's `factlint test`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Repo {
    dir: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        let dir = common::scratch_with_demo(&format!("gate-{name}"));
        std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
        std::fs::write(
            dir.join("factlint.toml"),
            "rules = \"demo.rules\"\nreports = [\"reports\"]\nbaseline = \"factlint.baseline.toml\"\n",
        )
        .unwrap();
        Repo { dir }
    }

    fn run_in(&self, sub: &str, args: &[&str]) -> Output {
        common::factlint_in(&self.dir.join(sub), args)
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in("", args)
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.join(p)
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn rules_of(o: &Output) -> Vec<String> {
    common::rule_ids(&serde_json::from_slice(&o.stdout).unwrap())
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn baseline_then_only_new_findings_then_waivers_expire() {
    let repo = Repo::new("flow");
    // Without a baseline file the configured gate refuses to run.
    let o = repo.run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("FL407"));

    // Write the baseline; the configuration is found from a subfolder too.
    let o = repo.run_in("sub/deeper", &["baseline"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let baseline = std::fs::read_to_string(repo.path("factlint.baseline.toml")).unwrap();
    assert_eq!(baseline.matches("\n[[finding]]\n").count(), 8);

    // Re-run: clean.
    let o = repo.run(&["check", "--format", "json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(rules_of(&o).is_empty());

    // One report alone: the entries about the others were not checked, so
    // none of them is called stale.
    let o = repo.run(&["check", "reports/fr-moscou.txt"]);
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("FL408"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // Reflow a report: still clean (keys are values, not lines).
    let vienna = repo.path("reports/ar-vienna.txt");
    edit(&vienna, "\n---\n", "\n---\n\n\n");
    assert_eq!(repo.run(&["check"]).status.code(), Some(0));

    // Change a report: only the new finding is reported.
    let moscow = repo.path("reports/ar-moscow-1.txt");
    let added = "\nوافتتح الاجتماع يوم الأحد 27 ماي 2025.\n";
    std::fs::write(&moscow, std::fs::read_to_string(&moscow).unwrap() + added).unwrap();
    let o = repo.run(&["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(rules_of(&o), ["weekday-mismatch"]);

    // Accept it with a waiver that has a reason and an expiry in the future.
    let mut text = std::fs::read_to_string(repo.path("factlint.baseline.toml")).unwrap();
    text.push_str(
        "\n[[waiver]]\nrule = \"weekday-mismatch\"\nreports = [\"reports/ar-moscow-1.txt\"]\nreason = \"the organisers' count; under review\"\nreviewer = \"N. Bennani\"\nexpires = \"2999-01-01\"\n",
    );
    std::fs::write(repo.path("factlint.baseline.toml"), &text).unwrap();
    assert_eq!(repo.run(&["check"]).status.code(), Some(0));

    // `factlint baseline` again keeps the waiver.
    assert_eq!(repo.run(&["baseline"]).status.code(), Some(0));
    let rewritten = std::fs::read_to_string(repo.path("factlint.baseline.toml")).unwrap();
    assert!(rewritten.contains("the organisers' count; under review"));
    // The rewrite also listed the finding itself; the waiver still decides
    // it: a waiver wins over the plain baseline entry of the same finding.
    assert!(
        rewritten.split("\n[[").any(|p| p.starts_with("finding]]")
            && p.contains("ar-moscow-1.txt")
            && p.contains("weekday-mismatch")),
        "{rewritten}"
    );
    assert_eq!(repo.run(&["check"]).status.code(), Some(0));

    // Let the waiver expire: the finding fires again, with the waiver's reason.
    edit(
        &repo.path("factlint.baseline.toml"),
        "2999-01-01",
        "2020-01-01",
    );
    let o = repo.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("weekday-mismatch") && out.contains("expired on 2020-01-01"),
        "{out}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("FL410"));

    // Fix the report: the waiver is now unused, which is said.
    edit(&moscow, added, "\n");
    let o = repo.run(&["check"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("FL409"));
}

#[test]
fn corrupt_files_are_refused_not_ignored() {
    let repo = Repo::new("corrupt");
    std::fs::write(
        repo.path("factlint.baseline.toml"),
        "version = 1\n[[finding]\nrule = 3\n",
    )
    .unwrap();
    let o = repo.run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("FL406"));
    // `factlint baseline` does not overwrite it either.
    assert_eq!(repo.run(&["baseline"]).status.code(), Some(2));
    assert!(
        std::fs::read_to_string(repo.path("factlint.baseline.toml"))
            .unwrap()
            .contains("[[finding]\n")
    );
    // An empty baseline file is an empty baseline, not a corrupt one.
    std::fs::write(repo.path("factlint.baseline.toml"), "").unwrap();
    let o = repo.run(&["check"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A waiver without a reason.
    std::fs::write(
        repo.path("factlint.baseline.toml"),
        "version = 1\n[[waiver]]\nrule = \"agree.meeting.venue\"\nreason = \"\"\n",
    )
    .unwrap();
    let o = repo.run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("empty reason"));
    // An unknown configuration key points into the file.
    std::fs::write(
        repo.path("factlint.toml"),
        "rules = \"demo.rules\"\nfail_on = \"error\"\n",
    )
    .unwrap();
    let o = repo.run(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("FL405") && err.contains("factlint.toml:2:1"),
        "{err}"
    );
    // Paths in the configuration stay inside the repository.
    for bad in [
        "rules = \"/etc/passwd\"\n",
        "rules = \"demo.rules\"\nreports = [\"../..\"]\n",
    ] {
        std::fs::write(repo.path("factlint.toml"), bad).unwrap();
        let o = repo.run(&["check"]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("FL416") && !err.contains("root:"), "{err}");
    }
    // --isolated ignores it.
    let o = repo.run(&["check", "--isolated", "-r", "demo.rules", "reports"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn rule_authors_test_their_rules_with_sample_reports() {
    let repo = Repo::new("samples");
    std::fs::rename(repo.path("reports"), repo.path("demo.tests")).unwrap();
    let o = repo.run(&["test", "demo.rules"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // Break an expectation: the mismatch is shown as a diff.
    let line = "expect: weekday-mismatch, check.count-nationality-le-count-foreigner";
    edit(
        &repo.path("demo.tests/en-moscow.txt"),
        line,
        "expect: breakdown-mismatch, check.count-nationality-le-count-foreigner",
    );
    let o = repo.run(&["test", "demo.rules"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("FAIL demo.tests/en-moscow.txt"), "{out}");
    assert!(
        out.contains("- breakdown-mismatch") && out.contains("+ weekday-mismatch"),
        "{out}"
    );
    // A known gap is not a failure.
    edit(
        &repo.path("demo.tests/en-moscow.txt"),
        "expect: breakdown-mismatch, check.count-nationality-le-count-foreigner",
        &format!("{line}\ngap: agree.meeting.dates"),
    );
    let o = repo.run(&["test", "demo.rules"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("known gap"));
    common::with_snapshots(|| {
        insta::assert_snapshot!("factlint-test-output", String::from_utf8_lossy(&o.stdout))
    });
}

#[test]
fn completions_and_manual_page() {
    let repo = Repo::new("docs");
    for shell in ["bash", "zsh", "fish"] {
        let o = repo.run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&o.stdout).contains("factlint"));
    }
    let o = repo.run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains(".TH factlint"));
}

#[test]
fn every_shipped_rule_has_a_case_that_fires_and_one_that_stays_quiet() {
    for rules in ["rules/demo.rules", "rules/seeds.rules"] {
        let o = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(["test", rules])
            .current_dir(common::repo())
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
        // Which rules each sample report expects.
        let dir = common::repo().join(rules.trim_end_matches(".rules"));
        let dir = if dir.is_dir() {
            dir
        } else {
            common::repo().join(rules.replace(".rules", ".tests"))
        };
        let mut fires = std::collections::BTreeSet::new();
        let mut samples = 0;
        for f in common::files_with_ext(&dir, "txt") {
            samples += 1;
            let text = std::fs::read_to_string(f).unwrap();
            for line in text.lines().take_while(|l| !l.is_empty()) {
                if let Some(ids) = line.strip_prefix("expect:") {
                    fires.extend(ids.split(',').map(|s| s.trim().to_string()));
                }
            }
        }
        let text = std::fs::read_to_string(common::repo().join(rules)).unwrap();
        let set =
            factlint::rules::load(&factlint::rules::RuleSource::new(rules, text.as_str())).unwrap();
        for r in &set.rules {
            assert!(
                fires.contains(&r.id),
                "{rules}: no sample report makes `{}` fire",
                r.id
            );
        }
        // `factlint test` fails on any unexpected finding, so every report
        // that does not expect a rule is a case where it stays quiet.
        assert!(samples > 1);
    }
}
