package klip.supervision;

import klip.http.ApiError;

import java.util.Locale;

/**
 * How a team leader joins a live call, as ChanSpy options. Every mode is quiet ({@code q}: no beep, no channel
 * name read out), ends with the spied-on channel ({@code E}) and lets the team leader switch mode from the phone's
 * keypad ({@code d}: 4 listen, 5 whisper, 6 barge) — ChanSpy sets up the whisper and barge audio hooks for every
 * spy started with {@code d}, so switching works whatever the mode it began in.
 */
public enum SpyMode {
  /** Hear both sides; nobody hears the team leader. */
  LISTEN("qEd", "4"),
  /** Coach: the agent hears the team leader, the caller does not. */
  WHISPER("qEdw", "5"),
  /** Take part: both sides hear the team leader. */
  BARGE("qEdB", "6");

  private final String options;
  private final String digit;

  SpyMode(String options, String digit) {
    this.options = options;
    this.digit = digit;
  }

  /** The keypad digit that switches a running ChanSpy started with {@code d} into this mode. */
  public String digit() {
    return digit;
  }

  public String options() {
    return options;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SpyMode parse(String value) {
    if (value != null) {
      for (SpyMode m : values()) {
        if (m.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
    }
    throw ApiError.badRequest("Mode harus listen, whisper atau barge");
  }
}
