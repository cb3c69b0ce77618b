//! Input newtypes, parsed at the edge: holding one means the value is valid.

use types::{FieldIssue, Locale};

/// A normalized (trimmed, lower-case) email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, FieldIssue> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(FieldIssue::Required);
        }
        if s.chars().count() > 254 {
            return Err(FieldIssue::TooLong { max: 254 });
        }
        let (local, domain) = s.rsplit_once('@').ok_or(FieldIssue::InvalidEmail)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok =
            !local.is_empty() && !local.contains(|c: char| c.is_whitespace() || c.is_control()) && !local.contains('@');
        if domain_ok && local_ok {
            Ok(EmailAddress(s))
        } else {
            Err(FieldIssue::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IBAN, without spaces and upper-cased, whose ISO 13616 check digits are right (`ES91 2100
/// 0418 4502 0005 1332`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iban(String);

impl Iban {
    pub fn parse(raw: &str) -> Result<Self, FieldIssue> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
        if s.is_empty() {
            return Err(FieldIssue::Required);
        }
        let shape = (15..=34).contains(&s.len())
            && s.bytes().take(2).all(|b| b.is_ascii_uppercase())
            && s.bytes().skip(2).take(2).all(|b| b.is_ascii_digit())
            && s.bytes().all(|b| b.is_ascii_alphanumeric());
        if !shape || (s.starts_with("ES") && s.len() != 24) {
            return Err(FieldIssue::InvalidNumber);
        }
        // Move the first four characters to the end, letters become 10..35, and the number must
        // leave 1 divided by 97.
        let remainder = s[4..].bytes().chain(s[..4].bytes()).fold(0u32, |acc, b| {
            let v = if b.is_ascii_digit() { u32::from(b - b'0') } else { u32::from(b - b'A') + 10 };
            if v >= 10 {
                (acc * 100 + v) % 97
            } else {
                (acc * 10 + v) % 97
            }
        });
        if remainder == 1 {
            Ok(Iban(s))
        } else {
            Err(FieldIssue::InvalidNumber)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Grouped by four, as printed: `ES91 2100 0418 4502 0005 1332`.
    pub fn grouped(&self) -> String {
        self.0.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
    }
}

/// A person's display name: 1 to 120 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, FieldIssue> {
        let s = crate::text::clean(raw).split_whitespace().collect::<Vec<_>>().join(" ");
        match s.chars().count() {
            0 => Err(FieldIssue::Required),
            n if n > 120 => Err(FieldIssue::TooLong { max: 120 }),
            _ => Ok(PersonName(s)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 10 to 128 characters.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN: u32 = 10;
    pub const MAX: u32 = 128;

    pub fn parse(raw: &str) -> Result<Self, FieldIssue> {
        match raw.chars().count() as u32 {
            0 => Err(FieldIssue::Required),
            n if n < Self::MIN => Err(FieldIssue::TooShort { min: Self::MIN }),
            n if n > Self::MAX => Err(FieldIssue::TooLong { max: Self::MAX }),
            _ => Ok(NewPassword(raw.to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

/// A language tag from a form or an API body.
pub fn parse_locale(raw: &str) -> Result<Locale, FieldIssue> {
    Locale::parse(raw).ok_or(FieldIssue::InvalidChoice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            EmailAddress::parse("  Ane.Etxeberria@Ejemplo.EUS ").unwrap().as_str(),
            "ane.etxeberria@ejemplo.eus"
        );
    }

    #[test]
    fn malformed_emails_are_refused_with_a_reason() {
        assert_eq!(EmailAddress::parse(""), Err(FieldIssue::Required));
        for bad in ["ane", "ane@", "@x.es", "ane@x", "ane@x..es", "a ne@x.es", "ane@x.es."] {
            assert_eq!(EmailAddress::parse(bad), Err(FieldIssue::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn names_collapse_inner_whitespace() {
        assert_eq!(PersonName::parse("  José   Luis  ").unwrap().as_str(), "José Luis");
        assert_eq!(PersonName::parse("   "), Err(FieldIssue::Required));
    }

    #[test]
    fn passwords_need_ten_characters_counted_as_characters_not_bytes() {
        assert_eq!(NewPassword::parse("corto").unwrap_err(), FieldIssue::TooShort { min: 10 });
        assert!(NewPassword::parse("ñññññññññ").is_err());
        assert!(NewPassword::parse("ññññññññññ").is_ok());
    }

    #[test]
    fn ibans_are_checked_with_their_check_digits() {
        let iban = Iban::parse("es91 2100 0418 4502 0005 1332").unwrap();
        assert_eq!(iban.as_str(), "ES9121000418450200051332");
        assert_eq!(iban.grouped(), "ES91 2100 0418 4502 0005 1332");
        assert!(Iban::parse("DE89 3704 0044 0532 0130 00").is_ok());
        assert_eq!(Iban::parse("ES9121000418450200051333"), Err(FieldIssue::InvalidNumber));
        assert_eq!(Iban::parse("ES91210004184502000513"), Err(FieldIssue::InvalidNumber));
        assert_eq!(Iban::parse(" "), Err(FieldIssue::Required));
    }
}
