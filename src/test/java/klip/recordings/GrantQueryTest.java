package klip.recordings;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrantQueryTest {

  @Test
  @DisplayName("The short road takes only a query of exactly grant=<base64url token>, up to the schema's 200")
  void token() {
    assertThat(GrantQuery.token("grant=abc-_XYZ019")).isEqualTo("abc-_XYZ019");
    assertThat(GrantQuery.token("grant=" + "a".repeat(200))).hasSize(200);
    assertThat(GrantQuery.token("grant=" + "a".repeat(201))).isNull();
    assertThat(GrantQuery.token(null)).isNull();
    assertThat(GrantQuery.token("grant=")).isNull();
    assertThat(GrantQuery.token("grant=abc&download=1")).isNull();
    assertThat(GrantQuery.token("download=1&grant=abc")).isNull();
    assertThat(GrantQuery.token("grant=ab%41")).isNull();
    assertThat(GrantQuery.token("grant=a+b")).isNull();
    assertThat(GrantQuery.token("grants=abc")).isNull();
  }

  @Test
  @DisplayName("The short road takes only a plain positive id; anything else goes to the full route's validation")
  void positiveId() {
    assertThat(GrantQuery.positiveId("1")).isEqualTo(1);
    assertThat(GrantQuery.positiveId("123456789012345678")).isEqualTo(123456789012345678L);
    assertThat(GrantQuery.positiveId("1234567890123456789")).isEqualTo(-1);
    assertThat(GrantQuery.positiveId("0")).isEqualTo(-1);
    assertThat(GrantQuery.positiveId("007")).isEqualTo(-1);
    assertThat(GrantQuery.positiveId("-5")).isEqualTo(-1);
    assertThat(GrantQuery.positiveId("5a")).isEqualTo(-1);
    assertThat(GrantQuery.positiveId("")).isEqualTo(-1);
    assertThat(GrantQuery.positiveId(null)).isEqualTo(-1);
  }
}
