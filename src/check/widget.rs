//! [`Widget`]: what the screens of one widget instance work with.

use leptos::prelude::*;

use super::env::Env;
use super::state::Check;
use crate::lead::Lead;

/// What the screens of one widget instance work with. The first view's screens take it as props;
/// the screens that come from chunks get it as context ([`Widget::provide`]), so that the first
/// view carries none of Leptos' context lookup.
#[derive(Clone)]
pub struct Widget {
    pub env: Env,
    pub check: Check,
    /// The lead state, made when a chunk first asks for it ([`Widget::lead`]): nothing in the
    /// first view needs it, so its signals, memos and storage reading are chunk code.
    lead: StoredValue<Option<Lead>>,
    /// The widget's root owner: the lead state is made under it, so it lives (and keeps what was
    /// typed) as long as the widget, whichever screen made it.
    owner: Owner,
}

impl Widget {
    /// Made by the widget's root component, under its owner.
    pub fn new(env: Env, check: Check) -> Self {
        Widget {
            env,
            check,
            lead: StoredValue::new(None),
            owner: Owner::current().unwrap_or_default(),
        }
    }

    /// The lead state, made on first use.
    pub fn lead(&self) -> Lead {
        if let Some(Some(lead)) = self.lead.try_get_value() {
            return lead;
        }
        let lead = self.owner.with(|| Lead::new(&self.env, self.check));
        self.lead.try_set_value(Some(lead));
        lead
    }

    /// The same widget with other surroundings (the questionnaire with its advice).
    pub fn with_env(self, env: Env) -> Widget {
        Widget { env, ..self }
    }

    /// Provides the parts as context to the current owner: called by the code of the chunks.
    pub fn provide(self) {
        provide_context(self.lead());
        provide_context(self.env);
        provide_context(self.check);
    }
}
