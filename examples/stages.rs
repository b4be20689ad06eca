//! Time each stage of one review's build (for profiling):
//! `cargo run --release --example stages -- DIR`.

use std::time::Instant;

// The binary's allocator, so that the split matches `soket build`.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: stages DIR");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    for round in 1..=20 {
        let t = Instant::now();
        let checked = soket::pipeline::check(&dir);
        let check = t.elapsed();
        let Some(review) = checked.review.as_ref() else {
            eprintln!("the review does not load");
            std::process::exit(1);
        };
        let figures = checked.figures.as_ref().expect("figures");
        let ctx = soket::render::context::typed(review, figures, &checked.problems);
        let context = t.elapsed();
        let env = soket::render::environment(review.settings.so_lieu.lam_tron);
        let ctx = std::sync::Arc::new(ctx);
        let jctx = soket::render::context::types::view(std::sync::Arc::clone(&ctx));
        let convert = t.elapsed();
        let docx = soket::render::docx::render_docx(
            soket::pipeline::BUILTIN_REPORT,
            "bao-cao.docx",
            &env,
            &jctx,
        );
        let word = t.elapsed();
        let annex = soket::render::annex::write_annex_typed(&ctx, None);
        let excel = t.elapsed();
        let json = serde_json::to_vec_pretty(&*ctx).unwrap_or_default();
        let done = t.elapsed();
        eprintln!(
            "round {round}: check {check:.1?} (read {:.1?}), context {:.1?}, view {:.1?}, docx {:.1?}, annex {:.1?}, json {:.1?} ({} bytes), ok: {} {}",
            checked.read_time,
            context - check,
            convert - context,
            word - convert,
            excel - word,
            done - excel,
            json.len(),
            docx.is_ok(),
            annex.is_ok(),
        );
    }
}
