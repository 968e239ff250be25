//! The index's schema (one document kind per note, user and product, told apart by `kind`) and
//! its mixed Chinese/English analyzer.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer};
use tantivy_jieba::JiebaTokenizer;

/// Name under which the mixed Chinese/English analyzer is registered.
pub(super) const ANALYZER: &str = "zh_en";

#[derive(Clone, Copy)]
pub(super) struct Fields {
    /// "n:{id}", "u:{id}" or "p:{id}": the unique key used to replace a document.
    pub(super) key: Field,
    /// "note", "user" or "product".
    pub(super) kind: Field,
    pub(super) id: Field,
    pub(super) title: Field,
    pub(super) body: Field,
    pub(super) topics: Field,
    pub(super) author: Field,
    /// "image" or "video" (notes).
    pub(super) note_type: Field,
    pub(super) likes: Field,
    pub(super) engagement: Field,
    pub(super) created_at: Field,
}

pub(super) fn schema() -> (Schema, Fields) {
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

pub(super) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(JiebaTokenizer::new())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}
