//! Fact-checker review: the HTML page (escaped, laid out right to left in a
//! real browser), a review session driven with keystrokes in a
//! pseudo-terminal, and the ClaimReview output of its decisions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::factlint_in;

fn scratch(name: &str) -> PathBuf {
    let dir = common::scratch_with_demo(&format!("review-{name}"));
    std::fs::write(
        dir.join("factlint.toml"),
        "rules = \"demo.rules\"\nreports = [\"reports\"]\nbaseline = \"decisions.toml\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn html_page_shows_every_finding_and_escapes_report_text() {
    let dir = scratch("html");
    // A report carrying markup and a script must show them as text.
    let hostile = dir.join("reports/zz-hostile.txt");
    std::fs::write(
        &hostile,
        "<script>alert('x')</script> انعقد المؤتمر في فيينا <b>bold</b> \"quoted\" & more.\n",
    )
    .unwrap();
    let o = factlint_in(
        &dir,
        &[
            "check",
            "--isolated",
            "-r",
            "demo.rules",
            "reports",
            "--format",
            "html",
            "--output",
            "report.html",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<article class=\"finding").count(), 8);
    assert!(html.contains("<mark>فيينا</mark>"));
    assert!(html.contains("dir=\"rtl\" lang=\"ar\""));
    assert!(
        !html.contains("<script>") && !html.contains("<b>bold"),
        "markup from a report leaked"
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the page must not load anything"
    );
    assert!(html.contains("<th scope=\"col\">") && html.contains("<caption>"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn html_page_for_many_reports_counts_values_and_bounds_excerpts() {
    let dir = common::scratch_with_demo("html-many");
    for i in 0..320 {
        let city = if i % 4 == 0 {
            "فيينا"
        } else {
            "موسكو"
        };
        std::fs::write(
            dir.join("reports").join(format!("n{i:03}.txt")),
            format!("انعقد الاجتماع الدولي الثالث عشر في {city}.\n"),
        )
        .unwrap();
    }
    let o = factlint_in(
        &dir,
        &[
            "check",
            "--isolated",
            "-r",
            "demo.rules",
            "reports",
            "--format",
            "html",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let html = String::from_utf8(o.stdout).unwrap();
    assert!(
        html.contains("What the reports state") && html.contains("325 reports"),
        "no value counts"
    );
    assert!(html.contains("Also stated by"), "excerpts are not bounded");
    assert!(html.len() < 400_000, "{} bytes", html.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Chromium from Debian's packages, if installed.
fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn chromium_args(profile: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--allow-file-access-from-files".into(),
        format!("--user-data-dir={}", profile.display()),
    ]
}

#[test]
#[ignore = "needs ../shared and chromium (.ci/run installs it)"]
fn seed_report_page_in_a_real_browser() {
    let chrome = chromium().expect("chromium is not installed: apt-get install chromium");
    let out_dir = common::repo().join("target/factlint-screenshots");
    std::fs::create_dir_all(&out_dir).unwrap();
    let page = out_dir.join("seeds.html");
    let o = factlint_in(
        &common::repo(),
        &[
            "check",
            "--isolated",
            "-r",
            "rules/seeds.rules",
            "../shared/corpus/seeds",
            "--format",
            "html",
            "--output",
            page.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    // A harness page loads the report in a frame and measures it: findings,
    // highlighted words, the direction each excerpt is laid out in, and
    // whether its first letter sits at the right edge.
    let harness = out_dir.join("harness.html");
    std::fs::write(
        &harness,
        r#"<!DOCTYPE html><html><body><pre id="result">pending</pre>
<iframe id="f" src="seeds.html" style="width:1200px;height:800px"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument;
  var quotes = Array.from(d.querySelectorAll('blockquote[lang="ar"]'));
  var rtl = quotes.map(function (q) {
    var r = d.createRange(); var t = q.firstChild; r.setStart(t, 0); r.setEnd(t, 1);
    var c = r.getBoundingClientRect(), b = q.getBoundingClientRect();
    return { dir: getComputedStyle(q).direction, rightGap: Math.round(b.right - c.right) };
  });
  document.getElementById('result').textContent = JSON.stringify({
    findings: d.querySelectorAll('article.finding').length,
    marks: Array.from(d.querySelectorAll('mark')).map(function (m) { return m.textContent; }),
    rtl: rtl
  });
});
</script></body></html>"#,
    )
    .unwrap();
    let profile = out_dir.join("profile");
    let _ = std::fs::remove_dir_all(&profile);
    let mut args = chromium_args(&profile);
    args.extend([
        "--virtual-time-budget=5000".into(),
        "--dump-dom".into(),
        format!("file://{}", harness.display()),
    ]);
    let dom = Command::new(&chrome).args(&args).output().unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout).to_string();
    let json = dom
        .split("<pre id=\"result\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or("")
        .replace("&quot;", "\"");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {dom}"));
    assert_eq!(v["findings"], 2, "{v}");
    let marks: Vec<&str> = v["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    for w in ["فيينا", "موسكو", "الثاني والعشرين", "الثالث عشر"] {
        assert!(
            marks.iter().any(|m| m.contains(w)),
            "{w} not highlighted: {marks:?}"
        );
    }
    for q in v["rtl"].as_array().unwrap() {
        assert_eq!(q["dir"], "rtl");
        // The first letter starts at the right edge (padding and border).
        assert!(q["rightGap"].as_i64().unwrap() < 40, "{q}");
    }
    // The screenshot, kept for people to look at.
    let shot = out_dir.join("seeds-report.png");
    let _ = std::fs::remove_file(&shot);
    let mut args = chromium_args(&profile);
    args.extend([
        "--window-size=1280,2200".into(),
        format!("--screenshot={}", shot.display()),
        format!("file://{}", page.display()),
    ]);
    let o = Command::new(&chrome).args(&args).output().unwrap();
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);
}

#[test]
fn review_session_in_a_terminal_writes_a_waiver_that_quiets_only_its_finding() {
    use expectrl::{Expect, Session};
    let dir = scratch("pty");
    let before = factlint_in(
        &dir,
        &["check", "--format", "json", "--baseline", "none.toml"],
    );
    assert_eq!(before.status.code(), Some(2)); // no decisions file yet
    let count = |o: &std::process::Output| -> usize {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"].as_array().unwrap().len()
    };
    let all = factlint_in(
        &dir,
        &[
            "check",
            "--isolated",
            "-r",
            "demo.rules",
            "reports",
            "--format",
            "json",
        ],
    );
    assert_eq!(count(&all), 8);

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factlint"));
    cmd.args(["--color", "never", "review", "--reviewer", "N. Bennani"])
        .current_dir(&dir);
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    p.expect("finding 1 of 8").unwrap();
    p.expect("quit > ").unwrap();
    // Meanwhile another reviewer records a decision in the same file: this
    // session must not write over it.
    std::fs::write(
        dir.join("decisions.toml"),
        "version = 1\n[[review]]\nrule = \"other.rule\"\nreports = [\"reports/x.txt\"]\nvalues = [\"1\"]\nstatus = \"follow-up\"\nreviewer = \"A. Other\"\n",
    )
    .unwrap();
    // Waive the first finding (the venue) with a reason.
    p.send_line("w").unwrap();
    p.expect("(required) > ").unwrap();
    p.send_line("").unwrap(); // a reason is required
    p.expect("a waiver needs a reason").unwrap();
    p.expect("(required) > ").unwrap();
    p.send_line("ar-vienna reports the regional meeting in Vienna, another event")
        .unwrap();
    p.expect("never) > ").unwrap();
    // A date in the past is refused: the waiver would never hold.
    p.send_line("2020-01-01").unwrap();
    p.expect("is in the past").unwrap();
    p.expect("never) > ").unwrap();
    p.send_line("2999-12-31").unwrap();
    p.expect("finding 2 of 8").unwrap();
    p.expect("quit > ").unwrap();
    // Confirm the second, then stop: the session can resume later.
    p.send_line("c").unwrap();
    p.expect("note (empty: none) > ").unwrap();
    p.send_line("the ordinal is wrong in ar-vienna").unwrap();
    p.expect("finding 3 of 8").unwrap();
    p.expect("quit > ").unwrap();
    p.send_line("q").unwrap();
    p.expect("2 decided").unwrap();

    let decisions = std::fs::read_to_string(dir.join("decisions.toml")).unwrap();
    assert!(decisions.contains("[[waiver]]") && decisions.contains("reviewer = \"N. Bennani\""));
    assert!(decisions.contains("status = \"confirmed\""));
    assert!(decisions.contains("reviewer = \"A. Other\""), "{decisions}");

    // The next check is quiet for the waived finding, and only that one.
    let after = factlint_in(&dir, &["check", "--format", "json"]);
    assert_eq!(count(&after), 7);
    let v: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "agree.meeting.venue")
    );

    // Resuming starts after the decided findings.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factlint"));
    cmd.args(["--color", "never", "review"]).current_dir(&dir);
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    p.expect("6 to review (2 decided before)").unwrap();
    p.send_line("q").unwrap();
    p.expect("0 decided").unwrap();

    // The page and the JSON show the decision with its finding, and the
    // reports with what their front matter says.
    let o = factlint_in(&dir, &["check", "--format", "html"]);
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(
        page.contains("Review: Confirmed by N. Bennani on ")
            && page.contains("the ordinal is wrong in ar-vienna"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"reports-h\">Reports</h2>") && page.contains("جريدة المثال"));
    let o = factlint_in(&dir, &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reviewed: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["review"].is_null())
        .collect();
    assert_eq!(reviewed.len(), 1);
    assert_eq!(reviewed[0]["review"]["status"], "confirmed");

    // The confirmed finding is published as ClaimReview, with every
    // required field.
    let o = factlint_in(
        &dir,
        &[
            "check",
            "--format",
            "claimreview",
            "--publisher",
            "Example Check",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let reviews: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 1);
    let r = &reviews[0];
    assert_eq!(r["@type"], "ClaimReview");
    assert_eq!(r["@context"], "https://schema.org");
    for field in ["claimReviewed", "url", "datePublished", "reviewBody"] {
        assert!(r[field].as_str().is_some_and(|s| !s.is_empty()), "{field}");
    }
    assert!(
        r["claimReviewed"]
            .as_str()
            .unwrap()
            .contains("الثاني والعشرين")
    );
    assert_eq!(r["author"]["name"], "Example Check");
    assert_eq!(r["itemReviewed"]["@type"], "Claim");
    assert!(r["itemReviewed"]["appearance"][0]["url"].is_string());
    assert!(r["itemReviewed"]["author"]["name"].is_string());
    assert_eq!(r["reviewRating"]["@type"], "Rating");
    assert!(r["reviewRating"]["alternateName"].is_string());
    assert!(r["reviewRating"]["ratingValue"].is_number());
    assert_eq!(
        r["reviewRating"]["alternateName"],
        "Contradicted by other reports"
    );
    // What could not be filled is said, not hidden behind a placeholder.
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("FL414") && err.contains("no --review-url"),
        "{err}"
    );
    assert!(err.contains("no `date`"), "{err}");

    // A hostile front matter: a `javascript:` URL is never published, and
    // no text can close the page's script element.
    let vienna = dir.join("reports/ar-vienna.txt");
    let text = std::fs::read_to_string(&vienna).unwrap();
    std::fs::write(
        &vienna,
        text.replacen(
            "language: ar\n",
            "language: ar\ntitle: </script><script>alert(1)</script>\nurl: javascript:alert(1)\n",
            1,
        ),
    )
    .unwrap();
    let o = factlint_in(&dir, &["check", "--format", "claimreview"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("javascript:"), "{out}");
    assert!(!out.to_ascii_lowercase().contains("</script"), "{out}");
    assert!(out.contains("\\u003c/script"), "{out}");
    let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        parsed[0]["itemReviewed"]["appearance"][0]["name"],
        "</script><script>alert(1)</script>"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not http(s)"));
    std::fs::remove_dir_all(&dir).unwrap();
}
