//! Pipeline metrics drawn as SVG charts (server-rendered, so they show without JavaScript):
//! conversion between stages, average days in each stage, win rate and value won by month.

use leptos::prelude::*;
use leptos_meta::Title;
use types::Msg;

use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::sales::get_pipeline_metrics;

/// Horizontal bars: one row per label, scaled to the largest value.
#[component]
fn HBars(title: String, rows: Vec<(String, f64, String)>, testid: &'static str) -> impl IntoView {
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max).max(1e-9);
    let (label_w, bar_w, row_h) = (150.0, 250.0, 30.0);
    let height = rows.len() as f64 * row_h + 10.0;
    let label = title.clone();
    view! {
        <svg class="chart" viewBox=format!("0 0 {} {height}", label_w + bar_w + 80.0) role="img" aria-label=label data-testid=testid>
            <title>{title}</title>
            {rows.into_iter().enumerate().map(|(i, (label, value, text))| {
                let y = i as f64 * row_h + 5.0;
                let w = (value / max * bar_w).max(if value > 0.0 { 2.0 } else { 0.0 });
                view! {
                    <g data-testid="chart-bar">
                        <text x=label_w - 8.0 y=y + 18.0 text-anchor="end" class="chart-label">{label}</text>
                        <rect x=label_w y=y + 4.0 width=w height=row_h - 10.0 rx="3" class="chart-bar"/>
                        <text x=label_w + w + 6.0 y=y + 18.0 class="chart-value">{text}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// Vertical bars: one column per month.
#[component]
fn VBars(title: String, cols: Vec<(String, f64, String)>, testid: &'static str) -> impl IntoView {
    let max = cols.iter().map(|c| c.1).fold(0.0_f64, f64::max).max(1e-9);
    let (col_w, chart_h) = (52.0, 160.0);
    let width = cols.len() as f64 * col_w + 10.0;
    let label = title.clone();
    view! {
        <svg class="chart" viewBox=format!("0 0 {width} {}", chart_h + 50.0) role="img" aria-label=label data-testid=testid>
            <title>{title}</title>
            <line x1="0" x2=width y1=chart_h + 20.0 y2=chart_h + 20.0 class="chart-axis"/>
            {cols.into_iter().enumerate().map(|(i, (label, value, text))| {
                let x = i as f64 * col_w + 8.0;
                let h = value / max * chart_h;
                view! {
                    <g data-testid="chart-bar">
                        <rect x=x y=chart_h + 20.0 - h width=col_w - 14.0 height=h rx="3" class="chart-bar"/>
                        <text x=x + (col_w - 14.0) / 2.0 y=chart_h + 14.0 - h text-anchor="middle" class="chart-value">{text}</text>
                        <text x=x + (col_w - 14.0) / 2.0 y=chart_h + 38.0 text-anchor="middle" class="chart-label">{label}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

#[component]
pub fn MetricsPage() -> impl IntoView {
    let ctx = use_ctx();
    let data = Resource::new(|| (), |_| get_pipeline_metrics());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::MetricsTitle))/>
        <header class="page-header page-header-row">
            <h1>{ctx.t(Msg::MetricsTitle)}</h1>
            <a class="btn" href="/pipeline">{ctx.t(Msg::PipeTitle)}</a>
        </header>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let m = match data.await {
                    Ok(m) => m,
                    Err(e) => return view! { <ErrorNotice error=e.0/> }.into_any(),
                };
                let pct = |v: f64| format!("{}%", v.round() as i64);
                let funnel: Vec<(String, f64, String)> = m.funnel.iter().map(|f| (
                    f.stage.clone(),
                    f.reached as f64,
                    match f.conversion {
                        Some(c) => format!("{} → {}", f.reached, pct(c)),
                        None => f.reached.to_string(),
                    },
                )).collect();
                let days: Vec<(String, f64, String)> = m.days_in_stage.iter().map(|(s, d)| (s.clone(), *d, format!("{:.1}", d).replace('.', ","))).collect();
                let month_label = |k: &str| k.get(5..7).map(|mm| format!("{mm}/{}", k.get(2..4).unwrap_or(""))).unwrap_or_default();
                let rate: Vec<(String, f64, String)> = m.months.iter().map(|f| (
                    month_label(&f.month),
                    f.win_rate.unwrap_or(0) as f64,
                    f.win_rate.map(|r| format!("{r}%")).unwrap_or_else(|| "—".into()),
                )).collect();
                let value: Vec<(String, f64, String)> = m.months.iter().map(|f| (
                    month_label(&f.month),
                    f.value_won_cents as f64,
                    if f.value_won_cents > 0 { format!("{}k €", (f.value_won_cents + 50_000) / 100_000) } else { String::new() },
                )).collect();
                view! {
                    <div class="cards cards-wide metrics">
                        <section class="card"><h2>{ctx.t(Msg::MetricsFunnel)}</h2><p class="muted">{ctx.t(Msg::MetricsReached)}</p><HBars title=ctx.t(Msg::MetricsFunnel).to_string() rows=funnel testid="chart-funnel"/></section>
                        <section class="card"><h2>{ctx.t(Msg::MetricsDays)}</h2><HBars title=ctx.t(Msg::MetricsDays).to_string() rows=days testid="chart-days"/></section>
                        <section class="card"><h2>{ctx.t(Msg::MetricsWinRate)}</h2><VBars title=ctx.t(Msg::MetricsWinRate).to_string() cols=rate testid="chart-win-rate"/></section>
                        <section class="card"><h2>{ctx.t(Msg::MetricsValueWon)}</h2><VBars title=ctx.t(Msg::MetricsValueWon).to_string() cols=value testid="chart-value-won"/></section>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}
