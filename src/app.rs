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
use crate::routes::cart::CartPage;
use crate::routes::checkout::CheckoutPage;
use crate::routes::creator::CreatorPage;
use crate::routes::earnings::EarningsPage;
use crate::routes::explore::ExploreShell;
use crate::routes::follows::{FollowersPage, FollowingPage};
use crate::routes::gallery::GalleryPage;
use crate::routes::not_found::NotFound;
use crate::routes::note::NoteRoute;
use crate::routes::notifications::NotificationsPage;
use crate::routes::orders::{OrderPage, OrdersPage};
use crate::routes::product::ProductPage;
use crate::routes::publish::{DraftsPage, PublishPage};
use crate::routes::search::SearchPage;
use crate::routes::settings::SettingsPage;
use crate::routes::shop::ShopPage;
use crate::routes::topic::TopicPage;
use crate::routes::user::UserPage;
use crate::session::provide_auth;

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
                    <Route path=path!("/search") view=SearchPage/>
                    <Route path=path!("/topic/:name") view=TopicPage/>
                    <Route path=path!("/user/:id") view=UserPage/>
                    <Route path=path!("/user/:id/followers") view=FollowersPage/>
                    <Route path=path!("/user/:id/following") view=FollowingPage/>
                    <Route path=path!("/notifications") view=NotificationsPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <Route path=path!("/shop") view=ShopPage/>
                    <Route path=path!("/product/:id") view=ProductPage/>
                    <Route path=path!("/cart") view=CartPage/>
                    <Route path=path!("/publish") view=PublishPage/>
                    <Route path=path!("/publish/drafts") view=DraftsPage/>
                    <Route path=path!("/checkout") view=CheckoutPage/>
                    <Route path=path!("/orders") view=OrdersPage/>
                    <Route path=path!("/orders/:id") view=OrderPage/>
                    <Route path=path!("/creator") view=CreatorPage/>
                    <Route path=path!("/creator/earnings") view=EarningsPage/>
                    <Route path=path!("/gallery") view=GalleryPage/>
                    <Route path=path!("/gallery/:component") view=GalleryPage/>
                </Routes>
            </main>
            <TabBar/>
            <AuthSheet/>
            <CartDrawer/>
            <ToastRegion/>
        </Router>
    }
}
