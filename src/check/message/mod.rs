//! The words of every problem, in Vietnamese and English, rendered from
//! its [`Kind`].
//!
//! One module holds them so that the two languages are written side by
//! side (the English must say everything the Vietnamese explains), no
//! caller composes a message, and a kind's stable code (`loai` in
//! `soket check --json`) lets scripts tell problems apart without
//! reading the words.

mod figures;
mod filter;
mod run;
mod settings;
mod sheet;
mod table;
mod template;
mod value;
mod word;

pub use figures::{FiguresKind, NotNumber, Overflow, Step, WeightPlace};
pub use filter::FilterError;
pub use run::{CatalogDiff, LockHolder, RunKind};
pub use settings::{Expected, SettingsKind};
pub use sheet::{PeriodColumn, SheetKind};
pub use table::{Column, RangeError, Table, TableKind, TargetError};
pub use template::{PartError, Refusal, RowTagError, TemplateKind};
pub use value::{CellTextError, Implausible, Need, ValueKind};
pub use word::{Element, Unfilled, WordKind};

use super::Lang;
use serde::{Deserialize, Serialize};

/// What went wrong, with the data its message needs. Near-identical
/// messages share one variant with fields rather than one variant per
/// sentence.
///
/// Serialised (with its data) in the manifest (`.soket-manifest.json`), so that a
/// problem restored from an earlier run is rendered in this run's language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// A problem of the settings or the review folder.
    Settings(SettingsKind),
    /// A problem of the catalog or the unit list.
    Table(TableKind),
    /// A value cell of a unit sheet that cannot be read.
    Value(ValueKind),
    /// A unit sheet as a whole: which sheet, period columns.
    Sheet(SheetKind),
    /// The run: folders, outputs, commands, roll-ups.
    Run(RunKind),
    /// Computing the figures.
    Figures(FiguresKind),
    /// A template, a zip package, an output made from a template.
    Template(TemplateKind),
    /// An empty (0-byte) file.
    EmptyFile,
    /// A file of another kind with a spreadsheet's name.
    WrongFormat { found: Found },
    /// A non-csv extension over plain text.
    PlainText { ext: String },
    /// Nothing soket recognises, despite the extension.
    UnknownFormat { ext: String },
    /// A password-protected workbook.
    PasswordProtected,
    /// A zip package the zip reader refused, with its words.
    ZipUnreadable { error: String },
    /// A zip package that unpacks beyond the limits (MiB).
    UnpacksTooLarge {
        part: String,
        mib: u64,
        total_mib: u64,
        part_limit_mib: u64,
        total_limit_mib: u64,
    },
    /// A spreadsheet reader panicked on the file.
    FileDamaged,
    /// A file over the size limit (MiB).
    FileTooLarge { mib: u64 },
    /// The file could not be opened; `error` is the operating system's
    /// words, which soket cannot translate.
    CannotOpen { error: String },
    /// A sheet with more filled cells than the limit.
    TooManyCells { max: usize },
    /// A reader (xlsx, xls, xlsb, ods) refused the file; `error` is the
    /// reader's own (English) words.
    FormatDamaged { format: String, error: String },
    /// A sheet whose filled cells spread over too large an area.
    TooSpread { area: u64 },
    /// A csv file read as Windows-1258.
    CsvNotUtf8,
    /// A csv line the csv reader refused (1-based), with its words.
    CsvMalformed { line: usize, error: String },
    /// `so-lieu/` is missing.
    NoDataFolder,
    /// A folder inside `so-lieu/`: its files are not read.
    SubfolderIgnored,
    /// A file in `so-lieu/` that is not a spreadsheet.
    NotASpreadsheet,
    /// One unit sent several files; `others` are the other files.
    SeveralFiles { unit: String, others: Vec<String> },
    /// A listed unit with no file.
    NotSent { unit: String },
    /// `so_lieu.<key> = <year>` of soket.toml names a year no file has;
    /// `seen` is the years the files have, as written.
    NoFileHasYear {
        key: String,
        year: i32,
        seen: String,
    },
    /// No header row with a "Mã" cell.
    NoCodeHeader,
    /// The header row has no year column.
    NoYearColumn,
    /// A year heads two columns (cell references).
    YearTwice {
        year: i32,
        first: String,
        second: String,
    },
    /// A year column outside the term.
    YearOutsideTerm { year: i32, from: i32, to: i32 },
    /// The "Đơn vị" line names no listed unit; the file name does.
    UnitLineUnknown { written: String, using: String },
    /// A code written with extra spaces or another case.
    CodeReadAs { written: String, code: String },
    /// A code on two rows (1-based row numbers).
    CodeTwice {
        code: String,
        first: usize,
        second: usize,
    },
    /// A csv row wider than its header (1-based row number).
    RowTooWide { row: usize },
    /// Values on the row of a district-level indicator in a unit's file.
    DistrictLevelIgnored { code: String },
    /// Values on the row of an indicator computed from two others.
    ComputedIgnored {
        code: String,
        num: String,
        den: String,
    },
    /// A cell whose text means "no data" ("chưa có", "-").
    TreatedAsEmpty { text: String },
    /// A ratio's numerator above its denominator.
    NumeratorExceeds {
        code: String,
        num: String,
        num_value: String,
        den: String,
        den_value: String,
        year: i32,
    },
    /// A unit name not in don-vi: the nearest listed name, or the name as
    /// it was meant when typed in a legacy font (`font`, `meant`).
    UnknownUnit {
        name: String,
        nearest: Option<String>,
        legacy: Option<(String, String)>,
    },
    /// A code not in the catalog, and the nearest code.
    UnknownCode {
        code: String,
        nearest: Option<String>,
    },
}

/// What a file sent as a spreadsheet really is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Found {
    /// A Word .doc (OLE).
    Doc,
    Docx,
    Pptx,
    /// An OpenDocument file that is not a spreadsheet.
    OpenDocument,
    /// Another zip archive.
    Zip,
    Pdf,
    /// A web page saved as .xls.
    Html,
    /// An XML file ("XML Spreadsheet 2003").
    Xml,
}

impl Found {
    fn render(self, vi: bool) -> &'static str {
        match (self, vi) {
            (Found::Doc, true) => {
                "đây là tệp Word (.doc) bị đổi tên, không phải bảng tính: hãy gửi tệp Excel"
            }
            (Found::Doc, false) => {
                "this is a Word document (.doc) renamed, not a spreadsheet: send the Excel file"
            }
            (Found::Docx, true) => {
                "đây là tệp Word (.docx) bị đổi tên, không phải bảng tính: hãy gửi tệp Excel"
            }
            (Found::Docx, false) => {
                "this is a Word document (.docx) renamed, not a spreadsheet: send the Excel file"
            }
            (Found::Pptx, true) => {
                "đây là tệp PowerPoint (.pptx) bị đổi tên, không phải bảng tính: hãy gửi tệp Excel"
            }
            (Found::Pptx, false) => {
                "this is a PowerPoint file (.pptx) renamed, not a spreadsheet: send the Excel file"
            }
            (Found::OpenDocument, true) => {
                "đây là văn bản OpenDocument (không phải bảng tính): hãy gửi tệp Excel"
            }
            (Found::OpenDocument, false) => {
                "this is an OpenDocument file that is not a spreadsheet: send the Excel file"
            }
            (Found::Zip, true) => {
                "đây là một tệp nén (.zip), không phải bảng tính: hãy gửi tệp Excel"
            }
            (Found::Zip, false) => "this is a zip archive, not a spreadsheet: send the Excel file",
            (Found::Pdf, true) => "đây là tệp PDF, không phải bảng tính: hãy gửi tệp Excel",
            (Found::Pdf, false) => "this is a PDF file, not a spreadsheet: send the Excel file",
            (Found::Html, true) => {
                "đây là trang web (HTML) được lưu với đuôi bảng tính, không phải tệp Excel thật: hãy mở bằng Excel rồi \"Lưu thành\" Excel Workbook (.xlsx)"
            }
            (Found::Html, false) => {
                "this is a web page (HTML) saved with a spreadsheet extension, not a real Excel file: open it in Excel and \"Save As\" Excel Workbook (.xlsx)"
            }
            (Found::Xml, true) => {
                "đây là tệp XML (ví dụ \"XML Spreadsheet 2003\"), không phải tệp Excel thật: hãy mở bằng Excel rồi \"Lưu thành\" Excel Workbook (.xlsx)"
            }
            (Found::Xml, false) => {
                "this is an XML file (e.g. \"XML Spreadsheet 2003\"), not a real Excel file: open it in Excel and \"Save As\" Excel Workbook (.xlsx)"
            }
        }
    }
}

impl Kind {
    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            Kind::Settings(k) => k.render(vi),
            Kind::Table(k) => k.render(vi),
            Kind::Value(k) => k.render(vi),
            Kind::Sheet(k) => k.render(vi),
            Kind::Run(k) => k.render(vi),
            Kind::Figures(k) => k.render(vi),
            Kind::Template(k) => k.render(vi),
            Kind::EmptyFile => pick(
                "tệp rỗng (0 byte): hãy gửi lại tệp số liệu".into(),
                "the file is empty (0 bytes): send the data file again".into(),
            ),
            Kind::WrongFormat { found } => found.render(vi).to_string(),
            Kind::PlainText { ext } => pick(
                format!("tệp .{ext} này thực ra là văn bản thuần (có thể là csv): hãy đổi đuôi thành .csv hoặc lưu lại bằng Excel"),
                format!("this .{ext} file is really plain text (perhaps csv): rename it to .csv or save it again from Excel"),
            ),
            Kind::UnknownFormat { ext } => pick(
                format!("không nhận ra định dạng tệp (không phải Excel, ODS hay csv dù có đuôi .{ext}): hãy lưu lại bằng Excel"),
                format!("unrecognised file format (not Excel, ODS or csv despite the .{ext} extension): save it again from Excel"),
            ),
            Kind::PasswordProtected => pick(
                "tệp có mật khẩu, không đọc được: hãy bỏ mật khẩu rồi gửi lại".into(),
                "the file is password-protected and cannot be read: remove the password and send it again".into(),
            ),
            Kind::ZipUnreadable { error } => pick(
                format!("tệp bị hỏng hoặc gửi thiếu (tệp nén không đọc được: {error}): hãy gửi lại"),
                format!("the file is damaged or truncated (unreadable zip package: {error}): send it again"),
            ),
            Kind::UnpacksTooLarge { part, mib, total_mib, part_limit_mib, total_limit_mib } => pick(
                format!("tệp quá lớn khi giải nén (phần \"{part}\" {mib} MiB, tổng {total_mib} MiB; giới hạn {part_limit_mib} MiB mỗi phần, {total_limit_mib} MiB tổng): không đọc để tránh treo máy"),
                format!("the file is too large once unpacked (part \"{part}\" {mib} MiB, total {total_mib} MiB; limits {part_limit_mib} MiB per part, {total_limit_mib} MiB in all): not read, to keep the machine responsive"),
            ),
            Kind::FileDamaged => pick(
                "tệp bị hỏng, không đọc được: hãy mở bằng Excel, lưu lại (Save As .xlsx) rồi gửi lại".into(),
                "the file is damaged and cannot be read: open it in Excel, save it again as .xlsx and resend it".into(),
            ),
            Kind::FileTooLarge { mib } => pick(
                format!("tệp quá lớn (trên {mib} MiB), không phải một biểu số liệu"),
                format!("the file is too large (over {mib} MiB) for a data sheet"),
            ),
            Kind::CannotOpen { error } => pick(
                format!("không mở được tệp: {error}"),
                format!("cannot open the file: {error}"),
            ),
            Kind::TooManyCells { max } => pick(
                format!("trang có quá nhiều ô có dữ liệu (trên {max} ô), không phải một biểu số liệu: hãy xóa phần thừa"),
                format!("the sheet has too many filled cells (over {max}) for a data sheet: delete the excess"),
            ),
            Kind::FormatDamaged { format, error } => pick(
                format!("tệp {format} bị hỏng, không đọc được ({error}): hãy mở bằng Excel, lưu lại rồi gửi lại"),
                format!("the {format} file is damaged and cannot be read ({error}): open it in Excel, save it again and resend"),
            ),
            Kind::TooSpread { area } => pick(
                format!("trang trải rộng quá mức (ô có dữ liệu nằm rải trên {area} ô): hãy xóa các ô thừa ở xa bảng số liệu rồi lưu lại"),
                format!("the sheet spreads over too large an area ({area} cells between its filled cells): delete stray cells far from the table and save again"),
            ),
            Kind::CsvNotUtf8 => pick(
                "tệp csv không phải UTF-8; đã đọc theo bảng mã Windows-1258 (tiếng Việt): hãy kiểm tra dấu tiếng Việt, tốt nhất lưu lại dạng \"CSV UTF-8\"".into(),
                "the csv file is not UTF-8; it was read as Windows-1258 (Vietnamese): check the accents, or better save it again as \"CSV UTF-8\"".into(),
            ),
            Kind::CsvMalformed { line, error } => pick(
                format!("tệp csv sai cấu trúc ở dòng {line}: {error}"),
                format!("malformed csv at line {line}: {error}"),
            ),
            Kind::NoDataFolder => pick(
                "không có thư mục so-lieu/ chứa tệp số liệu của các đơn vị".into(),
                "there is no so-lieu/ folder with the units' data files".into(),
            ),
            Kind::SubfolderIgnored => pick(
                "thư mục con không được đọc: tệp số liệu phải nằm ngay trong so-lieu/ (hãy chuyển tệp ra ngoài hoặc xóa thư mục này)".into(),
                "subfolder not read: data files must sit directly in so-lieu/ (move the files out or delete the folder)".into(),
            ),
            Kind::NotASpreadsheet => pick(
                "tệp không phải bảng tính (xlsx, xlsm, xlsb, xls, ods, csv), bị bỏ qua".into(),
                "not a spreadsheet (xlsx, xlsm, xlsb, xls, ods, csv): ignored".into(),
            ),
            Kind::SeveralFiles { unit, others } => {
                let others = others.join(", ");
                pick(
                    format!("{unit} có nhiều hơn một tệp số liệu (cả {others}): hãy giữ lại một tệp"),
                    format!("{unit} sent more than one data file (also {others}): keep only one"),
                )
            }
            Kind::NotSent { unit } => pick(
                format!("{unit} chưa gửi số liệu"),
                format!("{unit} has not sent its figures"),
            ),
            Kind::NoFileHasYear { key, year, seen } => pick(
                format!("so_lieu.{key} = {year}: không tệp số liệu nào có cột năm {year} (các tệp có cột: {seen}); hãy sửa soket.toml hoặc thêm cột năm {year} vào biểu"),
                format!("so_lieu.{key} = {year}: no data file has a column for {year} (the files have: {seen}); fix soket.toml or add a {year} column to the sheets"),
            ),
            Kind::NoCodeHeader => pick(
                "không tìm thấy dòng tiêu đề có ô \"Mã\" (cột mã chỉ tiêu) trong trang nào".into(),
                "no header row with a \"Mã\" (indicator code) cell on any sheet".into(),
            ),
            Kind::NoYearColumn => pick(
                "dòng tiêu đề không có cột năm nào (ví dụ \"2020\", \"Năm 2021\", \"Ước 2023\") bên phải cột \"Mã\"".into(),
                "the header row has no year column (e.g. \"2020\", \"Năm 2021\", \"Ước 2023\") right of the \"Mã\" column".into(),
            ),
            Kind::YearTwice { year, first, second } => pick(
                format!("năm {year} có hai cột: {first} và {second}; hãy giữ lại một cột"),
                format!("year {year} has two columns: {first} and {second}; keep only one"),
            ),
            Kind::YearOutsideTerm { year, from, to } => pick(
                format!("cột năm {year} nằm ngoài nhiệm kỳ {from} - {to}, bị bỏ qua"),
                format!("year column {year} is outside the term {from} - {to} and is ignored"),
            ),
            Kind::UnitLineUnknown { written, using } => pick(
                format!("dòng \"Đơn vị\" ghi \"{written}\", không khớp đơn vị nào trong danh sách; dùng tên tệp: {using}"),
                format!("the unit line says \"{written}\", which matches no listed unit; using the file name: {using}"),
            ),
            Kind::CodeReadAs { written, code } => pick(
                format!("mã \"{written}\" được hiểu là \"{code}\" (thừa dấu cách hoặc khác chữ hoa/thường)"),
                format!("code \"{written}\" was read as \"{code}\" (extra spaces or different case)"),
            ),
            Kind::CodeTwice { code, first, second } => pick(
                format!("mã {code} có hai dòng ({first} và {second}): hãy giữ lại một dòng"),
                format!("code {code} is on two rows ({first} and {second}): keep only one"),
            ),
            Kind::RowTooWide { row } => pick(
                format!("dòng {row} có nhiều ô hơn dòng tiêu đề: thường do một số thập phân như 12,5 không nằm trong dấu ngoặc kép ở tệp csv phân cách bằng dấu phẩy, làm lệch cột; số liệu của dòng này bị bỏ qua (hãy lưu lại bằng Excel)"),
                format!("row {row} has more cells than the header: usually a decimal like 12,5 left unquoted in a comma-separated csv file, which shifts the columns; the row's figures are ignored (save the file again from Excel)"),
            ),
            Kind::DistrictLevelIgnored { code } => pick(
                format!("chỉ tiêu {code} là chỉ tiêu cấp quận: số liệu ở tệp của đơn vị bị bỏ qua"),
                format!("indicator {code} is a district-level figure: values in a unit's file are ignored"),
            ),
            Kind::ComputedIgnored { code, num, den } => pick(
                format!("chỉ tiêu {code} được tính từ {num}/{den}: số liệu ghi ở dòng này bị bỏ qua"),
                format!("indicator {code} is computed from {num}/{den}: values on this row are ignored"),
            ),
            Kind::TreatedAsEmpty { text } => pick(
                format!("ô ghi \"{text}\": coi như chưa có số liệu"),
                format!("the cell says \"{text}\": treated as no data"),
            ),
            Kind::NumeratorExceeds { code, num, num_value, den, den_value, year } => pick(
                format!("chỉ tiêu {code}: tử số {num} ({num_value}) lớn hơn mẫu số {den} ({den_value}) năm {year}"),
                format!("indicator {code}: numerator {num} ({num_value}) exceeds denominator {den} ({den_value}) in {year}"),
            ),
            Kind::UnknownUnit { name, nearest, legacy } => {
                let (hint_vi, hint_en) = match legacy {
                    Some((font, meant)) => (
                        format!(" (tên gõ bằng phông {font}: có lẽ là \"{meant}\"; hãy gõ lại bằng Unicode)"),
                        format!(" (typed with a {font} font: probably \"{meant}\"; retype it in Unicode)"),
                    ),
                    None => crate::suggest::hint(nearest.as_deref()),
                };
                pick(
                    format!("\"{name}\" không có trong danh sách đơn vị (don-vi){hint_vi}"),
                    format!("\"{name}\" is not in the unit list (don-vi){hint_en}"),
                )
            }
            Kind::UnknownCode { code, nearest } => {
                let (hint_vi, hint_en) = crate::suggest::hint(nearest.as_deref());
                pick(
                    format!("mã \"{code}\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua{hint_vi}"),
                    format!("code \"{code}\" is not in the indicator catalog; the row is ignored{hint_en}"),
                )
            }
        }
    }

    /// A stable machine-readable code for the kind (`loai` in
    /// `soket check --json`): scripts match it, never the words.
    pub fn code(&self) -> &'static str {
        match self {
            Kind::Settings(k) => k.code(),
            Kind::Table(k) => k.code(),
            Kind::Value(k) => k.code(),
            Kind::Sheet(k) => k.code(),
            Kind::Run(k) => k.code(),
            Kind::Figures(k) => k.code(),
            Kind::Template(k) => k.code(),
            Kind::EmptyFile => "tep_rong",
            Kind::WrongFormat { .. } => "sai_loai_tep",
            Kind::PlainText { .. } => "van_ban_thuan",
            Kind::UnknownFormat { .. } => "khong_ro_dinh_dang",
            Kind::PasswordProtected => "co_mat_khau",
            Kind::ZipUnreadable { .. } => "tep_nen_hong",
            Kind::UnpacksTooLarge { .. } => "giai_nen_qua_lon",
            Kind::FileDamaged => "tep_hong",
            Kind::FileTooLarge { .. } => "tep_qua_lon",
            Kind::CannotOpen { .. } => "khong_mo_duoc",
            Kind::TooManyCells { .. } => "qua_nhieu_o",
            Kind::FormatDamaged { .. } => "dinh_dang_hong",
            Kind::TooSpread { .. } => "trang_trai_rong",
            Kind::CsvNotUtf8 => "csv_khong_utf8",
            Kind::CsvMalformed { .. } => "csv_sai_cau_truc",
            Kind::NoDataFolder => "khong_co_thu_muc_so_lieu",
            Kind::SubfolderIgnored => "thu_muc_con",
            Kind::NotASpreadsheet => "khong_phai_bang_tinh",
            Kind::SeveralFiles { .. } => "nhieu_tep",
            Kind::NotSent { .. } => "chua_gui",
            Kind::NoFileHasYear { .. } => "khong_tep_nao_co_nam",
            Kind::NoCodeHeader => "khong_co_dong_tieu_de",
            Kind::NoYearColumn => "khong_co_cot_nam",
            Kind::YearTwice { .. } => "nam_hai_cot",
            Kind::YearOutsideTerm { .. } => "nam_ngoai_nhiem_ky",
            Kind::UnitLineUnknown { .. } => "dong_don_vi_khong_khop",
            Kind::CodeReadAs { .. } => "ma_duoc_hieu_la",
            Kind::CodeTwice { .. } => "ma_hai_dong",
            Kind::RowTooWide { .. } => "dong_thua_o",
            Kind::DistrictLevelIgnored { .. } => "chi_tieu_cap_quan",
            Kind::ComputedIgnored { .. } => "chi_tieu_tinh_tu_so",
            Kind::TreatedAsEmpty { .. } => "coi_nhu_trong",
            Kind::NumeratorExceeds { .. } => "tu_so_lon_hon_mau_so",
            Kind::UnknownUnit { .. } => "don_vi_khong_co",
            Kind::UnknownCode { .. } => "ma_khong_co",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_renders_the_same_facts_in_both_languages() {
        let s = |x: &str| x.to_string();
        let table: &[(Kind, &str, &str)] = &[
            (
                Kind::NotSent {
                    unit: s("Phường Bưởi"),
                },
                "Phường Bưởi chưa gửi số liệu",
                "Phường Bưởi has not sent its figures",
            ),
            (
                Kind::SeveralFiles {
                    unit: s("Phường Bưởi"),
                    others: vec![s("so-lieu/a.xlsx"), s("so-lieu/b.csv")],
                },
                "Phường Bưởi có nhiều hơn một tệp số liệu (cả so-lieu/a.xlsx, so-lieu/b.csv): hãy giữ lại một tệp",
                "Phường Bưởi sent more than one data file (also so-lieu/a.xlsx, so-lieu/b.csv): keep only one",
            ),
            (
                Kind::YearTwice {
                    year: 2021,
                    first: s("E4"),
                    second: s("G4"),
                },
                "năm 2021 có hai cột: E4 và G4; hãy giữ lại một cột",
                "year 2021 has two columns: E4 and G4; keep only one",
            ),
            (
                Kind::NumeratorExceeds {
                    code: s("QP03"),
                    num: s("QP01"),
                    num_value: s("4"),
                    den: s("QP02"),
                    den_value: s("3"),
                    year: 2020,
                },
                "chỉ tiêu QP03: tử số QP01 (4) lớn hơn mẫu số QP02 (3) năm 2020",
                "indicator QP03: numerator QP01 (4) exceeds denominator QP02 (3) in 2020",
            ),
            (
                Kind::UnknownCode {
                    code: s("KT1"),
                    nearest: Some(s("KT01")),
                },
                "mã \"KT1\" không có trong danh mục chỉ tiêu, dòng này bị bỏ qua (ý bạn là \"KT01\"?)",
                "code \"KT1\" is not in the indicator catalog; the row is ignored (did you mean \"KT01\"?)",
            ),
            (
                Kind::UnknownUnit {
                    name: s("Phuong Buoi"),
                    nearest: None,
                    legacy: Some((s("TCVN3"), s("Phường Bưởi"))),
                },
                "\"Phuong Buoi\" không có trong danh sách đơn vị (don-vi) (tên gõ bằng phông TCVN3: có lẽ là \"Phường Bưởi\"; hãy gõ lại bằng Unicode)",
                "\"Phuong Buoi\" is not in the unit list (don-vi) (typed with a TCVN3 font: probably \"Phường Bưởi\"; retype it in Unicode)",
            ),
            (
                Kind::TooSpread {
                    area: 5_000_000_000,
                },
                "trang trải rộng quá mức (ô có dữ liệu nằm rải trên 5000000000 ô): hãy xóa các ô thừa ở xa bảng số liệu rồi lưu lại",
                "the sheet spreads over too large an area (5000000000 cells between its filled cells): delete stray cells far from the table and save again",
            ),
            (
                Kind::WrongFormat { found: Found::Docx },
                "đây là tệp Word (.docx) bị đổi tên, không phải bảng tính: hãy gửi tệp Excel",
                "this is a Word document (.docx) renamed, not a spreadsheet: send the Excel file",
            ),
            (
                Kind::TreatedAsEmpty {
                    text: s("chưa có")
                },
                "ô ghi \"chưa có\": coi như chưa có số liệu",
                "the cell says \"chưa có\": treated as no data",
            ),
            (
                Kind::Table(TableKind::BadTarget {
                    code: s("GD01"),
                    error: TargetError::FractionWithOperator,
                }),
                "chỉ tiêu GD01: mục tiêu dạng phân số phải viết trần, ví dụ 8/8",
                "indicator GD01: a fraction target is written bare, e.g. 8/8",
            ),
            (
                Kind::Settings(SettingsKind::WrongType {
                    key: s("so_lieu.lam_tron"),
                    value: s("2"),
                    expected: Expected::OneOf(vec![s("gan_nhat"), s("cat_bo")]),
                }),
                "so_lieu.lam_tron = 2: phải là một trong \"gan_nhat\", \"cat_bo\"",
                "so_lieu.lam_tron = 2: must be one of \"gan_nhat\", \"cat_bo\"",
            ),
            (
                Kind::Value(ValueKind::Text {
                    text: s("12 tỷ"),
                    need: Need::Number,
                    why: Some(CellTextError::UnitAfterNumber {
                        whole: s("12 tỷ"),
                        num: s("12"),
                        suffix: s("tỷ"),
                    }),
                }),
                "ô có chữ \"12 tỷ\" nhưng cần một con số: \"12 tỷ\" có chữ \"tỷ\" sau con số: hãy chỉ ghi con số (12); đơn vị tính đã có trong danh mục chỉ tiêu, và một đơn vị như \"tỷ\" hay \"triệu\" ghi trong ô có thể làm số liệu lệch hàng nghìn lần",
                "the cell has the text \"12 tỷ\" but a number is expected: \"12 tỷ\" has the word \"tỷ\" after the number: write the number only (12); the unit is in the catalog, and a unit such as \"tỷ\" or \"triệu\" in the cell can put the figure off by a factor of thousands",
            ),
            (
                Kind::Run(RunKind::CannotReadTemplate {
                    path: s("mau.docx"),
                    error: s("No such file or directory (os error 2)"),
                }),
                "không đọc được mẫu mau.docx: No such file or directory (os error 2)",
                "cannot read the template mau.docx: No such file or directory (os error 2)",
            ),
            (
                Kind::Figures(FiguresKind::UnitMissing {
                    code: s("QP06"),
                    reported: 7,
                    total: 8,
                    level: s("phường"),
                    unit: s("Phường Yên Phụ"),
                    column: PeriodColumn::Ky(crate::vn::period::Period::year(2022)),
                }),
                "QP06: 7/8 phường báo cáo năm 2022, thiếu: Phường Yên Phụ",
                "QP06: 7/8 units reported for 2022, missing: Phường Yên Phụ",
            ),
            (
                Kind::Template(TemplateKind::BadRowTag(RowTagError::Unsupported {
                    body: s("if x"),
                })),
                "chỉ hỗ trợ {%tr for … %} và {%tr endfor %}, không hiểu \"if x\"",
                "bad row tag: only {%tr for … %} and {%tr endfor %} are supported, not \"if x\"",
            ),
            (
                Kind::Template(TemplateKind::PackageRefused(Refusal::Part {
                    name: s("xl/worksheets/sheet1.xml"),
                    error: PartError::Crc,
                })),
                "phần \"xl/worksheets/sheet1.xml\" không khớp mã kiểm tra CRC-32: nội dung đã bị thay đổi hoặc hỏng khi gửi: không lấy số liệu nào từ tệp này; hãy gửi lại tệp gốc",
                "part \"xl/worksheets/sheet1.xml\" fails its CRC-32 check: its content was altered or damaged in transit: no figure is taken from this file; send the original file again",
            ),
            (
                Kind::Template(TemplateKind::Word(WordKind::LeftEmpty {
                    inner: Box::new(WordKind::UnknownName {
                        name: s("ct.GD1"),
                        nearest: Some(s("ct.GD01")),
                    }),
                    more: 2,
                })),
                "không có tên \"ct.GD1\" (ý bạn là \"ct.GD01\"?): điền rỗng như docxtpl (--lenient) (và 2 chỗ khác)",
                "unknown name \"ct.GD1\" (did you mean \"ct.GD01\"?): left empty as docxtpl does (--lenient) (and 2 other places)",
            ),
            (
                Kind::Sheet(SheetKind::PeriodTwice {
                    column: PeriodColumn::KeHoach(2026),
                    first: s("E5"),
                    second: s("H5"),
                }),
                "kế hoạch năm 2026 có hai cột: E5 và H5; hãy giữ lại một cột",
                "the plan of 2026 has two columns: E5 and H5; keep only one",
            ),
        ];
        for (kind, vi, en) in table {
            assert_eq!(kind.render(Lang::Vi), *vi, "{kind:?}");
            assert_eq!(kind.render(Lang::En), *en, "{kind:?}");
        }
    }

    #[test]
    fn a_kind_is_stored_and_restored_with_its_data() {
        let period = crate::vn::period::Period::parse("9 tháng 2026").unwrap();
        for kind in [
            Kind::Sheet(SheetKind::PeriodTwice {
                column: PeriodColumn::Ky(period),
                first: "E5".into(),
                second: "H5".into(),
            }),
            Kind::WrongFormat { found: Found::Pdf },
            Kind::Table(TableKind::BadRange {
                code: "GD01".into(),
                error: RangeError::Backwards {
                    text: "5..1".into(),
                },
            }),
        ] {
            let json = serde_json::to_string(&kind).unwrap();
            let back: Kind = serde_json::from_str(&json).unwrap();
            assert_eq!(back, kind, "{json}");
            assert_eq!(back.render(Lang::En), kind.render(Lang::En));
        }
    }
}
