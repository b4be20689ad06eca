//! Write a synthetic city for benchmarks:
//! `cargo run --release --features dev --example gen_city -- OUT [districts] [wards] [indicators] [years]`
//! (defaults: 30 districts × 15 wards × 100 indicators × 4 years).
//! `wards` may be a total to spread over the districts: `34 3321/` writes
//! 3,321 communes over 34 provinces (97 or 98 each).

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: gen_city OUT [districts] [wards|TOTAL/] [indicators] [years]");
        std::process::exit(2);
    };
    let num =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let total_wards = args
        .get(2)
        .and_then(|a| a.strip_suffix('/'))
        .and_then(|t| t.parse().ok());
    let spec = soket::synth::Spec {
        districts: num(1, 30),
        wards: num(2, 15),
        indicators: num(3, 100),
        years: num(4, 4),
        seed: 2023,
        total_wards,
    };
    let dirs = soket::synth::write_city(std::path::Path::new(out), &spec)?;
    eprintln!("wrote {} review folders under {out}", dirs.len());
    Ok(())
}
