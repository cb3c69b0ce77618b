//! The sales pipeline against a real database (SQLite or PostgreSQL, see `domain::testing`):
//! stage rules, ordering keys, concurrent moves, column figures and the stage history.

use std::sync::Arc;

use domain::sales::opportunities::{self as opps, BoardFilter, Drop, OpportunityInput};
use domain::sales::stages::{self, StageInput};
use domain::testing::TestDb;
use domain::Error;
use types::{FieldIssue, OpportunityId, StageId, StageKind, UserId};

fn issues(err: Error) -> Vec<(String, FieldIssue)> {
    match err {
        Error::Validation(f) => f.into_iter().map(|f| (f.field, f.issue)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

struct Pipeline {
    me: UserId,
    org: String,
    stages: Vec<types::StageView>,
}

impl Pipeline {
    fn stage(&self, kind: StageKind, n: usize) -> StageId {
        self.stages.iter().filter(|s| s.kind == kind).nth(n).unwrap().id
    }
}

async fn pipeline(t: &TestDb) -> Pipeline {
    let me = domain::testing::staff_user(&t.db).await;
    let org = domain::testing::client(&t.db, me, "Metalúrgica Ibaizabal", "Bilbao").await;
    Pipeline { me, org: org.id.to_string(), stages: stages::list_stages(&t.db, false).await.unwrap() }
}

fn input(p: &Pipeline, title: &str, value: &str, stage: StageId) -> OpportunityInput {
    OpportunityInput {
        organization_id: p.org.clone(),
        title: title.into(),
        value: value.into(),
        stage_id: stage.to_string(),
        source: "web".into(),
        ..Default::default()
    }
}

async fn order(t: &TestDb, stage: StageId) -> Vec<String> {
    opps::column_cards(&t.db, stage, &BoardFilter::default(), None, 500)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.title)
        .collect()
}

#[tokio::test]
async fn the_pipeline_starts_with_open_stages_then_one_won_and_one_lost() {
    let t = TestDb::new().await;
    let s = stages::list_stages(&t.db, false).await.unwrap();
    let kinds: Vec<StageKind> = s.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [StageKind::Open, StageKind::Open, StageKind::Open, StageKind::Open, StageKind::Won, StageKind::Lost]
    );

    // A new stage goes before the terminal ones; names are unique; probability is 0–100.
    let added = stages::create_stage(
        &t.db,
        &StageInput { name: "Demo hecha".into(), probability: "60".into(), rotting_days: "7".into() },
    )
    .await
    .unwrap();
    let s = stages::list_stages(&t.db, false).await.unwrap();
    assert_eq!(s[4].id, added.id);
    assert_eq!(s[5].kind, StageKind::Won);
    let err = stages::create_stage(
        &t.db,
        &StageInput { name: "Nuevo".into(), probability: "101".into(), ..Default::default() },
    )
    .await
    .unwrap_err();
    assert_eq!(issues(err), [("probability".to_string(), FieldIssue::OutOfRange { min: 0, max: 100 })]);
    let err = stages::create_stage(
        &t.db,
        &StageInput { name: "Nuevo".into(), probability: "10".into(), ..Default::default() },
    )
    .await
    .unwrap_err();
    assert_eq!(issues(err), [("name".to_string(), FieldIssue::NameTaken)]);

    // Reordering keeps won and lost at the end; archiving spares the terminal stages.
    let mut ids: Vec<StageId> = s.iter().map(|s| s.id).collect();
    ids.swap(0, 4);
    let reordered = stages::reorder_stages(&t.db, &ids).await.unwrap();
    assert_eq!(reordered[0].id, added.id);
    let mut bad = ids.clone();
    bad.swap(0, 5);
    assert!(stages::reorder_stages(&t.db, &bad).await.is_err(), "an open stage after won");
    assert!(stages::reorder_stages(&t.db, &ids[1..]).await.is_err(), "every stage, once");
    let won = s.iter().find(|s| s.kind == StageKind::Won).unwrap().id;
    assert!(stages::archive_stage(&t.db, won).await.is_err());
    stages::archive_stage(&t.db, added.id).await.unwrap();
    assert_eq!(stages::list_stages(&t.db, false).await.unwrap().len(), 6);
}

#[tokio::test]
async fn a_move_writes_one_key_between_its_neighbours_and_the_order_is_kept() {
    let t = TestDb::new().await;
    let p = pipeline(&t).await;
    let new = p.stage(StageKind::Open, 0);
    let mut ids = Vec::new();
    for n in ["A", "B", "C", "D"] {
        ids.push(opps::create_opportunity(&t.db, p.me, &input(&p, n, "1000", new)).await.unwrap().id);
    }
    assert_eq!(order(&t, new).await, ["A", "B", "C", "D"]);
    // D between A and B.
    let before: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, rank FROM opportunities ORDER BY id").fetch_all(t.db.pool()).await.unwrap();
    opps::move_opportunity(&t.db, p.me, ids[3], Drop { stage: new, after: Some(ids[0]), before: Some(ids[1]) }, None)
        .await
        .unwrap();
    assert_eq!(order(&t, new).await, ["A", "D", "B", "C"]);
    let after: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, rank FROM opportunities ORDER BY id").fetch_all(t.db.pool()).await.unwrap();
    let changed: Vec<i64> = before.iter().zip(&after).filter(|(b, a)| b.1 != a.1).map(|(b, _)| b.0).collect();
    assert_eq!(changed, [ids[3].0], "one row written");
    // To the top of the next stage, and back to the end of the first.
    let next = p.stage(StageKind::Open, 1);
    opps::move_opportunity(&t.db, p.me, ids[1], Drop { stage: next, after: None, before: None }, None).await.unwrap();
    assert_eq!(order(&t, next).await, ["B"]);
    opps::move_opportunity(&t.db, p.me, ids[1], Drop { stage: new, after: Some(ids[2]), before: None }, None)
        .await
        .unwrap();
    assert_eq!(order(&t, new).await, ["A", "D", "C", "B"]);

    // Hundreds of moves into the same gap stay ordered; long keys get rebalanced.
    let (first, second) = (ids[0], ids[3]);
    let mut last_moved = second;
    for n in 0..150 {
        let o = opps::create_opportunity(&t.db, p.me, &input(&p, &format!("X{n:03}"), "1", new)).await.unwrap().id;
        opps::move_opportunity(&t.db, p.me, o, Drop { stage: new, after: Some(first), before: Some(last_moved) }, None)
            .await
            .unwrap();
        last_moved = o;
    }
    let titles = order(&t, new).await;
    assert_eq!(titles[0], "A");
    assert_eq!(titles[1], "X149");
    assert_eq!(titles[150], "X000");
    assert_eq!(&titles[151..], ["D", "C", "B"]);
    let (longest,): (i64,) =
        sqlx::query_as("SELECT MAX(LENGTH(rank)) FROM opportunities").fetch_one(t.db.pool()).await.unwrap();
    assert!(longest as usize <= domain::sales::rank::MAX_LEN, "{longest}");
}

#[tokio::test]
async fn concurrent_moves_all_land_and_everyone_reads_the_same_board() {
    let t = Arc::new(TestDb::new().await);
    let p = Arc::new(pipeline(&t).await);
    let new = p.stage(StageKind::Open, 0);
    let target = p.stage(StageKind::Open, 2);
    let anchor = opps::create_opportunity(&t.db, p.me, &input(&p, "Ancla", "1", target)).await.unwrap().id;
    let mut ids = Vec::new();
    for n in 0..12 {
        ids.push(opps::create_opportunity(&t.db, p.me, &input(&p, &format!("C{n}"), "1", new)).await.unwrap().id);
    }
    // Twelve users drop a card into the same place at the same time.
    let mut tasks = Vec::new();
    for id in ids.clone() {
        let (t, p) = (t.clone(), p.clone());
        tasks.push(tokio::spawn(async move {
            opps::move_opportunity(&t.db, p.me, id, Drop { stage: target, after: None, before: Some(anchor) }, None)
                .await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let a = order(&t, target).await;
    let b = order(&t, target).await;
    assert_eq!(a, b);
    assert_eq!(a.len(), 13);
    assert_eq!(a.last().unwrap(), "Ancla", "every card landed before the anchor");
    assert!(order(&t, new).await.is_empty());
}

#[tokio::test]
async fn stage_changes_are_recorded_and_the_lost_stage_asks_for_a_reason() {
    let t = TestDb::new().await;
    let p = pipeline(&t).await;
    let new = p.stage(StageKind::Open, 0);
    let o = opps::create_opportunity(&t.db, p.me, &input(&p, "PRL para 20 personas", "4.800,00", new)).await.unwrap();
    assert_eq!(o.value_cents, 480_000);
    assert_eq!(o.probability, 10, "the stage's default");
    let lost = p.stage(StageKind::Lost, 0);
    let err = opps::move_opportunity(&t.db, p.me, o.id, Drop { stage: lost, after: None, before: None }, None)
        .await
        .unwrap_err();
    assert_eq!(issues(err), [("lost_reason".to_string(), FieldIssue::Required)]);
    let moved =
        opps::move_opportunity(&t.db, p.me, o.id, Drop { stage: lost, after: None, before: None }, Some("Precio"))
            .await
            .unwrap();
    assert_eq!((moved.stage_id, moved.lost_reason.as_str()), (lost, "Precio"));
    let history = opps::stage_history(&t.db, o.id).await.unwrap();
    let steps: Vec<(Option<String>, String)> =
        history.iter().map(|h| (h.from_stage.clone(), h.to_stage.clone())).collect();
    assert_eq!(steps, [(None, "Nuevo".to_string()), (Some("Nuevo".to_string()), "Perdida".to_string())]);
    assert_eq!(history[1].actor_name.as_deref(), Some("Javier Moreno"));
    let (on_timeline,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM timeline_events WHERE kind LIKE 'opportunity%' AND organization_id = $1")
            .bind(o.organization_id.0)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert_eq!(on_timeline, 2);
    // A stage that still holds cards cannot be archived.
    opps::create_opportunity(&t.db, p.me, &input(&p, "Otra", "1", new)).await.unwrap();
    assert!(stages::archive_stage(&t.db, new).await.is_err());
}

#[tokio::test]
async fn bad_input_reports_every_field_and_saves_nothing() {
    let t = TestDb::new().await;
    let p = pipeline(&t).await;
    let err = opps::create_opportunity(
        &t.db,
        p.me,
        &OpportunityInput {
            organization_id: "999999".into(),
            title: " ".into(),
            value: "doce".into(),
            expected_close: "31/02/2027".into(),
            stage_id: "999".into(),
            probability: "150".into(),
            owner_id: "424242".into(),
            course_ids: vec!["77777".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    let mut fields: Vec<String> = issues(err).into_iter().map(|f| f.0).collect();
    fields.sort();
    assert_eq!(
        fields,
        ["course_ids", "expected_close", "organization_id", "owner_id", "probability", "stage_id", "title", "value"]
    );
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM opportunities").fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(n, 0);
    assert!(matches!(opps::get_opportunity(&t.db, OpportunityId(1)).await, Err(Error::NotFound)));
}

#[tokio::test]
async fn column_figures_count_total_and_weighted_value_with_filters() {
    let t = TestDb::new().await;
    let p = pipeline(&t).await;
    let proposal = p.stage(StageKind::Open, 2); // 50 % by default
    opps::create_opportunity(&t.db, p.me, &input(&p, "Uno", "1.000,00", proposal)).await.unwrap();
    let mut two = input(&p, "Dos", "333,33", proposal);
    two.probability = "33".into();
    two.source = "fair".into();
    opps::create_opportunity(&t.db, p.me, &two).await.unwrap();
    let board = opps::board(&t.db, &BoardFilter::default()).await.unwrap();
    let col = board.columns.iter().find(|c| c.stage.id == proposal).unwrap();
    assert_eq!((col.count, col.total_cents), (2, 133_333));
    // 100,000 × 50 % + 33,333 × 33 % = 50,000 + 10,999.89 → 60,999.89 → 61,000 cents (rounded once).
    assert_eq!(col.weighted_cents, 61_000);
    let fair = opps::board(&t.db, &BoardFilter { source: Some("fair".into()), ..Default::default() }).await.unwrap();
    let col = fair.columns.iter().find(|c| c.stage.id == proposal).unwrap();
    assert_eq!((col.count, col.cards.len(), col.cards[0].title.as_str()), (1, 1, "Dos"));
    let mine = opps::board(&t.db, &BoardFilter { owner: Some(p.me), ..Default::default() }).await.unwrap();
    assert_eq!(mine.columns.iter().map(|c| c.count).sum::<i64>(), 2, "the creator owns what they create");
}

#[tokio::test]
async fn metrics_follow_the_stage_history_conversion_win_rate_and_value_won() {
    let t = TestDb::new().await;
    let p = pipeline(&t).await;
    let s = |n| p.stage(StageKind::Open, n);
    let mut ids = Vec::new();
    for n in 0..4 {
        ids.push(
            opps::create_opportunity(&t.db, p.me, &input(&p, &format!("O{n}"), "1.000,00", s(0))).await.unwrap().id,
        );
    }
    let go = |id: OpportunityId, stage: StageId, reason: Option<&'static str>| {
        let db = &t.db;
        let me = p.me;
        async move { opps::move_opportunity(db, me, id, Drop { stage, after: None, before: None }, reason).await.unwrap() }
    };
    for id in &ids[..3] {
        go(*id, s(1), None).await;
    }
    for id in &ids[..2] {
        go(*id, s(2), None).await;
    }
    go(ids[0], p.stage(StageKind::Won, 0), None).await;
    go(ids[1], p.stage(StageKind::Lost, 0), Some("Precio")).await;
    let m = domain::sales::metrics::pipeline_metrics(&t.db, chrono_tz::Europe::Madrid, 12, domain::Reach::All)
        .await
        .unwrap();
    let reached: Vec<i64> = m.funnel.iter().map(|f| f.reached).collect();
    assert_eq!(reached, [4, 3, 2, 1], "won counts as having passed every open stage");
    assert_eq!(m.funnel[0].conversion.map(|c| c.round() as i64), Some(75));
    assert_eq!(m.funnel[2].conversion.map(|c| c.round() as i64), Some(50));
    assert_eq!(m.funnel[3].conversion, None);
    let this_month = m.months.last().unwrap();
    assert_eq!(
        (this_month.won, this_month.lost, this_month.win_rate, this_month.value_won_cents),
        (1, 1, Some(50), 100_000)
    );
    assert_eq!(m.months.len(), 12);
    assert_eq!(m.days_in_stage.len(), 4);
}

#[tokio::test]
async fn a_proposal_computes_its_totals_fills_its_template_and_accepting_wins_the_opportunity() {
    use domain::sales::proposals::{self, LineInput, ProposalInput};
    use types::ProposalState;
    let t = TestDb::new().await;
    let p = pipeline(&t).await;
    let o = opps::create_opportunity(&t.db, p.me, &input(&p, "PRL 2027", "5.000,00", p.stage(StageKind::Open, 2)))
        .await
        .unwrap();
    let template = proposals::list_templates(&t.db).await.unwrap().remove(0);

    // A bad template lists the allowed variables; a bad proposal reports every field.
    let err = proposals::save_template(&t.db, p.me, None, "Rota", "Hola {{cliente}}").await.unwrap_err();
    match err {
        Error::Validation(f) => {
            assert_eq!((f[0].field.as_str(), f[0].issue), ("body", FieldIssue::TemplateVariable));
            assert!(f[0].detail.as_deref().unwrap().contains("{{clientName}}"));
        }
        other => panic!("{other:?}"),
    }
    let bad = ProposalInput {
        opportunity_id: o.id.to_string(),
        issue_date: "2027-01-10".into(),
        valid_until: "2027-01-01".into(),
        discount: "120".into(),
        lines: vec![LineInput {
            description: "Curso".into(),
            hours: "x".into(),
            unit_price: "60".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let mut fields: Vec<String> =
        issues(proposals::create_proposal(&t.db, p.me, &bad).await.unwrap_err()).into_iter().map(|f| f.0).collect();
    fields.sort();
    assert_eq!(fields, ["discount", "lines.0.hours", "valid_until"]);

    let good = ProposalInput {
        opportunity_id: o.id.to_string(),
        template_id: template.id.to_string(),
        issue_date: "2027-01-10".into(),
        valid_until: "2027-02-10".into(),
        discount: "12,5".into(),
        lines: vec![
            // 7 h 20 min at 45,55 €/h = 334,03 €; 3 manuals at 12,50 € = 37,50 €.
            LineInput {
                description: "PRL presencial".into(),
                hours: "7,33".into(),
                unit_price: "45,55".into(),
                ..Default::default()
            },
            LineInput {
                description: "Manual".into(),
                quantity: "3".into(),
                unit_price: "12,50".into(),
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let prop = proposals::create_proposal(&t.db, p.me, &good).await.unwrap();
    assert_eq!(prop.lines.iter().map(|l| l.amount_cents).collect::<Vec<_>>(), [33_403, 3_750]);
    // 371,53 − 12,5 % (46,44) = 325,09; VAT 21 % = 68,27; total 393,36.
    assert_eq!(
        (prop.subtotal_cents, prop.discount_cents, prop.taxable_cents, prop.vat_cents, prop.total_cents),
        (37_153, 4_644, 32_509, 6_827, 39_336)
    );
    assert!(prop.text.contains("válida hasta el 10/02/2027"), "{}", prop.text);
    assert!(prop.text.contains("12,5 %") && prop.text.contains("393,36"), "{}", prop.text);

    assert!(
        proposals::set_state(&t.db, p.me, prop.id, ProposalState::Accepted).await.is_err(),
        "a draft is sent first"
    );
    proposals::set_state(&t.db, p.me, prop.id, ProposalState::Sent).await.unwrap();
    let accepted = proposals::set_state(&t.db, p.me, prop.id, ProposalState::Accepted).await.unwrap();
    assert_eq!(accepted.state, ProposalState::Accepted);
    assert_eq!(opps::get_opportunity(&t.db, o.id).await.unwrap().stage_id, p.stage(StageKind::Won, 0));

    // A sent proposal past its date expires.
    let other = proposals::create_proposal(&t.db, p.me, &ProposalInput { template_id: String::new(), ..good.clone() })
        .await
        .unwrap();
    proposals::set_state(&t.db, p.me, other.id, ProposalState::Sent).await.unwrap();
    assert_eq!(proposals::expire_due(&t.db, chrono::NaiveDate::from_ymd_opt(2027, 2, 11).unwrap()).await.unwrap(), 1);
    assert_eq!(proposals::get_proposal(&t.db, other.id).await.unwrap().state, ProposalState::Expired);
}

#[tokio::test]
async fn a_draft_proposal_is_edited_in_place_and_its_pdf_reads_back_with_the_client_lines_and_totals() {
    use domain::sales::proposals::{self, LineInput, ProposalInput};
    use types::{Locale, ProposalState};
    let t = TestDb::new().await;
    let p = pipeline(&t).await;
    let o = opps::create_opportunity(&t.db, p.me, &input(&p, "Formación PRL", "3.000", p.stage(StageKind::Open, 1)))
        .await
        .unwrap();
    let template = proposals::list_templates(&t.db).await.unwrap().remove(0);
    let line = |description: &str, hours: &str, price: &str| LineInput {
        description: description.into(),
        hours: hours.into(),
        unit_price: price.into(),
        ..Default::default()
    };
    let mut form = ProposalInput {
        opportunity_id: o.id.to_string(),
        template_id: template.id.to_string(),
        issue_date: "2027-03-01".into(),
        valid_until: "2027-03-31".into(),
        lines: vec![line("Borrador", "1", "10")],
        ..Default::default()
    };
    let draft = proposals::create_proposal(&t.db, p.me, &form).await.unwrap();

    // Editing a draft replaces its lines and figures; 40 lines run onto a second page.
    form.vat_exempt = true;
    form.lines = vec![line("Formación en prevención de riesgos laborales (Bilbao)", "20", "45")];
    form.lines.extend((1..40).map(|n| LineInput {
        description: format!("Manual del alumno nº {n}"),
        quantity: "1".into(),
        unit_price: "12,50".into(),
        ..Default::default()
    }));
    let edited = proposals::update_proposal(&t.db, p.me, draft.id, &form).await.unwrap();
    assert_eq!(edited.id, draft.id);
    assert_eq!(edited.lines.len(), 40);
    // 20 h × 45 € = 900 €; 39 × 12,50 € = 487,50 €; exempt: no VAT.
    assert_eq!((edited.subtotal_cents, edited.vat_cents, edited.total_cents), (138_750, 0, 138_750));
    assert_eq!(proposals::list_proposals(&t.db, o.id).await.unwrap().len(), 1);

    let pdf = domain::sales::pdf::proposal_pdf(&edited, "Centro de Formación Aula", Locale::Es);
    let (pages, text) = domain::testing::pdf_text(&pdf);
    assert_eq!(pages, 2, "{text}");
    for expected in [
        "Centro de Formación Aula",
        "Propuesta comercial",
        "Metalúrgica Ibaizabal",
        "Formación en prevención de riesgos laborales (Bilbao)",
        "20 h",
        "45,00 €/h",
        "900,00 €",
        "Manual del alumno nº 39",
        "Exenta de IVA",
        "1.387,50 €",
        "Página 2 de 2",
        "31/03/2027",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the PDF text:\n{text}");
    }
    let english = domain::sales::pdf::proposal_pdf(&edited, "Aula", Locale::En);
    assert!(domain::testing::pdf_text(&english).1.contains("€1,387.50"));

    // Once sent, a proposal no longer changes.
    proposals::set_state(&t.db, p.me, draft.id, ProposalState::Sent).await.unwrap();
    let err = proposals::update_proposal(&t.db, p.me, draft.id, &form).await.unwrap_err();
    assert_eq!(issues(err), [("state".to_string(), FieldIssue::WrongState)]);
    assert_eq!(proposals::get_proposal(&t.db, draft.id).await.unwrap().total_cents, 138_750);

    let page = domain::sales::opportunity_page(&t.db, o.id).await.unwrap();
    assert_eq!(page.proposals[0].state, ProposalState::Sent);
    assert_eq!(page.history.len(), 1);
}

#[tokio::test]
async fn a_salesperson_limited_to_their_own_opportunities_sees_counts_and_changes_only_those() {
    use types::{Action, Module, Perm, Perms};
    let t = TestDb::new().await;
    let p = pipeline(&t).await;
    let perms = Perms::of([Perm(Module::Pipeline, Action::View), Perm(Module::Pipeline, Action::Edit)])
        .with_own_only(Module::Pipeline);
    let role = domain::roles::create_role(&t.db, p.me, "Comercial", perms).await.unwrap();
    let ane = domain::testing::user_with_role(&t.db, "ane@aula.example", "Ane Comercial", &role.key).await;
    let ane = domain::users::find_user(&t.db, ane).await.unwrap();
    let own = domain::Reach::of(&ane, Module::Pipeline);
    let first = p.stage(StageKind::Open, 0);
    let hers = opps::create_opportunity(&t.db, ane.id, &input(&p, "Excel para Ane", "500,00", first)).await.unwrap();
    let his = opps::create_opportunity(&t.db, p.me, &input(&p, "PRL de Javier", "900,00", first)).await.unwrap();

    // The board, whatever its owner filter says, and the metrics hold hers alone.
    for owner in [None, Some(p.me)] {
        let board = opps::board(&t.db, &BoardFilter { owner, reach: own, ..Default::default() }).await.unwrap();
        let titles: Vec<String> = board.columns.iter().flat_map(|c| c.cards.iter().map(|o| o.title.clone())).collect();
        assert_eq!(titles, ["Excel para Ane"]);
    }
    let m = domain::sales::metrics::pipeline_metrics(&t.db, chrono_tz::Europe::Madrid, 12, own).await.unwrap();
    assert_eq!(m.funnel[0].reached, 1);
    let all = domain::sales::metrics::pipeline_metrics(&t.db, chrono_tz::Europe::Madrid, 12, domain::Reach::All)
        .await
        .unwrap();
    assert_eq!(all.funnel[0].reached, 2);

    // His card is not found for her; she keeps what she saves.
    assert!(opps::opportunity_in_reach(&t.db, hers.id, own).await.is_ok());
    assert!(matches!(opps::opportunity_in_reach(&t.db, his.id, own).await, Err(Error::NotFound)));
    let org: i64 = p.org.parse().unwrap();
    let of_org = opps::of_organization(&t.db, types::OrganizationId(org), own).await.unwrap();
    assert_eq!(of_org.iter().map(|o| o.id).collect::<Vec<_>>(), vec![hers.id]);
    let mut give_away = input(&p, "Excel para Ane", "500,00", first);
    give_away.owner_id = p.me.to_string();
    assert_eq!(
        issues(opps::check_owner(own, &give_away, false).unwrap_err()),
        [("owner_id".into(), FieldIssue::OwnOnly)]
    );
    assert!(opps::check_owner(own, &input(&p, "Nueva", "1,00", first), true).is_ok(), "a new one is hers");
    assert!(opps::check_owner(own, &input(&p, "Sin dueño", "1,00", first), false).is_err(), "an edit keeps her");
    assert!(opps::check_owner(domain::Reach::All, &give_away, false).is_ok());

    // The palette finds only hers.
    let found =
        domain::search::find_records(&t.db, &ane, "para", types::Locale::Es, chrono_tz::Europe::Madrid).await.unwrap();
    assert!(found.iter().all(|h| h.label != "PRL de Javier"));
    let found = domain::search::find_records(&t.db, &ane, "Javier", types::Locale::Es, chrono_tz::Europe::Madrid)
        .await
        .unwrap();
    assert!(found.iter().all(|h| h.kind != types::SearchKind::Opportunity), "{found:?}");
}
