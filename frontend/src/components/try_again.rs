//! What a screen says when something it needs did not arrive: the notice, then Try again (built
//! in, as the language's texts may be what did not arrive).

use leptos::prelude::*;

use crate::language::use_i18n;

/// `children` say what went wrong (in a notice); the button below runs `retry`.
#[component]
pub fn TryAgain(retry: Callback<()>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {children()}
        <p>
            <button type="button" class="button button-secondary" on:click=move |_| retry.run(())>
                {built_in!(i18n, follow.try_again)}
            </button>
        </p>
    }
}
