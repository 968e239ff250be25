//! The generated demo world: deterministic, and rich enough to feel alive.

use std::collections::HashSet;

use zhongcao_server::db;
use zhongcao_server::seed::{seed_if_empty, WorldSize};

async fn titles(size: WorldSize) -> Vec<String> {
    let dir = tempfile::tempdir().expect("dir");
    let pool = db::connect(&dir.path().join("t.sqlite3"))
        .await
        .expect("db");
    assert!(seed_if_empty(&pool, size, |_| {}).await.expect("seed"));
    // A second start reuses the data.
    assert!(!seed_if_empty(&pool, size, |_| {}).await.expect("reuse"));
    sqlx::query_scalar("SELECT title FROM notes ORDER BY id LIMIT 50")
        .fetch_all(&pool)
        .await
        .expect("titles")
}

#[tokio::test]
async fn seeding_is_deterministic() {
    let small = WorldSize {
        users: 30,
        notes: 80,
    };
    assert_eq!(titles(small).await, titles(small).await);
}

#[tokio::test]
async fn the_default_world_meets_the_brief() {
    let dir = tempfile::tempdir().expect("dir");
    let pool = db::connect(&dir.path().join("t.sqlite3"))
        .await
        .expect("db");
    seed_if_empty(&pool, WorldSize::default(), |_| {})
        .await
        .expect("seed");
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .expect(sql)
        }
    };
    assert!(count("SELECT COUNT(*) FROM users").await >= 300);
    assert!(count("SELECT COUNT(*) FROM notes").await >= 10_000);
    assert!(count("SELECT COUNT(*) FROM channels").await >= 10);
    assert!(count("SELECT COUNT(*) FROM notes WHERE kind = 'video'").await > 500);
    assert!(count("SELECT COUNT(*) FROM comments WHERE parent_id IS NOT NULL").await > 1_000);
    assert!(count("SELECT COUNT(*) FROM comments WHERE reply_to_user_id IS NOT NULL").await > 100);
    assert!(count("SELECT COUNT(*) FROM note_mentions").await > 500);
    assert_eq!(
        count("SELECT COUNT(*) FROM notes n WHERE (SELECT COUNT(*) FROM note_images i WHERE i.note_id = n.id) NOT BETWEEN 1 AND 6").await,
        0
    );
    // Every aspect ratio the brief names is present.
    let ratios: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT DISTINCT i.width, i.height FROM images i JOIN note_images ni ON ni.image_id = i.id",
    )
    .fetch_all(&pool)
    .await
    .expect("ratios");
    for (w, h) in [(3, 4), (1, 1), (4, 3), (9, 16), (16, 9)] {
        assert!(
            ratios
                .iter()
                .any(|(iw, ih)| (iw * h - ih * w).abs() <= w.max(h)),
            "missing {w}:{h}"
        );
    }
    // Chinese and English titles.
    let titles: Vec<String> = sqlx::query_scalar("SELECT title FROM notes")
        .fetch_all(&pool)
        .await
        .expect("titles");
    let cjk = titles
        .iter()
        .filter(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .count();
    assert!(
        cjk > titles.len() / 2 && cjk < titles.len() * 95 / 100,
        "cjk {cjk}"
    );
    let unique: HashSet<&String> = titles.iter().collect();
    assert!(
        unique.len() * 10 > titles.len() * 9,
        "titles too repetitive"
    );
    // Long-tailed likes: the top is far above the median.
    let mut likes: Vec<i64> = sqlx::query_scalar("SELECT like_count FROM notes")
        .fetch_all(&pool)
        .await
        .expect("likes");
    likes.sort_unstable();
    let median = likes[likes.len() / 2].max(1);
    let top = likes[likes.len() - 1];
    assert!(top > median * 100, "median {median}, top {top}");
}
