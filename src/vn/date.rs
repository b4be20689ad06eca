//! Vietnamese dates.

use chrono::NaiveDate;

/// "ngày 07 tháng 4 năm 2023", "ngày 05 tháng 02 năm 2024": days below 10
/// and the months 1 and 2 take a leading 0 (Decree 30/2020/NĐ-CP).
pub fn ngay_text(date: NaiveDate) -> String {
    let _ = date;
    todo!("vn::ngay_text")
}
