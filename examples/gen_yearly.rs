//! Generates `samples/hoan-kiem-nam-2026/`: a yearly review ("năm 2026")
//! of Phường Hoàn Kiếm's 12 residential groups, with the ward's revenue
//! note as a template in `mau/`.
//!
//! ```text
//! cargo run --features dev --example gen_yearly [OUT_DIR]   # default samples/hoan-kiem-nam-2026
//! ```

fn main() -> std::io::Result<()> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "samples/hoan-kiem-nam-2026".into());
    soket::synth::yearly::write(std::path::Path::new(&out))?;
    eprintln!("wrote {out}");
    Ok(())
}
