//! The same inputs give the same bytes whatever the number of threads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use factlint::output::{self, Context};
use factlint::rules::{self, RuleSource};
use factlint::source;

fn run(threads: usize) -> String {
    let rules_text = std::fs::read_to_string(common::repo().join("rules/demo.rules")).unwrap();
    let set = rules::load(&RuleSource::new("rules/demo.rules", rules_text.as_str())).unwrap();
    let mut sources = Vec::new();
    // Many copies, so that work is really spread over the threads.
    for round in 0..20 {
        for path in common::files_with_ext(&common::repo().join("rules/demo"), "txt") {
            let bytes = std::fs::read(&path).unwrap();
            let name = format!("{round}/{}", path.file_name().unwrap().to_string_lossy());
            sources.push(source::load(&name, &bytes, source::DEFAULT_MAX_SIZE).unwrap());
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let run = factlint::run::check_loaded(&set, &sources);
        let ctx = Context::new(&set, &run.sources, &run.findings, &[]);
        output::json::render(&ctx)
    })
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let one = run(1);
    assert!(one.contains("agree.meeting.venue"));
    assert_eq!(one, run(2));
    assert_eq!(one, run(4));
}

/// Baseline keys name the values of a finding; when reports agree with each
/// other without stating the same thing (a date with and without its year,
/// 120 beside "more than 100"), the value a side is known by must not depend
/// on the order the reports were given in, or a baseline written in one
/// order goes stale in the other.
#[test]
fn baseline_keys_do_not_depend_on_report_order() {
    let dir = common::scratch_with_demo("order-keys");
    let reports = dir.join("order");
    std::fs::create_dir_all(&reports).unwrap();
    let write = |name: &str, text: &str| std::fs::write(reports.join(name), text).unwrap();
    write(
        "a.txt",
        "Delegates from more than 100 countries attended the meeting in Moscow from 27 to 29 May 2025.\n",
    );
    write(
        "b.txt",
        "The meeting opened in Moscow on 27 May, with delegates from 120 countries.\n",
    );
    write(
        "c.txt",
        "The meeting, held in Vienna from 27 to 30 May 2025, drew delegates from 80 countries.\n",
    );
    let files = ["order/a.txt", "order/b.txt", "order/c.txt"];
    let mut reversed = files;
    reversed.reverse();
    let base = |names: &[&str], out: &str| {
        let mut args = vec!["baseline", "--isolated", "-r", "demo.rules", "-o", out];
        args.extend_from_slice(names);
        let o = common::factlint_in(&dir, &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(dir.join(out)).unwrap()
    };
    let forward = base(&files, "forward.toml");
    assert!(forward.contains("agree.meeting.countries"), "{forward}");
    assert!(forward.contains("agree.meeting.dates"), "{forward}");
    assert_eq!(forward, base(&reversed, "reversed.toml"));
    // And a run in the other order finds nothing new and nothing stale.
    let mut args = vec!["check", "--isolated", "-r", "demo.rules"];
    args.extend_from_slice(&["--baseline", "forward.toml", "--format", "json"]);
    args.extend_from_slice(&reversed);
    let o = common::factlint_in(&dir, &args);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(!stderr.contains("FL408"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every report read window by window from its file, and read again only
/// for the lines quoted (as long reports are), gives the bytes of every
/// report read whole, in every format and with `--explain`.
#[test]
fn outputs_do_not_depend_on_how_a_report_is_read() {
    let repo = common::repo();
    for corpus in ["meeting", "toll", "final", "talks"] {
        let rules = format!("tests/news/{corpus}.rules");
        let reports = format!("tests/news/{corpus}");
        for format in ["human", "json", "sarif", "html", "github", "junit"] {
            for explain in [false, true] {
                if explain && format != "human" {
                    continue;
                }
                let run = |stream: &[&str]| {
                    let mut args = vec![
                        "check",
                        "--isolated",
                        "-r",
                        &rules,
                        &reports,
                        "--format",
                        format,
                        "--color",
                        "never",
                    ];
                    if explain {
                        args.push("--explain");
                    }
                    args.extend(stream);
                    common::factlint_in(&repo, &args)
                };
                let (whole, streamed) = (run(&[]), run(&["--stream-above", "0"]));
                assert!(!whole.stdout.is_empty(), "{corpus} {format}");
                assert_eq!(
                    (String::from_utf8_lossy(&whole.stdout), whole.status.code()),
                    (
                        String::from_utf8_lossy(&streamed.stdout),
                        streamed.status.code()
                    ),
                    "{corpus} {format} {explain}"
                );
            }
        }
    }
}
