//! The floor of Leptos' browser runtime for a staff page: a reception check-in list and a bell,
//! as islands (`--features islands`) or fully hydrated under a router (`--features full`).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Status {
    Expected,
    Arrived,
    Absent,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Row {
    pub id: i64,
    pub name: String,
    pub workshop: String,
    pub status: Status,
}

#[server]
pub async fn today_rows(day: String) -> Result<Vec<Row>, ServerFnError> {
    let _ = day;
    Ok(vec![])
}

#[server]
pub async fn check_in(id: i64) -> Result<Status, ServerFnError> {
    let _ = id;
    Ok(Status::Arrived)
}

#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn CheckIn(day: String) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let rows = Resource::new(move || day.clone(), today_rows);
    let action = ServerAction::<CheckIn>::new();
    view! {
        <input type="search" aria-label="Buscar" prop:value=filter on:input=move |ev| filter.set(event_target_value(&ev))/>
        <Suspense fallback=|| view! { <p>"Cargando…"</p> }>
            {move || rows.get().map(|r| match r {
                Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                Ok(rows) => view! {
                    <ul>
                        <For each=move || rows.clone().into_iter().filter(move |r| r.name.to_lowercase().contains(&filter.get().to_lowercase())) key=|r| r.id let:row>
                            <li>
                                <span>{row.name.clone()}</span> " " <small>{row.workshop.clone()}</small>
                                <button disabled=row.status == Status::Arrived
                                    on:click=move |_| { action.dispatch(CheckIn { id: row.id }); }>"Registrar llegada"</button>
                            </li>
                        </For>
                    </ul>
                }.into_any(),
            })}
        </Suspense>
        <p>{move || action.value().get().map(|v| format!("{v:?}"))}</p>
    }
}

#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn Bell(unread: u32) -> impl IntoView {
    let open = RwSignal::new(false);
    view! { <button aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>{unread}</button> }
}

#[cfg(feature = "full")]
#[component]
pub fn App() -> impl IntoView {
    use leptos_router::{components::*, path};
    view! {
        <Router>
            <nav><A href="/today">"Hoy"</A><A href="/">"Inicio"</A></nav>
            <Bell unread=3/>
            <Routes fallback=|| "404">
                <Route path=path!("/today") view=|| view! { <CheckIn day="2026-12-01".to_string()/> }/>
                <Route path=path!("/") view=|| view! { <p>"Inicio"</p> }/>
            </Routes>
        </Router>
    }
}

#[cfg(all(feature = "full", not(feature = "islands")))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}

#[cfg(all(feature = "islands", not(feature = "full")))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
