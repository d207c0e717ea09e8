//! Stage "check rules": [`RuleFile`] → [`RuleSet`], or every error at once.
//!
//! Names are resolved (kinds, entities, events, slots, units, scopes), types
//! are checked, aliases are compared after normalisation, and every rule gets
//! its id and severity. The checker never stops at the first error.

use std::collections::{BTreeMap, HashMap};

use super::ast::*;
use super::error::{RuleError, RuleErrorKind, did_you_mean};
use super::parser::RuleSource;
use super::ruleset::*;
use crate::span::Span;
use crate::text::normalize::normalize_str;
use crate::value::Date;

const BUILTIN_TYPES: &[&str] = &[
    "number",
    "ordinal",
    "date",
    "daterange",
    "weekday",
    "percent",
];

const RESERVED: &[&str] = &[
    "rules",
    "event",
    "trigger",
    "exclude",
    "stages",
    "expect",
    "agree",
    "check",
    "within",
    "else",
    "per",
    "sum",
    "count",
    "min",
    "max",
    "phrase",
    "sentence",
    "paragraph",
    "document",
    "source",
    "weekdays",
    "names",
    "in",
    "breakdowns",
    "unit",
];

const SCOPES: &[&str] = &["phrase", "sentence", "paragraph", "document", "source"];

pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

struct Checker<'a> {
    src: &'a RuleSource,
    errors: Vec<RuleError>,
    /// Slots declared with an error: rules naming them are not checked
    /// further (their error is already reported).
    broken_slots: Vec<(String, String)>,
}

impl Checker<'_> {
    fn err(&mut self, kind: RuleErrorKind, span: Span, label: impl Into<String>) {
        self.errors.push(self.src.error(kind, span, label));
    }

    fn err2(
        &mut self,
        kind: RuleErrorKind,
        span: Span,
        label: impl Into<String>,
        other: Span,
        other_label: impl Into<String>,
    ) {
        let mut e = self.src.error(kind, span, label);
        e.secondary.push((other, other_label.into()));
        self.errors.push(e);
    }

    fn reserved(&mut self, name: &Spanned<String>, what: &'static str) -> bool {
        if RESERVED.contains(&name.node.as_str()) {
            self.err(
                RuleErrorKind::Reserved {
                    word: name.node.clone(),
                    what,
                },
                name.span,
                "reserved word",
            );
            return true;
        }
        false
    }
}

/// Resolves a parsed file into a rule set: the vocabulary, then the events
/// (their slots name vocabulary kinds), then the rules (they name slots).
pub fn check(src: &RuleSource, file: &RuleFile) -> Result<RuleSet, Vec<RuleError>> {
    let mut c = Checker {
        src,
        errors: Vec::new(),
        broken_slots: Vec::new(),
    };
    let vocab = vocabulary(&mut c, file);
    let events = events(&mut c, file, &vocab);
    let unit_names: Vec<&str> = vocab
        .entities
        .iter()
        .filter(|e| e.is_unit())
        .map(|e| e.name.as_str())
        .collect();
    let ctx = Ctx {
        entities: &vocab.entities,
        by_name: &vocab.by_name,
        events: &events,
        unit_names: &unit_names,
    };
    let rules = rules(&mut c, file, &ctx);
    if c.errors.is_empty() {
        Ok(RuleSet {
            title: vocab.title.map(|t| t.node.clone()),
            file: src.name.to_string(),
            entities: vocab.entities,
            events,
            rules,
        })
    } else {
        Err(c.errors)
    }
}

/// The title and the vocabulary of a file.
struct Vocab<'f> {
    title: Option<&'f Spanned<String>>,
    entities: Vec<Entity>,
    by_name: HashMap<String, usize>,
}

fn vocabulary<'f>(c: &mut Checker<'_>, file: &'f RuleFile) -> Vocab<'f> {
    let mut title: Option<&Spanned<String>> = None;
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_spans: Vec<Span> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut alias_owner: HashMap<String, (usize, Span)> = HashMap::new();
    // Which entries take the built-in place's names (by name alone, `+=`),
    // with the country `in` gives.
    let mut wants_builtin: Vec<Option<Option<&'static str>>> = Vec::new();

    for item in &file.items {
        match item {
            Item::Title(t) => {
                if let Some(first) = title {
                    c.err2(
                        RuleErrorKind::DuplicateTitle,
                        t.span,
                        "second title",
                        first.span,
                        "first title",
                    );
                } else {
                    title = Some(t);
                }
            }
            Item::Vocab(v) => {
                if v.kind.node != "unit" {
                    c.reserved(&v.kind, "a vocabulary kind");
                    if BUILTIN_TYPES.contains(&v.kind.node.as_str()) {
                        c.err(
                            RuleErrorKind::Reserved {
                                word: v.kind.node.clone(),
                                what: "a vocabulary kind (it is a built-in slot type)",
                            },
                            v.kind.span,
                            "built-in type",
                        );
                    }
                }
                c.reserved(&v.name, "a vocabulary entry");
                if let Some(&prev) = by_name.get(&v.name.node) {
                    let prev_span = entity_spans.get(prev).copied().unwrap_or_default();
                    c.err2(
                        RuleErrorKind::Duplicate {
                            what: "entry",
                            name: v.name.node.clone(),
                        },
                        v.name.span,
                        "declared again here",
                        prev_span,
                        "first declared here",
                    );
                    continue;
                }
                let id = entities.len();
                let pinned = pinned_country(c, v);
                if v.builtin && crate::builtin::place(&v.kind.node, &v.name.node).is_none() {
                    let help = if crate::builtin::KINDS.contains(&v.kind.node.as_str()) {
                        format!(
                            "the built-in places are every country and the cities of 15,000 inhabitants or more, by their English name (`city Moscow`, `country Morocco`); for another, give its spellings: `{} {} = \"…\" | \"…\"`",
                            v.kind.node, v.name.node
                        )
                    } else {
                        format!(
                            "only a `city` or a `country` can be given by name alone; give its spellings: `{} {} = \"…\" | \"…\"`",
                            v.kind.node, v.name.node
                        )
                    };
                    c.err(
                        RuleErrorKind::NotBuiltin {
                            kind: v.kind.node.clone(),
                            name: v.name.node.clone(),
                            help,
                        },
                        v.name.span,
                        match (
                            v.aliases.is_empty(),
                            crate::builtin::KINDS.contains(&v.kind.node.as_str()),
                        ) {
                            (true, true) => "no aliases, and no built-in place of this name",
                            (true, false) => "no aliases",
                            (false, _) => "`+=` adds to the names of a built-in place",
                        },
                    );
                }
                for alias in &v.aliases {
                    let norm = normalize_str(&alias.node);
                    let key = norm.trim().to_string();
                    // A unit may be a currency sign (`$`, `€`), written
                    // before its figure.
                    let sign = v.kind.node == "unit"
                        && !key.is_empty()
                        && key.chars().all(crate::text::is_currency_sign);
                    if !sign && !key.chars().any(|ch| ch.is_alphanumeric()) {
                        c.err(RuleErrorKind::EmptyAlias, alias.span, "this alias is empty");
                        continue;
                    }
                    match alias_owner.get(&key) {
                        Some(&(owner, other_span)) if owner != id => {
                            let other = entities
                                .get(owner)
                                .map(|e| e.name.clone())
                                .unwrap_or_default();
                            c.err2(
                                RuleErrorKind::DuplicateAlias {
                                    alias: alias.node.clone(),
                                    name: v.name.node.clone(),
                                    other,
                                },
                                alias.span,
                                format!("normalises to `{key}`"),
                                other_span,
                                "claimed here first",
                            );
                        }
                        Some(_) => {}
                        None => {
                            alias_owner.insert(key, (id, alias.span));
                        }
                    }
                }
                by_name.insert(v.name.node.clone(), id);
                entity_spans.push(v.name.span);
                entities.push(Entity {
                    name: v.name.node.clone(),
                    kind: v.kind.node.clone(),
                    aliases: v.aliases.iter().map(|a| a.node.clone()).collect(),
                    place: None,
                    written: v.aliases.len(),
                });
                wants_builtin.push(v.builtin.then_some(pinned));
            }
            _ => {}
        }
    }
    builtin_names(&mut entities, &wants_builtin, &alias_owner);
    Vocab {
        title,
        entities,
        by_name,
    }
}

/// The country an entry's `in COUNTRY` names, checked: it must be a
/// built-in country with a place of the entry's name, and the entry must
/// take built-in names (`in` picks among them; `=` has none).
fn pinned_country(c: &mut Checker<'_>, v: &crate::rules::ast::VocabEntry) -> Option<&'static str> {
    let country = v.country.as_ref()?;
    if !v.builtin {
        c.err(
            RuleErrorKind::CountryWithoutBuiltin {
                name: v.name.node.clone(),
            },
            country.span,
            "`in` picks a built-in place",
        );
        return None;
    }
    let places = crate::builtin::named(&v.kind.node, &v.name.node);
    if places.is_empty() {
        // FL221 on the name says it
        return None;
    }
    let code = crate::builtin::country_code(&country.node);
    match code.filter(|code| places.iter().any(|p| p.country == *code)) {
        Some(code) => Some(code),
        None => {
            let mut codes: Vec<&str> = places.iter().map(|p| p.country).collect();
            codes.dedup();
            c.err(
                RuleErrorKind::NotBuiltin {
                    kind: v.kind.node.clone(),
                    name: format!("{} in {}", v.name.node, country.node),
                    help: format!(
                        "the built-in places named {} are in {} (ISO 3166 codes; a country may also be written by its name)",
                        v.name.node,
                        codes.join(", ")
                    ),
                },
                country.span,
                if code.is_some() {
                    "no place of this name in this country"
                } else {
                    "not a country factlint knows (by its name or ISO 3166 code)"
                },
            );
            None
        }
    }
}

/// Gives the entries given by name alone (`city Moscow`) or with `+=` the
/// names of the built-in place they are, after the aliases written for
/// them (an entry with `=` keeps exactly its aliases). A name another entry claims,
/// or that the table would give two entries (`الجزائر`: Algiers and
/// Algeria), is left out: written aliases decide, and an ambiguous name
/// names neither.
///
/// Of several places of one name (`city Tripoli`), the entry is the one in
/// the country its `in` gives, else the one in a country the rule file
/// declares (`country Lebanon`), else the most populous. The reports play
/// no part: a rule file means the same whatever it is run on, and on every
/// shard of a run.
fn builtin_names(
    entities: &mut [Entity],
    wants: &[Option<Option<&'static str>>],
    claimed: &HashMap<String, (usize, Span)>,
) {
    let key = |n: &str| normalize_str(n).trim().to_string();
    let declared: Vec<&'static str> = entities
        .iter()
        .filter(|e| e.kind == "country")
        .filter_map(|e| crate::builtin::country_code(&e.name))
        .collect();
    // (entry, its place and why, the place's names with their keys)
    type Found = (usize, String, Vec<(&'static str, String)>);
    let mut found: Vec<Found> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (id, e) in entities.iter().enumerate() {
        let Some(Some(pinned)) = wants.get(id) else {
            continue;
        };
        let places = crate::builtin::named(&e.kind, &e.name);
        let in_country = |code: &str| places.iter().find(|p| p.country == code);
        let (place, why) = if let Some(p) = pinned.and_then(in_country) {
            (p, "the one in the country `in` names")
        } else if let Some(p) = places.iter().find(|p| declared.contains(&p.country)) {
            (p, "the one in a country the rule file declares")
        } else if let Some(p) = places.first() {
            (p, "the most populous")
        } else {
            continue;
        };
        let mut described = place.describe();
        if places.len() > 1 {
            described.push_str(&format!(
                "; of {} built-in places of this name, {why}",
                places.len()
            ));
        }
        let mut names: Vec<(&'static str, String)> = Vec::new();
        // The entry's own aliases are in `claimed` under its id.
        for &n in &place.names {
            let k = key(n);
            if k.chars().any(char::is_alphanumeric)
                && claimed.get(&k).is_none()
                && !names.iter().any(|(_, seen)| *seen == k)
            {
                names.push((n, k));
            }
        }
        for (_, k) in &names {
            *counts.entry(k.clone()).or_default() += 1;
        }
        found.push((id, described, names));
    }
    for (id, described, names) in found {
        let Some(e) = entities.get_mut(id) else {
            continue;
        };
        e.place = Some(described);
        e.aliases.extend(
            names
                .into_iter()
                .filter(|(_, k)| counts.get(k) == Some(&1))
                .map(|(n, _)| n.to_string()),
        );
    }
}

fn events(c: &mut Checker<'_>, file: &RuleFile, vocab: &Vocab<'_>) -> Vec<Event> {
    let (entities, by_name) = (&vocab.entities, &vocab.by_name);
    let kinds: Vec<String> = {
        let mut k: Vec<String> = entities.iter().map(|e| e.kind.clone()).collect();
        k.sort();
        k.dedup();
        k
    };
    let unit_names: Vec<&str> = entities
        .iter()
        .filter(|e| e.is_unit())
        .map(|e| e.name.as_str())
        .collect();

    let mut events: Vec<Event> = Vec::new();
    let mut event_spans: HashMap<String, Span> = HashMap::new();
    for item in &file.items {
        let Item::Event(e) = item else { continue };
        c.reserved(&e.name, "an event");
        if let Some(prev) = event_spans.get(&e.name.node).copied() {
            c.err2(
                RuleErrorKind::Duplicate {
                    what: "event",
                    name: e.name.node.clone(),
                },
                e.name.span,
                "declared again here",
                prev,
                "first declared here",
            );
            continue;
        }
        event_spans.insert(e.name.node.clone(), e.name.span);
        let mut triggers = Vec::new();
        let mut exclude = Vec::new();
        let mut stages = Vec::new();
        let mut slots: Vec<Slot> = Vec::new();
        let mut slot_spans: HashMap<String, Span> = HashMap::new();
        for m in &e.members {
            match m {
                EventMember::Words { list, aliases, .. } => {
                    let into = match list {
                        WordList::Trigger => &mut triggers,
                        WordList::Exclude => &mut exclude,
                        WordList::Stages => &mut stages,
                    };
                    for a in aliases {
                        if !normalize_str(&a.node)
                            .chars()
                            .any(|ch| ch.is_alphanumeric())
                        {
                            c.err(
                                RuleErrorKind::EmptyAlias,
                                a.span,
                                format!("this {} is empty", list.keyword()),
                            );
                        } else {
                            into.push(a.node.clone());
                        }
                    }
                }
                EventMember::Slot(s) => {
                    c.reserved(&s.name, "a slot");
                    if let Some(prev) = slot_spans.get(&s.name.node).copied() {
                        c.err2(
                            RuleErrorKind::Duplicate {
                                what: "slot",
                                name: s.name.node.clone(),
                            },
                            s.name.span,
                            "declared again here",
                            prev,
                            "first declared here",
                        );
                        continue;
                    }
                    slot_spans.insert(s.name.node.clone(), s.name.span);
                    match check_slot(c, s, &kinds, by_name, entities, &unit_names) {
                        Some(slot) => slots.push(slot),
                        None => c
                            .broken_slots
                            .push((e.name.node.clone(), s.name.node.clone())),
                    }
                }
            }
        }
        let has_trigger = e.members.iter().any(|m| {
            matches!(
                m,
                EventMember::Words {
                    list: WordList::Trigger,
                    ..
                }
            )
        });
        let has_slot = e.members.iter().any(|m| matches!(m, EventMember::Slot(_)));
        if !has_trigger || !has_slot {
            c.err(
                RuleErrorKind::EmptyEvent {
                    name: e.name.node.clone(),
                    missing: if !has_trigger && !has_slot {
                        "trigger and no slot"
                    } else if !has_trigger {
                        "trigger"
                    } else {
                        "slot"
                    },
                },
                e.name.span,
                "this event",
            );
        }
        events.push(Event {
            name: e.name.node.clone(),
            triggers,
            exclude,
            stages,
            slots,
        });
    }

    events
}

fn rules(c: &mut Checker<'_>, file: &RuleFile, ctx: &Ctx<'_>) -> Vec<Rule> {
    let src = c.src;
    let mut rules: Vec<Rule> = Vec::new();
    let mut ids: BTreeMap<String, Span> = BTreeMap::new();
    for item in &file.items {
        let Some((kind, default_id, options, span)) = resolve_rule(c, ctx, item) else {
            continue;
        };
        let mut rule = Rule {
            id: default_id,
            // A near-miss may be a spelling variant: a warning unless the
            // rule says otherwise.
            severity: if matches!(kind, RuleKind::Names) {
                Severity::Warning
            } else {
                Severity::Error
            },
            message: None,
            help: None,
            kind,
            span,
            text: src.text.get(span.start..span.end).unwrap_or("").to_string(),
        };
        apply_options(c, &mut rule, options);
        if let Some(prev) = ids.get(&rule.id).copied() {
            c.err2(
                RuleErrorKind::DuplicateRuleId {
                    id: rule.id.clone(),
                },
                span,
                "this rule",
                prev,
                "has the same id as this one",
            );
            continue;
        }
        ids.insert(rule.id.clone(), span);
        rules.push(rule);
    }

    rules
}

/// What one rule of the file means: its kind, default id, options and span.
fn resolve_rule<'f>(
    c: &mut Checker<'_>,
    ctx: &Ctx<'_>,
    item: &'f Item,
) -> Option<(RuleKind, String, &'f Vec<RuleOption>, Span)> {
    let resolved = match item {
        Item::Expect(r) => {
            let (ev, sl) = resolve_path(c, ctx, &r.path)?;
            let value = check_expected(c, ctx, ev, sl, r)?;
            (
                RuleKind::Expect {
                    event: ev,
                    slot: sl,
                    op: r.op.node,
                    value,
                    tolerance: DEFAULT_TOLERANCE,
                },
                format!("expect.{}.{}", r.path.event.node, r.path.slot.node),
                &r.options,
                r.span,
            )
        }
        Item::Agree(r) => {
            let (ev, sl) = resolve_path(c, ctx, &r.path)?;
            (
                RuleKind::Agree {
                    event: ev,
                    slot: sl,
                    tolerance: DEFAULT_TOLERANCE,
                    window: DEFAULT_WINDOW,
                },
                format!("agree.{}.{}", r.path.event.node, r.path.slot.node),
                &r.options,
                r.span,
            )
        }
        Item::Check(r) => match &r.body {
            CheckBody::Weekdays => (
                RuleKind::Weekdays,
                "weekday-mismatch".to_string(),
                &r.options,
                r.span,
            ),
            CheckBody::Breakdowns => (
                RuleKind::Breakdowns,
                "breakdown-mismatch".to_string(),
                &r.options,
                r.span,
            ),
            CheckBody::Names => {
                if !ctx.entities.iter().any(|e| e.kind == "person") {
                    c.err(
                        RuleErrorKind::NamesWithoutPeople,
                        r.span,
                        "no `person` entry to compare with",
                    );
                    return None;
                }
                (
                    RuleKind::Names,
                    "name-near-miss".to_string(),
                    &r.options,
                    r.span,
                )
            }
            CheckBody::Series(p) => {
                let (event, slot) = resolve_path(c, ctx, p)?;
                let changing = ctx
                    .events
                    .get(event)
                    .and_then(|e| e.slots.get(slot))
                    .is_some_and(|s| s.changing);
                if !changing {
                    c.err(
                        RuleErrorKind::NotChanging {
                            what: format!("{}.{}", p.event.node, p.slot.node),
                        },
                        p.event.span.cover(p.slot.span),
                        "this slot is not declared `changing`",
                    );
                    return None;
                }
                (
                    RuleKind::Series { event, slot },
                    format!("series.{}.{}", p.event.node, p.slot.node),
                    &r.options,
                    r.span,
                )
            }
            CheckBody::Compare {
                left,
                op,
                right,
                per,
            } => (
                resolve_compare(c, ctx, (left, op, right), per.as_ref())?,
                compare_slug(left, op.node, right),
                &r.options,
                r.span,
            ),
        },
        Item::Title(_) | Item::Vocab(_) | Item::Event(_) => return None,
    };
    Some(resolved)
}

struct Ctx<'a> {
    entities: &'a [Entity],
    by_name: &'a HashMap<String, usize>,
    events: &'a [Event],
    unit_names: &'a [&'a str],
}

/// `check EXPR CMP EXPR [per SCOPE]`: both sides resolved and of one type.
fn resolve_compare(
    c: &mut Checker<'_>,
    ctx: &Ctx<'_>,
    (left, op, right): (&Spanned<Expr>, &Spanned<CmpOp>, &Spanned<Expr>),
    per: Option<&Spanned<String>>,
) -> Option<RuleKind> {
    let l = check_expr(c, ctx, left);
    let rr = check_expr(c, ctx, right);
    let per_scope = match per {
        None => Some(Scope::Sentence),
        Some(p) => match Scope::parse(&p.node) {
            Some(Scope::Phrase) | None => {
                c.err(
                    RuleErrorKind::UnknownScope {
                        name: p.node.clone(),
                        suggestion: did_you_mean(
                            &p.node,
                            ["sentence", "paragraph", "document", "source"],
                        ),
                    },
                    p.span,
                    "`per` takes sentence, paragraph, document or source",
                );
                None
            }
            s => s,
        },
    };
    let (Some((l, lt)), Some((rr, rt)), Some(per_scope)) = (l, rr, per_scope) else {
        return None;
    };
    if !lt.compatible(rt) {
        c.err(
            RuleErrorKind::TypeMismatch {
                left: lt.describe().into(),
                right: rt.describe().into(),
                hint: Some("compare percents with percents, counts with counts".into()),
            },
            op.span,
            "these sides have different types",
        );
        return None;
    }
    Some(RuleKind::Compare {
        left: l,
        op: op.node,
        right: rr,
        per: per_scope,
    })
}

/// The default id of a `check` comparison: `check.sum-percent-le-100`.
fn compare_slug(left: &Spanned<Expr>, op: CmpOp, right: &Spanned<Expr>) -> String {
    format!(
        "check.{}-{}-{}",
        expr_slug(&left.node),
        op.slug(),
        expr_slug(&right.node)
    )
}

fn check_slot(
    c: &mut Checker<'_>,
    s: &SlotDecl,
    kinds: &[String],
    by_name: &HashMap<String, usize>,
    entities: &[Entity],
    unit_names: &[&str],
) -> Option<Slot> {
    let ty = slot_type(c, s, kinds, by_name, entities, unit_names);
    let default_scope = if ty == Some(SlotType::Ordinal) {
        Scope::Phrase
    } else {
        Scope::Sentence
    };
    let scope = match &s.scope {
        None => Some(default_scope),
        Some(sc) => parse_scope(c, sc),
    };
    let fallback = match &s.fallback {
        None => None,
        Some(sc) => Some(parse_scope(c, sc)?),
    };
    let (ty, scope) = (ty?, scope?);
    if let (Some(fb), Some(fb_span)) = (fallback, s.fallback.as_ref())
        && fb <= scope
    {
        c.err(
            RuleErrorKind::ScopeOrder {
                scope: scope.as_str().into(),
                fallback: fb.as_str().into(),
            },
            fb_span.span,
            "not wider than the first scope",
        );
        return None;
    }
    let changing = s.changing.is_some();
    if let Some(at) = s.changing.as_ref().map(|k| k.span)
        && !matches!(
            ty,
            SlotType::Number | SlotType::Percent | SlotType::Count(_)
        )
    {
        c.err(
            RuleErrorKind::NotChanging {
                what: s.name.node.clone(),
            },
            at,
            "this slot's type",
        );
        return None;
    }
    Some(Slot {
        name: s.name.node.clone(),
        ty,
        scope,
        fallback,
        changing,
    })
}

fn slot_type(
    c: &mut Checker<'_>,
    s: &SlotDecl,
    kinds: &[String],
    by_name: &HashMap<String, usize>,
    entities: &[Entity],
    unit_names: &[&str],
) -> Option<SlotType> {
    Some(match &s.ty.node {
        SlotTypeExpr::Count(unit) => match by_name.get(&unit.node) {
            Some(&id) => {
                let e = entities.get(id)?;
                if !e.is_unit() {
                    c.err(
                        RuleErrorKind::NotAUnit {
                            name: unit.node.clone(),
                            kind: e.kind.clone(),
                        },
                        unit.span,
                        "not a unit",
                    );
                    return None;
                }
                SlotType::Count(id)
            }
            None => {
                c.err(
                    RuleErrorKind::UnknownUnit {
                        name: unit.node.clone(),
                        suggestion: did_you_mean(&unit.node, unit_names.iter().copied()),
                    },
                    unit.span,
                    "no unit has this name",
                );
                return None;
            }
        },
        SlotTypeExpr::Named(n) => match n.as_str() {
            "number" => SlotType::Number,
            "ordinal" => SlotType::Ordinal,
            "date" => SlotType::Date,
            "daterange" => SlotType::DateRange,
            "weekday" => SlotType::Weekday,
            "percent" => SlotType::Percent,
            k if kinds.iter().any(|x| x == k) && k != "unit" => SlotType::Entity(k.to_string()),
            k => {
                let candidates = BUILTIN_TYPES
                    .iter()
                    .copied()
                    .chain(kinds.iter().map(String::as_str).filter(|k| *k != "unit"));
                let hint = if k == "unit" {
                    Some("count(UNIT)".to_string())
                } else {
                    did_you_mean(k, candidates)
                };
                c.err(
                    RuleErrorKind::UnknownKind {
                        name: k.to_string(),
                        suggestion: hint,
                    },
                    s.ty.span,
                    "not a built-in type nor a declared kind",
                );
                return None;
            }
        },
    })
}

fn parse_scope(c: &mut Checker<'_>, sc: &Spanned<String>) -> Option<Scope> {
    match Scope::parse(&sc.node) {
        Some(s) => Some(s),
        None => {
            c.err(
                RuleErrorKind::UnknownScope {
                    name: sc.node.clone(),
                    suggestion: did_you_mean(&sc.node, SCOPES.iter().copied()),
                },
                sc.span,
                "not a scope",
            );
            None
        }
    }
}

fn resolve_path(c: &mut Checker<'_>, ctx: &Ctx<'_>, p: &SlotPath) -> Option<(usize, usize)> {
    let Some(ev) = ctx.events.iter().position(|e| e.name == p.event.node) else {
        c.err(
            RuleErrorKind::UnknownEvent {
                name: p.event.node.clone(),
                suggestion: did_you_mean(&p.event.node, ctx.events.iter().map(|e| e.name.as_str())),
            },
            p.event.span,
            "no event has this name",
        );
        return None;
    };
    let event = ctx.events.get(ev)?;
    if c.broken_slots
        .iter()
        .any(|(e, s)| *e == p.event.node && *s == p.slot.node)
    {
        return None;
    }
    let Some(sl) = event.slot_index(&p.slot.node) else {
        let broken: Vec<&str> = c
            .broken_slots
            .iter()
            .filter(|(e, _)| *e == p.event.node)
            .map(|(_, s)| s.as_str())
            .collect();
        let suggestion = did_you_mean(
            &p.slot.node,
            event.slots.iter().map(|s| s.name.as_str()).chain(broken),
        );
        c.err(
            RuleErrorKind::UnknownSlot {
                event: p.event.node.clone(),
                name: p.slot.node.clone(),
                suggestion,
            },
            p.slot.span,
            "no slot has this name",
        );
        return None;
    };
    Some((ev, sl))
}

fn literal_type(lit: &Literal) -> &'static str {
    match lit {
        Literal::Number { .. } => "a number",
        Literal::Percent { .. } => "a percent",
        Literal::Date(_) => "a date",
        Literal::DateRange(..) => "a date range",
        Literal::Str(_) => "a string",
        Literal::Name(_) => "a name",
    }
}

fn parse_date(c: &mut Checker<'_>, text: &str, span: Span) -> Option<Date> {
    match Date::parse_iso(text) {
        Some(d) => Some(d),
        None => {
            c.err(
                RuleErrorKind::InvalidLiteral {
                    reason: format!("`{text}` is not a date of the calendar"),
                },
                span,
                "no such day",
            );
            None
        }
    }
}

fn check_expected(
    c: &mut Checker<'_>,
    ctx: &Ctx<'_>,
    ev: usize,
    sl: usize,
    r: &ExpectRule,
) -> Option<Expected> {
    let slot = ctx.events.get(ev)?.slots.get(sl)?;
    let lit = &r.value;
    let slot_desc = match &slot.ty {
        SlotType::Entity(k) => format!("a {k}"),
        SlotType::Count(_) => "a count".into(),
        SlotType::DateRange => "a date range".into(),
        other => format!(
            "{} {}",
            "a",
            match other {
                SlotType::Number => "number",
                SlotType::Ordinal => "ordinal",
                SlotType::Date => "date",
                SlotType::Weekday => "weekday",
                _ => "percent",
            }
        ),
    };
    let mismatch = |c: &mut Checker<'_>, hint: Option<String>| {
        c.err(
            RuleErrorKind::TypeMismatch {
                left: format!("`{}.{}` ({slot_desc})", r.path.event.node, r.path.slot.node),
                right: literal_type(&lit.node).into(),
                hint,
            },
            lit.span,
            format!("{} here", literal_type(&lit.node)),
        );
    };
    let ordered = matches!(
        slot.ty,
        SlotType::Number | SlotType::Ordinal | SlotType::Percent | SlotType::Count(_)
    );
    if !ordered && !matches!(r.op.node, CmpOp::Eq | CmpOp::Ne) {
        c.err(
            RuleErrorKind::TypeMismatch {
                left: format!("`{}.{}` ({slot_desc})", r.path.event.node, r.path.slot.node),
                right: format!("`{}`", r.op.node.as_str()),
                hint: Some(
                    "only numbers, ordinals, counts and percents are ordered: use `==` or `!=`"
                        .into(),
                ),
            },
            r.op.span,
            "not an ordered type",
        );
        return None;
    }
    match (&slot.ty, &lit.node) {
        (SlotType::Entity(kind), Literal::Name(n)) => match ctx.by_name.get(n) {
            Some(&id) => {
                let e = ctx.entities.get(id)?;
                if &e.kind != kind {
                    mismatch(
                        c,
                        Some(format!("`{n}` is a {}, the slot holds a {kind}", e.kind)),
                    );
                    return None;
                }
                Some(Expected::Entity(id))
            }
            None => {
                let same_kind = ctx
                    .entities
                    .iter()
                    .filter(|e| &e.kind == kind)
                    .map(|e| e.name.as_str());
                c.err(
                    RuleErrorKind::UnknownName {
                        name: n.clone(),
                        suggestion: did_you_mean(n, same_kind),
                    },
                    lit.span,
                    format!("no {kind} has this name"),
                );
                None
            }
        },
        (SlotType::Entity(kind), Literal::Str(s)) => {
            let key = normalize_str(s);
            let found = ctx
                .entities
                .iter()
                .position(|e| &e.kind == kind && e.aliases.iter().any(|a| normalize_str(a) == key));
            match found {
                Some(id) => Some(Expected::Entity(id)),
                None => {
                    c.err(
                        RuleErrorKind::UnknownName {
                            name: s.clone(),
                            suggestion: None,
                        },
                        lit.span,
                        format!("no {kind} has this alias"),
                    );
                    None
                }
            }
        }
        (
            SlotType::Number | SlotType::Ordinal | SlotType::Count(_),
            Literal::Number { value, .. },
        ) => Some(Expected::Number(*value)),
        (SlotType::Percent, Literal::Percent { value, .. } | Literal::Number { value, .. }) => {
            Some(Expected::Percent(*value))
        }
        (SlotType::Date | SlotType::DateRange, Literal::Date(d)) => {
            let d = parse_date(c, d, lit.span)?;
            Some(Expected::Dates(d, d))
        }
        (SlotType::DateRange | SlotType::Date, Literal::DateRange(a, b)) => {
            let da = parse_date(c, a, lit.span)?;
            let db = parse_date(c, b, lit.span)?;
            if db < da {
                c.err(
                    RuleErrorKind::InvalidLiteral {
                        reason: format!("the range ends ({b}) before it starts ({a})"),
                    },
                    lit.span,
                    "reversed range",
                );
                return None;
            }
            Some(Expected::Dates(da, db))
        }
        (SlotType::Weekday, Literal::Name(n) | Literal::Str(n)) => {
            match WEEKDAYS.iter().position(|w| *w == n.to_lowercase()) {
                Some(i) => Some(Expected::Weekday(i as u8)),
                None => {
                    mismatch(
                        c,
                        Some("write a weekday in English: `monday` … `sunday`".into()),
                    );
                    None
                }
            }
        }
        (SlotType::Ordinal, Literal::Name(n)) | (SlotType::Number, Literal::Name(n))
            if !ctx.by_name.contains_key(n) =>
        {
            mismatch(
                c,
                Some("write the ordinal as a number: `13` for the 13th".into()),
            );
            None
        }
        _ => {
            mismatch(c, None);
            None
        }
    }
}

/// The type of a `check` expression, for compatibility of its two sides.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ExprType {
    /// A literal number or a count of numbers: compatible with anything.
    Plain,
    Percent,
    Count,
}

impl ExprType {
    fn compatible(self, other: ExprType) -> bool {
        self == other || self == ExprType::Plain || other == ExprType::Plain
    }

    fn describe(self) -> &'static str {
        match self {
            ExprType::Plain => "a number",
            ExprType::Percent => "a percent",
            ExprType::Count => "a count",
        }
    }
}

fn check_expr(c: &mut Checker<'_>, ctx: &Ctx<'_>, e: &Spanned<Expr>) -> Option<(CExpr, ExprType)> {
    match &e.node {
        Expr::Number { value, .. } => Some((CExpr::Const(*value), ExprType::Plain)),
        Expr::Percent { value, .. } => Some((CExpr::Const(*value), ExprType::Percent)),
        Expr::Paren(inner) => check_expr(c, ctx, inner),
        Expr::Binary { op, left, right } => {
            let l = check_expr(c, ctx, left);
            let r = check_expr(c, ctx, right);
            let ((l, lt), (r, rt)) = (l?, r?);
            if matches!(op, BinOp::Add | BinOp::Sub) && !lt.compatible(rt) {
                c.err(
                    RuleErrorKind::TypeMismatch {
                        left: lt.describe().into(),
                        right: rt.describe().into(),
                        hint: None,
                    },
                    e.span,
                    "cannot add these",
                );
                return None;
            }
            let t = if lt == ExprType::Plain { rt } else { lt };
            Some((CExpr::Bin(*op, Box::new(l), Box::new(r)), t))
        }
        Expr::Call { func, arg } => {
            let figure = match arg.node.as_str() {
                "percent" if *func != Func::Count => Figure::Percent,
                "number" if *func != Func::Count => Figure::Number,
                name => match ctx.by_name.get(name) {
                    Some(&id) => {
                        let ent = ctx.entities.get(id)?;
                        if !ent.is_unit() {
                            c.err(
                                RuleErrorKind::NotAUnit {
                                    name: name.to_string(),
                                    kind: ent.kind.clone(),
                                },
                                arg.span,
                                "not a unit",
                            );
                            return None;
                        }
                        Figure::Unit(id)
                    }
                    None if matches!(name, "percent" | "number") => {
                        c.err(
                            RuleErrorKind::BadFunctionArg {
                                func: func.as_str(),
                                arg: name.to_string(),
                                expected: "`count` takes a unit; use `sum(percent)` or `max(number)` for other figures",
                            },
                            arg.span,
                            "not a unit",
                        );
                        return None;
                    }
                    None => {
                        c.err(
                            RuleErrorKind::UnknownUnit {
                                name: name.to_string(),
                                suggestion: did_you_mean(
                                    name,
                                    ctx.unit_names.iter().copied().chain(["percent", "number"]),
                                ),
                            },
                            arg.span,
                            "no unit has this name",
                        );
                        return None;
                    }
                },
            };
            let t = match figure {
                Figure::Percent => ExprType::Percent,
                Figure::Number => ExprType::Plain,
                Figure::Unit(_) => ExprType::Count,
            };
            Some((
                CExpr::Agg {
                    func: *func,
                    figure,
                },
                t,
            ))
        }
    }
}

fn expr_slug(e: &Expr) -> String {
    match e {
        Expr::Number { text, .. } => text.replace(',', ""),
        Expr::Percent { text, .. } => text.replace('%', "pct"),
        Expr::Call { func, arg } => format!("{}-{}", func.as_str(), arg.node),
        Expr::Binary { op, left, right } => {
            let o = match op {
                BinOp::Add => "plus",
                BinOp::Sub => "minus",
                BinOp::Mul => "times",
                BinOp::Div => "over",
            };
            format!("{}-{o}-{}", expr_slug(&left.node), expr_slug(&right.node))
        }
        Expr::Paren(inner) => expr_slug(&inner.node),
    }
}

fn apply_options(c: &mut Checker<'_>, rule: &mut Rule, options: &[RuleOption]) {
    let mut seen: Vec<&str> = Vec::new();
    for o in options {
        let key = o.key.node.as_str();
        if seen.contains(&key) {
            c.err(
                RuleErrorKind::InvalidOption {
                    reason: format!("`{key}` is given twice"),
                },
                o.key.span,
                "again here",
            );
            continue;
        }
        seen.push(key);
        let bad = |c: &mut Checker<'_>, reason: String| {
            c.err(
                RuleErrorKind::InvalidOption { reason },
                o.value.span,
                "this value",
            );
        };
        match (key, &o.value.node) {
            ("id", Literal::Str(s)) => {
                let ok = !s.is_empty()
                    && s.chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'));
                if ok {
                    rule.id = s.clone();
                } else {
                    bad(
                        c,
                        "an id uses ASCII letters, digits, `-`, `_` and `.`".into(),
                    );
                }
            }
            ("severity", Literal::Name(s) | Literal::Str(s)) => match Severity::parse(s) {
                Some(sev) => rule.severity = sev,
                None => bad(
                    c,
                    format!("`{s}` is not a severity (error, warning or info)"),
                ),
            },
            ("message", Literal::Str(s)) => rule.message = Some(s.clone()),
            ("help", Literal::Str(s)) => rule.help = Some(s.clone()),
            ("tolerance", Literal::Percent { value, .. }) => match &mut rule.kind {
                RuleKind::Agree { tolerance, .. } | RuleKind::Expect { tolerance, .. } => {
                    *tolerance = value / 100.0;
                }
                _ => bad(c, "`tolerance` applies to `agree` and `expect`".into()),
            },
            ("window", Literal::Number { value, .. }) => match &mut rule.kind {
                RuleKind::Agree { window, .. }
                    if (0.0..=1440.0).contains(value) && value.fract() == 0.0 =>
                {
                    *window = *value as u16;
                }
                RuleKind::Agree { .. } => {
                    bad(c, "`window` is a number of minutes, 0 to 1440".into())
                }
                _ => bad(c, "`window` applies to `agree`".into()),
            },
            ("window", _) => bad(c, "`window` takes a number of minutes such as `60`".into()),
            ("id" | "message" | "help", _) => bad(c, format!("`{key}` takes a quoted string")),
            ("severity", _) => bad(c, "`severity` is error, warning or info".into()),
            ("tolerance", _) => bad(c, "`tolerance` takes a percent such as `10%`".into()),
            _ => c.err(
                RuleErrorKind::InvalidOption {
                    reason: format!(
                        "unknown option `{key}`{}",
                        did_you_mean(
                            key,
                            ["id", "severity", "message", "help", "tolerance", "window"],
                        )
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default()
                    ),
                },
                o.key.span,
                "unknown option",
            ),
        }
    }
}
