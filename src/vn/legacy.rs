//! Text typed with the pre-Unicode Vietnamese fonts: TCVN3 (ABC, the
//! `.VnTime` fonts) and VNI (`VNI-Times`).
//!
//! Both are font tricks: the file stores Latin-1 characters and the font
//! draws them as Vietnamese letters. Opened without the font, "Phường Bưởi"
//! reads "Ph­êng B­ëi" (TCVN3: one byte per letter) or "Phöôøng Böôûi"
//! (VNI: a base letter followed by a mark character). Old district
//! templates still carry such cells, so a unit name that matches nothing is
//! worth one more try: [`detect`] converts it back, and the message can name
//! the ward the clerk meant.
//!
//! Detection is deliberately strict so that real Unicode text is never
//! "converted": a candidate must contain a character that Unicode
//! Vietnamese never uses, no Vietnamese-only letter (ư, ơ, đ, ạ …), and the
//! conversion must give words with at most one tone mark each.

use unicode_normalization::UnicodeNormalization;

/// Which legacy encoding a text was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 "ABC", fonts `.VnTime`, `.VnArial` …
    Tcvn3,
    /// VNI for Windows, fonts `VNI-Times` …
    Vni,
}

impl Legacy {
    /// The name clerks know: "TCVN3 (ABC)", "VNI".
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// The Unicode text a TCVN3 or VNI string was meant to be, or `None` when
/// `s` does not look like either (in particular, for any ordinary Unicode
/// Vietnamese text).
pub fn detect_legacy(s: &str) -> Option<String> {
    detect(s).map(|(_, text)| text)
}

/// [`detect_legacy`], also saying which encoding it was.
pub fn detect(s: &str) -> Option<(Legacy, String)> {
    if s.chars().any(is_vietnamese_only) || !s.chars().any(is_marker) {
        return None;
    }
    let candidates = [
        (Legacy::Tcvn3, tcvn3_to_unicode(s)),
        (Legacy::Vni, vni_to_unicode(s)),
    ];
    // Both decodings may give accented letters; the right one gives words
    // whose vowels form Vietnamese syllables ("Văn", not TCVN3's "Vaờn").
    candidates
        .into_iter()
        .filter(|(_, t)| t != s && looks_vietnamese(t))
        .max_by_key(|(_, t)| {
            (
                syllables(t),
                t.chars().filter(|c| is_vietnamese_only(*c)).count(),
            )
        })
}

/// Vowel groups of Vietnamese syllables, tones removed ("ươ", "uyê" …).
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oay", "oao", "oeo", "uây",
    "uôi", "ươi", "ươu", "uya", "uyê", "yêu", "uyu", "uơi",
];

/// How many words of `t` have a vowel group that a Vietnamese syllable
/// can have.
fn syllables(t: &str) -> usize {
    let is_vowel = |c: char| "aăâeêioôơuưy".contains(c);
    t.split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            // Tones off, shapes kept: NFD, drop the five tone marks, NFC.
            let bare: String = w
                .to_lowercase()
                .nfd()
                .filter(|m| !matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
                .nfc()
                .collect();
            let vowels: String = bare
                .chars()
                .skip_while(|c| !is_vowel(*c))
                .take_while(|c| is_vowel(*c))
                .collect();
            NUCLEI.contains(&vowels.as_str())
        })
        .count()
}

/// TCVN3 bytes 0xA1–0xFE (as Latin-1 characters) → Unicode letters.
const TCVN3: &[(char, char)] = &[
    ('\u{A1}', 'Ă'),
    ('\u{A2}', 'Â'),
    ('\u{A3}', 'Ê'),
    ('\u{A4}', 'Ô'),
    ('\u{A5}', 'Ơ'),
    ('\u{A6}', 'Ư'),
    ('\u{A7}', 'Đ'),
    ('\u{A8}', 'ă'),
    ('\u{A9}', 'â'),
    ('\u{AA}', 'ê'),
    ('\u{AB}', 'ô'),
    ('\u{AC}', 'ơ'),
    ('\u{AD}', 'ư'),
    ('\u{AE}', 'đ'),
    ('\u{B5}', 'à'),
    ('\u{B6}', 'ả'),
    ('\u{B7}', 'ã'),
    ('\u{B8}', 'á'),
    ('\u{B9}', 'ạ'),
    ('\u{BB}', 'ằ'),
    ('\u{BC}', 'ẳ'),
    ('\u{BD}', 'ẵ'),
    ('\u{BE}', 'ắ'),
    ('\u{C6}', 'ặ'),
    ('\u{C7}', 'ầ'),
    ('\u{C8}', 'ẩ'),
    ('\u{C9}', 'ẫ'),
    ('\u{CA}', 'ấ'),
    ('\u{CB}', 'ậ'),
    ('\u{CC}', 'è'),
    ('\u{CE}', 'ẻ'),
    ('\u{CF}', 'ẽ'),
    ('\u{D0}', 'é'),
    ('\u{D1}', 'ẹ'),
    ('\u{D2}', 'ề'),
    ('\u{D3}', 'ể'),
    ('\u{D4}', 'ễ'),
    ('\u{D5}', 'ế'),
    ('\u{D6}', 'ệ'),
    ('\u{D7}', 'ì'),
    ('\u{D8}', 'ỉ'),
    ('\u{DC}', 'ĩ'),
    ('\u{DD}', 'í'),
    ('\u{DE}', 'ị'),
    ('\u{DF}', 'ò'),
    ('\u{E1}', 'ỏ'),
    ('\u{E2}', 'õ'),
    ('\u{E3}', 'ó'),
    ('\u{E4}', 'ọ'),
    ('\u{E5}', 'ồ'),
    ('\u{E6}', 'ổ'),
    ('\u{E7}', 'ỗ'),
    ('\u{E8}', 'ố'),
    ('\u{E9}', 'ộ'),
    ('\u{EA}', 'ờ'),
    ('\u{EB}', 'ở'),
    ('\u{EC}', 'ỡ'),
    ('\u{ED}', 'ớ'),
    ('\u{EE}', 'ợ'),
    ('\u{EF}', 'ù'),
    ('\u{F1}', 'ủ'),
    ('\u{F2}', 'ũ'),
    ('\u{F3}', 'ú'),
    ('\u{F4}', 'ụ'),
    ('\u{F5}', 'ừ'),
    ('\u{F6}', 'ử'),
    ('\u{F7}', 'ữ'),
    ('\u{F8}', 'ứ'),
    ('\u{F9}', 'ự'),
    ('\u{FA}', 'ỳ'),
    ('\u{FB}', 'ỷ'),
    ('\u{FC}', 'ỹ'),
    ('\u{FD}', 'ý'),
    ('\u{FE}', 'ỵ'),
];

fn tcvn3_to_unicode(s: &str) -> String {
    s.chars()
        .map(|c| TCVN3.iter().find(|(k, _)| *k == c).map_or(c, |(_, v)| *v))
        .collect()
}

/// VNI mark characters after a vowel → combining marks (lower case; the
/// upper-case marks are their Latin-1 capitals). Circumflex-series tones
/// (á à å ã ä) and breve-series tones (é è ú ü ë) carry the shape mark too.
fn vni_mark(c: char) -> Option<&'static str> {
    Some(match c.to_lowercase().next().unwrap_or(c) {
        'ù' => "\u{301}",
        'ø' => "\u{300}",
        'û' => "\u{309}",
        'õ' => "\u{303}",
        'ï' => "\u{323}",
        'â' => "\u{302}",
        'á' => "\u{302}\u{301}",
        'à' => "\u{302}\u{300}",
        'å' => "\u{302}\u{309}",
        'ã' => "\u{302}\u{303}",
        'ä' => "\u{302}\u{323}",
        'ê' => "\u{306}",
        'é' => "\u{306}\u{301}",
        'è' => "\u{306}\u{300}",
        'ú' => "\u{306}\u{309}",
        'ü' => "\u{306}\u{303}",
        'ë' => "\u{306}\u{323}",
        _ => return None,
    })
}

/// VNI letters that stand alone: ơ ư đ and the toned i's and ỵ.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'í' => 'í',
        'Í' => 'Í',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

fn vni_to_unicode(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // The vowel a mark attaches to: a plain vowel or VNI's ơ / ư.
        let base = match c {
            'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' => Some(c),
            'ô' | 'Ô' | 'ö' | 'Ö' => vni_letter(c),
            _ => None,
        };
        if let Some(base) = base {
            let next = chars.get(i + 1).copied();
            let horn = matches!(base, 'ơ' | 'Ơ' | 'ư' | 'Ư');
            let mark = next.and_then(vni_mark).filter(|m| {
                // Shape marks fit only their vowels: â/ê/ô (circumflex),
                // ă (breve); ơ/ư take tones only.
                let lower = base.to_lowercase().next().unwrap_or(base);
                match m.chars().next() {
                    Some('\u{302}') => matches!(lower, 'a' | 'e' | 'o'),
                    Some('\u{306}') => lower == 'a',
                    _ => !horn || m.chars().count() == 1,
                }
            });
            if let Some(m) = mark {
                let composed: String = format!("{base}{m}").nfc().collect();
                out.push_str(&composed);
                i += 2;
                continue;
            }
            out.push(base);
            i += 1;
            continue;
        }
        out.push(vni_letter(c).unwrap_or(c));
        i += 1;
    }
    out
}

/// Letters only Vietnamese Unicode text has: ă â ê ô ơ ư đ and every
/// letter of the Latin Extended Additional block (ạ ả ấ … ỹ), except that
/// â ê ô are also plain Latin-1 and so are left out.
fn is_vietnamese_only(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
    ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Latin-1 letters that Unicode Vietnamese uses as themselves.
const VIETNAMESE_LATIN1: &str = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";

/// A character a legacy-encoded name contains and a Unicode Vietnamese
/// name never does: the Latin-1 range 0xA1–0xFE minus the letters
/// Vietnamese uses (ø, ï, û, ö, ñ, §, ¬, soft hyphen …).
fn is_marker(c: char) -> bool {
    ('\u{A1}'..='\u{FE}').contains(&c) && !VIETNAMESE_LATIN1.contains(c)
}

/// No marker character is left and every word has at most one tone mark.
fn looks_vietnamese(t: &str) -> bool {
    if t.chars().any(is_marker) {
        return false;
    }
    t.split(|c: char| !c.is_alphabetic()).all(|word| {
        word.chars()
            .filter(|c| {
                c.to_string()
                    .nfd()
                    .any(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
            })
            .count()
            <= 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_names_are_recovered() {
        assert_eq!(
            detect("Ph\u{ad}êng B\u{ad}ëi"),
            Some((Legacy::Tcvn3, "Phường Bưởi".to_string()))
        );
        assert_eq!(
            detect_legacy("§¬n vÞ: Ph\u{ad}êng B\u{ad}ëi").as_deref(),
            Some("Đơn vị: Phường Bưởi")
        );
        assert_eq!(detect_legacy("Hßa B×nh").as_deref(), Some("Hòa Bình"));
        assert_eq!(
            detect_legacy("Ph\u{ad}êng Th\u{b8}i Hµ").as_deref(),
            Some("Phường Thái Hà")
        );
        assert_eq!(
            detect("Sè hé cËn nghÌo"),
            Some((Legacy::Tcvn3, "Số hộ cận nghèo".to_string()))
        );
    }

    #[test]
    fn vni_names_are_recovered() {
        assert_eq!(
            detect("Phöôøng Böôûi"),
            Some((Legacy::Vni, "Phường Bưởi".to_string()))
        );
        assert_eq!(
            detect_legacy("Ñôn vò: Phöôøng Böôûi").as_deref(),
            Some("Đơn vị: Phường Bưởi")
        );
        assert_eq!(
            detect_legacy("Phöôøng Yeân Phuï").as_deref(),
            Some("Phường Yên Phụ")
        );
        assert_eq!(
            detect_legacy("Quaän Taây Hoà").as_deref(),
            Some("Quận Tây Hồ")
        );
        assert_eq!(
            detect_legacy("Xaõ Ñoâng Anh").as_deref(),
            Some("Xã Đông Anh")
        );
        // TCVN3 would read this "Vaờn hoựa - Xaừ hoọi".
        assert_eq!(
            detect("Vaên hoùa - Xaõ hoäi"),
            Some((Legacy::Vni, "Văn hóa - Xã hội".to_string()))
        );
    }

    #[test]
    fn unicode_text_is_left_alone() {
        for s in [
            "Phường Bưởi",
            "Hòa Bình",
            "Phuong Buoi",
            "Tô Hiến Thành",
            "Cà Mau",
            "Đạt",
            "",
            "12.993",
            "Ước 2023",
            "Quảng Ninh",
            "Sài Gòn",
            "Phú Thọ",
        ] {
            assert_eq!(detect_legacy(s), None, "{s}");
        }
    }

    proptest::proptest! {
        /// Text written in Unicode Vietnamese is never "converted".
        #[test]
        fn unicode_vietnamese_is_never_converted(
            s in "[a-zA-Z0-9 àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐƯƠ:.,-]{0,30}"
        ) {
            proptest::prop_assert_eq!(detect_legacy(&s), None);
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = detect(&s);
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "ø",
            "aø",
            "ôù",
            "öâ",
            "\u{ad}",
            "ÑÑÑ",
            "a\u{301}ø",
            "ê",
            "Yî",
        ] {
            let _ = detect(s);
        }
    }
}
