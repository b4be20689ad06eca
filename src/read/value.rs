//! One value cell of a ward sheet: what it holds for its indicator (a
//! number, a fraction, Đạt/Chưa đạt, a placeholder) or why it cannot be read.

use super::CellValue;
use crate::check::{Kind, Need, ValueKind};
use crate::review::{Aggregate, Indicator};
use crate::vn::CellText;
use crate::workbook::grid::Raw;
use rust_decimal::Decimal;

/// The outcome of one value cell.
pub(super) enum Parsed {
    Missing,
    /// A value, with an optional warning.
    Value(CellValue, Option<Kind>),
    /// "-", "N/A": no data, worth a warning.
    Placeholder(String),
    Error(Kind),
}

use crate::vn::number::decimal_of;

fn need(ind: &Indicator) -> Need {
    match ind.tong_hop {
        Aggregate::TyLe(None) => Need::Fraction,
        Aggregate::SoDonViDat => Need::YesNo,
        _ => Need::Number,
    }
}

pub(super) fn parse_value(ind: &Indicator, raw: &Raw) -> Parsed {
    let need = need(ind);
    let error = |k: ValueKind| Parsed::Error(Kind::Value(k));
    let ratio = matches!(ind.tong_hop, Aggregate::TyLe(None));
    let yes_no = matches!(ind.tong_hop, Aggregate::SoDonViDat);
    // `shown` (the number as written) is only needed in messages.
    let number = |so: Decimal, percent_written: bool, shown: &dyn Fn() -> String| -> Parsed {
        if ratio {
            return error(ValueKind::NumberForRatio {
                code: ind.ma.clone(),
                shown: shown(),
            });
        }
        if percent_written && !ind.is_percent() {
            return error(ValueKind::PercentForUnit {
                code: ind.ma.clone(),
                shown: shown(),
                dvt: ind.dvt.clone(),
            });
        }
        match crate::review::plausible::check_number(ind, so, &shown()) {
            Some(why) => error(ValueKind::Implausible(why)),
            None => Parsed::Value(CellValue::Number { so: so.normalize() }, None),
        }
    };
    match raw {
        Raw::Empty => Parsed::Missing,
        Raw::Error(e) => error(ValueKind::FormulaError {
            error: e.to_string(),
            need,
        }),
        Raw::Uncalculated(f) => error(ValueKind::Uncalculated {
            formula: f.to_string(),
        }),
        Raw::Date(d) => error(ValueKind::Date {
            date: d.to_string(),
            need,
        }),
        Raw::Bool(b) if yes_no => Parsed::Value(CellValue::YesNo { dat: *b }, None),
        Raw::Bool(b) => error(ValueKind::Bool { value: *b, need }),
        Raw::Number { value, percent } => {
            let Some(d) = decimal_of(*value) else {
                return error(ValueKind::InvalidNumber { need });
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
                // The vn parser explains number-like mistakes ("12 tỷ",
                // "1,234.5"); plain words need no explanation.
                Err(why) => error(ValueKind::Text {
                    text: t.to_string(),
                    need,
                    why: (!why.is_plain_words()).then_some(why),
                }),
                Ok(Some(CellText::Number { value, percent })) => {
                    number(value, percent, &|| t.to_string())
                }
                Ok(Some(CellText::Fraction { tu, mau })) if ratio => {
                    if mau <= Decimal::ZERO {
                        return error(ValueKind::FractionZeroDenominator {
                            text: t.to_string(),
                        });
                    }
                    if let Some(why) = crate::review::plausible::check_fraction(ind, tu, mau, t) {
                        return error(ValueKind::Implausible(why));
                    }
                    let warn = (tu > mau).then(|| {
                        Kind::Value(ValueKind::NumeratorAbove {
                            text: t.to_string(),
                        })
                    });
                    Parsed::Value(CellValue::Fraction { tu, mau }, warn)
                }
                Ok(Some(CellText::Fraction { .. })) => error(ValueKind::FractionNotRatio {
                    text: t.to_string(),
                    code: ind.ma.clone(),
                    need,
                }),
                Ok(Some(CellText::YesNo(dat))) if yes_no => {
                    Parsed::Value(CellValue::YesNo { dat }, None)
                }
                Ok(Some(CellText::YesNo(_))) => error(ValueKind::Text {
                    text: t.to_string(),
                    need,
                    why: None,
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Lang;

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
                Parsed::Error(k) => assert_eq!(
                    (k.render(Lang::Vi), k.render(Lang::En)),
                    (vi.to_string(), en.to_string()),
                    "{text}"
                ),
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
