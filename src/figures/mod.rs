//! District figures: aggregate, derive, evaluate.
