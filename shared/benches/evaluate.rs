//! How long one evaluation of every service takes for one household (native, optimised).
//! Run by `cargo xtask bench`; prints a figure rather than asserting one.

use std::{hint::black_box, time::Instant};

use velferd_shared::{answers::Answers, rules, validation::Date};

const HOUSEHOLD: &str = r#"{"age":38,"postcode":"109","months_in_reykjavik":60,"residence_status":"permanent-permit","partner":true,"children":[{"age":4},{"age":9}],"custody":true,"living":"registered-lease","rent_per_month":260000,"income_this_month":180000,"income_last_year":4800000,"income_three_year_average":4500000,"assets":0,"employment":"working","student":false,"disability":false,"needs_help_at_home":false,"can_use_public_transport":true,"applied_housing_benefit":true}"#;

fn main() {
    let answers: Answers = serde_json::from_str(HOUSEHOLD).expect("the household parses");
    let as_of = Date::new(2026, 11, 24).expect("a real date");
    // Warm up, then take the best of several rounds: the figure least disturbed by the machine.
    for _ in 0..10_000 {
        black_box(rules::evaluate(black_box(&answers), as_of));
    }
    let rounds = 10;
    let per_round = 20_000;
    let mut best = f64::MAX;
    let mut with_questions = f64::MAX;
    for _ in 0..rounds {
        let started = Instant::now();
        for _ in 0..per_round {
            black_box(rules::evaluate(black_box(&answers), as_of));
        }
        best = best.min(started.elapsed().as_secs_f64() / per_round as f64);
        let started = Instant::now();
        for _ in 0..per_round {
            black_box(rules::evaluate(black_box(&answers), as_of));
            black_box(rules::relevant_questions(black_box(&answers)));
        }
        with_questions = with_questions.min(started.elapsed().as_secs_f64() / per_round as f64);
    }
    println!(
        "  evaluate (14 services, one household):        {:>8.2} µs per evaluation",
        best * 1e6
    );
    println!(
        "  evaluate + relevant_questions (a wizard step): {:>8.2} µs",
        with_questions * 1e6
    );
}
