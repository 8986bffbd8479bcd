//! German addressing the reader as "Sie" (`formality: "formal"`): only the strings whose text
//! differs from [`super::de`]; every other key reads the German one. Every string of `de` that
//! addresses the reader must be here (a test looks for the informal words).

/// The strings the core file carries.
pub const WITH_CORE: &[(&str, &str)] = &[
    ("intro.lead", "Wo steht Ihr Kundenservice – und was bringt ihn als Nächstes voran? Beantworten Sie {count} kurze Fragen zu sechs Bereichen und erhalten Sie sofort Ihre Einordnung und einen konkreten Plan."),
    ("intro.privacy", "Ihre Antworten bleiben in Ihrem Browser. Es wird nichts gesendet, solange Sie sich nicht selbst dafür entscheiden."),
    ("step.context", "Zu Ihrem Unternehmen"),
];
