pub mod documents;
pub mod error_summary;
pub mod focus;
pub mod footer;
pub mod header;
pub mod language_menu;
pub mod page;
pub mod upload;
