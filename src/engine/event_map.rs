//! A small map from event numbers to what a report states of them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Entries sorted by event, in a vector made as big as they are: a report
/// states a few of a rule file's events, and a run keeps the facts of every
/// report that states something (a `BTreeMap` node holds room for eleven
/// entries, whatever it holds). Serialised as a map, as a `BTreeMap` is.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMap<V>(Vec<(usize, V)>);

impl<V> Default for EventMap<V> {
    fn default() -> Self {
        EventMap(Vec::new())
    }
}

impl<V> EventMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, event: &usize) -> Option<&V> {
        let i = self.0.binary_search_by_key(event, |(e, _)| *e).ok()?;
        self.0.get(i).map(|(_, v)| v)
    }

    /// Sets the entry of an event, keeping the events in order.
    pub fn insert(&mut self, event: usize, value: V) {
        match self.0.binary_search_by_key(&event, |(e, _)| *e) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (event, value)),
        }
    }

    /// Gives back the room beyond the entries.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }

    pub fn keys(&self) -> impl Iterator<Item = &usize> {
        self.0.iter().map(|(e, _)| e)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }
}

impl<'a, V> IntoIterator for &'a EventMap<V> {
    type Item = (&'a usize, &'a V);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (usize, V)>, fn(&'a (usize, V)) -> Self::Item>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(e, v)| (e, v))
    }
}

impl<V: Serialize> Serialize for EventMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for EventMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<usize, V>::deserialize(d)?;
        let mut entries: Vec<(usize, V)> = Vec::with_capacity(map.len());
        entries.extend(map);
        Ok(EventMap(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::EventMap;

    #[test]
    fn keeps_events_in_order_and_serialises_as_a_map() {
        let mut m = EventMap::new();
        m.insert(7, "b");
        m.insert(2, "a");
        m.insert(7, "c");
        assert_eq!(m.keys().copied().collect::<Vec<_>>(), [2, 7]);
        assert_eq!(m.get(&7), Some(&"c"));
        assert_eq!(m.get(&3), None);
        let json = serde_json::to_string(&m).unwrap_or_default();
        let tree: std::collections::BTreeMap<usize, &str> = [(2, "a"), (7, "c")].into();
        assert_eq!(json, serde_json::to_string(&tree).unwrap_or_default());
        let back: EventMap<String> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back.values().collect::<Vec<_>>(), ["a", "c"]);
    }
}
