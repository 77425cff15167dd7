//! A sheet or dialog takes one entry in the browser's history while it is open, so Back
//! (Android's button, the browser's, a swipe) closes the sheet instead of leaving the page.
//!
//! The entry has the page's own URL, so the router sees no navigation. Closing the sheet
//! any other way (its buttons, Esc) takes the entry away again with `history.back()`; a
//! navigation that should happen after a sheet closes waits for that ([`leave_sheet_then`]),
//! or the browser would apply our `back()` after the router's new entry and undo it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// What Back does to a sheet: closes it (true), or cannot now (false).
type OnBack = Rc<dyn Fn() -> bool>;

thread_local! {
    /// The sheet whose entry is on top of the history: what Back closes.
    static ON_TOP: RefCell<Option<Sheet>> = const { RefCell::new(None) };
    static NEXT_SHEET: Cell<u64> = const { Cell::new(0) };
    /// Our own `history.back()` is under way; the popstate it causes runs this.
    static AFTER_OWN_BACK: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
    static OWN_BACK_PENDING: Cell<bool> = const { Cell::new(false) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// While `open`, the sheet holds one history entry; Back then runs `on_back`, which closes
/// the sheet and says so, or answers false when it cannot close now (a request on its way):
/// then the sheet keeps an entry. Closed another way, the entry is taken away again.
pub fn use_back_closes(open: Signal<bool>, on_back: impl Fn() -> bool + 'static) {
    listen_once();
    let id = NEXT_SHEET.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    let sheet = Sheet {
        id,
        on_back: Rc::new(on_back),
        open: Rc::new(Cell::new(false)),
    };
    let effect_sheet = send_wrapper::SendWrapper::new(sheet.clone());
    Effect::new(move |_| {
        let open = open.get();
        effect_sheet.open.set(open);
        if open {
            if !is_on_top(id) {
                push_entry((*effect_sheet).clone());
            }
        } else if take_if_on_top(id) {
            go_back_then(Box::new(|| {}));
        }
    });
    // Unmounted with the sheet open: a navigation is replacing the page (links in a sheet
    // replace its entry), so the entry is left to the router.
    let cleanup_sheet = send_wrapper::SendWrapper::new(sheet);
    on_cleanup(move || {
        cleanup_sheet.open.set(false);
        take_if_on_top(id);
    });
}

/// A sheet as the history sees it.
#[derive(Clone)]
struct Sheet {
    id: u64,
    on_back: OnBack,
    /// Open and mounted: an entry pushed for it later (after our own `back()`) still serves.
    open: Rc<Cell<bool>>,
}

/// Runs `navigate` once no sheet's entry is on top of the history: at once when none is,
/// else after going back over it. A navigation away from an open sheet goes through here.
pub fn leave_sheet_then(navigate: impl FnOnce() + 'static) {
    let sheet_open = ON_TOP.with(|top| top.borrow_mut().take()).is_some();
    if sheet_open {
        go_back_then(Box::new(navigate));
    } else {
        navigate();
    }
}

fn is_on_top(id: u64) -> bool {
    ON_TOP.with(|top| top.borrow().as_ref().is_some_and(|sheet| sheet.id == id))
}

fn take_if_on_top(id: u64) -> bool {
    ON_TOP.with(|top| {
        let mut top = top.borrow_mut();
        let mine = top.as_ref().is_some_and(|sheet| sheet.id == id);
        if mine {
            *top = None;
        }
        mine
    })
}

/// Gives the sheet the entry on top: a new one, or the one another sheet held (a sheet that
/// replaces another, as the lock replaces the confirmation, takes its entry over). While our
/// own `back()` is under way, waits for it, or the browser would apply it after the push
/// (and pushes then only if the sheet is still open: what waited may have navigated away).
fn push_entry(sheet: Sheet) {
    if OWN_BACK_PENDING.with(Cell::get) {
        let earlier = AFTER_OWN_BACK.with(|after| after.borrow_mut().take());
        AFTER_OWN_BACK.with(|after| {
            *after.borrow_mut() = Some(Box::new(move || {
                if let Some(earlier) = earlier {
                    earlier();
                }
                if sheet.open.get() {
                    push_entry(sheet);
                }
            }))
        });
        return;
    }
    let taken_over = ON_TOP.with(|top| top.borrow().is_some());
    let pushed = taken_over
        || window()
            .history()
            .and_then(|history| history.push_state(&JsValue::from_str("sheet"), ""))
            .is_ok();
    if pushed {
        ON_TOP.with(|top| *top.borrow_mut() = Some(sheet));
    }
}

/// Takes the top entry away; `then` runs when the browser has done so.
fn go_back_then(then: Box<dyn FnOnce()>) {
    AFTER_OWN_BACK.with(|after| *after.borrow_mut() = Some(then));
    OWN_BACK_PENDING.with(|pending| pending.set(true));
    if window()
        .history()
        .and_then(|history| history.back())
        .is_err()
    {
        finish_own_back();
    }
}

fn finish_own_back() {
    OWN_BACK_PENDING.with(|pending| pending.set(false));
    if let Some(then) = AFTER_OWN_BACK.with(|after| after.borrow_mut().take()) {
        then();
    }
}

/// One listener for the app's life: Back pressed while a sheet's entry is on top closes that
/// sheet; the popstate of our own `back()` runs what waited for it.
fn listen_once() {
    if LISTENING.with(|listening| listening.replace(true)) {
        return;
    }
    // Dropping the handle leaves the listener in place, as it should be.
    let _ = window_event_listener(ev::popstate, |_| {
        if OWN_BACK_PENDING.with(Cell::get) {
            finish_own_back();
            return;
        }
        if let Some(sheet) = ON_TOP.with(|top| top.borrow_mut().take()) {
            if !(sheet.on_back)() {
                push_entry(sheet);
            }
        }
    });
}
