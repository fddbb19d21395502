package klip.identity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

  @Test
  @DisplayName("Argon2id hashes are salted, verify the right password only, and reject malformed hashes")
  void hashAndVerify() {
    String a = PasswordHasher.hash("rahasia-123");
    String b = PasswordHasher.hash("rahasia-123");
    assertThat(a).startsWith("$argon2id$v=19$m=").isNotEqualTo(b);
    assertThat(PasswordHasher.matches("rahasia-123", a)).isTrue();
    assertThat(PasswordHasher.matches("rahasia-124", a)).isFalse();
    assertThat(PasswordHasher.matches("rahasia-123", "$argon2id$garbage")).isFalse();
    assertThat(PasswordHasher.matches("rahasia-123", null)).isFalse();
  }
}
