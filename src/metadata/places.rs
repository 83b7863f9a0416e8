//! Places: is a name one of China's administrative divisions (provinces, prefectures,
//! counties and districts, with Hong Kong's and Macao's), in full or in its short form? The
//! table is built from the `gb2260` crate at build time (`division_names.rs`, run by
//! `build.rs`), so reading a report costs no start-up work for it.

// The generated tables: `PLACES`, every full and short division name, sorted, and
// `PLACE_FIRSTS`, each first character of a name with the index of its first name there.
include!(concat!(env!("OUT_DIR"), "/places.rs"));

/// The longest place name looked for, in characters.
pub(super) const PLACE_CHARS: usize = 10;

/// Whether `name` (Simplified script) is a division's full or short name.
#[cfg(test)]
pub(super) fn is_place(name: &str) -> bool {
    PLACES.binary_search(&name).is_ok()
}

/// The lengths in bytes of the places `text` (Simplified script) opens with, shortest
/// first, up to [`PLACE_CHARS`] characters. The names that start with a prefix are a run of
/// the sorted table; each longer prefix narrows the run, and the search ends as soon as no
/// name starts with the prefix, so most starts cost one or two binary searches.
pub(super) fn leading_places(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut run: &[&str] = text.chars().next().map_or(&[], names_opening_with);
    text.char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .take(PLACE_CHARS)
        .map_while(move |end| {
            let prefix = &text[..end];
            let first = run.partition_point(|name| *name < prefix);
            run = &run[first..];
            let len = run.partition_point(|name| name.starts_with(prefix));
            run = &run[..len];
            (!run.is_empty()).then(|| (run[0] == prefix).then_some(end))
        })
        .flatten()
}

/// The run of the sorted table whose names open with `first`.
fn names_opening_with(first: char) -> &'static [&'static str] {
    let Ok(at) = PLACE_FIRSTS.binary_search_by_key(&first, |&(c, _)| c) else {
        return &[];
    };
    let start = PLACE_FIRSTS[at].1 as usize;
    let end = PLACE_FIRSTS
        .get(at + 1)
        .map_or(PLACES.len(), |&(_, next)| next as usize);
    &PLACES[start..end]
}

#[cfg(test)]
mod tests {
    use super::super::division_names::{all, short_form};
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
    fn leading_places_are_every_place_a_text_opens_with() {
        let lengths: Vec<&str> = leading_places("山东省潍坊市人民医院")
            .map(|len| &"山东省潍坊市人民医院"[..len])
            .collect();
        assert_eq!(lengths, ["山东", "山东省"]);
        assert_eq!(leading_places("党建引领").count(), 0);
        assert_eq!(leading_places("").count(), 0);
        // Every prefix that is a place is found, whatever follows it.
        for text in ["诸城市人民医院", "内蒙古自治区", "长乐市中医院", "延边大学"]
        {
            let expected: Vec<usize> = text
                .char_indices()
                .map(|(at, c)| at + c.len_utf8())
                .take(PLACE_CHARS)
                .filter(|&end| is_place(&text[..end]))
                .collect();
            assert_eq!(leading_places(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn names_are_found_by_their_first_character() {
        for (first, _) in PLACE_FIRSTS {
            let names = names_opening_with(*first);
            assert!(!names.is_empty());
            assert!(names.iter().all(|n| n.starts_with(*first)), "{first}");
        }
        let total: usize = PLACE_FIRSTS
            .iter()
            .map(|(first, _)| names_opening_with(*first).len())
            .sum();
        assert_eq!(total, PLACES.len());
        assert!(names_opening_with('的').is_empty());
    }

    #[test]
    fn the_built_table_is_what_the_crate_gives() {
        let mut names: Vec<String> = all().into_iter().collect();
        names.sort();
        assert_eq!(PLACES, names);
    }

    #[test]
    fn short_forms_drop_the_division_and_ethnic_group() {
        assert_eq!(short_form("诸城市"), Some("诸城"));
        assert_eq!(short_form("广西壮族自治区"), Some("广西"));
        assert_eq!(short_form("延边朝鲜族自治州"), Some("延边"));
        assert_eq!(short_form("沙县"), None);
    }
}
