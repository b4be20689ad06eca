//! Text folding for matching names and headers.
//!
//! Clerks type "Phường Bưởi", "phuong buoi", "PHUONG_BUOI" and old-style
//! "hoà" for "hòa"; all must meet. Folding removes every accent (so the
//! tone-placement difference disappears too), maps đ to d, lower-cases and
//! drops `_`, `-`, `.` and spaces.

use unicode_normalization::UnicodeNormalization;

/// NFC form, the only form soket stores or prints.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Lower-case, accent-free, đ → d, with runs of whitespace, `_` and `-`
/// turned into one space and the ends trimmed: "Năm  2021" → "nam 2021".
pub fn fold_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            // Non-breaking and other exotic spaces count as spaces.
            c if c.is_whitespace() || c == '_' || c == '-' => {
                pending_space = true;
                continue;
            }
            c => c,
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out
}

/// Folded with no separators at all: "PHUONG_BUOI" = "Phường Bưởi" = "phuongbuoi".
pub fn fold(s: &str) -> String {
    without_separators(&fold_words(s))
}

fn without_separators(words: &str) -> String {
    words.chars().filter(|c| *c != ' ' && *c != '.').collect()
}

/// Level words a unit name may start with, folded.
const LEVEL_WORDS: [&str; 8] = [
    "phuong",
    "xa",
    "thi tran",
    "quan",
    "huyen",
    "thi xa",
    "thanh pho",
    "tp",
];

/// The folded level word a name starts with ("phuong", "xa", "quan" …).
pub fn level_word(name: &str) -> Option<&'static str> {
    let words = fold_words(name);
    LEVEL_WORDS
        .into_iter()
        .find(|p| words.strip_prefix(p).is_some_and(|r| r.starts_with(' ')))
}

/// Folded name of a unit with its leading level word removed
/// ("Phường Bưởi" → "buoi", "Xã Đông Anh" → "donganh", "Quận 1" → "1").
pub fn fold_unit_name(s: &str) -> String {
    let words = fold_words(s);
    let rest = LEVEL_WORDS
        .iter()
        .find_map(|p| words.strip_prefix(p)?.strip_prefix(' '))
        .unwrap_or(&words);
    without_separators(rest)
}

/// Characters XML 1.0 forbids (C0 controls other than tab, line feed and
/// carriage return, and U+FFFE/U+FFFF) removed; `None` when there were none.
/// Such characters would make a Word or Excel file unreadable.
pub fn strip_forbidden(s: &str) -> Option<String> {
    s.contains(is_xml_forbidden)
        .then(|| s.chars().filter(|c| !is_xml_forbidden(*c)).collect())
}

/// Characters XML 1.0 forbids: C0 controls other than tab, line feed and
/// carriage return, and U+FFFE/U+FFFF.
pub fn is_xml_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// The text trimmed, its first letter upper-cased: "quận Tây Hồ" →
/// "Quận Tây Hồ".
pub fn capitalize(s: &str) -> String {
    let mut c = s.trim().chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn forbidden_characters_are_stripped() {
        assert_eq!(
            super::strip_forbidden("Phường\u{1}Bưởi\u{b}"),
            Some("PhườngBưởi".into())
        );
        assert_eq!(super::strip_forbidden("Phường Bưởi\t\n"), None);
    }

    use super::*;

    #[test]
    fn folds_accents_case_and_separators() {
        assert_eq!(fold("Phường Bưởi"), "phuongbuoi");
        assert_eq!(fold("PHUONG_BUOI"), "phuongbuoi");
        assert_eq!(fold("phuong-buoi"), "phuongbuoi");
        assert_eq!(fold("Đơn vị tính"), "donvitinh");
        assert_eq!(fold("Hòa"), fold("Hoà"));
        assert_eq!(fold_words("  Năm\u{a0} 2021 "), "nam 2021");
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfd: String = "Thụy Khuê".nfd().collect();
        assert_eq!(fold(&nfd), fold("Thụy Khuê"));
    }

    #[test]
    fn unit_names_drop_the_level_word() {
        assert_eq!(fold_unit_name("Phường Bưởi"), "buoi");
        assert_eq!(fold_unit_name("bo de"), "bode");
        assert_eq!(fold_unit_name("PHUONG_BO_DE"), "bode");
        assert_eq!(fold_unit_name("Quận Long Biên"), "longbien");
        assert_eq!(fold_unit_name("Xã Đông Anh"), "donganh");
    }
}
