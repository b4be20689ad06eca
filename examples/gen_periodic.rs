//! Generates `samples/lai-chau-6-thang/`: a periodic review ("6 tháng
//! 2026") of the 38 communes and wards of Tỉnh Lai Châu, two of which have
//! not reported.
//!
//! ```text
//! cargo run --features dev --example gen_periodic [OUT_DIR]   # default samples/lai-chau-6-thang
//! ```

fn main() -> std::io::Result<()> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "samples/lai-chau-6-thang".into());
    soket::synth::periodic::write(std::path::Path::new(&out))?;
    eprintln!("wrote {out}");
    Ok(())
}
