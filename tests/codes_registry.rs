//! Every diagnostic code used in `src/` has an entry in the registry, and
//! every registry entry is used somewhere.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod common;

use std::collections::BTreeSet;

fn codes_in(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut out = BTreeSet::new();
    for i in 0..bytes.len().saturating_sub(4) {
        if &bytes[i..i + 2] == b"FL"
            && bytes[i + 2..i + 5].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 5).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            out.insert(String::from_utf8(bytes[i..i + 5].to_vec()).unwrap());
        }
    }
    out
}

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_code_in_src_is_registered() {
    let mut files = Vec::new();
    walk(&common::repo().join("src"), &mut files);
    let mut used = BTreeSet::new();
    for f in &files {
        if f.ends_with("codes.rs") {
            continue;
        }
        used.extend(codes_in(&std::fs::read_to_string(f).unwrap()));
    }
    let registered: BTreeSet<String> = factlint::codes::CODES
        .iter()
        .map(|c| c.code.to_string())
        .collect();
    let missing: Vec<_> = used.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "codes used but not registered: {missing:?}"
    );
    let unused: Vec<_> = registered.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "codes registered but never used: {unused:?}"
    );
}
