//! Filling event slots from the claims of one report, and deciding what the
//! report states (its lead instance).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::extract::{Claim, ClaimValue, Extraction, day_range};
use crate::rules::{EntityId, RuleSet, Scope, SlotType};
use crate::value::{DateRange, Quantity, WEEKDAY_NAMES};

use super::Report;

/// A slot of one mention, filled by one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Fill {
    /// Index into the report's claims.
    pub claim: usize,
    /// Index into the report's mentions.
    pub mention: usize,
    pub scope: Scope,
    pub fallback: bool,
}

/// A value as a slot holds it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub enum StatedValue {
    Entity(EntityId),
    Quantity(Quantity),
    Dates(DateRange),
    Weekday(u8),
}

impl StatedValue {
    pub fn agrees(&self, other: &StatedValue, tolerance: f64) -> bool {
        match (self, other) {
            (StatedValue::Entity(a), StatedValue::Entity(b)) => a == b,
            (StatedValue::Quantity(a), StatedValue::Quantity(b)) => a.agrees(b, tolerance),
            (StatedValue::Dates(a), StatedValue::Dates(b)) => a.agrees(b),
            (StatedValue::Weekday(a), StatedValue::Weekday(b)) => a == b,
            _ => false,
        }
    }

    /// How much a value says: an exact number more than a hedged one, a
    /// date with its year more than one without, the days of an event more
    /// than its opening day. Compared part by part (`says_less_than`).
    pub fn specificity(&self) -> (u8, u8) {
        match self {
            StatedValue::Quantity(q) => (u8::from(q.qualifier.is_none()), 0),
            StatedValue::Dates(r) => (u8::from(r.has_year()), u8::from(!r.is_single())),
            StatedValue::Entity(_) | StatedValue::Weekday(_) => (0, 0),
        }
    }

    /// Whether this value says strictly less than `other` on every count.
    pub fn says_less_than(&self, other: &StatedValue) -> bool {
        let (a, b) = (self.specificity(), other.specificity());
        a != b && a.0 <= b.0 && a.1 <= b.1
    }

    /// Which of agreeing values names them all: the one true of each ("more
    /// than 100" for 120 and "more than 100"; "27–29 May" for those days
    /// and the opening day; "27 May" for it with and without a year).
    pub fn breadth(&self) -> (u8, u8) {
        match self {
            StatedValue::Quantity(q) => (u8::from(q.qualifier.is_some()), 0),
            StatedValue::Dates(r) => (u8::from(!r.is_single()), u8::from(!r.has_year())),
            StatedValue::Entity(_) | StatedValue::Weekday(_) => (0, 0),
        }
    }

    /// The form values are grouped on.
    pub fn normalized(&self, rules: &RuleSet) -> String {
        match self {
            StatedValue::Entity(id) => rules.entity_name(*id).to_string(),
            StatedValue::Quantity(q) => q.describe(),
            StatedValue::Dates(r) => r.iso(),
            StatedValue::Weekday(w) => WEEKDAY_NAMES.get(*w as usize).unwrap_or(&"?").to_string(),
        }
    }
}

/// What one report states about one slot.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Statement {
    pub value: StatedValue,
    /// Where the value stands in the report, self-contained: the report's
    /// text and claims can be dropped once its facts are known.
    pub evidence: super::Evidence,
    /// Values of the same instance, in their own scope, that disagree.
    pub conflicts: Vec<(StatedValue, super::Evidence)>,
    /// The authority the value is attributed to.
    pub by: Option<EntityId>,
}

/// Everything a report states, per event and slot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct SourceFacts {
    /// `stated[event][slot]`, for the events the report has a lead
    /// instance of (keyed: a rule file of a thousand events costs a report
    /// only the events it mentions).
    pub stated: super::EventMap<Vec<Option<Box<Statement>>>>,
    /// How the lead mention of each event names it: its descriptor words
    /// and the original words (`الاجتماع الإقليمي`).
    pub lead_name: super::EventMap<(Vec<String>, String)>,
    /// Other instances (other ordinals) and what they state.
    pub others: Vec<OtherInstance>,
    /// The ordinal of each event's lead instance, when it has one.
    pub lead_ordinal: super::EventMap<u32>,
    /// The year of the report's date (front matter), when it has one.
    pub report_year: Option<i16>,
    /// Every figure of each changing slot the lead instance states.
    pub series: Vec<Points>,
    /// The report's language: names are compared within one language.
    pub lang: crate::source::Lang,
}

/// The figures a report gives a changing slot, each with when it holds and
/// who states it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Points {
    pub event: usize,
    pub slot: usize,
    pub points: Vec<Point>,
}

/// One figure of a changing slot.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Point {
    pub value: Quantity,
    pub at: Option<crate::extract::stamps::Stamp>,
    pub by: Option<EntityId>,
    pub evidence: super::Evidence,
}

/// Another instance of an event in a report (another ordinal), and what it
/// states.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct OtherInstance {
    pub event: usize,
    pub ordinal: u32,
    pub stated: Vec<Option<Box<Statement>>>,
}

impl SourceFacts {
    /// States nothing (but its language and year).
    pub fn is_empty(&self) -> bool {
        self.stated.is_empty()
            && self.lead_name.is_empty()
            && self.others.is_empty()
            && self.lead_ordinal.is_empty()
            && self.series.is_empty()
    }

    pub fn get(&self, event: usize, slot: usize) -> Option<&Statement> {
        self.stated.get(&event)?.get(slot)?.as_deref()
    }

    /// The ordinal of the event's lead instance, when it has one.
    pub fn lead_ordinal(&self, event: usize) -> Option<u32> {
        self.lead_ordinal.get(&event).copied()
    }
}

/// The value a claim gives a slot of this type, if it can fill it.
pub fn slot_value(ty: &SlotType, rules: &RuleSet, claim: &Claim) -> Option<StatedValue> {
    match (ty, &claim.value) {
        (SlotType::Entity(kind), ClaimValue::Entity { entity }) => {
            (rules.entity(*entity)?.kind == *kind).then_some(StatedValue::Entity(*entity))
        }
        (SlotType::Ordinal, ClaimValue::Ordinal { value }) => {
            Some(StatedValue::Quantity(Quantity::exact(*value as f64)))
        }
        (SlotType::Number, ClaimValue::Number { value })
        | (SlotType::Percent, ClaimValue::Percent { value }) => Some(StatedValue::Quantity(*value)),
        (SlotType::Count(u), ClaimValue::Count { unit, value }) if u == unit => {
            Some(StatedValue::Quantity(*value))
        }
        (SlotType::Date | SlotType::DateRange, v) => day_range(v).map(StatedValue::Dates),
        (SlotType::Weekday, ClaimValue::Weekday { value }) => Some(StatedValue::Weekday(*value)),
        (SlotType::Weekday, ClaimValue::Date { value }) => value.weekday.map(StatedValue::Weekday),
        _ => None,
    }
}

/// Position keys of a claim for each scope, so candidates can be searched.
fn scope_key(c: &Claim, scope: Scope) -> usize {
    match scope {
        Scope::Phrase => c.tokens.0,
        Scope::Sentence => c.sentence as usize,
        Scope::Paragraph => c.paragraph as usize,
        Scope::Document => 0,
    }
}

/// For each claim, how far the nearest stage mention of the event is (in
/// the claim's sentence): a value nearer to a stage (`the semi-final on 12
/// July`) is the stage's, not the event's.
fn stage_distances(ex: &Extraction, event: usize) -> Vec<usize> {
    let stages: Vec<&crate::extract::Mention> = ex
        .mentions
        .iter()
        .filter(|m| m.event == event && m.stage)
        .collect();
    ex.claims
        .iter()
        .map(|c| {
            stages
                .iter()
                .filter(|s| s.clause == c.clause)
                .map(|s| c.span.distance(s.span))
                .min()
                .unwrap_or(usize::MAX)
        })
        .collect()
}

/// The key of a mention's scope, comparable with [`scope_key`] of claims.
fn mention_key(m: &crate::extract::Mention, scope: Scope) -> usize {
    match scope {
        Scope::Phrase => m.tokens.0,
        Scope::Sentence => m.sentence as usize,
        Scope::Paragraph => m.paragraph as usize,
        Scope::Document => 0,
    }
}

/// The nearest candidate inside a scope of a mention, leaving out the
/// values nearer to a stage of the event than to the mention.
fn nearest(
    ex: &Extraction,
    candidates: &[usize],
    mention: usize,
    scope: Scope,
    staged: &[usize],
) -> Option<usize> {
    let m = ex.mentions.get(mention)?;
    let claim = |i: &usize| ex.claims.get(*i);
    // Candidates are in text order, so every scope is a contiguous run.
    let (lo_key, hi_key) = match scope {
        Scope::Phrase => (m.phrase.0, m.phrase.1.saturating_sub(1)),
        Scope::Sentence => (m.sentence as usize, m.sentence as usize),
        Scope::Paragraph => (m.paragraph as usize, m.paragraph as usize),
        Scope::Document => (0, 0),
    };
    let lo = candidates.partition_point(|i| claim(i).is_some_and(|c| scope_key(c, scope) < lo_key));
    let hi =
        candidates.partition_point(|i| claim(i).is_some_and(|c| scope_key(c, scope) <= hi_key));
    let run = candidates.get(lo..hi)?;
    let run: Vec<usize> = if scope == Scope::Phrase {
        run.iter()
            .copied()
            .filter(|i| claim(i).is_some_and(|c| c.tokens.1 <= m.phrase.1))
            .collect()
    } else {
        run.to_vec()
    };
    let free = |i: &usize| {
        claim(i).is_some_and(|c| staged.get(*i).is_none_or(|d| *d >= c.span.distance(m.span)))
    };
    let at = run.partition_point(|i| claim(i).is_some_and(|c| c.span.start < m.span.start));
    let before = run
        .get(..at)
        .and_then(|r| r.iter().rev().find(|i| free(i)))
        .copied();
    let after = run
        .get(at..)
        .and_then(|r| r.iter().find(|i| free(i)))
        .copied();
    match (before, after) {
        (Some(b), Some(a)) => {
            // The trigger's own clause first, then a name said where the
            // event is (`in Moscow`), then the nearer.
            let key = |i: usize| {
                claim(&i).map_or((true, true, usize::MAX), |c| {
                    (
                        c.clause != m.clause,
                        c.governor != crate::extract::Governor::Place,
                        c.span.distance(m.span),
                    )
                })
            };
            Some(if key(a) < key(b) { a } else { b })
        }
        (b, a) => b.or(a),
    }
}

/// The facts of a report to keep: one shared copy (per thread) for each
/// language and year among the reports that state nothing.
pub fn shared(facts: SourceFacts) -> std::sync::Arc<SourceFacts> {
    use std::collections::HashMap;
    use std::sync::Arc;
    type Empties = HashMap<(crate::source::Lang, Option<i16>), Arc<SourceFacts>>;
    thread_local! {
        static EMPTY: std::cell::RefCell<Empties> = Default::default();
    }
    if !facts.is_empty() {
        return Arc::new(facts);
    }
    EMPTY.with(|e| {
        Arc::clone(
            e.borrow_mut()
                .entry((facts.lang, facts.report_year))
                .or_insert_with(|| Arc::new(facts)),
        )
    })
}

/// Fills every slot of every mention and works out what the report states.
pub fn facts(rules: &RuleSet, report: &Report<'_>) -> SourceFacts {
    let ex = report.extraction;
    let mut out = SourceFacts {
        stated: super::EventMap::new(),
        lead_name: super::EventMap::new(),
        others: Vec::new(),
        lead_ordinal: super::EventMap::new(),
        report_year: ex.report_year,
        series: Vec::new(),
        lang: ex.lang,
    };
    // The mentions of each event, in text order, from one pass over the
    // report's mentions (a rule file of many events costs a report only the
    // events it mentions). A mention introduced by a demonstrative ("هذا
    // الاجتماع", "this meeting") refers back to what the report named
    // before; before any plain mention of the event, that is something else
    // (a visit, a talk), and the mention is not one of the event.
    let mut by_event: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in ex.mentions.iter().enumerate().filter(|(_, m)| !m.stage) {
        if m.demonstrative && !by_event.contains_key(&m.event) {
            continue;
        }
        by_event.entry(m.event).or_default().push(i);
    }
    for (ei, mentions) in by_event {
        let Some(event) = rules.events.get(ei) else {
            continue;
        };
        let staged = stage_distances(ex, ei);
        // Candidates per slot, in text order.
        let candidates: Vec<Vec<usize>> = event
            .slots
            .iter()
            .map(|s| {
                ex.claims
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        !c.part
                            && !c.invited
                            && c.share != crate::extract::shares::Share::Change
                            && c.governor != crate::extract::Governor::Origin
                            && slot_value(&s.ty, rules, c).is_some()
                    })
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        // fills[mention][slot]
        let fills: Vec<Vec<Option<Fill>>> = mentions
            .iter()
            .map(|&mi| {
                event
                    .slots
                    .iter()
                    .zip(&candidates)
                    .map(|(slot, cands)| {
                        if let Some(c) = nearest(ex, cands, mi, slot.scope, &staged) {
                            return Some(Fill {
                                claim: c,
                                mention: mi,
                                scope: slot.scope,
                                fallback: false,
                            });
                        }
                        let fb = slot.fallback?;
                        nearest(ex, cands, mi, fb, &staged).map(|c| Fill {
                            claim: c,
                            mention: mi,
                            scope: fb,
                            fallback: true,
                        })
                    })
                    .collect()
            })
            .collect();
        let ordinal_slot = event.slots.iter().position(|s| s.ty == SlotType::Ordinal);
        let ordinal_of = |k: usize| -> Option<u32> {
            let f = fills.get(k)?.get(ordinal_slot?)?.as_ref()?;
            match ex.claims.get(f.claim)?.value {
                ClaimValue::Ordinal { value } => Some(value),
                _ => None,
            }
        };
        // The lead: the first mention that fills a slot, and is not about
        // an earlier year than the report's (`the quake of 1994`); a later
        // year may be the event's own (`the 2027 budget`, voted in 2026).
        let mention_year = |k: usize| {
            mentions
                .get(k)
                .and_then(|&mi| ex.mentions.get(mi))
                .and_then(|m| m.year)
        };
        // (A report all of whose mentions are about another year is about
        // that year's event: the cross-report rules set it apart.)
        let fills_any = |f: &Vec<Option<Fill>>| f.iter().any(Option::is_some);
        // Mentions of another instance: an earlier one (`the previous
        // election`), or the next one once the event was named plainly
        // before it (`… closed in Moscow. The next meeting will be in
        // Vienna`; a report before the event names it `the next meeting`
        // first).
        let others: Vec<bool> = {
            let mut plain_before = false;
            mentions
                .iter()
                .map(|&mi| {
                    let m = ex.mentions.get(mi);
                    let previous = m.is_some_and(|m| m.previous);
                    let next = m.is_some_and(|m| m.next);
                    let other = previous || next && plain_before;
                    plain_before |= !previous && !next;
                    other
                })
                .collect()
        };
        let previous = |k: usize| others.get(k).copied().unwrap_or(false);
        let Some(lead_k) = fills
            .iter()
            .enumerate()
            .position(|(k, f)| {
                fills_any(f)
                    && !previous(k)
                    && ex
                        .report_year
                        .is_none_or(|y| mention_year(k).is_none_or(|m| m >= y))
            })
            .or_else(|| fills.iter().position(fills_any))
        else {
            continue;
        };
        let lead_ord = ordinal_of(lead_k);
        if let Some(m) = mentions.get(lead_k).and_then(|&mi| ex.mentions.get(mi)) {
            out.lead_name
                .insert(ei, (m.descriptor.clone(), m.name.clone()));
        }
        // A mention whose phrase names another year than the report's (or,
        // without a report date, than the lead mention's) is about another
        // event: `the quake of 1994` in a report of 2027.
        let known_year = mention_year(lead_k).or(ex.report_year);
        let this_year = |k: usize| match (known_year, mention_year(k)) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let in_lead = |k: usize| {
            this_year(k)
                && !previous(k)
                && match (lead_ord, ordinal_of(k)) {
                    // A mention without an ordinal belongs to the lead instance.
                    (_, None) => true,
                    (Some(a), Some(b)) => a == b,
                    (None, Some(_)) => false,
                }
        };
        let mut seen_other: Vec<u32> = Vec::new();
        for k in 0..mentions.len() {
            if !in_lead(k)
                && let Some(o) = ordinal_of(k)
                && !seen_other.contains(&o)
            {
                seen_other.push(o);
            }
        }
        let ctx = Instance {
            rules,
            ex,
            report: report.id,
            event,
            fills: &fills,
        };
        out.stated.insert(ei, ctx.statements(&in_lead));
        // A changing figure is stated again and again: every value of the
        // lead instance's scopes counts, each for its own time.
        for (si, slot) in event.slots.iter().enumerate().filter(|(_, s)| s.changing) {
            let keys: Vec<usize> = (0..mentions.len())
                .filter(|&k| in_lead(k))
                .filter_map(|k| mentions.get(k).and_then(|&mi| ex.mentions.get(mi)))
                .map(|m| mention_key(m, slot.scope))
                .collect();
            let points: Vec<Point> = candidates
                .get(si)
                .into_iter()
                .flatten()
                .filter_map(|&ci| {
                    let c = ex.claims.get(ci)?;
                    if !keys.contains(&scope_key(c, slot.scope)) {
                        return None;
                    }
                    let StatedValue::Quantity(value) = slot_value(&slot.ty, rules, c)? else {
                        return None;
                    };
                    Some(Point {
                        value,
                        at: c.at,
                        by: c.by,
                        evidence: super::Evidence {
                            report: report.id,
                            span: c.span,
                            scope: Some(slot.scope),
                            fallback: false,
                            via: c.via.clone(),
                            mention: None,
                            role: None,
                        },
                    })
                })
                .collect();
            if !points.is_empty() {
                out.series.push(Points {
                    event: ei,
                    slot: si,
                    points,
                });
            }
        }
        if let Some(o) = lead_ord {
            out.lead_ordinal.insert(ei, o);
        }
        for o in seen_other {
            let stated = ctx.statements(&|k: usize| ordinal_of(k) == Some(o));
            out.others.push(OtherInstance {
                event: ei,
                ordinal: o,
                stated,
            });
        }
    }
    // Kept for the run: no room beyond what they hold.
    out.stated.shrink_to_fit();
    out.lead_name.shrink_to_fit();
    out.lead_ordinal.shrink_to_fit();
    out.others.shrink_to_fit();
    out.series.shrink_to_fit();
    out
}

/// What the statements of one instance are made from.
struct Instance<'a> {
    rules: &'a RuleSet,
    ex: &'a Extraction,
    report: usize,
    event: &'a crate::rules::Event,
    /// `fills[mention][slot]`, for the event's mentions.
    fills: &'a [Vec<Option<Fill>>],
}

impl Instance<'_> {
    /// What the mentions `member` keeps state, slot by slot: the first
    /// value of the first scope (else of the fallback), and the values of
    /// other mentions that disagree with it in their own first scope.
    fn statements(&self, member: &dyn Fn(usize) -> bool) -> Vec<Option<Box<Statement>>> {
        let ex = self.ex;
        self.event
            .slots
            .iter()
            .enumerate()
            .map(|(si, slot)| {
                let fills: Vec<Fill> = (0..self.fills.len())
                    .filter(|&k| member(k))
                    .filter_map(|k| self.fills.get(k).and_then(|f| f.get(si)).copied().flatten())
                    .collect();
                let value_of = |f: &Fill| {
                    ex.claims
                        .get(f.claim)
                        .and_then(|c| slot_value(&slot.ty, self.rules, c))
                };
                let primary: Vec<&Fill> = fills.iter().filter(|f| !f.fallback).collect();
                // A name said where the event is (`in Tangier`, `بطنجة`)
                // outweighs one the text attaches otherwise (`Madrid's
                // delegation`): it is chosen, and only names governed alike
                // conflict.
                let placed = |f: &Fill| {
                    ex.claims
                        .get(f.claim)
                        .is_some_and(|c| c.governor == crate::extract::Governor::Place)
                };
                let chosen = primary
                    .iter()
                    .copied()
                    .find(|f| placed(f))
                    .or_else(|| primary.first().copied())
                    .or_else(|| fills.first())?;
                let value = value_of(chosen)?;
                let evidence_of = |f: &Fill| -> Option<super::Evidence> {
                    let claim = ex.claims.get(f.claim)?;
                    Some(super::Evidence {
                        report: self.report,
                        span: claim.span,
                        scope: Some(f.scope),
                        fallback: f.fallback,
                        via: claim.via.clone(),
                        mention: ex.mentions.get(f.mention).map(|m| m.span),
                        role: None,
                    })
                };
                // Two values conflict inside a report only when each stands
                // in its trigger's own clause: `on the sidelines of the
                // meeting, the defence conference will be held in Kazan`
                // gives Kazan to the conference, not to the meeting.
                let in_clause = |f: &Fill| {
                    ex.claims
                        .get(f.claim)
                        .zip(ex.mentions.get(f.mention))
                        .is_some_and(|(c, m)| c.clause == m.clause)
                };
                let mut conflicts: Vec<(StatedValue, super::Evidence)> = Vec::new();
                let mut seen: Vec<usize> = Vec::new();
                for f in &primary {
                    if f.claim == chosen.claim
                        || seen.contains(&f.claim)
                        || !in_clause(f)
                        || !in_clause(chosen)
                        || placed(f) != placed(chosen)
                    {
                        continue;
                    }
                    if let Some(v) = value_of(f)
                        && !v.agrees(&value, crate::rules::DEFAULT_TOLERANCE)
                        && let Some(e) = evidence_of(f)
                    {
                        seen.push(f.claim);
                        conflicts.push((v, e));
                    }
                }
                Some(Box::new(Statement {
                    value,
                    evidence: evidence_of(chosen)?,
                    conflicts,
                    by: ex.claims.get(chosen.claim).and_then(|c| c.by),
                }))
            })
            .collect()
    }
}
