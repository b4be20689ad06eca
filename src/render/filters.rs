//! Template filters that print the Vietnamese way: `so`, `pt`, `tien`,
//! `ngay`, `phan_so`, `danh_gia`.
//!
//! ```jinja
//! {{ 12993 | so }}                     → 12.993
//! {{ 96.296 | pt }}                    → 96,3%   (96,2% with lam_tron = "cat_bo")
//! {{ 12993 | tien("tỷ đồng") }}        → 12.993 tỷ đồng
//! {{ 14500000000 | tien }}             → 14.500.000.000đ
//! {{ bao_cao.ngay | ngay }}            → ngày 07 tháng 4 năm 2023
//! {{ 26 | phan_so(27) }}               → 26/27
//! {{ ct.GD01.danh_gia | danh_gia }}    → Đạt
//! ```
//!
//! A missing figure (none or undefined) is an error, never an empty string:
//! a gap in a signed report is worse than a build that stops and says why.
//! Numbers may be integers, floats (read through their shortest decimal, so
//! 95.085 prints 95,09) or text; text that reads differently the Vietnamese
//! way and the machine way ("1.250") is refused rather than guessed.

use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind};
use rust_decimal::Decimal;

use crate::check::{FilterError, Lang};
use crate::vn::{self, CellText, Rounding};

/// Add the Vietnamese filters to `env`; `rounding` is the review's
/// `lam_tron`.
pub fn register(env: &mut Environment<'_>, rounding: Rounding) {
    env.add_filter(
        "so",
        move |value: Value, decimals: Option<u32>, kwargs: Kwargs| -> Result<String, Error> {
            let x = number("so", &value)?;
            let dp = decimals_arg(decimals, &kwargs, 0)?;
            kwargs.assert_all_used()?;
            Ok(vn::so(x, dp, rounding))
        },
    );
    env.add_filter(
        "pt",
        move |value: Value, decimals: Option<u32>, kwargs: Kwargs| -> Result<String, Error> {
            let x = number("pt", &value)?;
            let dp = decimals_arg(decimals, &kwargs, 1)?;
            kwargs.assert_all_used()?;
            Ok(vn::pt(x, dp, rounding))
        },
    );
    env.add_filter(
        "tien",
        move |value: Value,
              dvt: Option<String>,
              decimals: Option<u32>,
              kwargs: Kwargs|
              -> Result<String, Error> {
            let x = number("tien", &value)?;
            let dvt = match (dvt, kwargs.get::<Option<String>>("dvt")?) {
                (Some(_), Some(_)) => return Err(twice("tien", "dvt")),
                (a, b) => a.or(b).unwrap_or_else(|| "đ".to_string()),
            };
            let dp = decimals_arg(decimals, &kwargs, 0)?;
            kwargs.assert_all_used()?;
            Ok(vn::with_unit(&vn::so(x, dp, rounding), &dvt))
        },
    );
    env.add_filter(
        "ngay",
        |value: Value, pattern: Option<String>, kwargs: Kwargs| -> Result<String, Error> {
            missing("ngay", &value)?;
            let date = value.as_str().and_then(vn::parse_date).ok_or_else(|| {
                invalid(FilterError::NotADate {
                    value: format!("{value:?}"),
                })
            })?;
            let with_word: Option<bool> = kwargs.get("chu_ngay")?;
            kwargs.assert_all_used()?;
            if let Some(p) = pattern {
                use chrono::format::{Item, StrftimeItems};
                if StrftimeItems::new(&p).any(|i| matches!(i, Item::Error)) {
                    return Err(invalid(FilterError::BadDatePattern { pattern: p }));
                }
                return Ok(date.format(&p).to_string());
            }
            let text = vn::ngay_text(date);
            Ok(match with_word {
                Some(false) => text.trim_start_matches("ngày ").to_string(),
                _ => text,
            })
        },
    );
    env.add_filter(
        "bang_chu",
        |value: Value, unit: Option<String>, kwargs: Kwargs| -> Result<String, Error> {
            let x = number("bang_chu", &value)?;
            let linh: Option<String> = kwargs.get("linh")?;
            kwargs.assert_all_used()?;
            let words = bang_chu(x, linh.as_deref().unwrap_or("linh")).ok_or_else(|| {
                invalid(FilterError::TooLargeForWords {
                    value: format!("{value:?}"),
                })
            })?;
            Ok(match unit.filter(|u| !u.is_empty()) {
                Some(u) => format!("{words} {u}"),
                None => words,
            })
        },
    );
    env.add_filter("la_ma", |value: Value| -> Result<String, Error> {
        let x = number("la_ma", &value)?;
        la_ma(x).ok_or_else(|| {
            invalid(FilterError::NotRoman {
                value: format!("{value:?}"),
            })
        })
    });
    env.add_filter(
        "phan_so",
        |tu: Value, mau: Value| -> Result<String, Error> {
            let tu = number("phan_so", &tu)?;
            let mau = number("phan_so", &mau)?;
            Ok(vn::phan_so(tu, mau))
        },
    );
    env.add_filter("danh_gia", |code: Value| -> Result<String, Error> {
        missing("danh_gia", &code)?;
        code.as_str()
            .and_then(vn::danh_gia_text)
            .map(str::to_string)
            .ok_or_else(|| {
                invalid(FilterError::NotARating {
                    value: format!("{code:?}"),
                })
            })
    });
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads a group of three digits; `inner`: a higher group was read
/// before, so a zero hundreds digit is said ("không trăm") and a lone
/// unit takes "linh".
fn read_group(n: u32, inner: bool, linh: &str, out: &mut Vec<String>) {
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    if h > 0 || inner {
        out.push(DIGITS[h as usize].into());
        out.push("trăm".into());
    }
    match t {
        0 if u > 0 => {
            if h > 0 || inner {
                out.push(linh.into());
            }
            out.push(DIGITS[u as usize].into());
        }
        0 => {}
        1 => {
            out.push("mười".into());
            match u {
                0 => {}
                5 => out.push("lăm".into()),
                u => out.push(DIGITS[u as usize].into()),
            }
        }
        t => {
            out.push(DIGITS[t as usize].into());
            out.push("mươi".into());
            match u {
                0 => {}
                1 => out.push("mốt".into()),
                4 => out.push("tư".into()),
                5 => out.push("lăm".into()),
                u => out.push(DIGITS[u as usize].into()),
            }
        }
    }
}

/// A whole number in words, without capital.
fn read_whole(n: u128, linh: &str) -> String {
    if n == 0 {
        return DIGITS[0].into();
    }
    let mut groups = Vec::new();
    let mut m = n;
    while m > 0 {
        groups.push((m % 1000) as u32);
        m /= 1000;
    }
    let mut out: Vec<String> = Vec::new();
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        read_group(g, !out.is_empty(), linh, &mut out);
        let name = ["", "nghìn", "triệu"][i % 3];
        if !name.is_empty() {
            out.push(name.into());
        }
        out.extend(std::iter::repeat_n("tỷ".to_string(), i / 3));
    }
    out.join(" ")
}

/// A number in Vietnamese words, capitalised, as written on contracts and
/// receipts ("Bằng chữ: Hai tỷ ba trăm triệu đồng"). The reading rules:
/// groups of three digits named nghìn, triệu, tỷ (then nghìn tỷ, triệu tỷ,
/// tỷ tỷ), an all-zero group left out; inside a number, a zero hundreds
/// digit is read "không trăm" (1.001 → một nghìn không trăm linh một) and a
/// unit after a zero tens digit takes "linh" (or "lẻ" with `linh="lẻ"`,
/// the southern reading); "mười" for ten, "mươi" for the other tens; a 1
/// after the tens 2–9 is "mốt", a 4 is "tư", a 5 after any ten is "lăm"
/// (15 mười lăm, 25 hai mươi lăm, but 105 một trăm linh năm). The
/// decimals after "phẩy" are read as a number, each leading zero as
/// "không" (12,05 → mười hai phẩy không năm); a negative number starts
/// with "âm". `None` above 10^27.
pub fn bang_chu(x: Decimal, linh: &str) -> Option<String> {
    let x = x.normalize();
    let whole = x.abs().trunc();
    let whole_n: u128 = whole.to_string().parse().ok()?;
    if whole_n >= 10u128.pow(27) {
        return None;
    }
    let mut text = read_whole(whole_n, linh);
    let frac = (x.abs() - whole).normalize().to_string();
    if let Some(digits) = frac.strip_prefix("0.") {
        let zeros = digits.len() - digits.trim_start_matches('0').len();
        let rest: u128 = digits.trim_start_matches('0').parse().ok()?;
        text.push_str(" phẩy");
        for _ in 0..zeros {
            text.push_str(" không");
        }
        text.push(' ');
        text.push_str(&read_whole(rest, linh));
    }
    if x.is_sign_negative() && !x.is_zero() {
        text.insert_str(0, "âm ");
    }
    Some(crate::vn::text::capitalize(&text))
}

/// Roman numerals for section numbers, 1 to 3999.
pub fn la_ma(x: Decimal) -> Option<String> {
    if !x.fract().is_zero() {
        return None;
    }
    let n: usize = x
        .to_string()
        .parse()
        .ok()
        .filter(|n| (1..=3999).contains(n))?;
    Some(crate::vn::number::roman(n))
}

/// The number of decimals, given positionally (`so(2)`) or by name
/// (`so(decimals=2)`, `so(so_le=2)`).
fn decimals_arg(positional: Option<u32>, kwargs: &Kwargs, default: u32) -> Result<u32, Error> {
    let named: Option<u32> = kwargs.get("decimals")?;
    let so_le: Option<u32> = kwargs.get("so_le")?;
    match (positional, named, so_le) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => {
            Err(twice("", "decimals"))
        }
        (a, b, c) => Ok(a.or(b).or(c).unwrap_or(default)),
    }
}

/// The decimal a template value means.
fn number(filter: &str, value: &Value) -> Result<Decimal, Error> {
    missing(filter, value)?;
    let not_a_number = || {
        invalid(FilterError::NotANumber {
            filter: filter.to_string(),
            value: format!("{value:?}"),
        })
    };
    match value.kind() {
        ValueKind::Number if value.is_integer() => i128::try_from(value.clone())
            .ok()
            .and_then(|i| Decimal::try_from_i128_with_scale(i, 0).ok())
            .ok_or_else(not_a_number),
        ValueKind::Number => f64::try_from(value.clone())
            .ok()
            .and_then(vn::decimal_from_f64)
            .ok_or_else(not_a_number),
        ValueKind::String => number_from_text(filter, value.as_str().unwrap_or_default()),
        _ => Err(not_a_number()),
    }
}

/// A number passed as text: Vietnamese ("12.993", "96,2%") or machine
/// ("96.2", as a serialised decimal would be). When both readings exist and
/// differ ("1.250": 1250 or 1,25) the text is refused.
fn number_from_text(filter: &str, s: &str) -> Result<Decimal, Error> {
    let t = s.trim();
    let machine = {
        let body = t.strip_prefix('-').unwrap_or(t);
        let plain = !body.is_empty()
            && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && body.bytes().filter(|b| *b == b'.').count() <= 1;
        if plain {
            Decimal::from_str_exact(t).ok()
        } else {
            None
        }
    };
    let vietnamese = match vn::parse_cell_text(t) {
        Ok(Some(CellText::Number { value, .. })) => Ok(value),
        Ok(None) => Err(FilterError::EmptyText {
            filter: filter.to_string(),
        }),
        Ok(Some(_)) => Err(FilterError::NotOneNumber {
            filter: filter.to_string(),
            text: t.to_string(),
        }),
        Err(error) => Err(FilterError::BadText {
            filter: filter.to_string(),
            error,
        }),
    };
    match (machine, vietnamese) {
        (Some(m), Ok(v)) if m != v => Err(invalid(FilterError::Ambiguous {
            filter: filter.to_string(),
            text: t.to_string(),
            // Only digits and one dot: the Vietnamese reading is a whole
            // number, shown ungrouped so that it cannot be misread again.
            vietnamese: v.normalize().to_string(),
            machine: vn::so_tu_nhien(m),
        })),
        (Some(m), _) => Ok(m),
        (None, Ok(v)) => Ok(v),
        (None, Err(e)) => Err(invalid(e)),
    }
}

/// None and undefined are errors: the figure is missing.
fn missing(filter: &str, value: &Value) -> Result<(), Error> {
    if value.is_undefined() || value.is_none() {
        // An unknown name keeps minijinja's own error kind, so that callers
        // that look for it (to suggest the nearest known name) still do.
        let undefined = !value.is_none();
        let kind = if undefined {
            ErrorKind::UndefinedError
        } else {
            ErrorKind::InvalidOperation
        };
        return Err(typed(
            kind,
            FilterError::Missing {
                filter: filter.to_string(),
                undefined,
            },
        ));
    }
    Ok(())
}

fn twice(filter: &str, arg: &str) -> Error {
    typed(
        ErrorKind::TooManyArguments,
        FilterError::Twice {
            filter: filter.to_string(),
            arg: arg.to_string(),
        },
    )
}

fn invalid(problem: FilterError) -> Error {
    typed(ErrorKind::InvalidOperation, problem)
}

/// The engine's error: its text the Vietnamese words (as a template
/// engine's error is shown), its source the typed problem.
fn typed(kind: ErrorKind, problem: FilterError) -> Error {
    Error::new(kind, problem.message(Lang::Vi)).with_source(problem)
}

/// The filter's problem behind a template engine's error, if a filter
/// raised it.
pub(crate) fn filter_error(e: &Error) -> Option<&FilterError> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(problem) = s.downcast_ref::<FilterError>() {
            return Some(problem);
        }
        source = s.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    fn env(rounding: Rounding) -> Environment<'static> {
        let mut env = Environment::new();
        register(&mut env, rounding);
        env
    }

    fn render(tpl: &str, ctx: Value) -> String {
        env(Rounding::HalfAwayFromZero)
            .render_str(tpl, ctx)
            .unwrap_or_else(|e| panic!("{tpl}: {e:#}"))
    }

    fn render_err(tpl: &str, ctx: Value) -> String {
        let e = env(Rounding::HalfAwayFromZero)
            .render_str(tpl, ctx)
            .expect_err(tpl);
        format!("{e:#}")
    }

    #[test]
    fn so_groups_thousands() {
        let cases = [
            ("{{ 12993 | so }}", "12.993"),
            ("{{ 1234.5 | so(1) }}", "1.234,5"),
            ("{{ 12350.75 | so(decimals=1) }}", "12.350,8"),
            ("{{ 14500000000 | so }}", "14.500.000.000"),
            ("{{ -3.5 | so(2) }}", "-3,50"),
            ("{{ 90 | so(1) }}", "90,0"),
            ("{{ -0.4 | so }}", "0"),
            ("{{ 95.085 | so(2) }}", "95,09"),
            ("{{ '12.993.000' | so }}", "12.993.000"),
            ("{{ '12993' | so }}", "12.993"),
            ("{{ '1.234,5' | so(so_le=1) }}", "1.234,5"),
            ("{{ '96.2' | so(1) }}", "96,2"),
            ("{{ x | so }}", "12.993"),
        ];
        for (tpl, want) in cases {
            assert_eq!(render(tpl, context! { x => 12993 }), want, "{tpl}");
        }
    }

    #[test]
    fn pt_defaults_to_one_decimal_and_follows_lam_tron() {
        let ctx = || context! { ty_le => 26.0 / 27.0 * 100.0 };
        assert_eq!(render("{{ ty_le | pt }}", ctx()), "96,3%");
        assert_eq!(render("{{ 100 | pt(0) }}", ctx()), "100%");
        assert_eq!(render("{{ 90 | pt }}", ctx()), "90,0%");
        assert_eq!(render("{{ 97.74 | pt(2) }}", ctx()), "97,74%");
        assert_eq!(render("{{ '96,2%' | pt }}", ctx()), "96,2%");
        let cat_bo = env(Rounding::Truncate)
            .render_str("{{ ty_le | pt }}", ctx())
            .unwrap();
        assert_eq!(cat_bo, "96,2%");
    }

    #[test]
    fn tien_attaches_dong_and_spaces_other_units() {
        let cases = [
            ("{{ 14500000000 | tien }}", "14.500.000.000đ"),
            ("{{ 12993 | tien('tỷ đồng') }}", "12.993 tỷ đồng"),
            ("{{ 1234.5 | tien('tỷ đồng', 1) }}", "1.234,5 tỷ đồng"),
            (
                "{{ 1234.5 | tien(dvt='triệu đồng', decimals=1) }}",
                "1.234,5 triệu đồng",
            ),
            ("{{ 5 | tien('') }}", "5"),
        ];
        for (tpl, want) in cases {
            assert_eq!(render(tpl, context! {}), want, "{tpl}");
        }
    }

    #[test]
    fn ngay_phan_so_danh_gia() {
        let ctx = || context! { ngay => "2023-04-07", tu => 19017, mau => 20000 };
        assert_eq!(
            render("{{ ngay | ngay }}", ctx()),
            "ngày 07 tháng 4 năm 2023"
        );
        assert_eq!(
            render("{{ '2024-02-05' | ngay }}", ctx()),
            "ngày 05 tháng 02 năm 2024"
        );
        assert_eq!(render("{{ 26 | phan_so(27) }}", ctx()), "26/27");
        assert_eq!(render("{{ tu | phan_so(mau) }}", ctx()), "19.017/20.000");
        assert_eq!(render("{{ 'dat' | danh_gia }}", ctx()), "Đạt");
        assert_eq!(
            render("{{ 'du_kien_dat' | danh_gia }}", ctx()),
            "Dự kiến đạt"
        );
        assert_eq!(render("{{ 'vuot' | danh_gia }}", ctx()), "Vượt");
    }

    #[test]
    fn bang_chu_reads_numbers_the_vietnamese_way() {
        let cases: &[(&str, &str)] = &[
            ("0", "Không"),
            ("5", "Năm"),
            ("10", "Mười"),
            ("11", "Mười một"),
            ("14", "Mười bốn"),
            ("15", "Mười lăm"),
            ("20", "Hai mươi"),
            ("21", "Hai mươi mốt"),
            ("24", "Hai mươi tư"),
            ("25", "Hai mươi lăm"),
            ("55", "Năm mươi lăm"),
            ("91", "Chín mươi mốt"),
            ("100", "Một trăm"),
            ("101", "Một trăm linh một"),
            ("104", "Một trăm linh bốn"),
            ("105", "Một trăm linh năm"),
            ("110", "Một trăm mười"),
            ("115", "Một trăm mười lăm"),
            ("121", "Một trăm hai mươi mốt"),
            ("999", "Chín trăm chín mươi chín"),
            ("1000", "Một nghìn"),
            ("1001", "Một nghìn không trăm linh một"),
            ("1010", "Một nghìn không trăm mười"),
            ("1100", "Một nghìn một trăm"),
            ("10005", "Mười nghìn không trăm linh năm"),
            ("21000", "Hai mươi mốt nghìn"),
            ("105000", "Một trăm linh năm nghìn"),
            ("1000000", "Một triệu"),
            ("1000100", "Một triệu một trăm"),
            ("1000010", "Một triệu không trăm mười"),
            ("2300000000", "Hai tỷ ba trăm triệu"),
            ("1000000001", "Một tỷ không trăm linh một"),
            ("1000000000000", "Một nghìn tỷ"),
            ("1250000", "Một triệu hai trăm năm mươi nghìn"),
            ("12.5", "Mười hai phẩy năm"),
            ("12.05", "Mười hai phẩy không năm"),
            ("3.14", "Ba phẩy mười bốn"),
            ("-7", "Âm bảy"),
        ];
        for (n, want) in cases {
            let x = Decimal::from_str_exact(n).unwrap();
            assert_eq!(bang_chu(x, "linh").as_deref(), Some(*want), "{n}");
        }
        assert_eq!(
            render("{{ 2300000000 | bang_chu('đồng') }}", context! {}),
            "Hai tỷ ba trăm triệu đồng"
        );
        assert_eq!(
            render("{{ 105 | bang_chu(linh='lẻ') }}", context! {}),
            "Một trăm lẻ năm"
        );
        assert_eq!(
            render("{{ '2.300.000.000' | bang_chu('đồng') }}", context! {}),
            "Hai tỷ ba trăm triệu đồng"
        );
    }

    #[test]
    fn la_ma_and_ngay_with_a_pattern() {
        for (n, want) in [
            (1, "I"),
            (4, "IV"),
            (9, "IX"),
            (14, "XIV"),
            (40, "XL"),
            (1994, "MCMXCIV"),
            (3999, "MMMCMXCIX"),
        ] {
            assert_eq!(render(&format!("{{{{ {n} | la_ma }}}}"), context! {}), want);
        }
        assert!(render_err("{{ 0 | la_ma }}", context! {}).contains("số La Mã"));
        assert!(render_err("{{ 2.5 | la_ma }}", context! {}).contains("số La Mã"));
        let ctx = || context! { d => "2023-04-07" };
        assert_eq!(render("{{ d | ngay('%d/%m/%Y') }}", ctx()), "07/04/2023");
        assert_eq!(
            render("ngày {{ d | ngay(chu_ngay=false) }}", ctx()),
            "ngày 07 tháng 4 năm 2023"
        );
        assert!(render_err("{{ d | ngay('%Q') }}", ctx()).contains("không hợp lệ"));
    }

    #[test]
    fn missing_values_are_errors_not_gaps() {
        for tpl in [
            "{{ x | so }}",
            "{{ nothing | so }}",
            "{{ x | pt }}",
            "{{ x | tien }}",
            "{{ x | ngay }}",
            "{{ x | phan_so(27) }}",
            "{{ 26 | phan_so(x) }}",
            "{{ x | danh_gia }}",
        ] {
            let e = render_err(tpl, context! { x => Value::from(()) });
            assert!(e.contains("giá trị bị thiếu"), "{tpl}: {e}");
        }
    }

    #[test]
    fn strict_environment_still_names_the_problem() {
        let mut env = env(Rounding::HalfAwayFromZero);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        let e = env
            .render_str("{{ x | so }}", context! { x => () })
            .unwrap_err();
        assert!(
            format!("{e:#}").contains("giá trị bị thiếu (none)"),
            "{e:#}"
        );
        let e = env
            .render_str("{{ ct.GD01 | pt }}", context! { ct => context! {} })
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UndefinedError, "{e:#}");
        assert!(
            format!("{e:#}").contains("giá trị bị thiếu (undefined)"),
            "{e:#}"
        );
    }

    #[test]
    fn bad_values_are_explained() {
        let cases = [
            ("{{ 'abc' | so }}", "không phải là số"),
            (
                "{{ '1.250' | so }}",
                "1250 (kiểu Việt Nam) hoặc 1,25 (kiểu máy)",
            ),
            ("{{ '12,5.3' | so }}", "tiếng Anh"),
            ("{{ '26/27' | so }}", "không phải là một số"),
            ("{{ true | so }}", "không phải là số"),
            ("{{ 'hôm qua' | ngay }}", "không phải là ngày"),
            ("{{ 'tot' | danh_gia }}", "không phải là mã đánh giá"),
            ("{{ 5 | so(1, decimals=2) }}", "hai lần"),
            ("{{ 5 | so(chu_so=2) }}", "chu_so"),
        ];
        for (tpl, want) in cases {
            let e = render_err(tpl, context! {});
            assert!(e.contains(want), "{tpl}: {e}");
        }
    }

    #[test]
    fn every_filter_error_carries_its_typed_problem_in_both_languages() {
        let cases = [
            "{{ x | so }}",
            "{{ nothing | pt }}",
            "{{ 'abc' | so }}",
            "{{ '' | so }}",
            "{{ '26/27' | so }}",
            "{{ '1.250' | so }}",
            "{{ true | tien }}",
            "{{ 'hôm qua' | ngay }}",
            "{{ '2023-04-07' | ngay('%Q') }}",
            "{{ 1e30 | bang_chu }}",
            "{{ 0 | la_ma }}",
            "{{ 'tot' | danh_gia }}",
            "{{ 5 | so(1, decimals=2) }}",
            "{{ 5 | tien('đ', dvt='đ') }}",
        ];
        for tpl in cases {
            let e = env(Rounding::HalfAwayFromZero)
                .render_str(tpl, context! { x => Value::from(()) })
                .expect_err(tpl);
            let problem = filter_error(&e).unwrap_or_else(|| panic!("{tpl}: {e:#}"));
            assert_eq!(
                e.detail(),
                Some(problem.message(Lang::Vi).as_str()),
                "{tpl}"
            );
            let en = problem.message(Lang::En);
            assert!(
                en.starts_with("filter \"") || en.starts_with('"'),
                "{tpl}: {en}"
            );
        }
    }
}
