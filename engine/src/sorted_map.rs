/*!
A small map with string keys, kept as a sorted list.

Translations (locale to text), a partner's text overrides, the HubSpot field names, an advice
entry's condition and a role's targets are maps of a handful of entries. A B-tree map would put
its node code (insert, search, iteration, clone, drop) into the widget's first view for them; a
sorted list needs a binary search and `Vec`'s own code, which the widget has anyway. The order is
the keys' order, as a `BTreeMap` gives it, so that what is written from these maps (files,
messages) stays the same. In JSON it is an object.
*/

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Values by string, in the keys' order; each key once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedMap<V>(Vec<(String, V)>);

/// Strings by string: translations, overrides, field names.
pub type TextMap = SortedMap<String>;

impl<V> Default for SortedMap<V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

impl<V> SortedMap<V> {
    pub fn new() -> SortedMap<V> {
        SortedMap(Vec::new())
    }

    /// Sets `key` to `value`, replacing an earlier value.
    pub fn insert(&mut self, key: String, value: V) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// Takes `key` out, with its value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| self.0.remove(i).1)
    }

    /// Keeps the entries `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &V) -> bool) {
        self.0.retain(|(k, v)| keep(k, v));
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.into_iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, V> IntoIterator for &'a SortedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> std::ops::Index<&str> for SortedMap<V> {
    type Output = V;

    /// The value of `key`; panics if there is none, as `BTreeMap`'s index does (tests only).
    fn index(&self, key: &str) -> &V {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no entry for {key:?}"),
        }
    }
}

impl<V> FromIterator<(String, V)> for SortedMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> SortedMap<V> {
        let mut map = SortedMap::new();
        for (k, v) in entries {
            map.insert(k, v);
        }
        map
    }
}

impl<V, const N: usize> From<[(String, V); N]> for SortedMap<V> {
    fn from(entries: [(String, V); N]) -> SortedMap<V> {
        entries.into_iter().collect()
    }
}

impl<V: Serialize> Serialize for SortedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SortedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SortedMap<V>, D::Error> {
        struct Entries<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = SortedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<SortedMap<V>, A::Error> {
                let mut map = SortedMap::new();
                while let Some((k, v)) = access.next_entry::<String, V>()? {
                    map.insert(k, v);
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_keys_in_order_and_each_once() {
        let mut m = TextMap::new();
        for (k, v) in [("en", "1"), ("de", "2"), ("fr", "3"), ("de", "4")] {
            m.insert(k.into(), v.into());
        }
        assert_eq!(m.keys().collect::<Vec<_>>(), ["de", "en", "fr"]);
        assert_eq!(m.get("de").map(String::as_str), Some("4"));
        assert_eq!(m["en"], "1");
        assert!(m.contains_key("fr") && !m.contains_key("it"));
        assert_eq!(m.len(), 3);
    }

    #[test]
    fn reads_and_writes_a_json_object_as_a_b_tree_map_does() {
        let text = r#"{"en":"Hello","de":"Hallo","de":"Servus"}"#;
        let ours: TextMap = serde_json::from_str(text).unwrap();
        let theirs: std::collections::BTreeMap<String, String> =
            serde_json::from_str(text).unwrap();
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap()
        );
        let wrong = serde_json::from_str::<TextMap>("[1]")
            .unwrap_err()
            .to_string();
        let wrong_too = serde_json::from_str::<std::collections::BTreeMap<String, String>>("[1]")
            .unwrap_err()
            .to_string();
        assert_eq!(wrong, wrong_too);
    }
}
