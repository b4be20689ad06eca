//! Percent-formatted cells of a legacy .xls (BIFF8) workbook.
//!
//! calamine does not expose xls number formats, so a 96,2% cell arrives as
//! 0.962 with no hint. This is a small second pass over the file: open the
//! OLE compound file, take its `Workbook` stream, and follow FORMAT → XF →
//! cell records to list the cells whose format shows a percent. It only
//! reads; anything unexpected (BIFF5, a damaged container) gives `None`
//! and the cells simply stay unmarked.

use super::grid::is_percent_format;
use std::collections::{HashMap, HashSet};

/// What the pass learns about an xls workbook.
#[derive(Debug, Default)]
pub(crate) struct XlsInfo {
    /// Percent cells (absolute row, column) by sheet name.
    pub percent: HashMap<String, HashSet<(u32, u32)>>,
    /// Sheets by the area (rows × columns) of the box around their value
    /// cells: what calamine will allocate densely.
    pub area: HashMap<String, u64>,
}

/// `None` when the file could not be analysed.
pub(crate) fn analyse(bytes: &[u8]) -> Option<XlsInfo> {
    let stream = Cfb::new(bytes)?.stream(&["Workbook", "Book"])?;
    scan_biff(&stream)
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}
fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;

/// The minimum of a compound file reader: FAT, directory, streams.
struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn new(bytes: &'a [u8]) -> Option<Self> {
        let shift = u16_at(bytes, 0x1E)? as u32;
        if shift != 9 && shift != 12 {
            return None;
        }
        let mut cfb = Cfb {
            bytes,
            shift,
            fat: Vec::new(),
        };
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + i * 4))
            .filter(|s| *s < END_OF_CHAIN)
            .collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let per = (1usize << shift) / 4;
        let mut guard = 0;
        while difat < END_OF_CHAIN && guard < 10_000 {
            let sec = cfb.sector(difat)?;
            for i in 0..per - 1 {
                let s = u32_at(sec, i * 4)?;
                if s < END_OF_CHAIN {
                    fat_sectors.push(s);
                }
            }
            difat = u32_at(sec, (per - 1) * 4)?;
            guard += 1;
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * per);
        for s in fat_sectors {
            let sec = cfb.sector(s)?;
            fat.extend((0..per).filter_map(|i| u32_at(sec, i * 4)));
        }
        cfb.fat = fat;
        Some(cfb)
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = (id as usize + 1).checked_mul(size)?;
        self.bytes.get(start..start + size)
    }

    fn chain(&self, mut id: u32, fat: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        while id != END_OF_CHAIN
            && id != FREE
            && (id as usize) < fat.len()
            && out.len() <= fat.len()
        {
            out.push(id);
            id = fat[id as usize];
        }
        out
    }

    fn read_chain(&self, start: u32) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for id in self.chain(start, &self.fat) {
            out.extend_from_slice(self.sector(id)?);
        }
        Some(out)
    }

    /// The first stream named one of `names` (top level, any case).
    fn stream(&self, names: &[&str]) -> Option<Vec<u8>> {
        let dir = self.read_chain(u32_at(self.bytes, 0x30)?)?;
        let entry = |i: usize| dir.get(i * 128..i * 128 + 128);
        let name_of = |e: &[u8]| {
            let len = (u16_at(e, 0x40).unwrap_or(0) as usize)
                .min(64)
                .saturating_sub(2)
                / 2;
            let units: Vec<u16> = (0..len).filter_map(|k| u16_at(e, k * 2)).collect();
            String::from_utf16_lossy(&units)
        };
        let root = entry(0)?;
        let count = dir.len() / 128;
        let found = (0..count)
            .filter_map(entry)
            .find(|e| e[0x42] == 2 && names.iter().any(|n| name_of(e).eq_ignore_ascii_case(n)))?;
        let start = u32_at(found, 0x74)?;
        let size = u32_at(found, 0x78)? as usize;
        let cutoff = u32_at(self.bytes, 0x38).unwrap_or(4096) as usize;
        let mut data = if size >= cutoff {
            self.read_chain(start)?
        } else {
            // Small streams live in 64-byte mini sectors inside the root's stream.
            let mini_stream = self.read_chain(u32_at(root, 0x74)?)?;
            let mini_fat_bytes = self.read_chain(u32_at(self.bytes, 0x3C)?)?;
            let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4)
                .filter_map(|i| u32_at(&mini_fat_bytes, i * 4))
                .collect();
            let mut out = Vec::new();
            for id in self.chain(start, &mini_fat) {
                let at = id as usize * 64;
                out.extend_from_slice(mini_stream.get(at..at + 64)?);
            }
            out
        };
        data.truncate(size);
        Some(data)
    }
}

/// Walk the BIFF8 records of the workbook stream.
fn scan_biff(s: &[u8]) -> Option<XlsInfo> {
    let mut custom_percent: HashMap<u16, bool> = HashMap::new();
    let mut xf_percent: Vec<bool> = Vec::new();
    let mut sheet_at: HashMap<u32, String> = HashMap::new();
    let mut out: HashMap<String, HashSet<(u32, u32)>> = HashMap::new();
    // (min row, max row, min col, max col) of value cells per sheet.
    let mut boxes: HashMap<String, (u32, u32, u32, u32)> = HashMap::new();
    let mut current: Option<String> = None;
    let mut pos = 0usize;
    let mut first = true;
    while pos + 4 <= s.len() {
        let typ = u16_at(s, pos)?;
        let len = u16_at(s, pos + 2)? as usize;
        let data = s.get(pos + 4..pos + 4 + len)?;
        if let (Some(name), 0x0203 | 0x027E | 0x0006 | 0x00FD | 0x0204 | 0x0205 | 0x00BD) =
            (&current, typ)
        {
            let row = u16_at(data, 0)? as u32;
            let col = u16_at(data, 2)? as u32;
            let last = if typ == 0x00BD {
                u16_at(data, len.saturating_sub(2))? as u32
            } else {
                col
            };
            let b = boxes.entry(name.clone()).or_insert((row, row, col, last));
            *b = (b.0.min(row), b.1.max(row), b.2.min(col), b.3.max(last));
        }
        match typ {
            0x0809 => {
                if first && u16_at(data, 0)? != 0x0600 {
                    return None; // not BIFF8
                }
                first = false;
                if let Some(name) = sheet_at.get(&(pos as u32)) {
                    current = Some(name.clone());
                }
            }
            0x0085 => {
                let at = u32_at(data, 0)?;
                let name = read_string(data, 7, data.get(6).copied()? as usize)?;
                sheet_at.insert(at, name);
            }
            0x041E => {
                let ifmt = u16_at(data, 0)?;
                let code = read_string(data, 4, u16_at(data, 2)? as usize).unwrap_or_default();
                custom_percent.insert(ifmt, is_percent_format(&code));
            }
            0x00E0 => {
                let ifmt = u16_at(data, 2)?;
                let pct = custom_percent
                    .get(&ifmt)
                    .copied()
                    .unwrap_or(matches!(ifmt, 9 | 10));
                xf_percent.push(pct);
            }
            0x0203 | 0x027E | 0x0006 => {
                if let Some(name) = &current {
                    let (row, col, xf) = (u16_at(data, 0)?, u16_at(data, 2)?, u16_at(data, 4)?);
                    if xf_percent.get(xf as usize).copied().unwrap_or(false) {
                        out.entry(name.clone())
                            .or_default()
                            .insert((row as u32, col as u32));
                    }
                }
            }
            0x00BD => {
                if let Some(name) = &current {
                    let row = u16_at(data, 0)?;
                    let first_col = u16_at(data, 2)?;
                    let n = data.len().saturating_sub(6) / 6;
                    for k in 0..n {
                        let xf = u16_at(data, 4 + k * 6)?;
                        if xf_percent.get(xf as usize).copied().unwrap_or(false) {
                            out.entry(name.clone())
                                .or_default()
                                .insert((row as u32, first_col as u32 + k as u32));
                        }
                    }
                }
            }
            _ => {}
        }
        pos += 4 + len;
    }
    let area = boxes
        .into_iter()
        .map(|(name, (r0, r1, c0, c1))| {
            (
                name,
                (r1 - r0 + 1) as u64 * (c1.saturating_sub(c0) + 1) as u64,
            )
        })
        .collect();
    Some(XlsInfo { percent: out, area })
}

/// An XLUnicodeString body: a flags byte at `flags_at` (bit 0: UTF-16,
/// else Latin-1 bytes), then `cch` characters.
fn read_string(data: &[u8], flags_at: usize, cch: usize) -> Option<String> {
    let flags = *data.get(flags_at)?;
    let body = flags_at + 1;
    if flags & 1 == 1 {
        let units: Vec<u16> = (0..cch)
            .filter_map(|k| u16_at(data, body + k * 2))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(
            data.get(body..body + cch)?
                .iter()
                .map(|&b| b as char)
                .collect(),
        )
    }
}
