package klip.supervision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge of a call's waiting board-row writes follows the upsert's own rule. */
class BoardRowsTest {

  @Test
  @DisplayName("Merged facts keep the first value of each field and the latest agent interface, as the upserts one "
      + "by one would leave the row")
  void mergeFollowsTheUpsert() {
    BoardRows.Row queued = new BoardRows.Row("q1", "0812", 1_000L, null, null, null, null);
    BoardRows.Row ringing = new BoardRows.Row("q1", "0812", 1_000L, 2_000L, null, null, "Local/a1@agents");
    BoardRows.Row ringingElsewhere = new BoardRows.Row("q2", "0813", 9_000L, 3_000L, null, null, "Local/a2@agents");
    BoardRows.Row ended = new BoardRows.Row(null, null, null, null, null, 5_000L, null);

    BoardRows.Row merged = queued.then(ringing).then(ringingElsewhere).then(ended);

    assertThat(merged).isEqualTo(new BoardRows.Row("q1", "0812", 1_000L, 2_000L, null, 5_000L, "Local/a2@agents"));
  }
}
