//! The unit list (`don-vi.xlsx` / `.csv`): the wards that must report.

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// One reporting unit, in the order of `don-vi`.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub ma: String,
    /// "Phường Bưởi".
    pub ten: String,
    /// Extra numeric columns (`DAN_SO` → population), for weighted means.
    pub weights: BTreeMap<String, Decimal>,
    /// Row in the unit file (1-based).
    pub row: usize,
}
