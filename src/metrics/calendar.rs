//! The value of a period: a year, some of its months, or a moment in it, and how it is
//! written (`2023`, `2023H1`, `2023Q4`, `2023-09`, `2023-01..09`, `2022-12-31`). Reading a
//! period from text is `mentions` and `period`.

use std::fmt;

/// A period of one year: the whole year, some of its months, or a moment in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// The year.
    pub year: i32,
    /// Which part of it.
    pub span: Span,
}

/// Which part of a year a period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Span {
    /// The whole year (`2023年`, `全年`, `1-12月`).
    Year,
    /// The months from the first to the last, both included (`第四季度`, `1-9月`, `11月份`).
    Months(u8, u8),
    /// The end of a month: a stock at that moment (`年末`, `截至3月底`).
    EndOf(u8),
    /// A day named as the moment a stock stands at (`截至12月31日`).
    Day(u8, u8),
}

impl Period {
    /// The whole of `year`.
    pub fn year(year: i32) -> Period {
        Period {
            year,
            span: Span::Year,
        }
    }

    /// The same span in another year (a partial mention such as `第一季度` takes the year in
    /// force).
    pub fn in_year(span: Span, year: i32) -> Period {
        Period { year, span }
    }
}

impl fmt::Display for Period {
    /// `2023`, `2023H1`, `2023H2`, `2023Q1`…`Q4`, `2023-09`, `2023-01..09`, and a moment as a
    /// date: `2023-12-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.year;
        match self.span {
            Span::Year | Span::Months(1, 12) => write!(f, "{year}"),
            Span::Months(1, 6) => write!(f, "{year}H1"),
            Span::Months(7, 12) => write!(f, "{year}H2"),
            Span::Months(a, b) if a == b => write!(f, "{year}-{a:02}"),
            Span::Months(a, b) if a % 3 == 1 && b == a + 2 => write!(f, "{year}Q{}", b / 3),
            Span::Months(a, b) => write!(f, "{year}-{a:02}..{b:02}"),
            Span::EndOf(m) => write!(f, "{year}-{m:02}-{:02}", last_day(year, m)),
            Span::Day(m, d) => write!(f, "{year}-{m:02}-{d:02}"),
        }
    }
}

/// The last day of a month.
fn last_day(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
