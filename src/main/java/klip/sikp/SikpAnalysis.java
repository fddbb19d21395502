package klip.sikp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis chains shared by indexing and querying.
 *
 * <ul>
 *   <li>{@link #STEMMED}: folded, stop words removed, each word reduced to its root by {@link
 *       IndonesianRoots} (prefixes with their nasal assimilation, confixes, suffixes, particles), so
 *       "pendaftaran", "mendaftar" and "daftar" meet, and so do "mengirim", "pengiriman" and "kirim".
 *   <li>{@link #EXACT}: the same without stemming; it rewards the surface form the agent typed and
 *       is the field family prefix completion and spelling correction work on.
 *   <li>{@link #QUERY_TOKENS}: like EXACT but keeping stop words, to cut raw input into words
 *       before synonyms are applied ("tdk" maps to "tidak", "gmn" to "bagaimana").
 * </ul>
 *
 * All three join a single-letter prefix to its word ("e-Filing" becomes "efiling", "m-pajak"
 * "mpajak"), because agents write e-Filing, efiling and e filing interchangeably.
 */
public final class SikpAnalysis {
  /** "e-Filing" → "eFiling": a lone letter glued to a word by a hyphen is part of the name. */
  private static final Pattern LETTER_HYPHEN = Pattern.compile("(?<![\\p{L}\\p{N}])(\\p{L})-(?=\\p{L})");

  /**
   * Words of Lucene's stop list kept because they change what a question asks ("lebih bayar" is
   * not "kurang bayar", "belum masuk" differs from "sudah masuk"). They are still function words:
   * most articles hold some of them, so the query weighs them lower (see {@link QueryInterpreter}).
   */
  static final java.util.Set<String> MEANINGFUL_FUNCTION_WORDS = java.util.Set.of("lebih", "belum",
      "sudah", "tidak", "bisa", "lama", "masih", "baru", "kurang", "sama", "buat", "boleh", "mau",
      "ingin", "lain", "dulu", "enggak");

  /**
   * Lucene's Indonesian stop list minus words that carry meaning in a help-desk question:
   * "lebih bayar" is not "kurang bayar", "belum masuk" differs from "sudah masuk".
   */
  public static final CharArraySet STOP_WORDS = buildStopWords();

  /**
   * Positions left between two values of a multi-valued field (the question and each of its
   * variants, the keywords, the callers' questions): they are separate texts, so a phrase or the
   * whole query's proximity must not match across the end of one and the start of the next. 100,
   * as Elasticsearch's {@code position_increment_gap} for text fields.
   */
  static final int VALUE_GAP = 100;

  public static final Analyzer STEMMED = new Chain(true, true);
  public static final Analyzer EXACT = new Chain(false, true);
  public static final Analyzer QUERY_TOKENS = new Chain(false, false);

  private SikpAnalysis() {}

  private static CharArraySet buildStopWords() {
    CharArraySet set = new CharArraySet(256, true);
    for (Object w : IndonesianAnalyzer.getDefaultStopSet()) {
      String word = new String((char[]) w);
      if (!MEANINGFUL_FUNCTION_WORDS.contains(word)) {
        set.add(word);
      }
    }
    // colloquial particles and fillers that carry no topic
    for (String filler : List.of("sih", "dong", "deh", "nih", "tuh", "ya", "yah", "kah", "loh",
        "lho", "kak", "pak", "bu", "mas", "mbak", "bapak", "ibu", "tolong", "mohon", "halo",
        "eh", "aja", "doang", "gitu", "gini", "kok", "nya", "untuk", "utk", "the", "a", "an", "of", "to", "is",
        "my", "i", "in", "on", "for", "and", "or", "not")) {
      set.add(filler);
    }
    // the same of spoken Jakarta/Betawi, Javanese, Sundanese and Medan Indonesian: particles,
    // pronouns and forms of address
    for (String filler : List.of("emang", "emangnya", "kayak", "kek", "nah", "wah", "duh", "aduh",
        "yuk", "ayo", "gue", "gua", "gw", "lu", "lo", "elo", "elu", "aye", "ane", "ente", "bro", "sis",
        "gan", "iki", "kuwi", "iku", "sing", "karo", "neng", "ning", "nang", "wae", "ae", "mawon",
        "nggih", "injih", "kulo", "kula", "sampeyan", "panjenengan", "kowe", "awakmu", "ngene",
        "ngono", "tenan", "pisan", "cak", "teh", "mah", "atuh", "euy", "abdi", "anjeun", "sareng",
        "nu", "eta", "ieu", "kang", "akang", "teteh", "punten", "mangga", "nuhun", "bah", "lae",
        "pulak", "opo", "naon", "ape", "nyang", "aje")) {
      set.add(filler);
    }
    // more of the same: chat fillers, thanks and greetings, Javanese and Sundanese particles and
    // conjunctions, Betawi pronouns and forms of address
    for (String filler : List.of("gt", "gtu", "gni", "aj", "ajah", "ajj", "mksh", "makasih", "makasi",
        "trims", "thx", "thanks", "tq", "pls", "plis", "please", "permisi", "misi", "assalamualaikum",
        "salam", "min", "bang", "om", "bund", "bun", "sob", "bos", "boss", "mba", "neng", "tho", "og",
        "lha", "ki", "kae", "kene", "kono", "yo", "je", "ta", "tah", "jenengan", "njenengan", "oge",
        "kitu", "kieu", "keur", "jeung", "anu", "geuning", "tea", "mun", "lamun", "upami", "urang",
        "kite", "ame", "sampean", "koe", "tak", "wis", "kabeh")) {
      set.add(filler);
    }
    return CharArraySet.unmodifiableSet(set);
  }

  /** Tokens of {@code text} under {@code analyzer}, in order. */
  public static List<String> tokens(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * {@link #tokens} of {@code text} under {@link #EXACT}, kept: both phases split every alternative
   * of the interpreted query into its words, and the same few thousand alternatives (synonyms,
   * completions, corrections) come back keystroke after keystroke; a token stream over a char
   * filter allocated some 2 KB each time (a fifth of a suggestion's garbage at 50,000 articles).
   */
  static List<String> exactWords(String text) {
    return EXACT_WORDS.get(text, t -> List.copyOf(tokens(EXACT, t)));
  }

  private static final ClearingMemo<String, List<String>> EXACT_WORDS = new ClearingMemo<>(100_000);

  /**
   * The stem of one already folded, lower-case word (null when it is a stop word); the same
   * result as the {@link #STEMMED} chain for a single word, without building a token stream.
   */
  public static String stem(String word) {
    if (word.isEmpty() || STOP_WORDS.contains(word)) {
      return null;
    }
    return STEMS.get(word, IndonesianRoots::root);
  }

  /** Stems of words seen lately: snippets and queries stem the same few thousand words again. */
  private static final ClearingMemo<String, String> STEMS = new ClearingMemo<>(100_000);

  /**
   * Replaces each word by {@link #stem}, its root: cached, since finding a root costs tens of
   * microseconds and an index of 50,000 articles repeats a few thousand words millions of times.
   */
  private static final class RootFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    RootFilter(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      if (!keyword.isKeyword()) {
        String root = stem(term.toString());
        if (root != null) {
          term.setEmpty().append(root);
        }
      }
      return true;
    }
  }

  private static final class Chain extends Analyzer {
    private final boolean stem;
    private final boolean stop;

    Chain(boolean stem, boolean stop) {
      this.stem = stem;
      this.stop = stop;
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return new PatternReplaceCharFilter(LETTER_HYPHEN, "$1", reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream ts = new LowerCaseFilter(source);
      ts = new ASCIIFoldingFilter(ts);
      if (stop) {
        ts = new StopFilter(ts, STOP_WORDS);
      }
      if (stem) {
        ts = new RootFilter(ts);
      }
      return new TokenStreamComponents(source, ts);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
      return VALUE_GAP;
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
  }
}
