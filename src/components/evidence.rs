//! Evidence pictures picked for a message (a chat's screenshot is the evidence of pressure):
//! each uploads at once, showing its progress; one can be removed before sending (its upload
//! stops); a refused one says why, in the rules' words. The server decides what a picture
//! is from its bytes; the app only spares a doomed upload (too many, too large).

use complaint_api::{ImageId, ImageView};
use complaint_rules::{check_image_count, check_image_size, ImageRefused};
use leptos::prelude::*;

use super::feedback::failure_message;
use super::icons::{Icon, IconName};
use crate::api::{use_api, ApiFailure, Upload};
use crate::i18n::{tr, use_i18n, Texts};

/// One picture of the message being written.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    key: u32,
    /// A local preview (an object URL) while it uploads and after.
    preview: String,
    state: PictureState,
}

#[derive(Clone, Debug, PartialEq)]
enum PictureState {
    /// Sent so far, in permille.
    Uploading(u32),
    Stored(ImageView),
    /// Not sent: the rules refuse it before it leaves the phone.
    Refused(ImageRefused),
    /// Sent and refused by the server, or lost on the way.
    Failed(ApiFailure),
}

/// The pictures of one message being written, with their uploads.
#[derive(Clone, Copy)]
pub struct Evidence {
    pictures: RwSignal<Vec<Picture>>,
    uploads: StoredValue<Vec<(u32, Upload)>, LocalStorage>,
    next_key: StoredValue<u32>,
    /// "Too many" for the last pick: the pictures beyond the limit were not added.
    too_many: RwSignal<bool>,
}

impl Evidence {
    /// Pictures for the calling component's life: leaving it stops what still uploads.
    pub fn new() -> Self {
        let evidence = Evidence {
            pictures: RwSignal::new(Vec::new()),
            uploads: StoredValue::new_local(Vec::new()),
            next_key: StoredValue::new(0),
            too_many: RwSignal::new(false),
        };
        let previews = evidence.pictures;
        let uploads = evidence.uploads;
        on_cleanup(move || {
            uploads.with_value(|uploads| uploads.iter().for_each(|(_, upload)| upload.abort()));
            previews.with_untracked(|pictures| pictures.iter().for_each(revoke_preview));
        });
        evidence
    }

    /// Adds the picked files, up to the policy's number per message, and uploads them.
    pub fn add(self, files: &web_sys::FileList) {
        let api = use_api();
        let room = complaint_rules::POLICY.evidence.max_images_per_message
            - self.pictures.with_untracked(Vec::len);
        let picked = files.length() as usize;
        self.too_many
            .set(check_image_count(self.count_untracked() + picked).is_err());
        for file in (0..picked.min(room) as u32).filter_map(|index| files.get(index)) {
            let key = self.next_key.get_value();
            self.next_key.set_value(key + 1);
            let preview = web_sys::Url::create_object_url_with_blob(&file).unwrap_or_default();
            // Spared when the rules already say no: the server would refuse it anyway.
            if let Err(refused) = check_image_size(file.size() as usize, 0, 0) {
                self.push(key, preview, PictureState::Refused(refused));
                continue;
            }
            self.push(key, preview, PictureState::Uploading(0));
            let pictures = self.pictures;
            let (upload, answer) = api.upload_image(&file, move |permille| {
                set_state(pictures, key, PictureState::Uploading(permille))
            });
            if let Some(upload) = upload {
                self.uploads
                    .update_value(|uploads| uploads.push((key, upload)));
            }
            let uploads = self.uploads;
            leptos::task::spawn_local(async move {
                let state = match answer.await {
                    Ok(stored) => PictureState::Stored(stored),
                    Err(failure) => PictureState::Failed(failure),
                };
                uploads.update_value(|uploads| uploads.retain(|(held, _)| *held != key));
                set_state(pictures, key, state);
            });
        }
    }

    /// Removes a picture before sending; stops its upload if it is still going.
    pub fn remove(self, key: u32) {
        self.uploads.update_value(|uploads| {
            uploads.retain(|(held, upload)| {
                if *held == key {
                    upload.abort();
                }
                *held != key
            })
        });
        self.pictures.update(|pictures| {
            pictures.retain(|picture| {
                if picture.key == key {
                    revoke_preview(picture);
                }
                picture.key != key
            })
        });
        self.too_many.set(false);
    }

    /// The stored pictures, to send with the message.
    pub fn stored(self) -> Vec<ImageId> {
        self.pictures.with_untracked(|pictures| {
            pictures
                .iter()
                .filter_map(|picture| match &picture.state {
                    PictureState::Stored(image) => Some(image.id),
                    _ => None,
                })
                .collect()
        })
    }

    /// Whether a picture is still on its way (the message waits for it); reactive.
    pub fn uploading(self) -> bool {
        self.pictures.with(|pictures| {
            pictures
                .iter()
                .any(|picture| matches!(picture.state, PictureState::Uploading(_)))
        })
    }

    /// Whether a picture was refused or failed (the message is not sent with a gap); reactive.
    pub fn has_problem(self) -> bool {
        self.pictures.with(|pictures| {
            pictures.iter().any(|picture| {
                matches!(
                    picture.state,
                    PictureState::Refused(_) | PictureState::Failed(_)
                )
            })
        })
    }

    /// Whether any picture is there; reactive.
    pub fn is_empty(self) -> bool {
        self.pictures.with(Vec::is_empty)
    }

    /// Empties the tray once the message was sent.
    pub fn clear(self) {
        self.pictures.update(|pictures| {
            pictures.iter().for_each(revoke_preview);
            pictures.clear();
        });
        self.too_many.set(false);
    }

    fn count_untracked(self) -> usize {
        self.pictures.with_untracked(Vec::len)
    }

    fn push(self, key: u32, preview: String, state: PictureState) {
        self.pictures.update(|pictures| {
            pictures.push(Picture {
                key,
                preview,
                state,
            })
        });
    }
}

impl Default for Evidence {
    fn default() -> Self {
        Self::new()
    }
}

fn set_state(pictures: RwSignal<Vec<Picture>>, key: u32, state: PictureState) {
    pictures.try_update(|pictures| {
        if let Some(picture) = pictures.iter_mut().find(|picture| picture.key == key) {
            picture.state = state;
        }
    });
}

fn revoke_preview(picture: &Picture) {
    let _ = web_sys::Url::revoke_object_url(&picture.preview);
}

/// The add button (a hidden file input: the phone offers its camera and its album) and the
/// tray of picked pictures, each with its progress, its problem, and a way to remove it.
#[component]
pub fn EvidencePicker(
    evidence: Evidence,
    #[prop(into)] disabled: Signal<bool>,
    /// The id of the hidden input, for a label or a card that opens it.
    input_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let full = move || {
        evidence.pictures.with(Vec::len) >= complaint_rules::POLICY.evidence.max_images_per_message
    };
    let on_pick = move |event: web_sys::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        if let Some(files) = input.files() {
            evidence.add(&files);
        }
        // The same file may be picked again after removing it.
        input.set_value("");
    };
    view! {
        <div class="evidence" data-testid="evidence">
            <input type="file" id=input_id class="visually-hidden" accept="image/jpeg,image/png,image/webp"
                multiple data-testid="evidence-input" prop:disabled=move || disabled.get() || full()
                on:change=on_pick/>
            <label for=input_id class="button button--quiet evidence__add" class:is-disabled=move || disabled.get() || full()
                data-testid="evidence-add">
                <Icon name=IconName::Image/>
                <span>{tr(|t| t.conversation.add_pictures)}</span>
            </label>
            <span class="evidence__hint">{move || (i18n.t().conversation.pictures_hint)(
                complaint_rules::POLICY.evidence.max_images_per_message,
                complaint_rules::POLICY.evidence.max_image_bytes / (1024 * 1024),
            )}</span>
            <Show when=move || evidence.too_many.get()>
                <p class="field__error" role="alert" data-testid="too-many-pictures">
                    {move || (i18n.t().common.error)(ImageRefused::TooManyImages.code())}
                </p>
            </Show>
            <ul class="evidence__tray" data-testid="evidence-tray">
                <For each=move || evidence.pictures.get() key=|picture| (picture.key, state_key(&picture.state))
                    children=move |picture| view! { <PictureTile picture evidence/> }/>
            </ul>
        </div>
    }
}

/// Tells apart the states a tile shows (progress is drawn in steps of ten percent).
fn state_key(state: &PictureState) -> u32 {
    match state {
        PictureState::Uploading(permille) => permille / 100,
        PictureState::Stored(_) => 1000,
        PictureState::Refused(_) => 2000,
        PictureState::Failed(_) => 3000,
    }
}

#[component]
fn PictureTile(picture: Picture, evidence: Evidence) -> impl IntoView {
    let i18n = use_i18n();
    let key = picture.key;
    let (state, problem) = match &picture.state {
        PictureState::Uploading(_) => ("uploading", None),
        PictureState::Stored(_) => ("stored", None),
        PictureState::Refused(refused) => ("refused", Some(Problem::Rule(*refused))),
        PictureState::Failed(failure) => ("failed", Some(Problem::Server(failure.clone()))),
    };
    let progress = match picture.state {
        PictureState::Uploading(permille) => Some(permille),
        _ => None,
    };
    view! {
        <li class="evidence__tile" data-testid="evidence-picture" data-state=state>
            <img src=picture.preview alt="" class="evidence__preview"/>
            {progress.map(|permille| view! {
                <span class="evidence__progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=permille / 10 aria-label=tr(|t| t.conversation.uploading)>
                    {format!("{}%", permille / 10)}
                </span>
            })}
            {problem.map(|problem| {
                let code = problem.code();
                view! {
                    <span class="evidence__problem" role="alert" data-testid="picture-problem"
                        data-code=code>{move || problem.message(i18n.t())}</span>
                }
            })}
            <button type="button" class="evidence__remove" data-testid="picture-remove"
                aria-label=tr(|t| t.conversation.remove_picture) on:click=move |_| evidence.remove(key)>
                <Icon name=IconName::Close/>
            </button>
        </li>
    }
}

#[derive(Clone)]
enum Problem {
    Rule(ImageRefused),
    Server(ApiFailure),
}

impl Problem {
    fn code(&self) -> Option<&'static str> {
        match self {
            Problem::Rule(refused) => Some(refused.code().as_str()),
            Problem::Server(failure) => failure.code().map(|code| code.as_str()),
        }
    }

    fn message(&self, t: &'static Texts) -> &'static str {
        match self {
            Problem::Rule(refused) => (t.common.error)(refused.code()),
            Problem::Server(failure) => failure_message(t, failure),
        }
    }
}
