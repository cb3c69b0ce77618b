//! The pipeline board: one column per stage with its figures, cards that move by drag and drop
//! (mouse and touch through pointer events) or with the keyboard, announced to screen readers.
//! A move shows at once and rolls back with the reason if the server refuses it; other open
//! boards reload when a card moves (server-sent events). Columns load 50 cards at a time.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{Board, BoardColumn, LeadSource, Msg, OpportunityId, OpportunityView, StageId, StageKind};

use super::opportunity::OpportunityFields;
use crate::components::drag::{client_xy, key_on_self, press, Press};
use crate::components::field::FormError;
use crate::components::preload::PreloadIsland;
use crate::components::toast::{use_toasts, ToastKind};
use crate::error::{failed, on_result};
use crate::i18n::{use_ctx, Ctx};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::sales::{
    list_pipeline_stages, pipeline_board, pipeline_column, MoveOpportunity, SaveOpportunity,
};
use crate::serverfns::training::get_training_choices;

/// A move waiting for the server (or for the lost reason).
#[derive(Clone, Debug)]
struct PendingMove {
    card: OpportunityView,
    stage: StageId,
    index: usize,
}

#[derive(Clone, Copy)]
struct Dnd {
    ctx: Ctx,
    cols: RwSignal<Vec<BoardColumn>>,
    drop_at: RwSignal<Option<(StageId, usize)>>,
    dragging: RwSignal<Option<OpportunityId>>,
    picked: RwSignal<bool>,
    pointer: StoredValue<Option<Press<OpportunityView>>>,
    suppress_click: StoredValue<bool>,
    snapshot: StoredValue<Option<Vec<BoardColumn>>>,
    pending: StoredValue<Option<PendingMove>>,
    ask_lost: RwSignal<Option<PendingMove>>,
    announce: RwSignal<String>,
    action: ServerAction<MoveOpportunity>,
}

impl Dnd {
    /// The cards of a stage without the one being moved.
    fn others(&self, stage: StageId, moving: OpportunityId) -> Vec<OpportunityView> {
        self.cols.with_untracked(|cols| {
            cols.iter()
                .find(|c| c.stage.id == stage)
                .map(|c| c.cards.iter().filter(|o| o.id != moving).cloned().collect())
                .unwrap_or_default()
        })
    }

    fn stage_name(&self, stage: StageId) -> String {
        self.cols.with_untracked(|cols| {
            cols.iter().find(|c| c.stage.id == stage).map(|c| c.stage.name.clone()).unwrap_or_default()
        })
    }

    fn stage_kind(&self, stage: StageId) -> StageKind {
        self.cols.with_untracked(|cols| {
            cols.iter().find(|c| c.stage.id == stage).map(|c| c.stage.kind).unwrap_or(StageKind::Open)
        })
    }

    fn announce_over(&self, card: &OpportunityView, stage: StageId, index: usize) {
        self.announce.set(
            self.ctx
                .t(Msg::PipeOver)
                .replace("{name}", &card.title)
                .replace("{to}", &self.stage_name(stage))
                .replace("{n}", &(index + 1).to_string()),
        );
    }

    /// Drops `card` at `index` of `stage`: shows it there at once, then asks the server.
    fn drop_card(&self, card: OpportunityView, stage: StageId, index: usize) {
        self.drop_at.set(None);
        self.dragging.set(None);
        self.picked.set(false);
        let same_place = card.stage_id == stage && {
            let cards = self.cols.with_untracked(|c| {
                c.iter().find(|c| c.stage.id == stage).map(|c| c.cards.clone()).unwrap_or_default()
            });
            cards.iter().position(|o| o.id == card.id) == Some(index)
        };
        if same_place {
            return;
        }
        let m = PendingMove { card, stage, index };
        if self.stage_kind(stage) == StageKind::Lost && m.card.lost_reason.is_empty() {
            self.ask_lost.set(Some(m));
            return;
        }
        self.send(m, String::new());
    }

    fn send(&self, m: PendingMove, lost_reason: String) {
        let others = self.others(m.stage, m.card.id);
        let index = m.index.min(others.len());
        let after = index.checked_sub(1).and_then(|i| others.get(i)).map(|o| o.id.0).unwrap_or(0);
        let before = others.get(index).map(|o| o.id.0).unwrap_or(0);
        self.snapshot.set_value(Some(self.cols.get_untracked()));
        let card = m.card.clone();
        self.cols.update(|cols| {
            for c in cols.iter_mut() {
                if let Some(pos) = c.cards.iter().position(|o| o.id == card.id) {
                    c.cards.remove(pos);
                    c.count -= 1;
                    c.total_cents -= card.value_cents;
                    c.weighted_cents -= card.value_cents * card.probability / 100;
                }
            }
            if let Some(c) = cols.iter_mut().find(|c| c.stage.id == m.stage) {
                let mut moved = card.clone();
                moved.stage_id = m.stage;
                let p = moved.probability_override.unwrap_or(c.stage.probability);
                moved.probability = p;
                c.cards.insert(index.min(c.cards.len()), moved);
                c.count += 1;
                c.total_cents += card.value_cents;
                c.weighted_cents += card.value_cents * p / 100;
            }
        });
        self.pending.set_value(Some(m.clone()));
        self.action.dispatch(MoveOpportunity {
            id: m.card.id.0,
            stage_id: m.stage.0,
            after_id: after,
            before_id: before,
            lost_reason,
        });
    }

    fn keydown(&self, card: &OpportunityView, ev: &leptos::ev::KeyboardEvent) {
        if !key_on_self(ev) {
            return;
        }
        let key = ev.key();
        let picked = self.picked.get_untracked() && self.dragging.get_untracked() == Some(card.id);
        if !picked {
            if key == " " || key == "Enter" {
                ev.prevent_default();
                let index = self.cols.with_untracked(|cols| {
                    cols.iter()
                        .find(|c| c.stage.id == card.stage_id)
                        .and_then(|c| c.cards.iter().position(|o| o.id == card.id))
                        .unwrap_or(0)
                });
                self.picked.set(true);
                self.dragging.set(Some(card.id));
                self.drop_at.set(Some((card.stage_id, index)));
                self.announce.set(self.ctx.t(Msg::PipePicked).replace("{name}", &card.title));
            }
            return;
        }
        let Some((stage, index)) = self.drop_at.get_untracked() else { return };
        let stages: Vec<StageId> = self.cols.with_untracked(|c| c.iter().map(|c| c.stage.id).collect());
        let col = stages.iter().position(|s| *s == stage).unwrap_or(0);
        let target = match key.as_str() {
            "ArrowLeft" if col > 0 => Some((stages[col - 1], index)),
            "ArrowRight" if col + 1 < stages.len() => Some((stages[col + 1], index)),
            "ArrowUp" => Some((stage, index.saturating_sub(1))),
            "ArrowDown" => Some((stage, index + 1)),
            "Enter" | " " => {
                ev.prevent_default();
                self.drop_card(card.clone(), stage, index);
                return;
            }
            "Escape" => {
                ev.prevent_default();
                self.picked.set(false);
                self.dragging.set(None);
                self.drop_at.set(None);
                self.announce.set(self.ctx.t(Msg::CalCancelledMove).to_string());
                return;
            }
            _ => None,
        };
        if let Some((s, i)) = target {
            ev.prevent_default();
            let i = i.min(self.others(s, card.id).len());
            self.drop_at.set(Some((s, i)));
            self.announce_over(card, s, i);
        }
    }

    fn pointerdown(&self, card: &OpportunityView, ev: &leptos::ev::PointerEvent) {
        if !self.picked.get_untracked() {
            self.pointer.set_value(press(card.clone(), ev));
        }
    }

    fn pointermove(&self, ev: &leptos::ev::PointerEvent) {
        let Some(mut d) = self.pointer.get_value() else { return };
        let was_drag = d.moved;
        let Some((x, y)) = d.follow(ev) else { return };
        if !was_drag {
            self.dragging.set(Some(d.item.id));
            self.pointer.set_value(Some(d.clone()));
        }
        if let Some((stage, index)) = self.target_at(d.item.id, x, y) {
            if self.drop_at.get_untracked() != Some((stage, index)) {
                self.drop_at.set(Some((stage, index)));
                self.announce_over(&d.item, stage, index);
            }
        }
    }

    fn pointerup(&self, ev: &leptos::ev::PointerEvent) {
        let Some(d) = self.pointer.get_value() else { return };
        if d.pointer != ev.pointer_id() {
            return;
        }
        self.pointer.set_value(None);
        if !d.moved {
            return;
        }
        self.suppress_click.set_value(true);
        let (x, y) = client_xy(ev);
        let target = self.target_at(d.item.id, x, y).or(self.drop_at.get_untracked());
        match target {
            Some((stage, index)) => self.drop_card(d.item, stage, index),
            None => self.cancel(),
        }
    }

    fn cancel(&self) {
        self.pointer.set_value(None);
        self.dragging.set(None);
        self.drop_at.set(None);
        self.picked.set(false);
    }

    /// The column under the pointer and the place among its other cards.
    #[cfg(feature = "hydrate")]
    fn target_at(&self, moving: OpportunityId, x: f64, y: f64) -> Option<(StageId, usize)> {
        use leptos::wasm_bindgen::JsCast;
        let el = document().element_from_point(x as f32, y as f32)?;
        let col = el.closest("[data-stage]").ok()??;
        let stage = StageId(col.get_attribute("data-stage")?.parse().ok()?);
        let cards = col.query_selector_all("[data-card]").ok()?;
        let mut index = 0;
        for i in 0..cards.length() {
            let Some(card) = cards.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            if card.get_attribute("data-card").and_then(|v| v.parse::<i64>().ok()) == Some(moving.0) {
                continue;
            }
            let r = card.get_bounding_client_rect();
            if y > r.top() + r.height() / 2.0 {
                index += 1;
            }
        }
        Some((stage, index))
    }

    #[cfg(not(feature = "hydrate"))]
    fn target_at(&self, _moving: OpportunityId, _x: f64, _y: f64) -> Option<(StageId, usize)> {
        None
    }
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    let ctx = use_ctx();
    let query = use_query_map();
    let owner = Memo::new(move |_| query.get().get("owner").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let source = Memo::new(move |_| query.get().get("source").unwrap_or_default());
    let show_form = Memo::new(move |_| query.get().get("new").is_some());
    let is_manager = crate::i18n::viewer_can(types::Module::Pipeline, types::Action::Configure);
    let board = Resource::new(move || (owner.get(), source.get()), |(o, s)| pipeline_board(o, s));
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::PipeTitle))/>
        <header class="page-header page-header-row">
            <h1>{ctx.t(Msg::PipeTitle)}</h1>
            <span class="row-actions">
                <a class="btn" href="/pipeline/metrics">{ctx.t(Msg::MetricsTitle)}</a>
                {is_manager.then(|| view! {
                    <a class="btn" href="/pipeline/stages">{ctx.t(Msg::StagesTitle)}</a>
                    <a class="btn" href="/pipeline/templates">{ctx.t(Msg::TplTitle)}</a>
                })}
                <a class="btn btn-primary" href="/pipeline?new=1" data-testid="new-opportunity">{ctx.t(Msg::PipeNew)}</a>
            </span>
        </header>
        {move || show_form.get().then(|| view! { <OpportunityForm/> })}
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(b) => view! {
                        <PreloadIsland island="board_view"/>
                        <BoardView board=b owner=owner.get_untracked() source=source.get_untracked()/>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e.0/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Loads the board again when another user changes it (not in the middle of a drag or a move).
#[cfg(feature = "hydrate")]
fn follow_changes(cols: RwSignal<Vec<BoardColumn>>, busy: RwSignal<bool>, owner: i64, source: String) {
    let source = crate::browser::live::subscribe("/api/pipeline/stream", "changed", move |_| {
        if busy.get_untracked() {
            return;
        }
        let source = source.clone();
        leptos::task::spawn_local(async move {
            if let Ok(board) = pipeline_board(owner, source).await {
                if !busy.get_untracked() {
                    cols.set(board.columns);
                }
            }
        });
    });
    // The stream lives as long as the page.
    std::mem::forget(source);
}

/// The board (an island, in a chunk of its own): its columns and cards, the moves, the lost
/// reason's dialog, "show more".
#[island(lazy)]
fn BoardView(board: Board, owner: i64, source: String) -> impl IntoView {
    let ctx = use_ctx();
    let busy = RwSignal::new(false);
    let toasts = use_toasts();
    let action = ServerAction::<MoveOpportunity>::new();
    let dnd = Dnd {
        ctx,
        cols: RwSignal::new(board.columns.clone()),
        drop_at: RwSignal::new(None),
        dragging: RwSignal::new(None),
        picked: RwSignal::new(false),
        pointer: StoredValue::new(None),
        suppress_click: StoredValue::new(false),
        snapshot: StoredValue::new(None),
        pending: StoredValue::new(None),
        ask_lost: RwSignal::new(None),
        announce: RwSignal::new(String::new()),
        action,
    };
    Effect::new(move |_| {
        busy.set(dnd.dragging.get().is_some() || action.pending().get() || dnd.ask_lost.get().is_some())
    });
    #[cfg(feature = "hydrate")]
    follow_changes(dnd.cols, busy, owner, source.clone());
    on_result(action, move |r| {
        let m = dnd.pending.get_value();
        dnd.pending.set_value(None);
        let name = m.as_ref().map(|m| m.card.title.clone()).unwrap_or_default();
        match r {
            Ok(o) => {
                dnd.cols.update(|cols| {
                    for c in cols.iter_mut() {
                        if let Some(card) = c.cards.iter_mut().find(|x| x.id == o.id) {
                            *card = o.clone();
                        }
                    }
                });
                let text = ctx.t(Msg::PipeMoved).replace("{name}", &name).replace("{to}", &dnd.stage_name(o.stage_id));
                dnd.announce.set(text.clone());
                toasts.push(ToastKind::Success, text);
            }
            Err(e) => {
                if let Some(before) = dnd.snapshot.get_value() {
                    dnd.cols.set(before);
                }
                let why =
                    e.0.fields
                        .first()
                        .and_then(|f| e.0.message_for(&f.field, ctx.locale))
                        .unwrap_or_else(|| e.0.summary(ctx.locale));
                let text = ctx.t(Msg::PipeRefused).replace("{name}", &name).replace("{to}", &why);
                dnd.announce.set(text.clone());
                toasts.push(ToastKind::Error, text);
            }
        }
    });
    let now = board.now;
    let owners: Vec<(String, String)> = {
        let mut seen: Vec<(i64, String)> = board
            .columns
            .iter()
            .flat_map(|c| c.cards.iter().filter_map(|o| Some((o.owner_id?.0, o.owner_name.clone()?))))
            .collect();
        seen.sort();
        seen.dedup();
        seen.into_iter().map(|(id, n)| (id.to_string(), n)).collect()
    };
    let lost_reason = RwSignal::new(String::new());
    view! {
        <div class="sr-only" aria-live="assertive" data-testid="pipe-announce">{move || dnd.announce.get()}</div>
        <form method="get" action="/pipeline" class="cal-filters" data-testid="pipe-filters">
            <select name="owner" aria-label=ctx.t(Msg::OppOwner)>
                <option value="0">{ctx.t(Msg::PipeAllOwners)}</option>
                {owners.into_iter().map(|(v, n)| { let sel = v == owner.to_string(); view! { <option value=v selected=sel>{n}</option> } }).collect_view()}
            </select>
            <select name="source" aria-label=ctx.t(Msg::OppSource)>
                <option value="">{ctx.t(Msg::PipeAllSources)}</option>
                {LeadSource::ALL.iter().map(|s| { let sel = s.as_str() == source; view! { <option value=s.as_str() selected=sel>{ctx.t(s.label())}</option> } }).collect_view()}
            </select>
            <button type="submit" class="btn">{ctx.t(Msg::CalApply)}</button>
        </form>
        <p class="muted cal-help">{ctx.t(Msg::PipeMoveHelp)}</p>
        {move || dnd.ask_lost.get().map(|m| view! {
            <section class="card pipe-lost" role="dialog" aria-labelledby="lost-title" data-testid="lost-dialog">
                <h2 id="lost-title">{ctx.t(Msg::PipeLostAsk).replace("{name}", &m.card.title)}</h2>
                <div class="form form-inline">
                    <div class="field">
                        <label for="lost-reason">{ctx.t(Msg::OppLostReason)}</label>
                        <input id="lost-reason" autofocus=true prop:value=move || lost_reason.get() on:input=move |ev| lost_reason.set(event_target_value(&ev))/>
                    </div>
                    <button type="button" class="btn btn-primary" data-testid="lost-confirm"
                        disabled=move || lost_reason.get().trim().is_empty()
                        on:click={
                            let m = m.clone();
                            move |_| { dnd.ask_lost.set(None); dnd.send(m.clone(), lost_reason.get_untracked()); lost_reason.set(String::new()); }
                        }>{ctx.t(Msg::ActionSave)}</button>
                    <button type="button" class="btn" on:click=move |_| dnd.ask_lost.set(None)>{ctx.t(Msg::ActionCancel2)}</button>
                </div>
            </section>
        })}
        <div class="board" data-testid="board">
            {board.columns.iter().map(|c| {
                let stage = c.stage.clone();
                let id = stage.id;
                let col_class = format!("board-col board-col-{}", stage.kind.as_str());
                let title = stage.name.clone();
                let col = move || dnd.cols.with(|cols| cols.iter().find(|c| c.stage.id == id).cloned());
                let source = source.clone();
                view! {
                    <section class=col_class data-testid="board-column" data-stage=id.0
                        class:board-drop-end=move || dnd.drop_at.get().is_some_and(|(s, i)| s == id && dnd.dragging.get().is_some_and(|m| i >= dnd.others(id, m).len()))>
                        <header class="board-col-head">
                            <h2>{title}</h2>
                            {move || col().map(|c| view! {
                                <p class="board-figures" data-testid="column-figures">
                                    <span data-testid="column-count">{ctx.t(Msg::PipeCount).replace("{n}", &c.count.to_string())}</span>
                                    <span data-testid="column-total">{ctx.t(Msg::PipeTotal).replace("{total}", &ctx.money(c.total_cents))}</span>
                                    <span data-testid="column-weighted">{ctx.t(Msg::PipeWeighted).replace("{total}", &ctx.money(c.weighted_cents))}</span>
                                </p>
                            })}
                        </header>
                        <div class="board-cards" role=move || col().is_some_and(|c| !c.cards.is_empty()).then_some("list")>
                            <For each=move || col().map(|c| c.cards).unwrap_or_default() key=|o| (o.id, o.stage_id, o.rank.clone()) let:card>
                                <Card card stage=stage.clone() now dnd/>
                            </For>
                            {move || col().is_some_and(|c| c.cards.is_empty()).then(|| view! { <p class="board-empty">{ctx.t(Msg::PipeEmpty)}</p> })}
                        </div>
                        <MoreCards stage=id dnd owner source/>
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

/// "Show more" for a column with more cards than it shows.
#[component]
fn MoreCards(stage: StageId, dnd: Dnd, owner: i64, source: String) -> impl IntoView {
    let ctx = dnd.ctx;
    let loading = RwSignal::new(false);
    let more = move || {
        dnd.cols
            .with(|cols| cols.iter().find(|c| c.stage.id == stage).is_some_and(|c| (c.cards.len() as i64) < c.count))
    };
    let load = move |_| {
        let Some(last) = dnd
            .cols
            .with_untracked(|cols| cols.iter().find(|c| c.stage.id == stage).and_then(|c| c.cards.last().cloned()))
        else {
            return;
        };
        loading.set(true);
        let source = source.clone();
        leptos::task::spawn_local(async move {
            if let Ok(next) = pipeline_column(stage.0, last.rank.clone(), last.id.0, owner, source).await {
                dnd.cols.update(|cols| {
                    if let Some(c) = cols.iter_mut().find(|c| c.stage.id == stage) {
                        c.cards.extend(next);
                    }
                });
            }
            loading.set(false);
        });
    };
    view! {
        {move || more().then(|| view! {
            <button type="button" class="btn btn-small board-more" disabled=move || loading.get() on:click=load.clone()>{ctx.t(Msg::PipeMore)}</button>
        })}
    }
}

#[component]
fn Card(card: OpportunityView, stage: types::StageView, now: chrono::DateTime<chrono::Utc>, dnd: Dnd) -> impl IntoView {
    let ctx = dnd.ctx;
    let id = card.id;
    let days = (now - card.stage_entered_at).num_days().max(0);
    let rotting = stage.kind == StageKind::Open && stage.rotting_days > 0 && days > stage.rotting_days;
    let (c1, c2) = (card.clone(), card.clone());
    let drop_here = move || {
        dnd.drop_at.get().is_some_and(|(s, i)| {
            s == stage.id
                && dnd
                    .dragging
                    .get()
                    .is_some_and(|m| m != id && dnd.others(s, m).iter().position(|o| o.id == id) == Some(i))
        })
    };
    view! {
        <article class="board-card" role="listitem" tabindex="0"
            class:board-card-rotting=rotting
            class:board-card-dragging=move || dnd.dragging.get() == Some(id)
            class:board-drop-before=drop_here
            data-card=id.0 data-testid="board-card"
            aria-label=format!("{} · {} · {}", card.title, card.organization_name, ctx.money(card.value_cents))
            on:pointerdown=move |ev| dnd.pointerdown(&c1, &ev)
            on:pointermove=move |ev| dnd.pointermove(&ev)
            on:pointerup=move |ev| dnd.pointerup(&ev)
            on:pointercancel=move |_| dnd.cancel()
            on:keydown=move |ev| dnd.keydown(&c2, &ev)
            on:click=move |ev| {
                if dnd.suppress_click.get_value() {
                    dnd.suppress_click.set_value(false);
                    ev.prevent_default();
                }
            }
        >
            <a class="board-card-title" href=format!("/opportunities/{}", card.id) draggable="false">{card.title.clone()}</a>
            <p class="board-card-org">{card.organization_name.clone()}</p>
            <p class="board-card-meta">
                <strong data-testid="card-value">{ctx.money(card.value_cents)}</strong>
                {card.owner_name.clone().map(|n| view! { <span>{n}</span> })}
            </p>
            <p class="board-card-days" data-testid="card-days">
                {ctx.t(Msg::PipeDays).replace("{n}", &days.to_string())}
                {rotting.then(|| view! { <span class="badge badge-rotting">{ctx.t(Msg::PipeRotting)}</span> })}
            </p>
        </article>
    }
}

/// The new-opportunity form (`?new=1`).
#[component]
fn OpportunityForm() -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveOpportunity>::new();
    let error = failed(save);
    let choices = Resource::new(|| (), |_| get_training_choices());
    let stages = Resource::new(|| (), |_| list_pipeline_stages());
    view! {
        <section class="card pipe-form" data-testid="opportunity-form">
            <h2>{ctx.t(Msg::PipeNew)}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let (Ok(choices), Ok(stages)) = (choices.await, stages.await) else { return ().into_any() };
                    view! {
                        <ActionForm action=save attr:class="form form-grid"
                            attr:data-done-toast=ctx.t(Msg::OppSaved) attr:data-done-href="/pipeline">
                            <FormError error/>
                            <OpportunityFields choices stages initial=None error/>
                            <div class="form-actions">
                                <button type="submit" class="btn btn-primary" data-testid="opportunity-save">{ctx.t(Msg::ActionSave)}</button>
                                <a class="btn" href="/pipeline">{ctx.t(Msg::ActionCancel2)}</a>
                            </div>
                        </ActionForm>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
