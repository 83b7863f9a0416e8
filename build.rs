//! Build script: writes the table of China's administrative division names that
//! `src/metadata/places.rs` searches (see `src/metadata/division_names.rs`), so that reading a
//! report does not spend tens of milliseconds asking the `gb2260` crate for every code; and,
//! on Linux, links the binary at a fixed address.
//!
//! A position-independent executable has each pointer in its static tables (the HTML
//! parser's atoms, encoding labels, the division names: about 40,000) patched by the dynamic
//! loader at every start, which touched some 200 pages and was over a third of the CPU time of
//! `reportdiff --version`. A fixed-address binary has them resolved at link time. What it
//! gives up is the randomized load address of the program itself (libraries, stack and heap
//! stay randomized); for a command-line tool that reads files, start-up counts for more, as
//! a git diff driver runs once per changed file.

use std::path::PathBuf;
use std::{env, fs};

#[path = "src/metadata/division_names.rs"]
#[allow(dead_code)]
mod division_names;

fn main() {
    println!("cargo::rerun-if-changed=src/metadata/division_names.rs");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if linux {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    let mut names: Vec<String> = division_names::all().into_iter().collect();
    names.sort();
    let mut table = String::from("pub(super) static PLACES: &[&str] = &[\n");
    for name in &names {
        table.push_str(&format!("    {name:?},\n"));
    }
    table.push_str("];\n");
    // Where the names that open with each character start in the sorted table: the first
    // step of a prefix search is then a look-up among characters, not strings.
    table.push_str("pub(super) static PLACE_FIRSTS: &[(char, u32)] = &[\n");
    let mut last = None;
    for (at, name) in names.iter().enumerate() {
        let first = name.chars().next();
        if first != last {
            let first = first.expect("division names are not empty");
            table.push_str(&format!("    ({first:?}, {at}),\n"));
            last = Some(first);
        }
    }
    table.push_str("];\n");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("places.rs");
    fs::write(&out, table).expect("OUT_DIR is writable");
}
