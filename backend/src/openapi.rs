//! The residents' API as an OpenAPI 3.1 document: the operations from each handler's
//! `#[utoipa::path]`, the schemas from `shared`. Served at `GET /api/openapi.json` and
//! committed as `backend/openapi.json`. The staff API is not in it.

use utoipa::{
    Modify, OpenApi, PartialSchema, ToSchema,
    openapi::{
        ContentBuilder, HeaderBuilder, Ref, RefOr, Required, ResponseBuilder,
        path::{Operation, ParameterBuilder, ParameterIn},
        schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type},
    },
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Velferð residents' API",
        description = "What Reykjavík's welfare services offer and who qualifies, applying \
            online, and following an application behind its private link. Every error is an \
            RFC 9457 problem (`application/problem+json`); any request may get a 503 with \
            `Retry-After` when the server is busy."
    ),
    paths(
        crate::routes::health::health,
        crate::routes::services::services,
        crate::routes::services::eligibility,
        crate::routes::applications::submit,
        crate::routes::follow::status,
        crate::routes::follow::add_document,
        crate::routes::follow::remind_partner,
        crate::routes::partner::invitation,
        crate::routes::partner::answer,
        crate::routes::callbacks::request_callback,
        crate::routes::device::forget,
        crate::routes::openapi::document,
    ),
    // Only reached through the hand-written schemas of `Answers` (children's ages), which
    // utoipa cannot follow to collect it.
    components(schemas(velferd_shared::validation::ChildAge)),
    modifiers(&Shared),
    tags(
        (name = "health", description = "Whether the server and its database are up"),
        (name = "services", description = "The service catalogue and the eligibility engine"),
        (name = "applications", description = "Applying, and following an application behind its private link"),
        (name = "partner", description = "The partner's own part of a financial-assistance application"),
        (name = "callbacks", description = "Asking a counsellor to call"),
        (name = "device", description = "Clearing what the browser keeps"),
        (name = "openapi", description = "This document"),
    )
)]
struct ApiDoc;

/// What several operations have alike, said once: the answers any request may get (500, and
/// 503 with `Retry-After` when the server is busy; 408 when a body is slow to arrive), and the
/// `Idempotency-Key` header of the requests that create something.
struct Shared;

/// The operations that take an `Idempotency-Key`.
const KEYED: [&str; 2] = ["/api/applications", "/api/callbacks"];

impl Modify for Shared {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let keyed = KEYED.contains(&path.as_str());
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                add_shared_answers(operation);
                if keyed {
                    operation
                        .parameters
                        .get_or_insert_with(Vec::new)
                        .push(idempotency_key());
                }
            }
        }
    }
}

fn add_shared_answers(operation: &mut Operation) {
    let with_body = operation.request_body.is_some();
    let responses = &mut operation.responses.responses;
    let mut add = |status: &str, description: &str, retry_after: bool| {
        let problem = ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build();
        let mut response = ResponseBuilder::new()
            .description(description)
            .content(velferd_shared::api::PROBLEM_CONTENT_TYPE, problem);
        if retry_after {
            response = response.header(
                "Retry-After",
                HeaderBuilder::new()
                    .schema(
                        ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(1)),
                    )
                    .description(Some("Seconds to wait before sending it again"))
                    .build(),
            );
        }
        responses
            .entry(status.to_owned())
            .or_insert_with(|| response.build().into());
    };
    if with_body {
        add("408", "The body took too long to arrive", false);
    }
    add("500", "A fault of ours", false);
    add(
        "503",
        "Too many requests in flight, or the database is busy: send it again (with the same \
         Idempotency-Key, where there is one)",
        true,
    );
}

fn idempotency_key() -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(velferd_shared::api::IDEMPOTENCY_KEY_HEADER)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(
            "A fresh random key per request (a UUID will do), sent again unchanged with a retry",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^[A-Za-z0-9_-]{16,128}$"))
                .min_length(Some(16))
                .max_length(Some(128)),
        ))
        .build()
}

/// The document, built from the annotations each time: cheap, and never out of step.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The body of `POST /api/applications/{token}/documents`: the file's bytes as they are.
pub struct DocumentBytes;

impl PartialSchema for DocumentBytes {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .content_media_type("application/octet-stream")
            .description(Some(
                "A JPEG or PNG photo or a PDF file, at most 10 MB, recognised by its first bytes; \
                 the Content-Type header and the file name are not looked at.",
            ))
            .into()
    }
}

impl ToSchema for DocumentBytes {}

#[cfg(test)]
mod tests {
    use serde_json::Value;
    use velferd_shared::rules::RuleId;

    use super::document;

    const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

    fn pretty() -> String {
        let mut json = serde_json::to_string_pretty(&document()).expect("the document serialises");
        json.push('\n');
        json
    }

    /// Clients and reviewers read the committed copy, so it must be what the server serves.
    #[test]
    fn the_committed_document_is_the_generated_one() {
        if std::env::var_os("VELFERD_WRITE_OPENAPI").is_some_and(|v| v == "1") {
            std::fs::write(COMMITTED, pretty()).expect("backend/openapi.json is written");
            return;
        }
        let committed = std::fs::read_to_string(COMMITTED).expect("backend/openapi.json exists");
        assert!(
            committed == pretty(),
            "backend/openapi.json is out of date: rewrite it with \
             VELFERD_WRITE_OPENAPI=1 cargo test -p velferd-backend openapi"
        );
    }

    /// A `$ref` utoipa did not collect (a schema reached only through a hand-written one)
    /// would leave clients and Schemathesis with a broken document.
    #[test]
    fn every_reference_names_a_schema_of_the_document() {
        let document = serde_json::to_value(document()).unwrap();
        let schemas = document["components"]["schemas"]
            .as_object()
            .expect("the document has schemas");
        let mut references = Vec::new();
        collect_references(&document, &mut references);
        assert!(!references.is_empty());
        for reference in references {
            let name = reference
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("{reference} is not a schema reference"));
            assert!(schemas.contains_key(name), "{reference} names no schema");
        }
    }

    fn collect_references(value: &Value, references: &mut Vec<String>) {
        match value {
            Value::Object(object) => {
                for (key, value) in object {
                    match value {
                        Value::String(target) if key == "$ref" => references.push(target.clone()),
                        _ => collect_references(value, references),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| collect_references(v, references)),
            _ => {}
        }
    }

    /// Rule ids are renamed one by one inside a macro; the schema must name them as serde does.
    #[test]
    fn rule_ids_are_listed_as_the_api_writes_them() {
        let document = serde_json::to_value(document()).unwrap();
        let listed = &document["components"]["schemas"]["RuleId"]["enum"];
        let written: Vec<Value> = RuleId::ALL
            .iter()
            .map(|id| serde_json::to_value(id).unwrap())
            .collect();
        assert_eq!(listed, &Value::Array(written));
    }
}
