pub mod accounts;
pub mod audit;
pub mod callbacks;
pub mod case;
pub mod inbox;
pub mod not_found;
pub mod sign_in;

use leptos::prelude::*;

use crate::{api::ApiError, i18n::*};

/// A screen's data once loaded: "loading" while it comes, what went wrong if it cannot be
/// shown, else `ready` with it.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, ApiError>>,
    ready: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || resource.get().map(|result| match result {
                Err(error) => view! { <LoadError error/> }.into_any(),
                Ok(value) => ready(value).into_any(),
            })}
        </Suspense>
    }
}

/// What a screen says when its data cannot be shown (a 401 has already gone to sign-in).
#[component]
pub fn LoadError(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match error {
        ApiError::Forbidden => td_string!(i18n.get_locale(), forbidden),
        ApiError::NotFound => td_string!(i18n.get_locale(), not_found_text),
        _ => td_string!(i18n.get_locale(), unreachable),
    };
    view! { <p class="notice" role="alert">{text}</p> }
}
