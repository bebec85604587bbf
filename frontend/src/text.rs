//! Translated texts chosen by a domain value. Each arm names its key, so the compiler still
//! checks every key exists.

use velferd_shared::{Area, ServiceId, catalogue::Document};

use crate::i18n::*;

pub fn area_title(locale: Locale, area: Area) -> &'static str {
    match area {
        Area::Money => td_string!(locale, areas.money.title),
        Area::Housing => td_string!(locale, areas.housing.title),
        Area::ChildrenAndFamily => td_string!(locale, areas.children_and_family.title),
        Area::Disability => td_string!(locale, areas.disability.title),
        Area::OlderAge => td_string!(locale, areas.older_age.title),
        Area::Refugees => td_string!(locale, areas.refugees.title),
        Area::NoHome => td_string!(locale, areas.no_home.title),
    }
}

pub fn area_summary(locale: Locale, area: Area) -> &'static str {
    match area {
        Area::Money => td_string!(locale, areas.money.summary),
        Area::Housing => td_string!(locale, areas.housing.summary),
        Area::ChildrenAndFamily => td_string!(locale, areas.children_and_family.summary),
        Area::Disability => td_string!(locale, areas.disability.summary),
        Area::OlderAge => td_string!(locale, areas.older_age.summary),
        Area::Refugees => td_string!(locale, areas.refugees.summary),
        Area::NoHome => td_string!(locale, areas.no_home.summary),
    }
}

pub fn service_name(locale: Locale, service: ServiceId) -> &'static str {
    use ServiceId::*;
    match service {
        FinancialAssistance => td_string!(locale, services.financial_assistance.name),
        SpecialHousingSupport => td_string!(locale, services.special_housing_support.name),
        HousingBenefit => td_string!(locale, services.housing_benefit.name),
        SocialRentalHousing => td_string!(locale, services.social_rental_housing.name),
        HomeSupport => td_string!(locale, services.home_support.name),
        HomeDeliveredMeals => td_string!(locale, services.home_delivered_meals.name),
        TransportForDisabledPeople => {
            td_string!(locale, services.transport_for_disabled_people.name)
        }
        TransportForOlderPeople => td_string!(locale, services.transport_for_older_people.name),
        PersonalAssistance => td_string!(locale, services.personal_assistance.name),
        SupportForChildrenAndFamilies => {
            td_string!(locale, services.support_for_children_and_families.name)
        }
        SocialCounselling => td_string!(locale, services.social_counselling.name),
        LeisureCard => td_string!(locale, services.leisure_card.name),
        ServicesForRefugees => td_string!(locale, services.services_for_refugees.name),
        PeopleWithoutAHome => td_string!(locale, services.people_without_a_home.name),
    }
}

pub fn service_summary(locale: Locale, service: ServiceId) -> &'static str {
    use ServiceId::*;
    match service {
        FinancialAssistance => td_string!(locale, services.financial_assistance.summary),
        SpecialHousingSupport => td_string!(locale, services.special_housing_support.summary),
        HousingBenefit => td_string!(locale, services.housing_benefit.summary),
        SocialRentalHousing => td_string!(locale, services.social_rental_housing.summary),
        HomeSupport => td_string!(locale, services.home_support.summary),
        HomeDeliveredMeals => td_string!(locale, services.home_delivered_meals.summary),
        TransportForDisabledPeople => {
            td_string!(locale, services.transport_for_disabled_people.summary)
        }
        TransportForOlderPeople => {
            td_string!(locale, services.transport_for_older_people.summary)
        }
        PersonalAssistance => td_string!(locale, services.personal_assistance.summary),
        SupportForChildrenAndFamilies => {
            td_string!(locale, services.support_for_children_and_families.summary)
        }
        SocialCounselling => td_string!(locale, services.social_counselling.summary),
        LeisureCard => td_string!(locale, services.leisure_card.summary),
        ServicesForRefugees => td_string!(locale, services.services_for_refugees.summary),
        PeopleWithoutAHome => td_string!(locale, services.people_without_a_home.summary),
    }
}

pub fn service_for_whom(locale: Locale, service: ServiceId) -> &'static str {
    use ServiceId::*;
    match service {
        FinancialAssistance => td_string!(locale, services.financial_assistance.for_whom),
        SpecialHousingSupport => td_string!(locale, services.special_housing_support.for_whom),
        HousingBenefit => td_string!(locale, services.housing_benefit.for_whom),
        SocialRentalHousing => td_string!(locale, services.social_rental_housing.for_whom),
        HomeSupport => td_string!(locale, services.home_support.for_whom),
        HomeDeliveredMeals => td_string!(locale, services.home_delivered_meals.for_whom),
        TransportForDisabledPeople => {
            td_string!(locale, services.transport_for_disabled_people.for_whom)
        }
        TransportForOlderPeople => {
            td_string!(locale, services.transport_for_older_people.for_whom)
        }
        PersonalAssistance => td_string!(locale, services.personal_assistance.for_whom),
        SupportForChildrenAndFamilies => {
            td_string!(locale, services.support_for_children_and_families.for_whom)
        }
        SocialCounselling => td_string!(locale, services.social_counselling.for_whom),
        LeisureCard => td_string!(locale, services.leisure_card.for_whom),
        ServicesForRefugees => td_string!(locale, services.services_for_refugees.for_whom),
        PeopleWithoutAHome => td_string!(locale, services.people_without_a_home.for_whom),
    }
}

pub fn document_name(locale: Locale, document: Document) -> &'static str {
    match document {
        Document::PhotoId => td_string!(locale, documents.photo_id),
        Document::IncomeStatements => td_string!(locale, documents.income_statements),
        Document::BankStatements => td_string!(locale, documents.bank_statements),
        Document::Lease => td_string!(locale, documents.lease),
        Document::DoctorsNote => td_string!(locale, documents.doctors_note),
        Document::TaxReturn => td_string!(locale, documents.tax_return),
        Document::DisabilityAssessment => td_string!(locale, documents.disability_assessment),
    }
}
