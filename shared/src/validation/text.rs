//! Free text — names, addresses, messages, a counsellor's notes — as typed, checked the same way
//! in the browser and on the server.

use crate::ProblemCode;

/// Characters that change how text is shown without being seen: C0 and C1 controls (a NUL cuts
/// the text short in other systems), and the bidirectional embeddings, overrides and isolates
/// that can make a name or a note read differently from what is stored ("Trojan Source").
/// Tabs and line breaks stay, and so do the marks Arabic text uses (U+200E, U+200F, U+061C).
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `Ok` for text of at most `max_chars` characters with no hidden control character in it.
pub fn check_free_text(text: &str, max_chars: usize) -> Result<(), ProblemCode> {
    if text.chars().any(is_hidden_control) {
        return Err(ProblemCode::TextControlCharacter);
    }
    if text.chars().count() > max_chars {
        return Err(ProblemCode::TextTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_a_control_or_a_direction_override_is_refused_but_line_breaks_and_arabic_marks_are_not()
    {
        for refused in [
            "Anna\u{0}",
            "Anna\u{1b}[2J",
            "Anna\u{85}",
            "\u{202e}gnp.exe",
            "\u{2066}note\u{2069}",
        ] {
            assert_eq!(
                check_free_text(refused, 100),
                Err(ProblemCode::TextControlCharacter),
                "{refused:?}"
            );
        }
        for kept in [
            "Guðrún Pálsdóttir",
            "Line one\nline two\r\n\tindented",
            "محمد\u{200f} (RVK-2026-000123)",
            "\u{200e}Anna\u{061c}",
        ] {
            assert_eq!(check_free_text(kept, 100), Ok(()), "{kept:?}");
        }
        assert_eq!(check_free_text("ab", 1), Err(ProblemCode::TextTooLong));
    }
}
