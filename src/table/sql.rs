//! The cross-report rules of a rule set as standard SQL over the facts
//! table ([`super::facts`]): `agree` on a slot that does not change, and
//! `expect`, computed as the engine computes them (`engine::instances` for
//! the instance each report is compared on, `engine::rules::agree` and
//! `expect` for the findings), for engines that already hold an archive
//! (Spark SQL, DuckDB).
//!
//! The query gives one row per statement a finding involves ([`Row`]):
//! the rule, the kind of finding (`disagreement`, `within_report`,
//! `expectation`), the part it is in (the authority its reports are
//! compared within, `-2` for those attributing nothing, `-1` when there
//! are not two authorities), the report (its input number and name), the
//! instance compared (`-1`: the lead one, else its ordinal), the value and
//! where it stands. `factlint combine --rows` turns such rows
//! back into full diagnostics.
//!
//! What a finding is, is the engine's: reports whose values do not all
//! agree (a hedged figure agrees with the figures it allows, a single day
//! with the days around it, a day without its year with that day of any
//! year). How its sides are drawn (the majority, ties, a hedge between two
//! sides) is the engine's alone: the rows name every report involved.

use crate::rules::{Expected, RuleKind, RuleSet};
use crate::value::Date;

use super::facts::{SCHEMA, day_keys};

/// A row of the query's result, as an engine writes it in JSON.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub rule: String,
    pub finding: String,
    pub part: i64,
    pub input: usize,
    pub inst: i64,
    #[serde(default)]
    pub report: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
}

/// The SQL dialects a query is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Spark,
    Duckdb,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Spark => "Spark SQL",
            Dialect::Duckdb => "DuckDB",
        }
    }

    /// A string literal. Spark reads a backslash as an escape; both read a
    /// doubled quote as a quote.
    fn string(self, s: &str) -> String {
        let s = match self {
            Dialect::Spark => s.replace('\\', "\\\\"),
            Dialect::Duckdb => s.to_string(),
        };
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// The columns of the facts table as a list of `name TYPE`.
pub fn schema() -> String {
    SCHEMA
        .iter()
        .map(|(n, t)| format!("{n} {t}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The statements that make the table `facts` of the files matching
/// `glob` (written by `factlint extract`: JSON lines, or Parquet when the
/// glob ends in `.parquet`). DuckDB reads them once into a table (the query
/// reads the table several times: 9 s against 164 s over a view, for
/// 100,000 reports); Spark plans the reads of a view itself (caching it
/// made small runs slower: 25-70 s against 11-16 s).
pub fn facts_view(dialect: Dialect, glob: &str) -> String {
    let parquet = glob.ends_with(".parquet");
    match dialect {
        Dialect::Spark => format!(
            "CREATE OR REPLACE TEMPORARY VIEW facts ({}) USING {} OPTIONS (path {});\n",
            schema(),
            if parquet { "parquet" } else { "json" },
            dialect.string(glob)
        ),
        Dialect::Duckdb if parquet => format!(
            "CREATE OR REPLACE TABLE facts AS SELECT * FROM read_parquet({});\n",
            dialect.string(glob)
        ),
        Dialect::Duckdb => {
            let cols = SCHEMA
                .iter()
                .map(|(n, t)| {
                    let t = if *t == "STRING" { "VARCHAR" } else { t };
                    format!("{}: {}", dialect.string(n), dialect.string(t))
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "CREATE OR REPLACE TABLE facts AS SELECT * FROM read_json({}, format = 'newline_delimited', columns = {{{cols}}});\n",
                dialect.string(glob)
            )
        }
    }
}

/// The column expressions of one side of an agreement test.
struct Side {
    kind: String,
    value: String,
    lo: String,
    hi: String,
    lo_in: String,
    hi_in: String,
    from_key: String,
    to_key: String,
    from_md: String,
    to_md: String,
    has_year: String,
}

impl Side {
    /// The columns of a table (or alias) of statements.
    fn of(t: &str) -> Side {
        let c = |n: &str| format!("{t}.{n}");
        Side {
            kind: c("kind"),
            value: c("value"),
            lo: c("lo"),
            hi: c("hi"),
            lo_in: c("lo_in"),
            hi_in: c("hi_in"),
            from_key: c("from_key"),
            to_key: c("to_key"),
            from_md: c("from_md"),
            to_md: c("to_md"),
            has_year: c("has_year"),
        }
    }

    /// The value an `expect` rule wants (columns `want_*` of `t`): exact.
    fn wanted(t: &str) -> Side {
        let c = |n: &str| format!("{t}.want_{n}");
        Side {
            kind: c("kind"),
            value: c("value"),
            lo: c("num"),
            hi: c("num"),
            lo_in: "TRUE".into(),
            hi_in: "TRUE".into(),
            from_key: c("from_key"),
            to_key: c("to_key"),
            from_md: c("from_md"),
            to_md: c("to_md"),
            has_year: c("has_year"),
        }
    }
}

/// Whether two values agree (`StatedValue::agrees`): quantities when some
/// number satisfies both (`Quantity::agrees`, within 1e-9), days when they
/// are the same or one is a single day inside the other (years compared
/// only when both have them), anything else when equal.
fn agrees(a: &Side, b: &Side) -> String {
    const EPS: &str = "1e-9";
    let lo = format!("GREATEST({}, {})", a.lo, b.lo);
    let hi = format!("LEAST({}, {})", a.hi, b.hi);
    let bound = |x: &str, at: &str, inside: &str| {
        format!("(CASE WHEN ABS({x} - {at}) <= {EPS} THEN {inside} ELSE TRUE END)")
    };
    let quantity = format!(
        "({lo} < {hi} - {EPS} OR (ABS({lo} - {hi}) <= {EPS} AND {} AND {} AND {} AND {}))",
        bound(&a.lo, &lo, &a.lo_in),
        bound(&b.lo, &lo, &b.lo_in),
        bound(&a.hi, &hi, &a.hi_in),
        bound(&b.hi, &hi, &b.hi_in),
    );
    let y = format!("({} AND {})", a.has_year, b.has_year);
    let pick =
        |with: &str, without: &str| format!("(CASE WHEN {y} THEN {with} ELSE {without} END)");
    let (af, at) = (pick(&a.from_key, &a.from_md), pick(&a.to_key, &a.to_md));
    let (bf, bt) = (pick(&b.from_key, &b.from_md), pick(&b.to_key, &b.to_md));
    let dates = format!(
        "(({af} = {bf} AND {at} = {bt}) OR ({af} = {at} AND {bf} <= {af} AND {at} <= {bt}) OR ({bf} = {bt} AND {af} <= {bf} AND {bt} <= {at}))"
    );
    format!(
        "({ak} = {bk} AND (CASE WHEN {ak} = 'quantity' THEN {quantity} WHEN {ak} = 'dates' THEN {dates} ELSE {av} = {bv} END))",
        ak = a.kind,
        bk = b.kind,
        av = a.value,
        bv = b.value,
    )
}

/// The interval columns of a quantity statement (`Quantity::interval`),
/// for a tolerance column `tol`.
fn interval_columns() -> String {
    let big = "CAST(1e308 AS DOUBLE)";
    let half = "(ABS(COALESCE(step, 0.0)) / 2.0)";
    format!(
        "CASE WHEN kind <> 'quantity' THEN NULL WHEN qualifier IS NULL THEN num - {half} \
WHEN qualifier IN ('more_than', 'at_least') THEN num \
WHEN qualifier = 'less_than' THEN -{big} ELSE num - ABS(num * tol) - {half} END AS lo,
    CASE WHEN kind <> 'quantity' THEN NULL WHEN qualifier IS NULL THEN num + {half} \
WHEN qualifier = 'less_than' THEN num \
WHEN qualifier IN ('more_than', 'at_least') THEN {big} ELSE num + ABS(num * tol) + {half} END AS hi,
    (qualifier IS NULL OR qualifier <> 'more_than') AS lo_in,
    (CASE WHEN qualifier IS NULL OR qualifier = 'about' THEN {half} = 0.0 ELSE qualifier <> 'less_than' END) AS hi_in"
    )
}

fn typed(value: Option<String>, ty: &str) -> String {
    format!("CAST({} AS {ty})", value.unwrap_or_else(|| "NULL".into()))
}

fn number(v: f64) -> String {
    // Rust prints the shortest form that reads back as the same double.
    let s = format!("{v:?}");
    if s.contains(['e', 'E']) || s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

/// An inline table: `(VALUES …) AS name(columns)`, or an empty one of the
/// same columns.
fn values(name: &str, columns: &[(&str, &str)], rows: &[Vec<String>]) -> String {
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    if rows.is_empty() {
        let nulls: Vec<String> = columns
            .iter()
            .map(|(n, t)| format!("CAST(NULL AS {t}) AS {n}"))
            .collect();
        return format!("SELECT {} WHERE 1 = 0", nulls.join(", "));
    }
    let rows: Vec<String> = rows
        .iter()
        .map(|r| format!("    ({})", r.join(", ")))
        .collect();
    format!(
        "SELECT * FROM (VALUES\n{}\n  ) AS {name}({})",
        rows.join(",\n"),
        names.join(", ")
    )
}

const AGREE_COLUMNS: &[(&str, &str)] = &[
    ("rule", "STRING"),
    ("event_no", "BIGINT"),
    ("slot_no", "BIGINT"),
    ("tol", "DOUBLE"),
];

const EXPECT_COLUMNS: &[(&str, &str)] = &[
    ("rule", "STRING"),
    ("event_no", "BIGINT"),
    ("slot_no", "BIGINT"),
    ("tol", "DOUBLE"),
    ("op", "STRING"),
    ("want_kind", "STRING"),
    ("want_value", "STRING"),
    ("want_num", "DOUBLE"),
    ("want_from_key", "BIGINT"),
    ("want_to_key", "BIGINT"),
    ("want_from_md", "BIGINT"),
    ("want_to_md", "BIGINT"),
    ("want_has_year", "BOOLEAN"),
];

/// The query: every `agree` and `expect` rule of the rule set (rules on a
/// changing slot are left to `combine`, and named in a comment).
pub fn query(rules: &RuleSet, dialect: Dialect) -> String {
    let s = |x: &str| typed(Some(dialect.string(x)), "STRING");
    let int = |x: usize| typed(Some(x.to_string()), "BIGINT");
    let mut agree_rows = Vec::new();
    let mut expect_rows = Vec::new();
    let mut left: Vec<&str> = Vec::new();
    for rule in &rules.rules {
        let changing = |event: usize, slot: usize| {
            rules
                .events
                .get(event)
                .and_then(|e| e.slots.get(slot))
                .is_some_and(|s| s.changing)
        };
        match &rule.kind {
            RuleKind::Agree {
                event,
                slot,
                tolerance,
                ..
            } => {
                if changing(*event, *slot) {
                    left.push(&rule.id);
                    continue;
                }
                agree_rows.push(vec![
                    s(&rule.id),
                    int(*event),
                    int(*slot),
                    typed(Some(number(*tolerance)), "DOUBLE"),
                ]);
            }
            RuleKind::Expect {
                event,
                slot,
                op,
                value,
                tolerance,
            } => {
                let none = || None;
                let (kind, norm, num, days) = match value {
                    Expected::Entity(id) => (
                        Some("entity"),
                        Some(rules.entity_name(*id).to_string()),
                        None,
                        None,
                    ),
                    Expected::Number(v) | Expected::Percent(v) => (
                        Some("quantity"),
                        Some(crate::value::Quantity::exact(*v).describe()),
                        Some(*v),
                        none(),
                    ),
                    Expected::Dates(a, b) => (
                        Some("dates"),
                        Some(crate::value::DateRange { from: *a, to: *b }.iso()),
                        None,
                        Some((*a, *b)),
                    ),
                    Expected::Weekday(w) => (
                        Some("weekday"),
                        crate::value::WEEKDAY_NAMES
                            .get(*w as usize)
                            .map(|n| n.to_string()),
                        None,
                        None,
                    ),
                };
                let key = |d: Option<Date>, md: bool| {
                    d.map(|d| {
                        let (k, m) = day_keys(d);
                        if md { m } else { k }.to_string()
                    })
                };
                let (from, to) = (days.map(|d: (Date, Date)| d.0), days.map(|d| d.1));
                let has_year =
                    days.map(|(a, b)| (a.year.is_some() && b.year.is_some()).to_string());
                expect_rows.push(vec![
                    s(&rule.id),
                    int(*event),
                    int(*slot),
                    typed(Some(number(*tolerance)), "DOUBLE"),
                    s(op.slug()),
                    typed(kind.map(|k| dialect.string(k)), "STRING"),
                    typed(norm.map(|n| dialect.string(&n)), "STRING"),
                    typed(num.map(number), "DOUBLE"),
                    typed(key(from, false), "BIGINT"),
                    typed(key(to, false), "BIGINT"),
                    typed(key(from, true), "BIGINT"),
                    typed(key(to, true), "BIGINT"),
                    typed(has_year, "BOOLEAN"),
                ]);
            }
            RuleKind::Series { .. } => left.push(&rule.id),
            RuleKind::Compare { .. }
            | RuleKind::Weekdays
            | RuleKind::Breakdowns
            | RuleKind::Names => {}
        }
    }
    let stated_agrees_want = agrees(&Side::of("e"), &Side::wanted("e"));
    let holds = format!(
        "CASE WHEN e.op = 'eq' THEN {stated_agrees_want}
      WHEN e.op = 'ne' THEN NOT {stated_agrees_want}
      WHEN e.kind = 'quantity' AND e.want_kind = 'quantity' THEN
        (CASE e.op WHEN 'lt' THEN e.num < e.want_num - 1e-9 WHEN 'le' THEN e.num <= e.want_num + 1e-9
                   WHEN 'gt' THEN e.num > e.want_num + 1e-9 ELSE e.num >= e.want_num - 1e-9 END)
      ELSE TRUE END"
    );
    let left_note = if left.is_empty() {
        String::new()
    } else {
        format!(
            "-- Left to `factlint combine` (figures that change over time): {}.\n",
            left.join(", ")
        )
    };
    let iv = interval_columns();
    format!(
        "-- The cross-report rules of {file} as {dialect} SQL, over the table `facts`
-- (`factlint extract` writes it, facts-I-of-N.jsonl; columns: `factlint sql --schema`).
-- One row per statement a finding involves; `factlint combine --rows` draws them.
{left_note}WITH
agree_rules AS (
  {agree}
),
expect_rules AS (
  {expect}
),
reports AS (SELECT input, report, report_year FROM facts WHERE fact = 'report'),
instances AS (
  SELECT input, event_no, is_lead, ordinal, CASE WHEN is_lead THEN -1 ELSE ordinal END AS inst
  FROM facts WHERE fact = 'instance'
),
statements AS (
  SELECT input, report, event, event_no, slot, slot_no, kind, value, num, qualifier, step,
    from_key, to_key, from_md, to_md, has_year, from_year, authority_no, conflicts,
    span_start, span_end, CASE WHEN is_lead THEN -1 ELSE ordinal END AS inst
  FROM facts WHERE fact = 'statement'
),
-- The year of an instance's dates: the first date slot that states a year.
inst_year AS (
  SELECT input, event_no, inst, from_year AS dates_year FROM (
    SELECT input, event_no, inst, from_year,
      ROW_NUMBER() OVER (PARTITION BY input, event_no, inst ORDER BY slot_no) AS k
    FROM statements WHERE kind = 'dates' AND from_year IS NOT NULL
  ) t WHERE k = 1
),
-- The reports with a lead instance of each event, and the year each counts in.
about AS (
  SELECT i.input, i.event_no, i.ordinal AS lead_ordinal, r.report_year,
    COALESCE(y.dates_year, r.report_year) AS year_of
  FROM instances i
  JOIN reports r ON r.input = i.input
  LEFT JOIN inst_year y ON y.input = i.input AND y.event_no = i.event_no AND y.inst = -1
  WHERE i.is_lead
),
events AS (SELECT DISTINCT event_no FROM about),
all_years AS (
  SELECT report_year AS yr, COUNT(*) AS n FROM reports WHERE report_year IS NOT NULL GROUP BY report_year
),
-- The run's year per event: every report's own year, but the year of the
-- event's dates for the reports about it; most counted, the earliest on a tie.
year_counts AS (
  SELECT event_no, yr, SUM(n) AS n FROM (
    SELECT e.event_no, a.yr, a.n FROM events e CROSS JOIN all_years a
    UNION ALL SELECT event_no, report_year AS yr, -1 AS n FROM about WHERE report_year IS NOT NULL
    UNION ALL SELECT event_no, year_of AS yr, 1 AS n FROM about WHERE year_of IS NOT NULL
  ) c GROUP BY event_no, yr
),
run_year AS (
  SELECT event_no, yr AS run_year FROM (
    SELECT event_no, yr, ROW_NUMBER() OVER (PARTITION BY event_no ORDER BY n DESC, yr) AS k
    FROM year_counts WHERE n > 0
  ) t WHERE k = 1
),
-- The run's edition: the ordinal most reports of the run's year mention.
of_year AS (
  SELECT a.input, a.event_no FROM about a LEFT JOIN run_year y ON y.event_no = a.event_no
  WHERE y.run_year IS NULL OR a.year_of IS NULL OR a.year_of = y.run_year
),
mentioned AS (
  SELECT DISTINCT i.input, i.event_no, i.ordinal FROM instances i
  JOIN of_year a ON a.input = i.input AND a.event_no = i.event_no
  WHERE i.ordinal IS NOT NULL
),
run_ordinal AS (
  SELECT event_no, ordinal AS run_ordinal FROM (
    SELECT event_no, ordinal, ROW_NUMBER() OVER (PARTITION BY event_no ORDER BY COUNT(*) DESC, ordinal) AS k
    FROM mentioned GROUP BY event_no, ordinal
  ) t WHERE k = 1
),
-- A report leading with another edition is compared on the run's when it
-- mentions it.
chosen AS (
  SELECT a.input, a.event_no, a.lead_ordinal, a.report_year, y.run_year, o.run_ordinal,
    CASE WHEN a.lead_ordinal IS NOT NULL AND o.run_ordinal IS NOT NULL
      AND a.lead_ordinal <> o.run_ordinal AND s.input IS NOT NULL
    THEN o.run_ordinal ELSE -1 END AS inst
  FROM about a
  LEFT JOIN run_year y ON y.event_no = a.event_no
  LEFT JOIN run_ordinal o ON o.event_no = a.event_no
  LEFT JOIN instances s ON s.input = a.input AND s.event_no = a.event_no
    AND NOT s.is_lead AND s.ordinal = o.run_ordinal
),
-- Set apart: dates in another year than the run's, or another edition dated
-- another year.
compared AS (
  SELECT c.input, c.event_no, c.inst FROM chosen c
  LEFT JOIN inst_year d ON d.input = c.input AND d.event_no = c.event_no AND d.inst = c.inst
  WHERE NOT (c.run_year IS NOT NULL AND (
    (d.dates_year IS NOT NULL AND d.dates_year <> c.run_year)
    OR (d.dates_year IS NULL AND c.report_year IS NOT NULL AND c.report_year <> c.run_year
      AND c.lead_ordinal IS NOT NULL AND c.run_ordinal IS NOT NULL
      AND c.lead_ordinal <> c.run_ordinal AND c.inst = -1)))
),
compared_st AS (
  SELECT s.* FROM statements s
  JOIN compared c ON c.input = s.input AND c.event_no = s.event_no AND c.inst = s.inst
),
agree_st AS (
  SELECT r.rule, r.tol, s.*,
    {iv}
  FROM compared_st s JOIN agree_rules r ON r.event_no = s.event_no AND r.slot_no = s.slot_no
),
-- Authorities: with two or more, each report is compared within its own
-- (one attributing nothing, within the first whose values agree with it).
authorities AS (
  SELECT rule, COUNT(DISTINCT authority_no) AS n FROM agree_st
  WHERE authority_no IS NOT NULL GROUP BY rule
),
attributed AS (
  SELECT DISTINCT rule, authority_no, kind, value, lo, hi, lo_in, hi_in,
    from_key, to_key, from_md, to_md, has_year
  FROM agree_st WHERE authority_no IS NOT NULL
),
matched AS (
  SELECT a.rule, a.input, MIN(b.authority_no) AS part
  FROM agree_st a JOIN attributed b ON b.rule = a.rule AND {ab}
  WHERE a.authority_no IS NULL GROUP BY a.rule, a.input
),
parted AS (
  SELECT a.*, CASE WHEN COALESCE(n.n, 0) < 2 THEN -1
    WHEN a.authority_no IS NOT NULL THEN a.authority_no
    ELSE COALESCE(m.part, -2) END AS part
  FROM agree_st a
  LEFT JOIN authorities n ON n.rule = a.rule
  LEFT JOIN matched m ON m.rule = a.rule AND m.input = a.input
),
-- A part disagrees when two of its values do not agree.
dv AS (
  SELECT DISTINCT rule, part, kind, value, lo, hi, lo_in, hi_in,
    from_key, to_key, from_md, to_md, has_year
  FROM parted
),
clash AS (
  SELECT DISTINCT x.rule, x.part FROM dv x
  JOIN dv y ON y.rule = x.rule AND y.part = x.part AND x.value < y.value
  WHERE NOT {xy}
),
expect_fail AS (
  SELECT e.* FROM (
    SELECT r.rule, r.tol, r.op, r.want_kind, r.want_value, r.want_num, r.want_from_key,
      r.want_to_key, r.want_from_md, r.want_to_md, r.want_has_year, s.*,
      {iv}
    FROM compared_st s JOIN expect_rules r ON r.event_no = s.event_no AND r.slot_no = s.slot_no
  ) e
  WHERE NOT ({holds})
)
SELECT p.rule, 'disagreement' AS finding, p.part, p.input, p.inst, p.report, p.event, p.slot,
  p.value, p.span_start, p.span_end
FROM parted p JOIN clash c ON c.rule = p.rule AND c.part = p.part
UNION ALL
SELECT rule, 'within_report' AS finding, -1 AS part, input, inst, report, event, slot, value,
  span_start, span_end
FROM agree_st WHERE conflicts > 0
UNION ALL
SELECT rule, 'expectation' AS finding, -1 AS part, input, inst, report, event, slot, value,
  span_start, span_end
FROM expect_fail
ORDER BY rule, finding, part, input;
",
        file = rules.file,
        dialect = dialect.name(),
        agree = values("agree_rules", AGREE_COLUMNS, &agree_rows),
        expect = values("expect_rules", EXPECT_COLUMNS, &expect_rows),
        ab = agrees(&Side::of("a"), &Side::of("b")),
        xy = agrees(&Side::of("x"), &Side::of("y")),
    )
}
