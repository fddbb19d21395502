package klip.tickets;

import klip.phone.PhoneNumbers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "+6285711223344|085711223344",
      "6285711223344|085711223344",
      "+62 857-1122-3344|085711223344",
      "0857 1122 3344|085711223344",
      "(021) 525-0208|0215250208",
      "0215250208|0215250208",
      "006281266677788|081266677788",
      "6281266677788|081266677788",
      "1500200|1500200",
      "<unknown>|''"})
  @DisplayName("Numbers as trunks and people write them normalise to one national form")
  void normalise(String raw, String expected) {
    assertThat(PhoneNumbers.normalise(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"+6285711223344,********3344", "123,****"})
  @DisplayName("Masked numbers keep only the last four digits")
  void mask(String raw, String expected) {
    assertThat(PhoneNumbers.mask(raw)).isEqualTo(expected);
  }
}
