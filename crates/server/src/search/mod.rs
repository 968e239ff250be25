//! Full-text search over notes, users and products with tantivy: jieba word segmentation for Chinese,
//! lower-casing and English stemming for Latin text, ranking that mixes BM25 relevance with
//! engagement and recency.
//!
//! The index lives on disk beside the database. It is built from the database when missing,
//! unreadable or out of step (different document count), and kept current one document at a
//! time (`index_note`, `index_user`, `index_product`) without a full rebuild.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer};
use tantivy::{doc, DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Term};
use tantivy_jieba::JiebaTokenizer;

use crate::db::Db;

pub mod creators;
pub mod suggest;
pub mod topics;

/// Name under which the mixed Chinese/English analyzer is registered.
const ANALYZER: &str = "zh_en";
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

#[derive(Clone, Copy)]
struct Fields {
    /// "n:{id}", "u:{id}" or "p:{id}": the unique key used to replace a document.
    key: Field,
    /// "note", "user" or "product".
    kind: Field,
    id: Field,
    title: Field,
    body: Field,
    topics: Field,
    author: Field,
    /// "image" or "video" (notes).
    note_type: Field,
    likes: Field,
    engagement: Field,
    created_at: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_text_field("kind", STRING),
        id: b.add_i64_field("id", STORED | FAST),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text.clone()),
        topics: b.add_text_field("topics", text.clone()),
        author: b.add_text_field("author", text),
        note_type: b.add_text_field("note_type", STRING),
        likes: b.add_i64_field("likes", FAST),
        engagement: b.add_i64_field("engagement", FAST),
        created_at: b.add_i64_field("created_at", FAST | INDEXED),
    };
    (b.build(), fields)
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(JiebaTokenizer::new())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Which note sort the caller wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteSort {
    /// Relevance mixed with engagement and recency.
    General,
    Newest,
    MostLiked,
}

#[derive(Clone, Debug, Default)]
pub struct NoteFilter {
    /// "image" or "video"; None for both.
    pub note_type: Option<&'static str>,
    /// Only notes created at or after this unix time.
    pub since: Option<i64>,
}

/// A page of matching ids, best first, and the total number of matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hits {
    pub ids: Vec<i64>,
    pub total: usize,
}

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

    fn note_document(&self, n: &NoteDoc) -> tantivy::TantivyDocument {
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

    fn user_document(&self, u: &UserDoc) -> tantivy::TantivyDocument {
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

    fn product_document(&self, p: &ProductDoc) -> tantivy::TantivyDocument {
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

    /// Re-reads one product from the database into the index (after it is created or edited).
    pub async fn index_product(&self, db: &Db, id: i64) -> Result<(), SearchError> {
        let products = load_products(db, Some(id)).await?;
        self.replace(
            products
                .iter()
                .map(|p| (format!("p:{}", p.id), self.product_document(p))),
        )
    }

    /// Product ids matching `q` by name, brand, category or description, best sellers lifted.
    pub fn search_products(
        &self,
        q: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Hits, SearchError> {
        let f = self.fields;
        let text = self.text_query(
            q,
            vec![f.title, f.author, f.topics, f.body],
            &[(f.title, 3.0), (f.author, 2.5), (f.topics, 1.5)],
        );
        let query = BooleanQuery::new(vec![(Occur::Must, text), self.kind_clause("product")]);
        let searcher = self.reader.searcher();
        let collector = TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .tweak_score(move |segment: &tantivy::SegmentReader| {
                let sales = segment
                    .fast_fields()
                    .i64("engagement")
                    .ok()
                    .map(|c| c.first_or_default_col(0));
                move |doc: tantivy::DocId, score: tantivy::Score| {
                    let n = sales.as_ref().map_or(0, |c| c.get_val(doc)).max(0);
                    score * (1.0 + 0.1 * ((1 + n) as f32).ln())
                }
            });
        let (docs, total) = searcher.search(&query, &(collector, Count))?;
        let addresses: Vec<DocAddress> = docs.into_iter().map(|(_, a)| a).collect();
        Ok(Hits {
            ids: self.ids(&searcher, &addresses)?,
            total,
        })
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

    fn text_query(&self, q: &str, fields: Vec<Field>, boosts: &[(Field, f32)]) -> Box<dyn Query> {
        let mut parser = QueryParser::for_index(&self.index, fields);
        for (field, boost) in boosts {
            parser.set_field_boost(*field, *boost);
        }
        // Lenient: user input is not query syntax; stray quotes or colons must not fail.
        let (query, _errors) = parser.parse_query_lenient(q);
        query
    }

    fn kind_clause(&self, kind: &str) -> (Occur, Box<dyn Query>) {
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.kind, kind),
                IndexRecordOption::Basic,
            )),
        )
    }

    /// Note ids matching `q`, `offset..offset+limit` of the ranking.
    pub fn search_notes(
        &self,
        q: &str,
        sort: NoteSort,
        filter: &NoteFilter,
        offset: usize,
        limit: usize,
        now: i64,
    ) -> Result<Hits, SearchError> {
        let f = self.fields;
        let text = self.text_query(
            q,
            vec![f.title, f.topics, f.body, f.author],
            &[(f.title, 3.0), (f.topics, 2.0), (f.author, 1.5)],
        );
        let mut clauses = vec![(Occur::Must, text), self.kind_clause("note")];
        if let Some(kind) = filter.note_type {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.note_type, kind),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(since) = filter.since {
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.created_at, since)),
                    Bound::Unbounded,
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (addresses, total): (Vec<DocAddress>, usize) = match sort {
            NoteSort::General => {
                let collector = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                    let fast = segment.fast_fields();
                    let engagement = fast
                        .i64("engagement")
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    let created = fast
                        .i64("created_at")
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        let e = engagement.as_ref().map_or(0, |c| c.get_val(doc)).max(0);
                        let t = created.as_ref().map_or(now, |c| c.get_val(doc));
                        let age_days = ((now - t).max(0) as f32) / 86_400.0;
                        // Popular and fresh notes rise, but text relevance stays the main term.
                        let popularity = 1.0 + 0.12 * ((1 + e) as f32).ln();
                        let freshness = 1.0 / (1.0 + age_days / 60.0).sqrt();
                        score * popularity * (0.6 + 0.4 * freshness)
                    }
                });
                let (docs, total) = searcher.search(&query, &(collector, Count))?;
                (docs.into_iter().map(|(_, a)| a).collect(), total)
            }
            NoteSort::Newest | NoteSort::MostLiked => {
                let field = if sort == NoteSort::Newest {
                    "created_at"
                } else {
                    "likes"
                };
                let collector = top.order_by_fast_field::<i64>(field, Order::Desc);
                let (docs, total) = searcher.search(&query, &(collector, Count))?;
                (docs.into_iter().map(|(_, a)| a).collect(), total)
            }
        };
        Ok(Hits {
            ids: self.ids(&searcher, &addresses)?,
            total,
        })
    }

    /// User ids matching `q` by name, username or bio.
    pub fn search_users(&self, q: &str, offset: usize, limit: usize) -> Result<Hits, SearchError> {
        let f = self.fields;
        let text = self.text_query(q, vec![f.title, f.body], &[(f.title, 3.0)]);
        let query = BooleanQuery::new(vec![(Occur::Must, text), self.kind_clause("user")]);
        let searcher = self.reader.searcher();
        let collector = TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .order_by_score();
        let (docs, total) = searcher.search(&query, &(collector, Count))?;
        let addresses: Vec<DocAddress> = docs.into_iter().map(|(_, a)| a).collect();
        Ok(Hits {
            ids: self.ids(&searcher, &addresses)?,
            total,
        })
    }

    fn ids(
        &self,
        searcher: &tantivy::Searcher,
        addresses: &[DocAddress],
    ) -> Result<Vec<i64>, SearchError> {
        // Read ids from the fast field: no stored-document decompression per hit.
        let mut ids = Vec::with_capacity(addresses.len());
        for address in addresses {
            let column = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .i64("id")?
                .first_or_default_col(0);
            ids.push(column.get_val(address.doc_id));
        }
        Ok(ids)
    }
}

async fn load_notes(db: &Db, only: Option<i64>) -> Result<Vec<NoteDoc>, sqlx::Error> {
    type Row = (i64, String, String, String, String, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT n.id, n.title, n.body, u.display_name, n.kind, n.like_count, n.collect_count, \
         n.comment_count, n.created_at \
         FROM notes n JOIN users u ON u.id = n.author_id \
         WHERE (? IS NULL OR n.id = ?) AND n.hidden_at IS NULL ORDER BY n.id",
    )
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    let topic_rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT note_id, topic FROM note_topics WHERE (? IS NULL OR note_id = ?) ORDER BY note_id",
    )
    .bind(only)
    .bind(only)
    .fetch_all(db)
    .await?;
    let mut topics: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
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

async fn load_users(db: &Db, only: Option<i64>) -> Result<Vec<UserDoc>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, username, display_name, bio FROM users WHERE (? IS NULL OR id = ?) ORDER BY id",
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

async fn load_products(db: &Db, only: Option<i64>) -> Result<Vec<ProductDoc>, sqlx::Error> {
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
         WHERE (? IS NULL OR p.id = ?) ORDER BY p.id",
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
