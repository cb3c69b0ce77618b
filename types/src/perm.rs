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

    /// The modules whose records are assigned to someone, so a role may be limited to its own:
    /// training (contracts through the sessions a user trains), reception (the attendance of those
    /// sessions), the calendar (those sessions and the user's follow-ups), the pipeline (the
    /// opportunities the user owns) and proposals (those of their opportunities).
    pub const ASSIGNED: [Module; 5] =
        [Module::Training, Module::Reception, Module::Calendar, Module::Pipeline, Module::Proposals];

    /// True when a role may be limited to this module's records assigned to the user.
    pub fn assigned(self) -> bool {
        Module::ASSIGNED.contains(&self)
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

/// The name that limits a module to the user's own records: `training.own`.
const OWN: &str = "own";

/// A set of permissions, and the modules limited to the user's own records. Stored and sent as a
/// list of `module.action` names, with `module.own` for each limited module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Perms(u128);

/// Where the "own records only" flags start: past every module × action bit.
const OWN_BITS: u32 = (Module::ALL.len() * Action::ALL.len()) as u32;

fn own_bit(m: Module) -> u128 {
    1u128 << (OWN_BITS + m.index())
}

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

    /// True when the role reaches only the records of `module` assigned to the user (the
    /// sessions they train, the opportunities they own). Never for modules without assignments.
    pub fn own_only(self, module: Module) -> bool {
        module.assigned() && self.0 & own_bit(module) != 0
    }

    /// The same set with `module` limited to the user's own records (ignored for a module
    /// without assignments).
    pub fn with_own_only(self, module: Module) -> Perms {
        if module.assigned() {
            Perms(self.0 | own_bit(module))
        } else {
            self
        }
    }

    /// The modules limited to the user's own records.
    pub fn own_modules(self) -> impl Iterator<Item = Module> {
        Module::ASSIGNED.into_iter().filter(move |m| self.own_only(*m))
    }

    /// The permissions in the set, module by module.
    pub fn iter(self) -> impl Iterator<Item = Perm> {
        Module::ALL
            .into_iter()
            .flat_map(|m| Action::ALL.into_iter().map(move |a| Perm(m, a)))
            .filter(move |p| self.has(*p))
    }

    /// Every name in the set: `module.action`s, then `module.own` for each limited module.
    pub fn names(self) -> impl Iterator<Item = String> {
        self.iter().map(Perm::key).chain(self.own_modules().map(|m| format!("{}.{OWN}", m.as_str())))
    }

    /// The stored form: names separated by spaces.
    pub fn to_text(self) -> String {
        self.names().collect::<Vec<_>>().join(" ")
    }

    /// Adds one name; `None` when it is neither `module.action` nor `module.own` of a module
    /// with assignments.
    fn add_name(self, name: &str) -> Option<Perms> {
        if let Some(p) = Perm::parse(name) {
            return Some(self.with(p));
        }
        let (m, own) = name.split_once('.')?;
        let m = Module::ALL.into_iter().find(|x| x.as_str() == m && x.assigned())?;
        (own == OWN).then(|| self.with_own_only(m))
    }

    /// Parses a list of names (a form's ticked boxes); `None` if any is unknown.
    pub fn parse_all(names: &[String]) -> Option<Perms> {
        names.iter().try_fold(Perms::NONE, |perms, n| perms.add_name(n))
    }

    /// Reads the stored form; unknown names (say, of a module since removed) are left out.
    pub fn from_text(s: &str) -> Perms {
        Perms::known(s.split_whitespace())
    }

    fn known<'a>(names: impl IntoIterator<Item = &'a str>) -> Perms {
        names.into_iter().fold(Perms::NONE, |perms, n| perms.add_name(n).unwrap_or(perms))
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
        s.collect_seq(self.names())
    }
}

impl<'de> Deserialize<'de> for Perms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        Ok(Perms::known(names.iter().map(String::as_str)))
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
    fn own_only_flags_round_trip_and_exist_only_for_modules_with_assignments() {
        let trainer = Perms::of([Perm(Module::Training, Action::View), Perm(Module::Reception, Action::Edit)])
            .with_own_only(Module::Training)
            .with_own_only(Module::Reception)
            .with_own_only(Module::Crm);
        assert!(trainer.own_only(Module::Training) && trainer.own_only(Module::Reception));
        assert!(!trainer.own_only(Module::Crm) && !trainer.own_only(Module::Calendar));
        assert_eq!(trainer.to_text(), "training.view reception.edit training.own reception.own");
        assert_eq!(Perms::from_text(&trainer.to_text()), trainer);
        let names: Vec<String> = trainer.names().collect();
        assert_eq!(Perms::parse_all(&names), Some(trainer));
        assert_eq!(Perms::parse_all(&["crm.own".to_string()]), None);
        assert_eq!(Perms::parse_all(&["training.mine".to_string()]), None);
        assert_eq!(serde_json::from_str::<Perms>(&serde_json::to_string(&trainer).unwrap()).unwrap(), trainer);
        assert!(Module::ALL.iter().all(|m| !Perms::all().own_only(*m)), "admins reach everything");
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
