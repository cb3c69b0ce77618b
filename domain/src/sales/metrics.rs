//! Pipeline metrics from the stage history: how far opportunities get (conversion between
//! stages), how long they stay in each stage, and per month the win rate and the value won.

use std::collections::HashMap;

use chrono::{Datelike, TimeZone};
use chrono_tz::Tz;
use types::{FunnelStep, MonthFigures, PipelineMetrics, StageKind};

use super::stages::list_stages;
use crate::clock::now;
use crate::{Db, Reach, Result};

/// The metrics over the last `months` months (the funnel and the days over all history) of the
/// opportunities within `reach`.
pub async fn pipeline_metrics(db: &Db, tz: Tz, months: u32, reach: Reach) -> Result<PipelineMetrics> {
    let stages = list_stages(db, false).await?;
    let changes: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT c.opportunity_id, c.to_stage_id, c.at FROM opportunity_stage_changes c \
         JOIN opportunities o ON o.id = c.opportunity_id WHERE $1 = 0 OR o.owner_id = $1 \
         ORDER BY c.opportunity_id, c.at, c.id",
    )
    .bind(reach.bind())
    .fetch_all(db.pool())
    .await?;
    let position: HashMap<i64, (usize, StageKind)> =
        stages.iter().enumerate().map(|(i, s)| (s.id.0, (i, s.kind))).collect();

    // Funnel: the furthest open stage each opportunity reached (won counts as all of them).
    let open: Vec<usize> =
        stages.iter().enumerate().filter(|(_, s)| s.kind == StageKind::Open).map(|(i, _)| i).collect();
    let mut furthest: HashMap<i64, usize> = HashMap::new();
    for (opp, to, _) in &changes {
        let Some((pos, kind)) = position.get(to) else { continue };
        let reach = match kind {
            StageKind::Won => stages.len(),
            StageKind::Lost => continue,
            StageKind::Open => *pos,
        };
        let e = furthest.entry(*opp).or_insert(reach);
        *e = (*e).max(reach);
    }
    let reached: Vec<i64> = open.iter().map(|p| furthest.values().filter(|f| **f >= *p).count() as i64).collect();
    let funnel = open
        .iter()
        .enumerate()
        .map(|(i, p)| FunnelStep {
            stage: stages[*p].name.clone(),
            reached: reached[i],
            conversion: reached
                .get(i + 1)
                .filter(|_| reached[i] > 0)
                .map(|next| (*next as f64) * 100.0 / reached[i] as f64),
        })
        .collect();

    // Days in stage: from entering a stage to the next change, or to now for the current one.
    let at_now = now();
    let mut spent: HashMap<i64, (f64, i64)> = HashMap::new();
    for w in changes.windows(2) {
        let ((o1, s1, t1), (o2, _, t2)) = (w[0], w[1]);
        if o1 == o2 {
            let e = spent.entry(s1).or_default();
            e.0 += (t2 - t1) as f64 / 86_400.0;
            e.1 += 1;
        }
    }
    for (i, (o, s, t)) in changes.iter().enumerate() {
        let last = changes.get(i + 1).is_none_or(|n| n.0 != *o);
        if last && position.get(s).is_some_and(|p| p.1 == StageKind::Open) {
            let e = spent.entry(*s).or_default();
            e.0 += (at_now - t) as f64 / 86_400.0;
            e.1 += 1;
        }
    }
    let days_in_stage = stages
        .iter()
        .filter(|s| s.kind == StageKind::Open)
        .map(|s| (s.name.clone(), spent.get(&s.id.0).map(|(d, n)| d / *n as f64).unwrap_or(0.0)))
        .collect();

    // Months: closes into won or lost, by local month; the value of the won ones.
    let values: HashMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>("SELECT id, value_cents FROM opportunities")
        .fetch_all(db.pool())
        .await?
        .into_iter()
        .collect();
    let today = tz.timestamp_opt(at_now, 0).single().map(|t| t.date_naive()).unwrap_or_default();
    let mut keys = Vec::new();
    let (mut y, mut m) = (today.year(), today.month());
    for _ in 0..months.max(1) {
        keys.push(format!("{y:04}-{m:02}"));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    keys.reverse();
    let mut by_month: HashMap<String, MonthFigures> = keys
        .iter()
        .map(|k| (k.clone(), MonthFigures { month: k.clone(), won: 0, lost: 0, win_rate: None, value_won_cents: 0 }))
        .collect();
    for (opp, to, at) in &changes {
        let Some((_, kind)) = position.get(to) else { continue };
        let month = tz.timestamp_opt(*at, 0).single().map(|t| t.format("%Y-%m").to_string()).unwrap_or_default();
        let Some(f) = by_month.get_mut(&month) else { continue };
        match kind {
            StageKind::Won => {
                f.won += 1;
                f.value_won_cents += values.get(opp).copied().unwrap_or(0);
            }
            StageKind::Lost => f.lost += 1,
            StageKind::Open => {}
        }
    }
    let months = keys
        .iter()
        .filter_map(|k| by_month.remove(k))
        .map(|mut f| {
            let closed = f.won + f.lost;
            f.win_rate = (closed > 0).then(|| (f.won * 100 + closed / 2) / closed);
            f
        })
        .collect();
    Ok(PipelineMetrics { funnel, days_in_stage, months })
}
