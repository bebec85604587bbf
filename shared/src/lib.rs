//! The single source of truth for Velferð: compiled into the browser (wasm) and the server
//! (native), so both sides agree on languages, the service catalogue and the API's shapes.
//! No I/O lives here.

pub mod answers;
pub mod api;
pub mod application;
pub mod catalogue;
pub mod choice;
pub mod follow;
pub mod language;
pub mod numbers;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod partner;
pub mod prerendered;
pub mod problem;
pub mod rules;
pub mod staff;
pub mod validation;

pub use catalogue::{Area, HowToApply, Service, ServiceCentre, ServiceId};
pub use language::{Direction, Language};
pub use problem::ProblemCode;
