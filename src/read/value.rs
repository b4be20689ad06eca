//! One value cell of a ward sheet: what it holds for its indicator (a
//! number, a fraction, Đạt/Chưa đạt, a placeholder) or why it cannot be read.

use super::CellValue;
use crate::review::{Aggregate, Indicator};
use crate::vn::CellText;
use crate::workbook::grid::Raw;
use rust_decimal::Decimal;

/// The outcome of one value cell.
pub(super) enum Parsed {
    Missing,
    /// A value, with an optional warning (vi, en).
    Value(CellValue, Option<(String, String)>),
    /// "-", "N/A": no data, worth a warning.
    Placeholder(String),
    /// (vi, en).
    Error(String, String),
}

use crate::vn::number::decimal_of;

fn kind_hint(ind: &Indicator) -> (&'static str, &'static str) {
    match ind.tong_hop {
        Aggregate::TyLe(None) => (
            "cần ghi dạng tử/mẫu, ví dụ 26/27",
            "write it as numerator/denominator, e.g. 26/27",
        ),
        Aggregate::SoDonViDat => (
            "cần ghi Đạt/Chưa đạt (hoặc Có/Không, hoặc một con số)",
            "write Đạt/Chưa đạt (or Có/Không, or a number)",
        ),
        _ => ("cần một con số", "a number is expected"),
    }
}

pub(super) fn parse_value(ind: &Indicator, raw: &Raw) -> Parsed {
    let (need_vi, need_en) = kind_hint(ind);
    let ratio = matches!(ind.tong_hop, Aggregate::TyLe(None));
    let yes_no = matches!(ind.tong_hop, Aggregate::SoDonViDat);
    // `shown` (the number as written) is only needed in messages.
    let number = |so: Decimal, percent_written: bool, shown: &dyn Fn() -> String| -> Parsed {
        if ratio {
            let shown = shown();
            return Parsed::Error(
                format!(
                    "ô có số {shown} nhưng chỉ tiêu {} là tỷ lệ: {need_vi}",
                    ind.ma
                ),
                format!(
                    "the cell holds the number {shown} but {} is a ratio: {need_en}",
                    ind.ma
                ),
            );
        }
        if percent_written && !ind.is_percent() {
            let shown = shown();
            return Parsed::Error(
                format!(
                    "ô ghi phần trăm ({shown}) nhưng chỉ tiêu {} tính bằng \"{}\"",
                    ind.ma, ind.dvt
                ),
                format!(
                    "the cell is a percentage ({shown}) but {} is measured in \"{}\"",
                    ind.ma, ind.dvt
                ),
            );
        }
        match crate::review::plausible::check_number(ind, so, &shown()) {
            Some((vi, en)) => Parsed::Error(vi, en),
            None => Parsed::Value(CellValue::Number { so: so.normalize() }, None),
        }
    };
    match raw {
        Raw::Empty => Parsed::Missing,
        Raw::Error(e) => Parsed::Error(
            format!("ô có lỗi công thức {e}: {need_vi}"),
            format!("the cell holds the error {e}: {need_en}"),
        ),
        Raw::Uncalculated(f) => {
            let shown = if f.is_empty() {
                String::new()
            } else {
                format!(" (={f})")
            };
            Parsed::Error(
                format!(
                    "ô có công thức{shown} nhưng tệp không lưu kết quả đã tính (tệp được tạo bằng chương trình không tính công thức): hãy mở tệp bằng Excel, lưu lại rồi gửi lại"
                ),
                format!(
                    "the cell holds a formula{shown} but the file has no saved result for it (written by a program that does not calculate): open the file in Excel, save it and send it again"
                ),
            )
        }
        Raw::Date(d) => Parsed::Error(
            format!("ô có ngày tháng ({d}) nhưng {need_vi}; có thể ô bị định dạng kiểu ngày"),
            format!(
                "the cell holds a date ({d}) but {need_en}; the cell may be formatted as a date"
            ),
        ),
        Raw::Bool(b) if yes_no => Parsed::Value(CellValue::YesNo { dat: *b }, None),
        Raw::Bool(b) => Parsed::Error(
            format!(
                "ô có giá trị đúng/sai ({}) nhưng {need_vi}",
                if *b { "TRUE" } else { "FALSE" }
            ),
            format!(
                "the cell holds a true/false value ({}) but {need_en}",
                if *b { "TRUE" } else { "FALSE" }
            ),
        ),
        Raw::Number { value, percent } => {
            let Some(d) = decimal_of(*value) else {
                return Parsed::Error(
                    format!("ô có số không hợp lệ: {need_vi}"),
                    format!("invalid number: {need_en}"),
                );
            };
            if *percent {
                let pct = (d * Decimal::ONE_HUNDRED).normalize();
                return number(pct, true, &|| format!("{pct}%"));
            }
            number(d, false, &|| d.to_string())
        }
        Raw::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Parsed::Missing;
            }
            if crate::vn::is_placeholder(t) {
                return Parsed::Placeholder(t.to_string());
            }
            match crate::vn::parse_cell_text(t) {
                Ok(None) => Parsed::Missing,
                Err(why) => {
                    // The vn parser explains number-like mistakes ("12 tỷ",
                    // "1,234.5"); plain words need no explanation.
                    let (why_vi, why_en) = match why.kind {
                        crate::vn::CellTextErrorKind::NotAValue => (String::new(), String::new()),
                        _ => (format!(": {}", why.vi), format!(": {}", why.en)),
                    };
                    Parsed::Error(
                        format!("ô có chữ \"{t}\" nhưng {need_vi}{why_vi}"),
                        format!("the cell has the text \"{t}\" but {need_en}{why_en}"),
                    )
                }
                Ok(Some(CellText::Number { value, percent })) => {
                    number(value, percent, &|| t.to_string())
                }
                Ok(Some(CellText::Fraction { tu, mau })) if ratio => {
                    if mau <= Decimal::ZERO {
                        return Parsed::Error(
                            format!("ô ghi \"{t}\": mẫu số phải lớn hơn 0"),
                            format!("the cell says \"{t}\": the denominator must be above 0"),
                        );
                    }
                    if let Some((vi, en)) =
                        crate::review::plausible::check_fraction(ind, tu, mau, t)
                    {
                        return Parsed::Error(vi, en);
                    }
                    let warn = {
                        (tu > mau).then(|| {
                            (
                                format!("tử số lớn hơn mẫu số ({t}): hãy kiểm tra lại"),
                                format!(
                                    "the numerator exceeds the denominator ({t}): please check"
                                ),
                            )
                        })
                    };
                    Parsed::Value(CellValue::Fraction { tu, mau }, warn)
                }
                Ok(Some(CellText::Fraction { .. })) => Parsed::Error(
                    format!("ô ghi phân số \"{t}\" nhưng chỉ tiêu {} {need_vi}", ind.ma),
                    format!(
                        "the cell holds the fraction \"{t}\" but for {} {need_en}",
                        ind.ma
                    ),
                ),
                Ok(Some(CellText::YesNo(dat))) if yes_no => {
                    Parsed::Value(CellValue::YesNo { dat }, None)
                }
                Ok(Some(CellText::YesNo(_))) => Parsed::Error(
                    format!("ô có chữ \"{t}\" nhưng {need_vi}"),
                    format!("the cell has the text \"{t}\" but {need_en}"),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn households() -> Indicator {
        Indicator {
            ma: "KT04".into(),
            ten: "Số hộ nghèo".into(),
            nhom: "Kinh tế".into(),
            dvt: "hộ".into(),
            tong_hop: Aggregate::Tong,
            muc_tieu: String::new(),
            target: None,
            so_le: None,
            gioi_han: None,
            ke_hoach: None,
            row: 2,
        }
    }

    #[test]
    fn a_number_like_mistake_is_explained_in_both_languages_and_plain_words_in_neither() {
        let cases = [
            (
                "12 tỷ",
                "ô có chữ \"12 tỷ\" nhưng cần một con số: \"12 tỷ\" có chữ \"tỷ\" sau con số: hãy chỉ ghi con số (12); đơn vị tính đã có trong danh mục chỉ tiêu, và một đơn vị như \"tỷ\" hay \"triệu\" ghi trong ô có thể làm số liệu lệch hàng nghìn lần",
                "the cell has the text \"12 tỷ\" but a number is expected: \"12 tỷ\" has the word \"tỷ\" after the number: write the number only (12); the unit is in the catalog, and a unit such as \"tỷ\" or \"triệu\" in the cell can put the figure off by a factor of thousands",
            ),
            (
                "1,234.5",
                "ô có chữ \"1,234.5\" nhưng cần một con số: \"1,234.5\" viết theo kiểu tiếng Anh: số liệu phải viết kiểu Việt Nam, dấu \".\" phân cách hàng nghìn và dấu \",\" là dấu thập phân — hãy ghi 1.234,5",
                "the cell has the text \"1,234.5\" but a number is expected: \"1,234.5\" is written the English way: figures are written the Vietnamese way, \".\" grouping thousands and \",\" as the decimal mark — write 1.234,5",
            ),
            (
                "mười hai",
                "ô có chữ \"mười hai\" nhưng cần một con số",
                "the cell has the text \"mười hai\" but a number is expected",
            ),
        ];
        for (text, vi, en) in cases {
            match parse_value(&households(), &Raw::Text(text.into())) {
                Parsed::Error(v, e) => assert_eq!((v.as_str(), e.as_str()), (vi, en), "{text}"),
                _ => panic!("{text}: not an error"),
            }
        }
    }

    #[test]
    fn decimals_round_trip() {
        assert_eq!(decimal_of(0.1).unwrap().to_string(), "0.1");
        assert_eq!(decimal_of(12993.0).unwrap().to_string(), "12993");
        assert_eq!(
            (decimal_of(0.962).unwrap() * Decimal::ONE_HUNDRED)
                .normalize()
                .to_string(),
            "96.2"
        );
    }
}
