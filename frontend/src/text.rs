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

// --- The screener -----------------------------------------------------------------------------

use velferd_shared::{
    answers::Question,
    rules::{NextStep, Note, Referral, RuleId, RuleStatus},
    validation::{KronurError, PostcodeError},
};

use crate::screener::questions::{InputError, RangeError};

pub fn question_title(locale: Locale, question: Question) -> &'static str {
    use Question::*;
    match question {
        Age => td_string!(locale, questions.age.title),
        Postcode => td_string!(locale, questions.postcode.title),
        Living => td_string!(locale, questions.living.title),
        Partner => td_string!(locale, questions.partner.title),
        Children => td_string!(locale, questions.children.title),
        Custody => td_string!(locale, questions.custody.title),
        ResidenceStatus => td_string!(locale, questions.residence_status.title),
        PermitMonthsLeft => td_string!(locale, questions.permit_months_left.title),
        MonthsInReykjavik => td_string!(locale, questions.months_in_reykjavik.title),
        Employment => td_string!(locale, questions.employment.title),
        Student => td_string!(locale, questions.student.title),
        IncomeThisMonth => td_string!(locale, questions.income_this_month.title),
        RentPerMonth => td_string!(locale, questions.rent_per_month.title),
        IncomeLastYear => td_string!(locale, questions.income_last_year.title),
        IncomeThreeYearAverage => td_string!(locale, questions.income_three_year_average.title),
        Assets => td_string!(locale, questions.assets.title),
        Disability => td_string!(locale, questions.disability.title),
        SupportHoursPerWeek => td_string!(locale, questions.support_hours_per_week.title),
        NeedsHelpAtHome => td_string!(locale, questions.needs_help_at_home.title),
        CanUsePublicTransport => td_string!(locale, questions.can_use_public_transport.title),
        AppliedTr => td_string!(locale, questions.applied_tr.title),
        AppliedVmst => td_string!(locale, questions.applied_vmst.title),
        AppliedHousingBenefit => td_string!(locale, questions.applied_housing_benefit.title),
    }
}

pub fn question_hint(locale: Locale, question: Question) -> Option<&'static str> {
    use Question::*;
    Some(match question {
        Age => td_string!(locale, questions.age.hint),
        Postcode => td_string!(locale, questions.postcode.hint),
        Partner => td_string!(locale, questions.partner.hint),
        Children => td_string!(locale, questions.children.hint),
        PermitMonthsLeft => td_string!(locale, questions.permit_months_left.hint),
        MonthsInReykjavik => td_string!(locale, questions.months_in_reykjavik.hint),
        IncomeThisMonth => td_string!(locale, questions.income_this_month.hint),
        RentPerMonth => td_string!(locale, questions.rent_per_month.hint),
        IncomeLastYear => td_string!(locale, questions.income_last_year.hint),
        IncomeThreeYearAverage => td_string!(locale, questions.income_three_year_average.hint),
        Assets => td_string!(locale, questions.assets.hint),
        SupportHoursPerWeek => td_string!(locale, questions.support_hours_per_week.hint),
        _ => return None,
    })
}

/// The label of option `index` of a choice question; yes/no questions share two labels.
pub fn option_label(locale: Locale, question: Question, index: usize) -> &'static str {
    match (question, index) {
        (Question::Living, 0) => td_string!(locale, questions.living.own_home),
        (Question::Living, 1) => td_string!(locale, questions.living.registered_lease),
        (Question::Living, 2) => td_string!(locale, questions.living.unregistered_lease),
        (Question::Living, 3) => td_string!(locale, questions.living.with_parents),
        (Question::Living, 4) => td_string!(locale, questions.living.with_others),
        (Question::Living, _) => td_string!(locale, questions.living.no_home),
        (Question::ResidenceStatus, 0) => {
            td_string!(locale, questions.residence_status.citizen_or_eea)
        }
        (Question::ResidenceStatus, 1) => {
            td_string!(locale, questions.residence_status.permanent_permit)
        }
        (Question::ResidenceStatus, 2) => {
            td_string!(locale, questions.residence_status.temporary_permit)
        }
        (Question::ResidenceStatus, 3) => {
            td_string!(locale, questions.residence_status.international_protection)
        }
        (Question::ResidenceStatus, _) => {
            td_string!(locale, questions.residence_status.asylum_seeker)
        }
        (Question::Employment, 0) => td_string!(locale, questions.employment.working),
        (Question::Employment, 1) => td_string!(locale, questions.employment.unemployed),
        (Question::Employment, 2) => td_string!(locale, questions.employment.unable_to_work),
        (Question::Employment, 3) => td_string!(locale, questions.employment.retired),
        (Question::Employment, _) => td_string!(locale, questions.employment.other),
        (_, 0) => td_string!(locale, screener.yes),
        _ => td_string!(locale, screener.no),
    }
}

pub fn input_error(locale: Locale, error: InputError) -> &'static str {
    match error {
        InputError::Required => td_string!(locale, input_errors.required),
        InputError::ChooseOne => td_string!(locale, input_errors.choose_one),
        InputError::WholeNumber => td_string!(locale, input_errors.whole_number),
        InputError::OutOfRange(RangeError::Age) => td_string!(locale, input_errors.age_range),
        InputError::OutOfRange(RangeError::Months) => td_string!(locale, input_errors.months_range),
        InputError::OutOfRange(RangeError::Hours) => td_string!(locale, input_errors.hours_range),
        InputError::ChildAges => td_string!(locale, input_errors.child_ages),
        InputError::Money(e) => match e {
            KronurError::Empty => td_string!(locale, errors.money.empty),
            KronurError::Negative => td_string!(locale, errors.money.negative),
            KronurError::NotWholeKronur => td_string!(locale, errors.money.not_whole_kronur),
            KronurError::BadFormat => td_string!(locale, errors.money.bad_format),
            KronurError::TooLarge => td_string!(locale, errors.money.too_large),
        },
        InputError::Postcode(e) => match e {
            PostcodeError::Empty => td_string!(locale, errors.postcode.empty),
            PostcodeError::NotThreeDigits => td_string!(locale, errors.postcode.not_three_digits),
            PostcodeError::NotIcelandic => td_string!(locale, errors.postcode.not_icelandic),
        },
    }
}

pub fn rule_text(locale: Locale, rule: RuleId) -> &'static str {
    use RuleId::*;
    match rule {
        FaAge => td_string!(locale, rules.fa.age),
        FaResidence => td_string!(locale, rules.fa.residence),
        FaOtherEntitlements => td_string!(locale, rules.fa.other_entitlements),
        FaStudent => td_string!(locale, rules.fa.student),
        FaIncome => td_string!(locale, rules.fa.income),
        FaAssets => td_string!(locale, rules.fa.assets),
        ShsAge => td_string!(locale, rules.shs.age),
        ShsResidence => td_string!(locale, rules.shs.residence),
        ShsRenting => td_string!(locale, rules.shs.renting),
        ShsHousingBenefit => td_string!(locale, rules.shs.housing_benefit),
        ShsPoints => td_string!(locale, rules.shs.points),
        ShsAssets => td_string!(locale, rules.shs.assets),
        ShsIncome => td_string!(locale, rules.shs.income),
        HbRegisteredLease => td_string!(locale, rules.hb.registered_lease),
        HbIncome => td_string!(locale, rules.hb.income),
        SrhAge => td_string!(locale, rules.srh.age),
        SrhResidence => td_string!(locale, rules.srh.residence),
        SrhNoOwnHome => td_string!(locale, rules.srh.no_own_home),
        SrhPermit => td_string!(locale, rules.srh.permit),
        SrhIncome => td_string!(locale, rules.srh.income),
        SrhAssets => td_string!(locale, rules.srh.assets),
        SrhPoints => td_string!(locale, rules.srh.points),
        HsAge => td_string!(locale, rules.hs.age),
        HsResidence => td_string!(locale, rules.hs.residence),
        HsLivingIndependently => td_string!(locale, rules.hs.living_independently),
        HsNeed => td_string!(locale, rules.hs.need),
        MealsAge => td_string!(locale, rules.meals.age),
        MealsResidence => td_string!(locale, rules.meals.residence),
        MealsLivingIndependently => td_string!(locale, rules.meals.living_independently),
        MealsNeed => td_string!(locale, rules.meals.need),
        TdResidence => td_string!(locale, rules.td.residence),
        TdDisability => td_string!(locale, rules.td.disability),
        ToResidence => td_string!(locale, rules.to.residence),
        ToAge => td_string!(locale, rules.to.age),
        ToPublicTransport => td_string!(locale, rules.to.public_transport),
        NpaResidence => td_string!(locale, rules.npa.residence),
        NpaDisability => td_string!(locale, rules.npa.disability),
        NpaHours => td_string!(locale, rules.npa.hours),
        NpaAge => td_string!(locale, rules.npa.age),
        NpaLiving => td_string!(locale, rules.npa.living),
        NpaAgeRelated => td_string!(locale, rules.npa.age_related),
        CfResidence => td_string!(locale, rules.cf.residence),
        CfChildren => td_string!(locale, rules.cf.children),
        CfNeed => td_string!(locale, rules.cf.need),
        ScResidence => td_string!(locale, rules.sc.residence),
        LcResidence => td_string!(locale, rules.lc.residence),
        LcChildAge => td_string!(locale, rules.lc.child_age),
        RefResidence => td_string!(locale, rules.refugees.residence),
        RefProtection => td_string!(locale, rules.refugees.protection),
        HomeNoHome => td_string!(locale, rules.home.no_home),
    }
}

pub fn status_label(locale: Locale, status: &RuleStatus) -> &'static str {
    match status {
        RuleStatus::Passed => td_string!(locale, statuses.passed),
        RuleStatus::Failed => td_string!(locale, statuses.failed),
        RuleStatus::Unknown => td_string!(locale, statuses.unknown),
        RuleStatus::Missing { .. } => td_string!(locale, statuses.missing),
        RuleStatus::CounsellorAssesses => td_string!(locale, statuses.counsellor),
    }
}

pub fn referral_text(locale: Locale, referral: Referral) -> &'static str {
    match referral {
        Referral::SocialInsuranceTr => td_string!(locale, referrals.social_insurance_tr),
        Referral::DirectorateOfLabour => td_string!(locale, referrals.directorate_of_labour),
        Referral::HousingBenefitHms => td_string!(locale, referrals.housing_benefit_hms),
        Referral::OwnMunicipality => td_string!(locale, referrals.own_municipality),
    }
}

pub fn note_text(locale: Locale, note: Note) -> &'static str {
    match note {
        Note::FiguresFromEarlierYear { .. } => td_string!(locale, notes.figures_earlier_year),
        Note::MayAffectResidencePermit => td_string!(locale, notes.may_affect_residence_permit),
    }
}

pub fn next_step_label(locale: Locale, step: NextStep) -> Option<&'static str> {
    Some(match step {
        NextStep::ApplyOnline => td_string!(locale, next_steps.apply_online),
        NextStep::BookCall => td_string!(locale, next_steps.book_call),
        NextStep::ApplyElsewhere { .. } => td_string!(locale, next_steps.apply_elsewhere),
        NextStep::ReadInformation => td_string!(locale, next_steps.read_information),
        NextStep::UrgentHelp => td_string!(locale, next_steps.urgent_help),
        NextStep::None => return None,
    })
}

pub fn figure_status_label(
    locale: Locale,
    status: velferd_shared::rules::FigureStatus,
) -> &'static str {
    use velferd_shared::rules::FigureStatus::*;
    match status {
        Confirmed => td_string!(locale, figure_status.confirmed),
        Proposed => td_string!(locale, figure_status.proposed),
        Derived => td_string!(locale, figure_status.derived),
        Assumed => td_string!(locale, figure_status.assumed),
    }
}
