//! The grounding check on a model's answer: it must cite the facts it uses, every citation
//! (`[W12]`) must name a fact that was given, and every number it states must be supported by a
//! value of the same kind in the facts — a count by a count, an amount by an amount, a date by a
//! date, a time by a time — or appear in the question. Digits inside a date, a time, a phone
//! number or an id never support a count or an amount. An answer that fails is not shown; the
//! built-in assistant answers instead.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Timelike};

use super::{Facts, Value};
use crate::text::fold;

/// Why an answer was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// It cites a record that is not among the facts.
    UnknownCitation(String),
    /// It states a number that no value of its kind in the facts (nor the question) supports.
    UnsupportedNumber(String),
    /// It cites no fact at all, though there were facts to cite.
    NoCitation,
    /// It is empty.
    Empty,
}

/// The citations in `text`, in order: `[W12]` → `W12`.
pub fn citations(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        let after = &rest[start + 1..];
        match after.find(']') {
            Some(end) if is_citation(&after[..end]) => {
                found.push(after[..end].to_string());
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    found
}

/// `W12`: one or two capital letters and digits.
fn is_citation(s: &str) -> bool {
    let letters = s.chars().take_while(|c| c.is_ascii_uppercase()).count();
    (1..=2).contains(&letters) && s.len() > letters && s[letters..].chars().all(|c| c.is_ascii_digit())
}

/// `text` with its citations blanked out.
fn without_citations(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        cleaned.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find(']') {
            Some(end) if is_citation(&after[..end]) => {
                cleaned.push(' ');
                rest = &after[end + 1..];
            }
            _ => {
                cleaned.push('[');
                rest = after;
            }
        }
    }
    cleaned.push_str(rest);
    cleaned
}

/// The plain numbers in `text` outside citations, normalized so `1.200,50`, `1200.50` and
/// `1200,5` compare equal (`1200.5`). Dates and times split into their parts.
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = without_citations(text).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let end = number_end(&chars, i);
            out.push(normalize(&chars[i..end].iter().collect::<String>()));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Where the number starting at `start` ends: digits, with `.` or `,` between digits.
fn number_end(chars: &[char], start: usize) -> usize {
    let mut i = start;
    while i < chars.len()
        && (chars[i].is_ascii_digit()
            || (matches!(chars[i], '.' | ',') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
    {
        i += 1;
    }
    i
}

/// `1.200,50` → `1200.5`; `3` → `3`; `12,5` → `12.5`; `1,234` → `1234` (thousands).
fn normalize(raw: &str) -> String {
    let grouped = |sep: char| {
        let mut parts = raw.split(sep);
        parts.next().is_some_and(|p| (1..=3).contains(&p.len())) && parts.all(|p| p.len() == 3)
    };
    let plain = match (raw.rfind(','), raw.rfind('.')) {
        (Some(c), Some(d)) if c > d => raw.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => raw.replace(',', ""),
        (Some(_), None) if grouped(',') => raw.replace(',', ""),
        (None, Some(_)) if grouped('.') => raw.replace('.', ""),
        (Some(_), None) => raw.replace(',', "."),
        _ => raw.to_string(),
    };
    match plain.split_once('.') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            let int = int.trim_start_matches('0');
            let int = if int.is_empty() { "0" } else { int };
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
        None => {
            let t = plain.trim_start_matches('0');
            if t.is_empty() {
                "0".into()
            } else {
                t.to_string()
            }
        }
    }
}

/// A normalized number as cents, if it has at most two decimals.
fn cents(n: &str) -> Option<i64> {
    let (int, frac) = n.split_once('.').unwrap_or((n, ""));
    if frac.len() > 2 {
        return None;
    }
    let int: i64 = int.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    int.checked_mul(100)?.checked_add(frac)
}

/// What a number in an answer states, read from the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stated {
    Count(String),
    Money(String),
    Percent(String),
    /// Day, month and, if written, year.
    Date(u32, u32, Option<i32>),
    Time(u32, u32),
}

impl Stated {
    /// The number as a rejection names it.
    fn shown(&self) -> String {
        match self {
            Stated::Count(n) | Stated::Money(n) | Stated::Percent(n) => n.clone(),
            Stated::Date(d, m, Some(y)) => format!("{d}/{m}/{y}"),
            Stated::Date(d, m, None) => format!("{d}/{m}"),
            Stated::Time(h, m) => format!("{h}:{m:02}"),
        }
    }

    /// Its numbers, normalized, to compare with the question's.
    fn parts(&self) -> Vec<String> {
        match self {
            Stated::Count(n) | Stated::Money(n) | Stated::Percent(n) => vec![n.clone()],
            Stated::Date(d, m, y) => {
                let mut v = vec![d.to_string(), m.to_string()];
                v.extend(y.map(|y| y.to_string()));
                v
            }
            Stated::Time(h, m) => vec![h.to_string(), m.to_string()],
        }
    }
}

/// Month names, folded: Spanish and English whole (English also abbreviated), Basque by stem
/// with its endings (`azaroaren`).
const MONTHS_WHOLE: [&[&str]; 12] = [
    &["enero", "january", "jan"],
    &["febrero", "february", "feb"],
    &["marzo", "march", "mar"],
    &["abril", "april", "apr"],
    &["mayo", "may"],
    &["junio", "june", "jun"],
    &["julio", "july", "jul"],
    &["agosto", "august", "aug"],
    &["septiembre", "setiembre", "september", "sept", "sep"],
    &["octubre", "october", "oct"],
    &["noviembre", "november", "nov"],
    &["diciembre", "december", "dec"],
];
const MONTHS_EU: [&str; 12] = [
    "urtarril", "otsail", "martxo", "apiril", "maiatz", "ekain", "uztail", "abuztu", "irail", "urri", "azaro", "abendu",
];

/// The month (1–12) a folded word names.
fn month_of(word: &str) -> Option<u32> {
    (0..12)
        .find(|&i| {
            MONTHS_WHOLE[i].contains(&word) || (word.starts_with(MONTHS_EU[i]) && word.len() <= MONTHS_EU[i].len() + 5)
        })
        .map(|i| i as u32 + 1)
}

/// The word (letters only) that ends right before `at`, skipping spaces and `de`/`of`.
fn word_before(chars: &[char], at: usize) -> String {
    let mut i = at;
    let mut word = String::new();
    for _ in 0..2 {
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        let end = i;
        while i > 0 && chars[i - 1].is_alphabetic() {
            i -= 1;
        }
        word = chars[i..end].iter().collect();
        if word != "de" && word != "of" {
            break;
        }
    }
    word
}

/// The word (letters only) that starts right after `at`, skipping spaces and `de`/`of`; with the
/// position after it.
fn word_after(chars: &[char], at: usize) -> (String, usize) {
    let mut i = at;
    let mut word = String::new();
    for _ in 0..2 {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let start = i;
        while i < chars.len() && chars[i].is_alphabetic() {
            i += 1;
        }
        word = chars[start..i].iter().collect();
        if word != "de" && word != "of" {
            break;
        }
    }
    (word, i)
}

/// A year written right after `at` (`de 2026`, `, 2026`, ` 2026`); with the position after it.
fn year_after(chars: &[char], at: usize) -> Option<(i32, usize)> {
    let mut i = at;
    while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ',') {
        i += 1;
    }
    if chars[i..].starts_with(&['d', 'e']) {
        i += 2;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    (i - start == 4).then(|| chars[start..i].iter().collect::<String>().parse().ok().map(|y| (y, i))).flatten()
}

/// Up to three numbers joined by `sep` at `start` (`25/11/2026`, `18:00`): their values and end.
fn joined(chars: &[char], start: usize, seps: &[char]) -> Option<(Vec<(String, usize)>, usize)> {
    let mut parts = Vec::new();
    let mut i = start;
    loop {
        let s = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return None;
        }
        parts.push((chars[s..i].iter().collect::<String>(), i - s));
        if parts.len() < 3 && i + 1 < chars.len() && seps.contains(&chars[i]) && chars[i + 1].is_ascii_digit() {
            i += 1;
        } else {
            break;
        }
    }
    (parts.len() >= 2).then_some((parts, i))
}

/// Reads what each number in `text` states. `text` is folded and has its citations and quoted
/// texts blanked out.
fn stated(text: &str) -> Vec<Stated> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        // A number glued to letters before it is part of a code (`W12`, `a4`): not a figure.
        if i > 0 && chars[i - 1].is_alphabetic() {
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            continue;
        }
        // 18:00 — a time.
        if let Some((p, end)) = joined(&chars, i, &[':']) {
            if p.len() == 2 && p[1].1 == 2 {
                let (h, m) = (p[0].0.parse().unwrap_or(99), p[1].0.parse().unwrap_or(99));
                out.push(Stated::Time(h, m));
                i = end;
                continue;
            }
        }
        // 25/11/2026, 2026-11-25, 25.11.2026, 25/11 — a date.
        if let Some((p, end)) = joined(&chars, i, &['/', '-', '.']) {
            let n = |k: usize| p[k].0.parse::<i64>().unwrap_or(-1);
            let date = match p.len() {
                3 if p[0].1 == 4 => Some((n(2), n(1), Some(n(0)))),
                3 if p[2].1 == 4 || p[2].1 == 2 => {
                    Some((n(0), n(1), Some(if p[2].1 == 2 { 2000 + n(2) } else { n(2) })))
                }
                2 if p[0].1 <= 2 && p[1].1 <= 2 && chars[i + p[0].1] != '.' => Some((n(0), n(1), None)),
                _ => None,
            };
            if let Some((d, m, y)) = date {
                out.push(Stated::Date(d as u32, m as u32, y.map(|y| y as i32)));
                i = end;
                continue;
            }
        }
        let end = number_end(&chars, i);
        let n = normalize(&chars[i..end].iter().collect::<String>());
        // 25 de noviembre (de 2026), 25 Nov 2026 — a date; noviembre 25, azaroaren 25 likewise.
        let (after, after_end) = word_after(&chars, end);
        if let (Some(m), Ok(d)) = (month_of(&after), n.parse::<u32>()) {
            let year = year_after(&chars, after_end);
            out.push(Stated::Date(d, m, year.map(|y| y.0)));
            i = year.map(|y| y.1).unwrap_or(after_end);
            continue;
        }
        if let (Some(m), Ok(d)) = (month_of(&word_before(&chars, i)), n.parse::<u32>()) {
            if d <= 31 {
                let year = year_after(&chars, end);
                out.push(Stated::Date(d, m, year.map(|y| y.0)));
                i = year.map(|y| y.1).unwrap_or(end);
                continue;
            }
        }
        let rest: String = chars[end..].iter().take(12).collect::<String>();
        let rest = rest.trim_start();
        let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
        out.push(if rest.starts_with('€') || rest.starts_with("eur") || before == Some(&'€') {
            Stated::Money(n)
        } else if rest.starts_with('%') || rest.starts_with("por ciento") || rest.starts_with("percent") {
            Stated::Percent(n)
        } else {
            Stated::Count(n)
        });
        i = end;
    }
    out
}

/// `text` with each occurrence of `quote` that stands on its own (not inside a longer word or
/// number) blanked out.
fn blank_whole(text: &str, quote: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(quote) {
        let (before, after) = (&rest[..at], &rest[at + quote.len()..]);
        let joined = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        out.push_str(before);
        if joined(before.chars().next_back()) || joined(after.chars().next()) {
            out.push_str(quote);
        } else {
            out.push(' ');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Checks `answer` against the facts it was given and the question asked.
pub fn check(answer: &str, facts: &Facts, question: &str) -> Result<(), Rejection> {
    if answer.trim().is_empty() {
        return Err(Rejection::Empty);
    }
    let known: HashSet<&str> = facts.items.iter().map(|f| f.cite.as_str()).collect();
    let cited = citations(answer);
    if let Some(unknown) = cited.iter().find(|c| !known.contains(c.as_str())) {
        return Err(Rejection::UnknownCitation(unknown.clone()));
    }
    if cited.is_empty() && !facts.items.is_empty() {
        return Err(Rejection::NoCitation);
    }

    // Quoted texts repeated whole (a phone number, a title with a number) state nothing more.
    let mut text = fold(&without_citations(answer));
    let mut quoted: Vec<String> = facts
        .items
        .iter()
        .flat_map(|f| &f.values)
        .filter_map(|v| match v {
            Value::Text(t) => Some(fold(t)),
            _ => None,
        })
        .collect();
    quoted.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for q in quoted.iter().filter(|q| q.chars().count() >= 5) {
        text = blank_whole(&text, q);
    }

    let values: Vec<&Value> = facts.items.iter().flat_map(|f| &f.values).collect();
    // The answer may count what it cites: all of it, or the cited facts of one kind.
    let cited: HashSet<&str> = cited.iter().map(String::as_str).collect();
    let mut counted: HashMap<_, i64> = HashMap::new();
    for f in facts.items.iter().filter(|f| cited.contains(f.cite.as_str())) {
        *counted.entry(Some(f.kind)).or_default() += 1;
        *counted.entry(None).or_default() += 1;
    }
    let asked: HashSet<String> = numbers(question).into_iter().collect();

    let supported = |s: &Stated| -> bool {
        if s.parts().iter().all(|p| asked.contains(p)) {
            return true;
        }
        match s {
            Stated::Count(n) => {
                let Ok(n) = n.parse::<i64>() else { return false };
                counted.values().any(|c| *c == n)
                    || values.iter().any(|v| match v {
                        Value::Count(c) => *c == n,
                        // A year on its own (`en 2026`) is part of a date of the facts.
                        Value::Date(d) => i64::from(d.year()) == n,
                        _ => false,
                    })
            }
            Stated::Money(n) => {
                let c = cents(n);
                values.iter().any(|v| matches!(v, Value::Money(m) if Some(*m) == c))
            }
            Stated::Percent(n) => values.iter().any(|v| matches!(v, Value::Percent(p) if p.to_string() == *n)),
            Stated::Date(d, m, y) => values.iter().any(|v| {
                matches!(v, Value::Date(date) if date.day() == *d && date.month() == *m
                    && y.is_none_or(|y| date.year() == y))
            }),
            Stated::Time(h, m) => {
                values.iter().any(|v| matches!(v, Value::Time(t) if t.hour() == *h && t.minute() == *m))
            }
        }
    };
    match stated(&text).into_iter().find(|s| !supported(s)) {
        Some(s) => Err(Rejection::UnsupportedNumber(s.shown())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistant::{Fact, FactKind, Line};
    use chrono::TimeZone;

    const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

    /// A workshop on 25/11/2026 at 18:00 with 3 of 12 seats left, and an enrollment owing 45 €.
    fn facts() -> Facts {
        let at = TZ.with_ymd_and_hms(2026, 11, 25, 18, 0, 0).unwrap().with_timezone(&chrono::Utc);
        let workshop = Line::new()
            .say("Taller «")
            .quote("Resina epoxi 2")
            .say("» · ")
            .when(at, TZ)
            .say(" · ")
            .quote("Calle Licenciado Poza 31")
            .say(" · libres ")
            .count(3)
            .say(" de ")
            .count(12)
            .say(" · precio ")
            .money(4500);
        let enrollment = Line::new()
            .quote("Ane Etxeberria")
            .say(" · teléfono ")
            .quote("944 000 111")
            .say(" · pendiente ")
            .money(4500)
            .say(" · probabilidad ")
            .percent(40);
        Facts {
            items: vec![
                Fact::new(FactKind::Workshop, "W12".into(), "/workshops/12".into(), workshop),
                Fact::new(FactKind::Enrollment, "E4".into(), "/workshops/12".into(), enrollment),
            ],
        }
    }

    #[test]
    fn citations_are_read_and_brackets_that_are_not_citations_are_ignored() {
        assert_eq!(citations("Quedan 3 [W12] y [E4]; [nota] [w1] [123]"), ["W12", "E4"]);
    }

    #[test]
    fn numbers_are_normalized_across_decimal_marks() {
        assert_eq!(numbers("1.200,50 € y 12,5 h, 007 [W12] y 1,234"), ["1200.5", "12.5", "7", "1234"]);
    }

    #[test]
    fn an_answer_built_from_the_facts_passes() {
        let f = facts();
        let ok = |answer: &str| assert_eq!(check(answer, &f, "¿cuántas plazas quedan?"), Ok(()), "{answer}");
        ok("Quedan 3 plazas de 12 en el taller [W12].");
        ok("Ane debe 45 € [E4]; cuesta 45,00\u{a0}€ [W12].");
        ok("Ane owes €45.00 [E4].");
        ok("Es el 25/11/2026 a las 18:00 [W12], el 25 de noviembre de 2026, November 25, azaroaren 25ean.");
        ok("El 2026-11-25 [W12], en 2026.");
        ok("Su teléfono es 944 000 111 [E4], en Calle Licenciado Poza 31 [W12]; taller «Resina epoxi 2».");
        ok("Probabilidad del 40 % [E4].");
        ok("Hay 2 registros: [W12] y [E4].");
        assert_eq!(check("Quedan 7 plazas [W12]", &f, "¿seguro que quedan 7?"), Ok(()));
    }

    #[test]
    fn an_invented_citation_or_number_is_rejected() {
        let f = facts();
        let no = |answer: &str| check(answer, &f, "plazas");
        assert_eq!(no("Quedan 3 plazas [W13]."), Err(Rejection::UnknownCitation("W13".into())));
        assert_eq!(no("Quedan 4 plazas [W12]."), Err(Rejection::UnsupportedNumber("4".into())));
        assert_eq!(no("  "), Err(Rejection::Empty));
        assert_eq!(no("Quedan 3 plazas."), Err(Rejection::NoCitation));
    }

    #[test]
    fn digits_of_a_date_a_time_a_phone_or_an_address_do_not_support_a_count_or_an_amount() {
        let f = facts();
        let no = |answer: &str| check(answer, &f, "plazas");
        let unsupported = |n: &str| Err(Rejection::UnsupportedNumber(n.into()));
        assert_eq!(no("Quedan 11 plazas [W12]."), unsupported("11"), "the month of the date");
        assert_eq!(no("Quedan 25 plazas [W12]."), unsupported("25"), "the day");
        assert_eq!(no("Quedan 18 plazas [W12]."), unsupported("18"), "the hour");
        assert_eq!(no("Debe 111 € [E4]."), unsupported("111"), "part of the phone number");
        assert_eq!(no("Quedan 31 plazas [W12]."), unsupported("31"), "the street number");
        assert_eq!(no("Debe 12 € [E4]."), unsupported("12"), "a count is not an amount");
        assert_eq!(no("Quedan 45 plazas [W12]."), unsupported("45"), "an amount is not a count");
        assert_eq!(no("Es el 26/11/2026 [W12]."), unsupported("26/11/2026"), "another day");
        assert_eq!(no("Es el 25 de octubre [W12]."), unsupported("25/10"), "another month");
        assert_eq!(no("A las 19:00 [W12]."), unsupported("19:00"), "another time");
        assert_eq!(no("Probabilidad del 45 % [E4]."), unsupported("45"), "an amount is not a percentage");
    }
}
