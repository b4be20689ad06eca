//! Problems of templates and packages: zip packages soket reads (a unit's
//! workbook, a template), the Excel template engine, the outputs it makes
//! of them (entry workbooks, the annex).

use super::{FilterError, WordKind};
use serde::{Deserialize, Serialize};

/// Why a part of a zip package could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartError {
    /// It inflates past its bound (given in bytes).
    TooLarge { limit: u64 },
    /// Its bytes do not hash to the CRC-32 its entry declares: altered
    /// after it was written, or damaged on the way.
    Crc,
    /// It inflates to more bytes than its entry declares.
    LongerThanDeclared { declared: u64 },
    /// It read to its end with another length than its entry declares.
    SizeMismatch { read: u64, declared: u64 },
    /// The compressed data cannot be inflated (the zip reader's words).
    Damaged(String),
    /// A part read as text is not UTF-8.
    NotUtf8,
}

impl PartError {
    /// The predicate that follows the part's name ("quá lớn …").
    pub(super) fn render(&self, vi: bool) -> String {
        match (self, vi) {
            (PartError::TooLarge { limit }, true) => format!("quá lớn (trên {} MiB)", limit >> 20),
            (PartError::TooLarge { limit }, false) => {
                format!("is too large (over {} MiB)", limit >> 20)
            }
            (PartError::Crc, true) => {
                "không khớp mã kiểm tra CRC-32: nội dung đã bị thay đổi hoặc hỏng khi gửi".into()
            }
            (PartError::Crc, false) => {
                "fails its CRC-32 check: its content was altered or damaged in transit".into()
            }
            (PartError::LongerThanDeclared { declared }, true) => {
                format!("dài hơn kích thước khai báo ({declared} byte)")
            }
            (PartError::LongerThanDeclared { declared }, false) => {
                format!("is longer than its declared size ({declared} bytes)")
            }
            (PartError::SizeMismatch { read, declared }, true) => {
                format!("có {read} byte nhưng khai báo {declared} byte")
            }
            (PartError::SizeMismatch { read, declared }, false) => {
                format!("holds {read} bytes but declares {declared}")
            }
            (PartError::Damaged(why), true) => format!("bị hỏng, không giải nén được ({why})"),
            (PartError::Damaged(why), false) => {
                format!("is damaged and cannot be unpacked ({why})")
            }
            (PartError::NotUtf8, true) => "không phải văn bản UTF-8".into(),
            (PartError::NotUtf8, false) => "is not UTF-8 text".into(),
        }
    }

    /// The Vietnamese and English predicates, to follow a part's name.
    pub fn messages(&self) -> (String, String) {
        (self.render(true), self.render(false))
    }
}

/// Why a unit's zip package is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Refusal {
    /// The zip reader refused it (its words).
    Damaged { error: String },
    /// More parts than the limit.
    TooManyParts { count: usize, max: usize },
    /// Two parts of one name.
    DuplicatePart { name: String },
    /// A part declaring more than the limit (MiB).
    PartDeclaresTooLarge {
        name: String,
        mib: u64,
        limit_mib: u64,
    },
    /// A part that failed its read.
    Part { name: String, error: PartError },
}

impl Refusal {
    fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            Refusal::Damaged { error } => pick(
                format!("tệp nén bị hỏng ({error})"),
                format!("the zip package is damaged ({error})"),
            ),
            Refusal::TooManyParts { count, max } => pick(
                format!("tệp có {count} phần, quá giới hạn {max}"),
                format!("the package has {count} parts, over the limit of {max}"),
            ),
            Refusal::DuplicatePart { name } => pick(
                format!(
                    "tệp chứa hai phần cùng tên \"{name}\" (tệp đã bị sửa ngoài Excel hoặc bị làm giả; không biết bản nào là thật)"
                ),
                format!(
                    "the package holds two parts named \"{name}\" (edited outside Excel or forged; there is no telling which is genuine)"
                ),
            ),
            Refusal::PartDeclaresTooLarge {
                name,
                mib,
                limit_mib,
            } => pick(
                format!(
                    "phần \"{name}\" khai báo {mib} MiB khi giải nén, quá giới hạn {limit_mib} MiB"
                ),
                format!(
                    "part \"{name}\" declares {mib} MiB unpacked, over the {limit_mib} MiB limit"
                ),
            ),
            Refusal::Part { name, error } => pick(
                format!("phần \"{name}\" {}", error.render(true)),
                format!("part \"{name}\" {}", error.render(false)),
            ),
        }
    }
}

/// A `{%tr … %}` row tag that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RowTagError {
    /// No closing `%}`.
    NoClose,
    /// Neither `for` nor `endfor` (`body` as written).
    Unsupported { body: String },
    /// A `for` not of the form `for x in …`.
    BadFor { body: String },
}

impl RowTagError {
    fn render(&self, vi: bool) -> String {
        match (self, vi) {
            (RowTagError::NoClose, true) => "thiếu %}".into(),
            (RowTagError::NoClose, false) => "bad row tag: no closing %}".into(),
            (RowTagError::Unsupported { body }, true) => {
                format!("chỉ hỗ trợ {{%tr for … %}} và {{%tr endfor %}}, không hiểu \"{body}\"")
            }
            (RowTagError::Unsupported { body }, false) => format!(
                "bad row tag: only {{%tr for … %}} and {{%tr endfor %}} are supported, not \"{body}\""
            ),
            (RowTagError::BadFor { body }, true) => {
                format!("vòng lặp không đúng dạng \"for x in …\": \"{body}\"")
            }
            (RowTagError::BadFor { body }, false) => {
                format!("bad row tag: a loop is written \"for x in …\", not \"{body}\"")
            }
        }
    }
}

/// A problem of a template, a package or an output made from a template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TemplateKind {
    /// A unit's zip package refused.
    PackageRefused(Refusal),
    /// The template links to outside content (the links).
    ExternalLinks { links: Vec<String> },
    /// The template holds macros (the parts; empty for a macro-enabled
    /// content type alone).
    Macros { parts: Vec<String> },
    /// The Excel template is not a zip package (the reader's words).
    ExcelUnreadable { error: String },
    /// A part of the Excel template that cannot be read.
    ExcelPart { part: String, error: PartError },
    /// No `xl/workbook.xml`.
    ExcelNoWorkbook,
    /// The filled Excel template cannot be written.
    ExcelCannotWrite { error: String },
    /// A part of the Excel template whose XML is damaged.
    ExcelDamaged { part: String, error: String },
    /// A sheet whose XML is broken.
    SheetXml { error: String },
    /// A template syntax error in a cell (the engine's words).
    CellSyntax { detail: String },
    /// A name the data does not have, and the nearest one.
    UnknownName {
        name: String,
        nearest: Option<String>,
    },
    /// Filling a cell failed (the engine's words).
    FillError { detail: String },
    /// A filter refused its value or arguments; `engine` is the template
    /// engine's name for the error's kind ("invalid operation").
    Filter { engine: String, error: FilterError },
    /// `{%tr endfor %}` without its `for`.
    EndforWithoutFor,
    /// `{%tr for … %}` without its `endfor`.
    ForWithoutEndfor,
    /// A row tag that cannot be read.
    BadRowTag(RowTagError),
    /// A data-entry workbook could not be made (the writer's words).
    EntryWorkbook { who: String, error: String },
    /// A file could not be written (the operating system's words).
    CannotWriteFile { path: String, error: String },
    /// The annex could not be made (the writer's words).
    Annex { error: String },
    /// A Word template.
    Word(WordKind),
}

impl TemplateKind {
    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            TemplateKind::PackageRefused(r) => pick(
                format!(
                    "{}: không lấy số liệu nào từ tệp này; hãy gửi lại tệp gốc",
                    r.render(true)
                ),
                format!(
                    "{}: no figure is taken from this file; send the original file again",
                    r.render(false)
                ),
            ),
            TemplateKind::ExternalLinks { links } => {
                let links = links.join(", ");
                pick(
                    format!(
                        "mẫu có liên kết tới nội dung bên ngoài, được giữ nguyên trong kết quả: {links}; Word có thể tải các nội dung này khi mở báo cáo, hãy bỏ liên kết nếu không cần"
                    ),
                    format!(
                        "the template links to outside content, kept in the output: {links}; Word may fetch it when the report is opened: remove the links if they are not needed"
                    ),
                )
            }
            TemplateKind::Macros { parts } => {
                let (p_vi, p_en) = if parts.is_empty() {
                    (
                        "kiểu nội dung macro".to_string(),
                        "macro-enabled content type".to_string(),
                    )
                } else {
                    (parts.join(", "), parts.join(", "))
                };
                pick(
                    format!(
                        "mẫu có macro ({p_vi}): đã bỏ macro khỏi kết quả, kết quả là tệp Office thường không chứa macro"
                    ),
                    format!(
                        "the template holds macros ({p_en}): they are removed from the output, a plain Office file without macros"
                    ),
                )
            }
            TemplateKind::ExcelUnreadable { error } => pick(
                format!("mẫu Excel không đọc được (không phải tệp .xlsx?): {error}"),
                format!("the Excel template cannot be read (not an .xlsx file?): {error}"),
            ),
            TemplateKind::ExcelPart { part, error } => pick(
                format!("phần {part} của mẫu Excel {}", error.render(true)),
                format!("part {part} of the Excel template {}", error.render(false)),
            ),
            TemplateKind::ExcelNoWorkbook => pick(
                "mẫu Excel thiếu xl/workbook.xml".into(),
                "the Excel template has no xl/workbook.xml".into(),
            ),
            TemplateKind::ExcelCannotWrite { error } => pick(
                format!("không ghi được kết quả của mẫu Excel: {error}"),
                format!("could not write the filled Excel template: {error}"),
            ),
            TemplateKind::ExcelDamaged { part, error } => pick(
                format!("mẫu Excel hỏng ở {part}: {error}"),
                format!("the Excel template is damaged in {part}: {error}"),
            ),
            TemplateKind::SheetXml { error } => {
                pick(format!("XML hỏng: {error}"), format!("broken XML: {error}"))
            }
            TemplateKind::CellSyntax { detail } => pick(
                format!("lỗi cú pháp mẫu trong ô: {detail}"),
                format!("template syntax error in the cell: {detail}"),
            ),
            TemplateKind::UnknownName { name, nearest } => {
                let (h_vi, h_en) = crate::suggest::hint(nearest.as_deref());
                pick(
                    format!("không có tên \"{name}\" trong dữ liệu của mẫu{h_vi}"),
                    format!("unknown name \"{name}\" in the template{h_en}"),
                )
            }
            TemplateKind::FillError { detail } => pick(
                format!("lỗi khi điền mẫu: {detail}"),
                format!("template error: {detail}"),
            ),
            TemplateKind::Filter { engine, error } => pick(
                format!("lỗi khi điền mẫu: {engine}: {}", error.render(true)),
                format!("template error: {engine}: {}", error.render(false)),
            ),
            TemplateKind::EndforWithoutFor => pick(
                "{%tr endfor %} không có {%tr for … %} tương ứng ở trên".into(),
                "{%tr endfor %} without a matching {%tr for … %} above".into(),
            ),
            TemplateKind::ForWithoutEndfor => pick(
                "{%tr for … %} không có {%tr endfor %} ở một dòng bên dưới".into(),
                "{%tr for … %} without a {%tr endfor %} row below".into(),
            ),
            TemplateKind::BadRowTag(e) => e.render(vi),
            TemplateKind::EntryWorkbook { who, error } => pick(
                format!("không tạo được biểu nhập số liệu cho {who}: {error}"),
                format!("could not write the data-entry workbook for {who}: {error}"),
            ),
            TemplateKind::CannotWriteFile { path, error } => pick(
                format!("không ghi được tệp {path}: {error}"),
                format!("could not write {path}: {error}"),
            ),
            TemplateKind::Annex { error } => pick(
                format!("không tạo được tệp tong-hop.xlsx: {error}"),
                format!("could not write tong-hop.xlsx: {error}"),
            ),
            TemplateKind::Word(k) => k.render(vi),
        }
    }

    pub(super) fn code(&self) -> &'static str {
        match self {
            TemplateKind::PackageRefused(_) => "goi_tep_bi_tu_choi",
            TemplateKind::ExternalLinks { .. } => "mau_lien_ket_ngoai",
            TemplateKind::Macros { .. } => "mau_co_macro",
            TemplateKind::ExcelUnreadable { .. } => "mau_excel_khong_doc_duoc",
            TemplateKind::ExcelPart { .. } => "phan_mau_excel_hong",
            TemplateKind::ExcelNoWorkbook => "mau_excel_thieu_workbook",
            TemplateKind::ExcelCannotWrite { .. } => "khong_ghi_duoc_mau_excel",
            TemplateKind::ExcelDamaged { .. } => "mau_excel_hong",
            TemplateKind::SheetXml { .. } => "xml_hong",
            TemplateKind::CellSyntax { .. } => "loi_cu_phap_mau",
            TemplateKind::UnknownName { .. } => "ten_khong_co",
            TemplateKind::FillError { .. } | TemplateKind::Filter { .. } => "loi_dien_mau",
            TemplateKind::EndforWithoutFor => "endfor_khong_co_for",
            TemplateKind::ForWithoutEndfor => "for_khong_co_endfor",
            TemplateKind::BadRowTag(_) => "the_dong_sai",
            TemplateKind::EntryWorkbook { .. } => "khong_tao_duoc_bieu_nhap",
            TemplateKind::CannotWriteFile { .. } => "khong_ghi_duoc_tep",
            TemplateKind::Annex { .. } => "khong_tao_duoc_phu_luc",
            TemplateKind::Word(k) => k.code(),
        }
    }
}
