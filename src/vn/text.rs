//! Text folding for matching names and headers.
//!
//! Clerks type "Phường Bưởi", "phuong buoi", "PHUONG_BUOI" and old-style
//! "hoà" for "hòa"; all must meet. Folding removes every accent (so the
//! tone-placement difference disappears too), maps đ to d, lower-cases and
//! drops `_`, `-`, `.` and spaces.

use unicode_normalization::UnicodeNormalization;

/// NFC form, the only form soket stores or prints.
pub fn nfc(s: &str) -> String {
    // Nearly all text arrives composed already: the quick check (one table
    // lookup per character) spares composing it again.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
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
/// Since 1 July 2025 a province's units are "Xã", "Phường" and "Đặc
/// khu", a commune's "Thôn", "Tổ dân phố" and "Khu phố". Single words
/// that begin commune names ("Bản Máy", "Tĩnh Túc", "Ấp Bắc") are not
/// level words.
const LEVEL_WORDS: [&str; 12] = [
    "phuong",
    "xa",
    "thi tran",
    "quan",
    "huyen",
    "thi xa",
    "thanh pho",
    "tp",
    "dac khu",
    "thon",
    "to dan pho",
    "khu pho",
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

/// Level words as a report writes them, in the order a report lists them
/// ("34 tỉnh, thành phố", "45/48 xã, phường, đặc khu").
const SHOWN_LEVEL_WORDS: [&str; 12] = [
    "tỉnh",
    "thành phố",
    "quận",
    "huyện",
    "thị xã",
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
    "thôn",
    "tổ dân phố",
    "khu phố",
];

/// What the units of a list are called in a sentence: `cap_don_vi`
/// ("xã"), or, when the names themselves carry several level words of
/// which `cap_don_vi` is one, all of them in the usual order ("xã, phường,
/// đặc khu" for a province's communes, "tỉnh, thành phố" for the 34
/// provinces): "45/48 xã, phường báo cáo" rather than "45/48 xã".
pub fn unit_words<'a>(cap_don_vi: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    let folded: Vec<String> = SHOWN_LEVEL_WORDS.iter().map(|w| fold_words(w)).collect();
    let mut found = [false; SHOWN_LEVEL_WORDS.len()];
    for name in names {
        let words = fold_words(name);
        // The longest level word that starts the name ("thị xã", not "xã").
        let hit = (0..folded.len())
            .filter(|&i| {
                (words.strip_prefix(folded[i].as_str())).is_some_and(|r| r.starts_with(' '))
            })
            .max_by_key(|&i| folded[i].len());
        if let Some(i) = hit {
            found[i] = true;
        }
    }
    let cap = fold_words(cap_don_vi);
    let own = folded.iter().position(|w| *w == cap);
    if found.iter().filter(|f| **f).count() < 2 || !own.is_some_and(|i| found[i]) {
        return cap_don_vi.to_string();
    }
    (0..found.len())
        .filter(|&i| found[i])
        .map(|i| SHOWN_LEVEL_WORDS[i])
        .collect::<Vec<_>>()
        .join(", ")
}

/// The combining tone marks of Vietnamese: huyền, sắc, ngã, hỏi, nặng.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A unit name as written, without its level word, for telling apart the
/// names folding makes equal ("Xã Văn Lang" and "Xã Văn Lăng" of one
/// province): lower-case, every vowel mark kept, each word's tone mark
/// moved to the word's end wherever the writer placed it, so that "Hòa"
/// and "Hoà", "Thủy" and "Thuỷ" give the same.
pub fn marked_unit_name(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let tone = lower.nfd().find(|c| TONES.contains(c));
            let mut word: String = lower.nfd().filter(|c| !TONES.contains(c)).nfc().collect();
            word.extend(tone);
            word
        })
        .collect();
    let skip = level_word(s).map_or(0, |l| l.split(' ').count());
    words.get(skip..).unwrap_or_default().join(" ")
}

/// Whether a name is written with any Vietnamese mark at all ("Xa Van
/// Lang" is not: it cannot tell "Văn Lang" from "Văn Lăng").
pub fn has_marks(s: &str) -> bool {
    s.nfd()
        .any(|c| unicode_normalization::char::is_combining_mark(c) || c == 'đ' || c == 'Đ')
}

/// Two unit names that fold alike are still different units when both are
/// written with marks and the marks differ ("Xã Cẩm Giang", "Xã Cẩm
/// Giàng" of Hải Phòng); a placement of the tone mark is no difference.
pub fn marks_differ(a: &str, b: &str) -> bool {
    has_marks(a) && has_marks(b) && marked_unit_name(a) != marked_unit_name(b)
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
    fn nfc_composes_decomposed_text_and_keeps_composed_text() {
        let decomposed: String = "Phường Thụy Khuê".nfd().collect();
        let half: String = format!("Hòa {}", "Bưởi".nfd().collect::<String>());
        for (given, composed) in [
            (decomposed.as_str(), "Phường Thụy Khuê"),
            (half.as_str(), "Hòa Bưởi"),
            ("Phường Thụy Khuê", "Phường Thụy Khuê"),
            ("GD01 96,2%", "GD01 96,2%"),
            ("", ""),
        ] {
            assert_eq!(nfc(given), composed, "{given:?}");
        }
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

/// Characters that show nothing (or almost nothing) but make two codes
/// differ: zero-width spaces and joiners, the soft hyphen, bidi marks and
/// embeddings, the word joiner, the byte-order mark, variation selectors.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
    )
}

/// The Latin letter or digit a letter of another script is drawn like
/// (Cyrillic К for K, Greek Ο for O, a full-width Ａ for A), if any.
pub fn latin_lookalike(c: char) -> Option<char> {
    const PAIRS: &[(char, char)] = &[
        // Cyrillic capitals and small letters.
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('Х', 'X'),
        ('У', 'Y'),
        ('І', 'I'),
        ('Ј', 'J'),
        ('Ѕ', 'S'),
        ('Ԛ', 'Q'),
        ('Ԝ', 'W'),
        ('а', 'a'),
        ('е', 'e'),
        ('о', 'o'),
        ('р', 'p'),
        ('с', 'c'),
        ('х', 'x'),
        ('у', 'y'),
        ('і', 'i'),
        ('ј', 'j'),
        ('ѕ', 's'),
        ('к', 'k'),
        // Greek capitals and small letters.
        ('Α', 'A'),
        ('Β', 'B'),
        ('Ε', 'E'),
        ('Ζ', 'Z'),
        ('Η', 'H'),
        ('Ι', 'I'),
        ('Κ', 'K'),
        ('Μ', 'M'),
        ('Ν', 'N'),
        ('Ο', 'O'),
        ('Ρ', 'P'),
        ('Τ', 'T'),
        ('Υ', 'Y'),
        ('Χ', 'X'),
        ('ο', 'o'),
        ('ν', 'v'),
        ('ι', 'i'),
    ];
    if let Some((_, l)) = PAIRS.iter().find(|(k, _)| *k == c) {
        return Some(*l);
    }
    // Full-width ASCII (Ａ–Ｚ, ０–９, …), typed with an East Asian IME.
    ('\u{FF01}'..='\u{FF5E}')
        .contains(&c)
        .then(|| char::from_u32(c as u32 - 0xFEE0))
        .flatten()
}

/// What is wrong with a code or name that looks right: its invisible
/// characters and look-alike letters from other scripts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disguised {
    /// The text as written, each invisible character shown as `<U+200B>`.
    pub shown: String,
    /// The text with invisible characters removed and look-alikes replaced
    /// by the Latin letters they resemble.
    pub meant: String,
    /// One entry per odd character, in order: "U+200B" for an invisible
    /// one, "К U+041A" for a look-alike.
    pub odd: Vec<String>,
}

/// [`Disguised`] for `s`, or `None` when it has no invisible character and
/// no look-alike letter.
pub fn disguised(s: &str) -> Option<Disguised> {
    let mut out = Disguised {
        shown: String::with_capacity(s.len()),
        meant: String::with_capacity(s.len()),
        odd: Vec::new(),
    };
    for c in s.chars() {
        if is_invisible(c) {
            let code = format!("U+{:04X}", c as u32);
            out.shown.push_str(&format!("<{code}>"));
            out.odd.push(code);
        } else if let Some(l) = latin_lookalike(c) {
            out.shown.push(c);
            out.meant.push(l);
            out.odd.push(format!("{c} U+{:04X}", c as u32));
        } else {
            out.shown.push(c);
            out.meant.push(c);
        }
    }
    (!out.odd.is_empty()).then_some(out)
}

#[cfg(test)]
mod disguise_tests {
    use super::*;

    #[test]
    fn invisible_characters_and_lookalikes_are_named() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            ("GD\u{200B}01", "GD<U+200B>01", "GD01", &["U+200B"]),
            ("GD\u{00AD}01", "GD<U+00AD>01", "GD01", &["U+00AD"]),
            ("\u{202B}KT01", "<U+202B>KT01", "KT01", &["U+202B"]),
            ("КТ05", "КТ05", "KT05", &["К U+041A", "Т U+0422"]),
            ("ΗΝ01", "ΗΝ01", "HN01", &["Η U+0397", "Ν U+039D"]),
            ("ＧＤ01", "ＧＤ01", "GD01", &["Ｇ U+FF27", "Ｄ U+FF24"]),
        ];
        for (s, shown, meant, odd) in cases {
            let d = disguised(s).unwrap();
            assert_eq!(d.shown, *shown, "{s}");
            assert_eq!(d.meant, *meant, "{s}");
            assert_eq!(d.odd, *odd, "{s}");
        }
        for plain in ["GD01", "Phường Bưởi", "Đạt", "1.234,5", ""] {
            assert_eq!(disguised(plain), None, "{plain}");
        }
    }
}
