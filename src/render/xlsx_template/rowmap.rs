//! Row maps: where each template row went.

use super::refs::{Area, parse_part};

pub(super) type Path = Vec<(usize, usize)>;

/// Output rows in order (index + 1 = output row number), each with the
/// template row it copies and its loop iteration path.
#[derive(Debug, Clone)]
pub(super) struct RowMap {
    pub(super) out: Vec<(u32, Path)>,
    /// Last template row covered by `out`.
    pub(super) max_row: u32,
}

/// Two paths agree on every loop they both pass through.
pub(super) fn compatible(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    a.iter()
        .all(|(l, k)| b.iter().all(|(l2, k2)| l != l2 || k == k2))
}

pub(super) fn common(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

impl RowMap {
    pub(super) fn beyond(&self, r: u32) -> u32 {
        let delta = self.out.len() as i64 - self.max_row as i64;
        (r as i64 + delta).clamp(1, 1_048_576) as u32
    }

    /// The output row of template row `r` seen from a cell at `path`: the
    /// copy in the same iteration, else the first copy; a removed marker
    /// row maps to the row that now follows it.
    pub(super) fn row(&self, r: u32, path: &[(usize, usize)]) -> u32 {
        if r > self.max_row {
            return self.beyond(r);
        }
        let mut best: Option<(usize, usize)> = None;
        for (i, (o, p)) in self.out.iter().enumerate() {
            if *o == r && compatible(p, path) {
                let score = common(p, path);
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((i, score));
                }
            }
        }
        if let Some((i, _)) = best {
            return i as u32 + 1;
        }
        match self.out.iter().position(|(o, _)| *o > r) {
            Some(i) => i as u32 + 1,
            None => self.out.len().max(1) as u32,
        }
    }

    /// The output rows covered by template rows `r1..=r2` seen from `path`:
    /// a range over a loop body grows to cover every copy.
    pub(super) fn range(&self, r1: u32, r2: u32, path: &[(usize, usize)]) -> (u32, u32) {
        let (r1, r2) = (r1.min(r2), r1.max(r2));
        let start = if r1 > self.max_row {
            self.beyond(r1)
        } else {
            let first = self
                .out
                .iter()
                .position(|(o, p)| *o >= r1 && *o <= r2 && compatible(p, path));
            match first {
                Some(i) => i as u32 + 1,
                None => self.row(r1, path),
            }
        };
        let end = if r2 > self.max_row {
            self.beyond(r2)
        } else {
            let last = self
                .out
                .iter()
                .rposition(|(o, p)| *o >= r1 && *o <= r2 && compatible(p, path));
            match last {
                Some(i) => i as u32 + 1,
                None => self.row(r2, path),
            }
        };
        (start, end.max(start))
    }

    pub(super) fn map_area(&self, a: &mut Area, path: &[(usize, usize)]) {
        match a.r2.as_mut() {
            Some(r2) => {
                let (s, e) = self.range(a.r1.0, r2.0, path);
                a.r1.0 = s;
                r2.0 = e;
            }
            None => a.r1.0 = self.row(a.r1.0, path),
        }
    }

    /// A `sqref` list ("A1:B3 D7"): every part as a range, so a conditional
    /// format on a loop row covers every copy.
    pub(super) fn map_sqref(&self, sqref: &str) -> String {
        sqref
            .split_whitespace()
            .map(|part| {
                let ch: Vec<char> = part.chars().collect();
                let Some(((c1, r1), j)) = parse_part(&ch, 0) else {
                    return part.to_string();
                };
                let (c2, r2) = if ch.get(j) == Some(&':') {
                    match parse_part(&ch, j + 1) {
                        Some(((c2, r2), _)) => (c2, r2),
                        None => return part.to_string(),
                    }
                } else {
                    (c1, r1)
                };
                let (s, e) = self.range(r1.0, r2.0, &[]);
                let a = Area {
                    c1,
                    r1: (s, r1.1),
                    c2,
                    r2: Some((e, r2.1)),
                };
                if c1 == c2 && s == e {
                    Area {
                        c2: None,
                        r2: None,
                        ..a
                    }
                    .write()
                } else {
                    a.write()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub(super) fn map_single_ref(map: &RowMap, r: &str) -> String {
    let ch: Vec<char> = r.chars().collect();
    match parse_part(&ch, 0) {
        Some(((c, row), j)) if j == ch.len() => Area {
            c1: c,
            r1: (map.row(row.0, &[]), row.1),
            c2: None,
            r2: None,
        }
        .write(),
        _ => map.map_sqref(r),
    }
}

/// A merged range at every place its rows went: once per loop iteration
/// when it sits inside a loop body, else stretched over moved rows.
pub(super) fn map_merge(map: &RowMap, r: &str) -> Vec<String> {
    let ch: Vec<char> = r.chars().collect();
    let Some(((c1, r1), j)) = parse_part(&ch, 0) else {
        return vec![r.to_string()];
    };
    let Some(((c2, r2), _)) = (ch.get(j) == Some(&':'))
        .then(|| parse_part(&ch, j + 1))
        .flatten()
    else {
        return vec![r.to_string()];
    };
    let mut out = Vec::new();
    for (i, (o, p)) in map.out.iter().enumerate() {
        if *o != r1.0 {
            continue;
        }
        let s = i as u32 + 1;
        let e = map.row(r2.0, p);
        if e >= s {
            let a = Area {
                c1,
                r1: (s, r1.1),
                c2,
                r2: Some((e, r2.1)),
            };
            out.push(a.write());
        }
    }
    if out.is_empty() && r1.0 > map.max_row {
        let a = Area {
            c1,
            r1: (map.beyond(r1.0), r1.1),
            c2,
            r2: Some((map.beyond(r2.0), r2.1)),
        };
        out.push(a.write());
    }
    out
}
