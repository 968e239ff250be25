//! Full-text search over notes, users and products with tantivy: jieba word segmentation for Chinese,
//! lower-casing and English stemming for Latin text, ranking that mixes BM25 relevance with
//! engagement and recency.
//!
//! The index lives on disk beside the database. It is built from the database when missing,
//! unreadable or out of step (different document count), and kept current one document at a
//! time (`index_note`, `index_user`, `index_product`) without a full rebuild.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::db::Db;
use documents::{load_notes, load_products, load_users};
use schema::{analyzer, schema, Fields, ANALYZER};

pub mod creators;
mod documents;
mod query;
mod schema;
pub mod suggest;
pub mod topics;

pub use documents::{NoteDoc, ProductDoc, UserDoc};
pub use query::{Hits, NoteFilter, NoteSort};

/// Bumped when the schema or analysis changes: a different version means rebuild.
const SCHEMA_VERSION: &str = "1";
const WRITER_HEAP: usize = 50_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index: {0}")]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("search index lock poisoned")]
    Poisoned,
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

impl SearchIndex {
    fn from_index(index: Index, fields: Fields) -> Result<Self, SearchError> {
        index.tokenizers().register(ANALYZER, analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer(WRITER_HEAP)?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
        })
    }

    /// An empty index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = schema();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    fn create_in(dir: &Path) -> Result<Self, SearchError> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("schema-version"), SCHEMA_VERSION)?;
        let (schema, fields) = schema();
        Self::from_index(Index::create_in_dir(dir, schema)?, fields)
    }

    fn open_existing(dir: &Path) -> Result<Self, SearchError> {
        let version = std::fs::read_to_string(dir.join("schema-version"))?;
        if version.trim() != SCHEMA_VERSION {
            return Err(SearchError::Io(std::io::Error::other(
                "schema version changed",
            )));
        }
        let (schema, fields) = schema();
        let index = Index::open_in_dir(dir)?;
        if index.schema() != schema {
            return Err(SearchError::Io(std::io::Error::other("schema changed")));
        }
        Self::from_index(index, fields)
    }

    /// Opens the index in `dir`, rebuilding it from the database when it is missing, corrupt
    /// or does not hold every note and user.
    pub async fn open_or_build(
        dir: PathBuf,
        db: &Db,
        mut progress: impl FnMut(String),
    ) -> Result<Self, SearchError> {
        let notes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notes WHERE hidden_at IS NULL")
            .fetch_one(db)
            .await?;
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(db)
            .await?;
        let products: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products")
            .fetch_one(db)
            .await?;
        match Self::open_existing(&dir) {
            Ok(index)
                if index.count_kind("note")? == notes
                    && index.count_kind("user")? == users
                    && index.count_kind("product")? == products =>
            {
                progress(format!(
                    "search index reused ({notes} notes, {users} users)"
                ));
                return Ok(index);
            }
            Ok(_) => progress("search index out of date: rebuilding".to_string()),
            Err(_) if !dir.exists() => progress("building the search index".to_string()),
            Err(e) => progress(format!("search index unreadable ({e}): rebuilding")),
        }
        let index = Self::create_in(&dir)?;
        index.rebuild(db, &mut progress).await?;
        Ok(index)
    }

    fn count_kind(&self, kind: &str) -> Result<i64, SearchError> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            IndexRecordOption::Basic,
        );
        Ok(self.reader.searcher().search(&query, &Count)? as i64)
    }

    /// Indexes every note and user from the database, replacing what was there.
    pub async fn rebuild(
        &self,
        db: &Db,
        progress: &mut dyn FnMut(String),
    ) -> Result<(), SearchError> {
        let started = std::time::Instant::now();
        let users = load_users(db, None).await?;
        let notes = load_notes(db, None).await?;
        let products = load_products(db, None).await?;
        let total = notes.len();
        {
            let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
            writer.delete_all_documents()?;
            for user in &users {
                writer.add_document(self.user_document(user))?;
            }
            for product in &products {
                writer.add_document(self.product_document(product))?;
            }
            for (i, note) in notes.iter().enumerate() {
                writer.add_document(self.note_document(note))?;
                if (i + 1) % 5_000 == 0 {
                    progress(format!("search index {}/{total} notes", i + 1));
                }
            }
            writer.commit()?;
        }
        self.reader.reload()?;
        progress(format!(
            "search index built: {total} notes, {} users, {} products in {:.1}s",
            users.len(),
            products.len(),
            started.elapsed().as_secs_f64()
        ));
        Ok(())
    }

    /// Re-reads one product from the database into the index (after it is created or edited).
    pub async fn index_product(&self, db: &Db, id: i64) -> Result<(), SearchError> {
        let products = load_products(db, Some(id)).await?;
        self.replace(
            products
                .iter()
                .map(|p| (format!("p:{}", p.id), self.product_document(p))),
        )
    }

    /// Adds or replaces documents and makes them searchable before returning.
    pub fn upsert(&self, notes: &[NoteDoc], users: &[UserDoc]) -> Result<(), SearchError> {
        let notes = notes
            .iter()
            .map(|n| (format!("n:{}", n.id), self.note_document(n)));
        let users = users
            .iter()
            .map(|u| (format!("u:{}", u.id), self.user_document(u)));
        self.replace(notes.chain(users))
    }

    /// Replaces the documents with these keys, commits, and makes them searchable.
    fn replace(
        &self,
        docs: impl IntoIterator<Item = (String, tantivy::TantivyDocument)>,
    ) -> Result<(), SearchError> {
        {
            let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
            for (key, doc) in docs {
                writer.delete_term(Term::from_field_text(self.fields.key, &key));
                writer.add_document(doc)?;
            }
            writer.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Re-reads one note from the database into the index (after it is created or edited);
    /// a note that was deleted or is hidden leaves the index.
    pub async fn index_note(&self, db: &Db, id: i64) -> Result<(), SearchError> {
        let notes = load_notes(db, Some(id)).await?;
        if notes.is_empty() {
            return self.remove_note(id);
        }
        self.upsert(&notes, &[])
    }

    /// Takes a note out of the index; searches stop finding it before this returns.
    pub fn remove_note(&self, id: i64) -> Result<(), SearchError> {
        {
            let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
            writer.delete_term(Term::from_field_text(self.fields.key, &format!("n:{id}")));
            writer.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Re-reads one user from the database into the index (after a profile edit).
    pub async fn index_user(&self, db: &Db, id: i64) -> Result<(), SearchError> {
        let users = load_users(db, Some(id)).await?;
        self.upsert(&[], &users)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: i64, title: &str, body: &str, likes: i64, created_at: i64, video: bool) -> NoteDoc {
        NoteDoc {
            id,
            title: title.into(),
            body: body.into(),
            topics: vec![],
            author: "someone".into(),
            video,
            likes,
            engagement: likes,
            created_at,
        }
    }

    const NOW: i64 = 1_800_000_000;
    const DAY: i64 = 86_400;

    fn sample() -> SearchIndex {
        let index = SearchIndex::in_memory().expect("index");
        index
            .upsert(
                &[
                    note(
                        1,
                        "防晒霜推荐",
                        "夏天必备的防晒霜",
                        10,
                        NOW - 2 * DAY,
                        false,
                    ),
                    note(
                        2,
                        "My morning run",
                        "I run 5 km every day",
                        500,
                        NOW - 30 * DAY,
                        false,
                    ),
                    note(
                        3,
                        "Running shoes review",
                        "Best shoes for running",
                        50,
                        NOW - 200 * DAY,
                        true,
                    ),
                    note(
                        4,
                        "Moisturizer haul",
                        "A Moisturizer for dry skin",
                        5,
                        NOW - 3600,
                        false,
                    ),
                    note(5, "周末去哪儿", "上海周边游", 1, NOW - DAY, false),
                ],
                &[UserDoc {
                    id: 9,
                    username: "mia_runs".into(),
                    display_name: "Mia Chen".into(),
                    bio: "Marathon runner in Shanghai".into(),
                }],
            )
            .expect("upsert");
        index
    }

    fn ids(index: &SearchIndex, q: &str, sort: NoteSort, filter: NoteFilter) -> Vec<i64> {
        index
            .search_notes(q, sort, &filter, 0, 10, NOW)
            .expect("search")
            .ids
    }

    #[test]
    fn chinese_words_match_inside_longer_text() {
        let index = sample();
        assert_eq!(
            ids(&index, "防晒", NoteSort::General, NoteFilter::default()),
            vec![1]
        );
        assert_eq!(
            ids(&index, "上海", NoteSort::General, NoteFilter::default()),
            vec![5]
        );
    }

    #[test]
    fn english_is_stemmed_and_case_folded() {
        let index = sample();
        let mut got = ids(&index, "running", NoteSort::General, NoteFilter::default());
        got.sort_unstable();
        assert_eq!(got, vec![2, 3]);
        assert_eq!(
            ids(
                &index,
                "moisturizer",
                NoteSort::General,
                NoteFilter::default()
            ),
            vec![4]
        );
    }

    #[test]
    fn sorts_and_filters_are_exact() {
        let index = sample();
        assert_eq!(
            ids(&index, "run", NoteSort::Newest, NoteFilter::default()),
            vec![2, 3]
        );
        assert_eq!(
            ids(&index, "run", NoteSort::MostLiked, NoteFilter::default()),
            vec![2, 3]
        );
        let video = NoteFilter {
            note_type: Some("video"),
            since: None,
        };
        assert_eq!(ids(&index, "run", NoteSort::General, video), vec![3]);
        let week = NoteFilter {
            note_type: None,
            since: Some(NOW - 7 * DAY),
        };
        assert!(ids(&index, "run", NoteSort::General, week).is_empty());
    }

    #[test]
    fn users_are_found_by_name_and_bio() {
        let index = sample();
        assert_eq!(
            index.search_users("mia", 0, 10).expect("users").ids,
            vec![9]
        );
        assert_eq!(
            index.search_users("marathon", 0, 10).expect("users").ids,
            vec![9]
        );
        assert!(index
            .search_users("防晒", 0, 10)
            .expect("users")
            .ids
            .is_empty());
    }

    #[test]
    fn upserts_replace_documents_and_hostile_input_is_harmless() {
        let index = sample();
        index
            .upsert(&[note(5, "咖啡探店", "新开的咖啡店", 1, NOW, false)], &[])
            .expect("upsert");
        assert!(ids(&index, "上海", NoteSort::General, NoteFilter::default()).is_empty());
        assert_eq!(
            ids(&index, "咖啡", NoteSort::General, NoteFilter::default()),
            vec![5]
        );
        for q in ["\"", "title:", "((", "AND OR NOT", "*", "<script>"] {
            let _ = ids(&index, q, NoteSort::General, NoteFilter::default());
        }
    }
}
