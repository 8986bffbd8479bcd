/*!
What goes wrong with an input, and where: a [`Problem`] is located by the JSON path of the bad
value and says what would be valid. Every reader in the engine (questionnaire, config, core and
advice files, storage) reports through it, so its helpers live here, below all of them.
*/

use std::fmt;

/// One thing wrong with an input, located by its JSON path (`$.questions[3].options`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a questionnaire could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// The text is not JSON of the questionnaire's shape. `problem.path` points at the value.
    Syntax(Problem),
    /// The JSON has the right shape but breaks one or more rules.
    Invalid(Vec<Problem>),
}

impl LoadError {
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LoadError::Syntax(p) => vec![p.clone()],
            LoadError::Invalid(ps) => ps.clone(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Syntax(p) => write!(f, "questionnaire is not readable: {p}"),
            LoadError::Invalid(ps) => {
                write!(f, "questionnaire has {} problem(s):", ps.len())?;
                for p in ps {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// `["a", "b"]`: a list of names as a message shows it. Not `{:?}`, whose string escaping the
/// widget would otherwise carry in its first view.
pub(crate) fn quoted<S: AsRef<str>>(names: &[S]) -> String {
    let inner: Vec<String> = names
        .iter()
        .map(|n| format!("\"{}\"", n.as_ref()))
        .collect();
    format!("[{}]", inner.join(", "))
}

/// What is wrong with a JSON text, and where: "a syntax error at line 3, column 5". Written
/// without serde_json's own message, whose formatting brings in the standard library's text for
/// every I/O error kind, so that the wasm stays small.
pub fn json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "a syntax error",
        Category::Eof => "an unexpected end",
        Category::Data => "a value of the wrong kind",
        Category::Io => "a read error",
    };
    format!("{what} at line {}, column {}", e.line(), e.column())
}

/// Deserialises `json`, turning serde's error into a [`Problem`] with the path of the bad value.
pub fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Problem> {
    let mut de = serde_json::Deserializer::from_str(json);
    let mut track = serde_path_to_error::Track::new();
    let value = T::deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
        .and_then(|v| de.end().map(|()| v));
    value.map_err(|e| {
        let path = track.path().to_string();
        let path = if path == "." {
            "$".to_string()
        } else {
            format!("$.{path}")
        };
        Problem::new(path, e.to_string())
    })
}
