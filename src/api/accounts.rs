//! The account: session, sign in and out, profile settings; people lists; notifications.

use super::*;

pub async fn session() -> Result<Session, ApiError> {
    get_json("/api/v1/auth/session").await
}

pub async fn sign_in(form: &SignIn) -> Result<Session, ApiError> {
    send_json(Method::POST, "/api/v1/auth/signin", Some(form)).await
}

pub async fn sign_up(form: &SignUp) -> Result<Session, ApiError> {
    send_json(Method::POST, "/api/v1/auth/signup", Some(form)).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send_json::<(), ()>(Method::POST, "/api/v1/auth/signout", None).await
}

pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    send_json::<(), ()>(Method::POST, "/api/v1/auth/signout-all", None).await
}

pub async fn update_profile(update: &ProfileUpdate) -> Result<Me, ApiError> {
    send_json(Method::PATCH, "/api/v1/me", Some(update)).await
}

pub async fn change_password(form: &PasswordChange) -> Result<(), ApiError> {
    send_json(Method::PUT, "/api/v1/me/password", Some(form)).await
}

/// Uploads a picture file as the new avatar (the server checks type and size).
pub async fn upload_avatar(file: &web_sys::File) -> Result<Me, ApiError> {
    let request = RequestBuilder::new("/api/v1/me/avatar")
        .method(Method::PUT)
        .header("Accept", "application/json")
        .header("Content-Type", &file.type_())
        .body(wasm_bindgen::JsValue::from(file.clone()))
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let body = send_raw(request).await?;
    decode(&body)
}

/// Which list of people: someone's followers or the people they follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeopleList {
    Followers(i64),
    Following(i64),
}

pub async fn people(list: PeopleList, cursor: Option<&str>) -> Result<Page<UserProfile>, ApiError> {
    let base = match list {
        PeopleList::Followers(id) => format!("/api/v1/users/{id}/followers"),
        PeopleList::Following(id) => format!("/api/v1/users/{id}/following"),
    };
    get_json(&page_path(base, cursor)).await
}

pub async fn suggested_creators() -> Result<Page<UserProfile>, ApiError> {
    get_json("/api/v1/users/suggested").await
}

pub async fn notifications(
    tab: NotificationTab,
    cursor: Option<&str>,
) -> Result<Page<Notification>, ApiError> {
    get_json(&page_path(
        format!("/api/v1/notifications?tab={}", tab.as_str()),
        cursor,
    ))
    .await
}

pub async fn unread_counts() -> Result<UnreadCounts, ApiError> {
    get_json("/api/v1/notifications/unread").await
}

pub async fn mark_read(tab: NotificationTab) -> Result<UnreadCounts, ApiError> {
    send_json::<(), _>(
        Method::POST,
        &format!("/api/v1/notifications/read?tab={}", tab.as_str()),
        None,
    )
    .await
}
