//! The one way a closed set becomes text: every set that goes over the wire or into the
//! database (statuses, reasons, kinds, platform moves, error codes, next steps, groups, …)
//! is a [`Vocabulary`], declared by [`vocabulary!`] next to its serde derive. Its codes are
//! its serde names (snake_case); each set has a test that says so.

/// A closed set of values, each with a stable snake_case code: its serde name on the wire,
/// and what the database stores.
pub trait Vocabulary: Copy + Eq + Sized + 'static {
    /// Every value, in declaration order (without a catch-all for unknown codes).
    const ALL: &'static [Self];

    /// The value's code, as serde writes it.
    fn code(self) -> &'static str;

    /// The value whose code this is, if any.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.code() == code)
    }
}

/// Declares the codes of a unit enum: `ALL`, `code()` and `from_code()` as inherent items (no
/// import needed to call them) and the [`Vocabulary`] impl. `other Variant => "code"` names
/// a catch-all (`#[serde(other)]`) that has a code but is not in `ALL`.
///
/// ```
/// # use serde::{Deserialize, Serialize};
/// #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
/// #[serde(rename_all = "snake_case")]
/// pub enum Light { Red, AmberFlashing }
/// complaint_rules::vocabulary!(Light { Red => "red", AmberFlashing => "amber_flashing" });
/// assert_eq!(Light::from_code("amber_flashing"), Some(Light::AmberFlashing));
/// assert_eq!(Light::ALL.map(Light::code), ["red", "amber_flashing"]);
/// ```
#[macro_export]
macro_rules! vocabulary {
    ($type:ident { $($variant:ident => $code:literal),+ $(,)? } $(other $other:ident => $other_code:literal)?) => {
        impl $type {
            /// Every value, in declaration order.
            pub const ALL: [$type; [$($code),+].len()] = [$($type::$variant),+];

            /// The stable wire code, as serde writes it.
            pub fn code(self) -> &'static str {
                match self {
                    $($type::$variant => $code,)+
                    $($type::$other => $other_code,)?
                }
            }

            /// The value whose code this is.
            pub fn from_code(code: &str) -> Option<Self> {
                <Self as $crate::Vocabulary>::from_code(code)
            }
        }

        impl $crate::Vocabulary for $type {
            const ALL: &'static [Self] = &$type::ALL;

            fn code(self) -> &'static str {
                $type::code(self)
            }
        }
    };
}

/// For each set's test: every code is the value's serde name, and reads back as the value.
#[doc(hidden)]
pub fn assert_codes_are_serde_names<T>(to_json: impl Fn(T) -> String, from_json: impl Fn(&str) -> T)
where
    T: Vocabulary + std::fmt::Debug,
{
    assert!(!T::ALL.is_empty());
    for &value in T::ALL {
        let code = value.code();
        assert_eq!(to_json(value), format!("\"{code}\""), "{value:?}");
        assert_eq!(from_json(&format!("\"{code}\"")), value, "{code}");
        assert_eq!(T::from_code(code), Some(value), "{code}");
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{code} is snake_case"
        );
    }
    assert_eq!(T::from_code("no_such_code"), None);
}
