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
