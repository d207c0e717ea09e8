//! The canonical layout of a rule file (`factlint rules fmt`).
//!
//! One statement per line, two-space indent inside event blocks, single
//! spaces around `=`, `|`, `:` and operators, at most one blank line between
//! statements (kept where the author had one), every comment kept: a comment
//! on its own line stays before the statement that follows it, a comment at
//! the end of a statement's last line stays there. Formatting is idempotent
//! and never changes what the file means (both are tested).

use super::ast::*;
use crate::span::Span;

/// `city Tripoli in LB`: what comes before the aliases.
fn vocab_head(v: &crate::rules::ast::VocabEntry) -> String {
    match &v.country {
        Some(c) => format!("{} {} in {}", v.kind.node, v.name.node, c.node),
        None => format!("{} {}", v.kind.node, v.name.node),
    }
}

/// Formats a parsed file. `text` is the file the tree was parsed from.
pub fn format(file: &RuleFile, text: &str) -> String {
    let mut f = Formatter {
        text,
        comments: &file.comments,
        used: vec![false; file.comments.len()],
        out: String::new(),
    };
    let widths = f.align_widths(&file.items);
    let mut prev_end: Option<usize> = None;
    for (item, width) in file.items.iter().zip(widths) {
        let span = item.span();
        if let Some(end) = prev_end
            && f.blank_line_between(end, span.start)
        {
            f.out.push('\n');
        }
        f.leading_comments(span.start, "");
        // A statement written on one line keeps the comments that sat
        // inside it (between the lines of a long alias list), before it:
        // in their order, ahead of its trailing comment. An event places
        // its own.
        if !matches!(item, Item::Event(_)) {
            f.leading_comments(span.end, "");
        }
        f.item(item, width);
        prev_end = Some(span.end);
    }
    // Comments after the last statement.
    let rest: Vec<usize> = (0..file.comments.len())
        .filter(|&i| !f.is_used(i))
        .collect();
    if !rest.is_empty() && !f.out.is_empty() {
        let first = rest
            .first()
            .and_then(|&i| file.comments.get(i))
            .map(|c| c.span.start);
        if let (Some(end), Some(first)) = (prev_end, first)
            && f.blank_line_between(end, first)
        {
            f.out.push('\n');
        }
    }
    for i in rest {
        if let Some(c) = file.comments.get(i) {
            f.out.push_str(&format!("#{}\n", c.text));
        }
    }
    f.out
}

struct Formatter<'a> {
    text: &'a str,
    comments: &'a [Comment],
    used: Vec<bool>,
    out: String,
}

impl Formatter<'_> {
    fn is_used(&self, i: usize) -> bool {
        self.used.get(i).copied().unwrap_or(true)
    }

    fn take(&mut self, i: usize) {
        if let Some(u) = self.used.get_mut(i) {
            *u = true;
        }
    }

    /// True when the original has an empty line between two offsets.
    fn blank_line_between(&self, a: usize, b: usize) -> bool {
        let Some(between) = self.text.get(a.min(b)..b.max(a)) else {
            return false;
        };
        let lines: Vec<&str> = between.split('\n').collect();
        let n = lines.len();
        // Fragments strictly between the first and the last are whole lines.
        lines
            .iter()
            .enumerate()
            .any(|(i, l)| i > 0 && i + 1 < n && l.trim().is_empty())
    }

    /// Emits the own-line comments before `at`, and trailing comments that sit
    /// inside an earlier multi-line statement.
    fn leading_comments(&mut self, at: usize, indent: &str) {
        for i in 0..self.comments.len() {
            if self.is_used(i) {
                continue;
            }
            let Some(c) = self.comments.get(i) else {
                continue;
            };
            if c.span.start < at {
                self.out.push_str(&format!("{indent}#{}\n", c.text));
                self.take(i);
            }
        }
    }

    /// Appends the trailing comment on the last line of `span`, if any.
    fn end_line(&mut self, span: Span) {
        let line_end = self
            .text
            .get(span.end..)
            .and_then(|t| t.find('\n'))
            .map_or(self.text.len(), |i| span.end + i);
        for i in 0..self.comments.len() {
            if self.is_used(i) {
                continue;
            }
            let Some(c) = self.comments.get(i) else {
                continue;
            };
            if c.trailing && c.span.start >= span.end && c.span.start <= line_end {
                self.out.push_str(&format!("  #{}", c.text));
                self.take(i);
                break;
            }
        }
        self.out.push('\n');
    }

    /// The column each item's head is padded to: vocabulary entries align
    /// their `=` and expectations their operator with the neighbours of the
    /// same statement kind (no blank line or comment line between them).
    fn align_widths(&self, items: &[Item]) -> Vec<usize> {
        fn head(item: &Item) -> Option<(&str, usize)> {
            match item {
                Item::Vocab(v) => Some((v.kind.node.as_str(), vocab_head(v).chars().count())),
                Item::Expect(r) => Some(("expect", path(&r.path).chars().count())),
                _ => None,
            }
        }
        let mut widths = vec![0; items.len()];
        let mut i = 0;
        while i < items.len() {
            let Some((kind, _)) = items.get(i).and_then(head) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while let (Some(prev), Some(next)) = (items.get(j - 1), items.get(j)) {
                let joined = head(next).is_some_and(|(k, _)| k == kind)
                    && !self.blank_line_between(prev.span().end, next.span().start)
                    && !self.comments.iter().any(|c| {
                        // an own-line comment between them, or one inside
                        // the next (written on its own line before it)
                        let (a, b) = (prev.span().end, next.span());
                        (!c.trailing && c.span.start > a && c.span.start < b.start)
                            || (c.span.start > b.start && c.span.start < b.end)
                    });
                if !joined {
                    break;
                }
                j += 1;
            }
            let max = items
                .get(i..j)
                .unwrap_or(&[])
                .iter()
                .filter_map(head)
                .map(|(_, w)| w)
                .max()
                .unwrap_or(0);
            for w in widths.get_mut(i..j).unwrap_or(&mut []) {
                *w = max;
            }
            i = j;
        }
        widths
    }

    fn item(&mut self, item: &Item, width: usize) {
        match item {
            Item::Title(t) => {
                self.out.push_str(&format!("rules {}", quote(&t.node)));
                self.end_line(t.span);
            }
            Item::Vocab(v) => {
                let head = vocab_head(v);
                if v.aliases.is_empty() {
                    self.out.push_str(&head);
                } else {
                    let op = if v.builtin { "+=" } else { "=" };
                    self.out
                        .push_str(&format!("{head:<width$} {op} {}", alias_list(&v.aliases)));
                }
                self.end_line(v.span);
            }
            Item::Event(e) => {
                self.out.push_str(&format!("event {} {{", e.name.node));
                let header_end = e
                    .members
                    .first()
                    .map_or(e.name.span.end, |_| e.name.span.end);
                self.end_line(Span::new(header_end, header_end));
                let name_w = e
                    .members
                    .iter()
                    .map(|m| match m {
                        EventMember::Words { list, .. } => list.keyword().len(),
                        EventMember::Slot(s) => s.name.node.chars().count(),
                    })
                    .max()
                    .unwrap_or(0);
                let type_w = e
                    .members
                    .iter()
                    .filter_map(|m| match m {
                        // An outlier such as `count(nationality)` is not worth
                        // pushing every other scope to the right.
                        EventMember::Slot(s)
                            if s.scope.is_some() && matches!(s.ty.node, SlotTypeExpr::Named(_)) =>
                        {
                            Some(slot_type(s).chars().count())
                        }
                        _ => None,
                    })
                    .max()
                    .unwrap_or(0);
                for m in &e.members {
                    self.leading_comments(m.span().start, "  ");
                    match m {
                        EventMember::Words {
                            list,
                            aliases,
                            span,
                        } => {
                            self.out.push_str(&format!(
                                "  {:<name_w$} = {}",
                                list.keyword(),
                                alias_list(aliases)
                            ));
                            self.end_line(*span);
                        }
                        EventMember::Slot(s) => {
                            self.out.push_str(&format!("  {}", slot(s, name_w, type_w)));
                            self.end_line(s.span);
                        }
                    }
                }
                // Comments before the closing brace.
                let close = e.span.end.saturating_sub(1);
                self.leading_comments(close, "  ");
                self.out.push('}');
                self.end_line(e.span);
            }
            Item::Expect(r) => {
                self.out.push_str(&format!(
                    "expect {:<width$} {} {}{}",
                    path(&r.path),
                    r.op.node.as_str(),
                    literal(&r.value.node),
                    options(&r.options)
                ));
                self.end_line(r.span);
            }
            Item::Agree(r) => {
                self.out
                    .push_str(&format!("agree {}{}", path(&r.path), options(&r.options)));
                self.end_line(r.span);
            }
            Item::Check(r) => {
                let body = match &r.body {
                    CheckBody::Weekdays => "weekdays".to_string(),
                    CheckBody::Breakdowns => "breakdowns".to_string(),
                    CheckBody::Names => "names".to_string(),
                    CheckBody::Series(p) => format!("series {}", path(p)),
                    CheckBody::Compare {
                        left,
                        op,
                        right,
                        per,
                    } => {
                        let mut s = format!(
                            "{} {} {}",
                            expr(&left.node),
                            op.node.as_str(),
                            expr(&right.node)
                        );
                        if let Some(p) = per {
                            s.push_str(&format!(" per {}", p.node));
                        }
                        s
                    }
                };
                self.out
                    .push_str(&format!("check {body}{}", options(&r.options)));
                self.end_line(r.span);
            }
        }
    }
}

/// A string literal with `"` and `\` escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn alias_list(aliases: &[Spanned<String>]) -> String {
    aliases
        .iter()
        .map(|a| quote(&a.node))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn slot_type(s: &SlotDecl) -> String {
    match &s.ty.node {
        SlotTypeExpr::Named(n) => n.clone(),
        SlotTypeExpr::Count(u) => format!("count({})", u.node),
    }
}

fn slot(s: &SlotDecl, name_w: usize, type_w: usize) -> String {
    let ty = slot_type(s);
    let mut out = format!("{:<name_w$} : {}", s.name.node, ty);
    if let Some(sc) = &s.scope {
        let pad = type_w.saturating_sub(ty.chars().count());
        out.push_str(&format!("{} within {}", " ".repeat(pad), sc.node));
        if let Some(fb) = &s.fallback {
            out.push_str(&format!(" else {}", fb.node));
        }
    }
    if s.changing.is_some() {
        out.push_str(" changing");
    }
    out
}

fn path(p: &SlotPath) -> String {
    format!("{}.{}", p.event.node, p.slot.node)
}

pub fn literal(l: &Literal) -> String {
    match l {
        Literal::Number { text, .. } | Literal::Percent { text, .. } => text.clone(),
        Literal::Date(d) => d.clone(),
        Literal::DateRange(a, b) => format!("{a} .. {b}"),
        Literal::Str(s) => quote(s),
        Literal::Name(n) => n.clone(),
    }
}

fn options(opts: &[RuleOption]) -> String {
    if opts.is_empty() {
        return String::new();
    }
    let inner: Vec<String> = opts
        .iter()
        .map(|o| format!("{} = {}", o.key.node, literal(&o.value.node)))
        .collect();
    format!(" {{ {} }}", inner.join("  "))
}

pub fn expr(e: &Expr) -> String {
    match e {
        Expr::Number { text, .. } | Expr::Percent { text, .. } => text.clone(),
        Expr::Call { func, arg } => format!("{}({})", func.as_str(), arg.node),
        Expr::Binary { op, left, right } => {
            format!("{} {} {}", expr(&left.node), op.as_str(), expr(&right.node))
        }
        Expr::Paren(inner) => format!("({})", expr(&inner.node)),
    }
}

/// The parts of a file that carry meaning: statements without spans, and the
/// comment texts in order.
pub fn meaning(file: &RuleFile) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("span");
                map.remove("trailing");
                for (_, x) in map.iter_mut() {
                    strip(x);
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(file).unwrap_or(serde_json::Value::Null);
    strip(&mut v);
    v
}

/// True when `formatted` parses to the same statements and comments as `src`.
pub fn same_meaning(src: &super::RuleSource, formatted: &str) -> bool {
    let (a, ea) = super::parser::parse(src);
    let other = super::RuleSource::new(src.name.clone(), formatted);
    let (b, eb) = super::parser::parse(&other);
    ea.is_empty() && eb.is_empty() && meaning(&a) == meaning(&b)
}
