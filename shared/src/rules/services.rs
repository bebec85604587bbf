//! The rules of each service (services.md), one function per service.

use serde::Serialize;

use super::NextStep;
use super::{
    Amount, FigureUsed, Note, Outcome, Period, Referral, RuleCheck, RuleStatus, ServiceResult,
    combine,
    parameters::{Figure, FigureId, FigureStatus, figure},
};
use crate::{
    answers::{Answer, Answers, Employment, LivingSituation, Question, ResidenceStatus},
    catalogue::{CATALOGUE, HowToApply, ServiceId},
    validation::Residence,
};

macro_rules! rule_ids {
    // `tt`, not `literal`: a `literal` fragment reaches a derive wrapped in an invisible group,
    // and utoipa's reading of `rename` takes only a bare literal.
    ($($variant:ident = $id:tt,)*) => {
        /// A stable identifier of one rule, used in results, translations and tests.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum RuleId {
            $(#[serde(rename = $id)] $variant,)*
        }

        impl RuleId {
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }
        }
    };
}

rule_ids! {
    FaAge = "fa.age",
    FaResidence = "fa.residence",
    FaOtherEntitlements = "fa.other-entitlements",
    FaStudent = "fa.student",
    FaIncome = "fa.income",
    FaAssets = "fa.assets",
    ShsAge = "shs.age",
    ShsResidence = "shs.residence",
    ShsRenting = "shs.renting",
    ShsHousingBenefit = "shs.housing-benefit",
    ShsPoints = "shs.points",
    ShsAssets = "shs.assets",
    ShsIncome = "shs.income",
    HbRegisteredLease = "hb.registered-lease",
    HbIncome = "hb.income",
    SrhAge = "srh.age",
    SrhResidence = "srh.residence",
    SrhNoOwnHome = "srh.no-own-home",
    SrhPermit = "srh.permit",
    SrhIncome = "srh.income",
    SrhAssets = "srh.assets",
    SrhPoints = "srh.points",
    HsAge = "hs.age",
    HsResidence = "hs.residence",
    HsLivingIndependently = "hs.living-independently",
    HsNeed = "hs.need",
    MealsAge = "meals.age",
    MealsResidence = "meals.residence",
    MealsLivingIndependently = "meals.living-independently",
    MealsNeed = "meals.need",
    TdResidence = "td.residence",
    TdDisability = "td.disability",
    ToResidence = "to.residence",
    ToAge = "to.age",
    ToPublicTransport = "to.public-transport",
    NpaResidence = "npa.residence",
    NpaDisability = "npa.disability",
    NpaHours = "npa.hours",
    NpaAge = "npa.age",
    NpaLiving = "npa.living",
    NpaAgeRelated = "npa.age-related",
    CfResidence = "cf.residence",
    CfChildren = "cf.children",
    CfNeed = "cf.need",
    ScResidence = "sc.residence",
    LcResidence = "lc.residence",
    LcChildAge = "lc.child-age",
    RefResidence = "ref.residence",
    RefProtection = "ref.protection",
    HomeNoHome = "home.no-home",
}

const FA_LAW: &str = "Reglur um fjárhagsaðstoð frá Reykjavíkurborg nr. 350/2021; lög nr. 40/1991";
const SHS_LAW: &str = "Reglur Reykjavíkurborgar um sérstakan húsnæðisstuðning";
const HB_LAW: &str = "Lög um húsnæðisbætur nr. 75/2016";
const SRH_LAW: &str = "Reglur Reykjavíkurborgar um félagslegt leiguhúsnæði";
const HOME_LAW: &str = "Reglur Reykjavíkurborgar um stuðningsþjónustu; lög nr. 40/1991";
const TRANSPORT_LAW: &str = "Reglur Reykjavíkurborgar um akstursþjónustu";
const NPA_LAW: &str = "Lög nr. 38/2018, 11. gr.";
const FAMILY_LAW: &str = "Lög nr. 40/1991; barnaverndarlög nr. 80/2002";
const SOCIAL_LAW: &str = "Lög um félagsþjónustu sveitarfélaga nr. 40/1991";
const LEISURE_LAW: &str = "Reglur Reykjavíkurborgar um frístundakort";
const REFUGEE_LAW: &str = "Lög um útlendinga nr. 80/2016; lög nr. 40/1991";

use Answer::{Known, Missing, Unknown};
use RuleStatus::{CounsellorAssesses, Failed, Passed};

fn missing(questions: &[Question]) -> RuleStatus {
    RuleStatus::Missing {
        questions: questions.to_vec(),
    }
}

/// Of two statuses for the same rule, the one that says more: a failure, then what is still to
/// ask, then what is uncertain.
fn worse(a: RuleStatus, b: RuleStatus) -> RuleStatus {
    fn rank(s: &RuleStatus) -> u8 {
        match s {
            Failed => 4,
            RuleStatus::Missing { .. } => 3,
            RuleStatus::Unknown => 2,
            CounsellorAssesses => 1,
            Passed => 0,
        }
    }
    match (a, b) {
        (RuleStatus::Missing { questions: mut x }, RuleStatus::Missing { questions: y }) => {
            x.extend(y);
            RuleStatus::Missing { questions: x }
        }
        (a, b) => {
            if rank(&b) > rank(&a) {
                b
            } else {
                a
            }
        }
    }
}

/// Passes when a yes/no answer is `pass_when`.
fn yes_no(answer: &Answer<bool>, question: Question, pass_when: bool) -> RuleStatus {
    match answer {
        Known(v) if *v == pass_when => Passed,
        Known(_) => Failed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[question]),
    }
}

/// One service being evaluated: its checks, and what it learned along the way.
struct Evaluation<'a> {
    answers: &'a Answers,
    year: u16,
    checks: Vec<RuleCheck>,
    notes: Vec<Note>,
    referrals: Vec<Referral>,
    amount: Option<Amount>,
}

impl<'a> Evaluation<'a> {
    fn new(answers: &'a Answers, year: u16) -> Self {
        Evaluation {
            answers,
            year,
            checks: Vec::new(),
            notes: Vec::new(),
            referrals: Vec::new(),
            amount: None,
        }
    }

    /// The figure in force, noting when it belongs to an earlier year than asked.
    fn figure(&mut self, id: FigureId) -> &'static Figure {
        let f = figure(id, self.year);
        if f.yearly && f.year < self.year {
            let note = Note::FiguresFromEarlierYear {
                figures_year: f.year,
                as_of_year: self.year,
            };
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        f
    }

    fn check(&mut self, rule: RuleId, status: RuleStatus, figures: &[&Figure], law: &'static str) {
        self.checks.push(RuleCheck {
            rule,
            status,
            figures: figures.iter().map(|f| FigureUsed::from(*f)).collect(),
            legal_reference: law,
        });
    }

    fn refer(&mut self, referral: Referral) {
        if !self.referrals.contains(&referral) {
            self.referrals.push(referral);
        }
    }

    fn residence(&mut self, rule: RuleId, law: &'static str) {
        let status = match &self.answers.postcode {
            Known(postcode) => match postcode.residence() {
                Residence::Reykjavik(_) => Passed,
                Residence::OutsideReykjavik => {
                    self.refer(Referral::OwnMunicipality);
                    Failed
                }
            },
            Unknown => RuleStatus::Unknown,
            Missing => missing(&[Question::Postcode]),
        };
        self.check(rule, status, &[], law);
    }

    fn minimum_age(&mut self, rule: RuleId, id: FigureId, law: &'static str) {
        let f = self.figure(id);
        let status = at_least(
            &self.answers.age.map(|a| u64::from(a.value())),
            f.value,
            Question::Age,
        );
        self.check(rule, status, &[f], law);
    }

    fn finish(self, service: ServiceId) -> ServiceResult {
        let outcome = combine(&self.checks);
        let how = CATALOGUE
            .iter()
            .find(|s| s.id == service)
            .map(|s| s.how_to_apply)
            .unwrap_or(HowToApply::BookCall);
        let next_step = match outcome {
            Outcome::NotEligible => NextStep::None,
            _ if service == ServiceId::PeopleWithoutAHome => NextStep::UrgentHelp,
            _ => match how {
                HowToApply::OnlineApplication => NextStep::ApplyOnline,
                HowToApply::BookCall => NextStep::BookCall,
                HowToApply::ApplyElsewhere { url } => NextStep::ApplyElsewhere { url },
                HowToApply::InformationOnly => NextStep::ReadInformation,
            },
        };
        let amount = match outcome {
            Outcome::LikelyEligible | Outcome::MayBeEligible => self.amount,
            _ => None,
        };
        ServiceResult {
            service,
            outcome,
            reasons: self.checks,
            amount,
            next_step,
            referrals: self.referrals,
            notes: self.notes,
        }
    }
}

fn at_least(value: &Answer<u64>, minimum: u64, question: Question) -> RuleStatus {
    match value {
        Known(v) if *v >= minimum => Passed,
        Known(_) => Failed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[question]),
    }
}

fn below(value: &Answer<u64>, limit: u64, question: Question) -> RuleStatus {
    match value {
        Known(v) if *v < limit => Passed,
        Known(_) => Failed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[question]),
    }
}

fn kronur(answer: &Answer<crate::validation::Kronur>) -> Answer<u64> {
    answer.map(|k| k.value())
}

fn is_estimate(figures: &[&Figure]) -> bool {
    figures.iter().any(|f| f.status != FigureStatus::Confirmed)
}

/// The household's size when partner and children are known, or what is still to ask.
fn household_size(a: &Answers) -> Result<u8, RuleStatus> {
    match a.household_size() {
        Known(n) => Ok(n),
        Unknown => Err(RuleStatus::Unknown),
        Missing => {
            let mut questions = Vec::new();
            if a.partner.is_missing() {
                questions.push(Question::Partner);
            }
            if a.children.is_missing() {
                questions.push(Question::Children);
            }
            Err(missing(&questions))
        }
    }
}

pub(super) fn evaluate_all(answers: &Answers, year: u16) -> Vec<ServiceResult> {
    CATALOGUE
        .iter()
        .map(|service| {
            let mut e = Evaluation::new(answers, year);
            match service.id {
                ServiceId::FinancialAssistance => financial_assistance(&mut e),
                ServiceId::SpecialHousingSupport => special_housing_support(&mut e),
                ServiceId::HousingBenefit => housing_benefit(&mut e),
                ServiceId::SocialRentalHousing => social_rental_housing(&mut e),
                ServiceId::HomeSupport => home_support(&mut e),
                ServiceId::HomeDeliveredMeals => home_delivered_meals(&mut e),
                ServiceId::TransportForDisabledPeople => transport_for_disabled_people(&mut e),
                ServiceId::TransportForOlderPeople => transport_for_older_people(&mut e),
                ServiceId::PersonalAssistance => personal_assistance(&mut e),
                ServiceId::SupportForChildrenAndFamilies => children_and_families(&mut e),
                ServiceId::SocialCounselling => social_counselling(&mut e),
                ServiceId::LeisureCard => leisure_card(&mut e),
                ServiceId::ServicesForRefugees => services_for_refugees(&mut e),
                ServiceId::PeopleWithoutAHome => people_without_a_home(&mut e),
            }
            e.finish(service.id)
        })
        .collect()
}

// --- 1. Financial assistance -------------------------------------------------------------------

/// The basic-amount tier (Art. 11): a couple; someone running their own home; someone living
/// with others, renting without a registered lease or homeless; someone living with parents
/// (the "with others" tier if they have custody of a child).
fn financial_assistance_tier(a: &Answers) -> Result<FigureId, RuleStatus> {
    match &a.partner {
        Known(true) => return Ok(FigureId::FaBasicCouple),
        Known(false) => {}
        Unknown => return Err(RuleStatus::Unknown),
        Missing => return Err(missing(&[Question::Partner])),
    }
    match &a.living {
        Known(LivingSituation::OwnHome | LivingSituation::RegisteredLease) => {
            Ok(FigureId::FaBasicOwnHome)
        }
        Known(
            LivingSituation::UnregisteredLease
            | LivingSituation::WithOthers
            | LivingSituation::NoHome,
        ) => Ok(FigureId::FaBasicWithOthers),
        Known(LivingSituation::WithParents) => match (&a.children, &a.custody) {
            (Known(children), _) if children.is_empty() => Ok(FigureId::FaBasicWithParents),
            (_, Known(true)) => Ok(FigureId::FaBasicWithOthers),
            (_, Known(false)) => Ok(FigureId::FaBasicWithParents),
            (Missing, _) => Err(missing(&[Question::Children])),
            (_, Unknown) | (Unknown, _) => Err(RuleStatus::Unknown),
            (_, Missing) => Err(missing(&[Question::Custody])),
        },
        Unknown => Err(RuleStatus::Unknown),
        Missing => Err(missing(&[Question::Living])),
    }
}

fn financial_assistance(e: &mut Evaluation) {
    let a = e.answers;
    e.minimum_age(RuleId::FaAge, FigureId::FaMinimumAge, FA_LAW);
    e.residence(RuleId::FaResidence, FA_LAW);

    // A last resort: unemployment benefit or a pension must be applied for first.
    let entitlements = match &a.employment {
        Missing => missing(&[Question::Employment]),
        Unknown => RuleStatus::Unknown,
        Known(employment) => {
            let mut status = Passed;
            if *employment == Employment::Unemployed {
                let applied = yes_no(&a.applied_vmst, Question::AppliedVmst, true);
                if applied != Passed {
                    e.refer(Referral::DirectorateOfLabour);
                }
                status = worse(status, soften(applied));
            }
            let older = a.age.known().is_some_and(|age| age.value() >= 67);
            let disabled = a.disability.known() == Some(&true);
            if matches!(employment, Employment::UnableToWork | Employment::Retired)
                || older
                || disabled
            {
                let applied = yes_no(&a.applied_tr, Question::AppliedTr, true);
                if applied != Passed {
                    e.refer(Referral::SocialInsuranceTr);
                }
                status = worse(status, soften(applied));
            }
            status
        }
    };
    e.check(RuleId::FaOtherEntitlements, entitlements, &[], FA_LAW);

    let student = match &a.student {
        Known(true) => CounsellorAssesses,
        Known(false) => Passed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Student]),
    };
    e.check(RuleId::FaStudent, student, &[], FA_LAW);

    match financial_assistance_tier(a) {
        Ok(tier) => {
            let basic = e.figure(tier);
            let income = kronur(&a.income_this_month);
            let status = below(&income, basic.value, Question::IncomeThisMonth);
            let estimate = is_estimate(&[basic]);
            e.amount = match income {
                Known(i) if i < basic.value => Some(Amount {
                    kronur: basic.value - i,
                    period: Period::Month,
                    up_to: false,
                    estimate,
                }),
                Unknown => Some(Amount {
                    kronur: basic.value,
                    period: Period::Month,
                    up_to: true,
                    estimate,
                }),
                _ => None,
            };
            e.check(RuleId::FaIncome, status, &[basic], FA_LAW);
        }
        Err(status) => {
            let status = worse(
                status,
                match &a.income_this_month {
                    Missing => missing(&[Question::IncomeThisMonth]),
                    _ => Passed,
                },
            );
            e.check(RuleId::FaIncome, status, &[], FA_LAW);
        }
    }

    let assets = match kronur(&a.assets) {
        Known(0) => Passed,
        // Savings must be used first; how much counts is a counsellor's judgement.
        Known(_) => CounsellorAssesses,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Assets]),
    };
    e.check(RuleId::FaAssets, assets, &[], FA_LAW);

    if a.residence_status
        .known()
        .is_some_and(|s| s.is_foreign_national())
    {
        e.notes.push(Note::MayAffectResidencePermit);
    }
}

/// "Has not applied for a benefit that comes first" is not a no: a counsellor points there.
fn soften(status: RuleStatus) -> RuleStatus {
    match status {
        Failed => CounsellorAssesses,
        other => other,
    }
}

// --- 2. Special housing support ----------------------------------------------------------------

fn special_housing_support(e: &mut Evaluation) {
    let a = e.answers;
    let adult = e.figure(FigureId::ShsMinimumAge);
    let age = match &a.age.map(|age| age.value()) {
        Known(age) if u64::from(*age) >= adult.value => Passed,
        // 15–17-year-olds renting a dorm room to study away from home may qualify.
        Known(15..=17) => CounsellorAssesses,
        Known(_) => Failed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Age]),
    };
    e.check(RuleId::ShsAge, age, &[adult], SHS_LAW);
    e.residence(RuleId::ShsResidence, SHS_LAW);

    let renting = match &a.living {
        Known(LivingSituation::RegisteredLease) => Passed,
        Known(LivingSituation::OwnHome) => Failed,
        // Someone looking for a place may apply without a lease (approval valid 3 months).
        Known(_) => CounsellorAssesses,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Living]),
    };
    e.check(RuleId::ShsRenting, renting, &[], SHS_LAW);

    let housing_benefit = match &a.living {
        Known(LivingSituation::RegisteredLease) => {
            let applied = yes_no(
                &a.applied_housing_benefit,
                Question::AppliedHousingBenefit,
                true,
            );
            if applied != Passed {
                e.refer(Referral::HousingBenefitHms);
            }
            soften(applied)
        }
        Known(_) | Unknown => CounsellorAssesses,
        Missing => missing(&[Question::Living]),
    };
    e.check(RuleId::ShsHousingBenefit, housing_benefit, &[], SHS_LAW);

    e.check(RuleId::ShsPoints, CounsellorAssesses, &[], SHS_LAW);

    let asset_limit = e.figure(FigureId::ShsAssetLimit);
    let assets = below(&kronur(&a.assets), asset_limit.value, Question::Assets);
    e.check(RuleId::ShsAssets, assets, &[asset_limit], SHS_LAW);

    match household_size(a) {
        Ok(size) => {
            let (lower, upper) = match size {
                1 => (FigureId::ShsIncomeLower1, FigureId::ShsIncomeUpper1),
                2 => (FigureId::ShsIncomeLower2, FigureId::ShsIncomeUpper2),
                3 => (FigureId::ShsIncomeLower3, FigureId::ShsIncomeUpper3),
                _ => (FigureId::ShsIncomeLower4, FigureId::ShsIncomeUpper4),
            };
            let (lower, upper) = (e.figure(lower), e.figure(upper));
            let status = below(
                &kronur(&a.income_last_year),
                upper.value,
                Question::IncomeLastYear,
            );
            e.check(RuleId::ShsIncome, status, &[lower, upper], SHS_LAW);

            let cap = e.figure(FigureId::ShsMonthlyCap);
            if let (Known(LivingSituation::RegisteredLease), Known(rent)) =
                (&a.living, &a.rent_per_month)
            {
                let benefit = housing_benefit_ceiling(e, size, rent.value());
                let room = cap
                    .value
                    .saturating_sub(benefit)
                    .min(rent.value().saturating_sub(benefit));
                e.amount = Some(Amount {
                    kronur: room,
                    period: Period::Month,
                    up_to: true,
                    estimate: true,
                });
            }
        }
        Err(status) => e.check(RuleId::ShsIncome, status, &[], SHS_LAW),
    }
}

// --- 3. Housing benefit (HMS) ------------------------------------------------------------------

fn housing_benefit_figures(size: u8) -> (FigureId, FigureId) {
    match size {
        0 | 1 => (FigureId::HbIncomeLimit1, FigureId::HbMaximum1),
        2 => (FigureId::HbIncomeLimit2, FigureId::HbMaximum2),
        3 => (FigureId::HbIncomeLimit3, FigureId::HbMaximum3),
        4 => (FigureId::HbIncomeLimit4, FigureId::HbMaximum4),
        5 => (FigureId::HbIncomeLimit5, FigureId::HbMaximum5),
        _ => (FigureId::HbIncomeLimit6, FigureId::HbMaximum6),
    }
}

/// At most 75 % of the rent and at most the maximum for the household's size.
fn housing_benefit_ceiling(e: &mut Evaluation, size: u8, rent: u64) -> u64 {
    let share = e.figure(FigureId::HbShareOfRentPercent);
    let maximum = e.figure(housing_benefit_figures(size).1);
    (rent * share.value / 100).min(maximum.value)
}

fn housing_benefit(e: &mut Evaluation) {
    let a = e.answers;
    let lease = match &a.living {
        // The rent decides the amount (75 % of it at most), so it is asked with the lease.
        Known(LivingSituation::RegisteredLease) if a.rent_per_month.is_missing() => {
            missing(&[Question::RentPerMonth])
        }
        Known(LivingSituation::RegisteredLease) => Passed,
        Known(_) => Failed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Living]),
    };
    e.check(RuleId::HbRegisteredLease, lease, &[], HB_LAW);
    match household_size(a) {
        Ok(size) => {
            let (limit, maximum) = housing_benefit_figures(size);
            let (limit, maximum) = (e.figure(limit), e.figure(maximum));
            let share = e.figure(FigureId::HbShareOfRentPercent);
            let status = below(
                &kronur(&a.income_last_year),
                limit.value,
                Question::IncomeLastYear,
            );
            e.check(RuleId::HbIncome, status, &[limit, maximum, share], HB_LAW);
            if let Known(rent) = &a.rent_per_month {
                e.amount = Some(Amount {
                    kronur: housing_benefit_ceiling(e, size, rent.value()),
                    period: Period::Month,
                    up_to: true,
                    estimate: true,
                });
            }
        }
        Err(status) => e.check(RuleId::HbIncome, status, &[], HB_LAW),
    }
}

// --- 4. Social rental housing ------------------------------------------------------------------

fn social_rental_housing(e: &mut Evaluation) {
    let a = e.answers;
    e.minimum_age(RuleId::SrhAge, FigureId::SrhMinimumAge, SRH_LAW);

    let months = e.figure(FigureId::SrhMonthsOfResidence);
    let residence = match &a.postcode {
        Known(p) if p.residence() == Residence::OutsideReykjavik => {
            e.refer(Referral::OwnMunicipality);
            Failed
        }
        Known(_) => at_least(
            &a.months_in_reykjavik.map(|m| u64::from(m.value())),
            months.value,
            Question::MonthsInReykjavik,
        ),
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Postcode]),
    };
    e.check(RuleId::SrhResidence, residence, &[months], SRH_LAW);

    let no_home = match &a.living {
        Known(LivingSituation::OwnHome) => Failed,
        Known(_) => Passed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Living]),
    };
    e.check(RuleId::SrhNoOwnHome, no_home, &[], SRH_LAW);

    let permit_months = e.figure(FigureId::SrhPermitMonths);
    let permit = match &a.residence_status {
        Known(ResidenceStatus::TemporaryPermit) => at_least(
            &a.permit_months_left.map(|m| u64::from(m.value())),
            permit_months.value,
            Question::PermitMonthsLeft,
        ),
        Known(ResidenceStatus::AsylumSeeker) => Failed,
        Known(_) => Passed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::ResidenceStatus]),
    };
    e.check(RuleId::SrhPermit, permit, &[permit_months], SRH_LAW);

    let income = match (&a.partner, &a.children) {
        (Known(partner), Known(children)) => {
            let base = e.figure(if *partner {
                FigureId::SrhIncomeCouple
            } else {
                FigureId::SrhIncomeSingle
            });
            let per_child = e.figure(FigureId::SrhIncomePerChild);
            let child_age = e.figure(FigureId::SrhChildAgeLimit);
            let dependants = children
                .iter()
                .filter(|c| u64::from(c.age.value()) < child_age.value)
                .count() as u64;
            let limit = base.value + dependants * per_child.value;
            let status = below(
                &kronur(&a.income_three_year_average),
                limit,
                Question::IncomeThreeYearAverage,
            );
            e.check(
                RuleId::SrhIncome,
                status,
                &[base, per_child, child_age],
                SRH_LAW,
            );
            None
        }
        _ => Some(household_size(a).err().unwrap_or(RuleStatus::Unknown)),
    };
    if let Some(status) = income {
        e.check(RuleId::SrhIncome, status, &[], SRH_LAW);
    }

    let asset_limit = e.figure(FigureId::SrhAssetLimit);
    let assets = below(&kronur(&a.assets), asset_limit.value, Question::Assets);
    e.check(RuleId::SrhAssets, assets, &[asset_limit], SRH_LAW);

    e.check(RuleId::SrhPoints, CounsellorAssesses, &[], SRH_LAW);
}

// --- 5–6. Home support and home-delivered meals ------------------------------------------------

fn living_independently(a: &Answers) -> RuleStatus {
    match &a.living {
        Known(
            LivingSituation::OwnHome
            | LivingSituation::RegisteredLease
            | LivingSituation::UnregisteredLease,
        ) => Passed,
        Known(LivingSituation::NoHome) => Failed,
        Known(LivingSituation::WithParents | LivingSituation::WithOthers) => CounsellorAssesses,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Living]),
    }
}

/// The need itself is always assessed at home; a "no" to needing help is the only decided answer.
fn assessed_need(a: &Answers) -> RuleStatus {
    match yes_no(&a.needs_help_at_home, Question::NeedsHelpAtHome, true) {
        Passed => CounsellorAssesses,
        other => other,
    }
}

fn home_support(e: &mut Evaluation) {
    e.minimum_age(RuleId::HsAge, FigureId::AdultAge, HOME_LAW);
    e.residence(RuleId::HsResidence, HOME_LAW);
    let living = living_independently(e.answers);
    e.check(RuleId::HsLivingIndependently, living, &[], HOME_LAW);
    let fee = e.figure(FigureId::HomeSupportCleaningFeePerHour);
    let hours = e.figure(FigureId::HomeSupportMaxChargedHours);
    let need = assessed_need(e.answers);
    e.check(RuleId::HsNeed, need, &[fee, hours], HOME_LAW);
}

fn home_delivered_meals(e: &mut Evaluation) {
    e.minimum_age(RuleId::MealsAge, FigureId::AdultAge, HOME_LAW);
    e.residence(RuleId::MealsResidence, HOME_LAW);
    let living = living_independently(e.answers);
    e.check(RuleId::MealsLivingIndependently, living, &[], HOME_LAW);
    let price = e.figure(FigureId::MealPrice);
    let need = assessed_need(e.answers);
    e.check(RuleId::MealsNeed, need, &[price], HOME_LAW);
}

// --- 7–8. Transport ----------------------------------------------------------------------------

fn transport_for_disabled_people(e: &mut Evaluation) {
    let a = e.answers;
    e.residence(RuleId::TdResidence, TRANSPORT_LAW);
    let status = match &a.disability {
        Known(true) => yes_no(
            &a.can_use_public_transport,
            Question::CanUsePublicTransport,
            false,
        ),
        other => yes_no(other, Question::Disability, true),
    };
    e.check(RuleId::TdDisability, status, &[], TRANSPORT_LAW);
}

fn transport_for_older_people(e: &mut Evaluation) {
    let a = e.answers;
    e.residence(RuleId::ToResidence, TRANSPORT_LAW);
    e.minimum_age(RuleId::ToAge, FigureId::TransportOlderAge, TRANSPORT_LAW);
    let fare = e.figure(FigureId::TransportOlderFare);
    let status = yes_no(
        &a.can_use_public_transport,
        Question::CanUsePublicTransport,
        false,
    );
    e.check(RuleId::ToPublicTransport, status, &[fare], TRANSPORT_LAW);
}

// --- 9. NPA ------------------------------------------------------------------------------------

fn personal_assistance(e: &mut Evaluation) {
    let a = e.answers;
    e.residence(RuleId::NpaResidence, NPA_LAW);
    let disability = yes_no(&a.disability, Question::Disability, true);
    e.check(RuleId::NpaDisability, disability, &[], NPA_LAW);
    let minimum = e.figure(FigureId::NpaMinimumHours);
    // "Over 15 hours a week": 15 itself is not enough. Only asked once a disability is known.
    let hours = match &a.disability {
        Known(true) => at_least(
            &a.support_hours_per_week.map(|h| u64::from(h.value())),
            minimum.value + 1,
            Question::SupportHoursPerWeek,
        ),
        other => yes_no(other, Question::Disability, true),
    };
    e.check(RuleId::NpaHours, hours, &[minimum], NPA_LAW);
    let adult = e.figure(FigureId::AdultAge);
    let age = match &a.age.map(|age| age.value()) {
        Known(age) if u64::from(*age) >= adult.value => Passed,
        // Parents apply for a child.
        Known(_) => CounsellorAssesses,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Age]),
    };
    e.check(RuleId::NpaAge, age, &[adult], NPA_LAW);
    let living = match &a.living {
        Known(LivingSituation::NoHome | LivingSituation::WithOthers) => CounsellorAssesses,
        Known(_) => Passed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Living]),
    };
    e.check(RuleId::NpaLiving, living, &[], NPA_LAW);
    let older = e.figure(FigureId::NpaAgeRelatedFrom);
    let age_related = match &a.age.map(|age| age.value()) {
        // From 67 only a disability that is not age-related counts: a counsellor judges that.
        Known(age) if u64::from(*age) >= older.value => CounsellorAssesses,
        Known(_) => Passed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Age]),
    };
    e.check(RuleId::NpaAgeRelated, age_related, &[older], NPA_LAW);
}

// --- 10–14 -------------------------------------------------------------------------------------

fn children_and_families(e: &mut Evaluation) {
    let a = e.answers;
    e.residence(RuleId::CfResidence, FAMILY_LAW);
    let adult = e.figure(FigureId::AdultAge);
    let children = match &a.children {
        Known(children)
            if !children
                .iter()
                .any(|c| u64::from(c.age.value()) < adult.value) =>
        {
            Failed
        }
        Known(_) => yes_no(&a.custody, Question::Custody, true),
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Children]),
    };
    e.check(RuleId::CfChildren, children, &[adult], FAMILY_LAW);
    e.check(RuleId::CfNeed, CounsellorAssesses, &[], FAMILY_LAW);
}

fn social_counselling(e: &mut Evaluation) {
    e.residence(RuleId::ScResidence, SOCIAL_LAW);
}

fn leisure_card(e: &mut Evaluation) {
    let a = e.answers;
    e.residence(RuleId::LcResidence, LEISURE_LAW);
    let per_year = e.figure(FigureId::LeisureCardPerYear);
    let from = e.figure(FigureId::LeisureCardFromAge);
    let to = e.figure(FigureId::LeisureCardToAge);
    let (status, count) = match &a.children {
        Known(children) => {
            let count = children
                .iter()
                .filter(|c| (from.value..=to.value).contains(&u64::from(c.age.value())))
                .count() as u64;
            (if count > 0 { Passed } else { Failed }, count)
        }
        Unknown => (RuleStatus::Unknown, 0),
        Missing => (missing(&[Question::Children]), 0),
    };
    e.check(
        RuleId::LcChildAge,
        status,
        &[per_year, from, to],
        LEISURE_LAW,
    );
    if count > 0 {
        e.amount = Some(Amount {
            kronur: count * per_year.value,
            period: Period::Year,
            up_to: false,
            estimate: false,
        });
    }
}

fn services_for_refugees(e: &mut Evaluation) {
    let a = e.answers;
    e.residence(RuleId::RefResidence, REFUGEE_LAW);
    let status = match &a.residence_status {
        Known(ResidenceStatus::InternationalProtection) => Passed,
        Known(ResidenceStatus::AsylumSeeker) => {
            // Asylum seekers are served by the Directorate of Labour, not the city.
            e.refer(Referral::DirectorateOfLabour);
            Failed
        }
        Known(_) => Failed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::ResidenceStatus]),
    };
    e.check(RuleId::RefProtection, status, &[], REFUGEE_LAW);
}

fn people_without_a_home(e: &mut Evaluation) {
    let status = match &e.answers.living {
        Known(LivingSituation::NoHome) => Passed,
        Known(_) => Failed,
        Unknown => RuleStatus::Unknown,
        Missing => missing(&[Question::Living]),
    };
    e.check(RuleId::HomeNoHome, status, &[], SOCIAL_LAW);
}
