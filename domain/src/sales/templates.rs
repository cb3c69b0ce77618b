//! Proposal templates: text with `{{variables}}`. A template is checked when it is saved: an
//! unknown variable or unbalanced braces is a field error that lists the allowed variables.

use std::collections::HashMap;

use types::FieldIssue;

use crate::{Error, Result};

pub use types::sales::TEMPLATE_VARIABLES as VARIABLES;

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
}

/// Splits `body` into text and variables; `Err` with the problem for a broken template.
pub fn parse(body: &str) -> std::result::Result<Vec<Piece<'_>>, TemplateProblem> {
    let mut pieces = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let open = rest.find("{{");
        let close = rest.find("}}");
        match (open, close) {
            (None, None) => {
                pieces.push(Piece::Text(rest));
                break;
            }
            (None, Some(_)) => return Err(TemplateProblem::Unbalanced),
            (Some(o), Some(c)) if c < o => return Err(TemplateProblem::Unbalanced),
            (Some(_), None) => return Err(TemplateProblem::Unbalanced),
            (Some(o), Some(c)) => {
                if o > 0 {
                    pieces.push(Piece::Text(&rest[..o]));
                }
                let name = rest[o + 2..c].trim();
                if name.contains('{') || name.contains('}') {
                    return Err(TemplateProblem::Unbalanced);
                }
                if !VARIABLES.contains(&name) {
                    return Err(TemplateProblem::Unknown(name.to_string()));
                }
                pieces.push(Piece::Var(name));
                rest = &rest[c + 2..];
            }
        }
    }
    Ok(pieces)
}

/// Why a template was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateProblem {
    Unbalanced,
    Unknown(String),
}

/// Checks a template body, as a field error on `field` whose detail names the problem and the
/// allowed variables.
pub fn check(field: &str, body: &str) -> Result<()> {
    let allowed = VARIABLES.iter().map(|v| format!("{{{{{v}}}}}")).collect::<Vec<_>>().join(", ");
    match parse(body) {
        Ok(_) => Ok(()),
        Err(TemplateProblem::Unbalanced) => Err(Error::field_detail(field, FieldIssue::TemplateBraces, allowed)),
        Err(TemplateProblem::Unknown(name)) => {
            Err(Error::field_detail(field, FieldIssue::TemplateVariable, format!("«{name}» · {allowed}")))
        }
    }
}

/// Fills a checked template with `values` (a missing value renders empty).
pub fn render(body: &str, values: &HashMap<&str, String>) -> Result<String> {
    let pieces = parse(body).map_err(|_| Error::field("body", FieldIssue::TemplateBraces))?;
    Ok(pieces
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.to_string(),
            Piece::Var(v) => values.get(v).cloned().unwrap_or_default(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_variables_fill_in_and_anything_else_is_refused_with_the_list() {
        let values: HashMap<&str, String> =
            [("clientName", "Arteka".to_string()), ("total", "1.210,00 €".to_string())].into();
        assert_eq!(render("Hola {{ clientName }}: {{total}}.", &values).unwrap(), "Hola Arteka: 1.210,00 €.");
        assert_eq!(parse("sin variables").unwrap(), vec![Piece::Text("sin variables")]);
        for broken in ["{{clientName", "clientName}}", "}} {{", "{{ {{total}} }}", "{{total}"] {
            assert_eq!(parse(broken), Err(TemplateProblem::Unbalanced), "{broken}");
        }
        assert_eq!(parse("{{precio}}"), Err(TemplateProblem::Unknown("precio".into())));
        match check("body", "{{precio}}") {
            Err(Error::Validation(f)) => {
                let detail = f[0].detail.clone().unwrap();
                assert!(detail.contains("precio") && detail.contains("{{validUntil}}"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }
}
