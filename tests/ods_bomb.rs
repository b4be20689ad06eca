//! A 1 KB ods file may not cost more than 100 MB of memory or 2 s: the
//! issue's bomb (one row repeated 1,000 times, 16 cells each repeated
//! 1,000 times) is refused before calamine expands it. Its own test binary,
//! so that the process's peak memory is this file's alone.

mod bad_support;

/// The process's peak resident memory (Linux `VmHWM`), if known.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn a_one_kilobyte_ods_bomb_is_refused_within_100_mb_and_2_s() {
    let bytes = bad_support::integrity::ods_bomb();
    assert!(bytes.len() < 2048, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.ods");
    std::fs::write(&path, &bytes).unwrap();
    let started = std::time::Instant::now();
    let err = soket::workbook::grid::open(&path, "so-lieu/bomb.ods").unwrap_err();
    let took = started.elapsed();
    assert_eq!(
        err.display(soket::check::Lang::En),
        "error: so-lieu/bomb.ods!Sheet1: the sheet spreads over too large an area (16000000 cells between its filled cells): delete stray cells far from the table and save again"
    );
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
    if let Some(peak) = peak_rss() {
        assert!(peak < 100 << 20, "peak memory {} MiB", peak >> 20);
    }
}
