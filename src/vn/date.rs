//! Vietnamese dates.

use chrono::{Datelike, NaiveDate};

/// "ngày 07 tháng 4 năm 2023", "ngày 05 tháng 02 năm 2024": days below 10
/// and the months 1 and 2 take a leading 0 (Decree 30/2020/NĐ-CP), so that
/// nobody can later add a digit in front ("tháng 1" → "tháng 11").
pub fn ngay_text(date: NaiveDate) -> String {
    let m = date.month();
    let thang = if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    };
    format!("ngày {:02} tháng {thang} năm {}", date.day(), date.year())
}

/// A date as scripts and templates write it: "2023-04-07" (ISO, also with a
/// time part "2023-04-07T00:00:00") or "07/04/2023" (day first, the
/// Vietnamese way). `None` for anything else.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let iso = s
        .get(..10)
        .filter(|_| s.len() == 10 || s[10..].starts_with(['T', ' ']));
    if let Some(d) = iso.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        return Some(d);
    }
    NaiveDate::parse_from_str(s, "%d/%m/%Y").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leading_zero_for_small_days_and_january_february() {
        let cases = [
            (d(2023, 4, 7), "ngày 07 tháng 4 năm 2023"),
            (d(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
            (d(2024, 1, 15), "ngày 15 tháng 01 năm 2024"),
            (d(2023, 12, 25), "ngày 25 tháng 12 năm 2023"),
            (d(2023, 10, 1), "ngày 01 tháng 10 năm 2023"),
            (d(2023, 3, 10), "ngày 10 tháng 3 năm 2023"),
        ];
        for (date, want) in cases {
            assert_eq!(ngay_text(date), want, "{date}");
        }
    }

    #[test]
    fn parses_iso_and_vietnamese_dates() {
        assert_eq!(parse_date("2023-04-07"), Some(d(2023, 4, 7)));
        assert_eq!(parse_date(" 2023-04-07T00:00:00 "), Some(d(2023, 4, 7)));
        assert_eq!(parse_date("07/04/2023"), Some(d(2023, 4, 7)));
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(parse_date("hôm nay"), None);
        assert_eq!(parse_date("2023-04-07x"), None);
    }
}
