//! Stage "parse rules": rule-file bytes → [`RuleFile`] plus every syntax and
//! lexical error found. pest types never leave this module.
//!
//! The file is read in three steps:
//! 1. a lexical scan finds the hazards pest cannot name well (Arabic
//!    punctuation, Arabic-Indic digits, bidi controls, unterminated strings,
//!    nesting depth) and collects comments for the formatter;
//! 2. statements are parsed one at a time, so that after a syntax error the
//!    parser skips to the next line that starts a statement and goes on;
//! 3. pest pairs are turned into the typed tree of [`super::ast`].

use std::num::NonZeroUsize;
use std::sync::Arc;

use pest::Parser;
use pest::iterators::Pair;

use super::ast::*;
use super::error::{RuleError, RuleErrorKind};
use crate::span::Span;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/factlint.pest"]
struct Grammar;

/// Deepest nesting of `(` and `{` accepted.
pub const MAX_NESTING: usize = 64;
/// Most operands one `+ - * /` chain may have (the tree is walked
/// recursively, so its depth is bounded here).
pub const MAX_OPERANDS: usize = 256;
/// Work budget handed to pest for one statement.
const CALL_LIMIT: usize = 2_000_000;

/// A rule file as read from disk: its display name and its text.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: Arc<str>,
    pub text: Arc<str>,
    /// The text with its line index, which every error points into.
    indexed: crate::render::Indexed,
}

impl RuleSource {
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Self {
        let (name, text) = (name.into(), text.into());
        Self {
            indexed: crate::render::Indexed::new(name.clone(), Arc::clone(&text)),
            name,
            text,
        }
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.indexed.line_of(offset).unwrap_or(0)
    }

    /// Decodes bytes as UTF-8 (a BOM is allowed); any other encoding is FL101.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Self, Box<RuleError>> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(text) => Ok(Self::new(name, text)),
            Err(e) => {
                let offset = e.valid_up_to() + (bytes.len() - body.len());
                let valid = String::from_utf8_lossy(bytes).into_owned();
                let src = Self::new(name, valid);
                Err(Box::new(src.error(
                    RuleErrorKind::NotUtf8 { offset },
                    Span::new(0, 0),
                    "the file starts here",
                )))
            }
        }
    }

    pub fn named(&self) -> crate::render::Indexed {
        self.indexed.clone()
    }

    pub fn error(&self, kind: RuleErrorKind, span: Span, label: impl Into<String>) -> RuleError {
        RuleError {
            kind,
            span,
            label: label.into(),
            secondary: Vec::new(),
            source: self.named(),
        }
    }
}

/// Parses a whole rule file. Always returns the statements that could be
/// read, with every error found (empty when the file is well formed).
pub fn parse(src: &RuleSource) -> (RuleFile, Vec<RuleError>) {
    let text: &str = &src.text;
    let scan = lex_scan(text);
    let mut errors: Vec<RuleError> = scan
        .hazards
        .iter()
        .map(|(kind, span, label)| src.error(kind.clone(), *span, label.clone()))
        .collect();
    let mut file = RuleFile {
        items: Vec::new(),
        comments: scan.comments,
        skipped: Vec::new(),
    };
    if scan.too_deep.is_some() {
        return (file, errors);
    }
    let hazard_lines: Vec<usize> = scan
        .hazards
        .iter()
        .map(|(_, s, _)| src.line_of(s.start))
        .collect();

    pest::set_call_limit(NonZeroUsize::new(CALL_LIMIT));
    pest::set_error_detail(true);
    let clean = &scan.sanitized;
    let mut offset = skip_trivia(clean, 0);
    while offset < clean.len() {
        let rest = clean.get(offset..).unwrap_or("");
        // pest finds the line of an error by walking back from the end of
        // its input, so parsing the whole rest for every statement costs
        // the square of the file on a file of errors. A statement is parsed
        // in a window ending where the next top-level statement may start
        // (a line starting with a letter); only a statement the window cut
        // short (its error at the window's end) is parsed again whole.
        let window_end = next_statement_start(clean, offset).unwrap_or(clean.len());
        let window = clean.get(offset..window_end).unwrap_or(rest);
        let parsed = match Grammar::parse(Rule::single, window) {
            Err(e) if window.len() < rest.len() && error_at(&e) >= window.trim_end().len() => {
                Grammar::parse(Rule::single, rest)
            }
            other => other,
        };
        match parsed {
            Ok(mut pairs) => {
                let Some(pair) = pairs.next() else { break };
                let consumed = pair.as_span().end();
                for inner in pair.into_inner() {
                    match build_item(inner, offset) {
                        Ok(item) => file.items.push(item),
                        Err((kind, span)) => {
                            errors.push(src.error(kind, span, "here"));
                        }
                    }
                }
                offset = skip_trivia(clean, offset + consumed.max(1));
            }
            Err(e) => {
                let (kind, at) = syntax_error(&e, rest, offset);
                let at_line = src.line_of(at);
                // A syntax error on the line of a lexical hazard, or right
                // after one, is a consequence of it: the hazard says more.
                let follows_hazard = scan
                    .hazards
                    .iter()
                    .any(|(_, s, _)| s.end <= at && skip_trivia(clean, s.end) >= at);
                if !hazard_lines.contains(&at_line) && !follows_hazard {
                    let end = next_char_end(text, at);
                    let label = match &kind {
                        RuleErrorKind::TooDeep { .. } => "parsing stopped here".to_string(),
                        RuleErrorKind::Syntax { found, .. } => format!("found {found}"),
                        _ => "here".to_string(),
                    };
                    errors.push(src.error(kind.clone(), Span::new(at, end), label));
                }
                if matches!(kind, RuleErrorKind::TooDeep { .. }) {
                    break;
                }
                // Resume at the error itself when it is a word at the start of
                // a line (a statement the previous one ran into), else at the
                // next line that starts a statement.
                let at_line_start = at > offset
                    && clean.get(..at).is_some_and(|t| t.ends_with('\n'))
                    && clean
                        .get(at..)
                        .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()));
                let next = if at_line_start {
                    Some(at)
                } else {
                    next_statement_start(clean, at.max(offset))
                };
                file.skipped
                    .push(Span::new(offset, next.unwrap_or(clean.len())));
                match next {
                    Some(next) => offset = skip_trivia(clean, next),
                    None => break,
                }
            }
        }
    }
    (file, errors)
}

fn next_char_end(text: &str, at: usize) -> usize {
    match text.get(at..).and_then(|t| t.chars().next()) {
        Some('\n') | None => at,
        Some(c) => at + c.len_utf8(),
    }
}

/// Skips white space and comments from `at`.
fn skip_trivia(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => at += 1,
            b'#' => {
                while let Some(&c) = bytes.get(at) {
                    if c == b'\n' {
                        break;
                    }
                    at += 1;
                }
            }
            _ if text.get(at..).is_some_and(|t| t.starts_with('\u{FEFF}')) => at += 3,
            _ => break,
        }
    }
    at
}

/// After a syntax error: the start of the next line that begins, at column
/// 0, with a word (a statement), or the line after the block's closing `}`.
fn next_statement_start(text: &str, after: usize) -> Option<usize> {
    let mut pos = text.get(after..)?.find('\n')? + after + 1;
    loop {
        let line_end = text.get(pos..)?.find('\n').map_or(text.len(), |i| pos + i);
        let line = text.get(pos..line_end)?;
        if line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            return Some(pos);
        }
        if line_end >= text.len() {
            return None;
        }
        pos = line_end + 1;
    }
}

/// What the lexical scan found.
struct Scan {
    hazards: Vec<(RuleErrorKind, Span, String)>,
    comments: Vec<Comment>,
    /// The text with hazards blanked out (same byte offsets), for pest.
    sanitized: String,
    too_deep: Option<usize>,
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn is_non_ascii_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// The ASCII value of any decimal digit factlint accepts.
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + u32::from(b'0')),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + u32::from(b'0')),
        _ => None,
    }
}

fn lex_scan(text: &str) -> Scan {
    let mut hazards = Vec::new();
    let mut comments = Vec::new();
    let mut sanitized = String::with_capacity(text.len());
    let mut too_deep = None;
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    let mut line_has_code = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => {
                line_has_code = false;
                sanitized.push(c);
            }
            '#' => {
                let start = i;
                let mut end = text.len();
                sanitized.push(c);
                while let Some(&(j, d)) = chars.peek() {
                    if d == '\n' {
                        end = j;
                        break;
                    }
                    chars.next();
                    if is_bidi_control(d) {
                        hazards.push(bidi_hazard(d, j));
                        push_blank(&mut sanitized, d);
                    } else {
                        sanitized.push(d);
                    }
                }
                let body = text.get(start + 1..end).unwrap_or("");
                comments.push(Comment {
                    text: body.trim_end_matches('\r').to_string(),
                    span: Span::new(start, end),
                    trailing: line_has_code,
                });
            }
            '"' => {
                line_has_code = true;
                let start = i;
                let mut closed = false;
                let mut body = String::from('"');
                while let Some(&(_, d)) = chars.peek() {
                    if d == '\n' {
                        break;
                    }
                    chars.next();
                    body.push(d);
                    if d == '\\' {
                        if let Some(&(_, e)) = chars.peek()
                            && e != '\n'
                        {
                            chars.next();
                            body.push(e);
                        }
                    } else if d == '"' {
                        closed = true;
                        break;
                    }
                }
                if closed {
                    sanitized.push_str(&body);
                } else {
                    let end = start + body.len();
                    hazards.push((
                        RuleErrorKind::UnterminatedString,
                        Span::new(start, end),
                        "this string".to_string(),
                    ));
                    for ch in body.chars() {
                        push_blank(&mut sanitized, ch);
                    }
                }
            }
            '\u{060C}' | '\u{061B}' => {
                line_has_code = true;
                let name = if c == '\u{060C}' {
                    "comma"
                } else {
                    "semicolon"
                };
                hazards.push((
                    RuleErrorKind::ArabicPunctuation { name, found: c },
                    Span::new(i, i + c.len_utf8()),
                    format!("Arabic {name}"),
                ));
                push_blank(&mut sanitized, c);
            }
            c if is_bidi_control(c) => {
                hazards.push(bidi_hazard(c, i));
                push_blank(&mut sanitized, c);
            }
            c if c.is_ascii_digit() || is_non_ascii_digit(c) => {
                line_has_code = true;
                // A whole numeric literal: digits and the separators inside it.
                let start = i;
                let mut lit = String::from(c);
                while let Some(&(_, d)) = chars.peek() {
                    if d.is_ascii_digit()
                        || is_non_ascii_digit(d)
                        || matches!(d, ',' | '.' | '-' | '%')
                    {
                        lit.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if lit.chars().any(is_non_ascii_digit) {
                    let ascii: String = lit.chars().map(|d| ascii_digit(d).unwrap_or(d)).collect();
                    hazards.push((
                        RuleErrorKind::NonAsciiDigits {
                            found: lit.clone(),
                            ascii,
                        },
                        Span::new(start, start + lit.len()),
                        "Arabic-Indic digits".to_string(),
                    ));
                }
                sanitized.push_str(&lit);
            }
            '(' | '{' => {
                line_has_code = true;
                depth += 1;
                if depth > MAX_NESTING && too_deep.is_none() {
                    too_deep = Some(i);
                    hazards.push((
                        RuleErrorKind::TooDeep {
                            what: "nesting",
                            limit: MAX_NESTING,
                        },
                        Span::new(i, i + 1),
                        format!("nesting level {} starts here", MAX_NESTING + 1),
                    ));
                }
                sanitized.push(c);
            }
            ')' | '}' => {
                line_has_code = true;
                depth = depth.saturating_sub(1);
                sanitized.push(c);
            }
            c => {
                if !c.is_whitespace() {
                    line_has_code = true;
                }
                sanitized.push(c);
            }
        }
    }
    Scan {
        hazards,
        comments,
        sanitized,
        too_deep,
    }
}

fn bidi_hazard(c: char, at: usize) -> (RuleErrorKind, Span, String) {
    (
        RuleErrorKind::BidiControl {
            name: format!("U+{:04X}", c as u32),
        },
        Span::new(at, at + c.len_utf8()),
        "invisible control character here".to_string(),
    )
}

/// Replaces a character by spaces of the same byte length.
fn push_blank(out: &mut String, c: char) {
    for _ in 0..c.len_utf8() {
        out.push(' ');
    }
}

/// Turns a pest error into a kind and an absolute byte offset.
/// The furthest place a parse reached before it failed.
fn error_at(e: &pest::error::Error<Rule>) -> usize {
    let pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    e.parse_attempts().map_or(pos, |a| pos.max(a.max_position))
}

fn syntax_error(e: &pest::error::Error<Rule>, rest: &str, offset: usize) -> (RuleErrorKind, usize) {
    use pest::error::{ErrorVariant, InputLocation};
    let mut pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    // The furthest place the parser reached is where the author went wrong.
    if let Some(attempts) = e.parse_attempts() {
        pos = pos.max(attempts.max_position);
    }
    if let ErrorVariant::CustomError { message } = &e.variant
        && message.contains("limit")
    {
        return (
            RuleErrorKind::TooDeep {
                what: "parser work limit",
                limit: MAX_NESTING,
            },
            offset + pos,
        );
    }
    let mut words: Vec<String> = Vec::new();
    if let ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some(w) = rule_words(*r) {
                words.push(w.to_string());
            }
        }
    }
    if let Some(attempts) = e.parse_attempts() {
        for t in attempts.expected_tokens() {
            if let Some(w) = token_words(&t.to_string()) {
                words.push(w);
            }
        }
    }
    words.sort();
    words.dedup();
    if words.is_empty() {
        // A quoted alias where a statement should start: after `city
        // Moscow` (a built-in place, complete without aliases), the `=`
        // before the aliases is what is missing.
        let quoted = rest.get(pos..).is_some_and(|t| t.starts_with('"'));
        words.push(if quoted { "`=`" } else { "a statement" }.to_string());
    }
    let expected = join_or(&words);
    // A bar with no alias after it: the alias list ended, and the bar was
    // read as the start of the next statement.
    if rest.get(pos..).is_some_and(|t| t.starts_with('|')) {
        let after = skip_trivia(rest, pos + 1);
        let found = describe_found(rest, after);
        return (
            RuleErrorKind::Syntax {
                expected: "a quoted alias after `|`".to_string(),
                found,
            },
            offset + after,
        );
    }
    let found = describe_found(rest, pos);
    (RuleErrorKind::Syntax { expected, found }, offset + pos)
}

fn describe_found(rest: &str, pos: usize) -> String {
    match rest.get(pos..).and_then(|t| t.chars().next()) {
        None => "the end of the file".to_string(),
        Some('\n') | Some('\r') => "the end of the line".to_string(),
        Some(_) => {
            let word: String = rest
                .get(pos..)
                .unwrap_or("")
                .chars()
                .take_while(|c| !c.is_whitespace())
                .take(20)
                .collect();
            format!("`{word}`")
        }
    }
}

fn join_or(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// The words a user reads for a grammar rule (`None`: not worth naming).
fn rule_words(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::string | Rule::alias_list => "a quoted alias such as `\"Moscow\"`",
        Rule::ident | Rule::decl_name => "a name",
        Rule::path => "`event.slot`",
        Rule::literal => "a value (a number, a percent, a date, a name or a quoted string)",
        Rule::cmp_op => "a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`)",
        Rule::scope => "a scope (`phrase`, `sentence`, `paragraph`, `document`)",
        Rule::slot_type | Rule::count_type => "a slot type (`city`, `ordinal`, `count(unit)` …)",
        Rule::slot => "a slot (`name : type within scope`)",
        Rule::trigger | Rule::kw_trigger => "`trigger = \"…\"`",
        Rule::kw_exclude => "`exclude = \"…\"`",
        Rule::kw_stages => "`stages = \"…\"`",
        Rule::expr | Rule::term | Rule::call | Rule::paren | Rule::func => {
            "an expression (`sum(percent)`, `count(unit)`, a number …)"
        }
        Rule::number => "a number",
        Rule::percent => "a percent such as `37%`",
        Rule::date | Rule::date_range => "a date such as `2025-05-27`",
        Rule::kw_within => "`within`",
        Rule::kw_else => "`else`",
        Rule::kw_per => "`per`",
        Rule::kw_weekdays | Rule::kw_breakdowns | Rule::kw_names | Rule::comparison => {
            "`weekdays`, `breakdowns`, `names` or a comparison"
        }
        Rule::options | Rule::option => "rule options `{ … }`",
        Rule::title
        | Rule::vocab
        | Rule::event
        | Rule::expect
        | Rule::agree
        | Rule::check
        | Rule::kw_rules
        | Rule::kw_event
        | Rule::kw_expect
        | Rule::kw_agree
        | Rule::kw_check => {
            "a statement (`rules`, `event`, `expect`, `agree`, `check` or `KIND Name = \"alias\"`)"
        }
        Rule::add_op | Rule::mul_op => "an operator",
        _ => return None,
    })
}

fn token_words(token: &str) -> Option<String> {
    match token {
        "=" | "|" | "{" | "}" | "(" | ")" | ":" | "." | ".." => Some(format!("`{token}`")),
        _ => None,
    }
}

// ------------------------------------------------------------------ tree

type BuildResult<T> = Result<T, (RuleErrorKind, Span)>;

/// The span of a pair without the white space and comments pest lets a
/// rule with an optional tail consume after its last token.
fn span_of(pair: &Pair<'_, Rule>, offset: usize) -> Span {
    let s = pair.as_span();
    let end = s.start() + code_len(pair.as_str());
    Span::new(offset + s.start(), offset + end)
}

/// Length of `text` up to the end of its last character that is neither
/// white space nor inside a comment.
fn code_len(text: &str) -> usize {
    let mut last = 0;
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
            }
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            last = i + c.len_utf8();
            continue;
        }
        match c {
            '#' => in_comment = true,
            '"' => {
                in_string = true;
                last = i + 1;
            }
            c if c.is_whitespace() || c == '\u{FEFF}' => {}
            c => last = i + c.len_utf8(),
        }
    }
    last
}

fn spanned_str(pair: &Pair<'_, Rule>, offset: usize) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), span_of(pair, offset))
}

fn internal(span: Span, what: &str) -> (RuleErrorKind, Span) {
    (
        RuleErrorKind::Syntax {
            expected: format!("{what} (the parser lost its place: please report this)"),
            found: String::new(),
        },
        span,
    )
}

fn build_item(pair: Pair<'_, Rule>, off: usize) -> BuildResult<Item> {
    let span = span_of(&pair, off);
    let rule = pair.as_rule();
    let mut inner = pair.into_inner();
    match rule {
        Rule::title => {
            let _kw = inner.next();
            let s = inner.next().ok_or_else(|| internal(span, "a title"))?;
            Ok(Item::Title(Spanned::new(
                unquote(s.as_str()),
                span_of(&s, off),
            )))
        }
        Rule::vocab => {
            let kind = inner.next().ok_or_else(|| internal(span, "a kind"))?;
            let name = inner.next().ok_or_else(|| internal(span, "a name"))?;
            // No list: a place the built-in table knows by name; `+=`: its
            // names and the list; `in COUNTRY` before them picks the place.
            let mut list = inner.next();
            let mut country = None;
            if let Some(p) = list.take_if(|p| p.as_rule() == Rule::place_in) {
                country = p
                    .into_inner()
                    .find(|c| c.as_rule() == Rule::decl_name)
                    .map(|c| spanned_str(&c, off));
                list = inner.next();
            }
            let adds = list
                .as_ref()
                .is_some_and(|p| p.as_rule() == Rule::add_names);
            if adds {
                list = inner.next();
            }
            Ok(Item::Vocab(VocabEntry {
                kind: spanned_str(&kind, off),
                name: spanned_str(&name, off),
                builtin: adds || list.is_none(),
                country,
                aliases: list.map(|l| aliases(l, off)).unwrap_or_default(),
                span,
            }))
        }
        Rule::event => {
            let _kw = inner.next();
            let name = inner
                .next()
                .ok_or_else(|| internal(span, "an event name"))?;
            let mut members = Vec::new();
            for m in inner {
                let mspan = span_of(&m, off);
                match m.as_rule() {
                    Rule::trigger => {
                        let mut parts = m.into_inner();
                        let which = match parts.next().map(|k| k.as_rule()) {
                            Some(Rule::kw_exclude) => WordList::Exclude,
                            Some(Rule::kw_stages) => WordList::Stages,
                            _ => WordList::Trigger,
                        };
                        let list = parts
                            .find(|p| p.as_rule() == Rule::alias_list)
                            .ok_or_else(|| internal(mspan, "triggers"))?;
                        members.push(EventMember::Words {
                            list: which,
                            aliases: aliases(list, off),
                            span: mspan,
                        });
                    }
                    Rule::slot => members.push(EventMember::Slot(build_slot(m, off)?)),
                    _ => return Err(internal(mspan, "a trigger or a slot")),
                }
            }
            Ok(Item::Event(EventDecl {
                name: spanned_str(&name, off),
                members,
                span,
            }))
        }
        Rule::expect => {
            let _kw = inner.next();
            let path = build_path(inner.next().ok_or_else(|| internal(span, "a path"))?, off)?;
            let op = inner.next().ok_or_else(|| internal(span, "a comparison"))?;
            let lit = inner.next().ok_or_else(|| internal(span, "a value"))?;
            let options = match inner.next() {
                Some(o) => build_options(o, off)?,
                None => Vec::new(),
            };
            Ok(Item::Expect(ExpectRule {
                path,
                op: Spanned::new(cmp_op(op.as_str()), span_of(&op, off)),
                value: build_literal(lit, off)?,
                options,
                span,
            }))
        }
        Rule::agree => {
            let _kw = inner.next();
            let path = build_path(inner.next().ok_or_else(|| internal(span, "a path"))?, off)?;
            let options = match inner.next() {
                Some(o) => build_options(o, off)?,
                None => Vec::new(),
            };
            Ok(Item::Agree(AgreeRule {
                path,
                options,
                span,
            }))
        }
        Rule::check => {
            let _kw = inner.next();
            let body_pair = inner.next().ok_or_else(|| internal(span, "a check"))?;
            let body = match body_pair.as_rule() {
                Rule::kw_weekdays => CheckBody::Weekdays,
                Rule::kw_breakdowns => CheckBody::Breakdowns,
                Rule::kw_names => CheckBody::Names,
                Rule::series => {
                    let path = body_pair
                        .clone()
                        .into_inner()
                        .find(|x| x.as_rule() == Rule::path)
                        .ok_or_else(|| internal(span, "a path"))?;
                    CheckBody::Series(build_path(path, off)?)
                }
                Rule::comparison => {
                    let bspan = span_of(&body_pair, off);
                    let mut parts = body_pair.into_inner();
                    let left = build_expr(
                        parts
                            .next()
                            .ok_or_else(|| internal(bspan, "an expression"))?,
                        off,
                    )?;
                    let op = parts
                        .next()
                        .ok_or_else(|| internal(bspan, "a comparison"))?;
                    let right = build_expr(
                        parts
                            .next()
                            .ok_or_else(|| internal(bspan, "an expression"))?,
                        off,
                    )?;
                    let _per = parts.next();
                    let per = parts.next().map(|p| spanned_str(&p, off));
                    CheckBody::Compare {
                        left,
                        op: Spanned::new(cmp_op(op.as_str()), span_of(&op, off)),
                        right,
                        per,
                    }
                }
                _ => return Err(internal(span, "a check")),
            };
            let options = match inner.next() {
                Some(o) => build_options(o, off)?,
                None => Vec::new(),
            };
            Ok(Item::Check(CheckRule {
                body,
                options,
                span,
            }))
        }
        _ => Err(internal(span, "a statement")),
    }
}

fn aliases(list: Pair<'_, Rule>, off: usize) -> Vec<Spanned<String>> {
    list.into_inner()
        .map(|s| Spanned::new(unquote(s.as_str()), span_of(&s, off)))
        .collect()
}

/// The text of a string literal without its quotes, escapes resolved.
fn unquote(lit: &str) -> String {
    let body = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(lit);
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn build_slot(pair: Pair<'_, Rule>, off: usize) -> BuildResult<SlotDecl> {
    let span = span_of(&pair, off);
    let mut inner = pair.into_inner();
    let name = inner.next().ok_or_else(|| internal(span, "a slot name"))?;
    let ty_pair = inner.next().ok_or_else(|| internal(span, "a slot type"))?;
    let ty_span = span_of(&ty_pair, off);
    let ty_inner = ty_pair
        .into_inner()
        .next()
        .ok_or_else(|| internal(ty_span, "a slot type"))?;
    let ty = match ty_inner.as_rule() {
        Rule::count_type => {
            let unit = ty_inner
                .into_inner()
                .next()
                .ok_or_else(|| internal(ty_span, "a unit"))?;
            SlotTypeExpr::Count(spanned_str(&unit, off))
        }
        _ => SlotTypeExpr::Named(ty_inner.as_str().to_string()),
    };
    let mut scope = None;
    let mut fallback = None;
    let mut changing = None;
    for p in inner {
        if p.as_rule() == Rule::scope {
            if scope.is_none() {
                scope = Some(spanned_str(&p, off));
            } else {
                fallback = Some(spanned_str(&p, off));
            }
        } else if p.as_rule() == Rule::kw_changing {
            changing = Some(spanned_str(&p, off));
        }
    }
    Ok(SlotDecl {
        name: spanned_str(&name, off),
        ty: Spanned::new(ty, ty_span),
        scope,
        fallback,
        changing,
        span,
    })
}

fn build_path(pair: Pair<'_, Rule>, off: usize) -> BuildResult<SlotPath> {
    let span = span_of(&pair, off);
    let mut inner = pair.into_inner();
    let event = inner.next().ok_or_else(|| internal(span, "an event"))?;
    let slot = inner.next().ok_or_else(|| internal(span, "a slot"))?;
    Ok(SlotPath {
        event: spanned_str(&event, off),
        slot: spanned_str(&slot, off),
    })
}

fn cmp_op(s: &str) -> CmpOp {
    match s {
        "==" => CmpOp::Eq,
        "!=" => CmpOp::Ne,
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        _ => CmpOp::Ge,
    }
}

/// Reads digits of any accepted script as an `f64` (`1,240` → 1240).
pub fn number_value(text: &str) -> Option<f64> {
    let ascii: String = text
        .chars()
        .filter(|c| *c != ',' && *c != '%')
        .map(|c| ascii_digit(c).unwrap_or(c))
        .collect();
    ascii.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn build_literal(pair: Pair<'_, Rule>, off: usize) -> BuildResult<Spanned<Literal>> {
    let span = span_of(&pair, off);
    let inner = pair
        .into_inner()
        .next()
        .ok_or_else(|| internal(span, "a value"))?;
    let text = inner.as_str().to_string();
    let bad_number = || {
        (
            RuleErrorKind::InvalidLiteral {
                reason: format!("`{text}` is not a number factlint can represent"),
            },
            span,
        )
    };
    let lit = match inner.as_rule() {
        Rule::number => Literal::Number {
            value: number_value(&text).ok_or_else(bad_number)?,
            text: text.clone(),
        },
        Rule::percent => Literal::Percent {
            value: number_value(&text).ok_or_else(bad_number)?,
            text: text.clone(),
        },
        Rule::date => Literal::Date(text.clone()),
        Rule::date_range => {
            let mut d = inner.into_inner();
            let a = d.next().map(|p| p.as_str().to_string()).unwrap_or_default();
            let b = d.next().map(|p| p.as_str().to_string()).unwrap_or_default();
            Literal::DateRange(a, b)
        }
        Rule::string => Literal::Str(unquote(&text)),
        _ => Literal::Name(text.clone()),
    };
    Ok(Spanned::new(lit, span))
}

fn build_options(pair: Pair<'_, Rule>, off: usize) -> BuildResult<Vec<RuleOption>> {
    let mut out = Vec::new();
    for opt in pair.into_inner() {
        let ospan = span_of(&opt, off);
        let mut inner = opt.into_inner();
        let key = inner
            .next()
            .ok_or_else(|| internal(ospan, "an option name"))?;
        let value = inner
            .next()
            .ok_or_else(|| internal(ospan, "an option value"))?;
        let vspan = span_of(&value, off);
        let vtext = value.as_str().to_string();
        let lit = match value.as_rule() {
            Rule::number => Literal::Number {
                value: number_value(&vtext).unwrap_or(f64::NAN),
                text: vtext,
            },
            Rule::percent => Literal::Percent {
                value: number_value(&vtext).unwrap_or(f64::NAN),
                text: vtext,
            },
            Rule::string => Literal::Str(unquote(&vtext)),
            _ => Literal::Name(vtext),
        };
        out.push(RuleOption {
            key: spanned_str(&key, off),
            value: Spanned::new(lit, vspan),
        });
    }
    Ok(out)
}

fn build_expr(pair: Pair<'_, Rule>, off: usize) -> BuildResult<Spanned<Expr>> {
    let span = span_of(&pair, off);
    match pair.as_rule() {
        Rule::expr | Rule::term => {
            let mut inner = pair.into_inner();
            let first = inner
                .next()
                .ok_or_else(|| internal(span, "an expression"))?;
            let mut acc = build_expr(first, off)?;
            let mut operands = 1;
            while let Some(op) = inner.next() {
                operands += 1;
                if operands > MAX_OPERANDS {
                    return Err((
                        RuleErrorKind::TooDeep {
                            what: "too many operands in one expression",
                            limit: MAX_OPERANDS,
                        },
                        span_of(&op, off),
                    ));
                }
                let rhs = inner.next().ok_or_else(|| internal(span, "an operand"))?;
                let rhs = build_expr(rhs, off)?;
                let op = match op.as_str() {
                    "+" => BinOp::Add,
                    "-" => BinOp::Sub,
                    "*" => BinOp::Mul,
                    _ => BinOp::Div,
                };
                let s = acc.span.cover(rhs.span);
                acc = Spanned::new(
                    Expr::Binary {
                        op,
                        left: Box::new(acc),
                        right: Box::new(rhs),
                    },
                    s,
                );
            }
            Ok(acc)
        }
        Rule::paren => {
            let inner = pair
                .into_inner()
                .next()
                .ok_or_else(|| internal(span, "an expression"))?;
            Ok(Spanned::new(
                Expr::Paren(Box::new(build_expr(inner, off)?)),
                span,
            ))
        }
        Rule::call => {
            let mut inner = pair.into_inner();
            let func = inner.next().ok_or_else(|| internal(span, "a function"))?;
            let arg = inner.next().ok_or_else(|| internal(span, "an argument"))?;
            let func = match func.as_str() {
                "sum" => Func::Sum,
                "count" => Func::Count,
                "min" => Func::Min,
                _ => Func::Max,
            };
            Ok(Spanned::new(
                Expr::Call {
                    func,
                    arg: spanned_str(&arg, off),
                },
                span,
            ))
        }
        Rule::number | Rule::percent => {
            let text = pair.as_str().to_string();
            let value = number_value(&text).ok_or((
                RuleErrorKind::InvalidLiteral {
                    reason: format!("`{text}` is not a number factlint can represent"),
                },
                span,
            ))?;
            Ok(Spanned::new(
                if pair.as_rule() == Rule::number {
                    Expr::Number { text, value }
                } else {
                    Expr::Percent { text, value }
                },
                span,
            ))
        }
        _ => Err(internal(span, "an expression")),
    }
}
