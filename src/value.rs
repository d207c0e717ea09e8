//! Values read from reports and written in rules: dates that may lack a
//! year, qualified numbers, and the agreement relation between them.

use serde::Serialize;

/// A calendar day. `year` is `None` when the text gave none and the report
/// has no date to take it from: such a day agrees with any year.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: Option<i16>,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A day that exists in the calendar (with a leap year assumed when the
    /// year is unknown, so 29 February is allowed).
    pub fn new(year: Option<i16>, month: u8, day: u8) -> Option<Date> {
        let y = year.unwrap_or(2024);
        jiff::civil::Date::new(y, month as i8, day as i8).ok()?;
        Some(Date { year, month, day })
    }

    /// `2025-05-27`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let y: i16 = parts.next()?.parse().ok()?;
        let m: u8 = parts.next()?.parse().ok()?;
        let d: u8 = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Date::new(Some(y), m, d)
    }

    /// Monday = 0 … Sunday = 6, when the year is known.
    pub fn weekday(&self) -> Option<u8> {
        let d = jiff::civil::Date::new(self.year?, self.month as i8, self.day as i8).ok()?;
        Some(d.weekday().to_monday_zero_offset() as u8)
    }

    pub fn with_year(self, year: i16) -> Date {
        Date {
            year: Some(year),
            ..self
        }
    }

    /// Ordinal of the day inside its year, for range arithmetic.
    fn key(&self) -> (i16, u8, u8) {
        (self.year.unwrap_or(0), self.month, self.day)
    }

    pub fn iso(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }
}

/// An inclusive range of days. A single date is a range of one day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub struct DateRange {
    pub from: Date,
    pub to: Date,
}

impl DateRange {
    pub fn day(d: Date) -> Self {
        Self { from: d, to: d }
    }

    pub fn is_single(&self) -> bool {
        self.from == self.to
    }

    /// For people: `27–29 May 2025`, `27 May`, `30 May – 2 June 2025`.
    pub fn display(&self) -> String {
        let month = |m: u8| MONTH_NAMES.get(m as usize - 1).copied().unwrap_or("?");
        let year = |d: &Date| d.year.map(|y| format!(" {y}")).unwrap_or_default();
        let (a, b) = (self.from, self.to);
        if self.is_single() {
            format!("{} {}{}", a.day, month(a.month), year(&a))
        } else if a.month == b.month && a.year == b.year {
            format!("{}–{} {}{}", a.day, b.day, month(a.month), year(&a))
        } else if a.year == b.year {
            format!(
                "{} {} – {} {}{}",
                a.day,
                month(a.month),
                b.day,
                month(b.month),
                year(&b)
            )
        } else {
            format!(
                "{} {}{} – {} {}{}",
                a.day,
                month(a.month),
                year(&a),
                b.day,
                month(b.month),
                year(&b)
            )
        }
    }

    pub fn iso(&self) -> String {
        if self.is_single() {
            self.from.iso()
        } else {
            format!("{} .. {}", self.from.iso(), self.to.iso())
        }
    }

    pub fn has_year(&self) -> bool {
        self.from.year.is_some() && self.to.year.is_some()
    }

    fn drop_year(&self) -> DateRange {
        DateRange {
            from: Date {
                year: None,
                ..self.from
            },
            to: Date {
                year: None,
                ..self.to
            },
        }
    }

    fn contains(&self, other: &DateRange) -> bool {
        self.from.key() <= other.from.key() && other.to.key() <= self.to.key()
    }

    /// Two statements about the days of an event agree when they name the
    /// same days, when one gives a single day inside the other (a report
    /// giving only the opening day), and a missing year agrees with any year.
    pub fn agrees(&self, other: &DateRange) -> bool {
        let (a, b) = if self.has_year() && other.has_year() {
            (*self, *other)
        } else {
            (self.drop_year(), other.drop_year())
        };
        a == b || (a.is_single() && b.contains(&a)) || (b.is_single() && a.contains(&b))
    }
}

/// How a number was hedged in the text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "more than", "أكثر من", "plus de"
    MoreThan,
    /// "at least", "على الأقل"
    AtLeast,
    /// "less than", "أقل من", "moins de"
    LessThan,
    /// "about", "نحو", "environ"
    About,
}

/// A step of 0 (an exact figure) is not written out.
pub(crate) fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// A number as stated: its value, if hedged how, and if rounded to what.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub qualifier: Option<Qualifier>,
    /// The unit of the last digit of a number written rounded: `20.3
    /// million` (100,000), `20 million` (1,000,000), `50.4%` (0.1), `50%`
    /// (1). 0 for a number taken as exact (`1,240`, `610`, `twenty`), and
    /// then not written out.
    #[serde(rename = "rounded_to", default, skip_serializing_if = "is_zero")]
    pub step: f64,
}

impl Quantity {
    pub fn exact(value: f64) -> Self {
        Self {
            value,
            qualifier: None,
            step: 0.0,
        }
    }

    /// The interval of values the statement allows. A rounded number (or
    /// one said to be about so much) also allows what rounds to it: half
    /// its step either way, the upper end left out (`20 million` is 19.5
    /// million up to, not including, 20.5 million).
    pub fn interval(&self, tolerance: f64) -> (f64, f64, bool, bool) {
        let v = self.value;
        let h = self.step.abs() / 2.0;
        match self.qualifier {
            None => (v - h, v + h, true, h == 0.0),
            Some(Qualifier::MoreThan) => (v, f64::INFINITY, false, true),
            Some(Qualifier::AtLeast) => (v, f64::INFINITY, true, true),
            Some(Qualifier::LessThan) => (f64::NEG_INFINITY, v, true, false),
            Some(Qualifier::About) => {
                let d = (v * tolerance).abs();
                (v - d - h, v + d + h, true, h == 0.0)
            }
        }
    }

    /// Two statements agree when some value satisfies both.
    pub fn agrees(&self, other: &Quantity, tolerance: f64) -> bool {
        const EPS: f64 = 1e-9;
        let (a_lo, a_hi, a_lo_in, a_hi_in) = self.interval(tolerance);
        let (b_lo, b_hi, b_lo_in, b_hi_in) = other.interval(tolerance);
        let lo = a_lo.max(b_lo);
        let hi = a_hi.min(b_hi);
        if lo < hi - EPS {
            return true;
        }
        if (lo - hi).abs() <= EPS {
            let lo_in = if (a_lo - lo).abs() <= EPS {
                a_lo_in
            } else {
                true
            } && if (b_lo - lo).abs() <= EPS {
                b_lo_in
            } else {
                true
            };
            let hi_in = if (a_hi - hi).abs() <= EPS {
                a_hi_in
            } else {
                true
            } && if (b_hi - hi).abs() <= EPS {
                b_hi_in
            } else {
                true
            };
            return lo_in && hi_in;
        }
        false
    }

    pub fn describe(&self) -> String {
        let v = format_number(self.value);
        match self.qualifier {
            None => v,
            Some(Qualifier::MoreThan) => format!("more than {v}"),
            Some(Qualifier::AtLeast) => format!("at least {v}"),
            Some(Qualifier::LessThan) => format!("less than {v}"),
            Some(Qualifier::About) => format!("about {v}"),
        }
    }
}

/// `13`, `3.5`, `1240`: integers without a fraction, others shortest.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

#[cfg(test)]
#[allow(clippy::string_slice)]
mod tests {
    use super::*;

    #[test]
    fn single_day_agrees_with_range_containing_it() {
        let r = DateRange {
            from: Date::new(Some(2025), 5, 27).unwrap(),
            to: Date::new(Some(2025), 5, 29).unwrap(),
        };
        let d = DateRange::day(Date::new(None, 5, 28).unwrap());
        assert!(r.agrees(&d));
        let e = DateRange::day(Date::new(Some(2025), 6, 1).unwrap());
        assert!(!r.agrees(&e));
    }

    #[test]
    fn more_than_hundred_agrees_with_120_not_80() {
        let q = Quantity {
            value: 100.0,
            qualifier: Some(Qualifier::MoreThan),
            step: 0.0,
        };
        assert!(q.agrees(&Quantity::exact(120.0), 0.1));
        assert!(!q.agrees(&Quantity::exact(80.0), 0.1));
        assert!(!q.agrees(&Quantity::exact(100.0), 0.1));
        let about = Quantity {
            value: 100.0,
            qualifier: Some(Qualifier::About),
            step: 0.0,
        };
        assert!(about.agrees(&Quantity::exact(105.0), 0.1));
        assert!(!about.agrees(&Quantity::exact(115.0), 0.1));
    }

    #[test]
    fn weekday_of_known_date() {
        assert_eq!(Date::new(Some(2025), 3, 3).unwrap().weekday(), Some(0));
        assert_eq!(Date::new(None, 3, 3).unwrap().weekday(), None);
    }
}
