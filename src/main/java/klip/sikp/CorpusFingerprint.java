package klip.sikp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A content hash of a set of articles. It is stored in the index commit user data, so a process
 * that starts with a different corpus (or a different index schema) rebuilds the index.
 */
public final class CorpusFingerprint {
  private CorpusFingerprint() {}

  public static String of(Collection<SikpArticle> articles) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<SikpArticle> sorted =
        articles.stream().sorted(Comparator.comparing(SikpArticle::id)).toList();
    for (SikpArticle a : sorted) {
      update(md, a.id(), a.app(), a.title(), a.question(), String.join("\u001f", a.variants()),
          a.answer(), String.join("\u001f", a.keywords()), Integer.toString(a.version()), a.status());
      if (!a.asked().isEmpty()) {
        // Only when present: content hashes stored before callers' questions were indexed stay valid.
        update(md, String.join("\u001f", a.asked()));
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void update(MessageDigest md, String... parts) {
    for (String p : parts) {
      md.update(p.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0x1e);
    }
  }
}
