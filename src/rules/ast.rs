//! Stage "parse rules", output: the typed syntax tree of one rule file.
//!
//! Every node keeps the byte span it was read from, so the checker and the
//! formatter can point at the user's own text. Nothing here knows about pest.

use serde::Serialize;

use crate::span::Span;

/// A value with the byte span of the text it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Self { node, span }
    }
}

/// A whole rule file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RuleFile {
    pub items: Vec<Item>,
    /// Comments, in file order, with their spans (kept for the formatter).
    pub comments: Vec<Comment>,
    /// Stretches skipped after syntax errors: names declared there are
    /// unknown to the checker, so errors about them are not reported.
    #[serde(skip)]
    pub skipped: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    /// The text after `#`, without the line break.
    pub text: String,
    pub span: Span,
    /// True when code stands before the comment on its line.
    pub trailing: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Item {
    Title(Spanned<String>),
    Vocab(VocabEntry),
    Event(EventDecl),
    Expect(ExpectRule),
    Agree(AgreeRule),
    Check(CheckRule),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Title(t) => t.span,
            Item::Vocab(v) => v.span,
            Item::Event(e) => e.span,
            Item::Expect(r) => r.span,
            Item::Agree(r) => r.span,
            Item::Check(r) => r.span,
        }
    }
}

/// `city Moscow = "موسكو" | "Moscow"`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VocabEntry {
    pub kind: Spanned<String>,
    pub name: Spanned<String>,
    pub aliases: Vec<Spanned<String>>,
    /// The built-in place's names are wanted too: the entry is given by
    /// name alone (`city Moscow`) or adds to them (`city Moscow += "…"`).
    pub builtin: bool,
    /// `in Lebanon`: the country of the built-in place, when several share
    /// its name.
    pub country: Option<Spanned<String>>,
    pub span: Span,
}

/// `event meeting { … }`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDecl {
    pub name: Spanned<String>,
    pub members: Vec<EventMember>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum EventMember {
    /// `trigger = …`, `exclude = …` or `stages = …`.
    Words {
        list: WordList,
        aliases: Vec<Spanned<String>>,
        span: Span,
    },
    Slot(SlotDecl),
}

/// The word lists of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WordList {
    /// What names the event.
    Trigger,
    /// Words that, in a trigger's phrase, make it name another event.
    Exclude,
    /// Parts of the event with their own dates and figures.
    Stages,
}

impl WordList {
    pub fn keyword(self) -> &'static str {
        match self {
            WordList::Trigger => "trigger",
            WordList::Exclude => "exclude",
            WordList::Stages => "stages",
        }
    }
}

impl EventMember {
    pub fn span(&self) -> Span {
        match self {
            EventMember::Words { span, .. } => *span,
            EventMember::Slot(s) => s.span,
        }
    }
}

/// `venue : city within sentence else document`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotDecl {
    pub name: Spanned<String>,
    pub ty: Spanned<SlotTypeExpr>,
    pub scope: Option<Spanned<String>>,
    pub fallback: Option<Spanned<String>>,
    /// `changing`: the figure grows as it is updated (the keyword, with its
    /// place).
    pub changing: Option<Spanned<String>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SlotTypeExpr {
    /// `city`, `ordinal`, `daterange` …
    Named(String),
    /// `count(country)`
    Count(Spanned<String>),
}

/// `meeting.venue`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotPath {
    pub event: Spanned<String>,
    pub slot: Spanned<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// Its name in rule ids and SQL: `eq`, `ne`, `lt`, `le`, `gt`, `ge`.
    pub fn slug(self) -> &'static str {
        match self {
            CmpOp::Eq => "eq",
            CmpOp::Ne => "ne",
            CmpOp::Lt => "lt",
            CmpOp::Le => "le",
            CmpOp::Gt => "gt",
            CmpOp::Ge => "ge",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// Applies the comparison to two numbers.
    pub fn holds(self, a: f64, b: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self {
            CmpOp::Eq => (a - b).abs() < EPS,
            CmpOp::Ne => (a - b).abs() >= EPS,
            CmpOp::Lt => a < b - EPS,
            CmpOp::Le => a <= b + EPS,
            CmpOp::Gt => a > b + EPS,
            CmpOp::Ge => a >= b - EPS,
        }
    }
}

/// A literal as written. Numbers keep their text so the formatter can
/// reproduce `1,240` as the author wrote it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Literal {
    Number { text: String, value: f64 },
    Percent { text: String, value: f64 },
    Date(String),
    DateRange(String, String),
    Str(String),
    Name(String),
}

/// `{ id = "…"  severity = warning }`
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleOption {
    pub key: Spanned<String>,
    pub value: Spanned<Literal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectRule {
    pub path: SlotPath,
    pub op: Spanned<CmpOp>,
    pub value: Spanned<Literal>,
    pub options: Vec<RuleOption>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreeRule {
    pub path: SlotPath,
    pub options: Vec<RuleOption>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum CheckBody {
    Weekdays,
    Breakdowns,
    Names,
    /// `check series EVENT.SLOT`
    Series(SlotPath),
    Compare {
        left: Spanned<Expr>,
        op: Spanned<CmpOp>,
        right: Spanned<Expr>,
        per: Option<Spanned<String>>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckRule {
    pub body: CheckBody,
    pub options: Vec<RuleOption>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Func {
    Sum,
    Count,
    Min,
    Max,
}

impl Func {
    pub fn as_str(self) -> &'static str {
        match self {
            Func::Sum => "sum",
            Func::Count => "count",
            Func::Min => "min",
            Func::Max => "max",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expr {
    Number {
        text: String,
        value: f64,
    },
    Percent {
        text: String,
        value: f64,
    },
    Call {
        func: Func,
        arg: Spanned<String>,
    },
    Binary {
        op: BinOp,
        left: Box<Spanned<Expr>>,
        right: Box<Spanned<Expr>>,
    },
    Paren(Box<Spanned<Expr>>),
}
