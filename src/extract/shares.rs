//! Which whole each percent is a share of, for sums of percents (`check
//! sum(percent) <= 100`). Shares listed together are of one whole (`60% to
//! Spain, 30% to France`). A rate of change (`rose by 12%`, `150% higher`)
//! and a ratio to something else (`120% of GDP`, `occupancy hit 110%`) are
//! shares of nothing; a range (`between 48% and 52%`) is one share, counted
//! by its lower end. A named rate (`turnout was 45%`), a level reached or
//! left by a change (`rose to 45%`, `from 40%`), a value compared with
//! (`compared with 40%`) and the whole of a subset (`of the 52% …`) are
//! each a whole of their own; the shares after "of which" or after such a
//! whole (`of whom 60% …`) are of that subset, to the end of the sentence.

use super::cursor::Cursor;
use std::sync::LazyLock;

use super::lexicon::{
    BREAKDOWN_MARKERS, CHANGE_WORDS, COMPARE_WORDS, DETERMINERS, OF_WORDS, PERCENT_LEADS,
    RANGE_CONNECTORS, RANGE_OPENERS, RATE_WORDS, RATIO_WORDS, WHOLE_OPENERS, WordSet,
};
use super::{Claim, ClaimValue, lang};
use crate::text::normalize_str;
use crate::text::segment::TokKind;

/// What a percent is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Share {
    /// One of the shares listed in the report (the default).
    #[default]
    Listed,
    /// A rate of change: no share, no level; no sum of percents and no slot
    /// takes it.
    Change,
    /// Measured against something it is no share of (`120% of GDP`,
    /// `occupancy hit 110%`): no sum of percents takes it; a slot may.
    Ratio,
    /// The upper end of a range whose lower end is a percent (`between 48%
    /// and 52%`): the range is one share, counted by its lower end.
    Bound,
    /// A whole of its own, told by the byte where the percent starts.
    Own(usize),
    /// A share of a subset, told by the byte where the subset is opened.
    Subset(usize),
}

impl Share {
    /// Does a sum of percents take it?
    pub fn is_a_share(self) -> bool {
        !matches!(self, Share::Change | Share::Ratio | Share::Bound)
    }
}

/// Words between a percent lead and its number that name no rate (`بنسبة
/// مئوية بلغت 40`).
static LEAD_LINKS: LazyLock<WordSet> = LazyLock::new(|| {
    ["مئوية", "بلغت", "وصلت", "تبلغ", "تصل", "قدرها", "تقدر"]
        .iter()
        .map(|w| normalize_str(w))
        .collect()
});

/// The first words of the "of which" markers: most words are none.
static MARKER_STARTS: LazyLock<WordSet> = LazyLock::new(|| {
    BREAKDOWN_MARKERS
        .iter()
        .filter_map(|(p, _)| p.first().cloned())
        .collect()
});

/// Sets the share of every percent among `claims` (sorted by position).
pub fn assign(c: &Cursor<'_>, claims: &mut [Claim]) {
    let mut sentence = None;
    // The subset open in this sentence, and where the last percent ended.
    let mut subset: Option<Share> = None;
    let mut since = 0;
    // The tokens of the last percent of the sentence.
    let mut last: Option<(usize, usize)> = None;
    for cl in claims
        .iter_mut()
        .filter(|cl| matches!(cl.value, ClaimValue::Percent { .. }))
    {
        let (a, b) = cl.tokens;
        if sentence != Some(cl.sentence) {
            sentence = Some(cl.sentence);
            subset = None;
            since = c.sentence_tokens(a).0;
            last = None;
        }
        if (since..a).any(|k| {
            c.word_in(k, &MARKER_STARTS)
                && BREAKDOWN_MARKERS
                    .iter()
                    .any(|(p, _)| c.phrase_at(k, p).is_some())
        }) {
            subset = Some(Share::Subset(cl.span.start));
        }
        since = b;
        let upper = last.is_some_and(|l| range_upper(c, l, a));
        last = Some((a, b));
        cl.share = if is_change(c, a, b) {
            if level_link(c, a) {
                Share::Own(cl.span.start)
            } else {
                Share::Change
            }
        } else if upper {
            Share::Bound
        } else if ratio(c, a, b) {
            Share::Ratio
        } else if opens_whole(c, a) {
            subset = Some(Share::Subset(cl.span.end));
            Share::Own(cl.span.start)
        } else if named_rate(c, a, b) || compared(c, a) {
            Share::Own(cl.span.start)
        } else {
            subset.unwrap_or_default()
        };
        cl.named_whole = named_whole(c, b);
    }
}

/// The word that names a percent's whole after it (`52% of the vote` →
/// `vote`, `60% من النساء` → `نساء`, `50,4 % des voix` → `voix`), as a
/// number (0: none named): percents of wholes named differently do not add
/// up.
fn named_whole(c: &Cursor<'_>, b: usize) -> u32 {
    if !c.word(b).is_some_and(|w| OF_WORDS.contains(w)) {
        return 0;
    }
    let Some(k) = (b + 1..b + 4)
        .take_while(|&k| c.same_sentence(b, k))
        .find(|&k| !c.word(k).is_some_and(|w| DETERMINERS.contains(w)))
    else {
        return 0;
    };
    let Some(w) = c.word(k) else { return 0 };
    let w = w
        .strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(w);
    // The standard hasher with its fixed keys: the same number in every
    // window of a long report; never 0.
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    let h = BuildHasherDefault::<DefaultHasher>::default().hash_one(w);
    u32::try_from(h >> 32).unwrap_or(1).max(1)
}

/// The `n` tokens before `a` in its clause, nearest first; a percent sign
/// ends no clause (`rose to 45% from 40%`).
fn before<'c>(c: &'c Cursor<'_>, a: usize, n: usize) -> impl Iterator<Item = usize> + 'c {
    (a.saturating_sub(n)..a).rev().take_while(move |&k| {
        c.same_sentence(k, a)
            && (c.tok(k).is_some_and(|t| t.kind != TokKind::Punct) || c.is(k, "%"))
    })
}

/// A change word among the words before the percent in its clause, or
/// right after it (`a 12% rise`).
fn is_change(c: &Cursor<'_>, a: usize, b: usize) -> bool {
    before(c, a, 6).any(|k| c.word_in(k, &CHANGE_WORDS)) || c.word_in(b, &CHANGE_WORDS)
}

/// The word just before the percent gives the level reached or left.
fn level_link(c: &Cursor<'_>, a: usize) -> bool {
    let Some(w) = a.checked_sub(1).and_then(|k| c.word(k)) else {
        return false;
    };
    lang::of(c.lang)
        .level_links
        .iter()
        .any(|l| normalize_str(l) == w)
}

/// `of the 52%`, `من بين الـ52%`, `parmi les 52 %`: the percent is the
/// whole of the shares after it.
fn opens_whole(c: &Cursor<'_>, a: usize) -> bool {
    let end = match a.checked_sub(1) {
        Some(k) if c.word(k) == Some("ال") => k,
        _ => a,
    };
    WHOLE_OPENERS
        .iter()
        .any(|p| c.phrase_before(end, p).is_some())
}

/// A rate named in the percent's clause, before it (`turnout … 45%`, `taux
/// de chômage`, `after 95% of ballots were counted`) or just after it (`a
/// 45% turnout`, `95% of precincts reporting`), or in its own words (`نسبة
/// المشاركة 45%`: a percent lead followed by a noun, not by its number).
fn named_rate(c: &Cursor<'_>, a: usize, b: usize) -> bool {
    if before(c, a, 6)
        .chain(a..b)
        .chain(c.clause_after(b, 4, a))
        .any(|k| c.word_in(k, &RATE_WORDS))
    {
        return true;
    }
    c.word_in(a, &PERCENT_LEADS) && c.word(a + 1).is_some_and(|w| !LEAD_LINKS.contains(w))
}

/// Is the percent at `a` the upper end of a range opened before the
/// percent at `(pa, pb)` (`between 48% and 52%`, `ما بين 48% و52%`, `entre
/// 48 % et 52 %`)?
fn range_upper(c: &Cursor<'_>, (pa, pb): (usize, usize), a: usize) -> bool {
    a == pb + 1
        && c.any_in(pb, &RANGE_CONNECTORS)
        && pa
            .checked_sub(1)
            .is_some_and(|k| c.same_sentence(k, pa) && c.word_in(k, &RANGE_OPENERS))
}

/// A ratio word in the percent's clause, among the six words before it or
/// the four after it (`occupancy hit 110%`, `5.2% of GDP`).
fn ratio(c: &Cursor<'_>, a: usize, b: usize) -> bool {
    before(c, a, 6)
        .chain(c.clause_after(b, 4, a))
        .any(|k| c.word_in(k, &RATIO_WORDS))
}

/// A comparison among the four words before the percent in its clause.
fn compared(c: &Cursor<'_>, a: usize) -> bool {
    before(c, a, 4).any(|k| c.word_in(k, &COMPARE_WORDS))
}
