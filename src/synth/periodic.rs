//! A periodic review folder of a real province: the 38 communes and wards
//! of Tỉnh Lai Châu (1 July 2025 list), "6 tháng 2026", each unit's csv
//! with the same period of 2025, the period and the year's plan. Written
//! by `cargo run --features dev --example gen_periodic` into `samples/lai-chau-6-thang/`
//! and by the tests into a temporary folder.
//!
//! The figures are simple functions of the unit's position, so the totals
//! can be checked by hand; one unit left one cell blank, so that figure
//! carries its caveat ("37/38 xã, phường báo cáo"). Deterministic: the same bytes every run.

use std::fmt::Write as _;
use std::path::Path;

/// The province whose communes are the units.
pub const PROVINCE: &str = "Tỉnh Lai Châu";
/// The unit (0-based, in list order) that left its 2026 school ratio
/// blank: that one figure is incomplete and carries its caveat.
pub const BLANK: usize = 20;

const SETTINGS: &str = r#"[bao_cao]
co_quan_cap_tren = "TỈNH ỦY LAI CHÂU"
co_quan = "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
the_thuc = "nha_nuoc"
so_ky_hieu = "215/BC-UBND"
dia_danh = "Lai Châu"
ngay = 2026-07-10
tieu_de = "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm 2026"
quyen_han_ky = "TM. ỦY BAN NHÂN DÂN"
chuc_vu_ky = "CHỦ TỊCH"
nguoi_ky = "Nguyễn Văn A"
noi_nhan = ["Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Lưu: VT"]

[so_lieu]
ten_don_vi = "Tỉnh Lai Châu"
cap_don_vi = "xã"
ky_bao_cao = "6 tháng 2026"
lam_tron = "gan_nhat"
"#;

const CATALOG: &str = "\
Mã,Tên chỉ tiêu,Nhóm,Đơn vị tính,Tổng hợp,Mục tiêu,Số lẻ,Kế hoạch năm
KT01,Tổng thu ngân sách nhà nước trên địa bàn,Kinh tế,tỷ đồng,tong,,1,
KT02,Số doanh nghiệp thành lập mới,Kinh tế,doanh nghiệp,tong,,0,120
GD01,Tỷ lệ trường đạt chuẩn quốc gia,Văn hóa - Xã hội,trường,ty_le,>= 60%,1,
XH01,Tỷ lệ hộ nghèo,Văn hóa - Xã hội,%,trung_binh_gia_quyen:DAN_SO,<= 20,2,
YT01,Xã đạt Bộ tiêu chí quốc gia về y tế,Văn hóa - Xã hội,,so_don_vi_dat,,,
";

/// Write the folder (soket.toml, chi-tieu.csv, don-vi.csv, so-lieu/).
pub fn write(dir: &Path) -> std::io::Result<()> {
    let p =
        crate::units2025::province(PROVINCE).map_err(|e| std::io::Error::other(e.thong_diep()))?;
    std::fs::create_dir_all(dir.join("so-lieu"))?;
    std::fs::create_dir_all(dir.join("mau"))?;
    std::fs::write(dir.join("soket.toml"), SETTINGS)?;
    std::fs::write(dir.join("chi-tieu.csv"), CATALOG)?;
    let mut units = String::from("Mã,Tên,DAN_SO\n");
    for (i, (ma, ten)) in p.communes.iter().enumerate() {
        writeln!(units, "{ma},{ten},{}", 6_000 + 150 * i).unwrap();
    }
    std::fs::write(dir.join("don-vi.csv"), units)?;
    for (i, (_, ten)) in p.communes.iter().enumerate() {
        std::fs::write(
            dir.join("so-lieu").join(format!("{}.csv", file_name(ten))),
            unit_csv(i, ten),
        )?;
    }
    Ok(())
}

/// "Xã Sìn Hồ" → "xa-sin-ho".
fn file_name(ten: &str) -> String {
    crate::vn::text::fold_words(ten).replace(' ', "-")
}

/// One unit's sheet: a title, its name, then the same period of last
/// year, the period and the plan, as a commune's clerk lays it out.
fn unit_csv(i: usize, ten: &str) -> String {
    let k = i as u32;
    // Budget revenue (tỷ đồng, one decimal): 2025 and 2026, plan 2026.
    let thu_2025 = 10.0 + 0.5 * f64::from(k);
    let thu_2026 = thu_2025 * 1.1;
    let thu_kh = 25.0 + f64::from(k);
    // New firms: 1-3 in 2026, one fewer the year before.
    let dn_2026 = 1 + k % 3;
    let dn_2025 = dn_2026.saturating_sub(k % 2);
    // Schools up to standard: n of 4.
    let (tr_2025, tr_2026) = (1 + k % 3, 2 + k % 3);
    // Poverty rate (%): falls by 1.5 points.
    let ngheo_2026 = 12.0 + f64::from(k % 7);
    let ngheo_2025 = ngheo_2026 + 1.5;
    let y_te = |y: u32| {
        if (k + y).is_multiple_of(4) {
            "Chưa đạt"
        } else {
            "Đạt"
        }
    };
    let n = |x: f64, d: usize| format!("{x:.d$}").replace('.', ",");
    let mut s = String::new();
    writeln!(s, "ỦY BAN NHÂN DÂN {};;;;;", ten.to_uppercase()).unwrap();
    writeln!(s, "BIỂU SỐ LIỆU 6 THÁNG ĐẦU NĂM 2026;;;;;").unwrap();
    writeln!(s, "Đơn vị: {ten};;;;;").unwrap();
    writeln!(
        s,
        "Mã;Tên chỉ tiêu;6 tháng 2025;6 tháng đầu năm 2026;Kế hoạch 2026;Ghi chú"
    )
    .unwrap();
    let rows: [(&str, &str, String, String, String); 5] = [
        (
            "KT01",
            "Tổng thu ngân sách nhà nước trên địa bàn",
            n(thu_2025, 1),
            n(thu_2026, 1),
            n(thu_kh, 1),
        ),
        (
            "KT02",
            "Số doanh nghiệp thành lập mới",
            dn_2025.to_string(),
            dn_2026.to_string(),
            String::new(),
        ),
        (
            "GD01",
            "Tỷ lệ trường đạt chuẩn quốc gia",
            format!("{tr_2025}/4"),
            if i == BLANK {
                String::new()
            } else {
                format!("{tr_2026}/4")
            },
            String::new(),
        ),
        (
            "XH01",
            "Tỷ lệ hộ nghèo",
            n(ngheo_2025, 2),
            n(ngheo_2026, 2),
            String::new(),
        ),
        (
            "YT01",
            "Xã đạt Bộ tiêu chí quốc gia về y tế",
            y_te(1).into(),
            y_te(0).into(),
            String::new(),
        ),
    ];
    for (ma, name, a, b, kh) in rows {
        writeln!(s, "{ma};{name};{a};{b};{kh};").unwrap();
    }
    s
}
