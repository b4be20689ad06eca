//! Criterion benchmarks: a full `build` of one synthetic district
//! (15 wards × 100 indicators × 4 years), and the read floor (opening and
//! parsing every ward workbook only).

use criterion::{Criterion, criterion_group, criterion_main};
use soket::pipeline::{self, BuildOptions};
use std::time::Duration;

fn district(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let spec = soket::synth::Spec {
        districts: 1,
        wards: 15,
        indicators: 100,
        years: 4,
        seed: 2023,
        total_wards: None,
    };
    let dirs = soket::synth::write_city(tmp.path(), &spec).expect("generate");
    let dir = dirs[0].clone();
    let out = tmp.path().join("out");
    let mut group = c.benchmark_group("district_15x100x4");
    group
        .measurement_time(Duration::from_secs(10))
        .sample_size(20);
    group.bench_function("full_build", |b| {
        b.iter(|| {
            let built = pipeline::build(&dir, &out, &BuildOptions::default());
            assert!(built.ok(), "{:?}", built.problems.first());
        })
    });
    let (review, _) = soket::review::load(&dir);
    let review = review.expect("review loads");
    group.bench_function("read_floor", |b| {
        b.iter(|| {
            let files: Vec<_> = std::fs::read_dir(review.data_dir())
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            for f in files {
                let _ = soket::workbook::grid::open(&f, "x").expect("opens");
            }
        })
    });
    group.finish();
}

/// The built-in Word report with a 2,000-row indicator table.
fn report_2000_rows(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let spec = soket::synth::Spec {
        districts: 1,
        wards: 3,
        indicators: 2000,
        years: 4,
        seed: 1,
        total_wards: None,
    };
    let dirs = soket::synth::write_city(tmp.path(), &spec).expect("generate");
    let checked = pipeline::check(&dirs[0]);
    let review = checked.review.as_ref().expect("review loads");
    let ctx = checked.context().expect("context");
    let env = soket::render::environment(review.settings.so_lieu.lam_tron);
    let jctx = soket::render::view(std::sync::Arc::new(ctx.clone()));
    let mut group = c.benchmark_group("docx");
    group
        .measurement_time(Duration::from_secs(10))
        .sample_size(10);
    group.bench_function("report_2000_indicators", |b| {
        b.iter(|| {
            soket::render::docx::render_docx(pipeline::BUILTIN_REPORT, "bao-cao.docx", &env, &jctx)
                .expect("renders")
        })
    });
    group.finish();
}

criterion_group!(benches, district, report_2000_rows);
criterion_main!(benches);
