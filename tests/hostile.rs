//! Hostile input through every format: report text, file names, a rule's
//! help, waiver reasons and baseline entries carrying terminal escapes, C1
//! controls, BEL, bidi controls, line separators, workflow commands and
//! markup. Asserted on the bytes: none of it acts on the reader.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::path::PathBuf;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';

/// What a hostile text carries.
fn payload() -> String {
    format!(
        "{ESC}[2J{ESC}]52;c;cHduZWQ={BEL}{ESC}]8;;http://evil/{ESC}\\link \u{9b}31m \u{85} \u{9c}\u{9d} \u{202e}txt.exe\u{2067} \u{2028}\u{2029} </script><img src=x onerror=alert(1)> |cell| [a](javascript:x) ::error title=PWNED::owned"
    )
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn hostile_repo(name: &str) -> (Scratch, String) {
    let dir = common::scratch_with_demo(&format!("hostile-{name}"));
    let s = Scratch(dir.clone());
    // A report whose text, front matter and file name are hostile.
    let vienna = dir.join("reports/ar-vienna.txt");
    let text = std::fs::read_to_string(&vienna).unwrap();
    let text = text.replacen(
        "language: ar\n",
        &format!(
            "language: ar\ntitle: {}\nurl: javascript:alert(1)\n",
            payload().replace(['\u{2028}', '\u{2029}', '\u{85}'], " ")
        ),
        1,
    );
    let text = text.replacen("وتندرج زيارة", &format!("{} وتندرج زيارة", payload()), 1);
    std::fs::remove_file(&vienna).unwrap();
    let name = format!("ar-vienna \"q\" 'q' ..{ESC}[2J\n::error title=PWNED::x \u{202e}.txt");
    std::fs::write(dir.join("reports").join(&name), text).unwrap();
    // A rule's help with escapes.
    let rules = std::fs::read_to_string(dir.join("demo.rules")).unwrap();
    let rules = rules.replacen(
        "agree meeting.venue\n",
        &format!(
            "agree meeting.venue {{ help = \"see {ESC}[2J{BEL} ::error title=PWNED::help\" }}\n"
        ),
        1,
    );
    // An alias with an escape, which the hostile report uses.
    let rules = rules.replacen(
        "city Vienna = \"فيينا\"",
        &format!("city Vienna = \"Vie{ESC}[2Jnna\" | \"فيينا\""),
        1,
    );
    std::fs::write(dir.join("demo.rules"), rules).unwrap();
    (s, name)
}

fn assert_inert(what: &str, bytes: &[u8], colour_allowed: bool) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let bad = (c == ESC && !colour_allowed)
            || c == BEL
            || ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            || matches!(c, '\u{2028}' | '\u{2029}')
            || (c.is_control() && !matches!(c, '\n' | '\t' | '\r' | ESC));
        assert!(!bad, "{what}: raw U+{:04X} in\n{text}", c as u32);
    }
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::error title=PWNED"),
            "{what}: an injected workflow command: {line}"
        );
    }
}

/// `check` with the demo rules over the reports, and `extra` flags.
fn check_demo(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--isolated", "-r", "demo.rules", "reports"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// The demo rules over the reports, through the baseline `b.toml`.
fn check_with_baseline(dir: &std::path::Path, format: &str) -> std::process::Output {
    check_demo(dir, &["--baseline", "b.toml", "--format", format])
}

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    common::factlint_in(dir, args)
}

#[test]
fn hostile_inputs_are_inert_in_every_format() {
    let (s, _name) = hostile_repo("formats");
    let dir = &s.0;
    // A baseline whose waiver reason and entries are hostile too.
    let reason = payload().replace('"', "'").replace('\\', "/");
    let toml_text = format!(
        "version = 1\n[[waiver]]\nrule = \"weekday-mismatch\"\nreports = [\"nothing.txt\"]\nreason = {}\n[[finding]]\nrule = \"x\"\nreports = [{}]\nvalues = [\"a\"]\n",
        toml_quote(&reason),
        toml_quote(&format!("gone {ESC}[2J\n::error title=PWNED::x")),
    );
    std::fs::write(dir.join("b.toml"), toml_text).unwrap();
    for format in ["human", "json", "jsonl", "sarif", "junit", "github", "html"] {
        let o = check_with_baseline(dir, format);
        assert!(
            matches!(o.status.code(), Some(0..=2)),
            "{format}: {:?}",
            o.status
        );
        assert_inert(&format!("{format} stdout"), &o.stdout, false);
        assert_inert(&format!("{format} stderr"), &o.stderr, false);
        let out = String::from_utf8_lossy(&o.stdout);
        match format {
            "json" => {
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                // The hostile report was read (a stray escape is not binary).
                let read = v["reports"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["path"].as_str().unwrap().starts_with("reports/ar-vienna"));
                assert!(read, "{out}");
            }
            "sarif" => {
                serde_json::from_str::<serde_json::Value>(&out).unwrap();
            }
            "jsonl" => {
                for line in out.lines() {
                    serde_json::from_str::<serde_json::Value>(line).unwrap();
                }
            }
            "junit" => well_formed_xml(&out),
            "html" => {
                assert!(!out.contains("<img"), "{out}");
                assert!(!out.contains("<script"), "{out}");
                assert!(!out.contains("href=\"javascript:"), "{out}");
            }
            _ => {}
        }
    }
    // The step summary: Markdown that renders nothing of the payload.
    let summary = dir.join("summary.md");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args([
            "check",
            "--isolated",
            "-r",
            "demo.rules",
            "reports",
            "--format",
            "github",
        ])
        .current_dir(dir)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert!(o.status.code().is_some());
    let md = std::fs::read_to_string(&summary).unwrap();
    assert_inert("step summary", md.as_bytes(), false);
    assert!(
        !md.contains("<script") && !md.contains("<img") && !md.contains("](javascript"),
        "{md}"
    );
    for row in md.lines().filter(|l| l.starts_with("| ")) {
        // Every row keeps its four cells: no `|` of the payload splits one.
        let cells = row.split(" | ").count();
        assert_eq!(cells, 4, "{row}");
    }
    // Human output in colour keeps only factlint's colour sequences.
    let o = run(
        dir,
        &[
            "--color",
            "always",
            "check",
            "--isolated",
            "-r",
            "demo.rules",
            "reports",
        ],
    );
    assert_inert("colour", &o.stdout, true);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        !text.contains("\u{1b}[2J") && !text.contains("\u{1b}]"),
        "{text}"
    );
    // --explain quotes the aliases and recognisers that matched.
    let o = check_demo(dir, &["--explain"]);
    assert_inert("explain output", &o.stdout, false);
    // claims and explain.
    let o = run(dir, &["claims", "-r", "demo.rules", "reports"]);
    assert_inert("claims", &o.stdout, false);
    assert_inert("claims stderr", &o.stderr, false);
    let o = run(dir, &["explain", "agree.meeting.venue", "-r", "demo.rules"]);
    assert_inert("explain", &o.stdout, false);
}

#[test]
fn claimreview_from_hostile_reports_is_script_safe() {
    let (s, name) = hostile_repo("claimreview");
    let dir = &s.0;
    // Confirm every finding, then publish.
    let o = check_demo(dir, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut book = String::from("version = 1\n");
    for f in v["findings"].as_array().unwrap() {
        let mut values: Vec<String> = f["sides"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["normalized"].as_str().unwrap().to_string())
            .collect();
        values.sort();
        values.dedup();
        let odd: Vec<String> = f["sides"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| !s["majority"].as_bool().unwrap())
            .flat_map(|s| s["evidence"].as_array().unwrap().iter())
            .map(|e| e["report"].as_str().unwrap().to_string())
            .collect();
        if !odd.iter().any(|r| r.ends_with(&name)) {
            continue;
        }
        book.push_str(&format!(
            "[[review]]\nrule = {}\nreports = [{}]\nvalues = [{}]\nstatus = \"confirmed\"\n",
            toml_quote(f["rule"].as_str().unwrap()),
            toml_quote(&odd[0]),
            values
                .iter()
                .map(|x| toml_quote(x))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    assert!(book.contains("[[review]]"), "{v}");
    std::fs::write(dir.join("b.toml"), book).unwrap();
    let o = check_with_baseline(dir, "claimreview");
    let out = String::from_utf8_lossy(&o.stdout);
    let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(!parsed.as_array().unwrap().is_empty(), "{out}");
    assert!(!out.to_ascii_lowercase().contains("</script"), "{out}");
    assert!(!out.contains('<') && !out.contains('>'), "{out}");
    // The report's words are quoted as data; no URL it gives is published.
    for r in parsed.as_array().unwrap() {
        for a in r["itemReviewed"]["appearance"].as_array().unwrap() {
            assert!(!a["url"].as_str().unwrap().starts_with("javascript"), "{a}");
        }
    }
    assert_inert("claimreview", &o.stdout, false);
}

fn toml_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn well_formed_xml(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}\n{text}"),
        }
    }
}

/// A UTF-8 byte order mark is kept (offsets are the file's bytes) but is not
/// a column: line 1 reads the same with and without it.
#[test]
fn a_byte_order_mark_shifts_no_column() {
    let dir = common::scratch_with_demo("hostile-bom");
    let s = Scratch(dir.clone());
    let line = "عقد الاجتماع في موسكو.\n";
    std::fs::write(dir.join("plain.txt"), line).unwrap();
    std::fs::write(dir.join("bom.txt"), format!("\u{FEFF}{line}")).unwrap();
    let claim = |file: &str| -> serde_json::Value {
        let o = run(&s.0, &["claims", "-r", "demo.rules", file]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|c| c["text"] == "موسكو")
            .unwrap()
    };
    let (plain, bom) = (claim("plain.txt"), claim("bom.txt"));
    assert_eq!(bom["column"], plain["column"]);
    assert_eq!(bom["line"], 1);
    assert_eq!(
        bom["start"].as_u64().unwrap(),
        plain["start"].as_u64().unwrap() + 3
    );
}
