//! The names of China's administrative divisions, read from the `gb2260` crate (the national
//! standard GB/T 2260, MIT licence) in full ("诸城市", "广西壮族自治区") and in the short form
//! hospital names use ("诸城", "广西"). Several revisions are read: a hospital keeps its name
//! when its county becomes a district (长乐市医院 after 长乐区).
//!
//! The crate only looks a code up, and asking it for every code that can exist takes tens of
//! milliseconds, so `build.rs` runs this file once at build time and writes the sorted table
//! that `places.rs` searches; the library compiles it only for its tests.

use std::collections::HashSet;

use gb2260::Division;

/// The revisions read: the latest, and older ones for names that have since changed.
const REVISIONS: &[&str] = &[
    "201607",
    "201010",
    "200506",
    "200212",
    "hongkong-201512",
    "macao-201512",
];

/// Endings of division names, longest first, cut to give the short form ("诸城市" -> "诸城").
#[rustfmt::skip]
const DIVISION_ENDINGS: &[&str] = &[
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "县", "区",
    "盟", "旗",
];

/// Every full and short division name, by asking the crate for every code that can exist
/// under each province and prefecture that does.
pub fn all() -> HashSet<String> {
    let mut places = HashSet::new();
    let mut add = |name: &str| {
        // Placeholders, not places: "市辖区", "县", "省直辖县级行政区划".
        if name.contains('辖') || name.chars().count() < 2 {
            return;
        }
        places.insert(name.to_string());
        if let Some(short) = short_form(name) {
            places.insert(short.to_string());
        }
    };
    let get = |code: String, revision: &str| Division::get_by_revision(&code, revision);
    for revision in REVISIONS {
        for province in 11..=99u32 {
            let Some(p) = get(format!("{province:02}0000"), revision) else {
                continue;
            };
            add(p.name);
            for prefecture in 0..100u32 {
                let prefecture_code = format!("{province:02}{prefecture:02}00");
                let found = get(prefecture_code, revision);
                if prefecture > 0 && found.is_none() {
                    continue;
                }
                if let Some(d) = found.filter(|_| prefecture > 0) {
                    add(d.name);
                }
                for county in 1..100u32 {
                    if let Some(d) =
                        get(format!("{province:02}{prefecture:02}{county:02}"), revision)
                    {
                        add(d.name);
                    }
                }
            }
        }
    }
    places
}

/// "诸城市" -> "诸城", "广西壮族自治区" -> "广西"; none when less than two characters would
/// be left, or an ethnic group's name would stay in it ("黔东南苗族侗族自治州").
pub fn short_form(name: &str) -> Option<&str> {
    let ending = DIVISION_ENDINGS.iter().find(|e| name.ends_with(*e))?;
    let mut short = &name[..name.len() - ending.len()];
    if ending.starts_with("自治")
        && let Some(at) = short.find('族')
    {
        // "广西壮族", "延边朝鲜族", "新疆维吾尔族": the place is the two characters before
        // the group's name.
        let before: Vec<(usize, char)> = short[..at].char_indices().collect();
        short = match before.len() {
            3..=5 => &short[..before[2].0],
            _ => return None,
        };
    }
    // "市中" (of 市中区) would read 市中医院 as a place and 医院.
    let marker_first = short.starts_with(['市', '县', '区', '省', '乡', '镇']);
    (short.chars().count() >= 2 && !short.contains('族') && !marker_first).then_some(short)
}
