//! What each question asks for and how a typed or chosen answer becomes part of `Answers`.

use velferd_shared::{
    answers::{Answer, Answers, Child, Employment, LivingSituation, Question, ResidenceStatus},
    validation::{Kronur, KronurError, PostcodeError},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A whole number up to `max`.
    Number {
        max: u32,
        range: RangeError,
    },
    Money,
    Postcode,
    YesNo,
    /// One of `count` options (their texts are in `text::option_label`).
    Choice {
        count: usize,
    },
    ChildAges,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeError {
    Age,
    Months,
    Hours,
}

/// Why an answer could not be taken, each with its own translated message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    Required,
    ChooseOne,
    WholeNumber,
    OutOfRange(RangeError),
    Money(KronurError),
    Postcode(PostcodeError),
    ChildAges,
}

pub fn input_of(question: Question) -> Input {
    use Question::*;
    match question {
        Age => Input::Number {
            max: 120,
            range: RangeError::Age,
        },
        Postcode => Input::Postcode,
        Living => Input::Choice { count: 6 },
        Partner
        | Custody
        | Student
        | Disability
        | NeedsHelpAtHome
        | CanUsePublicTransport
        | AppliedTr
        | AppliedVmst
        | AppliedHousingBenefit => Input::YesNo,
        Children => Input::ChildAges,
        ResidenceStatus => Input::Choice { count: 5 },
        PermitMonthsLeft | MonthsInReykjavik => Input::Number {
            max: 1200,
            range: RangeError::Months,
        },
        Employment => Input::Choice { count: 5 },
        IncomeThisMonth | RentPerMonth | IncomeLastYear | IncomeThreeYearAverage | Assets => {
            Input::Money
        }
        SupportHoursPerWeek => Input::Number {
            max: 168,
            range: RangeError::Hours,
        },
    }
}

pub const LIVING: [LivingSituation; 6] = [
    LivingSituation::OwnHome,
    LivingSituation::RegisteredLease,
    LivingSituation::UnregisteredLease,
    LivingSituation::WithParents,
    LivingSituation::WithOthers,
    LivingSituation::NoHome,
];

const RESIDENCE: [ResidenceStatus; 5] = [
    ResidenceStatus::CitizenOrEea,
    ResidenceStatus::PermanentPermit,
    ResidenceStatus::TemporaryPermit,
    ResidenceStatus::InternationalProtection,
    ResidenceStatus::AsylumSeeker,
];

pub const EMPLOYMENT: [Employment; 5] = [
    Employment::Working,
    Employment::Unemployed,
    Employment::UnableToWork,
    Employment::Retired,
    Employment::Other,
];

/// A choice question's answer as the index of its option.
pub fn chosen(question: Question, answers: &Answers) -> Option<usize> {
    match question {
        Question::Living => answers
            .living
            .known()
            .and_then(|v| LIVING.iter().position(|x| x == v)),
        Question::ResidenceStatus => answers
            .residence_status
            .known()
            .and_then(|v| RESIDENCE.iter().position(|x| x == v)),
        Question::Employment => answers
            .employment
            .known()
            .and_then(|v| EMPLOYMENT.iter().position(|x| x == v)),
        _ => yes_no(question, answers).map(|yes| if yes { 0 } else { 1 }),
    }
}

fn yes_no(question: Question, a: &Answers) -> Option<bool> {
    let answer = match question {
        Question::Partner => &a.partner,
        Question::Custody => &a.custody,
        Question::Student => &a.student,
        Question::Disability => &a.disability,
        Question::NeedsHelpAtHome => &a.needs_help_at_home,
        Question::CanUsePublicTransport => &a.can_use_public_transport,
        Question::AppliedTr => &a.applied_tr,
        Question::AppliedVmst => &a.applied_vmst,
        Question::AppliedHousingBenefit => &a.applied_housing_benefit,
        _ => return None,
    };
    answer.known().copied()
}

/// A typed answer as it was given, to show it again (in the field, or on the summary).
pub fn typed(question: Question, a: &Answers) -> String {
    use Question::*;
    let money = |m: &Answer<Kronur>| m.known().map(|k| k.to_string());
    let number = |n: Option<u32>| n.map(|n| n.to_string());
    match question {
        Age => number(a.age.known().map(|v| u32::from(*v))),
        Postcode => a.postcode.known().map(|p| p.value().to_string()),
        PermitMonthsLeft => number(a.permit_months_left.known().map(|v| u32::from(*v))),
        MonthsInReykjavik => number(a.months_in_reykjavik.known().map(|v| u32::from(*v))),
        SupportHoursPerWeek => number(a.support_hours_per_week.known().map(|v| u32::from(*v))),
        IncomeThisMonth => money(&a.income_this_month),
        RentPerMonth => money(&a.rent_per_month),
        IncomeLastYear => money(&a.income_last_year),
        IncomeThreeYearAverage => money(&a.income_three_year_average),
        Assets => money(&a.assets),
        Children => a.children.known().map(|c| {
            c.iter()
                .map(|c| c.age.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        _ => None,
    }
    .unwrap_or_default()
}

/// Takes a typed answer (text questions) or a chosen option (choice questions).
pub fn take(
    question: Question,
    typed: &str,
    choice: Option<usize>,
    answers: &mut Answers,
) -> Result<(), InputError> {
    use Question::*;
    match input_of(question) {
        Input::Number { max, range } => {
            let trimmed = typed.trim();
            if trimmed.is_empty() {
                return Err(InputError::Required);
            }
            let n: u32 = trimmed.parse().map_err(|_| InputError::WholeNumber)?;
            if n > max {
                return Err(InputError::OutOfRange(range));
            }
            match question {
                Age => answers.age = Answer::Known(n as u8),
                PermitMonthsLeft => answers.permit_months_left = Answer::Known(n as u16),
                MonthsInReykjavik => answers.months_in_reykjavik = Answer::Known(n as u16),
                _ => answers.support_hours_per_week = Answer::Known(n as u16),
            }
        }
        Input::Money => {
            let amount = Answer::Known(Kronur::parse(typed).map_err(InputError::Money)?);
            match question {
                IncomeThisMonth => answers.income_this_month = amount,
                RentPerMonth => answers.rent_per_month = amount,
                IncomeLastYear => answers.income_last_year = amount,
                IncomeThreeYearAverage => answers.income_three_year_average = amount,
                _ => answers.assets = amount,
            }
        }
        Input::Postcode => {
            answers.postcode = Answer::Known(
                velferd_shared::validation::Postcode::parse(typed).map_err(InputError::Postcode)?,
            );
        }
        Input::ChildAges => {
            let ages: Result<Vec<Child>, _> = typed
                .split([',', ';', ' '])
                .filter(|s| !s.trim().is_empty())
                .map(|s| {
                    s.trim()
                        .parse::<u8>()
                        .ok()
                        .filter(|a| *a <= 25)
                        .map(|age| Child { age })
                        .ok_or(InputError::ChildAges)
                })
                .collect();
            answers.children = Answer::Known(ages?);
        }
        Input::YesNo => {
            let yes = match choice {
                Some(0) => true,
                Some(1) => false,
                _ => return Err(InputError::ChooseOne),
            };
            let answer = Answer::Known(yes);
            match question {
                Partner => answers.partner = answer,
                Custody => answers.custody = answer,
                Student => answers.student = answer,
                Disability => answers.disability = answer,
                NeedsHelpAtHome => answers.needs_help_at_home = answer,
                CanUsePublicTransport => answers.can_use_public_transport = answer,
                AppliedTr => answers.applied_tr = answer,
                AppliedVmst => answers.applied_vmst = answer,
                _ => answers.applied_housing_benefit = answer,
            }
        }
        Input::Choice { .. } => {
            let index = choice.ok_or(InputError::ChooseOne)?;
            match question {
                Living => {
                    answers.living = Answer::Known(*LIVING.get(index).ok_or(InputError::ChooseOne)?)
                }
                ResidenceStatus => {
                    answers.residence_status =
                        Answer::Known(*RESIDENCE.get(index).ok_or(InputError::ChooseOne)?)
                }
                _ => {
                    answers.employment =
                        Answer::Known(*EMPLOYMENT.get(index).ok_or(InputError::ChooseOne)?)
                }
            }
        }
    }
    Ok(())
}
