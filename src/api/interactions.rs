//! Likes, collects, follows and comments.

use super::*;

pub async fn set_note_like(note: i64, on: bool) -> Result<Toggle, ApiError> {
    send_json::<(), _>(
        toggle_method(on),
        &format!("/api/v1/notes/{note}/like"),
        None,
    )
    .await
}

pub async fn set_note_collect(note: i64, on: bool) -> Result<Toggle, ApiError> {
    send_json::<(), _>(
        toggle_method(on),
        &format!("/api/v1/notes/{note}/collect"),
        None,
    )
    .await
}

pub async fn set_comment_like(comment: i64, on: bool) -> Result<Toggle, ApiError> {
    send_json::<(), _>(
        toggle_method(on),
        &format!("/api/v1/comments/{comment}/like"),
        None,
    )
    .await
}

pub async fn set_follow(user: i64, on: bool) -> Result<Toggle, ApiError> {
    send_json::<(), _>(
        toggle_method(on),
        &format!("/api/v1/users/{user}/follow"),
        None,
    )
    .await
}

pub async fn post_comment(note: i64, form: &NewComment) -> Result<Comment, ApiError> {
    send_json(
        Method::POST,
        &format!("/api/v1/notes/{note}/comments"),
        Some(form),
    )
    .await
}

pub async fn delete_comment(comment: i64) -> Result<(), ApiError> {
    send_json::<(), ()>(Method::DELETE, &format!("/api/v1/comments/{comment}"), None).await
}
