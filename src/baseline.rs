//! Baselines and waivers: findings accepted as known, so that a gate fails
//! only on new ones.
//!
//! A finding is identified by its [`FindingKey`]: the rule id, the reports
//! that state the odd value (every report involved, for findings inside one
//! report), and the normalised values of every side. Never by line: a
//! reflowed report keeps its key; a changed value gets a new one.
//!
//! The baseline file (TOML, `factlint.baseline.toml` by default) holds
//! `[[finding]]` entries written by `factlint baseline`, `[[review]]`
//! decisions recorded by `factlint review` (confirmed, follow-up), and
//! `[[waiver]]` entries written by people (or a review session): a waiver needs a
//! `reason`, and may name a `reviewer` and an `expires` date, after which
//! the finding fires again. A waiver may leave out `reports` or `values` to
//! cover every finding of its rule.
//!
//! ```toml
//! version = 1
//!
//! [[finding]]
//! rule = "agree.meeting.venue"
//! reports = ["corpus/002.txt"]
//! values = ["Moscow", "Vienna"]
//!
//! [[waiver]]
//! rule = "agree.meeting.ordinal"
//! reports = ["corpus/002.txt"]
//! reason = "002 covers the regional meeting in Vienna, another event"
//! reviewer = "N. Bennani"
//! expires = "2026-12-31"
//! ```

use serde::{Deserialize, Serialize};

use crate::engine::{Finding, FindingKind, Note};
use crate::span::Span;
use crate::value::Date;

pub const BASELINE_VERSION: u32 = 1;
pub const DEFAULT_FILE: &str = "factlint.baseline.toml";

/// What identifies a finding across runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FindingKey {
    pub rule: String,
    pub reports: Vec<String>,
    pub values: Vec<String>,
}

impl FindingKey {
    /// `names` are the report paths, by report id.
    pub fn of(f: &Finding, names: &[String]) -> FindingKey {
        let name = |id: usize| names.get(id).cloned().unwrap_or_default();
        // A finding between sides (reports disagreeing, figures for one
        // time, a figure out of its series) is about its odd reports; the
        // majority's are context.
        let sided = matches!(
            f.kind(),
            FindingKind::Disagreement | FindingKind::SameTime | FindingKind::Series
        );
        let mut reports: Vec<String> = if sided {
            let odd: Vec<&crate::engine::Side> = if f.sides.iter().any(|s| s.majority) {
                f.sides.iter().filter(|s| !s.majority).collect()
            } else {
                f.sides.iter().collect()
            };
            odd.iter()
                .flat_map(|s| s.evidence.iter().map(|e| name(e.report)))
                .collect()
        } else {
            f.reports().into_iter().map(name).collect()
        };
        reports.sort();
        reports.dedup();
        let mut values: Vec<String> = f.sides.iter().map(|s| s.normalized.clone()).collect();
        values.sort();
        values.dedup();
        FindingKey {
            rule: f.rule.clone(),
            reports,
            values,
        }
    }

    /// A stable hash of the key, for SARIF's `partialFingerprints`.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.rule.as_bytes());
        for r in &self.reports {
            h.update([0u8]);
            h.update(r.as_bytes());
        }
        h.update([1u8]);
        for v in &self.values {
            h.update([0u8]);
            h.update(v.as_bytes());
        }
        h.finalize()
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub reports: Vec<String>,
    pub values: Vec<String>,
    /// For people reading the file; not part of the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl Entry {
    pub fn key(&self) -> FindingKey {
        let mut k = FindingKey {
            rule: self.rule.clone(),
            reports: self.reports.clone(),
            values: self.values.clone(),
        };
        k.reports.sort();
        k.values.sort();
        k
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// `YYYY-MM-DD`: the waiver holds until the end of that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

impl Waiver {
    pub fn covers(&self, k: &FindingKey) -> bool {
        let same = |a: &Option<Vec<String>>, b: &[String]| {
            a.as_ref().is_none_or(|v| {
                let mut v = v.clone();
                v.sort();
                v == b
            })
        };
        self.rule == k.rule && same(&self.reports, &k.reports) && same(&self.values, &k.values)
    }

    pub fn expiry(&self) -> Option<Date> {
        self.expires.as_deref().and_then(Date::parse_iso)
    }

    pub fn expired(&self, today: Date) -> bool {
        self.expiry().is_some_and(|e| e < today)
    }
}

/// A fact-checker's decision on a finding, other than waiving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    /// The report is wrong: the finding stands (and may be published).
    Confirmed,
    /// Not decided yet: someone must look further.
    FollowUp,
}

/// A decision recorded by `factlint review` (waived findings become
/// [`Waiver`]s). Decisions do not hide findings; they are remembered so a
/// session can resume, and confirmed ones feed `--format claimreview`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub rule: String,
    pub reports: Vec<String>,
    pub values: Vec<String>,
    pub status: ReviewStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// `YYYY-MM-DD`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl Review {
    pub fn key(&self) -> FindingKey {
        Entry {
            rule: self.rule.clone(),
            reports: self.reports.clone(),
            values: self.values.clone(),
            message: None,
        }
        .key()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    #[serde(default, rename = "finding")]
    pub findings: Vec<Entry>,
    #[serde(default, rename = "waiver")]
    pub waivers: Vec<Waiver>,
    #[serde(default, rename = "review")]
    pub reviews: Vec<Review>,
}

impl Baseline {
    pub fn empty() -> Baseline {
        Baseline {
            version: BASELINE_VERSION,
            ..Baseline::default()
        }
    }

    /// The review decision recorded for a finding, if any.
    pub fn review_of(&self, key: &FindingKey) -> Option<&Review> {
        self.reviews.iter().find(|r| r.key() == *key)
    }

    /// Is the finding already decided (reviewed, or waived and not expired)?
    pub fn decided(&self, key: &FindingKey, today: Date) -> bool {
        self.review_of(key).is_some()
            || self
                .waivers
                .iter()
                .any(|w| w.covers(key) && !w.expired(today))
    }

    /// Records a decision, replacing an earlier one for the same finding.
    pub fn record(&mut self, review: Review) {
        let key = review.key();
        self.reviews.retain(|r| r.key() != key);
        self.reviews.push(review);
    }
}

/// A baseline file that cannot be used: the run stops rather than ignore it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct BaselineError {
    pub message: String,
    /// Where in the file, when known.
    pub span: Option<Span>,
}

impl Baseline {
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        // An empty file (or one with only comments) is an empty baseline,
        // as a new user creating the file by hand expects.
        if toml::from_str::<toml::Table>(text).is_ok_and(|t| t.is_empty()) {
            return Ok(Baseline::empty());
        }
        let b: Baseline = toml::from_str(text).map_err(|e| BaselineError {
            message: format!("the baseline is not valid: {}", e.message()),
            span: e.span().map(|r| Span::new(r.start, r.end)),
        })?;
        if b.version != BASELINE_VERSION {
            return Err(BaselineError {
                message: format!(
                    "baseline version {} is not supported (this factlint reads version {BASELINE_VERSION})",
                    b.version
                ),
                span: None,
            });
        }
        for w in &b.waivers {
            if w.reason.trim().is_empty() {
                return Err(BaselineError {
                    message: format!(
                        "the waiver for `{}` has an empty reason: every waiver says why",
                        w.rule
                    ),
                    span: find(text, &w.rule),
                });
            }
            if let Some(e) = &w.expires
                && Date::parse_iso(e).is_none()
            {
                return Err(BaselineError {
                    message: format!(
                        "the waiver for `{}` expires on `{e}`, which is not a date YYYY-MM-DD",
                        w.rule
                    ),
                    span: find(text, e),
                });
            }
        }
        Ok(b)
    }

    /// The file as written: entries sorted, with a header for people.
    pub fn to_toml(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let list = |v: &[String]| {
            format!(
                "[{}]",
                v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
            )
        };
        let mut out = String::from(
            "# factlint baseline: findings accepted as known, and waivers with their reasons.\n\
             # `factlint check --baseline FILE` reports only findings not listed here.\n\
             # `factlint baseline` rewrites the [[finding]] entries and keeps every [[waiver]].\n",
        );
        out.push_str(&format!("version = {BASELINE_VERSION}\n"));
        let mut findings = self.findings.clone();
        findings.sort_by_key(Entry::key);
        for e in &findings {
            out.push_str(&format!(
                "\n[[finding]]\nrule = {}\nreports = {}\nvalues = {}\n",
                q(&e.rule),
                list(&e.reports),
                list(&e.values)
            ));
            if let Some(m) = &e.message {
                out.push_str(&format!("message = {}\n", q(m)));
            }
        }
        for w in &self.waivers {
            out.push_str(&format!("\n[[waiver]]\nrule = {}\n", q(&w.rule)));
            if let Some(r) = &w.reports {
                out.push_str(&format!("reports = {}\n", list(r)));
            }
            if let Some(v) = &w.values {
                out.push_str(&format!("values = {}\n", list(v)));
            }
            out.push_str(&format!("reason = {}\n", q(&w.reason)));
            if let Some(r) = &w.reviewer {
                out.push_str(&format!("reviewer = {}\n", q(r)));
            }
            if let Some(e) = &w.expires {
                out.push_str(&format!("expires = {}\n", q(e)));
            }
        }
        for r in &self.reviews {
            out.push_str(&format!(
                "\n[[review]]\nrule = {}\nreports = {}\nvalues = {}\nstatus = {}\n",
                q(&r.rule),
                list(&r.reports),
                list(&r.values),
                q(match r.status {
                    ReviewStatus::Confirmed => "confirmed",
                    ReviewStatus::FollowUp => "follow-up",
                })
            ));
            if let Some(n) = &r.note {
                out.push_str(&format!("note = {}\n", q(n)));
            }
            if let Some(n) = &r.reviewer {
                out.push_str(&format!("reviewer = {}\n", q(n)));
            }
            if let Some(d) = &r.date {
                out.push_str(&format!("date = {}\n", q(d)));
            }
        }
        out
    }
}

fn find(text: &str, needle: &str) -> Option<Span> {
    text.find(needle).map(|i| Span::new(i, i + needle.len()))
}

/// What applying a baseline did.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// Findings still reported (new ones, and those whose waiver expired).
    pub kept: Vec<Finding>,
    /// Findings the baseline or a waiver covers.
    pub suppressed: usize,
    /// Baseline entries that match no finding any more. Only a run that
    /// checked every report the baseline names can tell: a finding across
    /// reports depends on the others, so a partial run (one report, a
    /// sub-folder) calls no entry stale.
    pub stale: Vec<Entry>,
    /// Waivers that covered no finding.
    pub unused: Vec<Waiver>,
    /// Waivers past their date whose finding fires again.
    pub expired: Vec<Waiver>,
}

/// Filters findings through a baseline. `names` are report paths by id.
///
/// A waiver wins over the plain baseline entry of the same finding: an
/// expired waiver makes its finding fire again even when `factlint
/// baseline` listed it. Keys are looked up in hash maps, so applying a
/// baseline is linear in findings + entries.
pub fn apply(
    findings: Vec<Finding>,
    names: &[String],
    baseline: &Baseline,
    today: Date,
) -> Applied {
    use std::collections::HashMap;
    let mut out = Applied::default();
    let mut entry_used = vec![false; baseline.findings.len()];
    let mut waiver_used = vec![false; baseline.waivers.len()];
    let entries: HashMap<FindingKey, usize> = baseline
        .findings
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key(), i))
        .collect();
    let mut waivers_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, w) in baseline.waivers.iter().enumerate() {
        waivers_of.entry(w.rule.as_str()).or_default().push(i);
    }
    for mut f in findings {
        let key = FindingKey::of(&f, names);
        if let Some(u) = entries.get(&key).and_then(|&i| entry_used.get_mut(i)) {
            *u = true;
        }
        let mut waived = false;
        let mut lapsed = false;
        for &i in waivers_of.get(key.rule.as_str()).into_iter().flatten() {
            let Some(w) = baseline.waivers.get(i) else {
                continue;
            };
            if !w.covers(&key) {
                continue;
            }
            if let Some(u) = waiver_used.get_mut(i) {
                *u = true;
            }
            if w.expired(today) {
                lapsed = true;
                f.notes.push(Note::WaiverExpired {
                    expires: w.expires.clone().unwrap_or_else(|| "?".to_string()),
                    reason: w.reason.clone(),
                    reviewer: w.reviewer.clone(),
                });
                if !out.expired.contains(w) {
                    out.expired.push(w.clone());
                }
            } else {
                waived = true;
            }
        }
        if waived || (!lapsed && entries.contains_key(&key)) {
            out.suppressed += 1;
        } else {
            out.kept.push(f);
        }
    }
    let checked: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
    let whole = baseline
        .findings
        .iter()
        .flat_map(|e| &e.reports)
        .all(|r| checked.contains(r.as_str()));
    out.stale = baseline
        .findings
        .iter()
        .zip(&entry_used)
        .filter(|(_, used)| whole && !**used)
        .map(|(e, _)| e.clone())
        .collect();
    out.unused = baseline
        .waivers
        .iter()
        .zip(&waiver_used)
        .filter(|(_, used)| !**used)
        .map(|(w, _)| w.clone())
        .collect();
    out
}

/// A baseline of the given findings, keeping the waivers of `previous`.
/// `message` words each entry for the reader of the file (the baseline
/// matches on keys, never on words).
pub fn write(
    findings: &[Finding],
    names: &[String],
    message: impl Fn(&Finding) -> String,
    previous: Option<&Baseline>,
) -> Baseline {
    let mut entries: Vec<Entry> = findings
        .iter()
        .map(|f| {
            let k = FindingKey::of(f, names);
            Entry {
                rule: k.rule,
                reports: k.reports,
                values: k.values,
                message: Some(message(f)),
            }
        })
        .collect();
    entries.sort_by_key(Entry::key);
    entries.dedup_by_key(|e| e.key());
    Baseline {
        version: BASELINE_VERSION,
        findings: entries,
        waivers: previous.map(|p| p.waivers.clone()).unwrap_or_default(),
        reviews: previous.map(|p| p.reviews.clone()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_waivers_without_reason() {
        let b = Baseline {
            version: 1,
            findings: vec![Entry {
                rule: "agree.meeting.venue".into(),
                reports: vec!["a \"quoted\" path.txt".into()],
                values: vec!["Moscow".into(), "فيينا".into()],
                message: Some("m".into()),
            }],
            waivers: vec![Waiver {
                rule: "weekday-mismatch".into(),
                reports: None,
                values: None,
                reason: "known typo in the source".into(),
                reviewer: Some("N. B.".into()),
                expires: Some("2026-12-31".into()),
            }],
            reviews: vec![Review {
                rule: "agree.meeting.venue".into(),
                reports: vec!["002.txt".into()],
                values: vec!["Moscow".into(), "Vienna".into()],
                status: ReviewStatus::Confirmed,
                note: Some("checked with the organiser".into()),
                reviewer: None,
                date: Some("2026-11-24".into()),
            }],
        };
        assert_eq!(Baseline::parse(&b.to_toml()).unwrap(), b);
        let bad = "version = 1\n[[waiver]]\nrule = \"x\"\nreason = \"  \"\n";
        assert!(
            Baseline::parse(bad)
                .unwrap_err()
                .message
                .contains("empty reason")
        );
        let unknown = "version = 1\n[[waiver]]\nrule = \"x\"\nreason = \"r\"\ncolour = 1\n";
        assert!(Baseline::parse(unknown).is_err());
        assert!(Baseline::parse("not toml [").is_err());
        assert_eq!(Baseline::parse("").unwrap(), Baseline::empty());
        assert_eq!(
            Baseline::parse("# nothing yet\n").unwrap(),
            Baseline::empty()
        );
    }
}
