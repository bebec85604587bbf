//! The welfare services of `services.md`, by area of life. Texts a resident reads (names,
//! summaries) are translated in the frontend; what is here is what does not change with the
//! language: ids, official Icelandic names, areas and how to apply.

use serde::{Deserialize, Serialize};

/// The life situations the home page starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Area {
    Money,
    Housing,
    ChildrenAndFamily,
    Disability,
    OlderAge,
    Refugees,
    NoHome,
}

impl Area {
    pub const ALL: [Area; 7] = [
        Area::Money,
        Area::Housing,
        Area::ChildrenAndFamily,
        Area::Disability,
        Area::OlderAge,
        Area::Refugees,
        Area::NoHome,
    ];

    /// The URL segment of the area's page, e.g. `/help/older-age`.
    pub fn slug(self) -> &'static str {
        match self {
            Area::Money => "money",
            Area::Housing => "housing",
            Area::ChildrenAndFamily => "children-and-family",
            Area::Disability => "disability",
            Area::OlderAge => "older-age",
            Area::Refugees => "refugees",
            Area::NoHome => "no-home",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.slug() == slug)
    }

    /// The services listed on this area's page, in catalogue order.
    pub fn services(self) -> impl Iterator<Item = &'static Service> {
        CATALOGUE.iter().filter(move |s| s.areas.contains(&self))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ServiceId {
    FinancialAssistance,
    SpecialHousingSupport,
    HousingBenefit,
    SocialRentalHousing,
    HomeSupport,
    HomeDeliveredMeals,
    TransportForDisabledPeople,
    TransportForOlderPeople,
    PersonalAssistance,
    SupportForChildrenAndFamilies,
    SocialCounselling,
    LeisureCard,
    ServicesForRefugees,
    PeopleWithoutAHome,
}

/// How a resident gets the service: this decides the action the product offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum HowToApply {
    /// Apply here, online.
    OnlineApplication,
    /// A counsellor calls first; the resident asks for a call back.
    BookCall,
    /// Another body runs it; we explain and link out.
    ApplyElsewhere { url: &'static str },
    /// Nothing to apply for here; the page explains how it works.
    InformationOnly,
}

/// Who takes the application or the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Handler {
    /// The Online Center receives it; the district centre of the resident's postcode follows up.
    DistrictCentre,
    /// The Online Center alone.
    OnlineCenter,
    /// Another body (HMS for the housing benefit).
    OtherBody,
}

/// Papers a resident may be asked for; photos from a phone are fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Document {
    PhotoId,
    IncomeStatements,
    BankStatements,
    Lease,
    DoctorsNote,
    TaxReturn,
    DisabilityAssessment,
}

impl Document {
    pub const ALL: [Document; 7] = [
        Document::PhotoId,
        Document::IncomeStatements,
        Document::BankStatements,
        Document::Lease,
        Document::DoctorsNote,
        Document::TaxReturn,
        Document::DisabilityAssessment,
    ];

    /// The key of its name in the translations.
    pub fn key(self) -> &'static str {
        match self {
            Document::PhotoId => "photo_id",
            Document::IncomeStatements => "income_statements",
            Document::BankStatements => "bank_statements",
            Document::Lease => "lease",
            Document::DoctorsNote => "doctors_note",
            Document::TaxReturn => "tax_return",
            Document::DisabilityAssessment => "disability_assessment",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    pub id: ServiceId,
    /// The name residents hear at the centre and read on letters; shown beside every translation.
    pub official_name: &'static str,
    pub areas: &'static [Area],
    pub how_to_apply: HowToApply,
    pub handled_by: Handler,
    pub documents: &'static [Document],
    /// The law or rules it rests on, by their Icelandic title.
    pub legal_basis: &'static str,
}

impl ServiceId {
    /// The key of its texts in the translations (`services.<key>.name`, `.summary`, `.for_whom`).
    pub fn key(self) -> &'static str {
        match self {
            ServiceId::FinancialAssistance => "financial_assistance",
            ServiceId::SpecialHousingSupport => "special_housing_support",
            ServiceId::HousingBenefit => "housing_benefit",
            ServiceId::SocialRentalHousing => "social_rental_housing",
            ServiceId::HomeSupport => "home_support",
            ServiceId::HomeDeliveredMeals => "home_delivered_meals",
            ServiceId::TransportForDisabledPeople => "transport_for_disabled_people",
            ServiceId::TransportForOlderPeople => "transport_for_older_people",
            ServiceId::PersonalAssistance => "personal_assistance",
            ServiceId::SupportForChildrenAndFamilies => "support_for_children_and_families",
            ServiceId::SocialCounselling => "social_counselling",
            ServiceId::LeisureCard => "leisure_card",
            ServiceId::ServicesForRefugees => "services_for_refugees",
            ServiceId::PeopleWithoutAHome => "people_without_a_home",
        }
    }

    pub fn service(self) -> &'static Service {
        CATALOGUE
            .iter()
            .find(|s| s.id == self)
            .expect("every id is in the catalogue")
    }
}

use Area::*;

pub const CATALOGUE: [Service; 14] = [
    Service {
        id: ServiceId::FinancialAssistance,
        official_name: "Fjárhagsaðstoð",
        areas: &[Money, NoHome, Refugees],
        how_to_apply: HowToApply::OnlineApplication,
        handled_by: Handler::DistrictCentre,
        documents: &[
            Document::PhotoId,
            Document::IncomeStatements,
            Document::BankStatements,
            Document::Lease,
        ],
        legal_basis: "Reglur um fjárhagsaðstoð frá Reykjavíkurborg nr. 350/2021; lög nr. 40/1991",
    },
    Service {
        id: ServiceId::SpecialHousingSupport,
        official_name: "Sérstakur húsnæðisstuðningur",
        areas: &[Housing, Money],
        how_to_apply: HowToApply::OnlineApplication,
        handled_by: Handler::DistrictCentre,
        documents: &[
            Document::Lease,
            Document::TaxReturn,
            Document::IncomeStatements,
        ],
        legal_basis: "Reglur Reykjavíkurborgar um sérstakan húsnæðisstuðning; lög nr. 40/1991, 45. gr.",
    },
    Service {
        id: ServiceId::HousingBenefit,
        official_name: "Húsnæðisbætur",
        areas: &[Housing, Money],
        how_to_apply: HowToApply::ApplyElsewhere {
            url: "https://hms.is/husnaedisbaetur",
        },
        handled_by: Handler::OtherBody,
        documents: &[Document::Lease],
        legal_basis: "Lög um húsnæðisbætur nr. 75/2016",
    },
    Service {
        id: ServiceId::SocialRentalHousing,
        official_name: "Félagslegt leiguhúsnæði",
        areas: &[Housing, OlderAge, Disability],
        how_to_apply: HowToApply::OnlineApplication,
        handled_by: Handler::DistrictCentre,
        documents: &[Document::TaxReturn, Document::IncomeStatements],
        legal_basis: "Reglur Reykjavíkurborgar um félagslegt leiguhúsnæði; lög nr. 40/1991",
    },
    Service {
        id: ServiceId::HomeSupport,
        official_name: "Heimastuðningur",
        areas: &[OlderAge, Disability],
        how_to_apply: HowToApply::OnlineApplication,
        handled_by: Handler::DistrictCentre,
        documents: &[Document::DoctorsNote],
        legal_basis: "Reglur Reykjavíkurborgar um stuðningsþjónustu; lög nr. 40/1991",
    },
    Service {
        id: ServiceId::HomeDeliveredMeals,
        official_name: "Heimsendur matur",
        areas: &[OlderAge, Disability],
        how_to_apply: HowToApply::OnlineApplication,
        handled_by: Handler::DistrictCentre,
        documents: &[],
        legal_basis: "Reglur Reykjavíkurborgar um stuðningsþjónustu; lög nr. 40/1991",
    },
    Service {
        id: ServiceId::TransportForDisabledPeople,
        official_name: "Akstursþjónusta fatlaðs fólks",
        areas: &[Disability],
        how_to_apply: HowToApply::OnlineApplication,
        handled_by: Handler::DistrictCentre,
        documents: &[Document::DisabilityAssessment],
        legal_basis: "Reglur Reykjavíkurborgar um akstursþjónustu fatlaðs fólks; lög nr. 38/2018",
    },
    Service {
        id: ServiceId::TransportForOlderPeople,
        official_name: "Akstursþjónusta eldra fólks",
        areas: &[OlderAge],
        how_to_apply: HowToApply::OnlineApplication,
        handled_by: Handler::DistrictCentre,
        documents: &[Document::DoctorsNote],
        legal_basis: "Reglur Reykjavíkurborgar um akstursþjónustu eldra fólks",
    },
    Service {
        id: ServiceId::PersonalAssistance,
        official_name: "NPA – notendastýrð persónuleg aðstoð",
        areas: &[Disability],
        how_to_apply: HowToApply::BookCall,
        handled_by: Handler::DistrictCentre,
        documents: &[Document::DisabilityAssessment],
        legal_basis: "Lög nr. 38/2018, 11. gr.",
    },
    Service {
        id: ServiceId::SupportForChildrenAndFamilies,
        official_name: "Stuðningur við börn og fjölskyldur",
        areas: &[ChildrenAndFamily],
        how_to_apply: HowToApply::BookCall,
        handled_by: Handler::DistrictCentre,
        documents: &[],
        legal_basis: "Lög nr. 40/1991; barnaverndarlög nr. 80/2002",
    },
    Service {
        id: ServiceId::SocialCounselling,
        official_name: "Félagsleg ráðgjöf",
        areas: &[Money, Housing, ChildrenAndFamily, Refugees, NoHome],
        how_to_apply: HowToApply::BookCall,
        handled_by: Handler::OnlineCenter,
        documents: &[],
        legal_basis: "Lög um félagsþjónustu sveitarfélaga nr. 40/1991",
    },
    Service {
        id: ServiceId::LeisureCard,
        official_name: "Frístundakort",
        areas: &[ChildrenAndFamily],
        how_to_apply: HowToApply::InformationOnly,
        handled_by: Handler::OtherBody,
        documents: &[],
        legal_basis: "Reglur Reykjavíkurborgar um frístundakort",
    },
    Service {
        id: ServiceId::ServicesForRefugees,
        official_name: "Þjónusta við flóttafólk",
        areas: &[Refugees],
        how_to_apply: HowToApply::BookCall,
        handled_by: Handler::DistrictCentre,
        documents: &[Document::PhotoId],
        legal_basis: "Lög um útlendinga nr. 80/2016; lög nr. 40/1991",
    },
    Service {
        id: ServiceId::PeopleWithoutAHome,
        official_name: "Heimilislaust fólk",
        areas: &[NoHome, Housing],
        how_to_apply: HowToApply::InformationOnly,
        handled_by: Handler::OnlineCenter,
        documents: &[],
        legal_basis: "Lög um félagsþjónustu sveitarfélaga nr. 40/1991",
    },
];

/// Where a resident is served. The Online Center is the first point of contact for everyone;
/// the four district centres are defaults by postcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ServiceCentre {
    OnlineCenter,
    Vesturmidstod,
    Nordurmidstod,
    Sudurmidstod,
    Austurmidstod,
}

impl ServiceCentre {
    pub const DISTRICT_CENTRES: [ServiceCentre; 4] = [
        ServiceCentre::Vesturmidstod,
        ServiceCentre::Nordurmidstod,
        ServiceCentre::Sudurmidstod,
        ServiceCentre::Austurmidstod,
    ];

    pub fn official_name(self) -> &'static str {
        match self {
            ServiceCentre::OnlineCenter => "Rafræn miðstöð",
            ServiceCentre::Vesturmidstod => "Vesturmiðstöð",
            ServiceCentre::Nordurmidstod => "Norðurmiðstöð",
            ServiceCentre::Sudurmidstod => "Suðurmiðstöð",
            ServiceCentre::Austurmidstod => "Austurmiðstöð",
        }
    }

    /// Phone numbers as the city writes them (services.md, 2026).
    pub fn phone(self) -> &'static str {
        match self {
            ServiceCentre::OnlineCenter => "411 1111",
            ServiceCentre::Vesturmidstod => "411 1600",
            ServiceCentre::Nordurmidstod => "411 1500",
            ServiceCentre::Sudurmidstod => "411 1300",
            ServiceCentre::Austurmidstod => "411 1200",
        }
    }

    /// The latest known street address; the Online Center has none to visit.
    pub fn address(self) -> Option<&'static str> {
        match self {
            ServiceCentre::OnlineCenter => None,
            ServiceCentre::Vesturmidstod => Some("Austurstræti 8–10, 101 Reykjavík"),
            ServiceCentre::Nordurmidstod => Some("Efstaleiti 1, 103 Reykjavík"),
            ServiceCentre::Sudurmidstod => Some("Álfabakki 10, 109 Reykjavík"),
            ServiceCentre::Austurmidstod => Some("Bíldshöfði 20, 4. hæð, 110 Reykjavík"),
        }
    }
}

/// The city's welfare line, answered by the Online Center.
pub const CITY_PHONE: &str = "411 1111";
pub const EMERGENCY_NUMBER: &str = "112";
pub const CHILD_PROTECTION_EMAIL: &str = "barnavernd@reykjavik.is";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_lists_at_least_one_service() {
        for area in Area::ALL {
            assert!(area.services().count() > 0, "{area:?} has no services");
        }
    }

    #[test]
    fn every_service_belongs_to_an_area_and_ids_are_unique() {
        for (i, s) in CATALOGUE.iter().enumerate() {
            assert!(!s.areas.is_empty(), "{:?} has no area", s.id);
            assert!(
                CATALOGUE[i + 1..].iter().all(|o| o.id != s.id),
                "{:?} twice",
                s.id
            );
        }
    }

    #[test]
    fn area_slugs_round_trip_and_unknown_slugs_are_none() {
        for area in Area::ALL {
            assert_eq!(Area::from_slug(area.slug()), Some(area));
        }
        assert_eq!(Area::from_slug("Money"), None);
        assert_eq!(Area::from_slug(""), None);
    }
}
