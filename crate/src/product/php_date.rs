//! Formatting a Unix time with a WordPress (PHP `date()`) format string, without a date crate.
//!
//! WordPress stores the site's date and time formats in PHP `date()` syntax (`F j, Y`, `g:i a`)
//! and its timezone as a UTC offset. The shell passes those in; the core formats the "as of"
//! stamp itself so cached pages need no server round trip. Supported letters:
//! `d D j l N S w z W F m M n t L o Y y a A g G h H i s e T P O U`; `\x` prints `x` literally;
//! every other character is copied.

use crate::support::prelude::*;

use crate::support::digits::{push_int, push_two};
use crate::wire::read_value::Fields;

/// The site's clock settings, as WordPress knows them.
///
/// # Defaults
/// `F j, Y` and `g:i a`, UTC, English month and weekday names, `am`/`pm`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSettings {
    /// WordPress `date_format`, e.g. `F j, Y`.
    pub date_format: String,
    /// WordPress `time_format`, e.g. `g:i a`.
    pub time_format: String,
    /// The site's offset from UTC in seconds at the time being formatted.
    pub utc_offset: i32,
    /// The timezone identifier for `e` (e.g. `Europe/Berlin`); empty prints the offset.
    pub timezone: String,
    /// The abbreviation for `T` (e.g. `CET`); empty prints the offset.
    pub timezone_abbr: String,
    /// Localised names; missing entries fall back to English.
    pub names: DateNames,
}

const DATE_FORMAT: &str = "F j, Y";
const TIME_FORMAT: &str = "g:i a";

impl Default for TimeSettings {
    fn default() -> Self {
        TimeSettings {
            date_format: DATE_FORMAT.into(),
            time_format: TIME_FORMAT.into(),
            utc_offset: 0,
            timezone: String::new(),
            timezone_abbr: String::new(),
            names: DateNames::default(),
        }
    }
}

impl TimeSettings {
    /// Sets the date format (PHP `date()` syntax).
    pub fn date_format(mut self, format: &str) -> Self {
        self.date_format = format.into();
        self
    }

    /// Sets the time format (PHP `date()` syntax).
    pub fn time_format(mut self, format: &str) -> Self {
        self.time_format = format.into();
        self
    }

    /// Sets the UTC offset in seconds.
    pub fn utc_offset(mut self, seconds: i32) -> Self {
        self.utc_offset = seconds;
        self
    }

    /// Sets the timezone identifier and abbreviation.
    pub fn timezone(mut self, identifier: &str, abbreviation: &str) -> Self {
        self.timezone = identifier.into();
        self.timezone_abbr = abbreviation.into();
        self
    }
}

impl TimeSettings {
    /// Reads the placement's `time` object; missing fields keep the defaults.
    pub(crate) fn read(f: Fields<'_>) -> TimeSettings {
        let names = f.object("names");
        TimeSettings {
            date_format: f.text_or("dateFormat", DATE_FORMAT),
            time_format: f.text_or("timeFormat", TIME_FORMAT),
            utc_offset: f.integer("utcOffset").unwrap_or(0),
            timezone: f.text_or("timezone", ""),
            timezone_abbr: f.text_or("timezoneAbbr", ""),
            names: DateNames {
                months: names.texts("months"),
                months_short: names.texts("monthsShort"),
                weekdays: names.texts("weekdays"),
                weekdays_short: names.texts("weekdaysShort"),
                meridiem: names.texts("meridiem"),
            },
        }
    }
}

/// Month, weekday and meridiem names in the site's language (WordPress's `$wp_locale`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateNames {
    /// January … December (`F`).
    pub months: Vec<String>,
    /// Jan … Dec (`M`).
    pub months_short: Vec<String>,
    /// Sunday … Saturday (`l`).
    pub weekdays: Vec<String>,
    /// Sun … Sat (`D`).
    pub weekdays_short: Vec<String>,
    /// `[am, pm, AM, PM]` (`a`, `A`).
    pub meridiem: Vec<String>,
}

const MONTHS: [&str; 12] = [
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
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MERIDIEM: [&str; 4] = ["am", "pm", "AM", "PM"];

fn name<'a>(local: &'a [String], index: usize, english: &'a str) -> &'a str {
    match local.get(index) {
        Some(s) if !s.is_empty() => s,
        _ => english,
    }
}

fn short(english: &str) -> &str {
    english.get(..3).unwrap_or(english)
}

/// A broken-down local date and time.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    /// 0 = Sunday.
    weekday: u32,
    /// 0-based day of the year.
    yday: u32,
    secs: u32,
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Civil {
    fn at(unix: i64) -> Civil {
        let days = unix.div_euclid(86_400);
        let secs = unix.rem_euclid(86_400) as u32;
        // Days → proleptic Gregorian date, counting in 400-year eras from 0000-03-01.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        let yday = (1..month).map(|m| days_in_month(year, m)).sum::<u32>() + day - 1;
        Civil {
            year,
            month,
            day,
            weekday: (days + 4).rem_euclid(7) as u32,
            yday,
            secs,
        }
    }

    /// ISO-8601 weekday, 1 = Monday … 7 = Sunday.
    fn iso_weekday(&self) -> u32 {
        if self.weekday == 0 {
            7
        } else {
            self.weekday
        }
    }

    /// ISO-8601 (year, week).
    fn iso_week(&self) -> (i64, u32) {
        let week = (self.yday as i64 + 1 - self.iso_weekday() as i64 + 10) / 7;
        if week < 1 {
            (self.year - 1, weeks_in_year(self.year - 1))
        } else if week as u32 > weeks_in_year(self.year) {
            (self.year + 1, 1)
        } else {
            (self.year, week as u32)
        }
    }

    fn hour(&self) -> u32 {
        self.secs / 3_600
    }
}

fn weeks_in_year(y: i64) -> u32 {
    let p = |y: i64| (y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)).rem_euclid(7);
    if p(y) == 4 || p(y - 1) == 3 {
        53
    } else {
        52
    }
}

fn offset(out: &mut String, seconds: i32, colon: bool) {
    out.push(if seconds < 0 { '-' } else { '+' });
    let abs = seconds.unsigned_abs();
    push_two(out, u64::from(abs / 3_600));
    if colon {
        out.push(':');
    }
    push_two(out, u64::from(abs % 3_600 / 60));
}

fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Formats `unix` (seconds, UTC) in the site's timezone with a PHP `date()` format string.
///
/// The result is plain text: escape it before it goes into HTML.
///
/// # Examples
/// ```
/// use shelf_core::{format_php_date, TimeSettings};
/// let berlin = TimeSettings::default().utc_offset(3600);
/// assert_eq!(format_php_date("F j, Y g:i a", 1_764_000_000, &berlin), "November 24, 2025 5:00 pm");
/// ```
pub fn format_php_date(format: &str, unix: i64, settings: &TimeSettings) -> String {
    let c = Civil::at(unix.saturating_add(i64::from(settings.utc_offset)));
    let n = &settings.names;
    let mut out = String::with_capacity(format.len() * 3);
    let mut chars = format.chars();
    while let Some(ch) = chars.next() {
        let month0 = c.month as usize - 1;
        let weekday = c.weekday as usize;
        let month_name = MONTHS.get(month0).copied().unwrap_or_default();
        let weekday_name = WEEKDAYS.get(weekday).copied().unwrap_or_default();
        let h12 = match c.hour() % 12 {
            0 => 12,
            h => h,
        };
        let pm = usize::from(c.hour() >= 12);
        // Letters that print a name or a zone fall through to one `push_str`; those that
        // print a number give it and whether it takes two digits, for one push of digits.
        let text = match ch {
            '\\' => {
                out.extend(chars.next());
                continue;
            }
            'D' => name(&n.weekdays_short, weekday, short(weekday_name)),
            'l' => name(&n.weekdays, weekday, weekday_name),
            'S' => ordinal_suffix(c.day),
            'F' => name(&n.months, month0, month_name),
            'M' => name(&n.months_short, month0, short(month_name)),
            'a' => name(&n.meridiem, pm, MERIDIEM[pm]),
            'A' => name(&n.meridiem, pm + 2, MERIDIEM[pm + 2]),
            'e' | 'T' | 'P' | 'O' => {
                let zone = match ch {
                    'e' => settings.timezone.as_str(),
                    'T' => settings.timezone_abbr.as_str(),
                    _ => "",
                };
                match zone {
                    "" if settings.utc_offset == 0 && matches!(ch, 'e' | 'T') => "UTC",
                    "" => {
                        offset(&mut out, settings.utc_offset, ch != 'O');
                        continue;
                    }
                    zone => zone,
                }
            }
            _ => {
                let (number, two) = match ch {
                    'd' => (c.day.into(), true),
                    'j' => (c.day.into(), false),
                    'N' => (c.iso_weekday().into(), false),
                    'w' => (c.weekday.into(), false),
                    'z' => (c.yday.into(), false),
                    'W' => (c.iso_week().1.into(), true),
                    'm' => (c.month.into(), true),
                    'n' => (c.month.into(), false),
                    't' => (days_in_month(c.year, c.month).into(), false),
                    'L' => (is_leap(c.year).into(), false),
                    'o' => (c.iso_week().0, false),
                    'Y' => (c.year, false),
                    'y' => (c.year.rem_euclid(100), true),
                    'g' => (h12.into(), false),
                    'G' => (c.hour().into(), false),
                    'h' => (h12.into(), true),
                    'H' => (c.hour().into(), true),
                    'i' => ((c.secs % 3_600 / 60).into(), true),
                    's' => ((c.secs % 60).into(), true),
                    'U' => (unix, false),
                    other => {
                        out.push(other);
                        continue;
                    }
                };
                // Only `o`, `Y` and `U` can be negative, and they take no padding.
                if two {
                    push_two(&mut out, number.unsigned_abs());
                } else {
                    push_int(&mut out, number);
                }
                continue;
            }
        };
        out.push_str(text);
    }
    out
}

/// Appends the UTC time as `YYYY-MM-DDTHH:MM:SSZ`, for `<time datetime>`: digits and ASCII
/// punctuation only, so it needs no escaping. Written directly rather than through
/// [`format_php_date`], which would need a `TimeSettings` built and dropped for each stamp.
pub(crate) fn push_iso_utc(out: &mut String, unix: i64) {
    let c = Civil::at(unix);
    push_int(out, c.year);
    out.push('-');
    push_two(out, u64::from(c.month));
    out.push('-');
    push_two(out, u64::from(c.day));
    out.push('T');
    push_two(out, u64::from(c.hour()));
    out.push(':');
    push_two(out, u64::from(c.secs % 3_600 / 60));
    out.push(':');
    push_two(out, u64::from(c.secs % 60));
    out.push('Z');
}

#[cfg(test)]
mod tests {
    // The same tests run under wasm in Node (cargo test --target wasm32-unknown-unknown).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn utc(format: &str, unix: i64) -> String {
        format_php_date(format, unix, &TimeSettings::default())
    }

    #[test]
    fn formats_wordpress_defaults() {
        // 2026-11-24 08:00:00 UTC, a Tuesday.
        assert_eq!(
            utc("F j, Y g:i a", 1_795_507_200),
            "November 24, 2026 8:00 am"
        );
    }

    #[test]
    fn formats_every_day_and_month_letter() {
        // 2024-02-29 13:05:09 UTC, a Thursday in a leap year.
        let t = 1_709_211_909;
        assert_eq!(utc("d D j l N S w z", t), "29 Thu 29 Thursday 4 th 4 59");
        assert_eq!(utc("F m M n t L Y y", t), "February 02 Feb 2 29 1 2024 24");
        assert_eq!(utc("a A g G h H i s", t), "pm PM 1 13 01 13 05 09");
        assert_eq!(utc("U", t), "1709211909");
    }

    #[test]
    fn formats_iso_week_across_year_boundaries() {
        // 2021-01-03 (Sunday) belongs to ISO week 53 of 2020.
        assert_eq!(utc("o-\\WW N", 1_609_632_000), "2020-W53 7");
        // 2024-12-30 (Monday) belongs to ISO week 1 of 2025.
        assert_eq!(utc("o-\\WW N", 1_735_516_800), "2025-W01 1");
        // 2026-06-15 is in week 25.
        assert_eq!(utc("W", 1_781_481_600), "25");
    }

    #[test]
    fn applies_offset_and_prints_zone() {
        let s = TimeSettings::default()
            .utc_offset(-5 * 3600 - 1800)
            .timezone("America/St_Johns", "");
        // 2026-01-01 02:00 UTC is 2025-12-31 20:30 at -05:30.
        assert_eq!(
            format_php_date("Y-m-d H:i e T P O", 1_767_232_800, &s),
            "2025-12-31 20:30 America/St_Johns -05:30 -05:30 -0530"
        );
        assert_eq!(utc("e T P", 0), "UTC UTC +00:00");
    }

    #[test]
    fn uses_localised_names_and_falls_back_to_english() {
        let mut s = TimeSettings::default();
        s.names.months = vec!["Januar".into()];
        s.names.weekdays_short = vec![
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "Do".into(),
        ];
        s.names.meridiem = vec!["vorm.".into()];
        // 1970-01-01 was a Thursday.
        assert_eq!(format_php_date("F D a A", 0, &s), "Januar Do vorm. AM");
        assert_eq!(format_php_date("F", 86_400 * 40, &s), "February");
    }

    #[test]
    fn escapes_with_backslash_and_copies_other_characters() {
        assert_eq!(utc("\\a\\t jS, 🙂 \\", 86_400), "at 2nd, 🙂 ");
        assert_eq!(utc("jS", 86_400 * 10), "11th");
        assert_eq!(utc("jS", 86_400 * 22), "23rd");
    }

    #[test]
    fn survives_extreme_times() {
        assert!(!utc("Y-m-d H:i:s W o", i64::MAX).is_empty());
        assert!(!utc("Y-m-d H:i:s W o", i64::MIN).is_empty());
        assert_eq!(utc("Y-m-d", -86_400), "1969-12-31");
    }

    #[test]
    fn iso_utc_is_machine_readable() {
        let mut out = String::new();
        push_iso_utc(&mut out, 1_795_507_200);
        assert_eq!(out, "2026-11-24T08:00:00Z");
    }
}
