/*!
The UTM parameters of the host page's URL, read without a URL library (the widget has the page's
URL as a string already).
*/

/// The UTM parameters of a page URL's query, percent-decoded; the first of each wins.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Utm {
    pub source: Option<String>,
    pub medium: Option<String>,
    pub campaign: Option<String>,
    pub term: Option<String>,
    pub content: Option<String>,
}

/// Reads `utm_source`, `utm_medium`, `utm_campaign`, `utm_term` and `utm_content` from `url`'s
/// query (not its fragment). Any string in, never a panic.
pub fn utm(url: &str) -> Utm {
    let mut out = Utm::default();
    let query = without_fragment(url)
        .split_once('?')
        .map_or("", |(_, q)| q)
        .to_string();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match percent_decode(k).as_str() {
            "utm_source" => &mut out.source,
            "utm_medium" => &mut out.medium,
            "utm_campaign" => &mut out.campaign,
            "utm_term" => &mut out.term,
            "utm_content" => &mut out.content,
            _ => continue,
        };
        let v = percent_decode(v);
        if slot.is_none() && !v.is_empty() {
            *slot = Some(v.chars().take(200).collect());
        }
    }
    out
}

pub(super) fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or("")
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte; malformed escapes
/// stay as they are, invalid UTF-8 becomes U+FFFD.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
