//! Translated texts chosen by a domain value. Each arm names its key, so the compiler still
//! checks every key exists.

use velferd_shared::{Area, ServiceId, catalogue::Document};

use crate::i18n::*;

/// What `tr!` builds: the text of the chosen language, read again when the language changes.
pub fn live(
    i18n: leptos_i18n::I18nContext<Locale>,
    text: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || text(i18n.get_locale())
}

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
    Language, ProblemCode, ServiceCentre,
    answers::{Employment, LivingSituation, Question, ResidenceStatus},
    application::TaxCredit,
    choice::Choice,
    follow::TimeWindow,
    rules::{NextStep, Note, Referral, RuleId, RuleStatus},
    validation::{
        BankAccountError, BankAccountPart, DateError, KennitalaError, KronurError,
        PhoneNumberError, PostcodeError,
    },
};

use crate::components::form::RadioOption;

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

/// The label of each option of a choice, by value: written once per type, used by the
/// screener, the application and the call-back form alike.
pub trait OptionText: Choice {
    fn label(self, locale: Locale) -> &'static str;

    /// The label's language where it is not the page's.
    fn lang(self) -> Option<&'static str> {
        None
    }
}

/// The radio buttons of a list of options, labelled in `locale`.
pub fn radio_options<T: OptionText>(locale: Locale, options: &[T]) -> Vec<RadioOption> {
    options
        .iter()
        .map(|o| RadioOption {
            value: o.key(),
            label: o.label(locale).to_owned(),
            lang: o.lang(),
        })
        .collect()
}

impl OptionText for bool {
    fn label(self, locale: Locale) -> &'static str {
        if self {
            td_string!(locale, screener.yes)
        } else {
            td_string!(locale, screener.no)
        }
    }
}

impl OptionText for LivingSituation {
    fn label(self, locale: Locale) -> &'static str {
        use LivingSituation::*;
        match self {
            OwnHome => td_string!(locale, questions.living.own_home),
            RegisteredLease => td_string!(locale, questions.living.registered_lease),
            UnregisteredLease => td_string!(locale, questions.living.unregistered_lease),
            WithParents => td_string!(locale, questions.living.with_parents),
            WithOthers => td_string!(locale, questions.living.with_others),
            NoHome => td_string!(locale, questions.living.no_home),
        }
    }
}

impl OptionText for ResidenceStatus {
    fn label(self, locale: Locale) -> &'static str {
        use ResidenceStatus::*;
        match self {
            CitizenOrEea => td_string!(locale, questions.residence_status.citizen_or_eea),
            PermanentPermit => td_string!(locale, questions.residence_status.permanent_permit),
            TemporaryPermit => td_string!(locale, questions.residence_status.temporary_permit),
            InternationalProtection => {
                td_string!(locale, questions.residence_status.international_protection)
            }
            AsylumSeeker => td_string!(locale, questions.residence_status.asylum_seeker),
        }
    }
}

impl OptionText for Employment {
    fn label(self, locale: Locale) -> &'static str {
        use Employment::*;
        match self {
            Working => td_string!(locale, questions.employment.working),
            Unemployed => td_string!(locale, questions.employment.unemployed),
            UnableToWork => td_string!(locale, questions.employment.unable_to_work),
            Retired => td_string!(locale, questions.employment.retired),
            Other => td_string!(locale, questions.employment.other),
        }
    }
}

impl OptionText for TaxCredit {
    fn label(self, locale: Locale) -> &'static str {
        match self {
            TaxCredit::UsedElsewhere => td_string!(locale, application.tax_credit.used_elsewhere),
            TaxCredit::PartlyUsed => td_string!(locale, application.tax_credit.partly_used),
            TaxCredit::NotUsed => td_string!(locale, application.tax_credit.not_used),
        }
    }
}

/// District centres keep their official names; the Online Center is described.
impl OptionText for ServiceCentre {
    fn label(self, locale: Locale) -> &'static str {
        match self {
            ServiceCentre::OnlineCenter => td_string!(locale, application.centre.online_center),
            district => district.official_name(),
        }
    }

    fn lang(self) -> Option<&'static str> {
        (self != ServiceCentre::OnlineCenter).then_some("is")
    }
}

/// Each language by its own name, in its own language.
impl OptionText for Language {
    fn label(self, _: Locale) -> &'static str {
        self.native_name()
    }

    fn lang(self) -> Option<&'static str> {
        Some(self.code())
    }
}

impl OptionText for TimeWindow {
    fn label(self, locale: Locale) -> &'static str {
        match self {
            TimeWindow::Morning => td_string!(locale, callback.window_morning),
            TimeWindow::Midday => td_string!(locale, callback.window_midday),
            TimeWindow::Afternoon => td_string!(locale, callback.window_afternoon),
        }
    }
}

/// The message for a problem, from the browser's own check or named by the API's answer.
/// Exhaustive: a new code does not compile until it has a message.
pub fn problem_message(locale: Locale, code: ProblemCode) -> &'static str {
    use ProblemCode::*;
    match code {
        RequiredConsent => td_string!(locale, errors.required.consent),
        RequiredName => td_string!(locale, errors.required.name),
        RequiredKennitala => td_string!(locale, errors.required.kennitala),
        RequiredAddress => td_string!(locale, errors.required.address),
        RequiredPostcode => td_string!(locale, errors.required.postcode),
        RequiredCentre => td_string!(locale, errors.required.centre),
        RequiredChoice => td_string!(locale, errors.required.choice),
        RequiredPartnerKennitala => td_string!(locale, errors.required.partner_kennitala),
        RequiredPartnerEmail => td_string!(locale, errors.required.partner_email),
        RequiredNumber => td_string!(locale, errors.required.number),
        RequiredAmount => td_string!(locale, errors.required.amount),
        RequiredBankAccount => td_string!(locale, errors.required.bank_account),
        RequiredHelpNeeded => td_string!(locale, errors.required.help_needed),
        RequiredDocuments => td_string!(locale, errors.required.documents),
        RequiredPhone => td_string!(locale, errors.required.phone),
        RequiredLanguage => td_string!(locale, errors.required.language),
        RequiredWindow => td_string!(locale, errors.required.window),
        RequiredNote => td_string!(locale, errors.required.note),
        RequiredMessageToResident => td_string!(locale, errors.required.message_to_resident),
        RequiredDecision => td_string!(locale, errors.required.decision),
        RequiredReasons => td_string!(locale, errors.required.reasons),
        RequiredGrantedAmount => td_string!(locale, errors.required.granted_amount),
        StatusNotByStaff => td_string!(locale, errors.status.not_by_staff),
        NotWithThisStatus => td_string!(locale, errors.not_with_this_status),
        PasswordTooShort => td_string!(locale, errors.password.too_short),
        EmailTaken => td_string!(locale, errors.email.taken),
        TextTooLong => td_string!(locale, errors.text.too_long),
        TextControlCharacter => td_string!(locale, errors.text.control_character),
        EmailBadFormat => td_string!(locale, errors.email.bad_format),
        NumberBadFormat => td_string!(locale, errors.number.bad_format),
        NumberTooLarge => td_string!(locale, errors.number.too_large),
        NumberTooSmall => td_string!(locale, errors.number.too_small),
        PostcodeOutsideReykjavik => td_string!(locale, errors.postcode.outside_reykjavik),
        KennitalaSameAsApplicant => td_string!(locale, errors.kennitala.same_as_applicant),
        ServiceNotOnline => td_string!(locale, errors.service.not_online),
        InvalidValue => td_string!(locale, errors.invalid_value),
        AnswerRequired => td_string!(locale, errors.answer.required),
        AnswerChooseOne => td_string!(locale, errors.answer.choose_one),
        AnswerWholeNumber => td_string!(locale, errors.answer.whole_number),
        AgeOutOfRange => td_string!(locale, errors.age.out_of_range),
        MonthsOutOfRange => td_string!(locale, errors.months.out_of_range),
        HoursOutOfRange => td_string!(locale, errors.hours.out_of_range),
        ChildAgesBadFormat => td_string!(locale, errors.child_ages.bad_format),
        Kennitala(e) => match e {
            KennitalaError::Empty => td_string!(locale, errors.kennitala.empty),
            KennitalaError::WrongLength => td_string!(locale, errors.kennitala.wrong_length),
            KennitalaError::NotDigits => td_string!(locale, errors.kennitala.not_digits),
            KennitalaError::BadCentury => td_string!(locale, errors.kennitala.bad_century),
            KennitalaError::BadDate => td_string!(locale, errors.kennitala.bad_date),
            KennitalaError::CompanyNumber => td_string!(locale, errors.kennitala.company_number),
        },
        Postcode(e) => match e {
            PostcodeError::Empty => td_string!(locale, errors.postcode.empty),
            PostcodeError::NotThreeDigits => td_string!(locale, errors.postcode.not_three_digits),
            PostcodeError::NotIcelandic => td_string!(locale, errors.postcode.not_icelandic),
        },
        Money(e) => match e {
            KronurError::Empty => td_string!(locale, errors.money.empty),
            KronurError::Negative => td_string!(locale, errors.money.negative),
            KronurError::NotWholeKronur => td_string!(locale, errors.money.not_whole_kronur),
            KronurError::BadFormat => td_string!(locale, errors.money.bad_format),
            KronurError::TooLarge => td_string!(locale, errors.money.too_large),
        },
        Phone(e) => match e {
            PhoneNumberError::Empty => td_string!(locale, errors.phone.empty),
            PhoneNumberError::BadCharacters => td_string!(locale, errors.phone.bad_characters),
            PhoneNumberError::WrongLength => td_string!(locale, errors.phone.wrong_length),
            PhoneNumberError::NotIcelandic => td_string!(locale, errors.phone.not_icelandic),
        },
        BankAccount(e) => match e {
            BankAccountError::Empty => td_string!(locale, errors.bank_account.empty),
            BankAccountError::BadFormat => td_string!(locale, errors.bank_account.bad_format),
            BankAccountError::WrongLength(part) => match part {
                BankAccountPart::Bank => td_string!(locale, errors.bank_account.wrong_length.bank),
                BankAccountPart::Ledger => {
                    td_string!(locale, errors.bank_account.wrong_length.ledger)
                }
                BankAccountPart::Account => {
                    td_string!(locale, errors.bank_account.wrong_length.account)
                }
                BankAccountPart::Whole => {
                    td_string!(locale, errors.bank_account.wrong_length.whole)
                }
            },
        },
        Date(e) => match e {
            DateError::Empty => td_string!(locale, errors.date.empty),
            DateError::BadFormat => td_string!(locale, errors.date.bad_format),
            DateError::NotARealDate => td_string!(locale, errors.date.not_a_real_date),
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

/// What a figure is, in a few words: "Basic amount for a person running their own home".
pub fn figure_label(locale: Locale, figure: velferd_shared::rules::FigureId) -> &'static str {
    use velferd_shared::rules::FigureId::*;
    match figure {
        FaMinimumAge => td_string!(locale, figures.labels.fa_minimum_age),
        FaBasicOwnHome => td_string!(locale, figures.labels.fa_basic_own_home),
        FaBasicCouple => td_string!(locale, figures.labels.fa_basic_couple),
        FaBasicWithOthers => td_string!(locale, figures.labels.fa_basic_with_others),
        FaBasicWithParents => td_string!(locale, figures.labels.fa_basic_with_parents),
        ShsMinimumAge => td_string!(locale, figures.labels.shs_minimum_age),
        ShsAssetLimit => td_string!(locale, figures.labels.shs_asset_limit),
        ShsIncomeLower1 => td_string!(locale, figures.labels.shs_income_lower_1),
        ShsIncomeUpper1 => td_string!(locale, figures.labels.shs_income_upper_1),
        ShsIncomeLower2 => td_string!(locale, figures.labels.shs_income_lower_2),
        ShsIncomeUpper2 => td_string!(locale, figures.labels.shs_income_upper_2),
        ShsIncomeLower3 => td_string!(locale, figures.labels.shs_income_lower_3),
        ShsIncomeUpper3 => td_string!(locale, figures.labels.shs_income_upper_3),
        ShsIncomeLower4 => td_string!(locale, figures.labels.shs_income_lower_4),
        ShsIncomeUpper4 => td_string!(locale, figures.labels.shs_income_upper_4),
        ShsMonthlyCap => td_string!(locale, figures.labels.shs_monthly_cap),
        HbShareOfRentPercent => td_string!(locale, figures.labels.hb_share_of_rent),
        HbIncomeLimit1 => td_string!(locale, figures.labels.hb_income_limit_1),
        HbIncomeLimit2 => td_string!(locale, figures.labels.hb_income_limit_2),
        HbIncomeLimit3 => td_string!(locale, figures.labels.hb_income_limit_3),
        HbIncomeLimit4 => td_string!(locale, figures.labels.hb_income_limit_4),
        HbIncomeLimit5 => td_string!(locale, figures.labels.hb_income_limit_5),
        HbIncomeLimit6 => td_string!(locale, figures.labels.hb_income_limit_6),
        HbMaximum1 => td_string!(locale, figures.labels.hb_maximum_1),
        HbMaximum2 => td_string!(locale, figures.labels.hb_maximum_2),
        HbMaximum3 => td_string!(locale, figures.labels.hb_maximum_3),
        HbMaximum4 => td_string!(locale, figures.labels.hb_maximum_4),
        HbMaximum5 => td_string!(locale, figures.labels.hb_maximum_5),
        HbMaximum6 => td_string!(locale, figures.labels.hb_maximum_6),
        SrhMinimumAge => td_string!(locale, figures.labels.srh_minimum_age),
        SrhMonthsOfResidence => td_string!(locale, figures.labels.srh_months_of_residence),
        SrhPermitMonths => td_string!(locale, figures.labels.srh_permit_months),
        SrhIncomeSingle => td_string!(locale, figures.labels.srh_income_single),
        SrhIncomeCouple => td_string!(locale, figures.labels.srh_income_couple),
        SrhIncomePerChild => td_string!(locale, figures.labels.srh_income_per_child),
        SrhChildAgeLimit => td_string!(locale, figures.labels.srh_child_age_limit),
        SrhAssetLimit => td_string!(locale, figures.labels.srh_asset_limit),
        AdultAge => td_string!(locale, figures.labels.adult_age),
        HomeSupportCleaningFeePerHour => {
            td_string!(locale, figures.labels.home_support_cleaning_fee)
        }
        HomeSupportMaxChargedHours => {
            td_string!(locale, figures.labels.home_support_max_charged_hours)
        }
        MealPrice => td_string!(locale, figures.labels.meal_price),
        TransportOlderAge => td_string!(locale, figures.labels.transport_older_age),
        TransportOlderFare => td_string!(locale, figures.labels.transport_older_fare),
        NpaMinimumHours => td_string!(locale, figures.labels.npa_minimum_hours),
        NpaAgeRelatedFrom => td_string!(locale, figures.labels.npa_age_related_from),
        LeisureCardPerYear => td_string!(locale, figures.labels.leisure_card_per_year),
        LeisureCardFromAge => td_string!(locale, figures.labels.leisure_card_from_age),
        LeisureCardToAge => td_string!(locale, figures.labels.leisure_card_to_age),
    }
}

/// A figure as a resident reads it: its value in the language's own number format with what it
/// counts — "247,572 kr. a month", "12 months", "75%".
pub fn figure_value(locale: Locale, figure: &velferd_shared::rules::FigureUsed) -> String {
    use velferd_shared::rules::FigureUnit::*;
    let language = crate::language::language_of(locale);
    let number = language.whole_number(figure.value);
    let amount = || velferd_shared::validation::Kronur::new(figure.value).in_language(language);
    let unit = figure.figure.unit();
    // Each locale file has a text for every form, so a language's own rule picks one.
    macro_rules! counted {
        ($unit:ident) => {{
            use velferd_shared::numbers::CountForm::*;
            match language.count_form(figure.value) {
                Zero => td_string!(locale, figures.units.$unit.zero),
                One => td_string!(locale, figures.units.$unit.one),
                Two => td_string!(locale, figures.units.$unit.two),
                Few => td_string!(locale, figures.units.$unit.few),
                Many => td_string!(locale, figures.units.$unit.many),
                Other => td_string!(locale, figures.units.$unit.other),
            }
        }};
    }
    let counted = match unit {
        Kronur => return amount(),
        // English writes no space before the sign; the others do.
        Percent if locale == Locale::en => return format!("{number}%"),
        Percent => return format!("{number} %"),
        KronurPerMonth => td_string!(locale, figures.units.per_month),
        KronurPerYear => td_string!(locale, figures.units.per_year),
        KronurPerHour => td_string!(locale, figures.units.per_hour),
        KronurPerMeal => td_string!(locale, figures.units.per_meal),
        KronurPerTrip => td_string!(locale, figures.units.per_trip),
        Years => counted!(years),
        Months => counted!(months),
        HoursPerWeek => counted!(hours_a_week),
        HoursPerMonth => counted!(hours_a_month),
    };
    if unit.is_kronur() {
        format!("{} {counted}", amount())
    } else {
        format!("{number} {counted}")
    }
}

/// A legal source's title in the resident's language (in Icelandic, the official title).
pub fn source_title(locale: Locale, source: velferd_shared::rules::SourceId) -> &'static str {
    use velferd_shared::rules::SourceId::*;
    match source {
        FaRules => td_string!(locale, sources.fa_rules),
        Fa2025 => td_string!(locale, sources.fa_2025),
        ShsRules => td_string!(locale, sources.shs_rules),
        HbRules => td_string!(locale, sources.hb_rules),
        SrhRules => td_string!(locale, sources.srh_rules),
        SocialServicesAct => td_string!(locale, sources.social_services_act),
        HomeServicesPrices => td_string!(locale, sources.home_services_prices),
        TransportRules => td_string!(locale, sources.transport_rules),
        NpaAct => td_string!(locale, sources.npa_act),
        LeisureCard => td_string!(locale, sources.leisure_card),
    }
}

#[cfg(test)]
mod tests {
    use velferd_shared::{Language, ProblemCode};

    use super::{figure_value, problem_message};
    use crate::language::locale_of;

    /// The locale files as the server reads them: the browser's message for a code must be the
    /// text the API sends as that code's `detail`.
    fn locale_file(language: Language) -> serde_json::Value {
        let path = format!(
            "{}/../locales/{}.json",
            env!("CARGO_MANIFEST_DIR"),
            language.code()
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn every_problem_code_reads_as_the_same_message_in_the_browser_and_the_api() {
        for language in Language::ALL {
            let table = locale_file(language);
            for code in ProblemCode::all() {
                let in_file = code
                    .message_key()
                    .split('.')
                    .try_fold(&table, |value, part| value.get(part))
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_else(|| {
                        panic!("{} has no message for {}", language.code(), code.key())
                    });
                assert_eq!(
                    problem_message(locale_of(language), code),
                    in_file,
                    "{} in {}",
                    code.key(),
                    language.code()
                );
            }
        }
    }

    #[test]
    fn a_figure_reads_with_its_unit_in_the_languages_number_format() {
        use velferd_shared::rules::{FigureId, FigureUsed, parameters::figure};
        let shown = |id: FigureId, year: u16, language: Language| {
            figure_value(locale_of(language), &FigureUsed::from(figure(id, year)))
        };
        assert_eq!(
            shown(FigureId::FaBasicOwnHome, 2025, Language::En),
            "247,572 kr. a month"
        );
        assert_eq!(
            shown(FigureId::FaBasicOwnHome, 2025, Language::Is),
            "247.572 kr. á mánuði"
        );
        assert_eq!(
            shown(FigureId::FaBasicOwnHome, 2025, Language::Pl),
            "247\u{202f}572 kr. miesięcznie"
        );
        assert_eq!(
            shown(FigureId::HbShareOfRentPercent, 2025, Language::En),
            "75%"
        );
        assert_eq!(
            shown(FigureId::HbShareOfRentPercent, 2025, Language::Is),
            "75 %"
        );
        assert_eq!(
            shown(FigureId::SrhMonthsOfResidence, 2025, Language::En),
            "12 months"
        );
        // The leisure card's first age, 6: a count of 3–10 takes the plural in Arabic, and
        // 2–9 the nominative plural in Lithuanian; 12 months is the genitive in both.
        assert_eq!(
            shown(FigureId::LeisureCardFromAge, 2025, Language::Ar),
            "6 سنوات"
        );
        assert_eq!(
            shown(FigureId::LeisureCardFromAge, 2025, Language::Lt),
            "6 metai"
        );
        assert_eq!(
            shown(FigureId::SrhMonthsOfResidence, 2025, Language::Ar),
            "12 شهرًا"
        );
        assert_eq!(
            shown(FigureId::NpaMinimumHours, 2025, Language::Pl),
            "15 godzin tygodniowo"
        );
    }
}
