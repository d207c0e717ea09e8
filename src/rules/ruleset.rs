//! Stage "check rules", output: a [`RuleSet`], every name resolved and every
//! type checked. The engine and the extractors read only this.

use serde::Serialize;

use super::ast::{BinOp, CmpOp, Func};
use crate::span::Span;
use crate::value::Date;

pub type EntityId = usize;

#[derive(Debug, Clone, Serialize)]
pub struct RuleSet {
    pub title: Option<String>,
    /// Display name of the rule file.
    pub file: String,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub rules: Vec<Rule>,
}

impl RuleSet {
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id)
    }

    pub fn entity_name(&self, id: EntityId) -> &str {
        self.entities.get(id).map_or("?", |e| e.name.as_str())
    }

    pub fn units(&self) -> impl Iterator<Item = (EntityId, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_unit())
    }
}

/// A vocabulary entry: `city Moscow = "موسكو" | "Moscow"`.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub name: String,
    pub kind: String,
    /// Aliases as written in the rule file, then the names of the built-in
    /// place it is (`city Moscow`), those no other entry claims.
    pub aliases: Vec<String>,
    /// The built-in place the entry is, described (`--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// How many of `aliases` the rule file wrote (the rest are built in).
    #[serde(skip)]
    pub written: usize,
}

impl Entity {
    pub fn is_unit(&self) -> bool {
        self.kind == "unit"
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub name: String,
    pub triggers: Vec<String>,
    /// Words that, in a trigger's phrase, make it name another event
    /// (`exclude`).
    pub exclude: Vec<String>,
    /// Parts of the event with their own dates and figures (`stages`).
    pub stages: Vec<String>,
    pub slots: Vec<Slot>,
}

impl Event {
    pub fn slot_index(&self, name: &str) -> Option<usize> {
        self.slots.iter().position(|s| s.name == name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Slot {
    pub name: String,
    pub ty: SlotType,
    pub scope: Scope,
    pub fallback: Option<Scope>,
    /// A figure that grows as it is updated: compared time by time.
    pub changing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SlotType {
    /// A vocabulary kind: `city`, `person` …
    Entity(String),
    Number,
    Ordinal,
    Date,
    DateRange,
    Weekday,
    Percent,
    Count(EntityId),
}

impl SlotType {
    /// The type's name as a rule author writes it.
    pub fn describe(&self, rules: &RuleSet) -> String {
        match self {
            SlotType::Entity(k) => k.clone(),
            SlotType::Number => "number".into(),
            SlotType::Ordinal => "ordinal".into(),
            SlotType::Date => "date".into(),
            SlotType::DateRange => "daterange".into(),
            SlotType::Weekday => "weekday".into(),
            SlotType::Percent => "percent".into(),
            SlotType::Count(u) => format!("count({})", rules.entity_name(*u)),
        }
    }
}

/// How far around a trigger a slot looks, from narrowest to widest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Phrase,
    Sentence,
    Paragraph,
    Document,
}

impl Scope {
    pub fn parse(word: &str) -> Option<Scope> {
        Some(match word {
            "phrase" => Scope::Phrase,
            "sentence" => Scope::Sentence,
            "paragraph" => Scope::Paragraph,
            "document" | "source" => Scope::Document,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Phrase => "phrase",
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Document => "document",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(word: &str) -> Option<Severity> {
        Some(match word {
            "error" => Severity::Error,
            "warning" | "warn" => Severity::Warning,
            "info" | "note" => Severity::Info,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub message: Option<String>,
    pub help: Option<String>,
    pub kind: RuleKind,
    /// Where the rule is written in the rule file.
    pub span: Span,
    /// The rule as written, for reports.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub enum RuleKind {
    Expect {
        event: usize,
        slot: usize,
        op: CmpOp,
        value: Expected,
        tolerance: f64,
    },
    Agree {
        event: usize,
        slot: usize,
        tolerance: f64,
        /// For a changing slot: figures stated within this many minutes
        /// of each other are for the same time.
        window: u16,
    },
    Compare {
        left: CExpr,
        op: CmpOp,
        right: CExpr,
        per: Scope,
    },
    Weekdays,
    Breakdowns,
    /// `check names`: a word one letter from a declared person's name.
    Names,
    /// `check series EVENT.SLOT`: a changing figure never goes down, and
    /// its stated times follow its values.
    Series {
        event: usize,
        slot: usize,
    },
}

/// A literal resolved against the slot it is compared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expected {
    Entity(EntityId),
    Number(f64),
    Percent(f64),
    Dates(Date, Date),
    Weekday(u8),
}

/// Figures a `check` expression aggregates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Figure {
    Percent,
    Number,
    Unit(EntityId),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum CExpr {
    Const(f64),
    Agg { func: Func, figure: Figure },
    Bin(BinOp, Box<CExpr>, Box<CExpr>),
}

impl CExpr {
    /// Every aggregate the expression reads.
    pub fn figures(&self, out: &mut Vec<(Func, Figure)>) {
        match self {
            CExpr::Const(_) => {}
            CExpr::Agg { func, figure } => out.push((*func, *figure)),
            CExpr::Bin(_, a, b) => {
                a.figures(out);
                b.figures(out);
            }
        }
    }
}

/// Default tolerance for approximate figures ("about 100"): 10%.
/// Figures of a changing slot stated within an hour are for one time.
pub const DEFAULT_WINDOW: u16 = 60;
pub const DEFAULT_TOLERANCE: f64 = 0.10;
