//! Demo data, so a new installation is not empty: a realistic team of a Spanish training centre.
//! Each later module adds its own records here (organizations, courses, workshops…).

use crate::users::{create_user, NewUser};
use crate::{Db, Error, Result};

/// The demo team: name, email, role, language.
pub const DEMO_TEAM: [(&str, &str, &str, &str); 5] = [
    ("Marta Iglesias Ortega", "marta.iglesias@aula.example", "manager", "es"),
    ("Javier Moreno Cano", "javier.moreno@aula.example", "staff", "es"),
    ("Ane Etxeberria Goikoetxea", "ane.etxeberria@aula.example", "staff", "eu"),
    ("Lucía Fernández Ruiz", "lucia.fernandez@aula.example", "reception", "es"),
    ("Peter Walsh", "peter.walsh@aula.example", "staff", "en"),
];

/// Adds the demo records that are not there yet, all users sharing `password`. Returns how many
/// records were created; running it twice creates nothing the second time.
pub async fn seed(db: &Db, password: &str) -> Result<usize> {
    let mut created = 0;
    for (name, email, role, locale) in DEMO_TEAM {
        let new = NewUser {
            email: email.into(),
            name: name.into(),
            role: role.into(),
            locale: locale.into(),
            password: password.into(),
        };
        match create_user(db, &new).await {
            Ok(_) => created += 1,
            Err(Error::Validation(f)) if f.iter().all(|f| f.issue == types::FieldIssue::EmailTaken) => {}
            Err(e) => return Err(e),
        }
    }
    tracing::info!(created, "demo data seeded");
    Ok(created)
}
