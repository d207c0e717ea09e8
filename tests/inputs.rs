//! Inputs are a set of files: each report counts once however it is
//! reached (named twice, inside a folder given too, through a linked
//! folder or a link loop); folders give only regular files, honour their
//! ignore files and `--exclude`; names, and so SARIF URIs and GitHub
//! annotations, are relative to the repository root, never `../`; inputs
//! that cannot be read show in every machine format.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::path::PathBuf;
use std::process::Output;

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        Scratch(common::scratch_with_demo(&format!("inputs-{name}")))
    }
    fn run(&self, sub: &str, args: &[&str]) -> Output {
        common::factlint_in(&self.0.join(sub), args)
    }
    fn path(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
    /// `factlint COMMAND --isolated -r demo.rules reports ARGS…`.
    fn on_reports(&self, command: &str, args: &[&str]) -> Output {
        let mut all = vec![command, "--isolated", "-r", "demo.rules", "reports"];
        all.extend_from_slice(args);
        self.run("", &all)
    }
    /// `factlint check --isolated -r demo.rules ARGS… --format json`,
    /// started with piped standard streams.
    fn spawn_check(&self, args: &[&str]) -> std::process::Child {
        std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(["check", "--isolated", "-r", "demo.rules"])
            .args(args)
            .args(["--format", "json"])
            .current_dir(&self.0)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)))
}

fn report_paths(o: &Output) -> Vec<String> {
    json(o)["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CHECK: &[&str] = &[
    "check",
    "--isolated",
    "-r",
    "demo.rules",
    "--format",
    "json",
];

fn check(s: &Scratch, sub: &str, inputs: &[&str]) -> Output {
    let mut args = CHECK.to_vec();
    args.extend_from_slice(inputs);
    s.run(sub, &args)
}

#[test]
fn a_report_counts_once_however_it_is_named() {
    let s = Scratch::new("dupes");
    let plain = check(&s, "", &["reports"]);
    assert_eq!(report_paths(&plain).len(), 5);
    let plain_findings = common::rule_ids(&json(&plain));

    let o = check(
        &s,
        "",
        &[
            "reports",
            "reports/ar-vienna.txt",
            "./reports/ar-vienna.txt",
            "reports/../reports/en-moscow.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(report_paths(&o), report_paths(&plain));
    assert_eq!(common::rule_ids(&json(&o)), plain_findings);
    let err = stderr(&o);
    assert_eq!(err.matches("FL308").count(), 3, "{err}");

    // A linked folder and a link loop inside the folder.
    std::os::unix::fs::symlink(s.path("reports"), s.path("linked")).unwrap();
    std::fs::create_dir_all(s.path("reports/sub")).unwrap();
    std::os::unix::fs::symlink("..", s.path("reports/sub/loop")).unwrap();
    std::os::unix::fs::symlink("..", s.path("reports/sub/loop2")).unwrap();
    let o = check(&s, "", &["reports", "linked"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(report_paths(&o).len(), 5);
    assert_eq!(common::rule_ids(&json(&o)), plain_findings);
    let err = stderr(&o);
    assert!(err.contains("FL307"), "{err}");

    // A link to a report, inside a folder walked: the report once.
    std::os::unix::fs::symlink(
        s.path("reports/en-moscow.txt"),
        s.path("reports/sub/again.txt"),
    )
    .unwrap();
    let o = check(&s, "", &["reports"]);
    assert_eq!(report_paths(&o).len(), 5, "{}", stderr(&o));
    assert_eq!(stderr(&o).matches("FL308").count(), 1, "{}", stderr(&o));
}

#[test]
fn names_do_not_depend_on_spelling_or_working_folder() {
    let s = Scratch::new("names");
    std::fs::create_dir_all(s.path("sub/deeper")).unwrap();
    let a = check(&s, "", &["reports"]);
    let b = check(&s, "", &["./reports/"]);
    let mut args = vec!["check", "--isolated", "-r", "../../demo.rules"];
    args.extend(["--format", "json", "../../reports"]);
    // No repository marker: the working folder is the root, and the names
    // step out of it.
    let c = s.run("sub/deeper", &args);
    assert_eq!(report_paths(&a), report_paths(&b));
    assert!(report_paths(&a)[0].starts_with("reports/"));
    assert!(report_paths(&c)[0].starts_with("../../reports/"));
    // With a repository marker above, the root is the repository: the same
    // names from anywhere inside it.
    std::fs::create_dir_all(s.path(".git")).unwrap();
    let c = s.run("sub/deeper", &args);
    assert_eq!(report_paths(&c), report_paths(&a));
}

#[test]
fn sarif_and_github_never_point_outside_the_repository() {
    let s = Scratch::new("uris");
    std::fs::create_dir_all(s.path("repo/sub")).unwrap();
    std::fs::create_dir_all(s.path("repo/.git")).unwrap();
    std::fs::rename(s.path("reports"), s.path("repo/reports")).unwrap();
    // Inside: relative to the root whatever the working folder.
    let o = s.run(
        "repo/sub",
        &[
            "check",
            "--isolated",
            "-r",
            "../../demo.rules",
            "../reports",
            "--format",
            "sarif",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let loc = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(
        loc["uri"].as_str().unwrap().starts_with("reports/"),
        "{loc}"
    );
    assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    let root = std::fs::canonicalize(s.path("repo")).unwrap();
    assert_eq!(
        v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        format!("file://{}/", root.display()).as_str()
    );
    // Outside: absolute URIs, never `../`; no GitHub annotation on a file.
    std::fs::rename(s.path("repo/reports"), s.path("outside")).unwrap();
    let args = |format: &'static str| {
        [
            "check",
            "--isolated",
            "-r",
            "../../demo.rules",
            "../../outside",
            "--format",
            format,
        ]
    };
    let o = s.run("repo/sub", &args("sarif"));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(!text.contains("\"../"), "{text}");
    assert!(text.contains("\"uri\": \"file:///"), "{text}");
    let o = s.run("repo/sub", &args("github"));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.lines().any(|l| l.starts_with("::error ")));
    assert!(!text.contains("file=../"), "{text}");
}

#[test]
fn unread_inputs_show_in_every_machine_format() {
    let s = Scratch::new("unread");
    let run = |format: &str| {
        s.run(
            "",
            &[
                "check",
                "--isolated",
                "-r",
                "demo.rules",
                "reports",
                "missing.txt",
                "--format",
                format,
            ],
        )
    };
    let o = run("sarif");
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let note = &inv["toolExecutionNotifications"][0];
    assert_eq!(note["descriptor"]["id"], "FL300");
    assert_eq!(note["level"], "error");
    let o = run("junit");
    let xml = String::from_utf8_lossy(&o.stdout);
    assert!(
        xml.contains("<testcase name=\"reading reports\"") && xml.contains("<error "),
        "{xml}"
    );
    // junit-10.xsd: no `skipped` on <testsuites>.
    let head = xml.lines().find(|l| l.contains("<testsuites")).unwrap();
    assert!(!head.contains("skipped="), "{head}");
    let o = run("github");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("::error file=missing.txt,") && l.contains("FL300")),
        "{text}"
    );
    // The human output says it once (on standard error), and counts it.
    let o = run("human");
    assert_eq!(stderr(&o).matches("FL300").count(), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("FL300"), "{out}");
    assert!(out.contains("1 input could not be read"), "{out}");
}

#[test]
fn junit_case_names_are_the_same_passing_or_failing() {
    let s = Scratch::new("junit");
    let names = |o: &Output| -> Vec<String> {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter_map(|l| l.trim().strip_prefix("<testcase name=\""))
            .map(|l| l.split('"').next().unwrap().to_string())
            .collect()
    };
    let args = [
        "check",
        "--isolated",
        "-r",
        "demo.rules",
        "--format",
        "junit",
    ];
    let mut all = args.to_vec();
    all.push("reports");
    let failing = s.run("", &all);
    // One report alone: fewer findings, the same cases.
    let mut one = args.to_vec();
    one.push("reports/ar-moscow-1.txt");
    let passing = s.run("", &one);
    assert_eq!(names(&failing), names(&passing));
    assert!(String::from_utf8_lossy(&failing.stdout).contains("<failure"));
}

#[test]
fn folders_give_regular_files_and_honour_exclusions() {
    let s = Scratch::new("folders");
    // A named pipe would block a reader forever.
    let fifo = s.path("reports/pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|st| st.success());
    std::fs::write(s.path("reports/.gitignore"), "en-*\n").unwrap();
    let mut child = s.spawn_check(&["reports", "--exclude", "fr-moscou.txt"]);
    drop(child.stdin.take());
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the run hung on a named pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    let paths = report_paths(&o);
    assert_eq!(
        paths,
        [
            "reports/ar-moscow-1.txt",
            "reports/ar-moscow-2.txt",
            "reports/ar-vienna.txt"
        ]
    );
    if made {
        assert!(stderr(&o).contains("FL309"), "{}", stderr(&o));
    }
    // A glob the shell did not expand.
    let o = check(&s, "", &["reports/ar-*.txt"]);
    assert_eq!(report_paths(&o).len(), 3);
}

#[test]
fn utf16_reports_get_offsets_in_their_own_bytes() {
    let s = Scratch::new("utf16");
    let path = s.path("reports/ar-vienna.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(&path, &bytes).unwrap();
    let in_file = |start: usize, end: usize| -> String {
        let units: Vec<u16> = bytes[start..end]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    };
    let o = s.run(
        "",
        &[
            "check",
            "--isolated",
            "-r",
            "demo.rules",
            "reports",
            "--format",
            "sarif",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut checked = 0;
    for r in v["runs"][0]["results"].as_array().unwrap() {
        let locs = r["locations"].as_array().into_iter().flatten();
        let related = r["relatedLocations"].as_array().into_iter().flatten();
        for l in locs.chain(related) {
            let p = &l["physicalLocation"];
            if p["artifactLocation"]["uri"] != "reports/ar-vienna.txt" {
                continue;
            }
            let start = p["region"]["byteOffset"].as_u64().unwrap() as usize;
            let len = p["region"]["byteLength"].as_u64().unwrap() as usize;
            assert_eq!(
                in_file(start, start + len),
                p["region"]["snippet"]["text"].as_str().unwrap()
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
    let o = s.run("", &["claims", "-r", "demo.rules", "reports/ar-vienna.txt"]);
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        let (a, b) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
        assert_eq!(in_file(a as usize, b as usize), c["text"].as_str().unwrap());
    }
    let o = check(&s, "", &["reports"]);
    let reports = json(&o)["reports"].clone();
    let vienna = reports
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "reports/ar-vienna.txt")
        .unwrap();
    assert_eq!(vienna["encoding"], "utf-16le");
}

#[test]
fn standard_input_and_endless_files_are_read_within_limits() {
    let s = Scratch::new("stdin");
    let vienna = std::fs::read(s.path("reports/ar-vienna.txt")).unwrap();
    std::fs::remove_file(s.path("reports/ar-vienna.txt")).unwrap();
    let mut child = s.spawn_check(&["reports", "-"]);
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&vienna).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    // The report from standard input is compared and quoted like the others.
    assert!(report_paths(&o).contains(&"<stdin>".to_string()));
    let quoted = v["findings"].as_array().unwrap().iter().any(|f| {
        f["sides"].as_array().unwrap().iter().any(|side| {
            side["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["report"] == "<stdin>" && e["text"] == "فيينا")
        })
    });
    assert!(quoted, "{v}");
    // A device that never ends is cut at the size limit.
    if std::path::Path::new("/dev/zero").exists() {
        let o = check(
            &s,
            "",
            &["reports", "/dev/zero", "--max-report-size", "1000"],
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("FL304"), "{}", stderr(&o));
    }
}

#[test]
fn output_never_overwrites_what_the_run_reads() {
    let s = Scratch::new("overwrite");
    let report = s.path("reports/en-moscow.txt");
    let before = std::fs::read(&report).unwrap();
    for target in [
        "reports/en-moscow.txt",
        "./reports/../reports/en-moscow.txt",
        "demo.rules",
        "hard-link.txt",
    ] {
        if target == "hard-link.txt" {
            std::fs::hard_link(&report, s.path(target)).unwrap();
        }
        let o = s.on_reports("check", &["-o", target]);
        assert_eq!(o.status.code(), Some(2), "{target}");
        assert!(stderr(&o).contains("FL415"), "{}", stderr(&o));
    }
    let o = s.on_reports("baseline", &["-o", "reports/ar-vienna.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&report).unwrap(), before);
    // A new output file is written, and no temporary file is left beside it.
    let o = s.on_reports("check", &["-o", "out.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let left: Vec<String> = std::fs::read_dir(&s.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
