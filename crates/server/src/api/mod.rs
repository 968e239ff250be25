//! The JSON API under `/api/v1`, with its OpenAPI document generated from these handlers.

pub mod account;
pub mod addresses;
pub mod cart;
pub mod checkout;
pub mod comments;
pub mod drafts;
pub mod earnings;
pub mod editor;
pub mod feed;
pub mod interactions;
pub mod lines;
pub mod live;
pub mod notes;
pub mod notifications;
pub mod openapi;
pub mod orders;
pub mod publish;
pub mod reports;
pub mod rows;
pub mod search;
pub mod shop;
pub mod signals;
pub mod stats;
pub mod uploads;
pub mod users;
pub mod videos;

use api_types::{Health, UPLOAD_MAX_BYTES};
use axum::extract::{DefaultBodyLimit, State};
use axum::Json;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppResult;
use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Zhongcao API",
        description = "Notes, feed, comments, accounts, interactions, notifications, publishing (uploads, drafts, reports, views, creator stats), the shop, cart, checkout, orders, creator earnings and livestream shopping rooms of the Zhongcao social-shopping app. State-changing requests need a same-site Origin and (mostly) the session cookie. Every failure answers `ErrorBody`."
    ),
    // Types that only query parameters name: nothing else pulls them into the document.
    components(schemas(
        api_types::SearchSort,
        api_types::NoteTypeFilter,
        api_types::TimeFilter,
        api_types::ProductSort,
        api_types::NotificationTab,
        api_types::ServerEvent,
        api_types::ClientEvent,
        api_types::ErrorBody
    ))
)]
struct ApiDoc;

/// Liveness plus a sanity count, used by `cargo xtask` to wait for readiness.
#[utoipa::path(get, path = "/api/v1/health", tag = "meta", responses((status = 200, body = Health)))]
async fn health(State(state): State<AppState>) -> AppResult<Json<Health>> {
    let notes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes")
        .fetch_one(&state.db)
        .await?;
    Ok(Json(Health {
        status: "ok".to_string(),
        notes,
    }))
}

pub fn router() -> OpenApiRouter<AppState> {
    // Note pictures are the one body bigger than the router-wide limit (avatars): this route
    // gets its own, a little over the upload maximum so the handler can answer 413 as JSON.
    let (schemas, paths, upload) = routes!(uploads::upload);
    let upload = upload.layer(DefaultBodyLimit::max(UPLOAD_MAX_BYTES + 64 * 1024));
    // Videos stream to a file and count their own bytes (`AppState::videos.max_bytes`).
    let (video_schemas, video_paths, video_upload) = routes!(videos::upload);
    let video_upload = video_upload.layer(DefaultBodyLimit::disable());
    let mut router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(feed::channels))
        .routes(routes!(feed::feed))
        .routes(routes!(
            notes::note_detail,
            publish::edit_note,
            publish::delete_note
        ))
        .routes(routes!(publish::create_note))
        .routes(routes!(publish::waiting::list))
        .routes(routes!(publish::waiting::dismiss))
        .routes((schemas, paths, upload))
        .routes((video_schemas, video_paths, video_upload))
        .routes(routes!(videos::status))
        .routes(routes!(drafts::list, drafts::create))
        .routes(routes!(drafts::save, drafts::delete))
        .routes(routes!(editor::suggest_topics))
        .routes(routes!(editor::suggest_mentions))
        .routes(routes!(reports::report_note))
        .routes(routes!(reports::report_comment))
        .routes(routes!(stats::record_view))
        .routes(routes!(stats::record_share))
        .routes(routes!(signals::record_open))
        .routes(routes!(
            signals::not_interested,
            signals::undo_not_interested
        ))
        .routes(routes!(stats::creator_stats))
        .routes(routes!(notes::related))
        .routes(routes!(comments::note_comments))
        .routes(routes!(comments::replies))
        .routes(routes!(feed::following_feed))
        .routes(routes!(feed::for_you_feed))
        .routes(routes!(users::profile))
        .routes(routes!(users::followers))
        .routes(routes!(users::following))
        .routes(routes!(users::collections))
        .routes(routes!(users::likes))
        .routes(routes!(users::suggested))
        .routes(routes!(account::sign_up))
        .routes(routes!(account::sign_in))
        .routes(routes!(account::sign_out))
        .routes(routes!(account::sign_out_everywhere))
        .routes(routes!(account::session))
        .routes(routes!(account::settings::update_profile))
        .routes(routes!(account::settings::change_password))
        .routes(routes!(account::settings::upload_avatar))
        .routes(routes!(interactions::like_note, interactions::unlike_note))
        .routes(routes!(
            interactions::collect_note,
            interactions::uncollect_note
        ))
        .routes(routes!(
            interactions::like_comment,
            interactions::unlike_comment
        ))
        .routes(routes!(interactions::follow, interactions::unfollow))
        .routes(routes!(interactions::post_comment))
        .routes(routes!(interactions::delete_comment))
        .routes(routes!(notifications::list))
        .routes(routes!(notifications::unread))
        .routes(routes!(notifications::mark_read))
        .routes(routes!(shop::categories))
        .routes(routes!(shop::products))
        .routes(routes!(shop::product_detail))
        .routes(routes!(shop::product_notes))
        .routes(routes!(cart::get_cart))
        .routes(routes!(cart::add_item))
        .routes(routes!(cart::set_item, cart::remove_item))
        .routes(routes!(cart::merge))
        .routes(routes!(cart::preview))
        .routes(routes!(addresses::list, addresses::create))
        .routes(routes!(addresses::update, addresses::delete))
        .routes(routes!(checkout::quote))
        .routes(routes!(orders::place, orders::list))
        .routes(routes!(orders::detail))
        .routes(routes!(orders::cancel))
        .routes(routes!(earnings::earnings))
        .routes(routes!(search::search_notes))
        .routes(routes!(search::search_users))
        .routes(routes!(search::search_products))
        .routes(routes!(search::suggestions))
        .routes(routes!(search::trending))
        .routes(routes!(live::list, live::host::go_live))
        .routes(routes!(live::detail))
        .routes(routes!(live::chat_history))
        .routes(routes!(live::host::end))
        .routes(routes!(live::host::pin, live::host::unpin))
        .routes(routes!(live::host::remove_message))
        .routes(routes!(live::host::mute, live::host::unmute))
        .routes(routes!(live::ws::events))
        .routes(routes!(crate::live_media::ingest::ingest))
        .routes(routes!(crate::live_media::viewer::media));
    openapi::complete(router.get_openapi_mut());
    router
}
