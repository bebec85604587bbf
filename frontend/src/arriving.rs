//! A value a future brings, for a view to show once it has come: what Leptos's `LocalResource`
//! does for this app, without its machinery for suspense and transitions (async derived
//! signals, an async lock, event listeners), which no screen here uses and which every resident
//! downloaded with the first part.

use std::future::Future;

use leptos::prelude::*;

/// Nothing until the future that `fetch` made has finished, then what it brought. `fetch` runs
/// again when a signal it read changes (as a resource's fetcher does) or on `again`; until the
/// new value comes, the last one stays, and a value that comes after a newer run began is
/// dropped.
pub struct Arriving<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    runs: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Arriving<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Arriving<T> {}

impl<T: Clone + Send + Sync + 'static> Arriving<T> {
    pub fn new<F>(fetch: impl Fn() -> F + 'static) -> Self
    where
        F: Future<Output = T> + 'static,
    {
        let value = RwSignal::new(None);
        let runs = RwSignal::new(0u32);
        let latest = StoredValue::new(0u32);
        Effect::new(move |_| {
            runs.track();
            let run = latest.get_value() + 1;
            latest.set_value(run);
            let future = fetch();
            leptos::task::spawn_local(async move {
                let arrived = future.await;
                // The screen may be gone, or a newer run under way.
                if latest.try_get_value() == Some(run) {
                    value.try_set(Some(arrived));
                }
            });
        });
        Arriving { value, runs }
    }

    pub fn get(&self) -> Option<T> {
        self.value.get()
    }

    /// Runs `fetch` again (Try again).
    pub fn again(&self) {
        self.runs.update(|runs| *runs += 1);
    }
}
