//! Native export speed: a notice of 10, 200 and 1,000 tasks to .docx bytes
//! (layout, docx-rs, deflate repack), as the worker and the CLI do it; and
//! reading and writing a 1,000-task draft, as the page does at start-up and
//! on every save (the page's codec, with serde's for comparison).
//! Run with `scripts/bench.sh` (or `cargo bench --bench export`).

use notice_tests::notices;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{BenchmarkId, Criterion};
    use notice_office::docx::{export_docx, DocumentMeta, FontSet};
    use std::hint::black_box;

    use super::notices;

    pub fn export(c: &mut Criterion) {
        let meta = DocumentMeta {
            created: "2021-09-06T08:00:00Z".into(),
            modified: "2021-09-06T08:00:00Z".into(),
            fonts: FontSet::STANDARD,
            letterhead: None,
        };
        let mut group = c.benchmark_group("export_docx");
        group.sample_size(30);
        for tasks in [10, 200, 1000] {
            let notice = notices::table_notice(tasks);
            group.bench_with_input(BenchmarkId::from_parameter(tasks), &notice, |b, n| {
                b.iter(|| export_docx(black_box(n), &meta).unwrap())
            });
        }
        group.finish();
    }

    pub fn drafts(c: &mut Criterion) {
        use notice_core::draft::DraftEnvelope;
        let draft = DraftEnvelope::new(notices::table_notice(1000), "2021-09-06T08:00:00Z");
        let text = draft.to_json();
        let mut group = c.benchmark_group("draft_1000_tasks");
        group.sample_size(30);
        group.bench_function("read", |b| {
            b.iter(|| DraftEnvelope::from_json(black_box(&text)).unwrap())
        });
        group.bench_function("read_serde", |b| {
            b.iter(|| serde_json::from_str::<DraftEnvelope>(black_box(&text)).unwrap())
        });
        group.bench_function("write", |b| b.iter(|| black_box(&draft).to_json()));
        group.bench_function("write_serde", |b| {
            b.iter(|| serde_json::to_string(black_box(&draft)).unwrap())
        });
        group.finish();
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(benches, native::export, native::drafts);
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
