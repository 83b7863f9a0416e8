//! What the text view and set phrases have in common: the form a sentence of one hospital
//! is compared in across hospitals, and text that several hospitals share.

use crate::compare_key::sentence_key;

use super::names::HospitalNames;

/// Text that several hospitals share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The text, masked, as the first hospital to write it wrote it.
    pub text: String,
    /// The hospitals that have it (positions), in order.
    pub hospitals: Vec<usize>,
}

/// The form `text` of a hospital with these `names` is compared in: its comparison key
/// ([`sentence_key`]), the hospital's names masked, every Arabic figure folded to `#`.
pub fn compared_form(names: &HospitalNames, text: &str) -> String {
    fold_figures(&names.mask(&sentence_key(text)))
}

/// A key with every run of Arabic digits (and the separators inside it) folded to `#`.
pub fn fold_figures(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut in_number = false;
    for c in key.chars() {
        let digit = c.is_ascii_digit();
        if digit || (in_number && matches!(c, '.' | ',')) {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_fold_to_one_mark() {
        assert_eq!(
            fold_figures("门诊量42.15万人次,出院1,234人"),
            "门诊量#万人次,出院#人"
        );
        assert_eq!(fold_figures("四个意识"), "四个意识");
        assert_eq!(fold_figures("共3.人"), "共#人");
    }

    #[test]
    fn names_punctuation_and_figures_do_not_count() {
        let zhucheng = HospitalNames::new::<&str>("诸城市人民医院", &[]);
        let changzhi = HospitalNames::new::<&str>("长治市人民医院", &[]);
        assert_eq!(
            compared_form(&zhucheng, "2022年，诸城市人民医院出院69363人次。"),
            compared_form(&changzhi, "2021年,长治市人民医院出院52000人次。")
        );
    }
}
