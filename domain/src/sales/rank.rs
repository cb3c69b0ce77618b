//! Fractional ordering keys: a card placed between two others gets a key that sorts between
//! theirs, so a move writes one row. Keys are base-62 digits (`0-9A-Za-z`, in byte order) read
//! as a fraction; none ends in `0`, so there is always room between two of them. Keys that grow
//! past [`MAX_LEN`] are rebalanced by the caller.

const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: usize = 62;

/// Keys longer than this make their column due for a rebalance.
pub const MAX_LEN: usize = 24;

fn digit(c: u8) -> usize {
    DIGITS.iter().position(|d| *d == c).unwrap_or(0)
}

/// Whether `s` is a well-formed key.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty() && !s.ends_with('0') && s.bytes().all(|b| DIGITS.contains(&b))
}

/// A key strictly between `a` and `b` (`None` is the start or the end of the column).
/// `a < b` is expected; with bad input the result still sorts after `a`.
pub fn between(a: Option<&str>, b: Option<&str>) -> String {
    let a = a.filter(|s| is_valid(s)).unwrap_or("");
    let b = b.filter(|s| is_valid(s) && *s > a);
    match b {
        None if a.is_empty() => "V".to_string(),
        None => append(a.as_bytes()),
        Some(b) if a.is_empty() => prepend(b.as_bytes()),
        Some(b) => midpoint(a.as_bytes(), Some(b.as_bytes())),
    }
}

/// The shortest key after `a`: its first digit below `z`, bumped (61 appends per extra digit).
fn append(a: &[u8]) -> String {
    let mut out = Vec::with_capacity(a.len() + 1);
    for &c in a {
        let d = digit(c);
        if d + 1 < BASE {
            out.push(DIGITS[d + 1]);
            return String::from_utf8_lossy(&out).into_owned();
        }
        out.push(c);
    }
    out.push(DIGITS[1]);
    String::from_utf8_lossy(&out).into_owned()
}

/// The shortest key before `b` (and after the start).
fn prepend(b: &[u8]) -> String {
    let mut out = Vec::with_capacity(b.len() + 1);
    for &c in b {
        match digit(c) {
            d if d > 1 => {
                out.push(DIGITS[d - 1]);
                break;
            }
            1 => {
                out.extend_from_slice(&[b'0', DIGITS[BASE - 1]]);
                break;
            }
            _ => out.push(b'0'),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        // Skip the common prefix (a is padded with zeros).
        let mut n = 0;
        while n < b.len() && a.get(n).copied().unwrap_or(b'0') == b[n] {
            n += 1;
        }
        if n > 0 {
            let rest = midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..]));
            return format!("{}{rest}", String::from_utf8_lossy(&b[..n]));
        }
    }
    let da = a.first().map(|c| digit(*c)).unwrap_or(0);
    let db = b.and_then(|b| b.first()).map(|c| digit(*c)).unwrap_or(BASE);
    if db - da > 1 {
        return (DIGITS[(da + db) / 2] as char).to_string();
    }
    match b {
        // b's first digit alone sorts after a and before b.
        Some(b) if b.len() > 1 => (b[0] as char).to_string(),
        // a's first digit, then something after the rest of a.
        _ => format!("{}{}", DIGITS[da] as char, midpoint(a.get(1..).unwrap_or(&[]), None)),
    }
}

/// `n` evenly spaced keys, in order (for a rebalance).
pub fn spread(n: usize) -> Vec<String> {
    // Two digits give 3,843 slots; three give 238,327.
    let width = if n < 60 {
        1
    } else if n < 3_800 {
        2
    } else {
        3
    };
    let slots = BASE.pow(width as u32);
    (1..=n)
        .map(|i| {
            let mut v = i * slots / (n + 1);
            let mut s = vec![b'0'; width];
            for k in (0..width).rev() {
                s[k] = DIGITS[v % BASE];
                v /= BASE;
            }
            while s.len() > 1 && s.last() == Some(&b'0') {
                s.pop();
            }
            String::from_utf8(s).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_between_two_sorts_between_them() {
        assert_eq!(between(None, None), "V");
        let cases = [
            (None, Some("V")),
            (None, Some("1")),
            (None, Some("01")),
            (None, Some("2")),
            (Some("V"), None),
            (Some("z"), None),
            (Some("zz"), None),
            (Some("a"), Some("b")),
            (Some("a"), Some("a1")),
            (Some("az"), Some("b")),
            (Some("1"), Some("2")),
        ];
        for (a, b) in cases {
            let k = between(a, b);
            assert!(is_valid(&k), "{k}");
            if let Some(a) = a {
                assert!(a < k.as_str(), "{a} < {k}");
            }
            if let Some(b) = b {
                assert!(k.as_str() < b, "{k} < {b}");
            }
        }
    }

    #[test]
    fn repeated_inserts_at_one_place_stay_ordered_and_grow_slowly() {
        // Always between the first two: the worst case for length.
        let (mut lo, mut hi) = (between(None, None), between(None, None));
        hi = between(Some(&hi), None);
        for _ in 0..200 {
            let k = between(Some(&lo), Some(&hi));
            assert!(lo < k && k < hi, "{lo} < {k} < {hi}");
            hi = k;
        }
        assert!(hi.len() < 60, "{}", hi.len());
        // Always at the end: one digit per 62 moves at most.
        let mut last = between(None, None);
        for _ in 0..500 {
            let k = between(Some(&last), None);
            assert!(k > last);
            last = k;
        }
        assert!(last.len() <= 10, "{last}");
        // Always at the start.
        let mut first = between(None, None);
        for _ in 0..500 {
            let k = between(None, Some(&first));
            assert!(k < first && is_valid(&k), "{k} < {first}");
            first = k;
        }
        assert!(first.len() <= 12, "{first}");
        lo.clear();
    }

    #[test]
    fn spread_keys_are_ordered_valid_and_short() {
        for n in [1, 5, 59, 60, 1_000, 5_000] {
            let keys = spread(n);
            assert_eq!(keys.len(), n);
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{n}");
            assert!(keys.iter().all(|k| is_valid(k) && k.len() <= 3), "{n}");
        }
    }
}
