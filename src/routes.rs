//! Every page of the app as a value, [`Page`]: its path is built here (links, navigation) and
//! read here (the router's parameters, the frame's "where am I"), under the base the app is
//! served from, so a path is written once. (The router's patterns are `path!()` literals in
//! `app.rs`; each is the pattern of one [`Page`] variant's path.)

use complaint_api::{ComplaintGroup, ComplaintId, ComplaintQuery, OrderId};
use complaint_rules::{ArbitrationNoteKind, ComplaintStatus};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params};
use leptos_router::params::{Params, ParamsMap};
use leptos_router::NavigateOptions;

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// 我的投诉, showing a tab or a status, searched for `q` (empty: no search).
    List {
        view: ListView,
        q: String,
    },
    Complaint(ComplaintId),
    Withdraw(ComplaintId),
    Receipt(ComplaintId),
    Assistance(ComplaintId),
    Pressure(ComplaintId),
    /// 联系客服: the complaint's conversation with customer service.
    Conversation(ComplaintId),
    /// What the owner tells customer service about an arbitration (the chosen kind first).
    ArbitrationNote(ComplaintId, Option<ArbitrationNoteKind>),
    Orders,
    FileComplaint(OrderId),
    Agent,
    /// A complaint's conversation, as an agent works on it.
    AgentConversation(ComplaintId),
    Help(Option<HelpSection>),
}

/// A section of the help page a link can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpSection {
    /// How to verify one's real name.
    Verify,
}

impl HelpSection {
    /// The section's element id (and the link's fragment).
    pub fn id(self) -> &'static str {
        match self {
            HelpSection::Verify => "verify",
        }
    }
}

impl Page {
    /// The list as it opens: everything, no search.
    pub const HOME: Page = Page::List {
        view: ListView::All,
        q: String::new(),
    };

    /// The path below the app's base: what the router matches and `navigate` takes.
    pub fn path(&self) -> String {
        match self {
            Page::List { view, q } => match view.query_string(q) {
                query if query.is_empty() => "/".to_owned(),
                query => format!("/?{query}"),
            },
            Page::Complaint(id) => format!("/complaints/{id}"),
            Page::Withdraw(id) => format!("/complaints/{id}/withdraw"),
            Page::Receipt(id) => format!("/complaints/{id}/receipt"),
            Page::Assistance(id) => format!("/complaints/{id}/assistance"),
            Page::Pressure(id) => format!("/complaints/{id}/pressure"),
            Page::Conversation(id) => format!("/complaints/{id}/conversation"),
            Page::ArbitrationNote(id, None) => format!("/complaints/{id}/arbitration"),
            Page::ArbitrationNote(id, Some(kind)) => {
                format!("/complaints/{id}/arbitration?kind={}", kind.code())
            }
            Page::Orders => "/orders".to_owned(),
            Page::FileComplaint(order) => format!("/orders/{order}/complain"),
            Page::Agent => "/agent".to_owned(),
            Page::AgentConversation(id) => format!("/agent/complaints/{id}"),
            Page::Help(None) => "/help".to_owned(),
            Page::Help(Some(section)) => format!("/help#{}", section.id()),
        }
    }

    /// The page as a link: its path under the app's base (`<A>` does not prefix absolute
    /// paths with the router's base, so every link is built here).
    pub fn href(&self) -> String {
        app_path(&self.path())
    }

    /// The page of a path below the app's base (no query: the list's view is the query's).
    pub fn of_path(path: &str) -> Option<Page> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let complaint = |id: &str| id.parse().ok().map(ComplaintId);
        match segments.as_slice() {
            [""] => Some(Page::HOME),
            ["complaints", id] => complaint(id).map(Page::Complaint),
            ["complaints", id, "withdraw"] => complaint(id).map(Page::Withdraw),
            ["complaints", id, "receipt"] => complaint(id).map(Page::Receipt),
            ["complaints", id, "assistance"] => complaint(id).map(Page::Assistance),
            ["complaints", id, "pressure"] => complaint(id).map(Page::Pressure),
            ["complaints", id, "conversation"] => complaint(id).map(Page::Conversation),
            ["complaints", id, "arbitration"] => {
                complaint(id).map(|id| Page::ArbitrationNote(id, None))
            }
            ["orders"] => Some(Page::Orders),
            ["orders", id, "complain"] => {
                id.parse().ok().map(|id| Page::FileComplaint(OrderId(id)))
            }
            ["agent"] => Some(Page::Agent),
            ["agent", "complaints", id] => complaint(id).map(Page::AgentConversation),
            ["help"] => Some(Page::Help(None)),
            _ => None,
        }
    }

    /// A destination of the main navigation (the bottom tab bar shows on these), rather than
    /// a page below one.
    pub fn is_top_level(&self) -> bool {
        matches!(
            self,
            Page::List { .. } | Page::Orders | Page::Agent | Page::Help(_)
        )
    }

    /// The complaint the page is about, if it is about one.
    pub fn complaint(&self) -> Option<ComplaintId> {
        match self {
            Page::Complaint(id)
            | Page::Withdraw(id)
            | Page::Receipt(id)
            | Page::Assistance(id)
            | Page::Pressure(id)
            | Page::Conversation(id)
            | Page::ArbitrationNote(id, _)
            | Page::AgentConversation(id) => Some(*id),
            _ => None,
        }
    }
}

/// What the list shows: everything, a group (a tab), or one status (a chip under its tab).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListView {
    All,
    Group(ComplaintGroup),
    Status(ComplaintStatus),
}

impl ListView {
    /// From the URL (`?group=` or `?status=`); anything unknown shows everything.
    pub fn from_query(query: &ParamsMap) -> Self {
        if let Some(status) = query
            .get("status")
            .and_then(|code| ComplaintStatus::from_code(&code))
        {
            return ListView::Status(status);
        }
        match query
            .get("group")
            .and_then(|code| ComplaintGroup::from_code(&code))
        {
            Some(group) => ListView::Group(group),
            None => ListView::All,
        }
    }

    /// The tab this view belongs to (a status sits under the group it is in).
    pub fn tab(self) -> Option<ComplaintGroup> {
        match self {
            ListView::All => None,
            ListView::Group(group) => Some(group),
            ListView::Status(status) => Some(group_of(status)),
        }
    }

    /// The request for this view: the server's page size (index.html asks for the first
    /// page before the app runs, so both must ask the same).
    pub fn query(self, q: &str, cursor: Option<String>) -> ComplaintQuery {
        let (status, group) = match self {
            ListView::All => (None, None),
            ListView::Group(group) => (None, Some(group)),
            ListView::Status(status) => (Some(status), None),
        };
        ComplaintQuery {
            status,
            group,
            q: (!q.is_empty()).then(|| q.to_owned()),
            cursor,
            limit: None,
        }
    }

    /// The list's link for this view and search, so the back button and a reload return to it.
    pub fn href(self, q: &str) -> String {
        Page::List {
            view: self,
            q: q.to_owned(),
        }
        .href()
    }

    /// `group=…&q=…`, with only the parts that are set (encoded as `URLSearchParams` does).
    fn query_string(self, q: &str) -> String {
        let mut params = form_urlencoded::Serializer::new(String::new());
        match self {
            ListView::All => {}
            ListView::Group(group) => {
                params.append_pair("group", group.code());
            }
            ListView::Status(status) => {
                params.append_pair("status", status.code());
            }
        }
        if !q.is_empty() {
            params.append_pair("q", q);
        }
        params.finish()
    }
}

/// The tab a status is listed under: 进行中 or 已结束.
fn group_of(status: ComplaintStatus) -> ComplaintGroup {
    if ComplaintGroup::Open.admits(status) {
        ComplaintGroup::Open
    } else {
        ComplaintGroup::Ended
    }
}

/// The `:id` of a complaint's pages.
#[derive(Params, Clone, Debug, PartialEq)]
struct ComplaintParams {
    id: Option<i64>,
}

/// The `:id` of an order's pages.
#[derive(Params, Clone, Debug, PartialEq)]
struct OrderParams {
    id: Option<i64>,
}

/// The complaint of the current URL, if its `:id` is a number.
pub fn use_complaint_id() -> Memo<Option<ComplaintId>> {
    let params = use_params::<ComplaintParams>();
    Memo::new(move |_| {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.id)
            .map(ComplaintId)
    })
}

/// The order of the current URL, if its `:id` is a number.
pub fn use_order_id() -> Memo<Option<OrderId>> {
    let params = use_params::<OrderParams>();
    Memo::new(move |_| params.read().as_ref().ok().and_then(|p| p.id).map(OrderId))
}

/// Goes to a page inside the app: `replace` keeps "back" from returning to the page left (a
/// form that was sent).
pub fn use_go() -> impl Fn(Page, bool) + Clone + 'static {
    let navigate = use_navigate();
    move |page: Page, replace: bool| {
        navigate(
            &page.path(),
            NavigateOptions {
                replace,
                ..Default::default()
            },
        )
    }
}

/// The path the app is served under, without the trailing slash ("" at the root, "/desk"
/// under a sub-path), from the `<base>` that index.html set before anything loaded.
pub fn base_from_document() -> String {
    let base_uri = document().base_uri().ok().flatten().unwrap_or_default();
    let path = web_sys::Url::new(&base_uri)
        .map(|url| url.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}

static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the path the app is served under, once, when the app starts ([`crate::boot::Boot`]):
/// one deployment serves one base.
pub fn set_router_base(base: String) {
    let _ = BASE.set(base);
}

/// The path the app is served under ("" until set: components mounted alone, at the root).
pub fn router_base() -> &'static str {
    BASE.get().map_or("", String::as_str)
}

/// An app path (`/orders`) as a link under the app's base (`/desk/orders`).
fn app_path(path: &str) -> String {
    format!("{}{path}", router_base())
}

/// A path the browser shows (`/desk/orders`) as the app's (`/orders`).
pub fn below_base(path: &str) -> String {
    match path.strip_prefix(router_base()).unwrap_or(path) {
        "" => "/".to_owned(),
        below => below.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One page of each kind. The match below has no wildcard, so a new kind of page does
    /// not compile until it is added here too.
    fn one_of_each() -> Vec<Page> {
        let id = ComplaintId(7);
        let pages = vec![
            Page::HOME,
            Page::Complaint(id),
            Page::Withdraw(id),
            Page::Receipt(id),
            Page::Assistance(id),
            Page::Pressure(id),
            Page::Conversation(id),
            Page::ArbitrationNote(id, None),
            Page::Orders,
            Page::FileComplaint(OrderId(3)),
            Page::Agent,
            Page::AgentConversation(id),
            Page::Help(None),
        ];
        for page in &pages {
            match page {
                Page::List { .. }
                | Page::Complaint(_)
                | Page::Withdraw(_)
                | Page::Receipt(_)
                | Page::Assistance(_)
                | Page::Pressure(_)
                | Page::Conversation(_)
                | Page::ArbitrationNote(..)
                | Page::Orders
                | Page::FileComplaint(_)
                | Page::Agent
                | Page::AgentConversation(_)
                | Page::Help(_) => {}
            }
        }
        pages
    }

    #[test]
    fn every_page_is_read_back_from_its_own_path() {
        for page in one_of_each() {
            assert_eq!(Page::of_path(&page.path()), Some(page.clone()), "{page:?}");
        }
    }

    /// index.html finds the base a page is served under before the app loads, from the first
    /// segments of the app's paths, which it has to list itself (it runs before any of this
    /// code): it must list exactly those of the pages here.
    #[test]
    fn index_html_knows_the_first_segment_of_every_page() {
        let html = include_str!("../index.html");
        let listed = html
            .split_once(r"path.search(/\/(")
            .and_then(|(_, rest)| rest.split_once(")"))
            .map(|(alternatives, _)| alternatives)
            .expect("index.html searches the path for the app's first segments");
        let mut listed: Vec<&str> = listed.split('|').collect();
        listed.sort_unstable();
        let mut first_segments: Vec<String> = one_of_each()
            .iter()
            .filter_map(|page| {
                let path = page.path();
                let first = path.trim_start_matches('/').split(['/', '?']).next()?;
                (!first.is_empty()).then(|| first.to_owned())
            })
            .collect();
        first_segments.sort_unstable();
        first_segments.dedup();
        assert_eq!(listed, first_segments);
    }
}
