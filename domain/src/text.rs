//! Text folding for sorting and searching: case- and accent-insensitive, so "jose" finds
//! "José" and "Álvarez" sorts with the A's.

pub use types::text::fold;

/// `s` without control characters (NUL, escapes…) but for newlines and tabs: PostgreSQL text
/// cannot hold a NUL, and none of them belongs in a name, an address or a search.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

/// `text` with every occurrence of `needle` replaced by `with`, ignoring case and accents ("jose
/// garcía" is found in "José García").
pub fn replace_ignoring_case(text: &str, needle: &str, with: &str) -> String {
    let folded = |c: char| fold(&c.to_string());
    let needle: Vec<String> = needle.chars().map(folded).collect();
    let chars: Vec<char> = text.chars().collect();
    if needle.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let end = i + needle.len();
        if end <= chars.len() && chars[i..end].iter().zip(&needle).all(|(c, n)| folded(*c) == *n) {
            out.push_str(with);
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Text for XML content or attribute values: the five special characters escaped, and the
/// control characters XML 1.0 cannot hold (all below U+0020 but tab, line feed and return) left out.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{clean, fold, replace_ignoring_case, xml_escape};

    #[test]
    fn xml_text_escapes_its_special_characters_and_drops_what_xml_cannot_hold() {
        assert_eq!(xml_escape("Tom & \"Jerry's\" <b>\u{1}\n"), "Tom &amp; &quot;Jerry&apos;s&quot; &lt;b&gt;\n");
    }

    #[test]
    fn a_mention_is_replaced_whatever_its_case_and_accents() {
        let text = "Llamé a JOSE GARCIA; josé garcía volverá a llamar. Garcíaz no.";
        assert_eq!(replace_ignoring_case(text, "José García", "[x]"), "Llamé a [x]; [x] volverá a llamar. Garcíaz no.");
        assert_eq!(replace_ignoring_case("nada", "", "[x]"), "nada");
    }

    #[test]
    fn cleaning_drops_control_characters_but_keeps_lines() {
        assert_eq!(clean("a\u{0}b\u{1b}[0m\nc\td"), "ab[0m\nc\td");
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("José Álvarez Núñez"), "jose alvarez nunez");
        let mut names = vec!["Zuriñe", "Álvaro", "bea", "Óscar"];
        names.sort_by_key(|n| fold(n));
        assert_eq!(names, ["Álvaro", "bea", "Óscar", "Zuriñe"]);
    }
}
