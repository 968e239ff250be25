//! The shopping cart, app-wide. Signed in, the cart lives on the server; signed out, its lines
//! live in the browser (`localStorage`) and the server only prices them. On sign-in the
//! browser cart merges into the account's cart and is cleared.

use api_types::{Cart, LineInput, MAX_LINE_QUANTITY};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::session::Auth;

const STORAGE_KEY: &str = "zc_cart";

#[derive(Clone, Copy)]
pub struct CartStore {
    /// The cart as last priced by the server.
    pub cart: RwSignal<Cart>,
    /// Whose cart `cart` holds (`Some(None)`: the browser's), once priced. It lags behind a
    /// sign-in until the browser cart has merged into the account's.
    priced_for: RwSignal<Option<Option<i64>>>,
    /// The drawer (desktop) is open.
    pub drawer_open: RwSignal<bool>,
    auth: Auth,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The signed-out cart's lines, newest first.
fn local_lines() -> Vec<LineInput> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn save_local(lines: &[LineInput]) {
    if let Some(s) = storage() {
        let _ = if lines.is_empty() {
            s.remove_item(STORAGE_KEY)
        } else {
            match serde_json::to_string(lines) {
                Ok(json) => s.set_item(STORAGE_KEY, &json),
                Err(_) => Ok(()),
            }
        };
    }
}

impl CartStore {
    fn signed_in(&self) -> bool {
        self.auth.user_id_untracked().is_some()
    }

    /// The cart is priced for whoever is signed in now (false while a sign-in's merge is under
    /// way: a checkout must not price the account's cart without the browser's lines).
    pub fn loaded(&self) -> bool {
        self.priced_for.get() == Some(self.auth.user_id())
    }

    /// Units in the cart, for the header badge.
    pub fn count(&self) -> i64 {
        self.cart.with(|c| c.item_count)
    }

    /// Re-reads (and re-prices) the cart, e.g. when opening it: stock may have changed.
    pub async fn refresh(self) -> Result<(), ApiError> {
        let user = self.auth.user_id_untracked();
        let cart = if user.is_some() {
            api::cart().await?
        } else {
            let lines = local_lines();
            if lines.is_empty() {
                Cart::default()
            } else {
                api::preview_cart(lines).await?
            }
        };
        self.cart.set(cart);
        self.priced_for.set(Some(user));
        Ok(())
    }

    pub async fn add(self, line: LineInput) -> Result<(), ApiError> {
        if self.signed_in() {
            self.cart.set(api::add_to_cart(&line).await?);
            return Ok(());
        }
        let mut lines = local_lines();
        match lines.iter().position(|l| l.variant_id == line.variant_id) {
            Some(i) => {
                let mut old = lines.remove(i);
                old.quantity = (old.quantity + line.quantity).min(MAX_LINE_QUANTITY);
                old.from_note = line.from_note.or(old.from_note);
                lines.insert(0, old);
            }
            None => lines.insert(0, line),
        }
        self.price_local(lines).await
    }

    pub async fn set_quantity(self, variant: i64, quantity: i64) -> Result<(), ApiError> {
        if self.signed_in() {
            self.cart
                .set(api::set_cart_quantity(variant, quantity).await?);
            return Ok(());
        }
        let mut lines = local_lines();
        for l in lines.iter_mut().filter(|l| l.variant_id == variant) {
            l.quantity = quantity.clamp(1, MAX_LINE_QUANTITY);
        }
        self.price_local(lines).await
    }

    pub async fn remove(self, variant: i64) -> Result<(), ApiError> {
        if self.signed_in() {
            self.cart.set(api::remove_from_cart(variant).await?);
            return Ok(());
        }
        let mut lines = local_lines();
        lines.retain(|l| l.variant_id != variant);
        self.price_local(lines).await
    }

    async fn price_local(self, lines: Vec<LineInput>) -> Result<(), ApiError> {
        save_local(&lines);
        let cart = if lines.is_empty() {
            Cart::default()
        } else {
            api::preview_cart(lines).await?
        };
        self.cart.set(cart);
        Ok(())
    }

    /// After sign-in: the browser cart joins the account's cart, then the browser forgets it.
    async fn merge_local(self, user: i64) -> Result<(), ApiError> {
        let lines = local_lines();
        let cart = if lines.is_empty() {
            api::cart().await?
        } else {
            let merged = api::merge_cart(lines).await?;
            save_local(&[]);
            merged
        };
        self.cart.set(cart);
        self.priced_for.set(Some(Some(user)));
        Ok(())
    }
}

/// Creates the cart context and keeps it in step with who is signed in.
pub fn provide_cart(auth: Auth) -> CartStore {
    let store = CartStore {
        cart: RwSignal::new(Cart::default()),
        priced_for: RwSignal::new(None),
        drawer_open: RwSignal::new(false),
        auth,
    };
    provide_context(store);
    Effect::new(move |_| {
        if !auth.checked.get() {
            return;
        }
        let user = auth.user_id();
        spawn_local(async move {
            let _ = match user {
                // Failing that, the account's cart alone (the browser's lines stay for the
                // next sign-in).
                Some(user) => match store.merge_local(user).await {
                    Ok(()) => Ok(()),
                    Err(_) => store.refresh().await,
                },
                None => store.refresh().await,
            };
        });
    });
    store
}

pub fn use_cart() -> CartStore {
    expect_context::<CartStore>()
}
