//! Every sentence a user reads about a finding: its message, its help, its
//! notes, the role of a piece of evidence, the description of a rule kind.
//! The engine hands over facts ([`Facts`], [`Note`], [`Role`]); this module
//! alone turns them into words, so rewording, translating or classifying a
//! finding never touches the engine.

use crate::engine::instances::Apart;
use crate::engine::{Facts, Finding, Note, Role, SlotRef, StatedValue, Value};
use crate::rules::ast::CmpOp;
use crate::rules::{CExpr, Figure, RuleKind, RuleSet, Scope};
use crate::value::{WEEKDAY_NAMES, format_number};

/// A finding's words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wording {
    pub message: String,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

/// Writes findings over a rule set, naming reports by their short names.
pub struct Words<'a> {
    pub rules: &'a RuleSet,
    pub shorts: super::ShortNames<'a>,
}

impl Words<'_> {
    fn short(&self, id: usize) -> &str {
        self.shorts.get(id)
    }

    /// Report names for a message: all of them up to `max`, then a count.
    fn names_upto(&self, ids: &[usize], max: usize) -> String {
        let list: Vec<&str> = ids.iter().take(max).map(|&i| self.short(i)).collect();
        let mut s = list.join(", ");
        if ids.len() > max {
            s.push_str(&format!(" and {} more", ids.len() - max));
        }
        s
    }

    fn names(&self, ids: &[usize]) -> String {
        self.names_upto(ids, 10)
    }

    /// `meeting.venue`.
    pub fn slot_path(&self, at: SlotRef) -> String {
        let Some(ev) = self.rules.events.get(at.event) else {
            return String::new();
        };
        let slot = ev.slots.get(at.slot).map_or("", |s| s.name.as_str());
        format!("{}.{slot}", ev.name)
    }

    fn event_name(&self, f: &Finding) -> &str {
        f.slot
            .and_then(|at| self.rules.events.get(at.event))
            .map_or("event", |e| e.name.as_str())
    }

    fn slot_name(&self, f: &Finding) -> &str {
        f.slot
            .and_then(|at| self.rules.events.get(at.event)?.slots.get(at.slot))
            .map_or("value", |s| s.name.as_str())
    }

    /// The message, help and notes of a finding. A rule's own `message` and
    /// `help` (from the rule file) replace the written ones.
    pub fn finding(&self, f: &Finding) -> Wording {
        let rule = self.rules.rules.get(f.rule_index);
        let mut w = self.written(f);
        if let Some(m) = rule.and_then(|r| r.message.clone()) {
            w.message = m;
        }
        if let Some(h) = rule.and_then(|r| r.help.clone()) {
            w.help = Some(h);
        }
        w.notes.extend(f.notes.iter().map(|n| self.note(f, n)));
        w
    }

    fn written(&self, f: &Finding) -> Wording {
        let path = f.slot.map(|at| self.slot_path(at)).unwrap_or_default();
        let side_reports = |k: usize| -> Vec<usize> {
            f.sides.get(k).map(super::side_reports).unwrap_or_default()
        };
        match &f.facts {
            Facts::WithinReport { report } => Wording {
                message: format!("{} states more than one {path}", self.short(*report)),
                ..Wording::default()
            },
            Facts::Disagreement { tie } => {
                let first = f
                    .sides
                    .first()
                    .map(|s| value(self.rules, &s.value))
                    .unwrap_or_default();
                let minority: Vec<String> = f
                    .sides
                    .iter()
                    .enumerate()
                    .skip(1)
                    .map(|(k, s)| self.side_says(&side_reports(k), &s.value))
                    .collect();
                let total: usize = (0..f.sides.len()).map(|k| side_reports(k).len()).sum();
                let (message, help) = if *tie {
                    (
                        format!("reports disagree on {path}, evenly split"),
                        format!(
                            "{} {} {first}; {}: no value has a majority",
                            self.names(&side_reports(0)),
                            says(side_reports(0).len()),
                            minority.join("; ")
                        ),
                    )
                } else {
                    let support = side_reports(0);
                    (
                        format!("reports disagree on {path}"),
                        format!(
                            "{} of {total} reports ({}) say {first}; {}",
                            support.len(),
                            self.names(&support),
                            minority.join("; ")
                        ),
                    )
                };
                Wording {
                    message,
                    help: Some(help),
                    notes: Vec::new(),
                }
            }
            Facts::Expectation {
                report,
                op,
                expected,
            } => {
                let stated = f
                    .sides
                    .first()
                    .map(|s| value(self.rules, &s.value))
                    .unwrap_or_default();
                let expected = value(self.rules, expected);
                let who = self.short(*report);
                let message = match op {
                    CmpOp::Eq => format!("{who} states {path} = {stated}, expected {expected}"),
                    op => format!(
                        "{who} states {path} = {stated}, expected {} {expected}",
                        op.as_str()
                    ),
                };
                let text = self
                    .rules
                    .rules
                    .get(f.rule_index)
                    .map_or("", |r| r.text.trim());
                Wording {
                    message,
                    help: Some(format!("the rule file states `{text}`")),
                    notes: Vec::new(),
                }
            }
            Facts::Figures { left: l, right: r } => {
                let Some(RuleKind::Compare {
                    left,
                    op,
                    right,
                    per,
                }) = self.rules.rules.get(f.rule_index).map(|r| &r.kind)
                else {
                    return Wording::default();
                };
                let scope_word = match per {
                    Scope::Document => "report",
                    s => s.as_str(),
                };
                let side_value = |e: &CExpr, v: f64| match e {
                    CExpr::Const(_) => None,
                    _ => Some(format!("{} is {}", self.expression(e), format_number(v))),
                };
                let values: Vec<String> = [side_value(left, *l), side_value(right, *r)]
                    .into_iter()
                    .flatten()
                    .collect();
                Wording {
                    message: format!(
                        "`{} {} {}` fails in this {scope_word}: {}",
                        self.expression(left),
                        op.as_str(),
                        self.expression(right),
                        values.join(", ")
                    ),
                    ..Wording::default()
                }
            }
            Facts::Weekday {
                date,
                actual,
                written,
            } => Wording {
                message: format!(
                    "{} was a {}, not a {}",
                    date.iso(),
                    weekday(*actual),
                    weekday(*written)
                ),
                ..Wording::default()
            },
            Facts::SameTime {
                date,
                minutes,
                by,
                tie,
            } => {
                let when = moment((*date, *minutes));
                let source = by
                    .map(|e| format!(" ({})", self.rules.entity_name(e)))
                    .unwrap_or_default();
                let said: Vec<String> = f
                    .sides
                    .iter()
                    .enumerate()
                    .map(|(k, s)| self.side_says(&side_reports(k), &s.value))
                    .collect();
                Wording {
                    message: format!(
                        "reports disagree on {path} for the same time, {when}{source}{}",
                        if *tie { ", evenly split" } else { "" }
                    ),
                    help: Some(format!(
                        "{}: figures stated for one time should match; other times are updates",
                        said.join("; ")
                    )),
                    notes: Vec::new(),
                }
            }
            Facts::OutOfSequence {
                by,
                at,
                value: v,
                before,
                after,
            } => {
                let source = by
                    .map(|e| format!(" ({})", self.rules.entity_name(e)))
                    .unwrap_or_default();
                let around: Vec<String> =
                    before
                        .map(|(m, x)| format!("{} at {} before it", format_number(x), moment(m)))
                        .into_iter()
                        .chain(after.map(|(m, x)| {
                            format!("{} at {} after it", format_number(x), moment(m))
                        }))
                        .collect();
                let what = match (before, after) {
                    (Some((_, b)), _) if *b > *v => "goes down",
                    _ => "is out of time order",
                };
                Wording {
                    message: format!(
                        "{path}{source} {what}: {} at {}",
                        format_number(*v),
                        moment(*at)
                    ),
                    help: Some(format!(
                        "the series reads {}: a changing figure only grows; check the figure or the time it is stated for",
                        around.join(", ")
                    )),
                    notes: Vec::new(),
                }
            }
            Facts::NearName {
                entity,
                declared,
                written,
            } => {
                let name = self.rules.entity_name(*entity);
                Wording {
                    message: format!(
                        "«{written}» is one letter from «{declared}», a name of {name}: another person, or a misspelling"
                    ),
                    help: Some(format!(
                        "if it is {name}, add «{written}» to the entry's aliases; if another person, declare them"
                    )),
                    notes: Vec::new(),
                }
            }
            Facts::Breakdown {
                parts,
                sum,
                total,
                exhaustive,
            } => {
                let listed = parts
                    .iter()
                    .map(|v| format_number(*v))
                    .collect::<Vec<_>>()
                    .join(" + ");
                let mut notes = Vec::new();
                if !exhaustive {
                    notes.push(
                        "the parts are introduced as some of the total (\"including\"), yet exceed it"
                            .to_string(),
                    );
                }
                Wording {
                    message: format!(
                        "parts add up to {} ({listed}), the stated total is {}",
                        format_number(*sum),
                        format_number(*total)
                    ),
                    help: None,
                    notes,
                }
            }
        }
    }

    /// `a, b say 455`.
    fn side_says(&self, ids: &[usize], v: &Value) -> String {
        format!(
            "{} {} {}",
            self.names(ids),
            says(ids.len()),
            value(self.rules, v)
        )
    }

    fn note(&self, f: &Finding, n: &Note) -> String {
        match n {
            Note::SameInstance { report } => format!(
                "both values are read for mentions of the same {} (same or no ordinal) in {}",
                self.event_name(f),
                self.short(*report)
            ),
            Note::Fallback {
                reports,
                scope,
                primary,
            } => {
                let (its, verb) = if reports.len() == 1 {
                    ("its", "gives")
                } else {
                    ("their", "give")
                };
                format!(
                    "{} {verb} {its} {} only at {} scope (nothing in the trigger's {}): weaker evidence",
                    self.names(reports),
                    self.slot_name(f),
                    scope.as_str(),
                    primary.as_str()
                )
            }
            Note::OtherName {
                reports,
                name,
                majority,
            } => {
                let said: Vec<String> = majority
                    .iter()
                    .map(|(n, ids)| format!("«{n}» ({})", self.names_upto(ids, 5)))
                    .collect();
                let (verb, may) = if reports.len() == 1 {
                    ("names", "it may")
                } else {
                    ("name", "they may")
                };
                format!(
                    "{} {verb} it «{name}» where the others say {}: {may} describe another {}",
                    self.names(reports),
                    said.join(", "),
                    self.event_name(f)
                )
            }
            Note::OtherInstance { report, ordinal } => format!(
                "{} also mentions the {} {}, another instance: not compared",
                self.short(*report),
                ordinal_number(f64::from(*ordinal)),
                self.event_name(f)
            ),
            Note::Between { report, value: v } => format!(
                "{} says {}, which agrees with more than one side: counted on none",
                self.short(*report),
                value(self.rules, v)
            ),
            Note::SetApart { report, why } => format!(
                "{} is set apart, not compared: {}",
                self.short(*report),
                apart(*why)
            ),
            Note::ComparedOn { report, ordinal } => format!(
                "{} leads with another {}; it is compared on the {} it also mentions",
                self.short(*report),
                self.event_name(f),
                ordinal_number(f64::from(*ordinal))
            ),
            Note::ReportTime => {
                "its sentence states no time: the report's own date and time stand in (weaker)"
                    .to_string()
            }
            Note::WaiverExpired {
                expires,
                reason,
                reviewer,
            } => format!(
                "a waiver expired on {expires}: \"{reason}\"{}",
                reviewer
                    .as_ref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ),
        }
    }

    /// A `check` expression as the rule file writes it.
    pub fn expression(&self, e: &CExpr) -> String {
        match e {
            CExpr::Const(v) => format_number(*v),
            CExpr::Agg { func, figure } => {
                let arg = match figure {
                    Figure::Percent => "percent".to_string(),
                    Figure::Number => "number".to_string(),
                    Figure::Unit(u) => self.rules.entity_name(*u).to_string(),
                };
                format!("{}({arg})", func.as_str())
            }
            CExpr::Bin(op, a, b) => format!(
                "{} {} {}",
                self.expression(a),
                op.as_str(),
                self.expression(b)
            ),
        }
    }
}

/// A value for people: `Vienna`, `13th`, `2025-05-27 .. 2025-05-29`,
/// `more than 100`, `25 + 30 = 55`.
pub fn value(rules: &RuleSet, v: &Value) -> String {
    match v {
        Value::Stated { value, ordinal } => stated(rules, value, *ordinal),
        Value::Number(n) => format_number(*n),
        Value::Weekday(w) => weekday(*w).to_string(),
        Value::Word(w) => w.clone(),
        Value::Sum { parts, sum } => format!(
            "{} = {}",
            parts
                .iter()
                .map(|p| format_number(*p))
                .collect::<Vec<_>>()
                .join(" + "),
            format_number(*sum)
        ),
    }
}

/// What a slot holds, for people; an ordinal slot's number reads `13th`.
pub fn stated(rules: &RuleSet, v: &StatedValue, ordinal: bool) -> String {
    match v {
        StatedValue::Quantity(q) if ordinal && q.qualifier.is_none() => ordinal_number(q.value),
        StatedValue::Dates(r) => r.display(),
        _ => v.normalized(rules),
    }
}

/// What a piece of evidence shows, when it differs from its side's value.
pub fn role(rules: &RuleSet, r: &Role) -> String {
    match r {
        Role::Stated(v) => value(rules, v),
        Role::Figure(v) => v.clone(),
        Role::Total(v) => format!("total {}", format_number(*v)),
        Role::Part { index, of, value } => {
            format!("part {index} of {of}: {}", format_number(*value))
        }
    }
}

/// A moment for people: `14 March 2027, 12:00`.
pub fn moment((date, minutes): (crate::value::Date, u16)) -> String {
    format!(
        "{}, {:02}:{:02}",
        crate::value::DateRange::day(date).display(),
        minutes / 60,
        minutes % 60
    )
}

/// When a figure of a timeline holds: a moment, a day, or unplaced; the
/// report's own time is marked.
pub fn when(date: Option<crate::value::Date>, minutes: Option<u16>, weak: bool) -> String {
    let s = match (date, minutes) {
        (Some(d), Some(m)) => moment((d, m)),
        (Some(d), None) => crate::value::DateRange::day(d).display(),
        (None, Some(m)) => format!(
            "{:02}:{:02} of an unplaced day (no date in the report)",
            m / 60,
            m % 60
        ),
        (None, None) => "unplaced (no date in the report)".to_string(),
    };
    if weak && date.is_some() {
        format!("{s} (the report's time)")
    } else {
        s
    }
}

/// "says" after one report, "say" after several.
fn says(reports: usize) -> &'static str {
    if reports == 1 { "says" } else { "say" }
}

/// Why a report is set apart from an event.
pub fn apart(why: Apart) -> String {
    match why {
        Apart::DatesInYear { year, run } => {
            format!("its dates are in {year}, the other reports' in {run} (another edition)")
        }
        Apart::Edition { ordinal, year, run } => format!(
            "it describes the {} edition and is dated {year}, the other reports {run}",
            ordinal_number(f64::from(ordinal))
        ),
    }
}

/// `13th`, `22nd`.
pub fn ordinal_number(v: f64) -> String {
    let n = v as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{}{suffix}", format_number(v))
}

fn weekday(w: u8) -> &'static str {
    WEEKDAY_NAMES.get(w as usize).copied().unwrap_or("?")
}

/// What a rule of this kind asks, for the rule list of machine formats.
pub fn rule_description(kind: &RuleKind) -> &'static str {
    let name = match kind {
        RuleKind::Agree { .. } => "agree",
        RuleKind::Expect { .. } => "expect",
        RuleKind::Compare { .. } => "check",
        RuleKind::Weekdays => "weekdays",
        RuleKind::Breakdowns => "breakdowns",
        RuleKind::Names => "names",
        RuleKind::Series { .. } => "series",
    };
    kind_description(name).unwrap_or_default()
}

/// What a kind of rule checks, by the word that starts its default id.
pub fn kind_description(name: &str) -> Option<&'static str> {
    Some(match name {
        "agree" => {
            "Every report that states this slot states the same value. A report that states \
another value is reported with the evidence of every side; reports that state nothing are silent, never in conflict."
        }
        "expect" => "Every report that states this slot states the known fact.",
        "check" => "The figures of each scope satisfy this arithmetic check.",
        "weekdays" | "weekday-mismatch" => {
            "A date written with its weekday names the right weekday."
        }
        "breakdowns" | "breakdown-mismatch" => "A stated total with listed parts adds up.",
        "names" | "name-near-miss" => {
            "No word is one letter from a declared person's name: such a word names another \
person, or misspells this one."
        }
        "series" => {
            "A changing figure grows over time: none goes down, and each is stated for the right time."
        }
        _ => return None,
    })
}
