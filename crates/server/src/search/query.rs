//! Queries: notes (relevance mixed with engagement and recency, or newest / most liked, with
//! filters), users and products (best sellers lifted). User input is never query syntax.

use std::ops::Bound;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Order, Term};

use super::{SearchError, SearchIndex};

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

impl SearchIndex {
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
