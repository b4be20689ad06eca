//! Ward sheets: finding the header row, the year columns and the reporting
//! unit, and parsing every value cell.

use super::Submission;
use crate::check::Problem;
use crate::review::Review;
use std::path::Path;

/// Read every file of `so-lieu/` (sorted by name), matching each to a unit
/// of the review or to the district itself. Problems of every kind are
/// collected, never stop the reading of other files.
pub fn read_all(review: &Review) -> (Vec<Submission>, Vec<Problem>) {
    let _ = review;
    todo!("read::ward::read_all")
}

/// Read one file. `rel` is its path relative to the review folder.
pub fn read_file(review: &Review, path: &Path, rel: &str) -> (Option<Submission>, Vec<Problem>) {
    let _ = (review, path, rel);
    todo!("read::ward::read_file")
}
