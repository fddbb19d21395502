package klip.sikp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * The articles' roots (the terms of the stemmed fields) by their consonants, to read a spoken form
 * no article holds: Jakarta, Javanese and Sundanese speech shift a root's vowels ("catet" for catat,
 * "temen" teman, "pake" pakai, "kerjo" kerja), drop its h ("itung" hitung, "ancur" hancur) and wrap
 * it in spoken affixes ("ke-", "ny-", "ng-", "-in", "-an", "-nya": "kecatet", "nyatet", "kepake",
 * "ngawasin", "simpennya"), but keep its consonants. Spelling correction at one or two edits misses
 * these; their consonant skeleton finds the root. Built once per reader, on the first word that
 * needs it, from the terms of the stemmed title, question and answer (which are roots).
 *
 * <p>Only for a word no other reading matched and that is not itself a standard Indonesian word
 * ({@link IndonesianRoots#inDictionary}): "soal", "enam", "kemarin" are words the articles lack,
 * not spoken forms, and their skeletons would name unrelated roots ("salah", "nama").
 */
final class SpokenRoots {
  private static final String[] FIELDS = {SikpFields.TITLE, SikpFields.ASK, SikpFields.ANSWER};
  private static final List<String> SUFFIXES = List.of("nya", "ny", "in", "an", "ne", "na", "e");
  private static final List<String> PREFIXES = List.of("nge", "ke", "di", "ter", "ng", "ny");

  /** A root and in how many articles' fields it occurs (the most common wins a tie). */
  private record Root(String word, int docFreq) {}

  private final Map<String, Root> bySkeleton = new HashMap<>();

  SpokenRoots(IndexReader reader) {
    Map<String, Integer> freq = new HashMap<>();
    try {
      for (String field : FIELDS) {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        BytesRef t;
        while ((t = te.next()) != null) {
          freq.merge(t.utf8ToString(), te.docFreq(), Math::max);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    freq.forEach((word, df) -> {
      String sk = skeleton(word);
      // Two consonants at least: one alone ("_d", "_p") names too many roots to guess among.
      if (sk.replace("_", "").length() >= 2) {
        bySkeleton.merge(sk, new Root(word, df), SpokenRoots::commoner);
      }
    });
  }

  private static Root commoner(Root a, Root b) {
    if (a.docFreq() != b.docFreq()) {
      return a.docFreq() > b.docFreq() ? a : b;
    }
    return a.word().compareTo(b.word()) <= 0 ? a : b;
  }

  /**
   * The root a spoken form stands for, or null: the form and the forms left when spoken affixes
   * are taken off (a nasal prefix also gives back the consonant it swallowed: "nyatet" → "catet"),
   * matched on consonants to a root at most two letters longer or shorter.
   */
  String read(String spoken) {
    for (String base : bases(spoken)) {
      Root r = bySkeleton.get(skeleton(base));
      if (r != null && Math.abs(r.word().length() - base.length()) <= 2) {
        return r.word();
      }
    }
    return null;
  }

  /** The form with its spoken affixes taken off, most taken off first, the form itself last. */
  static List<String> bases(String w) {
    List<String> stems = new ArrayList<>();
    for (String s : SUFFIXES) {
      if (w.length() - s.length() >= 3 && w.endsWith(s)) {
        stems.add(w.substring(0, w.length() - s.length()));
      }
    }
    stems.add(w);
    List<String> out = new ArrayList<>();
    for (String s : stems) {
      for (String p : PREFIXES) {
        if (s.length() - p.length() >= 3 && s.startsWith(p)) {
          String rest = s.substring(p.length());
          if (p.equals("ny")) {
            out.add("c" + rest);
            out.add("s" + rest);
          } else if (p.equals("ng") && "aeiou".indexOf(rest.charAt(0)) >= 0) {
            out.add("k" + rest);
          }
          out.add(rest);
        }
      }
    }
    out.addAll(stems);
    return out;
  }

  /**
   * The consonants without h, doubled ones once, marked when the word opens with a vowel or h:
   * "catatan", "catetan" → "cttn"; "itung", "hitung" → "_tng".
   */
  static String skeleton(String w) {
    StringBuilder sb = new StringBuilder(w.length() + 1);
    if (w.isEmpty()) {
      return "";
    }
    if ("aeiouh".indexOf(w.charAt(0)) >= 0) {
      sb.append('_');
    }
    char last = 0;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c < 'a' || c > 'z') {
        return "";
      }
      if ("aeiouh".indexOf(c) < 0 && c != last) {
        sb.append(c);
      }
      if ("aeiou".indexOf(c) < 0) {
        last = c;
      } else {
        last = 0;
      }
    }
    return sb.toString();
  }
}
