//! What the calendar and the pipeline board share to drag things with a mouse, a finger or the
//! keyboard: a pointer press that becomes a drag past a few pixels, with the pointer captured so
//! moves outside the item still arrive.

use leptos::ev::{KeyboardEvent, PointerEvent};

/// How far (in CSS pixels, x + y) a pressed pointer moves before it is a drag, not a click.
const DRAG_THRESHOLD: f64 = 6.0;

/// A pointer pressed on a draggable `item`.
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Press<T> {
    pub item: T,
    pub pointer: i32,
    pub x: f64,
    pub y: f64,
    /// How far below the item's top edge it was grabbed.
    pub grab_y: f64,
    /// Whether it has become a drag.
    pub moved: bool,
}

/// Where a pointer event happened, in viewport pixels.
pub fn client_xy(ev: &PointerEvent) -> (f64, f64) {
    (f64::from(ev.client_x()), f64::from(ev.client_y()))
}

/// Starts a press of the primary button on the element handling `ev` (the browser only).
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
pub fn press<T>(item: T, ev: &PointerEvent) -> Option<Press<T>> {
    if ev.button() != 0 {
        return None;
    }
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let el = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())?;
        let _ = el.set_pointer_capture(ev.pointer_id());
        let (x, y) = client_xy(ev);
        Some(Press {
            item,
            pointer: ev.pointer_id(),
            x,
            y,
            grab_y: y - el.get_bounding_client_rect().top(),
            moved: false,
        })
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

impl<T> Press<T> {
    /// Follows a move of the same pointer: its position once the press is a drag (the page
    /// does not scroll under it), `None` before that or for another pointer.
    pub fn follow(&mut self, ev: &PointerEvent) -> Option<(f64, f64)> {
        if self.pointer != ev.pointer_id() {
            return None;
        }
        let (x, y) = client_xy(ev);
        if !self.moved && (x - self.x).abs() + (y - self.y).abs() < DRAG_THRESHOLD {
            return None;
        }
        ev.prevent_default();
        self.moved = true;
        Some((x, y))
    }
}

/// Whether a key went to the element handling it rather than to a link inside (Enter on the
/// link opens it).
pub fn key_on_self(ev: &KeyboardEvent) -> bool {
    ev.target().map(leptos::wasm_bindgen::JsValue::from) == ev.current_target().map(leptos::wasm_bindgen::JsValue::from)
}
