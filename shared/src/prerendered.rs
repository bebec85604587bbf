//! Where the build keeps the residents' first screens rendered in each language (written by
//! `xtask/src/prerender.rs`, answered by the server's `site.rs`): both read the one rule here.

use crate::{Area, Language, answers::Question};

/// The folder of `dist/` that holds the pages.
pub const FOLDER: &str = "pages";

/// The cookie in which the app tells the server the language chosen on this device, so that a
/// first screen comes in it (the choice itself is kept in the device's storage, which the server
/// cannot read). It holds a language code and nothing else.
pub const LANGUAGE_COOKIE: &str = "velferd-language";

/// The addresses a resident most often opens first, from a search or a link: the home page,
/// the help pages and the screener's first question. Their HTML paints before the wasm arrives.
pub fn addresses() -> Vec<String> {
    let mut all = vec!["/".to_owned()];
    all.extend(
        Area::ALL
            .iter()
            .map(|area| format!("/help/{}", area.slug())),
    );
    all.push(format!("/check/q/{}", Question::ALL[0].slug()));
    all
}

/// The file under [`FOLDER`] of `address` in `language`: `is/index.html` for `/`,
/// `ar/help/money.html` for `/help/money`. `None` for an address that is not pre-rendered.
pub fn file(language: Language, address: &str) -> Option<String> {
    if !addresses().iter().any(|a| a == address) {
        return None;
    }
    let name = match address {
        "/" => "/index",
        other => other,
    };
    Some(format!("{}{name}.html", language.code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_page_and_a_help_page_have_a_file_per_language() {
        assert_eq!(file(Language::Is, "/").as_deref(), Some("is/index.html"));
        assert_eq!(
            file(Language::Ar, "/help/money").as_deref(),
            Some("ar/help/money.html")
        );
        assert_eq!(
            file(Language::Pl, "/check/q/age").as_deref(),
            Some("pl/check/q/age.html")
        );
    }

    #[test]
    fn other_addresses_are_not_pre_rendered() {
        assert_eq!(file(Language::Is, "/status/abc"), None);
        assert_eq!(file(Language::Is, "/help/../../etc/passwd"), None);
        assert_eq!(file(Language::Is, "/help/money/"), None);
    }
}
