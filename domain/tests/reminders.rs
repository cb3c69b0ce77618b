//! The reminder queue against a real database (SQLite or PostgreSQL): scheduling, moving and
//! cancelling by subject, claiming without duplicates under concurrency, back-off and recovery.

use std::collections::HashSet;
use std::sync::Arc;

use domain::reminders::{self, Channel, NewReminder, MAX_ATTEMPTS};
use domain::testing::TestDb;
use types::UserId;

fn follow_up(user: UserId, subject: i64, due_at: i64) -> NewReminder {
    NewReminder {
        kind: "follow_up",
        subject_type: "interaction",
        subject_id: subject,
        channel: Channel::InApp,
        user_id: Some(user),
        person_id: None,
        email: String::new(),
        due_at,
    }
}

#[tokio::test]
async fn scheduling_the_same_reminder_again_moves_it_instead_of_adding_one() {
    let t = TestDb::new().await;
    let user = domain::testing::staff_user(&t.db).await;
    reminders::schedule(t.db.pool(), &follow_up(user, 7, 1_000)).await.unwrap();
    reminders::schedule(t.db.pool(), &follow_up(user, 7, 2_000)).await.unwrap();
    let rows = reminders::for_subject(&t.db, "interaction", 7).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].due_at, rows[0].state.as_str()), (2_000, "pending"));

    assert_eq!(reminders::shift_for_subject(t.db.pool(), "interaction", 7, 600).await.unwrap(), 1);
    assert_eq!(reminders::for_subject(&t.db, "interaction", 7).await.unwrap()[0].next_attempt_at, 2_600);
    assert_eq!(reminders::cancel_for_subject(t.db.pool(), "interaction", 7).await.unwrap(), 1);
    assert_eq!(reminders::for_subject(&t.db, "interaction", 7).await.unwrap()[0].state, "cancelled");
    assert!(reminders::claim_due(&t.db, "w", 10_000, 10).await.unwrap().is_empty(), "cancelled is never claimed");
}

#[tokio::test]
async fn concurrent_workers_never_claim_the_same_reminder() {
    let t = Arc::new(TestDb::new().await);
    let user = domain::testing::staff_user(&t.db).await;
    for n in 0..200 {
        reminders::schedule(t.db.pool(), &follow_up(user, n, 100 + n)).await.unwrap();
    }
    reminders::schedule(t.db.pool(), &follow_up(user, 999, 1_000_000)).await.unwrap();
    let mut tasks = Vec::new();
    for w in 0..4 {
        let t = t.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = reminders::claim_due(&t.db, &format!("worker-{w}"), 10_000, 7).await.unwrap();
                if batch.is_empty() {
                    break;
                }
                for r in &batch {
                    reminders::mark_sent(&t.db, r.id, 10_000).await.unwrap();
                }
                mine.extend(batch.into_iter().map(|r| r.id));
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 200, "every due reminder once");
    assert_eq!(distinct.len(), 200, "no reminder twice");
    let future = reminders::for_subject(&t.db, "interaction", 999).await.unwrap();
    assert_eq!(future[0].state, "pending", "not yet due");
}

#[tokio::test]
async fn failures_back_off_then_end_as_failed_and_stale_claims_come_back() {
    let t = TestDb::new().await;
    let user = domain::testing::staff_user(&t.db).await;
    reminders::schedule(t.db.pool(), &follow_up(user, 1, 100)).await.unwrap();
    let mut at = 100;
    for attempt in 1..=MAX_ATTEMPTS {
        let claimed = reminders::claim_due(&t.db, "w", at, 10).await.unwrap();
        assert_eq!(claimed.len(), 1, "attempt {attempt}");
        assert_eq!(claimed[0].attempts, attempt);
        reminders::mark_failed(&t.db, claimed[0].id, "550 mailbox unavailable", at).await.unwrap();
        let r = reminders::get(&t.db, claimed[0].id).await.unwrap();
        if attempt < MAX_ATTEMPTS {
            assert_eq!(r.state, "pending");
            assert_eq!(r.next_attempt_at, at + reminders::backoff_secs(attempt));
            assert!(reminders::claim_due(&t.db, "w", at + 1, 10).await.unwrap().is_empty(), "not before the back-off");
            at = r.next_attempt_at;
        } else {
            assert_eq!((r.state.as_str(), r.last_error.as_str()), ("failed", "550 mailbox unavailable"));
        }
    }

    reminders::schedule(t.db.pool(), &follow_up(user, 2, 100)).await.unwrap();
    let claimed = reminders::claim_due(&t.db, "dies", 1_000_000, 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(reminders::recover_stale(&t.db, 1_000_010, 60).await.unwrap(), 0, "still within its lease");
    assert_eq!(reminders::recover_stale(&t.db, 1_000_100, 60).await.unwrap(), 1);
    let again = reminders::claim_due(&t.db, "survivor", 1_000_100, 10).await.unwrap();
    assert_eq!(again.iter().map(|r| r.id).collect::<Vec<_>>(), vec![claimed[0].id]);
    reminders::mark_sent(&t.db, again[0].id, 1_000_101).await.unwrap();
    assert!(reminders::mark_sent(&t.db, again[0].id, 1_000_102).await.is_err(), "sent once");
}
