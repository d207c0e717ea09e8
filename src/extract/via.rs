//! How a claim was found: the name of a recogniser, or words made from what
//! matched (`alias «موسكو»`, `day and month, closing 3 days later`).

use std::sync::Arc;

/// A recogniser's name, or words made for the claim: made words are shared
/// (one copy per thread for each distinct text), so that the claims of a
/// long report found the same way do not each hold a string. Compared,
/// printed and serialised as the text it reads.
#[derive(Clone, Debug)]
pub enum Via {
    Named(&'static str),
    Made(Arc<str>),
}

impl Via {
    pub fn as_str(&self) -> &str {
        match self {
            Via::Named(s) => s,
            Via::Made(s) => s,
        }
    }

    /// The shared copy of `text` (made words repeat across a report: every
    /// mention of a city gives the same `alias «…»`).
    fn made(text: &str) -> Via {
        use std::cell::RefCell;
        use std::collections::HashSet;
        /// Bounded: a run reads few distinct texts, but they depend on
        /// the reports.
        const KEEP: usize = 4096;
        thread_local! {
            static SEEN: RefCell<HashSet<Arc<str>>> = RefCell::new(HashSet::new());
        }
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            if let Some(s) = seen.get(text) {
                return Via::Made(Arc::clone(s));
            }
            if seen.len() >= KEEP {
                seen.clear();
            }
            let s: Arc<str> = Arc::from(text);
            seen.insert(Arc::clone(&s));
            Via::Made(s)
        })
    }
}

impl From<&'static str> for Via {
    fn from(s: &'static str) -> Via {
        Via::Named(s)
    }
}

impl From<String> for Via {
    fn from(s: String) -> Via {
        Via::made(&s)
    }
}

impl std::ops::Deref for Via {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Via {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Via {
    fn eq(&self, other: &Via) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Via {}

impl PartialEq<&str> for Via {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Via {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Via {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Via, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Via::made(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::Via;

    #[test]
    fn made_words_are_shared_and_read_as_their_text() {
        let a = Via::from(format!("alias «{}»", "موسكو"));
        let b = Via::from("alias «موسكو»".to_string());
        match (&a, &b) {
            (Via::Made(x), Via::Made(y)) => assert!(std::sync::Arc::ptr_eq(x, y)),
            _ => unreachable!("made words are made"),
        }
        assert_eq!(a, Via::from("alias «موسكو»"));
        assert_eq!(a, "alias «موسكو»");
        assert_eq!(
            serde_json::to_string(&a).unwrap_or_default(),
            "\"alias «موسكو»\""
        );
        let back: Via = serde_json::from_str("\"digits\"").unwrap_or(Via::Named(""));
        assert_eq!(back.to_string(), "digits");
    }
}
