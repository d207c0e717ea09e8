//! The flat table of facts: what every report states, one row per value,
//! in plain columns any SQL engine reads (`factlint sql` queries it). A
//! shard's facts go beside its summaries (`facts-I-of-N.jsonl`).
//!
//! Three kinds of row (`fact`): `report` (one per report: its year),
//! `instance` (one per instance of an event a report mentions: the lead
//! one, and the others by their ordinal) and `statement` (one per slot an
//! instance fills: the value, its normalised form, the columns its
//! agreement is computed from, where it stands). Every row has every
//! column, `null` where it does not apply, so that engines that infer a
//! schema infer the same one; [`SCHEMA`] gives it for those that take one.

use serde::{Deserialize, Serialize};

use crate::engine::{StatedValue, Statement, Summary};
use crate::rules::RuleSet;
use crate::value::{Date, Qualifier};

/// The columns, in SQL types (the same names in Spark SQL and DuckDB).
pub const SCHEMA: &[(&str, &str)] = &[
    ("fact", "STRING"),
    ("input", "BIGINT"),
    ("report", "STRING"),
    ("report_year", "BIGINT"),
    ("event", "STRING"),
    ("event_no", "BIGINT"),
    ("is_lead", "BOOLEAN"),
    ("ordinal", "BIGINT"),
    ("slot", "STRING"),
    ("slot_no", "BIGINT"),
    ("kind", "STRING"),
    ("value", "STRING"),
    ("num", "DOUBLE"),
    ("qualifier", "STRING"),
    ("step", "DOUBLE"),
    ("from_key", "BIGINT"),
    ("to_key", "BIGINT"),
    ("from_md", "BIGINT"),
    ("to_md", "BIGINT"),
    ("has_year", "BOOLEAN"),
    ("from_year", "BIGINT"),
    ("authority", "STRING"),
    ("authority_no", "BIGINT"),
    ("conflicts", "BIGINT"),
    ("span_start", "BIGINT"),
    ("span_end", "BIGINT"),
    ("scope", "STRING"),
    ("fallback", "BOOLEAN"),
];

/// One row of the facts table (see the module's text for the columns).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FactRow {
    pub fact: String,
    pub input: usize,
    pub report: String,
    pub report_year: Option<i16>,
    pub event: Option<String>,
    pub event_no: Option<usize>,
    /// The report's lead instance of the event (`false`: another one).
    pub is_lead: Option<bool>,
    /// The instance's ordinal, when it has one.
    pub ordinal: Option<u32>,
    pub slot: Option<String>,
    pub slot_no: Option<usize>,
    /// `entity`, `quantity`, `dates` or `weekday`.
    pub kind: Option<String>,
    /// The normalised value (what values are grouped on).
    pub value: Option<String>,
    /// A quantity's number, and how it is hedged (`more_than`, `at_least`,
    /// `less_than`, `about`).
    pub num: Option<f64>,
    pub qualifier: Option<String>,
    /// The unit of the last digit of a quantity written rounded (0: exact).
    pub step: Option<f64>,
    /// Days as `YYYYMMDD` (the year 0 when none is stated) and `MMDD`.
    pub from_key: Option<i64>,
    pub to_key: Option<i64>,
    pub from_md: Option<i64>,
    pub to_md: Option<i64>,
    /// Both days have a year.
    pub has_year: Option<bool>,
    pub from_year: Option<i16>,
    /// The authority the value is attributed to (an `org` entry), by name
    /// and by its place in the rule file.
    pub authority: Option<String>,
    pub authority_no: Option<usize>,
    /// How many other values the report gives this instance's slot.
    pub conflicts: Option<usize>,
    pub span_start: Option<usize>,
    pub span_end: Option<usize>,
    pub scope: Option<String>,
    pub fallback: Option<bool>,
}

fn qualifier_name(q: Qualifier) -> &'static str {
    match q {
        Qualifier::MoreThan => "more_than",
        Qualifier::AtLeast => "at_least",
        Qualifier::LessThan => "less_than",
        Qualifier::About => "about",
    }
}

/// `YYYYMMDD` (year 0 when none) and `MMDD` of a day.
pub fn day_keys(d: Date) -> (i64, i64) {
    let md = i64::from(d.month) * 100 + i64::from(d.day);
    (i64::from(d.year.unwrap_or(0)) * 10_000 + md, md)
}

/// The facts of one report: its row, its instances' rows, its statements'.
pub fn rows(rules: &RuleSet, input: usize, report: &str, summary: &Summary) -> Vec<FactRow> {
    let facts = &summary.facts;
    let base = FactRow {
        input,
        report: report.to_string(),
        report_year: facts.report_year,
        ..FactRow::default()
    };
    let mut out = vec![FactRow {
        fact: "report".into(),
        ..base.clone()
    }];
    let mut instance =
        |event: usize, lead: bool, ordinal: Option<u32>, stated: &[Option<Box<Statement>>]| {
            let ev = rules.events.get(event);
            let row = FactRow {
                fact: "instance".into(),
                event: ev.map(|e| e.name.clone()),
                event_no: Some(event),
                is_lead: Some(lead),
                ordinal,
                ..base.clone()
            };
            out.push(row.clone());
            for (slot, st) in stated.iter().enumerate() {
                let Some(st) = st else { continue };
                let mut s = FactRow {
                    fact: "statement".into(),
                    slot: ev.and_then(|e| e.slots.get(slot)).map(|s| s.name.clone()),
                    slot_no: Some(slot),
                    value: Some(st.value.normalized(rules)),
                    authority: st.by.map(|a| rules.entity_name(a).to_string()),
                    authority_no: st.by,
                    conflicts: Some(st.conflicts.len()),
                    span_start: Some(st.evidence.span.start),
                    span_end: Some(st.evidence.span.end),
                    scope: st.evidence.scope.map(|s| s.as_str().to_string()),
                    fallback: Some(st.evidence.fallback),
                    ..row.clone()
                };
                match st.value {
                    StatedValue::Entity(_) => s.kind = Some("entity".into()),
                    StatedValue::Weekday(_) => s.kind = Some("weekday".into()),
                    StatedValue::Quantity(q) => {
                        s.kind = Some("quantity".into());
                        s.num = Some(q.value);
                        s.qualifier = q.qualifier.map(|q| qualifier_name(q).to_string());
                        s.step = Some(q.step);
                    }
                    StatedValue::Dates(r) => {
                        s.kind = Some("dates".into());
                        let (fk, fm) = day_keys(r.from);
                        let (tk, tm) = day_keys(r.to);
                        s.from_key = Some(fk);
                        s.to_key = Some(tk);
                        s.from_md = Some(fm);
                        s.to_md = Some(tm);
                        s.has_year = Some(r.has_year());
                        s.from_year = r.from.year;
                    }
                }
                out.push(s);
            }
        };
    for (&event, stated) in &facts.stated {
        instance(event, true, facts.lead_ordinal(event), stated);
    }
    for o in &facts.others {
        instance(o.event, false, Some(o.ordinal), &o.stated);
    }
    out
}
