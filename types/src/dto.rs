//! Data sent between server and browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Action, Locale, Module, Perms, UserId};

/// A user as shown in the UI and the API. Never carries the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub name: String,
    /// The key of the user's role.
    pub role: String,
    /// A custom role's name (empty for a built-in one).
    pub role_name: String,
    /// What the role may do.
    pub perms: Perms,
    pub locale: Locale,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

impl UserView {
    /// True when the user's role grants `module.action`.
    pub fn can(&self, module: Module, action: Action) -> bool {
        self.perms.can(module, action)
    }

    /// The role's name in `locale`.
    pub fn role_title(&self, locale: Locale) -> String {
        crate::role_title(&self.role, &self.role_name, locale)
    }
}

/// The user administration page: the accounts and the roles they may hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersAdmin {
    pub users: Vec<UserView>,
    pub roles: Vec<crate::RoleView>,
}

/// What every page needs to know about who is looking and how to show things.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user: Option<UserView>,
    pub locale: Locale,
    /// The centre's IANA time zone.
    pub time_zone: String,
    /// Unread notifications when the page was rendered (the bell updates live afterwards).
    #[serde(default)]
    pub unread: i64,
}

impl Viewer {
    /// Nobody signed in, Spanish, Madrid time.
    pub fn anonymous() -> Self {
        Viewer {
            user: None,
            locale: crate::Locale::default(),
            time_zone: crate::fmt::DEFAULT_TIME_ZONE.to_string(),
            unread: 0,
        }
    }
}

/// The figures on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardData {
    pub now: DateTime<Utc>,
    pub active_users: i64,
    pub open_sessions: i64,
    pub database: String,
    pub version: String,
    /// Open leads without a next action: the viewer's own (staff), everyone's (managers).
    #[serde(default)]
    pub leads_without_next_action: Vec<(crate::OrganizationId, String)>,
}

/// An API token as listed to its owner. The secret itself is shown once, at creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenView {
    pub id: i64,
    pub name: String,
    /// The first characters of the secret, to tell tokens apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A token just created: the only time its secret is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedApiToken {
    pub token: ApiTokenView,
    pub secret: String,
}
