//! Properties that must hold for any answers, not just the cases we thought of.

use proptest::prelude::*;

use super::*;
use crate::{
    answers::{Answer, Child, Employment, LivingSituation, ResidenceStatus},
    validation::{Age, ChildAge, Kronur, Months, Postcode, WeeklyHours},
};

fn answer<T: std::fmt::Debug + Clone + 'static>(
    values: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Answer<T>> {
    prop_oneof![
        1 => Just(Answer::Missing),
        1 => Just(Answer::Unknown),
        6 => values.prop_map(Answer::Known),
    ]
    .boxed()
}

fn known<T: std::fmt::Debug + Clone + 'static>(
    values: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Answer<T>> {
    values.prop_map(Answer::Known).boxed()
}

fn money() -> impl Strategy<Value = Kronur> {
    prop_oneof![0u64..400_000, 0u64..15_000_000].prop_map(Kronur::new)
}

fn living() -> impl Strategy<Value = LivingSituation> {
    prop_oneof![
        Just(LivingSituation::OwnHome),
        Just(LivingSituation::RegisteredLease),
        Just(LivingSituation::UnregisteredLease),
        Just(LivingSituation::WithParents),
        Just(LivingSituation::WithOthers),
        Just(LivingSituation::NoHome),
    ]
}

fn employment() -> impl Strategy<Value = Employment> {
    prop_oneof![
        Just(Employment::Working),
        Just(Employment::Unemployed),
        Just(Employment::UnableToWork),
        Just(Employment::Retired),
        Just(Employment::Other),
    ]
}

fn residence_status() -> impl Strategy<Value = ResidenceStatus> {
    prop_oneof![
        Just(ResidenceStatus::CitizenOrEea),
        Just(ResidenceStatus::PermanentPermit),
        Just(ResidenceStatus::TemporaryPermit),
        Just(ResidenceStatus::InternationalProtection),
        Just(ResidenceStatus::AsylumSeeker),
    ]
}

fn postcode() -> impl Strategy<Value = Postcode> {
    prop_oneof![
        Just("101"),
        Just("109"),
        Just("116"),
        Just("125"),
        Just("200"),
        Just("603")
    ]
    .prop_map(|p| Postcode::parse(p).unwrap())
}

fn children() -> impl Strategy<Value = Vec<Child>> {
    prop::collection::vec(
        (0u64..25).prop_map(|age| Child {
            age: ChildAge::new(age).unwrap(),
        }),
        0..4,
    )
}

fn answers_strategy(all_known: bool) -> impl Strategy<Value = Answers> {
    fn pick<T: std::fmt::Debug + Clone + 'static>(
        all_known: bool,
        s: impl Strategy<Value = T> + 'static,
    ) -> BoxedStrategy<Answer<T>> {
        if all_known { known(s) } else { answer(s) }
    }
    let people = (
        pick(all_known, (0u64..100).prop_map(|n| Age::new(n).unwrap())),
        pick(all_known, postcode()),
        pick(all_known, (0u64..240).prop_map(|n| Months::new(n).unwrap())),
        pick(all_known, residence_status()),
        pick(all_known, (0u64..60).prop_map(|n| Months::new(n).unwrap())),
        pick(all_known, any::<bool>()),
        pick(all_known, children()),
        pick(all_known, any::<bool>()),
        pick(all_known, living()),
    );
    let money_answers = (
        pick(all_known, money()),
        pick(all_known, money()),
        pick(all_known, money()),
        pick(all_known, money()),
        pick(all_known, money()),
        pick(all_known, employment()),
        pick(all_known, any::<bool>()),
    );
    let needs = (
        pick(all_known, any::<bool>()),
        pick(
            all_known,
            (0u64..60).prop_map(|n| WeeklyHours::new(n).unwrap()),
        ),
        pick(all_known, any::<bool>()),
        pick(all_known, any::<bool>()),
        pick(all_known, any::<bool>()),
        pick(all_known, any::<bool>()),
        pick(all_known, any::<bool>()),
    );
    (people, money_answers, needs).prop_map(|(p, m, n)| Answers {
        age: p.0,
        postcode: p.1,
        months_in_reykjavik: p.2,
        residence_status: p.3,
        permit_months_left: p.4,
        partner: p.5,
        children: p.6,
        custody: p.7,
        living: p.8,
        rent_per_month: m.0,
        income_this_month: m.1,
        income_last_year: m.2,
        income_three_year_average: m.3,
        assets: m.4,
        employment: m.5,
        student: m.6,
        disability: n.0,
        support_hours_per_week: n.1,
        needs_help_at_home: n.2,
        can_use_public_transport: n.3,
        applied_tr: n.4,
        applied_vmst: n.5,
        applied_housing_benefit: n.6,
    })
}

/// Replaces the answer to question `index` by "I don't know", if it was known.
fn forget(answers: &Answers, index: usize) -> Answers {
    let mut a = answers.clone();
    let question = crate::answers::Question::ALL[index];
    if question.is_answered(&a) && !question.is_unknown(&a) {
        question.set_unknown(&mut a);
    }
    a
}

fn year() -> impl Strategy<Value = Date> {
    (2024u16..=2026).prop_map(|y| Date::new(y, 3, 15).unwrap())
}

proptest! {
    #[test]
    fn more_income_never_raises_an_amount(
        answers in answers_strategy(true),
        as_of in year(),
        extra_month in 1u64..300_000,
        extra_year in 1u64..5_000_000,
    ) {
        let mut richer = answers.clone();
        let add = |a: &Answer<Kronur>, d: u64| a.map(|k| Kronur::new(k.value() + d));
        richer.income_this_month = add(&answers.income_this_month, extra_month);
        richer.income_last_year = add(&answers.income_last_year, extra_year);
        richer.income_three_year_average = add(&answers.income_three_year_average, extra_year);
        let before = evaluate(&answers, as_of);
        let after = evaluate(&richer, as_of);
        for (b, a) in before.iter().zip(&after) {
            let amount = |r: &ServiceResult| r.amount.map(|m| m.kronur).unwrap_or(0);
            prop_assert!(amount(a) <= amount(b), "{:?}: {} then {}", b.service, amount(b), amount(a));
        }
    }

    #[test]
    fn i_dont_know_never_flips_a_yes_into_a_no_or_back(
        answers in answers_strategy(false),
        index in 0usize..23,
        as_of in year(),
    ) {
        let before = evaluate(&answers, as_of);
        let after = evaluate(&forget(&answers, index), as_of);
        for (b, a) in before.iter().zip(&after) {
            let flipped = matches!(
                (b.outcome, a.outcome),
                (Outcome::NotEligible, Outcome::LikelyEligible) | (Outcome::LikelyEligible, Outcome::NotEligible)
            );
            prop_assert!(!flipped, "{:?}: {:?} became {:?}", b.service, b.outcome, a.outcome);
        }
    }

    #[test]
    fn answers_survive_a_round_trip_through_json(answers in answers_strategy(false)) {
        let json = serde_json::to_string(&answers).unwrap();
        let back: Answers = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, answers);
    }

    #[test]
    fn every_undecided_service_names_a_question_to_ask(answers in answers_strategy(false)) {
        let waiting = evaluate(&answers, Date::new(2026, 1, 1).unwrap())
            .iter()
            .any(|r| r.outcome == Outcome::NeedMoreAnswers);
        prop_assert_eq!(waiting, !relevant_questions(&answers).is_empty());
    }
}
