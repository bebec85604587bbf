pub mod focus;
pub mod footer;
pub mod header;
pub mod language_menu;
pub mod page;
