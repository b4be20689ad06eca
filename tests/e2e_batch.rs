//! Batch runs: a city folder of districts builds every district and the
//! roll-up; one broken district does not stop the others.

use std::path::Path;
use std::process::Command;

fn soket(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_soket"))
        .args(args)
        .output()
        .expect("soket runs")
}

fn city(root: &Path, districts: usize) {
    let spec = soket::synth::Spec {
        districts,
        wards: 4,
        indicators: 12,
        years: 4,
        seed: 7,
        total_wards: None,
    };
    soket::synth::write_city(root, &spec).unwrap();
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_city_folder_builds_each_district_and_the_roll_up() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("thanh-pho");
    city(&root, 3);
    let out = tmp.path().join("out");
    let run = soket(&[
        "build",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let names: Vec<&str> = summary["bao_cao"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["ten"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["quan-01", "quan-02", "quan-03", "thanh-pho"]);
    // Sums of sums: the city total is the sum of the district totals.
    let total: f64 = (1..=3)
        .map(|i| {
            json(&out.join(format!("quan-0{i}/ket-qua.json")))["ct"]["CT001"]["gia_tri"]
                .as_f64()
                .unwrap()
        })
        .sum();
    let city = json(&out.join("thanh-pho/ket-qua.json"));
    assert_eq!(city["ct"]["CT001"]["gia_tri"].as_f64().unwrap(), total);
    assert_eq!(
        city["ct"]["CT001"]["don_vi"]["quan-02"]["nguon"],
        "quan-02/ket-qua.json!ct.CT001.nam.2022"
    );
    // A ratio is the ratio of summed numerators and denominators.
    let (mut tu, mut mau) = (0.0, 0.0);
    for i in 1..=3 {
        let d = json(&out.join(format!("quan-0{i}/ket-qua.json")));
        tu += d["ct"]["CT003"]["tu_so"].as_f64().unwrap();
        mau += d["ct"]["CT003"]["mau_so"].as_f64().unwrap();
    }
    assert_eq!(city["ct"]["CT003"]["tu_so"].as_f64().unwrap(), tu);
    assert_eq!(city["ct"]["CT003"]["mau_so"].as_f64().unwrap(), mau);
    assert!(out.join("thanh-pho/bao-cao.docx").exists());
}

#[test]
fn one_broken_district_does_not_stop_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("tp");
    city(&root, 3);
    std::fs::write(
        root.join("quan-02/so-lieu/phuong-so-1.xlsx"),
        b"PK\x03\x04 broken",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let run = soket(&[
        "build",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let summary: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let status: Vec<(&str, &str)> = summary["bao_cao"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["ten"].as_str().unwrap(),
                b["trang_thai"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        status,
        [
            ("quan-01", "ok"),
            ("quan-02", "loi"),
            ("quan-03", "ok"),
            ("tp", "loi")
        ]
    );
    assert!(out.join("quan-01/bao-cao.docx").exists());
    assert!(out.join("quan-03/bao-cao.docx").exists());
    assert!(!out.join("quan-02/bao-cao.docx").exists());
    assert!(!out.join("tp/bao-cao.docx").exists());
    let rollup_problems = summary["bao_cao"][3]["van_de"][0]["thong_diep"]
        .as_str()
        .unwrap();
    assert_eq!(
        rollup_problems,
        "\"quan-02\" có lỗi nên không đưa được vào tổng hợp cấp trên"
    );
}

#[test]
fn several_folders_each_get_their_own_output() {
    let tmp = tempfile::tempdir().unwrap();
    city(tmp.path(), 2);
    let out = tmp.path().join("out");
    let a = tmp.path().join("quan-01");
    let b = tmp.path().join("quan-02");
    let run = soket(&[
        "build",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.join("quan-01/ket-qua.json").exists() && out.join("quan-02/ket-qua.json").exists());
    // Nothing on stderr when quiet and all went well.
    assert!(
        run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
