//! Who a name belongs to: a person (an author, a reporter), a publisher, or an institution.
//!
//! Every table is written in the folded form (Simplified script, ASCII width; see
//! `cjk::fold`) and matched against folded words, so `大眾網` is a publisher as `大众网` is.

use super::hospital::HOSPITAL_ENDINGS;
use crate::cjk::{fold, fold_width, is_han};

// Word lists are laid out by hand (`rustfmt::skip`): one entry per line would triple them.

/// Endings of publisher names: 网, 报, 台, 社 …
#[rustfmt::skip]
const PUBLISHER_ENDINGS: &[&str] = &[
    "网", "报", "台", "社", "在线", "频道", "新闻", "杂志", "周刊", "客户端",
];

/// Endings of offices and schools, which are never a person's name either.
#[rustfmt::skip]
const OFFICE_ENDINGS: &[&str] = &[
    "中心", "委员会", "委", "局", "办公室", "站", "科", "部", "处", "学院",
];

/// Endings of the newsrooms and offices that, besides hospitals, open an unlabelled byline
/// ("定陶区人民医院 王进", "诸城市融媒体中心 张三").
#[rustfmt::skip]
const BYLINE_ENDINGS: &[&str] = &[
    "报社", "日报", "晚报", "新闻网", "电视台", "融媒体中心", "卫健委", "委员会", "办公室",
];

/// The most common Chinese surnames, which open a name.
const COMMON_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Whether `c` separates names in a list: "朱群永、王璐、陈钦正", "张三，李四", "文/图".
pub(super) fn is_name_separator(c: char) -> bool {
    matches!(fold_width(c), '、' | ',' | ' ' | '/' | ';')
}

/// Splits "朱群永、王璐、陈钦正" into personal names; publishers and other words are dropped.
pub(super) fn split_names(value: &str) -> Vec<String> {
    value
        .split(is_name_separator)
        .map(str::trim)
        .filter(|n| is_person_name(n))
        .map(str::to_string)
        .collect()
}

/// A Chinese personal name: two to four Han characters (or two parts joined by ·), not
/// ending like a hospital, office or publisher.
fn is_person_name(word: &str) -> bool {
    let han = word.chars().filter(|&c| is_han(c)).count();
    let only_han = word.chars().all(|c| is_han(c) || c == '·');
    let shaped = if word.contains('·') {
        (2..=10).contains(&han)
    } else {
        (2..=4).contains(&han)
    };
    only_han && shaped && {
        let folded = fold(word);
        !HOSPITAL_ENDINGS
            .iter()
            .chain(OFFICE_ENDINGS)
            .chain(PUBLISHER_ENDINGS)
            .any(|e| folded.ends_with(e))
    }
}

/// A name in an unlabelled byline: two or three characters opening with a common surname
/// ("记者探访基层" is a headline, not a reporter).
pub(super) fn is_likely_name(word: &str) -> bool {
    is_person_name(word)
        && word.chars().count() <= 3
        && fold(word).starts_with(|c: char| COMMON_SURNAMES.contains(c))
}

/// A publisher's name: "大众网", "潍坊日报"; not "本报", "本网" (the page's own outlet).
pub(super) fn is_publisher(word: &str) -> bool {
    let folded = fold(word);
    folded.chars().count() >= 2
        && !folded.starts_with('本')
        && PUBLISHER_ENDINGS.iter().any(|e| folded.ends_with(e))
}

/// An institution that opens an unlabelled byline: a hospital, a newsroom, a health office.
pub(super) fn is_byline_institution(word: &str) -> bool {
    let folded = fold(word);
    HOSPITAL_ENDINGS
        .iter()
        .chain(BYLINE_ENDINGS)
        .any(|e| folded.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_split_and_publishers_dropped() {
        assert_eq!(
            split_names("朱群永、王璐、陈钦正"),
            ["朱群永", "王璐", "陈钦正"]
        );
        assert_eq!(split_names("钟耀萱，大众网"), ["钟耀萱"]);
        assert_eq!(split_names("王𠀀；陈钦正"), ["王𠀀", "陈钦正"]);
        assert_eq!(split_names("阿依古丽·买买提"), ["阿依古丽·买买提"]);
        assert!(split_names("定陶区人民医院、党委办公室").is_empty());
    }

    #[test]
    fn both_scripts_read_alike() {
        assert!(is_publisher("大眾網") && is_publisher("大众网"));
        assert!(!is_publisher("本報"));
        assert!(is_likely_name("蕭敬騰") && is_likely_name("鍾耀萱"));
        assert!(!is_likely_name("記者探訪"));
        assert!(is_byline_institution("定陶區人民醫院"));
        assert!(!is_byline_institution("围绕中心"));
    }

    #[test]
    fn every_table_is_written_in_the_folded_form() {
        let tables = [PUBLISHER_ENDINGS, OFFICE_ENDINGS, BYLINE_ENDINGS];
        for word in tables.iter().flat_map(|t| t.iter()) {
            assert_eq!(&fold(word), word);
        }
        assert_eq!(fold(COMMON_SURNAMES), COMMON_SURNAMES);
    }
}
