//! The text layer: normalisation with a way back to the original bytes
//! ([`normalize()`](normalize::normalize)), and segmentation into paragraphs, sentences and tokens
//! ([`segment`]).

pub mod normalize;
pub mod segment;

pub use normalize::{Normalized, normalize, normalize_str};

/// A currency sign (Unicode's currency symbols that news writes before a
/// figure): a unit of its own (`unit dollar = "$" | "dollar"`). The
/// standard library has no test of a character's general category, and
/// these few are all a report of ours writes.
pub fn is_currency_sign(c: char) -> bool {
    matches!(
        c,
        '$' | '€' | '£' | '¥' | '₹' | '₽' | '₺' | '¢' | '₪' | '₦' | '﷼'
    )
}
