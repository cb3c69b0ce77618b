//! The assistant panel (an island): opens from any page; on a client, person, workshop or
//! opportunity page it asks about that record. Answers stream in from
//! `POST /api/assistant/ask` token by token and can be stopped; the kept answer shows its
//! citations as links and, when the built-in assistant wrote it, an "answered without AI" mark.
//! Each answer takes a thumbs up or down with an optional comment.

use leptos::form::ActionForm;
use leptos::prelude::*;
use types::{AssistantAction, AssistantExchange, Msg};

use crate::components::field::{TextArea, TextField};
use crate::components::toast::{use_toasts, ToastKind};
use crate::error::{failed, on_result};
use crate::i18n::use_ctx;
use crate::serverfns::assistant::{
    assistant_history, AssistantFeedback, ConfirmAssistantAction, DismissAssistantAction,
};

/// The citation of the record a path shows: `/workshops/12` → `W12`.
pub fn subject_of(path: &str) -> String {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let prefix = match parts.first().copied() {
        Some("workshops") => "W",
        Some("clients") => "O",
        Some("people") => "P",
        Some("opportunities") => "D",
        _ => return String::new(),
    };
    match parts.get(1).and_then(|id| id.parse::<i64>().ok()) {
        Some(id) => format!("{prefix}{id}"),
        None => String::new(),
    }
}

/// An answer's text with its citations (`[W12]`) as links to the facts' pages.
fn answer_view(text: &str, links: &[(String, String)]) -> impl IntoView {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        let after = &rest[start + 1..];
        let Some(end) = after.find(']') else { break };
        let cite = &after[..end];
        match links.iter().find(|(c, _)| c == cite) {
            Some((c, href)) => {
                parts.push(view! { {rest[..start].to_string()} }.into_any());
                parts.push(
                    view! { <a class="cite" href=href.clone() data-testid="citation">{format!("[{c}]")}</a> }
                        .into_any(),
                );
                rest = &after[end + 1..];
            }
            None => {
                parts.push(view! { {rest[..start + 1].to_string()} }.into_any());
                rest = after;
            }
        }
    }
    parts.push(view! { {rest.to_string()} }.into_any());
    parts
}

/// Where the browser remembers, for the session, that the panel is open: it opens again on the
/// next page.
#[cfg(feature = "hydrate")]
const OPEN_KEY: &str = "aula.assistant.open";

/// Opens or closes the panel, and remembers it for the next page.
fn set_open(open: RwSignal<bool>, value: bool) {
    open.set(value);
    #[cfg(feature = "hydrate")]
    if let Some(s) = window().session_storage().ok().flatten() {
        let _ = s.set_item(OPEN_KEY, if value { "1" } else { "0" });
    }
}

/// The assistant's button and panel. Only the button and the empty panel are in every page's
/// code: what the panel holds (the conversation, the question form, the action cards) arrives in a
/// WebAssembly chunk of its own the first time it opens, and stays mounted after that, so a reply
/// in flight survives closing the panel. Open, it stays open on the next page.
#[island]
pub fn AssistantPanel() -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    let opened = RwSignal::new(false);
    // After hydration (an effect), so the page first matches what the server rendered.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if window().session_storage().ok().flatten().and_then(|s| s.get_item(OPEN_KEY).ok().flatten()).as_deref()
            == Some("1")
        {
            opened.set(true);
            open.set(true);
        }
    });
    view! {
        <button type="button" class="assistant-toggle" aria-expanded=move || open.get().to_string()
            aria-controls="assistant-panel" data-testid="assistant-toggle"
            on:click=move |_| {
                opened.set(true);
                set_open(open, !open.get_untracked());
            }>
            {ctx.t(Msg::AsstTitle)}
        </button>
        <aside id="assistant-panel" class="assistant-panel" class:assistant-open=move || open.get()
            aria-label=ctx.t(Msg::AsstTitle) hidden=move || !open.get() data-testid="assistant-panel">
            {move || opened.get().then(|| Suspend::new(assistant_body(open)))}
        </aside>
    }
}

/// What the open panel holds (loaded on first use, see [`AssistantPanel`]).
#[leptos::lazy]
fn assistant_body(open: RwSignal<bool>) -> AnyView {
    let ctx = use_ctx();
    // Every page comes from the server, so the record on screen is the address's for good.
    let subject = Memo::new(move |_| subject_of(&window().location().pathname().unwrap_or_default()));
    let version = RwSignal::new(0u32);
    let history = Resource::new(
        move || (open.get(), subject.get(), version.get()),
        |(open, s, _)| async move {
            if open {
                assistant_history(s).await.unwrap_or_default()
            } else {
                Vec::new()
            }
        },
    );
    let question = RwSignal::new(String::new());
    // The question in flight and the text streamed so far.
    let asking = RwSignal::new(None::<(String, String)>);
    let notice = RwSignal::new(None::<Msg>);
    let feedback = ServerAction::<AssistantFeedback>::new();
    // The newest message stays in view: after the history loads and as a reply streams in.
    let log = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let _ = (open.get(), asking.get(), history.get());
        request_animation_frame(move || {
            if let Some(el) = log.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = question.get_untracked().trim().to_string();
        if q.is_empty() || asking.get_untracked().is_some() {
            return;
        }
        question.set(String::new());
        notice.set(None);
        asking.set(Some((q.clone(), String::new())));
        start(q, subject.get_untracked(), asking, notice, version);
    };
    let stop_reply = move |_| {
        stop_in_flight();
        asking.set(None);
        notice.set(Some(Msg::AsstStopped));
        version.update(|v| *v += 1);
    };

    view! {
        <header class="assistant-head">
            <h2>{ctx.t(Msg::AsstTitle)}</h2>
            {move || (!subject.get().is_empty()).then(|| view! { <span class="badge">{ctx.t(Msg::AsstAbout)}</span> })}
            <button type="button" class="btn btn-small btn-ghost" aria-label=ctx.t(Msg::ActionClose)
                on:click=move |_| set_open(open, false)>"×"</button>
        </header>
        <div class="assistant-log" aria-live="polite" data-testid="assistant-log" node_ref=log>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let list = history.await;
                    if list.is_empty() && asking.get().is_none() {
                        return view! { <p class="muted">{ctx.t(Msg::AsstEmpty)}</p> }.into_any();
                    }
                    list.into_iter().map(|x| view! { <Exchange x feedback version/> }).collect_view().into_any()
                })}
            </Transition>
            {move || asking.get().map(|(q, so_far)| view! {
                <div class="assistant-q">{q}</div>
                <div class="assistant-a assistant-streaming" data-testid="assistant-streaming">
                    {if so_far.is_empty() { ctx.t(Msg::AsstThinking).to_string() } else { so_far }}
                </div>
            })}
            {move || notice.get().map(|m| view! { <p class="muted" data-testid="assistant-notice">{ctx.t(m)}</p> })}
        </div>
        <form class="assistant-form" on:submit=submit>
            <label class="sr-only" for="assistant-question">{ctx.t(Msg::AsstPlaceholder)}</label>
            <textarea id="assistant-question" rows="2" placeholder=ctx.t(Msg::AsstPlaceholder) data-testid="assistant-question"
                prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" && !ev.shift_key() {
                        ev.prevent_default();
                        if let Some(form) = event_target::<leptos::web_sys::HtmlTextAreaElement>(&ev).form() {
                            let _ = form.request_submit();
                        }
                    }
                }></textarea>
            {move || if asking.get().is_some() {
                view! { <button type="button" class="btn" on:click=stop_reply data-testid="assistant-stop">{ctx.t(Msg::AsstStop)}</button> }.into_any()
            } else {
                view! { <button type="submit" class="btn btn-primary" data-testid="assistant-ask">{ctx.t(Msg::AsstAsk)}</button> }.into_any()
            }}
        </form>
    }
    .into_any()
}

#[component]
fn Exchange(x: AssistantExchange, feedback: ServerAction<AssistantFeedback>, version: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let vote = RwSignal::new(x.feedback);
    let comment = RwSignal::new(x.comment.clone());
    let id = x.id;
    let send = move |v: i64| {
        vote.set(v);
        feedback.dispatch(AssistantFeedback { id, vote: v, comment: comment.get_untracked() });
    };
    view! {
        <div class="assistant-q">{x.question.clone()}</div>
        <div class="assistant-a" data-testid="assistant-answer">
            {answer_view(&x.answer, &x.links)}
            {(!x.by_model).then(|| view! { <span class="badge assistant-no-ai" data-testid="no-ai">{ctx.t(Msg::AsstNoAi)}</span> })}
            {x.action.clone().map(|action| view! {
                <ActionCard id=x.id action state=x.action_state.clone() href=x.action_href.clone() version/>
            })}
            <div class="assistant-feedback">
                <button type="button" class="btn btn-small btn-ghost" aria-pressed=move || (vote.get() == 1).to_string()
                    on:click=move |_| send(1)>{ctx.t(Msg::AsstHelpful)}</button>
                <button type="button" class="btn btn-small btn-ghost" aria-pressed=move || (vote.get() == -1).to_string()
                    on:click=move |_| send(-1)>{ctx.t(Msg::AsstNotHelpful)}</button>
                {move || (vote.get() != 0).then(|| view! {
                    <input class="assistant-comment" placeholder=ctx.t(Msg::AsstComment) aria-label=ctx.t(Msg::AsstComment)
                        prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))
                        on:change=move |_| send(vote.get_untracked())/>
                })}
            </div>
        </div>
    }
}

/// The fields an action card has.
const CARD_FIELDS: [&str; 5] = ["next_action", "next_action_at", "subject", "body", "lost_reason"];

/// A proposed action: its fields (adjustable) with Confirm and Dismiss, or what became of it.
#[component]
fn ActionCard(id: i64, action: AssistantAction, state: String, href: String, version: RwSignal<u32>) -> impl IntoView {
    let ctx = use_ctx();
    let toasts = use_toasts();
    let confirm = ServerAction::<ConfirmAssistantAction>::new();
    let dismiss = ServerAction::<DismissAssistantAction>::new();
    let error = failed(confirm);
    on_result(confirm, move |r| {
        if r.is_ok() {
            toasts.push(ToastKind::Success, ctx.t(Msg::AsstDone));
            version.update(|v| *v += 1);
            // The record on screen shows what the action changed (its follow-ups, its stage).
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(crate::browser::page::refresh());
        }
    });
    on_result(dismiss, move |_| version.update(|v| *v += 1));
    let p = format!("asst-{id}-");
    if state != "proposed" {
        let label = match state.as_str() {
            "done" => Msg::AsstDone,
            "dismissed" => Msg::AsstDismissed,
            _ => Msg::AsstThinking,
        };
        let summary = match &action {
            AssistantAction::FollowUp { next_action, due, .. } => {
                format!("{next_action} · {}", short_date(ctx.locale(), due))
            }
            AssistantAction::Email { subject, to, .. } => format!("{subject} → {to}"),
            AssistantAction::MoveOpportunity { title, stage_name, .. } => format!("{title} → {stage_name}"),
        };
        return view! {
            <div class="assistant-action assistant-action-closed" data-testid="assistant-action" data-state=state.clone()>
                <span class="badge">{ctx.t(label)}</span>
                <span class="assistant-action-summary">{summary}</span>
                {(!href.is_empty()).then(|| view! { <a href=href.clone() data-testid="assistant-action-result">{ctx.t(Msg::AsstOpenResult)}</a> })}
            </div>
        }
        .into_any();
    }
    let (fields, confirm_label) = match action {
        AssistantAction::FollowUp { next_action, due, .. } => (
            view! {
                <TextField name="next_action" label=Msg::AsstNextAction value=next_action error id_prefix=p.clone()/>
                <TextField name="next_action_at" label=Msg::AsstDue kind="date" value=due error id_prefix=p.clone()/>
            }
            .into_any(),
            Msg::AsstConfirm,
        ),
        AssistantAction::Email { to, to_name, subject, body, .. } => (
            view! {
                <p class="assistant-to"><strong>{ctx.t(Msg::AsstTo)}": "</strong>{format!("{to_name} <{to}>")}</p>
                <TextField name="subject" label=Msg::AsstSubject value=subject error id_prefix=p.clone()/>
                <TextArea name="body" label=Msg::AsstBody value=body rows=7 error id_prefix=p.clone()/>
            }
            .into_any(),
            Msg::AsstSend,
        ),
        AssistantAction::MoveOpportunity { needs_reason, .. } => (
            needs_reason
                .then(|| view! { <TextField name="lost_reason" label=Msg::OppLostReason error id_prefix=p.clone()/> })
                .into_any(),
            Msg::AsstConfirm,
        ),
    };
    view! {
        <div class="assistant-action" data-testid="assistant-action" data-state="proposed">
            // Errors on fields the card has show next to them; any other shows here.
            {move || error.get().filter(|e| e.fields.iter().all(|f| !CARD_FIELDS.contains(&f.field.as_str()))).map(|e| view! { <crate::pages::errors::ErrorNotice error=e/> })}
            <ActionForm action=confirm attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=id.to_string()/>
                {fields}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary btn-small" data-testid="assistant-confirm"
                        disabled=move || confirm.pending().get()>{ctx.t(confirm_label)}</button>
                    <button type="button" class="btn btn-small btn-ghost" data-testid="assistant-dismiss"
                        on:click=move |_| { dismiss.dispatch(DismissAssistantAction { id }); }>{ctx.t(Msg::AsstDismiss)}</button>
                </div>
            </ActionForm>
        </div>
    }
    .into_any()
}

/// `2026-11-27` → `27/11/2026` (as the locale writes a day); anything else as it is.
fn short_date(locale: types::Locale, iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").map(|d| types::fmt::day(locale, d)).unwrap_or(iso.to_string())
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The request of the reply in flight (one at a time), to abort it.
    static IN_FLIGHT: std::cell::RefCell<Option<web_sys::AbortController>> = const { std::cell::RefCell::new(None) };
}

/// Stops the reply in flight: aborting its request closes the stream, which stops the model on
/// the server.
fn stop_in_flight() {
    #[cfg(feature = "hydrate")]
    IN_FLIGHT.with(|f| {
        if let Some(c) = f.borrow_mut().take() {
            c.abort();
        }
    });
}

/// Sends the question and follows the stream: tokens into `asking`, then the kept exchange.
#[cfg(feature = "hydrate")]
fn start(
    question: String,
    subject: String,
    asking: RwSignal<Option<(String, String)>>,
    notice: RwSignal<Option<Msg>>,
    version: RwSignal<u32>,
) {
    let Ok(abort) = web_sys::AbortController::new() else { return };
    let signal = abort.signal();
    IN_FLIGHT.with(|f| *f.borrow_mut() = Some(abort));
    leptos::task::spawn_local(async move {
        let result = stream_answer(&question, &subject, &signal, |event, data| match event {
            "token" => {
                let t = serde_json::from_str::<serde_json::Value>(data)
                    .ok()
                    .and_then(|v| v.get("t").and_then(|t| t.as_str()).map(str::to_string))
                    .unwrap_or_default();
                asking.update(|a| {
                    if let Some((_, so_far)) = a {
                        so_far.push_str(&t);
                    }
                });
            }
            "done" => {
                asking.set(None);
                version.update(|v| *v += 1);
            }
            _ => {
                asking.set(None);
                notice.set(Some(Msg::AsstFailed));
            }
        })
        .await;
        if result.is_err() && !signal.aborted() {
            asking.set(None);
            notice.set(Some(Msg::AsstFailed));
        }
        IN_FLIGHT.with(|f| f.borrow_mut().take());
    });
}

#[cfg(not(feature = "hydrate"))]
fn start(
    _question: String,
    _subject: String,
    _asking: RwSignal<Option<(String, String)>>,
    _notice: RwSignal<Option<Msg>>,
    _version: RwSignal<u32>,
) {
}

/// Posts the question and calls `on_event(name, data)` for each server-sent event.
#[cfg(feature = "hydrate")]
async fn stream_answer(
    question: &str,
    subject: &str,
    signal: &web_sys::AbortSignal,
    mut on_event: impl FnMut(&str, &str),
) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let params = web_sys::UrlSearchParams::new()?;
    params.append("question", question);
    params.append("subject", subject);
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&params.into());
    init.set_signal(Some(signal));
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init("/api/assistant/ask", &init)).await?.dyn_into()?;
    if !response.ok() {
        return Err(format!("status {}", response.status()).into());
    }
    let reader: web_sys::ReadableStreamDefaultReader = response.body().ok_or("no body")?.get_reader().dyn_into()?;
    let decoder = web_sys::TextDecoder::new()?;
    let mut buffer = String::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if js_sys::Reflect::get(&chunk, &"done".into())?.as_bool().unwrap_or(true) {
            return Ok(());
        }
        let bytes: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())?.dyn_into()?;
        let options = web_sys::TextDecodeOptions::new();
        options.set_stream(true);
        buffer.push_str(&decoder.decode_with_buffer_source_and_options(&bytes, &options)?);
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let mut name = "message";
            let mut data = String::new();
            for line in block.lines() {
                if let Some(n) = line.strip_prefix("event:") {
                    name = n.trim();
                } else if let Some(d) = line.strip_prefix("data:") {
                    data.push_str(d.strip_prefix(' ').unwrap_or(d));
                }
            }
            if !data.is_empty() {
                on_event(name, &data);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::subject_of;

    #[test]
    fn a_record_page_names_its_subject() {
        assert_eq!(subject_of("/workshops/12"), "W12");
        assert_eq!(subject_of("/clients/3/edit"), "O3");
        assert_eq!(subject_of("/opportunities/7"), "D7");
        assert_eq!(subject_of("/workshops/new"), "");
        assert_eq!(subject_of("/pipeline"), "");
    }
}
