//! The app without a signal: the service worker that keeps it on the device (`frontend/sw.js`),
//! whether the browser thinks it is online, and moving to a new version only between screens.

use crate::router::use_location;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;

use crate::language::language_of;
use crate::language::use_i18n;

/// What the browser says about the connection. A server that is down while the phone has a
/// signal shows up only as failed requests, which each screen handles itself.
#[derive(Clone, Copy)]
pub struct Connection {
    pub online: RwSignal<bool>,
}

impl Connection {
    pub fn provide() {
        let online = RwSignal::new(window().navigator().on_line());
        let _ = window_event_listener(leptos::ev::online, move |_| online.set(true));
        let _ = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        provide_context(Connection { online });
    }

    pub fn get() -> Connection {
        expect_context::<Connection>()
    }
}

/// Where the new version of the app is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Update {
    None,
    /// Installed and waiting: used from the next screen the resident opens.
    Ready,
    /// Asked to take over; the page reloads when it has.
    Applying,
}

fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = window().navigator();
    // Absent outside a secure context (plain http on another host than localhost).
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the service worker, tells the resident when a new version is ready, and moves to it
/// at the next navigation between screens — never while a form is being filled in, since every
/// step is its own screen and its answers are saved before it is left.
#[component]
pub fn OfflineApp() -> impl IntoView {
    let i18n = use_i18n();
    let update = RwSignal::new(Update::None);
    let registration = StoredValue::new_local(None::<web_sys::ServiceWorkerRegistration>);

    Effect::new(move |_| {
        let Some(container) = service_workers() else {
            return;
        };
        let on_controller_change = Closure::<dyn FnMut()>::new(move || {
            // The first worker also takes over (it claims the page); only a switch we asked for
            // reloads, so the page's code and the cached files are of the same version.
            if update.get_untracked() == Update::Applying {
                let _ = window().location().reload();
            } else {
                keep_parts_fetched_before();
            }
        });
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        on_controller_change.forget();
        leptos::task::spawn_local(async move {
            let Ok(found) = JsFuture::from(container.register("/sw.js")).await else {
                return;
            };
            let Ok(found) = found.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
                return;
            };
            watch_for_updates(&found, update);
            registration.set_value(Some(found));
        });
    });

    // The manifest in the resident's language, for "add to home screen".
    Effect::new(move |_| {
        let code = language_of(i18n.get_locale()).code();
        if let Ok(Some(link)) = document().query_selector("link[rel=manifest]") {
            let _ = link.set_attribute("href", &format!("/manifest/{code}.webmanifest"));
        }
    });

    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            registration.with_value(|r| {
                if let Some(registration) = r {
                    at_navigation(registration, update);
                }
            });
        }
        path
    });

    let apply_now = move |_| {
        registration.with_value(|r| {
            if let Some(registration) = r {
                apply(registration, update);
            }
        });
    };
    view! {
        // The live region is there from the start, so the notice is announced when it appears.
        <div role="status">
            <Show when=move || update.get() == Update::Ready>
                <div class="update-notice">
                    <p>{tr!(i18n, offline.update_ready)}</p>
                    <button type="button" class="button button-secondary" on:click=apply_now>
                        {tr!(i18n, offline.update_now)}
                    </button>
                </div>
            </Show>
        </div>
    }
}

/// The parts of the app this page fetched before the first worker took it over did not go
/// through the worker; ask it to keep them too (from the HTTP cache), so that a screen opened
/// once with a signal opens again without one.
fn keep_parts_fetched_before() {
    let (Some(worker), Some(performance)) = (
        service_workers().and_then(|c| c.controller()),
        window().performance(),
    ) else {
        return;
    };
    let parts = js_sys::Array::new();
    for entry in performance.get_entries_by_type("resource").iter() {
        let name = js_sys::Reflect::get(&entry, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name.ends_with(".wasm") {
            parts.push(&JsValue::from_str(&name));
        }
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str("keep"), &parts);
    let _ = worker.post_message(&message);
}

/// A resident moved to another screen: a waiting version takes over now; otherwise ask the
/// server whether there is one (the browser itself asks only at full page loads, which a
/// single-page app rarely makes).
fn at_navigation(registration: &web_sys::ServiceWorkerRegistration, update: RwSignal<Update>) {
    if update.get_untracked() == Update::Ready {
        apply(registration, update);
    } else if let Ok(promise) = registration.update() {
        let registration = registration.clone();
        leptos::task::spawn_local(async move {
            // Offline, or the server down: asked again at the next navigation.
            let _ = JsFuture::from(promise).await;
            watch_installing(&registration, update);
        });
    }
}

fn apply(registration: &web_sys::ServiceWorkerRegistration, update: RwSignal<Update>) {
    if let Some(waiting) = registration.waiting() {
        update.set(Update::Applying);
        let _ = waiting.post_message(&JsValue::from_str("apply-update"));
    }
}

/// Marks `update` ready when a new worker has installed next to the one in control (a first
/// worker, with none in control, is simply the app going offline-capable).
fn watch_for_updates(registration: &web_sys::ServiceWorkerRegistration, update: RwSignal<Update>) {
    watch_installing(registration, update);
    let watched = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        watch_installing(&watched, update);
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

fn has_controller() -> bool {
    service_workers().and_then(|c| c.controller()).is_some()
}

/// Follows the worker installing now, if any, until it waits beside the one in control.
fn watch_installing(registration: &web_sys::ServiceWorkerRegistration, update: RwSignal<Update>) {
    if registration.waiting().is_some() && has_controller() {
        if update.get_untracked() == Update::None {
            update.set(Update::Ready);
        }
        return;
    }
    let Some(installing) = registration.installing() else {
        return;
    };
    let worker = installing.clone();
    let on_state_change = Closure::<dyn FnMut()>::new(move || {
        if worker.state() == web_sys::ServiceWorkerState::Installed
            && has_controller()
            && update.get_untracked() == Update::None
        {
            update.set(Update::Ready);
        }
    });
    installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
    on_state_change.forget();
}

/// Empties every cache the service worker filled (the app itself comes back from the network at
/// the next visit), for "clear my information".
pub async fn clear_caches() {
    let Ok(caches) = window().caches() else {
        return;
    };
    let Ok(names) = JsFuture::from(caches.keys()).await else {
        return;
    };
    for name in js_sys::Array::from(&names).iter() {
        if let Some(name) = name.as_string() {
            let _ = JsFuture::from(caches.delete(&name)).await;
        }
    }
}
