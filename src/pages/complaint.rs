//! Shared by the pages about one complaint: its id from the URL, and its data, reloaded
//! whenever the server announces a change to it.

use complaint_api::{ComplaintDetail, ComplaintId};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{use_api, use_live_updates, ApiResult};

/// The `:id` of the current URL, if it is a number.
pub fn use_complaint_id() -> Memo<Option<ComplaintId>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .map(ComplaintId)
    })
}

/// The complaint of the current URL; refetched when a live update concerns it.
pub fn complaint_resource(
    id: Memo<Option<ComplaintId>>,
) -> LocalResource<Option<ApiResult<ComplaintDetail>>> {
    let api = use_api();
    let live = use_live_updates();
    LocalResource::new(move || {
        let id = id.get();
        if let Some(id) = id {
            live.latest_for(id);
        }
        let api = api.clone();
        async move {
            match id {
                Some(id) => Some(api.complaint(id).await),
                None => None,
            }
        }
    })
}
