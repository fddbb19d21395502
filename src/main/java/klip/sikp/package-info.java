/**
 * SIKP knowledge-base suggestions: what a call-centre agent types → the best articles.
 *
 * <p>Use: {@link klip.sikp.SikpIndex#open(java.nio.file.Path)}, then
 * {@link klip.sikp.SikpIndex#ensureCurrent(java.util.Collection)} with the published articles
 * (rebuilds only when the corpus fingerprint differs), then
 * {@link klip.sikp.SikpSearcher#suggest(String, String, int)}. Edits go through
 * {@link klip.sikp.SikpIndex#upsert(SikpArticle)} / {@link klip.sikp.SikpIndex#delete(String)} and
 * are searchable within 200 ms. Every call blocks: run them on a worker pool, never on an event
 * loop.
 *
 * <p>Ranking: {@link klip.sikp.QueryInterpreter} turns the input into concepts (synonyms and
 * abbreviations from {@code sikp/synonyms.txt}, colloquial forms, vowel-less shorthand,
 * truncations, spelling correction and completion of the last word against the article
 * vocabulary); {@link klip.sikp.SikpQueryBuilder} scores them with BM25 over stemmed and exact
 * fields. Search runs in two passes: a flat OR of the weighted stems picks the top 100
 * candidates (cheap, Lucene skips blocks that cannot compete), then the full query with
 * best-field, phrase and proximity scoring ranks them. Evaluation and benchmarks live in
 * {@code klip.sikp.eval}; see {@code bench/SIKP.md}.
 */
package klip.sikp;
