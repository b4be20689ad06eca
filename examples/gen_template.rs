//! Regenerates the built-in Word template: `cargo run --features dev --example gen_template`.
//!
//! Writes `templates/bao-cao.docx` (or the path given as the first argument)
//! from `soket::render::builtin::build_template`, so the committed file stays
//! byte-identical to what the code builds.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates/bao-cao.docx")
        });
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, soket::render::builtin::build_template())?;
    println!("{}", path.display());
    Ok(())
}
