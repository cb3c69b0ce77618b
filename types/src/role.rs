//! The roles a user can hold, and what each may reach.

use serde::{Deserialize, Serialize};

/// What a user is allowed to do. Ordered from most to least powerful.
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

    /// True when this role may do what `required` may do.
    pub fn includes(self, required: Role) -> bool {
        self.rank() <= required.rank()
    }

    fn rank(self) -> u8 {
        match self {
            Role::Admin => 0,
            Role::Manager => 1,
            Role::Staff => 2,
            Role::Reception => 3,
        }
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
    fn admin_includes_every_role_and_reception_only_itself() {
        for r in Role::ALL {
            assert!(Role::Admin.includes(r));
        }
        assert!(Role::Reception.includes(Role::Reception));
        assert!(!Role::Reception.includes(Role::Staff));
        assert!(!Role::Staff.includes(Role::Manager));
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
