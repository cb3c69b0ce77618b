//! Locale-aware formatting of money and dates. Money is integer cents; times are UTC and shown in
//! the centre's time zone.

use chrono::{DateTime, Datelike, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::i18n::Locale;

/// The centre's default time zone.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Madrid";

/// The zones a centre may be in: Spain's (the peninsula and the Balearic Islands, the Canary
/// Islands, Ceuta and Melilla), its neighbours' and UTC. The browser's WebAssembly carries only
/// these zones' rules (`CHRONO_TZ_TIMEZONE_FILTER` in `.cargo/config.toml` must match), not all 600.
pub const CENTRE_TIME_ZONES: [&str; 9] = [
    "Europe/Madrid",
    "Atlantic/Canary",
    "Africa/Ceuta",
    "Europe/Lisbon",
    "Atlantic/Madeira",
    "Atlantic/Azores",
    "Europe/Andorra",
    "Europe/Paris",
    "UTC",
];

/// Parses an IANA zone name, falling back to Europe/Madrid.
pub fn time_zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Europe::Madrid)
}

/// Formats cents as euros: `1.234,56 €` in Spanish and Basque, `€1,234.56` in English.
pub fn money(locale: Locale, cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (units, frac) = (abs / 100, abs % 100);
    let (group, decimal) = match locale {
        Locale::Es | Locale::Eu => ('.', ','),
        Locale::En => (',', '.'),
    };
    let digits = units.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match locale {
        Locale::Es | Locale::Eu => format!("{sign}{grouped}{decimal}{frac:02}\u{a0}€"),
        Locale::En => format!("{sign}€{grouped}{decimal}{frac:02}"),
    }
}

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_EU: [&str; 12] = [
    "urtarrila",
    "otsaila",
    "martxoa",
    "apirila",
    "maiatza",
    "ekaina",
    "uztaila",
    "abuztua",
    "iraila",
    "urria",
    "azaroa",
    "abendua",
];
const MONTHS_EN: [&str; 12] = [
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

fn weekday(locale: Locale, d: Weekday) -> &'static str {
    let i = d.num_days_from_monday() as usize;
    match locale {
        Locale::Es => ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"][i],
        Locale::Eu => ["astelehena", "asteartea", "asteazkena", "osteguna", "ostirala", "larunbata", "igandea"][i],
        Locale::En => ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][i],
    }
}

/// A weekday's short name (Monday first, `i` in 0..7): `lun`, `al.`, `Mon`.
pub fn weekday_short(locale: Locale, i: usize) -> &'static str {
    match locale {
        Locale::Es => ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"][i % 7],
        Locale::Eu => ["al.", "ar.", "az.", "og.", "or.", "lr.", "ig."][i % 7],
        Locale::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i % 7],
    }
}

/// A month's name and year: `noviembre de 2026`, `2026ko azaroa`, `November 2026`.
pub fn month_year(locale: Locale, year: i32, month0: usize) -> String {
    match locale {
        Locale::Es => format!("{} de {year}", MONTHS_ES[month0 % 12]),
        Locale::Eu => format!("{year}ko {}", MONTHS_EU[month0 % 12]),
        Locale::En => format!("{} {year}", MONTHS_EN[month0 % 12]),
    }
}

/// A local date and time in `tz` as UTC seconds. Times that do not exist (the spring DST gap)
/// move forward by the gap; ambiguous ones (the autumn repeat) take the first.
pub fn from_local(tz: Tz, naive: chrono::NaiveDateTime) -> Option<i64> {
    let at = match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => t,
        chrono::LocalResult::Ambiguous(first, _) => first,
        chrono::LocalResult::None => tz.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest()?,
    };
    Some(at.timestamp())
}

/// A short date in the centre's zone: `22/11/2026` (es), `2026/11/22` (eu), `22 Nov 2026` (en).
pub fn date(locale: Locale, at: DateTime<Utc>, tz: Tz) -> String {
    day(locale, tz.from_utc_datetime(&at.naive_utc()).date_naive())
}

/// A calendar day, short: `22/11/2026` (es), `2026/11/22` (eu), `22 Nov 2026` (en).
pub fn day(locale: Locale, d: chrono::NaiveDate) -> String {
    match locale {
        Locale::Es => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
        Locale::Eu => format!("{}/{:02}/{:02}", d.year(), d.month(), d.day()),
        Locale::En => format!("{} {} {}", d.day(), &MONTHS_EN[d.month0() as usize][..3], d.year()),
    }
}

/// A date and time (24 h) in the centre's zone.
pub fn date_time(locale: Locale, at: DateTime<Utc>, tz: Tz) -> String {
    let d = tz.from_utc_datetime(&at.naive_utc());
    format!("{} {}", date(locale, at, tz), d.format("%H:%M"))
}

/// A long date with the weekday: `domingo, 22 de noviembre de 2026`.
pub fn long_date(locale: Locale, at: DateTime<Utc>, tz: Tz) -> String {
    let d = tz.from_utc_datetime(&at.naive_utc());
    let m = d.month0() as usize;
    let wd = weekday(locale, d.weekday());
    match locale {
        Locale::Es => format!("{wd}, {} de {} de {}", d.day(), MONTHS_ES[m], d.year()),
        Locale::Eu => format!("{}(e)ko {}ren {}a, {wd}", d.year(), MONTHS_EU[m], d.day()),
        Locale::En => format!("{wd}, {} {} {}", d.day(), MONTHS_EN[m], d.year()),
    }
}

/// The time of day (24 h) in the centre's zone: `17:30`.
pub fn time(at: DateTime<Utc>, tz: Tz) -> String {
    tz.from_utc_datetime(&at.naive_utc()).format("%H:%M").to_string()
}

/// A time as a `datetime-local` input wants it, in the centre's zone: `2026-11-22T17:30`.
pub fn input_date_time(at: DateTime<Utc>, tz: Tz) -> String {
    tz.from_utc_datetime(&at.naive_utc()).format("%Y-%m-%dT%H:%M").to_string()
}

/// A date as a `date` input wants it, in the centre's zone: `2026-11-22`.
pub fn input_date(at: DateTime<Utc>, tz: Tz) -> String {
    tz.from_utc_datetime(&at.naive_utc()).format("%Y-%m-%d").to_string()
}

/// Minutes as hours with up to two decimals and `mark` as the decimal sign: `90` → `1,5`.
fn decimal_hours(minutes: i64, mark: char) -> String {
    let hundredths = (minutes * 100 + 30) / 60;
    let (int, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => int.to_string(),
        f if f % 10 == 0 => format!("{int}{mark}{}", f / 10),
        f => format!("{int}{mark}{f:02}"),
    }
}

/// Minutes as hours with up to two decimals: `7,5 h` (es, eu), `7.5 h` (en).
pub fn hours(locale: Locale, minutes: i64) -> String {
    let mark = if locale == Locale::En { '.' } else { ',' };
    format!("{} h", decimal_hours(minutes, mark))
}

/// Minutes as a form field shows hours, and the server reads them back: `90` → `1,5`.
pub fn hours_input(minutes: i64) -> String {
    decimal_hours(minutes, ',')
}

/// Cents as a form field shows euros, and the server reads them back: `4550` → `45,50`.
pub fn money_input(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}

/// Basis points as a form field shows a percentage, and the server reads it back: 1,250 →
/// `12,5`; none → empty.
pub fn percent_input(bp: i64) -> String {
    if bp == 0 {
        return String::new();
    }
    let frac = format!("{:02}", bp % 100);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        (bp / 100).to_string()
    } else {
        format!("{},{frac}", bp / 100)
    }
}

/// Basis points as a percentage in `locale`: 1,250 → `12,5 %` (es, eu), `12.5%` (en).
pub fn percent(locale: Locale, bp: i64) -> String {
    let n = percent_input(bp);
    let n = if n.is_empty() { "0".to_string() } else { n };
    match locale {
        Locale::En => format!("{}%", n.replace(',', ".")),
        Locale::Es | Locale::Eu => format!("{n} %"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_follow_the_locale_and_round_trip_through_form_fields() {
        assert_eq!(percent(Locale::Es, 2100), "21 %");
        assert_eq!(percent(Locale::Es, 1250), "12,5 %");
        assert_eq!(percent(Locale::En, 1250), "12.5%");
        assert_eq!(percent(Locale::Es, 0), "0 %");
        assert_eq!(
            (percent_input(1250), percent_input(1000), percent_input(0)),
            ("12,5".into(), "10".into(), String::new())
        );
    }

    #[test]
    fn hours_and_money_round_trip_through_form_fields() {
        assert_eq!(hours_input(90), "1,5");
        assert_eq!(hours_input(720), "12");
        assert_eq!(hours_input(15), "0,25");
        assert_eq!(hours(Locale::En, 90), "1.5 h");
        assert_eq!(money_input(4550), "45,50");
        assert_eq!(money_input(5), "0,05");
    }

    #[test]
    fn money_groups_thousands_per_locale() {
        assert_eq!(money(Locale::Es, 12_345_678), "123.456,78\u{a0}€");
        assert_eq!(money(Locale::En, 12_345_678), "€123,456.78");
        assert_eq!(money(Locale::Es, 5), "0,05\u{a0}€");
        assert_eq!(money(Locale::En, -100_000), "-€1,000.00");
    }

    #[test]
    fn dates_are_shown_in_madrid_time_across_midnight_and_dst() {
        let tz = time_zone(DEFAULT_TIME_ZONE);
        // 23:30 UTC on 31 March 2026 is 01:30 on 1 April in Madrid (summer time, UTC+2).
        let at = Utc.with_ymd_and_hms(2026, 3, 31, 23, 30, 0).unwrap();
        assert_eq!(date_time(Locale::Es, at, tz), "01/04/2026 01:30");
        assert_eq!(date(Locale::Eu, at, tz), "2026/04/01");
        // In winter Madrid is UTC+1.
        let winter = Utc.with_ymd_and_hms(2026, 11, 22, 9, 5, 0).unwrap();
        assert_eq!(date_time(Locale::En, winter, tz), "22 Nov 2026 10:05");
        assert_eq!(long_date(Locale::Es, winter, tz), "domingo, 22 de noviembre de 2026");
        assert_eq!(long_date(Locale::Eu, winter, tz), "2026(e)ko azaroaren 22a, igandea");
    }

    #[test]
    fn an_unknown_zone_falls_back_to_madrid() {
        assert_eq!(time_zone("Mars/Olympus"), chrono_tz::Europe::Madrid);
        for name in CENTRE_TIME_ZONES {
            assert_eq!(time_zone(name).name(), name);
        }
    }

    #[test]
    fn the_browser_build_keeps_exactly_the_centre_time_zones() {
        let config = include_str!("../../.cargo/config.toml");
        let filter =
            config.lines().find_map(|l| l.strip_prefix("CHRONO_TZ_TIMEZONE_FILTER = ")).expect("the filter is set");
        let inner = filter.trim_matches('"').trim_start_matches("^(").trim_end_matches(")$");
        let mut kept: Vec<&str> = inner.split('|').collect();
        let mut wanted = CENTRE_TIME_ZONES.to_vec();
        kept.sort_unstable();
        wanted.sort_unstable();
        assert_eq!(kept, wanted);
    }
}
