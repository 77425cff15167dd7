//! 撤销凭证: the result of a withdrawal — that it worked, what it changed and did not, and a
//! receipt to keep (copy its number, save it as a picture: a web view cannot print).

use complaint_api::{ComplaintDetail, OrderBrief, WithdrawalRecord};
use leptos::html::H1;
use leptos::prelude::*;

use super::complaint::LoadComplaint;
use super::{Missing, NotFoundPage};
use crate::components::{
    format_yuan, set_page_title, BackLink, BarLayout, CopyableNumber, Icon, IconName, ProductThumb,
    StickyBar,
};
use crate::i18n::{tr, tr_with, use_i18n, Texts};
use crate::routes::Page;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    view! {
        <LoadComplaint render=|detail| match detail.withdrawal.clone() {
            Some(withdrawal) => view! { <Receipt detail withdrawal/> }.into_any(),
            None => view! { <NotFoundPage missing=Missing::Complaint/> }.into_any(),
        }/>
    }
}

#[component]
fn Receipt(detail: ComplaintDetail, withdrawal: WithdrawalRecord) -> impl IntoView {
    let i18n = use_i18n();
    set_page_title(move || Some(i18n.t().receipt.title.to_owned()));
    let heading = NodeRef::<H1>::new();
    // The result is what the user needs to hear first. Focused on the next frame: the page
    // is in the document only once its loading boundary has swapped it in.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            request_animation_frame(move || {
                let _ = heading.focus();
            });
        }
    });
    let order = detail.summary.order.clone();
    let number = detail.summary.number.clone();
    let picture = RwSignal::new(None::<String>);
    let keep = {
        let order = order.clone();
        let number = number.clone();
        let withdrawal = withdrawal.clone();
        move |_| picture.set(receipt_picture(i18n.t(), &order, &number, &withdrawal))
    };
    let WithdrawalRecord {
        reference,
        withdrawn_at,
        reason,
        note,
        by,
        actor_name,
        remedy,
    } = withdrawal;
    let file_name = format!("{reference}.png");

    view! {
        <article class="form-page receipt" data-testid="receipt">
            <BackLink href=Page::HOME.href() label=tr(|t| t.detail.back_to_list)/>
            <div class="success">
                <span class="success__icon"><Icon name=IconName::CheckCircle/></span>
                <h1 node_ref=heading tabindex="-1" data-testid="receipt-title">{tr(|t| t.receipt.done)}</h1>
                <p class="success__sub">{tr(|t| t.receipt.done_sub)}</p>
            </div>

            // The page's title (the bar above) already says 撤销凭证: the card does not repeat it.
            <section class="receipt-card" aria-label=tr(|t| t.receipt.title)>
                <div class="confirm-product">
                    <ProductThumb image=order.image.clone()/>
                    <p>
                        <strong data-testid="receipt-product">{order.title.clone()}</strong><br/>
                        <span class="muted">{order.shop.clone()} " · " {format_yuan(order.amount_fen)}</span>
                    </p>
                </div>
                <dl class="facts">
                    <dt>{tr(|t| t.receipt.reference)}</dt>
                    <dd><CopyableNumber number=reference.clone() testid="receipt-reference"/></dd>
                    <dt>{tr(|t| t.list.complaint_number)}</dt>
                    <dd>{number.clone()}</dd>
                    <dt>{tr(|t| t.list.order_number)}</dt>
                    <dd>{order.number.clone()}</dd>
                    <dt>{tr(|t| t.receipt.withdrawn_at)}</dt>
                    <dd><time>{tr_with(withdrawn_at, |t, arg| (t.date_time)(arg))}</time></dd>
                    <dt>{tr(|t| t.withdraw.reason_label)}</dt>
                    <dd data-testid="receipt-reason">{tr_with(reason, |t, arg| (t.reason)(arg))}</dd>
                    {remedy.map(|remedy| view! {
                        <dt>{tr(|t| t.withdraw.remedy_label)}</dt>
                        <dd data-testid="receipt-remedy">{move || (i18n.t().remedy)(remedy)}</dd>
                    })}
                    {(!note.is_empty()).then(|| view! {
                        <dt>{tr(|t| t.withdraw.note_label)}</dt>
                        <dd class="facts__text" data-testid="receipt-note">{note.clone()}</dd>
                    })}
                    <dt>{tr(|t| t.receipt.by)}</dt>
                    <dd>{move || (i18n.t().receipt.by_whom)(by, &actor_name)}</dd>
                </dl>
                <button type="button" class="button button--block no-print" data-testid="save-receipt" on:click=keep>
                    <Icon name=IconName::Download/> {tr(|t| t.receipt.save_picture)}
                </button>
                {move || picture.get().map(|url| view! {
                    <div class="receipt-picture" data-testid="receipt-picture">
                        <img src=url.clone() alt=tr(|t| t.receipt.picture_alt)/>
                        <p class="muted">{tr(|t| t.receipt.picture_hint)}</p>
                        <a href=url download=file_name.clone() class="button button--quiet">{tr(|t| t.receipt.download)}</a>
                    </div>
                })}
            </section>

            <p class="receipt__again no-print">
                {tr(|t| t.receipt.again_hint)} " "
                <a href=Page::FileComplaint(order.id).href() data-testid="file-again-link">{tr(|t| t.detail.file_again)}</a>
            </p>

            // Where to go from here, always in reach.
            <StickyBar layout=BarLayout::Stacked>
                <div class="sticky-bar__pair">
                    <a href=Page::Orders.href() class="button" data-testid="back-to-orders">{tr(|t| t.receipt.back_to_orders)}</a>
                    <a href=Page::HOME.href() class="button button--primary" data-testid="back-to-list">{tr(|t| t.receipt.finish)}</a>
                </div>
            </StickyBar>
        </article>
    }
}

/// The receipt drawn on a canvas, as a PNG data URL: a picture can be kept where a page
/// cannot be printed (a long press saves it in a web view; elsewhere it downloads).
fn receipt_picture(
    t: &'static Texts,
    order: &OrderBrief,
    number: &str,
    withdrawal: &WithdrawalRecord,
) -> Option<String> {
    use wasm_bindgen::JsCast;
    const WIDTH: f64 = 720.0;
    const LINE: f64 = 56.0;
    let rows: Vec<(&str, String)> = [
        (t.receipt.reference, withdrawal.reference.clone()),
        (t.list.complaint_number, number.to_owned()),
        (t.list.order_number, order.number.clone()),
        (
            t.receipt.withdrawn_at,
            (t.date_time)(withdrawal.withdrawn_at),
        ),
        (
            t.withdraw.reason_label,
            (t.reason)(withdrawal.reason).to_owned(),
        ),
        (t.withdraw.note_label, withdrawal.note.clone()),
        (
            t.receipt.by,
            (t.receipt.by_whom)(withdrawal.by, &withdrawal.actor_name),
        ),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .collect();
    let height = 260.0 + LINE * rows.len() as f64 + 80.0;

    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(WIDTH as u32);
    canvas.set_height(height as u32);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.unchecked_into();
    let font = "system-ui, \"PingFang SC\", \"Noto Sans CJK SC\", sans-serif";
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, WIDTH, height);
    context.set_fill_style_str("#15803d");
    context.set_font(&format!("bold 40px {font}"));
    let _ = context.fill_text(&format!("✓ {}", t.receipt.done), 48.0, 88.0);
    context.set_fill_style_str("#1b1f24");
    context.set_font(&format!("bold 30px {font}"));
    let _ = context.fill_text(&order.title, 48.0, 160.0);
    context.set_fill_style_str("#4b5563");
    context.set_font(&format!("26px {font}"));
    let _ = context.fill_text(
        &format!("{} · {}", order.shop, format_yuan(order.amount_fen)),
        48.0,
        204.0,
    );
    for (index, (label, value)) in rows.iter().enumerate() {
        let y = 270.0 + LINE * index as f64;
        context.set_fill_style_str("#4b5563");
        let _ = context.fill_text(label, 48.0, y);
        context.set_fill_style_str("#1b1f24");
        let _ = context.fill_text_with_max_width(value, 240.0, y, WIDTH - 288.0);
    }
    context.set_fill_style_str("#4b5563");
    context.set_font(&format!("22px {font}"));
    let _ = context.fill_text(t.receipt.done_sub, 48.0, height - 48.0);
    canvas.to_data_url_with_type("image/png").ok()
}
