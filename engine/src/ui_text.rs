/*!
The first view's UI strings that travel with the built-in questions: what the intro, the
questions and the footer say. The core file of each locale ([`crate::builtin::core_file()`])
carries them in its locale, so the first view downloads one language only. The widget keeps the
rest of its strings (what it says before or without its questions, and what the chunks say).

Keys are public API: partners override them in `texts` of the config (they are among
[`crate::config::TEXT_KEYS`]). Placeholders are `{name}`. German is the primary language and
addresses the reader as "ihr".
*/

/// (key, German, English).
pub type Entry = (&'static str, &'static str, &'static str);

/// The strings the core file carries.
pub const WITH_CORE: &[Entry] = &[
    ("intro.eyebrow", "Service-Reifegrad-Check", "Service maturity check"),
    ("intro.lead", "Wo steht euer Kundenservice – und was bringt ihn als Nächstes voran? Beantwortet {count} kurze Fragen zu sechs Bereichen und bekommt sofort eure Einordnung und einen konkreten Plan.", "Where does your customer service stand, and what would move it forward next? Answer {count} short questions across six areas and get your stage and a concrete plan right away."),
    ("intro.duration", "Dauert etwa {minutes} Minuten", "Takes about {minutes} minutes"),
    ("intro.duration_one", "Dauert etwa eine Minute", "Takes about a minute"),
    ("intro.questions", "{count} Fragen", "{count} questions"),
    ("intro.outcome", "Ergebnis mit Plan: jetzt, in 6–12 Monaten, bewusst weglassen", "Result with a plan: now, in 6-12 months, leave out on purpose"),
    ("intro.privacy", "Eure Antworten bleiben in eurem Browser. Es wird nichts gesendet, solange ihr euch nicht selbst dafür entscheidet.", "Your answers stay in your browser. Nothing is sent anywhere unless you decide to send it."),
    ("intro.privacy_link", "Datenschutzerklärung", "Privacy policy"),
    ("intro.start", "Check starten", "Start the check"),
    ("step.counter", "Frage {current} von {total}", "Question {current} of {total}"),
    ("step.progress", "Fortschritt", "Progress"),
    ("step.context", "Zu eurem Unternehmen", "About your company"),
    ("step.back", "Zurück", "Back"),
    ("step.next", "Weiter", "Next"),
    ("step.explain", "Was heißt das?", "What does this mean?"),
    ("step.keys", "Pfeiltasten wählen aus, Leertaste oder Enter bestätigt, Zifferntasten wählen direkt.", "Arrow keys move, Space or Enter picks, number keys pick directly."),
    ("brand.powered_by", "Erstellt mit maturity-check", "Made with maturity-check"),
];

/// The text of `entry` in `locale`: English for `en`, German (the primary language) for any other,
/// as the widget's catalogue reads its own strings.
pub fn in_locale(entry: &Entry, locale: &str) -> &'static str {
    if locale == "en" {
        entry.2
    } else {
        entry.1
    }
}
