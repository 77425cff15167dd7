//! Native timings of the rules the app and the server run on every decision:
//! `check_revoke` and `validate_revocation`. Goal: ≤ 50 ns per check.
//!
//! `cargo bench -p complaint-rules --bench rules --profile server` (bench/rules.sh runs it, reads
//! `target*/criterion/*/*/new/estimates.json`). The `workload_100k` cases run the same
//! 100,000 checks the browser benchmark (`bench/render`) runs.

use std::hint::black_box;
use std::time::Duration;

use complaint_rules::{check_revoke, validate_revocation, RevokeReason};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "support/single_pass.rs"]
mod single_pass;
#[path = "support/workload.rs"]
mod workload;

fn inputs_for_prototype_check() -> Vec<workload::RevocationInput> {
    let mut inputs = workload::revocation_inputs();
    for note in [
        "",
        " \r\n ",
        "a\r\nb\rc",
        "  退款 \u{202E} ",
        "\t\t好\n",
        "ok\u{7f}",
    ] {
        for reason in [RevokeReason::Resolved, RevokeReason::Other] {
            inputs.push(workload::RevocationInput {
                reason,
                note: note.to_owned(),
            });
        }
    }
    inputs
}

fn check_revoke_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_revoke");
    let one = workload::eligible_input();
    group.throughput(Throughput::Elements(1));
    group.bench_function("eligible", |b| {
        b.iter(|| {
            check_revoke(
                black_box(&one.facts),
                black_box(&one.actor),
                black_box(one.now),
            )
        })
    });

    let inputs = workload::revoke_inputs();
    group.throughput(Throughput::Elements(workload::CHECKS as u64));
    group.bench_function("workload_100k", |b| {
        b.iter(|| {
            let mut eligible = 0u32;
            for input in inputs.iter().cycle().take(workload::CHECKS) {
                let input = black_box(input);
                eligible += check_revoke(&input.facts, &input.actor, input.now).is_ok() as u32;
            }
            eligible
        })
    });
    group.finish();
}

fn validate_revocation_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate_revocation");
    group.throughput(Throughput::Elements(1));
    let cases = [
        ("empty_note", RevokeReason::Mistaken, String::new()),
        (
            "short_note_zh",
            RevokeReason::Resolved,
            "已和商家协商，退款已到账".to_owned(),
        ),
        ("max_note_200_zh", RevokeReason::Other, "退".repeat(200)),
    ];
    for (name, reason, note) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| validate_revocation(black_box(*reason), black_box(note.as_str())))
        });
    }

    // What a one-pass implementation would cost (a prototype, see support/single_pass.rs),
    // checked to answer like the crate's code on every input first.
    for input in &inputs_for_prototype_check() {
        assert_eq!(
            single_pass::validate_note(input.reason, &input.note),
            validate_revocation(input.reason, &input.note).map(|valid| valid.note),
            "the prototype must answer like validate_revocation for {:?}",
            input.note
        );
    }
    for (name, reason, note) in &cases {
        group.bench_function(format!("prototype_{name}"), |b| {
            b.iter(|| single_pass::validate_note(black_box(*reason), black_box(note.as_str())))
        });
    }

    // The floor for any per-character rule: only counting the 200 characters of the longest
    // note (one pass, no allocation), to judge what validation could cost at best.
    let longest = "退".repeat(200);
    group.bench_function("floor_count_200_zh", |b| {
        b.iter(|| black_box(longest.as_str()).chars().count())
    });

    let inputs = workload::revocation_inputs();
    group.throughput(Throughput::Elements(workload::CHECKS as u64));
    group.bench_function("workload_100k", |b| {
        b.iter(|| {
            let mut valid = 0u32;
            for input in inputs.iter().cycle().take(workload::CHECKS) {
                let input = black_box(input);
                valid += validate_revocation(input.reason, &input.note).is_ok() as u32;
            }
            valid
        })
    });
    group.bench_function("prototype_workload_100k", |b| {
        b.iter(|| {
            let mut valid = 0u32;
            for input in inputs.iter().cycle().take(workload::CHECKS) {
                let input = black_box(input);
                valid += single_pass::validate_note(input.reason, &input.note).is_ok() as u32;
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
    targets = check_revoke_benches, validate_revocation_benches
}
criterion_main!(benches);
