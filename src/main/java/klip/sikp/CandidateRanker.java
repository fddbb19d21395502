package klip.sikp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.ScoreDoc;

/**
 * The second ranking phase: scores the first phase's candidates with the full relevance model,
 * reading each candidate's analysed fields from {@link ForwardTokens} (one sequential read
 * per document) instead of advancing every query term's postings list to it.
 *
 * <p>The model, per query (its weights are {@link RankingWeights}):
 * <ul>
 *   <li>the sum over concepts, each worth its best alternative (a synonym never counts twice),
 *       times that alternative's weight;
 *   <li>an alternative is worth its best field plus a share ({@code fieldTie}) of the others
 *       (dis-max), divided by its word count (a multi-word expansion stands for one concept); the
 *       answer's opening, where an article states its problem, counts as one more field ({@link
 *       FieldVariants#LEAD}, validation MRR@5 0.865 → 0.869, dev unchanged);
 *   <li>a field is worth, times its boost, the BM25 of each stem, the words as a phrase (slop 1,
 *       weight {@code phrase}), and the unstemmed twin of the same (weight {@code exact}) where
 *       the field has one;
 *   <li>plus a sloppy phrase (slop 3) of the whole query in the title and the question, which
 *       rewards articles worded like the agent's question;
 *   <li>all of it times a root of the share of concepts the article matches ({@link #coverage}), the
 *       share itself for a long question;
 *   <li>and times {@link QuestionIntent#BONUS 1.2} if the article answers the kind of question the
 *       caller asks (how to, why it fails, what it is, when: {@link #asking}).
 * </ul>
 * BM25 is Lucene's (k1 1.2, b per {@link SikpFields#lengthNormalisation}, lengths quantised like
 * Lucene's norms, statistics of the same reader; see {@link FieldVariants}; phrases by {@link
 * SloppyPhrase}), so a word scores exactly as a Lucene term query
 * would. The answer is scored too (weight 0.8 against the title's 3): callers describe symptoms, and
 * the answer is where symptoms are written (validation MRR@5 0.806 → 0.829, dev unchanged).
 */
final class CandidateRanker {
  static final int PROXIMITY_SLOP = 3;
  static final int PHRASE_SLOP = 1;
  /** From this many concepts a question is long: its coverage counts in full ({@link #coverage}). */
  static final int LONG_QUESTION = 8;
  /** The proximity phrase is scored in the first two fields: title and question. */
  private static final int PROXIMITY_FIELDS = 2;

  private static final int STEMMED_FIELDS = FieldVariants.STEMMED;
  private static final int EXACT_FIELDS = FieldVariants.EXACT;
  private static final int VARIANTS = FieldVariants.COUNT;

  /** One word of an alternative: its stem's and its surface form's term slots. */
  private record Word(int stem, int exact) {}

  /** An alternative with its words as phrases (null for a single word), stemmed and unstemmed. */
  private record Alt(float weight, Word[] words, SloppyPhrase stemPhrase, SloppyPhrase exactPhrase) {}

  private final RankingWeights weights;
  private final List<Alt[]> concepts;
  private final SloppyPhrase proximity;
  private final SlotTable stems = new SlotTable();
  private final SlotTable exacts = new SlotTable();
  private final TermStats stats;
  private final float[] boost = new float[FieldVariants.SCORED];
  private float[][] idf;
  private DocumentTerms doc;
  /** The kinds of answer the caller asks for ({@link QuestionIntent}); 0 if none. */
  private int intent;

  // Per-document scratch, reused from one candidate to the next.
  private int[][] phrasePositions = new int[0][];
  private int[] phraseCounts = new int[0];

  private CandidateRanker(List<QueryInterpreter.Concept> input, TermStats stats, RankingWeights weights) {
    this.stats = stats;
    this.weights = weights;
    this.concepts = new ArrayList<>();
    List<String> canonical = new ArrayList<>();
    for (QueryInterpreter.Concept c : input) {
      List<Alt> alts = new ArrayList<>();
      for (QueryInterpreter.Alt a : c.alts()) {
        List<String> words = SikpAnalysis.exactWords(a.text());
        if (words.isEmpty()) {
          continue;
        }
        Word[] ws = new Word[words.size()];
        for (int i = 0; i < ws.length; i++) {
          String w = words.get(i);
          ws[i] = new Word(stems.slot(SikpAnalysis.stem(w)), exacts.slot(w));
        }
        alts.add(new Alt(a.weight(), ws, wordPhrase(ws, false), wordPhrase(ws, true)));
      }
      if (!alts.isEmpty()) {
        concepts.add(alts.toArray(new Alt[0]));
        canonical.add(c.alts().get(0).text());
      }
    }
    this.proximity = canonical.size() > 1 ? SloppyPhrase.analysed(String.join(" ", canonical), stems) : null;
  }

  /** A ranker for the interpreted query over the statistics of one reader. */
  static CandidateRanker of(List<QueryInterpreter.Concept> concepts, TermStats stats) {
    return of(concepts, stats, RankingWeights.DEFAULT);
  }

  static CandidateRanker of(List<QueryInterpreter.Concept> concepts, TermStats stats,
      RankingWeights weights) {
    CandidateRanker r = new CandidateRanker(concepts, stats, weights);
    r.prepare();
    return r;
  }

  /** Favours articles answering the kind of question the caller asks ({@link QuestionIntent}). */
  CandidateRanker asking(int kinds) {
    this.intent = kinds;
    return this;
  }

  boolean isEmpty() {
    return concepts.isEmpty();
  }

  /** The stems and surface words of the query, for highlighting. */
  SlotTable stemTerms() {
    return stems;
  }

  SlotTable exactTerms() {
    return exacts;
  }

  private void prepare() {
    int slots = Math.max(stems.size(), exacts.size());
    idf = new float[FieldVariants.SCORED][];
    float[][] lengthFactors = new float[VARIANTS][];
    for (int f = 0; f < VARIANTS; f++) {
      String field = FieldVariants.name(f);
      SlotTable table = f < STEMMED_FIELDS ? stems : exacts;
      TermStats.Field fs = stats.field(field);
      idf[f] = new float[slots];
      for (int s = 0; s < table.size(); s++) {
        idf[f][s] = fs.idf(table.term(s));
      }
      lengthFactors[f] = fs.lengthFactors(f);
      boost[f] = FieldVariants.boost(f, weights);
    }
    idf[FieldVariants.LEAD] = idf[FieldVariants.ANSWER];
    boost[FieldVariants.LEAD] = weights.lead();
    doc = new DocumentTerms(stems, exacts, lengthFactors);
  }

  /**
   * The {@code n} best of {@code candidates} (top-level doc ids with first-phase scores), by the
   * full model; ties go to the better first-phase score, then the lower doc id. Candidates whose
   * fields match nothing keep their first-phase order after the rest.
   */
  ScoreDoc[] rank(List<LeafReaderContext> leaves, ScoreDoc[] candidates, int n)
      throws IOException {
    // Visited in doc order (doc values only move forward); sorted as packed longs, not objects.
    long[] byDoc = new long[candidates.length];
    for (int i = 0; i < byDoc.length; i++) {
      byDoc[i] = ((long) candidates[i].doc << 32) | i;
    }
    Arrays.sort(byDoc);
    BestScored best = new BestScored(Math.min(n, candidates.length));
    BinaryDocValues values = null;
    NumericDocValues intents = null;
    int leafIndex = -1;
    LeafReaderContext leaf = null;
    for (long packed : byDoc) {
      ScoreDoc candidate = candidates[(int) packed];
      int id = candidate.doc;
      int li = ReaderUtil.subIndex(id, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        values = DocValues.getBinary(leaf.reader(), SikpFields.FORWARD);
        intents = DocValues.getNumeric(leaf.reader(), SikpFields.INTENT);
      }
      float score = values.advanceExact(id - leaf.docBase) ? score(values.binaryValue()) : 0f;
      if (intent != 0 && score > 0 && intents.advanceExact(id - leaf.docBase)) {
        score *= QuestionIntent.factor(intent, intents.longValue());
      }
      best.offer(id, score, candidate.score);
    }
    return best.best();
  }

  /** The full model's score of one document's encoded fields. */
  float score(org.apache.lucene.util.BytesRef forward) {
    doc.collect(forward);
    float total = 0;
    int matched = 0;
    for (int c = 0; c < concepts.size(); c++) {
      float best = 0;
      for (Alt a : concepts.get(c)) {
        // Scores 0 if the document holds none of its words: long questions have many such alternatives.
        if (anySeen(a.words())) {
          best = Math.max(best, a.weight() * acrossFields(a));
        }
      }
      total += best;
      if (best > 0) {
        matched++;
      }
    }
    if (proximity != null) {
      for (int f = 0; f < PROXIMITY_FIELDS; f++) {
        total += weights.proximity() * boost[f] * phrase(f, proximity, PROXIMITY_SLOP);
      }
    }
    return total * coverage(matched, concepts.size(), concepts.size() >= LONG_QUESTION
        ? weights.longCoveragePower() : weights.coveragePower());
  }

  private boolean anySeen(Word[] words) {
    for (Word w : words) {
      if (doc.seen(w.stem(), w.exact())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The share of the query's concepts an article matches, to a power (0.5 by default: Lucene's
   * classic coordination factor, softened): an article holding every thing the caller said beats
   * one holding a single rare word many times, which a plain sum of BM25 scores lets win.
   * Measured: validation MRR@5 0.835 → 0.861 (the power chosen on the dev set: 0.5 gives 0.961,
   * 1 gives 0.959, none 0.964). In a whole spoken question of {@link #LONG_QUESTION} concepts or more,
   * an article matching one rare word of it is more often wrong, so there the power is 1 (tune 0.920 →
   * 0.924, dev and validation equal; from 5 concepts tune and validation fell).
   */
  static float coverage(int matched, int concepts, float power) {
    if (matched >= concepts) {
      return 1f;
    }
    return (float) Math.pow((double) matched / concepts, power);
  }

  private float acrossFields(Alt a) {
    Word[] words = a.words();
    float max = 0;
    float sum = 0;
    for (int f = 0; f < STEMMED_FIELDS; f++) {
      float s = field(f, words, a.stemPhrase(), false);
      if (f < EXACT_FIELDS) {
        s += field(STEMMED_FIELDS + f, words, a.exactPhrase(), true);
      }
      max = Math.max(max, s);
      sum += s;
    }
    if (boost[FieldVariants.LEAD] > 0) {
      float s = field(FieldVariants.LEAD, words, a.stemPhrase(), false);
      max = Math.max(max, s);
      sum += s;
    }
    float dismax = max + weights.fieldTie() * (sum - max);
    return words.length > 1 ? dismax / words.length : dismax;
  }

  /** One field variant: the words ORed, and for several words the phrase too. */
  private float field(int variant, Word[] words, SloppyPhrase phrase, boolean exact) {
    float s = 0;
    for (Word w : words) {
      int slot = exact ? w.exact() : w.stem();
      s += bm25(variant, slot, doc.count(variant, slot));
    }
    if (s > 0 && phrase != null) {
      s += weights.phrase() * phrase(variant, phrase, PHRASE_SLOP);
    }
    return boost[variant] * s;
  }

  /** Several words as a phrase at consecutive positions; null for one word. */
  private static SloppyPhrase wordPhrase(Word[] words, boolean exact) {
    int[] slots = new int[words.length];
    for (int i = 0; i < words.length; i++) {
      slots[i] = exact ? words[i].exact() : words[i].stem();
    }
    return SloppyPhrase.consecutive(slots);
  }

  private float bm25(int variant, int slot, float freq) {
    if (freq == 0) {
      return 0;
    }
    return idf[variant][slot] * (1f - 1f / (1f + freq * doc.lengthFactor(variant)));
  }

  /**
   * BM25 of a sloppy phrase (Lucene's model: the idf is the sum of the words' idfs, the frequency
   * sums 1 / (1 + distance) over the matches within {@code slop}).
   */
  private float phrase(int variant, SloppyPhrase p, int slop) {
    int n = p.slots().length;
    if (phraseCounts.length < n) {
      phrasePositions = new int[n][];
      phraseCounts = new int[n];
    }
    int[][] at = phrasePositions;
    int[] found = phraseCounts;
    float idfSum = 0;
    for (int i = 0; i < n; i++) {
      int s = p.slots()[i];
      found[i] = Math.min(DocumentTerms.MAX_POSITIONS, doc.count(variant, s));
      if (found[i] == 0) {
        return 0;
      }
      at[i] = doc.positions(variant, s);
      idfSum += idf[variant][s];
    }
    float freq = p.frequency(at, found, slop);
    if (freq == 0) {
      return 0;
    }
    return idfSum * (1f - 1f / (1f + freq * doc.lengthFactor(variant)));
  }
}
