//! E-mail that is never lost: a transactional outbox. A message is written to `mail_outbox` in
//! the same transaction as the event that causes it (a submitted application, a status change),
//! and a worker sends it over SMTP with retries and backoff. A crash after the commit loses
//! nothing: the row waits for the next worker. A crash between the SMTP server's acceptance and
//! the row's update sends it again on restart — "exactly once as far as SMTP allows", and every
//! copy carries the same Message-ID, so mail systems can drop the duplicate.

use std::{sync::Arc, time::Duration};

use crate::db::Connection;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor, message::MultiPart};
use velferd_shared::{Language, ServiceId};

use crate::{
    clock::{millis_now, now},
    db::Database,
    translations,
};

/// `VELFERD_SMTP_URL` and `VELFERD_MAIL_FROM`, checked at start-up.
#[derive(Clone)]
pub struct MailSettings {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::message::Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum MailSettingsError {
    // Never the URL itself: it may hold the relay's password.
    #[error(
        "VELFERD_SMTP_URL is not an SMTP URL such as smtp://relay:25, \
         smtp://user:password@relay:587?tls=required or smtps://user:password@relay:465 ({0})"
    )]
    Url(String),
    #[error("VELFERD_MAIL_FROM is not an e-mail address: {0}")]
    From(String),
}

impl MailSettings {
    /// lettre reads the URL: `smtp://` is plain (a relay on the city's own network),
    /// `?tls=required` upgrades with STARTTLS and `smtps://` connects over TLS, both checking the
    /// relay's certificate against the public roots; a user and password sign in.
    pub fn new(smtp_url: &str, from: &str) -> Result<MailSettings, MailSettingsError> {
        // lettre would sign in over a plain or downgraded connection, showing the password to
        // the network: credentials only with TLS that cannot be skipped.
        let signs_in = smtp_url
            .split_once("://")
            .and_then(|(_, rest)| rest.split(['/', '?']).next())
            .is_some_and(|authority| authority.contains('@'));
        let encrypted = smtp_url.starts_with("smtps://") || smtp_url.contains("tls=required");
        if signs_in && !encrypted {
            return Err(MailSettingsError::Url(
                "a user and password need smtps:// or ?tls=required".into(),
            ));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| MailSettingsError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailSettingsError::From(e.to_string()))?;
        Ok(MailSettings { transport, from })
    }
}

/// One message, as it is queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The receipt: the reference, the private link (only here and on the device) and what happens
/// next, in the resident's contact language.
pub fn receipt(language: Language, reference: &str, link: &str) -> Outgoing {
    let fill = |key: &str| {
        translations::text(language, key)
            .replace("{reference}", reference)
            .replace("{link}", link)
    };
    compose(
        language,
        fill("mail.receipt_subject"),
        &[
            fill("mail.receipt_text"),
            fill("mail.receipt_link"),
            fill("mail.next_steps"),
            fill("mail.signature"),
        ],
        Some(link),
    )
}

/// "There is news on your application": no link and nothing personal beyond the reference, since
/// the server cannot know who else reads the mailbox.
pub fn news(language: Language, reference: &str) -> Outgoing {
    let fill = |key: &str| translations::text(language, key).replace("{reference}", reference);
    compose(
        language,
        fill("mail.news_subject"),
        &[fill("mail.news_text"), fill("mail.signature")],
        None,
    )
}

/// The partner's invitation to give their own part, with their private link; the reminder is
/// the same with its own subject. No name or answer of the applicant's: the address may be
/// mistyped or shared.
pub fn partner_invitation(
    language: Language,
    reference: &str,
    link: &str,
    reminder: bool,
) -> Outgoing {
    let fill = |key: &str| {
        translations::text(language, key)
            .replace("{reference}", reference)
            .replace("{link}", link)
            // The official name, so the household can match it with letters from the city.
            .replace(
                "{service}",
                ServiceId::FinancialAssistance.service().official_name,
            )
    };
    let subject = if reminder {
        "mail.partner_reminder_subject"
    } else {
        "mail.partner_subject"
    };
    compose(
        language,
        fill(subject),
        &[
            fill("mail.partner_text"),
            fill("mail.partner_link"),
            fill("mail.partner_unknown"),
            fill("mail.signature"),
        ],
        Some(link),
    )
}

/// The call-back confirmation: the reference, who calls and when, and how to cancel — not the
/// phone number or the message.
pub fn callback_confirmation(
    language: Language,
    reference: &str,
    centre: &str,
    window: &str,
) -> Outgoing {
    let fill = |key: &str| {
        translations::text(language, key)
            .replace("{reference}", reference)
            .replace("{centre}", centre)
            .replace("{window}", window)
    };
    compose(
        language,
        fill("mail.callback_subject"),
        &[
            fill("mail.callback_text"),
            fill("mail.callback_change"),
            fill("mail.signature"),
        ],
        None,
    )
}

fn compose(
    language: Language,
    subject: String,
    paragraphs: &[String],
    link: Option<&str>,
) -> Outgoing {
    let text = paragraphs.join("\n\n");
    let html_paragraphs: String = paragraphs
        .iter()
        .map(|p| {
            let escaped = escape(p);
            let linked = match link {
                Some(link) => {
                    let link = escape(link);
                    escaped.replace(&link, &format!("<a href=\"{link}\">{link}</a>"))
                }
                None => escaped,
            };
            format!("<p>{}</p>", linked.replace('\n', "<br>"))
        })
        .collect();
    let html = format!(
        // The language and its direction, so a mail reader shows Arabic right to left and a
        // screen reader speaks each language with its own voice.
        "<!doctype html><html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5\">{html_paragraphs}</body></html>",
        language.code(),
        language.direction().html_dir(),
        escape(&subject)
    );
    Outgoing {
        to: String::new(),
        subject,
        text,
        html,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Queues `mail` to `to` inside the caller's transaction: it is sent only if that commits.
pub async fn enqueue(tx: &mut Connection, to: &str, mail: &Outgoing) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_outbox (recipient, subject, text_body, html_body, created_at, next_attempt_ms) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(to)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .bind(now())
    .bind(millis_now())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// How long a worker may hold a message it is sending before another may take it.
const CLAIM_MS: i64 = 120_000;
/// How often the worker looks for mail when there was none.
const POLL: Duration = Duration::from_secs(1);
const MAX_BACKOFF_MS: i64 = 60 * 60 * 1000;

struct Claimed {
    id: i64,
    attempts: i64,
    mail: Outgoing,
}

/// Takes the oldest due message for this worker, so two workers (or two instances) never send
/// the same one at once.
async fn claim(db: &Database) -> Result<Option<Claimed>, sqlx::Error> {
    let now = millis_now();
    let _turn = db.write_turn().await;
    let row: Option<(i64, i64, String, String, String, String)> = sqlx::query_as(
        "UPDATE mail_outbox SET claimed_until_ms = $1 \
         WHERE id = (SELECT id FROM mail_outbox \
                     WHERE sent_at IS NULL AND next_attempt_ms <= $2 \
                       AND (claimed_until_ms IS NULL OR claimed_until_ms < $3) \
                     ORDER BY id LIMIT 1) \
         RETURNING id, attempts, recipient, subject, text_body, html_body",
    )
    .bind(now + CLAIM_MS)
    .bind(now)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(id, attempts, to, subject, text, html)| Claimed {
        id,
        attempts,
        mail: Outgoing {
            to,
            subject,
            text,
            html,
        },
    }))
}

async fn send(settings: &MailSettings, claimed: &Claimed) -> Result<(), String> {
    let to: lettre::message::Mailbox = claimed.mail.to.parse().map_err(|_| "bad recipient")?;
    let message = Message::builder()
        .from(settings.from.clone())
        .to(to)
        .subject(claimed.mail.subject.clone())
        .message_id(Some(format!(
            "<velferd-{}-{}@{}>",
            claimed.id,
            &crate::digest::sha256_hex(claimed.mail.subject.as_bytes())[..12],
            settings.from.email.domain()
        )))
        .multipart(MultiPart::alternative_plain_html(
            claimed.mail.text.clone(),
            claimed.mail.html.clone(),
        ))
        .map_err(|e| e.to_string())?;
    settings
        .transport
        .send(message)
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

async fn settle(
    db: &Database,
    claimed: &Claimed,
    result: Result<(), String>,
) -> Result<(), sqlx::Error> {
    let _turn = db.write_turn().await;
    match result {
        Ok(()) => {
            sqlx::query(
                "UPDATE mail_outbox SET sent_at = $1, text_body = '', html_body = '', \
                 claimed_until_ms = NULL, attempts = attempts + 1 WHERE id = $2",
            )
            .bind(now())
            .bind(claimed.id)
            .execute(db.pool())
            .await?;
            tracing::info!(mail = claimed.id, "mail sent");
        }
        Err(error) => {
            let backoff = (5_000i64 << claimed.attempts.clamp(0, 20)).min(MAX_BACKOFF_MS);
            sqlx::query(
                "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_ms = $1, \
                 claimed_until_ms = NULL, last_error = $2 WHERE id = $3",
            )
            .bind(millis_now() + backoff)
            .bind(&error)
            .bind(claimed.id)
            .execute(db.pool())
            .await?;
            // The SMTP server's words, never the message: it carries a name and a link.
            tracing::warn!(mail = claimed.id, attempts = claimed.attempts + 1, %error, "mail not sent; will retry");
        }
    }
    Ok(())
}

/// The worker, stopped when the last handle to it is dropped (the server stopped).
pub struct MailWorker(tokio::task::JoinHandle<()>);

impl Drop for MailWorker {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub fn start(db: Database, settings: MailSettings) -> Arc<MailWorker> {
    Arc::new(MailWorker(tokio::spawn(async move {
        loop {
            match claim(&db).await {
                Ok(Some(claimed)) => {
                    let result = send(&settings, &claimed).await;
                    if let Err(error) = settle(&db, &claimed, result).await {
                        tracing::warn!(%error, "cannot record a mail's outcome");
                    }
                }
                Ok(None) => tokio::time::sleep(POLL).await,
                Err(error) => {
                    tracing::warn!(%error, "cannot read the mail outbox");
                    tokio::time::sleep(POLL * 5).await;
                }
            }
        }
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_receipt_carries_the_reference_and_the_link_in_both_parts() {
        let mail = receipt(
            Language::En,
            "RVK-2026-000123",
            "https://velferd.example/status/abc",
        );
        assert!(mail.subject.contains("RVK-2026-000123"));
        assert!(mail.text.contains("https://velferd.example/status/abc"));
        assert!(
            mail.html
                .contains("<a href=\"https://velferd.example/status/abc\">")
        );
    }

    #[test]
    fn news_names_the_reference_and_carries_no_link() {
        let mail = news(Language::Pl, "RVK-2026-000123");
        assert!(mail.text.contains("RVK-2026-000123"));
        assert!(!mail.text.contains("http"));
        assert!(!mail.html.contains("href"));
    }

    #[test]
    fn plain_starttls_and_tls_relays_are_accepted_a_password_only_with_tls_and_never_repeated() {
        let from = "velferd@reykjavik.example";
        for url in [
            "smtp://127.0.0.1:2525",
            "smtp://relay.reykjavik.is",
            "smtp://velferd:s3cret@relay.reykjavik.is:587?tls=required",
            "smtps://velferd:s3cret@relay.reykjavik.is",
        ] {
            assert!(MailSettings::new(url, from).is_ok(), "{url}");
        }
        for url in [
            "relay:25",
            "http://velferd:s3cret@relay",
            "smtp://velferd:s3cret@relay?tls=never",
            "smtp://velferd:s3cret@relay:587",
            "smtp://velferd:s3cret@relay:587?tls=opportunistic",
        ] {
            let refused = MailSettings::new(url, from).err().expect(url).to_string();
            assert!(!refused.contains("s3cret"), "{refused}");
        }
        assert!(MailSettings::new("smtp://relay", "not an address").is_err());
    }

    #[test]
    fn the_html_part_is_escaped_and_marked_with_the_language_and_its_direction() {
        let mail = compose(Language::Ar, "a < b".into(), &["x & <y>".into()], None);
        assert!(mail.html.contains("x &amp; &lt;y&gt;"));
        assert!(mail.html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    }
}
