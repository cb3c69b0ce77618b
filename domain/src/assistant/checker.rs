//! The grounding check on a model's answer: it must cite the facts it uses, every citation
//! (`[W12]`) must name a fact that was given, and every number it states must appear in the facts
//! or in the question. An answer that
//! fails is not shown; the built-in assistant answers instead.

use std::collections::HashSet;

use super::Facts;

/// Why an answer was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// It cites a record that is not among the facts.
    UnknownCitation(String),
    /// It states a number found neither in the facts nor in the question.
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

/// The numbers in `text` outside citations, normalized so `1.200,50`, `1200.50` and `1200,5`
/// compare equal (`1200.5`). Dates and times split into their parts (`25/11/2026` → 25, 11, 2026).
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cleaned = String::with_capacity(text.len());
    // Blank out the citations first.
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
    let chars: Vec<char> = cleaned.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || (matches!(chars[i], '.' | ',') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            i += 1;
        }
        let raw: String = chars[start..i].iter().collect();
        out.push(normalize(&raw));
    }
    out
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
    let mut allowed: HashSet<String> = numbers(question).into_iter().collect();
    for f in &facts.items {
        allowed.extend(numbers(&f.text));
    }
    match numbers(answer).into_iter().find(|n| !allowed.contains(n)) {
        Some(n) => Err(Rejection::UnsupportedNumber(n)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistant::Fact;

    fn facts() -> Facts {
        Facts {
            items: vec![
                Fact::new("W12", "/workshops/12", "Taller de resina epoxi, 25/11/2026 18:00, 3 plazas libres de 12"),
                Fact::new("E4", "/workshops/12", "Ane Etxeberria, inscrita, pendiente de pago 45,00 €"),
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
        assert_eq!(check("Quedan 3 plazas de 12 en el taller [W12].", &f, "¿cuántas plazas quedan?"), Ok(()));
        assert_eq!(check("Ane debe 45 € [E4] del taller 12.", &f, "¿quién no ha pagado?"), Ok(()));
    }

    #[test]
    fn an_invented_citation_or_number_is_rejected() {
        let f = facts();
        assert_eq!(check("Quedan 3 plazas [W13].", &f, "plazas"), Err(Rejection::UnknownCitation("W13".into())));
        assert_eq!(check("Quedan 4 plazas [W12].", &f, "plazas"), Err(Rejection::UnsupportedNumber("4".into())));
        assert_eq!(check("  ", &f, "plazas"), Err(Rejection::Empty));
        assert_eq!(check("Quedan 3 plazas.", &f, "plazas"), Err(Rejection::NoCitation));
    }
}
