//! Places: the names of China's administrative divisions (provinces, prefectures, counties
//! and districts, with Hong Kong's and Macao's), as the `gb2260` crate ships them from the
//! national standard GB/T 2260 (MIT licence), in full ("诸城市", "广西壮族自治区") and in
//! the short form hospital names use ("诸城", "广西"). Several revisions are read: a hospital
//! keeps its name when its county becomes a district (长乐市医院 after 长乐区).
//!
//! The crate only looks a code up, so the table is built once, on first use, by asking it
//! for every code that can exist under each province and prefecture that does.

use std::collections::HashSet;
use std::sync::LazyLock;

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

/// The longest place name looked for, in characters.
pub(super) const PLACE_CHARS: usize = 10;

/// Every full and short division name.
static PLACES: LazyLock<HashSet<String>> = LazyLock::new(load);

/// Whether `name` (Simplified script) is a division's full or short name.
pub(super) fn is_place(name: &str) -> bool {
    PLACES.contains(name)
}

fn load() -> HashSet<String> {
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
fn short_form(name: &str) -> Option<&str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divisions_are_known_in_full_and_short() {
        for name in [
            "诸城市",
            "诸城",
            "潍坊",
            "山东省",
            "山东",
            "北京",
            "定陶县",
            "定陶区",
            "长乐市",
            "长子县",
            "广西",
            "延边",
            "内蒙古",
            "海南",
            "武安",
        ] {
            assert!(is_place(name), "{name}");
        }
        for phrase in [
            "党建", "加强", "结合", "附属", "很多", "没有", "市里", "人民", "中心",
        ] {
            assert!(!is_place(phrase), "{phrase}");
        }
    }

    #[test]
    fn short_forms_drop_the_division_and_ethnic_group() {
        assert_eq!(short_form("诸城市"), Some("诸城"));
        assert_eq!(short_form("广西壮族自治区"), Some("广西"));
        assert_eq!(short_form("延边朝鲜族自治州"), Some("延边"));
        assert_eq!(short_form("沙县"), None);
    }
}
