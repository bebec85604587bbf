//! What a resident types, turned into types that cannot hold a mistake ("parse, don't
//! validate"). Each type is built only by parsing, so code holding one never checks it again, and
//! the browser and the server reject exactly the same input.
//!
//! Every error has a stable `code()` such as `kennitala.bad-date`, which `ProblemCode` carries to
//! the UI's message and to the code in the API's problem+json. Messages and `Debug` output never
//! repeat the input, because the input is often personal data and errors end up in logs.

mod bank;
mod count;
mod date;
mod kennitala;
mod money;
mod phone;
mod postcode;
mod text;

pub use bank::{BankAccount, BankAccountError, BankAccountPart};
pub use count::{Age, ChildAge, Months, WeeklyHours, parse_child_ages};
pub use date::{Date, DateError};
pub use kennitala::{Kennitala, KennitalaError};
pub use money::{Kronur, KronurError};
pub use phone::{PhoneNumber, PhoneNumberError};
pub use postcode::{Postcode, PostcodeError, Residence};
pub use text::check_free_text;
