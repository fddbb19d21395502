package klip.audit;

import io.vertx.core.json.JsonArray;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash that links one audit entry to the one before it: SHA-256 over the previous hash and every stored
 * field, encoded as a JSON array so no choice of field contents can make two different entries hash alike.
 * A few hundred bytes per entry: cheap enough for the event loop, unlike password hashing.
 */
public final class AuditChain {

  /** The previous hash of the very first entry. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {
  }

  public static String hash(String prevHash, long id, Instant at, String actor, String action, String target,
                            String detail, String remoteAddress) {
    String canonical = new JsonArray().add(prevHash).add(id).add(at.toString()).add(actor).add(action).add(target)
        .add(detail).add(remoteAddress).encode();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
