/*!
The theme section: colours, font, corner radius and mode, each restricted to what is safe to put
into CSS, and a warning when the text colour does not stand out from the background.
*/

use super::contrast::contrast;
use super::keys::{RADIUS_PX, THEME_KEYS};
use super::types::{Theme, ThemeMode};
use super::walk::{shown, tenths, Walk};
use crate::json::Json as Value;

impl<const LOUD: bool> Walk<LOUD> {
    pub(super) fn theme(&mut self, v: &Value) -> Theme {
        let mut t = Theme::default();
        let Some(m) = self.object("$.theme", v, THEME_KEYS) else {
            return t;
        };
        t.primary = m
            .get("primary")
            .and_then(|v| self.colour("$.theme.primary", v));
        t.accent = m
            .get("accent")
            .and_then(|v| self.colour("$.theme.accent", v));
        t.background = m
            .get("background")
            .and_then(|v| self.colour("$.theme.background", v));
        t.text = m.get("text").and_then(|v| self.colour("$.theme.text", v));
        if let Some(f) = m
            .get("font_family")
            .and_then(|v| self.string("$.theme.font_family", v))
        {
            if !f.is_empty()
                && f.len() <= 200
                && f.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || (!c.is_ascii() && !c.is_control())
                        || " ,-_'\"".contains(c)
                })
            {
                t.font_family = Some(f);
            } else {
                self.error(|| ("$.theme.font_family", "use a CSS font list of names, commas, spaces and quotes, such as \"Inter, sans-serif\""));
            }
        }
        if let Some(r) = m.get("radius") {
            match r.as_f64() {
                Some(x)
                    if (f64::from(*RADIUS_PX.start())..=f64::from(*RADIUS_PX.end()))
                        .contains(&x) =>
                {
                    t.radius = Some(x)
                }
                _ => self.error(|| {
                    (
                        "$.theme.radius",
                        format!(
                            "{} is not valid: use a number of pixels from 0 to 48",
                            shown(r)
                        ),
                    )
                }),
            }
        }
        if let Some(mode) = m.get("mode").and_then(|v| self.string("$.theme.mode", v)) {
            t.mode =
                match mode.as_str() {
                    "light" => ThemeMode::Light,
                    "dark" => ThemeMode::Dark,
                    "auto" => ThemeMode::Auto,
                    other => {
                        self.error(|| {
                            ("$.theme.mode",
                        format!("\"{other}\" is not a mode: use \"light\", \"dark\" or \"auto\""))
                        });
                        ThemeMode::Light
                    }
                };
        }
        if let (Some(fg), Some(bg)) = (&t.text, &t.background) {
            if let Some(ratio) = contrast(fg, bg) {
                if ratio < 4.5 {
                    self.warn(|| ("$.theme.text",
                        format!("text {fg} on background {bg} has a contrast of {}:1, below the 4.5:1 WCAG AA asks for", tenths(ratio))));
                }
            }
        }
        t
    }
}
