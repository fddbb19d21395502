package klip.qa;

import io.vertx.core.json.JsonObject;
import klip.http.ApiError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The score of one evaluation: each criterion answered yes (1), partly (0.5), no (0) or not applicable (null),
 * weighted; a fatal criterion answered no makes the score 0. Every criterion of the form must be answered.
 */
final class Scoring {

  record Criterion(String code, String label, int weight, boolean fatal) {
  }

  record Result(BigDecimal score, boolean fatalFailed) {
  }

  private Scoring() {
  }

  static Result score(List<Criterion> criteria, JsonObject answers) {
    for (String code : answers.fieldNames()) {
      if (criteria.stream().noneMatch(c -> c.code().equals(code))) {
        throw ApiError.badRequest("Kriteria '" + code + "' tidak ada di formulir");
      }
    }
    double weighted = 0;
    double weights = 0;
    boolean fatal = false;
    for (Criterion c : criteria) {
      if (!answers.containsKey(c.code())) {
        throw ApiError.badRequest("Kriteria '" + c.code() + "' belum dinilai");
      }
      Object v = answers.getValue(c.code());
      if (v == null) {
        if (c.fatal()) {
          throw ApiError.badRequest("Kriteria fatal '" + c.code() + "' wajib dinilai");
        }
        continue;
      }
      double value = v instanceof Number n ? n.doubleValue() : -1;
      if (value != 0 && value != 0.5 && value != 1) {
        throw ApiError.badRequest("Nilai '" + c.code() + "' harus 1, 0.5, 0 atau null");
      }
      fatal |= c.fatal() && value == 0;
      weighted += c.weight() * value;
      weights += c.weight();
    }
    double score = fatal || weights == 0 ? 0 : 100 * weighted / weights;
    return new Result(BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP), fatal);
  }
}
