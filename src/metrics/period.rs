//! The period of a figure: the span of time it counts (`2023`, `2023H1`, `2023Q4`, `2023-09`,
//! `2023-01..09`) or the moment it stands at (`2022-12-31` for `2022年末`, `截至2022年底`).
//!
//! A figure takes the last period its sentence names before it (see `mentions`); without one,
//! the period in force: the sentence that opens its paragraph, the heading or the lead of its
//! section, or the report's title. Unknown stays unknown.

pub use super::calendar::{Period, Span};
pub use super::mentions::Mentions;
use super::mentions::{Named, mention_at};

/// Characters a period may stand behind at the start of a sentence and still set the period
/// of what follows ("2022年,", "今年以来,").
const LEADING_WINDOW: usize = 3;

/// The period a heading names ("2024年工作回顾", "2023年第四季度医疗服务情况"): its last one;
/// a bare dashed date in a heading is a publication line, not a period.
pub fn heading_period(chars: &[char], published: Option<i32>) -> Option<Period> {
    let mentions = Mentions::find(chars, published);
    mentions
        .iter()
        .filter(|m| m.written_with_year_word)
        .fold(None, |period, m| m.named.resolve(period))
}

/// The period a title names: its first (`2025年工作总结及2026年工作计划` is about 2025).
pub fn title_period(chars: &[char], published: Option<i32>) -> Option<Period> {
    Mentions::find(chars, published)
        .iter()
        .filter(|m| m.written_with_year_word)
        .find_map(|m| m.named.resolve(None))
}

/// A period named at the very start of a sentence: it sets the period of the sentences that
/// follow in the same paragraph. A day (`2021年12月16日,…大会胜利召开`) dates an event, and a
/// start (`自2021年`) spans years: neither sets a period.
pub fn leading_period(chars: &[char], published: Option<i32>) -> Option<Period> {
    let (named, _) =
        (0..LEADING_WINDOW.min(chars.len())).find_map(|k| mention_at(chars, k, published, true))?;
    match named {
        Named::Period(Some(period)) if !matches!(period.span, Span::Day(..)) => Some(period),
        Named::Event(_) | Named::Since | Named::Same(_) | Named::Partial(_) => None,
        Named::Period(_) => None,
    }
}

/// The year of a `YYYY-MM-DD` published date.
pub fn published_year(published: Option<&str>) -> Option<i32> {
    let published = published?;
    published.get(..4)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The period of the figure at `@`, as text.
    fn period(s: &str, published: Option<i32>) -> Option<String> {
        let c = chars(s);
        let at = c.iter().position(|&x| x == '@').unwrap_or(c.len());
        Mentions::find(&c, published)
            .period_before(at, None)
            .map(|p| p.to_string())
    }

    fn p(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn periods_print_as_documented() {
        let text = |year, span| Period::in_year(span, year).to_string();
        assert_eq!(text(2023, Span::Year), "2023");
        assert_eq!(text(2023, Span::Months(1, 12)), "2023");
        assert_eq!(text(2023, Span::Months(1, 6)), "2023H1");
        assert_eq!(text(2023, Span::Months(7, 12)), "2023H2");
        assert_eq!(text(2023, Span::Months(10, 12)), "2023Q4");
        assert_eq!(text(2023, Span::Months(9, 9)), "2023-09");
        assert_eq!(text(2023, Span::Months(1, 9)), "2023-01..09");
        assert_eq!(text(2022, Span::EndOf(12)), "2022-12-31");
        assert_eq!(text(2024, Span::EndOf(2)), "2024-02-29");
        assert_eq!(text(2021, Span::Day(3, 5)), "2021-03-05");
    }

    #[test]
    fn a_year_in_the_sentence_before_the_figure() {
        assert_eq!(period("2024年门诊量达到@42.15万人次", None), p("2024"));
        assert_eq!(
            period("2022年,诸城市人民医院年门诊诊疗患者@95万人次", None),
            p("2022")
        );
        assert_eq!(
            period("2019年公布2018年度绩效评价结果,我院以@615.14分", None),
            p("2018")
        );
        assert_eq!(period("门诊量达到@42.15万人次,比2023年增长", None), None);
    }

    #[test]
    fn quarters_halves_months_and_month_ranges() {
        assert_eq!(
            period("2023年第四季度,全市总诊疗@552万人次", None),
            p("2023Q4")
        );
        assert_eq!(period("2011年第1季度,全国诊疗@5亿人次", None), p("2011Q1"));
        assert_eq!(period("2024年一季度,门诊@10万人次", None), p("2024Q1"));
        assert_eq!(period("2023年上半年,门诊@10万人次", None), p("2023H1"));
        assert_eq!(period("2022年1-8月,诊疗@43亿人次", None), p("2022-01..08"));
        assert_eq!(period("2019年1—10月,诊疗@70亿人次", None), p("2019-01..10"));
        assert_eq!(period("2023年1-3月,诊疗@9亿人次", None), p("2023Q1"));
        assert_eq!(period("2017年11月份,诊疗@6.9亿人次", None), p("2017-11"));
        assert_eq!(
            period("2023年前三季度,门诊@30万人次", None),
            p("2023-01..09")
        );
        assert_eq!(period("2023年全年,门诊@30万人次", None), p("2023"));
    }

    #[test]
    fn a_span_without_a_year_takes_the_year_in_force() {
        let c = chars("1-6月,门诊@30万人次");
        let context = Some(Period::year(2017));
        let found = Mentions::find(&c, None).period_before(6, context);
        assert_eq!(found.map(|p| p.to_string()), p("2017H1"));
        assert_eq!(
            period("2017年1-6月,其中6月份门诊@3万人次", None),
            p("2017-06")
        );
    }

    #[test]
    fn stocks_at_a_moment() {
        assert_eq!(period("2022年末,全国床位@975万张", None), p("2022-12-31"));
        assert_eq!(period("截至2022年底,共有党员@300名", None), p("2022-12-31"));
        assert_eq!(
            period("截至2021年3月底,机构@102万个", None),
            p("2021-03-31")
        );
        assert_eq!(
            period("截至2023年12月31日,职工@1200名", None),
            p("2023-12-31")
        );
    }

    #[test]
    fn years_written_digit_by_digit() {
        assert_eq!(period("二〇二三年门诊量@42万人次", None), p("2023"));
        assert_eq!(period("二○一○年,在@2185个县", None), p("2010"));
    }

    #[test]
    fn a_comparison_is_not_a_period() {
        assert_eq!(period("比上年增加@37867个", Some(2023)), None);
        assert_eq!(period("2023年,较2022年增加@5个", None), p("2023"));
        assert_eq!(
            period("2023年,与上年比较,床位增加@4.9万张", Some(2024)),
            p("2023")
        );
    }

    #[test]
    fn an_event_date_counts_as_its_year() {
        assert_eq!(period("2023年5月10日,开展义诊@100余次", None), p("2023"));
        assert_eq!(period("发布时间:2022-02-14 @3个", None), p("2022"));
    }

    #[test]
    fn a_count_since_a_year_has_no_period() {
        assert_eq!(period("自2021年陆续成立工作站,达到了@14个", None), None);
        assert_eq!(period("2022年,自2021年以来累计@14个", None), None);
    }

    #[test]
    fn relative_years_need_the_published_date() {
        assert_eq!(
            period("今年以来,医护人员共到@38个村", Some(2023)),
            p("2023")
        );
        assert_eq!(period("去年完成@3000台手术", Some(2022)), p("2021"));
        assert_eq!(period("今年以来,医护人员共到@38个村", None), None);
        assert_eq!(
            period("2024年4月完成实习;同年5月,完成了@170名", None),
            p("2024-05")
        );
    }

    #[test]
    fn dates_and_long_numbers_are_not_misread() {
        assert_eq!(period("20年前我曾来过,拥有@100多张床位", None), None);
        assert_eq!(period("许可证:37120180017,@3个", None), None);
    }

    #[test]
    fn a_leading_period_sets_the_context() {
        let lead = |s: &str, published| leading_period(&chars(s), published).map(|p| p.to_string());
        assert_eq!(lead("2021年以来,先后荣获", None), p("2021"));
        assert_eq!(lead("今年以来,医院", Some(2023)), p("2023"));
        assert_eq!(lead("2023年第四季度,全市", None), p("2023Q4"));
        assert_eq!(lead("医院于2020年成立", None), None);
        assert_eq!(lead("2021年12月16日,大会胜利召开", None), None);
        assert_eq!(lead("自2021年,医院", None), None);
    }

    #[test]
    fn headings_and_titles() {
        let heading = |s: &str| heading_period(&chars(s), Some(2023)).map(|p| p.to_string());
        assert_eq!(heading("2024年工作回顾"), p("2024"));
        assert_eq!(heading("2021-05-10 浏览(1421)"), None);
        assert_eq!(heading("今年工作"), p("2023"));
        let title = |s: &str| title_period(&chars(s), None).map(|p| p.to_string());
        assert_eq!(title("2023年第四季度达州市医疗服务情况"), p("2023Q4"));
        assert_eq!(title("2025年中心医院工作总结及2026年工作计划"), p("2025"));
        assert_eq!(title("天坛医院联建诸城的背后"), None);
    }

    #[test]
    fn published_dates() {
        assert_eq!(published_year(Some("2023-08-04")), Some(2023));
        assert_eq!(published_year(Some("日期")), None);
        assert_eq!(published_year(None), None);
    }
}
