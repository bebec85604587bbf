//! The second factor: RFC 6238 codes (HMAC-SHA1, 6 digits, 30 s steps), one step of skew each
//! way, and the step a code matched so that the caller can refuse it the next time.

use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Secret, TOTP};

pub const STEP_SECONDS: u64 = 30;

/// A fresh 160-bit secret (RFC 4226's recommendation), base32 as authenticator apps take it.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes)?;
    Ok(Secret::Raw(bytes.to_vec()).to_encoded().to_string())
}

fn totp(secret: &str) -> Option<TOTP> {
    let raw = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    Some(TOTP::new_unchecked(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECONDS,
        raw,
    ))
}

/// The code of `secret` at `unix_time`, as the counsellor's app shows it.
pub fn code_at(secret: &str, unix_time: u64) -> Option<String> {
    totp(secret).map(|t| t.generate(unix_time))
}

/// The step `code` belongs to, if it is the code of the step of `unix_time` or of one either
/// side. Every candidate is compared, in constant time, so timing tells nothing.
pub fn matching_step(secret: &str, code: &str, unix_time: u64) -> Option<u64> {
    let totp = totp(secret)?;
    let current = unix_time / STEP_SECONDS;
    let mut matched = None;
    for step in [current.saturating_sub(1), current, current + 1] {
        let expected = totp.generate(step * STEP_SECONDS);
        if bool::from(expected.as_bytes().ct_eq(code.trim().as_bytes())) {
            matched = Some(step);
        }
    }
    matched
}

/// The `otpauth://` URI authenticator apps import, label and issuer percent-encoded.
pub fn otpauth_uri(email: &str, secret: &str) -> String {
    let issuer = encode("Velferð");
    format!(
        "otpauth://totp/{issuer}:{}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        encode(email)
    )
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_match_the_rfc_test_vectors() {
        // The RFC's 8-digit 94287082 at T = 59 is 287082 in six digits.
        assert_eq!(code_at(RFC_SECRET, 59).unwrap(), "287082");
        assert_eq!(code_at(RFC_SECRET, 1_111_111_109).unwrap(), "081804");
    }

    #[test]
    fn a_code_matches_its_own_step_and_one_either_side_only() {
        let t = 1_111_111_109;
        let code = code_at(RFC_SECRET, t).unwrap();
        let step = t / STEP_SECONDS;
        assert_eq!(matching_step(RFC_SECRET, &code, t), Some(step));
        assert_eq!(matching_step(RFC_SECRET, &code, t + 30), Some(step));
        assert_eq!(matching_step(RFC_SECRET, &code, t - 30), Some(step));
        assert_eq!(matching_step(RFC_SECRET, &code, t + 60), None);
        assert_eq!(matching_step(RFC_SECRET, "000000", t), None);
    }

    #[test]
    fn new_secrets_are_160_bits_and_the_uri_names_the_issuer() {
        let secret = new_secret().unwrap();
        assert_eq!(secret.len(), 32);
        assert_ne!(secret, new_secret().unwrap());
        let uri = otpauth_uri("anna@reykjavik.is", &secret);
        assert_eq!(
            uri,
            format!(
                "otpauth://totp/Velfer%C3%B0:anna@reykjavik.is?secret={secret}&issuer=Velfer%C3%B0&algorithm=SHA1&digits=6&period=30"
            )
        );
    }
}
