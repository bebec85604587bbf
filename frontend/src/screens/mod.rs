pub mod area;
pub mod check_answers;
pub mod check_start;
pub mod home;
pub mod not_found;
pub mod question;
pub mod results;
pub mod urgent;
