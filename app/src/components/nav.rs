//! The staff navigation: every page in its group (Ventas, Formación, Recepción… Administración)
//! with the least role that may open it. The sidebar and the command palette both read it, so a
//! new module adds its pages here once.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use types::{Action, Module, Msg, Perm, Perms};

use crate::i18n::use_ctx;

/// A group of the sidebar, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Home, above the groups.
    Top,
    Sales,
    Training,
    Reception,
    Billing,
    Marketing,
    Support,
    Reports,
    Admin,
    /// The user's own pages, last and untitled.
    Own,
}

impl Group {
    pub const ALL: [Group; 10] = [
        Group::Top,
        Group::Sales,
        Group::Training,
        Group::Reception,
        Group::Billing,
        Group::Marketing,
        Group::Support,
        Group::Reports,
        Group::Admin,
        Group::Own,
    ];

    /// The group's heading; none for the top.
    pub fn title(self) -> Option<Msg> {
        Some(match self {
            Group::Top | Group::Own => return None,
            Group::Sales => Msg::NavGroupSales,
            Group::Training => Msg::NavGroupTraining,
            Group::Reception => Msg::NavGroupReception,
            Group::Billing => Msg::NavGroupBilling,
            Group::Marketing => Msg::NavGroupMarketing,
            Group::Support => Msg::NavGroupSupport,
            Group::Reports => Msg::NavGroupReports,
            Group::Admin => Msg::NavGroupAdmin,
        })
    }
}

/// A page in the navigation.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub href: &'static str,
    pub label: Msg,
    pub group: Group,
    /// The permission that opens it (`None`: anyone signed in).
    pub need: Option<Perm>,
    pub icon: Icon,
    /// Other paths that belong to it (an opportunity's page belongs to the pipeline).
    pub also: &'static [&'static str],
}

/// Every page of the navigation, group by group.
pub const PAGES: &[Page] = &[
    Page { href: "/", label: Msg::NavDashboard, group: Group::Top, need: None, icon: Icon::Home, also: &[] },
    Page {
        href: "/clients",
        label: Msg::NavClients,
        group: Group::Sales,
        need: Some(Perm(Module::Crm, Action::View)),
        icon: Icon::Clients,
        also: &[],
    },
    Page {
        href: "/people",
        label: Msg::NavPeople,
        group: Group::Sales,
        need: Some(Perm(Module::Crm, Action::View)),
        icon: Icon::People,
        also: &[],
    },
    Page {
        href: "/pipeline",
        label: Msg::PipeTitle,
        group: Group::Sales,
        need: Some(Perm(Module::Pipeline, Action::View)),
        icon: Icon::Pipeline,
        also: &["/opportunities", "/proposals"],
    },
    Page {
        href: "/pipeline/metrics",
        label: Msg::MetricsTitle,
        group: Group::Sales,
        need: Some(Perm(Module::Pipeline, Action::View)),
        icon: Icon::Chart,
        also: &[],
    },
    Page {
        href: "/invoices",
        label: Msg::BillInvoices,
        group: Group::Billing,
        need: Some(Perm(Module::Billing, Action::View)),
        icon: Icon::Contract,
        also: &[],
    },
    Page {
        href: "/products",
        label: Msg::ProdProducts,
        group: Group::Billing,
        need: Some(Perm(Module::Products, Action::View)),
        icon: Icon::Package,
        also: &[],
    },
    Page {
        href: "/workshops",
        label: Msg::WsTitle,
        group: Group::Training,
        need: Some(Perm(Module::Workshops, Action::View)),
        icon: Icon::Workshop,
        also: &[],
    },
    Page {
        href: "/contracts",
        label: Msg::CtTitle,
        group: Group::Training,
        need: Some(Perm(Module::Training, Action::View)),
        icon: Icon::Contract,
        also: &["/sessions"],
    },
    Page {
        href: "/courses",
        label: Msg::CoTitle,
        group: Group::Training,
        need: Some(Perm(Module::Training, Action::View)),
        icon: Icon::Book,
        also: &[],
    },
    Page {
        href: "/today",
        label: Msg::TodayTitle,
        group: Group::Reception,
        need: Some(Perm(Module::Reception, Action::View)),
        icon: Icon::Today,
        also: &[],
    },
    Page {
        href: "/sales",
        label: Msg::SaleCounter,
        group: Group::Reception,
        need: Some(Perm(Module::Reception, Action::Create)),
        icon: Icon::Receipt,
        also: &[],
    },
    Page {
        href: "/calendar",
        label: Msg::CalTitle,
        group: Group::Reception,
        need: Some(Perm(Module::Calendar, Action::View)),
        icon: Icon::Calendar,
        also: &[],
    },
    Page {
        href: "/notifications",
        label: Msg::NotifTitle,
        group: Group::Reception,
        need: None,
        icon: Icon::Bell,
        also: &[],
    },
    Page {
        href: "/admin/email",
        label: Msg::EmailAdminTitle,
        group: Group::Admin,
        need: Some(Perm(Module::Admin, Action::Edit)),
        icon: Icon::Mail,
        also: &[],
    },
    Page {
        href: "/admin/assistant",
        label: Msg::AsstAdminTitle,
        group: Group::Admin,
        need: Some(Perm(Module::Assistant, Action::Configure)),
        icon: Icon::Spark,
        also: &[],
    },
    Page {
        href: "/pipeline/stages",
        label: Msg::StagesTitle,
        group: Group::Admin,
        need: Some(Perm(Module::Pipeline, Action::Configure)),
        icon: Icon::Columns,
        also: &[],
    },
    Page {
        href: "/pipeline/templates",
        label: Msg::TplTitle,
        group: Group::Admin,
        need: Some(Perm(Module::Proposals, Action::Configure)),
        icon: Icon::Copy,
        also: &[],
    },
    Page {
        href: "/billing/issuers",
        label: Msg::BillIssuers,
        group: Group::Admin,
        need: Some(Perm(Module::Billing, Action::Configure)),
        icon: Icon::Copy,
        also: &[],
    },
    Page {
        href: "/admin/users",
        label: Msg::NavUsers,
        group: Group::Admin,
        need: Some(Perm(Module::Admin, Action::Configure)),
        icon: Icon::Shield,
        also: &[],
    },
    Page {
        href: "/admin/roles",
        label: Msg::NavRoles,
        group: Group::Admin,
        need: Some(Perm(Module::Admin, Action::Configure)),
        icon: Icon::Shield,
        also: &[],
    },
    Page {
        href: "/admin/audit",
        label: Msg::AuditTitle,
        group: Group::Admin,
        need: Some(Perm(Module::Admin, Action::View)),
        icon: Icon::Shield,
        also: &[],
    },
    Page { href: "/account", label: Msg::NavAccount, group: Group::Own, need: None, icon: Icon::User, also: &[] },
];

/// The pages a role with `perms` may open.
pub fn pages_for(perms: Perms) -> impl Iterator<Item = &'static Page> {
    PAGES.iter().filter(move |p| p.need.is_none_or(|n| perms.has(n)))
}

/// Whether `path` is `prefix` or below it (`/clients/4` is below `/clients`, `/clientsx` is not).
fn under(path: &str, prefix: &str) -> bool {
    path == prefix || (prefix != "/" && path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/')))
}

/// The page of `pages` that `path` belongs to: the longest match, so `/pipeline/stages` is the
/// stages page and not the pipeline.
pub fn current<'a>(pages: impl Iterator<Item = &'a Page>, path: &str) -> Option<&'static str> {
    pages
        .flat_map(|p| std::iter::once(p.href).chain(p.also.iter().copied()).map(move |prefix| (prefix, p.href)))
        .filter(|(prefix, _)| under(path, prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, href)| href)
}

/// The pages with no staff chrome: the public catalogue and the sign-in page.
pub fn is_public(path: &str) -> bool {
    under(path, "/talleres") || under(path, "/login")
}

/// A small line icon (24×24, drawn with the current colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Home,
    Clients,
    People,
    Pipeline,
    Chart,
    Workshop,
    Contract,
    Package,
    Receipt,
    Book,
    Today,
    Calendar,
    Bell,
    Mail,
    Spark,
    Columns,
    Copy,
    Shield,
    User,
    Search,
    Menu,
    Chevron,
}

impl Icon {
    fn path(self) -> &'static str {
        match self {
            Icon::Home => "M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10",
            Icon::Clients => "M4 21V5l8-3v19M12 8h8v13M7 8h2M7 12h2M7 16h2M15 12h2M15 16h2M2 21h20",
            Icon::People => "M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8",
            Icon::Pipeline => "M3 4h18l-7 8v6l-4 2v-8z",
            Icon::Chart => "M4 20V10M10 20V4M16 20v-8M2 20h20",
            Icon::Workshop => "M12 3l2.6 5.6 6.1.7-4.5 4.2 1.2 6L12 16.6l-5.4 2.9 1.2-6-4.5-4.2 6.1-.7z",
            Icon::Contract => "M14 3H6v18h12V7zM14 3v4h4M9 13h6M9 17h6",
            Icon::Package => "M3 7l9-4 9 4-9 4zM3 7v10l9 4 9-4V7M12 11v10",
            Icon::Receipt => "M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6M9 16h3",
            Icon::Book => "M4 5a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0-2 2zM4 21a2 2 0 0 1 2-2h14",
            Icon::Today => "M9 3h6v3H9zM7 5H5v16h14V5h-2M9 14l2 2 4-4",
            Icon::Calendar => "M4 6h16v15H4zM4 10h16M8 3v4M16 3v4",
            Icon::Bell => "M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0",
            Icon::Mail => "M3 5h18v14H3zM3 6l9 7 9-7",
            Icon::Spark => "M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5 18 18M6 18l2.5-2.5M15.5 8.5 18 6",
            Icon::Columns => "M4 4h4v16H4zM10 4h4v10h-4zM16 4h4v6h-4z",
            Icon::Copy => "M8 8h12v12H8zM4 16V4h12",
            Icon::Shield => "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z",
            Icon::User => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0",
            Icon::Search => "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5",
            Icon::Menu => "M3 6h18M3 12h18M3 18h18",
            Icon::Chevron => "M15 18l-6-6 6-6",
        }
    }
}

/// An icon, hidden from screen readers (the text next to it names the link).
#[component]
pub fn NavIcon(icon: Icon) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d=icon.path() fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>
        </svg>
    }
}

/// The sidebar: the groups the user's permissions open pages in, the current page marked. Collapses to
/// icons on a desktop (the browser remembers it, `browser::frame`) and slides in as a drawer on a
/// tablet.
#[component]
pub fn Sidebar(perms: Perms) -> impl IntoView {
    let ctx = use_ctx();
    let here = current(pages_for(perms), &use_location().pathname.get_untracked());
    let groups = Group::ALL
        .into_iter()
        .filter_map(|g| {
            let items: Vec<&'static Page> = pages_for(perms).filter(|p| p.group == g).collect();
            if items.is_empty() {
                return None;
            }
            let links = items
                .into_iter()
                .map(|p| {
                    let label = ctx.t(p.label);
                    view! {
                        <li>
                            <a href=p.href aria-current=(here == Some(p.href)).then_some("page") title=label>
                                <NavIcon icon=p.icon/>
                                <span class="nav-label">{label}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="nav-group">
                    {g.title().map(|t| view! { <h2 class="nav-group-title">{ctx.t(t)}</h2> })}
                    <ul>{links}</ul>
                </div>
            })
        })
        .collect_view();
    let (collapse, expand) = (ctx.t(Msg::NavCollapse), ctx.t(Msg::NavExpand));
    view! {
        <aside class="sidebar" id="sidebar" data-testid="sidebar">
            <a class="brand" href="/">
                <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                <span class="nav-label">"Aula"</span>
            </a>
            <nav aria-label=ctx.t(Msg::NavMain)>{groups}</nav>
            <button type="button" class="nav-collapse" data-testid="nav-collapse" aria-pressed="false"
                aria-label=collapse title=collapse data-label-collapse=collapse data-label-expand=expand>
                <NavIcon icon=Icon::Chevron/>
            </button>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use types::Role;

    #[test]
    fn the_current_page_is_the_longest_match_and_detail_pages_belong_to_their_list() {
        let all = || PAGES.iter();
        assert_eq!(current(all(), "/"), Some("/"));
        assert_eq!(current(all(), "/clients/12/edit"), Some("/clients"));
        assert_eq!(current(all(), "/pipeline/stages"), Some("/pipeline/stages"));
        assert_eq!(current(all(), "/opportunities/3"), Some("/pipeline"));
        assert_eq!(current(all(), "/sessions/9"), Some("/contracts"));
        assert_eq!(current(all(), "/clientsx"), None);
    }

    #[test]
    fn each_role_sees_only_the_pages_it_may_open() {
        let hrefs = |r: Role| pages_for(Perms::preset(r)).map(|p| p.href).collect::<Vec<_>>();
        let reception = hrefs(Role::Reception);
        assert!(reception.contains(&"/today") && reception.contains(&"/workshops") && reception.contains(&"/sales"));
        assert!(!reception.contains(&"/products") && !reception.contains(&"/invoices"));
        assert!(!reception.contains(&"/clients") && !reception.contains(&"/admin/users"));
        assert!(hrefs(Role::Manager).contains(&"/admin/email") && !hrefs(Role::Manager).contains(&"/admin/users"));
        assert_eq!(hrefs(Role::Admin).len(), PAGES.len());
    }

    #[test]
    fn public_pages_are_told_apart() {
        assert!(is_public("/talleres") && is_public("/talleres/4") && is_public("/login"));
        assert!(!is_public("/workshops") && !is_public("/") && !is_public("/loginx"));
    }
}
