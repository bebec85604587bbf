//! What each question asks for and how a typed or chosen answer becomes part of `Answers`. The
//! limits (an age up to 120, hours up to 168) are `shared`'s parsed types, so the browser and
//! the API refuse the same answers with the same codes.

use velferd_shared::{
    ProblemCode,
    answers::{Answer, Answers, Child, Question},
    choice::Choice,
    validation::{Age, Kronur, Months, Postcode, WeeklyHours, parse_child_ages},
};

use crate::{components::form::RadioOption, i18n::Locale, text::radio_options};

/// The value of the "I don't know" option: the JSON spelling of an unknown answer.
pub const DONT_KNOW: &str = "unknown";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Age,
    Months,
    Hours,
    Money,
    Postcode,
    ChildAges,
    /// One of a list of options (yes and no among them).
    Choice,
}

pub fn input_of(question: Question) -> Input {
    use Question::*;
    match question {
        Age => Input::Age,
        Postcode => Input::Postcode,
        PermitMonthsLeft | MonthsInReykjavik => Input::Months,
        SupportHoursPerWeek => Input::Hours,
        IncomeThisMonth | RentPerMonth | IncomeLastYear | IncomeThreeYearAverage | Assets => {
            Input::Money
        }
        Children => Input::ChildAges,
        Living
        | ResidenceStatus
        | Employment
        | Partner
        | Custody
        | Student
        | Disability
        | NeedsHelpAtHome
        | CanUsePublicTransport
        | AppliedTr
        | AppliedVmst
        | AppliedHousingBenefit => Input::Choice,
    }
}

/// A yes/no question's answer.
fn yes_no(question: Question, a: &mut Answers) -> Option<&mut Answer<bool>> {
    use Question::*;
    Some(match question {
        Partner => &mut a.partner,
        Custody => &mut a.custody,
        Student => &mut a.student,
        Disability => &mut a.disability,
        NeedsHelpAtHome => &mut a.needs_help_at_home,
        CanUsePublicTransport => &mut a.can_use_public_transport,
        AppliedTr => &mut a.applied_tr,
        AppliedVmst => &mut a.applied_vmst,
        AppliedHousingBenefit => &mut a.applied_housing_benefit,
        _ => return None,
    })
}

/// A choice question's options in `locale`, or `None` for a typed answer.
pub fn options(question: Question, locale: Locale) -> Option<Vec<RadioOption>> {
    Some(match question {
        Question::Living => {
            radio_options(locale, velferd_shared::answers::LivingSituation::OPTIONS)
        }
        Question::ResidenceStatus => {
            radio_options(locale, velferd_shared::answers::ResidenceStatus::OPTIONS)
        }
        Question::Employment => radio_options(locale, velferd_shared::answers::Employment::OPTIONS),
        q if yes_no(q, &mut Answers::default()).is_some() => radio_options(locale, bool::OPTIONS),
        _ => return None,
    })
}

fn key_of<T: Choice>(answer: &Answer<T>) -> Option<&'static str> {
    answer.known().map(|v| v.key())
}

/// A choice question's chosen option, by its key.
pub fn chosen(question: Question, answers: &Answers) -> Option<&'static str> {
    match question {
        Question::Living => key_of(&answers.living),
        Question::ResidenceStatus => key_of(&answers.residence_status),
        Question::Employment => key_of(&answers.employment),
        q => key_of(yes_no(q, &mut answers.clone())?),
    }
}

/// A typed answer as it was given, to show it again (in the field, or on the summary).
pub fn typed(question: Question, a: &Answers) -> String {
    use Question::*;
    let shown = |answer: Option<String>| answer.unwrap_or_default();
    match question {
        Age => shown(a.age.known().map(ToString::to_string)),
        Postcode => shown(a.postcode.known().map(|p| p.value().to_string())),
        PermitMonthsLeft => shown(a.permit_months_left.known().map(ToString::to_string)),
        MonthsInReykjavik => shown(a.months_in_reykjavik.known().map(ToString::to_string)),
        SupportHoursPerWeek => shown(a.support_hours_per_week.known().map(ToString::to_string)),
        IncomeThisMonth => shown(a.income_this_month.known().map(ToString::to_string)),
        RentPerMonth => shown(a.rent_per_month.known().map(ToString::to_string)),
        IncomeLastYear => shown(a.income_last_year.known().map(ToString::to_string)),
        IncomeThreeYearAverage => {
            shown(a.income_three_year_average.known().map(ToString::to_string))
        }
        Assets => shown(a.assets.known().map(ToString::to_string)),
        Children => shown(a.children.known().map(|c| {
            c.iter()
                .map(|c| c.age.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })),
        _ => String::new(),
    }
}

fn choose<T: Choice>(slot: &mut Answer<T>, key: Option<&str>) -> Result<(), ProblemCode> {
    let value = key
        .and_then(T::from_key)
        .ok_or(ProblemCode::AnswerChooseOne)?;
    *slot = Answer::Known(value);
    Ok(())
}

/// Takes a typed answer (text questions) or the key of a chosen option (choice questions).
pub fn take(
    question: Question,
    typed: &str,
    choice: Option<&str>,
    answers: &mut Answers,
) -> Result<(), ProblemCode> {
    use Question::*;
    match question {
        Age => answers.age = Answer::Known(self::Age::parse(typed)?),
        PermitMonthsLeft => answers.permit_months_left = Answer::Known(Months::parse(typed)?),
        MonthsInReykjavik => answers.months_in_reykjavik = Answer::Known(Months::parse(typed)?),
        SupportHoursPerWeek => {
            answers.support_hours_per_week = Answer::Known(WeeklyHours::parse(typed)?)
        }
        IncomeThisMonth => answers.income_this_month = Answer::Known(Kronur::parse(typed)?),
        RentPerMonth => answers.rent_per_month = Answer::Known(Kronur::parse(typed)?),
        IncomeLastYear => answers.income_last_year = Answer::Known(Kronur::parse(typed)?),
        IncomeThreeYearAverage => {
            answers.income_three_year_average = Answer::Known(Kronur::parse(typed)?)
        }
        Assets => answers.assets = Answer::Known(Kronur::parse(typed)?),
        Postcode => answers.postcode = Answer::Known(self::Postcode::parse(typed)?),
        Children => {
            let ages = parse_child_ages(typed)?;
            answers.children = Answer::Known(ages.into_iter().map(|age| Child { age }).collect());
        }
        Living => choose(&mut answers.living, choice)?,
        ResidenceStatus => choose(&mut answers.residence_status, choice)?,
        Employment => choose(&mut answers.employment, choice)?,
        yes_or_no => {
            let slot = yes_no(yes_or_no, answers).expect("every other question is yes or no");
            choose(slot, choice)?
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use velferd_shared::{
        answers::{Employment, LivingSituation},
        validation::{KronurError, PostcodeError},
    };

    use super::*;

    fn taken(
        question: Question,
        typed: &str,
        choice: Option<&str>,
    ) -> Result<Answers, ProblemCode> {
        let mut answers = Answers::default();
        take(question, typed, choice, &mut answers).map(|()| answers)
    }

    #[test]
    fn an_age_over_120_or_not_a_whole_number_is_refused_with_its_code() {
        assert_eq!(
            taken(Question::Age, " 34 ", None)
                .unwrap()
                .age
                .known()
                .map(|a| a.value()),
            Some(34)
        );
        assert_eq!(
            taken(Question::Age, "121", None),
            Err(ProblemCode::AgeOutOfRange)
        );
        assert_eq!(
            taken(Question::Age, "", None),
            Err(ProblemCode::AnswerRequired)
        );
        assert_eq!(
            taken(Question::Age, "3,5", None),
            Err(ProblemCode::AnswerWholeNumber)
        );
        assert_eq!(
            taken(Question::SupportHoursPerWeek, "169", None),
            Err(ProblemCode::HoursOutOfRange)
        );
        assert_eq!(
            taken(Question::MonthsInReykjavik, "1201", None),
            Err(ProblemCode::MonthsOutOfRange)
        );
    }

    #[test]
    fn amounts_and_postcodes_carry_their_parsers_codes() {
        assert_eq!(
            taken(Question::IncomeThisMonth, "-5", None),
            Err(ProblemCode::Money(KronurError::Negative))
        );
        assert_eq!(
            taken(Question::Postcode, "12", None),
            Err(ProblemCode::Postcode(PostcodeError::NotThreeDigits))
        );
        let answers = taken(Question::RentPerMonth, "150.000", None).unwrap();
        assert_eq!(typed(Question::RentPerMonth, &answers), "150.000 kr.");
    }

    #[test]
    fn childrens_ages_are_read_as_a_list_and_shown_again_the_same_way() {
        let answers = taken(Question::Children, "4, 9", None).unwrap();
        assert_eq!(typed(Question::Children, &answers), "4, 9");
        assert_eq!(
            taken(Question::Children, "4, 30", None),
            Err(ProblemCode::ChildAgesBadFormat)
        );
    }

    #[test]
    fn a_choice_is_taken_by_its_options_key_and_read_back() {
        let answers = taken(Question::Living, "", Some("registered-lease")).unwrap();
        assert_eq!(
            answers.living,
            Answer::Known(LivingSituation::RegisteredLease)
        );
        assert_eq!(chosen(Question::Living, &answers), Some("registered-lease"));
        let answers = taken(Question::Employment, "", Some("retired")).unwrap();
        assert_eq!(answers.employment, Answer::Known(Employment::Retired));
        let answers = taken(Question::Custody, "", Some("no")).unwrap();
        assert_eq!(answers.custody, Answer::Known(false));
        assert_eq!(chosen(Question::Custody, &answers), Some("no"));
        assert_eq!(
            taken(Question::Partner, "", None),
            Err(ProblemCode::AnswerChooseOne)
        );
        assert_eq!(
            taken(Question::Living, "", Some("castle")),
            Err(ProblemCode::AnswerChooseOne)
        );
    }

    #[test]
    fn every_choice_question_lists_options_and_every_typed_one_none() {
        for question in Question::ALL {
            let listed = options(question, Locale::en);
            assert_eq!(
                listed.is_some(),
                input_of(question) == Input::Choice,
                "{question:?}"
            );
            if let Some(listed) = listed {
                assert!(listed.len() >= 2, "{question:?}");
                for option in listed {
                    let mut answers = Answers::default();
                    take(question, "", Some(option.value), &mut answers).unwrap();
                    assert_eq!(chosen(question, &answers), Some(option.value));
                }
            }
        }
    }
}
