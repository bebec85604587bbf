//! The built frontend in `dist/`: precompressed files, cache headers, and `index.html` for every
//! client-side route — for the first screens the build rendered, that screen's page in the
//! reader's language (`dist/pages/`), which paints before the wasm has arrived. The staff workspace is a bundle of its own in `dist/staff/`: `/staff` and
//! every route under it get `dist/staff/index.html`, so residents never load any of it.

use std::{
    collections::HashSet,
    path::{Path, PathBuf},
    sync::Arc,
};

use axum::{
    Router,
    body::Body,
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use velferd_shared::{Language, prerendered};

#[derive(Debug)]
pub struct Site {
    dist_dir: PathBuf,
    content_security_policy: String,
    /// The pre-rendered pages the build wrote, as `prerendered::file` names them.
    prerendered: HashSet<String>,
}

impl Site {
    /// Reads both `index.html`s once to learn the hashes of their inline scripts (Trunk's
    /// loaders), so the one policy can allow exactly those without `unsafe-inline`.
    pub fn load(dist_dir: &Path) -> Site {
        let index = std::fs::read_to_string(dist_dir.join("index.html")).unwrap_or_else(|_| {
            tracing::warn!(dir = %dist_dir.display(), "no index.html: the frontend is not built, only the API is served");
            String::new()
        });
        let staff_index = std::fs::read_to_string(dist_dir.join(STAFF_INDEX)).unwrap_or_else(|_| {
            tracing::warn!(dir = %dist_dir.display(), "no staff/index.html: the staff workspace is not built");
            String::new()
        });
        let mut hashes = inline_script_hashes(&index);
        hashes.extend(inline_script_hashes(&staff_index));
        hashes.dedup();
        let prerendered = Language::ALL
            .into_iter()
            .flat_map(|language| {
                prerendered::addresses()
                    .into_iter()
                    .filter_map(move |address| prerendered::file(language, &address))
            })
            .filter(|file| dist_dir.join(prerendered::FOLDER).join(file).is_file())
            .collect();
        Site {
            dist_dir: dist_dir.to_owned(),
            content_security_policy: content_security_policy(&hashes),
            prerendered,
        }
    }

    pub fn content_security_policy(&self) -> &str {
        &self.content_security_policy
    }
}

fn content_security_policy(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// `sha256-…` sources for every `<script>` without a `src`, hashed exactly as the browser does:
/// over the text between the tags.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let attributes = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !attributes.contains("src=") {
            let digest = Sha256::digest(&body.as_bytes()[..close]);
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &body[close..];
    }
    hashes
}

const STAFF_INDEX: &str = "staff/index.html";

/// What a path of the site is answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    /// A path that names a file (has an extension): that file in `dist/`, or a 404.
    File,
    /// A route of the residents' app: `index.html`.
    Residents,
    /// `/staff` or a route under it: `staff/index.html`.
    Staff,
}

fn page_for(path: &str) -> Page {
    if path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        Page::File
    } else if path == "/staff" || path.starts_with("/staff/") {
        Page::Staff
    } else {
        Page::Residents
    }
}

/// Serves `dist/`: files as they are, and each client-side route the `index.html` of its app.
pub fn service(site: &Site) -> Router {
    let files = ServeDir::new(&site.dist_dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let index = |name: &str| {
        ServeFile::new(site.dist_dir.join(name))
            .precompressed_br()
            .precompressed_gzip()
    };
    let (index, staff_index) = (index("index.html"), index(STAFF_INDEX));
    let pages = site.dist_dir.join(prerendered::FOLDER);
    let prerendered = Arc::new(site.prerendered.clone());
    Router::new()
        .fallback(move |request: Request| {
            let (files, index, staff_index) = (files.clone(), index.clone(), staff_index.clone());
            let (pages, prerendered) = (pages.clone(), prerendered.clone());
            async move {
                let response = match page_for(request.uri().path()) {
                    Page::File => files.oneshot(request).await,
                    Page::Residents => {
                        let page =
                            prerendered::file(reader_language(&request), request.uri().path())
                                .filter(|file| prerendered.contains(file));
                        let mut response = match page {
                            Some(file) => {
                                ServeFile::new(pages.join(file))
                                    .precompressed_br()
                                    .precompressed_gzip()
                                    .oneshot(request)
                                    .await
                            }
                            None => index.oneshot(request).await,
                        };
                        if let Ok(response) = &mut response {
                            response.headers_mut().append(
                                header::VARY,
                                HeaderValue::from_static("accept-encoding, accept-language"),
                            );
                        }
                        response
                    }
                    Page::Staff => staff_index.oneshot(request).await,
                };
                match response {
                    Ok(response) => response.map(Body::new),
                    Err(never) => match never {},
                }
            }
        })
        .layer(middleware::from_fn(cache_headers))
}

/// The language a page is rendered in for this request: the app's own rule (`?lang=` first, then
/// the choice made on this device, then the browser's preference) as far as the server can see
/// it. The app applies its own rule once it runs, so a wrong guess costs a moment, not a screen.
fn reader_language(request: &Request) -> Language {
    let from_address = request
        .uri()
        .query()
        .into_iter()
        .flat_map(|query| query.split('&'))
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Language::from_tag);
    let cookie = format!("{}=", prerendered::LANGUAGE_COOKIE);
    let chosen = || {
        request
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|cookies| cookies.split(';'))
            .find_map(|pair| pair.trim().strip_prefix(cookie.as_str()))
            .and_then(Language::from_tag)
    };
    from_address.or_else(chosen).unwrap_or_else(|| {
        let preferred = request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        Language::negotiate(preferred.split(','))
    })
}

/// Content-hashed assets never change, so browsers may keep them for a year; `index.html` names
/// the current hashes, so it is revalidated on every visit.
async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_content_hashed(request.uri().path());
    let mut response = next.run(request).await;
    if response.status() == StatusCode::NOT_FOUND {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if hashed && !is_html {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// Trunk names the staff assets `name-<16 hex digits>.ext` (or `_bg.wasm` after the hash); the
/// residents' parts live in a folder named `app-<16 hex digits>` (xtask/src/split.rs).
fn is_content_hashed(path: &str) -> bool {
    path.split('/').any(|segment| {
        let stem = segment.split('.').next().unwrap_or_default();
        stem.split(['-', '_']).any(|part| {
            (10..=16).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_asset_names_count_as_content_hashed() {
        assert!(is_content_hashed(
            "/velferd-frontend-3f2a9c1b0d4e5f67_bg.wasm"
        ));
        assert!(is_content_hashed("/velferd-frontend-3f2a9c1b0d4e5f67.js"));
        assert!(is_content_hashed("/styles-0123456789abcdef.css"));
        assert!(is_content_hashed("/app-0123456789abcdef/split_check.wasm"));
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/help/money"));
        assert!(!is_content_hashed("/favicon.ico"));
    }

    #[test]
    fn staff_routes_get_the_staff_index_and_nothing_else_does() {
        assert_eq!(page_for("/staff"), Page::Staff);
        assert_eq!(page_for("/staff/"), Page::Staff);
        assert_eq!(page_for("/staff/cases/VEL-2026-0001"), Page::Staff);
        assert_eq!(
            page_for("/staff/velferd-staff-0123456789abcdef.js"),
            Page::File
        );
        assert_eq!(page_for("/staffroom"), Page::Residents);
        assert_eq!(page_for("/"), Page::Residents);
        assert_eq!(page_for("/status/abc"), Page::Residents);
        assert_eq!(page_for("/style-f58559e7887e16f9.css"), Page::File);
    }

    #[test]
    fn the_address_chooses_the_language_before_the_browsers_preference() {
        let request = |uri: &str, accept: &str| {
            Request::builder()
                .uri(uri)
                .header(header::ACCEPT_LANGUAGE, accept)
                .body(Body::empty())
                .unwrap()
        };
        assert_eq!(
            reader_language(&request("/help/money?lang=ar", "pl-PL,pl;q=0.9")),
            Language::Ar
        );
        assert_eq!(
            reader_language(&request("/help/money", "de-DE,pl;q=0.8")),
            Language::Pl
        );
        assert_eq!(reader_language(&request("/?lang=xx", "fr")), Language::Is);
        // The choice made on the device comes between the two.
        let mut chosen = request("/help/money", "pl");
        chosen.headers_mut().insert(
            header::COOKIE,
            HeaderValue::from_static("other=1; velferd-language=uk"),
        );
        assert_eq!(reader_language(&chosen), Language::Uk);
    }

    #[test]
    fn only_inline_scripts_are_hashed_and_the_hash_is_the_browsers() {
        let html = r#"<script src="/a.js"></script><script type="module">alert(1)</script>"#;
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            inline_script_hashes(html),
            vec!["sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=".to_owned()]
        );
    }

    #[test]
    fn the_policy_allows_wasm_and_the_loader_but_no_inline_code() {
        let csp = content_security_policy(&["sha256-abc".into()]);
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("'sha256-abc'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        // The offline service worker (dist/sw.js) and the web app manifests, from the site only.
        assert!(csp.contains("worker-src 'self'"));
        assert!(csp.contains("manifest-src 'self'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
    }
}
