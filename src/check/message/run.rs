//! Problems of a run as a whole: the folders it is given, writing the
//! outputs, `init`, `render`, `vars`, a roll-up of several reviews.

use serde::{Deserialize, Serialize};

/// Who holds an output folder's lock.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LockHolder {
    /// Another run: its process and start time.
    Run { pid: String, at: String },
    /// The lock could not be made; the operating system's words.
    Io { error: String },
}

impl LockHolder {
    fn render(&self, vi: bool) -> String {
        match (self, vi) {
            (LockHolder::Run { pid, at }, true) => format!("tiến trình {pid}, bắt đầu lúc {at}"),
            (LockHolder::Run { pid, at }, false) => format!("process {pid}, started at {at}"),
            (LockHolder::Io { error }, true) => format!("không tạo được khóa: {error}"),
            (LockHolder::Io { error }, false) => format!("cannot create the lock: {error}"),
        }
    }
}

/// How a child's catalog differs from the first child's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CatalogDiff {
    /// Another number of indicators.
    Count { child: usize, first: usize },
    /// Another code at a place.
    CodeAt { code: String, was: String },
    /// Another aggregate kind or unit for one code.
    Differs { code: String },
}

impl CatalogDiff {
    fn render(&self, vi: bool) -> String {
        match (self, vi) {
            (CatalogDiff::Count { child, first }, true) => {
                format!("{child} so với {first} chỉ tiêu")
            }
            (CatalogDiff::Count { child, first }, false) => {
                format!("{child} versus {first} indicators")
            }
            (CatalogDiff::CodeAt { code, was }, true) => format!("mã {code} ở chỗ của {was}"),
            (CatalogDiff::CodeAt { code, was }, false) => format!("code {code} where {was} was"),
            (CatalogDiff::Differs { code }, true) => {
                format!("chỉ tiêu {code}: cách tổng hợp hoặc đơn vị tính khác")
            }
            (CatalogDiff::Differs { code }, false) => {
                format!("indicator {code}: different aggregate kind or unit")
            }
        }
    }
}

/// A problem of the run: folders, outputs, commands, roll-ups.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RunKind {
    /// No file of `so-lieu/` holds a figure.
    NoFigures,
    /// `mau/tong-hop.xlsx` replaces the built-in annex.
    TemplateReplacesAnnex,
    /// An output could not be written: the disk is full.
    DiskFull { error: String },
    /// An output could not be written (the operating system's words).
    CannotWriteOutput { error: String },
    /// An output kept from the earlier run, another failing.
    KeptAsBefore,
    /// An output not written, another failing.
    NotWritten,
    /// A folder given on the command line does not exist.
    FolderNotFound { path: String },
    /// `init --don-vi FILE` names no file.
    UnitListNotFound { path: String },
    /// Neither a review folder nor a folder of reviews.
    NotAReviewFolder { path: String },
    /// The output folder lies inside the review's `input/`.
    OutputInsideInput { path: String, input: String },
    /// Two reviews would write to one folder.
    SameOutput { path: String },
    /// Another run holds the output folder's lock (waited `secs`).
    OutputLocked { holder: LockHolder, secs: u64 },
    /// `vars PATTERN` matches nothing.
    NoNameMatches,
    /// `render -o` names one of its inputs.
    OutputIsInput { path: String },
    /// `render`: the template cannot be read.
    CannotReadTemplate { path: String, error: String },
    /// `render`: the JSON data cannot be read.
    CannotReadJson { path: String, error: String },
    /// `render`: the output cannot be written.
    CannotWrite { path: String, error: String },
    /// `init`: the target exists and is not a folder.
    InitNotAFolder { path: String },
    /// `init`: the folder is not empty.
    InitNotEmpty { path: String },
    /// `init`: a workbook could not be made (the writer's words).
    InitCannotCreate { name: String, error: String },
    /// `init`: the new folder does not load.
    InitCannotReadBack,
    /// `init --don-vi`: not a spreadsheet.
    UnitListNotSpreadsheet,
    /// `init --don-vi`: cannot be read.
    CannotReadUnitList { error: String },
    /// `init --ky`: not a period.
    InitNotAPeriod { text: String },
    /// `init`: a file could not be written.
    InitCannotWrite { what: String, error: String },
    /// `init --tinh`: not one of the 34 provinces; the nearest names.
    UnknownProvince { name: String, near: Vec<String> },
    /// A child review with errors is left out of the roll-up.
    ChildHasErrors { name: String },
    /// Two children's catalogs differ.
    CatalogsDiffer {
        child: String,
        first: String,
        diff: CatalogDiff,
    },
    /// The parent folder has no `tong-hop.toml`.
    NoRollupSettings { parent: String },
    /// A child's incomplete figure is left out of the roll-up.
    ChildIncomplete {
        child: String,
        code: String,
        year: i32,
        reported: usize,
    },
}

impl RunKind {
    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            RunKind::NoFigures => pick(
                "chưa có số liệu nào: không tệp nào trong so-lieu/ có số (gửi các biểu trong bieu-nhap/ cho các đơn vị, chép các tệp nhận về vào so-lieu/)".into(),
                "no figures at all: no file in so-lieu/ holds a figure (send the workbooks in bieu-nhap/ to the units, copy the files they return into so-lieu/)".into(),
            ),
            RunKind::TemplateReplacesAnnex => pick(
                "mẫu trùng tên với phụ lục có sẵn tong-hop.xlsx: tong-hop.xlsx được điền từ mẫu này, phụ lục có sẵn không được ghi (đổi tên mẫu nếu cần cả hai)".into(),
                "the template has the name of the built-in annex tong-hop.xlsx: tong-hop.xlsx is filled from this template and the built-in annex is not written (rename the template to get both)".into(),
            ),
            RunKind::DiskFull { error } => pick(
                format!("không ghi được tệp kết quả: ổ đĩa đầy ({error})"),
                format!("could not write the output file: the disk is full ({error})"),
            ),
            RunKind::CannotWriteOutput { error } => pick(
                format!("không ghi được tệp kết quả: {error}"),
                format!("could not write the output file: {error}"),
            ),
            RunKind::KeptAsBefore => pick(
                "tệp kết quả này được giữ nguyên như lần chạy trước vì một tệp kết quả khác không ghi được".into(),
                "this output was left as it was because another output could not be written".into(),
            ),
            RunKind::NotWritten => pick(
                "tệp kết quả này không được ghi vì một tệp kết quả khác không ghi được".into(),
                "this output was not written because another output could not be written".into(),
            ),
            RunKind::FolderNotFound { path } => pick(
                format!("không tìm thấy thư mục \"{path}\""),
                format!("folder \"{path}\" not found"),
            ),
            RunKind::UnitListNotFound { path } => pick(
                format!("không tìm thấy tệp danh sách đơn vị \"{path}\""),
                format!("unit list \"{path}\" not found"),
            ),
            RunKind::NotAReviewFolder { path } => pick(
                format!("\"{path}\" không phải thư mục báo cáo (thiếu soket.toml) và không chứa thư mục báo cáo nào"),
                format!("\"{path}\" is not a review folder (no soket.toml) and holds none"),
            ),
            RunKind::OutputInsideInput { path, input } => pick(
                format!("thư mục kết quả \"{path}\" nằm trong {input}/ của báo cáo: lần chạy sau sẽ đọc kết quả như đầu vào; hãy chọn thư mục khác"),
                format!("the output folder \"{path}\" lies inside the review's {input}/: the next build would read the outputs as inputs; choose another folder"),
            ),
            RunKind::SameOutput { path } => pick(
                format!("hai báo cáo cùng ghi vào \"{path}\": hãy đổi tên thư mục"),
                format!("two reviews would write to \"{path}\": rename a folder"),
            ),
            RunKind::OutputLocked { holder, secs } => pick(
                format!("một lần chạy khác đang ghi vào thư mục kết quả này ({}); đã chờ {secs} giây: hãy chờ lần chạy đó xong rồi chạy lại", holder.render(true)),
                format!("another run is writing to this output folder ({}); waited {secs} s: let it finish, then run again", holder.render(false)),
            ),
            RunKind::NoNameMatches => pick(
                "không có tên nào khớp; mẫu là một mã (GD01), một phần tên (ty_le), hoặc có * (\"ct.*.ty_le\") và ** (\"ct.GD01.**.gia_tri\")".into(),
                "no name matches; a pattern is a code (GD01), part of a name (ty_le), or has * (\"ct.*.ty_le\") and ** (\"ct.GD01.**.gia_tri\")".into(),
            ),
            RunKind::OutputIsInput { path } => pick(
                format!("-o {path} là chính tệp đầu vào: hãy ghi kết quả ra tệp khác"),
                format!("-o {path} is an input file itself: write the output to another file"),
            ),
            RunKind::CannotReadTemplate { path, error } => pick(
                format!("không đọc được mẫu {path}: {error}"),
                format!("cannot read the template {path}: {error}"),
            ),
            RunKind::CannotReadJson { path, error } => pick(
                format!("không đọc được dữ liệu JSON {path}: {error}"),
                format!("cannot read the JSON data {path}: {error}"),
            ),
            RunKind::CannotWrite { path, error } => pick(
                format!("không ghi được {path}: {error}"),
                format!("cannot write {path}: {error}"),
            ),
            RunKind::InitNotAFolder { path } => pick(
                format!("\"{path}\" đã có và không phải là thư mục: hãy chọn tên khác"),
                format!("\"{path}\" exists and is not a folder: choose another name"),
            ),
            RunKind::InitNotEmpty { path } => pick(
                format!("thư mục \"{path}\" đã có tệp: soket init chỉ tạo thư mục mới hoặc điền vào thư mục trống, để không ghi đè báo cáo đang làm"),
                format!("folder \"{path}\" is not empty: soket init only fills a new or empty folder, so as never to overwrite a review"),
            ),
            RunKind::InitCannotCreate { name, error } => pick(
                format!("không tạo được {name}: {error}"),
                format!("could not create {name}: {error}"),
            ),
            RunKind::InitCannotReadBack => pick(
                "thư mục mới tạo không đọc lại được".into(),
                "the new folder cannot be read back".into(),
            ),
            RunKind::UnitListNotSpreadsheet => pick(
                "danh sách đơn vị phải là bảng tính (xlsx, xlsm, xlsb, xls, ods, csv)".into(),
                "the unit list must be a spreadsheet (xlsx, xlsm, xlsb, xls, ods, csv)".into(),
            ),
            RunKind::CannotReadUnitList { error } => pick(
                format!("không đọc được danh sách đơn vị: {error}"),
                format!("cannot read the unit list: {error}"),
            ),
            RunKind::InitNotAPeriod { text } => pick(
                format!("--ky \"{text}\" không phải một kỳ báo cáo (ví dụ \"9 tháng 2026\", \"Quý III/2026\", \"Tháng 10/2026\", \"2026\")"),
                format!("--ky \"{text}\" is not a reporting period (e.g. \"9 tháng 2026\", \"Quý III/2026\", \"Tháng 10/2026\", \"2026\")"),
            ),
            RunKind::InitCannotWrite { what, error } => pick(
                format!("không ghi được \"{what}\": {error}"),
                format!("could not write \"{what}\": {error}"),
            ),
            RunKind::UnknownProvince { name, near } => {
                let near = near.join(", ");
                pick(
                    format!("\"{name}\" không có trong danh sách 34 tỉnh, thành phố từ ngày 01/7/2025 (gần nhất: {near})"),
                    format!("\"{name}\" is not one of the 34 provinces and cities since 1 July 2025 (nearest: {near})"),
                )
            }
            RunKind::ChildHasErrors { name } => pick(
                format!("\"{name}\" có lỗi nên không đưa được vào tổng hợp cấp trên"),
                format!("\"{name}\" has errors and cannot be rolled up"),
            ),
            RunKind::CatalogsDiffer { child, first, diff } => pick(
                format!("danh mục chỉ tiêu của \"{child}\" khác \"{first}\" ({}): không tổng hợp được cấp trên", diff.render(true)),
                format!("the catalog of \"{child}\" differs from \"{first}\" ({}): no roll-up", diff.render(false)),
            ),
            RunKind::NoRollupSettings { parent } => pick(
                format!("thư mục \"{parent}\" chưa có tong-hop.toml: cơ quan ban hành, số ký hiệu, địa danh, tiêu đề và người ký của báo cáo tổng hợp để trống (…); hãy tạo tong-hop.toml trong thư mục này (các khóa như soket.toml)"),
                format!("the folder \"{parent}\" has no tong-hop.toml: the roll-up report's issuing body, number, place, title and signer are left blank (…); create tong-hop.toml in that folder (the keys of soket.toml)"),
            ),
            RunKind::ChildIncomplete { child, code, year, reported } => pick(
                format!("{child}: chỉ tiêu {code} năm {year} chưa đủ số liệu ({reported} đơn vị báo cáo), không đưa vào tổng hợp"),
                format!("{child}: indicator {code} in {year} is incomplete ({reported} units reported) and is left out of the roll-up"),
            ),
        }
    }

    pub(super) fn code(&self) -> &'static str {
        match self {
            RunKind::NoFigures => "chua_co_so_lieu",
            RunKind::TemplateReplacesAnnex => "mau_thay_phu_luc",
            RunKind::DiskFull { .. } => "o_dia_day",
            RunKind::CannotWriteOutput { .. } => "khong_ghi_duoc_ket_qua",
            RunKind::KeptAsBefore => "giu_nguyen_lan_truoc",
            RunKind::NotWritten => "khong_duoc_ghi",
            RunKind::FolderNotFound { .. } => "khong_co_thu_muc",
            RunKind::UnitListNotFound { .. } => "khong_co_tep_don_vi",
            RunKind::NotAReviewFolder { .. } => "khong_phai_thu_muc_bao_cao",
            RunKind::OutputInsideInput { .. } => "ket_qua_trong_dau_vao",
            RunKind::SameOutput { .. } => "trung_thu_muc_ket_qua",
            RunKind::OutputLocked { .. } => "thu_muc_ket_qua_dang_khoa",
            RunKind::NoNameMatches => "khong_ten_nao_khop",
            RunKind::OutputIsInput { .. } => "ket_qua_la_dau_vao",
            RunKind::CannotReadTemplate { .. } => "khong_doc_duoc_mau",
            RunKind::CannotReadJson { .. } => "khong_doc_duoc_json",
            RunKind::CannotWrite { .. } => "khong_ghi_duoc",
            RunKind::InitNotAFolder { .. } => "init_khong_phai_thu_muc",
            RunKind::InitNotEmpty { .. } => "init_thu_muc_co_tep",
            RunKind::InitCannotCreate { .. } => "init_khong_tao_duoc",
            RunKind::InitCannotReadBack => "init_khong_doc_lai_duoc",
            RunKind::UnitListNotSpreadsheet => "don_vi_khong_phai_bang_tinh",
            RunKind::CannotReadUnitList { .. } => "khong_doc_duoc_don_vi",
            RunKind::InitNotAPeriod { .. } => "init_ky_sai",
            RunKind::InitCannotWrite { .. } => "init_khong_ghi_duoc",
            RunKind::UnknownProvince { .. } => "tinh_khong_co",
            RunKind::ChildHasErrors { .. } => "cap_duoi_co_loi",
            RunKind::CatalogsDiffer { .. } => "danh_muc_khac_nhau",
            RunKind::NoRollupSettings { .. } => "thieu_tong_hop_toml",
            RunKind::ChildIncomplete { .. } => "cap_duoi_chua_du",
        }
    }
}
