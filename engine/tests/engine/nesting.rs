use maturity_check_engine::json::{read_tree, Json, Node, Number, Tree, MAX_DEPTH};
use maturity_check_engine::{config, load, progress, DEFAULT_QUESTIONNAIRE};
use proptest::prelude::*;

/// A tree of any depth that is never built in memory: each node makes its child when asked, the
/// way the browser's parsed object hands over its members. `shape[i % len]` says whether level
/// `i` is an array (`false`) or an object (`true`).
struct Lazy<'a> {
    level: usize,
    depth: usize,
    shape: &'a [bool],
}

impl<'a> Tree for Lazy<'a> {
    fn node(&self) -> Node<Self> {
        if self.level == self.depth {
            return Node::Number(Number::Unsigned(1));
        }
        let child = Lazy {
            level: self.level + 1,
            depth: self.depth,
            shape: self.shape,
        };
        if self.shape[self.level % self.shape.len()] {
            Node::Object(vec![("k".to_string(), child)])
        } else {
            Node::Array(vec![child])
        }
    }
}

/// How deep a value nests: 0 for a scalar.
fn depth_of(v: &Json) -> usize {
    match v {
        Json::Array(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        Json::Object(o) => 1 + o.iter().map(|(_, v)| depth_of(v)).max().unwrap_or(0),
        _ => 0,
    }
}

proptest! {
    /// Any depth gives the value (up to the limit) or a typed error whose path leads to the first
    /// level beyond it, without recursing deeper than the limit.
    #[test]
    fn nested_values_of_any_depth_read_or_fail_with_a_path(
        depth in prop_oneof![0usize..=140, 0usize..200_000],
        shape in proptest::collection::vec(any::<bool>(), 1..5),
    ) {
        let tree = Lazy { level: 0, depth, shape: &shape };
        match read_tree(&tree) {
            Ok(v) => {
                prop_assert!(depth <= MAX_DEPTH);
                prop_assert_eq!(depth_of(&v), depth);
            }
            Err(e) => {
                prop_assert!(depth > MAX_DEPTH);
                let steps = e.path.matches("[0]").count() + e.path.matches(".k").count();
                prop_assert_eq!(steps, MAX_DEPTH, "{}", e.path);
                prop_assert!(e.path.starts_with('$'));
                prop_assert!(e.message().contains("128"));
            }
        }
    }
}

#[test]
fn the_limit_is_exact() {
    let arrays = [false];
    let at = |depth| {
        read_tree(&Lazy {
            level: 0,
            depth,
            shape: &arrays,
        })
    };
    assert!(at(MAX_DEPTH).is_ok());
    let e = at(MAX_DEPTH + 1).expect_err("one level too deep");
    assert_eq!(e.path, format!("${}", "[0]".repeat(MAX_DEPTH)));
}

/// The engine's own text entry points (serde_json with its recursion limit) refuse deep text with
/// an error, at any depth, instead of overflowing the stack.
#[test]
fn deep_text_is_an_error_in_every_text_entry_point() {
    for depth in [129, 3_000, 20_000, 200_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let config = format!(r#"{{"texts": {deep}}}"#);
        let report = config::parse(&config, &[]);
        assert!(
            report.config.is_none() && !report.errors.is_empty(),
            "{depth}"
        );
        assert!(load(&deep).is_err(), "{depth}");
        let q = load(DEFAULT_QUESTIONNAIRE).expect("default questionnaire");
        assert!(progress::load(&q, &deep).is_err(), "{depth}");
    }
}
