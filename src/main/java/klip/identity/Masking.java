package klip.identity;

import klip.phone.PhoneNumbers;

/**
 * Personal numbers for lists, boards and logs where the full value is not needed (UU PDP data minimisation):
 * the last four digits stay so that people can still tell records apart and confirm one with a caller.
 */
public final class Masking {

  private Masking() {
  }

  /** NPWP or NIK: "************3456"; null stays null. */
  public static String taxId(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    int keep = value.length() > 4 ? 4 : 0;
    return "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
  }

  /** A phone number: "********3344"; null stays null. */
  public static String phone(String value) {
    return value == null || value.isEmpty() ? value : PhoneNumbers.mask(value);
  }
}
