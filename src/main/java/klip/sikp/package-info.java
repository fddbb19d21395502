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
 * vocabulary). Search runs in two phases. {@link klip.sikp.SikpQueryBuilder} builds a flat,
 * weighted OR of their stems over the short fields, which Lucene scores to pick the top 300
 * candidates; {@link klip.sikp.CandidateRanker} ranks those with the full model (BM25 over
 * stemmed and unstemmed fields, best field with tie, concepts worth their best alternative,
 * phrases and proximity), reading each candidate's analysed fields from one doc value
 * ({@link klip.sikp.ForwardTokens}) rather than advancing hundreds of postings lists to it; its
 * scores equal Lucene's for the same query. Evaluation, baselines and benchmarks are test code
 * ({@code src/test/java/klip/sikp/eval}, run by {@code bench/run-sikpeval.sh} and
 * {@code bench/run-sikpspeed.sh}); see {@code bench/SIKP.md}.
 */
package klip.sikp;
