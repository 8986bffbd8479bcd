/*!
The shapes of single values that several modules accept: ids, versions, locale codes, UUIDs, safe
URLs and hex colours. Plain predicates on strings, so the questionnaire's validator, the config
walk and the lead outbox agree on them without importing one another.
*/

/// Whether `id` is a valid identifier: `[a-z0-9][a-z0-9_-]*`, at most 64 characters.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Whether `v` is a valid version: `[A-Za-z0-9._-]+`, at most 32 characters.
pub fn is_valid_version(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 32
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Whether `l` looks like a locale code: `de`, `en`, `en-GB`.
pub fn is_valid_locale(l: &str) -> bool {
    let (lang, region) = match l.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (l, None),
    };
    lang.len() == 2
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()))
}

/// Whether `url` is http(s), relative, or (where allowed) mailto:/tel:. Everything else, notably
/// `javascript:` and `data:`, is refused.
pub fn is_safe_url(url: &str, allow_contact: bool) -> bool {
    let u = url.trim();
    if u.is_empty() || u.chars().any(|c| c.is_control()) {
        return false;
    }
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return u.len() > lower.find("://").map_or(0, |i| i + 3);
    }
    if allow_contact && (lower.starts_with("mailto:") || lower.starts_with("tel:")) {
        return true;
    }
    // Relative: no scheme before the first '/', '?' or '#'; not protocol-relative to a foreign host
    // by accident of a backslash.
    let head = lower.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !lower.starts_with("\\")
}

/// `#rgb` or `#rrggbb` as (r, g, b).
pub fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let v = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
    match hex.len() {
        3 => Some((v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17)),
        6 => Some((v(0, 2)?, v(2, 2)?, v(4, 2)?)),
        _ => None,
    }
}

/// Whether `s` is a UUID in its usual lowercase or uppercase text form.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}
