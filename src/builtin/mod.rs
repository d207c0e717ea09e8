//! What factlint knows without a rule file saying it: the world's
//! countries and cities by name, in Arabic, English and French.
//!
//! The table (`places.tsv`) is made by `scripts/places.py` from GeoNames
//! (cities of 15,000 inhabitants or more, CC BY 4.0, <https://www.geonames.org/>)
//! and the ISO 3166 names of `i18n-iso-countries` (MIT); see `NOTICE.md`.
//! It is compiled in and read the first time a rule file declares a place by
//! name alone, so a rule file with alias lists only never pays for it.

use std::collections::HashMap;
use std::sync::LazyLock;

static TABLE: &str = include_str!("places.tsv");

/// A place of the built-in table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// `city` or `country`.
    pub kind: &'static str,
    /// Its English name (GeoNames' for a city).
    pub name: &'static str,
    /// The ISO 3166 code of its country (its own for a country).
    pub country: &'static str,
    /// Inhabitants (0 for a country).
    pub population: u64,
    /// Its spellings in Latin and Arabic script, the English name first.
    pub names: Vec<&'static str>,
}

impl Place {
    /// How `--explain` and the rule checker name the entry.
    pub fn describe(&self) -> String {
        if self.kind == "country" {
            format!("built-in country {} ({})", self.name, self.country)
        } else {
            format!(
                "built-in city {} ({}, {} inhabitants; GeoNames)",
                self.name, self.country, self.population
            )
        }
    }
}

/// A name as a rule file writes it (`StPetersburg`, `United States`) and as
/// the table does, compared without case, spaces, dashes or accents.
fn key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The table's lines by kind and name key; a name several places share
/// lists them all, the most populous first (the table lists each kind by
/// population, largest first). Only the name column is read here: a line
/// is split into a [`Place`] when an entry asks for it.
static BY_NAME: LazyLock<Index> = LazyLock::new(index);

type Index = HashMap<(&'static str, String), Vec<&'static str>>;

/// Reads the table into a fresh index (what the first look-up of a run
/// costs; public for the benchmark that measures it).
pub fn index() -> Index {
    let mut out: Index = HashMap::new();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let mut f = line.splitn(3, '\t');
        if let (Some(kind), Some(name)) = (f.next(), f.next()) {
            out.entry((kind, key(name))).or_default().push(line);
        }
    }
    out
}

fn parse(line: &'static str) -> Option<Place> {
    let mut f = line.split('\t');
    Some(Place {
        kind: f.next()?,
        name: f.next()?,
        country: f.next()?,
        population: f.next()?.parse().unwrap_or(0),
        names: f.next()?.split('|').filter(|n| !n.is_empty()).collect(),
    })
}

/// Every place of the table, countries first, each kind by population.
pub fn places() -> impl Iterator<Item = Place> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(parse)
}

/// The kinds of vocabulary entry the table knows.
pub const KINDS: &[&str] = &["city", "country"];

/// The place a vocabulary entry names (`city Moscow`), if the table has
/// it: of several of one name, the most populous.
pub fn place(kind: &str, name: &str) -> Option<Place> {
    named(kind, name).into_iter().next()
}

/// Every place of this kind and name, the most populous first (`city
/// Tripoli`: Tripoli in Libya, then in Lebanon, then in Greece).
pub fn named(kind: &str, name: &str) -> Vec<Place> {
    let Some(kind) = KINDS.iter().find(|k| **k == kind) else {
        return Vec::new();
    };
    BY_NAME
        .get(&(*kind, key(name)))
        .map(|lines| lines.iter().filter_map(|line| parse(line)).collect())
        .unwrap_or_default()
}

/// The ISO 3166 code of the country a rule file names: by its code (`LB`)
/// or by one of its names in any of the three languages (`Lebanon`,
/// `Liban`, `لبنان`), compared as [`key`] compares them.
pub fn country_code(name: &str) -> Option<&'static str> {
    let wanted = key(name);
    let countries = || places().take_while(|p| p.kind == "country");
    if name.len() == 2
        && name.chars().all(|c| c.is_ascii_uppercase())
        && let Some(p) = countries().find(|p| p.country == name)
    {
        return Some(p.country);
    }
    countries()
        .find(|p| p.names.iter().any(|n| key(n) == wanted))
        .map(|p| p.country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_found_by_name_in_three_scripts() {
        let moscow = place("city", "Moscow").unwrap();
        assert_eq!(moscow.country, "RU", "the most populous Moscow");
        assert!(moscow.names.contains(&"موسكو") && moscow.names.contains(&"Moscou"));
        let morocco = place("country", "Morocco").unwrap();
        assert!(morocco.names.contains(&"المغرب") && morocco.names.contains(&"Maroc"));
        assert!(
            place("city", "saint-petersburg").is_some()
                || place("city", "Saint Petersburg").is_some()
        );
        assert_eq!(place("person", "Moscow"), None);
        let tripoli: Vec<&str> = named("city", "Tripoli").iter().map(|p| p.country).collect();
        assert!(tripoli.starts_with(&["LY", "LB"]), "{tripoli:?}");
        assert_eq!(country_code("LB"), Some("LB"));
        assert_eq!(country_code("Liban"), Some("LB"));
        assert_eq!(country_code("لبنان"), Some("LB"));
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(place("city", "Nowhereville"), None);
    }
}
