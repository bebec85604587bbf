//! Sending a document: a photo (taken now or chosen) or a PDF. Photos are made smaller and
//! re-encoded as JPEG on the phone first — a 12-megapixel photo becomes a few hundred KB — and a
//! failed upload can be tried again without choosing the file again.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;

use std::time::Duration;

use crate::language::use_i18n;
use crate::{
    api::{self, UploadError, Uploaded},
    device_files,
    offline::Connection,
};

/// No side of a photo is longer than this after downscaling.
const LONGEST_SIDE: f64 = 2000.0;
const JPEG_QUALITY: f64 = 0.85;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Upload {
    Idle,
    NoFile,
    Preparing,
    Sending(f64),
    /// No connection: the prepared file is kept on the device and sent when there is one.
    Waiting,
    /// `true` when the server already had this very file.
    Sent {
        already: bool,
    },
    Failed(UploadError),
}

/// How often a waiting file is tried again while the page is open (the `online` event covers a
/// phone coming back into coverage; this covers a server that was down).
const RETRY: Duration = Duration::from_secs(10);

#[component]
pub fn DocumentUpload(
    token: String,
    /// Called when a document has arrived, to show it on the timeline.
    on_sent: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let connection = Connection::get();
    let state = RwSignal::new(Upload::Idle);
    let input = NodeRef::<leptos::html::Input>::new();
    // The prepared file, kept for "try again" (and on the device while it waits).
    let prepared = StoredValue::new_local(None::<web_sys::Blob>);
    let token = StoredValue::new(token);
    let on_sent = StoredValue::new(on_sent);

    let deliver = move |blob: web_sys::Blob| {
        leptos::task::spawn_local(async move {
            // Refused here rather than after 10 MB of someone's mobile data.
            if blob.size() > velferd_shared::follow::MAX_DOCUMENT_BYTES as f64 {
                prepared.set_value(None);
                state.set(Upload::Failed(UploadError::TooLarge));
                return;
            }
            state.set(Upload::Sending(0.0));
            let progress = move |done: f64| state.set(Upload::Sending(done));
            let token = token.get_value();
            match api::upload_document(&token, &blob, progress).await {
                Ok(uploaded) => {
                    device_files::forget(&token).await;
                    prepared.set_value(None);
                    if let Some(input) = input.get_untracked() {
                        input.set_value("");
                    }
                    state.set(Upload::Sent {
                        already: matches!(uploaded, Uploaded::AlreadyReceived(_)),
                    });
                    on_sent.with_value(|f| f());
                }
                Err(UploadError::Unreachable) => {
                    state.set(if device_files::keep(&token, &blob).await {
                        Upload::Waiting
                    } else {
                        Upload::Failed(UploadError::Unreachable)
                    });
                }
                Err(error) => {
                    // Sending the same file again cannot help these: choose another.
                    if matches!(
                        error,
                        UploadError::TooLarge | UploadError::WrongType | UploadError::LimitReached
                    ) {
                        prepared.set_value(None);
                        device_files::forget(&token).await;
                    }
                    state.set(Upload::Failed(error));
                }
            }
        });
    };
    let retry = move || {
        if state.try_get_untracked() == Some(Upload::Waiting)
            && let Some(blob) = prepared.try_get_value().flatten()
        {
            deliver(blob);
        }
    };
    // A file left waiting by an earlier visit (the tab was closed, the phone restarted).
    leptos::task::spawn_local(async move {
        if let Some(blob) = device_files::kept(&token.get_value()).await
            && prepared.with_value(Option::is_none)
        {
            prepared.set_value(Some(blob));
            state.set(Upload::Waiting);
            retry();
        }
    });
    let back_online = window_event_listener(leptos::ev::online, move |_| retry());
    let timer = set_interval_with_handle(retry, RETRY).ok();
    on_cleanup(move || {
        back_online.remove();
        if let Some(timer) = timer {
            timer.clear();
        }
    });

    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(
            state.get_untracked(),
            Upload::Preparing | Upload::Sending(_)
        ) {
            return;
        }
        let file = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|files| files.get(0));
        leptos::task::spawn_local(async move {
            let blob = match (prepared.get_value(), file) {
                (Some(blob), _) => blob,
                (None, Some(file)) => {
                    state.set(Upload::Preparing);
                    let blob = prepare(&file).await;
                    prepared.set_value(Some(blob.clone()));
                    blob
                }
                (None, None) => {
                    state.set(Upload::NoFile);
                    return;
                }
            };
            deliver(blob);
        });
    };
    // A new choice replaces the one prepared (and one waiting on the device).
    let chosen = move |_| {
        prepared.set_value(None);
        state.set(Upload::Idle);
        leptos::task::spawn_local(async move { device_files::forget(&token.get_value()).await });
    };
    let message = move || {
        let locale = i18n.get_locale();
        match state.get() {
            Upload::Idle => None,
            Upload::NoFile => Some(td_text!(locale, follow.upload_choose_first)),
            Upload::Preparing | Upload::Sending(_) => Some(td_text!(locale, follow.uploading)),
            Upload::Waiting => Some(td_text!(locale, offline.upload_waiting)),
            Upload::Sent { already: false } => Some(td_text!(locale, follow.uploaded)),
            Upload::Sent { already: true } => {
                Some(td_text!(locale, follow.upload_already_received))
            }
            Upload::Failed(UploadError::TooLarge) => {
                Some(td_text!(locale, follow.upload_too_large))
            }
            Upload::Failed(UploadError::WrongType) => {
                Some(td_text!(locale, follow.upload_wrong_type))
            }
            Upload::Failed(UploadError::LimitReached) => {
                Some(td_text!(locale, follow.upload_limit_reached))
            }
            Upload::Failed(UploadError::Failed | UploadError::Unreachable) => {
                Some(td_text!(locale, follow.upload_failed))
            }
        }
    };
    let failed = move || matches!(state.get(), Upload::Failed(_) | Upload::NoFile);
    view! {
        <section class="upload" aria-labelledby="upload-title">
            <h2 id="upload-title">{tr!(i18n, follow.upload_title)}</h2>
            <p class="hint" id="document-hint">{tr!(i18n, follow.upload_intro)}</p>
            <Show when=move || !connection.online.get() && state.get() != Upload::Waiting>
                <p class="notice offline-notice">{tr!(i18n, offline.upload_offline)}</p>
            </Show>
            <form novalidate on:submit=send>
                <label class="field-label" for="document">{tr!(i18n, follow.upload_label)}</label>
                <input
                    type="file"
                    id="document"
                    name="document"
                    accept="image/jpeg,image/png,application/pdf"
                    aria-describedby="document-hint"
                    node_ref=input
                    on:change=chosen
                />
                <Show when=move || matches!(state.get(), Upload::Sending(_))>
                    <progress
                        max="100"
                        value=move || match state.get() { Upload::Sending(done) => (done * 100.0).round().to_string(), _ => "0".into() }
                        aria-label=move || td_text!(i18n.get_locale(), follow.uploading)
                    ></progress>
                </Show>
                <p class="upload-status" class:field-error=failed role="status">{message}</p>
                <button type="submit" class="button">
                    {move || if (failed() || state.get() == Upload::Waiting) && prepared.with_value(Option::is_some) {
                        td_text!(i18n.get_locale(), follow.try_again)
                    } else {
                        td_text!(i18n.get_locale(), follow.upload_button)
                    }}
                </button>
            </form>
        </section>
    }
}

/// A photo downscaled and re-encoded as JPEG; a PDF (or a photo the browser cannot decode) as
/// it is — the server decides by its bytes either way.
async fn prepare(file: &web_sys::File) -> web_sys::Blob {
    let is_photo = matches!(file.type_().as_str(), "image/jpeg" | "image/png");
    if is_photo && let Some(blob) = downscaled(file).await {
        return blob;
    }
    file.clone().into()
}

async fn downscaled(file: &web_sys::File) -> Option<web_sys::Blob> {
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window().create_image_bitmap_with_blob(file).ok()?)
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    let (width, height) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let scale = (LONGEST_SIDE / width.max(height)).min(1.0);
    let (width, height) = ((width * scale).round(), (height * scale).round());
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width as u32);
    canvas.set_height(height as u32);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, width, height)
        .ok()?;
    let encoded = js_sys::Promise::new(&mut |resolve, _| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(
            done.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(JPEG_QUALITY),
        );
    });
    JsFuture::from(encoded).await.ok()?.dyn_into().ok()
}
