//! The residents' app in parts. The first part (the frame every screen shares and the home
//! page) is what every resident downloads; each screen below lives in a part of its own group,
//! cut into its own wasm file by `wasm-split-cli` (see `xtask/src/split.rs`) and fetched the
//! first time a resident goes there.

use std::{future::Future, pin::Pin};

use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

use crate::{
    components::{focus::focus_late_heading, phone::WithPhoneLinks, try_again::TryAgain},
    i18n::*,
    screens,
};

/// A screen that lives in a part: a plain function pointer, so it can cross the split.
pub type Screen = fn() -> AnyView;

#[derive(Clone, Copy, Debug, thiserror::Error)]
#[error("a part of the app could not be fetched")]
pub struct PartMissing;

impl From<SplitLoaderError> for PartMissing {
    fn from(_: SplitLoaderError) -> Self {
        PartMissing
    }
}

/// Fetching a screen's part. One boxed type for every screen, so the resource, the view and the
/// route table that show a part are compiled once, not once per screen (15 copies cost 31 KB of
/// raw wasm in the first part).
pub type Part = fn() -> PartLoading;

/// A part on its way: the one future type every screen's split function is boxed into.
pub type PartLoading = Pin<Box<dyn Future<Output = Result<Screen, PartMissing>>>>;

/// One split function per screen; the screens of one group share a wasm file.
macro_rules! parts {
    ($($part:ident: $($name:ident => $screen:path),+;)+) => {
        mod split {
            use super::*;
            $($(
                #[wasm_split($part, fallible, wasm_split_path = ::leptos::wasm_split)]
                pub fn $name() -> Result<Screen, PartMissing> {
                    Ok(|| $screen().into_any())
                }
            )+)+
        }
        $($(
            pub fn $name() -> PartLoading {
                Box::pin(split::$name())
            }
        )+)+
    };
}

parts! {
    help: area => screens::area::AreaPage,
        accessibility => screens::accessibility::AccessibilityStatement;
    check: check_start => screens::check_start::CheckStart,
        question => screens::question::QuestionPage,
        check_answers => screens::check_answers::CheckAnswers,
        results => screens::results::Results,
        service_list => screens::service_list::ServiceList;
    apply: apply_start => screens::apply_start::ApplyStart,
        apply_step => screens::apply_step::ApplyStepPage,
        receipt => screens::receipt::Receipt;
    follow: status => screens::status::StatusPage;
    partner: partner_start => screens::partner::PartnerStart,
        partner_step => screens::partner::PartnerStepPage;
    callback: callback => screens::callback::CallbackPage,
        callback_sent => screens::callback::CallbackSent;
}

/// Shows the screen once its part is here. If the part cannot be fetched (offline before it was
/// ever needed, or a new version deployed meanwhile), says so in the resident's language with the
/// Online Center's number and a Try again, instead of a blank page.
pub fn lazy(load: Part) -> impl IntoView {
    let i18n = use_i18n();
    let part = LocalResource::new(load);
    let message = Signal::derive(move || tr!(i18n, offline.part_missing)().to_owned());
    move || match part.get() {
        None => ().into_any(),
        Some(Ok(screen)) => {
            focus_late_heading();
            screen()
        }
        Some(Err(PartMissing)) => view! {
            <TryAgain retry=Callback::new(move |()| part.refetch())>
                <div class="notice" role="alert">
                    <p><WithPhoneLinks text=message/></p>
                </div>
            </TryAgain>
        }
        .into_any(),
    }
}
