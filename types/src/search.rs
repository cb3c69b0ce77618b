//! The command palette's record search: what a hit is and where it leads.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

/// What kind of record a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Client,
    Person,
    Workshop,
    Opportunity,
}

impl SearchKind {
    /// The kind's name, as the palette labels a hit.
    pub fn label(self) -> Msg {
        match self {
            SearchKind::Client => Msg::SearchKindClient,
            SearchKind::Person => Msg::SearchKindPerson,
            SearchKind::Workshop => Msg::SearchKindWorkshop,
            SearchKind::Opportunity => Msg::SearchKindOpportunity,
        }
    }
}

/// One record found by name: its kind, name, a line of detail and its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub label: String,
    pub detail: String,
    pub href: String,
}
