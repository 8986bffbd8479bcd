//! The chunk that validates a partner's own questionnaire.

use maturity_check_engine::json::Json;
use maturity_check_engine::{Checked, Problem};

use crate::lazy::{lazy, ChunkError};

lazy!(
    custom,
    fn load_questionnaire_chunk(
        input: QuestionnaireInput,
        formal: bool,
    ) -> Result<Checked, Vec<Problem>> {
        use maturity_check_engine::config::{load_inline_questionnaire, load_questionnaire};
        // A partner's questionnaire comes without a core file, which would bring the first view's
        // strings in the visitor's language: they come with this chunk, in every language.
        crate::i18n::load_first_view();
        let loaded = match input {
            QuestionnaireInput::Text(text) => load_questionnaire(&text),
            // Printed here, in the chunk, so the first view needs no JSON writer.
            QuestionnaireInput::Inline(value) => load_inline_questionnaire(&value),
        };
        if let Some(w) = loaded.as_ref().ok().and_then(|q| q.length_warning()) {
            crate::browser::warn(&format!("questionnaire $.questions: {w}"));
        }
        // `formality: "formal"`: each text in its formal form (`de-formal`) where it has one.
        loaded.map(|q| if formal { q.formal() } else { q })
    }
);

/// A partner's own questionnaire, as the config brings it.
pub enum QuestionnaireInput {
    /// Fetched from its URL.
    Text(String),
    /// Given inline in the config.
    Inline(Json),
}

/// Validates a partner's own questionnaire (given inline or fetched from its URL), its texts in
/// their formal form if `formal`.
pub async fn load_questionnaire(
    input: QuestionnaireInput,
    formal: bool,
) -> Result<Result<Checked, Vec<Problem>>, ChunkError> {
    load_questionnaire_chunk(input, formal).await
}
