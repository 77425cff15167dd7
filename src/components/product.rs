//! What a shopper recognises an order by: its picture, title, shop and amount.

use leptos::prelude::*;

use super::icons::{Icon, IconName};

/// The product picture, or a neutral placeholder when there is none or it fails to load
/// (never a broken-image icon). Decorative: the title beside it names the product.
#[component]
pub fn ProductThumb(image: Option<String>, #[prop(optional)] large: bool) -> impl IntoView {
    let failed = RwSignal::new(image.is_none());
    let class = if large { "thumb thumb--large" } else { "thumb" };
    view! {
        <span class=class data-testid="product-thumb" data-placeholder=move || failed.get().to_string()>
            {move || if failed.get() {
                view! { <Icon name=IconName::Bag/> }.into_any()
            } else {
                view! {
                    <img src=image.clone() alt="" loading="lazy" decoding="async" width="64" height="64"
                        on:error=move |_| failed.set(true)/>
                }
                .into_any()
            }}
        </span>
    }
}

/// ¥749.00 from 74900 fen; integer arithmetic, no floating point.
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}¥{}.{:02}", fen / 100, fen % 100)
}

/// The order at the top of a complaint's pages: picture, title (the page's heading when
/// `heading`), shop and amount, and the complaint's status.
#[component]
pub fn ProductHeader(
    order: complaint_api::OrderBrief,
    #[prop(optional)] status: Option<complaint_rules::ComplaintStatus>,
    #[prop(optional)] heading: bool,
) -> impl IntoView {
    let title = order.title.clone();
    view! {
        <div class="product-header" data-testid="product-header">
            <ProductThumb image=order.image.clone() large=true/>
            <div class="product-header__text">
                {if heading {
                    view! { <h1 class="product-header__title" tabindex="-1">{title}</h1> }.into_any()
                } else {
                    view! { <p class="product-header__title">{title}</p> }.into_any()
                }}
                <p class="product-header__shop">
                    <span data-testid="product-shop">{order.shop.clone()}</span>
                    " · "
                    <span class="amount">{format_yuan(order.amount_fen)}</span>
                </p>
                {status.map(|status| view! { <super::StatusBadge status/> })}
            </div>
        </div>
    }
}
