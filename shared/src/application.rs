//! An application for a service, as the resident fills it in: one step per page, each step's
//! fields in an `ApplicationDraft` kept on the device, and one `validate` that the browser runs
//! on every page and the API runs again on the whole draft — so both reject exactly the same
//! input with the same codes.

use serde::{Deserialize, Serialize};

use crate::{
    Language, ServiceCentre, ServiceId,
    answers::{Answers, Employment, LivingSituation},
    validation::{
        BankAccount, BankAccountError, Kennitala, KennitalaError, Kronur, KronurError, PhoneNumber,
        PhoneNumberError, Postcode, PostcodeError, Residence,
    },
};

/// The services a resident can apply for here, online (services.md marks them so).
pub const ONLINE_SERVICES: [ServiceId; 7] = [
    ServiceId::FinancialAssistance,
    ServiceId::SpecialHousingSupport,
    ServiceId::SocialRentalHousing,
    ServiceId::HomeSupport,
    ServiceId::HomeDeliveredMeals,
    ServiceId::TransportForDisabledPeople,
    ServiceId::TransportForOlderPeople,
];

pub fn takes_online_application(service: ServiceId) -> bool {
    ONLINE_SERVICES.contains(&service)
}

#[cfg(test)]
#[test]
fn the_online_services_are_those_the_catalogue_says_apply_online() {
    for entry in crate::catalogue::CATALOGUE {
        assert_eq!(
            takes_online_application(entry.id),
            entry.how_to_apply == crate::HowToApply::OnlineApplication,
            "{:?}",
            entry.id
        );
    }
}

/// Longest free text we accept: enough for a few sentences, not for a pasted document.
pub const MAX_TEXT: usize = 2000;
/// Longest name, street address, e-mail or income source.
pub const MAX_LINE: usize = 200;

/// How the applicant uses their personal tax credit (persónuafsláttur): the city takes it into
/// account when it pays financial assistance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaxCredit {
    /// Used in full elsewhere (an employer, a pension fund).
    UsedElsewhere,
    /// Partly used elsewhere.
    PartlyUsed,
    /// Not used: the city may use it.
    NotUsed,
}

impl TaxCredit {
    pub const ALL: [TaxCredit; 3] = [
        TaxCredit::UsedElsewhere,
        TaxCredit::PartlyUsed,
        TaxCredit::NotUsed,
    ];
}

/// One page of the application, each with its own URL (`/apply/<service>/<slug>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    Consent,
    Name,
    Kennitala,
    Address,
    Centre,
    PreviousAid,
    Partner,
    PartnerDetails,
    Children,
    Student,
    Housing,
    Employment,
    Income,
    TaxCredit,
    BankAccount,
    Rent,
    HouseholdSize,
    Wheelchair,
    HelpNeeded,
    Documents,
    Email,
    Phone,
    ContactLanguage,
}

impl Step {
    pub const ALL: [Step; 23] = [
        Step::Consent,
        Step::Name,
        Step::Kennitala,
        Step::Address,
        Step::Centre,
        Step::PreviousAid,
        Step::Partner,
        Step::PartnerDetails,
        Step::Children,
        Step::Student,
        Step::Housing,
        Step::Employment,
        Step::Income,
        Step::TaxCredit,
        Step::BankAccount,
        Step::Rent,
        Step::HouseholdSize,
        Step::Wheelchair,
        Step::HelpNeeded,
        Step::Documents,
        Step::Email,
        Step::Phone,
        Step::ContactLanguage,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Step::Consent => "consent",
            Step::Name => "name",
            Step::Kennitala => "kennitala",
            Step::Address => "address",
            Step::Centre => "centre",
            Step::PreviousAid => "previous-aid",
            Step::Partner => "partner",
            Step::PartnerDetails => "partner-details",
            Step::Children => "children",
            Step::Student => "student",
            Step::Housing => "housing",
            Step::Employment => "employment",
            Step::Income => "income",
            Step::TaxCredit => "tax-credit",
            Step::BankAccount => "bank-account",
            Step::Rent => "rent",
            Step::HouseholdSize => "household-size",
            Step::Wheelchair => "wheelchair",
            Step::HelpNeeded => "help-needed",
            Step::Documents => "documents",
            Step::Email => "email",
            Step::Phone => "phone",
            Step::ContactLanguage => "contact-language",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The fields this page asks for, in the order they appear.
    pub fn fields(self) -> &'static [Field] {
        use Field as F;
        match self {
            Step::Consent => &[F::Consent],
            Step::Name => &[F::Name],
            Step::Kennitala => &[F::Kennitala],
            Step::Address => &[F::Address, F::Postcode],
            Step::Centre => &[F::Centre],
            Step::PreviousAid => &[F::PreviousAid],
            Step::Partner => &[F::Partner],
            Step::PartnerDetails => &[F::PartnerKennitala, F::PartnerEmail],
            Step::Children => &[F::Children],
            Step::Student => &[F::Student],
            Step::Housing => &[F::Housing],
            Step::Employment => &[F::Employment],
            Step::Income => &[F::Income, F::IncomeSource],
            Step::TaxCredit => &[F::TaxCredit],
            Step::BankAccount => &[F::BankAccount],
            Step::Rent => &[F::Rent],
            Step::HouseholdSize => &[F::HouseholdSize],
            Step::Wheelchair => &[F::Wheelchair],
            Step::HelpNeeded => &[F::HelpNeeded],
            Step::Documents => &[F::DocumentsSeen],
            Step::Email => &[F::Email],
            Step::Phone => &[F::Phone],
            Step::ContactLanguage => &[F::ContactLanguage],
        }
    }

    /// Whether the resident has been through this page: every field holds something (an
    /// optional one left blank holds an empty text).
    pub fn is_answered(self, draft: &ApplicationDraft) -> bool {
        self.fields().iter().all(|field| field.is_filled(draft))
    }
}

/// The pages of `service`'s application, in order, given what has been answered so far (a
/// partner's details are asked only of someone who has one).
pub fn steps_for(service: ServiceId, draft: &ApplicationDraft) -> Vec<Step> {
    use Step::*;
    let mut steps = vec![Consent, Name, Kennitala, Address, Centre];
    let own: &[Step] = match service {
        ServiceId::FinancialAssistance => &[
            PreviousAid,
            Partner,
            PartnerDetails,
            Children,
            Student,
            Housing,
            Employment,
            Income,
            TaxCredit,
            BankAccount,
            Documents,
        ],
        ServiceId::SpecialHousingSupport => &[Housing, Rent, Income, Documents],
        ServiceId::SocialRentalHousing => &[Housing, HouseholdSize, Income, Documents],
        ServiceId::TransportForDisabledPeople => &[Wheelchair, HelpNeeded],
        _ => &[HelpNeeded],
    };
    steps.extend(
        own.iter()
            .copied()
            .filter(|s| *s != PartnerDetails || draft.partner == Some(true)),
    );
    steps.extend([Email, Phone, ContactLanguage]);
    steps
}

/// The first page not yet answered, or `None` when the application is ready to check.
pub fn next_step(service: ServiceId, draft: &ApplicationDraft) -> Option<Step> {
    steps_for(service, draft)
        .into_iter()
        .find(|s| !s.is_answered(draft))
}

/// Everything the resident has filled in, as typed: kept on the device between pages and sent
/// to the API as is, so a rejected value comes back with a pointer to exactly this field.
/// `None` means not asked yet; an optional field left blank is `Some("")`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApplicationDraft {
    pub consent: bool,
    pub name: Option<String>,
    pub kennitala: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub centre: Option<ServiceCentre>,
    pub previous_aid: Option<bool>,
    pub partner: Option<bool>,
    pub partner_kennitala: Option<String>,
    pub partner_email: Option<String>,
    pub children: Option<String>,
    pub student: Option<bool>,
    pub housing: Option<LivingSituation>,
    pub employment: Option<Employment>,
    pub income: Option<String>,
    pub income_source: Option<String>,
    pub tax_credit: Option<TaxCredit>,
    pub bank_account: Option<String>,
    pub rent: Option<String>,
    pub household_size: Option<String>,
    pub wheelchair: Option<bool>,
    pub help_needed: Option<String>,
    pub documents_seen: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub contact_language: Option<Language>,
}

impl ApplicationDraft {
    /// A new application for `service`, filled with what the screener already knows, so that
    /// nothing is asked twice. Prefilled pages are skipped and can be changed on the summary.
    pub fn prefilled(service: ServiceId, answers: &Answers) -> ApplicationDraft {
        let postcode = answers.postcode.known().copied();
        let applies = |step: Step| {
            steps_for(service, &ApplicationDraft::default()).contains(&step)
                || step == Step::PartnerDetails
        };
        let money = |amount: Option<&Kronur>| amount.map(|k| k.value().to_string());
        let mut draft = ApplicationDraft {
            postcode: postcode.map(|p| p.to_string()),
            ..ApplicationDraft::default()
        };
        if applies(Step::Partner) {
            draft.partner = answers.partner.known().copied();
        }
        if applies(Step::Children) {
            draft.children = answers.children.known().map(|c| c.len().to_string());
        }
        if applies(Step::Student) {
            draft.student = answers.student.known().copied();
        }
        if applies(Step::Housing) {
            draft.housing = answers.living.known().copied();
        }
        if applies(Step::Employment) {
            draft.employment = answers.employment.known().copied();
        }
        if applies(Step::Income) {
            draft.income = money(answers.income_this_month.known());
        }
        if applies(Step::Rent) {
            draft.rent = money(answers.rent_per_month.known());
        }
        draft
    }
}

impl ApplicationDraft {
    /// The district centre that serves the postcode typed so far: the centre page's suggestion,
    /// which the resident confirms or changes.
    pub fn centre_from_postcode(&self) -> Option<ServiceCentre> {
        let postcode = Postcode::parse(self.postcode.as_deref()?).ok()?;
        match postcode.residence() {
            Residence::Reykjavik(centre) => Some(centre),
            Residence::OutsideReykjavik => None,
        }
    }
}

/// One field of the draft. Its JSON pointer in a request is `/draft/<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Consent,
    Name,
    Kennitala,
    Address,
    Postcode,
    Centre,
    PreviousAid,
    Partner,
    PartnerKennitala,
    PartnerEmail,
    Children,
    Student,
    Housing,
    Employment,
    Income,
    IncomeSource,
    TaxCredit,
    BankAccount,
    Rent,
    HouseholdSize,
    Wheelchair,
    HelpNeeded,
    DocumentsSeen,
    Email,
    Phone,
    ContactLanguage,
}

impl Field {
    pub const ALL: [Field; 26] = [
        Field::Consent,
        Field::Name,
        Field::Kennitala,
        Field::Address,
        Field::Postcode,
        Field::Centre,
        Field::PreviousAid,
        Field::Partner,
        Field::PartnerKennitala,
        Field::PartnerEmail,
        Field::Children,
        Field::Student,
        Field::Housing,
        Field::Employment,
        Field::Income,
        Field::IncomeSource,
        Field::TaxCredit,
        Field::BankAccount,
        Field::Rent,
        Field::HouseholdSize,
        Field::Wheelchair,
        Field::HelpNeeded,
        Field::DocumentsSeen,
        Field::Email,
        Field::Phone,
        Field::ContactLanguage,
    ];

    /// The field's name in the draft's JSON (and in the HTML form).
    pub fn name(self) -> &'static str {
        match self {
            Field::Consent => "consent",
            Field::Name => "name",
            Field::Kennitala => "kennitala",
            Field::Address => "address",
            Field::Postcode => "postcode",
            Field::Centre => "centre",
            Field::PreviousAid => "previous_aid",
            Field::Partner => "partner",
            Field::PartnerKennitala => "partner_kennitala",
            Field::PartnerEmail => "partner_email",
            Field::Children => "children",
            Field::Student => "student",
            Field::Housing => "housing",
            Field::Employment => "employment",
            Field::Income => "income",
            Field::IncomeSource => "income_source",
            Field::TaxCredit => "tax_credit",
            Field::BankAccount => "bank_account",
            Field::Rent => "rent",
            Field::HouseholdSize => "household_size",
            Field::Wheelchair => "wheelchair",
            Field::HelpNeeded => "help_needed",
            Field::DocumentsSeen => "documents_seen",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::ContactLanguage => "contact_language",
        }
    }

    pub fn pointer(self) -> String {
        format!("/draft/{}", self.name())
    }

    pub fn from_pointer(pointer: &str) -> Option<Field> {
        let name = pointer.strip_prefix("/draft/")?;
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The page that asks for this field.
    pub fn step(self) -> Step {
        Step::ALL
            .into_iter()
            .find(|s| s.fields().contains(&self))
            .expect("every field is on a page")
    }

    fn is_filled(self, d: &ApplicationDraft) -> bool {
        match self {
            Field::Consent => d.consent,
            Field::DocumentsSeen => d.documents_seen,
            Field::Centre => d.centre.is_some(),
            Field::PreviousAid => d.previous_aid.is_some(),
            Field::Partner => d.partner.is_some(),
            Field::Student => d.student.is_some(),
            Field::Housing => d.housing.is_some(),
            Field::Employment => d.employment.is_some(),
            Field::TaxCredit => d.tax_credit.is_some(),
            Field::Wheelchair => d.wheelchair.is_some(),
            Field::ContactLanguage => d.contact_language.is_some(),
            text => text.text(d).is_some(),
        }
    }

    /// A text field's value; `None` for choices and for a field not asked yet.
    pub fn text(self, d: &ApplicationDraft) -> Option<&str> {
        let value = match self {
            Field::Name => &d.name,
            Field::Kennitala => &d.kennitala,
            Field::Address => &d.address,
            Field::Postcode => &d.postcode,
            Field::PartnerKennitala => &d.partner_kennitala,
            Field::PartnerEmail => &d.partner_email,
            Field::Children => &d.children,
            Field::Income => &d.income,
            Field::IncomeSource => &d.income_source,
            Field::BankAccount => &d.bank_account,
            Field::Rent => &d.rent,
            Field::HouseholdSize => &d.household_size,
            Field::HelpNeeded => &d.help_needed,
            Field::Email => &d.email,
            Field::Phone => &d.phone,
            _ => return None,
        };
        value.as_deref()
    }

    /// Sets a text field to what was typed (choices have their own typed setters on the draft).
    pub fn set_text(self, d: &mut ApplicationDraft, typed: String) {
        let slot = match self {
            Field::Name => &mut d.name,
            Field::Kennitala => &mut d.kennitala,
            Field::Address => &mut d.address,
            Field::Postcode => &mut d.postcode,
            Field::PartnerKennitala => &mut d.partner_kennitala,
            Field::PartnerEmail => &mut d.partner_email,
            Field::Children => &mut d.children,
            Field::Income => &mut d.income,
            Field::IncomeSource => &mut d.income_source,
            Field::BankAccount => &mut d.bank_account,
            Field::Rent => &mut d.rent,
            Field::HouseholdSize => &mut d.household_size,
            Field::HelpNeeded => &mut d.help_needed,
            Field::Email => &mut d.email,
            Field::Phone => &mut d.phone,
            _ => return,
        };
        *slot = Some(typed);
    }

    /// The code of "this field is missing", e.g. `required.name`.
    pub fn required_code(self) -> &'static str {
        match self {
            Field::Consent => "required.consent",
            Field::Name => "required.name",
            Field::Kennitala => "required.kennitala",
            Field::Address => "required.address",
            Field::Postcode => "required.postcode",
            Field::Centre => "required.centre",
            Field::PreviousAid
            | Field::Partner
            | Field::Student
            | Field::Wheelchair
            | Field::Housing
            | Field::Employment
            | Field::TaxCredit
            | Field::ContactLanguage => "required.choice",
            Field::PartnerKennitala => "required.partner-kennitala",
            Field::Children | Field::HouseholdSize => "required.number",
            Field::Income | Field::Rent => "required.amount",
            Field::BankAccount => "required.bank-account",
            Field::HelpNeeded => "required.help-needed",
            Field::DocumentsSeen => "required.documents",
            Field::Phone => "required.phone",
            Field::IncomeSource | Field::PartnerEmail | Field::Email => "required.choice",
        }
    }
}

/// Why one field cannot be accepted: a stable code the UI translates, never the value itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub code: &'static str,
}

/// Codes of problems that are not a parser's own error.
pub const TEXT_TOO_LONG: &str = "text.too-long";
pub const EMAIL_BAD_FORMAT: &str = "email.bad-format";
pub const NUMBER_BAD_FORMAT: &str = "number.bad-format";
pub const NUMBER_TOO_LARGE: &str = "number.too-large";
pub const NUMBER_TOO_SMALL: &str = "number.too-small";
pub const POSTCODE_OUTSIDE: &str = "postcode.outside-reykjavik";
pub const SAME_KENNITALA: &str = "kennitala.same-as-applicant";

/// Every code `validate` can give, for the translation test.
pub fn all_problem_codes() -> impl Iterator<Item = &'static str> {
    let required = Field::ALL.into_iter().map(Field::required_code);
    let own = [
        TEXT_TOO_LONG,
        EMAIL_BAD_FORMAT,
        NUMBER_BAD_FORMAT,
        NUMBER_TOO_LARGE,
        NUMBER_TOO_SMALL,
        POSTCODE_OUTSIDE,
        SAME_KENNITALA,
    ];
    required.chain(own)
}

/// An application that passed validation: typed values only, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub service: ServiceId,
    pub name: String,
    pub kennitala: Kennitala,
    pub address: String,
    pub postcode: Postcode,
    pub centre: ServiceCentre,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financial: Option<FinancialDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing: Option<LivingSituation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income: Option<Kronur>,
    /// Where the income comes from, in the resident's words, if they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rent: Option<Kronur>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household_size: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wheelchair: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_needed: Option<String>,
    pub email: Option<String>,
    pub phone: PhoneNumber,
    pub contact_language: Language,
}

/// What only the financial-assistance application asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancialDetails {
    pub previous_aid: bool,
    /// The spouse or cohabitant confirms their own part later; until then only who they are.
    pub partner: Option<PartnerDetails>,
    pub children: u8,
    pub student: bool,
    pub employment: Employment,
    pub tax_credit: TaxCredit,
    pub bank_account: BankAccount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerDetails {
    pub kennitala: Kennitala,
    pub email: Option<String>,
    pub confirmed: bool,
}

impl Application {
    /// The first-time (or after six months) financial-assistance applicant must show photo ID
    /// at a service centre within two working days.
    pub fn needs_photo_id(&self) -> bool {
        self.financial.as_ref().is_some_and(|f| !f.previous_aid)
    }
}

/// Checks every field `service` asks for and builds the typed application, or lists every
/// problem at once (the API reports them all; a page shows those of its own fields).
pub fn validate(
    service: ServiceId,
    draft: &ApplicationDraft,
) -> Result<Application, Vec<FieldProblem>> {
    let mut v = Validator {
        draft,
        problems: Vec::new(),
    };
    let steps = steps_for(service, draft);
    let asks = |step: Step| steps.contains(&step);

    if !draft.consent {
        v.problem(Field::Consent, Field::Consent.required_code());
    }
    let name = v.line(Field::Name, MAX_LINE);
    let kennitala = v.parsed(Field::Kennitala, Kennitala::parse, KennitalaError::code);
    let address = v.line(Field::Address, MAX_LINE);
    let postcode = v.parsed(Field::Postcode, Postcode::parse, PostcodeError::code);
    if postcode.is_some_and(|p| p.residence() == Residence::OutsideReykjavik) {
        v.problem(Field::Postcode, POSTCODE_OUTSIDE);
    }
    let centre = v.choice(Field::Centre, draft.centre);

    let financial = if service == ServiceId::FinancialAssistance {
        let previous_aid = v.choice(Field::PreviousAid, draft.previous_aid);
        let has_partner = v.choice(Field::Partner, draft.partner);
        let partner = if asks(Step::PartnerDetails) {
            let partner_kennitala = v.parsed(
                Field::PartnerKennitala,
                Kennitala::parse,
                KennitalaError::code,
            );
            if partner_kennitala.is_some() && partner_kennitala == kennitala {
                v.problem(Field::PartnerKennitala, SAME_KENNITALA);
            }
            let email = v.email(Field::PartnerEmail);
            partner_kennitala.map(|kennitala| PartnerDetails {
                kennitala,
                email: email.flatten(),
                confirmed: false,
            })
        } else {
            None
        };
        let children = v.count(Field::Children, 30);
        let student = v.choice(Field::Student, draft.student);
        let employment = v.choice(Field::Employment, draft.employment);
        let tax_credit = v.choice(Field::TaxCredit, draft.tax_credit);
        let bank_account = v.parsed(
            Field::BankAccount,
            BankAccount::parse,
            BankAccountError::code,
        );
        match (
            previous_aid,
            has_partner,
            children,
            student,
            employment,
            tax_credit,
            bank_account,
        ) {
            (
                Some(previous_aid),
                Some(has_partner),
                Some(children),
                Some(student),
                Some(employment),
                Some(tax_credit),
                Some(bank_account),
            ) if !has_partner || partner.is_some() => Some(FinancialDetails {
                previous_aid,
                partner,
                children,
                student,
                employment,
                tax_credit,
                bank_account,
            }),
            _ => None,
        }
    } else {
        None
    };
    let housing = asks(Step::Housing)
        .then(|| v.choice(Field::Housing, draft.housing))
        .flatten();
    let income = asks(Step::Income)
        .then(|| v.parsed(Field::Income, Kronur::parse, KronurError::code))
        .flatten();
    let income_source = asks(Step::Income)
        .then(|| v.optional_line(Field::IncomeSource))
        .flatten()
        .flatten();
    let rent = asks(Step::Rent)
        .then(|| v.parsed(Field::Rent, Kronur::parse, KronurError::code))
        .flatten();
    let household_size = asks(Step::HouseholdSize)
        .then(|| v.count(Field::HouseholdSize, 20))
        .flatten();
    if household_size == Some(0) {
        // The applicant is one of the household.
        v.problem(Field::HouseholdSize, NUMBER_TOO_SMALL);
    }
    let wheelchair = asks(Step::Wheelchair)
        .then(|| v.choice(Field::Wheelchair, draft.wheelchair))
        .flatten();
    let help_needed = asks(Step::HelpNeeded)
        .then(|| v.line(Field::HelpNeeded, MAX_TEXT))
        .flatten();
    if asks(Step::Documents) && !draft.documents_seen {
        v.problem(Field::DocumentsSeen, Field::DocumentsSeen.required_code());
    }
    let email = v.email(Field::Email);
    let phone = v.parsed(Field::Phone, PhoneNumber::parse, PhoneNumberError::code);
    let contact_language = v.choice(Field::ContactLanguage, draft.contact_language);

    if !v.problems.is_empty() {
        return Err(v.problems);
    }
    let missing = || {
        vec![FieldProblem {
            field: Field::Consent,
            code: Field::Consent.required_code(),
        }]
    };
    Ok(Application {
        service,
        name: name.ok_or_else(missing)?,
        kennitala: kennitala.ok_or_else(missing)?,
        address: address.ok_or_else(missing)?,
        postcode: postcode.ok_or_else(missing)?,
        centre: centre.ok_or_else(missing)?,
        financial,
        housing,
        income,
        income_source,
        rent,
        household_size,
        wheelchair,
        help_needed,
        email: email.flatten(),
        phone: phone.ok_or_else(missing)?,
        contact_language: contact_language.ok_or_else(missing)?,
    })
}

/// The problems of one page's fields only: what that page shows when Continue is pressed.
pub fn problems_on(step: Step, service: ServiceId, draft: &ApplicationDraft) -> Vec<FieldProblem> {
    match validate(service, draft) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|p| p.field.step() == step)
            .collect(),
    }
}

struct Validator<'a> {
    draft: &'a ApplicationDraft,
    problems: Vec<FieldProblem>,
}

impl Validator<'_> {
    fn problem(&mut self, field: Field, code: &'static str) {
        self.problems.push(FieldProblem { field, code });
    }

    fn required<T>(&mut self, field: Field, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.problem(field, field.required_code());
        }
        value
    }

    fn choice<T>(&mut self, field: Field, value: Option<T>) -> Option<T> {
        self.required(field, value)
    }

    /// A required line of text, trimmed.
    fn line(&mut self, field: Field, max: usize) -> Option<String> {
        let text = field
            .text(self.draft)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let text = self.required(field, text)?;
        if text.chars().count() > max {
            self.problem(field, TEXT_TOO_LONG);
            return None;
        }
        Some(text.to_owned())
    }

    /// An optional line: `Some(None)` when left blank.
    fn optional_line(&mut self, field: Field) -> Option<Option<String>> {
        let text = field.text(self.draft).unwrap_or("").trim();
        if text.chars().count() > MAX_LINE {
            self.problem(field, TEXT_TOO_LONG);
            return None;
        }
        Some((!text.is_empty()).then(|| text.to_owned()))
    }

    fn email(&mut self, field: Field) -> Option<Option<String>> {
        let address = self.optional_line(field)?;
        match address {
            Some(a) if !email_address::EmailAddress::is_valid(&a) || !has_dotted_domain(&a) => {
                self.problem(field, EMAIL_BAD_FORMAT);
                None
            }
            other => Some(other),
        }
    }

    fn count(&mut self, field: Field, max: u8) -> Option<u8> {
        let text = field
            .text(self.draft)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let text = self.required(field, text)?;
        match text.parse::<u32>() {
            Err(_) => {
                self.problem(field, NUMBER_BAD_FORMAT);
                None
            }
            Ok(n) if n > u32::from(max) => {
                self.problem(field, NUMBER_TOO_LARGE);
                None
            }
            Ok(n) => Some(n as u8),
        }
    }

    fn parsed<T, E>(
        &mut self,
        field: Field,
        parse: impl FnOnce(&str) -> Result<T, E>,
        code: impl FnOnce(&E) -> &'static str,
    ) -> Option<T> {
        let Some(text) = field.text(self.draft) else {
            self.problem(field, field.required_code());
            return None;
        };
        match parse(text) {
            Ok(value) => Some(value),
            Err(error) => {
                self.problem(field, code(&error));
                None
            }
        }
    }
}

/// Addresses without a dot after the @ are valid by the RFC but, typed on a phone, are nearly
/// always a typo for a real address.
fn has_dotted_domain(address: &str) -> bool {
    address
        .rsplit_once('@')
        .is_some_and(|(_, domain)| domain.contains('.') && !domain.ends_with('.'))
}

#[cfg(test)]
mod tests;
