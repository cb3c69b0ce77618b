//! The viewer's language and time zone, available to every component.

use leptos::prelude::*;
use types::{fmt, Locale, Msg, Viewer};

/// Language and time zone of the current page. `Copy`, so closures in views can take it freely.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    pub locale: Locale,
    pub tz: chrono_tz::Tz,
}

impl Ctx {
    pub fn new(viewer: &Viewer) -> Self {
        Self::from_parts(viewer.locale, &viewer.time_zone)
    }

    /// The context for `locale` in the zone named `time_zone` (IANA).
    pub fn from_parts(locale: Locale, time_zone: &str) -> Self {
        Ctx { locale, tz: fmt::time_zone(time_zone) }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The text of `msg` in the viewer's language.
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.locale)
    }

    pub fn date(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        fmt::date(self.locale(), at, self.tz)
    }

    pub fn date_time(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        fmt::date_time(self.locale(), at, self.tz)
    }

    pub fn money(&self, cents: i64) -> String {
        fmt::money(self.locale(), cents)
    }

    pub fn time(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        fmt::time(at, self.tz)
    }

    pub fn hours(&self, minutes: i64) -> String {
        fmt::hours(self.locale(), minutes)
    }

    pub fn long_date(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        fmt::long_date(self.locale(), at, self.tz)
    }
}

/// The page context: provided by the app shell on the server; in the browser an island reads it
/// from the page (islands do not see the server's context).
pub fn use_ctx() -> Ctx {
    #[cfg(feature = "hydrate")]
    return use_context::<Ctx>().unwrap_or_else(crate::browser::page::ctx);
    #[cfg(not(feature = "hydrate"))]
    expect_context::<Ctx>()
}

/// Who is looking: provided by the app shell on the server; in the browser read back from the
/// page (see [`crate::initial_viewer`]).
pub fn use_viewer() -> Viewer {
    use_context::<Viewer>().unwrap_or_else(|| {
        let viewer = crate::initial_viewer();
        provide_context(viewer.clone());
        viewer
    })
}

/// True when the signed-in user's role grants `module.action` (what to show; the server checks
/// again on every call).
pub fn viewer_can(module: types::Module, action: types::Action) -> bool {
    use_viewer().user.is_some_and(|u| u.can(module, action))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read the sources").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The server-only texts are empty in the browser's build: code that runs there (islands,
    /// the browser module, the navigation the command palette lists) must not show them.
    #[test]
    fn code_that_runs_in_the_browser_shows_no_server_only_text() {
        let server_only: Vec<String> = types::Msg::SERVER_ONLY.iter().map(|m| format!("{m:?}")).collect();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let sources: Vec<(std::path::PathBuf, String)> = files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("read a source file");
                (p, text)
            })
            .collect();
        let in_browser_module = |p: &Path| p.components().any(|c| c.as_os_str() == "browser");
        // The components the browser module uses run there too.
        let mut used: Vec<String> = vec!["nav".into()];
        for (_, text) in sources.iter().filter(|(p, _)| in_browser_module(p)) {
            for part in text.split("crate::components::").skip(1) {
                used.push(part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect());
            }
        }
        let mut checked = 0;
        for (path, text) in &sources {
            let component = path.parent().is_some_and(|d| d.ends_with("components"))
                && path.file_stem().is_some_and(|s| used.iter().any(|u| s == u.as_str()));
            let in_browser = text.contains("#[island") || in_browser_module(path) || component;
            if !in_browser {
                continue;
            }
            checked += 1;
            for used in text.split("Msg::").skip(1) {
                let name: String = used.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                assert!(!server_only.contains(&name), "{} shows the server-only text Msg::{name}", path.display());
            }
        }
        assert!(checked >= 10, "the islands and the browser module were found ({checked} files)");
    }
}
