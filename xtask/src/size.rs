//! Byte counts of `dist/`, and the budget the test command enforces.

use std::io::Write;
use std::path::Path;

use crate::Result;

/// Everything a visitor downloads before the first question is interactive must stay at or under
/// this many brotli-compressed bytes.
pub const BUDGET_BROTLI: u64 = 120 * 1024;

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

/// Fails when the first view's brotli total exceeds [`BUDGET_BROTLI`]; prints the figure either way.
pub fn budget(dir: &Path) -> Result {
    let mut total = 0;
    let read = |name: &str| {
        std::fs::read(dir.join(name))
            .map(|bytes| measure(&bytes).brotli)
            .map_err(|e| format!("byte budget: dist/{name}: {e}"))
    };
    for name in FIRST_VIEW {
        let b = read(name)?;
        println!("byte budget: {name:<28} {b:>8} B brotli");
        total += b;
    }
    let mut cores = Vec::new();
    for locale in maturity_check_engine::builtin::LOCALES {
        let name = maturity_check_engine::builtin::core_file_name(locale);
        cores.push((read(&name)?, name));
    }
    if let Some((b, name)) = cores.into_iter().max() {
        println!("byte budget: {name:<28} {b:>8} B brotli (the largest locale)");
        total += b;
    }
    println!("byte budget: first view {total} B brotli of {BUDGET_BROTLI} B allowed");
    if total > BUDGET_BROTLI {
        return Err(format!(
            "byte budget exceeded: {total} B brotli > {BUDGET_BROTLI} B"
        ));
    }
    Ok(())
}
