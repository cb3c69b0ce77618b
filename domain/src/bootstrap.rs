//! First start: an empty database gets an administrator.

use rand::distributions::{Alphanumeric, DistString};

use crate::users::{count_users, create_user, NewUser, User};
use crate::{Db, Result};

/// The administrator made on first start, and the password when it was generated.
pub struct FirstAdmin {
    pub user: User,
    /// `Some` when no password was configured: it must be shown once to whoever installs Aula.
    pub generated_password: Option<String>,
}

/// Creates the first administrator when there are no users at all; `None` otherwise.
pub async fn ensure_admin(db: &Db, email: &str, name: &str, password: Option<&str>) -> Result<Option<FirstAdmin>> {
    if count_users(db).await? > 0 {
        return Ok(None);
    }
    let generated = password.is_none().then(|| Alphanumeric.sample_string(&mut rand::rngs::OsRng, 20));
    let password = password.map(str::to_string).or_else(|| generated.clone()).unwrap_or_default();
    let user = create_user(
        db,
        &NewUser { email: email.into(), name: name.into(), role: "admin".into(), locale: "es".into(), password },
    )
    .await?;
    Ok(Some(FirstAdmin { user, generated_password: generated }))
}
