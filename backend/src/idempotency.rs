//! Requests that create something at most once: the client names each with an idempotency key,
//! and a retry is recognised by that key together with the exact bytes of its body.

use axum::{
    Json,
    body::Bytes,
    extract::{FromRequest, Request},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use sqlx::Row as _;
use velferd_shared::api::IDEMPOTENCY_KEY_HEADER;

use crate::{
    db::Database,
    digest::sha256_hex,
    error::{ApiError, body_bytes, require_json},
};

/// A client's idempotency key: random, at least 128 bits in practice (the browser sends a UUID),
/// checked for shape only so that no personal data can hide in it.
#[derive(Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(headers: &HeaderMap) -> Result<IdempotencyKey, ApiError> {
        let value = headers
            .get(IDEMPOTENCY_KEY_HEADER)
            .ok_or(ApiError::IdempotencyKey(
                "the Idempotency-Key header is missing",
            ))?
            .to_str()
            .map_err(|_| ApiError::IdempotencyKey("the Idempotency-Key header is not text"))?;
        let well_formed = (16..=128).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !well_formed {
            return Err(ApiError::IdempotencyKey(
                "the Idempotency-Key must be 16 to 128 letters, digits, - or _ (a UUID will do)",
            ));
        }
        Ok(IdempotencyKey(value.to_owned()))
    }

    /// What is stored instead of the key: a leaked database must not reveal keys, because a key
    /// and the secret together give the status token.
    pub fn stored_form(&self) -> String {
        sha256_hex(format!("idempotency-key:{}", self.0).as_bytes())
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// A JSON request that may be a retry: its key, its body exactly as sent, and the hash of those
/// bytes (the browser resends the same bytes, so re-serialising what we parsed would only add
/// ways to differ). The body is parsed only after a retry has had its answer.
pub struct KeyedRequest {
    pub key: IdempotencyKey,
    pub body: Bytes,
    pub request_hash: String,
}

impl<S: Send + Sync> FromRequest<S> for KeyedRequest {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        require_json(request.headers())?;
        let key = IdempotencyKey::parse(request.headers());
        let body = body_bytes(Bytes::from_request(request, state).await)?;
        Ok(KeyedRequest::new(key?, body))
    }
}

impl KeyedRequest {
    fn new(key: IdempotencyKey, body: Bytes) -> KeyedRequest {
        KeyedRequest {
            key,
            request_hash: sha256_hex(&body),
            body,
        }
    }

    /// An earlier request's receipt if this one repeats it, `None` if the key is new, a 409 if
    /// the key came with other bytes.
    fn replay<R>(&self, earlier: Option<Earlier<R>>) -> Result<Option<R>, ApiError> {
        match earlier {
            None => Ok(None),
            Some(earlier) if earlier.request_hash == self.request_hash => Ok(Some(earlier.receipt)),
            Some(_) => Err(ApiError::IdempotencyConflict),
        }
    }
}

/// What an earlier request with the same key left: the hash of its body and its receipt.
pub struct Earlier<R> {
    pub request_hash: String,
    pub receipt: R,
}

impl<R> Earlier<R> {
    /// The earlier request under `key`: `query` selects its `request_hash` and whatever
    /// `receipt` reads from the row, with the stored form of the key as its one parameter.
    pub async fn find(
        db: &Database,
        key: &IdempotencyKey,
        query: &'static str,
        receipt: impl FnOnce(&crate::db::Row) -> Result<R, ApiError>,
    ) -> Result<Option<Earlier<R>>, ApiError> {
        let row = sqlx::query(query)
            .bind(key.stored_form())
            .fetch_optional(db.pool())
            .await
            .map_err(ApiError::database)?;
        row.map(|row| {
            Ok(Earlier {
                request_hash: row.try_get("request_hash").map_err(ApiError::database)?,
                receipt: receipt(&row)?,
            })
        })
        .transpose()
    }
}

/// A receipt: 201 when this request created the record, 200 when it repeated one.
pub enum Receipt<R> {
    Created(R),
    Repeated(R),
}

impl<R: Serialize> IntoResponse for Receipt<R> {
    fn into_response(self) -> Response {
        match self {
            Receipt::Created(receipt) => (StatusCode::CREATED, Json(receipt)).into_response(),
            Receipt::Repeated(receipt) => (StatusCode::OK, Json(receipt)).into_response(),
        }
    }
}

/// Answers a retry with the receipt it was given (or a 409) before `insert` runs, so nothing
/// that could refuse a new request — the rate limit, rules changed since — refuses a retry.
/// `earlier` looks the key up; `insert` checks and stores a new request and gives `None` when
/// the key was stored meanwhile by a concurrent request, whose receipt is then the answer.
pub async fn replay_or_insert<R, Lookup>(
    request: &KeyedRequest,
    earlier: impl Fn() -> Lookup,
    insert: impl Future<Output = Result<Option<R>, ApiError>>,
) -> Result<Receipt<R>, ApiError>
where
    Lookup: Future<Output = Result<Option<Earlier<R>>, ApiError>>,
{
    if let Some(receipt) = request.replay(earlier().await?)? {
        return Ok(Receipt::Repeated(receipt));
    }
    match insert.await? {
        Some(receipt) => Ok(Receipt::Created(receipt)),
        None => request
            .replay(earlier().await?)?
            .map(Receipt::Repeated)
            .ok_or(ApiError::Internal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: &'static [u8]) -> KeyedRequest {
        let mut headers = HeaderMap::new();
        headers.insert(
            IDEMPOTENCY_KEY_HEADER,
            "3f1c2a9e-7b4d-4e8a-9c1f-2d6b5a8e0f13".parse().unwrap(),
        );
        KeyedRequest::new(
            IdempotencyKey::parse(&headers).unwrap(),
            Bytes::from_static(body),
        )
    }

    fn earlier(body: &[u8], receipt: &'static str) -> Option<Earlier<&'static str>> {
        Some(Earlier {
            request_hash: sha256_hex(body),
            receipt,
        })
    }

    #[tokio::test]
    async fn a_new_key_is_inserted_and_the_same_bytes_again_get_the_first_receipt() {
        let first = request(b"{}");
        let new = replay_or_insert(&first, || async { Ok(None) }, async { Ok(Some("RVK-1")) });
        assert!(matches!(new.await, Ok(Receipt::Created("RVK-1"))));
        let again = request(b"{}");
        let retry = replay_or_insert(&again, || async { Ok(earlier(b"{}", "RVK-1")) }, async {
            panic!("a retry must not be checked or inserted again")
        });
        assert!(matches!(retry.await, Ok(Receipt::Repeated("RVK-1"))));
    }

    #[tokio::test]
    async fn the_same_key_with_other_bytes_is_a_conflict() {
        let spaced = request(b"{ }");
        let other = replay_or_insert(&spaced, || async { Ok(earlier(b"{}", "RVK-1")) }, async {
            Ok(Some("RVK-2"))
        });
        assert!(matches!(other.await, Err(ApiError::IdempotencyConflict)));
    }

    #[tokio::test]
    async fn a_key_stored_meanwhile_answers_with_the_receipt_stored_first() {
        let stored = std::sync::Mutex::new(None);
        let retry = request(b"{}");
        let race = replay_or_insert(
            &retry,
            || async { Ok(stored.lock().unwrap().take()) },
            async {
                *stored.lock().unwrap() = earlier(b"{}", "RVK-1");
                Ok(None)
            },
        );
        assert!(matches!(race.await, Ok(Receipt::Repeated("RVK-1"))));
    }

    #[test]
    fn keys_are_checked_for_shape_and_stored_hashed() {
        let mut headers = HeaderMap::new();
        assert!(IdempotencyKey::parse(&headers).is_err());
        headers.insert(IDEMPOTENCY_KEY_HEADER, "short".parse().unwrap());
        assert!(IdempotencyKey::parse(&headers).is_err());
        headers.insert(
            IDEMPOTENCY_KEY_HEADER,
            "kennitala 010190-2939".parse().unwrap(),
        );
        assert!(IdempotencyKey::parse(&headers).is_err());
        let key = request(b"").key;
        assert_eq!(key.stored_form().len(), 64);
        assert!(!key.stored_form().contains("3f1c2a9e"));
    }
}
