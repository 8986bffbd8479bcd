/*!
A partner's theme as CSS custom properties, scoped to one widget.

The rules go into a constructable stylesheet adopted by the widget's shadow root rather than a
`style` attribute, so that a host page with a strict Content Security Policy (no `unsafe-inline`)
still gets the partner's colours. Values were restricted to hex colours and safe font lists when the
config was validated, so they can be placed in CSS as they are. The stylesheet of the results and
the lead form is adopted the same way, once their code is loaded ([`adopt_results_sheet`]).
*/

use std::cell::RefCell;

use futures::future::FutureExt;
use maturity_check_engine::config::{tenths, Theme, ThemeMode};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

use crate::browser::{load_once, PageLoadSlot};

/// The instance's CSS: custom properties on the widget root for every configured value; `None`
/// when the theme configures none (the built-in styles then apply as they are).
pub fn css(theme: &Theme) -> Option<String> {
    let mut vars = String::new();
    let mut var = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            vars.push_str(&format!("--mc-{name}:{v};"));
        }
    };
    var("primary", theme.primary.clone());
    var("accent", theme.accent.clone());
    var("bg", theme.background.clone());
    var("text", theme.text.clone());
    var("font", theme.font_family.clone());
    var("radius", theme.radius.map(|r| format!("{}px", tenths(r))));
    // More specific than the built-in light and dark palettes, so a partner's colours win in both.
    (!vars.is_empty()).then(|| format!(".mc-host[data-mode] .mc.mc{{{vars}}}"))
}

fn mode_name(mode: &ThemeMode) -> &'static str {
    match mode {
        ThemeMode::Light => "light",
        ThemeMode::Dark => "dark",
        ThemeMode::Auto => "auto",
    }
}

/// Adds the theme sheet to the shadow root holding `container`, and marks the mode on the host.
pub fn apply(container: &HtmlElement, theme: &Theme) {
    let _ = container.set_attribute("data-mode", mode_name(&theme.mode));
    let Some(css) = css(theme) else {
        return;
    };
    let Ok(sheet) = web_sys::CssStyleSheet::new() else {
        return;
    };
    if sheet.replace_sync(&css).is_err() {
        return;
    }
    if let Some(shadow) = container.get_root_node().dyn_ref::<web_sys::ShadowRoot>() {
        adopt(shadow, &sheet);
    }
}

/// Appends `sheet` to the shadow root's adopted sheets, unless it is there already.
fn adopt(shadow: &web_sys::ShadowRoot, sheet: &web_sys::CssStyleSheet) {
    let key = JsValue::from_str("adoptedStyleSheets");
    let Ok(current) = js_sys::Reflect::get(shadow, &key) else {
        return;
    };
    let sheets = js_sys::Array::from(&current);
    if !sheets.includes(sheet, 0) {
        sheets.push(sheet);
        let _ = js_sys::Reflect::set(shadow, &key, &sheets);
    }
}

thread_local! {
    /// The results stylesheet: fetched once per page and shared by every widget on it.
    static RESULTS_SHEET: PageLoadSlot<web_sys::CssStyleSheet, String> = const { RefCell::new(None) };
}

/// Adds the stylesheet of the results and the lead form (`url`, `maturity-check.results.css`) to
/// `host`'s shadow root. The first view does not need it, so it loads with the results code.
pub async fn adopt_results_sheet(host: &HtmlElement, url: &str) -> Result<(), String> {
    let sheet = load_once(&RESULTS_SHEET, url, || {
        fetch_sheet(url.to_string()).boxed_local()
    })
    .await?;
    if let Some(shadow) = host.shadow_root() {
        adopt(&shadow, &sheet);
    }
    Ok(())
}

async fn fetch_sheet(url: String) -> Result<web_sys::CssStyleSheet, String> {
    let text = crate::browser::fetch_text(&url).await?;
    let sheet = web_sys::CssStyleSheet::new()
        .map_err(|_| "constructable stylesheets are not supported".to_string())?;
    sheet
        .replace_sync(&text)
        .map_err(|_| "the stylesheet was refused".to_string())?;
    Ok(sheet)
}
