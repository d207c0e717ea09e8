//! Stage "segment": normalised text → [`Segments`]: tokens, sentences and
//! paragraphs, in one pass.
//!
//! - A token is a run of letters (a word), a run of digits with the
//!   separators inside a number (`1,240`, `3.5`, `1 240` with a no-break
//!   space), or one other visible character. Letters and digits next to each
//!   other are separate tokens with no gap (`ال34` is `ال` + `34`).
//! - A paragraph is a line: news files put one paragraph on a line.
//! - A sentence ends at `.` `!` `?` `؟` `؛` `…` or a line break, but not at a
//!   decimal point (inside a number token), after an abbreviation (`Dr.`,
//!   `Mr.`, `etc.`) or after an initial (`J. Smith`, `U.S.`, Arabic `د.`).

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Normalised byte range.
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    /// Index of the sentence and paragraph holding the token.
    pub sentence: u32,
    pub paragraph: u32,
    /// White space stands between this token and the previous one.
    pub space_before: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Default)]
pub struct Segments {
    pub tokens: Vec<Token>,
    /// Normalised byte range of each sentence.
    pub sentences: Vec<(u32, u32)>,
    /// Normalised byte range of each paragraph.
    pub paragraphs: Vec<(u32, u32)>,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "jr", "sr", "gen",
    "col", "lt", "sgt", "gov", "sen", "rep", "mt", "m", "mme", "mlle", "me", "cf", "fig", "p",
    "pp", "vol", "art", "approx", "av", "bd",
];

/// A letter of the Arabic alphabet (ء to ي, and the extended letters ٱ to ۓ).
pub fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c)
}

/// A letter by the rule of [`is_letter`], worked out for every character
/// of the first 2,048 code points (Latin, Greek, Cyrillic, Hebrew, Arabic):
/// a bit each, 256 bytes, so that the punctuation of a report (`،` `«`)
/// costs a lookup, not a search of the Unicode tables.
static LETTERS_BELOW_0800: std::sync::LazyLock<[u64; 32]> = std::sync::LazyLock::new(|| {
    let mut bits = [0u64; 32];
    for c in ('\0'..'\u{0800}').filter(|&c| letter_by_rule(c)) {
        let u = c as usize;
        if let Some(word) = bits.get_mut(u >> 6) {
            *word |= 1 << (u & 63);
        }
    }
    bits
});

/// A letter: an ASCII letter, an Arabic letter, or any other alphabetic
/// character.
fn letter_by_rule(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_arabic_letter(c) || c.is_alphabetic()
    }
}

/// A letter (ASCII, Arabic, or any other alphabetic character), with fast
/// paths for the scripts of the reports and for general punctuation
/// (`—` `…` `“`), none of which is a letter.
pub fn is_letter(c: char) -> bool {
    let u = c as u32;
    if u < 0x0800 {
        LETTERS_BELOW_0800
            .get((u >> 6) as usize)
            .is_some_and(|word| word >> (u & 63) & 1 == 1)
    } else if (0x2000..0x2070).contains(&u) {
        false
    } else {
        c.is_alphabetic()
    }
}

fn is_word_char(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit()
}

/// The character at byte `at`, if any.
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(at..)?.chars().next(),
        None => None,
    }
}

/// The length of the letter at byte `at`, else 0. ASCII and the Arabic
/// letters are told by their bytes, without decoding a character: most of
/// a report. Read as one big-endian number, the two bytes of ء … ي run
/// from `D8 A1` to `D9 8A` and those of ٱ … ۓ from `D9 B1` to `DB 93` (no
/// other character has two bytes in between), so two comparisons tell an
/// Arabic letter, where a branch on the first byte alone is mispredicted
/// at every other letter.
#[inline]
fn letter_len(text: &str, bytes: &[u8], at: usize) -> usize {
    let lead = bytes.get(at).copied().unwrap_or(0);
    if lead.is_ascii() {
        return usize::from(lead.is_ascii_alphabetic());
    }
    let key = u16::from_be_bytes([lead, bytes.get(at + 1).copied().unwrap_or(0)]);
    if (0xD8A1..=0xD98A).contains(&key) || (0xD9B1..=0xDB93).contains(&key) {
        return 2;
    }
    char_at(text, at)
        .filter(|&c| is_letter(c))
        .map_or(0, char::len_utf8)
}

fn is_space_in_number(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Splits normalised text.
pub fn segment(text: &str) -> Segments {
    // About a token for every six bytes of news text (a word and its
    // space), reserved at once rather than grown by doubling.
    let mut seg = Segments {
        tokens: Vec::with_capacity(text.len() / 6 + 1),
        ..Segments::default()
    };
    let mut sentence = 0u32;
    let mut paragraph = 0u32;
    let mut sent_start = 0u32;
    let mut para_start = 0u32;
    let mut space_before = true;
    let bytes = text.as_bytes();
    let mut at = 0;
    // Close the current sentence at `end` (exclusive) and open the next.
    fn close(seg: &mut Segments, sentence: &mut u32, start: &mut u32, end: u32, next: u32) {
        let has_tokens = seg.tokens.last().is_some_and(|t| t.sentence == *sentence);
        if has_tokens {
            seg.sentences.push((*start, end));
            *sentence += 1;
        }
        *start = next;
    }
    while let Some(c) = char_at(text, at) {
        let i = at;
        at += c.len_utf8();
        let i32_ = i as u32;
        if c == '\n' || c == '\r' {
            close(&mut seg, &mut sentence, &mut sent_start, i32_, i32_ + 1);
            let para_has_tokens = seg.tokens.last().is_some_and(|t| t.paragraph == paragraph);
            if para_has_tokens {
                seg.paragraphs.push((para_start, i32_));
                paragraph += 1;
            }
            para_start = i32_ + 1;
            space_before = true;
            continue;
        }
        if c.is_whitespace() {
            space_before = true;
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            let mut end = i + c.len_utf8();
            loop {
                let rest = text.get(end..).unwrap_or("");
                let mut it = rest.chars();
                match (it.next(), it.next()) {
                    (Some(d), _) if d.is_ascii_digit() => end += 1,
                    (Some(sep @ ('.' | ',' | '\u{066B}' | '\u{066C}')), Some(d))
                        if d.is_ascii_digit() =>
                    {
                        end += sep.len_utf8()
                    }
                    (Some(sp), Some(_)) if is_space_in_number(sp) => {
                        // a no-break space inside a number: exactly three digits follow
                        let after = rest.get(sp.len_utf8()..).unwrap_or("");
                        let digits = after.chars().take_while(char::is_ascii_digit).count();
                        if digits == 3 {
                            end += sp.len_utf8();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            (TokKind::Num, end)
        } else if is_word_char(c) {
            let mut end = at;
            while let n @ 1.. = letter_len(text, bytes, end) {
                end += n;
            }
            (TokKind::Word, end)
        } else {
            (TokKind::Punct, at)
        };
        at = end;
        seg.tokens.push(Token {
            start: i32_,
            end: end as u32,
            kind,
            sentence,
            paragraph,
            space_before,
        });
        space_before = false;
        if kind == TokKind::Punct && ends_sentence(text, &seg.tokens) {
            close(
                &mut seg,
                &mut sentence,
                &mut sent_start,
                end as u32,
                end as u32,
            );
        }
    }
    let len = text.len() as u32;
    if seg.tokens.last().is_some_and(|t| t.sentence == sentence) {
        seg.sentences.push((sent_start, len));
    }
    if seg.tokens.last().is_some_and(|t| t.paragraph == paragraph) {
        seg.paragraphs.push((para_start, len));
    }
    seg
}

/// Does the punctuation token just pushed end its sentence?
fn ends_sentence(text: &str, tokens: &[Token]) -> bool {
    let Some(last) = tokens.last() else {
        return false;
    };
    match last.text(text) {
        "!" | "?" | "؟" | "؛" | "…" => true,
        "." => {
            let prev = tokens.len().checked_sub(2).and_then(|i| tokens.get(i));
            match prev {
                Some(p) if p.kind == TokKind::Word && !last.space_before => {
                    let w = p.text(text);
                    let single_letter = w.chars().count() == 1;
                    !(single_letter || ABBREVIATIONS.contains(&w))
                }
                _ => true,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The words of a text as runs of letters, a character at a time.
    fn letter_runs(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (start, is_letter(c)) {
                (None, true) => start = Some(i),
                (Some(a), false) => {
                    out.push(&text[a..i]);
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    proptest! {
        /// Words read by their bytes are the runs of letters read by
        /// characters, whatever the scripts and marks around them.
        #[test]
        fn words_are_the_runs_of_letters(
            s in prop::collection::vec(prop::sample::select(vec![
                "م", "ي", "ء", "ٱ", "ۓ", "ڤ", "ـ", "\u{064B}", "٫", "،", "؟", "٠",
                "a", "Z", "é", "ß", "Ω", "ж", "א", "中", "😀", "1", "2", " ", "\u{00A0}",
                "\n", ".", ",", "%", "—", "«", "\u{200F}",
            ]), 0..40).prop_map(|v| v.concat())
        ) {
            let words: Vec<&str> = segment(&s)
                .tokens
                .iter()
                .filter(|t| t.kind == TokKind::Word)
                .map(|t| t.text(&s))
                .collect();
            prop_assert_eq!(words, letter_runs(&s));
        }
    }

    fn words(text: &str) -> Vec<&str> {
        segment(text).tokens.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn letters_by_table_are_the_letters() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{FB50}', '\u{1D400}']) {
            assert_eq!(is_letter(c), letter_by_rule(c), "{c:?}");
        }
    }

    #[test]
    fn letters_by_bytes_are_the_letters() {
        for c in ('\u{0}'..='\u{07FF}').chain('\u{2000}'..='\u{2070}') {
            let s = format!("{c}-");
            let n = letter_len(&s, s.as_bytes(), 0);
            assert_eq!(n > 0, is_letter(c), "{c:?}");
            assert!(n == 0 || n == c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn splits_letters_from_digits() {
        assert_eq!(
            words("الدورة ال34 و الي29"),
            ["الدورة", "ال", "34", "و", "الي", "29"]
        );
        assert_eq!(words("1,240 et 3.5%"), ["1,240", "et", "3.5", "%"]);
        assert_eq!(words("1\u{00A0}240 x"), ["1\u{00A0}240", "x"]);
    }

    #[test]
    fn sentences_end_at_marks_not_abbreviations() {
        let t = "dr. smith met j. doe. then 3.5 left؟ next\nline two";
        let s = segment(t);
        let texts: Vec<&str> = s
            .sentences
            .iter()
            .map(|&(a, b)| &t[a as usize..b as usize])
            .collect();
        assert_eq!(
            texts,
            [
                "dr. smith met j. doe.",
                " then 3.5 left؟",
                " next",
                "line two"
            ]
        );
        assert_eq!(s.paragraphs.len(), 2);
    }
}
