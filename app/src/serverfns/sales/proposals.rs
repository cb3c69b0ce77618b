//! Proposals: the page, the form's save and the state changes. Staff and up.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use types::ProposalView;

use crate::error::AppResult;

/// One line of the proposal form, as typed (`lines[0][hours]=…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalLineForm {
    #[serde(default)]
    pub course_id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub unit_price: String,
}

/// A proposal with its lines, totals and filled-in text, and the centre that issues it.
#[server(prefix = "/api/fn", endpoint = "sales/proposal")]
pub async fn get_proposal_page(id: i64) -> AppResult<types::ProposalPage> {
    use crate::state::{require, server_state};
    let (user, _) = require(types::Module::Proposals, types::Action::View).await?;
    let s = server_state();
    let reach = domain::Reach::of(&user, types::Module::Proposals);
    let proposal = domain::sales::proposals::proposal_in_reach(&s.db, types::ProposalId(id), reach).await?;
    Ok(types::ProposalPage { proposal, centre_name: s.centre_name.clone() })
}

/// Creates a draft proposal (`id` empty) or saves a draft's changes.
#[server(prefix = "/api/fn", endpoint = "sales/proposal/save")]
pub async fn save_proposal(
    #[server(default)] id: String,
    #[server(default)] opportunity_id: String,
    #[server(default)] template_id: String,
    #[server(default)] issue_date: String,
    #[server(default)] valid_until: String,
    #[server(default)] discount: String,
    #[server(default)] vat_exempt: String,
    #[server(default)] lines: Vec<ProposalLineForm>,
) -> AppResult<ProposalView> {
    use crate::state::{require, server_state};
    use domain::sales::proposals::{self, LineInput, ProposalInput};
    let (user, _) = require(types::Module::Proposals, types::Action::Edit).await?;
    let s = server_state();
    let input = ProposalInput {
        opportunity_id,
        template_id,
        issue_date,
        valid_until,
        discount,
        vat_exempt: !vat_exempt.is_empty(),
        lines: lines
            .into_iter()
            .map(|l| LineInput {
                course_id: l.course_id,
                description: l.description,
                hours: l.hours,
                quantity: l.quantity,
                unit_price: l.unit_price,
            })
            .collect(),
    };
    let reach = domain::Reach::of(&user, types::Module::Proposals);
    Ok(match id.trim().parse::<i64>() {
        Ok(id) => {
            proposals::proposal_in_reach(&s.db, types::ProposalId(id), reach).await?;
            proposals::update_proposal(&s.db, user.id, types::ProposalId(id), &input).await?
        }
        Err(_) => {
            // A new proposal is for an opportunity the user reaches (or the form's refusal).
            if let Ok(Some(o)) = domain::training::parse_optional_id(&input.opportunity_id) {
                domain::sales::opportunities::opportunity_in_reach(&s.db, types::OpportunityId(o), reach).await?;
            }
            proposals::create_proposal(&s.db, user.id, &input).await?
        }
    })
}

/// Moves a proposal to `state` (`sent`, `accepted` or `rejected`); accepting wins the opportunity.
#[server(prefix = "/api/fn", endpoint = "sales/proposal/state")]
pub async fn set_proposal_state(id: i64, state: String) -> AppResult<ProposalView> {
    use crate::state::{require, server_state};
    use types::ProposalState;
    let (user, _) = require(types::Module::Proposals, types::Action::Edit).await?;
    let s = server_state();
    let to =
        ProposalState::parse(&state).ok_or_else(|| domain::Error::field("state", types::FieldIssue::InvalidChoice))?;
    let reach = domain::Reach::of(&user, types::Module::Proposals);
    domain::sales::proposals::proposal_in_reach(&s.db, types::ProposalId(id), reach).await?;
    let saved = domain::sales::proposals::set_state(&s.db, user.id, types::ProposalId(id), to).await?;
    if to == ProposalState::Accepted {
        s.hub.pipeline_changed();
    }
    Ok(saved)
}
