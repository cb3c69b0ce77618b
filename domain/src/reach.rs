//! Which of a module's records a user reaches: every one, or only those assigned to them — a role
//! ticked "own only" for a module (`training.own`), say a trainer who sees the sessions they give
//! and nobody else's, or a salesperson who sees the opportunities they own. Records out of reach
//! answer "not found", so nobody learns what exists beyond them.

use types::{Module, UserId};

use crate::users::User;

/// The records a user reaches in one module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reach {
    /// Every record.
    #[default]
    All,
    /// Only those assigned to this user (the sessions they train, the opportunities they own).
    Own(UserId),
}

/// The modules where sessions show: training, reception and the calendar.
const SESSION_MODULES: [Module; 3] = [Module::Training, Module::Reception, Module::Calendar];

impl Reach {
    /// What `user` reaches in `module`.
    pub fn of(user: &User, module: Module) -> Reach {
        if user.perms.own_only(module) {
            Reach::Own(user.id)
        } else {
            Reach::All
        }
    }

    /// The sessions `user` reaches where sessions show outside their own modules (the assistant):
    /// every one when a module that shows sessions is open to them unlimited, else their own.
    pub fn sessions(user: &User) -> Reach {
        let unlimited = SESSION_MODULES.iter().any(|m| user.can(*m, types::Action::View) && !user.perms.own_only(*m));
        if unlimited {
            Reach::All
        } else {
            Reach::Own(user.id)
        }
    }

    /// The value bound for a `($n = 0 OR column = $n)` filter: 0 reaches all.
    pub fn bind(self) -> i64 {
        match self {
            Reach::All => 0,
            Reach::Own(u) => u.0,
        }
    }

    /// True when a record assigned to `assignee` (or to nobody) is within reach.
    pub fn allows(self, assignee: Option<UserId>) -> bool {
        match self {
            Reach::All => true,
            Reach::Own(u) => assignee == Some(u),
        }
    }
}
