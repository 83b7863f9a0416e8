//! A hospital's names and places, and the masking that hides them when the sentences of
//! different hospitals are compared.
//!
//! A county bulletin and a city bulletin written from one template differ in little but the
//! name: `诸城市人民医院大力实施“人才强院”战略` and `长治市人民医院大力实施“人才强院”战略` say
//! the same thing. Masked, both read `〈院〉大力实施“人才强院”战略`.
//!
//! The forms masked are only those that can be derived from the full name with confidence:
//! the full name, the name without its leading places (`大同市第六人民医院` from
//! `山西省大同市第六人民医院`), the name on the place's stem (`诸城人民医院`), an ordinal
//! institution alone (`第六人民医院`), the usual abbreviations of 人民医院 and 第N人民医院
//! (`诸城人医`, `商丘一院`, `市一院`), 中医医院 as 中医院, the store's aliases, and the
//! subjects 我院 / 本院 / 该院. Bare `人民医院` is never masked: it may name another hospital.
//! Places are the units of the name's prefix (`山西省`, `大同市`) and their stems of two
//! characters or more (`山西`, `大同`).

use std::collections::HashMap;

use crate::cjk::is_han;

/// What a hospital's own name, short form, alias or subject becomes.
pub const HOSPITAL_TOKEN: &str = "〈院〉";
/// What a place of a hospital's name (its city, county, province) becomes.
pub const PLACE_TOKEN: &str = "〈地〉";

/// Ways a report names its own hospital without a name.
const SUBJECTS: &[&str] = &["我院", "本院", "该院", "該院"];

/// Place suffixes of several characters, checked before the one-character ones.
const LONG_PLACE_SUFFIXES: &[&str] = &["自治区", "自治州", "自治县", "自治旗"];
/// One-character place suffixes: province, city, county, district, banner, prefecture.
const PLACE_SUFFIXES: &[char] = &['省', '市', '县', '縣', '区', '區', '旗', '州', '盟'];
/// The longest place stem read, in characters (`呼和浩特市` has four).
const MAX_STEM_CHARS: usize = 4;
/// Shortest stem masked on its own: one character (`沛` of `沛县`) is too often a word.
const MIN_STEM_CHARS: usize = 2;

/// Chinese ordinal digits of 第N人民医院.
const ORDINALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// What a masked span stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// The hospital itself.
    Hospital,
    /// A place of its name.
    Place,
}

impl NameKind {
    /// The placeholder this kind of name becomes.
    pub fn token(self) -> &'static str {
        match self {
            NameKind::Hospital => HOSPITAL_TOKEN,
            NameKind::Place => PLACE_TOKEN,
        }
    }
}

/// One place unit of a name's prefix: `大同市` with its stem `大同`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    full: String,
    stem: String,
    /// The suffix that ends it (`市`, `县`, `自治区`).
    suffix: String,
}

/// The names of one hospital, longest first, ready to mask a sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HospitalNames {
    /// The full name the forms were derived from.
    pub name: String,
    /// Every form with what it stands for, longest first (so that the full name wins over
    /// its place).
    forms: Vec<(String, NameKind)>,
    /// Positions in `forms` by first character: a sentence is scanned once.
    by_first: HashMap<char, Vec<usize>>,
}

impl HospitalNames {
    /// Derives the forms of `name` and adds `aliases` (other names of the same hospital).
    ///
    /// ```
    /// use reportdiff::compare::names::HospitalNames;
    /// let names = HospitalNames::new("诸城市人民医院", &["诸城人民医院集团"]);
    /// assert_eq!(names.mask("诸城人医大力实施“人才强院”战略"), "〈院〉大力实施“人才强院”战略");
    /// assert_eq!(names.mask("造福诸城百姓"), "造福〈地〉百姓");
    /// ```
    pub fn new<S: AsRef<str>>(name: &str, aliases: &[S]) -> HospitalNames {
        let name = name.trim();
        let mut forms: Vec<(String, NameKind)> = Vec::new();
        let mut add = |form: String, kind: NameKind| {
            if form.chars().count() >= 2 && !forms.iter().any(|(f, _)| *f == form) {
                forms.push((form, kind));
            }
        };
        for alias in aliases {
            add(alias.as_ref().trim().to_string(), NameKind::Hospital);
        }
        for subject in SUBJECTS {
            add((*subject).to_string(), NameKind::Hospital);
        }
        let (places, institution) = split_places(name);
        if !name.is_empty() {
            add(name.to_string(), NameKind::Hospital);
        }
        if !places.is_empty() && !institution.is_empty() {
            for form in hospital_forms(&places, institution) {
                add(form, NameKind::Hospital);
            }
        }
        for place in &places {
            add(place.full.clone(), NameKind::Place);
            if place.stem.chars().count() >= MIN_STEM_CHARS {
                add(place.stem.clone(), NameKind::Place);
            }
        }
        // Longest first; equal lengths keep the order above (a hospital form before a place).
        forms.sort_by_key(|(form, _)| std::cmp::Reverse(form.chars().count()));
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, (form, _)) in forms.iter().enumerate() {
            if let Some(first) = form.chars().next() {
                by_first.entry(first).or_default().push(i);
            }
        }
        HospitalNames {
            name: name.to_string(),
            forms,
            by_first,
        }
    }

    /// Every form masked, longest first, with what it stands for.
    pub fn forms(&self) -> impl Iterator<Item = (&str, NameKind)> {
        self.forms.iter().map(|(form, kind)| (form.as_str(), *kind))
    }

    /// `text` with every form replaced by its placeholder, leftmost and longest first;
    /// placeholders side by side (`山西省大同市`) merge into one.
    pub fn mask(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last: Option<NameKind> = None;
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let found = self.by_first.get(&c).and_then(|candidates| {
                candidates
                    .iter()
                    .map(|&i| &self.forms[i])
                    .find(|(form, _)| rest.starts_with(form.as_str()))
            });
            match found {
                Some((form, kind)) => {
                    if last != Some(*kind) {
                        out.push_str(kind.token());
                    }
                    last = Some(*kind);
                    rest = &rest[form.len()..];
                }
                None => {
                    out.push(c);
                    last = None;
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }
}

/// The place units that open a name, and what follows them (the institution).
fn split_places(name: &str) -> (Vec<Place>, &str) {
    let mut places = Vec::new();
    let mut rest = name;
    while let Some((place, after)) = next_place(rest) {
        places.push(place);
        rest = after;
    }
    (places, rest)
}

/// The place unit at the start of `text` (a stem of one to four Han characters and its
/// suffix), when something follows it. A suffix followed by another (`广州市`) belongs to
/// the stem: 州 of 广州 is part of the city's name.
fn next_place(text: &str) -> Option<(Place, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for n in 1..=MAX_STEM_CHARS.min(chars.len().saturating_sub(1)) {
        if !is_han(chars[n - 1].1) {
            return None;
        }
        let at = chars[n].0;
        let after_stem = &text[at..];
        let suffix = match LONG_PLACE_SUFFIXES
            .iter()
            .find(|s| after_stem.starts_with(**s))
        {
            Some(long) => long.to_string(),
            None if PLACE_SUFFIXES.contains(&chars[n].1) => match chars.get(n + 1) {
                Some((_, next)) if PLACE_SUFFIXES.contains(next) => continue,
                _ => chars[n].1.to_string(),
            },
            None => continue,
        };
        let end = at + suffix.len();
        if end >= text.len() {
            return None;
        }
        let place = Place {
            full: text[..end].to_string(),
            stem: text[..at].to_string(),
            suffix,
        };
        return Some((place, &text[end..]));
    }
    None
}

/// The hospital forms built on its places: without leading places, on the last place's
/// stem, and the usual abbreviations.
fn hospital_forms(places: &[Place], institution: &str) -> Vec<String> {
    let mut forms = Vec::new();
    let Some(last) = places.last() else {
        return forms;
    };
    // 大同市第六人民医院 from 山西省大同市第六人民医院.
    for start in 1..places.len() {
        let prefix: String = places[start..].iter().map(|p| p.full.as_str()).collect();
        forms.push(format!("{prefix}{institution}"));
    }
    let mut prefixes = vec![last.full.clone()];
    if last.stem.chars().count() >= MIN_STEM_CHARS {
        prefixes.push(last.stem.clone());
    }
    for prefix in &prefixes {
        forms.push(format!("{prefix}{institution}"));
    }
    let ordinal = institution
        .strip_prefix('第')
        .and_then(|rest| {
            let digit = rest.chars().next().filter(|c| ORDINALS.contains(c))?;
            Some((digit, &rest[digit.len_utf8()..]))
        })
        .filter(|(_, kind)| *kind == "人民医院");
    if let Some((digit, _)) = ordinal {
        // 第六人民医院 alone names one hospital of its city; 六院 needs its place.
        forms.push(institution.to_string());
        for prefix in &prefixes {
            forms.push(format!("{prefix}{digit}院"));
        }
        forms.push(format!("{}{digit}院", last.suffix));
    }
    if institution == "人民医院" {
        for prefix in &prefixes {
            forms.push(format!("{prefix}人医"));
        }
    }
    if let Some(kind) = institution.strip_suffix("中医医院") {
        for prefix in &prefixes {
            forms.push(format!("{prefix}{kind}中医院"));
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(name: &str) -> HospitalNames {
        HospitalNames::new::<&str>(name, &[])
    }

    fn forms(name: &str) -> Vec<String> {
        names(name).forms().map(|(f, _)| f.to_string()).collect()
    }

    #[test]
    fn a_city_hospital_gets_its_short_forms_and_places() {
        let found = forms("诸城市人民医院");
        for form in [
            "诸城市人民医院",
            "诸城人民医院",
            "诸城人医",
            "诸城市人医",
            "诸城市",
            "诸城",
            "我院",
            "该院",
        ] {
            assert!(found.contains(&form.to_string()), "{form}: {found:?}");
        }
        assert!(!found.contains(&"人民医院".to_string()), "{found:?}");
    }

    #[test]
    fn an_ordinal_hospital_is_named_by_its_number() {
        let found = forms("山西省大同市第六人民医院");
        for form in [
            "大同市第六人民医院",
            "大同第六人民医院",
            "第六人民医院",
            "大同六院",
            "大同市六院",
            "市六院",
            "山西省",
            "山西",
            "大同市",
            "大同",
        ] {
            assert!(found.contains(&form.to_string()), "{form}: {found:?}");
        }
    }

    #[test]
    fn two_hospitals_of_one_template_read_the_same() {
        let zhucheng = names("诸城市人民医院");
        let changzhi = names("长治市人民医院");
        assert_eq!(
            zhucheng.mask("诸城市人民医院大力实施“人才强院”战略"),
            changzhi.mask("长治市人民医院大力实施“人才强院”战略")
        );
        assert_eq!(
            zhucheng.mask("诸城市人民医院大力实施“人才强院”战略"),
            "〈院〉大力实施“人才强院”战略"
        );
    }

    #[test]
    fn the_longest_form_wins_and_neighbours_merge() {
        let datong = names("大同市第六人民医院");
        assert_eq!(
            datong.mask("山西省大同市第六人民医院开展心理健康辅导"),
            "山西省〈院〉开展心理健康辅导"
        );
        let full = names("山西省大同市第六人民医院");
        assert_eq!(full.mask("山西省大同市卫健委"), "〈地〉卫健委");
        assert_eq!(full.mask("第六人民医院坚持"), "〈院〉坚持");
    }

    #[test]
    fn subjects_and_aliases_are_the_hospital() {
        let names = HospitalNames::new("定陶区人民医院", &["定陶人民医院总院"]);
        assert_eq!(names.mask("我院组织义诊"), "〈院〉组织义诊");
        assert_eq!(names.mask("定陶人民医院总院组织义诊"), "〈院〉组织义诊");
        assert_eq!(names.mask("在定陶区委领导下"), "在〈地〉委领导下");
    }

    #[test]
    fn other_hospitals_and_short_stems_stay() {
        let names = names("沛县人民医院");
        assert_eq!(
            names.mask("与北京天坛医院联建，沛县人医"),
            "与北京天坛医院联建，〈院〉"
        );
        assert_eq!(names.mask("沛然"), "沛然");
        assert_eq!(names.mask("人民医院"), "人民医院");
    }

    #[test]
    fn a_name_without_places_is_masked_whole() {
        let names = names("北京天坛医院");
        assert_eq!(names.mask("北京天坛医院神经外科"), "〈院〉神经外科");
        assert_eq!(names.mask("北京市"), "北京市");
    }

    #[test]
    fn a_traditional_chinese_medicine_hospital_has_its_short_form() {
        let found = forms("曲阜市中医医院");
        assert!(found.contains(&"曲阜中医院".to_string()), "{found:?}");
        assert!(found.contains(&"曲阜市中医院".to_string()), "{found:?}");
    }

    #[test]
    fn a_suffix_inside_a_city_name_belongs_to_it() {
        let found = forms("广州市第一人民医院");
        assert!(found.contains(&"广州一院".to_string()), "{found:?}");
        assert!(found.contains(&"广州".to_string()), "{found:?}");
        assert!(found.contains(&"广州市".to_string()), "{found:?}");
        assert!(found.contains(&"广州第一人民医院".to_string()), "{found:?}");
    }

    #[test]
    fn an_empty_name_masks_only_subjects() {
        assert_eq!(names("").mask("本院开展义诊"), "〈院〉开展义诊");
    }
}
