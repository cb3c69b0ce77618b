//! Text folding for sorting and searching: case- and accent-insensitive, so "jose" finds
//! "José" and "Álvarez" sorts with the A's.

pub use types::text::fold;

/// `s` without control characters (NUL, escapes…) but for newlines and tabs: PostgreSQL text
/// cannot hold a NUL, and none of them belongs in a name, an address or a search.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

#[cfg(test)]
mod tests {
    use super::{clean, fold};

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
