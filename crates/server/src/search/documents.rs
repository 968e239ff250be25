//! What notes, users and products contribute to the index: read from the database, turned into
//! tantivy documents.

use std::collections::HashMap;

use tantivy::doc;

use super::SearchIndex;
use crate::db::Db;

/// What a note contributes to the index.
pub struct NoteDoc {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub topics: Vec<String>,
    pub author: String,
    pub video: bool,
    pub likes: i64,
    pub engagement: i64,
    pub created_at: i64,
}

pub struct UserDoc {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub bio: String,
}

/// What a product contributes: both languages of its name and description, the brand (in the
/// `author` field) and its category names (in `topics`); sales rank it.
pub struct ProductDoc {
    pub id: i64,
    pub title: String,
    pub brand: String,
    pub category: String,
    pub description: String,
    pub sales: i64,
    pub created_at: i64,
}

impl SearchIndex {
    pub(super) fn note_document(&self, n: &NoteDoc) -> tantivy::TantivyDocument {
        let f = self.fields;
        doc!(
            f.key => format!("n:{}", n.id),
            f.kind => "note",
            f.id => n.id,
            f.title => n.title.as_str(),
            f.body => n.body.as_str(),
            f.topics => n.topics.join(" "),
            f.author => n.author.as_str(),
            f.note_type => if n.video { "video" } else { "image" },
            f.likes => n.likes,
            f.engagement => n.engagement,
            f.created_at => n.created_at,
        )
    }

    pub(super) fn user_document(&self, u: &UserDoc) -> tantivy::TantivyDocument {
        let f = self.fields;
        doc!(
            f.key => format!("u:{}", u.id),
            f.kind => "user",
            f.id => u.id,
            f.title => format!("{} {}", u.display_name, u.username),
            f.body => u.bio.as_str(),
            f.likes => 0i64,
            f.engagement => 0i64,
            f.created_at => 0i64,
        )
    }

    pub(super) fn product_document(&self, p: &ProductDoc) -> tantivy::TantivyDocument {
        let f = self.fields;
        doc!(
            f.key => format!("p:{}", p.id),
            f.kind => "product",
            f.id => p.id,
            f.title => p.title.as_str(),
            f.body => p.description.as_str(),
            f.topics => p.category.as_str(),
            f.author => p.brand.as_str(),
            f.likes => p.sales,
            f.engagement => p.sales,
            f.created_at => p.created_at,
        )
    }
}

pub(super) async fn load_notes(db: &Db, only: Option<i64>) -> Result<Vec<NoteDoc>, sqlx::Error> {
    type Row = (i64, String, String, String, String, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT n.id, n.title, n.body, u.display_name, n.kind, n.like_count, n.collect_count, \
         n.comment_count, n.created_at \
         FROM notes n JOIN users u ON u.id = n.author_id \
         WHERE ($1 IS NULL OR n.id = $2) AND n.hidden_at IS NULL ORDER BY n.id",
    )
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    let topic_rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT note_id, topic FROM note_topics WHERE ($1 IS NULL OR note_id = $2) ORDER BY note_id",
    )
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    let mut topics: HashMap<i64, Vec<String>> = HashMap::new();
    for (note, topic) in topic_rows {
        topics.entry(note).or_default().push(topic);
    }
    Ok(rows
        .into_iter()
        .map(
            |(id, title, body, author, kind, likes, collects, comments, created_at)| NoteDoc {
                id,
                title,
                body,
                topics: topics.remove(&id).unwrap_or_default(),
                author,
                video: kind == "video",
                likes,
                engagement: likes + 2 * collects + 3 * comments,
                created_at,
            },
        )
        .collect())
}

pub(super) async fn load_users(db: &Db, only: Option<i64>) -> Result<Vec<UserDoc>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, username, display_name, bio FROM users WHERE ($1 IS NULL OR id = $2) ORDER BY id",
    )
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, username, display_name, bio)| UserDoc {
            id,
            username,
            display_name,
            bio,
        })
        .collect())
}

pub(super) async fn load_products(
    db: &Db,
    only: Option<i64>,
) -> Result<Vec<ProductDoc>, sqlx::Error> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        i64,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT p.id, p.title, p.title_en, b.name, b.name_en, c.name_zh, c.name_en, \
         p.description, p.description_en, p.sales_count, p.created_at \
         FROM products p JOIN brands b ON b.id = p.brand_id \
         JOIN product_categories c ON c.id = p.category_id \
         WHERE ($1 IS NULL OR p.id = $2) ORDER BY p.id",
    )
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                title,
                title_en,
                brand,
                brand_en,
                cat,
                cat_en,
                desc,
                desc_en,
                sales,
                created_at,
            )| {
                ProductDoc {
                    id,
                    title: format!("{title} {title_en}"),
                    brand: format!("{brand} {brand_en}"),
                    category: format!("{cat} {cat_en}"),
                    description: format!("{desc} {desc_en}"),
                    sales,
                    created_at,
                }
            },
        )
        .collect())
}
