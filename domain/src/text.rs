//! Text folding for sorting and searching: case- and accent-insensitive, so "jose" finds
//! "José" and "Álvarez" sorts with the A's.

/// Lower-cases `s` and strips the accents of Latin letters (á→a, ñ→n, ç→c, ü→u…).
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("José Álvarez Núñez"), "jose alvarez nunez");
        let mut names = vec!["Zuriñe", "Álvaro", "bea", "Óscar"];
        names.sort_by_key(|n| fold(n));
        assert_eq!(names, ["Álvaro", "bea", "Óscar", "Zuriñe"]);
    }
}
