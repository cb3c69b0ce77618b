//! Parsing of CRM input at the edge: tax ids with their check characters, phones, web addresses,
//! free text with length limits, and local dates.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use types::FieldIssue;

/// A tax id: validated Spanish CIF/NIF/NIE for country `ES`, free-form for other countries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxId {
    pub country: String,
    pub value: String,
}

const NIF_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

impl TaxId {
    /// Parses `raw` for `country` (two letters; empty means `ES`). Separators (spaces, dots,
    /// dashes) are dropped and letters upper-cased; an `ES` prefix on a Spanish id is ignored.
    pub fn parse(country: &str, raw: &str) -> Result<TaxId, FieldIssue> {
        let country = parse_country(country)?;
        let mut value: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '/'))
            .collect::<String>()
            .to_uppercase();
        if value.is_empty() {
            return Err(FieldIssue::Required);
        }
        if country == "ES" {
            if value.len() == 11 && value.starts_with("ES") {
                value.drain(..2);
            }
            if !is_valid_spanish_tax_id(&value) {
                return Err(FieldIssue::InvalidTaxId);
            }
        } else if !(2..=20).contains(&value.chars().count()) || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(FieldIssue::InvalidTaxId);
        }
        Ok(TaxId { country, value })
    }
}

/// A two-letter country code, upper-cased; empty means Spain.
pub fn parse_country(raw: &str) -> Result<String, FieldIssue> {
    let c = raw.trim().to_uppercase();
    if c.is_empty() {
        return Ok("ES".into());
    }
    if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(FieldIssue::InvalidChoice)
    }
}

/// True for a Spanish NIF (DNI), NIE or CIF whose check character is right.
pub fn is_valid_spanish_tax_id(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let number = |s: &[u8]| std::str::from_utf8(s).ok().and_then(|s| s.parse::<u32>().ok());
    match b[0] {
        // NIF: eight digits and a letter.
        b'0'..=b'9' => digits(&b[..8]) && number(&b[..8]).is_some_and(|n| NIF_LETTERS[(n % 23) as usize] == b[8]),
        // NIE: X/Y/Z stand for 0/1/2, then as a NIF.
        b'X' | b'Y' | b'Z' => {
            let lead = (b[0] - b'X') as u32;
            digits(&b[1..8])
                && number(&b[1..8]).is_some_and(|n| NIF_LETTERS[((lead * 10_000_000 + n) % 23) as usize] == b[8])
        }
        // NIF for people without a DNI (K, L, M) and CIF for organizations.
        b'A'..=b'W' => {
            if !b"ABCDEFGHJKLMNPQRSUVW".contains(&b[0]) || !digits(&b[1..8]) {
                return false;
            }
            let mut sum = 0u32;
            for (i, d) in b[1..8].iter().map(|d| (d - b'0') as u32).enumerate() {
                if i % 2 == 0 {
                    let x = d * 2;
                    sum += x / 10 + x % 10;
                } else {
                    sum += d;
                }
            }
            let control = (10 - sum % 10) % 10;
            let as_digit = b'0' + control as u8;
            let as_letter = b"JABCDEFGHI"[control as usize];
            match b[0] {
                b'P' | b'Q' | b'R' | b'S' | b'W' | b'N' | b'K' | b'L' | b'M' => b[8] == as_letter,
                b'A' | b'B' | b'E' | b'H' => b[8] == as_digit,
                _ => b[8] == as_digit || b[8] == as_letter,
            }
        }
        _ => false,
    }
}

/// A valid CIF for an organization type letter and a seven-digit number (demo and test data).
pub fn spanish_cif(letter: char, number: u32) -> String {
    let digits = format!("{:07}", number % 10_000_000);
    for control in "0123456789JABCDEFGHI".chars() {
        let candidate = format!("{letter}{digits}{control}");
        if is_valid_spanish_tax_id(&candidate) {
            return candidate;
        }
    }
    unreachable!("every type letter accepts a digit or a letter")
}

/// A phone number as typed, and its normalized form for duplicate checks (`+34943123456`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub display: String,
    pub normalized: String,
}

impl Phone {
    /// Accepts digits with spaces, dots, dashes, parentheses and a leading `+` or `00`.
    /// Nine-digit numbers are taken as Spanish (+34).
    pub fn parse(raw: &str) -> Result<Phone, FieldIssue> {
        let display = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if display.chars().count() > 40 {
            return Err(FieldIssue::TooLong { max: 40 });
        }
        let plus = display.starts_with('+');
        if !display
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0))
        {
            return Err(FieldIssue::InvalidPhone);
        }
        let digits: String = display.chars().filter(char::is_ascii_digit).collect();
        let normalized = if plus {
            format!("+{digits}")
        } else if let Some(rest) = digits.strip_prefix("00") {
            format!("+{rest}")
        } else if digits.len() == 9 {
            format!("+34{digits}")
        } else {
            format!("+{digits}")
        };
        if !(8..=16).contains(&(normalized.len() - 1)) {
            return Err(FieldIssue::InvalidPhone);
        }
        Ok(Phone { display, normalized })
    }
}

/// A web address; `https://` is added when no scheme is given.
pub fn parse_website(raw: &str) -> Result<String, FieldIssue> {
    let s = raw.trim();
    if s.chars().count() > 200 {
        return Err(FieldIssue::TooLong { max: 200 });
    }
    let with_scheme =
        if s.starts_with("http://") || s.starts_with("https://") { s.to_string() } else { format!("https://{s}") };
    let host = with_scheme.split("://").nth(1).unwrap_or_default().split(['/', '?', '#']).next().unwrap_or_default();
    let ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == ':')
        && !with_scheme.contains(|c: char| c.is_whitespace() || c.is_control());
    if ok {
        Ok(with_scheme)
    } else {
        Err(FieldIssue::InvalidUrl)
    }
}

/// Trimmed text of at most `max` characters (inner whitespace collapsed unless `multiline`).
pub fn text(raw: &str, max: u32, multiline: bool) -> Result<String, FieldIssue> {
    let raw = &crate::text::clean(raw);
    let s =
        if multiline { raw.trim().replace("\r\n", "\n") } else { raw.split_whitespace().collect::<Vec<_>>().join(" ") };
    if s.chars().count() as u32 > max {
        Err(FieldIssue::TooLong { max })
    } else {
        Ok(s)
    }
}

/// Like [`text`], but empty is refused.
pub fn required_text(raw: &str, max: u32) -> Result<String, FieldIssue> {
    let s = text(raw, max, false)?;
    if s.is_empty() {
        Err(FieldIssue::Required)
    } else {
        Ok(s)
    }
}

/// A date (`YYYY-MM-DD`) or date and time (`YYYY-MM-DDTHH:MM`) in the centre's zone, as UTC
/// seconds. A bare date means `default_time` that day. Times that do not exist (the spring DST
/// gap) move forward by the gap; ambiguous ones (the autumn repeat) take the first.
pub fn local_date_time(raw: &str, tz: chrono_tz::Tz, default_time: NaiveTime) -> Result<i64, FieldIssue> {
    let s = raw.trim();
    let naive = if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        d.and_time(default_time)
    } else {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
            .map_err(|_| FieldIssue::InvalidDate)?
    };
    if !(1900..=2200).contains(&chrono::Datelike::year(&naive)) {
        return Err(FieldIssue::InvalidDate);
    }
    from_local(tz, naive).ok_or(FieldIssue::InvalidDate)
}

/// The one rule for local times (spring gap forward, autumn repeat first), shared with the browser.
pub use types::fmt::from_local;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_tax_ids_are_checked_with_their_control_character() {
        for ok in ["12345678Z", "X1234567L", "B12345674", "A58818501", "Q2826000H", "P2807900B", "00000000T"] {
            assert!(is_valid_spanish_tax_id(ok), "{ok}");
        }
        for bad in ["12345678A", "X1234567A", "B12345675", "Q2826000A", "1234567Z", "B1234567", "I12345674", ""] {
            assert!(!is_valid_spanish_tax_id(bad), "{bad}");
        }
    }

    #[test]
    fn generated_cifs_pass_the_check() {
        for (l, n) in [('B', 1234567), ('P', 2007900), ('G', 4_800_001), ('A', 0)] {
            assert!(is_valid_spanish_tax_id(&spanish_cif(l, n)), "{l}{n}");
        }
        assert_eq!(spanish_cif('B', 1234567), "B12345674");
    }

    #[test]
    fn tax_ids_are_normalized_and_foreign_ones_are_free_form() {
        assert_eq!(
            TaxId::parse("", " b-12.345.674 ").unwrap(),
            TaxId { country: "ES".into(), value: "B12345674".into() }
        );
        assert_eq!(TaxId::parse("es", "ESB12345674").unwrap().value, "B12345674");
        assert_eq!(TaxId::parse("FR", "fr 40303265045").unwrap().value, "FR40303265045");
        assert_eq!(TaxId::parse("ES", "B12345675"), Err(FieldIssue::InvalidTaxId));
        assert_eq!(TaxId::parse("Francia", "123"), Err(FieldIssue::InvalidChoice));
    }

    #[test]
    fn phones_normalize_to_international_form() {
        assert_eq!(Phone::parse("943 12 34 56").unwrap().normalized, "+34943123456");
        assert_eq!(Phone::parse("0034 943-123-456").unwrap().normalized, "+34943123456");
        assert_eq!(Phone::parse("+33 1 23 45 67 89").unwrap().normalized, "+33123456789");
        assert_eq!(Phone::parse("943 12 34 56").unwrap().display, "943 12 34 56");
        assert_eq!(Phone::parse("llámame"), Err(FieldIssue::InvalidPhone));
        assert_eq!(Phone::parse("123"), Err(FieldIssue::InvalidPhone));
    }

    #[test]
    fn websites_get_a_scheme_and_need_a_host() {
        assert_eq!(parse_website("aula.example").unwrap(), "https://aula.example");
        assert_eq!(parse_website("http://x.es/a?b").unwrap(), "http://x.es/a?b");
        assert_eq!(parse_website("no web"), Err(FieldIssue::InvalidUrl));
        assert_eq!(parse_website("localhost"), Err(FieldIssue::InvalidUrl));
    }

    #[test]
    fn local_dates_become_utc_across_both_dst_changes() {
        let tz = chrono_tz::Europe::Madrid;
        let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
        // 29 March 2026, 02:30 does not exist in Madrid: it becomes 03:30 CEST = 01:30 UTC.
        let spring = local_date_time("2026-03-29T02:30", tz, eight).unwrap();
        assert_eq!(chrono::DateTime::from_timestamp(spring, 0).unwrap().to_rfc3339(), "2026-03-29T01:30:00+00:00");
        // 25 October 2026, 02:30 happens twice: the first (CEST, UTC+2) is taken.
        let autumn = local_date_time("2026-10-25T02:30", tz, eight).unwrap();
        assert_eq!(chrono::DateTime::from_timestamp(autumn, 0).unwrap().to_rfc3339(), "2026-10-25T00:30:00+00:00");
        let day = local_date_time("2026-11-22", tz, eight).unwrap();
        assert_eq!(chrono::DateTime::from_timestamp(day, 0).unwrap().to_rfc3339(), "2026-11-22T07:00:00+00:00");
        assert_eq!(local_date_time("22/11/2026", tz, eight), Err(FieldIssue::InvalidDate));
    }
}
