//! Read access to the tokens of one document for the recognisers.

use crate::source::Lang;
use crate::text::normalize::OffsetMap;
use crate::text::segment::{TokKind, Token};

use super::lexicon::{WordSet, strip_clitics};

pub struct Cursor<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub lang: Lang,
    /// The report's own text (before normalisation) and where each
    /// normalised byte came from, for what folding loses: letter case.
    pub original: Option<(&'a str, &'a OffsetMap)>,
}

impl<'a> Cursor<'a> {
    /// Token `i` as the report writes it (case kept).
    pub fn original_str(&self, i: usize) -> Option<&'a str> {
        let ((text, map), t) = (self.original?, self.toks.get(i)?);
        let s = map.to_orig(t.start as usize, t.end as usize);
        text.get(s.start..s.end)
    }

    /// Was token `i` written with a capital first letter (`3M`, not `3m`)?
    pub fn capital(&self, i: usize) -> bool {
        let (Some((text, map)), Some(t)) = (self.original, self.toks.get(i)) else {
            return false;
        };
        let at = map.to_orig_start(t.start as usize);
        text.get(at..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn tok(&self, i: usize) -> Option<&'a Token> {
        self.toks.get(i)
    }

    pub fn str(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        (t.kind == TokKind::Word).then(|| t.text(self.text))
    }

    pub fn num(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        (t.kind == TokKind::Num).then(|| t.text(self.text))
    }

    pub fn is(&self, i: usize, s: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.text(self.text) == s)
    }

    /// Is token `i`, exactly, one of `words`?
    pub fn is_in(&self, i: usize, words: &WordSet) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| words.contains(t.text(self.text)))
    }

    /// Token `i` follows token `i - 1` with no space.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// The tokens of the sentence of token `i`: `first..end`. Found by
    /// binary search (tokens are in sentence order), so a very long
    /// sentence costs no scan.
    pub fn sentence_tokens(&self, i: usize) -> (usize, usize) {
        let Some(s) = self.toks.get(i).map(|t| t.sentence) else {
            return (i, i);
        };
        (
            self.toks.partition_point(|t| t.sentence < s),
            self.toks.partition_point(|t| t.sentence <= s),
        )
    }

    /// The tokens among the `n` before `a` that are in its clause, nearest
    /// first: up to a punctuation mark or the start of its sentence.
    pub fn clause_before(&self, a: usize, n: usize) -> impl Iterator<Item = usize> + '_ {
        (a.saturating_sub(n)..a)
            .rev()
            .take_while(move |&k| self.same_sentence(k, a) && !self.is_punct(k))
    }

    /// The tokens among the `n` from `b` on that are in the clause of
    /// token `anchor`: up to a punctuation mark or the end of its sentence.
    pub fn clause_after(
        &self,
        b: usize,
        n: usize,
        anchor: usize,
    ) -> impl Iterator<Item = usize> + '_ {
        (b..b + n).take_while(move |&k| self.same_sentence(k, anchor) && !self.is_punct(k))
    }

    fn is_punct(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == TokKind::Punct)
    }

    /// Tokens `i` and `j` are in the same sentence.
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.sentence == b.sentence,
            _ => false,
        }
    }

    /// Does the word at `i`, with or without proclitics, equal one of `words`?
    pub fn word_in(&self, i: usize, words: &WordSet) -> bool {
        self.word(i)
            .is_some_and(|w| strip_clitics(w).any(|v| words.contains(v)))
    }

    /// Does token `i` (word with or without clitics, or punctuation) equal one of `words`?
    pub fn any_in(&self, i: usize, words: &WordSet) -> bool {
        self.word_in(i, words) || words.contains(self.str(i))
    }

    /// Matches a sequence of words starting at `i` (the first may carry
    /// proclitics); returns the index after it.
    pub fn phrase_at(&self, i: usize, words: &[String]) -> Option<usize> {
        let mut j = i;
        for (k, w) in words.iter().enumerate() {
            let ok = if k == 0 {
                self.word(j)
                    .is_some_and(|t| strip_clitics(t).any(|v| v == w))
                    || self.is(j, w)
            } else {
                self.is(j, w)
            };
            if !ok || (k > 0 && !self.same_sentence(j - 1, j)) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Matches a sequence of words ending just before `end`; returns its start.
    pub fn phrase_before(&self, end: usize, words: &[String]) -> Option<usize> {
        let start = end.checked_sub(words.len())?;
        (self.phrase_at(start, words) == Some(end) && self.same_sentence(start, end))
            .then_some(start)
    }
}
