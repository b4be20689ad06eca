//! Problems found while loading, reading, computing or rendering.
//!
//! Every problem carries both languages from the start, so `check --lang en`
//! and `ket-qua.json` (always Vietnamese) never need a second pass.

use serde::Serialize;

/// `loi` makes a figure impossible or untrustworthy (exit 1);
/// `canh_bao` is shown to the clerk but the report can still be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Loi,
    CanhBao,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Loi, Lang::Vi) => "lỗi",
            (Severity::CanhBao, Lang::Vi) => "cảnh báo",
            (Severity::Loi, Lang::En) => "error",
            (Severity::CanhBao, Lang::En) => "warning",
        }
    }
}

/// Where a problem arose, so that the build's last line names the real
/// cause (the data, the settings, a template, the disk) rather than always
/// blaming the data. Not serialised: `ket-qua.json` keeps its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Stage {
    /// Ward files, the catalog, the unit list: the figures themselves.
    #[default]
    Input,
    /// `soket.toml`.
    Settings,
    /// A Word or Excel template in `mau/` (or the built-in one).
    Template,
    /// Writing the outputs: the disk, permissions, a file open elsewhere.
    Output,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// Where a value came from: `so-lieu/buoi.xlsx!Sheet1!D7`, or
/// `so-lieu/bo de.csv!G3` for csv files, which have no sheet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Source {
    /// Path relative to the review folder, with `/` separators.
    pub file: String,
    pub sheet: Option<String>,
    pub cell: Option<String>,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, "!{s}")?;
        }
        if let Some(c) = &self.cell {
            write!(f, "!{c}")?;
        }
        Ok(())
    }
}

/// One problem, located as precisely as the input allows.
///
/// Serialized with the names of the template context (`van_de`):
/// `{muc_do, tep, trang, o, thong_diep}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub muc_do: Severity,
    /// File relative to the review folder, e.g. `so-lieu/buoi.xlsx`.
    pub tep: Option<String>,
    /// Sheet name; `None` for csv files and files that could not be opened.
    pub trang: Option<String>,
    /// Cell reference such as `D7`.
    pub o: Option<String>,
    /// The Vietnamese message.
    pub thong_diep: String,
    /// The English message (for `--lang en`).
    #[serde(skip)]
    pub message_en: String,
    /// Where it arose.
    #[serde(skip)]
    pub stage: Stage,
}

impl Problem {
    pub fn new(muc_do: Severity, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            muc_do,
            tep: None,
            trang: None,
            o: None,
            thong_diep: vi.into(),
            message_en: en.into(),
            stage: Stage::Input,
        }
    }
    pub fn loi(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(Severity::Loi, vi, en)
    }
    pub fn canh_bao(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(Severity::CanhBao, vi, en)
    }
    pub fn stage(mut self, stage: Stage) -> Self {
        self.stage = stage;
        self
    }
    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.tep = Some(file.into());
        self
    }
    pub fn sheet(mut self, sheet: Option<impl Into<String>>) -> Self {
        self.trang = sheet.map(Into::into);
        self
    }
    pub fn cell(mut self, cell: impl Into<String>) -> Self {
        self.o = Some(cell.into());
        self
    }
    /// Locate the problem at a value's source.
    pub fn at(mut self, src: &Source) -> Self {
        self.tep = Some(src.file.clone());
        self.trang = src.sheet.clone();
        self.o = src.cell.clone();
        self
    }
    pub fn is_error(&self) -> bool {
        self.muc_do == Severity::Loi
    }
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.thong_diep,
            Lang::En => &self.message_en,
        }
    }
    /// `so-lieu/buoi.xlsx!Sheet1!D7`, or as much of it as is known.
    pub fn location(&self) -> String {
        let mut s = self.tep.clone().unwrap_or_default();
        if let Some(t) = &self.trang {
            s.push('!');
            s.push_str(t);
        }
        if let Some(o) = &self.o {
            s.push('!');
            s.push_str(o);
        }
        s
    }
    /// One line for the terminal: `lỗi: so-lieu/buoi.xlsx!Sheet1!D7: …`.
    pub fn display(&self, lang: Lang) -> String {
        let loc = self.location();
        if loc.is_empty() {
            format!("{}: {}", self.muc_do.label(lang), self.message(lang))
        } else {
            format!(
                "{}: {}: {}",
                self.muc_do.label(lang),
                loc,
                self.message(lang)
            )
        }
    }
}
