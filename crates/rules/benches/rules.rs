//! Native timings of the rules the app and the server run on every decision:
//! `check_withdrawal` and `validate_withdrawal`. Goal: ≤ 50 ns per check.
//!
//! `cargo bench -p complaint-rules --bench rules --profile server` (bench/rules.sh runs it, reads
//! `target*/criterion/*/*/new/estimates.json`). The `workload_100k` cases run the same
//! 100,000 checks the browser benchmark (`bench/render`) runs.

use std::hint::black_box;
use std::time::Duration;

use complaint_rules::{
    check_withdrawal, validate_text_cow, validate_withdrawal, TextField, WithdrawalReason, POLICY,
};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "support/workload.rs"]
mod workload;

fn check_withdrawal_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_withdrawal");
    let one = workload::eligible_input();
    group.throughput(Throughput::Elements(1));
    group.bench_function("eligible", |b| {
        b.iter(|| {
            check_withdrawal(
                black_box(&one.facts),
                black_box(&one.actor),
                black_box(one.now),
            )
        })
    });

    let inputs = workload::eligibility_inputs();
    group.throughput(Throughput::Elements(workload::CHECKS as u64));
    group.bench_function("workload_100k", |b| {
        b.iter(|| {
            let mut eligible = 0u32;
            for input in inputs.iter().cycle().take(workload::CHECKS) {
                let input = black_box(input);
                eligible += check_withdrawal(&input.facts, &input.actor, input.now).is_ok() as u32;
            }
            eligible
        })
    });
    group.finish();
}

fn validate_withdrawal_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate_withdrawal");
    group.throughput(Throughput::Elements(1));
    let cases = [
        ("empty_note", WithdrawalReason::Mistaken, String::new()),
        (
            "short_note_zh",
            WithdrawalReason::Resolved,
            "已和商家协商，退款已到账".to_owned(),
        ),
        ("max_note_200_zh", WithdrawalReason::Other, "退".repeat(200)),
    ];
    for (name, reason, note) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| validate_withdrawal(black_box(*reason), black_box(note.as_str())))
        });
    }

    // For reference: the check without the copy of the result (`validate_text_cow` borrows
    // the trimmed input), and a long note whose `“”…` (lead byte E2, like the refused bidi
    // controls) send blocks to the exact test.
    group.bench_function("cow_max_note_200_zh", |b| {
        let note = "退".repeat(200);
        let limits = POLICY.note_limits(WithdrawalReason::Other);
        b.iter(|| validate_text_cow(TextField::Note, black_box(note.as_str()), limits).is_ok())
    });
    let quoted = "“退款”已到账…".repeat(25);
    assert_eq!(quoted.chars().count(), 200);
    group.bench_function("quoted_note_200_zh", |b| {
        b.iter(|| {
            validate_withdrawal(
                black_box(WithdrawalReason::Other),
                black_box(quoted.as_str()),
            )
        })
    });

    // The floor for any per-character rule: only counting the 200 characters of the longest
    // note (one pass, no allocation), to judge what validation could cost at best.
    let longest = "退".repeat(200);
    group.bench_function("floor_count_200_zh", |b| {
        b.iter(|| black_box(longest.as_str()).chars().count())
    });

    let inputs = workload::withdrawal_inputs();
    group.throughput(Throughput::Elements(workload::CHECKS as u64));
    group.bench_function("workload_100k", |b| {
        b.iter(|| {
            let mut valid = 0u32;
            for input in inputs.iter().cycle().take(workload::CHECKS) {
                let input = black_box(input);
                valid += validate_withdrawal(input.reason, &input.note).is_ok() as u32;
            }
            valid
        })
    });
    // For reference: the same workload through `validate_text_cow`, which copies no note:
    // what the copy into `ValidWithdrawal::note` (a `String`) costs the checks above.
    group.bench_function("cow_workload_100k", |b| {
        b.iter(|| {
            let mut valid = 0u32;
            for input in inputs.iter().cycle().take(workload::CHECKS) {
                let input = black_box(input);
                let limits = POLICY.note_limits(input.reason);
                valid += validate_text_cow(TextField::Note, &input.note, limits).is_ok() as u32;
            }
            valid
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Short but stable enough on a shared 2-core machine; ratios, not absolutes.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = check_withdrawal_benches, validate_withdrawal_benches
}
criterion_main!(benches);
