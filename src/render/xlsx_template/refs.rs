//! Cell references in formulas: parsing and rewriting A1 references.

/// A reference as written: `$B$7`, `B7:D9`, `7:9` (rows only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Area {
    pub(super) c1: Option<(u32, bool)>,
    pub(super) r1: (u32, bool),
    pub(super) c2: Option<(u32, bool)>,
    pub(super) r2: Option<(u32, bool)>,
}

impl Area {
    pub(super) fn write(&self) -> String {
        let part = |c: Option<(u32, bool)>, r: (u32, bool)| {
            let mut s = String::new();
            if let Some((c, abs)) = c {
                if abs {
                    s.push('$');
                }
                s.push_str(&col_letters(c));
            }
            if r.1 {
                s.push('$');
            }
            s.push_str(&r.0.to_string());
            s
        };
        match self.r2 {
            Some(r2) => format!("{}:{}", part(self.c1, self.r1), part(self.c2, r2)),
            None => part(self.c1, self.r1),
        }
    }
}

pub(super) fn col_letters(col: u32) -> String {
    match col {
        0 => String::new(),
        c => rust_xlsxwriter::utility::column_number_to_name((c - 1) as u16),
    }
}

/// "B7" → (7, 2).
pub(super) fn parse_cell(s: &str) -> Option<(u32, u32)> {
    let chars: Vec<char> = s.chars().collect();
    let (a, end) = parse_part(&chars, 0)?;
    (end == chars.len()).then_some((a.1.0, a.0?.0))
}

/// `$?LETTERS$?DIGITS` or `$?DIGITS` at `i`: (col, row, next index).
#[allow(clippy::type_complexity)]
pub(super) fn parse_part(
    ch: &[char],
    mut i: usize,
) -> Option<((Option<(u32, bool)>, (u32, bool)), usize)> {
    let mut col = None;
    let start = i;
    let mut abs = false;
    if ch.get(i) == Some(&'$') {
        abs = true;
        i += 1;
    }
    let ls = i;
    while i < ch.len() && ch[i].is_ascii_alphabetic() {
        i += 1;
    }
    if i > ls {
        if i - ls > 3 {
            return None;
        }
        let mut c = 0u32;
        for l in &ch[ls..i] {
            c = c * 26 + (l.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
        }
        if c > 16384 {
            return None;
        }
        col = Some((c, abs));
        abs = false;
        if ch.get(i) == Some(&'$') {
            abs = true;
            i += 1;
        }
    } else if i > start && col.is_none() {
        // "$7": a row part.
    }
    let ds = i;
    while i < ch.len() && ch[i].is_ascii_digit() {
        i += 1;
    }
    if i == ds || i - ds > 7 {
        return None;
    }
    let row: u32 = ch[ds..i].iter().collect::<String>().parse().ok()?;
    if row == 0 || row > 1_048_576 {
        return None;
    }
    Some(((col, (row, abs)), i))
}

pub(super) fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.' || c == '$' || c == '\\'
}

/// Rewrite every A1 reference of `formula` for which `sheet_ok(prefix)`
/// holds (`None` = no sheet prefix) with `map`. String literals, function
/// names, defined names and column-only ranges are left alone.
pub(super) fn rewrite_refs(
    formula: &str,
    sheet_ok: impl Fn(Option<&str>) -> bool,
    mut map: impl FnMut(&mut Area),
) -> String {
    let ch: Vec<char> = formula.chars().collect();
    let mut out = String::with_capacity(formula.len() + 8);
    let mut i = 0;
    let try_area = |i: usize| -> Option<(Area, usize)> {
        let ((c1, r1), mut j) = parse_part(&ch, i)?;
        let mut area = Area {
            c1,
            r1,
            c2: None,
            r2: None,
        };
        if ch.get(j) == Some(&':')
            && let Some(((c2, r2), k)) = parse_part(&ch, j + 1)
            && c1.is_some() == c2.is_some()
        {
            area.c2 = c2;
            area.r2 = Some(r2);
            j = k;
        }
        if c1.is_none() && area.r2.is_none() {
            return None; // a plain number
        }
        if j < ch.len() && (is_ident(ch[j]) || ch[j] == '(' || ch[j] == '!' || ch[j] == '[') {
            return None; // a function or a name that merely starts like a reference
        }
        Some((area, j))
    };
    while i < ch.len() {
        let c = ch[i];
        if c == '"' {
            let mut j = i + 1;
            while j < ch.len() {
                if ch[j] == '"' {
                    if ch.get(j + 1) == Some(&'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            let end = (j + 1).min(ch.len());
            out.extend(&ch[i..end]);
            i = end;
            continue;
        }
        if c == '\'' {
            let mut j = i + 1;
            let mut name = String::new();
            while j < ch.len() {
                if ch[j] == '\'' {
                    if ch.get(j + 1) == Some(&'\'') {
                        name.push('\'');
                        j += 2;
                        continue;
                    }
                    break;
                }
                name.push(ch[j]);
                j += 1;
            }
            let end = (j + 1).min(ch.len());
            out.extend(&ch[i..end]);
            i = end;
            if ch.get(i) == Some(&'!') {
                out.push('!');
                i += 1;
                if let Some((mut a, j)) = try_area(i) {
                    if sheet_ok(Some(&name)) {
                        map(&mut a);
                        out.push_str(&a.write());
                    } else {
                        out.extend(&ch[i..j]);
                    }
                    i = j;
                }
            }
            continue;
        }
        let boundary = i == 0 || !(is_ident(ch[i - 1]) || ch[i - 1] == '!' || ch[i - 1] == ':');
        if boundary && (is_ident(c)) {
            let mut j = i;
            while j < ch.len() && is_ident(ch[j]) {
                j += 1;
            }
            if ch.get(j) == Some(&'!') {
                let sheet: String = ch[i..j].iter().collect();
                out.push_str(&sheet);
                out.push('!');
                let k = j + 1;
                if let Some((mut a, e)) = try_area(k) {
                    if sheet_ok(Some(&sheet)) {
                        map(&mut a);
                        out.push_str(&a.write());
                    } else {
                        out.extend(&ch[k..e]);
                    }
                    i = e;
                } else {
                    i = k;
                }
                continue;
            }
            if let Some((mut a, e)) = try_area(i) {
                if sheet_ok(None) {
                    map(&mut a);
                    out.push_str(&a.write());
                } else {
                    out.extend(&ch[i..e]);
                }
                i = e;
                continue;
            }
            out.extend(&ch[i..j]);
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Move every relative part of a shared formula by (dr, dc): the text of a
/// shared formula's child cell.
pub(super) fn offset_formula(formula: &str, dr: i64, dc: i64) -> String {
    let shift = |v: u32, d: i64, max: i64| (v as i64 + d).clamp(1, max) as u32;
    rewrite_refs(
        formula,
        |_| true,
        |a| {
            if !a.r1.1 {
                a.r1.0 = shift(a.r1.0, dr, 1_048_576);
            }
            if let Some(r2) = a.r2.as_mut().filter(|r| !r.1) {
                r2.0 = shift(r2.0, dr, 1_048_576);
            }
            for c in [a.c1.as_mut(), a.c2.as_mut()].into_iter().flatten() {
                if !c.1 {
                    c.0 = shift(c.0, dc, 16384);
                }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_outside_strings_and_names() {
        let shift = |f: &str| {
            rewrite_refs(
                f,
                |s| s.is_none_or(|s| s == "Báo cáo"),
                |a| {
                    a.r1.0 += 10;
                    if let Some(r) = a.r2.as_mut() {
                        r.0 += 10;
                    }
                },
            )
        };
        assert_eq!(shift("SUM(D7:D9)+$A$1"), "SUM(D17:D19)+$A$11");
        assert_eq!(shift("\"A1\"&B2"), "\"A1\"&B12");
        assert_eq!(shift("LOG10(A1)"), "LOG10(A11)");
        assert_eq!(
            shift("'Báo cáo'!C3+Khac!C3+'Khác'!C3"),
            "'Báo cáo'!C13+Khac!C3+'Khác'!C3"
        );
        assert_eq!(
            shift("SUM(5:7)+SUM(A:A)+1.5E3"),
            "SUM(15:17)+SUM(A:A)+1.5E3"
        );
        assert_eq!(shift("Table1[Cột]+ABC1234X"), "Table1[Cột]+ABC1234X");
    }

    #[test]
    fn shared_formulas_move_their_relative_parts() {
        assert_eq!(offset_formula("B2*C$2+$D2", 3, 1), "C5*D$2+$D5");
    }
}
