/*!
A JSON value as the config walk reads it, with an object as a list of pairs.

The widget's first view reads its config from what the browser's `JSON.parse` gave. serde_json's
`Value` keeps an object in a B-tree map, whose code (insert, iterators, clone, drop) would be in
the first view for the one small object a config is; a list of pairs needs none of it, and a
config has a dozen keys at most. The engine's text entry points (the validator, the tests) parse
with serde_json and convert ([`Json::from`]); a chunk that needs a serde_json `Value` converts back.

Numbers keep serde_json's distinction: a whole number is [`Number::Unsigned`] (0 or more) or
[`Number::Signed`] (below 0), anything else [`Number::Float`].
*/

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    Object(Object),
}

/// A JSON number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A whole number, 0 or more.
    Unsigned(u64),
    /// A whole number below 0.
    Signed(i64),
    /// Any other number.
    Float(f64),
}

impl Number {
    /// From a JavaScript number: whole numbers within 2^53 become integers, as serde_json reads
    /// them from text; others stay floats.
    pub fn from_f64(n: f64) -> Number {
        const SAFE: f64 = 9_007_199_254_740_991.0;
        if n.fract() == 0.0 && n.abs() <= SAFE {
            if n >= 0.0 {
                Number::Unsigned(n as u64)
            } else {
                Number::Signed(n as i64)
            }
        } else {
            Number::Float(n)
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::Unsigned(n) => Some(n),
            Number::Signed(_) | Number::Float(_) => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Number::Unsigned(n) => i64::try_from(n).ok(),
            Number::Signed(n) => Some(n),
            Number::Float(_) => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        Some(match *self {
            Number::Unsigned(n) => n as f64,
            Number::Signed(n) => n as f64,
            Number::Float(x) => x,
        })
    }
}

/// A JSON object: its members in the order given, each key once. Two objects are equal when they
/// have the same members, in whatever order.
#[derive(Debug, Clone, Default)]
pub struct Object(Vec<(String, Json)>);

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl Object {
    pub fn new() -> Object {
        Object(Vec::new())
    }

    /// Sets `key` to `value`; a key given again keeps its place and takes the later value, as
    /// `JSON.parse` and serde_json do.
    pub fn insert(&mut self, key: String, value: Json) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(member) => member.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Json)> {
        self.into_iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Object {
    type Item = (&'a String, &'a Json);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Json)>,
        fn(&'a (String, Json)) -> (&'a String, &'a Json),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Json {
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => n.as_f64(),
            _ => None,
        }
    }
}

/// How deep a value may nest (arrays and objects inside each other), as serde_json's parser
/// allows. Page-supplied JSON (an inline config, a `config-url`, a questionnaire by URL, stored
/// state) is read with this limit, so that no input decides how deep the reader recurses: a
/// stack overflow in the wasm module would take every widget on the page down with it.
pub const MAX_DEPTH: usize = 128;

/// A value nested deeper than [`MAX_DEPTH`]; `path` is the JSON path of the first array or object
/// beyond the limit (`$.texts[0][0]…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    pub path: String,
}

impl TooDeep {
    /// The sentence a problem list shows.
    pub fn message(&self) -> String {
        let mut m = String::from("nested more than ");
        m.push_str(&MAX_DEPTH.to_string());
        m.push_str(" levels deep; flatten it");
        m
    }
}

/// One node of a parsed JSON tree that another parser built (the browser's `JSON.parse`), with its
/// children still in that parser's form.
pub enum Node<T> {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<T>),
    Object(Vec<(String, T)>),
}

/// A JSON tree that [`read_tree`] can turn into a [`Json`] one node at a time.
pub trait Tree: Sized {
    fn node(&self) -> Node<Self>;
}

/// `root` as a [`Json`], or [`TooDeep`] for a tree that nests deeper than [`MAX_DEPTH`]. The
/// recursion is bounded by the limit, not by the input: a deeper tree is refused at level
/// [`MAX_DEPTH`] without being read further.
pub fn read_tree<T: Tree>(root: &T) -> Result<Json, TooDeep> {
    let mut path = Vec::new();
    read_node(root, &mut path).map_err(|()| TooDeep {
        path: path_text(&path),
    })
}

enum Step {
    Index(usize),
    Key(String),
}

/// Reads `t`; on a too-deep tree `path` is left holding the steps to the offending node.
fn read_node<T: Tree>(t: &T, path: &mut Vec<Step>) -> Result<Json, ()> {
    let nested = |path: &Vec<Step>| {
        if path.len() >= MAX_DEPTH {
            Err(())
        } else {
            Ok(())
        }
    };
    Ok(match t.node() {
        Node::Null => Json::Null,
        Node::Bool(b) => Json::Bool(b),
        Node::Number(n) => Json::Number(n),
        Node::String(s) => Json::String(s),
        Node::Array(items) => {
            nested(path)?;
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                out.push(read_node(item, path)?);
                path.pop();
            }
            Json::Array(out)
        }
        Node::Object(members) => {
            nested(path)?;
            let mut out = Object::new();
            for (key, value) in members {
                path.push(Step::Key(key));
                let v = read_node(&value, path)?;
                if let Some(Step::Key(key)) = path.pop() {
                    out.insert(key, v);
                }
            }
            Json::Object(out)
        }
    })
}

fn path_text(path: &[Step]) -> String {
    let mut out = String::from("$");
    for step in path {
        match step {
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
        }
    }
    out
}

impl From<&serde_json::Value> for Json {
    fn from(v: &serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Number::Unsigned(u),
                (None, Some(i)) => Number::Signed(i),
                (None, None) => Number::Float(n.as_f64().unwrap_or(f64::NAN)),
            }),
            Value::String(s) => Json::String(s.clone()),
            Value::Array(items) => Json::Array(items.iter().map(Json::from).collect()),
            Value::Object(members) => {
                let mut o = Object::new();
                for (k, v) in members {
                    o.insert(k.clone(), Json::from(v));
                }
                Json::Object(o)
            }
        }
    }
}

impl From<&Json> for serde_json::Value {
    fn from(v: &Json) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(Number::Unsigned(n)) => Value::from(*n),
            Json::Number(Number::Signed(n)) => Value::from(*n),
            Json::Number(Number::Float(x)) => {
                serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number)
            }
            Json::String(s) => Value::String(s.clone()),
            Json::Array(items) => Value::Array(items.iter().map(Value::from).collect()),
            Json::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), Value::from(v))).collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_without_loss() {
        let text = r#"{"b": [1, -2, 2.5, true, null, "x"], "a": {"z": {}, "y": []}, "n": 18446744073709551615}"#;
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let json = Json::from(&value);
        assert_eq!(serde_json::Value::from(&json), value);
        let o = json.as_object().unwrap();
        assert_eq!(o.len(), 3);
        assert_eq!(o.get("n").and_then(Json::as_u64), Some(u64::MAX));
        assert_eq!(
            o.get("b").map(|b| match b {
                Json::Array(items) => items.iter().map(|i| i.as_f64()).collect::<Vec<_>>(),
                _ => Vec::new(),
            }),
            Some(vec![Some(1.0), Some(-2.0), Some(2.5), None, None, None])
        );
    }

    #[test]
    fn a_key_given_again_keeps_its_place_and_the_later_value() {
        let mut o = Object::new();
        o.insert("a".into(), Json::Bool(true));
        o.insert("b".into(), Json::Null);
        o.insert("a".into(), Json::Bool(false));
        assert_eq!(o.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(o.get("a"), Some(&Json::Bool(false)));
        assert!(o.contains_key("b") && !o.contains_key("c"));
        let mut reordered = Object::new();
        reordered.insert("b".into(), Json::Null);
        reordered.insert("a".into(), Json::Bool(false));
        assert_eq!(o, reordered, "the order of members does not count");
        reordered.insert("b".into(), Json::Bool(true));
        assert_ne!(o, reordered);
    }

    #[test]
    fn javascript_numbers_read_as_serde_json_reads_them() {
        assert_eq!(Number::from_f64(3.0), Number::Unsigned(3));
        assert_eq!(Number::from_f64(-3.0), Number::Signed(-3));
        assert_eq!(Number::from_f64(2.5), Number::Float(2.5));
        assert_eq!(Number::from_f64(1e300), Number::Float(1e300));
        assert_eq!(Number::Signed(-1).as_u64(), None);
        assert_eq!(Number::Unsigned(u64::MAX).as_i64(), None);
    }
}
