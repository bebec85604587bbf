//! The one way tests wait: poll a condition until it holds or a deadline passes.

use std::{
    fmt::Display,
    future::Future,
    time::{Duration, Instant},
};

/// How often a condition is checked again.
const POLL: Duration = Duration::from_millis(50);

/// Checks `condition` every 50 ms until it gives `Ok(value)`, for at most `timeout`.
///
/// An `Err` means "not yet" and says what is there instead; when time runs out the last one is
/// reported together with `awaited`, the thing that never happened.
pub async fn wait_until<T, F, Fut>(
    awaited: impl Display,
    timeout: Duration,
    mut condition: F,
) -> Result<T, String>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        match condition().await {
            Ok(value) => return Ok(value),
            Err(seen) if Instant::now() >= deadline => {
                return Err(format!(
                    "waited {} s for {awaited}, in vain: {seen}",
                    timeout.as_secs_f32()
                ));
            }
            Err(_) => tokio::time::sleep(POLL).await,
        }
    }
}

/// Waits until something listens on loopback `port` (a helper process just started).
pub async fn until_listening(what: &str, port: u16) -> Result<(), String> {
    wait_until(
        format!("{what} to listen on port {port}"),
        Duration::from_secs(20),
        || async move {
            tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        },
    )
    .await
}

/// A port on loopback that nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_condition_that_comes_true_ends_the_wait_with_its_value() {
        let mut polls = 0;
        let value = wait_until("the third poll", Duration::from_secs(5), || {
            polls += 1;
            let now = polls;
            async move {
                if now == 3 {
                    Ok(now)
                } else {
                    Err(format!("poll {now}"))
                }
            }
        })
        .await;
        assert_eq!(value, Ok(3));
    }

    #[tokio::test]
    async fn a_condition_that_never_holds_says_what_was_awaited_and_what_was_seen() {
        let error = wait_until("a miracle", Duration::from_millis(120), || async {
            Err::<(), _>("nothing happened".to_owned())
        })
        .await
        .unwrap_err();
        assert!(error.contains("a miracle"), "{error}");
        assert!(error.contains("nothing happened"), "{error}");
    }
}
