//! Enums read back by their wire names through one table each, not a derived `Deserialize`:
//! one table instead of the derive's matches keeps the web client's main module smaller. A
//! name this build does not know (a newer server's) reads as `Unknown`.

pub(super) fn by_name<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// `from_name` and a `Deserialize` through it: a name this build does not know (a newer
/// server's) reads as `Unknown`.
macro_rules! read_by_name {
    ($ty:ident, $table:ident) => {
        impl $ty {
            /// The value named `name` on the wire; `Unknown` for a name this build does not know.
            pub fn from_name(name: &str) -> Self {
                $crate::errors::names::by_name($table, name).unwrap_or($ty::Unknown)
            }

            /// The name on the wire (`"unknown"` for `Unknown`, which is never sent).
            pub fn name(self) -> &'static str {
                $table
                    .iter()
                    .find(|(_, v)| *v == self)
                    .map_or("unknown", |(n, _)| n)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let name = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                Ok($ty::from_name(&name))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::super::params::{LIMITED_ACTIONS, RESOURCES};
    use super::super::{ErrorCode, LimitedAction, Resource, ERROR_CODES};

    /// Every variant but `Unknown` is in its table, in order, under its serialised name.
    fn check<T: Copy + PartialEq + std::fmt::Debug + Serialize + for<'de> Deserialize<'de>>(
        table: &[(&str, T)],
        index: impl Fn(T) -> usize,
        name_of: impl Fn(T) -> &'static str,
        unknown: T,
    ) {
        for (i, (name, value)) in table.iter().enumerate() {
            assert_eq!(index(*value), i, "{name} out of order");
            assert_eq!(
                serde_json::to_value(value).ok(),
                Some(serde_json::json!(name))
            );
            let back: T = serde_json::from_value(serde_json::json!(name)).expect(name);
            assert_eq!(name_of(back), *name);
            assert_eq!(back, *value);
        }
        assert_eq!(
            index(unknown),
            table.len(),
            "a variant is missing from the table"
        );
        let newer: T = serde_json::from_str(r#""from_a_newer_server""#).expect("newer");
        assert_eq!(newer, unknown);
        assert_eq!(name_of(unknown), "unknown");
    }

    #[test]
    fn every_name_reads_back_and_unknown_names_are_unknown() {
        check(
            ERROR_CODES,
            |c| c as usize,
            ErrorCode::name,
            ErrorCode::Unknown,
        );
        check(RESOURCES, |r| r as usize, Resource::name, Resource::Unknown);
        check(
            LIMITED_ACTIONS,
            |a| a as usize,
            LimitedAction::name,
            LimitedAction::Unknown,
        );
        // Escaped strings (owned, not borrowed) read too.
        let escaped: ErrorCode = serde_json::from_str(r#""sold\u005fout""#).expect("escaped");
        assert_eq!(escaped, ErrorCode::SoldOut);
        assert!(serde_json::from_str::<ErrorCode>("3").is_err());
    }
}
