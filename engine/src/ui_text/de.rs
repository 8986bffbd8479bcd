//! German, addressing the reader as "ihr" (the primary language).

/// The strings the core file carries.
pub const WITH_CORE: &[(&str, &str)] = &[
    ("intro.eyebrow", "Service-Reifegrad-Check"),
    ("intro.lead", "Wo steht euer Kundenservice – und was bringt ihn als Nächstes voran? Beantwortet {count} kurze Fragen zu sechs Bereichen und bekommt sofort eure Einordnung und einen konkreten Plan."),
    ("intro.duration", "Dauert etwa {minutes} Minuten"),
    ("intro.duration_one", "Dauert etwa eine Minute"),
    ("intro.questions", "{count} Fragen"),
    ("intro.outcome", "Ergebnis mit Plan: jetzt, in 6–12 Monaten, bewusst weglassen"),
    ("intro.privacy", "Eure Antworten bleiben in eurem Browser. Es wird nichts gesendet, solange ihr euch nicht selbst dafür entscheidet."),
    ("intro.privacy_link", "Datenschutzerklärung"),
    ("intro.start", "Check starten"),
    ("step.counter", "Frage {current} von {total}"),
    ("step.progress", "Fortschritt"),
    ("step.context", "Zu eurem Unternehmen"),
    ("step.back", "Zurück"),
    ("step.next", "Weiter"),
    ("step.explain", "Was heißt das?"),
    ("step.keys", "Pfeiltasten wählen aus, Leertaste oder Enter bestätigt, Zifferntasten wählen direkt."),
    ("brand.powered_by", "Erstellt mit maturity-check"),
];
