//! Problems of a Word template (`.docx`) and of filling it.

use super::{FilterError, PartError};
use serde::{Deserialize, Serialize};

/// The element a `{%p %}`, `{%tr %}`, `{%tc %}` or `{%r %}` tag lifts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Element {
    Paragraph,
    TableRow,
    TableCell,
    Run,
}

/// A place of a Word file soket (like docxtpl) does not fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unfilled {
    FieldCode,
    DeletedText,
    Comments,
    Charts,
    SmartArt,
    OtherPart,
}

/// A problem of a Word template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WordKind {
    /// Not a zip package (the reader's words).
    CannotOpen { error: String },
    /// A damaged package entry (the reader's words).
    Damaged { error: String },
    /// A part that cannot be read.
    Part { error: PartError },
    /// A part whose XML is broken.
    BrokenXml { error: String },
    /// The filled part is not valid XML.
    FilledNotXml { error: String },
    /// The output cannot be written.
    CannotWrite { error: String },
    /// A tag in a place that is not filled.
    NotFilled { tag: String, place: Unfilled },
    /// A tag without its closing `}}`/`%}`/`#}`.
    NotClosed { shown: String, close: String },
    /// `{{{ x }}}`: filled as the usual form.
    DoubledBraces { tag: String, usual: String },
    /// A lifting tag outside its element.
    NotInside { tag: String, element: Element },
    /// A cell tag outside a table cell.
    OnlyInCell { tag: String },
    /// The rendered part over the limit (MiB).
    TooLarge { mib: u64 },
    /// A block tag without its end tag.
    NoEndTag { tag: String, end: String },
    /// The template runs out of fuel.
    RunsTooLong,
    /// An error with no tag to name (the engine's words).
    Error { detail: String },
    /// A filter refused its value with no tag to name: the filter's own
    /// words, in the run's language (not the engine's Vietnamese copy).
    FilterUntagged { engine: String, error: FilterError },
    /// `vm`/`hm` outside a row or column loop.
    MergeOutsideLoop { tag: String },
    /// `loop` outside a `for`.
    LoopOutsideFor,
    /// A name the data does not have, and the nearest one.
    UnknownName {
        name: String,
        nearest: Option<String>,
    },
    /// An unknown filter, and the nearest one.
    UnknownFilter {
        name: String,
        nearest: Option<String>,
    },
    /// A syntax error in a tag (the engine's words).
    Syntax { tag: String, detail: String },
    /// Filling a tag failed (the engine's words).
    Fill { tag: String, detail: String },
    /// A filter refused its value or arguments; `engine` is the template
    /// engine's name for the error's kind ("invalid operation").
    Filter {
        tag: String,
        engine: String,
        error: FilterError,
    },
    /// An undefined name left empty under `--lenient`, and in how many
    /// other places.
    LeftEmpty { inner: Box<WordKind>, more: usize },
}

impl WordKind {
    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            WordKind::CannotOpen { error } => pick(
                format!("không mở được tệp Word (.docx): {error}"),
                format!("cannot open the Word file (.docx): {error}"),
            ),
            WordKind::Damaged { error } => pick(
                format!("tệp Word hỏng: {error}"),
                format!("the Word file is damaged: {error}"),
            ),
            WordKind::Part { error } => pick(
                format!("phần này của mẫu Word {}", error.render(true)),
                format!("this part of the Word template {}", error.render(false)),
            ),
            WordKind::BrokenXml { error } => {
                pick(format!("XML hỏng: {error}"), format!("broken XML: {error}"))
            }
            WordKind::FilledNotXml { error } => pick(
                format!(
                    "kết quả điền mẫu không phải XML hợp lệ ({error}); kiểm tra các thẻ {{%p %}}, {{%tr %}}, {{%tc %}} có đóng mở khớp nhau"
                ),
                format!(
                    "the filled template is not valid XML ({error}); check that {{%p %}}, {{%tr %}}, {{%tc %}} tags open and close in matching elements"
                ),
            ),
            WordKind::CannotWrite { error } => pick(
                format!("không ghi được tệp Word: {error}"),
                format!("cannot write the Word file: {error}"),
            ),
            WordKind::NotFilled { tag, place } => match place {
                Unfilled::FieldCode | Unfilled::DeletedText => {
                    let (w_vi, w_en) = if *place == Unfilled::FieldCode {
                        ("mã trường (field code)", "a field code")
                    } else {
                        (
                            "phần chữ đã xóa khi theo dõi thay đổi",
                            "text deleted under track changes",
                        )
                    };
                    pick(
                        format!(
                            "thẻ \"{tag}\" nằm trong {w_vi}, nơi soket (và docxtpl) không điền: thẻ được giữ nguyên trong tệp kết quả"
                        ),
                        format!(
                            "tag \"{tag}\" is in {w_en}, which soket (like docxtpl) does not fill: the tag is left as is in the output"
                        ),
                    )
                }
                _ => {
                    let (w_vi, w_en) = match place {
                        Unfilled::Comments => ("chú thích (comment)", "comments"),
                        Unfilled::Charts => ("biểu đồ", "charts"),
                        Unfilled::SmartArt => ("sơ đồ SmartArt", "SmartArt"),
                        _ => ("phần này", "this part"),
                    };
                    pick(
                        format!(
                            "thẻ \"{tag}\" nằm ở {w_vi} của tệp Word, nơi soket (và docxtpl) không điền: thẻ được giữ nguyên trong tệp kết quả"
                        ),
                        format!(
                            "tag \"{tag}\" is in the Word file's {w_en}, which soket (like docxtpl) does not fill: the tag is left as is in the output"
                        ),
                    )
                }
            },
            WordKind::NotClosed { shown, close } => pick(
                format!("thẻ \"{shown}\" không có \"{close}\" để đóng"),
                format!("tag \"{shown}\" is not closed with \"{close}\""),
            ),
            WordKind::DoubledBraces { tag, usual } => pick(
                format!(
                    "thẻ \"{tag}\" có hai dấu ngoặc; soket điền như docxtpl, như thể viết \"{usual}\" (cách viết thông thường)"
                ),
                format!(
                    "tag \"{tag}\" has doubled braces; soket fills it as docxtpl does, as if written \"{usual}\" (the usual form)"
                ),
            ),
            WordKind::NotInside { tag, element } => {
                let (e_vi, e_en) = match element {
                    Element::Paragraph => ("đoạn văn", "paragraph"),
                    Element::TableRow => ("hàng bảng", "table row"),
                    Element::TableCell => ("ô bảng", "table cell"),
                    Element::Run => ("đoạn chữ (run)", "run"),
                };
                pick(
                    format!("thẻ \"{tag}\" không nằm trong {e_vi} nào"),
                    format!("tag \"{tag}\" is not inside a {e_en}"),
                )
            }
            WordKind::OnlyInCell { tag } => pick(
                format!("thẻ \"{tag}\" chỉ dùng được trong ô bảng"),
                format!("tag \"{tag}\" only works inside a table cell"),
            ),
            WordKind::TooLarge { mib } => pick(
                format!(
                    "văn bản tạo ra quá lớn (trên {mib} MiB): hãy xem lại các vòng lặp trong mẫu"
                ),
                format!(
                    "the rendered document is too large (over {mib} MiB): check the template's loops"
                ),
            ),
            WordKind::NoEndTag { tag, end } => pick(
                format!("thẻ \"{tag}\" không có thẻ đóng {{% {end} %}}"),
                format!("tag \"{tag}\" has no closing {{% {end} %}}"),
            ),
            WordKind::RunsTooLong => pick(
                "mẫu chạy quá lâu (có vòng lặp không dừng?)".into(),
                "the template runs too long (a loop that never ends?)".into(),
            ),
            WordKind::Error { detail } => pick(
                format!("lỗi trong mẫu: {detail}"),
                format!("template error: {detail}"),
            ),
            WordKind::FilterUntagged { engine, error } => pick(
                format!("lỗi trong mẫu: {engine}: {}", error.render(true)),
                format!("template error: {engine}: {}", error.render(false)),
            ),
            WordKind::MergeOutsideLoop { tag } => pick(
                format!(
                    "thẻ \"{tag}\" phải nằm trong một vòng lặp ({{%tr for %}} hoặc {{%tc for %}})"
                ),
                format!("tag \"{tag}\" must be inside a loop ({{%tr for %}} or {{%tc for %}})"),
            ),
            WordKind::LoopOutsideFor => pick(
                "\"loop\" chỉ có bên trong một vòng lặp {% for %}".into(),
                "\"loop\" exists only inside a {% for %} loop".into(),
            ),
            WordKind::UnknownName { name, nearest } => {
                let (h_vi, h_en) = crate::suggest::hint(nearest.as_deref());
                pick(
                    format!("không có tên \"{name}\"{h_vi}"),
                    format!("unknown name \"{name}\"{h_en}"),
                )
            }
            WordKind::UnknownFilter { name, nearest } => {
                let (h_vi, h_en) = crate::suggest::hint(nearest.as_deref());
                pick(
                    format!("không có bộ lọc \"{name}\"{h_vi}"),
                    format!("unknown filter \"{name}\"{h_en}"),
                )
            }
            WordKind::Syntax { tag, detail } => pick(
                format!("lỗi cú pháp ở thẻ \"{tag}\": {detail}"),
                format!("syntax error in tag \"{tag}\": {detail}"),
            ),
            WordKind::Fill { tag, detail } => pick(
                format!("lỗi khi điền thẻ \"{tag}\": {detail}"),
                format!("error filling tag \"{tag}\": {detail}"),
            ),
            WordKind::Filter { tag, engine, error } => pick(
                format!(
                    "lỗi khi điền thẻ \"{tag}\": {engine}: {}",
                    error.render(true)
                ),
                format!(
                    "error filling tag \"{tag}\": {engine}: {}",
                    error.render(false)
                ),
            ),
            WordKind::LeftEmpty { inner, more } => {
                let (m_vi, m_en) = if *more > 0 {
                    (
                        format!(" (và {more} chỗ khác)"),
                        format!(" (and {more} other places)"),
                    )
                } else {
                    (String::new(), String::new())
                };
                pick(
                    format!(
                        "{}: điền rỗng như docxtpl (--lenient){m_vi}",
                        inner.render(true)
                    ),
                    format!(
                        "{}: left empty as docxtpl does (--lenient){m_en}",
                        inner.render(false)
                    ),
                )
            }
        }
    }

    pub(super) fn code(&self) -> &'static str {
        match self {
            WordKind::CannotOpen { .. } => "word_khong_mo_duoc",
            WordKind::Damaged { .. } => "word_hong",
            WordKind::Part { .. } => "phan_mau_word_hong",
            WordKind::BrokenXml { .. } => "word_xml_hong",
            WordKind::FilledNotXml { .. } => "ket_qua_khong_phai_xml",
            WordKind::CannotWrite { .. } => "khong_ghi_duoc_word",
            WordKind::NotFilled { .. } => "the_khong_duoc_dien",
            WordKind::NotClosed { .. } => "the_khong_dong",
            WordKind::DoubledBraces { .. } => "the_hai_ngoac",
            WordKind::NotInside { .. } => "the_khong_nam_trong",
            WordKind::OnlyInCell { .. } => "the_chi_trong_o",
            WordKind::TooLarge { .. } => "van_ban_qua_lon",
            WordKind::NoEndTag { .. } => "the_khong_co_the_dong",
            WordKind::RunsTooLong => "mau_chay_qua_lau",
            WordKind::Error { .. } | WordKind::FilterUntagged { .. } => "loi_trong_mau",
            WordKind::MergeOutsideLoop { .. } => "the_gop_ngoai_vong_lap",
            WordKind::LoopOutsideFor => "loop_ngoai_for",
            WordKind::UnknownName { .. } => "ten_khong_co_word",
            WordKind::UnknownFilter { .. } => "bo_loc_khong_co",
            WordKind::Syntax { .. } => "loi_cu_phap_the",
            WordKind::Fill { .. } | WordKind::Filter { .. } => "loi_dien_the",
            WordKind::LeftEmpty { .. } => "dien_rong",
        }
    }
}
