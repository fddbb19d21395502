package klip.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  @DisplayName("NPWP, NIK and phone numbers keep only their last four digits")
  void masks() {
    assertThat(Masking.taxId("0123456789012345")).isEqualTo("************2345");
    assertThat(Masking.taxId("012345678901234")).isEqualTo("***********1234");
    assertThat(Masking.taxId("12")).isEqualTo("**");
    assertThat(Masking.taxId(null)).isNull();
    assertThat(Masking.phone("+62 857-1122-3344")).isEqualTo("********3344");
    assertThat(Masking.phone(null)).isNull();
  }
}
