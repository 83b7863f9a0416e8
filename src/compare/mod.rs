//! Compare: the reports of several hospitals side by side.
//!
//! [`names`] masks each hospital's own names and places, so that sentences of different
//! hospitals written from one template read the same.

pub mod names;

pub use names::HospitalNames;
