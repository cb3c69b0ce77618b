//! Preloading a lazy island's code. A lazy island (`#[island(lazy)]`) has its WebAssembly in
//! chunks of its own, which the build's split manifest lists under the island's loader
//! (`board_view_loader_<hash>`); a page that holds one names them in its head, so the browser
//! fetches them alongside the main module instead of after it.

use leptos::prelude::*;

/// The split manifest of the site being served: loader name → its chunks, and the split loader.
#[derive(Clone, Debug, Default)]
pub struct SplitManifest {
    pub chunks: std::collections::HashMap<String, Vec<String>>,
    /// Where the built files are served (`/pkg`).
    pub pkg: String,
    /// `__wasm_split.<hash>.js`, which loads the chunks.
    pub loader: String,
}

/// The manifest of the site in `options` (read once per site root), when the build was split.
#[cfg(feature = "ssr")]
pub fn split_manifest(options: &LeptosOptions) -> Option<SplitManifest> {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    static READ: LazyLock<Mutex<HashMap<String, Option<SplitManifest>>>> = LazyLock::new(Default::default);
    let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
    read.entry(options.site_root.to_string()).or_insert_with(|| read_manifest(options)).clone()
}

#[cfg(feature = "ssr")]
fn read_manifest(options: &LeptosOptions) -> Option<SplitManifest> {
    let hashes = std::fs::read_to_string(options.hash_file.as_ref()).unwrap_or_default();
    let named = |kind: &str, stem: &str, ext: &str| {
        let hash = hashes.lines().find_map(|l| {
            let (file, hash) = l.split_once(':')?;
            (file.trim() == kind).then(|| hash.trim().to_string())
        });
        match hash {
            Some(h) => format!("{stem}.{h}.{ext}"),
            None => format!("{stem}.{ext}"),
        }
    };
    let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let file = std::fs::read_to_string(pkg.join(named("manifest", "__wasm_split_manifest", "json"))).ok()?;
    Some(SplitManifest {
        chunks: serde_json::from_str(&file).ok()?,
        pkg: format!("/{}", options.site_pkg_dir),
        loader: named("split", "__wasm_split", "js"),
    })
}

/// Names the chunks of the lazy island `island` (its name in snake case: `board_view`) for
/// preloading in the page's head. Put it next to the island.
#[component]
pub fn PreloadIsland(island: &'static str) -> impl IntoView {
    let prefix = format!("{island}_loader_");
    let manifest = use_context::<SplitManifest>().unwrap_or_default();
    let pkg = manifest.pkg.clone();
    let chunks: Vec<String> = manifest
        .chunks
        .iter()
        .filter(|(loader, _)| loader.starts_with(&prefix))
        .flat_map(|(_, chunks)| chunks.iter().cloned())
        .collect();
    let loader = (!chunks.is_empty()).then(|| {
        let href = format!("{pkg}/{}", manifest.loader);
        view! { <leptos_meta::Link rel="modulepreload" href=href fetchpriority="low"/> }
    });
    let links = chunks
        .into_iter()
        .map(|c| {
            let href = format!("{pkg}/{c}.wasm");
            view! {
                <leptos_meta::Link rel="preload" href=href as_="fetch" type_="application/wasm" crossorigin="" fetchpriority="low"/>
            }
        })
        .collect_view();
    view! { {loader} {links} }
}
