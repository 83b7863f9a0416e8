//! End-to-end tests of the `reportdiff` command line: stdout, stderr and exit status together.

mod align;
mod common;
mod compare;
mod diff_cli;
mod editions;
mod exits;
mod front;
mod golden;
mod ingest_report;
mod layers;
mod metrics;
mod normalize;
mod pages;
mod readme;
mod review;
mod segment;
mod shell;
mod store;
mod watch;
