//! Stage "normalise": `&str` → [`Normalized`] (the folded text and an
//! [`OffsetMap`] that leads every position back to the original bytes).
//!
//! Folding, as the language reference's "How text is matched" states:
//! compatibility decomposition (NFKD, so presentation forms and ligatures
//! become plain letters), combining marks dropped (Arabic tashkeel and the
//! superscript alef, Latin accents), tatweel and invisible format characters
//! dropped, alef forms → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, Latin case folded,
//! Arabic-Indic and Persian digits → ASCII, `٪` → `%`. The Arabic decimal
//! and thousands separators `٫` `٬` are kept: they say unambiguously what
//! they are, where `.` and `,` depend on the language.
//! Because combining marks are dropped after decomposition, the result is
//! what NFKC would give with the marks removed.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folded text plus the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// One stretch of the normalised text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mark {
    /// First normalised byte of the stretch.
    norm: u32,
    /// First original byte of the stretch.
    orig: u32,
    /// 0 for an identity stretch (bytes copied one to one until the next
    /// mark); otherwise the original length of a single unit that was
    /// rewritten, which maps as a whole.
    atomic_len: u32,
}

/// Maps normalised byte offsets to original byte offsets. Marks are kept only
/// where the mapping changes (like a source map), so text that needs no
/// folding costs one mark.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    marks: Vec<Mark>,
    orig_len: u32,
    norm_len: u32,
}

impl OffsetMap {
    fn mark_at(&self, pos: usize, for_end: bool) -> Option<&Mark> {
        let pos = pos as u32;
        let idx = if for_end {
            self.marks.partition_point(|m| m.norm < pos)
        } else {
            self.marks.partition_point(|m| m.norm <= pos)
        };
        self.marks.get(idx.checked_sub(1)?)
    }

    /// Original offset of the start of the unit holding normalised byte `pos`.
    pub fn to_orig_start(&self, pos: usize) -> usize {
        if pos as u32 >= self.norm_len {
            return self.orig_len as usize;
        }
        match self.mark_at(pos, false) {
            None => 0,
            Some(m) if m.atomic_len > 0 => m.orig as usize,
            Some(m) => (m.orig + (pos as u32 - m.norm)) as usize,
        }
    }

    /// Original offset just past the unit holding normalised byte `pos - 1`.
    pub fn to_orig_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.marks.first().map_or(0, |m| m.orig as usize);
        }
        match self.mark_at(pos, true) {
            None => 0,
            Some(m) if m.atomic_len > 0 => (m.orig + m.atomic_len) as usize,
            Some(m) => (m.orig + (pos as u32 - m.norm)) as usize,
        }
    }

    /// Maps a normalised byte range to the original bytes it came from.
    pub fn to_orig(&self, start: usize, end: usize) -> crate::span::Span {
        if end <= start {
            let s = self.to_orig_start(start);
            return crate::span::Span::new(s, s);
        }
        crate::span::Span::new(self.to_orig_start(start), self.to_orig_end(end))
    }
}

/// The folded form of one character, appended to `out`.
/// Returns false when the character is dropped entirely.
fn fold_char(c: char, out: &mut String) -> bool {
    // Fast path: ASCII needs only case folding.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return true;
    }
    // Fast path for the Arabic block, most of a report: no table lookups.
    match c {
        'أ' | 'إ' | 'آ' => {
            out.push('ا');
            return true;
        }
        'ة' => {
            out.push('ه');
            return true;
        }
        'ى' | 'ئ' => {
            out.push('ي');
            return true;
        }
        'ؤ' => {
            out.push('و');
            return true;
        }
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => return false,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => {
            out.push(c);
            return true;
        }
        _ => {}
    }
    let before = out.len();
    match c {
        // Tatweel, invisible format characters, bidi controls, BOM, soft hyphen.
        '\u{0640}'
        | '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}' => {
            return false;
        }
        '\u{0660}'..='\u{0669}' => {
            out.push(char::from(b'0' + (c as u32 - 0x0660) as u8));
            return true;
        }
        '\u{06F0}'..='\u{06F9}' => {
            out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8));
            return true;
        }
        '\u{066A}' => {
            out.push('%');
            return true;
        }
        _ => {}
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        let folded = match d {
            'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ئ' => 'ي',
            'ی' => 'ي', // Persian yeh
            'ک' => 'ك', // Persian keheh
            '\u{0640}' => return,
            _ => d,
        };
        if folded.is_uppercase() {
            out.extend(folded.to_lowercase());
        } else {
            out.push(folded);
        }
    });
    out.len() > before
}

/// Folds a whole text (aliases, rule literals): no map kept.
pub fn normalize_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Records a character kept as it is at `norm` (from `orig`): a new mark
/// unless it continues the last identity stretch.
fn push_identity(marks: &mut Vec<Mark>, norm: u32, orig: u32) {
    let continues = matches!(
        marks.last(),
        Some(m) if m.atomic_len == 0 && m.orig + (norm - m.norm) == orig
    );
    if !continues {
        marks.push(Mark {
            norm,
            orig,
            atomic_len: 0,
        });
    }
}

/// The Arabic letters that fold to themselves, by the second byte of their
/// UTF-8 form (a bit per continuation byte `0x80..=0xBF`): after `D8`, ء
/// and ا to غ but آ أ ؤ إ ئ ة (U+0621 … U+063A); after `D9`, ف to ي but ى
/// (U+0641 … U+064A).
const KEPT_AFTER_D8: u64 = ((1 << 0x3B) - (1 << 0x21)) & !(0b1_1111 << 0x22) & !(1 << 0x29);
const KEPT_AFTER_D9: u64 = ((1 << 0x0B) - (1 << 0x01)) & !(1 << 0x09);

/// The length of the character at `at` when it folds to itself and is not
/// dropped (ASCII but capitals, most Arabic letters), else 0: the bytes of
/// most of a report are told apart without decoding a character.
#[inline]
fn unchanged_len(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b) if b.is_ascii() => usize::from(!b.is_ascii_uppercase()),
        Some(&lead @ (0xD8 | 0xD9)) => {
            let kept = if lead == 0xD8 {
                KEPT_AFTER_D8
            } else {
                KEPT_AFTER_D9
            };
            let second = bytes.get(at + 1).map_or(0, |b| b.wrapping_sub(0x80));
            if second < 64 && kept >> second & 1 == 1 {
                2
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// What the character at `at` folds to when that is another character of
/// the same length: an ASCII capital, or an Arabic letter that folds to
/// another (آ أ إ → ا, ؤ → و, ئ ى → ي, ة → ه), most of what a report needs
/// folded.
#[inline]
fn same_length_fold(bytes: &[u8], at: usize) -> Option<char> {
    match bytes.get(at..)? {
        [b @ b'A'..=b'Z', ..] => Some(char::from(b.to_ascii_lowercase())),
        [0xD8, 0xA2 | 0xA3 | 0xA5, ..] => Some('ا'),
        [0xD8, 0xA4, ..] => Some('و'),
        [0xD8, 0xA6, ..] | [0xD9, 0x89, ..] => Some('ي'),
        [0xD8, 0xA9, ..] => Some('ه'),
        _ => None,
    }
}

/// Folds a text and keeps the way back to its bytes.
///
/// A character and the combining marks after it form one unit: a span that
/// ends on the letter also covers its dropped diacritics.
pub fn normalize(s: &str) -> Normalized {
    let mut out = String::with_capacity(s.len());
    let mut marks: Vec<Mark> = Vec::new();
    // The last emitted unit: its normalised and original start.
    let mut last_unit: Option<(u32, u32)> = None;
    let mut buf = String::new();
    // Most characters fold to themselves: they are copied a run at a time
    // (`run`: where the pending run starts; `run_last`: its last character).
    let mut run: Option<usize> = None;
    let mut run_last = 0usize;
    let flush = |run: &mut Option<usize>,
                 run_last: usize,
                 upto: usize,
                 out: &mut String,
                 last_unit: &mut Option<(u32, u32)>| {
        if let Some(r) = run.take() {
            let norm_start = out.len();
            out.push_str(s.get(r..upto).unwrap_or(""));
            *last_unit = Some(((norm_start + run_last - r) as u32, run_last as u32));
        }
    };
    let bytes = s.as_bytes();
    let mut o = 0;
    while o < bytes.len() {
        // A run of characters that fold to themselves, told by their bytes.
        let start = o;
        let mut last = o;
        while let n @ 1.. = unchanged_len(bytes, o) {
            last = o;
            o += n;
        }
        if o > start {
            if run.is_none() {
                push_identity(&mut marks, out.len() as u32, start as u32);
                run = Some(start);
            }
            run_last = last;
            continue;
        }
        // A character that folds to another of its length (أ → ا, ة → ه,
        // a capital): its bytes keep their place, the identity stretch goes
        // on, and no mark is needed.
        if let Some(to) = same_length_fold(bytes, o) {
            flush(&mut run, run_last, o, &mut out, &mut last_unit);
            push_identity(&mut marks, out.len() as u32, o as u32);
            last_unit = Some((out.len() as u32, o as u32));
            out.push(to);
            o += to.len_utf8();
            continue;
        }
        let Some(c) = crate::text::segment::char_at(s, o) else {
            break;
        };
        flush(&mut run, run_last, o, &mut out, &mut last_unit);
        let norm_pos = out.len() as u32;
        let orig = o as u32;
        let clen = c.len_utf8() as u32;
        o += c.len_utf8();
        buf.clear();
        if !fold_char(c, &mut buf) {
            // Attach the dropped character to the unit before it.
            if let Some((un, uo)) = last_unit {
                match marks.last_mut() {
                    Some(m) if m.norm == un => {
                        m.atomic_len = orig + clen - uo;
                    }
                    _ => marks.push(Mark {
                        norm: un,
                        orig: uo,
                        atomic_len: orig + clen - uo,
                    }),
                }
            } else {
                // Dropped characters at the very start: nothing to attach to;
                // the next unit starts after them.
            }
            continue;
        }
        let identity = {
            let mut it = buf.chars();
            it.next() == Some(c) && it.next().is_none()
        };
        if identity {
            push_identity(&mut marks, norm_pos, orig);
        } else {
            marks.push(Mark {
                norm: norm_pos,
                orig,
                atomic_len: clen,
            });
        }
        out.push_str(&buf);
        last_unit = Some((norm_pos, orig));
    }
    flush(&mut run, run_last, s.len(), &mut out, &mut last_unit);
    // Fix identity marks that follow an atomic one: handled by `continues`.
    let map = OffsetMap {
        marks,
        orig_len: s.len() as u32,
        norm_len: out.len() as u32,
    };
    Normalized { text: out, map }
}

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_arabic_letter_forms() {
        assert_eq!(normalize_str("أجنبيًا"), "اجنبيا");
        assert_eq!(normalize_str("مُوسْكُو"), "موسكو");
        assert_eq!(normalize_str("إلى"), "الي");
        assert_eq!(normalize_str("جنسيّة"), "جنسيه");
        assert_eq!(normalize_str("الـ34"), "ال34");
        assert_eq!(normalize_str("٣٥٪"), "35%");
        assert_eq!(normalize_str("Moscou"), "moscou");
        assert_eq!(normalize_str("Genève"), "geneve");
        assert_eq!(normalize_str("\u{FEFB}"), "لا");
        assert_eq!(normalize_str("a\u{200F}b"), "ab");
    }

    #[test]
    fn byte_fast_path_agrees_with_the_characters() {
        // Every character of ASCII and the Arabic block: the bytes say
        // "unchanged" for the letters listed, and only for characters that
        // fold to themselves alone.
        for c in ('\u{0}'..='\u{7F}').chain('\u{0600}'..='\u{06FF}') {
            let s = c.to_string();
            let mut folded = String::new();
            let kept = fold_char(c, &mut folded) && folded == s;
            let by_bytes = unchanged_len(s.as_bytes(), 0) == s.len();
            let listed = if c.is_ascii() {
                !c.is_ascii_uppercase()
            } else {
                matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
                    && !matches!(c, 'أ' | 'إ' | 'آ' | 'ة' | 'ى' | 'ئ' | 'ؤ')
            };
            assert_eq!(by_bytes, listed, "{c:?}");
            assert!(!by_bytes || kept, "{c:?}");
        }
    }

    #[test]
    fn same_length_folds_are_the_folds() {
        for c in ('\u{0}'..='\u{7F}').chain('\u{0600}'..='\u{06FF}') {
            let s = c.to_string();
            let mut folded = String::new();
            let to = fold_char(c, &mut folded).then_some(folded);
            match same_length_fold(s.as_bytes(), 0) {
                Some(f) => {
                    assert_eq!(to.as_deref(), Some(f.to_string().as_str()), "{c:?}");
                    assert_eq!(f.len_utf8(), c.len_utf8(), "{c:?}");
                }
                None => assert!(
                    !c.is_ascii_uppercase()
                        && !matches!(c, 'آ' | 'أ' | 'إ' | 'ؤ' | 'ئ' | 'ى' | 'ة'),
                    "{c:?}"
                ),
            }
        }
    }

    #[test]
    fn maps_back_over_diacritics() {
        let s = "في مُوسْكُوَ اليوم";
        let n = normalize(s);
        let at = n.text.find("موسكو").unwrap();
        let span = n.map.to_orig(at, at + "موسكو".len());
        assert_eq!(&s[span.start..span.end], "مُوسْكُوَ");
    }

    #[test]
    fn maps_back_over_folded_letters() {
        // A folded letter keeps its place; a mark after it goes with it.
        let s = "في مدرسةً أخرى Grande";
        let n = normalize(s);
        assert_eq!(n.text, "في مدرسه اخري grande");
        for (word, written) in [
            ("مدرسه", "مدرسةً"),
            ("ه", "ةً"),
            ("اخري", "أخرى"),
            ("grande", "Grande"),
        ] {
            let at = n.text.find(word).unwrap();
            let span = n.map.to_orig(at, at + word.len());
            assert_eq!(&s[span.start..span.end], written);
        }
    }

    #[test]
    fn maps_back_over_digits() {
        let s = "بنسبة ٣٧ في المئة";
        let n = normalize(s);
        let at = n.text.find("37").unwrap();
        let span = n.map.to_orig(at, at + 2);
        assert_eq!(&s[span.start..span.end], "٣٧");
    }

    fn arb_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "موسكو",
            "مُوسْكُو",
            "أ",
            "إلى",
            "ـ",
            "٣",
            "۵",
            "\u{200F}",
            "é",
            "e\u{301}",
            " ",
            "\n",
            "ﻻ",
            "Ab",
            "ة",
            "٬",
            "٫",
            "%",
            "ﷺ",
            "\u{FEFF}",
            "x",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn normalisation_is_idempotent(s in arb_text()) {
            let once = normalize_str(&s);
            prop_assert_eq!(normalize_str(&once), once.clone());
            prop_assert_eq!(normalize(&s).text, once);
        }

        #[test]
        fn mapped_spans_lie_on_char_boundaries_and_cover_the_match(
            s in arb_text(), a in 0usize..200, b in 0usize..200
        ) {
            let n = normalize(&s);
            let len = n.text.len();
            let (mut a, mut b) = (a.min(len), b.min(len));
            if a > b { std::mem::swap(&mut a, &mut b); }
            while !n.text.is_char_boundary(a) { a -= 1; }
            while !n.text.is_char_boundary(b) { b += 1; }
            let span = n.map.to_orig(a, b);
            prop_assert!(span.start <= span.end && span.end <= s.len());
            prop_assert!(s.is_char_boundary(span.start));
            prop_assert!(s.is_char_boundary(span.end));
            // The original text of the span folds to a text holding the match
            // (exactly the match when the span starts and ends on whole units).
            let orig = &s[span.start..span.end];
            prop_assert!(normalize_str(orig).contains(&n.text[a..b]));
        }
    }
}
