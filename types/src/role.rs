//! The four built-in roles: their stable keys and names. What each may do is its permission
//! preset (`Perms::preset`), which the centre may edit.

use serde::{Deserialize, Serialize};

/// A built-in role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the installation: users, settings, everything else.
    Admin,
    /// Runs the centre: sales, planning, reports.
    Manager,
    /// Sales people and coordinators.
    Staff,
    /// The front desk: today's check-ins only.
    Reception,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Manager, Role::Staff, Role::Reception];

    /// The stable name stored in the database and used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Staff => "staff",
            Role::Reception => "reception",
        }
    }

    /// Parses the stable name; `None` for anything else.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The translated name of the role.
    pub fn label(self) -> crate::Msg {
        match self {
            Role::Admin => crate::Msg::RoleAdmin,
            Role::Manager => crate::Msg::RoleManager,
            Role::Staff => crate::Msg::RoleStaff,
            Role::Reception => crate::Msg::RoleReception,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
