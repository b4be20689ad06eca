//! Vietnamese numbers, dates and text: parsing what clerks type and
//! printing what a report says.
//!
//! All arithmetic that decides a printed digit uses [`Decimal`], so 95,085
//! rounds to 95,09 and not to 95,08 as binary floating point would.

pub mod date;
pub mod legacy;
pub mod number;
pub mod period;
pub mod text;

pub use date::{ngay_text, parse_date};
pub use number::{
    CellText, CellTextError, Rounding, danh_gia_text, decimal_from_f64, is_placeholder,
    parse_cell_text, parse_plain_number, phan_so, pt, round, so, so_tu_nhien, with_unit,
};
pub use rust_decimal::Decimal;
