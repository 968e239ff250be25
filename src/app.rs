//! The root component: app chrome and routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::cart::provide_cart;
use crate::components::auth_sheet::AuthSheet;
use crate::components::cart_view::CartDrawer;
use crate::components::header::Header;
use crate::components::tab_bar::TabBar;
use crate::components::toast::{provide_toasts, ToastRegion};
use crate::lazy::Lazy;
use crate::routes::explore::ExploreShell;
use crate::routes::not_found::NotFound;
use crate::routes::note::NoteRoute;
use crate::session::provide_auth;

// The first route a phone opens (shell, feed, note) is in the main module; every other page is
// fetched with its chunk on first use. Pages used together share a chunk.
lazy_page!(
    search_page,
    search,
    view! { <crate::routes::search::SearchPage/> }
);
lazy_page!(
    topic_page,
    people,
    view! { <crate::routes::topic::TopicPage/> }
);
lazy_page!(
    user_page,
    people,
    view! { <crate::routes::user::UserPage/> }
);
lazy_page!(
    followers_page,
    people,
    view! { <crate::routes::follows::FollowersPage/> }
);
lazy_page!(
    following_page,
    people,
    view! { <crate::routes::follows::FollowingPage/> }
);
lazy_page!(
    notifications_page,
    account,
    view! { <crate::routes::notifications::NotificationsPage/> }
);
lazy_page!(
    settings_page,
    account,
    view! { <crate::routes::settings::SettingsPage/> }
);
lazy_page!(shop_page, shop, view! { <crate::routes::shop::ShopPage/> });
lazy_page!(
    product_page,
    shop,
    view! { <crate::routes::product::ProductPage/> }
);
lazy_page!(cart_page, shop, view! { <crate::routes::cart::CartPage/> });
lazy_page!(
    checkout_page,
    orders,
    view! { <crate::routes::checkout::CheckoutPage/> }
);
lazy_page!(
    orders_page,
    orders,
    view! { <crate::routes::orders::OrdersPage/> }
);
lazy_page!(
    order_page,
    orders,
    view! { <crate::routes::orders::OrderPage/> }
);
lazy_page!(
    publish_page,
    creator,
    view! { <crate::routes::publish::PublishPage/> }
);
lazy_page!(
    drafts_page,
    creator,
    view! { <crate::routes::publish::DraftsPage/> }
);
lazy_page!(
    creator_page,
    creator,
    view! { <crate::routes::creator::CreatorPage/> }
);
lazy_page!(
    earnings_page,
    creator,
    view! { <crate::routes::earnings::EarningsPage/> }
);
lazy_page!(
    gallery_page,
    gallery,
    view! { <crate::routes::gallery::GalleryPage/> }
);

#[component]
pub fn App() -> impl IntoView {
    provide_toasts();
    let auth = provide_auth();
    provide_cart(auth);
    view! {
        <Router>
            <Header/>
            <main id="main" class="app-main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/explore"/> }/>
                    <ParentRoute path=path!("/explore") view=ExploreShell>
                        <Route path=path!(":id") view=NoteRoute/>
                        <Route path=path!("") view=|| ()/>
                    </ParentRoute>
                    <Route path=path!("/search") view=|| view! { <Lazy load=search_page/> }/>
                    <Route path=path!("/topic/:name") view=|| view! { <Lazy load=topic_page/> }/>
                    <Route path=path!("/user/:id") view=|| view! { <Lazy load=user_page/> }/>
                    <Route path=path!("/user/:id/followers") view=|| view! { <Lazy load=followers_page/> }/>
                    <Route path=path!("/user/:id/following") view=|| view! { <Lazy load=following_page/> }/>
                    <Route path=path!("/notifications") view=|| view! { <Lazy load=notifications_page/> }/>
                    <Route path=path!("/settings") view=|| view! { <Lazy load=settings_page/> }/>
                    <Route path=path!("/shop") view=|| view! { <Lazy load=shop_page/> }/>
                    <Route path=path!("/product/:id") view=|| view! { <Lazy load=product_page/> }/>
                    <Route path=path!("/cart") view=|| view! { <Lazy load=cart_page/> }/>
                    <Route path=path!("/publish") view=|| view! { <Lazy load=publish_page/> }/>
                    <Route path=path!("/publish/drafts") view=|| view! { <Lazy load=drafts_page/> }/>
                    <Route path=path!("/checkout") view=|| view! { <Lazy load=checkout_page/> }/>
                    <Route path=path!("/orders") view=|| view! { <Lazy load=orders_page/> }/>
                    <Route path=path!("/orders/:id") view=|| view! { <Lazy load=order_page/> }/>
                    <Route path=path!("/creator") view=|| view! { <Lazy load=creator_page/> }/>
                    <Route path=path!("/creator/earnings") view=|| view! { <Lazy load=earnings_page/> }/>
                    <Route path=path!("/gallery") view=|| view! { <Lazy load=gallery_page/> }/>
                    <Route path=path!("/gallery/:component") view=|| view! { <Lazy load=gallery_page/> }/>
                </Routes>
            </main>
            <TabBar/>
            <AuthSheet/>
            <CartDrawer/>
            <ToastRegion/>
        </Router>
    }
}
