//! German addressing the reader as "Sie" (`formality: "formal"`): only the strings whose text
//! differs from [`super::de`]; every other key reads the German one. Every string of `de` that
//! addresses the reader must be here (a test looks for the informal words).

/// [`super::FIRST_VIEW`] in this locale.
pub const FIRST_VIEW: &[(&str, &str)] = &[
    ("load.failed", "Dieser Teil des Checks konnte nicht geladen werden. Ihre Antworten sind sicher. Prüfen Sie die Verbindung und versuchen Sie es noch einmal."),
    ("load.start_failed", "Der Check konnte nicht geladen werden. Prüfen Sie die Verbindung und versuchen Sie es noch einmal."),
];

/// [`super::RESUME`] in this locale.
pub const RESUME: &[(&str, &str)] = &[
    ("intro.resume_results", "Zu Ihrem Ergebnis"),
    ("intro.saved", "Sie haben den Check schon begonnen."),
    (
        "resume.version",
        "Sie hatten diesen Check schon begonnen. Er wurde seitdem überarbeitet, und Ihre damaligen Antworten passen nicht mehr zu seinen Fragen: Bitte beginnen Sie neu.",
    ),
];

/// [`super::ERRORS`] in this locale.
pub const ERRORS: &[(&str, &str)] = &[
    ("error.lead", "Die Konfiguration enthält Fehler. Bitte geben Sie diese Liste an die Betreiber der Seite weiter:"),
];

/// [`super::LATER`] in this locale.
pub const LATER: &[(&str, &str)] = &[
    ("results.eyebrow", "Ihr Ergebnis"),
    ("results.top", "Sie sind auf der höchsten Stufe. Jetzt geht es darum, den Vorsprung zu halten."),
    ("results.not_rated_lead", "Bei der Hälfte der Fragen oder mehr haben Sie „Weiß ich nicht“ gewählt. Das reicht nicht für eine Bewertung, deshalb zählt dieser Bereich nicht zum Gesamtstand und erhält noch keine Empfehlungen."),
    ("results.no_overall_lead", "In jedem Bereich haben Sie bei der Hälfte der Fragen oder mehr „Weiß ich nicht“ gewählt. Finden Sie zuerst heraus, was unter „Jetzt angehen“ steht, und machen Sie den Check dann noch einmal."),
    ("results.radar", "Ihre Werte und Ihr Ziel"),
    ("results.radar_alt", "Netzdiagramm mit zwei Linien: Ihre Punkte je Bereich und das Ziel für Ihre Rolle. Die Tabelle enthält dieselben Werte."),
    ("results.legend_you", "Ihre Werte"),
    ("results.legend_target", "Ziel für Ihre Rolle"),
    ("results.focus", "Ihre Schwerpunkte"),
    ("results.focus_lead", "Für Ihre Rolle „{role}“:"),
    ("results.reason", "Am stärksten bremst: „{question}“, Ihre Antwort „{answer}“."),
    ("results.lift_target", "Für Ihr Ziel von {target} Punkten reicht: {change}."),
    ("results.lift_target_many", "Für Ihr Ziel von {target} Punkten reichen {count} bessere Antworten, etwa {change}."),
    ("results.plan", "Ihr Plan"),
    ("results.dimension_answers", "Ihre Antworten"),
    ("results.unknown", "Bei {count} Frage(n) haben Sie „Weiß ich nicht“ gewählt. Auch das ist ein Befund: Was Sie nicht wissen, können Sie nicht steuern."),
    ("results.kpis", "Kennzahlen, an denen Sie sich messen sollten"),
    ("results.share_hint", "Er enthält Ihre Antworten; gespeichert wird nichts."),
    ("results.share_label", "Link zu Ihrem Ergebnis"),
    ("lead.title", "Über Ihr Ergebnis sprechen"),
    ("lead.lead", "Hinterlassen Sie Ihre Kontaktdaten, dann geht jemand das Ergebnis mit Ihnen durch."),
    ("lead.gate_title", "Ihr Ergebnis ist fertig"),
    ("lead.gate_lead", "Hinterlassen Sie Ihre Kontaktdaten, dann öffnet sich Ihr Ergebnis mit Plan sofort."),
    ("lead.unlock_lead", "Ihren Plan, die Kennzahlen für Ihre Rolle und alle Bereiche im Detail sehen Sie, sobald Sie Ihre Kontaktdaten hinterlassen haben."),
    ("lead.unlock_title", "Ihr vollständiger Plan"),
    ("lead.sent", "Gesendet. Danke, Ihre Angaben sind angekommen."),
    ("lead.queued", "Noch nicht gesendet: Die Verbindung klappt gerade nicht. Ihre Angaben bleiben in diesem Browser und werden automatisch gesendet, sobald Sie wieder online sind oder diese Seite das nächste Mal öffnen."),
    ("lead.failed", "Konnte nicht gesendet werden: Der Empfänger hat die Angaben abgelehnt (Fehler {status}). Ihre Eingaben sind noch da; prüfen Sie sie und versuchen Sie es noch einmal."),
    ("lead.failed_offline", "Konnte nicht gesendet werden: Die Verbindung klappt nicht, und dieser Browser kann die Angaben nicht für später aufbewahren. Ihre Eingaben sind noch da; versuchen Sie es gleich noch einmal."),
    ("lead.error_consent", "Ohne Ihre Einwilligung wird nichts gesendet. Setzen Sie den Haken, wenn Sie einverstanden sind."),
];
