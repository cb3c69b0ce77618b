//! Finding records by name for the command palette, on the demo centre: case and accents do not
//! matter, each kind is capped, and reception finds workshops only.

use domain::search::{find_records, PER_KIND};
use domain::testing::TestDb;
use domain::users::User;
use types::{Locale, Role, SearchKind};

const TZ: chrono_tz::Tz = chrono_tz::Europe::Madrid;

async fn demo_user(t: &TestDb, role: Role) -> User {
    domain::testing::demo_user(&t.db, role).await
}

fn kinds(hits: &[types::SearchHit]) -> Vec<SearchKind> {
    hits.iter().map(|h| h.kind).collect()
}

#[tokio::test]
async fn staff_find_clients_people_workshops_and_opportunities_ignoring_case_and_accents() {
    let t = TestDb::new().await;
    let staff = demo_user(&t, Role::Staff).await;
    let hits = find_records(&t.db, &staff, "CLINICA dental", Locale::Es, TZ).await.unwrap();
    let client = hits.iter().find(|h| h.kind == SearchKind::Client).expect("the client");
    assert_eq!(client.label, "Clínica Dental Ondarreta S.L.");
    assert!(client.href.strip_prefix("/clients/").is_some_and(|id| id.parse::<i64>().is_ok()), "{}", client.href);
    assert!(hits.iter().any(|h| h.kind == SearchKind::Opportunity && h.detail.contains("Clínica Dental")), "{hits:?}");

    let resin = find_records(&t.db, &staff, "resina", Locale::Es, TZ).await.unwrap();
    let workshop = resin.iter().find(|h| h.kind == SearchKind::Workshop).expect("the resin workshop");
    assert!(workshop.href.starts_with("/workshops/") && !workshop.detail.is_empty(), "{workshop:?}");

    // Every kind is capped, and one letter asks for nothing.
    let wide = find_records(&t.db, &staff, "a", Locale::Es, TZ).await.unwrap();
    assert!(wide.is_empty());
    let many = find_records(&t.db, &staff, "an", Locale::Es, TZ).await.unwrap();
    for kind in [SearchKind::Client, SearchKind::Person, SearchKind::Workshop, SearchKind::Opportunity] {
        assert!(many.iter().filter(|h| h.kind == kind).count() <= PER_KIND);
    }
}

#[tokio::test]
async fn reception_finds_workshops_but_no_clients_people_or_opportunities() {
    let t = TestDb::new().await;
    let reception = demo_user(&t, Role::Reception).await;
    let hits = find_records(&t.db, &reception, "resina", Locale::Es, TZ).await.unwrap();
    assert!(!hits.is_empty());
    assert!(kinds(&hits).iter().all(|k| *k == SearchKind::Workshop), "{hits:?}");
    assert!(find_records(&t.db, &reception, "clinica dental", Locale::Es, TZ).await.unwrap().is_empty());
}
