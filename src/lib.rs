#![doc = include_str!("../ARCHITECTURE.md")]

pub mod builtin;
pub mod codes;
pub mod engine;
pub mod extract;
pub mod init;
pub mod output;
pub mod render;
pub mod rules;
pub mod run;
pub mod source;
pub mod span;
pub mod table;
pub mod text;
pub mod value;

pub mod baseline;
pub mod config;
pub mod error;
pub mod ruletest;
