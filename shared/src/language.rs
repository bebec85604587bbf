use serde::{Deserialize, Serialize};

/// The languages Velferð speaks. Icelandic is the default: the city's own language and the one a
/// resident hears at the service centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Is,
    En,
    Pl,
    Uk,
    Lt,
    Es,
    Ar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn html_dir(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

impl Language {
    /// In the order the language menu shows them: Icelandic first, then by how many residents
    /// speak each (services.md, "Languages").
    pub const ALL: [Language; 7] = [
        Language::Is,
        Language::En,
        Language::Pl,
        Language::Uk,
        Language::Lt,
        Language::Es,
        Language::Ar,
    ];

    /// The BCP 47 tag used for `<html lang>`, storage and the API's `lang` parameter.
    pub fn code(self) -> &'static str {
        match self {
            Language::Is => "is",
            Language::En => "en",
            Language::Pl => "pl",
            Language::Uk => "uk",
            Language::Lt => "lt",
            Language::Es => "es",
            Language::Ar => "ar",
        }
    }

    /// The language's name in that language, as a speaker looks for it in a menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::Is => "Íslenska",
            Language::En => "English",
            Language::Pl => "Polski",
            Language::Uk => "Українська",
            Language::Lt => "Lietuvių",
            Language::Es => "Español",
            Language::Ar => "العربية",
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Language::Ar => Direction::RightToLeft,
            _ => Direction::LeftToRight,
        }
    }

    /// Reads a language tag such as `pl`, `pl-PL` or `AR`; anything we do not speak is `None`,
    /// so the caller decides the fallback (always Icelandic for the resident).
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first language of a browser's preference list (`navigator.languages` or an
    /// `Accept-Language` header) that we speak, or Icelandic.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Language {
        preferred
            .into_iter()
            .map(|tag| tag.split(';').next().unwrap_or(tag))
            .find_map(Language::from_tag)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regional_tag_selects_its_language() {
        assert_eq!(Language::from_tag("pl-PL"), Some(Language::Pl));
        assert_eq!(Language::from_tag("AR"), Some(Language::Ar));
        assert_eq!(Language::from_tag("uk_UA"), Some(Language::Uk));
    }

    #[test]
    fn an_unknown_language_is_none_so_the_caller_falls_back() {
        assert_eq!(Language::from_tag("de"), None);
        assert_eq!(Language::from_tag(""), None);
        assert_eq!(Language::from_tag("<script>"), None);
    }

    #[test]
    fn negotiation_takes_the_first_spoken_language_or_icelandic() {
        assert_eq!(Language::negotiate(["de-DE", "lt", "en"]), Language::Lt);
        assert_eq!(Language::negotiate(["fr;q=0.9", "es;q=0.8"]), Language::Es);
        assert_eq!(Language::negotiate(["fr", "de"]), Language::Is);
        assert_eq!(Language::negotiate([]), Language::Is);
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        for lang in Language::ALL {
            let expected = if lang == Language::Ar { "rtl" } else { "ltr" };
            assert_eq!(lang.direction().html_dir(), expected, "{lang:?}");
        }
    }

    #[test]
    fn codes_round_trip_through_serde_and_tags() {
        for lang in Language::ALL {
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.code()));
            assert_eq!(Language::from_tag(lang.code()), Some(lang));
        }
    }
}
