package klip.sikp;

/**
 * The weights of the relevance model: the field boosts both ranking phases use, and the second
 * phase's ({@link CandidateRanker}) combination weights. {@link #DEFAULT} is what the engine runs
 * with; another set is only ever built by the evaluation, to fit the weights jointly on the dev
 * queries (bench/SIKP.md).
 *
 * @param title boost of the title (the strongest signal)
 * @param ask boost of the question and its variants
 * @param keywords boost of the keywords
 * @param app boost of the application name
 * @param answer boost of the answer (callers describe symptoms, the answer is where they are written)
 * @param asked boost of the callers' questions learned from answered tickets
 * @param fieldTie share of the other fields added to an alternative's best field (dis-max tie)
 * @param phrase weight of a multi-word alternative as a phrase (slop 1) in a field
 * @param proximity weight of the whole query as a sloppy phrase in title and question
 * @param exact weight of an unstemmed twin field against its stemmed field
 * @param coveragePower power of the share of the query's concepts an article matches
 * @param lead boost of the answer's opening, as one more field (0: not scored apart)
 * @param longCoveragePower the coverage power for a long question ({@link
 *     CandidateRanker#LONG_QUESTION} concepts or more)
 */
public record RankingWeights(float title, float ask, float keywords, float app, float answer,
    float asked, float fieldTie, float phrase, float proximity, float exact, float coveragePower,
    float lead, float longCoveragePower) {

  public static final RankingWeights DEFAULT = new RankingWeights(
      SikpFields.BOOSTS.get(SikpFields.TITLE), SikpFields.BOOSTS.get(SikpFields.ASK),
      SikpFields.BOOSTS.get(SikpFields.KEYWORDS), SikpFields.BOOSTS.get(SikpFields.APP),
      SikpFields.BOOSTS.get(SikpFields.ANSWER), SikpFields.BOOSTS.get(SikpFields.ASKED),
      0.3f, 0.5f, 0.6f, SikpFields.EXACT_WEIGHT, 0.5f, 1f, 1f);

  /** The boost of a stemmed field. */
  float boost(String field) {
    return switch (field) {
      case SikpFields.TITLE -> title;
      case SikpFields.ASK -> ask;
      case SikpFields.KEYWORDS -> keywords;
      case SikpFields.APP -> app;
      case SikpFields.ANSWER -> answer;
      case SikpFields.ASKED -> asked;
      default -> throw new IllegalArgumentException("not a scored field: " + field);
    };
  }
}
