//! Permissions: a module × an action. A role is a named set of them; the four built-in roles are
//! presets an admin can edit, and custom roles (say "Formador/a") tick their own.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A part of Aula that permissions are granted on, present or coming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Module {
    Crm,
    Training,
    Workshops,
    Reception,
    Pipeline,
    Proposals,
    Calendar,
    Assistant,
    Billing,
    Products,
    Automations,
    Desk,
    Campaigns,
    Reports,
    Admin,
}

/// What may be done in a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    View,
    Create,
    Edit,
    Delete,
    Export,
    Configure,
}

impl Module {
    pub const ALL: [Module; 15] = [
        Module::Crm,
        Module::Training,
        Module::Workshops,
        Module::Reception,
        Module::Pipeline,
        Module::Proposals,
        Module::Calendar,
        Module::Assistant,
        Module::Billing,
        Module::Products,
        Module::Automations,
        Module::Desk,
        Module::Campaigns,
        Module::Reports,
        Module::Admin,
    ];

    /// The stable name used in stored permission lists and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Module::Crm => "crm",
            Module::Training => "training",
            Module::Workshops => "workshops",
            Module::Reception => "reception",
            Module::Pipeline => "pipeline",
            Module::Proposals => "proposals",
            Module::Calendar => "calendar",
            Module::Assistant => "assistant",
            Module::Billing => "billing",
            Module::Products => "products",
            Module::Automations => "automations",
            Module::Desk => "desk",
            Module::Campaigns => "campaigns",
            Module::Reports => "reports",
            Module::Admin => "admin",
        }
    }

    /// The translated name of the module.
    pub fn label(self) -> crate::Msg {
        use crate::Msg::*;
        match self {
            Module::Crm => ModCrm,
            Module::Training => ModTraining,
            Module::Workshops => ModWorkshops,
            Module::Reception => ModReception,
            Module::Pipeline => ModPipeline,
            Module::Proposals => ModProposals,
            Module::Calendar => ModCalendar,
            Module::Assistant => ModAssistant,
            Module::Billing => ModBilling,
            Module::Products => ModProducts,
            Module::Automations => ModAutomations,
            Module::Desk => ModDesk,
            Module::Campaigns => ModCampaigns,
            Module::Reports => ModReports,
            Module::Admin => ModAdmin,
        }
    }

    fn index(self) -> u32 {
        Module::ALL.iter().position(|m| *m == self).expect("every module is in ALL") as u32
    }
}

impl Action {
    pub const ALL: [Action; 6] =
        [Action::View, Action::Create, Action::Edit, Action::Delete, Action::Export, Action::Configure];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::View => "view",
            Action::Create => "create",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Export => "export",
            Action::Configure => "configure",
        }
    }

    /// The translated name of the action.
    pub fn label(self) -> crate::Msg {
        use crate::Msg::*;
        match self {
            Action::View => ActView,
            Action::Create => ActCreate,
            Action::Edit => ActEdit,
            Action::Delete => ActDelete,
            Action::Export => ActExport,
            Action::Configure => ActConfigure,
        }
    }

    fn index(self) -> u32 {
        Action::ALL.iter().position(|a| *a == self).expect("every action is in ALL") as u32
    }
}

/// A role as the admin pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleView {
    /// The stable key users refer to (`admin`, `staff`, `formador-a`…).
    pub key: String,
    /// The name of a custom role; empty for a built-in one (shown translated).
    pub name: String,
    pub builtin: bool,
    pub perms: Perms,
    /// How many users hold it.
    pub users: i64,
}

impl RoleView {
    /// The name to show: a built-in role's translation, or the custom role's own name.
    pub fn title(&self, locale: crate::Locale) -> String {
        role_title(&self.key, &self.name, locale)
    }
}

/// The name to show for the role `key` (a custom role's stored `name`).
pub fn role_title(key: &str, name: &str, locale: crate::Locale) -> String {
    match crate::Role::parse(key) {
        Some(r) => r.label().text(locale).to_string(),
        None => name.to_string(),
    }
}

/// One permission: `module.action`, e.g. `crm.edit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Perm(pub Module, pub Action);

impl Perm {
    /// The stable name, `module.action`.
    pub fn key(self) -> String {
        format!("{}.{}", self.0.as_str(), self.1.as_str())
    }

    /// Parses `module.action`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Perm> {
        let (m, a) = s.split_once('.')?;
        let m = Module::ALL.into_iter().find(|x| x.as_str() == m)?;
        let a = Action::ALL.into_iter().find(|x| x.as_str() == a)?;
        Some(Perm(m, a))
    }

    fn bit(self) -> u128 {
        1u128 << (self.0.index() * Action::ALL.len() as u32 + self.1.index())
    }
}

/// A set of permissions. Stored and sent as a list of `module.action` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Perms(u128);

impl Perms {
    /// No permission at all: a signed-in user who may only see their own account.
    pub const NONE: Perms = Perms(0);

    /// Every permission of every module.
    pub fn all() -> Perms {
        Perms::of(Module::ALL.iter().flat_map(|m| Action::ALL.iter().map(move |a| Perm(*m, *a))))
    }

    pub fn of(perms: impl IntoIterator<Item = Perm>) -> Perms {
        Perms(perms.into_iter().fold(0, |bits, p| bits | p.bit()))
    }

    /// True when `module.action` is in the set.
    pub fn can(self, module: Module, action: Action) -> bool {
        self.has(Perm(module, action))
    }

    pub fn has(self, p: Perm) -> bool {
        self.0 & p.bit() != 0
    }

    pub fn with(self, p: Perm) -> Perms {
        Perms(self.0 | p.bit())
    }

    pub fn without(self, p: Perm) -> Perms {
        Perms(self.0 & !p.bit())
    }

    /// The permissions in the set, module by module.
    pub fn iter(self) -> impl Iterator<Item = Perm> {
        Module::ALL
            .into_iter()
            .flat_map(|m| Action::ALL.into_iter().map(move |a| Perm(m, a)))
            .filter(move |p| self.has(*p))
    }

    /// The stored form: names separated by spaces.
    pub fn to_text(self) -> String {
        self.iter().map(Perm::key).collect::<Vec<_>>().join(" ")
    }

    /// Parses a list of `module.action` names (a form's ticked boxes); `None` if any is unknown.
    pub fn parse_all(names: &[String]) -> Option<Perms> {
        names.iter().map(|n| Perm::parse(n)).collect::<Option<Vec<_>>>().map(Perms::of)
    }

    /// Reads the stored form; unknown names (say, of a module since removed) are left out.
    pub fn from_text(s: &str) -> Perms {
        Perms::of(s.split_whitespace().filter_map(Perm::parse))
    }

    /// What a built-in role may do when the centre has not changed it: today's meaning of the
    /// four roles. Reception runs the front desk; staff sell and plan; managers also delete,
    /// export, configure their modules, read the reports and set up email; admins do everything.
    pub fn preset(role: crate::Role) -> Perms {
        use Action::*;
        use Module::*;
        let all = |m: Module| Action::ALL.map(|a| Perm(m, a));
        // Every module but administration.
        let business = Module::ALL.into_iter().filter(|m| *m != Admin);
        let reception = Perms::of([
            Perm(Reception, View),
            Perm(Reception, Create),
            Perm(Reception, Edit),
            Perm(Workshops, View),
            Perm(Calendar, View),
            Perm(Assistant, View),
        ]);
        match role {
            crate::Role::Admin => Perms::all(),
            crate::Role::Manager => Perms::of(business.flat_map(all)).with(Perm(Admin, Edit)),
            crate::Role::Staff => Perms::of(
                business
                    .filter(|m| *m != Reports)
                    .flat_map(|m| [Perm(m, View), Perm(m, Create), Perm(m, Edit)])
                    .chain([Perm(Crm, Export)]),
            )
            .union(reception),
            crate::Role::Reception => reception,
        }
    }

    pub fn union(self, other: Perms) -> Perms {
        Perms(self.0 | other.0)
    }
}

impl Serialize for Perms {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Perm::key))
    }
}

impl<'de> Deserialize<'de> for Perms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        Ok(Perms::of(names.iter().filter_map(|n| Perm::parse(n))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    #[test]
    fn every_permission_has_its_own_bit_and_round_trips_through_text() {
        let all = Perms::all();
        assert_eq!(all.iter().count(), Module::ALL.len() * Action::ALL.len());
        assert_eq!(Perms::from_text(&all.to_text()), all);
        assert_eq!(Perm::parse("crm.edit"), Some(Perm(Module::Crm, Action::Edit)));
        assert_eq!(Perm::parse("crm.fly"), None);
        assert_eq!(
            Perms::from_text("crm.view nonsense reports.view"),
            Perms::of([Perm(Module::Crm, Action::View), Perm(Module::Reports, Action::View)])
        );
    }

    #[test]
    fn the_presets_keep_the_old_order_of_roles() {
        let [admin, manager, staff, reception] = Role::ALL.map(Perms::preset);
        for p in reception.iter() {
            assert!(staff.has(p), "{p:?}");
        }
        for p in staff.iter() {
            assert!(manager.has(p), "{p:?}");
        }
        assert_eq!(admin, Perms::all());
        assert!(!manager.can(Module::Admin, Action::Configure) && manager.can(Module::Admin, Action::Edit));
        assert!(!staff.can(Module::Crm, Action::Delete) && staff.can(Module::Crm, Action::Edit));
        assert!(!reception.can(Module::Crm, Action::View));
        assert!(!staff.can(Module::Reports, Action::View) && manager.can(Module::Reports, Action::View));
    }
}
