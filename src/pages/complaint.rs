//! Shared by the pages about one complaint: its id from the URL, its data (reloaded whenever
//! the server announces a change to it), and the loading, not-found and error states.

use complaint_api::{ComplaintDetail, ComplaintId};
use complaint_rules::ErrorCode;
use leptos::prelude::*;

use super::{Missing, NotFoundPage};
use crate::api::{use_api, use_live_updates, ApiFailure, ApiResult};
use crate::components::{ErrorPanel, FailureNotice, SkeletonRows};
use crate::routes::use_complaint_id;

/// The complaint of the current URL; refetched when a live update concerns it.
pub fn complaint_resource(
    id: Memo<Option<ComplaintId>>,
) -> Resource<Option<ApiResult<ComplaintDetail>>> {
    let api = use_api();
    let live = use_live_updates();
    Resource::new(
        move || {
            let id = id.get();
            (id, id.map(|id| live.revision_for(id)))
        },
        move |(id, _)| {
            let complaint = id.map(|id| api.complaint(id));
            async move {
                match complaint {
                    Some(complaint) => Some(complaint.await),
                    None => None,
                }
            }
        },
    )
}

/// Loads the complaint of the URL and shows it with `render`; an absent complaint (or one
/// that is not the user's: the server answers the same) is the not-found page.
#[component]
pub fn LoadComplaint(render: fn(ComplaintDetail) -> AnyView) -> impl IntoView {
    let complaint = complaint_resource(use_complaint_id());
    view! {
        <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
            <Transition fallback=|| view! { <section class="page"><SkeletonRows rows=3/></section> }>
                {move || Suspend::new(async move {
                    match complaint.await {
                        Some(Ok(detail)) => Ok(render(detail)),
                        Some(Err(failure)) if failure.code() != Some(ErrorCode::NotFound) => Err(failure),
                        _ => Ok(view! { <NotFoundPage missing=Missing::Complaint/> }.into_any()),
                    }
                })}
            </Transition>
        </ErrorBoundary>
    }
}

/// The first answer about the complaint of the URL: a form is built from it.
#[derive(Clone, PartialEq)]
enum FirstAnswer {
    Complaint(Box<ComplaintDetail>),
    /// None with this number, one that is not the user's (the server answers the same), or
    /// no number in the URL at all.
    NoSuchComplaint,
    Failed(ApiFailure),
}

/// Loads the complaint of the URL and builds `form` on it once, from the first answer.
/// Later answers (live updates) replace the complaint the form reads, never the form, so
/// what the shopper typed stays where it was.
#[component]
pub fn ComplaintForm(form: fn(RwSignal<ComplaintDetail>) -> AnyView) -> impl IntoView {
    let complaint = complaint_resource(use_complaint_id());
    let first = Memo::new(move |_| {
        complaint.get().map(|answer| match answer {
            Some(Ok(detail)) => FirstAnswer::Complaint(Box::new(detail)),
            Some(Err(failure)) if failure.code() != Some(ErrorCode::NotFound) => {
                FirstAnswer::Failed(failure)
            }
            Some(Err(_)) | None => FirstAnswer::NoSuchComplaint,
        })
    });
    let loaded =
        Memo::new(move |_| first.with(|first| matches!(first, Some(FirstAnswer::Complaint(_)))));
    view! {
        {move || match first.get() {
            None => view! { <section class="form-page"><SkeletonRows rows=3/></section> }.into_any(),
            Some(FirstAnswer::NoSuchComplaint) => view! { <NotFoundPage missing=Missing::Complaint/> }.into_any(),
            Some(FirstAnswer::Failed(failure)) => view! { <section class="form-page"><FailureNotice failure/></section> }.into_any(),
            Some(FirstAnswer::Complaint(_)) => ().into_any(),
        }}
        <Show when=move || loaded.get()>
            {move || {
                let Some(FirstAnswer::Complaint(detail)) = first.get_untracked() else {
                    return None;
                };
                let current = RwSignal::new(*detail);
                Effect::new(move |_| {
                    if let Some(Some(Ok(detail))) = complaint.get() {
                        current.set(detail);
                    }
                });
                Some(form(current))
            }}
        </Show>
    }
}
