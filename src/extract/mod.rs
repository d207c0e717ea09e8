//! Stage "extract": a [`SourceFile`] (and, optionally, the vocabulary of a
//! rule set) → [`Extraction`]: every claim with its span in the original
//! bytes, and every mention of an event with its phrase.
//!
//! One pass over the tokens of the document: at each token the recognisers
//! are tried from the most specific to the least (date, percent, ordinal,
//! cardinal or count, weekday); a recogniser that reads tokens consumes
//! them. Vocabulary matches come from one automaton pass
//! ([`vocab::Vocabulary`]).

pub mod cursor;
pub mod dates;
pub mod doubts;
pub mod furniture;
mod via;
pub use via::Via;
pub mod lang;
pub mod lexicon;
pub mod near;
pub mod numbers;
pub mod shares;
pub mod stamps;
pub mod stream;
pub mod translit;
pub mod vocab;

use serde::Serialize;

use crate::rules::{EntityId, RuleSet};
use crate::source::SourceFile;
use crate::span::Span;
use crate::text::segment::{Segments, TokKind, segment};
use crate::text::{Normalized, normalize};
use crate::value::{DateRange, Qualifier, Quantity, WEEKDAY_NAMES, format_number};

use cursor::Cursor;
use dates::{DateValue, Grain, date, day_word_before, weekday_at};
use lexicon::{BREAKDOWN_MARKERS, CLAUSE_WORDS, EDITION_WORDS};
use numbers::{cardinal, ordinal, percent, qualifier_before};
use vocab::{Target, VocabMatch, Vocabulary};

/// What a claim says.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClaimValue {
    Number {
        value: Quantity,
    },
    Ordinal {
        value: u32,
    },
    Date {
        value: DateValue,
    },
    Weekday {
        value: u8,
    },
    Percent {
        value: Quantity,
    },
    Count {
        unit: EntityId,
        value: Quantity,
    },
    Entity {
        entity: EntityId,
    },
    Dateline {
        place: String,
        entity: Option<EntityId>,
    },
    Breakdown {
        total: Quantity,
        total_span: Span,
        parts: Vec<Part>,
        exhaustive: bool,
    },
    /// A word one letter from a declared person's name (`check names`):
    /// the report writes `written`, the alias word is `declared`.
    NearName {
        entity: EntityId,
        declared: String,
        written: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub value: f64,
    pub span: Span,
    /// What the part is rounded to ([`Quantity::step`]), 0 when exact.
    #[serde(rename = "rounded_to", skip_serializing_if = "crate::value::is_zero")]
    pub step: f64,
}

impl ClaimValue {
    pub fn kind_name(&self) -> &'static str {
        match self {
            ClaimValue::Number { .. } => "number",
            ClaimValue::Ordinal { .. } => "ordinal",
            ClaimValue::Date { .. } => "date",
            ClaimValue::Weekday { .. } => "weekday",
            ClaimValue::Percent { .. } => "percent",
            ClaimValue::Count { .. } => "count",
            ClaimValue::Entity { .. } => "entity",
            ClaimValue::Dateline { .. } => "dateline",
            ClaimValue::Breakdown { .. } => "breakdown",
            ClaimValue::NearName { .. } => "near_name",
        }
    }

    /// The value as one normalised string (what two claims compare on).
    pub fn normalized(&self, rules: Option<&RuleSet>) -> String {
        let name =
            |id: EntityId| rules.map_or_else(|| id.to_string(), |r| r.entity_name(id).to_string());
        match self {
            ClaimValue::Number { value } | ClaimValue::Percent { value } => {
                let s = value.describe();
                if matches!(self, ClaimValue::Percent { .. }) {
                    format!("{s}%")
                } else {
                    s
                }
            }
            ClaimValue::Ordinal { value } => format!("#{value}"),
            ClaimValue::Date { value } => match value.grain {
                Grain::Day => value.range.iso(),
                Grain::Month => match value.range.from.year {
                    Some(y) => format!("{y:04}-{:02}", value.range.from.month),
                    None => format!("--{:02}", value.range.from.month),
                },
                Grain::Year => value.range.from.iso().get(..4).unwrap_or("").to_string(),
            },
            ClaimValue::Weekday { value } => WEEKDAY_NAMES
                .get(*value as usize)
                .unwrap_or(&"?")
                .to_string(),
            ClaimValue::Count { unit, value } => format!("{} × {}", value.describe(), name(*unit)),
            ClaimValue::Entity { entity } => name(*entity),
            ClaimValue::NearName {
                entity, written, ..
            } => format!("{written} ≈ {}", name(*entity)),
            ClaimValue::Dateline { place, entity } => entity.map_or_else(|| place.clone(), name),
            ClaimValue::Breakdown { total, parts, .. } => format!(
                "{} = {}",
                total.describe(),
                parts
                    .iter()
                    .map(|p| format_number(p.value))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
        }
    }
}

/// One statement found in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    #[serde(flatten)]
    pub value: ClaimValue,
    /// Original byte range.
    pub span: Span,
    /// Token range in the document.
    #[serde(skip)]
    pub tokens: (usize, usize),
    pub sentence: u32,
    pub paragraph: u32,
    /// The clause holding it (sentences cut at `,` `;` `:`): a slot prefers
    /// the values of its trigger's clause.
    #[serde(skip)]
    pub clause: u32,
    /// A part of a total (`منها 140`, `of which 140`, `dont 37`): it fills
    /// no slot, the total does.
    #[serde(skip)]
    pub part: bool,
    /// The preposition that introduces a name (`in Moscow`, `بموسكو`, `from
    /// Vienna`): a slot prefers a name said where the event is, and never
    /// takes one said where someone comes from.
    #[serde(skip)]
    pub governor: Governor,
    /// A count of those invited (`60 countries were invited`, `دعيت 60
    /// دولة`), not of those who took part: it fills no count slot.
    #[serde(skip)]
    pub invited: bool,
    /// For a percent: the whole it is a share of, as far as sums of
    /// percents go (a rate of change is none).
    #[serde(skip)]
    pub share: shares::Share,
    /// For a percent: the word that names its whole after it (`of the
    /// vote`), as a number; 0 when none is named.
    #[serde(skip)]
    pub named_whole: u32,
    /// For a figure: when it is stated for, and who states it.
    #[serde(skip)]
    pub at: Option<stamps::Stamp>,
    #[serde(skip)]
    pub by: Option<EntityId>,
    /// How it was found: the recogniser, or the alias that matched.
    pub via: Via,
}

/// A trigger occurrence: one mention of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub event: usize,
    pub span: Span,
    #[serde(skip)]
    pub tokens: (usize, usize),
    /// The trigger's phrase, as a token range.
    #[serde(skip)]
    pub phrase: (usize, usize),
    pub sentence: u32,
    pub paragraph: u32,
    #[serde(skip)]
    pub clause: u32,
    /// The words that name the event in its phrase (articles dropped):
    /// `الاجتماع الدولي الثالث عشر` → `دولي`.
    pub descriptor: Vec<String>,
    /// The original words that name the event: the trigger and its
    /// descriptor (`الاجتماع الإقليمي`).
    pub name: String,
    /// Shared with the vocabulary: a long report has many mentions.
    pub alias: std::sync::Arc<str>,
    /// Introduced by a demonstrative (`هذا الاجتماع`, `this meeting`): it
    /// refers back to something the report named before.
    pub demonstrative: bool,
    /// A stage of the event (`semi-final`), not the event: the values
    /// nearest to it are the stage's.
    pub stage: bool,
    /// A year written in the trigger's phrase (`the quake of 1994`,
    /// `قمة 2014`): a mention of that year's event.
    pub year: Option<i16>,
    /// An earlier instance, said by an adjective (`الانتخابات السابقة`,
    /// `the previous election`): what is said of it is not said of the
    /// event the report is about.
    pub previous: bool,
    /// The next instance, said by an adjective (`the next meeting`,
    /// `الاجتماع المقبل`): another instance once the report has named the
    /// event plainly before it.
    pub next: bool,
}

/// Text set aside by extraction, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Aside {
    /// Page furniture: not read at all.
    Furniture(furniture::Furniture),
    /// Doubtful text (see [`doubts`]).
    Doubt(doubts::Doubt),
}

impl Aside {
    pub fn describe(self) -> String {
        match self {
            Aside::Furniture(f) => f.describe().to_string(),
            Aside::Doubt(d) => d.describe(),
        }
    }

    /// The word `claims` and `--explain` use: `skipped` or `doubtful`.
    pub fn kind(self) -> &'static str {
        match self {
            Aside::Furniture(_) => "skipped",
            Aside::Doubt(_) => "doubtful",
        }
    }

    pub fn via(self) -> &'static str {
        match self {
            Aside::Furniture(_) => "page furniture",
            Aside::Doubt(_) => "doubt",
        }
    }
}

/// All that extraction found in one report.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub mentions: Vec<Mention>,
    /// What was set aside, with why (original bytes): lines of page
    /// furniture, and doubtful text (a day the calendar lacks …), in order.
    pub skipped: Vec<(Span, Aside)>,
    /// The report's language.
    pub lang: crate::source::Lang,
    /// The year of the report's date (front matter).
    pub report_year: Option<i16>,
}

/// Which claims the rules of a rule set can read. A run keeps only those,
/// so memory grows with what matters, not with the text. The slots of the
/// events are read here; each rule kind adds what it reads
/// (`engine::relevance`).
#[derive(Debug, Clone, Default)]
pub struct Relevance {
    pub kinds: Vec<String>,
    pub units: Vec<EntityId>,
    pub numbers: bool,
    pub ordinals: bool,
    pub percents: bool,
    pub days: bool,
    pub weekdays: bool,
    pub dated_weekdays: bool,
    pub breakdowns: bool,
    pub near_names: bool,
}

impl Relevance {
    /// The claims that can fill a slot of an event.
    pub fn of_slots(rules: &RuleSet) -> Relevance {
        use crate::rules::SlotType;
        let mut r = Relevance::default();
        for ev in &rules.events {
            for s in &ev.slots {
                match &s.ty {
                    SlotType::Entity(k) => r.kinds.push(k.clone()),
                    SlotType::Number => r.numbers = true,
                    SlotType::Ordinal => r.ordinals = true,
                    SlotType::Percent => r.percents = true,
                    SlotType::Date | SlotType::DateRange => r.days = true,
                    SlotType::Weekday => {
                        r.weekdays = true;
                        r.dated_weekdays = true;
                    }
                    SlotType::Count(u) => r.units.push(*u),
                }
            }
        }
        r
    }

    pub fn keeps(&self, c: &Claim, rules: &RuleSet) -> bool {
        match &c.value {
            ClaimValue::Number { .. } => self.numbers,
            ClaimValue::Ordinal { .. } => self.ordinals,
            ClaimValue::Percent { .. } => self.percents,
            ClaimValue::Date { value } => {
                (self.days && value.grain == Grain::Day)
                    || (self.dated_weekdays && value.weekday.is_some())
            }
            ClaimValue::Weekday { .. } => self.weekdays,
            ClaimValue::Count { unit, .. } => self.units.contains(unit),
            ClaimValue::Entity { entity } => rules
                .entity(*entity)
                .is_some_and(|e| self.kinds.contains(&e.kind)),
            ClaimValue::Dateline { .. } => false,
            ClaimValue::Breakdown { .. } => self.breakdowns,
            ClaimValue::NearName { .. } => self.near_names,
        }
    }
}

impl Extraction {
    /// Gives back the room of what was dropped (a run keeps extractions
    /// until it has read every report).
    pub fn shrink(&mut self) {
        self.claims.shrink_to_fit();
        self.mentions.shrink_to_fit();
    }
}

struct Doc<'a> {
    /// The window's text as written (`src.text` may hold nothing: a long
    /// report is read window by window).
    body: &'a str,
    /// Where the window read starts in the report's text.
    base: usize,
    norm: Normalized,
    seg: Segments,
    /// The clause of each token.
    clauses: Vec<usize>,
    /// The year of the report's date (front matter).
    report_year: Option<i16>,
}

/// Clause numbers by token: a new clause after `,` `،` `;` `؛` `:` and at
/// each sentence.
fn clauses(seg: &Segments, text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(seg.tokens.len());
    let mut n = 0;
    let mut sentence = 0;
    for t in &seg.tokens {
        if t.sentence != sentence {
            sentence = t.sentence;
            n += 1;
        }
        out.push(n);
        if t.kind == TokKind::Punct && matches!(t.text(text), "," | "،" | ";" | "؛" | ":") {
            n += 1;
        }
    }
    out
}

impl Doc<'_> {
    /// The words of a span of the report (inside the window) as written.
    fn written(&self, span: Span) -> &str {
        self.body
            .get(span.start.saturating_sub(self.base)..span.end.saturating_sub(self.base))
            .unwrap_or("")
    }

    fn orig(&self, a: usize, b: usize) -> Span {
        let base = self.base;
        let s = self.norm.map.to_orig(a, b);
        Span::new(s.start + base, s.end + base)
    }

    fn tok_span(&self, a: usize, b: usize) -> Span {
        let (Some(first), Some(last)) = (
            self.seg.tokens.get(a),
            self.seg.tokens.get(b.saturating_sub(1)),
        ) else {
            return Span::default();
        };
        self.orig(first.start as usize, last.end as usize)
    }

    fn claim(&self, value: ClaimValue, a: usize, b: usize, via: impl Into<Via>) -> Claim {
        let t = self.seg.tokens.get(a);
        Claim {
            value,
            span: self.tok_span(a, b),
            tokens: (a, b),
            sentence: t.map_or(0, |t| t.sentence),
            paragraph: t.map_or(0, |t| t.paragraph),
            clause: self.clauses.get(a).map_or(0, |&c| index(c)),
            part: false,
            governor: Governor::None,
            invited: false,
            share: shares::Share::Listed,
            named_whole: 0,
            at: None,
            by: None,
            via: via.into(),
        }
    }
}

/// Index of the token holding normalised byte `pos`.
fn token_at(seg: &Segments, pos: usize) -> usize {
    seg.tokens.partition_point(|t| (t.end as usize) <= pos)
}

/// Reads a report: the recognisers over its tokens, then the vocabulary
/// (entities and event mentions), then datelines and breakdowns.
pub fn extract(
    src: &SourceFile,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
) -> Extraction {
    extract_keeping(src, rules, vocab, &|_| true)
}

/// The bytes of text read at a time: a longer report is read in windows
/// of about this size, each cut after a line end (a blank line when one is
/// near), so that the working copies of a long report (folded text, tokens:
/// five to eight times its size) stay those of one window, and the windows
/// of one report are read in parallel. A window holds whole paragraphs:
/// every recogniser reads within a paragraph, so the claims are those of
/// the report read at once, numbered the same; only page furniture that
/// runs across a cut is not seen whole. A report without line ends (one
/// long line) is read at once.
pub const WINDOW: usize = 1 << 20;

/// Where each window of the body (`text[from..]`) starts and ends.
fn windows(text: &str, from: usize, size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from.min(text.len());
    let bytes = text.as_bytes();
    while text.len() - start > size.saturating_add(size / 2) {
        let target = start.saturating_add(size);
        let rest = bytes.get(target..).unwrap_or_default();
        let near = rest.get(..rest.len().min(size / 16)).unwrap_or_default();
        let cut = near
            .windows(2)
            .position(|w| w == b"\n\n")
            .map(|i| i + 2)
            .or_else(|| rest.iter().position(|&b| b == b'\n').map(|i| i + 1));
        let Some(cut) = cut.map(|c| target + c).filter(|&c| c < text.len()) else {
            break;
        };
        out.push((start, cut));
        start = cut;
    }
    out.push((start, text.len()));
    out
}

/// [`extract`], keeping only the claims `keep` accepts (a run keeps the
/// claims its rules read, window by window).
pub fn extract_keeping(
    src: &SourceFile,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
    keep: &(dyn Fn(&Claim) -> bool + Sync),
) -> Extraction {
    extract_in_windows(src, rules, vocab, keep, WINDOW)
}

/// [`extract_keeping`] with windows of another size (`usize::MAX`: the
/// whole report at once); the claims are the same whatever the size.
pub fn extract_in_windows(
    src: &SourceFile,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
    keep: &(dyn Fn(&Claim) -> bool + Sync),
    window: usize,
) -> Extraction {
    use rayon::prelude::*;
    let ranges = windows(&src.text, src.body_start(), window);
    let read = |k: usize, r: (usize, usize)| {
        let body = src.text.get(r.0..r.1).unwrap_or("");
        read_window(src, rules, vocab, keep, (body, r.0), k == 0)
    };
    let parts: Vec<(Extraction, Counts)> = if ranges.len() == 1 {
        ranges.iter().map(|&r| read(0, r)).collect()
    } else {
        ranges
            .par_iter()
            .enumerate()
            .map(|(k, &r)| read(k, r))
            .collect()
    };
    join(parts).unwrap_or_else(|| empty_extraction(src))
}

/// Reads a window and prunes it to the claims `keep` accepts, as soon as it
/// is read: what is held until the last window is done is the claims the
/// rules read.
fn read_window(
    src: &SourceFile,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
    keep: &(dyn Fn(&Claim) -> bool + Sync),
    window: (&str, usize),
    first: bool,
) -> (Extraction, Counts) {
    let (mut ex, n) = extract_window(src, rules, vocab, window, first);
    ex.claims.retain(|c| keep(c));
    ex.shrink();
    (ex, n)
}

/// The extractions of a report's windows, in order, joined into one; the
/// lists reserved exactly (grown by doubling, the merged lists of a long
/// report would hold up to twice what they keep).
fn join(parts: impl IntoIterator<Item = (Extraction, Counts)>) -> Option<Extraction> {
    let mut parts = parts.into_iter();
    let mut out = Joined::new(parts.next()?);
    let rest: Vec<(Extraction, Counts)> = parts.collect();
    out.ex
        .claims
        .reserve_exact(rest.iter().map(|(e, _)| e.claims.len()).sum());
    out.ex
        .mentions
        .reserve_exact(rest.iter().map(|(e, _)| e.mentions.len()).sum());
    out.ex
        .skipped
        .reserve_exact(rest.iter().map(|(e, _)| e.skipped.len()).sum());
    for part in rest {
        out.push(part);
    }
    Some(out.ex)
}

fn empty_extraction(src: &SourceFile) -> Extraction {
    Extraction {
        claims: Vec::new(),
        mentions: Vec::new(),
        skipped: Vec::new(),
        lang: src.lang,
        report_year: src.meta.date.and_then(|d| d.year),
    }
}

/// The windows of a report read so far, joined into one extraction: the
/// claims of each window after the first numbered after those before it.
struct Joined {
    ex: Extraction,
    /// What the windows joined so far hold.
    at: Counts,
}

impl Joined {
    fn new((ex, at): (Extraction, Counts)) -> Joined {
        Joined { ex, at }
    }

    /// Adds the next window's extraction.
    fn push(&mut self, (ex, n): (Extraction, Counts)) {
        let at = self.at;
        self.ex.claims.extend(ex.claims.into_iter().map(|mut c| {
            at.shift(
                &mut c.tokens,
                &mut c.sentence,
                &mut c.paragraph,
                &mut c.clause,
            );
            c
        }));
        self.ex
            .mentions
            .extend(ex.mentions.into_iter().map(|mut m| {
                m.phrase = (m.phrase.0 + at.tokens, m.phrase.1 + at.tokens);
                at.shift(
                    &mut m.tokens,
                    &mut m.sentence,
                    &mut m.paragraph,
                    &mut m.clause,
                );
                m
            }));
        self.ex.skipped.extend(ex.skipped);
        self.at = Counts {
            tokens: at.tokens + n.tokens,
            sentences: at.sentences + n.sentences,
            paragraphs: at.paragraphs + n.paragraphs,
            clauses: at.clauses + n.clauses,
        };
    }
}

/// How many tokens, sentences, paragraphs and clauses a window holds: what
/// the numbers of the next window's claims are shifted by.
/// A sentence, paragraph or clause number as a claim keeps it (four bytes:
/// a long report has millions of claims; four billion sentences would take
/// a report of hundreds of gigabytes, past which numbers stay at the last).
fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tokens: usize,
    sentences: usize,
    paragraphs: usize,
    clauses: usize,
}

impl Counts {
    fn shift(
        &self,
        tokens: &mut (usize, usize),
        sentence: &mut u32,
        paragraph: &mut u32,
        clause: &mut u32,
    ) {
        *tokens = (tokens.0 + self.tokens, tokens.1 + self.tokens);
        *sentence = sentence.saturating_add(index(self.sentences));
        *paragraph = paragraph.saturating_add(index(self.paragraphs));
        *clause = clause.saturating_add(index(self.clauses));
    }
}

/// Reads one window of a report: `body`, the text from byte `from` of the
/// report on (`src` gives the rest of what is known of the report, its
/// text may be empty); `first`: the window that opens the report (where
/// datelines are).
fn extract_window(
    src: &SourceFile,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
    (body, from): (&str, usize),
    first: bool,
) -> (Extraction, Counts) {
    let norm = normalize(body);
    let seg = segment(&norm.text);
    let clauses = clauses(&seg, &norm.text);
    let counts = Counts {
        tokens: seg.tokens.len(),
        sentences: seg.sentences.len(),
        paragraphs: seg.paragraphs.len(),
        clauses: clauses.last().map_or(0, |c| c + 1),
    };
    let doc = Doc {
        body,
        base: from,
        norm,
        seg,
        clauses,
        report_year: src.meta.date.and_then(|d| d.year),
    };
    let c = Cursor {
        text: &doc.norm.text,
        toks: &doc.seg.tokens,
        lang: src.lang,
        original: Some((body, &doc.norm.map)),
    };
    // Page furniture is skipped: its words are about other stories.
    let skipped = furniture::detect(&c);
    let matches: Vec<VocabMatch> = vocab
        .map(|v| v.find(&doc.norm.text))
        .unwrap_or_default()
        .into_iter()
        .filter(|m| !furniture::skips(&skipped, token_at(&doc.seg, m.start)))
        .collect();
    let unit_at = units_by_token(&doc, rules, &matches);
    let (mut claims, used_units) = recognise(&c, &doc, src.meta.date, &unit_at, &skipped);
    closing_lapses(&c, &doc, &mut claims);
    joined_ranges(&c, &doc, &mut claims);
    // Doubtful text outside the furniture; a day the calendar lacks or a
    // Hijri date is no date of the common calendar (a recogniser may have
    // read the month and year alone), and its numbers are no figures.
    let doubtful: Vec<doubts::Doubtful> =
        doubts::detect(&c, |i| doc.written(doc.tok_span(i, i + 1)))
            .into_iter()
            .filter(|d| !furniture::skips(&skipped, d.tokens.0))
            .collect();
    let no_date: Vec<Span> = doubtful
        .iter()
        .filter(|d| d.why != doubts::Doubt::MixedDigits)
        .map(|d| doc.tok_span(d.tokens.0, d.tokens.1))
        .collect();
    if !no_date.is_empty() {
        claims.retain(|cl| {
            !matches!(
                cl.value,
                ClaimValue::Date { .. } | ClaimValue::Number { .. } | ClaimValue::Ordinal { .. }
            ) || !no_date
                .iter()
                .any(|s| s.start < cl.span.end && cl.span.start < s.end)
        });
    }
    // Datelines: a place opening one of the first paragraphs, before a dash.
    let datelines = if first {
        dateline_regions(&c)
    } else {
        Vec::new()
    };
    let found = Found {
        matches: &matches,
        datelines: &datelines,
        used_units: &used_units,
    };
    let mentions = vocabulary(&c, &doc, rules, vocab, &found, &mut claims);
    if let Some(v) = vocab {
        across_scripts(&doc, v, &skipped, &mut claims);
        if let Some(near) = v.near_names() {
            near_names(&doc, near, &skipped, &mut claims);
        }
    }
    bare_datelines(&c, &doc, &datelines, &mut claims);
    // A name holds its words: the ordinal of `ملعب محمد الخامس` or `Henri
    // IV`, the number of `Route 66`, are parts of a name the vocabulary
    // knows, not claims.
    let mut names: Vec<Span> = claims
        .iter()
        .filter(|cl| matches!(cl.value, ClaimValue::Entity { .. }))
        .map(|cl| cl.span)
        .collect();
    names.sort();
    claims.retain(|cl| {
        matches!(
            cl.value,
            ClaimValue::Entity { .. } | ClaimValue::Dateline { .. }
        ) || {
            let at = names.partition_point(|n| n.start <= cl.span.start);
            at.checked_sub(1)
                .and_then(|k| names.get(k))
                .is_none_or(|n| cl.span.end > n.end)
        }
    });
    // Claims inside a dateline other than the place (its date) are not
    // claims about the events reported.
    claims.retain(|cl| {
        matches!(cl.value, ClaimValue::Dateline { .. })
            || !datelines
                .iter()
                .any(|(da, db)| cl.tokens.0 >= *da && cl.tokens.1 <= *db)
    });
    claims.sort_by_key(|cl| (cl.span.start, cl.span.end));
    // When each figure holds, and who states it.
    let span_of = |a: usize, b: usize| doc.tok_span(a, b);
    stamps::Report {
        anchor: src.meta.date,
        time: src.meta.time,
        rules,
        span_of: &span_of,
    }
    .stamp(&c, &mut claims);
    for cl in &mut claims {
        if matches!(cl.value, ClaimValue::Count { .. }) {
            cl.invited = invited(&c, cl.tokens);
        }
    }
    shares::assign(&c, &mut claims);
    for cl in &mut claims {
        let (q, percent) = match &mut cl.value {
            ClaimValue::Percent { value } => (value, true),
            ClaimValue::Number { value } | ClaimValue::Count { value, .. } => (value, false),
            _ => continue,
        };
        q.step = numbers::written_step(&c, cl.tokens, q.value, percent);
    }
    let (breakdowns, mut parts) = breakdowns(&c, &doc, &claims);
    parts.sort();
    parts.dedup();
    // The parts of a total are not what the report states for the total,
    // nor is a subset (`the top 16 teams`, `أفضل 4 منتخبات`).
    for cl in claims.iter_mut() {
        cl.part = parts.binary_search(&cl.span).is_ok()
            || matches!(cl.value, ClaimValue::Count { .. }) && subset(&c, cl.tokens.0);
    }
    claims.extend(breakdowns);
    claims.sort_by_key(|cl| (cl.span.start, cl.span.end));
    let mut skipped: Vec<(Span, Aside)> = skipped
        .iter()
        .map(|s| {
            (
                doc.tok_span(s.tokens.0, s.tokens.1),
                Aside::Furniture(s.why),
            )
        })
        .chain(
            doubtful
                .iter()
                .map(|d| (doc.tok_span(d.tokens.0, d.tokens.1), Aside::Doubt(d.why))),
        )
        .collect();
    skipped.sort_by_key(|(span, _)| (span.start, span.end));
    let ex = Extraction {
        claims,
        mentions,
        skipped,
        lang: src.lang,
        report_year: src.meta.date.and_then(|d| d.year),
    };
    (ex, counts)
}

/// The words a name could be: words of four bytes or more in a script
/// wanted (`latin`, `arabic`), outside the furniture, not already part of
/// an entity's claim, capitalised when Latin. With each, its token and
/// whether it is Latin.
fn name_words<'d>(
    doc: &'d Doc<'_>,
    (latin, arabic): (bool, bool),
    skipped: &[furniture::Skipped],
    claims: &[Claim],
) -> Vec<(usize, &'d str, bool)> {
    if !latin && !arabic {
        return Vec::new();
    }
    let mut taken: Vec<(usize, usize)> = claims
        .iter()
        .filter(|cl| matches!(cl.value, ClaimValue::Entity { .. }))
        .map(|cl| cl.tokens)
        .collect();
    taken.sort_unstable();
    let mut out = Vec::new();
    for (k, t) in doc.seg.tokens.iter().enumerate() {
        if t.kind != TokKind::Word || t.end - t.start < 4 {
            continue;
        }
        // The script from the first byte of the folded word: Arabic
        // letters start with 0xD8-0xDB.
        let first = doc
            .norm
            .text
            .as_bytes()
            .get(t.start as usize)
            .copied()
            .unwrap_or(0);
        let is_latin = !(0xD8..=0xDB).contains(&first);
        if !(if is_latin { latin } else { arabic }) || furniture::skips(skipped, k) {
            continue;
        }
        let at = taken.partition_point(|(a, _)| *a <= k);
        if at
            .checked_sub(1)
            .and_then(|i| taken.get(i))
            .is_some_and(|(a, b)| *a <= k && k < *b)
        {
            continue;
        }
        let span = doc.tok_span(k, k + 1);
        let word = doc.written(span);
        if is_latin && !word.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        out.push((k, word, is_latin));
    }
    out
}

/// People declared in one script, named in another: a word whose
/// consonants and long vowels are those of a person's alias in the other
/// script ([`translit`]) is that person (`Hammouchi` for `حموشي`). A Latin
/// word must be capitalised; an Arabic one may carry proclitics. Words the
/// vocabulary or the furniture took are left alone.
fn across_scripts(
    doc: &Doc<'_>,
    vocab: &Vocabulary,
    skipped: &[furniture::Skipped],
    claims: &mut Vec<Claim>,
) {
    let scripts = (vocab.has_people(true), vocab.has_people(false));
    let mut found = Vec::new();
    for (k, word, is_latin) in name_words(doc, scripts, skipped, claims) {
        // An Arabic word with its proclitics, then without them.
        let forms = if is_latin {
            vec![word]
        } else {
            translit::proclitic_forms(word)
        };
        let hit = forms.iter().find_map(|w| {
            let s = translit::skeleton(w)?;
            vocab
                .people(is_latin, &s.key())
                .iter()
                .find(|p| p.skeleton.matches(&s))
        });
        if let Some(p) = hit {
            found.push(doc.claim(
                ClaimValue::Entity { entity: p.entity },
                k,
                k + 1,
                format!("«{word}» read across scripts as the alias «{}»", p.word),
            ));
        }
    }
    claims.extend(found);
}

/// Words one letter from a declared person's name (`check names`), in
/// either script ([`near`]); words an entity or the furniture took are
/// left alone.
fn near_names(
    doc: &Doc<'_>,
    near: &near::NearNames,
    skipped: &[furniture::Skipped],
    claims: &mut Vec<Claim>,
) {
    let mut found = Vec::new();
    let toks = &doc.seg.tokens;
    let word_at = |k: usize| -> Option<&str> {
        toks.get(k).filter(|t| t.kind == TokKind::Word)?;
        let span = doc.tok_span(k, k + 1);
        Some(doc.written(span))
    };
    for (k, word, is_latin) in name_words(doc, (true, true), skipped, claims) {
        let sentence = toks.get(k).map(|t| t.sentence);
        let place = near::Place {
            before: [1, 2, 3].map(|d| k.checked_sub(d).and_then(word_at)),
            after: word_at(k + 1),
            // the token before it, over punctuation, is in another sentence
            opens_sentence: toks
                .get(..k)
                .unwrap_or(&[])
                .iter()
                .rev()
                .find(|t| t.kind != TokKind::Punct)
                .is_none_or(|t| Some(t.sentence) != sentence),
        };
        if let Some(n) = near.near(word, is_latin, place) {
            found.push(doc.claim(
                ClaimValue::NearName {
                    entity: n.entity,
                    declared: n.word.to_string(),
                    written: word.to_string(),
                },
                k,
                k + 1,
                format!("«{word}» is one letter from the alias word «{}»", n.word),
            ));
        }
    }
    claims.extend(found);
}

/// Unit nouns matched by the vocabulary, by the token they start at: the
/// unit, the token after it, and the alias.
/// A unit's entry, where its words end and the alias matched.
type UnitAt = (EntityId, usize, std::sync::Arc<str>);
type UnitsAt = std::collections::HashMap<usize, UnitAt>;

fn units_by_token(doc: &Doc<'_>, rules: Option<&RuleSet>, matches: &[VocabMatch]) -> UnitsAt {
    let mut unit_at = UnitsAt::default();
    if let Some(r) = rules {
        for m in matches {
            if let Target::Entity(id) = m.target
                && r.entity(id).is_some_and(|e| e.is_unit())
            {
                let a = token_at(&doc.seg, m.start);
                let b = token_at(&doc.seg, m.end.saturating_sub(1)) + 1;
                unit_at.insert(a, (id, b, m.alias.clone()));
            }
        }
    }

    unit_at
}

/// The recognisers over every token, most specific first: dates, percents,
/// ordinals, cardinals and counts, weekdays. Returns the claims and the
/// tokens of the units that counts took.
fn recognise(
    c: &Cursor<'_>,
    doc: &Doc<'_>,
    anchor: Option<crate::value::Date>,
    unit_at: &UnitsAt,
    skipped: &[furniture::Skipped],
) -> (Vec<Claim>, std::collections::HashSet<usize>) {
    let mut claims: Vec<Claim> = Vec::new();
    let mut used_units: std::collections::HashSet<usize> = Default::default();
    let n = c.len();
    let mut i = 0;
    while i < n {
        // Most words start nothing: skip them without trying the recognisers.
        let starts = match c.tok(i).map(|t| t.kind) {
            Some(TokKind::Num) => true,
            Some(TokKind::Word) => c
                .word(i)
                .is_some_and(|w| lexicon::may_start(w) || numbers::may_be_roman(w)),
            // `٪٥٠`: a percent sign typed before its digits.
            Some(TokKind::Punct) => c.is(i, "%") && c.num(i + 1).is_some(),
            _ => false,
        };
        if !starts || furniture::skips(skipped, i) {
            i += 1;
            continue;
        }
        // Dates (with a weekday written before them).
        if let Some(f) = date(c, i, anchor) {
            let (start, value) = with_weekday(c, &mut claims, f.start, f.value);
            claims.push(doc.claim(ClaimValue::Date { value }, start, f.end, f.via));
            i = f.end;
            continue;
        }
        if let Some(f) = percent(c, i) {
            claims.push(doc.claim(
                ClaimValue::Percent { value: f.value },
                f.start,
                f.end,
                f.via,
            ));
            i = f.end;
            continue;
        }
        if let Some(f) = ordinal(c, i) {
            claims.push(doc.claim(
                ClaimValue::Ordinal { value: f.value },
                f.start,
                f.end,
                f.via,
            ));
            i = f.end;
            continue;
        }
        // A clock time (`12:00`, `18h00`, `8 a.m.`) is when a figure holds,
        // not a figure.
        if let Some((_, end)) = stamps::clock_digits(c, i) {
            i = end;
            continue;
        }
        if let Some(f) = cardinal(c, i) {
            let (qualifier, start) = qualified(c, &claims, f.start);
            let qty = Quantity {
                value: f.value,
                qualifier,
                step: 0.0,
            };
            let after = unit_at
                .get(&f.end)
                .map(|u| (f.end, u))
                .or_else(|| unit_after_de(c, &f, unit_at));
            if let Some((at, (unit, end, alias))) = after.map(|(at, u)| (at, u.clone())) {
                used_units.insert(at);
                claims.push(doc.claim(
                    ClaimValue::Count { unit, value: qty },
                    start,
                    end,
                    format!("{} + unit «{alias}»", f.via),
                ));
                i = end;
            } else if let Some((at, (unit, _, alias))) = unit_before(c, f.start, unit_at)
                .filter(|(at, _)| claims.last().is_none_or(|l| l.tokens.1 <= *at))
            {
                // A currency sign or abbreviation before the figure: `$52
                // billion`, `DH 520 billion`, `more than €3bn`.
                used_units.insert(at);
                let (qualifier, start) = qualified(c, &claims, at);
                claims.push(doc.claim(
                    ClaimValue::Count {
                        unit: *unit,
                        value: Quantity { qualifier, ..qty },
                    },
                    start,
                    f.end,
                    format!("unit «{alias}» + {}", f.via),
                ));
                i = f.end;
            } else {
                // (A counter or page number is furniture, skipped before; a
                // number alone on its line is otherwise a figure: a pasted
                // table `فاس⏎120⏎مكناس⏎75`.)
                claims.push(doc.claim(ClaimValue::Number { value: qty }, start, f.end, f.via));
                i = f.end;
            }
            continue;
        }
        // A night across two days (`ليل الجمعة السبت`, `Friday night to
        // Saturday`, `la nuit de vendredi à samedi`) states no one weekday.
        if let Some(end) = night_across(c, i) {
            i = end;
            continue;
        }
        if let Some((wd, needs_context)) = weekday_at(c, i)
            && (!needs_context || day_word_before(c, i) || dates::after_verb(c, i))
            && !in_a_name(c, i)
        {
            let start = if day_word_before(c, i) { i - 1 } else { i };
            claims.push(doc.claim(
                ClaimValue::Weekday { value: wd },
                start,
                i + 1,
                "weekday name",
            ));
            i += 1;
            continue;
        }
        i += 1;
    }

    (claims, used_units)
}

/// The hedge before a figure starting at token `from` (`more than`,
/// `نحو`), unless a claim already read holds its words, and where the
/// figure then starts.
fn qualified(c: &Cursor<'_>, claims: &[Claim], from: usize) -> (Option<Qualifier>, usize) {
    match qualifier_before(c, from) {
        Some((q, s)) if claims.last().is_none_or(|l| l.tokens.1 <= s) => (Some(q), s),
        _ => (None, from),
    }
}

/// The unit of a figure that ends in a scale word, after the `de` French
/// puts between them (`520 milliards de dirhams`, `2 millions
/// d'habitants`): the unit's token and what `unit_at` holds of it.
fn unit_after_de<'u>(
    c: &Cursor<'_>,
    f: &numbers::Found<f64>,
    unit_at: &'u UnitsAt,
) -> Option<(usize, &'u UnitAt)> {
    let scale = f
        .end
        .checked_sub(1)
        .and_then(|k| c.word(k))
        .is_some_and(|w| {
            matches!(
                lexicon::NUMBER_WORDS.get(w),
                Some(lexicon::NumWord::Mult { value, .. }) if *value >= 1e6
            )
        });
    if !scale {
        return None;
    }
    let at = if c.is(f.end, "de") {
        f.end + 1
    } else if c.is(f.end, "d") && (c.is(f.end + 1, "'") || c.is(f.end + 1, "’")) {
        f.end + 2
    } else {
        return None;
    };
    if !c.same_sentence(f.start, at) {
        return None;
    }
    unit_at.get(&at).map(|u| (at, u))
}

/// A unit written before its figure, as a currency is: a sign (`$52
/// billion`, `€ 3bn`) or an abbreviation in capitals (`DH 520 billion`,
/// `USD 40m`), in Latin script. A noun before a number (`country 13`,
/// `الدول 13`) is no count.
fn unit_before<'u>(
    c: &Cursor<'_>,
    start: usize,
    unit_at: &'u UnitsAt,
) -> Option<(usize, &'u UnitAt)> {
    let at = start.checked_sub(1)?;
    let u = unit_at.get(&at).filter(|(_, end, _)| *end == start)?;
    if !c.same_sentence(at, start) {
        return None;
    }
    let written = c.original_str(at)?;
    let sign = !written.chars().any(char::is_alphabetic);
    let capitals = written.chars().all(|ch| ch.is_ascii_alphabetic())
        && written
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_uppercase())
        && written.len() <= 3;
    (sign || capitals).then_some((at, u))
}

/// An English weekday inside a name: followed by a capitalised word that
/// is no month (`The Sunday Times`, `Monday Night Football`), not after a
/// preposition (`on Sunday Smith said`).
fn in_a_name(c: &Cursor<'_>, i: usize) -> bool {
    c.lang == crate::source::Lang::En
        && c.same_sentence(i, i + 1)
        && c.word(i + 1).is_some()
        && c.capital(i + 1)
        && dates::month_at(c, i + 1).is_none()
        && !(i > 0
            && c.word(i - 1)
                .is_some_and(|w| matches!(w, "on" | "by" | "since" | "until" | "last" | "next")))
}

/// A year (1900 to 2100) written as four digits at token `k`.
fn year_token(c: &Cursor<'_>, k: usize) -> Option<i16> {
    c.num(k)
        .filter(|n| n.len() == 4)
        .and_then(|n| n.parse::<i16>().ok())
        .filter(|y| (1900..=2100).contains(y))
}

/// A year that opens the sentence of token `a` as its setting: `In 2004,
/// a quake…`, `En 2004, …`, `وفي عام 2004، …`.
fn sentence_year(c: &Cursor<'_>, a: usize) -> Option<i16> {
    c.tok(a)?;
    let (k, _) = c.sentence_tokens(a);
    // At most a preposition and a year word before the year.
    let mut j = k;
    while j < k + 2 && c.word(j).is_some() {
        j += 1;
    }
    (k..=j).find_map(|y| {
        let year = year_token(c, y)?;
        (c.is(y + 1, ",") || c.is(y + 1, "،")).then_some(year)
    })
}

/// Two consecutive weekdays at `i`, with at most a night word and a
/// connector between them: the end of the second.
fn night_across(c: &Cursor<'_>, i: usize) -> Option<usize> {
    let (first, _) = weekday_at(c, i)?;
    let mut k = i + 1;
    while k < i + 4
        && (c.any_in(k, &lexicon::RANGE_CONNECTORS) || c.word_in(k, &lexicon::NIGHT_WORDS))
    {
        k += 1;
    }
    let (second, _) = weekday_at(c, k)?;
    (second == (first + 1) % 7 && c.same_sentence(i, k)).then_some(k + 1)
}

/// A weekday written before a date (`الاثنين 27 ماي`, `Monday, 3 March`)
/// joins it; a weekday claim already made for it is taken back.
fn with_weekday(
    c: &Cursor<'_>,
    claims: &mut Vec<Claim>,
    start: usize,
    mut value: DateValue,
) -> (usize, DateValue) {
    let mut start = start;
    let mut k = start;
    if k > 0 && (c.is(k - 1, "،") || c.is(k - 1, ",")) {
        k -= 1;
    }
    if k > 0 && c.is_in(k - 1, &lexicon::WEEKDAY_DATE_LINKS) {
        k -= 1;
    }
    if k > 0
        && let Some((wd, _)) = weekday_at(c, k - 1)
    {
        // The weekday may already stand as a claim of its own: it
        // becomes part of the date.
        let own = claims
            .last()
            .is_some_and(|l| matches!(l.value, ClaimValue::Weekday { .. }) && l.tokens.1 == k);
        if own {
            claims.pop();
        }
        if own || claims.last().is_none_or(|l| l.tokens.1 < k) {
            value.weekday = Some(wd);
            start = k - 1;
            if day_word_before(c, start) {
                start -= 1;
            }
        }
    }
    (start, value)
}

/// Entities and event mentions from the vocabulary's matches; a place in a
/// dateline makes a dateline claim, not a venue.
/// What the vocabulary pass reads beside the text.
struct Found<'a> {
    matches: &'a [VocabMatch],
    datelines: &'a [(usize, usize)],
    used_units: &'a std::collections::HashSet<usize>,
}

fn vocabulary(
    c: &Cursor<'_>,
    doc: &Doc<'_>,
    rules: Option<&RuleSet>,
    vocab: Option<&Vocabulary>,
    found: &Found<'_>,
    claims: &mut Vec<Claim>,
) -> Vec<Mention> {
    let (matches, datelines, used_units) = (found.matches, found.datelines, found.used_units);
    let mut mentions = Vec::new();
    let mut after_noun: Vec<(usize, usize)> = Vec::new();
    for m in matches {
        let a = token_at(&doc.seg, m.start);
        let b = token_at(&doc.seg, m.end.saturating_sub(1)) + 1;
        match m.target {
            Target::Entity(id) => {
                if used_units.contains(&a) {
                    continue;
                }
                if let Some((da, db)) = datelines.iter().find(|(da, db)| a >= *da && b <= *db) {
                    let place = doc.tok_span(*da, *db);
                    claims.push(doc.claim(
                        ClaimValue::Dateline {
                            place: doc.written(place).to_string(),
                            entity: Some(id),
                        },
                        a,
                        b,
                        format!("dateline, alias «{}»", m.alias),
                    ));
                    continue;
                }
                if let Some(e) = rules.and_then(|r| r.entity(id))
                    && e.is_unit()
                {
                    // An Arabic number after its noun (`دولة واحدة`,
                    // `أبناءه الأربعة`) counts it.
                    if let Some((v, end)) = number_after_noun(c, b) {
                        claims.push(doc.claim(
                            ClaimValue::Count {
                                unit: id,
                                value: Quantity::exact(v),
                            },
                            a,
                            end,
                            format!("unit «{}» + number words after it", m.alias),
                        ));
                        after_noun.push((b, end));
                        continue;
                    }
                    // A unit noun without a number is not a claim, but an
                    // Arabic dual is two (`شهيدين`, `دولتين`).
                    let matched = doc.norm.text.get(m.start..m.end).unwrap_or("");
                    if is_dual(matched, e) {
                        claims.push(doc.claim(
                            ClaimValue::Count {
                                unit: id,
                                value: Quantity::exact(2.0),
                            },
                            a,
                            b,
                            format!("dual of «{}»", m.alias),
                        ));
                    }
                    continue;
                }
                // A name of the built-in table says which entry it came from.
                let via = match rules.and_then(|r| r.entity(id)) {
                    Some(e)
                        if e.aliases
                            .get(e.written..)
                            .is_some_and(|b| b.iter().any(|a| **a == *m.alias)) =>
                    {
                        format!(
                            "alias «{}» of the {}",
                            m.alias,
                            e.place.as_deref().unwrap_or("built-in table")
                        )
                    }
                    _ => format!("alias «{}»", m.alias),
                };
                let mut claim = doc.claim(ClaimValue::Entity { entity: id }, a, b, via);
                // Point at the name itself, without the proclitics before it.
                claim.span = doc.orig(m.start, m.end);
                let clitic = doc
                    .seg
                    .tokens
                    .get(a)
                    .and_then(|t| doc.norm.text.get(t.start as usize..m.start))
                    .unwrap_or("");
                claim.governor = governor(c, a, clitic);
                claims.push(claim);
            }
            Target::Trigger(event) | Target::Stage(event) => {
                let stage = matches!(m.target, Target::Stage(_));
                let phrase = phrase_of(c, a, b);
                // Another event under the same trigger word: its own name
                // words (`مؤتمر الدفاع`, `the defence conference`) say so.
                if !stage
                    && vocab.is_some_and(|v| {
                        (phrase.0..phrase.1)
                            .any(|k| c.word(k).is_some_and(|w| v.excludes(event, w)))
                    })
                {
                    continue;
                }
                let (descriptor, name_range) = descriptor(c, a, b, phrase);
                let edition = edition_before(c, a);
                let name_span = doc.tok_span(name_range.0, name_range.1);
                let t = doc.seg.tokens.get(a);
                mentions.push(Mention {
                    event,
                    span: doc.orig(m.start, m.end),
                    tokens: (a, b),
                    phrase,
                    sentence: t.map_or(0, |t| t.sentence),
                    paragraph: t.map_or(0, |t| t.paragraph),
                    clause: doc.clauses.get(a).map_or(0, |&c| index(c)),
                    descriptor,
                    name: doc.written(name_span).to_string(),
                    alias: m.alias.clone(),
                    demonstrative: a > 0
                        && c.same_sentence(a - 1, a)
                        && lexicon::DEMONSTRATIVES.contains(c.str(a - 1)),
                    stage,
                    year: (phrase.0..phrase.1)
                        .find_map(|k| year_token(c, k))
                        .or_else(|| {
                            let after = relative_year(c, (a, b))?;
                            doc.report_year?.checked_add(i16::from(after))
                        })
                        .or_else(|| sentence_year(c, a)),
                    previous: named_instance(
                        c,
                        (a, b),
                        phrase,
                        edition,
                        (&lexicon::PREVIOUS_BEFORE, &lexicon::PREVIOUS_AFTER),
                    ),
                    next: named_instance(
                        c,
                        (a, b),
                        phrase,
                        edition,
                        (&lexicon::NEXT_BEFORE, &lexicon::NEXT_AFTER),
                    ),
                });
            }
        }
    }
    // The number words a count after its noun took are not figures of
    // their own.
    if !after_noun.is_empty() {
        claims.retain(|cl| {
            !matches!(cl.value, ClaimValue::Number { .. })
                || !after_noun
                    .iter()
                    .any(|(x, y)| cl.tokens.0 >= *x && cl.tokens.1 <= *y)
        });
    }
    mentions
}

/// A year said of the trigger at `a..b` from the report's own, as years
/// after it: before the trigger as a possessive (`last year's budget`), or
/// just after it, through at most three linking words and apostrophes
/// (`ميزانية السنة
/// الماضية`, `الميزانية في السنة الماضية`, `the budget for next year`, `le
/// budget de l'an dernier`).
fn relative_year(c: &Cursor<'_>, (a, b): (usize, usize)) -> Option<i8> {
    let years = &*lexicon::RELATIVE_YEARS;
    if a >= 2
        && (c.is(a - 2, "'") || c.is(a - 2, "’"))
        && c.is(a - 1, "s")
        && let Some((_, d)) = years
            .iter()
            .find(|(p, _)| c.phrase_before(a - 2, p).is_some())
    {
        return Some(*d);
    }
    for k in b..=b + 3 {
        if !c.same_sentence(a, k) {
            return None;
        }
        if c.word_in(k, &lexicon::RELATIVE_YEAR_STARTS)
            && let Some((_, d)) = years.iter().find(|(p, _)| c.phrase_at(k, p).is_some())
        {
            return Some(*d);
        }
        if !(c.word_in(k, &lexicon::YEAR_LINKS) || c.is(k, "'") || c.is(k, "’")) {
            return None;
        }
    }
    None
}

/// Is the trigger at `a..b` named as an earlier (or the next) instance by
/// one of `adjectives` (before it, after it): an adjective just before it
/// (`the previous election`, `the next meeting`), or among the two words
/// after it in its phrase (`الانتخابات الرئاسية السابقة`, `الاجتماع المقبل`)
/// but for one of a noun of time (`اجتماع الأسبوع الماضي` is the meeting of
/// last week)?
fn named_instance(
    c: &Cursor<'_>,
    (a, b): (usize, usize),
    phrase: (usize, usize),
    edition: Option<usize>,
    (before, after): (&lexicon::WordSet, &lexicon::WordSet),
) -> bool {
    let just_before = a
        .checked_sub(1)
        .is_some_and(|k| c.same_sentence(k, a) && c.word_in(k, before));
    // Or of an edition word a few words before the trigger: `الدورة
    // السابقة من الاجتماع`, `the next edition of the meeting`, `la
    // précédente édition de la réunion`.
    let edition = edition.is_some_and(|e| {
        e.checked_sub(1)
            .is_some_and(|k| c.same_sentence(k, e) && c.word_in(k, before))
            || c.word_in(e + 1, after)
    });
    just_before
        || edition
        || (b..phrase.1.min(b + 2))
            .any(|k| c.word_in(k, after) && !(k > b && c.word_in(k - 1, &lexicon::TIME_NOUNS)))
}

/// An edition word among the four words before the trigger at `a`, in its
/// clause (`الدورة السابقة من الاجتماع`, `the next edition of the meeting`).
fn edition_before(c: &Cursor<'_>, a: usize) -> Option<usize> {
    (a.saturating_sub(4)..a)
        .rev()
        .take_while(|&k| c.same_sentence(k, a) && !is_clause_punct(c.str(k)))
        .find(|&k| c.word_in(k, &EDITION_WORDS))
}

/// Arabic number words just after a counted noun, with the article when
/// the noun has it (`دولة واحدة`, `المباريات التسعة`, `أبناءه الأربعة`):
/// the number and where it ends. Digits after a noun are not read so (`الدول
/// 13` is rarely a count).
fn number_after_noun(c: &Cursor<'_>, b: usize) -> Option<(f64, usize)> {
    let w = c.word(b)?;
    if b == 0
        || !c.same_sentence(b - 1, b)
        || !w.starts_with(crate::text::segment::is_arabic_letter)
    {
        return None;
    }
    if let Some(rest) = w.strip_prefix("ال")
        && let Some(lexicon::NumWord::Add(v)) = lexicon::NUMBER_WORDS.get(rest).copied()
        && v >= 1.0
    {
        return Some((v, b + 1));
    }
    let f = numbers::cardinal(c, b)?;
    (f.start == b && f.via == "number words" && f.value >= 1.0).then_some((f.value, f.end))
}

/// What introduces a name: a preposition of place (`in`, `à`, `في`, or
/// `بـ` glued to it), of origin (`from`, `من`, `en provenance de`), or
/// neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Governor {
    #[default]
    None,
    Place,
    Origin,
}

/// The governor of a name at token `a`, `clitic` being what its token holds
/// before the name (`ب` of `بموسكو`): that clitic, else the nearest
/// preposition of place or origin among the four words before it in its
/// clause (`in the Russian capital Moscow`, `from Vienna and Paris`).
fn governor(c: &Cursor<'_>, a: usize, clitic: &str) -> Governor {
    let clitic = clitic.trim_start_matches(['و', 'ف']);
    if clitic == "ب" || clitic == "بال" {
        return Governor::Place;
    }
    let words = lang::of(c.lang);
    let place = |w: &str| words.place_prepositions.contains(&w);
    let origin = |w: &str| words.origin_prepositions.contains(&w);
    for k in c.clause_before(a, 4) {
        let Some(w) = c.word(k) else { continue };
        let bare = w.trim_start_matches(['و', 'ف']);
        // (`30 km from Marrakech`, `بالقرب من مراكش`: a place said by its
        // distance from the name, not an origin.)
        if origin(w) || origin(bare) {
            let near = k > 0
                && (c.num(k - 1).is_some()
                    || c.word(k - 1)
                        .is_some_and(|p| words.origin_not_after.contains(&p)));
            return if near {
                Governor::None
            } else {
                Governor::Origin
            };
        }
        if place(w) || place(bare) {
            return Governor::Place;
        }
    }
    Governor::None
}

/// A single day followed by its end as a lapse (`opened on 27 May and
/// closed two days later`) is the range of days; the numbers of the lapse
/// are no claims of their own.
fn closing_lapses(c: &Cursor<'_>, doc: &Doc<'_>, claims: &mut Vec<Claim>) {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for k in 0..claims.len() {
        let Some(cl) = claims.get_mut(k) else {
            continue;
        };
        let ClaimValue::Date { value } = &mut cl.value else {
            continue;
        };
        if value.grain != Grain::Day || value.range.from != value.range.to {
            continue;
        }
        let Some((n, end)) = dates::closing_after(c, cl.tokens.1) else {
            continue;
        };
        let from = value.range.from;
        let to = match from.year {
            Some(_) => dates::shift(from, n),
            None => u8::try_from(i64::from(from.day) + n)
                .ok()
                .filter(|d| *d <= dates::last_day(None, from.month))
                .and_then(|d| crate::value::Date::new(None, from.month, d)),
        };
        let Some(to) = to else { continue };
        value.range.to = to;
        taken.push((cl.tokens.1, end));
        cl.tokens.1 = end;
        cl.span = doc.tok_span(cl.tokens.0, end);
        cl.via = format!("{}, closing {n} days later", cl.via).into();
    }
    claims.retain(|cl| {
        !taken
            .iter()
            .any(|(a, b)| cl.tokens.0 >= *a && cl.tokens.1 <= *b)
    });
}

/// Is the count starting at token `a` a subset of the whole, said by the
/// word before it (`the top 16 teams`, `the other 12 countries`, `أفضل 4
/// منتخبات`)?
fn subset(c: &Cursor<'_>, a: usize) -> bool {
    let words = lang::of(c.lang);
    a > 0
        && c.same_sentence(a - 1, a)
        && c.word(a - 1)
            .is_some_and(|w| lexicon::strip_clitics(w).any(|v| words.subset_words.contains(&v)))
}

/// Two days each written in full, joined as the ends of one range (`du
/// 28 décembre 2026 au 9 janvier 2027`, `من 28 ديسمبر 2026 إلى 9 يناير
/// 2027`, `28 ديسمبر 2026 وتستمر حتى 9 يناير 2027`): one range. `and`
/// joins two ends only after `between` (`on 3 May and 9 June` are two days).
fn joined_ranges(c: &Cursor<'_>, doc: &Doc<'_>, claims: &mut Vec<Claim>) {
    let words = lang::of(c.lang);
    let single = |cl: &Claim| match &cl.value {
        ClaimValue::Date { value }
            if value.grain == Grain::Day && value.range.from == value.range.to =>
        {
            Some(value.range.from)
        }
        _ => None,
    };
    let mut k = 0;
    while k + 1 < claims.len() {
        let (Some(a), Some(b)) = (claims.get(k), claims.get(k + 1)) else {
            break;
        };
        let (Some(from), Some(to)) = (single(a), single(b)) else {
            k += 1;
            continue;
        };
        let between = (a.tokens.1..b.tokens.0).collect::<Vec<_>>();
        let linked = !between.is_empty()
            && between.len() <= 4
            && c.same_sentence(a.tokens.0, b.tokens.0)
            && between.iter().all(|&t| {
                c.any_in(t, &lexicon::RANGE_CONNECTORS)
                    || c.word(t).is_some_and(|w| {
                        lexicon::strip_clitics(w).any(|v| words.range_continuers.contains(&v))
                    })
                    || matches!(c.str(t), "'" | "’")
            });
        let and_only = between
            .iter()
            .all(|&t| c.is_in(t, &lexicon::NUMBER_JOINERS) || c.is(t, "و"));
        let opened_between = a.tokens.0 > 0 && c.is_in(a.tokens.0 - 1, &lexicon::RANGE_OPENERS)
            || c.is_in(a.tokens.0, &lexicon::RANGE_OPENERS);
        let days = dates::day_number(to)
            .zip(dates::day_number(from))
            .map(|(t, f)| t - f);
        if linked && (!and_only || opened_between) && days.is_some_and(|d| (1..=400).contains(&d)) {
            let end = b.tokens.1;
            let via = format!("{} to {}", a.via, b.via);
            if let Some(a) = claims.get_mut(k) {
                if let ClaimValue::Date { value } = &mut a.value {
                    value.range.to = to;
                }
                a.tokens.1 = end;
                a.span = doc.tok_span(a.tokens.0, end);
                a.via = via.into();
            }
            claims.remove(k + 1);
        }
        k += 1;
    }
}

/// Is `matched` (normalised) an Arabic dual of the unit `e`? `ـان` and,
/// for a noun in ة, `ـتان`/`ـتين` are duals only; `ـين` is also a sound
/// plural (`مشاركين`), so it is a dual only when the unit has a broken
/// plural among its aliases (`شهيد | شهداء`: `شهيدين` is two).
fn is_dual(matched: &str, e: &crate::rules::ruleset::Entity) -> bool {
    if !(matched.ends_with("ان") || matched.ends_with("ين")) {
        return false;
    }
    let arabic: Vec<String> = e
        .aliases
        .iter()
        .map(|a| crate::text::normalize_str(a))
        .filter(|a| {
            a.chars()
                .next()
                .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        })
        .collect();
    arabic.iter().any(|alias| {
        let stem = alias.strip_suffix('ه').unwrap_or(alias);
        let rest = matched
            .strip_prefix(alias.as_str())
            .or_else(|| matched.strip_prefix(stem));
        match rest {
            Some("ان" | "تان" | "تين") => true,
            Some("ين") => arabic.len() > 1,
            _ => false,
        }
    })
}

/// Is the count at `tokens` one of those invited? A word of invitation
/// among the four words before it in its clause (`invited 60 countries`,
/// `وجهت الدعوة إلى 60 دولة`), or just after it (`60 countries were
/// invited`, `60 دولة مدعوة`).
fn invited(c: &Cursor<'_>, (a, b): (usize, usize)) -> bool {
    let words = lang::of(c.lang);
    let is = |k: usize| {
        c.word(k)
            .is_some_and(|w| lexicon::strip_clitics(w).any(|v| words.invited_words.contains(&v)))
    };
    c.clause_before(a, 4).any(is) || c.clause_after(b, 3, a).any(is)
}

/// Datelines without a vocabulary entry (no rule set, or an unknown place).
fn bare_datelines(
    c: &Cursor<'_>,
    doc: &Doc<'_>,
    datelines: &[(usize, usize)],
    claims: &mut Vec<Claim>,
) {
    for (da, db) in datelines {
        if claims.iter().any(|cl| {
            matches!(cl.value, ClaimValue::Dateline { .. })
                && cl.tokens.0 >= *da
                && cl.tokens.1 <= *db
        }) {
            continue;
        }
        let place_end = (*da..*db)
            .find(|&k| c.is(k, ",") || c.is(k, "،"))
            .unwrap_or(*db);
        let span = doc.tok_span(*da, place_end);
        claims.push(doc.claim(
            ClaimValue::Dateline {
                place: doc.written(span).to_string(),
                entity: None,
            },
            *da,
            place_end,
            "dateline",
        ));
    }
}

fn is_clause_punct(s: &str) -> bool {
    matches!(
        s,
        "," | "،"
            | ";"
            | "؛"
            | ":"
            | "."
            | "!"
            | "?"
            | "؟"
            | "("
            | ")"
            | "\""
            | "«"
            | "»"
            | "“"
            | "”"
            | "—"
            | "–"
    )
}

/// The trigger's phrase: the trigger, the words after it up to the next
/// clause boundary (punctuation, a relative or conjunction word, or 12
/// words), and before it the words that may qualify it in English or
/// French word order ("the 13th international meeting") or an edition word
/// ("الدورة الخامسة من الملتقى").
fn phrase_of(c: &Cursor<'_>, a: usize, b: usize) -> (usize, usize) {
    let mut end = b;
    while end < c.len() && end < b + 12 && c.same_sentence(a, end) {
        if is_clause_punct(c.str(end)) || c.word_in(end, &CLAUSE_WORDS) {
            break;
        }
        end += 1;
    }
    let mut start = a;
    let mut k = a;
    while k > 0 && a - k < 5 && c.same_sentence(a, k - 1) {
        let t = k - 1;
        let s = c.str(t);
        if is_clause_punct(s) || c.word_in(t, &CLAUSE_WORDS) {
            break;
        }
        let latin = !lang::of(c.lang).grammar.adjectives_follow;
        if latin && lexicon::PREPOSITIONS.contains(s) {
            break;
        }
        k -= 1;
        if c.word_in(t, &EDITION_WORDS) || ordinal(c, t).is_some() {
            start = t;
        }
        if latin && c.tok(t).is_some_and(|x| x.kind == TokKind::Word) {
            start = t;
            if lexicon::DETERMINERS.contains(s) {
                break;
            }
        }
    }
    // Arabic: words before the trigger belong to it only through an edition
    // word (الدورة الخامسة من الملتقى).
    if lang::of(c.lang).grammar.adjectives_follow
        && start < a
        && !(start..a).any(|t| c.word_in(t, &EDITION_WORDS))
    {
        start = a;
    }
    (start, end)
}

/// The words that qualify the trigger in its phrase, before the first
/// ordinal or preposition: what the report calls the event. Also returns
/// the token range of the trigger with those words.
fn descriptor(
    c: &Cursor<'_>,
    a: usize,
    b: usize,
    phrase: (usize, usize),
) -> (Vec<String>, (usize, usize)) {
    // Arabic: the naming words follow the trigger and carry the article.
    let follow = lang::of(c.lang).grammar.adjectives_follow;
    let mut out = Vec::new();
    let mut take = |t: usize| {
        if let Some(w) = c.word(t) {
            let w = w
                .strip_prefix("ال")
                .filter(|r| r.chars().count() >= 2)
                .unwrap_or(w);
            out.push(w.to_string());
        }
    };
    let mut k = b;
    while k < phrase.1 {
        let Some(w) = c.word(k) else { break };
        if ordinal(c, k).is_some() {
            break;
        }
        // A word with a preposition glued to it starts a complement (لكبار، بمنطقة).
        if !follow || !w.starts_with("ال") {
            break;
        }
        take(k);
        k += 1;
    }
    let mut range = (a, k);
    for t in phrase.0..a {
        if !follow
            && c.tok(t).is_some_and(|x| x.kind == TokKind::Word)
            && ordinal(c, t).is_none()
            && !lexicon::DETERMINERS.contains(c.str(t))
        {
            take(t);
        }
        if !follow {
            range.0 = range.0.min(t);
        }
    }
    out.sort();
    out.dedup();
    (out, range)
}

/// Token ranges of datelines: in the first three paragraphs, a paragraph
/// that opens with a few words (a place, optionally a country, a date or an
/// agency in brackets) and then a dash. The place ends at a comma, a date's
/// digits or a bracket (`موسكو في 30 ماي 2025 (و م ع) -`).
fn dateline_regions(c: &Cursor<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut paragraphs_seen = 0;
    while i < c.len() && paragraphs_seen < 3 {
        let Some(t) = c.tok(i) else { break };
        let para = t.paragraph;
        let mut j = i;
        // Words of the place itself (before the first comma): one to three.
        let mut place_words = 0;
        let mut in_place = true;
        while let Some(u) = c.tok(j) {
            if u.paragraph != para || j - i > 14 || place_words > 3 {
                break;
            }
            let s = c.str(j);
            // A dash glued on both sides joins a word (`hardest-hit`,
            // `Vingt-et-un`): it ends no dateline.
            if matches!(s, "-" | "–" | "—") && !(c.glued(j) && c.glued(j + 1)) {
                if (1..=3).contains(&place_words) && j > i {
                    out.push((i, dated_after_dash(c, j).unwrap_or(j)));
                }
                break;
            }
            match u.kind {
                TokKind::Word if in_place => place_words += 1,
                TokKind::Word => {}
                TokKind::Num => in_place = false,
                TokKind::Punct if matches!(s, "," | "،" | "(") => in_place = false,
                TokKind::Punct if matches!(s, ")" | ".") => {}
                TokKind::Punct => break,
            }
            j += 1;
        }
        paragraphs_seen += 1;
        while c.tok(i).is_some_and(|u| u.paragraph == para) {
            i += 1;
        }
    }
    out
}

/// After a dateline's dash at `dash`, a date and an agency in brackets up to
/// a second dash (`الرباط - 30-05-2025 (ومع) -`): where that dash stands.
fn dated_after_dash(c: &Cursor<'_>, dash: usize) -> Option<usize> {
    let mut bracket = false;
    let mut dated = false;
    for k in dash + 1..(dash + 14).min(c.len()) {
        let s = c.str(k);
        let glued = c.glued(k) && c.glued(k + 1);
        match c.tok(k)?.kind {
            TokKind::Punct if matches!(s, "-" | "–" | "—") && !glued => {
                return dated.then_some(k);
            }
            TokKind::Num => dated = true,
            TokKind::Punct if s == "(" => bracket = true,
            TokKind::Punct if s == ")" => bracket = false,
            TokKind::Punct if matches!(s, "-" | "/" | "." | ",") => {}
            TokKind::Word if bracket || dates::month_at(c, k).is_some() => {}
            _ => return None,
        }
    }
    None
}

/// A total with listed parts: `1240 حاوية، منها 700 … و300 … و240`,
/// `1,240 containers, of which 700 …`.
/// Also returns the spans of every part (a single part too: `455 morts,
/// dont 140 …`), which fill no slot.
fn breakdowns(c: &Cursor<'_>, doc: &Doc<'_>, claims: &[Claim]) -> (Vec<Claim>, Vec<Span>) {
    let mut out = Vec::new();
    let mut part_spans = Vec::new();
    let qty = |cl: &Claim| -> Option<Quantity> {
        match &cl.value {
            ClaimValue::Number { value } | ClaimValue::Count { value, .. } => Some(*value),
            _ => None,
        }
    };
    for (idx, total) in claims.iter().enumerate() {
        let Some(total_q) = qty(total) else { continue };
        let mut k = total.tokens.1;
        // the unit noun or a comma may stand between the total and the marker
        let mut skipped = 0;
        let marker = loop {
            if skipped > 2 {
                break None;
            }
            if let Some((end, exhaustive)) = BREAKDOWN_MARKERS
                .iter()
                .find_map(|(w, ex)| c.phrase_at(k, w).map(|e| (e, *ex)))
            {
                break Some((end, exhaustive));
            }
            if c.tok(k).is_none() || !c.same_sentence(total.tokens.0, k) {
                break None;
            }
            if c.tok(k).is_some_and(|t| t.kind == TokKind::Num) {
                break None;
            }
            k += 1;
            skipped += 1;
        };
        let Some((after, exhaustive)) = marker else {
            continue;
        };
        // `one`/`two` in words right after a noun counts that noun, not
        // the total (`منهم 140 قتيلا في إقليم واحد`: in a single province).
        let counts_its_noun = |cl: &Claim| {
            let (a, _) = cl.tokens;
            matches!(cl.value, ClaimValue::Number { value } if value.value <= 2.0)
                && c.tok(a).is_some_and(|t| t.kind == TokKind::Word)
                && a > after
                && c.tok(a - 1).is_some_and(|t| t.kind == TokKind::Word)
                && !matches!(c.str(a - 1), "و" | "أو" | "and" | "or" | "et" | "ou")
        };
        let parts: Vec<&Claim> = claims
            .iter()
            .skip(idx + 1)
            // claims are in text order: the sentence's claims are a run
            .take_while(|cl| cl.sentence == total.sentence)
            .filter(|cl| cl.tokens.0 >= after && qty(cl).is_some() && !counts_its_noun(cl))
            .collect();
        part_spans.extend(parts.iter().map(|p| p.span));
        if parts.len() < 2 {
            continue;
        }
        let Some(last) = parts.last() else { continue };
        let mut claim = doc.claim(
            ClaimValue::Breakdown {
                total: total_q,
                total_span: total.span,
                parts: parts
                    .iter()
                    .filter_map(|p| {
                        qty(p).map(|q| Part {
                            value: q.value,
                            span: p.span,
                            step: q.step,
                        })
                    })
                    .collect(),
                exhaustive,
            },
            total.tokens.0,
            last.tokens.1,
            "total with parts",
        );
        claim.span = total.span.cover(last.span);
        out.push(claim);
    }
    (out, part_spans)
}

/// The days a date claim covers, when it is at day grain.
pub fn day_range(v: &ClaimValue) -> Option<DateRange> {
    match v {
        ClaimValue::Date { value } if value.grain == Grain::Day => Some(value.range),
        _ => None,
    }
}
