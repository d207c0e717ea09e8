//! Names across scripts: `حموشي` and `Hammouchi` are one name.
//!
//! A name is reduced to its consonants, each with the vowel written after
//! it, in classes both scripts share (`ش` = `ch` = `sh`; `ح` = `ه` = `h`;
//! `ق` = `k` = `q`; doubled letters once). Two spellings in different
//! scripts match when their consonants are the same and their vowels are
//! compatible: a long vowel Arabic writes (`ا و ي`) must be written in the
//! Latin spelling, and the Latin vowels that stand for a long one (`ou`,
//! `oo`, a final `i` or `y`) must be written in the Arabic; the short
//! vowels Arabic leaves out may be anything. So `Hammouchi` is `حموشي`, and
//! not `هامش` ("margin", as in `على هامش`: on the sidelines of).
//!
//! Written here: no crate of the approved set transliterates Arabic, and
//! what is needed is a comparison, not a romanisation.

/// The vowel written after a consonant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    None,
    /// Latin vowels that may be short (`a e i o u`): the set of classes.
    Short(u8),
    /// Long vowels: Arabic `ا`/`و`/`ي`, Latin `ou`/`oo`/a final `i`.
    Long(u8),
}

/// A name's consonants and the vowels after them (the first entry's
/// consonant is `0` when the name starts with a vowel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skeleton {
    latin: bool,
    units: Vec<(u8, Vowel)>,
}

impl Skeleton {
    /// Is this the spelling of a Latin-script word?
    pub fn is_latin(&self) -> bool {
        self.latin
    }

    /// How many consonants: a name of fewer than three is too short to
    /// compare across scripts.
    pub fn consonants(&self) -> usize {
        self.units.iter().filter(|(c, _)| *c != 0).count()
    }

    /// The consonants alone (an index key).
    pub fn key(&self) -> Vec<u8> {
        self.units
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| *c != 0)
            .collect()
    }

    /// Do two spellings, one in each script, write the same name?
    pub fn matches(&self, other: &Skeleton) -> bool {
        if self.latin == other.latin || self.key() != other.key() {
            return false;
        }
        let (latin, arabic) = if self.latin {
            (self, other)
        } else {
            (other, self)
        };
        let vowels = |s: &Skeleton| -> Vec<Vowel> {
            // one vowel slot per consonant, plus the one before the first
            let mut out = Vec::new();
            if s.units.first().is_some_and(|(c, _)| *c != 0) {
                out.push(Vowel::None);
            }
            out.extend(s.units.iter().map(|(_, v)| *v));
            out
        };
        let (lv, av) = (vowels(latin), vowels(arabic));
        lv.len() == av.len()
            && lv.iter().zip(&av).all(|(l, a)| match (l, a) {
                (Vowel::Long(x), Vowel::Long(y)) | (Vowel::Short(x), Vowel::Long(y)) => x & y != 0,
                (Vowel::Long(_), _) | (Vowel::None, Vowel::Long(_)) => false,
                _ => true,
            })
    }
}

/// An Arabic word, then without a conjunction (`و ف`), then without a
/// preposition after it (`ب ل ك`), as long as three letters are left:
/// `وبوريطة`, `بوريطة`, `وريطة`. A name may start with one of these
/// letters itself, so every form is tried, the longest first.
pub fn proclitic_forms(word: &str) -> Vec<&str> {
    let mut out = vec![word];
    let mut rest = word;
    for set in ["وف", "بلك"] {
        if let Some(ch) = rest.chars().next().filter(|ch| set.contains(*ch))
            && let Some(r) = rest.get(ch.len_utf8()..)
            && r.chars().count() >= 3
        {
            rest = r;
            out.push(rest);
        }
    }
    out
}

// Vowel classes (bits of a set).
const A: u8 = 1;
const U: u8 = 2;
const I: u8 = 4;

/// The skeleton of one word in Latin or Arabic script (`None`: another
/// script, or no letter).
pub fn skeleton(word: &str) -> Option<Skeleton> {
    let first = word.chars().find(|c| c.is_alphabetic())?;
    if ('\u{0600}'..='\u{06FF}').contains(&first) {
        Some(arabic(word))
    } else if first.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&first) {
        Some(latin(word))
    } else {
        None
    }
}

fn push_consonant(units: &mut Vec<(u8, Vowel)>, c: u8) {
    // a doubled letter (or a shadda) once
    if units
        .last()
        .is_some_and(|(x, v)| *x == c && *v == Vowel::None)
    {
        return;
    }
    units.push((c, Vowel::None));
}

fn push_vowel(units: &mut Vec<(u8, Vowel)>, v: Vowel) {
    if units.is_empty() {
        units.push((0, Vowel::None));
    }
    if let Some((_, slot)) = units.last_mut() {
        // the vowels after one consonant, together (`ue` of `Zuev`)
        *slot = match (*slot, v) {
            (Vowel::Long(x), Vowel::Long(y)) => Vowel::Long(x | y),
            (Vowel::Long(x), Vowel::Short(_)) | (Vowel::Short(_), Vowel::Long(x)) => Vowel::Long(x),
            (Vowel::Short(x), Vowel::Short(y)) => Vowel::Short(x | y),
            (Vowel::None, v) | (v, Vowel::None) => v,
        };
    }
}

fn arabic(word: &str) -> Skeleton {
    let word = word.strip_prefix("ال").unwrap_or(word);
    let mut units = Vec::new();
    for (k, ch) in word.chars().enumerate() {
        let c = match ch {
            'ب' | 'پ' => b'b',
            'ت' | 'ط' | 'ث' => b't',
            'ج' => b'j',
            'ح' | 'ه' => b'h',
            'خ' => b'x',
            'د' | 'ض' | 'ذ' => b'd',
            'ر' => b'r',
            'ز' | 'ظ' => b'z',
            'س' | 'ص' => b's',
            'ش' => b'S',
            'غ' | 'گ' => b'g',
            'ف' | 'ڤ' => b'f',
            'ق' | 'ك' => b'k',
            'ل' => b'l',
            'م' => b'm',
            'ن' => b'n',
            'و' if k == 0 => b'w',
            'ي' if k == 0 => b'y',
            'ا' | 'آ' | 'ى' => {
                push_vowel(&mut units, Vowel::Long(A));
                continue;
            }
            'و' => {
                push_vowel(&mut units, Vowel::Long(U));
                continue;
            }
            'ي' => {
                push_vowel(&mut units, Vowel::Long(I));
                continue;
            }
            // ع ء أ إ ئ ؤ ة, diacritics, tatweel: nothing Latin writes
            // for sure
            _ => continue,
        };
        push_consonant(&mut units, c);
    }
    Skeleton {
        latin: false,
        units,
    }
}

fn latin(word: &str) -> Skeleton {
    use unicode_normalization::UnicodeNormalization;
    let w: Vec<char> = word
        .nfd()
        .filter(char::is_ascii_alphabetic)
        .flat_map(|c| c.to_lowercase())
        .collect();
    let mut units = Vec::new();
    let mut k = 0;
    let at = |i: usize| w.get(i).copied().unwrap_or(' ');
    while k < w.len() {
        let (c, n) = (at(k), at(k + 1));
        let two = [c, n];
        let digraph = match two {
            ['s', 'h'] | ['c', 'h'] => Some(b'S'),
            ['k', 'h'] => Some(b'x'),
            ['g', 'h'] => Some(b'g'),
            ['t', 'h'] => Some(b't'),
            ['d', 'h'] => Some(b'd'),
            ['d', 'j'] => Some(b'j'),
            ['p', 'h'] => Some(b'f'),
            ['c', 'k'] => Some(b'k'),
            _ => None,
        };
        if let Some(d) = digraph {
            push_consonant(&mut units, d);
            k += 2;
            continue;
        }
        if matches!(two, ['o', 'u'] | ['o', 'o']) {
            push_vowel(&mut units, Vowel::Long(U));
            k += 2;
            continue;
        }
        if matches!(two, ['e', 'e'] | ['i', 'i']) {
            push_vowel(&mut units, Vowel::Long(I));
            k += 2;
            continue;
        }
        let last = k + 1 == w.len();
        let vowel = match c {
            // `e` is written `ا` or `ي` (`Pedro` بيدرو, `Albares` ألباريس)
            'e' => Some(Vowel::Short(A | I)),
            'a' => Some(Vowel::Short(A)),
            'o' | 'u' => Some(Vowel::Short(U)),
            'i' | 'y' if last && k > 0 => Some(Vowel::Long(I)),
            'i' => Some(Vowel::Short(I)),
            'y' if k > 0 => Some(Vowel::Short(I)),
            _ => None,
        };
        if let Some(v) = vowel {
            push_vowel(&mut units, v);
            k += 1;
            continue;
        }
        let cons = match c {
            'y' => b'y',
            'b' | 'p' => b'b',
            't' => b't',
            'd' => b'd',
            'k' | 'q' => b'k',
            'c' if matches!(n, 'e' | 'i') => b's',
            'c' => b'k',
            'g' => b'g',
            'j' => b'j',
            's' => b's',
            'z' => b'z',
            'x' => b'x',
            'f' | 'v' => b'f',
            'h' => b'h',
            'l' => b'l',
            'm' => b'm',
            'n' => b'n',
            'r' => b'r',
            'w' => b'w',
            _ => {
                k += 1;
                continue;
            }
        };
        push_consonant(&mut units, cons);
        k += 1;
    }
    Skeleton { latin: true, units }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        match (skeleton(a), skeleton(b)) {
            (Some(x), Some(y)) => x.matches(&y),
            _ => false,
        }
    }

    #[test]
    fn one_name_in_two_scripts() {
        assert!(same("Hammouchi", "حموشي"));
        assert!(same("Hammouchi", "الحموشي"));
        assert!(same("Zuev", "زوييف") || same("Zuyev", "زوييف"));
        assert!(same("Mohamed", "محمد"));
        assert!(same("Muhammad", "محمد"));
        assert!(same("Abdellatif", "عبداللطيف"));
        assert!(same("Moscou", "موسكو"));
    }

    #[test]
    fn other_words_are_not_the_name() {
        // on the sidelines of: `على هامش`
        assert!(!same("Hammouchi", "هامش"));
        assert!(
            !same("Hammouchi", "Hammouchi"),
            "one script: the vocabulary's job"
        );
        assert!(!same("Hammouchi", "حمش"));
        assert!(!same("Hamid", "حامد") || same("Hamed", "حامد"));
    }
}
