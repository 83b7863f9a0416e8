//! Build script: writes the table of China's administrative division names that
//! `src/metadata/places.rs` searches (see `src/metadata/division_names.rs`), so that reading a
//! report does not spend tens of milliseconds asking the `gb2260` crate for every code.

use std::path::PathBuf;
use std::{env, fs};

#[path = "src/metadata/division_names.rs"]
#[allow(dead_code)]
mod division_names;

fn main() {
    println!("cargo::rerun-if-changed=src/metadata/division_names.rs");
    let mut names: Vec<String> = division_names::all().into_iter().collect();
    names.sort();
    let mut table = String::from("pub(super) static PLACES: &[&str] = &[\n");
    for name in &names {
        table.push_str(&format!("    {name:?},\n"));
    }
    table.push_str("];\n");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("places.rs");
    fs::write(&out, table).expect("OUT_DIR is writable");
}
