//! Which form a page of questions belongs to: a resident's application for a service, or a
//! partner's own part behind their private link. The step pages and their check are the same
//! for both; only where the draft is kept and where the pages live differ.

use std::sync::Arc;

use leptos::prelude::*;

use velferd_shared::{
    ServiceId,
    api::FieldError,
    application::{ApplicationDraft, Field, Form, Step},
};

use super::{Applications, check_path, partner::Partners, start_path, step_path};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flow {
    Application(ServiceId),
    /// The partner's link token.
    Partner(Arc<str>),
}

impl Flow {
    pub fn form(&self) -> Form {
        match self {
            Flow::Application(service) => Form::Application(*service),
            Flow::Partner(_) => Form::PartnerPart,
        }
    }

    pub fn service(&self) -> ServiceId {
        match self {
            Flow::Application(service) => *service,
            Flow::Partner(_) => ServiceId::FinancialAssistance,
        }
    }

    pub fn draft(&self) -> ApplicationDraft {
        match self {
            Flow::Application(service) => Applications::get().draft(*service),
            Flow::Partner(token) => Partners::get().draft(token),
        }
    }

    pub fn save(&self, draft: ApplicationDraft) {
        match self {
            Flow::Application(service) => Applications::get().save(*service, draft),
            Flow::Partner(token) => Partners::get().save(token, draft),
        }
    }

    pub fn start_path(&self) -> String {
        match self {
            Flow::Application(service) => start_path(*service),
            Flow::Partner(token) => super::partner::start_path(token),
        }
    }

    pub fn step_path(&self, step: Step) -> String {
        match self {
            Flow::Application(service) => step_path(*service, step),
            Flow::Partner(token) => format!("/partner/{token}/{}", step.slug()),
        }
    }

    pub fn check_path(&self) -> String {
        match self {
            Flow::Application(service) => check_path(*service),
            Flow::Partner(token) => format!("/partner/{token}/check"),
        }
    }

    /// Where the form continues: the first page not answered yet, or the check page.
    pub fn next_path(&self) -> String {
        match self.form().next_step(&self.draft()) {
            Some(step) => self.step_path(step),
            None => self.check_path(),
        }
    }

    /// The page before `step`, for the Back link.
    pub fn previous_path(&self, step: Step, draft: &ApplicationDraft) -> String {
        self.form()
            .steps(draft)
            .into_iter()
            .take_while(|s| *s != step)
            .last()
            .map(|s| self.step_path(s))
            .unwrap_or_else(|| self.start_path())
    }

    /// What the API refused in the last submission of this form (not tracked).
    pub fn refused(&self) -> Vec<FieldError> {
        match self {
            Flow::Application(service) => Applications::get().refused.with_untracked(|r| match r {
                Some((s, errors)) if s == service => errors.clone(),
                _ => Vec::new(),
            }),
            Flow::Partner(token) => Partners::get().refused.with_untracked(|r| match r {
                Some((t, errors)) if t.as_str() == &**token => errors.clone(),
                _ => Vec::new(),
            }),
        }
    }

    /// Corrected on their page: the API's objections to `fields` no longer stand.
    pub fn forgive(&self, fields: &[Field]) {
        let keep = |errors: &mut Vec<FieldError>| {
            errors.retain(|e| Field::from_pointer(&e.pointer).is_none_or(|f| !fields.contains(&f)))
        };
        match self {
            Flow::Application(_) => Applications::get().refused.update(|r| {
                if let Some((_, errors)) = r {
                    keep(errors)
                }
            }),
            Flow::Partner(_) => Partners::get().refused.update(|r| {
                if let Some((_, errors)) = r {
                    keep(errors)
                }
            }),
        }
    }
}
