//! The fields of an application draft. Its JSON pointer in a request is `/draft/<name>`.

use super::{ApplicationDraft, Step};
use crate::{ProblemCode, choice::Choice};

/// How a field is filled in: typed text, one option of a list, or a tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Choice,
    Tick,
}

// What each kind of field holds in the draft: text and choices are `None` until asked, a tick
// is a plain `bool`.
macro_rules! filled {
    (Text, $slot:expr) => {
        $slot.is_some()
    };
    (Choice, $slot:expr) => {
        $slot.is_some()
    };
    (Tick, $slot:expr) => {
        $slot
    };
}

macro_rules! text_of {
    (Text, $slot:expr) => {
        $slot.as_deref()
    };
    ($other:ident, $slot:expr) => {
        None
    };
}

macro_rules! set_text {
    (Text, $slot:expr, $typed:expr) => {
        $slot = Some($typed)
    };
    ($other:ident, $slot:expr, $typed:expr) => {{
        let _ = $typed;
    }};
}

macro_rules! chosen_key {
    (Choice, $slot:expr) => {
        $slot.map(Choice::key)
    };
    ($other:ident, $slot:expr) => {
        None
    };
}

macro_rules! choose_key {
    (Choice, $slot:expr, $key:expr) => {
        $slot = $key.and_then(Choice::from_key)
    };
    ($other:ident, $slot:expr, $key:expr) => {{
        let _ = $key;
    }};
}

macro_rules! option_keys {
    (Choice, $($slot:ident)+) => {
        keys_of(|d: &ApplicationDraft| &d.$($slot)+)
    };
    ($other:ident, $($slot:ident)+) => {
        Vec::new()
    };
}

/// The options of a choice, by the draft slot it fills (which names its type).
fn keys_of<T: Choice>(_slot: fn(&ApplicationDraft) -> &Option<T>) -> Vec<&'static str> {
    T::OPTIONS.iter().map(|o| o.key()).collect()
}

/// The fields, written once: the enum, the list of all fields, their names, kinds and
/// "missing" codes, and every read and write of the draft by field are generated from this
/// table. A field's name is the draft's own field name.
macro_rules! draft_fields {
    ($($kind:ident $field:ident => $name:ident, $required:ident;)*) => {
        /// One field of the draft.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $($field,)*
        }

        impl Field {
            pub const ALL: &'static [Field] = &[$(Field::$field,)*];

            /// The field's name in the draft's JSON (and in the HTML form).
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$field => stringify!($name),)*
                }
            }

            pub fn kind(self) -> FieldKind {
                match self {
                    $(Field::$field => FieldKind::$kind,)*
                }
            }

            /// The problem of "this field is missing".
            pub fn required_code(self) -> ProblemCode {
                match self {
                    $(Field::$field => ProblemCode::$required,)*
                }
            }

            pub(super) fn is_filled(self, d: &ApplicationDraft) -> bool {
                match self {
                    $(Field::$field => filled!($kind, d.$name),)*
                }
            }

            /// A text field's value; `None` for choices and for a field not asked yet.
            pub fn text(self, d: &ApplicationDraft) -> Option<&str> {
                match self {
                    $(Field::$field => text_of!($kind, d.$name),)*
                }
            }

            /// Sets a text field to what was typed; other fields are left alone.
            pub fn set_text(self, d: &mut ApplicationDraft, typed: String) {
                match self {
                    $(Field::$field => set_text!($kind, d.$name, typed),)*
                }
            }

            /// A choice's chosen option, by its key.
            pub fn chosen(self, d: &ApplicationDraft) -> Option<&'static str> {
                match self {
                    $(Field::$field => chosen_key!($kind, d.$name),)*
                }
            }

            /// Chooses the option `key` (or nothing) for a choice; other fields are left alone.
            pub fn choose(self, d: &mut ApplicationDraft, key: Option<&str>) {
                match self {
                    $(Field::$field => choose_key!($kind, d.$name, key),)*
                }
            }

            /// A choice's options, by key, in the order a form lists them; none for others.
            pub fn options(self) -> Vec<&'static str> {
                match self {
                    $(Field::$field => option_keys!($kind, $name),)*
                }
            }
        }
    };
}

draft_fields! {
    Tick Consent => consent, RequiredConsent;
    Text Name => name, RequiredName;
    Text Kennitala => kennitala, RequiredKennitala;
    Text Address => address, RequiredAddress;
    Text Postcode => postcode, RequiredPostcode;
    Choice Centre => centre, RequiredCentre;
    Choice PreviousAid => previous_aid, RequiredChoice;
    Choice Partner => partner, RequiredChoice;
    Text PartnerKennitala => partner_kennitala, RequiredPartnerKennitala;
    Text PartnerEmail => partner_email, RequiredPartnerEmail;
    Text Children => children, RequiredNumber;
    Choice Student => student, RequiredChoice;
    Choice Housing => housing, RequiredChoice;
    Choice Employment => employment, RequiredChoice;
    Text Income => income, RequiredAmount;
    Text IncomeSource => income_source, RequiredChoice;
    Choice TaxCredit => tax_credit, RequiredChoice;
    Text BankAccount => bank_account, RequiredBankAccount;
    Choice PaidToPartner => paid_to_partner, RequiredChoice;
    Text Rent => rent, RequiredAmount;
    Text HouseholdSize => household_size, RequiredNumber;
    Choice Wheelchair => wheelchair, RequiredChoice;
    Text HelpNeeded => help_needed, RequiredHelpNeeded;
    Tick DocumentsSeen => documents_seen, RequiredDocuments;
    Text Email => email, RequiredChoice;
    Text Phone => phone, RequiredPhone;
    Choice ContactLanguage => contact_language, RequiredChoice;
}

impl Field {
    pub fn pointer(self) -> String {
        format!("/draft/{}", self.name())
    }

    pub fn from_pointer(pointer: &str) -> Option<Field> {
        let name = pointer.strip_prefix("/draft/")?;
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The page that asks for this field.
    pub fn step(self) -> Step {
        Step::ALL
            .iter()
            .copied()
            .find(|s| s.fields().contains(&self))
            .expect("every field is on a page")
    }
}
