//! The answers a resident picks from a list, each option named by a stable key (its JSON name),
//! so a form's radio buttons carry the domain value itself rather than a position in a list.

use crate::{
    Language, ServiceCentre,
    answers::{Employment, LivingSituation, ResidenceStatus},
    application::TaxCredit,
    follow::TimeWindow,
};

pub trait Choice: Copy + PartialEq + 'static {
    /// Every option, in the order a form lists them.
    const OPTIONS: &'static [Self];

    /// The option's stable name: its JSON name, and its radio button's `value`.
    fn key(self) -> &'static str;

    fn from_key(key: &str) -> Option<Self> {
        Self::OPTIONS.iter().copied().find(|o| o.key() == key)
    }
}

macro_rules! choices {
    ($($ty:ty { $($value:expr => $key:literal,)* })*) => {$(
        impl Choice for $ty {
            const OPTIONS: &'static [Self] = &[$($value,)*];

            fn key(self) -> &'static str {
                $(if self == $value { return $key; })*
                unreachable!("every option is listed")
            }
        }
    )*};
}

choices! {
    bool {
        true => "yes",
        false => "no",
    }
    LivingSituation {
        LivingSituation::OwnHome => "own-home",
        LivingSituation::RegisteredLease => "registered-lease",
        LivingSituation::UnregisteredLease => "unregistered-lease",
        LivingSituation::WithParents => "with-parents",
        LivingSituation::WithOthers => "with-others",
        LivingSituation::NoHome => "no-home",
    }
    ResidenceStatus {
        ResidenceStatus::CitizenOrEea => "citizen-or-eea",
        ResidenceStatus::PermanentPermit => "permanent-permit",
        ResidenceStatus::TemporaryPermit => "temporary-permit",
        ResidenceStatus::InternationalProtection => "international-protection",
        ResidenceStatus::AsylumSeeker => "asylum-seeker",
    }
    Employment {
        Employment::Working => "working",
        Employment::Unemployed => "unemployed",
        Employment::UnableToWork => "unable-to-work",
        Employment::Retired => "retired",
        Employment::Other => "other",
    }
    TaxCredit {
        TaxCredit::UsedElsewhere => "used-elsewhere",
        TaxCredit::PartlyUsed => "partly-used",
        TaxCredit::NotUsed => "not-used",
    }
    // The district centres first: the Online Center is the choice for anyone unsure.
    ServiceCentre {
        ServiceCentre::Vesturmidstod => "vesturmidstod",
        ServiceCentre::Nordurmidstod => "nordurmidstod",
        ServiceCentre::Sudurmidstod => "sudurmidstod",
        ServiceCentre::Austurmidstod => "austurmidstod",
        ServiceCentre::OnlineCenter => "online-center",
    }
    TimeWindow {
        TimeWindow::Morning => "morning",
        TimeWindow::Midday => "midday",
        TimeWindow::Afternoon => "afternoon",
    }
}

/// Languages are named by their codes everywhere already.
impl Choice for Language {
    const OPTIONS: &'static [Self] = &Language::ALL;

    fn key(self) -> &'static str {
        self.code()
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    fn keys_are_json_names<T: Choice + Serialize + std::fmt::Debug>() {
        for option in T::OPTIONS {
            assert_eq!(
                serde_json::to_value(option).unwrap(),
                serde_json::Value::from(option.key())
            );
            assert_eq!(T::from_key(option.key()), Some(*option));
        }
    }

    #[test]
    fn every_option_is_named_by_its_json_name_and_reads_back_from_it() {
        keys_are_json_names::<LivingSituation>();
        keys_are_json_names::<ResidenceStatus>();
        keys_are_json_names::<Employment>();
        keys_are_json_names::<TaxCredit>();
        keys_are_json_names::<ServiceCentre>();
        keys_are_json_names::<Language>();
        keys_are_json_names::<TimeWindow>();
        assert_eq!(bool::from_key("yes"), Some(true));
        assert_eq!(bool::from_key("no"), Some(false));
        assert_eq!(bool::from_key("maybe"), None);
    }

    #[test]
    fn every_value_of_each_type_is_an_option() {
        assert_eq!(ServiceCentre::OPTIONS.len(), 5);
        assert_eq!(Language::OPTIONS.len(), Language::ALL.len());
        assert_eq!(TimeWindow::OPTIONS.len(), TimeWindow::ALL.len());
        assert_eq!(TaxCredit::OPTIONS.len(), TaxCredit::ALL.len());
    }
}
