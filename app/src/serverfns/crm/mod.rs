//! The CRM core: organizations, people, contacts, interactions, timeline, saved views.
//! Staff and above; merging is for managers. A person's data for an access request, and their
//! erasure.

mod add_contact;
mod complete_follow_up;
mod create_interaction;
mod crm_choices;
mod crm_kpis;
mod delete_view;
mod erase_person;
mod get_organization;
mod get_person;
mod import_cancel;
mod import_job;
mod import_resume;
mod import_undo;
mod list_organizations;
mod list_people;
mod list_views;
mod merge_organizations;
mod merge_people;
mod personal_data;
mod possible_duplicates;
mod save_organization;
mod save_person;
mod save_view;
mod timeline;

pub use add_contact::*;
pub use complete_follow_up::*;
pub use create_interaction::*;
pub use crm_choices::*;
pub use crm_kpis::*;
pub use delete_view::*;
pub use erase_person::*;
pub use get_organization::*;
pub use get_person::*;
pub use import_cancel::*;
pub use import_job::*;
pub use import_resume::*;
pub use import_undo::*;
pub use list_organizations::*;
pub use list_people::*;
pub use list_views::*;
pub use merge_organizations::*;
pub use merge_people::*;
pub use personal_data::*;
pub use possible_duplicates::*;
pub use save_organization::*;
pub use save_person::*;
pub use save_view::*;
pub use timeline::*;

/// Splits a comma-separated list of interest names.
pub fn split_interests(raw: &str) -> Vec<String> {
    raw.split([',', ';']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}
