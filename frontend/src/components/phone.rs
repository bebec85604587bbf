//! Phone numbers, everywhere they appear: one tap dials (`tel:`), and the number never breaks
//! over two lines or reorders in right-to-left text (`.phone` in the stylesheet).

use leptos::prelude::*;

/// The `tel:` target of a number as people write it: its digits and a leading plus; a
/// seven-digit Icelandic number gets the country code, so it dials from a foreign SIM too.
pub fn tel_href(number: &str) -> String {
    let dialled: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if dialled.len() == 7 && !dialled.starts_with('+') {
        format!("tel:+354{dialled}")
    } else {
        format!("tel:{dialled}")
    }
}

/// A number shown as written and dialled by `tel_href`.
#[component]
pub fn PhoneLink(#[prop(into)] number: String) -> impl IntoView {
    let href = tel_href(&number);
    view! { <a class="phone" href=href dir="ltr">{number}</a> }
}

#[cfg(test)]
mod tests {
    use super::tel_href;

    #[test]
    fn a_local_number_dials_with_the_country_code() {
        assert_eq!(tel_href("411 1111"), "tel:+3544111111");
    }

    #[test]
    fn a_number_with_its_country_code_keeps_only_what_dials() {
        assert_eq!(tel_href("+354 611-2345"), "tel:+3546112345");
    }

    #[test]
    fn a_short_number_is_dialled_as_it_is() {
        assert_eq!(tel_href("112"), "tel:112");
    }
}
