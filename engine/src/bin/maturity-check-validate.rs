//! `maturity-check-validate config.json [questionnaire.json]`: checks a widget config (and
//! optionally a questionnaire file) the way the widget does, for partners' CI.
//!
//! Prints one line per problem, `error: <JSON path>: <message>` or `warning: ...`, and exits with
//! 0 when there are no errors (warnings allowed), 1 when there are, 2 when a file cannot be read.
//! With `formality: "formal"` it warns about the questionnaire's texts (the file given, an inline
//! one, or the built-in one) that have no formal form, by JSON path.

use std::process::ExitCode;

use maturity_check_engine::config::{self, QuestionnaireSource, TEXT_KEYS};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.len() > 2 || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: maturity-check-validate config.json [questionnaire.json]");
        return ExitCode::from(2);
    }
    let read = |path: &str| {
        std::fs::read_to_string(path).map_err(|e| eprintln!("error: cannot read {path}: {e}"))
    };
    let Ok(config_text) = read(&args[0]) else {
        return ExitCode::from(2);
    };
    let report = config::check(&config_text, TEXT_KEYS);
    let mut errors = report.errors.len();
    for p in &report.errors {
        println!("error: {}: {p}", args[0]);
    }
    for p in &report.warnings {
        println!("warning: {}: {p}", args[0]);
    }
    if let Some(path) = args.get(1) {
        let Ok(text) = read(path) else {
            return ExitCode::from(2);
        };
        match maturity_check_engine::load(&text) {
            Ok(q) => {
                if let Some(w) = q.length_warning() {
                    println!("warning: {path}: $.questions: {w}");
                }
                let formal = report.config.as_ref().is_some_and(|c| c.formal);
                if let Some(w) = config::formal_warning(formal, &q, "$") {
                    println!("warning: {path}: {w}");
                }
            }
            Err(e) => {
                for p in e.problems() {
                    println!("error: {path}: {p}");
                    errors += 1;
                }
            }
        }
    } else if let Some(QuestionnaireSource::Url(url)) =
        report.config.as_ref().map(|c| &c.questionnaire)
    {
        println!("note: the questionnaire is loaded from {url} at runtime; pass that file as the second argument to check it");
    }
    if errors == 0 {
        println!(
            "ok: {} is valid{}",
            args[0],
            if report.warnings.is_empty() {
                ""
            } else {
                " (with warnings)"
            }
        );
        ExitCode::SUCCESS
    } else {
        println!("{errors} error(s)");
        ExitCode::FAILURE
    }
}
