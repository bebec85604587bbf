//! Table-driven tests: every rule at, just below and just above each of its limits, in every
//! year the figures cover; and a guard that no rule goes untested.

use std::collections::BTreeSet;

use super::{parameters::figure, *};
use crate::{
    answers::{Answer, Answer::*, Child, Employment, LivingSituation, ResidenceStatus},
    validation::{Age, ChildAge, Kronur, Months, Postcode, WeeklyHours},
};

// The screener's bounded numbers, for tables that name them by value.
pub(crate) fn age(years: u64) -> Age {
    Age::new(years).unwrap()
}

pub(crate) fn months(months: u64) -> Months {
    Months::new(months).unwrap()
}

fn hours(hours: u64) -> WeeklyHours {
    WeeklyHours::new(hours).unwrap()
}

pub(crate) fn child(years: u64) -> Child {
    Child {
        age: ChildAge::new(years).unwrap(),
    }
}

pub(crate) fn date(year: u16) -> Date {
    Date::new(year, 6, 1).unwrap()
}

/// A resident who answered everything and passes most rules: 30, alone, renting with a
/// registered lease in 101, no income this month, little income before.
pub(crate) fn resident() -> Answers {
    Answers {
        age: Known(age(30)),
        postcode: Known(Postcode::parse("101").unwrap()),
        months_in_reykjavik: Known(months(36)),
        residence_status: Known(ResidenceStatus::CitizenOrEea),
        permit_months_left: Missing,
        partner: Known(false),
        children: Known(vec![]),
        custody: Missing,
        living: Known(LivingSituation::RegisteredLease),
        rent_per_month: Known(Kronur::new(200_000)),
        income_this_month: Known(Kronur::new(0)),
        income_last_year: Known(Kronur::new(1_000_000)),
        income_three_year_average: Known(Kronur::new(1_000_000)),
        assets: Known(Kronur::new(0)),
        employment: Known(Employment::Other),
        student: Known(false),
        disability: Known(false),
        support_hours_per_week: Missing,
        needs_help_at_home: Known(true),
        can_use_public_transport: Known(false),
        applied_tr: Missing,
        applied_vmst: Missing,
        applied_housing_benefit: Known(true),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Passed,
    Failed,
    Unknown,
    Missing,
    Counsellor,
}

fn kind(status: &RuleStatus) -> Kind {
    match status {
        RuleStatus::Passed => Kind::Passed,
        RuleStatus::Failed => Kind::Failed,
        RuleStatus::Unknown => Kind::Unknown,
        RuleStatus::Missing { .. } => Kind::Missing,
        RuleStatus::CounsellorAssesses => Kind::Counsellor,
    }
}

pub(crate) fn status_of(answers: &Answers, year: u16, rule: RuleId) -> Kind {
    evaluate(answers, date(year))
        .iter()
        .flat_map(|r| &r.reasons)
        .find(|c| c.rule == rule)
        .map(|c| kind(&c.status))
        .unwrap_or_else(|| panic!("{rule:?} was not checked"))
}

fn result(answers: &Answers, year: u16, service: ServiceId) -> ServiceResult {
    evaluate(answers, date(year))
        .into_iter()
        .find(|r| r.service == service)
        .unwrap()
}

/// A limit a rule compares an answer against.
#[derive(Clone, Copy)]
enum Compare {
    /// Passes when the answer is below the limit.
    Below,
    /// Passes when the answer is at least the limit.
    AtLeast,
}

struct Threshold {
    rule: RuleId,
    /// The limit in force in a year, from the figures.
    limit: fn(u16) -> u64,
    compare: Compare,
    set: fn(&mut Answers, u64),
    base: fn() -> Answers,
}

fn single_on_own_lease() -> Answers {
    resident()
}

fn couple_with_two_children() -> Answers {
    Answers {
        partner: Known(true),
        children: Known(vec![child(4), child(9)]),
        custody: Known(true),
        ..resident()
    }
}

fn with_temporary_permit() -> Answers {
    Answers {
        residence_status: Known(ResidenceStatus::TemporaryPermit),
        permit_months_left: Known(months(24)),
        ..resident()
    }
}

fn disabled() -> Answers {
    Answers {
        disability: Known(true),
        support_hours_per_week: Known(hours(40)),
        ..resident()
    }
}

fn v(id: FigureId, year: u16) -> u64 {
    figure(id, year).value
}

fn money(n: u64) -> Answer<Kronur> {
    Known(Kronur::new(n))
}

fn thresholds() -> Vec<Threshold> {
    use Compare::*;
    use FigureId::*;
    vec![
        Threshold {
            rule: RuleId::FaAge,
            limit: |y| v(FaMinimumAge, y),
            compare: AtLeast,
            set: |a, n| a.age = Known(age(n)),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::FaIncome,
            limit: |y| v(FaBasicOwnHome, y),
            compare: Below,
            set: |a, n| a.income_this_month = money(n),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::FaIncome,
            limit: |y| v(FaBasicCouple, y),
            compare: Below,
            set: |a, n| a.income_this_month = money(n),
            base: couple_with_two_children,
        },
        Threshold {
            rule: RuleId::FaIncome,
            limit: |y| v(FaBasicWithOthers, y),
            compare: Below,
            set: |a, n| a.income_this_month = money(n),
            base: || Answers {
                living: Known(LivingSituation::UnregisteredLease),
                ..resident()
            },
        },
        Threshold {
            rule: RuleId::FaIncome,
            limit: |y| v(FaBasicWithParents, y),
            compare: Below,
            set: |a, n| a.income_this_month = money(n),
            base: || Answers {
                living: Known(LivingSituation::WithParents),
                ..resident()
            },
        },
        Threshold {
            rule: RuleId::ShsAge,
            limit: |y| v(ShsMinimumAge, y),
            compare: AtLeast,
            set: |a, n| a.age = Known(age(n)),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::ShsAssets,
            limit: |y| v(ShsAssetLimit, y),
            compare: Below,
            set: |a, n| a.assets = money(n),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::ShsIncome,
            limit: |y| v(ShsIncomeUpper1, y),
            compare: Below,
            set: |a, n| a.income_last_year = money(n),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::ShsIncome,
            limit: |y| v(ShsIncomeUpper4, y),
            compare: Below,
            set: |a, n| a.income_last_year = money(n),
            base: couple_with_two_children,
        },
        Threshold {
            rule: RuleId::HbIncome,
            limit: |y| v(HbIncomeLimit1, y),
            compare: Below,
            set: |a, n| a.income_last_year = money(n),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::HbIncome,
            limit: |y| v(HbIncomeLimit4, y),
            compare: Below,
            set: |a, n| a.income_last_year = money(n),
            base: couple_with_two_children,
        },
        Threshold {
            rule: RuleId::SrhAge,
            limit: |y| v(SrhMinimumAge, y),
            compare: AtLeast,
            set: |a, n| a.age = Known(age(n)),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::SrhResidence,
            limit: |y| v(SrhMonthsOfResidence, y),
            compare: AtLeast,
            set: |a, n| a.months_in_reykjavik = Known(months(n)),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::SrhPermit,
            limit: |y| v(SrhPermitMonths, y),
            compare: AtLeast,
            set: |a, n| a.permit_months_left = Known(months(n)),
            base: with_temporary_permit,
        },
        Threshold {
            rule: RuleId::SrhIncome,
            limit: |y| v(SrhIncomeSingle, y),
            compare: Below,
            set: |a, n| a.income_three_year_average = money(n),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::SrhIncome,
            limit: |y| v(SrhIncomeCouple, y) + 2 * v(SrhIncomePerChild, y),
            compare: Below,
            set: |a, n| a.income_three_year_average = money(n),
            base: couple_with_two_children,
        },
        Threshold {
            rule: RuleId::SrhAssets,
            limit: |y| v(SrhAssetLimit, y),
            compare: Below,
            set: |a, n| a.assets = money(n),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::HsAge,
            limit: |y| v(AdultAge, y),
            compare: AtLeast,
            set: |a, n| a.age = Known(age(n)),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::MealsAge,
            limit: |y| v(AdultAge, y),
            compare: AtLeast,
            set: |a, n| a.age = Known(age(n)),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::ToAge,
            limit: |y| v(TransportOlderAge, y),
            compare: AtLeast,
            set: |a, n| a.age = Known(age(n)),
            base: single_on_own_lease,
        },
        Threshold {
            rule: RuleId::NpaHours,
            limit: |y| v(NpaMinimumHours, y) + 1,
            compare: AtLeast,
            set: |a, n| a.support_hours_per_week = Known(hours(n)),
            base: disabled,
        },
    ]
}

#[test]
fn every_limit_holds_at_just_below_and_just_above_it_in_every_year() {
    for threshold in thresholds() {
        for year in [2024, 2025, 2026] {
            let limit = (threshold.limit)(year);
            for (value, below_limit) in [(limit - 1, true), (limit, false), (limit + 1, false)] {
                let mut answers = (threshold.base)();
                (threshold.set)(&mut answers, value);
                let passes = match threshold.compare {
                    Compare::Below => below_limit,
                    Compare::AtLeast => !below_limit,
                };
                let expected = if passes { Kind::Passed } else { Kind::Failed };
                let got = status_of(&answers, year, threshold.rule);
                // Where a rule hands a failing age to a counsellor (15–17 for housing support,
                // children for NPA), "not passed" is what the limit decides.
                assert!(
                    got == expected || (!passes && got == Kind::Counsellor),
                    "{:?} in {year} with {value} (limit {limit}): expected {expected:?}, got {got:?}",
                    threshold.rule
                );
            }
        }
    }
}

/// Rules without a numeric limit: each case names the answers and the status it must give.
fn cases() -> Vec<(RuleId, &'static str, Answers, Kind)> {
    use Kind::{Counsellor, Failed, Passed};
    let r = resident;
    vec![
        (RuleId::FaResidence, "postcode in Reykjavík", r(), Passed),
        (
            RuleId::FaResidence,
            "postcode outside Reykjavík",
            Answers {
                postcode: Known(Postcode::parse("200").unwrap()),
                ..r()
            },
            Failed,
        ),
        (
            RuleId::FaResidence,
            "postcode not known",
            Answers {
                postcode: Unknown,
                ..r()
            },
            Kind::Unknown,
        ),
        (
            RuleId::FaResidence,
            "postcode not asked",
            Answers {
                postcode: Missing,
                ..r()
            },
            Kind::Missing,
        ),
        (RuleId::FaOtherEntitlements, "working", r(), Passed),
        (
            RuleId::FaOtherEntitlements,
            "unemployed, applied to VMST",
            Answers {
                employment: Known(Employment::Unemployed),
                applied_vmst: Known(true),
                ..r()
            },
            Passed,
        ),
        (
            RuleId::FaOtherEntitlements,
            "unemployed, not applied to VMST",
            Answers {
                employment: Known(Employment::Unemployed),
                applied_vmst: Known(false),
                ..r()
            },
            Counsellor,
        ),
        (
            RuleId::FaOtherEntitlements,
            "unable to work, TR not asked",
            Answers {
                employment: Known(Employment::UnableToWork),
                ..r()
            },
            Kind::Missing,
        ),
        (RuleId::FaStudent, "not a student", r(), Passed),
        (
            RuleId::FaStudent,
            "a student",
            Answers {
                student: Known(true),
                ..r()
            },
            Counsellor,
        ),
        (RuleId::FaAssets, "no savings", r(), Passed),
        (
            RuleId::FaAssets,
            "some savings",
            Answers {
                assets: money(500_000),
                ..r()
            },
            Counsellor,
        ),
        (
            RuleId::FaAssets,
            "savings not known",
            Answers {
                assets: Unknown,
                ..r()
            },
            Kind::Unknown,
        ),
        (RuleId::ShsResidence, "in Reykjavík", r(), Passed),
        (RuleId::ShsRenting, "registered lease", r(), Passed),
        (
            RuleId::ShsRenting,
            "own home",
            Answers {
                living: Known(LivingSituation::OwnHome),
                ..r()
            },
            Failed,
        ),
        (
            RuleId::ShsRenting,
            "looking for a place",
            Answers {
                living: Known(LivingSituation::WithOthers),
                ..r()
            },
            Counsellor,
        ),
        (RuleId::ShsHousingBenefit, "applied to HMS", r(), Passed),
        (
            RuleId::ShsHousingBenefit,
            "not applied to HMS",
            Answers {
                applied_housing_benefit: Known(false),
                ..r()
            },
            Counsellor,
        ),
        (RuleId::ShsPoints, "always a counsellor's", r(), Counsellor),
        (RuleId::HbRegisteredLease, "registered lease", r(), Passed),
        (
            RuleId::HbRegisteredLease,
            "unregistered lease",
            Answers {
                living: Known(LivingSituation::UnregisteredLease),
                ..r()
            },
            Failed,
        ),
        (RuleId::SrhNoOwnHome, "renting", r(), Passed),
        (
            RuleId::SrhNoOwnHome,
            "owns a home",
            Answers {
                living: Known(LivingSituation::OwnHome),
                ..r()
            },
            Failed,
        ),
        (
            RuleId::SrhPermit,
            "asylum seeker",
            Answers {
                residence_status: Known(ResidenceStatus::AsylumSeeker),
                ..r()
            },
            Failed,
        ),
        (RuleId::SrhPoints, "always a counsellor's", r(), Counsellor),
        (RuleId::HsResidence, "in Reykjavík", r(), Passed),
        (RuleId::HsLivingIndependently, "own lease", r(), Passed),
        (
            RuleId::HsLivingIndependently,
            "no home",
            Answers {
                living: Known(LivingSituation::NoHome),
                ..r()
            },
            Failed,
        ),
        (
            RuleId::HsNeed,
            "needs help: assessed at home",
            r(),
            Counsellor,
        ),
        (
            RuleId::HsNeed,
            "needs no help",
            Answers {
                needs_help_at_home: Known(false),
                ..r()
            },
            Failed,
        ),
        (RuleId::MealsResidence, "in Reykjavík", r(), Passed),
        (
            RuleId::MealsLivingIndependently,
            "with others",
            Answers {
                living: Known(LivingSituation::WithOthers),
                ..r()
            },
            Counsellor,
        ),
        (RuleId::MealsNeed, "needs help", r(), Counsellor),
        (RuleId::TdResidence, "in Reykjavík", r(), Passed),
        (RuleId::TdDisability, "no disability", r(), Failed),
        (
            RuleId::TdDisability,
            "disability, cannot take the bus",
            disabled(),
            Passed,
        ),
        (
            RuleId::TdDisability,
            "disability, can take the bus",
            Answers {
                can_use_public_transport: Known(true),
                ..disabled()
            },
            Failed,
        ),
        (
            RuleId::TdDisability,
            "disability, bus not asked",
            Answers {
                can_use_public_transport: Missing,
                ..disabled()
            },
            Kind::Missing,
        ),
        (RuleId::ToResidence, "in Reykjavík", r(), Passed),
        (
            RuleId::ToPublicTransport,
            "cannot use public transport",
            r(),
            Passed,
        ),
        (
            RuleId::ToPublicTransport,
            "can use public transport",
            Answers {
                can_use_public_transport: Known(true),
                ..r()
            },
            Failed,
        ),
        (RuleId::NpaResidence, "in Reykjavík", r(), Passed),
        (RuleId::NpaDisability, "no disability", r(), Failed),
        (RuleId::NpaDisability, "disability", disabled(), Passed),
        (RuleId::NpaAge, "adult", disabled(), Passed),
        (
            RuleId::NpaAge,
            "a child: parents apply",
            Answers {
                age: Known(age(12)),
                ..disabled()
            },
            Counsellor,
        ),
        (RuleId::NpaLiving, "own lease", disabled(), Passed),
        (
            RuleId::NpaLiving,
            "no home",
            Answers {
                living: Known(LivingSituation::NoHome),
                ..disabled()
            },
            Counsellor,
        ),
        (RuleId::NpaAgeRelated, "under 67", disabled(), Passed),
        (
            RuleId::NpaAgeRelated,
            "67 or older",
            Answers {
                age: Known(age(70)),
                ..disabled()
            },
            Counsellor,
        ),
        (RuleId::CfResidence, "in Reykjavík", r(), Passed),
        (RuleId::CfChildren, "no children", r(), Failed),
        (
            RuleId::CfChildren,
            "children in custody",
            couple_with_two_children(),
            Passed,
        ),
        (
            RuleId::CfChildren,
            "children, custody not asked",
            Answers {
                custody: Missing,
                ..couple_with_two_children()
            },
            Kind::Missing,
        ),
        (RuleId::CfNeed, "always a counsellor's", r(), Counsellor),
        (RuleId::ScResidence, "in Reykjavík", r(), Passed),
        (
            RuleId::ScResidence,
            "outside Reykjavík",
            Answers {
                postcode: Known(Postcode::parse("600").unwrap()),
                ..r()
            },
            Failed,
        ),
        (RuleId::LcResidence, "in Reykjavík", r(), Passed),
        (RuleId::LcChildAge, "no children", r(), Failed),
        (
            RuleId::LcChildAge,
            "a child of 5",
            Answers {
                children: Known(vec![child(5)]),
                ..r()
            },
            Failed,
        ),
        (
            RuleId::LcChildAge,
            "a child of 6",
            Answers {
                children: Known(vec![child(6)]),
                ..r()
            },
            Passed,
        ),
        (
            RuleId::LcChildAge,
            "a child of 18",
            Answers {
                children: Known(vec![child(18)]),
                ..r()
            },
            Passed,
        ),
        (
            RuleId::LcChildAge,
            "a child of 19",
            Answers {
                children: Known(vec![child(19)]),
                ..r()
            },
            Failed,
        ),
        (RuleId::RefResidence, "in Reykjavík", r(), Passed),
        (
            RuleId::RefProtection,
            "international protection",
            Answers {
                residence_status: Known(ResidenceStatus::InternationalProtection),
                ..r()
            },
            Passed,
        ),
        (
            RuleId::RefProtection,
            "asylum seeker",
            Answers {
                residence_status: Known(ResidenceStatus::AsylumSeeker),
                ..r()
            },
            Failed,
        ),
        (RuleId::RefProtection, "citizen", r(), Failed),
        (
            RuleId::HomeNoHome,
            "no home",
            Answers {
                living: Known(LivingSituation::NoHome),
                ..r()
            },
            Passed,
        ),
        (RuleId::HomeNoHome, "has a home", r(), Failed),
        (
            RuleId::HomeNoHome,
            "not known",
            Answers {
                living: Unknown,
                ..r()
            },
            Kind::Unknown,
        ),
    ]
}

#[test]
fn every_rule_gives_the_expected_status_for_its_cases() {
    for (rule, name, answers, expected) in cases() {
        for year in [2024, 2025, 2026] {
            let got = status_of(&answers, year, rule);
            assert_eq!(got, expected, "{} ({name}) in {year}", rule.as_str());
        }
    }
}

#[test]
fn every_rule_id_has_a_test_case() {
    let covered: BTreeSet<RuleId> = thresholds()
        .iter()
        .map(|t| t.rule)
        .chain(cases().iter().map(|c| c.0))
        .collect();
    let untested: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|id| !covered.contains(id))
        .map(|id| id.as_str())
        .collect();
    assert!(
        untested.is_empty(),
        "rules without a test case: {untested:?}"
    );
}

#[test]
fn financial_assistance_is_the_basic_amount_minus_income() {
    let answers = Answers {
        income_this_month: money(40_000),
        ..resident()
    };
    let fa = result(&answers, 2024, ServiceId::FinancialAssistance);
    assert_eq!(fa.outcome, Outcome::LikelyEligible);
    let amount = fa.amount.unwrap();
    assert_eq!(amount.kronur, 239_895 - 40_000);
    assert!(!amount.estimate, "2024 figures are confirmed");
    let fa = result(&answers, 2025, ServiceId::FinancialAssistance);
    assert_eq!(fa.amount.unwrap().kronur, 247_572 - 40_000);
    assert!(fa.amount.unwrap().estimate, "2025 figures are proposed");
}

#[test]
fn the_amount_does_not_depend_on_the_number_of_children() {
    let two = couple_with_two_children();
    let none = Answers {
        children: Known(vec![]),
        custody: Missing,
        ..two.clone()
    };
    let amount = |a: &Answers| {
        result(a, 2025, ServiceId::FinancialAssistance)
            .amount
            .unwrap()
            .kronur
    };
    assert_eq!(amount(&two), amount(&none));
}

#[test]
fn in_2026_the_2025_figures_are_used_and_the_result_says_so() {
    let fa = result(&resident(), 2026, ServiceId::FinancialAssistance);
    assert!(fa.notes.contains(&Note::FiguresFromEarlierYear {
        figures_year: 2025,
        as_of_year: 2026
    }));
    let income = fa
        .reasons
        .iter()
        .find(|c| c.rule == RuleId::FaIncome)
        .unwrap();
    assert_eq!(income.figures[0].year, 2025);
    let srh = result(&resident(), 2026, ServiceId::SocialRentalHousing);
    assert!(
        srh.notes.is_empty(),
        "social housing has 2026 figures: {:?}",
        srh.notes
    );
}

#[test]
fn unknown_income_is_may_be_with_the_basic_amount_as_a_ceiling() {
    let answers = Answers {
        income_this_month: Unknown,
        ..resident()
    };
    let fa = result(&answers, 2024, ServiceId::FinancialAssistance);
    assert_eq!(fa.outcome, Outcome::MayBeEligible);
    let amount = fa.amount.unwrap();
    assert!(amount.up_to);
    assert_eq!(amount.kronur, 239_895);
}

#[test]
fn an_unemployed_resident_who_has_not_applied_to_vmst_is_pointed_there() {
    let answers = Answers {
        employment: Known(Employment::Unemployed),
        applied_vmst: Known(false),
        ..resident()
    };
    let fa = result(&answers, 2025, ServiceId::FinancialAssistance);
    assert_eq!(fa.outcome, Outcome::MayBeEligible);
    assert!(fa.referrals.contains(&Referral::DirectorateOfLabour));
}

#[test]
fn a_foreign_national_is_told_aid_can_affect_their_permit() {
    let answers = with_temporary_permit();
    let fa = result(&answers, 2025, ServiceId::FinancialAssistance);
    assert!(fa.notes.contains(&Note::MayAffectResidencePermit));
}

#[test]
fn special_housing_support_stays_within_the_monthly_cap() {
    let answers = Answers {
        rent_per_month: money(400_000),
        ..resident()
    };
    let shs = result(&answers, 2025, ServiceId::SpecialHousingSupport);
    let amount = shs.amount.unwrap();
    let benefit = 50_792; // the housing benefit maximum for one person
    assert_eq!(amount.kronur, 100_000 - benefit);
    assert!(amount.up_to && amount.estimate);
}

#[test]
fn the_leisure_card_is_75000_a_year_per_child_aged_6_to_18() {
    let answers = Answers {
        children: Known(vec![child(3), child(7), child(12)]),
        custody: Known(true),
        ..resident()
    };
    let card = result(&answers, 2025, ServiceId::LeisureCard);
    assert_eq!(card.outcome, Outcome::LikelyEligible);
    assert_eq!(card.amount.unwrap().kronur, 150_000);
    assert_eq!(card.amount.unwrap().period, Period::Year);
}

#[test]
fn nothing_answered_means_every_service_needs_more_answers() {
    for r in evaluate(&Answers::default(), date(2026)) {
        assert_eq!(r.outcome, Outcome::NeedMoreAnswers, "{:?}", r.service);
    }
    let questions = relevant_questions(&Answers::default());
    assert_eq!(questions.first(), Some(&Question::Age));
}

#[test]
fn a_full_set_of_answers_leaves_no_question() {
    assert_eq!(relevant_questions(&resident()), vec![]);
}

#[test]
fn a_seventeen_year_old_is_not_asked_about_support_hours_or_vmst() {
    let answers = Answers {
        age: Known(age(17)),
        ..Answers::default()
    };
    let questions = relevant_questions(&answers);
    assert!(!questions.contains(&Question::Age));
    assert!(!questions.contains(&Question::AppliedVmst));
    assert!(!questions.contains(&Question::SupportHoursPerWeek));
    let fa = result(&answers, 2026, ServiceId::FinancialAssistance);
    assert_eq!(fa.outcome, Outcome::NotEligible);
}

#[test]
fn a_rule_never_says_no_to_an_unknown_answer() {
    let mut answers = resident();
    answers.age = Unknown;
    answers.postcode = Unknown;
    answers.living = Unknown;
    for r in evaluate(&answers, date(2025)) {
        for c in &r.reasons {
            let touches_unknown = matches!(
                c.rule,
                RuleId::FaAge
                    | RuleId::FaResidence
                    | RuleId::HomeNoHome
                    | RuleId::HbRegisteredLease
            );
            if touches_unknown {
                assert_ne!(kind(&c.status), Kind::Failed, "{:?}", c.rule);
            }
        }
    }
}
