//! End-to-end tests of the `reportdiff` command line: stdout, stderr and exit status together.

mod align;
mod common;
mod compare;
mod diff_cli;
mod front;
mod golden;
mod metrics;
mod normalize;
mod review;
mod segment;
mod store;
