//! Generates `samples/tay-ho/`: a realistic review folder of quận Tây Hồ
//! (Hà Nội), 8 wards, 28 indicators, ward files in xlsx, ods and csv.
//!
//! ```text
//! cargo run --example gen_sample [OUT_DIR]     # default samples/tay-ho
//! ```
//!
//! The data are designed so that the published sentences of PRODUCT.md
//! come out exactly ("26/27 … 96,2%", "8/8 phường", "12.993 tỷ đồng",
//! "bình quân tăng 13,48%", "95,09%", "97,74% tăng 11,96%", "26/20 thanh
//! niên, đạt tỷ lệ 130%", "18/19 chỉ tiêu đạt và dự kiến đạt"). The
//! generator carries its own small, independent computation of the expected
//! figures (an oracle for the tests), writes them to `README.md`, and stops
//! if the data no longer give the seed sentences.
//!
//! Output is deterministic: fixed document dates in the xlsx files, zip
//! entries stamped 1980-01-01 in the ods file, so regenerating gives the
//! same bytes.

use rust_decimal::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};
use soket::init::{Cell as TCell, TableSheet, table_workbook};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const YEARS: [i32; 4] = [2020, 2021, 2022, 2023];
const NAM_GOC: usize = 0; // 2020
const NAM_BAO_CAO: usize = 2; // 2022
const CUOI_KY: i32 = 2025;

/// How a ward sent its figures.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// xlsx, data on the first sheet.
    Xlsx,
    /// xlsx whose first sheet is an instructions sheet.
    XlsxSecondSheet,
    /// OpenDocument spreadsheet.
    Ods,
    /// csv, UTF-8 with BOM, `;` separator, no "Đơn vị:" line.
    CsvSemicolon,
    /// csv, UTF-8 without BOM, `,` separator, with a "Đơn vị:" line.
    CsvComma,
}

struct Ward {
    ma: &'static str,
    ten: &'static str,
    dan_so: u32,
    file: &'static str,
    kind: Kind,
}

/// The wards in the order of the administrative list.
const WARDS: [Ward; 8] = [
    Ward {
        ma: "P01",
        ten: "Phường Bưởi",
        dan_so: 24_830,
        file: "buoi.xlsx",
        kind: Kind::Xlsx,
    },
    Ward {
        ma: "P02",
        ten: "Phường Nhật Tân",
        dan_so: 17_620,
        file: "nhat-tan.xlsx",
        kind: Kind::XlsxSecondSheet,
    },
    Ward {
        ma: "P03",
        ten: "Phường Phú Thượng",
        dan_so: 23_450,
        file: "phu-thuong.ods",
        kind: Kind::Ods,
    },
    Ward {
        ma: "P04",
        ten: "Phường Quảng An",
        dan_so: 11_980,
        file: "quang-an.xlsx",
        kind: Kind::Xlsx,
    },
    Ward {
        ma: "P05",
        ten: "Phường Thụy Khuê",
        dan_so: 24_120,
        file: "thuy khue.csv",
        kind: Kind::CsvSemicolon,
    },
    Ward {
        ma: "P06",
        ten: "Phường Tứ Liên",
        dan_so: 13_890,
        file: "tu-lien.xlsx",
        kind: Kind::Xlsx,
    },
    Ward {
        ma: "P07",
        ten: "Phường Xuân La",
        dan_so: 28_760,
        file: "PHUONG_XUAN_LA.csv",
        kind: Kind::CsvComma,
    },
    Ward {
        ma: "P08",
        ten: "Phường Yên Phụ",
        dan_so: 19_350,
        file: "yen-phu.xlsx",
        kind: Kind::Xlsx,
    },
];

/// Tứ Liên did not send its "Ước 2023" column: every ward-level indicator
/// then has only 2020–2022 complete, and the projection uses those years.
const NO_ESTIMATE: usize = 5;

/// Figures of one indicator: `[year][ward]` cell specs. "" is missing,
/// "26/27" a fraction, a word a yes/no cell, else a decimal number in
/// Rust notation (written the Vietnamese way where the file uses text).
type WardData = [[&'static str; 8]; 4];

#[allow(clippy::large_enum_variant)] // static tables, never moved in bulk
enum Data {
    Wards(WardData),
    /// The district's own workbook, per year.
    District([&'static str; 4]),
    /// `ty_le:A/B`: computed from A and B.
    Derived,
}

struct Ind {
    ma: &'static str,
    ten: &'static str,
    nhom: &'static str,
    dvt: &'static str,
    tong_hop: &'static str,
    muc_tieu: &'static str,
    so_le: Option<u32>,
    data: Data,
}

const KT: &str = "Kinh tế";
const VH: &str = "Văn hóa - Xã hội";
const XD: &str = "Xây dựng Đảng";
const QP: &str = "Quốc phòng - An ninh";

#[rustfmt::skip]
fn catalog() -> Vec<Ind> {
    use Data::*;
    vec![
        Ind {
            ma: "KT01",
            ten: "Giá trị sản xuất các ngành kinh tế trên địa bàn (giá so sánh 2010)",
            nhom: KT,
            dvt: "tỷ đồng",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: Some(1),
            data: Wards([
                ["3850", "2410.5", "3120", "2260.8", "3555.2", "1980", "4900", "2923.5"],
                ["4350", "2724", "3525.6", "2554.7", "4017.4", "2237.4", "5537", "3303.6"],
                ["4958.4", "3104.5", "4018", "2911.6", "4578.6", "2550", "6310.3", "3765.4"],
                ["5553.4", "3477", "4500.2", "3261", "5128", "", "7067.5", "4217.2"],
            ]),
        },
        Ind {
            ma: "KT02",
            ten: "Tổng thu ngân sách nhà nước trên địa bàn",
            nhom: KT,
            dvt: "tỷ đồng",
            tong_hop: "cap_quan",
            muc_tieu: ">= 8.600",
            so_le: None,
            data: District(["9100", "11250", "12993", "13500"]),
        },
        Ind {
            ma: "KT03",
            ten: "Thu thuế công thương nghiệp ngoài quốc doanh",
            nhom: KT,
            dvt: "đ",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: None,
            data: Wards([
                ["1950000000", "1320000000", "1615000000", "1108000000", "1806000000", "1012000000", "2430000000", "1500000000"],
                ["2080000000", "1410000000", "1720000000", "1180000000", "1925000000", "1080000000", "2590000000", "1600000000"],
                ["2220000000", "1505000000", "1838000000", "1262000000", "2055000000", "1150000000", "2765000000", "1705000000"],
                ["2400000000", "1620000000", "1990000000", "1360000000", "2210000000", "", "2980000000", "1840000000"],
            ]),
        },
        Ind {
            ma: "KT04",
            ten: "Số hộ nghèo (theo chuẩn của Thành phố)",
            nhom: KT,
            dvt: "hộ",
            tong_hop: "tong",
            muc_tieu: "= 0",
            so_le: None,
            data: Wards([
                ["0", "0", "0", "0", "0", "0", "0", "0"],
                ["0", "0", "0", "0", "0", "0", "0", "0"],
                ["0", "0", "0", "0", "0", "0", "0", "0"],
                ["0", "0", "0", "0", "0", "", "0", "0"],
            ]),
        },
        Ind {
            ma: "KT05",
            ten: "Số hộ cận nghèo",
            nhom: KT,
            dvt: "hộ",
            tong_hop: "tong",
            muc_tieu: "<= 40",
            so_le: None,
            data: Wards([
                ["12", "9", "14", "5", "11", "8", "13", "6"],
                ["9", "6", "10", "3", "8", "6", "9", "4"],
                ["5", "3", "6", "2", "5", "3", "5", "2"],
                ["3", "2", "4", "1", "3", "", "3", "1"],
            ]),
        },
        Ind {
            ma: "KT06",
            ten: "Số doanh nghiệp thành lập mới",
            nhom: KT,
            dvt: "doanh nghiệp",
            tong_hop: "tong",
            muc_tieu: ">= 1.200",
            so_le: None,
            data: Wards([
                ["150", "110", "135", "95", "165", "80", "230", "140"],
                ["138", "100", "124", "88", "150", "72", "212", "128"],
                ["142", "104", "128", "90", "156", "75", "218", "133"],
                ["146", "107", "131", "93", "160", "", "225", "137"],
            ]),
        },
        Ind {
            ma: "KT07",
            ten: "Số hộ kinh doanh cá thể đang hoạt động",
            nhom: KT,
            dvt: "hộ",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: None,
            data: Wards([
                ["1850", "1240", "1530", "980", "2105", "760", "2380", "1620"],
                ["1812", "1205", "", "962", "2050", "741", "2330", "1588"],
                ["1890", "1262", "1561", "1004", "2140", "778", "2420", "1655"],
                ["1935", "1290", "1600", "1025", "2190", "", "2475", "1690"],
            ]),
        },
        Ind {
            ma: "VH01",
            ten: "Trường công lập đạt chuẩn quốc gia",
            nhom: VH,
            dvt: "trường",
            tong_hop: "ty_le",
            muc_tieu: ">= 95%",
            so_le: None,
            data: Wards([
                ["3/4", "3/3", "2/4", "2/2", "3/4", "1/2", "5/5", "3/3"],
                ["4/4", "3/3", "3/4", "2/2", "3/4", "1/2", "5/5", "3/3"],
                ["4/4", "3/3", "3/4", "2/2", "4/4", "2/2", "5/5", "3/3"],
                ["4/4", "3/3", "4/4", "2/2", "4/4", "", "5/5", "3/3"],
            ]),
        },
        Ind {
            ma: "VH02",
            ten: "Phường đạt chuẩn quốc gia về y tế",
            nhom: VH,
            dvt: "phường",
            tong_hop: "so_don_vi_dat",
            muc_tieu: "8/8",
            so_le: Some(0),
            data: Wards([
                ["Đạt", "x", "Chưa đạt", "Có", "Đạt", "Chưa đạt", "Đạt", "Đạt"],
                ["Đạt", "x", "Đạt", "Có", "Đạt", "Chưa đạt", "Đạt", "Đạt"],
                ["Đạt", "x", "Đạt", "Có", "Đạt", "Đạt", "Đạt", "Đạt"],
                ["Đạt", "x", "Đạt", "Có", "Đạt", "", "Đạt", "Đạt"],
            ]),
        },
        Ind {
            ma: "VH03",
            ten: "Tỷ lệ hộ gia đình đạt danh hiệu \"Gia đình văn hóa\"",
            nhom: VH,
            dvt: "%",
            tong_hop: "trung_binh_gia_quyen:DAN_SO",
            muc_tieu: ">= 90%",
            so_le: Some(1),
            data: Wards([
                ["90.6", "89.8", "88.7", "91.5", "90.2", "87.9", "89.4", "91.2"],
                ["92.1", "91.3", "90.2", "92.8", "91.6", "89.5", "90.8", "92.6"],
                ["93.5", "92.8", "91.6", "94.2", "93", "90.8", "92.1", "94"],
                ["94.1", "93.4", "92.5", "94.8", "93.7", "", "93", "94.6"],
            ]),
        },
        Ind {
            ma: "VH04",
            ten: "Tỷ lệ tổ dân phố đạt danh hiệu \"Tổ dân phố văn hóa\"",
            nhom: VH,
            dvt: "%",
            tong_hop: "trung_binh",
            muc_tieu: ">= 80%",
            so_le: Some(1),
            data: Wards([
                ["81.2", "78.6", "76.9", "83.3", "82.4", "75", "80.5", "84.2"],
                ["84.4", "82.1", "80.8", "86.7", "85.3", "79.2", "83.1", "86.8"],
                ["87.5", "85.7", "84.6", "90", "88.2", "83.3", "86.4", "89.5"],
                ["90.6", "87.5", "86.5", "90", "91.2", "", "88.9", "92.1"],
            ]),
        },
        Ind {
            ma: "VH05",
            ten: "Tỷ lệ dân số tham gia bảo hiểm y tế",
            nhom: VH,
            dvt: "%",
            tong_hop: "trung_binh_gia_quyen:DAN_SO",
            muc_tieu: ">= 95%",
            so_le: Some(1),
            data: Wards([
                ["90.8", "91.2", "90.5", "91.8", "91", "90.2", "91.3", "91.6"],
                ["91.8", "92.2", "91.5", "92.8", "92", "91.2", "92.3", "92.6"],
                ["92.8", "93.2", "92.5", "93.8", "93", "92.2", "93.3", "93.6"],
                ["93.8", "94.2", "93.5", "94.8", "94", "", "94.3", "94.6"],
            ]),
        },
        Ind {
            ma: "VH06",
            ten: "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi (phường cao nhất)",
            nhom: VH,
            dvt: "%",
            tong_hop: "lon_nhat",
            muc_tieu: "< 6%",
            so_le: Some(1),
            data: Wards([
                ["7.2", "6.8", "7.9", "6.1", "7", "8.1", "7.4", "6.5"],
                ["6.6", "6.2", "7.1", "5.8", "6.4", "7.3", "6.9", "6"],
                ["5.1", "4.8", "5.4", "4.5", "5", "5.3", "5.2", "4.7"],
                ["4.8", "4.5", "5", "4.2", "4.7", "", "4.9", "4.4"],
            ]),
        },
        Ind {
            ma: "VH07",
            ten: "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ (phường thấp nhất)",
            nhom: VH,
            dvt: "%",
            tong_hop: "nho_nhat",
            muc_tieu: "> 95%",
            so_le: Some(1),
            data: Wards([
                ["96.4", "97", "95.2", "97.5", "96.8", "95.6", "96.1", "97.8"],
                ["97.2", "97.9", "96.4", "98.3", "97.5", "96.8", "97.1", "98.5"],
                ["98.6", "99", "97.5", "99.2", "98.8", "97.9", "98.1", "99.4"],
                ["98.9", "99.2", "98", "99.4", "99", "", "98.6", "99.5"],
            ]),
        },
        Ind {
            ma: "VH08",
            ten: "Tỷ lệ hộ dân được sử dụng nước sạch",
            nhom: VH,
            dvt: "%",
            tong_hop: "trung_binh",
            muc_tieu: "= 100%",
            so_le: Some(1),
            data: Wards([
                ["100", "100", "99.6", "100", "100", "99.2", "100", "100"],
                ["100", "100", "99.8", "100", "100", "99.7", "100", "100"],
                ["100", "100", "100", "100", "100", "100", "100", "100"],
                ["100", "100", "100", "100", "100", "", "100", "100"],
            ]),
        },
        Ind {
            ma: "VH09",
            ten: "Số lao động được giải quyết việc làm",
            nhom: VH,
            dvt: "người",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: None,
            data: Wards([
                ["420", "310", "365", "240", "455", "210", "560", "330"],
                ["395", "", "350", "228", "430", "198", "525", "312"],
                ["450", "335", "390", "255", "480", "225", "600", "350"],
                ["470", "345", "400", "262", "495", "", "620", "362"],
            ]),
        },
        Ind {
            ma: "XD01",
            ten: "Số đảng viên được đánh giá, xếp loại chất lượng",
            nhom: XD,
            dvt: "đảng viên",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: None,
            data: Wards([
                ["700", "545", "625", "410", "745", "380", "1030", "745"],
                ["710", "552", "632", "415", "752", "385", "1040", "752"],
                ["720", "560", "640", "420", "760", "390", "1050", "760"],
                ["728", "566", "648", "425", "768", "", "1060", "768"],
            ]),
        },
        Ind {
            ma: "XD02",
            ten: "Số đảng viên hoàn thành tốt nhiệm vụ trở lên",
            nhom: XD,
            dvt: "đảng viên",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: None,
            data: Wards([
                ["640", "500", "570", "378", "690", "345", "950", "688"],
                ["665", "520", "590", "392", "708", "360", "975", "710"],
                ["686", "532", "606", "401", "723", "370", "1000", "722"],
                ["695", "540", "618", "407", "733", "", "1012", "733"],
            ]),
        },
        Ind {
            ma: "XD03",
            ten: "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên",
            nhom: XD,
            dvt: "đảng viên",
            tong_hop: "ty_le:XD02/XD01",
            muc_tieu: ">= 90%",
            so_le: Some(2),
            data: Derived,
        },
        Ind {
            ma: "XD04",
            ten: "Số đảng viên mới được kết nạp",
            nhom: XD,
            dvt: "đảng viên",
            tong_hop: "tong",
            muc_tieu: ">= 60",
            so_le: None,
            data: Wards([
                ["8", "6", "7", "5", "9", "4", "12", "7"],
                ["9", "7", "8", "5", "10", "5", "13", "7"],
                ["10", "8", "9", "6", "11", "5", "14", "8"],
                ["10", "8", "9", "6", "11", "", "15", "8"],
            ]),
        },
        Ind {
            ma: "XD05",
            ten: "Chi bộ trực thuộc hoàn thành tốt nhiệm vụ trở lên",
            nhom: XD,
            dvt: "chi bộ",
            tong_hop: "ty_le",
            muc_tieu: ">= 90%",
            so_le: Some(1),
            data: Wards([
                ["5/7", "5/6", "5/7", "4/5", "6/7", "4/5", "6/7", "5/6"],
                ["6/7", "5/6", "5/7", "5/5", "6/7", "4/5", "7/7", "5/6"],
                ["6/7", "5/6", "6/7", "5/5", "6/7", "5/5", "7/7", "5/6"],
                ["7/7", "5/6", "6/7", "5/5", "7/7", "", "7/7", "6/6"],
            ]),
        },
        Ind {
            ma: "XD06",
            ten: "Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính",
            nhom: XD,
            dvt: "%",
            tong_hop: "cap_quan",
            muc_tieu: ">= 90%",
            so_le: Some(2),
            data: District(["85.78", "92.4", "97.74", "98.1"]),
        },
        Ind {
            ma: "QP01",
            ten: "Số thanh niên nhập ngũ",
            nhom: QP,
            dvt: "thanh niên",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: None,
            data: Wards([
                ["3", "2", "3", "2", "3", "2", "4", "2"],
                ["3", "3", "3", "2", "3", "2", "3", "3"],
                ["4", "3", "4", "2", "4", "2", "4", "3"],
                ["3", "3", "3", "2", "3", "", "4", "2"],
            ]),
        },
        Ind {
            ma: "QP02",
            ten: "Chỉ tiêu giao quân được giao",
            nhom: QP,
            dvt: "thanh niên",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: None,
            data: Wards([
                ["3", "2", "3", "2", "3", "2", "3", "2"],
                ["3", "2", "3", "2", "3", "2", "4", "2"],
                ["3", "2", "3", "2", "3", "2", "3", "2"],
                ["3", "2", "3", "2", "3", "", "3", "2"],
            ]),
        },
        Ind {
            ma: "QP03",
            ten: "Hoàn thành chỉ tiêu giao quân",
            nhom: QP,
            dvt: "thanh niên",
            tong_hop: "ty_le:QP01/QP02",
            muc_tieu: "20/20",
            so_le: Some(0),
            data: Derived,
        },
        Ind {
            ma: "QP04",
            ten: "Tỷ lệ điều tra, khám phá án hình sự",
            nhom: QP,
            dvt: "%",
            tong_hop: "cap_quan",
            muc_tieu: "> 80%",
            so_le: Some(1),
            data: District(["82.4", "84.1", "86.5", "87"]),
        },
        Ind {
            ma: "QP05",
            ten: "Số vụ phạm pháp hình sự",
            nhom: QP,
            dvt: "vụ",
            tong_hop: "tong",
            muc_tieu: "<= 120",
            so_le: None,
            data: Wards([
                ["18", "14", "17", "10", "19", "9", "25", "16"],
                ["15", "12", "15", "9", "16", "8", "22", "13"],
                ["13", "10", "13", "8", "14", "7", "19", "12"],
                ["12", "9", "12", "7", "13", "", "18", "11"],
            ]),
        },
        Ind {
            ma: "QP06",
            ten: "Số vụ tai nạn giao thông",
            nhom: QP,
            dvt: "vụ",
            tong_hop: "tong",
            muc_tieu: "",
            so_le: None,
            data: Wards([
                ["6", "4", "5", "3", "7", "2", "8", "5"],
                ["5", "4", "4", "2", "6", "2", "7", "4"],
                ["4", "3", "4", "2", "5", "2", "6", ""],
                ["4", "3", "3", "2", "4", "", "6", "3"],
            ]),
        },
    ]
}

// ---------------------------------------------------------------- output

/// How a numeric cell is written in a ward file.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// A number cell.
    Number,
    /// Vietnamese text: "4.958,4"; with the unit attached for `%` and `đ`
    /// ("92,8%", "1.505.000.000đ").
    Text { unit: bool },
    /// An Excel number with a percent format (93,6% stored as 0.936).
    Percent,
}

fn style(ward: usize, ind: &Ind) -> Style {
    let w = &WARDS[ward];
    let pct = ind.dvt == "%";
    match w.kind {
        Kind::CsvSemicolon => Style::Text {
            unit: matches!(ind.ma, "VH05" | "VH06"),
        },
        Kind::CsvComma => Style::Text {
            unit: ind.ma == "KT03",
        },
        _ => match (w.ma, ind.ma) {
            ("P01", "KT01" | "KT07") => Style::Text { unit: false },
            ("P01", "VH04" | "VH08") => Style::Percent,
            ("P02", "KT03" | "VH03") => Style::Text { unit: true },
            ("P03", "KT01") => Style::Text { unit: false },
            ("P04", "KT07") => Style::Text { unit: false },
            ("P04", "VH05") => Style::Percent,
            ("P06", "VH03" | "VH08") => Style::Percent,
            ("P08", "KT03") => Style::Text { unit: true },
            ("P08", _) if pct => Style::Text { unit: true },
            _ => Style::Number,
        },
    }
}

/// A cell of a generated sheet, before choosing the file format.
#[derive(Clone, Debug)]
enum G {
    Empty,
    Text(String),
    /// Bold text (titles, headers, group rows).
    Bold(String),
    Number(f64),
    /// A number in General format (STT, the year 2020 in a header).
    Plain(f64),
    /// A percent-formatted number: the stored fraction and its decimals.
    Percent(f64, u32),
}

struct Grid {
    rows: Vec<Vec<G>>,
    /// (row, first column, last column) merged across.
    merges: Vec<(u32, u16, u16)>,
    /// Column widths.
    widths: Vec<f64>,
}

/// "4958.4" → "4.958,4"; "2220000000" → "2.220.000.000".
fn vn_text(spec: &str) -> String {
    let (int, frac) = spec.split_once('.').unwrap_or((spec, ""));
    let (neg, int) = int.strip_prefix('-').map_or((false, int), |r| (true, r));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let mut s = if neg { format!("-{grouped}") } else { grouped };
    if !frac.is_empty() {
        s.push(',');
        s.push_str(frac);
    }
    s
}

/// The f64 a spec stands for, divided by `div` exactly (0.936, never
/// 0.9359999999999999).
fn float(spec: &str, div: u32) -> f64 {
    let d = Decimal::from_str(spec).expect("numeric spec") / Decimal::from(div);
    d.normalize().to_string().parse().expect("float")
}

fn is_number(spec: &str) -> bool {
    spec.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '-')
        && !spec.contains('/')
}

fn data_cell(ward: usize, ind: &Ind, spec: &str) -> G {
    if spec.is_empty() {
        return G::Empty;
    }
    if !is_number(spec) {
        return G::Text(spec.to_string());
    }
    match style(ward, ind) {
        Style::Number => G::Number(float(spec, 1)),
        Style::Text { unit } => {
            let mut t = vn_text(spec);
            if unit && (ind.dvt == "%" || ind.dvt == "đ") {
                t.push_str(ind.dvt);
            }
            G::Text(t)
        }
        Style::Percent => {
            let decimals = spec.split_once('.').map_or(0, |(_, f)| f.len() as u32);
            G::Percent(float(spec, 100), decimals)
        }
    }
}

/// Notes in the "Ghi chú" column.
fn note(ward: usize, ind: &Ind, specs: &[&str; 4]) -> &'static str {
    if ward == NO_ESTIMATE {
        return "";
    }
    if specs.iter().take(3).any(|s| s.is_empty()) {
        return "Chưa thống kê";
    }
    match (ward, ind.ma) {
        (0, "KT06") => "Theo số liệu của Phòng Tài chính - Kế hoạch",
        (3, "VH01") => "Trường Mầm non Quảng An đạt chuẩn mức độ 1",
        (6, "QP01") => "Có 01 thanh niên tình nguyện",
        _ => "",
    }
}

const HEADERS_2020: [&str; 9] = [
    "STT",
    "Mã",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "2020",
    "Năm 2021",
    "Năm 2022",
    "Ước 2023",
    "Ghi chú",
];

fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V"][n]
}

/// A ward or district sheet in the layout of COMMON.md.
fn sheet_grid(
    upper_title: &str,
    don_vi: Option<String>,
    header_2020: G,
    rows: &[(&Ind, [G; 4], &'static str)],
    group_rows: bool,
    footer: bool,
) -> Grid {
    let mut g = Grid {
        rows: Vec::new(),
        merges: Vec::new(),
        widths: vec![5.0, 7.0, 58.0, 12.0, 12.0, 12.0, 12.0, 12.0, 24.0],
    };
    g.rows.push(vec![G::Bold(upper_title.to_string())]);
    g.merges.push((0, 0, 8));
    g.rows.push(vec![G::Bold(
        "BIỂU SỐ LIỆU SƠ KẾT GIỮA NHIỆM KỲ 2020 - 2025".into(),
    )]);
    g.merges.push((1, 0, 8));
    if let Some(d) = don_vi {
        g.rows.push(vec![G::Text(d)]);
        g.merges.push((g.rows.len() as u32 - 1, 0, 3));
    }
    g.rows.push(vec![]);
    let header: Vec<G> = HEADERS_2020
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == 4 {
                header_2020.clone()
            } else {
                G::Bold((*h).to_string())
            }
        })
        .collect();
    g.rows.push(header);
    let mut group = "";
    let mut groups = 0;
    let mut stt = 0;
    for (ind, cells, ghi_chu) in rows {
        if group_rows && ind.nhom != group {
            group = ind.nhom;
            g.rows.push(vec![
                G::Bold(roman(groups).into()),
                G::Empty,
                G::Bold(group.to_uppercase()),
            ]);
            groups += 1;
        }
        stt += 1;
        let mut row = vec![
            G::Plain(stt as f64),
            G::Text(ind.ma.into()),
            G::Text(ind.ten.into()),
            G::Text(ind.dvt.into()),
        ];
        row.extend(cells.iter().cloned());
        row.push(if ghi_chu.is_empty() {
            G::Empty
        } else {
            G::Text((*ghi_chu).into())
        });
        g.rows.push(row);
    }
    if footer {
        g.rows.push(vec![]);
        g.rows.push(vec![
            G::Empty,
            G::Empty,
            G::Bold("NGƯỜI LẬP BIỂU".into()),
            G::Empty,
            G::Empty,
            G::Empty,
            G::Bold("TM. ỦY BAN NHÂN DÂN".into()),
        ]);
        g.rows.push(vec![
            G::Empty,
            G::Empty,
            G::Empty,
            G::Empty,
            G::Empty,
            G::Empty,
            G::Bold("CHỦ TỊCH".into()),
        ]);
    }
    g
}

fn ward_grid(w: usize, cat: &[Ind]) -> Grid {
    let ward = &WARDS[w];
    let rows: Vec<(&Ind, [G; 4], &'static str)> = cat
        .iter()
        .filter_map(|ind| match &ind.data {
            Data::Wards(d) => {
                let specs = [
                    d[0][w],
                    d[1][w],
                    d[2][w],
                    if w == NO_ESTIMATE { "" } else { d[3][w] },
                ];
                let cells = specs.map(|s| data_cell(w, ind, s));
                Some((ind, cells, note(w, ind, &specs)))
            }
            _ => None,
        })
        .collect();
    let upper = format!("ỦY BAN NHÂN DÂN {}", ward.ten.to_uppercase());
    let don_vi = match (ward.kind, ward.ma) {
        (Kind::CsvSemicolon, _) => None,
        // Lower-case level word, as clerks often type it.
        (_, "P06") => Some("Đơn vị: phường Tứ Liên".to_string()),
        // Decomposed Unicode (NFD), as some Mac and web tools write it.
        (_, "P08") => {
            use unicode_normalization::UnicodeNormalization;
            Some(format!("Đơn vị: {}", ward.ten).nfd().collect())
        }
        _ => Some(format!("Đơn vị: {}", ward.ten)),
    };
    // Excel users type the year as a number; text elsewhere.
    let header_2020 = match (ward.kind, ward.ma) {
        (_, "P08") => G::Bold("Năm 2020".into()),
        (Kind::Xlsx | Kind::XlsxSecondSheet, _) => G::Plain(2020.0),
        _ => G::Bold("2020".into()),
    };
    sheet_grid(
        &upper,
        don_vi,
        header_2020,
        &rows,
        ward.kind != Kind::CsvSemicolon,
        w == 0,
    )
}

fn district_grid(cat: &[Ind]) -> Grid {
    let rows: Vec<(&Ind, [G; 4], &'static str)> = cat
        .iter()
        .filter_map(|ind| match &ind.data {
            Data::District(d) => {
                let cells = std::array::from_fn(|y| match (ind.ma, y) {
                    ("KT02", 2) => G::Text(vn_text(d[y])),
                    ("XD06", 0) => G::Text(format!("{}%", vn_text(d[y]))),
                    _ => G::Number(float(d[y], 1)),
                });
                let ghi_chu = match ind.ma {
                    "KT02" => "Số liệu Chi cục Thuế khu vực",
                    "XD06" => "Kết quả khảo sát của Thành phố",
                    _ => "",
                };
                Some((ind, cells, ghi_chu))
            }
            _ => None,
        })
        .collect();
    sheet_grid(
        "ỦY BAN NHÂN DÂN QUẬN TÂY HỒ",
        Some("Đơn vị: Quận Tây Hồ".into()),
        G::Plain(2020.0),
        &rows,
        true,
        false,
    )
}

fn properties() -> Res<DocProperties> {
    let date = ExcelDateTime::from_ymd(2023, 3, 20)?;
    Ok(DocProperties::new()
        .set_author("Văn phòng HĐND và UBND quận")
        .set_creation_datetime(&date))
}

fn grid_xlsx(grid: &Grid, instructions_first: bool) -> Res<Vec<u8>> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties()?);
    if instructions_first {
        let ws = wb.add_worksheet();
        ws.set_name("Huong dan")?;
        ws.set_column_width(0, 100.0)?;
        let lines = [
            "HƯỚNG DẪN NHẬP SỐ LIỆU",
            "Nhập số liệu vào trang \"So lieu\"; không sửa cột mã chỉ tiêu.",
            "Chỉ tiêu tỷ lệ trường đạt chuẩn ghi dạng số trường đạt/tổng số trường, ví dụ 3/4.",
            "Ô không có số liệu để trống, không ghi 0.",
        ];
        for (r, l) in lines.iter().enumerate() {
            ws.write_string(r as u32, 0, *l)?;
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("So lieu")?;
    let bold = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let boxed = Format::new().set_border(FormatBorder::Thin);
    for (c, w) in grid.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (r, row) in grid.rows.iter().enumerate() {
        let r = r as u32;
        if let Some(&(_, c0, c1)) = grid.merges.iter().find(|m| m.0 == r) {
            let (text, f) = match &row[0] {
                G::Bold(t) => (t.as_str(), bold.clone()),
                G::Text(t) => (t.as_str(), Format::new().set_italic()),
                _ => ("", Format::new()),
            };
            ws.merge_range(r, c0, r, c1, text, &f)?;
            continue;
        }
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                G::Empty => {}
                G::Text(t) => {
                    ws.write_string_with_format(r, c, t, &boxed)?;
                }
                G::Bold(t) => {
                    ws.write_string_with_format(
                        r,
                        c,
                        t,
                        &bold.clone().set_border(FormatBorder::Thin),
                    )?;
                }
                G::Plain(n) => {
                    ws.write_number_with_format(r, c, *n, &boxed)?;
                }
                G::Number(n) => {
                    let f = if n.fract() == 0.0 {
                        "#,##0"
                    } else {
                        "#,##0.0##"
                    };
                    ws.write_number_with_format(r, c, *n, &boxed.clone().set_num_format(f))?;
                }
                G::Percent(n, d) => {
                    let f = if *d == 0 {
                        "0%".to_string()
                    } else {
                        format!("0.{}%", "0".repeat(*d as usize))
                    };
                    ws.write_number_with_format(r, c, *n, &boxed.clone().set_num_format(f))?;
                }
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

fn grid_csv(grid: &Grid, sep: u8, bom: bool) -> Res<Vec<u8>> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(sep)
            .flexible(false)
            .from_writer(&mut out);
        for row in &grid.rows {
            let fields: Vec<String> = (0..9)
                .map(|c| match row.get(c) {
                    None | Some(G::Empty) => String::new(),
                    Some(G::Text(t) | G::Bold(t)) => t.clone(),
                    // Only STT numbers: data cells of csv files are text.
                    Some(G::Number(n) | G::Plain(n)) => n.to_string(),
                    Some(G::Percent(..)) => unreachable!("no percent cells in csv"),
                })
                .collect();
            w.write_record(&fields)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A minimal OpenDocument spreadsheet, written by hand so that it is
/// byte-identical from run to run.
fn grid_ods(grid: &Grid) -> Res<Vec<u8>> {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
        r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
        r#"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">"#,
        r#"<office:automatic-styles><style:style style:name="ce1" style:family="table-cell">"#,
        r#"<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>"#,
        r#"<office:body><office:spreadsheet><table:table table:name="So lieu">"#,
        r#"<table:table-column table:number-columns-repeated="9"/>"#,
    ));
    for (r, row) in grid.rows.iter().enumerate() {
        x.push_str("<table:table-row>");
        let merge = grid.merges.iter().find(|m| m.0 == r as u32);
        let mut c = 0;
        while c < 9 {
            let cell = row.get(c).unwrap_or(&G::Empty);
            let span = match merge {
                Some(&(_, c0, c1)) if c0 as usize == c => (c1 - c0 + 1) as usize,
                _ => 1,
            };
            let span_attr = if span > 1 {
                format!(r#" table:number-columns-spanned="{span}" table:number-rows-spanned="1""#)
            } else {
                String::new()
            };
            match cell {
                G::Empty => x.push_str(&format!("<table:table-cell{span_attr}/>")),
                G::Text(t) => x.push_str(&format!(
                    r#"<table:table-cell{span_attr} office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    xml_escape(t)
                )),
                G::Bold(t) => x.push_str(&format!(
                    r#"<table:table-cell table:style-name="ce1"{span_attr} office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    xml_escape(t)
                )),
                G::Number(n) => x.push_str(&format!(
                    r#"<table:table-cell{span_attr} office:value-type="float" office:value="{n}"><text:p>{}</text:p></table:table-cell>"#,
                    vn_text(&n.to_string())
                )),
                G::Plain(n) => x.push_str(&format!(
                    r#"<table:table-cell{span_attr} office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                )),
                G::Percent(..) => unreachable!("no percent cells in ods"),
            }
            if span > 1 {
                x.push_str(&format!(
                    r#"<table:covered-table-cell table:number-columns-repeated="{}"/>"#,
                    span - 1
                ));
            }
            c += span;
        }
        x.push_str("</table:table-row>");
    }
    x.push_str("</table:table></office:spreadsheet></office:body></office:document-content>\n");
    let manifest = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
        r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
        r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
        "</manifest:manifest>\n"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("content.xml", deflated)?;
    zip.write_all(x.as_bytes())?;
    Ok(zip.finish()?.into_inner())
}

const SETTINGS: &str = r#"[bao_cao]                       # the document
co_quan_cap_tren = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
co_quan = "QUẬN ỦY TÂY HỒ"
the_thuc = "dang"               # "dang" (Hướng dẫn 36-HD/VPTW) or "nha_nuoc" (Nghị định 30/2020/NĐ-CP)
so_ky_hieu = "45-BC/QU"          # printed "Số 45-BC/QU" (dang) or "Số: 15/BC-UBND" (nha_nuoc)
dia_danh = "Tây Hồ"
ngay = 2023-04-07
tieu_de = "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ quận lần thứ VI, nhiệm kỳ 2020 - 2025"
quyen_han_ky = "T/M BAN THƯỜNG VỤ"
chuc_vu_ky = "BÍ THƯ"
nguoi_ky = "Lê Thị Thu Hằng"
noi_nhan = ["Thường trực Thành ủy", "Lưu VPQU"]

[so_lieu]                       # the figures
ten_don_vi = "quận Tây Hồ"
cap_don_vi = "phường"           # what a reporting unit is called: phường, xã, quận …
nhiem_ky = [2020, 2025]
nam_goc = 2020                  # baseline year
nam_bao_cao = 2022              # the year being reported
lam_tron = "cat_bo"             # "gan_nhat" (half away from zero) or "cat_bo" (truncate)
"#;

fn catalog_xlsx(cat: &[Ind]) -> Res<Vec<u8>> {
    let rows = cat
        .iter()
        .map(|i| {
            vec![
                TCell::from(i.ma),
                TCell::from(i.ten),
                TCell::from(i.nhom),
                TCell::from(i.dvt),
                TCell::from(i.tong_hop),
                TCell::from(i.muc_tieu),
                i.so_le.map_or(TCell::Empty, |n| TCell::Number(n as f64)),
            ]
        })
        .collect();
    Ok(table_workbook(&[TableSheet {
        name: "Chi tieu",
        title: "DANH MỤC CHỈ TIÊU SƠ KẾT GIỮA NHIỆM KỲ 2020 - 2025",
        headers: &soket::init::CATALOG_HEADERS,
        rows,
        widths: &[8.0, 62.0, 20.0, 13.0, 28.0, 12.0, 7.0],
    }])?)
}

fn units_xlsx() -> Res<Vec<u8>> {
    let rows = WARDS
        .iter()
        .enumerate()
        .map(|(i, w)| {
            vec![
                TCell::Number(i as f64 + 1.0),
                TCell::from(w.ma),
                TCell::from(w.ten),
                TCell::Number(w.dan_so as f64),
            ]
        })
        .collect();
    Ok(table_workbook(&[TableSheet {
        name: "Don vi",
        title: "DANH SÁCH PHƯỜNG THUỘC QUẬN TÂY HỒ",
        headers: &["STT", "Mã", "Tên", "DAN_SO"],
        rows,
        widths: &[6.0, 8.0, 28.0, 12.0],
    }])?)
}

// ---------------------------------------------------------------- oracle

#[derive(Clone, Copy, Debug)]
enum V {
    N(Decimal),
    F(Decimal, Decimal),
    Y(bool),
}

fn parse_spec(s: &str) -> Option<V> {
    if s.is_empty() {
        return None;
    }
    if let Some((a, b)) = s.split_once('/') {
        return Some(V::F(a.parse().ok()?, b.parse().ok()?));
    }
    if is_number(s) {
        return Some(V::N(s.parse().ok()?));
    }
    Some(V::Y(matches!(s, "Đạt" | "x" | "Có")))
}

/// The district figure of one indicator in one year.
#[derive(Clone, Debug, Default)]
struct Fig {
    gia_tri: Option<Decimal>,
    tu: Option<Decimal>,
    mau: Option<Decimal>,
    reported: usize,
    complete: bool,
}

fn ward_values(cat: &[Ind], code: &str, y: usize) -> Vec<Option<V>> {
    let ind = cat.iter().find(|i| i.ma == code).expect("code");
    match &ind.data {
        Data::Wards(d) => (0..8)
            .map(|w| {
                if w == NO_ESTIMATE && y == 3 {
                    None
                } else {
                    parse_spec(d[y][w])
                }
            })
            .collect(),
        _ => vec![None; 8],
    }
}

fn num(v: &Option<V>) -> Option<Decimal> {
    match v {
        Some(V::N(n)) => Some(*n),
        _ => None,
    }
}

fn figure(cat: &[Ind], ind: &Ind, y: usize) -> Fig {
    let hundred = Decimal::from(100);
    let vals = ward_values(cat, ind.ma, y);
    let nums: Vec<(usize, Decimal)> = vals
        .iter()
        .enumerate()
        .filter_map(|(w, v)| num(v).map(|n| (w, n)))
        .collect();
    let n = vals.iter().filter(|v| v.is_some()).count();
    let mut f = Fig {
        reported: n,
        complete: n == 8,
        ..Fig::default()
    };
    let (agg, arg) = ind.tong_hop.split_once(':').unwrap_or((ind.tong_hop, ""));
    match agg {
        "cap_quan" => {
            if let Data::District(d) = &ind.data {
                f.gia_tri = d[y].parse().ok();
                f.reported = usize::from(f.gia_tri.is_some());
                f.complete = f.gia_tri.is_some();
            }
        }
        "tong" if n > 0 => f.gia_tri = Some(nums.iter().map(|x| x.1).sum()),
        "trung_binh" if n > 0 => {
            f.gia_tri = Some(nums.iter().map(|x| x.1).sum::<Decimal>() / Decimal::from(n))
        }
        "trung_binh_gia_quyen" if n > 0 => {
            let w = |i: usize| Decimal::from(WARDS[i].dan_so);
            let sw: Decimal = nums.iter().map(|x| w(x.0)).sum();
            let swv: Decimal = nums.iter().map(|x| w(x.0) * x.1).sum();
            f.gia_tri = Some(swv / sw);
        }
        "nho_nhat" => f.gia_tri = nums.iter().map(|x| x.1).min(),
        "lon_nhat" => f.gia_tri = nums.iter().map(|x| x.1).max(),
        "so_don_vi_dat" if n > 0 => {
            let dat = vals
                .iter()
                .filter(|v| matches!(v, Some(V::Y(true))))
                .count();
            f.tu = Some(Decimal::from(dat));
            f.mau = Some(Decimal::from(8));
            f.gia_tri = f.tu;
        }
        "ty_le" if arg.is_empty() && n > 0 => {
            let (mut t, mut m) = (Decimal::ZERO, Decimal::ZERO);
            for v in vals.iter().flatten() {
                if let V::F(a, b) = v {
                    t += a;
                    m += b;
                }
            }
            f.tu = Some(t);
            f.mau = Some(m);
            f.gia_tri = Some(t / m * hundred);
        }
        "ty_le" => {
            let (a, b) = arg.split_once('/').expect("A/B");
            let (va, vb) = (ward_values(cat, a, y), ward_values(cat, b, y));
            let both: Vec<(Decimal, Decimal)> = va
                .iter()
                .zip(&vb)
                .filter_map(|(x, y)| Some((num(x)?, num(y)?)))
                .collect();
            f.reported = both.len();
            f.complete = both.len() == 8;
            if !both.is_empty() {
                let t: Decimal = both.iter().map(|x| x.0).sum();
                let m: Decimal = both.iter().map(|x| x.1).sum();
                f.tu = Some(t);
                f.mau = Some(m);
                f.gia_tri = Some(t / m * hundred);
            }
        }
        _ => {}
    }
    f
}

fn decimals(ind: &Ind) -> u32 {
    ind.so_le
        .unwrap_or(if ind.dvt == "%" || ind.tong_hop.starts_with("ty_le") {
            1
        } else {
            0
        })
}

/// Truncate (`cat_bo`).
fn cut(v: Decimal, d: u32) -> Decimal {
    v.round_dp_with_strategy(d, RoundingStrategy::ToZero)
}

/// Vietnamese number, truncated, decimals fixed.
fn vn(v: Decimal, d: u32) -> String {
    let s = format!("{:.*}", d as usize, cut(v, d));
    vn_text(&s)
}

fn with_unit(n: &str, dvt: &str) -> String {
    if dvt == "%" || dvt == "đ" {
        format!("{n}{dvt}")
    } else {
        format!("{n} {dvt}")
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Verdict {
    Vuot,
    Dat,
    DuKienDat,
    ChuaDat,
    KhongDanhGia,
}

impl Verdict {
    fn text(self) -> &'static str {
        match self {
            Verdict::Vuot => "Vượt",
            Verdict::Dat => "Đạt",
            Verdict::DuKienDat => "Dự kiến đạt",
            Verdict::ChuaDat => "Chưa đạt",
            Verdict::KhongDanhGia => "Không đánh giá",
        }
    }
}

struct Expected {
    figs: [Fig; 4],
    verdict: Verdict,
}

/// Least-squares line through (year, value), evaluated at `at`.
fn project(points: &[(i32, Decimal)], at: i32) -> Option<Decimal> {
    if points.len() < 2 {
        return None;
    }
    let n = Decimal::from(points.len());
    let mx = points.iter().map(|p| Decimal::from(p.0)).sum::<Decimal>() / n;
    let my = points.iter().map(|p| p.1).sum::<Decimal>() / n;
    let sxy: Decimal = points
        .iter()
        .map(|p| (Decimal::from(p.0) - mx) * (p.1 - my))
        .sum();
    let sxx: Decimal = points
        .iter()
        .map(|p| (Decimal::from(p.0) - mx).powi(2))
        .sum();
    Some(my + sxy / sxx * (Decimal::from(at) - mx))
}

/// A projection inside the indicator's domain, else none: 0–100 for
/// percents and ratios, 0 to the number of wards for unit counts, not
/// below 0 otherwise.
fn in_domain(ind: &Ind, p: Option<Decimal>) -> Option<Decimal> {
    let p = p?;
    let max = if ind.tong_hop == "so_don_vi_dat" {
        Some(Decimal::from(8))
    } else if ind.dvt == "%" || ind.tong_hop.starts_with("ty_le") {
        Some(Decimal::from(100))
    } else {
        None
    };
    (p >= Decimal::ZERO && max.is_none_or(|m| p <= m)).then_some(p)
}

fn evaluate(cat: &[Ind], ind: &Ind) -> Expected {
    let figs: [Fig; 4] = std::array::from_fn(|y| figure(cat, ind, y));
    let d = decimals(ind);
    let pd = ind.so_le.unwrap_or(1);
    let is_ratio = ind.tong_hop.starts_with("ty_le");
    let cur = &figs[NAM_BAO_CAO];
    let series = |use_tu: bool| -> Vec<(i32, Decimal)> {
        figs.iter()
            .zip(YEARS)
            .filter(|(f, _)| f.complete)
            .filter_map(|(f, y)| Some((y, if use_tu { f.tu? } else { f.gia_tri? })))
            .collect()
    };
    let (verdict, _du_bao) = match (ind.muc_tieu, cur.gia_tri) {
        ("", _) | (_, None) => (Verdict::KhongDanhGia, project(&series(false), CUOI_KY)),
        (t, Some(v)) => {
            if let Some((a, _)) = t.split_once('/') {
                let a: Decimal = a.parse().expect("fraction target");
                let tu = cur.tu.expect("tu_so");
                let du_bao = project(&series(true), CUOI_KY);
                let du_bao = if ind.tong_hop == "so_don_vi_dat" {
                    in_domain(ind, du_bao)
                } else {
                    du_bao
                };
                let verdict = if tu > a {
                    Verdict::Vuot
                } else if tu == a {
                    Verdict::Dat
                } else if du_bao.is_some_and(|p| cut(p, 0) >= a) {
                    Verdict::DuKienDat
                } else {
                    Verdict::ChuaDat
                };
                (verdict, du_bao)
            } else {
                let op: String = t.chars().take_while(|c| "<>=".contains(*c)).collect();
                let so = Decimal::from_str(
                    &t[op.len()..]
                        .trim()
                        .trim_end_matches('%')
                        .replace('.', "")
                        .replace(',', "."),
                )
                .expect("target number");
                let shown = |x: Decimal| cut(x, if is_ratio { pd } else { d });
                let met = |x: Decimal| match op.as_str() {
                    ">=" => x >= so,
                    ">" => x > so,
                    "<=" => x <= so,
                    "<" => x < so,
                    "=" => x == so,
                    _ => panic!("op {op}"),
                };
                let x = shown(v);
                let du_bao = in_domain(ind, project(&series(false), CUOI_KY));
                let verdict = if met(x) {
                    let strictly = match op.as_str() {
                        ">" | "<" => true,
                        ">=" => x > so,
                        "<=" => x < so,
                        _ => false,
                    };
                    if strictly {
                        Verdict::Vuot
                    } else {
                        Verdict::Dat
                    }
                } else if du_bao.is_some_and(|p| met(shown(p))) {
                    Verdict::DuKienDat
                } else {
                    Verdict::ChuaDat
                };
                (verdict, du_bao)
            }
        }
    };
    Expected { figs, verdict }
}

fn report(cat: &[Ind]) -> Res<String> {
    let mut out = String::new();
    let mut seeds: Vec<(String, &str)> = Vec::new();
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    let mut evaluated = 0;
    let mut ok = 0;
    let mut table = String::new();
    table.push_str(
        "| Mã | Chỉ tiêu | Tổng hợp | Mục tiêu | 2022 (`hien_thi`) | `phan_so` / `ty_le` | báo cáo | tăng so 2020 | bình quân | dự báo 2025 | đánh giá |\n",
    );
    table.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for ind in cat {
        let e = evaluate(cat, ind);
        let d = decimals(ind);
        let pd = ind.so_le.unwrap_or(1);
        let cur = &e.figs[NAM_BAO_CAO];
        let base = &e.figs[NAM_GOC];
        let is_fraction = ind.tong_hop.starts_with("ty_le") || ind.tong_hop == "so_don_vi_dat";
        let (hien_thi, ps) = match (cur.gia_tri, cur.tu, cur.mau) {
            (Some(v), Some(t), Some(m)) if is_fraction => {
                let phan_so = format!("{}/{}", vn(t, 0), vn(m, 0));
                let ty_le = format!("{}%", vn(t / m * Decimal::from(100), pd));
                let ht = if ind.tong_hop == "so_don_vi_dat" {
                    with_unit(&phan_so, ind.dvt)
                } else {
                    format!("{}%", vn(v, pd))
                };
                (ht, format!("{phan_so} — {ty_le}"))
            }
            (Some(v), _, _) => (with_unit(&vn(v, d), ind.dvt), String::new()),
            _ => ("—".into(), String::new()),
        };
        let both = base.complete && cur.complete;
        let tang = match (both, base.gia_tri, cur.gia_tri) {
            (true, Some(a), Some(b)) => {
                let t = b - a;
                let pct = if a.is_zero() {
                    String::new()
                } else {
                    format!(" ({}%)", vn(t / a * Decimal::from(100), 2))
                };
                if ind.tong_hop == "so_don_vi_dat" {
                    format!("{} {}", vn(t, 0), ind.dvt)
                } else if ind.dvt == "%" || is_fraction {
                    // Rates: percentage points.
                    format!("{} điểm %", vn(t, pd))
                } else {
                    format!("{}{pct}", vn(t, d))
                }
            }
            _ => "—".into(),
        };
        let binh_quan = match (both, base.gia_tri, cur.gia_tri) {
            (true, Some(a), Some(b)) if a > Decimal::ZERO && ind.dvt != "%" && !is_fraction => {
                let r = (b / a)
                    .to_f64()
                    .unwrap_or(0.0)
                    .powf(1.0 / (NAM_BAO_CAO - NAM_GOC) as f64)
                    - 1.0;
                let r = Decimal::from_f64(r * 100.0).unwrap_or_default();
                format!("{}%", vn(r, 2))
            }
            _ => "—".into(),
        };
        // The projection of `gia_tri` (percent for ratios, units for unit
        // counts), at the indicator's decimals.
        let gia_tri_series: Vec<(i32, Decimal)> = e
            .figs
            .iter()
            .zip(YEARS)
            .filter(|(f, _)| f.complete)
            .filter_map(|(f, y)| Some((y, f.gia_tri?)))
            .collect();
        let du_bao = in_domain(ind, project(&gia_tri_series, CUOI_KY)).map_or("—".into(), |p| {
            vn(
                p,
                if ind.tong_hop.starts_with("ty_le") {
                    pd
                } else {
                    d
                },
            )
        });
        let reported = format!(
            "{}/{}",
            cur.reported,
            if ind.tong_hop == "cap_quan" { 1 } else { 8 }
        );
        writeln!(
            table,
            "| {} | {} | `{}` | {} | {} | {} | {} | {} | {} | {} | {} |",
            ind.ma,
            ind.ten.replace('|', "/"),
            ind.tong_hop,
            if ind.muc_tieu.is_empty() {
                "—".into()
            } else {
                format!("`{}`", ind.muc_tieu)
            },
            hien_thi,
            if ps.is_empty() {
                "—".into()
            } else {
                ps.clone()
            },
            reported,
            tang,
            binh_quan,
            du_bao,
            e.verdict.text()
        )?;
        *counts.entry(e.verdict.text()).or_default() += 1;
        if e.verdict != Verdict::KhongDanhGia {
            evaluated += 1;
            if e.verdict != Verdict::ChuaDat {
                ok += 1;
            }
        }
        // The seed sentences, rebuilt from the computed figures.
        let pct = |v: Decimal, dd: u32| format!("{}%", vn(v, dd));
        match ind.ma {
            "VH01" => seeds.push((
                format!(
                    "hiện có {}/{} trường công lập đạt chuẩn quốc gia, đạt {}",
                    vn(cur.tu.unwrap(), 0),
                    vn(cur.mau.unwrap(), 0),
                    pct(cur.gia_tri.unwrap(), pd)
                ),
                "hiện có 26/27 trường công lập đạt chuẩn quốc gia, đạt 96,2%",
            )),
            "VH02" => seeds.push((
                format!("duy trì, giữ vững chuẩn tiêu chí quốc gia về y tế tại {hien_thi}"),
                "duy trì, giữ vững chuẩn tiêu chí quốc gia về y tế tại 8/8 phường",
            )),
            "KT04" => seeds.push((
                format!(
                    "Duy trì {} hộ nghèo theo tiêu chuẩn của Thành phố",
                    match (cur.gia_tri == Some(Decimal::ZERO), e.verdict) {
                        (true, Verdict::Dat) => "không có",
                        _ => "(sai: còn hộ nghèo)",
                    }
                ),
                "Duy trì không có hộ nghèo theo tiêu chuẩn của Thành phố",
            )),
            "KT02" => seeds.push((
                format!(
                    "Tổng thu ngân sách nhà nước trên địa bàn đạt {hien_thi} bằng {} kế hoạch giao",
                    pct(cur.gia_tri.unwrap() / Decimal::from(8600) * Decimal::from(100), 0)
                ),
                "Tổng thu ngân sách nhà nước trên địa bàn đạt 12.993 tỷ đồng bằng 151% kế hoạch giao",
            )),
            "KT01" => seeds.push((
                format!("tốc độ tăng giá trị sản xuất ... bình quân tăng {binh_quan}"),
                "tốc độ tăng giá trị sản xuất ... bình quân tăng 13,48%",
            )),
            "XD03" => seeds.push((
                format!("tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên {}", pct(cur.gia_tri.unwrap(), pd)),
                "tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên 95,09%",
            )),
            "XD06" => seeds.push((
                format!(
                    "chỉ số hài lòng ... đạt {} tăng {} so với năm 2020",
                    pct(cur.gia_tri.unwrap(), 2),
                    pct(cur.gia_tri.unwrap() - base.gia_tri.unwrap(), 2)
                ),
                "chỉ số hài lòng ... đạt 97,74% tăng 11,96% so với năm 2020",
            )),
            "QP03" => seeds.push((
                format!(
                    "giao quân nghĩa vụ quân sự được {}/{} thanh niên, đạt tỷ lệ {}",
                    vn(cur.tu.unwrap(), 0),
                    vn(cur.mau.unwrap(), 0),
                    pct(cur.gia_tri.unwrap(), pd)
                ),
                "giao quân nghĩa vụ quân sự được 26/20 thanh niên, đạt tỷ lệ 130%",
            )),
            _ => {}
        }
    }
    seeds.push((
        format!("có {ok}/{evaluated} chỉ tiêu đạt và dự kiến đạt"),
        "có 18/19 chỉ tiêu đạt và dự kiến đạt",
    ));
    for (got, want) in &seeds {
        if got != want {
            return Err(format!(
                "the sample data no longer give the seed sentence:\n  want: {want}\n  got:  {got}"
            )
            .into());
        }
    }

    writeln!(
        out,
        "# Mẫu: sơ kết giữa nhiệm kỳ quận Tây Hồ (2020 - 2025)\n"
    )?;
    writeln!(
        out,
        "A realistic review folder for tests and demos. **Generated** by `cargo run --example gen_sample` \
         (examples/gen_sample.rs) — edit the generator, not these files. The figures below are computed by the \
         generator's own small oracle; the generator refuses to write the folder if they stop giving the seed \
         sentences.\n"
    )?;
    writeln!(out, "## Files\n")?;
    writeln!(out, "| file | what it shows |\n| --- | --- |")?;
    writeln!(
        out,
        "| `soket.toml` | PRODUCT.md's example with `lam_tron = \"cat_bo\"` (truncate: 26/27 → 96,2%) |"
    )?;
    writeln!(
        out,
        "| `chi-tieu.xlsx` | {} indicators in 4 groups, every aggregate kind and target operator; title row above the header |",
        cat.len()
    )?;
    writeln!(
        out,
        "| `don-vi.xlsx` | 8 wards in administrative order with `STT` and a `DAN_SO` weight column |"
    )?;
    for w in &WARDS {
        let what = match w.ma {
            "P01" => {
                "xlsx; text numbers (\"4.958,4\"), percent-formatted cells (VH04, VH08: 0.875 shown 87,5%), a signature footer below the table"
            }
            "P02" => {
                "xlsx whose **first sheet is an instructions sheet**; data on sheet \"So lieu\"; \"1.505.000.000đ\", \"92,8%\" as text; VH09 2021 missing"
            }
            "P03" => "**ods** (written by hand, stored zip); KT01 as text; KT07 2021 missing",
            "P04" => "xlsx; VH05 percent-formatted; KT07 as text",
            "P05" => {
                "**csv, UTF-8 with BOM, `;`**, no \"Đơn vị:\" line: the file name `thuy khue.csv` names the ward; all values are text (\"4.578,6\", \"93,0%\")"
            }
            "P06" => {
                "xlsx; \"Đơn vị: phường Tứ Liên\" in lower case; **the \"Ước 2023\" column left blank**; VH03, VH08 percent-formatted"
            }
            "P07" => {
                "**csv, UTF-8 without BOM, `,`** (values quoted), with an \"Đơn vị:\" line; KT03 as \"2.765.000.000đ\""
            }
            "P08" => {
                "xlsx; \"Đơn vị:\" line in **NFD** Unicode; header \"Năm 2020\"; every % value as text (\"94,0%\"); QP06 2022 missing"
            }
            _ => "",
        };
        writeln!(
            out,
            "| `so-lieu/{}` | {} ({}) — {} |",
            w.file, w.ten, w.ma, what
        )?;
    }
    writeln!(
        out,
        "| `so-lieu/quan-tay-ho.xlsx` | the district's own workbook (\"Đơn vị: Quận Tây Hồ\"): the `cap_quan` indicators KT02, XD06, QP04; \"12.993\" and \"85,78%\" as text |"
    )?;
    writeln!(
        out,
        "\nEvery ward sheet has the layout of soket's entry workbooks (`soket mau-nhap`): two merged title rows, \"Đơn vị: …\", a blank row, the header `STT | Mã | Tên chỉ tiêu | Đơn vị tính | 2020 | Năm 2021 | Năm 2022 | Ước 2023 | Ghi chú`, group rows (\"I\", \"KINH TẾ\") without a code, then one row per ward-level indicator (23 rows: no `cap_quan` rows and no `ty_le:A/B` rows — those come from their A and B rows).\n"
    )?;
    writeln!(out, "## Expected figures (nam_bao_cao 2022, `cat_bo`)\n")?;
    writeln!(
        out,
        "Conventions used here: values are truncated to the indicator's decimals (`Số lẻ`, else 0 for counts and 1 for \
         percents and ratios); `tang` of a `%` indicator or a ratio is in percentage points; `binh_quan` = ((v2022 / \
         v2020)^(1/2) − 1) × 100, shown with 2 decimals; `du_bao` is the least-squares line through the years every \
         unit reported, at 2025 — because Tứ Liên sent no \"Ước 2023\", that is 2020–2022 for every ward-level \
         indicator and 2020–2023 for `cap_quan` ones; it projects `gia_tri` (percent for ratios, units for unit counts; a fraction target is judged on `tu_so`); a \
         projection outside the indicator's domain (0–100 for percents and ratios, 0–8 wards for unit counts, not below \
         0 otherwise) is \"—\". \"báo cáo\" is `so_don_vi_bao_cao`.\n"
    )?;
    out.push_str(&table);
    writeln!(out, "\n### Summary (`tong_ket`)\n")?;
    writeln!(
        out,
        "- `tong` = {} indicators; evaluated = {evaluated}; `khong_danh_gia` = {}",
        cat.len(),
        counts.get("Không đánh giá").copied().unwrap_or(0)
    )?;
    writeln!(
        out,
        "- `vuot` = {}, `dat` = {}, `du_kien_dat` = {}, `chua_dat` = {}; `dat_va_du_kien_dat` = {ok}",
        counts.get("Vượt").copied().unwrap_or(0),
        counts.get("Đạt").copied().unwrap_or(0),
        counts.get("Dự kiến đạt").copied().unwrap_or(0),
        counts.get("Chưa đạt").copied().unwrap_or(0)
    )?;
    writeln!(
        out,
        "- `text` = \"{ok}/{evaluated} chỉ tiêu đạt và dự kiến đạt\""
    )?;
    writeln!(out, "\n### Expected problems\n")?;
    writeln!(
        out,
        "No error. Warnings only: \"tử số lớn hơn mẫu số\" for QP03 wherever a ward sent more recruits than its \
         quota (legitimate: \"26/20 thanh niên, 130%\"), and QP06 reported by 7/8 wards in 2022 (Yên Phụ left it \
         blank)."
    )?;
    writeln!(out, "\n### Seed sentences these figures give\n")?;
    for (got, _) in &seeds {
        writeln!(out, "- \"{got}\"")?;
    }
    writeln!(out, "\nFigure by figure:\n")?;
    for line in [
        "- VH01 `ty_le`: ward cells `4/4`, `3/3`, `3/4`, `2/2`, `4/4`, `2/2`, `5/5`, `3/3` → `phan_so` \"26/27\", 96,296…% → `ty_le` \"96,2%\" (`cat_bo`; \"96,3%\" with `gan_nhat`); `>= 95%` → Vượt.",
        "- VH02 `so_don_vi_dat`: \"Đạt\", \"x\", \"Có\" in 2022 for all 8 wards → `tu_so` 8, `mau_so` 8, `hien_thi` \"8/8 phường\", `ty_le` \"100%\"; target `8/8` met exactly → Đạt.",
        "- KT04 `tong` = 0 every year → `= 0` met exactly → Đạt (\"Duy trì không có hộ nghèo\"); `tang_pt` and `binh_quan` are null (base 0).",
        "- KT02 `cap_quan` = 12.993 (text \"12.993\" in the district workbook) → \"12.993 tỷ đồng\"; `dat_pt_muc_tieu` = 12.993 / 8.600 × 100 = 151,08…%.",
        "- KT01 `tong`: 25.000,0 (2020) → 32.196,8 (2022); √(32.196,8 / 25.000) − 1 = 13,4844…% → `binh_quan` \"13,48%\" (same with either rounding).",
        "- XD03 `ty_le:XD02/XD01` = 5.040 / 5.300 = 95,0943…% → \"95,09%\" (`Số lẻ` 2).",
        "- XD06 `cap_quan`: 85,78 (2020) → 97,74 (2022), `tang` = 11,96 percentage points (\"tăng 11,96% so với năm 2020\" in the published wording).",
        "- QP03 `ty_le:QP01/QP02`: 26 recruits / 20 quota → `phan_so` \"26/20\", `ty_le` \"130%\" (`Số lẻ` 0); bare fraction target `20/20` → `tu_so` 26 > 20 → Vượt, `dat_pt_muc_tieu` = 26 / 20 × 100 = 130.",
        "- VH05 (Dự kiến đạt): weighted by DAN_SO, 91,0… (2020), 92,0… (2021), 93,0… (2022) < 95; the line reaches 96,0… in 2025 ≥ 95.",
        "- KT06 (Chưa đạt): 1.105, 1.012, 1.046 new firms against `>= 1.200`; the line falls to 936 in 2025.",
        "- XD05 (Đạt on `>=`): 45/50 = 90,0% against `>= 90%`. VH08 (Đạt on `=`): every ward 100% in 2022.",
        "- Missing cells (left out, never zero): KT07 Phú Thượng 2021, VH09 Nhật Tân 2021, QP06 Yên Phụ 2022, and Tứ Liên's whole \"Ước 2023\" column.",
    ] {
        writeln!(out, "{line}")?;
    }
    Ok(out)
}

// ---------------------------------------------------------------- main

fn write(root: &Path, rel: &str, bytes: &[u8]) -> Res<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, bytes)?;
    println!("{}", path.display());
    Ok(())
}

fn main() -> Res<()> {
    let root = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("samples/tay-ho"));
    let cat = catalog();
    // Check the data first: nothing is written if the seeds do not hold.
    let readme = report(&cat)?;
    write(&root, "soket.toml", SETTINGS.as_bytes())?;
    write(&root, "chi-tieu.xlsx", &catalog_xlsx(&cat)?)?;
    write(&root, "don-vi.xlsx", &units_xlsx()?)?;
    for (w, ward) in WARDS.iter().enumerate() {
        let grid = ward_grid(w, &cat);
        let bytes = match ward.kind {
            Kind::Xlsx => grid_xlsx(&grid, false)?,
            Kind::XlsxSecondSheet => grid_xlsx(&grid, true)?,
            Kind::Ods => grid_ods(&grid)?,
            Kind::CsvSemicolon => grid_csv(&grid, b';', true)?,
            Kind::CsvComma => grid_csv(&grid, b',', false)?,
        };
        write(&root, &format!("so-lieu/{}", ward.file), &bytes)?;
    }
    write(
        &root,
        "so-lieu/quan-tay-ho.xlsx",
        &grid_xlsx(&district_grid(&cat), false)?,
    )?;
    write(&root, "README.md", readme.as_bytes())?;
    Ok(())
}
