package klip.sikp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * The words of the indexed articles (field {@link SikpFields#VOCAB}), as seen by one searcher:
 * used to tell known words from typos, to complete a half-typed last word and to correct
 * misspellings against words that actually occur in the knowledge base.
 */
final class Vocabulary {
  /** A vocabulary word and how far (in edits) it is from what was typed. */
  record Candidate(String word, int distance, int docFreq) {}

  /** One vocabulary per open reader; dropped with the reader after a reopen. */
  private static final Map<IndexReader.CacheKey, Vocabulary> BY_READER =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final int MAX_CACHED_WORDS = 20_000;

  private final IndexReader reader;
  private final Terms terms;
  private volatile Map<String, List<Candidate>> skeletons;
  /** Built on the first word that needs it ({@link #spokenRoot}). */
  private volatile SpokenRoots spokenRoots;
  /**
   * Interpreted words. While typing, every keystroke re-reads the words before the cursor, so
   * their expansion (synonyms, corrections, completions) is worked out once per reader.
   */
  private final Map<String, Object> wordCache = new ConcurrentHashMap<>();
  private final TermStats termStats;

  /** The shared vocabulary of {@code reader} (created on first use). */
  static Vocabulary of(IndexReader reader) {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    if (helper == null) {
      return new Vocabulary(reader);
    }
    return BY_READER.computeIfAbsent(helper.getKey(), k -> new Vocabulary(reader));
  }

  /** A per-reader memo for derived word data (bounded; cleared when full). */
  @SuppressWarnings("unchecked")
  <T> T memo(String key, java.util.function.Function<String, T> compute) {
    Object v = wordCache.get(key);
    if (v == null) {
      if (wordCache.size() > MAX_CACHED_WORDS) {
        wordCache.clear();
      }
      v = compute.apply(key);
      wordCache.put(key, v);
    }
    return (T) v;
  }

  Vocabulary(IndexReader reader) {
    this.reader = reader;
    this.termStats = new TermStats(reader);
    try {
      this.terms = MultiTerms.getTerms(reader, SikpFields.VOCAB);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The root a spoken form no article holds stands for ({@link SpokenRoots}), or null. */
  String spokenRoot(String word) {
    SpokenRoots r = spokenRoots;
    if (r == null) {
      r = new SpokenRoots(reader);
      spokenRoots = r;
    }
    return r.read(word);
  }

  /** BM25 statistics of the same reader. */
  TermStats termStats() {
    return termStats;
  }

  int docFreq(String word) {
    try {
      return reader.docFreq(new Term(SikpFields.VOCAB, word));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Known as typed, or its stem occurs in a stemmed field ("tokennya" → "token"). */
  boolean known(String word) {
    if (docFreq(word) > 0) {
      return true;
    }
    String stem = SikpAnalysis.stem(word);
    if (stem == null) {
      return false;
    }
    try {
      return reader.docFreq(new Term(SikpFields.ASK, stem)) > 0
          || reader.docFreq(new Term(SikpFields.TITLE, stem)) > 0
          || reader.docFreq(new Term(SikpFields.ANSWER, stem)) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Up to {@code max} words starting with {@code prefix} (not equal to it), most common first. */
  List<Candidate> completions(String prefix, int max) {
    List<Candidate> out = new ArrayList<>();
    if (terms == null) {
      return out;
    }
    try {
      TermsEnum te = terms.iterator();
      BytesRef p = new BytesRef(prefix);
      if (te.seekCeil(p) == TermsEnum.SeekStatus.END) {
        return out;
      }
      do {
        BytesRef t = te.term();
        if (!startsWith(t, p)) {
          break;
        }
        if (t.length > p.length) {
          out.add(new Candidate(t.utf8ToString(), t.length - p.length, te.docFreq()));
        }
      } while (te.next() != null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparingInt(Candidate::docFreq).reversed());
    return out.size() > max ? new ArrayList<>(out.subList(0, max)) : out;
  }

  /**
   * Vocabulary words within the smallest edit distance (1, or 2 for words of seven letters and
   * more) of {@code word}, transpositions counting as one edit; most common first.
   */
  List<Candidate> corrections(String word, int max) {
    List<Candidate> out = new ArrayList<>();
    int len = word.codePointCount(0, word.length());
    if (terms == null || len < 4) {
      return out;
    }
    int maxEdits = len >= 7 ? 2 : 1;
    LevenshteinAutomata la = new LevenshteinAutomata(word, true);
    try {
      for (int d = 1; d <= maxEdits && out.isEmpty(); d++) {
        // finite: a Levenshtein automaton accepts finitely many words, which spares the
        // common-suffix analysis an infinite one needs (most of the cost of an unseen typo)
        CompiledAutomaton ca = new CompiledAutomaton(la.toAutomaton(d), true, false);
        TermsEnum te = ca.getTermsEnum(terms);
        BytesRef t;
        while ((t = te.next()) != null) {
          String w = t.utf8ToString();
          if (!w.equals(word)) {
            out.add(new Candidate(w, d, te.docFreq()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparingInt(Candidate::docFreq).reversed());
    return out.size() > max ? new ArrayList<>(out.subList(0, max)) : out;
  }

  /**
   * Words whose consonant skeleton is {@code abbrev}: the commonest Indonesian chat shorthand drops
   * the vowels after the first letter ("blm" belum, "sdh" sudah, "kd" kode, "pmbyrn" pembayaran).
   * Only for input without vowels after the first letter; most common first.
   */
  List<Candidate> expandSkeleton(String abbrev, int max) {
    if (abbrev.length() < 2 || !abbrev.equals(skeleton(abbrev))) {
      return List.of();
    }
    List<Candidate> all = skeletons().getOrDefault(abbrev, List.of());
    if (all.isEmpty() && abbrev.length() >= 3) {
      all = looseSkeletons(abbrev);
    }
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : all) {
      if (c.word().length() > abbrev.length()) {
        out.add(c);
      }
      if (out.size() == max) {
        break;
      }
    }
    return out;
  }

  /**
   * Words whose skeleton holds the abbreviation's letters in order, from its first letter to its
   * last: chat shorthand also drops consonants, most often a doubled one, an r or the n of "ng"
   * ("pswd" password, "ptg" potong, "tgl" tanggal). At most one letter in three may be missing.
   * Most common first.
   */
  private List<Candidate> looseSkeletons(String abbrev) {
    List<Candidate> out = new ArrayList<>();
    for (Map.Entry<String, List<Candidate>> e : skeletons().entrySet()) {
      String sk = e.getKey();
      if (sk.length() > abbrev.length() && sk.length() * 2 <= abbrev.length() * 3
          && sk.charAt(0) == abbrev.charAt(0)
          && sk.charAt(sk.length() - 1) == abbrev.charAt(abbrev.length() - 1)
          && isSubsequence(abbrev, sk)) {
        out.addAll(e.getValue());
      }
    }
    out.sort(Comparator.comparingInt(Candidate::docFreq).reversed());
    return out;
  }

  private static boolean isSubsequence(String small, String big) {
    int j = 0;
    for (int i = 0; i < big.length() && j < small.length(); i++) {
      if (big.charAt(i) == small.charAt(j)) {
        j++;
      }
    }
    return j == small.length();
  }

  static String skeleton(String w) {
    StringBuilder sb = new StringBuilder(w.length());
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (!Character.isLetter(c)) {
        return "";
      }
      if (i == 0 || "aeiou".indexOf(c) < 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private Map<String, List<Candidate>> skeletons() {
    Map<String, List<Candidate>> cached = skeletons;
    if (cached != null) {
      return cached;
    }
    Map<String, List<Candidate>> map = new HashMap<>();
    if (terms != null) {
      try {
        TermsEnum te = terms.iterator();
        BytesRef t;
        while ((t = te.next()) != null) {
          String w = t.utf8ToString();
          String sk = skeleton(w);
          if (sk.length() >= 2 && sk.length() < w.length()) {
            map.computeIfAbsent(sk, k -> new ArrayList<>()).add(new Candidate(w, 0, te.docFreq()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    map.values().forEach(l -> l.sort(Comparator.comparingInt(Candidate::docFreq).reversed()));
    skeletons = map;
    return map;
  }

  private static boolean startsWith(BytesRef t, BytesRef p) {
    if (t.length < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (t.bytes[t.offset + i] != p.bytes[p.offset + i]) {
        return false;
      }
    }
    return true;
  }
}
