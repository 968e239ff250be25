//! Shipping addresses and their validation.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{ErrorCode, ErrorParams, FieldError};

/// Most saved addresses per account.
pub const MAX_ADDRESSES: usize = 20;

/// A saved address (mainland China format).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AddressInput {
    pub recipient: String,
    /// Mainland mobile number: 11 digits starting with 1.
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    /// Street, building, room.
    pub detail: String,
    #[serde(default)]
    pub is_default: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Address {
    pub id: i64,
    pub recipient: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub detail: String,
    pub is_default: bool,
}

pub const RECIPIENT_MAX_CHARS: usize = 24;
pub const REGION_MAX_CHARS: usize = 20;
pub const ADDRESS_DETAIL_CHARS: (usize, usize) = (5, 120);

fn check_length(
    errors: &mut Vec<FieldError>,
    name: &str,
    label: &str,
    value: &str,
    (min, max): (usize, usize),
) {
    let len = value.trim().chars().count();
    if len == 0 {
        errors.push(FieldError::new(
            name,
            ErrorCode::Required,
            format!("{label} is required."),
        ));
    } else if len < min {
        errors.push(
            FieldError::new(
                name,
                ErrorCode::TooShort,
                format!("{label} needs at least {min} characters."),
            )
            .with(ErrorParams::range(min, max)),
        );
    } else if len > max {
        errors.push(
            FieldError::new(
                name,
                ErrorCode::TooLong,
                format!("{label} can be at most {max} characters."),
            )
            .with(ErrorParams::max(max)),
        );
    }
}

/// Every problem with an address, field by field (empty when valid).
pub fn validate_address(a: &AddressInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_length(
        &mut errors,
        "recipient",
        "Recipient",
        &a.recipient,
        (1, RECIPIENT_MAX_CHARS),
    );
    let phone: String = a
        .phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    let phone_ok = phone.len() == 11
        && phone.bytes().all(|b| b.is_ascii_digit())
        && phone.starts_with('1')
        && matches!(phone.as_bytes()[1], b'3'..=b'9');
    if a.phone.trim().is_empty() {
        errors.push(FieldError::new(
            "phone",
            ErrorCode::Required,
            "Phone number is required.",
        ));
    } else if !phone_ok {
        errors.push(FieldError::new(
            "phone",
            ErrorCode::PhoneInvalid,
            "Enter an 11-digit mainland mobile number, e.g. 138 0013 8000.",
        ));
    }
    check_length(
        &mut errors,
        "province",
        "Province",
        &a.province,
        (1, REGION_MAX_CHARS),
    );
    check_length(&mut errors, "city", "City", &a.city, (1, REGION_MAX_CHARS));
    check_length(
        &mut errors,
        "district",
        "District",
        &a.district,
        (1, REGION_MAX_CHARS),
    );
    check_length(
        &mut errors,
        "detail",
        "Street address",
        &a.detail,
        ADDRESS_DETAIL_CHARS,
    );
    errors
}

/// The phone as stored: digits only.
pub fn normalize_phone(raw: &str) -> String {
    raw.chars().filter(|c| c.is_ascii_digit()).collect()
}
