//! Text folding for sorting and searching: case- and accent-insensitive, so "jose" finds
//! "José" and "Álvarez" sorts with the A's. Shared by the server and the browser.

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
