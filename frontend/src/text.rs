//! Translated texts chosen by a domain value. Each arm names its key, so the compiler still
//! checks every key exists.

use velferd_shared::{Area, ServiceId, catalogue::Document};

use crate::i18n::*;

/// What `tr!` builds: the text of the chosen language, read again when the language changes.
pub fn live(
    i18n: crate::language::I18n,
    text: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || text(i18n.get_locale())
}

/// A text chosen by a value (a service's name, a rule's reason), in the chosen language and read
/// again when it changes. Every such text on a screen is the same closure type, so the code
/// that renders a reactive text exists once; a `move ||` closure at each call site is a type of
/// its own, and each brought its own copy of it (about 1.5 KB of raw wasm).
/// A text built of several (a figure and its unit, an amount) is a `String`, one type more.
pub fn live_of<T: 'static>(
    i18n: crate::language::I18n,
    text: impl Fn(Locale) -> T + Send + Sync + 'static,
) -> impl Fn() -> T + Clone + Send + Sync + 'static {
    live_dyn(i18n, std::sync::Arc::new(text))
}

/// Generic over what the text is only (not over the call site's function, which is behind the
/// `Arc`), so that its closure is one type per kind of text.
fn live_dyn<T: 'static>(
    i18n: crate::language::I18n,
    text: std::sync::Arc<dyn Fn(Locale) -> T + Send + Sync>,
) -> impl Fn() -> T + Clone + Send + Sync + 'static {
    move || text(i18n.get_locale())
}

/// From the frame's table: the home page lists the areas.
pub fn area_title(locale: Locale, area: Area) -> &'static str {
    match area {
        Area::Money => td_text!(locale, areas.money.title),
        Area::Housing => td_text!(locale, areas.housing.title),
        Area::ChildrenAndFamily => td_text!(locale, areas.children_and_family.title),
        Area::Disability => td_text!(locale, areas.disability.title),
        Area::OlderAge => td_text!(locale, areas.older_age.title),
        Area::Refugees => td_text!(locale, areas.refugees.title),
        Area::NoHome => td_text!(locale, areas.no_home.title),
    }
}

pub fn area_summary(locale: Locale, area: Area) -> &'static str {
    match area {
        Area::Money => td_text!(locale, areas.money.summary),
        Area::Housing => td_text!(locale, areas.housing.summary),
        Area::ChildrenAndFamily => td_text!(locale, areas.children_and_family.summary),
        Area::Disability => td_text!(locale, areas.disability.summary),
        Area::OlderAge => td_text!(locale, areas.older_age.summary),
        Area::Refugees => td_text!(locale, areas.refugees.summary),
        Area::NoHome => td_text!(locale, areas.no_home.summary),
    }
}

pub fn service_name(locale: Locale, service: ServiceId) -> &'static str {
    use ServiceId::*;
    match service {
        FinancialAssistance => td_text!(locale, services.financial_assistance.name),
        SpecialHousingSupport => td_text!(locale, services.special_housing_support.name),
        HousingBenefit => td_text!(locale, services.housing_benefit.name),
        SocialRentalHousing => td_text!(locale, services.social_rental_housing.name),
        HomeSupport => td_text!(locale, services.home_support.name),
        HomeDeliveredMeals => td_text!(locale, services.home_delivered_meals.name),
        TransportForDisabledPeople => {
            td_text!(locale, services.transport_for_disabled_people.name)
        }
        TransportForOlderPeople => td_text!(locale, services.transport_for_older_people.name),
        PersonalAssistance => td_text!(locale, services.personal_assistance.name),
        SupportForChildrenAndFamilies => {
            td_text!(locale, services.support_for_children_and_families.name)
        }
        SocialCounselling => td_text!(locale, services.social_counselling.name),
        LeisureCard => td_text!(locale, services.leisure_card.name),
        ServicesForRefugees => td_text!(locale, services.services_for_refugees.name),
        PeopleWithoutAHome => td_text!(locale, services.people_without_a_home.name),
    }
}

pub fn service_summary(locale: Locale, service: ServiceId) -> &'static str {
    use ServiceId::*;
    match service {
        FinancialAssistance => td_text!(locale, services.financial_assistance.summary),
        SpecialHousingSupport => td_text!(locale, services.special_housing_support.summary),
        HousingBenefit => td_text!(locale, services.housing_benefit.summary),
        SocialRentalHousing => td_text!(locale, services.social_rental_housing.summary),
        HomeSupport => td_text!(locale, services.home_support.summary),
        HomeDeliveredMeals => td_text!(locale, services.home_delivered_meals.summary),
        TransportForDisabledPeople => {
            td_text!(locale, services.transport_for_disabled_people.summary)
        }
        TransportForOlderPeople => {
            td_text!(locale, services.transport_for_older_people.summary)
        }
        PersonalAssistance => td_text!(locale, services.personal_assistance.summary),
        SupportForChildrenAndFamilies => {
            td_text!(locale, services.support_for_children_and_families.summary)
        }
        SocialCounselling => td_text!(locale, services.social_counselling.summary),
        LeisureCard => td_text!(locale, services.leisure_card.summary),
        ServicesForRefugees => td_text!(locale, services.services_for_refugees.summary),
        PeopleWithoutAHome => td_text!(locale, services.people_without_a_home.summary),
    }
}

pub fn service_for_whom(locale: Locale, service: ServiceId) -> &'static str {
    use ServiceId::*;
    match service {
        FinancialAssistance => td_text!(locale, services.financial_assistance.for_whom),
        SpecialHousingSupport => td_text!(locale, services.special_housing_support.for_whom),
        HousingBenefit => td_text!(locale, services.housing_benefit.for_whom),
        SocialRentalHousing => td_text!(locale, services.social_rental_housing.for_whom),
        HomeSupport => td_text!(locale, services.home_support.for_whom),
        HomeDeliveredMeals => td_text!(locale, services.home_delivered_meals.for_whom),
        TransportForDisabledPeople => {
            td_text!(locale, services.transport_for_disabled_people.for_whom)
        }
        TransportForOlderPeople => {
            td_text!(locale, services.transport_for_older_people.for_whom)
        }
        PersonalAssistance => td_text!(locale, services.personal_assistance.for_whom),
        SupportForChildrenAndFamilies => {
            td_text!(locale, services.support_for_children_and_families.for_whom)
        }
        SocialCounselling => td_text!(locale, services.social_counselling.for_whom),
        LeisureCard => td_text!(locale, services.leisure_card.for_whom),
        ServicesForRefugees => td_text!(locale, services.services_for_refugees.for_whom),
        PeopleWithoutAHome => td_text!(locale, services.people_without_a_home.for_whom),
    }
}

pub fn document_name(locale: Locale, document: Document) -> &'static str {
    match document {
        Document::PhotoId => td_text!(locale, documents.photo_id),
        Document::IncomeStatements => td_text!(locale, documents.income_statements),
        Document::BankStatements => td_text!(locale, documents.bank_statements),
        Document::Lease => td_text!(locale, documents.lease),
        Document::DoctorsNote => td_text!(locale, documents.doctors_note),
        Document::TaxReturn => td_text!(locale, documents.tax_return),
        Document::DisabilityAssessment => td_text!(locale, documents.disability_assessment),
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
        Age => td_text!(locale, questions.age.title),
        Postcode => td_text!(locale, questions.postcode.title),
        Living => td_text!(locale, questions.living.title),
        Partner => td_text!(locale, questions.partner.title),
        Children => td_text!(locale, questions.children.title),
        Custody => td_text!(locale, questions.custody.title),
        ResidenceStatus => td_text!(locale, questions.residence_status.title),
        PermitMonthsLeft => td_text!(locale, questions.permit_months_left.title),
        MonthsInReykjavik => td_text!(locale, questions.months_in_reykjavik.title),
        Employment => td_text!(locale, questions.employment.title),
        Student => td_text!(locale, questions.student.title),
        IncomeThisMonth => td_text!(locale, questions.income_this_month.title),
        RentPerMonth => td_text!(locale, questions.rent_per_month.title),
        IncomeLastYear => td_text!(locale, questions.income_last_year.title),
        IncomeThreeYearAverage => td_text!(locale, questions.income_three_year_average.title),
        Assets => td_text!(locale, questions.assets.title),
        Disability => td_text!(locale, questions.disability.title),
        SupportHoursPerWeek => td_text!(locale, questions.support_hours_per_week.title),
        NeedsHelpAtHome => td_text!(locale, questions.needs_help_at_home.title),
        CanUsePublicTransport => td_text!(locale, questions.can_use_public_transport.title),
        AppliedTr => td_text!(locale, questions.applied_tr.title),
        AppliedVmst => td_text!(locale, questions.applied_vmst.title),
        AppliedHousingBenefit => td_text!(locale, questions.applied_housing_benefit.title),
    }
}

pub fn question_hint(locale: Locale, question: Question) -> Option<&'static str> {
    use Question::*;
    Some(match question {
        Age => td_text!(locale, questions.age.hint),
        Postcode => td_text!(locale, questions.postcode.hint),
        Partner => td_text!(locale, questions.partner.hint),
        Children => td_text!(locale, questions.children.hint),
        PermitMonthsLeft => td_text!(locale, questions.permit_months_left.hint),
        MonthsInReykjavik => td_text!(locale, questions.months_in_reykjavik.hint),
        IncomeThisMonth => td_text!(locale, questions.income_this_month.hint),
        RentPerMonth => td_text!(locale, questions.rent_per_month.hint),
        IncomeLastYear => td_text!(locale, questions.income_last_year.hint),
        IncomeThreeYearAverage => td_text!(locale, questions.income_three_year_average.hint),
        Assets => td_text!(locale, questions.assets.hint),
        SupportHoursPerWeek => td_text!(locale, questions.support_hours_per_week.hint),
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
            td_text!(locale, screener.yes)
        } else {
            td_text!(locale, screener.no)
        }
    }
}

impl OptionText for LivingSituation {
    fn label(self, locale: Locale) -> &'static str {
        use LivingSituation::*;
        match self {
            OwnHome => td_text!(locale, questions.living.own_home),
            RegisteredLease => td_text!(locale, questions.living.registered_lease),
            UnregisteredLease => td_text!(locale, questions.living.unregistered_lease),
            WithParents => td_text!(locale, questions.living.with_parents),
            WithOthers => td_text!(locale, questions.living.with_others),
            NoHome => td_text!(locale, questions.living.no_home),
        }
    }
}

impl OptionText for ResidenceStatus {
    fn label(self, locale: Locale) -> &'static str {
        use ResidenceStatus::*;
        match self {
            CitizenOrEea => td_text!(locale, questions.residence_status.citizen_or_eea),
            PermanentPermit => td_text!(locale, questions.residence_status.permanent_permit),
            TemporaryPermit => td_text!(locale, questions.residence_status.temporary_permit),
            InternationalProtection => {
                td_text!(locale, questions.residence_status.international_protection)
            }
            AsylumSeeker => td_text!(locale, questions.residence_status.asylum_seeker),
        }
    }
}

impl OptionText for Employment {
    fn label(self, locale: Locale) -> &'static str {
        use Employment::*;
        match self {
            Working => td_text!(locale, questions.employment.working),
            Unemployed => td_text!(locale, questions.employment.unemployed),
            UnableToWork => td_text!(locale, questions.employment.unable_to_work),
            Retired => td_text!(locale, questions.employment.retired),
            Other => td_text!(locale, questions.employment.other),
        }
    }
}

impl OptionText for TaxCredit {
    fn label(self, locale: Locale) -> &'static str {
        match self {
            TaxCredit::UsedElsewhere => td_text!(locale, application.tax_credit.used_elsewhere),
            TaxCredit::PartlyUsed => td_text!(locale, application.tax_credit.partly_used),
            TaxCredit::NotUsed => td_text!(locale, application.tax_credit.not_used),
        }
    }
}

/// District centres keep their official names; the Online Center is described.
impl OptionText for ServiceCentre {
    fn label(self, locale: Locale) -> &'static str {
        match self {
            ServiceCentre::OnlineCenter => td_text!(locale, application.centre.online_center),
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
            TimeWindow::Morning => td_text!(locale, callback.window_morning),
            TimeWindow::Midday => td_text!(locale, callback.window_midday),
            TimeWindow::Afternoon => td_text!(locale, callback.window_afternoon),
        }
    }
}

/// The message for a problem, from the browser's own check or named by the API's answer.
/// Exhaustive: a new code does not compile until it has a message.
pub fn problem_message(locale: Locale, code: ProblemCode) -> &'static str {
    use ProblemCode::*;
    match code {
        RequiredConsent => td_text!(locale, errors.required.consent),
        RequiredName => td_text!(locale, errors.required.name),
        RequiredKennitala => td_text!(locale, errors.required.kennitala),
        RequiredAddress => td_text!(locale, errors.required.address),
        RequiredPostcode => td_text!(locale, errors.required.postcode),
        RequiredCentre => td_text!(locale, errors.required.centre),
        RequiredChoice => td_text!(locale, errors.required.choice),
        RequiredPartnerKennitala => td_text!(locale, errors.required.partner_kennitala),
        RequiredPartnerEmail => td_text!(locale, errors.required.partner_email),
        RequiredNumber => td_text!(locale, errors.required.number),
        RequiredAmount => td_text!(locale, errors.required.amount),
        RequiredBankAccount => td_text!(locale, errors.required.bank_account),
        RequiredHelpNeeded => td_text!(locale, errors.required.help_needed),
        RequiredDocuments => td_text!(locale, errors.required.documents),
        RequiredPhone => td_text!(locale, errors.required.phone),
        RequiredLanguage => td_text!(locale, errors.required.language),
        RequiredWindow => td_text!(locale, errors.required.window),
        RequiredNote => td_text!(locale, errors.required.note),
        RequiredMessageToResident => td_text!(locale, errors.required.message_to_resident),
        RequiredDecision => td_text!(locale, errors.required.decision),
        RequiredReasons => td_text!(locale, errors.required.reasons),
        RequiredGrantedAmount => td_text!(locale, errors.required.granted_amount),
        StatusNotByStaff => td_text!(locale, errors.status.not_by_staff),
        NotWithThisStatus => td_text!(locale, errors.not_with_this_status),
        PasswordTooShort => td_text!(locale, errors.password.too_short),
        EmailTaken => td_text!(locale, errors.email.taken),
        TextTooLong => td_text!(locale, errors.text.too_long),
        TextControlCharacter => td_text!(locale, errors.text.control_character),
        EmailBadFormat => td_text!(locale, errors.email.bad_format),
        NumberBadFormat => td_text!(locale, errors.number.bad_format),
        NumberTooLarge => td_text!(locale, errors.number.too_large),
        NumberTooSmall => td_text!(locale, errors.number.too_small),
        PostcodeOutsideReykjavik => td_text!(locale, errors.postcode.outside_reykjavik),
        KennitalaSameAsApplicant => td_text!(locale, errors.kennitala.same_as_applicant),
        ServiceNotOnline => td_text!(locale, errors.service.not_online),
        InvalidValue => td_text!(locale, errors.invalid_value),
        AnswerRequired => td_text!(locale, errors.answer.required),
        AnswerChooseOne => td_text!(locale, errors.answer.choose_one),
        AnswerWholeNumber => td_text!(locale, errors.answer.whole_number),
        AgeOutOfRange => td_text!(locale, errors.age.out_of_range),
        MonthsOutOfRange => td_text!(locale, errors.months.out_of_range),
        HoursOutOfRange => td_text!(locale, errors.hours.out_of_range),
        ChildAgesBadFormat => td_text!(locale, errors.child_ages.bad_format),
        Kennitala(e) => match e {
            KennitalaError::Empty => td_text!(locale, errors.kennitala.empty),
            KennitalaError::WrongLength => td_text!(locale, errors.kennitala.wrong_length),
            KennitalaError::NotDigits => td_text!(locale, errors.kennitala.not_digits),
            KennitalaError::BadCentury => td_text!(locale, errors.kennitala.bad_century),
            KennitalaError::BadDate => td_text!(locale, errors.kennitala.bad_date),
            KennitalaError::CompanyNumber => td_text!(locale, errors.kennitala.company_number),
        },
        Postcode(e) => match e {
            PostcodeError::Empty => td_text!(locale, errors.postcode.empty),
            PostcodeError::NotThreeDigits => td_text!(locale, errors.postcode.not_three_digits),
            PostcodeError::NotIcelandic => td_text!(locale, errors.postcode.not_icelandic),
        },
        Money(e) => match e {
            KronurError::Empty => td_text!(locale, errors.money.empty),
            KronurError::Negative => td_text!(locale, errors.money.negative),
            KronurError::NotWholeKronur => td_text!(locale, errors.money.not_whole_kronur),
            KronurError::BadFormat => td_text!(locale, errors.money.bad_format),
            KronurError::TooLarge => td_text!(locale, errors.money.too_large),
        },
        Phone(e) => match e {
            PhoneNumberError::Empty => td_text!(locale, errors.phone.empty),
            PhoneNumberError::BadCharacters => td_text!(locale, errors.phone.bad_characters),
            PhoneNumberError::WrongLength => td_text!(locale, errors.phone.wrong_length),
            PhoneNumberError::NotIcelandic => td_text!(locale, errors.phone.not_icelandic),
        },
        BankAccount(e) => match e {
            BankAccountError::Empty => td_text!(locale, errors.bank_account.empty),
            BankAccountError::BadFormat => td_text!(locale, errors.bank_account.bad_format),
            BankAccountError::WrongLength(part) => match part {
                BankAccountPart::Bank => td_text!(locale, errors.bank_account.wrong_length.bank),
                BankAccountPart::Ledger => {
                    td_text!(locale, errors.bank_account.wrong_length.ledger)
                }
                BankAccountPart::Account => {
                    td_text!(locale, errors.bank_account.wrong_length.account)
                }
                BankAccountPart::Whole => {
                    td_text!(locale, errors.bank_account.wrong_length.whole)
                }
            },
        },
        Date(e) => match e {
            DateError::Empty => td_text!(locale, errors.date.empty),
            DateError::BadFormat => td_text!(locale, errors.date.bad_format),
            DateError::NotARealDate => td_text!(locale, errors.date.not_a_real_date),
        },
    }
}

pub fn rule_text(locale: Locale, rule: RuleId) -> &'static str {
    use RuleId::*;
    match rule {
        FaAge => td_text!(locale, rules.fa.age),
        FaResidence => td_text!(locale, rules.fa.residence),
        FaOtherEntitlements => td_text!(locale, rules.fa.other_entitlements),
        FaStudent => td_text!(locale, rules.fa.student),
        FaIncome => td_text!(locale, rules.fa.income),
        FaAssets => td_text!(locale, rules.fa.assets),
        ShsAge => td_text!(locale, rules.shs.age),
        ShsResidence => td_text!(locale, rules.shs.residence),
        ShsRenting => td_text!(locale, rules.shs.renting),
        ShsHousingBenefit => td_text!(locale, rules.shs.housing_benefit),
        ShsPoints => td_text!(locale, rules.shs.points),
        ShsAssets => td_text!(locale, rules.shs.assets),
        ShsIncome => td_text!(locale, rules.shs.income),
        HbRegisteredLease => td_text!(locale, rules.hb.registered_lease),
        HbIncome => td_text!(locale, rules.hb.income),
        SrhAge => td_text!(locale, rules.srh.age),
        SrhResidence => td_text!(locale, rules.srh.residence),
        SrhNoOwnHome => td_text!(locale, rules.srh.no_own_home),
        SrhPermit => td_text!(locale, rules.srh.permit),
        SrhIncome => td_text!(locale, rules.srh.income),
        SrhAssets => td_text!(locale, rules.srh.assets),
        SrhPoints => td_text!(locale, rules.srh.points),
        HsAge => td_text!(locale, rules.hs.age),
        HsResidence => td_text!(locale, rules.hs.residence),
        HsLivingIndependently => td_text!(locale, rules.hs.living_independently),
        HsNeed => td_text!(locale, rules.hs.need),
        MealsAge => td_text!(locale, rules.meals.age),
        MealsResidence => td_text!(locale, rules.meals.residence),
        MealsLivingIndependently => td_text!(locale, rules.meals.living_independently),
        MealsNeed => td_text!(locale, rules.meals.need),
        TdResidence => td_text!(locale, rules.td.residence),
        TdDisability => td_text!(locale, rules.td.disability),
        ToResidence => td_text!(locale, rules.to.residence),
        ToAge => td_text!(locale, rules.to.age),
        ToPublicTransport => td_text!(locale, rules.to.public_transport),
        NpaResidence => td_text!(locale, rules.npa.residence),
        NpaDisability => td_text!(locale, rules.npa.disability),
        NpaHours => td_text!(locale, rules.npa.hours),
        NpaAge => td_text!(locale, rules.npa.age),
        NpaLiving => td_text!(locale, rules.npa.living),
        NpaAgeRelated => td_text!(locale, rules.npa.age_related),
        CfResidence => td_text!(locale, rules.cf.residence),
        CfChildren => td_text!(locale, rules.cf.children),
        CfNeed => td_text!(locale, rules.cf.need),
        ScResidence => td_text!(locale, rules.sc.residence),
        LcResidence => td_text!(locale, rules.lc.residence),
        LcChildAge => td_text!(locale, rules.lc.child_age),
        RefResidence => td_text!(locale, rules.refugees.residence),
        RefProtection => td_text!(locale, rules.refugees.protection),
        HomeNoHome => td_text!(locale, rules.home.no_home),
    }
}

pub fn status_label(locale: Locale, status: &RuleStatus) -> &'static str {
    match status {
        RuleStatus::Passed => td_text!(locale, statuses.passed),
        RuleStatus::Failed => td_text!(locale, statuses.failed),
        RuleStatus::Unknown => td_text!(locale, statuses.unknown),
        RuleStatus::Missing { .. } => td_text!(locale, statuses.missing),
        RuleStatus::CounsellorAssesses => td_text!(locale, statuses.counsellor),
    }
}

pub fn referral_text(locale: Locale, referral: Referral) -> &'static str {
    match referral {
        Referral::SocialInsuranceTr => td_text!(locale, referrals.social_insurance_tr),
        Referral::DirectorateOfLabour => td_text!(locale, referrals.directorate_of_labour),
        Referral::HousingBenefitHms => td_text!(locale, referrals.housing_benefit_hms),
        Referral::OwnMunicipality => td_text!(locale, referrals.own_municipality),
    }
}

pub fn note_text(locale: Locale, note: Note) -> &'static str {
    match note {
        Note::FiguresFromEarlierYear { .. } => td_text!(locale, notes.figures_earlier_year),
        Note::MayAffectResidencePermit => td_text!(locale, notes.may_affect_residence_permit),
    }
}

pub fn next_step_label(locale: Locale, step: NextStep) -> Option<&'static str> {
    Some(match step {
        NextStep::ApplyOnline => td_text!(locale, next_steps.apply_online),
        NextStep::BookCall => td_text!(locale, next_steps.book_call),
        NextStep::ApplyElsewhere { .. } => td_text!(locale, next_steps.apply_elsewhere),
        NextStep::ReadInformation => td_text!(locale, next_steps.read_information),
        NextStep::UrgentHelp => td_text!(locale, next_steps.urgent_help),
        NextStep::None => return None,
    })
}

pub fn figure_status_label(
    locale: Locale,
    status: velferd_shared::rules::FigureStatus,
) -> &'static str {
    use velferd_shared::rules::FigureStatus::*;
    match status {
        Confirmed => td_text!(locale, figure_status.confirmed),
        Proposed => td_text!(locale, figure_status.proposed),
        Derived => td_text!(locale, figure_status.derived),
        Assumed => td_text!(locale, figure_status.assumed),
    }
}

/// What a figure is, in a few words: "Basic amount for a person running their own home".
pub fn figure_label(locale: Locale, figure: velferd_shared::rules::FigureId) -> &'static str {
    use velferd_shared::rules::FigureId::*;
    match figure {
        FaMinimumAge => td_text!(locale, figures.labels.fa_minimum_age),
        FaBasicOwnHome => td_text!(locale, figures.labels.fa_basic_own_home),
        FaBasicCouple => td_text!(locale, figures.labels.fa_basic_couple),
        FaBasicWithOthers => td_text!(locale, figures.labels.fa_basic_with_others),
        FaBasicWithParents => td_text!(locale, figures.labels.fa_basic_with_parents),
        ShsMinimumAge => td_text!(locale, figures.labels.shs_minimum_age),
        ShsAssetLimit => td_text!(locale, figures.labels.shs_asset_limit),
        ShsIncomeLower1 => td_text!(locale, figures.labels.shs_income_lower_1),
        ShsIncomeUpper1 => td_text!(locale, figures.labels.shs_income_upper_1),
        ShsIncomeLower2 => td_text!(locale, figures.labels.shs_income_lower_2),
        ShsIncomeUpper2 => td_text!(locale, figures.labels.shs_income_upper_2),
        ShsIncomeLower3 => td_text!(locale, figures.labels.shs_income_lower_3),
        ShsIncomeUpper3 => td_text!(locale, figures.labels.shs_income_upper_3),
        ShsIncomeLower4 => td_text!(locale, figures.labels.shs_income_lower_4),
        ShsIncomeUpper4 => td_text!(locale, figures.labels.shs_income_upper_4),
        ShsMonthlyCap => td_text!(locale, figures.labels.shs_monthly_cap),
        HbShareOfRentPercent => td_text!(locale, figures.labels.hb_share_of_rent),
        HbIncomeLimit1 => td_text!(locale, figures.labels.hb_income_limit_1),
        HbIncomeLimit2 => td_text!(locale, figures.labels.hb_income_limit_2),
        HbIncomeLimit3 => td_text!(locale, figures.labels.hb_income_limit_3),
        HbIncomeLimit4 => td_text!(locale, figures.labels.hb_income_limit_4),
        HbIncomeLimit5 => td_text!(locale, figures.labels.hb_income_limit_5),
        HbIncomeLimit6 => td_text!(locale, figures.labels.hb_income_limit_6),
        HbMaximum1 => td_text!(locale, figures.labels.hb_maximum_1),
        HbMaximum2 => td_text!(locale, figures.labels.hb_maximum_2),
        HbMaximum3 => td_text!(locale, figures.labels.hb_maximum_3),
        HbMaximum4 => td_text!(locale, figures.labels.hb_maximum_4),
        HbMaximum5 => td_text!(locale, figures.labels.hb_maximum_5),
        HbMaximum6 => td_text!(locale, figures.labels.hb_maximum_6),
        SrhMinimumAge => td_text!(locale, figures.labels.srh_minimum_age),
        SrhMonthsOfResidence => td_text!(locale, figures.labels.srh_months_of_residence),
        SrhPermitMonths => td_text!(locale, figures.labels.srh_permit_months),
        SrhIncomeSingle => td_text!(locale, figures.labels.srh_income_single),
        SrhIncomeCouple => td_text!(locale, figures.labels.srh_income_couple),
        SrhIncomePerChild => td_text!(locale, figures.labels.srh_income_per_child),
        SrhChildAgeLimit => td_text!(locale, figures.labels.srh_child_age_limit),
        SrhAssetLimit => td_text!(locale, figures.labels.srh_asset_limit),
        AdultAge => td_text!(locale, figures.labels.adult_age),
        HomeSupportCleaningFeePerHour => {
            td_text!(locale, figures.labels.home_support_cleaning_fee)
        }
        HomeSupportMaxChargedHours => {
            td_text!(locale, figures.labels.home_support_max_charged_hours)
        }
        MealPrice => td_text!(locale, figures.labels.meal_price),
        TransportOlderAge => td_text!(locale, figures.labels.transport_older_age),
        TransportOlderFare => td_text!(locale, figures.labels.transport_older_fare),
        NpaMinimumHours => td_text!(locale, figures.labels.npa_minimum_hours),
        NpaAgeRelatedFrom => td_text!(locale, figures.labels.npa_age_related_from),
        LeisureCardPerYear => td_text!(locale, figures.labels.leisure_card_per_year),
        LeisureCardFromAge => td_text!(locale, figures.labels.leisure_card_from_age),
        LeisureCardToAge => td_text!(locale, figures.labels.leisure_card_to_age),
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
                Zero => td_text!(locale, figures.units.$unit.zero),
                One => td_text!(locale, figures.units.$unit.one),
                Two => td_text!(locale, figures.units.$unit.two),
                Few => td_text!(locale, figures.units.$unit.few),
                Many => td_text!(locale, figures.units.$unit.many),
                Other => td_text!(locale, figures.units.$unit.other),
            }
        }};
    }
    let counted = match unit {
        Kronur => return amount(),
        // English writes no space before the sign; the others do.
        Percent if locale == Locale::en => return format!("{number}%"),
        Percent => return format!("{number} %"),
        KronurPerMonth => td_text!(locale, figures.units.per_month),
        KronurPerYear => td_text!(locale, figures.units.per_year),
        KronurPerHour => td_text!(locale, figures.units.per_hour),
        KronurPerMeal => td_text!(locale, figures.units.per_meal),
        KronurPerTrip => td_text!(locale, figures.units.per_trip),
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
        FaRules => td_text!(locale, sources.fa_rules),
        Fa2025 => td_text!(locale, sources.fa_2025),
        ShsRules => td_text!(locale, sources.shs_rules),
        HbRules => td_text!(locale, sources.hb_rules),
        SrhRules => td_text!(locale, sources.srh_rules),
        SocialServicesAct => td_text!(locale, sources.social_services_act),
        HomeServicesPrices => td_text!(locale, sources.home_services_prices),
        TransportRules => td_text!(locale, sources.transport_rules),
        NpaAct => td_text!(locale, sources.npa_act),
        LeisureCard => td_text!(locale, sources.leisure_card),
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
        crate::strings::all_here();
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
        crate::strings::all_here();
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
