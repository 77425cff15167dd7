use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n, Texts};

/// The catalogue a component renders its texts with: fixed when it is rendered (for a view
/// that is rendered again as a whole when the language changes, such as the list's rows,
/// which then hold no reactive node per text), or following the current language.
#[derive(Clone, Copy)]
pub(crate) enum Catalogue {
    Fixed(&'static Texts),
    Live(I18n),
}

impl Catalogue {
    /// `Fixed(texts)` when given, else the current language from context.
    pub(crate) fn new(texts: Option<&'static Texts>) -> Self {
        texts.map_or_else(|| Catalogue::Live(use_i18n()), Catalogue::Fixed)
    }

    /// The catalogue; reactive when `Live`.
    pub(crate) fn get(self) -> &'static Texts {
        match self {
            Catalogue::Fixed(texts) => texts,
            Catalogue::Live(i18n) => i18n.t(),
        }
    }

    /// A text that depends on a value: rendered once when `Fixed`, kept up to date when `Live`.
    pub(crate) fn text<A>(self, arg: A, select: fn(&'static Texts, A) -> &'static str) -> AnyView
    where
        A: Copy + Send + Sync + 'static,
    {
        match self {
            Catalogue::Fixed(texts) => select(texts, arg).into_any(),
            Catalogue::Live(i18n) => (move || select(i18n.t(), arg)).into_any(),
        }
    }
}
