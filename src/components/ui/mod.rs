//! The design system's primitives: small components with scoped styles (stylers) and typed
//! props. Pages compose these instead of styling their own buttons, fields and chips. Every
//! primitive is shown in every state on `/gallery` (`src/routes/gallery/`): a new one goes
//! there too.

pub mod badge;
pub mod button;
pub mod chip;
pub mod field;
pub mod price;
pub mod segmented;
pub mod spinner;
pub mod tabs;

pub use badge::Badge;
pub use button::{Button, ButtonSize, ButtonVariant, IconButton};
pub use chip::Chip;
pub use field::TextField;
pub use price::Price;
pub use segmented::{Choice, Segmented};
pub use spinner::Spinner;
pub use tabs::{Tab, Tabs};
