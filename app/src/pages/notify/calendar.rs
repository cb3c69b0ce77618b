//! The calendar: month, week, day and agenda views of sessions, workshops and follow-ups in the
//! centre's time zone, filtered by trainer, room and organization. Staff move events by dragging
//! them (mouse and touch, through pointer events) or with the keyboard; the move shows at once,
//! the server applies the same rules as the forms, and a refusal puts the event back with the
//! reason. An empty slot opens the new-session form. Navigation and filters are plain links and
//! a GET form, so the calendar reads without JavaScript too.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use types::{fmt, CalView, CalendarData, CalendarEvent, EventKind, Msg};

use crate::components::drag::{client_xy, key_on_self, press, Press};
use crate::components::field::{FormError, SelectField, TextField};
use crate::components::preload::PreloadIsland;
use crate::components::toast::{use_toasts, ToastKind};
use crate::error::{failed, on_result};
use crate::i18n::{use_ctx, Ctx};
use crate::pages::errors::ErrorNotice;
use crate::serverfns::notify::{calendar_events, MoveCalendarEvent};
use crate::serverfns::training::SaveSession;

/// The hours the week and day grids show.
const FIRST_HOUR: i64 = 7;
const LAST_HOUR: i64 = 22;
/// One slot of the grid: 30 minutes, 24 pixels high.
const SLOT_MINUTES: i64 = 30;
const SLOT_PX: f64 = 24.0;
/// Events a month cell lists before "+n more".
const MONTH_CELL_EVENTS: usize = 3;

/// What the address asks for.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
struct CalQuery {
    view: String,
    date: String,
    trainer: i64,
    room: i64,
    organization: i64,
    hide_cancelled: bool,
    /// A slot clicked to create a session: `yyyy-mm-ddThh:mm`.
    new_at: String,
}

impl CalQuery {
    /// The address of this calendar with `view` and `date` changed, `new` for the form.
    fn href(&self, view: CalView, date: Option<NaiveDate>, new_at: Option<&str>) -> String {
        let mut parts = vec![format!("view={}", view.as_str())];
        if let Some(d) = date {
            parts.push(format!("date={}", d.format("%Y-%m-%d")));
        }
        for (k, v) in [("trainer", self.trainer), ("room", self.room), ("organization", self.organization)] {
            if v > 0 {
                parts.push(format!("{k}={v}"));
            }
        }
        if self.hide_cancelled {
            parts.push("hide_cancelled=true".into());
        }
        if let Some(n) = new_at {
            parts.push(format!("new={n}"));
        }
        format!("/calendar?{}", parts.join("&"))
    }
}

type Key = (EventKind, i64);

fn key(e: &CalendarEvent) -> Key {
    (e.kind, e.id)
}

fn local(ctx: Ctx, at: DateTime<Utc>) -> NaiveDateTime {
    ctx.tz.from_utc_datetime(&at.naive_utc()).naive_local()
}

/// A local time as UTC; a time in the spring gap moves forward by the gap.
fn to_utc(ctx: Ctx, at: NaiveDateTime) -> DateTime<Utc> {
    fmt::from_local(ctx.tz, at)
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_else(|| Utc.from_utc_datetime(&at))
}

/// `at` moved by whole local days (so 10:00 stays 10:00 across a DST change) and minutes.
fn shifted(ctx: Ctx, at: DateTime<Utc>, days: i64, minutes: i64) -> DateTime<Utc> {
    to_utc(ctx, local(ctx, at) + Duration::days(days)) + Duration::minutes(minutes)
}

/// Where a dragged event would land.
#[derive(Clone, Debug, PartialEq)]
struct Preview {
    event: CalendarEvent,
    starts_at: DateTime<Utc>,
}

impl Preview {
    fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at + (self.event.ends_at - self.event.starts_at)
    }
}

/// Everything the views need to drag and announce: all `Copy`.
#[derive(Clone, Copy)]
struct Dnd {
    ctx: Ctx,
    view: CalView,
    can_move: bool,
    overrides: RwSignal<Vec<CalendarEvent>>,
    preview: RwSignal<Option<Preview>>,
    picked: RwSignal<Option<Key>>,
    pointer: StoredValue<Option<Press<CalendarEvent>>>,
    suppress_click: StoredValue<bool>,
    announce: RwSignal<String>,
    moving: StoredValue<Option<CalendarEvent>>,
    action: ServerAction<MoveCalendarEvent>,
}

impl Dnd {
    /// Shows the move at once and asks the server; the result handler keeps or undoes it.
    fn commit(&self, p: Preview) {
        if p.starts_at == p.event.starts_at {
            return;
        }
        let moved = CalendarEvent { starts_at: p.starts_at, ends_at: p.ends_at(), ..p.event.clone() };
        self.moving.set_value(Some(p.event.clone()));
        self.overrides.update(|o| {
            o.retain(|e| key(e) != key(&moved));
            o.push(moved);
        });
        self.action.dispatch(MoveCalendarEvent {
            kind: p.event.kind.as_str().to_string(),
            id: p.event.id,
            starts_at: p.starts_at.timestamp(),
        });
    }

    fn keydown(&self, e: &CalendarEvent, ev: &leptos::ev::KeyboardEvent) {
        if !self.can_move || !e.movable {
            return;
        }
        if !key_on_self(ev) {
            return;
        }
        let k = key(e);
        let picked = self.picked.get_untracked() == Some(k);
        let key_name = ev.key();
        if !picked {
            // Space picks the event up; Enter follows its link.
            if key_name == " " {
                ev.prevent_default();
                self.picked.set(Some(k));
                self.preview.set(Some(Preview { event: e.clone(), starts_at: e.starts_at }));
                self.announce.set(self.ctx.t(Msg::CalPicked).replace("{name}", &e.title));
            }
            return;
        }
        let (days, minutes) = match (key_name.as_str(), self.view) {
            ("ArrowLeft", _) => (-1, 0),
            ("ArrowRight", _) => (1, 0),
            ("ArrowUp", CalView::Month) => (-7, 0),
            ("ArrowDown", CalView::Month) => (7, 0),
            ("ArrowUp", _) => (0, -SLOT_MINUTES),
            ("ArrowDown", _) => (0, SLOT_MINUTES),
            ("Enter" | " ", _) => {
                ev.prevent_default();
                self.picked.set(None);
                if let Some(p) = self.preview.get_untracked() {
                    self.preview.set(None);
                    self.commit(p);
                }
                return;
            }
            ("Escape", _) => {
                ev.prevent_default();
                self.picked.set(None);
                self.preview.set(None);
                self.announce.set(self.ctx.t(Msg::CalCancelledMove).to_string());
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let ctx = self.ctx;
        self.preview.update(|p| {
            if let Some(p) = p {
                p.starts_at = shifted(ctx, p.starts_at, days, minutes);
                self.announce.set(fmt::date_time(ctx.locale, p.starts_at, ctx.tz));
            }
        });
    }

    fn pointerdown(&self, e: &CalendarEvent, ev: &leptos::ev::PointerEvent) {
        if self.can_move && e.movable {
            self.pointer.set_value(press(e.clone(), ev));
        }
    }

    fn pointermove(&self, ev: &leptos::ev::PointerEvent) {
        let Some(mut d) = self.pointer.get_value() else { return };
        let was_drag = d.moved;
        let Some((x, y)) = d.follow(ev) else { return };
        if !was_drag {
            self.pointer.set_value(Some(d.clone()));
        }
        if let Some(at) = self.target_at(&d, x, y) {
            self.preview.set(Some(Preview { event: d.item.clone(), starts_at: at }));
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
        let target = self.target_at(&d, x, y).map(|at| Preview { event: d.item.clone(), starts_at: at });
        self.preview.set(None);
        if let Some(p) = target {
            self.commit(p);
        }
    }

    fn pointercancel(&self) {
        self.pointer.set_value(None);
        self.preview.set(None);
    }

    /// The start time under the pointer: the day of the column or cell there, and in the
    /// week and day grids the slot under the event's grabbed top edge.
    #[cfg(feature = "hydrate")]
    fn target_at(&self, d: &Press<CalendarEvent>, x: f64, y: f64) -> Option<DateTime<Utc>> {
        let el = document().element_from_point(x as f32, y as f32)?;
        let day_el = el.closest("[data-day]").ok()??;
        let day = NaiveDate::parse_from_str(&day_el.get_attribute("data-day")?, "%Y-%m-%d").ok()?;
        let ctx = self.ctx;
        if day_el.get_attribute("data-grid").as_deref() == Some("time") {
            let top = day_el.get_bounding_client_rect().top();
            let slot = ((y - d.grab_y - top) / SLOT_PX).round() as i64;
            let minutes = (FIRST_HOUR * 60 + slot * SLOT_MINUTES).clamp(0, 24 * 60 - SLOT_MINUTES);
            return Some(to_utc(ctx, day.and_time(NaiveTime::MIN) + Duration::minutes(minutes)));
        }
        let time = local(ctx, d.item.starts_at).time();
        Some(to_utc(ctx, day.and_time(time)))
    }

    /// Pointers only move things in the browser.
    #[cfg(not(feature = "hydrate"))]
    fn target_at(&self, _d: &Press<CalendarEvent>, _x: f64, _y: f64) -> Option<DateTime<Utc>> {
        None
    }
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let ctx = use_ctx();
    let is_staff = crate::i18n::viewer_can(types::Module::Calendar, types::Action::Edit);
    let query = use_query_map();
    let q = Memo::new(move |_| {
        let m = query.get();
        let n = |k: &str| m.get(k).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        CalQuery {
            view: m.get("view").unwrap_or_default(),
            date: m.get("date").unwrap_or_default(),
            trainer: n("trainer"),
            room: n("room"),
            organization: n("organization"),
            hide_cancelled: m.get("hide_cancelled").is_some_and(|v| v == "true" || v == "on"),
            new_at: m.get("new").unwrap_or_default(),
        }
    });
    let data = Resource::new(
        move || q.get(),
        |q| calendar_events(q.view, q.date, q.trainer, q.room, q.organization, q.hide_cancelled),
    );
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::CalTitle))/>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Calendar data=d q=q.get_untracked() is_staff/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e.0/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The month, week, day or agenda with its events (an island, in a chunk of its own): events
/// move by pointer or keyboard, the move shows at once and is undone with the reason if the
/// server refuses it.
#[island(lazy)]
fn CalendarGrid(data: CalendarData, q: CalQuery, is_staff: bool) -> impl IntoView {
    let ctx = use_ctx();
    let toasts = use_toasts();
    let action = ServerAction::<MoveCalendarEvent>::new();
    let dnd = Dnd {
        ctx,
        view: data.view,
        can_move: is_staff,
        overrides: RwSignal::new(Vec::new()),
        preview: RwSignal::new(None),
        picked: RwSignal::new(None),
        pointer: StoredValue::new(None),
        suppress_click: StoredValue::new(false),
        announce: RwSignal::new(String::new()),
        moving: StoredValue::new(None),
        action,
    };
    on_result(action, move |r| {
        let original = dnd.moving.get_value();
        dnd.moving.set_value(None);
        match r {
            Ok(e) => {
                let text = ctx.t(Msg::CalMoved).replace("{date}", &ctx.date_time(e.starts_at));
                dnd.overrides.update(|o| {
                    o.retain(|x| key(x) != key(&e));
                    o.push(e);
                });
                dnd.announce.set(text.clone());
                toasts.push(ToastKind::Success, text);
            }
            Err(err) => {
                // Snap back to where it was, and say why.
                if let Some(orig) = original {
                    dnd.overrides.update(|o| {
                        o.retain(|x| key(x) != key(&orig));
                        o.push(orig);
                    });
                }
                let why = err
                    .0
                    .fields
                    .first()
                    .map(|f| err.0.message_for(&f.field, ctx.locale).unwrap_or_default())
                    .unwrap_or_else(|| err.0.summary(ctx.locale));
                let text = ctx.t(Msg::CalMoveRefused).replace("{name}", &why);
                dnd.announce.set(text.clone());
                toasts.push(ToastKind::Error, text);
            }
        }
    });
    let today = local(ctx, data.now).date();
    let events: Signal<Vec<CalendarEvent>> = {
        let base = data.events.clone();
        Signal::derive(move || {
            let over = dnd.overrides.get();
            let mut all: Vec<CalendarEvent> =
                base.iter().filter(|e| !over.iter().any(|o| key(o) == key(e))).cloned().collect();
            all.extend(over);
            all.sort_by_key(|e| (e.starts_at, e.kind.as_str(), e.id));
            all
        })
    };
    view! {
        <div class="sr-only" aria-live="assertive" data-testid="cal-announce">{move || dnd.announce.get()}</div>
        {match data.view {
            CalView::Month => view! { <MonthGrid data=data.clone() q=q.clone() events dnd today is_staff/> }.into_any(),
            CalView::Week | CalView::Day => view! { <TimeGrid data=data.clone() q=q.clone() events dnd today is_staff/> }.into_any(),
            CalView::Agenda => view! { <Agenda data=data.clone() events dnd/> }.into_any(),
        }}
    }
}

/// The toolbar, the filters, the view and the new-session form.
#[component]
fn Calendar(data: CalendarData, q: CalQuery, is_staff: bool) -> impl IntoView {
    let ctx = use_ctx();
    let view = data.view;
    let title = match view {
        CalView::Month => fmt::month_year(ctx.locale, data.anchor.year(), data.anchor.month0() as usize),
        CalView::Day => {
            fmt::long_date(ctx.locale, to_utc(ctx, data.anchor.and_hms_opt(12, 0, 0).unwrap_or_default()), ctx.tz)
        }
        _ => {
            let last = data.first_day + Duration::days(data.days - 1);
            let d =
                |n: NaiveDate| fmt::date(ctx.locale, to_utc(ctx, n.and_hms_opt(12, 0, 0).unwrap_or_default()), ctx.tz);
            format!("{} – {}", d(data.first_day), d(last))
        }
    };
    let option = |id: i64, name: &str| (id.to_string(), name.to_string());
    let filter_select = |name: &'static str, all: Msg, chosen: i64, items: Vec<(String, String)>| {
        view! {
            <label class="cal-filter">
                <span class="sr-only">{ctx.t(all)}</span>
                <select name=name data-testid=format!("filter-{name}")>
                    <option value="0">{ctx.t(all)}</option>
                    {items.into_iter().map(|(v, t)| {
                        let selected = v == chosen.to_string();
                        view! { <option value=v selected=selected>{t}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let new_form = (is_staff && !q.new_at.is_empty())
        .then(|| NaiveDateTime::parse_from_str(&q.new_at, "%Y-%m-%dT%H:%M").ok())
        .flatten()
        .map(|at| view! { <NewSession data=data.clone() q=q.clone() at/> });
    view! {
        <header class="page-header cal-header">
            <h1>{ctx.t(Msg::CalTitle)}</h1>
            <nav class="cal-toolbar" aria-label=ctx.t(Msg::CalTitle)>
                <a class="btn" href=q.href(view, None, None) data-testid="cal-today">{ctx.t(Msg::CalToday)}</a>
                <a class="btn btn-icon" href=q.href(view, Some(view.step(data.anchor, -1)), None) aria-label=ctx.t(Msg::CalPrev) data-testid="cal-prev">"‹"</a>
                <a class="btn btn-icon" href=q.href(view, Some(view.step(data.anchor, 1)), None) aria-label=ctx.t(Msg::CalNext) data-testid="cal-next">"›"</a>
                <h2 class="cal-title" data-testid="cal-title">{title}</h2>
                <span class="cal-views" role="group">
                    {CalView::ALL.into_iter().map(|v| view! {
                        <a class="btn" class:btn-primary=v == view aria-current=(v == view).then_some("page")
                            href=q.href(v, Some(data.anchor), None) data-testid=format!("cal-view-{}", v.as_str())>{ctx.t(v.label())}</a>
                    }).collect_view()}
                </span>
            </nav>
            <form method="get" action="/calendar" class="cal-filters" data-testid="cal-filters">
                <input type="hidden" name="view" value=view.as_str()/>
                <input type="hidden" name="date" value=data.anchor.format("%Y-%m-%d").to_string()/>
                {filter_select("trainer", Msg::CalAllTrainers, q.trainer, data.trainers.iter().map(|(id, n)| option(id.0, n)).collect())}
                {filter_select("room", Msg::CalAllRooms, q.room, data.rooms.iter().map(|(id, n)| option(id.0, n)).collect())}
                {filter_select("organization", Msg::CalAllOrganizations, q.organization, data.organizations.iter().map(|(id, n)| option(id.0, n)).collect())}
                <label class="cal-filter-check">
                    <input type="checkbox" name="hide_cancelled" value="true" checked=q.hide_cancelled/>
                    {ctx.t(Msg::CalHideCancelled)}
                </label>
                <button type="submit" class="btn">{ctx.t(Msg::CalApply)}</button>
            </form>
            {is_staff.then(|| view! { <p class="muted cal-help">{ctx.t(Msg::CalMoveHelp)}</p> })}
        </header>
        <div class="cal-legend" aria-hidden="true">
            <span class="cal-ev-session">{ctx.t(Msg::KindSession)}</span>
            <span class="cal-ev-workshop">{ctx.t(Msg::KindWorkshop)}</span>
            <span class="cal-ev-follow_up">{ctx.t(Msg::KindFollowUp)}</span>
        </div>
        {new_form}
        <PreloadIsland island="calendar_grid"/>
        <CalendarGrid data q is_staff/>
    }
}

/// One event: a link to its record, draggable when the viewer may move it.
#[component]
fn EventChip(
    event: CalendarEvent,
    dnd: Dnd,
    #[prop(optional, into)] style: String,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    let ctx = dnd.ctx;
    let movable = dnd.can_move && event.movable && !event.cancelled;
    let k = key(&event);
    let time = if event.kind == EventKind::FollowUp {
        ctx.time(event.starts_at)
    } else {
        format!("{}–{}", ctx.time(event.starts_at), ctx.time(event.ends_at))
    };
    let label = format!("{} · {} · {}", ctx.t(kind_label(event.kind)), time, event.title);
    let (e1, e2, e3) = (event.clone(), event.clone(), event.clone());
    view! {
        <div
            class=format!("cal-ev cal-ev-{}", event.kind.as_str())
            class:cal-ev-cancelled=event.cancelled
            class:cal-ev-movable=movable
            class:cal-ev-picked=move || dnd.picked.get() == Some(k)
            class:cal-ev-compact=compact
            style=style
            data-testid="cal-event"
            data-kind=event.kind.as_str()
            data-id=event.id
            data-start=event.starts_at.timestamp()
            on:pointerdown=move |ev| dnd.pointerdown(&e1, &ev)
            on:pointermove=move |ev| dnd.pointermove(&ev)
            on:pointerup=move |ev| dnd.pointerup(&ev)
            on:pointercancel=move |_| dnd.pointercancel()
            on:click=move |ev| {
                if dnd.suppress_click.get_value() {
                    dnd.suppress_click.set_value(false);
                    ev.prevent_default();
                }
            }
        >
            <span class="cal-ev-time">{time}</span>
            // The link is the one control: it opens the record, and Space picks the event up to
            // move it with the keyboard.
            <a class="cal-ev-title" href=e3.link.clone() draggable="false" aria-label=label
                aria-grabbed=move || movable.then(|| (dnd.picked.get() == Some(k)).to_string())
                on:keydown=move |ev| dnd.keydown(&e2, &ev)>{e3.title.clone()}</a>
            {(!compact && !e3.detail.is_empty()).then(|| view! { <span class="cal-ev-detail">{e3.detail.clone()}</span> })}
            {e3.cancelled.then(|| view! { <span class="cal-ev-tag">{ctx.t(Msg::CalCancelledTag)}</span> })}
        </div>
    }
}

fn kind_label(k: EventKind) -> Msg {
    match k {
        EventKind::Session => Msg::KindSession,
        EventKind::Workshop => Msg::KindWorkshop,
        EventKind::FollowUp => Msg::KindFollowUp,
    }
}

/// Six weeks from the Monday before the 1st.
#[component]
fn MonthGrid(
    data: CalendarData,
    q: CalQuery,
    events: Signal<Vec<CalendarEvent>>,
    dnd: Dnd,
    today: NaiveDate,
    is_staff: bool,
) -> impl IntoView {
    let ctx = dnd.ctx;
    let month = data.anchor.month();
    let days: Vec<NaiveDate> = (0..data.days).map(|i| data.first_day + Duration::days(i)).collect();
    view! {
        <div class="cal-month" data-testid="cal-month">
            {(0..7).map(|i| view! { <div class="cal-weekday">{fmt::weekday_short(ctx.locale, i)}</div> }).collect_view()}
            {days.into_iter().map(|day| {
                let q = q.clone();
                let day_href = q.href(CalView::Day, Some(day), None);
                let new_href = q.href(CalView::Month, Some(data.anchor), Some(&format!("{}T09:00", day.format("%Y-%m-%d"))));
                let day_key = day.format("%Y-%m-%d").to_string();
                view! {
                    <div class="cal-cell" class:cal-other-month=day.month() != month class:cal-today=day == today
                        class:cal-drop-target=move || dnd.preview.get().is_some_and(|p| local(ctx, p.starts_at).date() == day)
                        data-day=day_key.clone() data-grid="month" data-testid="cal-cell">
                        <div class="cal-cell-head">
                            <a class="cal-daynum" href=day_href.clone()>{day.day()}</a>
                            {is_staff.then(|| view! {
                                <a class="cal-add" href=new_href aria-label=ctx.t(Msg::CalCreateAt).replace("{date}", &day_key)>"+"</a>
                            })}
                        </div>
                        {move || {
                            let of_day: Vec<CalendarEvent> = events.get().into_iter().filter(|e| local(ctx, e.starts_at).date() == day).collect();
                            let more = of_day.len().saturating_sub(MONTH_CELL_EVENTS);
                            view! {
                                {of_day.into_iter().take(MONTH_CELL_EVENTS).map(|e| view! { <EventChip event=e dnd compact=true/> }).collect_view()}
                                {(more > 0).then(|| view! { <a class="cal-more" href=day_href.clone()>{ctx.t(Msg::CalMore).replace("{n}", &more.to_string())}</a> })}
                            }
                        }}
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// Side-by-side lanes for overlapping events: (event, lane, lanes in its cluster).
fn lanes(mut events: Vec<CalendarEvent>) -> Vec<(CalendarEvent, usize, usize)> {
    events.sort_by_key(|e| (e.starts_at, std::cmp::Reverse(e.ends_at)));
    let mut out: Vec<(CalendarEvent, usize, usize)> = Vec::new();
    let mut cluster_start = 0;
    let mut lane_ends: Vec<DateTime<Utc>> = Vec::new();
    let mut cluster_end: Option<DateTime<Utc>> = None;
    for e in events {
        let end = e.ends_at.max(e.starts_at + Duration::minutes(SLOT_MINUTES));
        if cluster_end.is_some_and(|c| e.starts_at >= c) {
            let n = lane_ends.len();
            out[cluster_start..].iter_mut().for_each(|x| x.2 = n);
            cluster_start = out.len();
            lane_ends.clear();
            cluster_end = None;
        }
        let lane = match lane_ends.iter().position(|l| *l <= e.starts_at) {
            Some(l) => {
                lane_ends[l] = end;
                l
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        cluster_end = Some(cluster_end.map_or(end, |c| c.max(end)));
        out.push((e, lane, 0));
    }
    let n = lane_ends.len();
    out[cluster_start..].iter_mut().for_each(|x| x.2 = n);
    out
}

/// Pixels from the top of the grid for a local time.
fn grid_top(t: NaiveTime) -> f64 {
    let minutes = i64::from(t.hour()) * 60 + i64::from(t.minute()) - FIRST_HOUR * 60;
    (minutes.clamp(0, (LAST_HOUR - FIRST_HOUR) * 60) as f64) / SLOT_MINUTES as f64 * SLOT_PX
}

/// The week or the day, by half hours from 07:00 to 22:00.
#[component]
fn TimeGrid(
    data: CalendarData,
    q: CalQuery,
    events: Signal<Vec<CalendarEvent>>,
    dnd: Dnd,
    today: NaiveDate,
    is_staff: bool,
) -> impl IntoView {
    let ctx = dnd.ctx;
    let days: Vec<NaiveDate> = (0..data.days).map(|i| data.first_day + Duration::days(i)).collect();
    let slots = (LAST_HOUR - FIRST_HOUR) * 60 / SLOT_MINUTES;
    let height = slots as f64 * SLOT_PX;
    let cols = days.len();
    view! {
        <div class="cal-time-wrap">
            <div class="cal-time" style=format!("--cal-cols: {cols}") data-testid="cal-time">
                <div class="cal-corner"></div>
                {days.iter().map(|d| {
                    let href = q.href(CalView::Day, Some(*d), None);
                    view! {
                        <a class="cal-col-head" class:cal-today=*d == today href=href>
                            {fmt::weekday_short(ctx.locale, d.weekday().num_days_from_monday() as usize)} " " {d.day()}
                        </a>
                    }
                }).collect_view()}
                <div class="cal-hours" style=format!("height: {height}px")>
                    {(FIRST_HOUR..LAST_HOUR).map(|h| view! { <span style=format!("top: {}px", (h - FIRST_HOUR) as f64 * 2.0 * SLOT_PX)>{format!("{h:02}:00")}</span> }).collect_view()}
                </div>
                {days.into_iter().map(|day| {
                    let day_key = day.format("%Y-%m-%d").to_string();
                    let q = q.clone();
                    view! {
                        <div class="cal-col" class:cal-today=day == today style=format!("height: {height}px")
                            data-day=day_key.clone() data-grid="time" data-testid="cal-col">
                            {(0..slots).map(|s| {
                                let minutes = FIRST_HOUR * 60 + s * SLOT_MINUTES;
                                let at = format!("{day_key}T{:02}:{:02}", minutes / 60, minutes % 60);
                                if is_staff {
                                    let href = q.href(data.view, Some(data.anchor), Some(&at));
                                    view! {
                                        <a class="cal-slot" class:cal-slot-hour=minutes % 60 == 0 href=href data-testid="cal-slot" data-at=at.clone()
                                            aria-label=ctx.t(Msg::CalCreateAt).replace("{date}", &at.replace('T', " "))></a>
                                    }.into_any()
                                } else {
                                    view! { <div class="cal-slot" class:cal-slot-hour=minutes % 60 == 0></div> }.into_any()
                                }
                            }).collect_view()}
                            {move || {
                                let of_day: Vec<CalendarEvent> = events.get().into_iter().filter(|e| local(ctx, e.starts_at).date() == day).collect();
                                lanes(of_day).into_iter().map(|(e, lane, n)| {
                                    let top = grid_top(local(ctx, e.starts_at).time());
                                    let bottom = if local(ctx, e.ends_at).date() > day { height } else { grid_top(local(ctx, e.ends_at).time()) };
                                    let h = (bottom - top).max(SLOT_PX - 2.0);
                                    let width = 100.0 / n.max(1) as f64;
                                    let style = format!("top: {top}px; height: {h}px; left: {}%; width: calc({width}% - 4px)", lane as f64 * width);
                                    view! { <EventChip event=e dnd style/> }
                                }).collect_view()
                            }}
                            {move || dnd.preview.get().filter(|p| local(ctx, p.starts_at).date() == day).map(|p| {
                                let top = grid_top(local(ctx, p.starts_at).time());
                                let h = (grid_top(local(ctx, p.ends_at()).time()) - top).max(SLOT_PX - 2.0);
                                view! {
                                    <div class="cal-ghost" style=format!("top: {top}px; height: {h}px") data-testid="cal-ghost">
                                        {format!("{}–{}", ctx.time(p.starts_at), ctx.time(p.ends_at()))}
                                    </div>
                                }
                            })}
                        </div>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}

/// Thirty days as a list, grouped by day.
#[component]
fn Agenda(data: CalendarData, events: Signal<Vec<CalendarEvent>>, dnd: Dnd) -> impl IntoView {
    let ctx = dnd.ctx;
    let _ = data;
    view! {
        <div class="cal-agenda card" data-testid="cal-agenda">
            {move || {
                let all = events.get();
                if all.is_empty() {
                    return view! { <p class="empty">{ctx.t(Msg::CalEmpty)}</p> }.into_any();
                }
                let mut days: Vec<(NaiveDate, Vec<CalendarEvent>)> = Vec::new();
                for e in all {
                    let d = local(ctx, e.starts_at).date();
                    match days.last_mut() {
                        Some((last, list)) if *last == d => list.push(e),
                        _ => days.push((d, vec![e])),
                    }
                }
                days.into_iter().map(|(d, list)| view! {
                    <section class="cal-agenda-day" data-day=d.format("%Y-%m-%d").to_string()>
                        <h3>{fmt::long_date(ctx.locale, to_utc(ctx, d.and_hms_opt(12, 0, 0).unwrap_or_default()), ctx.tz)}</h3>
                        {list.into_iter().map(|e| view! { <EventChip event=e dnd/> }).collect_view()}
                    </section>
                }).collect_view().into_any()
            }}
        </div>
    }
}

/// The form a click on an empty slot opens: a session of a contract at that time.
#[component]
fn NewSession(data: CalendarData, q: CalQuery, at: NaiveDateTime) -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SaveSession>::new();
    let error = failed(save);
    let close = q.href(data.view, Some(data.anchor), None);
    let after = close.clone();
    let end = at + Duration::hours(2);
    let none = ("".to_string(), "—".to_string());
    let trainers: Vec<(String, String)> = std::iter::once(none.clone())
        .chain(data.trainers.iter().map(|(id, n)| (id.0.to_string(), n.clone())))
        .collect();
    let rooms: Vec<(String, String)> =
        std::iter::once(none).chain(data.rooms.iter().map(|(id, n)| (id.0.to_string(), n.clone()))).collect();
    let contracts: Vec<(String, String)> = data.contracts.iter().map(|(id, n)| (id.0.to_string(), n.clone())).collect();
    let selected = |v: i64| if v > 0 { v.to_string() } else { String::new() };
    view! {
        <section class="card cal-new" role="dialog" aria-labelledby="cal-new-title" data-testid="cal-new-session">
            <h2 id="cal-new-title">{ctx.t(Msg::CalNewSession)}</h2>
            <ActionForm action=save attr:class="form form-grid" attr:data-done-toast=ctx.t(Msg::SeSaved) attr:data-done-href=after>
                <FormError error/>
                <input type="hidden" name="state" value="scheduled"/>
                <SelectField name="contract_id" label=Msg::FieldContract options=contracts error id_prefix="new-"/>
                <TextField name="date" label=Msg::IxDate kind="date" value=at.format("%Y-%m-%d").to_string() error id_prefix="new-"/>
                <TextField name="start_time" label=Msg::SeStart kind="time" value=at.format("%H:%M").to_string() error id_prefix="new-"/>
                <TextField name="end_time" label=Msg::SeEnd kind="time" value=end.format("%H:%M").to_string() error id_prefix="new-"/>
                <SelectField name="trainer_id" label=Msg::SeTrainer options=trainers selected=selected(q.trainer) error id_prefix="new-"/>
                <SelectField name="room_id" label=Msg::SeRoom options=rooms selected=selected(q.room) error id_prefix="new-"/>
                <TextField name="address" label=Msg::OrgAddress error id_prefix="new-"/>
                <TextField name="video_link" label=Msg::SeVideoLink kind="url" error id_prefix="new-"/>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="cal-new-save">{ctx.t(Msg::ActionSave)}</button>
                    <a class="btn" href=close>{ctx.t(Msg::ActionCancel2)}</a>
                </div>
            </ActionForm>
        </section>
    }
}
