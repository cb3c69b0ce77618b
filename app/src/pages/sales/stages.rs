//! Managers configure the pipeline: add, rename, reorder and archive stages, each with its
//! default probability and rotting threshold. Plain forms, so it works without JavaScript (with
//! it, the page refreshes in place).

use leptos::prelude::*;
use leptos_meta::Title;
use types::{Msg, StageKind, StageView};

use crate::components::field::TextField;
use crate::error::failed;
use crate::i18n::use_ctx;
use crate::pages::errors::ErrorNotice;
use crate::serverfns::sales::{list_pipeline_stages, ArchivePipelineStage, ReorderPipelineStages, SavePipelineStage};

/// The order with stage `i` swapped with its neighbour `j`, as the reorder form sends it.
fn swapped(stages: &[StageView], i: usize, j: usize) -> String {
    let mut ids: Vec<i64> = stages.iter().map(|s| s.id.0).collect();
    ids.swap(i, j);
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

#[component]
pub fn StagesPage() -> impl IntoView {
    let ctx = use_ctx();
    let save = ServerAction::<SavePipelineStage>::new();
    let reorder = ServerAction::<ReorderPipelineStages>::new();
    let archive = ServerAction::<ArchivePipelineStage>::new();
    let save_error = failed(save);
    let other_error = Signal::derive(move || failed(reorder).get().or_else(|| failed(archive).get()));
    let stages = Resource::new(|| (), |_| list_pipeline_stages());
    view! {
        <Title text=format!("{} · Aula", ctx.t(Msg::StagesTitle))/>
        <header class="page-header page-header-row">
            <h1>{ctx.t(Msg::StagesTitle)}</h1>
            <a class="btn" href="/pipeline">{ctx.t(Msg::PipeTitle)}</a>
        </header>
        <p class="muted">{ctx.t(Msg::StagesIntro)}</p>
        {move || other_error.get().map(|e| view! { <ErrorNotice error=e/> })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = stages.await.unwrap_or_default();
                let n = list.len();
                view! {
                    <div class="table-wrap card">
                        <table class="table" data-testid="stages">
                            <thead><tr>
                                <th>{ctx.t(Msg::StageName)}</th><th>{ctx.t(Msg::StageProbability)}</th>
                                <th>{ctx.t(Msg::StageRotting)}</th><th></th>
                            </tr></thead>
                            <tbody>
                                {list.clone().into_iter().enumerate().map(|(i, s)| {
                                    let form_id = format!("stage-{}", s.id);
                                    let open = s.kind == StageKind::Open;
                                    let up = (open && i > 0).then(|| swapped(&list, i, i - 1));
                                    let down = (open && i + 1 < n && list[i + 1].kind == StageKind::Open).then(|| swapped(&list, i, i + 1));
                                    view! {
                                        <tr data-testid="stage-row" data-kind=s.kind.as_str()>
                                            <td>
                                                <ActionForm action=save attr:id=form_id.clone() attr:class="inline-form" attr:data-done-toast=ctx.t(Msg::StageSaved)>
                                                    <input type="hidden" name="id" value=s.id.0/>
                                                    <input name="name" value=s.name.clone() aria-label=ctx.t(Msg::StageName) required=true/>
                                                </ActionForm>
                                                {(!open).then(|| view! { <small class="cell-sub">{ctx.t(s.kind.label())}</small> })}
                                            </td>
                                            <td><input form=form_id.clone() name="probability" type="number" min="0" max="100" value=s.probability aria-label=ctx.t(Msg::StageProbability)/></td>
                                            <td><input form=form_id.clone() name="rotting_days" type="number" min="0" value=s.rotting_days aria-label=ctx.t(Msg::StageRotting)/></td>
                                            <td><div class="row-actions">
                                                <button type="submit" form=form_id.clone() class="btn btn-small">{ctx.t(Msg::ActionSave)}</button>
                                                {up.map(|order| view! {
                                                    <ActionForm action=reorder attr:class="inline-form">
                                                        <input type="hidden" name="order" value=order/>
                                                        <button type="submit" class="btn btn-small" aria-label=ctx.t(Msg::StageUp)>"↑"</button>
                                                    </ActionForm>
                                                })}
                                                {down.map(|order| view! {
                                                    <ActionForm action=reorder attr:class="inline-form">
                                                        <input type="hidden" name="order" value=order/>
                                                        <button type="submit" class="btn btn-small" aria-label=ctx.t(Msg::StageDown)>"↓"</button>
                                                    </ActionForm>
                                                })}
                                                {open.then(|| view! {
                                                    <ActionForm action=archive attr:class="inline-form">
                                                        <input type="hidden" name="id" value=s.id.0/>
                                                        <button type="submit" class="btn btn-small">{ctx.t(Msg::StageArchive)}</button>
                                                    </ActionForm>
                                                })}
                                            </div></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </Transition>
        <section class="card">
            <h2>{ctx.t(Msg::StageAdd)}</h2>
            <ActionForm action=save attr:class="form form-inline" attr:data-testid="stage-add" attr:data-done-toast=ctx.t(Msg::StageSaved)>
                <TextField name="name" label=Msg::StageName required=true error=save_error id_prefix="new-stage-"/>
                <TextField name="probability" label=Msg::StageProbability kind="number" value="20" error=save_error id_prefix="new-stage-"/>
                <TextField name="rotting_days" label=Msg::StageRotting kind="number" value="14" error=save_error id_prefix="new-stage-"/>
                <button type="submit" class="btn btn-primary">{ctx.t(Msg::StageAdd)}</button>
            </ActionForm>
        </section>
    }
}
