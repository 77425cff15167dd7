//! Writing to customer service: words and pictures, sent once whatever the network does (one
//! idempotency key per message until it is answered), kept if the page goes (a draft).

use complaint_api::{ComplaintId, MessageView, NewMessage};
use complaint_rules::{validate_message, POLICY};
use leptos::prelude::*;

use super::evidence::{Evidence, EvidencePicker};
use super::feedback::SubmitFailure;
use super::icons::{Icon, IconName};
use super::submit::Submission;
use crate::api::use_rules_outdated;
use crate::drafts::KeptDraft;
use crate::i18n::{tr, use_i18n};

/// The message box at the bottom of a conversation: pictures, words, send.
#[component]
pub fn MessageComposer(
    complaint: ComplaintId,
    /// Told what was sent, once the server has it.
    on_sent: Callback<MessageView>,
    /// The id of the picture input, for a card that asks for evidence to open it.
    #[prop(default = "composer-pictures")]
    pictures_input: &'static str,
    /// An agent writes: the message may ask the owner for evidence.
    #[prop(optional)]
    agent: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let outdated = use_rules_outdated();
    let kept = KeptDraft::<String>::new("message", complaint);
    let text = RwSignal::new(kept.load());
    Effect::new(move |_| kept.save(&text.read()));
    let evidence = Evidence::new();
    let asks_evidence = RwSignal::new(false);
    // Something besides words: pictures, or (an agent's) a request for evidence.
    let carries = move || !evidence.is_empty() || asks_evidence.get();

    let send = Submission::message(complaint, move |sent: MessageView| {
        text.set(String::new());
        KeptDraft::<String>::new("message", complaint).forget();
        evidence.clear();
        asks_evidence.set(false);
        on_sent.run(sent);
    });
    let problem = Memo::new(move |_| {
        validate_message(&text.read(), carries())
            .err()
            .filter(|error| !matches!(error.problem, complaint_rules::TextProblem::TooShort { .. }))
            .map(|error| (i18n.t().withdraw.text_error)(&error))
    });
    let can_send = move || {
        !outdated.get()
            && !send.pending().get()
            && !evidence.uploading()
            && !evidence.has_problem()
            && validate_message(&text.read(), carries()).is_ok()
    };
    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        if !can_send() {
            return;
        }
        let images = evidence.stored();
        let asks_for_evidence = asks_evidence.get_untracked();
        if let Ok(valid) = validate_message(
            &text.get_untracked(),
            !images.is_empty() || asks_for_evidence,
        ) {
            send.send(NewMessage {
                text: valid,
                images,
                asks_for_evidence,
                ..Default::default()
            });
        }
    };
    let progress = send.progress();
    let near_limit = move || {
        text.with(|text| complaint_rules::char_count(text) * 10 >= POLICY.message.max_chars * 8)
    };

    view! {
        <form class="composer" novalidate on:submit=on_submit data-testid="composer">
            {move || progress.failure().get().map(|failure| view! { <SubmitFailure failure/> })}
            <EvidencePicker evidence disabled=outdated input_id=pictures_input/>
            {agent.then(|| view! {
                <label class="choice choice--check" for="ask-evidence">
                    <input type="checkbox" id="ask-evidence" data-testid="ask-evidence"
                        prop:checked=move || asks_evidence.get()
                        on:change=move |event| asks_evidence.set(event_target_checked(&event))/>
                    <span>{tr(|t| t.agent.ask_evidence)}</span>
                </label>
            })}
            <div class="composer__row">
                <label for="composer-text" class="visually-hidden">{tr(|t| t.conversation.message_label)}</label>
                <textarea id="composer-text" class="composer__text" rows="1" data-testid="composer-text"
                    placeholder=move || if agent { i18n.t().agent.reply_placeholder } else { i18n.t().conversation.placeholder }
                    aria-invalid=move || problem.with(Option::is_some).to_string()
                    aria-describedby="composer-problem"
                    prop:value=move || text.get()
                    on:input=move |event| text.set(event_target_value(&event))></textarea>
                <button type="submit" class="button button--primary composer__send" data-testid="composer-send"
                    prop:disabled=move || !can_send()>
                    <Icon name=IconName::Send/>
                    <span>{move || if send.pending().get() { i18n.t().common.sending } else { i18n.t().conversation.send }}</span>
                </button>
            </div>
            <p id="composer-problem" class="field__error" role="alert">{move || problem.get()}</p>
            <Show when=near_limit>
                <p class="composer__count" data-testid="composer-count">
                    {move || format!("{}/{}", complaint_rules::char_count(&text.read()), POLICY.message.max_chars)}
                </p>
            </Show>
        </form>
    }
}
