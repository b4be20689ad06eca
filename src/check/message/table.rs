//! Problems of the catalog (`chi-tieu`) and the unit list (`don-vi`).

use serde::{Deserialize, Serialize};

/// Which of the review's two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Table {
    /// `chi-tieu`: the indicator catalog.
    Catalog,
    /// `don-vi`: the unit list.
    Units,
}

impl Table {
    fn name(self, vi: bool) -> &'static str {
        match (self, vi) {
            (Table::Catalog, true) => "danh mục chỉ tiêu",
            (Table::Catalog, false) => "indicator catalog",
            (Table::Units, true) => "danh sách đơn vị",
            (Table::Units, false) => "unit list",
        }
    }
    fn stem(self) -> &'static str {
        match self {
            Table::Catalog => "chi-tieu",
            Table::Units => "don-vi",
        }
    }
}

/// Why a target (`Mục tiêu`) cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TargetError {
    /// An operator with no number after it.
    NoNumber { op: String },
    /// A fraction after an operator (`>= 8/8`).
    FractionWithOperator,
    /// A fraction whose denominator is 0 or less.
    ZeroDenominator,
    /// Anything else, as written.
    Unreadable { text: String },
}

impl TargetError {
    fn render(&self, vi: bool) -> String {
        match (self, vi) {
            (TargetError::NoNumber { op }, true) => format!("thiếu con số sau \"{op}\""),
            (TargetError::NoNumber { op }, false) => format!("no number after \"{op}\""),
            (TargetError::FractionWithOperator, true) => {
                "mục tiêu dạng phân số phải viết trần, ví dụ 8/8".into()
            }
            (TargetError::FractionWithOperator, false) => {
                "a fraction target is written bare, e.g. 8/8".into()
            }
            (TargetError::ZeroDenominator, true) => "mẫu số của mục tiêu phải lớn hơn 0".into(),
            (TargetError::ZeroDenominator, false) => {
                "the target's denominator must be over 0".into()
            }
            (TargetError::Unreadable { text }, true) => {
                format!("không hiểu mục tiêu \"{text}\" (ví dụ đúng: >= 95%, = 0, <= 2, 8/8)")
            }
            (TargetError::Unreadable { text }, false) => format!(
                "cannot read the target \"{text}\" (correct examples: >= 95%, = 0, <= 2, 8/8)"
            ),
        }
    }
}

impl std::fmt::Display for TargetError {
    /// The Vietnamese words (a catalog's cell is read by a Vietnamese clerk).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(true))
    }
}

/// Why a range (`Giới hạn`) cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RangeError {
    /// Not `a..b`, or an end that is not a number.
    Unreadable { text: String },
    /// The first number is above the last.
    Backwards { text: String },
}

impl RangeError {
    fn render(&self, vi: bool) -> String {
        match (self, vi) {
            (RangeError::Unreadable { text }, true) => {
                format!("không hiểu giới hạn \"{text}\" (ví dụ đúng: 0..100, 0.., -100..1000)")
            }
            (RangeError::Unreadable { text }, false) => {
                format!("cannot read the range \"{text}\" (e.g. 0..100, 0.., -100..1000)")
            }
            (RangeError::Backwards { text }, true) => {
                format!("giới hạn \"{text}\": số đầu lớn hơn số cuối")
            }
            (RangeError::Backwards { text }, false) => {
                format!("the range \"{text}\": the first number is above the last")
            }
        }
    }
}

impl std::fmt::Display for RangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(true))
    }
}

/// A problem of the catalog or the unit list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TableKind {
    /// No `chi-tieu.*` / `don-vi.*` in the review folder.
    Missing { table: Table },
    /// Several files of the table; `using` is the one read.
    SeveralTables {
        table: Table,
        names: Vec<String>,
        using: String,
    },
    /// No header row with a "Mã" column.
    NoHeader { table: Table },
    /// A column the table cannot do without (`Tên chỉ tiêu`, `Tổng hợp`
    /// of the catalog, `Tên` of the unit list).
    NoColumn { table: Table, column: Column },
    /// No row at all.
    Empty { table: Table },
    /// Control characters removed from a cell (as cleaned).
    ControlCharacters { cleaned: String },
    /// A name typed with a legacy font, and what it was meant to say.
    LegacyFont {
        text: String,
        font: String,
        meant: String,
    },
    /// A catalog row with a name and an aggregate but no code.
    NoCode { name: String },
    /// A code templates cannot use, and a usable one.
    BadCode { code: String, suggested: String },
    /// An indicator code on two rows (1-based row of the first).
    CodeTwice { code: String, first: usize },
    /// No aggregate kind.
    NoAggregate { code: String },
    /// An aggregate kind not understood, and the nearest known one.
    UnknownAggregate {
        code: String,
        text: String,
        nearest: Option<String>,
    },
    /// A target that cannot be read.
    BadTarget { code: String, error: TargetError },
    /// `Số lẻ` not a whole number 0 to 6.
    BadDecimals { code: String, text: String },
    /// A range (`Giới hạn`) that cannot be read.
    BadRange { code: String, error: RangeError },
    /// The year's plan (`Kế hoạch năm`) is not a number; `text` as
    /// written (`None` for a cell that holds no usable number at all).
    BadPlan { code: String, text: Option<String> },
    /// `ty_le:A/B` or a weight naming a code not in the catalog.
    UnknownReference {
        code: String,
        aggregate: String,
        missing: String,
        nearest: Option<String>,
    },
    /// A unit count's target `tu/mau` for a list of `units` units.
    FractionTargetUnits {
        code: String,
        tu: String,
        mau: String,
        units: usize,
    },
    /// A unit row still holding `soket init`'s placeholder.
    UnitPlaceholder { text: String },
    /// A unit row without a code or a name.
    UnitIncomplete,
    /// A unit code on two rows.
    UnitCodeTwice { code: String, first: usize },
    /// A unit name on two rows.
    UnitTwice { name: String, first: usize },
    /// A unit with the district's own name.
    UnitIsDistrict { name: String },
    /// A unit's extra column (a weight) that is not a number.
    WeightNotNumber {
        header: String,
        unit: String,
        text: String,
    },
}

/// A column a table cannot do without.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    /// The catalog's `Tên chỉ tiêu`.
    IndicatorName,
    /// The catalog's `Tổng hợp`.
    Aggregate,
    /// The unit list's `Tên`.
    UnitName,
}

impl TableKind {
    pub(super) fn render(&self, vi: bool) -> String {
        let pick = |v: String, e: String| if vi { v } else { e };
        let hint = |n: &Option<String>| {
            let (v, e) = crate::suggest::hint(n.as_deref());
            if vi { v } else { e }
        };
        match self {
            TableKind::Missing { table } => {
                let (name, stem) = (table.name(vi), table.stem());
                pick(
                    format!(
                        "thiếu {name}: cần tệp {stem}.xlsx hoặc {stem}.csv trong thư mục báo cáo"
                    ),
                    format!(
                        "missing {name}: expected {stem}.xlsx or {stem}.csv in the review folder"
                    ),
                )
            }
            TableKind::SeveralTables {
                table,
                names,
                using,
            } => {
                let (name, names) = (table.name(vi), names.join(", "));
                pick(
                    format!("có nhiều tệp {name} ({names}); dùng {using}"),
                    format!("several {name} files ({names}); using {using}"),
                )
            }
            TableKind::NoHeader { table } => {
                let name = table.name(vi);
                pick(
                    format!("{name}: không tìm thấy dòng tiêu đề có cột \"Mã\""),
                    format!("{name}: no header row with a \"Mã\" / \"code\" column"),
                )
            }
            TableKind::NoColumn { column, .. } => match column {
                Column::IndicatorName => pick(
                    "danh mục chỉ tiêu thiếu cột \"Tên chỉ tiêu\"".into(),
                    "indicator catalog has no \"name\" column".into(),
                ),
                Column::Aggregate => pick(
                    "danh mục chỉ tiêu thiếu cột \"Tổng hợp\"".into(),
                    "indicator catalog has no \"aggregate\" column".into(),
                ),
                Column::UnitName => pick(
                    "danh sách đơn vị thiếu cột \"Tên\"".into(),
                    "unit list has no \"name\" column".into(),
                ),
            },
            TableKind::Empty { table } => match table {
                Table::Catalog => pick(
                    "danh mục chỉ tiêu không có chỉ tiêu nào".into(),
                    "the indicator catalog is empty".into(),
                ),
                Table::Units => pick(
                    "danh sách đơn vị trống".into(),
                    "the unit list is empty".into(),
                ),
            },
            TableKind::ControlCharacters { cleaned } => pick(
                format!("ô có ký tự điều khiển không in được, đã bỏ đi: \"{cleaned}\""),
                format!("the cell holds control characters, removed: \"{cleaned}\""),
            ),
            TableKind::LegacyFont { text, font, meant } => pick(
                format!(
                    "\"{text}\" gõ bằng phông {font}: có lẽ là \"{meant}\"; hãy gõ lại bằng Unicode (nếu không, báo cáo sẽ in sai chữ)"
                ),
                format!(
                    "\"{text}\" is typed with a {font} font: probably \"{meant}\"; retype it in Unicode (or the report prints it garbled)"
                ),
            ),
            TableKind::NoCode { name } => pick(
                format!("chỉ tiêu \"{name}\" không có mã"),
                format!("indicator \"{name}\" has no code"),
            ),
            TableKind::BadCode { code, suggested } => pick(
                format!(
                    "mã chỉ tiêu \"{code}\" có dấu cách hoặc ký tự không dùng được trong mẫu (dấu chấm, ngoặc vuông, dấu nháy): hãy đặt mã chỉ gồm chữ, số, \"_\" hoặc \"-\", ví dụ \"{suggested}\""
                ),
                format!(
                    "indicator code \"{code}\" contains spaces or characters templates cannot use (dots, brackets, quotes): use letters, digits, \"_\" or \"-\", e.g. \"{suggested}\""
                ),
            ),
            TableKind::CodeTwice { code, first } => pick(
                format!("mã chỉ tiêu \"{code}\" bị trùng (đã có ở dòng {first})"),
                format!("duplicate indicator code \"{code}\" (first on row {first})"),
            ),
            TableKind::NoAggregate { code } => pick(
                format!("chỉ tiêu {code}: thiếu cách tổng hợp (tong, ty_le, so_don_vi_dat …)"),
                format!("indicator {code}: no aggregate kind (tong, ty_le, so_don_vi_dat …)"),
            ),
            TableKind::UnknownAggregate {
                code,
                text,
                nearest,
            } => pick(
                format!(
                    "chỉ tiêu {code}: không hiểu cách tổng hợp \"{text}\"{}",
                    hint(nearest)
                ),
                format!(
                    "indicator {code}: unknown aggregate kind \"{text}\"{}",
                    hint(nearest)
                ),
            ),
            TableKind::BadTarget { code, error } => pick(
                format!("chỉ tiêu {code}: {}", error.render(true)),
                format!("indicator {code}: {}", error.render(false)),
            ),
            TableKind::BadDecimals { code, text } => pick(
                format!(
                    "chỉ tiêu {code}: \"Số lẻ\" phải là số nguyên từ 0 đến 6, không phải \"{text}\""
                ),
                format!("indicator {code}: decimals must be a whole number 0 to 6, not \"{text}\""),
            ),
            TableKind::BadRange { code, error } => pick(
                format!("chỉ tiêu {code}: {}", error.render(true)),
                format!("indicator {code}: {}", error.render(false)),
            ),
            TableKind::BadPlan { code, text: None } => pick(
                format!("chỉ tiêu {code}: kế hoạch năm không phải số"),
                format!("indicator {code}: the year's plan is not a number"),
            ),
            TableKind::BadPlan {
                code,
                text: Some(text),
            } => pick(
                format!("chỉ tiêu {code}: kế hoạch năm phải là một con số, không phải \"{text}\""),
                format!("indicator {code}: the year's plan must be a number, not \"{text}\""),
            ),
            TableKind::UnknownReference {
                code,
                aggregate,
                missing,
                nearest,
            } => pick(
                format!(
                    "chỉ tiêu {code}: \"{aggregate}\" nhắc tới mã \"{missing}\" không có trong danh mục{}",
                    hint(nearest)
                ),
                format!(
                    "indicator {code}: \"{aggregate}\" names code \"{missing}\" that is not in the catalog{}",
                    hint(nearest)
                ),
            ),
            TableKind::FractionTargetUnits {
                code,
                tu,
                mau,
                units,
            } => pick(
                format!(
                    "chỉ tiêu {code}: mục tiêu {tu}/{mau} có mẫu số {mau} nhưng danh sách đơn vị (don-vi) có {units} đơn vị: hãy sửa mục tiêu (ví dụ {units}/{units}) hoặc danh sách đơn vị"
                ),
                format!(
                    "indicator {code}: the target {tu}/{mau} speaks of {mau} units but the unit list (don-vi) has {units}: correct the target (e.g. {units}/{units}) or the unit list"
                ),
            ),
            TableKind::UnitPlaceholder { text } => pick(
                format!(
                    "đơn vị còn chỗ trống \"{text}\": hãy điền mã và tên đơn vị (ví dụ P01, Phường Bưởi), hoặc tạo lại bằng soket init --don-vi"
                ),
                format!(
                    "unit still holds the placeholder \"{text}\": fill in its code and name (e.g. P01, Phường Bưởi), or start again with soket init --don-vi"
                ),
            ),
            TableKind::UnitIncomplete => pick(
                "đơn vị thiếu mã hoặc tên".into(),
                "unit without a code or a name".into(),
            ),
            TableKind::UnitCodeTwice { code, first } => pick(
                format!("mã đơn vị \"{code}\" bị trùng (đã có ở dòng {first})"),
                format!("duplicate unit code \"{code}\" (first on row {first})"),
            ),
            TableKind::UnitTwice { name, first } => pick(
                format!("đơn vị \"{name}\" có hai lần trong danh sách (đã có ở dòng {first})"),
                format!("unit \"{name}\" is listed twice (first on row {first})"),
            ),
            TableKind::UnitIsDistrict { name } => pick(
                format!("\"{name}\" trùng tên với cấp quận (so_lieu.ten_don_vi)"),
                format!("\"{name}\" has the same name as the district (so_lieu.ten_don_vi)"),
            ),
            TableKind::WeightNotNumber { header, unit, text } => pick(
                format!("cột \"{header}\" của {unit}: \"{text}\" không phải là số, bị bỏ qua"),
                format!("column \"{header}\" of {unit}: \"{text}\" is not a number and is ignored"),
            ),
        }
    }

    pub(super) fn code(&self) -> &'static str {
        match self {
            TableKind::Missing { .. } => "thieu_bang",
            TableKind::SeveralTables { .. } => "nhieu_tep_bang",
            TableKind::NoHeader { .. } => "bang_khong_co_tieu_de",
            TableKind::NoColumn { .. } => "bang_thieu_cot",
            TableKind::Empty { .. } => "bang_trong",
            TableKind::ControlCharacters { .. } => "ky_tu_dieu_khien",
            TableKind::LegacyFont { .. } => "phong_cu",
            TableKind::NoCode { .. } => "chi_tieu_khong_co_ma",
            TableKind::BadCode { .. } => "ma_khong_dung_duoc",
            TableKind::CodeTwice { .. } => "ma_chi_tieu_trung",
            TableKind::NoAggregate { .. } => "thieu_cach_tong_hop",
            TableKind::UnknownAggregate { .. } => "cach_tong_hop_khong_ro",
            TableKind::BadTarget { .. } => "muc_tieu_sai",
            TableKind::BadDecimals { .. } => "so_le_sai",
            TableKind::BadRange { .. } => "gioi_han_sai",
            TableKind::BadPlan { .. } => "ke_hoach_sai",
            TableKind::UnknownReference { .. } => "ma_tham_chieu_khong_co",
            TableKind::FractionTargetUnits { .. } => "muc_tieu_khac_so_don_vi",
            TableKind::UnitPlaceholder { .. } => "don_vi_con_cho_trong",
            TableKind::UnitIncomplete => "don_vi_thieu_ma_ten",
            TableKind::UnitCodeTwice { .. } => "ma_don_vi_trung",
            TableKind::UnitTwice { .. } => "don_vi_trung",
            TableKind::UnitIsDistrict { .. } => "don_vi_trung_cap_quan",
            TableKind::WeightNotNumber { .. } => "trong_so_khong_phai_so",
        }
    }
}
