//! Every figure the rules use, as data: its value, the year it applies from, whether it is
//! confirmed, proposed or derived, and where it comes from (services.md). Evaluation picks the
//! latest figure at or before its "as of" year and says so when that is an earlier year.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FigureStatus {
    /// Published by the city or in law.
    Confirmed,
    /// Adopted by a committee; the final text has not been seen. Shown as an estimate.
    Proposed,
    /// Computed here from a confirmed rule. Shown as an estimate.
    Derived,
    /// A criterion the spec tells us to assume until the rule is published.
    Assumed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    /// Which source, for its title in the resident's language.
    pub id: SourceId,
    /// The official Icelandic title, shown beside the translation.
    pub title: &'static str,
    pub url: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SourceId {
    FaRules,
    Fa2025,
    ShsRules,
    HbRules,
    SrhRules,
    SocialServicesAct,
    HomeServicesPrices,
    TransportRules,
    NpaAct,
    LeisureCard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum FigureId {
    FaMinimumAge,
    FaBasicOwnHome,
    FaBasicCouple,
    FaBasicWithOthers,
    FaBasicWithParents,
    ShsMinimumAge,
    ShsAssetLimit,
    ShsIncomeLower1,
    ShsIncomeUpper1,
    ShsIncomeLower2,
    ShsIncomeUpper2,
    ShsIncomeLower3,
    ShsIncomeUpper3,
    ShsIncomeLower4,
    ShsIncomeUpper4,
    ShsMonthlyCap,
    HbShareOfRentPercent,
    HbIncomeLimit1,
    HbIncomeLimit2,
    HbIncomeLimit3,
    HbIncomeLimit4,
    HbIncomeLimit5,
    HbIncomeLimit6,
    HbMaximum1,
    HbMaximum2,
    HbMaximum3,
    HbMaximum4,
    HbMaximum5,
    HbMaximum6,
    SrhMinimumAge,
    SrhMonthsOfResidence,
    SrhPermitMonths,
    SrhIncomeSingle,
    SrhIncomeCouple,
    SrhIncomePerChild,
    SrhChildAgeLimit,
    SrhAssetLimit,
    AdultAge,
    HomeSupportCleaningFeePerHour,
    HomeSupportMaxChargedHours,
    MealPrice,
    TransportOlderAge,
    TransportOlderFare,
    NpaMinimumHours,
    NpaAgeRelatedFrom,
    LeisureCardPerYear,
    LeisureCardFromAge,
    LeisureCardToAge,
}

/// What a figure counts, so that a resident reads "247,572 kr. a month" or "12 months", never a
/// bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureUnit {
    Kronur,
    KronurPerMonth,
    KronurPerYear,
    KronurPerHour,
    KronurPerMeal,
    KronurPerTrip,
    Years,
    Months,
    HoursPerWeek,
    HoursPerMonth,
    Percent,
}

impl FigureUnit {
    pub fn is_kronur(self) -> bool {
        use FigureUnit::*;
        matches!(
            self,
            Kronur | KronurPerMonth | KronurPerYear | KronurPerHour | KronurPerMeal | KronurPerTrip
        )
    }
}

impl FigureId {
    pub fn unit(self) -> FigureUnit {
        use FigureUnit as U;
        match self {
            FaMinimumAge | ShsMinimumAge | SrhMinimumAge | SrhChildAgeLimit | AdultAge
            | TransportOlderAge | NpaAgeRelatedFrom | LeisureCardFromAge | LeisureCardToAge => {
                U::Years
            }
            FaBasicOwnHome | FaBasicCouple | FaBasicWithOthers | FaBasicWithParents
            | ShsMonthlyCap | HbMaximum1 | HbMaximum2 | HbMaximum3 | HbMaximum4 | HbMaximum5
            | HbMaximum6 => U::KronurPerMonth,
            ShsIncomeLower1 | ShsIncomeUpper1 | ShsIncomeLower2 | ShsIncomeUpper2
            | ShsIncomeLower3 | ShsIncomeUpper3 | ShsIncomeLower4 | ShsIncomeUpper4
            | HbIncomeLimit1 | HbIncomeLimit2 | HbIncomeLimit3 | HbIncomeLimit4
            | HbIncomeLimit5 | HbIncomeLimit6 | SrhIncomeSingle | SrhIncomeCouple
            | SrhIncomePerChild | LeisureCardPerYear => U::KronurPerYear,
            ShsAssetLimit | SrhAssetLimit => U::Kronur,
            HbShareOfRentPercent => U::Percent,
            SrhMonthsOfResidence | SrhPermitMonths => U::Months,
            HomeSupportCleaningFeePerHour => U::KronurPerHour,
            HomeSupportMaxChargedHours => U::HoursPerMonth,
            MealPrice => U::KronurPerMeal,
            TransportOlderFare => U::KronurPerTrip,
            NpaMinimumHours => U::HoursPerWeek,
        }
    }

    /// Whether the figure is an amount of krónur (the rest are ages, months, hours, percents).
    pub fn is_kronur(self) -> bool {
        self.unit().is_kronur()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub id: FigureId,
    /// The first year the value applies to.
    pub year: u16,
    pub value: u64,
    pub status: FigureStatus,
    /// Adjusted every year (amounts and limits), unlike fixed criteria such as an age.
    #[serde(skip)]
    pub yearly: bool,
    pub source: Source,
}

const FA_RULES: Source = Source {
    id: SourceId::FaRules,
    title: "Reglur um fjárhagsaðstoð frá Reykjavíkurborg nr. 350/2021, 11. gr.",
    url: "https://reykjavik.is/fjarhagsadstod",
};
const FA_2025: Source = Source {
    id: SourceId::Fa2025,
    title: "Velferðarráð Reykjavíkurborgar: grunnfjárhæð fjárhagsaðstoðar 2025 (tillaga)",
    url: "https://reykjavik.is/fjarhagsadstod",
};
const SHS_RULES: Source = Source {
    id: SourceId::ShsRules,
    title: "Reglur Reykjavíkurborgar um sérstakan húsnæðisstuðning",
    url: "https://reykjavik.is/serstakur-husnaedisstudningur",
};
const HB_RULES: Source = Source {
    id: SourceId::HbRules,
    title: "Lög um húsnæðisbætur nr. 75/2016; fjárhæðir frá 1. september 2025",
    url: "https://hms.is/husnaedisbaetur",
};
const SRH_RULES: Source = Source {
    id: SourceId::SrhRules,
    title: "Reglur Reykjavíkurborgar um félagslegt leiguhúsnæði",
    url: "https://reykjavik.is/felagslegt-leiguhusnaedi",
};
const SOCIAL_SERVICES_ACT: Source = Source {
    id: SourceId::SocialServicesAct,
    title: "Lög um félagsþjónustu sveitarfélaga nr. 40/1991",
    url: "https://www.althingi.is/lagas/nuna/1991040.html",
};
const HOME_SERVICES_PRICES: Source = Source {
    id: SourceId::HomeServicesPrices,
    // Our source does not say which year's price list this is.
    title: "Gjaldskrá Reykjavíkurborgar fyrir heimaþjónustu",
    url: "https://reykjavik.is/heimastudningur",
};
const TRANSPORT_RULES: Source = Source {
    id: SourceId::TransportRules,
    title: "Reglur Reykjavíkurborgar um akstursþjónustu eldra fólks",
    url: "https://reykjavik.is/akstursthjonusta",
};
const NPA_ACT: Source = Source {
    id: SourceId::NpaAct,
    title: "Lög um þjónustu við fatlað fólk með langvarandi stuðningsþarfir nr. 38/2018",
    url: "https://www.althingi.is/lagas/nuna/2018038.html",
};
const LEISURE_CARD: Source = Source {
    id: SourceId::LeisureCard,
    title: "Frístundakort Reykjavíkurborgar (75.000 kr. frá 2023)",
    url: "https://reykjavik.is/fristundakortid",
};

const fn fixed(
    id: FigureId,
    year: u16,
    value: u64,
    status: FigureStatus,
    source: Source,
) -> Figure {
    Figure {
        id,
        year,
        value,
        status,
        yearly: false,
        source,
    }
}

const fn yearly(
    id: FigureId,
    year: u16,
    value: u64,
    status: FigureStatus,
    source: Source,
) -> Figure {
    Figure {
        id,
        year,
        value,
        status,
        yearly: true,
        source,
    }
}

use FigureId::*;
use FigureStatus::*;

pub const FIGURES: &[Figure] = &[
    fixed(FaMinimumAge, 2021, 18, Confirmed, FA_RULES),
    yearly(FaBasicOwnHome, 2024, 239_895, Confirmed, FA_RULES),
    yearly(FaBasicOwnHome, 2025, 247_572, Proposed, FA_2025),
    yearly(FaBasicCouple, 2024, 383_832, Confirmed, FA_RULES),
    yearly(FaBasicCouple, 2025, 396_115, Proposed, FA_2025),
    yearly(FaBasicWithOthers, 2024, 202_123, Confirmed, FA_RULES),
    yearly(FaBasicWithOthers, 2025, 208_580, Derived, FA_2025),
    yearly(FaBasicWithParents, 2024, 119_948, Derived, FA_RULES),
    yearly(FaBasicWithParents, 2025, 123_786, Derived, FA_2025),
    fixed(ShsMinimumAge, 2024, 18, Confirmed, SHS_RULES),
    yearly(ShsAssetLimit, 2024, 7_745_000, Confirmed, SHS_RULES),
    yearly(ShsIncomeLower1, 2024, 5_690_772, Confirmed, SHS_RULES),
    yearly(ShsIncomeUpper1, 2024, 7_113_465, Confirmed, SHS_RULES),
    yearly(ShsIncomeLower2, 2024, 7_526_505, Confirmed, SHS_RULES),
    yearly(ShsIncomeUpper2, 2024, 9_408_131, Confirmed, SHS_RULES),
    yearly(ShsIncomeLower3, 2024, 8_811_518, Confirmed, SHS_RULES),
    yearly(ShsIncomeUpper3, 2024, 11_014_398, Confirmed, SHS_RULES),
    yearly(ShsIncomeLower4, 2024, 9_560_497, Derived, SHS_RULES),
    yearly(ShsIncomeUpper4, 2024, 11_950_621, Derived, SHS_RULES),
    yearly(ShsMonthlyCap, 2024, 100_000, Confirmed, SHS_RULES),
    fixed(HbShareOfRentPercent, 2025, 75, Confirmed, HB_RULES),
    yearly(HbIncomeLimit1, 2025, 5_977_276, Confirmed, HB_RULES),
    yearly(HbIncomeLimit2, 2025, 7_949_777, Confirmed, HB_RULES),
    yearly(HbIncomeLimit3, 2025, 9_264_778, Confirmed, HB_RULES),
    yearly(HbIncomeLimit4, 2025, 10_041_824, Confirmed, HB_RULES),
    yearly(HbIncomeLimit5, 2025, 10_878_642, Confirmed, HB_RULES),
    yearly(HbIncomeLimit6, 2025, 11_715_461, Confirmed, HB_RULES),
    yearly(HbMaximum1, 2025, 50_792, Confirmed, HB_RULES),
    yearly(HbMaximum2, 2025, 67_553, Confirmed, HB_RULES),
    yearly(HbMaximum3, 2025, 78_728, Confirmed, HB_RULES),
    yearly(HbMaximum4, 2025, 85_331, Confirmed, HB_RULES),
    yearly(HbMaximum5, 2025, 92_442, Confirmed, HB_RULES),
    yearly(HbMaximum6, 2025, 99_552, Confirmed, HB_RULES),
    fixed(SrhMinimumAge, 2024, 18, Confirmed, SRH_RULES),
    fixed(SrhMonthsOfResidence, 2024, 12, Confirmed, SRH_RULES),
    fixed(SrhPermitMonths, 2024, 12, Confirmed, SRH_RULES),
    yearly(SrhIncomeSingle, 2024, 7_176_000, Confirmed, SRH_RULES),
    yearly(SrhIncomeSingle, 2025, 7_485_000, Confirmed, SRH_RULES),
    yearly(SrhIncomeSingle, 2026, 7_874_000, Confirmed, SRH_RULES),
    yearly(SrhIncomeCouple, 2024, 10_047_000, Confirmed, SRH_RULES),
    yearly(SrhIncomeCouple, 2025, 10_480_000, Confirmed, SRH_RULES),
    yearly(SrhIncomeCouple, 2026, 11_025_000, Confirmed, SRH_RULES),
    yearly(SrhIncomePerChild, 2024, 1_794_000, Confirmed, SRH_RULES),
    yearly(SrhIncomePerChild, 2025, 1_872_000, Confirmed, SRH_RULES),
    yearly(SrhIncomePerChild, 2026, 1_969_000, Confirmed, SRH_RULES),
    fixed(SrhChildAgeLimit, 2024, 20, Confirmed, SRH_RULES),
    yearly(SrhAssetLimit, 2024, 7_745_000, Confirmed, SRH_RULES),
    yearly(SrhAssetLimit, 2025, 8_079_000, Confirmed, SRH_RULES),
    yearly(SrhAssetLimit, 2026, 8_499_000, Confirmed, SRH_RULES),
    fixed(AdultAge, 1991, 18, Confirmed, SOCIAL_SERVICES_ACT),
    yearly(
        HomeSupportCleaningFeePerHour,
        2025,
        1_345,
        Confirmed,
        HOME_SERVICES_PRICES,
    ),
    fixed(
        HomeSupportMaxChargedHours,
        2025,
        6,
        Confirmed,
        HOME_SERVICES_PRICES,
    ),
    yearly(MealPrice, 2025, 1_195, Confirmed, HOME_SERVICES_PRICES),
    fixed(TransportOlderAge, 2025, 67, Assumed, TRANSPORT_RULES),
    yearly(TransportOlderFare, 2025, 1_320, Confirmed, TRANSPORT_RULES),
    fixed(NpaMinimumHours, 2018, 15, Confirmed, NPA_ACT),
    fixed(NpaAgeRelatedFrom, 2018, 67, Confirmed, NPA_ACT),
    fixed(LeisureCardPerYear, 2023, 75_000, Confirmed, LEISURE_CARD),
    fixed(LeisureCardFromAge, 2023, 6, Confirmed, LEISURE_CARD),
    fixed(LeisureCardToAge, 2023, 18, Confirmed, LEISURE_CARD),
];

/// The figure in force for `year`: the latest at or before it, or (before any is known) the
/// earliest. Every id has at least one figure; a test guards that.
pub fn figure(id: FigureId, year: u16) -> &'static Figure {
    let mut candidates = FIGURES.iter().filter(|f| f.id == id);
    let first = candidates
        .next()
        .unwrap_or_else(|| panic!("no figure for {id:?}"));
    candidates.fold(first, |best, f| {
        let fits = f.year <= year;
        let best_fits = best.year <= year;
        match (fits, best_fits) {
            (true, false) => f,
            (true, true) if f.year > best.year => f,
            (false, false) if f.year < best.year => f,
            _ => best,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_with_figures_uses_its_own() {
        assert_eq!(figure(FaBasicOwnHome, 2024).value, 239_895);
        assert_eq!(figure(FaBasicOwnHome, 2025).value, 247_572);
        assert_eq!(figure(SrhIncomeSingle, 2026).value, 7_874_000);
    }

    #[test]
    fn a_year_without_figures_uses_the_latest_earlier_year() {
        let f = figure(FaBasicOwnHome, 2026);
        assert_eq!((f.year, f.value), (2025, 247_572));
    }

    #[test]
    fn a_year_before_any_figure_uses_the_earliest() {
        assert_eq!(figure(HbIncomeLimit1, 2024).year, 2025);
    }

    #[test]
    fn estimates_are_marked_as_proposed_or_derived() {
        assert_eq!(figure(FaBasicOwnHome, 2025).status, Proposed);
        assert_eq!(figure(FaBasicWithParents, 2024).status, Derived);
        assert_eq!(figure(TransportOlderAge, 2026).status, Assumed);
    }
}
