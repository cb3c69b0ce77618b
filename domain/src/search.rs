//! Finding records by name for the command palette: clients and people through their folded,
//! indexed search text (case and accents ignored), workshops and opportunities by their folded
//! titles. What each role may see: clients and people with `crm.view`, opportunities with
//! `pipeline.view` (only their own for a role limited to them), workshops for everyone.

use chrono_tz::Tz;
use types::{Action, Locale, Module, OrganizationQuery, SearchHit, SearchKind};

use crate::crm::{organizations, people};
use crate::text::fold;
use crate::users::User;
use crate::{Db, Result};

/// At most this many hits of each kind.
pub const PER_KIND: usize = 5;

/// How many of the newest opportunities and workshops a title search reads.
const OPPORTUNITIES_READ: i64 = 2_000;
const WORKSHOPS_READ: i64 = 1_000;

/// The records whose name holds `query` (two characters or more), of the kinds `user` may see;
/// dates written in `locale` and the centre's zone `tz`.
pub async fn find_records(db: &Db, user: &User, query: &str, locale: Locale, tz: Tz) -> Result<Vec<SearchHit>> {
    let query = query.trim();
    if query.chars().count() < 2 {
        return Ok(Vec::new());
    }
    let folded = fold(query);
    let mut hits = Vec::new();
    if user.can(Module::Crm, Action::View) {
        let orgs = organizations::list_organizations_sized(
            db,
            &OrganizationQuery { q: query.to_string(), ..Default::default() },
            PER_KIND as i64,
        )
        .await?;
        hits.extend(orgs.rows.into_iter().map(|o| SearchHit {
            kind: SearchKind::Client,
            detail: detail(&[&o.trade_name, &o.city]),
            label: o.legal_name,
            href: format!("/clients/{}", o.id),
        }));
        let found = people::list_people(db, query, 0).await?;
        hits.extend(found.rows.into_iter().take(PER_KIND).map(|p| SearchHit {
            kind: SearchKind::Person,
            detail: detail(&[&p.organizations, &p.email]),
            label: p.full_name,
            href: format!("/people/{}", p.id),
        }));
    }
    let workshops: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, title, starts_at FROM workshops ORDER BY starts_at DESC, id DESC LIMIT $1")
            .bind(WORKSHOPS_READ)
            .fetch_all(db.pool())
            .await?;
    hits.extend(workshops.into_iter().filter(|w| fold(&w.1).contains(&folded)).take(PER_KIND).map(
        |(id, title, at)| SearchHit {
            kind: SearchKind::Workshop,
            label: title,
            detail: types::fmt::date_time(locale, crate::clock::to_utc(at), tz),
            href: format!("/workshops/{id}"),
        },
    ));
    if user.can(Module::Pipeline, Action::View) {
        let opportunities: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT o.id, o.title, org.legal_name FROM opportunities o \
             JOIN organizations org ON org.id = o.organization_id WHERE $1 = 0 OR o.owner_id = $1 \
             ORDER BY o.id DESC LIMIT $2",
        )
        .bind(crate::Reach::of(user, Module::Pipeline).bind())
        .bind(OPPORTUNITIES_READ)
        .fetch_all(db.pool())
        .await?;
        hits.extend(
            opportunities
                .into_iter()
                .filter(|o| fold(&o.1).contains(&folded) || fold(&o.2).contains(&folded))
                .take(PER_KIND)
                .map(|(id, title, org)| SearchHit {
                    kind: SearchKind::Opportunity,
                    label: title,
                    detail: org,
                    href: format!("/opportunities/{id}"),
                }),
        );
    }
    Ok(hits)
}

/// The non-empty parts, joined by ` · `.
fn detail(parts: &[&str]) -> String {
    parts.iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" · ")
}
