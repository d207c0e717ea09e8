//! The text layer: normalisation with a way back to the original bytes
//! ([`normalize()`](normalize::normalize)), and segmentation into paragraphs, sentences and tokens
//! ([`segment`]).

pub mod normalize;
pub mod segment;

pub use normalize::{Normalized, is_currency_sign, normalize, normalize_str};
