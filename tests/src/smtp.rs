//! A real SMTP server on loopback for the mail tests: PyPI's aiosmtpd (installed by
//! `cargo xtask test` into `.tools/venv`), writing every message it accepts into a maildir.

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

use crate::{path_from_env, wait_until};

/// One message as it arrived, parsed.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
}

/// The aiosmtpd process, killed when dropped.
pub struct MailCatcher {
    child: Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl MailCatcher {
    pub async fn start() -> MailCatcher {
        MailCatcher::start_on(crate::wait::free_port()).await
    }

    /// On `port`, for a server told to send there before anything listened.
    pub async fn start_on(port: u16) -> MailCatcher {
        let python = path_from_env("VELFERD_MAIL_PYTHON", ".tools/venv/bin/python");
        assert!(
            python.exists(),
            "{} is missing: cargo xtask test installs aiosmtpd there",
            python.display()
        );
        let maildir = tempfile::tempdir().expect("a maildir");
        // aiosmtpd's Mailbox writes a maildir, which it expects to find made.
        for part in ["tmp", "new", "cur"] {
            std::fs::create_dir_all(maildir.path().join(part)).expect("the maildir's folders");
        }
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let catcher = MailCatcher {
            child,
            port,
            maildir,
        };
        crate::wait::until_listening("aiosmtpd", port)
            .await
            .expect("aiosmtpd listens");
        catcher
    }

    /// The URL to give the server as `VELFERD_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        let folder: PathBuf = self.maildir.path().join("new");
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok());
        files
            .iter()
            .filter_map(|file| std::fs::read(file).ok())
            .filter_map(|raw| parse(&raw))
            .collect()
    }

    /// Waits until `count` messages have arrived; returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        wait_until(
            format!("{count} message(s) to arrive"),
            Duration::from_secs(30),
            || async move {
                let received = self.received();
                if received.len() >= count {
                    Ok(received)
                } else {
                    Err(format!("{} arrived", received.len()))
                }
            },
        )
        .await
        .expect("the mail arrives")
    }
}

fn parse(raw: &[u8]) -> Option<Received> {
    let message = mail_parser::MessageParser::default().parse(raw)?;
    let to = message
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_owned();
    Some(Received {
        to,
        subject: message.subject().unwrap_or_default().to_owned(),
        text: message.body_text(0).unwrap_or_default().into_owned(),
        html: message.body_html(0).unwrap_or_default().into_owned(),
        message_id: message.message_id().unwrap_or_default().to_owned(),
    })
}

impl Drop for MailCatcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
