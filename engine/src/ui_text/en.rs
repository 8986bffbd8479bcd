//! English.

/// The strings the core file carries.
pub const WITH_CORE: &[(&str, &str)] = &[
    ("intro.eyebrow", "Service maturity check"),
    ("intro.lead", "Where does your customer service stand, and what would move it forward next? Answer {count} short questions across six areas and get your stage and a concrete plan right away."),
    ("intro.duration", "Takes about {minutes} minutes"),
    ("intro.duration_one", "Takes about a minute"),
    ("intro.questions", "{count} questions"),
    ("intro.outcome", "Result with a plan: now, in 6-12 months, leave out on purpose"),
    ("intro.privacy", "Your answers stay in your browser. Nothing is sent anywhere unless you decide to send it."),
    ("intro.privacy_link", "Privacy policy"),
    ("intro.start", "Start the check"),
    ("step.counter", "Question {current} of {total}"),
    ("step.progress", "Progress"),
    ("step.context", "About your company"),
    ("step.back", "Back"),
    ("step.next", "Next"),
    ("step.explain", "What does this mean?"),
    ("step.keys", "Arrow keys move, Space or Enter picks, number keys pick directly."),
    ("brand.powered_by", "Made with maturity-check"),
];
