//! The lists' search (`q`): which texts it looks in, which `q` it refuses, and the SQL that
//! finds a complaint, the same on both backends — a literal substring (`%`, `_` and `\` are
//! characters like any other), ASCII letters regardless of case and nothing else folded.

use sqlx::{Database, QueryBuilder};

/// What a search looks in: the complaint number, and its order's number, product title and
/// shop name (`c` a complaint, `o` its order).
const SEARCHED_COLUMNS: [&str; 4] = ["c.number", "o.number", "o.title", "o.shop"];

/// What the lists search for (`q`), as [`SearchText::parse`] accepted it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchText(String);

/// Why a `q` cannot be searched for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchRefused {
    #[error("q is longer than {} characters", SearchText::MAX_CHARS)]
    TooLong,
    /// NUL is the one character neither backend can search for: SQLite's `LIKE` ends its
    /// pattern there (so `%00zzzz` would match everything), PostgreSQL's `text` cannot hold
    /// it. No number, title or shop name contains it, and dropping it would search for
    /// something else.
    #[error("q contains NUL (U+0000), which no complaint or order contains")]
    Nul,
}

impl SearchText {
    /// The longest `q`, in characters as sent (before trimming).
    pub const MAX_CHARS: usize = complaint_api::ComplaintQuery::MAX_Q_CHARS;

    /// `q` as sent: trimmed; `None` when nothing is left (no search).
    pub fn parse(raw: &str) -> Result<Option<SearchText>, SearchRefused> {
        if raw.chars().count() > Self::MAX_CHARS {
            return Err(SearchRefused::TooLong);
        }
        if raw.contains('\0') {
            return Err(SearchRefused::Nul);
        }
        let text = raw.trim();
        Ok((!text.is_empty()).then(|| SearchText(text.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `LIKE` pattern matching `text` anywhere, with `%`, `_` and `\` taken literally.
fn contains_pattern(text: &SearchText) -> String {
    let text = text.as_str();
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// ` AND (…)`: one of [`SEARCHED_COLUMNS`] contains `q`, compared with `like`
/// ([`super::Conn::like`]: the backend's `LIKE` that folds ASCII letters only).
pub(super) fn push_matches<'a, DB>(builder: &mut QueryBuilder<'a, DB>, q: &SearchText, like: &str)
where
    DB: Database,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let pattern = contains_pattern(q);
    builder.push(" AND (");
    for (i, column) in SEARCHED_COLUMNS.into_iter().enumerate() {
        if i > 0 {
            builder.push(" OR ");
        }
        builder
            .push(format!("{column} {like} "))
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\'");
    }
    builder.push(")");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_patterns_are_literal() {
        let text = SearchText::parse("a%b_c\\").unwrap().unwrap();
        assert_eq!(contains_pattern(&text), "%a\\%b\\_c\\\\%");
    }

    #[test]
    fn search_text_is_trimmed_and_refused_when_it_cannot_be_searched() {
        assert_eq!(
            SearchText::parse("  TS2026 ").unwrap().unwrap().as_str(),
            "TS2026"
        );
        assert_eq!(SearchText::parse(" \u{3000} ").unwrap(), None);
        assert_eq!(SearchText::parse("\0zzzz"), Err(SearchRefused::Nul));
        assert_eq!(SearchText::parse(" \0 "), Err(SearchRefused::Nul));
        let longest = "投".repeat(SearchText::MAX_CHARS);
        assert!(SearchText::parse(&longest).unwrap().is_some());
        assert_eq!(
            SearchText::parse(&format!("{longest} ")),
            Err(SearchRefused::TooLong)
        );
    }
}
