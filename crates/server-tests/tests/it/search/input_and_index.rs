//! Bad search input gets clear errors; a lost or corrupt index is rebuilt at start.

use crate::common::{test_app, SMALL_WORLD};
use zhongcao_server::AppState;

#[tokio::test]
async fn bad_search_input_gets_clear_errors() {
    let app = test_app(SMALL_WORLD).await;
    app.expect_error("/api/v1/search/notes?q=", 422, "search_query_empty")
        .await;
    app.expect_error("/api/v1/search/notes?q=%20%20", 422, "search_query_empty")
        .await;
    app.expect_error("/api/v1/search/notes", 400, "bad_request")
        .await;
    app.expect_error(
        &format!("/api/v1/search/notes?q={}", "a".repeat(101)),
        422,
        "search_query_too_long",
    )
    .await;
    app.expect_error("/api/v1/search/notes?q=a&sort=best", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/search/notes?q=a&type=gif", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/search/notes?q=a&time=year", 400, "bad_request")
        .await;
    app.expect_error("/api/v1/search/notes?q=a&limit=0", 422, "invalid_request")
        .await;
    app.expect_error("/api/v1/search/notes?q=a&cursor=zz", 400, "invalid_cursor")
        .await;
    app.expect_error("/api/v1/search/users?q=", 422, "search_query_empty")
        .await;
    // Query syntax characters are just text.
    for q in ["%22", "title%3A", "((", "AND", "*", "%3Cscript%3E"] {
        let res = app.get(&format!("/api/v1/search/notes?q={q}")).await;
        assert_eq!(res.status, 200, "q={q}");
    }
}

#[tokio::test]
async fn a_lost_or_corrupt_index_is_rebuilt() {
    let app = test_app(SMALL_WORLD).await;
    let search_dir = app.dir.path().join("search");
    let count = |state: &AppState| {
        state
            .search
            .search_notes(
                "the",
                zhongcao_server::search::NoteSort::Newest,
                &Default::default(),
                0,
                5,
                0,
            )
            .expect("search")
            .total
    };
    let before = count(&app.state);
    assert!(before > 0);

    std::fs::remove_dir_all(&search_dir).expect("delete index");
    let state = AppState::new(app.state.db.clone(), app.dir.path(), |_| {})
        .await
        .expect("rebuilt");
    assert_eq!(count(&state), before);
    drop(state);

    std::fs::write(search_dir.join("meta.json"), b"{ not json").expect("corrupt");
    let state = AppState::new(app.state.db.clone(), app.dir.path(), |_| {})
        .await
        .expect("rebuilt after corruption");
    assert_eq!(count(&state), before);
}
