//! A form's one request to the server and the bar that sends it: every form's and every
//! confirmed action's (the withdrawal adds its confirmation and retries, the agent's actions
//! their dialogs).

use std::future::Future;
use std::rc::Rc;

use complaint_api::{ComplaintId, MessageView, NewMessage};
use leptos::prelude::*;

use super::feedback::{use_flash, Flash, SubmitFailure};
use super::sticky_bar::{BarLayout, StickyBar};
use crate::api::{new_idempotency_key, use_api, ApiFailure, ApiResult};
use crate::forms::IdempotencyKeys;
use crate::i18n::{use_i18n, Texts};
use crate::routes::{use_go, Page};

/// A form's request on its way: sent once at a time; a success moves the shopper on
/// (`on_sent`), a failure stays on the form for the bar (or the dialog) to show. What follows
/// an answer runs where the answer arrives, at the end of the request's own task: a page
/// that is gone by then had its request called off (`ApiFailure::Cancelled`), so nothing
/// follows for it.
pub struct Submission<R: 'static, T: 'static> {
    action: Action<R, ApiResult<T>>,
}

impl<R, T> Clone for Submission<R, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, T> Copy for Submission<R, T> {}

impl<R, T> Submission<R, T>
where
    R: Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    pub fn new<Answer>(send: impl Fn(R) -> Answer + 'static, on_sent: impl Fn(T) + 'static) -> Self
    where
        Answer: Future<Output = ApiResult<T>> + 'static,
    {
        Self::answered_by(send, on_sent, |_| {})
    }

    /// [`Submission::new`], and `on_failed` for what a failure changes beyond being shown.
    pub fn answered_by<Answer>(
        send: impl Fn(R) -> Answer + 'static,
        on_sent: impl Fn(T) + 'static,
        on_failed: impl Fn(&ApiFailure) + 'static,
    ) -> Self
    where
        Answer: Future<Output = ApiResult<T>> + 'static,
    {
        let answered = Rc::new(move |answer: &ApiResult<T>| match answer {
            Ok(sent) => on_sent(sent.clone()),
            Err(ApiFailure::Cancelled) => {}
            Err(failure) => on_failed(failure),
        });
        let action = Action::new_local(move |request: &R| {
            let answer = send(request.clone());
            let answered = Rc::clone(&answered);
            async move {
                let answer = answer.await;
                answered(&answer);
                answer
            }
        });
        Self { action }
    }

    pub fn pending(self) -> Memo<bool> {
        self.action.pending()
    }

    /// What the bar shows of it, whatever the request and the answer are.
    pub fn progress(self) -> SubmitProgress {
        SubmitProgress {
            pending: self.action.pending().into(),
            // The last attempt's failure, until the next attempt answers.
            failure: Signal::derive(move || self.action.value().get().and_then(Result::err)),
        }
    }

    /// Sends the request, unless one is already on its way.
    pub fn send(self, request: R) {
        if !self.action.pending().get_untracked() {
            self.action.dispatch(request);
        }
    }
}

impl Submission<NewMessage, MessageView> {
    /// A message to a complaint's conversation (the composer's, or a typed request's form).
    /// The same message sent again keeps its idempotency key, so a retry never posts twice;
    /// once it is stored, or refused for good, the next message gets a new one.
    pub fn message(complaint: ComplaintId, on_sent: impl Fn(MessageView) + 'static) -> Self {
        let api = use_api();
        let keys = StoredValue::new(IdempotencyKeys::<NewMessage>::default());
        Self::answered_by(
            move |message: NewMessage| {
                let api = api.clone();
                let key = keys
                    .try_update_value(|keys| keys.key_for(&message, new_idempotency_key))
                    .unwrap_or_default();
                async move { api.send_message(complaint, &message, &key).await }
            },
            move |sent| {
                keys.update_value(IdempotencyKeys::forget);
                on_sent(sent);
            },
            move |failure| {
                if !failure.is_transient() {
                    keys.update_value(IdempotencyKeys::forget);
                }
            },
        )
    }
}

/// A submission as its bar shows it.
#[derive(Clone, Copy)]
pub struct SubmitProgress {
    pending: Signal<bool>,
    failure: Signal<Option<ApiFailure>>,
}

impl SubmitProgress {
    /// The last attempt's failure, until the next attempt answers.
    pub fn failure(self) -> Signal<Option<ApiFailure>> {
        self.failure
    }
}

/// The end of a form: the sticky bar with the one submit button, which reads "sending…"
/// while the request is on its way. A failure shows in the bar, right above the button the
/// shopper just tapped (on a phone the bar floats at the bottom of the screen, so it is in
/// view however long the form); when the request may not have arrived, the button then
/// reads "retry".
#[component]
pub fn SubmitBar(
    progress: SubmitProgress,
    label: fn(&'static Texts) -> &'static str,
    #[prop(into)] disabled: Signal<bool>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let SubmitProgress { pending, failure } = progress;
    let may_not_have_arrived =
        move || failure.with(|failure| failure.as_ref().is_some_and(ApiFailure::is_transient));
    let button_label = move || match (pending.get(), may_not_have_arrived()) {
        (true, _) => i18n.t().common.sending,
        (false, true) => i18n.t().common.retry,
        (false, false) => label(i18n.t()),
    };
    view! {
        <StickyBar layout=BarLayout::Stacked>
            {move || failure.get().map(|failure| view! { <SubmitFailure failure/> })}
            <button type="submit" class="button button--primary button--block" data-testid=testid
                prop:disabled=disabled>
                {button_label}
            </button>
        </StickyBar>
    }
}

/// Where a form about a complaint ends when it was sent: on the complaint, with a notice of
/// what was done; the form is replaced in the history, so "back" does not reopen it.
pub fn return_to_complaint(id: ComplaintId) -> impl Fn(Flash) + 'static {
    let flash = use_flash();
    let go = use_go();
    move |notice| {
        flash.set(Some(notice));
        go(Page::Complaint(id), true);
    }
}
