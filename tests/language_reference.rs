//! Every rule-language code block of `../shared/LANGUAGE.md` parses and
//! checks clean, and is already in the canonical layout of `rules fmt`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use factlint::rules::{self, RuleSource};

/// Code blocks of a Markdown file; with `only_tagged`, only blocks fenced
/// as ```` ```rules ````.
fn code_blocks(markdown: &str, only_tagged: bool) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, bool)> = None;
    for line in markdown.lines() {
        if let Some(tag) = line.trim_start().strip_prefix("```") {
            match current.take() {
                Some((b, keep)) => {
                    if keep {
                        blocks.push(b);
                    }
                }
                None => current = Some((String::new(), !only_tagged || tag.trim() == "rules")),
            }
        } else if let Some((b, _)) = current.as_mut() {
            b.push_str(line);
            b.push('\n');
        }
    }
    blocks
}

fn rule_blocks(markdown: &str) -> Vec<String> {
    // The diagnostics sample shows factlint's output, not a rule file.
    code_blocks(markdown, false)
        .into_iter()
        .filter(|b| {
            !b.trim_start().starts_with("error[") && !b.trim_start().starts_with("warning[")
        })
        .collect()
}

fn check_blocks(path: &std::path::Path, only_tagged: bool) {
    let md = std::fs::read_to_string(path).unwrap();
    let blocks: Vec<String> = if only_tagged {
        code_blocks(&md, true)
    } else {
        rule_blocks(&md)
    };
    assert!(!blocks.is_empty());
    for (i, block) in blocks.iter().enumerate() {
        let src = RuleSource::new(format!("{}#{i}", path.display()), block.as_str());
        if let Err(errors) = rules::load(&src) {
            let r = factlint::render::Renderer::new(factlint::render::Style::plain());
            let text: String = errors.iter().map(|e| r.render(e)).collect();
            panic!("block {i} of {} has errors:\n{text}", path.display());
        }
    }
}

#[test]
#[ignore = "needs ../shared"]
fn language_md_examples_check_clean() {
    check_blocks(&common::shared().join("LANGUAGE.md"), false);
}

#[test]
fn grammar_readme_examples_check_clean() {
    check_blocks(&common::repo().join("grammar/README.md"), true);
}

#[test]
#[ignore = "needs ../shared"]
fn language_md_example_is_in_canonical_layout() {
    let md = std::fs::read_to_string(common::shared().join("LANGUAGE.md")).unwrap();
    let block = rule_blocks(&md).into_iter().next().unwrap();
    let src = RuleSource::new("LANGUAGE.md", block.as_str());
    let (file, errors) = rules::parser::parse(&src);
    assert!(errors.is_empty());
    assert_eq!(rules::fmt::format(&file, &src.text), block);
}
