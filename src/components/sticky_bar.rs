//! The bar a phone keeps at the bottom of the screen with the page's action.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How a [`StickyBar`] lays out its children.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarLayout {
    /// A note beside the action, on one line (the complaint's page).
    Inline,
    /// Full-width controls, one under the other (the end of a form); on a wide screen it
    /// stays where the form ends instead of floating.
    Stacked,
}

/// The page's one action, fixed at the bottom of a phone's screen. While it floats, the
/// page keeps as much room below its content as the bar is tall (its safe-area inset
/// included), however tall it grows (a deadline warning appears in it): the custom
/// property `--sticky-bar-height` on the root, which `.main` adds to its bottom padding.
#[component]
pub fn StickyBar(
    layout: BarLayout,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let bar = NodeRef::<Div>::new();
    reserve_room_for(bar);
    let class = match layout {
        BarLayout::Inline => "sticky-bar",
        BarLayout::Stacked => "sticky-bar sticky-bar--form",
    };
    view! {
        <div class=class data-testid=testid node_ref=bar>{children()}</div>
    }
}

const HEIGHT: &str = "--sticky-bar-height";

/// Keeps `--sticky-bar-height` at the bar's height while it is fixed (0 when it is not:
/// a wide screen), following its size (a `ResizeObserver`); removes it with the bar.
fn reserve_room_for(bar: NodeRef<Div>) {
    // An effect: in the browser only, once the bar is mounted. Its cleanup (before a re-run,
    // or with the bar) stops observing and gives the room back.
    Effect::new(move |_| {
        let Some(element) = bar.get() else { return };
        let Some(root) = document()
            .document_element()
            .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let measure = {
            let (root, element) = (root.clone(), element.clone());
            move || {
                let floats = window()
                    .get_computed_style(&element)
                    .ok()
                    .flatten()
                    .and_then(|style| style.get_property_value("position").ok())
                    .is_some_and(|position| position == "fixed");
                let height = if floats { element.offset_height() } else { 0 };
                let _ = root.style().set_property(HEIGHT, &format!("{height}px"));
            }
        };
        let on_resize = Closure::<dyn Fn()>::new(measure);
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&element);
        let held = send_wrapper::SendWrapper::new((observer, on_resize, root));
        on_cleanup(move || {
            let (observer, _, root) = &*held;
            observer.disconnect();
            let _ = root.style().remove_property(HEIGHT);
        });
    });
}
