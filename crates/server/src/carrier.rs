//! The simulated carrier: where an order is follows from when it was paid, the time now and
//! the configured step length, so no background job moves orders along and tests can jump in
//! time by backdating `paid_at`. Pure functions only.

use api_types::{OrderStatus, TimelineStep};

/// Domestic orders: packed after one step, on the road after two, delivered after five.
const DOMESTIC: [(OrderStatus, i64); 4] = [
    (OrderStatus::Paid, 0),
    (OrderStatus::Packed, 1),
    (OrderStatus::InTransit, 2),
    (OrderStatus::Delivered, 5),
];

/// Cross-border orders leave a bonded warehouse and clear customs before the domestic leg.
const CROSS_BORDER: [(OrderStatus, i64); 5] = [
    (OrderStatus::Paid, 0),
    (OrderStatus::Packed, 1),
    (OrderStatus::CustomsCleared, 3),
    (OrderStatus::InTransit, 4),
    (OrderStatus::Delivered, 8),
];

/// The steps of an order's journey with how many carrier steps after payment each happens.
pub fn route(cross_border: bool) -> &'static [(OrderStatus, i64)] {
    if cross_border {
        &CROSS_BORDER
    } else {
        &DOMESTIC
    }
}

/// The latest payment time whose order is delivered by `now`, for SQL that has to tell
/// delivered orders apart in bulk (the same rule as [`Shipment::status`]).
pub fn delivered_if_paid_by(now: i64, cross_border: bool, step: i64) -> i64 {
    let from_payment = Shipment {
        paid_at: 0,
        cross_border,
        cancelled_at: None,
    }
    .delivered_at(step);
    now.saturating_sub(from_payment)
}

/// What the carrier needs to know about an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shipment {
    pub paid_at: i64,
    pub cross_border: bool,
    pub cancelled_at: Option<i64>,
}

impl Shipment {
    /// When `status` is reached (or expected), given `step` seconds per carrier step.
    fn at(&self, steps: i64, step: i64) -> i64 {
        self.paid_at
            .saturating_add(steps.saturating_mul(step.max(1)))
    }

    /// When the order is (or will be) delivered.
    pub fn delivered_at(&self, step: i64) -> i64 {
        let steps = route(self.cross_border).last().map_or(0, |s| s.1);
        self.at(steps, step)
    }

    /// The status at `now`: `Cancelled` once cancelled, else the last step reached.
    pub fn status(&self, now: i64, step: i64) -> OrderStatus {
        if self.cancelled_at.is_some() {
            return OrderStatus::Cancelled;
        }
        route(self.cross_border)
            .iter()
            .take_while(|(_, steps)| self.at(*steps, step) <= now)
            .last()
            .map_or(OrderStatus::Paid, |s| s.0)
    }

    /// Every step with its actual or expected time. A cancelled order lists the steps it
    /// reached before it was cancelled, then a done `Cancelled` step.
    pub fn timeline(&self, now: i64, step: i64) -> Vec<TimelineStep> {
        let steps = route(self.cross_border).iter().map(|(status, steps)| {
            let at = self.at(*steps, step);
            TimelineStep {
                status: *status,
                at,
                done: at <= now,
            }
        });
        match self.cancelled_at {
            None => steps.collect(),
            Some(cancelled) => steps
                // Paid always happened, even if the order was cancelled in the same second.
                .filter(|s| s.status == OrderStatus::Paid || s.at <= cancelled)
                .map(|s| TimelineStep { done: true, ..s })
                .chain(std::iter::once(TimelineStep {
                    status: OrderStatus::Cancelled,
                    at: cancelled,
                    done: true,
                }))
                .collect(),
        }
    }

    /// Can still be cancelled at `now`: not cancelled and not shipped yet.
    pub fn cancellable(&self, now: i64, step: i64) -> bool {
        let status = self.status(now, step);
        status != OrderStatus::Cancelled && !status.shipped()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;

    const STEP: i64 = 60;
    const PAID: i64 = 1_000_000;

    fn shipment(cross_border: bool) -> Shipment {
        Shipment {
            paid_at: PAID,
            cross_border,
            cancelled_at: None,
        }
    }

    #[test]
    fn domestic_orders_move_by_steps() {
        let s = shipment(false);
        let at = |secs: i64| s.status(PAID + secs, STEP);
        assert_eq!(at(0), Paid);
        assert_eq!(at(59), Paid);
        assert_eq!(at(60), Packed);
        assert_eq!(at(119), Packed);
        assert_eq!(at(120), InTransit);
        assert_eq!(at(299), InTransit);
        assert_eq!(at(300), Delivered);
        assert_eq!(at(1_000_000), Delivered);
        assert!(s.cancellable(PAID + 119, STEP));
        assert!(!s.cancellable(PAID + 120, STEP));
        assert_eq!(s.delivered_at(STEP), PAID + 300);
        // The bulk rule agrees with the status at the edge.
        let by = delivered_if_paid_by(PAID + 300, false, STEP);
        assert_eq!(by, PAID);
        assert_eq!(delivered_if_paid_by(PAID + 480, true, STEP), PAID);
    }

    #[test]
    fn cross_border_orders_clear_customs() {
        let s = shipment(true);
        let at = |secs: i64| s.status(PAID + secs, STEP);
        assert_eq!(at(60), Packed);
        assert_eq!(at(179), Packed);
        assert_eq!(at(180), CustomsCleared);
        assert_eq!(at(240), InTransit);
        assert_eq!(at(479), InTransit);
        assert_eq!(at(480), Delivered);
        // Customs cleared is not shipped yet: still cancellable.
        assert!(s.cancellable(PAID + 200, STEP));
        assert!(!s.cancellable(PAID + 240, STEP));
    }

    #[test]
    fn timelines_list_every_step_with_expected_times() {
        let t = shipment(false).timeline(PAID + 130, STEP);
        let got: Vec<(OrderStatus, i64, bool)> =
            t.iter().map(|s| (s.status, s.at, s.done)).collect();
        assert_eq!(
            got,
            vec![
                (Paid, PAID, true),
                (Packed, PAID + 60, true),
                (InTransit, PAID + 120, true),
                (Delivered, PAID + 300, false),
            ]
        );
        let t = shipment(true).timeline(PAID, STEP);
        let statuses: Vec<OrderStatus> = t.iter().map(|s| s.status).collect();
        assert_eq!(
            statuses,
            [Paid, Packed, CustomsCleared, InTransit, Delivered]
        );
        assert_eq!(t.iter().filter(|s| s.done).count(), 1);
        assert_eq!(t[4].at, PAID + 480);
    }

    #[test]
    fn cancelled_orders_end_with_the_cancellation() {
        let s = Shipment {
            cancelled_at: Some(PAID + 90),
            ..shipment(true)
        };
        // Long after: the order stays cancelled and never "delivers".
        assert_eq!(s.status(PAID + 10_000, STEP), Cancelled);
        assert!(!s.cancellable(PAID + 10_000, STEP));
        let got: Vec<(OrderStatus, i64, bool)> = s
            .timeline(PAID + 10_000, STEP)
            .iter()
            .map(|s| (s.status, s.at, s.done))
            .collect();
        assert_eq!(
            got,
            vec![
                (Paid, PAID, true),
                (Packed, PAID + 60, true),
                (Cancelled, PAID + 90, true)
            ]
        );
        let at_once = Shipment {
            cancelled_at: Some(PAID),
            ..shipment(false)
        };
        let statuses: Vec<OrderStatus> = at_once
            .timeline(PAID + 5, STEP)
            .iter()
            .map(|s| s.status)
            .collect();
        assert_eq!(statuses, [Paid, Cancelled]);
    }
}
