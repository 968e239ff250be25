//! The root component: app chrome and routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::cart::provide_cart;
use crate::components::auth_sheet::AuthSheet;
use crate::components::cart_view::CartDrawer;
use crate::components::deferred::Deferred;
use crate::components::header::Header;
use crate::components::tab_bar::TabBar;
use crate::components::toast::{provide_toasts, ToastRegion};
use crate::lazy::Lazy;
use crate::routes::explore::ExploreShell;
use crate::routes::not_found::NotFound;
use crate::session::provide_auth;

// The shell and the feed are in the main module; every other page is fetched with its chunk on
// first use (or, for the likely next steps, when idle). Five chunks: `note` (with the sign-in
// sheet and the cart drawer: what the first taps need, prefetched when idle), `shop`, `pages`
// (search, people, notifications, settings), `rare` (buying, publishing, the creator center,
// the gallery) and `live` (the live rooms: their player, sockets and pages would take `pages`
// from 109 KB to 213 KB brotli, over its 200 KB budget). Every chunk costs a file per set of
// chunks sharing code, so there are few.
// The note (over the feed, or as a page) is fetched when idle, before the first tap.
lazy_view!(
    note_route,
    note,
    view! { <crate::routes::note::NoteRoute/> }
);
lazy_view!(
    search_page,
    pages,
    view! { <crate::routes::search::SearchPage/> }
);
lazy_view!(
    topic_page,
    pages,
    view! { <crate::routes::topic::TopicPage/> }
);
lazy_view!(user_page, pages, view! { <crate::routes::user::UserPage/> });
lazy_view!(
    followers_page,
    pages,
    view! { <crate::routes::follows::FollowersPage/> }
);
lazy_view!(
    following_page,
    pages,
    view! { <crate::routes::follows::FollowingPage/> }
);
lazy_view!(
    notifications_page,
    pages,
    view! { <crate::routes::notifications::NotificationsPage/> }
);
lazy_view!(
    settings_page,
    pages,
    view! { <crate::routes::settings::SettingsPage/> }
);
lazy_view!(
    live_list_page,
    rare,
    view! { <crate::routes::live::LiveListPage/> }
);
lazy_view!(
    live_room_page,
    rare,
    view! { <crate::routes::live::LiveRoomPage/> }
);
lazy_view!(
    go_live_page,
    rare,
    view! { <crate::routes::live::GoLivePage/> }
);
lazy_view!(shop_page, shop, view! { <crate::routes::shop::ShopPage/> });
lazy_view!(
    product_page,
    shop,
    view! { <crate::routes::product::ProductPage/> }
);
lazy_view!(cart_page, shop, view! { <crate::routes::cart::CartPage/> });
lazy_view!(
    checkout_page,
    rare,
    view! { <crate::routes::checkout::CheckoutPage/> }
);
lazy_view!(
    orders_page,
    rare,
    view! { <crate::routes::orders::OrdersPage/> }
);
lazy_view!(
    order_page,
    rare,
    view! { <crate::routes::orders::OrderPage/> }
);
lazy_view!(
    publish_page,
    rare,
    view! { <crate::routes::publish::PublishPage/> }
);
lazy_view!(
    drafts_page,
    rare,
    view! { <crate::routes::publish::DraftsPage/> }
);
lazy_view!(
    creator_page,
    rare,
    view! { <crate::routes::creator::CreatorPage/> }
);
lazy_view!(
    earnings_page,
    rare,
    view! { <crate::routes::earnings::EarningsPage/> }
);
lazy_view!(
    gallery_page,
    rare,
    view! { <crate::routes::gallery::GalleryPage/> }
);

#[component]
pub fn App() -> impl IntoView {
    provide_toasts();
    let auth = provide_auth();
    provide_cart(auth);
    // The note page, the sign-in sheet and the cart drawer share the `note` chunk.
    crate::lazy::prefetch_when_idle(&["note"]);
    view! {
        <Router>
            <Header/>
            <main id="main" class="app-main" tabindex="-1">
                <Deferred>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/explore"/> }/>
                    <ParentRoute path=path!("/explore") view=ExploreShell>
                        <Route path=path!(":id") view=|| view! { <Lazy load=note_route::load overlay=true/> }/>
                        <Route path=path!("") view=|| ()/>
                    </ParentRoute>
                    <Route path=path!("/search") view=|| view! { <Lazy load=search_page::load/> }/>
                    <Route path=path!("/topic/:name") view=|| view! { <Lazy load=topic_page::load/> }/>
                    <Route path=path!("/user/:id") view=|| view! { <Lazy load=user_page::load/> }/>
                    <Route path=path!("/user/:id/followers") view=|| view! { <Lazy load=followers_page::load/> }/>
                    <Route path=path!("/user/:id/following") view=|| view! { <Lazy load=following_page::load/> }/>
                    <Route path=path!("/notifications") view=|| view! { <Lazy load=notifications_page::load/> }/>
                    <Route path=path!("/settings") view=|| view! { <Lazy load=settings_page::load/> }/>
                    <Route path=path!("/live") view=|| view! { <Lazy load=live_list_page::load/> }/>
                    <Route path=path!("/live/new") view=|| view! { <Lazy load=go_live_page::load/> }/>
                    <Route path=path!("/live/:id") view=|| view! { <Lazy load=live_room_page::load/> }/>
                    <Route path=path!("/shop") view=|| view! { <Lazy load=shop_page::load/> }/>
                    <Route path=path!("/product/:id") view=|| view! { <Lazy load=product_page::load/> }/>
                    <Route path=path!("/cart") view=|| view! { <Lazy load=cart_page::load/> }/>
                    <Route path=path!("/publish") view=|| view! { <Lazy load=publish_page::load/> }/>
                    <Route path=path!("/publish/drafts") view=|| view! { <Lazy load=drafts_page::load/> }/>
                    <Route path=path!("/checkout") view=|| view! { <Lazy load=checkout_page::load/> }/>
                    <Route path=path!("/orders") view=|| view! { <Lazy load=orders_page::load/> }/>
                    <Route path=path!("/orders/:id") view=|| view! { <Lazy load=order_page::load/> }/>
                    <Route path=path!("/creator") view=|| view! { <Lazy load=creator_page::load/> }/>
                    <Route path=path!("/creator/earnings") view=|| view! { <Lazy load=earnings_page::load/> }/>
                    <Route path=path!("/gallery") view=|| view! { <Lazy load=gallery_page::load/> }/>
                    <Route path=path!("/gallery/:component") view=|| view! { <Lazy load=gallery_page::load/> }/>
                </Routes>
                </Deferred>
            </main>
            // The header's contents, the page and each piece of the rest of the chrome come in a
            // task of their own: one task doing it all (and compiling every function it runs on
            // first call) blocks a phone's main thread for a third of a second.
            <Deferred><TabBar/></Deferred>
            <Deferred><AuthSheet/></Deferred>
            <Deferred><CartDrawer/></Deferred>
            <Deferred><ToastRegion/></Deferred>
        </Router>
    }
}
