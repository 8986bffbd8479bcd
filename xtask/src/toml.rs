//! The one thing xtask reads from TOML files: a quoted string value of a key in a table.

/// The value of `key = "value"` inside `[table]` of `text` (the first such line).
pub fn string_in(text: &str, table: &str, key: &str) -> Option<String> {
    let header = format!("[{table}]");
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == header;
            continue;
        }
        if !inside {
            continue;
        }
        let value = line
            .strip_prefix(key)
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix('='))
            .map(str::trim)
            .and_then(|v| v.strip_prefix('"'))
            .and_then(|v| v.split('"').next());
        if let Some(value) = value {
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_read_from_its_table_only() {
        let manifest = "[workspace]\nmembers = []\nversion = \"9\"\n\n[package]\nname = \"w\"\nversions = \"x\"\nversion = \"1.2.3\"\n\n[dependencies]\nversion = \"0\"\n";
        assert_eq!(
            string_in(manifest, "package", "version").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(
            string_in("[package]\nname = \"w\"\n", "package", "version"),
            None
        );
        assert_eq!(string_in("version = \"1\"\n", "package", "version"), None);
    }
}
