//! The `maturity-check-validate` binary, run as partners run it.

use std::path::PathBuf;
use std::process::Command;

fn file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mc-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn run(args: &[&std::path::Path]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_maturity-check-validate"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/three-levels.json")
}

#[test]
fn a_valid_config_passes() {
    let (code, out) = run(&[&file(
        "ok.json",
        r#"{"locale":"en","cta":{"label":"Hi","url":"/contact"}}"#,
    )]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("is valid"), "{out}");
}

#[test]
fn warnings_name_the_key_and_do_not_fail() {
    let (code, out) = run(&[&file("warn.json", r#"{"persistance":false}"#)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning: ")
            && out.contains("$.persistance")
            && out.contains("\"persistence\""),
        "{out}"
    );
}

#[test]
fn errors_print_paths_and_exit_1() {
    let (code, out) = run(&[&file(
        "bad.json",
        r##"{"theme":{"primary":"nope"},"privacy_url":"javascript:x"}"##,
    )]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: ") && out.contains("$.theme.primary") && out.contains("$.privacy_url"),
        "{out}"
    );
}

#[test]
fn a_questionnaire_file_is_checked_too() {
    let config = file("plain.json", "{}");
    let (code, out) = run(&[&config, &fixture()]);
    assert_eq!(code, 0, "{out}");
    let text =
        std::fs::read_to_string(fixture())
            .unwrap()
            .replacen("\"max\": 40", "\"max\": 35", 1);
    let (code, out) = run(&[&config, &file("q.json", &text)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("$.levels[1].min"), "{out}");
}

#[test]
fn unreadable_files_and_bad_usage_exit_2() {
    assert_eq!(run(&[]).0, 2);
    assert_eq!(
        run(&[std::path::Path::new("/nonexistent/config.json")]).0,
        2
    );
}

#[test]
fn a_formal_config_warns_about_the_questionnaire_s_informal_texts() {
    let config = file("formal.json", r#"{"formality":"formal"}"#);
    let (code, out) = run(&[&config, &fixture()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("three-levels.json: $.formality: ")
            && out.contains("$.title.de-formal")
            && out.contains("more"),
        "{out}"
    );
    let (_, informal) = run(&[&file("informal.json", "{}"), &fixture()]);
    assert!(!informal.contains("$.formality"), "{informal}");
}
