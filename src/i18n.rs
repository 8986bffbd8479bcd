/*!
The UI's own strings, per locale, with partner overrides on top.

Questionnaire texts come from the questionnaire; everything else the widget says comes from here.
Keys are public API: partners override them in `texts` of the config, and the config validator
checks override keys against [`KEYS`]. Placeholders are `{name}`.
*/

use maturity_check_engine::sorted_map::{SortedMap, TextMap};
use maturity_check_engine::ui_text::{in_locale, Entry, WITH_CORE};
use std::cell::RefCell;

/// What the first view says before or without its questions: loading, and a download that failed.
/// The intro's, the questions' and the footer's strings ([`WITH_CORE`]) come with the built-in
/// questions, in the visitor's language only ([`add_from_core`]).
const FIRST_VIEW: &[Entry] = &[
    ("load.waiting", "Einen Moment, das wird gerade geladen …", "One moment, this is loading …"),
    ("load.failed", "Dieser Teil des Checks konnte nicht geladen werden. Eure Antworten sind sicher. Prüft die Verbindung und versucht es noch einmal.", "This part of the check could not be loaded. Your answers are safe. Check your connection and try again."),
    ("load.retry", "Noch einmal versuchen", "Try again"),
    ("load.start_failed", "Der Check konnte nicht geladen werden. Prüft die Verbindung und versucht es noch einmal.", "The check could not be loaded. Check your connection and try again."),
];

/// What the intro says to a returning visitor. Only the code that reads saved answers reads this
/// table (through [`load_resume`]), so it ships with that code.
const RESUME: &[Entry] = &[
    (
        "intro.resume",
        "Weitermachen bei Frage {current} von {total}",
        "Continue at question {current} of {total}",
    ),
    (
        "intro.resume_results",
        "Zu eurem Ergebnis",
        "Back to your result",
    ),
    ("intro.restart", "Neu beginnen", "Start over"),
    (
        "link.failed",
        "Dieser Link ließ sich nicht öffnen: {reason} Der Check beginnt von vorn.",
        "This link could not be opened: {reason} The check starts afresh.",
    ),
    (
        "link.damaged",
        "Er ist unvollständig oder beschädigt.",
        "it is incomplete or damaged.",
    ),
    (
        "link.version",
        "Er stammt aus einer anderen Fassung dieses Checks.",
        "it comes from another version of this check.",
    ),
    (
        "link.other",
        "Er gehört zu einem anderen Check.",
        "it belongs to a different check.",
    ),
    (
        "intro.saved",
        "Ihr habt den Check schon begonnen.",
        "You have already started the check.",
    ),
];

/// What the error panel says. Only its code (with the code that words a config's problems) reads
/// this table (through [`load_errors`]).
const ERRORS: &[Entry] = &[
    ("error.title", "Der Check kann nicht starten", "The check cannot start"),
    ("error.lead", "Die Konfiguration enthält Fehler. Bitte gebt diese Liste an die Betreiber der Seite weiter:", "The configuration has errors. Please pass this list on to the people who run this site:"),
];

/// What the results and the lead form say. Only the code of those chunks reads this table (through
/// [`load_later`]), so the release build ships these strings with that code, not in the first view.
const LATER: &[Entry] = &[
    ("results.eyebrow", "Euer Ergebnis", "Your result"),
    ("results.stage", "Stufe {current} von {total}", "Stage {current} of {total}"),
    ("results.score", "von 100 Punkten", "of 100 points"),
    ("results.to_next", "Noch {points} Punkte bis zur Stufe „{name}“.", "{points} points to go to the “{name}” stage."),
    ("results.top", "Ihr seid auf der höchsten Stufe. Jetzt geht es darum, den Vorsprung zu halten.", "You are at the highest stage. Now it is about keeping the lead."),
    ("results.radar", "Eure Werte und euer Ziel", "Your scores and your target"),
    ("results.radar_alt", "Netzdiagramm mit zwei Linien: eure Punkte je Bereich und das Ziel für eure Rolle. Die Tabelle enthält dieselben Werte.", "Radar chart with two lines: your score in each area and the target for your role. The table holds the same numbers."),
    ("results.legend_you", "Eure Werte", "Your scores"),
    ("results.legend_target", "Ziel für eure Rolle", "Target for your role"),
    ("results.table_dimension", "Bereich", "Area"),
    ("results.table_score", "Punkte", "Score"),
    ("results.table_target", "Ziel", "Target"),
    ("results.table_gap", "Abstand", "Gap"),
    ("results.focus", "Eure Schwerpunkte", "Where to focus"),
    ("results.focus_lead", "Für eure Rolle „{role}“:", "For your role, “{role}”:"),
    ("results.focus_gap", "{score} Punkte, Ziel {target}: es fehlen {gap}", "{score} points, target {target}: {gap} to go"),
    ("results.focus_reached", "{score} Punkte, Ziel {target} erreicht", "{score} points, target {target} reached"),
    ("results.reason", "Am stärksten bremst: „{question}“, eure Antwort „{answer}“.", "Holding it back most: “{question}”, you answered “{answer}”."),
    ("results.lift_level", "Für die Stufe „{level}“ reicht: {change}.", "Enough for the “{level}” stage: {change}."),
    ("results.lift_target", "Für euer Ziel von {target} Punkten reicht: {change}.", "Enough for your target of {target} points: {change}."),
    ("results.lift_level_many", "Für die Stufe „{level}“ reichen {count} bessere Antworten, etwa {change}.", "{count} better answers reach the “{level}” stage, such as {change}."),
    ("results.lift_target_many", "Für euer Ziel von {target} Punkten reichen {count} bessere Antworten, etwa {change}.", "{count} better answers reach your target of {target} points, such as {change}."),
    ("results.change", "„{answer}“ bei „{question}“", "“{answer}” for “{question}”"),
    ("results.change_same", "„{answer}“ bei dieser Frage", "“{answer}” on that question"),
    ("results.plan", "Euer Plan", "Your plan"),
    ("results.now", "Jetzt angehen", "Do now"),
    ("results.now_hint", "Wirkt innerhalb weniger Wochen", "Effect within weeks"),
    ("results.build_up", "Aufbauen", "Build up"),
    ("results.build_up_hint", "In den nächsten 6–12 Monaten", "Over the next 6-12 months"),
    ("results.leave_out", "Bewusst weglassen", "Leave out on purpose"),
    ("results.leave_out_hint", "Vorerst nicht, aus gutem Grund", "Not now, for good reason"),
    ("results.effort", "Aufwand {size}", "Effort {size}"),
    ("results.impact_low", "Wirkung gering", "Low impact"),
    ("results.impact_medium", "Wirkung mittel", "Medium impact"),
    ("results.impact_high", "Wirkung hoch", "High impact"),
    ("results.kpi_target", "Startwert:", "Starting target:"),
    ("results.plan_all", "Den ganzen Plan zeigen ({count} Schritte)", "Show the whole plan ({count} steps)"),
    ("results.dimensions", "Die Bereiche im Einzelnen", "Each area in detail"),
    ("results.dimension_answers", "Eure Antworten", "Your answers"),
    ("results.dimension_more", "Weitere Empfehlungen für diesen Bereich", "More advice for this area"),
    ("results.unknown", "Bei {count} Frage(n) habt ihr „Weiß ich nicht“ gewählt. Auch das ist ein Befund: Was ihr nicht wisst, könnt ihr nicht steuern.", "You answered “don't know” to {count} question(s). That is a finding too: what you do not know, you cannot steer."),
    ("results.not_rated", "nicht bewertet", "not rated"),
    ("results.not_rated_why", "{unknown} von {count} Antworten „Weiß ich nicht“", "{unknown} of {count} answers “don't know”"),
    ("results.not_rated_lead", "Bei der Hälfte der Fragen oder mehr habt ihr „Weiß ich nicht“ gewählt. Das reicht nicht für eine Bewertung, deshalb zählt dieser Bereich nicht zum Gesamtstand und bekommt noch keine Empfehlungen.", "You answered “don't know” to half the questions or more. That is not enough to rate this area, so it does not count towards the overall stage and gets no advice yet."),
    ("results.find_out", "Erst herausfinden", "Find out first"),
    ("results.no_overall", "Noch kein Gesamtstand", "No overall stage yet"),
    ("results.no_overall_lead", "In jedem Bereich habt ihr bei der Hälfte der Fragen oder mehr „Weiß ich nicht“ gewählt. Findet zuerst heraus, was unter „Jetzt angehen“ steht, und macht den Check dann noch einmal.", "In every area you answered “don't know” to half the questions or more. Find out first what “Do now” lists, then take the check again."),
    ("results.kpis", "Kennzahlen, an denen ihr euch messen solltet", "KPIs to steer by"),
    ("results.kpis_lead", "Für einen Service in der Rolle „{role}“:", "For a service in the role “{role}”:"),
    ("results.share", "Ergebnis teilen", "Share the result"),
    ("results.share_hint", "Er enthält eure Antworten; gespeichert wird nichts.", "It holds your answers; nothing is stored."),
    ("results.share_label", "Link zu eurem Ergebnis", "Link to your result"),
    ("results.copy", "Link kopieren", "Copy link"),
    ("results.copied", "Link kopiert.", "Link copied."),
    ("results.print", "Als PDF speichern oder drucken", "Save as PDF or print"),
    ("results.restart", "Check neu starten", "Restart the check"),
    ("results.edit", "Antworten ändern", "Change answers"),
    ("lead.title", "Über euer Ergebnis sprechen", "Talk your result through"),
    ("lead.lead", "Hinterlasst eure Kontaktdaten, dann geht jemand das Ergebnis mit euch durch.", "Leave your details and someone will go through the result with you."),
    ("lead.gate_title", "Euer Ergebnis ist fertig", "Your result is ready"),
    ("lead.gate_lead", "Hinterlasst eure Kontaktdaten, dann öffnet sich euer Ergebnis mit Plan sofort.", "Leave your contact details and your result with its plan opens right away."),
    ("lead.unlock_lead", "Euren Plan, die Kennzahlen für eure Rolle und alle Bereiche im Detail seht ihr, sobald ihr eure Kontaktdaten hinterlassen habt.", "Leave your contact details to see your plan, the KPIs for your role and every area in detail."),
    ("lead.unlock_title", "Euer vollständiger Plan", "Your full plan"),
    ("lead.name", "Name", "Name"),
    ("lead.email", "E-Mail", "Email"),
    ("lead.company", "Unternehmen", "Company"),
    ("lead.phone", "Telefon", "Phone"),
    ("lead.message", "Nachricht", "Message"),
    ("lead.required", "Pflichtfeld", "required"),
    ("lead.consent", "Ich bin einverstanden, dass meine Angaben und mein Ergebnis an die Betreiber dieser Seite gesendet und dort gespeichert werden, damit sie mich dazu kontaktieren können. Diese Einwilligung kann ich jederzeit widerrufen.", "I agree that my details and my result are sent to and stored by the people who run this site, so that they can contact me about it. I can withdraw this consent at any time."),
    ("lead.privacy", "Datenschutzhinweise", "Privacy notice"),
    ("lead.honeypot", "Dieses Feld bitte leer lassen", "Leave this field empty"),
    ("lead.submit", "Kontaktdaten senden", "Send contact details"),
    ("lead.sending", "Wird gesendet …", "Sending …"),
    ("lead.sent", "Gesendet. Danke, eure Angaben sind angekommen.", "Sent. Thank you, your details have arrived."),
    ("lead.queued", "Noch nicht gesendet: Die Verbindung klappt gerade nicht. Eure Angaben bleiben in diesem Browser und werden automatisch gesendet, sobald ihr wieder online seid oder diese Seite das nächste Mal öffnet.", "Not sent yet: the connection is not working right now. Your details stay in this browser and will be sent automatically when you are back online or next open this page."),
    ("lead.failed", "Konnte nicht gesendet werden: Der Empfänger hat die Angaben abgelehnt (Fehler {status}). Eure Eingaben sind noch da; prüft sie und versucht es noch einmal.", "Could not be sent: the receiver turned the details down (error {status}). What you typed is still here; check it and try again."),
    ("lead.failed_offline", "Konnte nicht gesendet werden: Die Verbindung klappt nicht, und dieser Browser kann die Angaben nicht für später aufbewahren. Eure Eingaben sind noch da; versucht es gleich noch einmal.", "Could not be sent: the connection is not working and this browser cannot keep the details for later. What you typed is still here; try again in a moment."),
    ("lead.error_missing", "Bitte ausfüllen.", "Please fill this in."),
    ("lead.error_email", "Das sieht nicht nach einer E-Mail-Adresse aus, etwa name@firma.de.", "This does not look like an email address, such as name@company.com."),
    ("lead.error_phone", "Bitte eine Telefonnummer aus Ziffern, Leerzeichen und + ( ) - / eingeben.", "Please enter a phone number of digits, spaces and + ( ) - /."),
    ("lead.error_too_long", "Das ist zu lang: höchstens {max} Zeichen.", "This is too long: at most {max} characters."),
    ("lead.error_consent", "Ohne eure Einwilligung wird nichts gesendet. Setzt den Haken, wenn ihr einverstanden seid.", "Nothing is sent without your consent. Tick the box if you agree."),
];

thread_local! {
    /// The tables beyond [`FIRST_VIEW`] that the chunks have made available ([`load_later`],
    /// [`load_resume`], [`load_errors`], [`load_first_view`]).
    static LOADED: RefCell<Vec<&'static [Entry]>> = const { RefCell::new(Vec::new()) };
    /// The strings of [`WITH_CORE`] as the built-in questions' core files brought them, by locale.
    static FROM_CORE: RefCell<SortedMap<TextMap>> = RefCell::new(SortedMap::new());
}

/// Makes the first view's strings that a core file brought (in its `locale`) available.
pub fn add_from_core(locale: &str, strings: TextMap) {
    FROM_CORE.with_borrow_mut(|c| c.insert(locale.to_string(), strings));
}

/// Makes the first view's strings in every language available: for a partner's own questionnaire,
/// which comes without a core file (the chunk that reads it calls this).
pub fn load_first_view() {
    load(WITH_CORE);
}

fn load(table: &'static [Entry]) {
    LOADED.with_borrow_mut(|loaded| {
        if !loaded.iter().any(|t| std::ptr::eq(*t, table)) {
            loaded.push(table);
        }
    });
}

/// Makes the strings of the results and the lead form available to [`Catalogue::get`]. Called by
/// the chunks that show them; builds without chunks (tests, native) have them from the start.
pub fn load_later() {
    load(LATER);
}

/// Makes the intro's strings for a returning visitor available (the chunk that reads saved
/// answers calls it).
pub fn load_resume() {
    load(RESUME);
}

/// Makes the error panel's strings available (its chunk calls it).
pub fn load_errors() {
    load(ERRORS);
}

/// Every key partners may override (the engine validates `texts` against this list).
pub use maturity_check_engine::config::TEXT_KEYS as KEYS;

/// The UI strings of one locale, with overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    locale: String,
    overrides: TextMap,
}

impl Catalogue {
    /// `locale` is `de` or `en`; anything else reads German.
    pub fn new(locale: &str, overrides: TextMap) -> Self {
        #[cfg(not(feature = "split"))]
        {
            load_first_view();
            load_later();
            load_resume();
            load_errors();
        }
        Catalogue {
            locale: locale.to_string(),
            overrides,
        }
    }

    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The text for `key`. An unknown key is a bug in the widget; it shows as the key itself.
    pub fn get(&self, key: &str) -> String {
        if let Some(s) = self.overrides.get(key) {
            return s.clone();
        }
        // From the core file in this catalogue's language (the widget picks the catalogue's
        // language as it picks the core's, so they agree). Only that language's: a partner's
        // questionnaire next to a built-in one in another language has these strings in its own
        // language from its chunk.
        let from_core =
            FROM_CORE.with_borrow(|c| c.get(&self.locale).and_then(|t| t.get(key)).cloned());
        if let Some(s) = from_core {
            return s;
        }
        let found = FIRST_VIEW.iter().find(|(k, _, _)| *k == key).or_else(|| {
            LOADED.with_borrow(|loaded| {
                loaded
                    .iter()
                    .flat_map(|t| t.iter())
                    .find(|(k, _, _)| *k == key)
            })
        });
        found
            .map(|entry| in_locale(entry, &self.locale))
            .unwrap_or(key)
            .to_string()
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        args.iter().fold(self.get(key), |s, (name, value)| {
            s.replace(&format!("{{{name}}}"), value)
        })
    }
}

/// The locale to use: the config's, else the host page's `<html lang>`, else the browser's, each
/// matched by language against what the questionnaire offers; else the questionnaire's default.
pub fn pick_locale(
    configured: Option<&str>,
    page: Option<&str>,
    browser: &[String],
    offered: &[String],
    default: &str,
) -> String {
    let matches = |tag: &str| {
        let lang = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        offered
            .iter()
            .find(|o| o.split('-').next() == Some(lang.as_str()))
            .cloned()
    };
    configured
        .and_then(matches)
        .or_else(|| page.and_then(matches))
        .or_else(|| browser.iter().find_map(|b| matches(b)))
        .unwrap_or_else(|| default.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> impl Iterator<Item = &'static Entry> {
        FIRST_VIEW
            .iter()
            .chain(WITH_CORE)
            .chain(RESUME)
            .chain(ERRORS)
            .chain(LATER)
    }

    #[test]
    fn keys_are_unique_and_every_text_is_written() {
        let mut seen = std::collections::BTreeSet::new();
        for (k, de, en) in all() {
            assert!(seen.insert(k), "duplicate key {k}");
            assert!(!de.is_empty() && !en.is_empty(), "{k}");
            let holes = |s: &str| s.matches('{').count();
            assert_eq!(
                holes(de),
                holes(en),
                "placeholders of {k} differ between de and en"
            );
        }
    }

    #[test]
    fn the_catalogue_has_exactly_the_public_keys() {
        let mut ours: Vec<&str> = all().map(|(k, _, _)| *k).collect();
        let mut keys = KEYS.to_vec();
        ours.sort_unstable();
        keys.sort_unstable();
        assert_eq!(
            ours, keys,
            "keep engine::config::TEXT_KEYS and the catalogue in step"
        );
    }

    #[test]
    fn overrides_win_and_placeholders_fill() {
        let c = Catalogue::new("en", [("intro.start".to_string(), "Go".to_string())].into());
        assert_eq!(c.get("intro.start"), "Go");
        assert_eq!(
            c.fill("step.counter", &[("current", "3"), ("total", "24")]),
            "Question 3 of 24"
        );
        assert_eq!(
            Catalogue::new("de", TextMap::new())
                .fill("step.counter", &[("current", "3"), ("total", "24")]),
            "Frage 3 von 24"
        );
    }

    #[test]
    fn core_strings_serve_their_language_and_the_tables_the_others() {
        add_from_core(
            "de",
            [("intro.start".to_string(), "Los".to_string())].into(),
        );
        // A German widget reads the core's string; an English one (a partner's questionnaire
        // next to it) its own language's, not the German core's.
        assert_eq!(
            Catalogue::new("de", TextMap::new()).get("intro.start"),
            "Los"
        );
        assert_eq!(
            Catalogue::new("en", TextMap::new()).get("intro.start"),
            "Start the check"
        );
        FROM_CORE.with_borrow_mut(|c| *c = SortedMap::new());
    }

    #[test]
    fn results_and_lead_texts_are_there_without_chunks() {
        let c = Catalogue::new("en", TextMap::new());
        assert_eq!(c.get("results.plan"), "Your plan");
        assert_eq!(c.get("lead.submit"), "Send contact details");
        assert_eq!(c.get("intro.start"), "Start the check");
    }

    #[test]
    fn locale_comes_from_config_then_page_then_browser() {
        let offered = vec!["de".to_string(), "en".to_string()];
        let browser = vec!["fr-FR".to_string(), "en-US".to_string()];
        assert_eq!(
            pick_locale(Some("en"), Some("de"), &browser, &offered, "de"),
            "en"
        );
        assert_eq!(
            pick_locale(None, Some("en-GB"), &browser, &offered, "de"),
            "en"
        );
        assert_eq!(
            pick_locale(None, Some("fr"), &browser, &offered, "de"),
            "en"
        );
        assert_eq!(pick_locale(None, None, &[], &offered, "de"), "de");
    }
}
