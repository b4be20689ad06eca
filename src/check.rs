//! Problems found while loading, reading, computing or rendering.
//!
//! A problem is data — its severity, its [`Kind`] (what went wrong, with
//! the cell text, the code, the nearest name …) and its [`Location`] —
//! and its words are rendered from the kind in one place
//! ([`message`]), in Vietnamese or English. So no code needs to read
//! a message to know what a problem is (it matches the kind), duplicates
//! are found by kind and place, and `--lang en` reaches every message
//! without a second list of strings.

mod message;

pub use message::{
    CatalogDiff, CellTextError, Column, Element, Expected, FiguresKind, FilterError, Found,
    Implausible, Kind, LockHolder, Need, NotNumber, Overflow, PartError, PeriodColumn, RangeError,
    Refusal, RowTagError, RunKind, SettingsKind, SheetKind, Step, Table, TableKind, TargetError,
    TemplateKind, Unfilled, ValueKind, WeightPlace, WordKind,
};

use serde::{Deserialize, Serialize};

/// `loi` makes a figure impossible or untrustworthy (exit 1);
/// `canh_bao` is shown to the clerk but the report can still be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// The place of a problem inside its file, below the sheet or part: a
/// cell (`D7`, the same in every language), or a place whose words are
/// rendered in the run's language (`dòng 6` / `line 6`), so that
/// `--lang en` reaches the location as well as the message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    /// A cell reference (`D7`) or a name written as is.
    Cell(String),
    /// A line of a text file (`soket.toml`), from 1.
    Line(usize),
    /// A cell of a Word table: the table, its row and the cell, from 1.
    TableCell {
        table: usize,
        row: usize,
        cell: usize,
    },
    /// A Word paragraph, by its first words (40 characters, then `…`).
    Paragraph(String),
    /// A document property, by its element (`dc:title`).
    Property(String),
}

impl Place {
    /// The paragraph whose text is `text`, by its first 40 characters.
    pub fn paragraph(text: &str) -> Place {
        let shown: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut short: String = shown.chars().take(40).collect();
        if shown.chars().count() > 40 {
            short.push('…');
        }
        Place::Paragraph(short)
    }

    /// The place in `lang`: `D7`, `dòng 6`, `bảng 2, hàng 3, ô 4`,
    /// `đoạn "…"` (`line 6`, `table 2, row 3, cell 4`, `paragraph "…"`).
    pub fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Place::Cell(c) => c.clone(),
            Place::Line(n) if vi => format!("dòng {n}"),
            Place::Line(n) => format!("line {n}"),
            Place::TableCell { table, row, cell } if vi => {
                format!("bảng {table}, hàng {row}, ô {cell}")
            }
            Place::TableCell { table, row, cell } => {
                format!("table {table}, row {row}, cell {cell}")
            }
            Place::Paragraph(words) if vi => format!("đoạn \"{words}\""),
            Place::Paragraph(words) => format!("paragraph \"{words}\""),
            Place::Property(element) => {
                let (v, e) = match element.as_str() {
                    "dc:title" => ("tiêu đề", "title"),
                    "dc:subject" => ("chủ đề", "subject"),
                    "dc:creator" => ("tác giả", "author"),
                    "dc:description" => ("ghi chú", "description"),
                    "dc:identifier" => ("mã định danh", "identifier"),
                    "dc:language" => ("ngôn ngữ", "language"),
                    other => (other, other),
                };
                (if vi { v } else { e }).to_string()
            }
        }
    }
}

impl From<String> for Place {
    fn from(cell: String) -> Place {
        Place::Cell(cell)
    }
}

impl From<&str> for Place {
    fn from(cell: &str) -> Place {
        Place::Cell(cell.to_string())
    }
}

impl From<&String> for Place {
    fn from(cell: &String) -> Place {
        Place::Cell(cell.clone())
    }
}

/// Where a problem is: one type for every stage, so that a problem says
/// both what is at fault (the stage: the data, the settings, a template,
/// the disk) and where, and the build's last line can name the real cause.
///
/// Each part is optional because a problem is located as precisely as is
/// known: a whole file, a sheet, a cell; a template, its part, a place in
/// it. A problem serialises it as the context's `tep`, `trang`, `o` (see
/// [`Problem`]); the manifest stores it whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Location {
    /// An input file (a unit sheet, the catalog, the unit list): file,
    /// sheet (`None` for csv), cell (`D7`).
    Input {
        file: Option<String>,
        sheet: Option<String>,
        cell: Option<Place>,
    },
    /// `soket.toml` and where in it (a line, or a catalog's cell).
    Settings {
        file: Option<String>,
        at: Option<Place>,
    },
    /// A Word or Excel template (or the built-in one): its file, its part
    /// (`document`, `xl/worksheets/sheet1.xml`) and the place in it (a
    /// cell `B4`, `bảng 2, hàng 3, ô 4`, a paragraph's first words).
    Template {
        file: Option<String>,
        part: Option<String>,
        at: Option<Place>,
    },
    /// An output file or folder that could not be written.
    Output { path: Option<String> },
}

impl Default for Location {
    fn default() -> Self {
        Location::Input {
            file: None,
            sheet: None,
            cell: None,
        }
    }
}

impl Location {
    /// The stage the location belongs to.
    pub fn stage(&self) -> Stage {
        match self {
            Location::Input { .. } => Stage::Input,
            Location::Settings { .. } => Stage::Settings,
            Location::Template { .. } => Stage::Template,
            Location::Output { .. } => Stage::Output,
        }
    }

    /// The same place under another stage (a settings problem found by
    /// the generic table reader, a template problem built by a renderer).
    pub fn in_stage(self, stage: Stage) -> Location {
        let (file, middle, at) = self.parts();
        match stage {
            Stage::Input => Location::Input {
                file,
                sheet: middle,
                cell: at,
            },
            Stage::Settings => Location::Settings { file, at },
            Stage::Template => Location::Template {
                file,
                part: middle,
                at,
            },
            Stage::Output => Location::Output { path: file },
        }
    }

    /// (file, sheet or part, cell or place).
    fn parts(self) -> (Option<String>, Option<String>, Option<Place>) {
        match self {
            Location::Input { file, sheet, cell } => (file, sheet, cell),
            Location::Settings { file, at } => (file, None, at),
            Location::Template { file, part, at } => (file, part, at),
            Location::Output { path } => (path, None, None),
        }
    }

    /// The file (or output path).
    pub fn file(&self) -> Option<&str> {
        match self {
            Location::Input { file, .. }
            | Location::Settings { file, .. }
            | Location::Template { file, .. } => file.as_deref(),
            Location::Output { path } => path.as_deref(),
        }
    }

    /// The sheet of an input, the part of a template.
    pub fn sheet(&self) -> Option<&str> {
        match self {
            Location::Input { sheet, .. } => sheet.as_deref(),
            Location::Template { part, .. } => part.as_deref(),
            _ => None,
        }
    }

    /// The cell of an input, the place in a template or the settings.
    pub fn cell(&self) -> Option<&Place> {
        match self {
            Location::Input { cell, .. } => cell.as_ref(),
            Location::Settings { at, .. } | Location::Template { at, .. } => at.as_ref(),
            Location::Output { .. } => None,
        }
    }

    fn set_file(&mut self, value: String) {
        match self {
            Location::Input { file, .. }
            | Location::Settings { file, .. }
            | Location::Template { file, .. } => *file = Some(value),
            Location::Output { path } => *path = Some(value),
        }
    }

    fn set_sheet(&mut self, value: Option<String>) {
        match self {
            Location::Input { sheet, .. } => *sheet = value,
            Location::Template { part, .. } => *part = value,
            _ => {}
        }
    }

    fn set_cell(&mut self, value: Place) {
        match self {
            Location::Input { cell, .. } => *cell = Some(value),
            Location::Settings { at, .. } | Location::Template { at, .. } => *at = Some(value),
            Location::Output { .. } => {}
        }
    }
}

/// One problem, located as precisely as the input allows.
///
/// Serialized with the names of the template context (`van_de`):
/// `{muc_do, tep, trang, o, thong_diep}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Serialised as `muc_do`.
    pub severity: Severity,
    /// What went wrong, with its data; the words come from
    /// [`Kind::render`].
    pub kind: Kind,
    /// Where it is, and so at which stage it arose.
    pub location: Location,
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Problem", 5)?;
        st.serialize_field("muc_do", &self.severity)?;
        st.serialize_field("tep", &self.tep())?;
        st.serialize_field("trang", &self.trang())?;
        st.serialize_field("o", &self.o())?;
        st.serialize_field("thong_diep", &self.thong_diep())?;
        st.end()
    }
}

impl Problem {
    /// A problem of `kind`, not yet located.
    pub fn of(severity: Severity, kind: Kind) -> Self {
        Problem {
            severity,
            kind,
            location: Location::default(),
        }
    }
    /// An error of `kind`.
    pub fn error(kind: Kind) -> Self {
        Self::of(Severity::Loi, kind)
    }
    /// A warning of `kind`.
    pub fn warning(kind: Kind) -> Self {
        Self::of(Severity::CanhBao, kind)
    }
    /// The same problem, at the same place, belonging to `stage`.
    pub fn stage(mut self, stage: Stage) -> Self {
        self.location = self.location.in_stage(stage);
        self
    }
    /// Where it arose: the data, the settings, a template, the disk.
    pub fn stage_of(&self) -> Stage {
        self.location.stage()
    }
    /// The file (input, settings, template) or output path.
    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.location.set_file(file.into());
        self
    }
    /// The sheet of an input, the part of a template.
    pub fn sheet(mut self, sheet: Option<impl Into<String>>) -> Self {
        self.location.set_sheet(sheet.map(Into::into));
        self
    }
    /// The cell of an input, the place in a template or the settings.
    pub fn cell(mut self, cell: impl Into<Place>) -> Self {
        self.location.set_cell(cell.into());
        self
    }
    /// Locate the problem at a value's source.
    pub fn at(mut self, src: &Source) -> Self {
        self.location = Location::Input {
            file: Some(src.file.clone()),
            sheet: src.sheet.clone(),
            cell: src.cell.clone().map(Place::Cell),
        }
        .in_stage(self.location.stage());
        self
    }
    /// `tep` of the context: the file.
    pub fn tep(&self) -> Option<&str> {
        self.location.file()
    }
    /// `trang` of the context: the sheet (or a template's part).
    pub fn trang(&self) -> Option<&str> {
        self.location.sheet()
    }
    /// `o` of the context: the cell (or the place in a template), in
    /// Vietnamese.
    pub fn o(&self) -> Option<String> {
        self.o_in(Lang::Vi)
    }
    /// The cell or place in `lang`.
    pub fn o_in(&self, lang: Lang) -> Option<String> {
        self.location.cell().map(|p| p.text(lang))
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Loi
    }
    /// The message in `lang`, rendered from the kind.
    pub fn message(&self, lang: Lang) -> String {
        self.kind.render(lang)
    }
    /// The Vietnamese message (`thong_diep` of the context).
    pub fn thong_diep(&self) -> String {
        self.kind.render(Lang::Vi)
    }
    /// The English message (for `--lang en`).
    pub fn message_en(&self) -> String {
        self.kind.render(Lang::En)
    }
    /// `so-lieu/buoi.xlsx!Sheet1!D7`, or as much of it as is known, its
    /// place in `lang`.
    pub fn where_in(&self, lang: Lang) -> String {
        let mut s = self.tep().unwrap_or_default().to_string();
        if let Some(t) = self.trang() {
            s.push('!');
            s.push_str(t);
        }
        if let Some(o) = self.o_in(lang) {
            s.push('!');
            s.push_str(&o);
        }
        s
    }
    /// [`Problem::where_in`] in Vietnamese.
    pub fn where_text(&self) -> String {
        self.where_in(Lang::Vi)
    }
    /// One line for the terminal: `lỗi: so-lieu/buoi.xlsx!Sheet1!D7: …`.
    pub fn display(&self, lang: Lang) -> String {
        let loc = self.where_in(lang);
        if loc.is_empty() {
            format!("{}: {}", self.severity.label(lang), self.message(lang))
        } else {
            format!(
                "{}: {}: {}",
                self.severity.label(lang),
                loc,
                self.message(lang)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_keeps_its_place_across_stages_and_names_its_stage() {
        let p = Problem::error(Kind::Template(TemplateKind::ExcelNoWorkbook))
            .stage(Stage::Template)
            .file("mau/bao-cao.docx")
            .sheet(Some("document"))
            .cell(Place::TableCell {
                table: 2,
                row: 3,
                cell: 4,
            });
        assert_eq!(p.stage_of(), Stage::Template);
        assert_eq!(
            p.location,
            Location::Template {
                file: Some("mau/bao-cao.docx".into()),
                part: Some("document".into()),
                at: Some(Place::TableCell {
                    table: 2,
                    row: 3,
                    cell: 4
                }),
            }
        );
        assert_eq!(
            p.display(Lang::Vi),
            "lỗi: mau/bao-cao.docx!document!bảng 2, hàng 3, ô 4: mẫu Excel thiếu xl/workbook.xml"
        );
        let s = Problem::warning(Kind::Settings(SettingsKind::NoDistrictName))
            .file("soket.toml")
            .cell(Place::Line(6))
            .stage(Stage::Settings);
        assert_eq!(
            (s.stage_of(), s.tep(), s.trang(), s.o().as_deref()),
            (Stage::Settings, Some("soket.toml"), None, Some("dòng 6"))
        );
        let src = Source {
            file: "so-lieu/buoi.xlsx".into(),
            sheet: Some("Sheet1".into()),
            cell: Some("D7".into()),
        };
        assert_eq!(
            Problem::error(Kind::EmptyFile).at(&src).where_text(),
            src.to_string()
        );
    }

    #[test]
    fn a_place_is_written_in_the_run_s_language_and_a_cell_as_it_is() {
        let cases = [
            (Place::Cell("D7".into()), "D7", "D7"),
            (Place::Line(6), "dòng 6", "line 6"),
            (
                Place::TableCell {
                    table: 2,
                    row: 3,
                    cell: 4,
                },
                "bảng 2, hàng 3, ô 4",
                "table 2, row 3, cell 4",
            ),
            (
                Place::paragraph("Tổng thu  ngân sách\n nhà nước trên địa bàn đạt {{ x }}"),
                "đoạn \"Tổng thu ngân sách nhà nước trên địa bàn…\"",
                "paragraph \"Tổng thu ngân sách nhà nước trên địa bàn…\"",
            ),
            (Place::Property("dc:title".into()), "tiêu đề", "title"),
        ];
        for (place, vi, en) in cases {
            assert_eq!(place.text(Lang::Vi), vi, "{place:?}");
            assert_eq!(place.text(Lang::En), en, "{place:?}");
        }
        let p = Problem::warning(Kind::Settings(SettingsKind::NoDistrictName))
            .file("soket.toml")
            .cell(Place::Line(6))
            .stage(Stage::Settings);
        assert_eq!(
            p.display(Lang::En),
            format!("warning: soket.toml!line 6: {}", p.message(Lang::En))
        );
        assert_eq!(
            p.display(Lang::Vi),
            format!("cảnh báo: soket.toml!dòng 6: {}", p.message(Lang::Vi))
        );
    }

    #[test]
    fn a_problem_serialises_with_the_context_names_only() {
        let p = Problem::error(Kind::EmptyFile)
            .file("so-lieu/buoi.xlsx")
            .sheet(Some("Sheet1"))
            .cell("D7");
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"muc_do":"loi","tep":"so-lieu/buoi.xlsx","trang":"Sheet1","o":"D7","thong_diep":"tệp rỗng (0 byte): hãy gửi lại tệp số liệu"}"#
        );
    }
}
