//! Byte counts of `dist/`, and the budget the test command enforces.

use std::io::Write;
use std::path::Path;

use crate::Result;

/// The first view's brotli bytes as [`budget`] measured them: 86,749 B (loader 8,442 + main wasm
/// 74,056 + formal German core 4,251) for the widget with content-hashed files checked by their
/// SRI hash (BENCHMARKS.md says what the loader gained for it), toolchain 1.95.0, `dist/` built
/// with std compiled for the widget (`cargo xtask dist`, then `cargo xtask budget`). After a change
/// that is meant to grow or shrink the first view, re-measure and set this one number, with the
/// commit, and the figures in the README's "Size" and BENCHMARKS.md.
pub const MEASURED_FIRST_VIEW_BROTLI: u64 = 86_749;

/// How far the first view may grow over [`MEASURED_FIRST_VIEW_BROTLI`], in percent.
pub const HEADROOM_PERCENT: u64 = 3;

/// Everything a visitor downloads before the first question is interactive must stay at or under
/// this many brotli-compressed bytes: the measured figure and [`HEADROOM_PERCENT`].
pub const BUDGET_BROTLI: u64 = limit(MEASURED_FIRST_VIEW_BROTLI, HEADROOM_PERCENT);

/// `measured` and `percent` % of it, rounded down: 86,749 and 3 % allow 89,351 B.
const fn limit(measured: u64, percent: u64) -> u64 {
    measured + measured * percent / 100
}

/// The files a visitor downloads before the first question is interactive: the loader (bundled
/// with the glue, the chunk loader and the first view's styles), the main wasm module, and the
/// default questionnaire's core in the visitor's locale (counted for the locale whose file is
/// largest, see [`budget`]). Its advice and the chunks (results, leads, custom questionnaires) are fetched
/// later and are not part of the first view.
const FIRST_VIEW: &[&str] = &["maturity-check.js", "maturity_check_bg.wasm"];

pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

pub fn measure(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gz.write_all(bytes);
    let gzip = gz.finish().map(|v| v.len() as u64).unwrap_or(0);
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    Sizes {
        raw: bytes.len() as u64,
        gzip,
        brotli: br.len() as u64,
    }
}

fn files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .map_err(|e| format!("{}: {e} (run `cargo xtask dist` first)", d.display()))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                let name = p.strip_prefix(dir).unwrap_or(&p).display().to_string();
                out.push((name, bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Prints raw, gzip and brotli bytes of every file in `dir` and the total.
pub fn report(dir: &Path) -> Result<Sizes> {
    let mut total = Sizes {
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    println!(
        "{:<32} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for (name, bytes) in files(dir)? {
        let s = measure(&bytes);
        println!("{name:<32} {:>10} {:>10} {:>10}", s.raw, s.gzip, s.brotli);
        total.raw += s.raw;
        total.gzip += s.gzip;
        total.brotli += s.brotli;
    }
    println!(
        "{:<32} {:>10} {:>10} {:>10}",
        "total", total.raw, total.gzip, total.brotli
    );
    Ok(total)
}

/// Fails when the first view's brotli total exceeds [`BUDGET_BROTLI`]; prints the figure, the limit
/// and the headroom either way.
pub fn budget(dir: &Path) -> Result {
    let mut total = 0;
    // The files by the names they had before `cargo xtask dist` named them by their content.
    let served: std::collections::HashMap<String, String> = files(dir)?
        .into_iter()
        .map(|(name, _)| (crate::dist::hash::logical_name(&name), name))
        .collect();
    let read = |name: &str| {
        let file = served.get(name).map_or(name, String::as_str);
        std::fs::read(dir.join(file))
            .map(|bytes| measure(&bytes).brotli)
            .map_err(|e| format!("byte budget: dist/{file}: {e}"))
    };
    for name in FIRST_VIEW {
        let b = read(name)?;
        println!("byte budget: {name:<28} {b:>8} B brotli");
        total += b;
    }
    let mut cores = Vec::new();
    // Every text locale: a formal German widget loads the formal core in place of the German one.
    for locale in maturity_check_engine::locales::text_locales() {
        let name = maturity_check_engine::builtin::core_file_name(&locale);
        cores.push((read(&name)?, name));
    }
    if let Some((b, name)) = cores.into_iter().max() {
        println!("byte budget: {name:<28} {b:>8} B brotli (the largest locale)");
        total += b;
    }
    let fallback = std::fs::read_to_string(crate::dist::fallback_marker()).ok();
    let line = verdict(total, fallback.as_deref().map(str::trim))?;
    println!("byte budget: {line}");
    Ok(())
}

/// The budget's verdict on a first view of `total` brotli bytes: the line it prints, or the
/// failure with the figure and the limit. `fallback` is the reason `dist/` holds the plain release
/// build, if it does (the budget was measured with std compiled for the widget).
fn verdict(total: u64, fallback: Option<&str>) -> Result<String> {
    let limit = format!(
        "limit {} B (measured {} + {HEADROOM_PERCENT} %)",
        thousands(BUDGET_BROTLI),
        thousands(MEASURED_FIRST_VIEW_BROTLI)
    );
    let plain = fallback
        .map(|why| {
            format!(
                "; dist/ holds the plain release build without -Zbuild-std ({why}), about 15 KB \
                 brotli larger than the build the budget was measured on"
            )
        })
        .unwrap_or_default();
    if total > BUDGET_BROTLI {
        return Err(format!(
            "byte budget exceeded: first view {} B brotli > {limit}; {} B over{plain}",
            thousands(total),
            thousands(total - BUDGET_BROTLI)
        ));
    }
    Ok(format!(
        "first view: {} B brotli; {limit}; {} B to spare{plain}",
        thousands(total),
        thousands(BUDGET_BROTLI - total)
    ))
}

/// `83647` as `83,647`; the docs generator groups its counts the same way.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_the_measured_figure_and_the_headroom() {
        assert_eq!(limit(83_647, 3), 86_156);
        assert_eq!(limit(100_000, 3), 103_000);
        assert_eq!(limit(80_000, 0), 80_000);
        assert_eq!(
            BUDGET_BROTLI,
            limit(MEASURED_FIRST_VIEW_BROTLI, HEADROOM_PERCENT)
        );
        // A few percent over the measured figure, not the old 120 KB that nothing came near.
        const { assert!(HEADROOM_PERCENT > 0 && HEADROOM_PERCENT <= 5) };
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(83_647), "83,647");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn the_verdict_names_figure_limit_and_headroom() {
        let limit = thousands(BUDGET_BROTLI);
        let measured = thousands(MEASURED_FIRST_VIEW_BROTLI);
        let ok = verdict(MEASURED_FIRST_VIEW_BROTLI, None).unwrap();
        assert_eq!(
            ok,
            format!(
                "first view: {measured} B brotli; limit {limit} B (measured {measured} + 3 %); {} B to spare",
                thousands(BUDGET_BROTLI - MEASURED_FIRST_VIEW_BROTLI)
            )
        );
        // At the limit exactly still passes, with nothing to spare.
        assert!(verdict(BUDGET_BROTLI, None)
            .unwrap()
            .ends_with("; 0 B to spare"));
        let over = verdict(BUDGET_BROTLI + 1_234, None).unwrap_err();
        assert_eq!(
            over,
            format!(
                "byte budget exceeded: first view {} B brotli > limit {limit} B (measured {measured} + 3 %); 1,234 B over",
                thousands(BUDGET_BROTLI + 1_234)
            )
        );
    }

    #[test]
    fn a_fallback_build_is_named_in_the_verdict() {
        let over = verdict(BUDGET_BROTLI + 13_000, Some("MC_PLAIN_STD is set")).unwrap_err();
        assert!(over.contains("13,000 B over"), "{over}");
        assert!(
            over.contains("plain release build without -Zbuild-std (MC_PLAIN_STD is set)"),
            "{over}"
        );
        let ok = verdict(1, Some("MC_PLAIN_STD is set")).unwrap();
        assert!(ok.contains("plain release build"), "{ok}");
        assert!(!verdict(1, None).unwrap().contains("plain"));
    }
}
