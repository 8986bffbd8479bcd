//! The chunk that reads saved answers and share links: most visitors never need it.

use maturity_check_engine::progress::{self, Progress};
use maturity_check_engine::{share, Answers};

use crate::browser;
use crate::check::{Check, Env, SHARE_PARAM};
use crate::lazy::{in_background, lazy};

lazy!(
    restore,
    fn restore_chunk(env: Env, check: Check) -> () {
        crate::i18n::load_resume();
        apply_saved(&env, check)
    }
);

lazy!(
    restore,
    fn open_shared_link_chunk(env: Env, check: Check) -> () {
        if let Link::Answers(shared) = shared_answers(&env) {
            check.show_shared(shared);
        }
    }
);

/// Reads the share link in the URL and the saved progress, and shows what they hold (for a
/// widget that has either); if that code cannot be downloaded, the intro, with nothing lost.
pub fn restore(env: Env, check: Check) {
    in_background(
        Box::pin(restore_chunk(env, check)),
        "could not download the code that reads saved answers; starting fresh",
        Some(Box::new(move || check.show_intro())),
    );
}

/// Opens the result of a share link put into the URL after the widget loaded.
pub fn open_shared_link(env: Env, check: Check) {
    in_background(
        Box::pin(open_shared_link_chunk(env, check)),
        "could not download the code that reads share links",
        None,
    );
}

/// What the share link in the URL holds for a widget.
enum Link {
    /// No link, or one for another widget on the page.
    None,
    /// Complete answers: the widget opens on their result.
    Answers(Answers),
    /// A link for this check that cannot be opened; the UI string key of the reason.
    Unusable(&'static str),
}

/// Shows what a share link and saved progress hold, or the intro (with a note on a link that
/// could not be opened, or on progress saved under another version of the check).
fn apply_saved(env: &Env, check: Check) {
    let (resume, outdated) = saved_progress(env);
    let shared = shared_answers(env);
    let note = match &shared {
        Link::Unusable(reason) => Some(env.fill("link.failed", &[("reason", &env.t(reason))])),
        _ if outdated => Some(env.t("resume.version")),
        _ => None,
    };
    match shared {
        Link::Answers(answers) => check.show_restored(resume, Some(answers), None),
        _ => check.show_restored(resume, None, note),
    }
}

/// The saved progress of this widget's questionnaire, if it holds any answer, and whether
/// progress saved under another version of it was found (and removed: its answers are by
/// position and cannot be carried over). What cannot be read is discarded with a console
/// warning.
fn saved_progress(env: &Env) -> (Option<Progress>, bool) {
    if !env.config.persistence {
        return (None, false);
    }
    let earlier = env.earlier_keys();
    for key in &earlier {
        browser::warn(&format!(
            "progress saved under {key} is for another version of the check; it was discarded"
        ));
        browser::storage_remove(key);
    }
    let mut outdated = !earlier.is_empty();
    let key = env.storage_key();
    let Some(text) = browser::storage_get(&key) else {
        return (None, outdated);
    };
    let loaded = browser::parse_json(&text)
        .map_err(|e| progress::ProgressError::Corrupt(e.located().1))
        .and_then(|v| progress::load_value(&env.q, &v));
    let resume = match loaded {
        Ok(p) if has_any_answer(&p.answers) => Some(p),
        Ok(_) => None,
        Err(e) => {
            outdated |= e.is_other_version();
            browser::warn(&format!("{e}; it was discarded"));
            browser::storage_remove(&key);
            None
        }
    };
    (resume, outdated)
}

/// What the share link in the URL fragment holds for this questionnaire. A code for another
/// questionnaire is meant for another widget on the page and is left alone, unless this is the
/// only check on the page: then it is a link that went astray, and the visitor hears so.
fn shared_answers(env: &Env) -> Link {
    let Some(code) = env
        .config
        .share
        .then(|| browser::fragment_param(SHARE_PARAM))
        .flatten()
    else {
        return Link::None;
    };
    let unusable = |why: &dyn std::fmt::Display, reason| {
        browser::warn(&format!("{why}; starting fresh"));
        Link::Unusable(reason)
    };
    match share::decode(&code) {
        Ok(c) if c.questionnaire_id == env.q.id => match c.answers_for(&env.q) {
            Ok(a) if a.is_complete() => Link::Answers(a),
            Ok(_) => unusable(&"the share link in the URL is incomplete", "link.damaged"),
            Err(e @ share::ShareError::OtherQuestionnaire { .. }) => unusable(&e, "link.version"),
            Err(e) => unusable(&e, "link.damaged"),
        },
        Ok(c) if browser::checks_on_page() <= 1 => unusable(
            &format!(
                "the share link in the URL is for the check \"{}\"",
                c.questionnaire_id
            ),
            "link.other",
        ),
        Ok(_) => Link::None,
        Err(e) => unusable(&e, "link.damaged"),
    }
}

fn has_any_answer(a: &Answers) -> bool {
    a.scored.iter().any(Option::is_some) || a.context.iter().any(Option::is_some)
}
