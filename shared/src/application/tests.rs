use super::*;
use crate::rules::tests::child;
use crate::{
    Language, ProblemCode, ServiceCentre,
    answers::{Answer, Answers, Employment, LivingSituation},
    validation::{BankAccountError, KennitalaError, Kronur, PhoneNumberError, Postcode},
};

/// A complete financial-assistance draft, as the browser would send it.
pub fn financial_draft() -> ApplicationDraft {
    ApplicationDraft {
        consent: true,
        name: Some("Anna Jónsdóttir".into()),
        kennitala: Some("120160-3389".into()),
        address: Some("Laugavegur 1".into()),
        postcode: Some("101".into()),
        centre: Some(ServiceCentre::Vesturmidstod),
        previous_aid: Some(false),
        partner: Some(false),
        children: Some("2".into()),
        student: Some(false),
        housing: Some(LivingSituation::RegisteredLease),
        employment: Some(Employment::Unemployed),
        income: Some("50.000".into()),
        income_source: Some("".into()),
        tax_credit: Some(TaxCredit::NotUsed),
        bank_account: Some("0133-26-012345".into()),
        documents_seen: true,
        email: Some("anna@example.is".into()),
        phone: Some("611 1234".into()),
        contact_language: Some(Language::Is),
        ..ApplicationDraft::default()
    }
}

fn codes(service: ServiceId, draft: &ApplicationDraft) -> Vec<(Field, ProblemCode)> {
    match validate(service, draft) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.into_iter().map(|p| (p.field, p.code)).collect(),
    }
}

#[test]
fn a_complete_financial_assistance_draft_becomes_a_typed_application() {
    let application = validate(ServiceId::FinancialAssistance, &financial_draft()).unwrap();
    assert_eq!(application.kennitala.to_string(), "120160-3389");
    assert_eq!(application.income, Some(Kronur::new(50_000)));
    let financial = application.financial.as_ref().unwrap();
    assert_eq!(financial.children, 2);
    assert_eq!(
        application.income_source, None,
        "a blank optional field is absent"
    );
    assert!(application.needs_photo_id());
}

#[test]
fn an_empty_draft_lists_every_required_field_of_the_service() {
    let problems = codes(ServiceId::FinancialAssistance, &ApplicationDraft::default());
    let fields: Vec<Field> = problems.iter().map(|(f, _)| *f).collect();
    for field in [
        Field::Consent,
        Field::Name,
        Field::Kennitala,
        Field::Postcode,
        Field::Centre,
        Field::Partner,
        Field::BankAccount,
        Field::DocumentsSeen,
        Field::Phone,
        Field::ContactLanguage,
    ] {
        assert!(
            fields.contains(&field),
            "{field:?} missing from {problems:?}"
        );
    }
    assert!(!fields.contains(&Field::Email), "e-mail is optional");
    assert!(
        !fields.contains(&Field::PartnerKennitala),
        "no partner page without a partner"
    );
}

#[test]
fn each_bad_value_is_reported_on_its_own_field_with_its_parsers_code() {
    let mut draft = financial_draft();
    draft.kennitala = Some("123".into());
    draft.bank_account = Some("0133-26".into());
    draft.phone = Some("12".into());
    draft.email = Some("anna@example".into());
    draft.children = Some("two".into());
    let problems = codes(ServiceId::FinancialAssistance, &draft);
    assert_eq!(
        problems,
        vec![
            (
                Field::Kennitala,
                ProblemCode::Kennitala(KennitalaError::WrongLength)
            ),
            (Field::Children, ProblemCode::NumberBadFormat),
            (
                Field::BankAccount,
                ProblemCode::BankAccount(BankAccountError::BadFormat)
            ),
            (Field::Email, ProblemCode::EmailBadFormat),
            (
                Field::Phone,
                ProblemCode::Phone(PhoneNumberError::WrongLength)
            ),
        ]
    );
}

#[test]
fn a_partner_is_named_by_their_own_kennitala_and_confirms_later() {
    let mut draft = financial_draft();
    draft.partner = Some(true);
    assert_eq!(
        next_step(ServiceId::FinancialAssistance, &draft),
        Some(Step::PartnerDetails)
    );
    draft.partner_kennitala = Some("120160-3389".into());
    draft.partner_email = Some("jon@example.is".into());
    assert_eq!(
        codes(ServiceId::FinancialAssistance, &draft),
        vec![(
            Field::PartnerKennitala,
            ProblemCode::KennitalaSameAsApplicant
        )]
    );
    draft.partner_kennitala = Some("0101302989".into());
    draft.partner_email = Some(String::new());
    assert_eq!(
        codes(ServiceId::FinancialAssistance, &draft),
        vec![(Field::PartnerEmail, ProblemCode::RequiredPartnerEmail)],
        "the partner's link goes by e-mail, so the address is needed"
    );
    draft.partner_email = Some("jon@example.is".into());
    let application = validate(ServiceId::FinancialAssistance, &draft).unwrap();
    let partner = application.financial.unwrap().partner.unwrap();
    assert_eq!(partner.kennitala.to_string(), "010130-2989");
    assert_eq!(partner.email, "jon@example.is");
}

#[test]
fn the_partners_part_asks_consent_income_and_a_bank_account_only_to_be_paid_themselves() {
    let form = Form::PartnerPart;
    let mut part = ApplicationDraft::default();
    assert_eq!(form.next_step(&part), Some(Step::Consent));
    assert_eq!(
        form.steps(&part),
        vec![Step::Consent, Step::Income, Step::PartnerPayment]
    );
    part.consent = true;
    part.income = Some("120.000".into());
    part.income_source = Some(String::new());
    part.paid_to_partner = Some(true);
    assert_eq!(form.next_step(&part), Some(Step::BankAccount));
    assert_eq!(
        form.problems_on(Step::BankAccount, &part)
            .into_iter()
            .map(|p| p.code)
            .collect::<Vec<_>>(),
        vec![ProblemCode::RequiredBankAccount]
    );
    part.bank_account = Some("0133-26-012345".into());
    let confirmed = validate_partner_part(&part).unwrap();
    assert_eq!(confirmed.income, Kronur::new(120_000));
    assert_eq!(confirmed.income_source, None);
    assert!(confirmed.bank_account.is_some());

    // Paid into the applicant's account: no account asked, none kept from an earlier answer.
    part.paid_to_partner = Some(false);
    assert_eq!(form.next_step(&part), None);
    assert_eq!(validate_partner_part(&part).unwrap().bank_account, None);
    // The applicant's own pages are never the partner's.
    assert!(!Step::Name.belongs_to(form));
    assert!(!Step::PartnerPayment.belongs_to(Form::Application(ServiceId::FinancialAssistance)));
}

#[test]
fn the_partners_part_is_refused_without_consent_or_income_with_every_problem_at_once() {
    let problems = validate_partner_part(&ApplicationDraft::default()).unwrap_err();
    let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        vec![Field::Consent, Field::Income, Field::PaidToPartner]
    );
}

#[test]
fn a_postcode_outside_reykjavik_is_refused_with_its_own_reason() {
    let mut draft = financial_draft();
    draft.postcode = Some("600".into());
    assert_eq!(
        codes(ServiceId::FinancialAssistance, &draft),
        vec![(Field::Postcode, ProblemCode::PostcodeOutsideReykjavik)]
    );
}

#[test]
fn other_services_ask_only_their_own_questions() {
    let draft = ApplicationDraft {
        consent: true,
        name: Some("Jón".into()),
        kennitala: Some("120160-3389".into()),
        address: Some("Austurbrún 2".into()),
        postcode: Some("104".into()),
        centre: Some(ServiceCentre::Austurmidstod),
        help_needed: Some("Help with cleaning and shopping".into()),
        phone: Some("5551234".into()),
        email: Some("".into()),
        contact_language: Some(Language::En),
        ..ApplicationDraft::default()
    };
    let application = validate(ServiceId::HomeSupport, &draft).unwrap();
    assert_eq!(application.financial, None);
    assert_eq!(application.email, None);
    assert_eq!(next_step(ServiceId::HomeSupport, &draft), None);
    assert_eq!(
        codes(ServiceId::TransportForDisabledPeople, &draft),
        vec![(Field::Wheelchair, ProblemCode::RequiredChoice)]
    );
    assert!(
        steps_for(ServiceId::HomeSupport, &draft)
            .iter()
            .all(|s| !matches!(s, Step::BankAccount | Step::Documents))
    );
}

#[test]
fn text_longer_than_the_limit_is_refused_not_cut() {
    let mut draft = financial_draft();
    draft.name = Some("x".repeat(MAX_LINE + 1));
    assert_eq!(
        codes(ServiceId::FinancialAssistance, &draft),
        vec![(Field::Name, ProblemCode::TextTooLong)]
    );
}

#[test]
fn the_screener_prefills_what_it_knows_so_nothing_is_asked_twice() {
    let answers = Answers {
        postcode: Answer::Known(Postcode::parse("112").unwrap()),
        partner: Answer::Known(false),
        children: Answer::Known(vec![child(4), child(9), child(20)]),
        living: Answer::Known(LivingSituation::RegisteredLease),
        employment: Answer::Known(Employment::Unemployed),
        income_this_month: Answer::Known(Kronur::new(80_000)),
        rent_per_month: Answer::Known(Kronur::new(200_000)),
        ..Answers::default()
    };
    let draft = ApplicationDraft::prefilled(ServiceId::FinancialAssistance, &answers);
    assert_eq!(
        draft.centre, None,
        "the centre page shows, with a suggestion"
    );
    assert_eq!(
        draft.centre_from_postcode(),
        Some(ServiceCentre::Austurmidstod)
    );
    assert_eq!(
        draft.children.as_deref(),
        Some("2"),
        "the application counts children under 18; the screener counts up to 25"
    );
    assert_eq!(
        draft.income, None,
        "the household's income after tax is not the applicant's own before tax"
    );
    assert_eq!(
        draft.rent, None,
        "financial assistance does not ask for rent"
    );
    for step in [Step::Address, Step::Partner, Step::Children, Step::Housing] {
        assert_eq!(
            step == Step::Address,
            !step.is_answered(&draft),
            "{step:?}: the address still needs the street"
        );
    }
    let housing = ApplicationDraft::prefilled(ServiceId::SpecialHousingSupport, &answers);
    assert_eq!(housing.rent.as_deref(), Some("200000"));
    assert_eq!(housing.partner, None);
}

#[test]
fn the_pages_problems_are_only_those_of_its_own_fields() {
    let mut draft = ApplicationDraft {
        kennitala: Some("12016".into()),
        ..ApplicationDraft::default()
    };
    let problems = problems_on(Step::Kennitala, ServiceId::FinancialAssistance, &draft);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, Field::Kennitala);
    draft.kennitala = Some("120160-3389".into());
    assert!(problems_on(Step::Kennitala, ServiceId::FinancialAssistance, &draft).is_empty());
}

#[test]
fn every_field_has_a_pointer_that_leads_back_to_it_and_a_page() {
    for &field in Field::ALL {
        assert_eq!(Field::from_pointer(&field.pointer()), Some(field));
        assert!(field.step().fields().contains(&field));
    }
    for &step in Step::ALL {
        assert_eq!(Step::from_slug(step.slug()), Some(step));
    }
}

#[test]
fn every_draft_field_name_matches_its_json_key() {
    let json = serde_json::to_value(financial_draft()).unwrap();
    // Not answers: which application a draft continues, and which pages it asks again.
    let bookkeeping = ["previous_reference", "to_confirm"];
    let keys: Vec<&String> = json
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !bookkeeping.contains(&k.as_str()))
        .collect();
    for key in &keys {
        assert!(
            Field::ALL.iter().any(|f| f.name() == key.as_str()),
            "{key} has no Field"
        );
    }
    assert_eq!(keys.len(), Field::ALL.len());
}

#[test]
fn a_choice_is_read_and_written_by_its_options_key() {
    let mut draft = ApplicationDraft::default();
    assert_eq!(
        Field::Centre.options(),
        [
            "vesturmidstod",
            "nordurmidstod",
            "sudurmidstod",
            "austurmidstod",
            "online-center"
        ]
    );
    Field::Centre.choose(&mut draft, Some("sudurmidstod"));
    assert_eq!(draft.centre, Some(ServiceCentre::Sudurmidstod));
    assert_eq!(Field::Centre.chosen(&draft), Some("sudurmidstod"));
    Field::Partner.choose(&mut draft, Some("no"));
    assert_eq!(draft.partner, Some(false));
    Field::Partner.choose(&mut draft, Some("perhaps"));
    assert_eq!(draft.partner, None, "an unknown key chooses nothing");
    assert!(Field::Name.options().is_empty());
    Field::Name.choose(&mut draft, Some("yes"));
    assert_eq!(draft.name, None, "only choices are chosen");
}

#[test]
fn a_text_is_read_and_written_only_on_text_fields() {
    let mut draft = ApplicationDraft::default();
    Field::Phone.set_text(&mut draft, "611 1234".into());
    assert_eq!(Field::Phone.text(&draft), Some("611 1234"));
    Field::Partner.set_text(&mut draft, "yes".into());
    assert_eq!(draft.partner, None);
    for &field in Field::ALL {
        assert_eq!(
            field.options().is_empty(),
            field.kind() != FieldKind::Choice
        );
    }
}

#[test]
fn a_page_of_another_service_is_not_part_of_this_application() {
    let form = |service| Form::Application(service);
    assert!(Step::PartnerDetails.belongs_to(form(ServiceId::FinancialAssistance)));
    assert!(!Step::PartnerDetails.belongs_to(form(ServiceId::HomeSupport)));
    assert!(!Step::BankAccount.belongs_to(form(ServiceId::HomeSupport)));
    assert!(Step::HelpNeeded.belongs_to(form(ServiceId::HomeSupport)));
}

#[test]
fn next_months_application_keeps_the_answers_and_asks_again_for_consent_income_and_housing() {
    let this_month = financial_draft();
    assert_eq!(next_step(ServiceId::FinancialAssistance, &this_month), None);
    let mut next = this_month.next_month("RVK-2026-000042");
    assert_eq!(next.previous_reference.as_deref(), Some("RVK-2026-000042"));
    assert_eq!(
        next.income, this_month.income,
        "last month's figure is shown to confirm"
    );
    assert_eq!(
        next_step(ServiceId::FinancialAssistance, &next),
        Some(Step::Consent)
    );
    next.consent = true;
    next.documents_seen = true;
    assert_eq!(
        next_step(ServiceId::FinancialAssistance, &next),
        Some(Step::Housing)
    );
    next.to_confirm.retain(|s| *s != Step::Housing);
    assert_eq!(
        next_step(ServiceId::FinancialAssistance, &next),
        Some(Step::Income)
    );
    next.to_confirm.clear();
    assert_eq!(next_step(ServiceId::FinancialAssistance, &next), None);
    assert!(validate(ServiceId::FinancialAssistance, &next).is_ok());
}

#[test]
fn a_partner_stored_before_the_e_mail_was_asked_for_still_reads_back() {
    let stored =
        serde_json::json!({ "kennitala": "1201603389", "email": null, "confirmed": false });
    let partner: PartnerDetails = serde_json::from_value(stored).unwrap();
    assert_eq!(partner.email, "");
}
