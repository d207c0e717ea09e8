//! A room per language: the words each language gives the recognisers,
//! one file per language in one shape ([`Words`]). The recognisers read
//! the tables of [`super::lexicon`], merged from every language listed in
//! [`ALL`] and normalised once: a report may mix languages (an Arabic
//! report quoting an English name, a French one giving an English title),
//! so every word is looked up in every language. What a language's grammar
//! needs beyond words (Arabic compound ordinals, proclitics, the article)
//! is code in the recognisers.
//!
//! Adding a language: its file here, one entry in [`ALL`], and its number
//! separators and detection in `crate::source::Lang`.

pub mod ar;
pub mod en;
pub mod fr;

use super::lexicon::NumWord;
use crate::value::Qualifier;

/// Rows of words that share a value.
pub type Rows<T> = &'static [(&'static [&'static str], T)];
/// Phrases (one or more words), each with its value.
pub type Phrases<T> = &'static [(&'static str, T)];
/// Plain words or phrases.
pub type List = &'static [&'static str];

/// How a language writes its numerals and names its events.
pub struct Grammar {
    /// `1,240` is 1.24 (a comma is the decimal mark) unless more groups
    /// follow (`1,240,000`).
    pub decimal_comma: bool,
    /// `1.240` is 1.24 (a dot is the decimal mark) unless more groups follow.
    pub decimal_dot: bool,
    /// Thousands grouped with plain spaces: `1 240 000`.
    pub spaced_thousands: bool,
    /// `twenty one`: a unit after a ten, with no joiner, adds to it.
    pub unit_after_ten: bool,
    /// Counting by twenties: `quatre vingt` (80), `soixante dix` (70),
    /// `dix sept` (17).
    pub vigesimal: bool,
    /// Adjectives follow the noun (`الاجتماع الدولي`): the words naming an
    /// event come after its trigger, and words before it belong to it only
    /// through an edition word. Otherwise they come before it (`the
    /// international meeting`).
    pub adjectives_follow: bool,
    /// Words that open a noun phrase (`the`, `la`), and prepositions that
    /// end the words qualifying a trigger from before it.
    pub determiners: List,
    pub prepositions: List,
    /// Percent abbreviations read only in reports of this language (`pc`).
    pub percent_abbreviations: List,
    /// Ordinals glued to their ten (`twentyfifth`).
    pub glued_ordinals: bool,
    /// `one twenty two` (122): a unit before a ten, with no joiner, counts
    /// hundreds, as numbers are read aloud.
    pub spoken_hundreds: bool,
    /// The word for one is also the article (`un`, `une`): alone it is a
    /// number only at the end of its sentence or before a word of
    /// [`Words::one_numeral_before`] (`un seul`). Otherwise (`one`) it is a
    /// number unless a word of [`Words::one_not_after`] or
    /// [`Words::one_not_before`] makes it a pronoun (`the one`, `one of`).
    pub one_is_article: bool,
}

/// The words of one language, as readers write them (normalised when the
/// tables are built).
pub struct Words {
    pub grammar: Grammar,
    /// Cardinal number words and how they combine.
    pub number_words: Rows<NumWord>,
    /// Ordinal words without an article (`ثالث`, `third`, `troisième`).
    pub ordinal_words: Rows<u32>,
    /// Units that open a compound ordinal (`الحادي عشر`, `الواحد والثلاثون`).
    pub ordinal_compound_units: Rows<u32>,
    /// Tens as they follow a unit in a compound ordinal.
    pub tens_after_units: Rows<u32>,
    /// Weekday names → (Monday = 0 … Sunday = 6, needs context): a name
    /// that is also an ordinary word (`الأحد` "the one") counts only after
    /// a day word or before a date.
    pub weekdays: Rows<(u8, bool)>,
    /// Month names (one or two words) → month number.
    pub months: Phrases<u8>,
    /// Phrases that hedge a following number.
    pub qualifiers: Phrases<Qualifier>,
    /// Words that open the parts of a breakdown; `true` when the parts are
    /// meant to add up to the total, `false` when they are only some of it.
    pub breakdown_markers: Phrases<bool>,
    /// Words between the two ends of a range of days.
    pub range_connectors: List,
    /// Words before the first day of a range.
    pub range_openers: List,
    /// Words between a day and its month (`27 من ماي`, `3 of March`).
    pub day_month_links: List,
    /// Words meaning "the current month" after a month name.
    pub current_month: List,
    /// "next" and "last" with a weekday.
    pub next_words: List,
    pub last_words: List,
    /// Words that can open a day named relative to the report's date.
    pub relative_starters: List,
    /// Words before a bare year (`عام 2024`, `in 2024`).
    pub year_words: List,
    /// Words naming an edition of a recurring event.
    pub edition_words: List,
    /// Words that start a new clause and so end a trigger's phrase.
    pub clause_words: List,
    /// Percent words after a number.
    pub percent_suffixes: List,
    /// Other words a recogniser may start at.
    pub other_starters: List,
    /// Number words that are also common words (`one`, `un`): a number
    /// only inside a compound.
    pub weak_numbers: List,
    /// The words for one (`one`, `un`, `une`), and the words around them
    /// that say whether one is a number (see [`Grammar::one_is_article`]).
    pub one_words: List,
    pub one_not_after: List,
    pub one_not_before: List,
    pub one_numeral_before: List,
    /// Words that are the number given only after `a` (or alone): `a
    /// single` (1), `a pair` (2); never after `not` (`not a single`).
    pub after_article: Rows<f64>,
    /// Scales read only in reports of this language (`lac`, `cr` in Indian
    /// English; `lac` is a lake in French), and whether digits may take
    /// them (`5 cr`) or only number words (`three hundred kr`; `300 kr` is
    /// kronor).
    pub local_scales: Rows<(f64, bool)>,
    /// A sign in words before a number (`minus`, `moins`), unless a word of
    /// `not_negative_after` comes before it (`au moins`: at least).
    pub negative_words: List,
    pub not_negative_after: List,
    /// Words joining the parts of a compound number (`و`, `and`, `et`).
    pub number_joiners: List,
    /// The word between the integer and fractional parts (`فاصلة`).
    pub decimal_words: List,
    /// A word a percentage follows (`بنسبة 37`).
    pub percent_leads: List,
    /// Words that refer back to a named event (`هذا الاجتماع`, `this meeting`).
    pub demonstratives: List,
    /// "month", before a month's name or number (`شهر 3`).
    pub month_words: List,
    /// An event's end said as a lapse after its first day: verbs of
    /// closing (with the rest of a compound verb: `s'est achevé`), the word
    /// before the lapse (`after`, `بعد`) or after it (`later`, `plus
    /// tard`), day nouns, and a word that is two days (`يومين`).
    pub closing_words: List,
    pub after_words: List,
    pub later_words: List,
    pub day_units: List,
    pub two_days: List,
    /// Words between the two ends of a range written in full beside the
    /// range connectors (`وتستمر حتى`, `إلى غاية`, `jusqu'au`).
    pub range_continuers: List,
    /// Prepositions that say a name is where something happens (`in`,
    /// `à`, `في`), or where someone comes from (`from`, `من`).
    pub place_prepositions: List,
    pub origin_prepositions: List,
    /// Words of distance or nearness before an origin preposition (`30 km
    /// from`, `near`, `بالقرب من`): the name is then a place of reference.
    pub origin_not_after: List,
    /// Words before a count that make it a subset of the whole (`the top
    /// 16`, `the other 12`, `أفضل 4`).
    pub subset_words: List,
    /// Words of invitation: a count they introduce is of those invited,
    /// not of those who took part.
    pub invited_words: List,
    /// Words of a change (`rose`, `ارتفعت`, `hausse`): a percent they
    /// introduce (`rose by 12%`) is a rate of change, not a share of a
    /// whole, and no sum of percents takes it.
    pub change_words: List,
    /// After a change word, the preposition of the level reached or left
    /// (`to`, `from`, `إلى`, `à`): that percent is a level of its own
    /// time, a whole of its own.
    pub level_links: List,
    /// Nouns of a named rate (`turnout`, `taux`, `معدل`): the percent they
    /// introduce is a share of its own whole (the registered voters, the
    /// workforce), not one of the shares listed beside it.
    pub rate_words: List,
    /// Words of a comparison (`compared`, `مقارنة`): the percent compared
    /// with is of another time or place, a whole of its own.
    pub compare_words: List,
    /// Words after a percent that name its whole (`52% of the vote`, `60%
    /// of women`, `من الأصوات`, `des voix`): percents of two wholes named
    /// differently (`60% of women and 55% of men`) do not add up.
    pub of_words: List,
    /// What a percent may be measured against without being a share of it
    /// (`120% of GDP`, `occupancy of 110%`): named after the percent as its
    /// whole, or before it as a rate; no sum of percents takes it.
    pub ratio_words: List,
    /// Phrases just before a percent that make it the whole of the shares
    /// after it (`of the 52%, 60% …`, `من بين الـ52%`, `parmi les 52 %`).
    pub whole_openers: List,
    /// Adjectives that make a trigger name an earlier instance of the
    /// event, before it (`the previous election`, `la précédente élection`)
    /// and after it (`الانتخابات السابقة`, `l'élection précédente`): what is
    /// said of it is not said of this one.
    pub previous_before: List,
    pub previous_after: List,
    /// Adjectives that make a trigger name the next instance, before it
    /// (`the next meeting`, `la prochaine réunion`) and after it (`الاجتماع
    /// المقبل`, `la réunion suivante`): once the report has named the event
    /// plainly, what is said of the next one is not said of it (`the next
    /// meeting will be held in Vienna`); named first, it is the event itself
    /// (a report before the event).
    pub next_before: List,
    pub next_after: List,
    /// "week": with the year, month and day words, the nouns of time whose
    /// adjective (`الأسبوع الماضي`, last week) says when, not which instance.
    pub week_words: List,
    /// A year named from the report's own (`last year`, `السنة الماضية`,
    /// `l'an dernier`, `this year`, `next year`), with how many years
    /// after it: said of a trigger (`ميزانية السنة الماضية`, `last year's
    /// budget`, `le budget de l'an dernier`), that year's instance.
    pub relative_years: Phrases<i8>,
    /// Words between a trigger and such a year (`the budget of last year`,
    /// `الميزانية في السنة الماضية`, `le budget de l'année dernière`).
    pub year_links: List,
    /// Prepositions of time that make a month named alone a date (`in
    /// March`, `en mars`).
    pub month_prepositions: List,
    /// "day", before a weekday or a day (`يوم الأحد`).
    pub day_words: List,
    /// Words between a weekday and its date (`الاثنين الموافق 27 ماي`).
    pub weekday_date_links: List,
    /// Nouns that make `الـN` a count, not an ordinal: before it (`دور
    /// الـ16`, `الساعات الـ24`) or after it (`الـ48 ساعة`).
    pub counted_before: List,
    pub counted_after: List,
    /// Phrases that contain a hedge's words but hedge nothing (`en plus
    /// de`: "in addition to").
    pub not_hedges: List,
    /// Two days before and after the report's date (`أول أمس`, `the day
    /// after tomorrow`, `avant-hier`).
    pub day_before_yesterday: List,
    pub day_after_tomorrow: List,
    /// Words that introduce a date written as numbers (`on`, `le`, `يوم`).
    pub date_openers: List,
    /// "night", between the two days of a night.
    pub night_words: List,
    /// Months of the Hijri calendar: a date in them is not read as a date
    /// of the common calendar, and `--explain` says so. Those that are also
    /// common words (`صفر` "zero", `رجب` a name) count only before a year.
    pub hijri_months: List,
    pub hijri_months_need_year: List,
    /// The day before, and after, the report's date.
    pub yesterday: List,
    pub tomorrow: List,
    /// The report's own day (not `اليوم`, which also means "nowadays").
    pub today: List,
    /// Parts of a day and the time they stand for (minutes after midnight).
    pub day_parts: Rows<u16>,
    /// The word before an hour (`الساعة`, `at`).
    pub hour_words: List,
    /// Markers of a provisional or updated figure.
    pub provisional: List,
    /// Who states a figure: attributions (`according to`) and reporting
    /// verbs (`said`).
    pub attribution: List,
    pub reporting_verbs: List,
    /// Page furniture: what opens a "read also" line, a caption, a byline
    /// line; words of comment counters and cookie notices.
    pub read_also: List,
    pub caption_marks: List,
    pub byline_marks: List,
    pub counter_words: List,
    pub cookie_words: List,
}

/// Every language the recognisers read.
pub const ALL: [&Words; 3] = [&ar::WORDS, &en::WORDS, &fr::WORDS];

/// The room of a report's language.
pub fn of(lang: crate::source::Lang) -> &'static Words {
    use crate::source::Lang;
    match lang {
        Lang::Ar => &ar::WORDS,
        Lang::En => &en::WORDS,
        Lang::Fr => &fr::WORDS,
    }
}

/// The rows of a field across every language.
pub fn rows<T: Copy + 'static>(field: fn(&Words) -> Rows<T>) -> Vec<(&'static [&'static str], T)> {
    ALL.iter().flat_map(|w| field(w).iter().copied()).collect()
}

/// The phrases of a field across every language.
pub fn phrases<T: Copy + 'static>(field: fn(&Words) -> Phrases<T>) -> Vec<(&'static str, T)> {
    ALL.iter().flat_map(|w| field(w).iter().copied()).collect()
}

/// The words of a list across every language.
pub fn words(field: fn(&Words) -> List) -> Vec<&'static str> {
    ALL.iter().flat_map(|w| field(w).iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic)]
    use super::*;
    use crate::text::normalize_str;
    use std::collections::HashMap;

    /// The tables merge every language: a word two rows (of one language
    /// or two) give different values would depend on their order.
    fn no_conflict<T: Copy + PartialEq + std::fmt::Debug + 'static>(
        name: &str,
        rows: Vec<(&'static [&'static str], T)>,
    ) {
        let mut seen: HashMap<String, T> = HashMap::new();
        for (words, v) in rows {
            for w in words {
                if let Some(old) = seen.insert(normalize_str(w), v)
                    && old != v
                {
                    panic!("{name}: «{w}» is both {old:?} and {v:?}");
                }
            }
        }
    }

    #[test]
    fn merged_tables_give_each_word_one_value() {
        no_conflict("number words", rows(|w| w.number_words));
        no_conflict("ordinal words", rows(|w| w.ordinal_words));
        no_conflict("weekdays", rows(|w| w.weekdays));
        let months: Vec<(&'static [&'static str], u8)> = phrases(|w| w.months)
            .into_iter()
            .map(|(p, m)| (std::slice::from_ref(Box::leak(Box::new(p))), m))
            .collect();
        no_conflict("months", months);
    }

    /// The lists compared with a report's words as they are (not through
    /// a normalised table) must be written normalised.
    #[test]
    fn lists_read_as_written_are_normalised() {
        for w in ALL {
            let lists: [(&str, List); 18] = [
                ("one_words", w.one_words),
                ("one_not_after", w.one_not_after),
                ("one_not_before", w.one_not_before),
                ("one_numeral_before", w.one_numeral_before),
                ("negative_words", w.negative_words),
                ("not_negative_after", w.not_negative_after),
                ("closing_words", w.closing_words),
                ("after_words", w.after_words),
                ("later_words", w.later_words),
                ("day_units", w.day_units),
                ("two_days", w.two_days),
                ("place_prepositions", w.place_prepositions),
                ("origin_prepositions", w.origin_prepositions),
                ("origin_not_after", w.origin_not_after),
                ("invited_words", w.invited_words),
                ("subset_words", w.subset_words),
                ("range_continuers", w.range_continuers),
                ("month_prepositions", w.month_prepositions),
            ];
            for (name, list) in lists {
                for word in list {
                    assert_eq!(
                        normalize_str(word),
                        *word,
                        "{name}: «{word}» is not normalised"
                    );
                }
            }
        }
    }

    #[test]
    fn every_language_has_its_core_words() {
        for w in ALL {
            assert!(!w.number_words.is_empty());
            assert!(!w.ordinal_words.is_empty());
            assert_eq!(w.weekdays.iter().map(|(_, (d, _))| *d).max(), Some(6));
            assert!(w.months.iter().any(|(_, m)| *m == 12));
        }
    }
}
