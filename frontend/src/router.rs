//! The residents' app's own router: the address as a signal, the screen it names, links and
//! Back handled without a page load. leptos_router did this with nested routes, transitions and
//! a route tuple compiled for every screen, about 50 KB of raw wasm in the first part that every
//! resident downloads (#12); the residents' screens need a flat table and five hooks.
//! The staff workspace keeps leptos_router: its bundle is not on a resident's first load.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A screen's address pattern: literal segments and `:name` for a segment the screen reads
/// with [`use_params_map`]. Its view is built again only when another pattern matches.
pub type Route = (&'static str, fn() -> AnyView);

/// Where the browser is: the parts of its address the screens read.
#[derive(Clone, Debug, Default, PartialEq)]
struct Address {
    path: String,
    /// With its `?`, or empty.
    search: String,
    /// With its `#`, or empty.
    hash: String,
}

impl Address {
    fn of_window() -> Address {
        let location = window().location();
        Address {
            path: location.pathname().unwrap_or_else(|_| "/".into()),
            search: location.search().unwrap_or_default(),
            hash: location.hash().unwrap_or_default(),
        }
    }

    fn of_url(url: &web_sys::Url) -> Address {
        Address {
            path: url.pathname(),
            search: url.search(),
            hash: url.hash(),
        }
    }

    fn full(&self) -> String {
        format!("{}{}{}", self.path, self.search, self.hash)
    }
}

/// The current address, given to everything under [`Router`].
#[derive(Clone, Copy)]
struct Current(RwSignal<Address>);

fn current() -> RwSignal<Address> {
    expect_context::<Current>().0
}

/// What a screen reads of the address.
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
    pub hash: Memo<String>,
}

pub fn use_location() -> Location {
    let address = current();
    Location {
        pathname: Memo::new(move |_| address.with(|a| a.path.clone())),
        hash: Memo::new(move |_| address.with(|a| a.hash.clone())),
    }
}

/// The address's query (`?services=a,b&topic=x`), read through the browser's own parser.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query(String);

impl Query {
    fn parsed(&self) -> Option<web_sys::UrlSearchParams> {
        web_sys::UrlSearchParams::new_with_str(&self.0).ok()
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.parsed()?.get(key)
    }

    /// The value of `key`, and the query without it (`?…`, or empty when nothing is left).
    pub fn without(&self, key: &str) -> (Option<String>, String) {
        let Some(params) = self.parsed() else {
            return (None, self.0.clone());
        };
        let value = params.get(key);
        params.delete(key);
        let rest = String::from(params.to_string());
        (
            value,
            if rest.is_empty() {
                rest
            } else {
                format!("?{rest}")
            },
        )
    }
}

pub fn use_query_map() -> Memo<Query> {
    let address = current();
    Memo::new(move |_| address.with(|a| Query(a.search.clone())))
}

/// The `:name` segments of the matched pattern, decoded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    }
}

#[derive(Clone, Copy)]
struct Matched(Memo<Params>);

pub fn use_params_map() -> Memo<Params> {
    expect_context::<Matched>().0
}

/// The pattern that matches `path` (its index), with its parameters.
fn matching(routes: &[Route], path: &str) -> Option<(usize, Params)> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    routes.iter().enumerate().find_map(|(index, (pattern, _))| {
        let parts: Vec<&'static str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
        if parts.len() != segments.len() {
            return None;
        }
        let mut params = Vec::new();
        for (part, segment) in parts.into_iter().zip(&segments) {
            match part.strip_prefix(':') {
                Some(name) => params.push((name, decoded(segment))),
                None if part == *segment => {}
                None => return None,
            }
        }
        Some((index, Params(params)))
    })
}

fn decoded(segment: &str) -> String {
    if !segment.contains('%') {
        return segment.to_owned();
    }
    js_sys::decode_uri_component(segment)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| segment.to_owned())
}

#[derive(Clone, Copy, Debug)]
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one (Back skips it).
    pub replace: bool,
    /// Scroll to the top (or to the address's `#fragment`) once there.
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions {
            replace: false,
            scroll: true,
        }
    }
}

/// Goes to `to` (a path, with query and fragment if any) without a page load; another origin is
/// a page load.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Copy {
    let address = current();
    move |to: &str, options: NavigateOptions| go(address, to, options)
}

fn go(address: RwSignal<Address>, to: &str, options: NavigateOptions) {
    let location = window().location();
    let Some(url) = location
        .href()
        .ok()
        .and_then(|base| web_sys::Url::new_with_base(to, &base).ok())
    else {
        return;
    };
    if is_ours(&url) {
        show(address, Address::of_url(&url), options);
    } else {
        let _ = location.set_href(&url.href());
    }
}

fn is_ours(url: &web_sys::Url) -> bool {
    window().location().origin().ok().as_deref() == Some(url.origin().as_str())
}

/// Makes `next` the address, in the browser's history too.
fn show(address: RwSignal<Address>, next: Address, options: NavigateOptions) {
    let full = next.full();
    if let Ok(history) = window().history() {
        // The same address again is not a new step back.
        let _ = if options.replace || address.with_untracked(|a| a.full() == full) {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&full))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(&full))
        };
    }
    let hash = next.hash.clone();
    address.set(next);
    if options.scroll {
        // After the new screen is drawn, so its fragment can be found.
        request_animation_frame(move || scroll_to(&hash));
    }
}

fn scroll_to(hash: &str) {
    let target = hash
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| document().get_element_by_id(&decoded(id)));
    match target {
        Some(element) => element.scroll_into_view(),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// Follows a click on a link to a page of this site without a page load, unless the resident
/// asked for a new tab or window (a modifier key, the middle button) or the link says otherwise
/// (`target`, `download`, `rel="external"`). A link to a fragment of the page shown is left to
/// the browser.
fn follow_link(address: RwSignal<Address>, ev: web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    if !link.target().is_empty() || link.has_attribute("download") || external {
        return;
    }
    let Some(url) = web_sys::Url::new(&link.href()).ok().filter(is_ours) else {
        return;
    };
    let next = Address::of_url(&url);
    let same_page = address.with_untracked(|a| a.path == next.path && a.search == next.search);
    if same_page && !next.hash.is_empty() {
        return;
    }
    ev.prevent_default();
    show(address, next, NavigateOptions::default());
}

/// Goes to `path` in place of the address shown (Back does not return to it).
#[component]
pub fn Redirect(path: String) -> impl IntoView {
    let navigate = use_navigate();
    // Not while the screen that redirects is being drawn.
    queue_microtask(move || {
        navigate(
            &path,
            NavigateOptions {
                replace: true,
                scroll: true,
            },
        )
    });
}

/// Holds the address for everything inside it and keeps it in step with the browser's: links,
/// Back and Forward, fragments.
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let address = RwSignal::new(Address::of_window());
    provide_context(Current(address));
    // Registered before any screen's own click handlers (Leptos delegates those to the window
    // too), as leptos_router's was: a handler that cancels a link's default runs after this.
    let _ = window_event_listener(leptos::ev::click, move |ev| follow_link(address, ev));
    let from_browser = move || {
        let now = Address::of_window();
        if address.with_untracked(|a| *a != now) {
            address.set(now);
        }
    };
    let _ = window_event_listener(leptos::ev::popstate, move |_| from_browser());
    let _ = window_event_listener(leptos::ev::hashchange, move |_| from_browser());
    children()
}

/// The screen whose pattern matches the address, or `fallback`. Moving between addresses of one
/// pattern (one question to the next) changes only its parameters, as leptos_router's `Routes`.
pub fn routes(table: &'static [Route], fallback: fn() -> AnyView) -> impl IntoView {
    let address = current();
    let matched = Memo::new(move |_| address.with(|a| matching(table, &a.path)));
    let params = Memo::new(move |_| {
        matched.with(|m| m.as_ref().map(|(_, p)| p.clone()).unwrap_or_default())
    });
    let index = Memo::new(move |_| matched.with(|m| m.as_ref().map(|(i, _)| *i)));
    provide_context(Matched(params));
    move || match index.get() {
        Some(i) => (table[i].1)(),
        None => fallback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen() -> AnyView {
        ().into_any()
    }

    const TABLE: &[Route] = &[
        ("/", screen),
        ("/check/q/:question", screen),
        ("/apply/:service", screen),
        ("/apply/:service/:step", screen),
    ];

    #[test]
    fn a_pattern_matches_only_an_address_of_its_own_length() {
        assert_eq!(matching(TABLE, "/").map(|(i, _)| i), Some(0));
        assert_eq!(matching(TABLE, "/apply/x").map(|(i, _)| i), Some(2));
        assert_eq!(matching(TABLE, "/apply/x/y").map(|(i, _)| i), Some(3));
        assert!(matching(TABLE, "/apply/x/y/z").is_none());
        assert!(matching(TABLE, "/check/answers").is_none());
    }

    #[test]
    fn named_segments_become_parameters_and_a_trailing_slash_changes_nothing() {
        let (_, params) = matching(TABLE, "/apply/financial-assistance/consent/").unwrap();
        assert_eq!(
            params.get("service").as_deref(),
            Some("financial-assistance")
        );
        assert_eq!(params.get("step").as_deref(), Some("consent"));
        assert_eq!(params.get("question"), None);
    }
}
