//! "Ý bạn là …?" ("did you mean …?"): one rule for every misspelt name.
//!
//! Settings keys, catalog codes, unit names, names in Word and Excel
//! templates and filter names all use [`nearest`] and [`hint`], so one typo
//! gets the same suggestion, written the same way, wherever it is made.
//!
//! The rule: compare case-folded, by Damerau–Levenshtein distance (a swap
//! of two letters is one edit, the usual typo). A candidate is a typo of the
//! word when one edit apart, or at least half similar with no more edits
//! than half the word's letters (so `tong_cong` is not taken for
//! `trung_binh`); the most similar wins, the first listed on a tie; a
//! candidate equal to the word is never suggested.

/// Least similarity (0–1) for a candidate to be suggested.
pub const MIN_SIMILARITY: f64 = 0.5;

/// The candidate closest to `word`, if it is close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest_by(word, candidates, |c| c.to_string())
}

/// Like [`nearest`] over any items, compared through `key` (e.g. a unit's
/// folded name), returning the item.
pub fn nearest_by<T>(
    word: &str,
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> String,
) -> Option<T> {
    let folded = word.to_lowercase();
    let letters = folded.chars().count();
    let mut best: Option<(f64, T)> = None;
    for item in items {
        let k = key(&item);
        if k == word {
            continue;
        }
        let k = k.to_lowercase();
        let edits = strsim::damerau_levenshtein(&folded, &k);
        let score = strsim::normalized_damerau_levenshtein(&folded, &k);
        let typo = edits <= 1 || (score >= MIN_SIMILARITY && edits * 2 <= letters);
        if typo && best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, item));
        }
    }
    best.map(|(_, item)| item)
}

/// ` (ý bạn là "h"?)` and ` (did you mean "h"?)` for a hint, else two empty
/// strings: the tail of a "not known" message.
pub fn hint(hint: Option<&str>) -> (String, String) {
    match hint {
        Some(h) => (
            format!(" (ý bạn là \"{h}\"?)"),
            format!(" (did you mean \"{h}\"?)"),
        ),
        None => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_gets_the_nearest_name_and_a_different_name_gets_none() {
        let known = [
            "nam_goc",
            "nam_bao_cao",
            "ty_le",
            "KT01",
            "GD01",
            "trung_binh",
        ];
        let cases = [
            ("nam_gocc", Some("nam_goc")),
            ("ty_lee", Some("ty_le")),
            ("kt02", Some("KT01")),
            ("ytle", Some("ty_le")),
            ("hoan_toan_khac", None),
            ("tong_cong", None),
            ("ty_le", None),
        ];
        for (word, want) in cases {
            assert_eq!(nearest(word, known), want, "{word}");
        }
    }

    #[test]
    fn the_hint_reads_the_same_in_both_languages() {
        assert_eq!(
            hint(Some("ty_le")),
            (
                " (ý bạn là \"ty_le\"?)".to_string(),
                " (did you mean \"ty_le\"?)".to_string()
            )
        );
        assert_eq!(hint(None), (String::new(), String::new()));
    }
}
