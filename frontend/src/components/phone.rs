//! Phone numbers, everywhere they appear: one tap dials (`tel:`), and the number never breaks
//! over two lines or reorders in right-to-left text (`.phone` in the stylesheet).

use leptos::prelude::*;
use velferd_shared::catalogue::{CITY_PHONE, EMERGENCY_NUMBER};

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

/// The numbers translated sentences mention; each is linked wherever a sentence says it.
const NUMBERS_IN_TEXT: [&str; 2] = [CITY_PHONE, EMERGENCY_NUMBER];

#[derive(Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Phone(&'a str),
}

/// Where `number` (ASCII) first stands in `text`: a plain scan, as `str::find`'s two-way searcher
/// cost the first part 2 KB of raw wasm for two short numbers.
fn position_of(text: &str, number: &str) -> Option<usize> {
    text.as_bytes()
        .windows(number.len())
        .position(|window| window == number.as_bytes())
}

/// `text` cut where it names one of `numbers` standing on its own (not inside a longer number).
pub fn phone_segments<'a>(text: &'a str, numbers: &[&str]) -> Vec<Segment<'a>> {
    let mut segments = Vec::new();
    let mut rest = text;
    'scan: while !rest.is_empty() {
        let mut from = 0;
        while let Some((at, number)) = numbers
            .iter()
            .filter_map(|n| position_of(&rest[from..], n).map(|i| (from + i, *n)))
            .min()
        {
            let end = at + number.len();
            let digit_before = rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit());
            let digit_after = rest[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
            if digit_before || digit_after {
                from = end;
                continue;
            }
            if at > 0 {
                segments.push(Segment::Text(&rest[..at]));
            }
            segments.push(Segment::Phone(&rest[at..end]));
            rest = &rest[end..];
            continue 'scan;
        }
        segments.push(Segment::Text(rest));
        break;
    }
    segments
}

/// A translated sentence with the city's numbers in it as `PhoneLink`s.
#[component]
pub fn WithPhoneLinks(#[prop(into)] text: Signal<String>) -> impl IntoView {
    move || {
        text.with(|text| {
            phone_segments(text, &NUMBERS_IN_TEXT)
                .into_iter()
                .map(|segment| match segment {
                    Segment::Text(words) => words.to_owned().into_any(),
                    Segment::Phone(number) => view! { <PhoneLink number=number/> }.into_any(),
                })
                .collect_view()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Segment::*, phone_segments, tel_href};

    #[test]
    fn numbers_in_a_sentence_are_cut_out_to_be_linked() {
        assert_eq!(
            phone_segments("Call 112 or 411 1111.", &["411 1111", "112"]),
            vec![
                Text("Call "),
                Phone("112"),
                Text(" or "),
                Phone("411 1111"),
                Text(".")
            ]
        );
    }

    #[test]
    fn a_number_inside_a_longer_number_is_left_alone() {
        assert_eq!(
            phone_segments("RVK-2026-01120", &["112"]),
            vec![Text("RVK-2026-01120")]
        );
    }

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
