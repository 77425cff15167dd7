//! The frame every page sits in: the brand bar (dropped inside a host app, whose own bar
//! shows `document.title`), the navigation (in the bar on a desktop, a tab bar at the bottom
//! of a phone), and the account menu (who is signed in, language, sign out).

use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::icons::{Icon, IconName};
use super::unread::use_unread;
use crate::api::use_api;
use crate::deploy::use_host;
use crate::i18n::{tr, use_i18n, Locale, Texts};
use crate::routes::{below_base, Page};
use crate::session::use_session;

/// A destination of the main navigation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Destination {
    Complaints,
    Orders,
    Help,
    Agent,
}

impl Destination {
    fn page(self) -> Page {
        match self {
            Destination::Complaints => Page::HOME,
            Destination::Orders => Page::Orders,
            Destination::Help => Page::Help(None),
            Destination::Agent => Page::Agent,
        }
    }

    fn label(self, t: &'static Texts) -> &'static str {
        match self {
            Destination::Complaints => t.nav_complaints,
            Destination::Orders => t.nav_orders,
            Destination::Help => t.nav_help,
            Destination::Agent => t.nav_agent,
        }
    }

    fn icon(self) -> IconName {
        match self {
            Destination::Complaints => IconName::List,
            Destination::Orders => IconName::Bag,
            Destination::Help => IconName::Book,
            Destination::Agent => IconName::Headset,
        }
    }

    /// The destinations this user has, in order.
    fn all(agent: bool) -> Vec<Destination> {
        let mut all = vec![
            Destination::Complaints,
            Destination::Orders,
            Destination::Help,
        ];
        if agent {
            all.push(Destination::Agent);
        }
        all
    }

    /// Whether `page` is this destination or below it (a complaint is below the list).
    fn is_current(self, page: Option<&Page>) -> bool {
        match (self, page) {
            (Destination::Agent, Some(Page::Agent | Page::AgentConversation(_))) => true,
            (Destination::Complaints, Some(Page::AgentConversation(_))) => false,
            (Destination::Complaints, Some(page)) => {
                matches!(page, Page::List { .. }) || page.complaint().is_some()
            }
            (Destination::Orders, Some(Page::Orders | Page::FileComplaint(_))) => true,
            (Destination::Help, Some(Page::Help(_))) => true,
            _ => false,
        }
    }
}

/// Whether the page on screen is a destination's own page for a signed-in user: the tab bar
/// is shown, and on a phone the bar carries the page's title; deeper pages (a complaint, a
/// form) give the screen to their content and their own actions. A closure over the
/// session's and the router's signals rather than a signal of the caller's own: a page's
/// heading asks while the page is torn down, when what the page owned is gone already.
fn use_top_level() -> impl Fn() -> bool + Clone + 'static {
    let session = use_session();
    let location = use_location();
    move || {
        session.user().is_some()
            && location.pathname.with(|path| {
                Page::of_path(&below_base(path)).is_some_and(|page| page.is_top_level())
            })
    }
}

/// The page on screen, if it is one of the app's.
fn use_current_page() -> Memo<Option<Page>> {
    let location = use_location();
    Memo::new(move |_| {
        location
            .pathname
            .with(|path| Page::of_path(&below_base(path)))
    })
}

/// What the bar shows about the page on screen: its title, and where "back" leads (the
/// parent screen) on the pages below the top level. Pages set it; the app provides it.
#[derive(Clone, Copy)]
pub struct PageFrame {
    title: RwSignal<String>,
    back: RwSignal<Option<String>>,
    /// Whether the screen is wide (the stylesheet's 1024 px): the bar then has the navigation,
    /// not back and the title. The app's, like the frame, not a page's: a page's heading asks
    /// while the page is torn down (its `BackLink` clears `back`), when the page's own signals
    /// are gone already.
    wide: Signal<bool>,
}

impl PageFrame {
    pub fn new() -> Self {
        PageFrame {
            title: RwSignal::new(String::new()),
            back: RwSignal::new(None),
            wide: use_wide_screen(),
        }
    }

    /// Whether the bar shows the page's title: on a phone, below the top level (beside back)
    /// and on the top-level pages (beside the logo), so the title is not said twice.
    fn shows_title(self, top_level: bool) -> bool {
        !self.wide.get() && (top_level || self.back.with(Option::is_some))
    }
}

impl Default for PageFrame {
    fn default() -> Self {
        Self::new()
    }
}

fn use_frame() -> PageFrame {
    use_context::<PageFrame>().unwrap_or_default()
}

/// Where "back" leads from this page: in the phone's bar (which then shows the page's title
/// instead of the brand), and on the page itself on a desktop or inside a host app.
#[component]
pub fn BackLink(href: String, #[prop(into)] label: TextProp) -> impl IntoView {
    let frame = use_frame();
    frame.back.set(Some(href.clone()));
    let mine = href.clone();
    // Only if it is still ours: the next page may already have set its own.
    on_cleanup(move || {
        frame.back.update(|back| {
            if back.as_deref() == Some(mine.as_str()) {
                *back = None;
            }
        })
    });
    view! {
        <p class="back-link no-print">
            <a href=href><Icon name=IconName::ChevronLeft/>{move || label.get()}</a>
        </p>
    }
}

/// The page's heading, its one `h1`. Where the bar already shows the title (on a phone;
/// inside a host app there is no bar of ours) it stays for screen readers only, so that the
/// title is on screen once.
#[component]
pub fn PageTitle(
    children: Children,
    /// The list pages' heading sits on their search and tabs, the forms' on their content.
    #[prop(default = "form-page__title")]
    class: &'static str,
) -> impl IntoView {
    let frame = use_frame();
    let host = use_host();
    let top_level = use_top_level();
    let in_bar = move || !host.embedded && frame.shows_title(top_level());
    view! { <h1 class=class class:visually-hidden=in_bar>{children()}</h1> }
}

/// The brand bar: the app's name, the navigation on wide screens, the account menu. On a
/// phone it is the page's bar instead: the logo and the title on the top-level pages, back
/// and the title below them.
#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let path = use_current_page();
    let frame = use_frame();
    let top_level = use_top_level();
    let title_shown = {
        let top_level = top_level.clone();
        move || frame.shows_title(top_level())
    };
    view! {
        <header class="app-header" class:app-header--page=move || frame.back.with(Option::is_some)
            class:app-header--top=top_level data-testid="app-header">
            {move || frame.back.get().map(|href| view! {
                <a href=href class="app-header__back" data-testid="header-back" aria-label=tr(|t| t.common.back)>
                    <Icon name=IconName::ChevronLeft/>
                </a>
            })}
            {move || title_shown().then(|| view! {
                <span class="app-header__title" data-testid="header-title">{move || frame.title.get()}</span>
            })}
            <A href=Page::HOME.href() attr:class="app-header__brand">
                <Icon name=IconName::Logo/>
                <span>{tr(|t| t.app_name)}</span>
            </A>
            <nav class="app-header__nav" aria-label=tr(|t| t.nav_label)>
                {move || {
                    Destination::all(session.is_agent())
                        .into_iter()
                        .map(|destination| view! { <NavLink destination path/> })
                        .collect_view()
                }}
            </nav>
            <AccountMenu/>
        </header>
    }
}

/// The tab bar of a phone: on the top-level pages only, and inside a host app also on wide
/// screens (the host has no navigation of ours to show). It carries the account menu when
/// the brand bar is dropped.
#[component]
pub fn BottomNav() -> impl IntoView {
    let session = use_session();
    let host = use_host();
    let path = use_current_page();
    let shown = use_top_level();
    view! {
        <Show when=shown>
            <nav class="bottom-nav" class:bottom-nav--embedded=host.embedded
                aria-label=tr(|t| t.nav_label) data-testid="bottom-nav">
                {move || {
                    Destination::all(session.is_agent())
                        .into_iter()
                        .map(|destination| view! { <NavLink destination path/> })
                        .collect_view()
                }}
                {host.embedded.then(|| view! { <AccountMenu/> })}
            </nav>
        </Show>
    }
}

#[component]
fn NavLink(destination: Destination, path: Memo<Option<Page>>) -> impl IntoView {
    let i18n = use_i18n();
    let unread = use_unread();
    // Answers from customer service wait under "my complaints" (an agent's under the desk).
    let waiting = move || match destination {
        Destination::Complaints | Destination::Agent => unread.total(),
        _ => 0,
    };
    // A plain link (the router handles it) so that "current" is ours: the complaints tab is
    // current on a complaint's pages too.
    view! {
        <a
            href=destination.page().href()
            class="nav-link"
            aria-current=move || path.with(|page| destination.is_current(page.as_ref())).then_some("page")
        >
            <Icon name=destination.icon()/>
            <span>{move || destination.label(i18n.t())}</span>
            <Show when=move || { waiting() > 0 }>
                <span class="nav-link__badge" data-testid="nav-unread">
                    {waiting}
                    <span class="visually-hidden">{move || (i18n.t().conversation.unread)(waiting())}</span>
                </span>
            </Show>
        </a>
    }
}

/// Who is signed in, the language, and signing out, behind one button: a phone's bar has
/// room for one control, and inside a host app for none of its own.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let session = use_session();
    let api = use_api();
    let host = use_host();
    let open = RwSignal::new(false);
    let menu = NodeRef::<Div>::new();
    let sign_out = Action::new_local(move |_: &()| {
        let api = api.clone();
        async move {
            // Signed out locally whatever the network says; the server ends the session.
            let _ = api.sign_out().await;
            session.set(None);
        }
    });

    // A tap elsewhere or Esc closes it (listening from the browser's window, once mounted).
    Effect::new(move |_| {
        let on_click = window_event_listener(ev::click, move |event| {
            let Some(menu) = menu.get_untracked() else {
                return;
            };
            let inside = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|target| menu.contains(Some(&target)));
            if !inside && open.get_untracked() {
                open.set(false);
            }
        });
        let on_key = window_event_listener(ev::keydown, move |event| {
            if event.key() == "Escape" && open.get_untracked() {
                open.set(false);
            }
        });
        on_cleanup(move || {
            on_click.remove();
            on_key.remove();
        });
    });
    // Navigating closes it.
    let path = use_current_page();
    Effect::new(move |_| {
        path.track();
        open.set(false);
    });

    let initial = move || {
        session
            .user()
            .and_then(|user| user.display_name.chars().next())
            .map(String::from)
    };
    view! {
        <div class="account" node_ref=menu>
            <button
                type="button"
                class="account__button"
                aria-expanded=move || open.get().to_string()
                aria-controls="account-panel"
                data-testid="account-menu"
                on:click=move |_| open.update(|open| *open = !*open)
            >
                {move || match initial() {
                    Some(initial) => view! { <span class="avatar" aria-hidden="true">{initial}</span> }.into_any(),
                    None => view! { <Icon name=IconName::Globe/> }.into_any(),
                }}
                <span class="account__label">{move || session.user().map(|user| user.display_name)}</span>
                <span class="visually-hidden">{tr(|t| t.account.menu)}</span>
            </button>
            <Show when=move || open.get()>
                <div id="account-panel" class="account__panel" class:account__panel--up=host.embedded data-testid="account-panel">
                    {move || session.user().map(|user| view! {
                        <p class="account__name" data-testid="signed-in-user">{user.display_name}</p>
                        <p class="account__meta">
                            {tr_real_name(user.real_name)}
                        </p>
                    })}
                    <LanguageSwitch/>
                    {move || session.user().is_some().then(|| view! {
                        <button type="button" class="button button--block" data-testid="sign-out"
                            on:click=move |_| { sign_out.dispatch(()); }>
                            {tr(|t| t.common.sign_out)}
                        </button>
                    })}
                </div>
            </Show>
        </div>
    }
}

fn tr_real_name(real_name: complaint_rules::RealName) -> impl Fn() -> &'static str {
    let i18n = use_i18n();
    move || (i18n.t().account.real_name)(real_name)
}

/// Buttons rather than a select: one tap, and each says its language in that language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="language-switch" role="group" aria-label=tr(|t| t.switch_language)>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <button
                            type="button"
                            lang=locale.tag()
                            aria-pressed=move || (i18n.locale() == locale).to_string()
                            data-testid=format!("language-{}", locale.tag())
                            on:click=move |_| i18n.set_locale(locale)
                        >
                            {locale.texts().language_name}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Sets `document.title` while the calling page is shown: inside a host app the host's bar
/// shows it, elsewhere the browser's tab does (after the app's name). `None` leaves it to
/// another page on screen (the list beside a complaint).
pub fn set_page_title(title: impl Fn() -> Option<String> + 'static) {
    let host = use_host();
    let i18n = use_i18n();
    let frame = use_frame();
    Effect::new(move |_| {
        let Some(page) = title() else { return };
        frame.title.set(page.clone());
        let full = if host.embedded {
            page
        } else {
            format!("{page} - {}", i18n.t().app_name)
        };
        document().set_title(&full);
    });
}

/// Whether the screen is wide enough (≥ 1024 px) for two panes side by side; follows the
/// window as it is resized or turned.
pub fn use_wide_screen() -> Signal<bool> {
    const QUERY: &str = "(min-width: 1024px)";
    // Rendered on the server the screen is unknown: phone first (the stylesheet lays out
    // the wide screen by itself).
    if cfg!(feature = "ssr") {
        return Signal::stored(false);
    }
    let Some(media) = window().match_media(QUERY).ok().flatten() else {
        return Signal::stored(false);
    };
    // Taking over a page the server rendered phone-first, start as it did; the effect then
    // (in the browser, after the takeover) reads the screen.
    let wide = RwSignal::new(!cfg!(feature = "hydrate") && media.matches());
    if cfg!(feature = "hydrate") {
        let query = media.clone();
        let query = send_wrapper::SendWrapper::new(query);
        Effect::new(move |_| wide.set(query.matches()));
    }
    let on_change = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
        move |event: web_sys::MediaQueryListEvent| wide.set(event.matches()),
    );
    let _ = media.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    let listener = send_wrapper::SendWrapper::new((media, on_change));
    on_cleanup(move || {
        let (media, on_change) = &*listener;
        let _ =
            media.remove_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    });
    wide.into()
}

/// Whether any of `target` is on screen, below the sticky app header (what is behind it
/// cannot be seen, nor tapped); follows scrolling (an `IntersectionObserver`). True until it
/// is known, and wherever the browser has no observer.
pub fn use_on_screen(target: NodeRef<leptos::html::Div>) -> Signal<bool> {
    let on_screen = RwSignal::new(true);
    // An effect: in the browser only, once the page is mounted, when the header's height can
    // be read. Its cleanup (before a re-run, or with the owner) disconnects the observer.
    Effect::new(move |_| {
        let Some(element) = target.get() else { return };
        let on_change =
            wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array)>::new(
                move |entries: js_sys::Array| {
                    if let Some(entry) = entries.iter().last().and_then(|entry| {
                        entry.dyn_into::<web_sys::IntersectionObserverEntry>().ok()
                    }) {
                        on_screen.set(entry.is_intersecting());
                    }
                },
            );
        let header_height = document()
            .query_selector(".app-header")
            .ok()
            .flatten()
            .and_then(|header| header.dyn_into::<web_sys::HtmlElement>().ok())
            .map_or(0, |header| header.offset_height());
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(&format!("-{header_height}px 0px 0px 0px"));
        let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            on_change.as_ref().unchecked_ref(),
            &options,
        ) else {
            return;
        };
        observer.observe(&element);
        // The callback is dropped only once nothing can call it.
        let owned = send_wrapper::SendWrapper::new((observer, on_change));
        on_cleanup(move || owned.0.disconnect());
    });
    on_screen.into()
}
