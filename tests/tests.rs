//! End-to-end tests of the `reportdiff` command line: stdout, stderr and exit status together.

mod common;
mod front;
mod normalize;
