//! Files waiting on the device to be sent: a prepared document photo, kept in IndexedDB
//! (localStorage holds only text) under its application's status token until the server has it,
//! so a lost signal, a closed tab or a restarted phone loses nothing. Nothing here leaves the
//! device except through `api::upload_document`.

use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const DATABASE: &str = "velferd";
const UPLOADS: &str = "uploads";

/// Settles when `request` succeeds (`Some`) or fails (`None`).
async fn succeeded(request: &IdbRequest) -> Option<()> {
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(done).await.ok().map(drop)
}

/// Settles when a write is on disk, not only queued in the transaction.
async fn committed(transaction: &IdbTransaction) -> Option<()> {
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    JsFuture::from(done).await.ok().map(drop)
}

async fn open() -> Option<IdbDatabase> {
    let factory = window().indexed_db().ok()??;
    let request = factory.open_with_u32(DATABASE, 1).ok()?;
    let create = Closure::once_into_js(move |event: web_sys::Event| {
        let database = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        if let Some(database) = database {
            let _ = database.create_object_store(UPLOADS);
        }
    });
    request.set_onupgradeneeded(Some(create.unchecked_ref()));
    succeeded(&request).await?;
    request.result().ok()?.dyn_into().ok()
}

/// Runs `work` on the uploads store and closes the database after (an open connection would
/// block `forget_all`).
async fn with_uploads<T>(
    mode: IdbTransactionMode,
    work: impl AsyncFnOnce(&IdbObjectStore, &IdbTransaction) -> Option<T>,
) -> Option<T> {
    let database = open().await?;
    let result = async {
        let transaction = database.transaction_with_str_and_mode(UPLOADS, mode).ok()?;
        let store = transaction.object_store(UPLOADS).ok()?;
        work(&store, &transaction).await
    }
    .await;
    database.close();
    result
}

/// Keeps `file` for the application behind `token`, replacing one kept before. `false` when the
/// browser refused (private mode, no space): the resident is told it was not kept.
pub async fn keep(token: &str, file: &web_sys::Blob) -> bool {
    with_uploads(IdbTransactionMode::Readwrite, async |store, transaction| {
        store.put_with_key(file, &JsValue::from_str(token)).ok()?;
        committed(transaction).await
    })
    .await
    .is_some()
}

pub async fn kept(token: &str) -> Option<web_sys::Blob> {
    with_uploads(IdbTransactionMode::Readonly, async |store, _| {
        let request = store.get(&JsValue::from_str(token)).ok()?;
        succeeded(&request).await?;
        request.result().ok()?.dyn_into().ok()
    })
    .await
}

pub async fn forget(token: &str) {
    with_uploads(IdbTransactionMode::Readwrite, async |store, transaction| {
        store.delete(&JsValue::from_str(token)).ok()?;
        committed(transaction).await
    })
    .await;
}

/// Every kept file, for "clear my information".
pub async fn forget_all() {
    if let Some(factory) = window().indexed_db().ok().flatten()
        && let Ok(request) = factory.delete_database(DATABASE)
    {
        succeeded(&request).await;
    }
}
