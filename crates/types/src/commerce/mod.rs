//! Cart, addresses, checkout, orders and creator earnings: the shapes of the buying half of the
//! closed loop, plus the pure validation both sides share (the server is the authority; the
//! client runs the same rules to show errors before a round trip).

mod address;
mod cart;
mod checkout;
mod orders;

pub use address::*;
pub use cart::*;
pub use checkout::*;
pub use orders::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cards_pass_luhn_and_typos_do_not() {
        for card in [TEST_CARD_SUCCESS, TEST_CARD_DECLINE, TEST_CARD_INSUFFICIENT] {
            assert!(luhn_valid(card), "{card}");
        }
        assert!(!luhn_valid("4242 4242 4242 4241"));
        assert!(!luhn_valid("4242"));
        assert!(!luhn_valid("4242 4242 4242 424x"));
    }

    #[test]
    fn payment_checks_expiry_against_now() {
        let mut p = PaymentInput {
            card_number: TEST_CARD_SUCCESS.into(),
            expiry: "12/30".into(),
            cvc: "123".into(),
        };
        assert!(validate_payment(&p, (2026, 11)).is_empty());
        p.expiry = "10/26".into();
        let errors = validate_payment(&p, (2026, 11));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "expiry");
        p.expiry = "11/26".into();
        assert!(validate_payment(&p, (2026, 11)).is_empty());
        p.expiry = "13/30".into();
        p.cvc = "12".into();
        assert_eq!(validate_payment(&p, (2026, 11)).len(), 2);
    }

    #[test]
    fn addresses_are_checked_field_by_field() {
        let mut a = AddressInput {
            recipient: "林小满".into(),
            phone: "138 0013 8000".into(),
            province: "上海市".into(),
            city: "上海市".into(),
            district: "静安区".into(),
            detail: "南京西路 1266 号 12 楼".into(),
            is_default: true,
        };
        assert!(validate_address(&a).is_empty());
        a.phone = "12345".into();
        a.detail = "1号".into();
        a.recipient = "  ".into();
        let fields: Vec<String> = validate_address(&a).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["recipient", "phone", "detail"]);
        assert_eq!(normalize_phone("138-0013 8000"), "13800138000");
    }
}
