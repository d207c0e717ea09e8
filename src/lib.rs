#![doc = include_str!("../ARCHITECTURE.md")]

pub mod codes;
pub mod rules;
pub mod span;
pub mod text;
pub mod value;
pub mod render;
