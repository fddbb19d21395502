package klip.identity;

import klip.access.Roles;
import klip.http.ApiError;

import java.util.regex.Pattern;

/**
 * The formats of what administrators type for users and teams (types and lengths are the routes' schemas): a
 * clear 400 for anything else.
 */
final class UserInput {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
  private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  /** The channel technologies a queue member can be; what follows the slash is Asterisk's own syntax. */
  private static final Pattern INTERFACE = Pattern.compile("(PJSIP|SIP|IAX2|Local|DAHDI)/[A-Za-z0-9@._/-]{1,80}");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}<>]");
  static final int MIN_PASSWORD = 12;

  private UserInput() {
  }

  static String username(String value) {
    if (value == null || !USERNAME.matcher(value).matches()) {
      throw ApiError.badRequest("Nama pengguna: 2-40 huruf kecil, angka, titik, garis bawah atau tanda hubung");
    }
    return value;
  }

  static String teamCode(String value) {
    if (value == null || !TEAM.matcher(value).matches()) {
      throw ApiError.badRequest("Kode tim: 1-40 huruf kecil, angka, garis bawah atau tanda hubung");
    }
    return value;
  }

  /** Names are shown as text only, but angle brackets and control characters have no place in one anyway. */
  static String displayName(String value) {
    if (CONTROL.matcher(value).find()) {
      throw ApiError.badRequest("Nama tidak boleh berisi < > atau karakter kontrol (no < > or control characters)");
    }
    return value;
  }

  static String role(String value) {
    if (!Roles.ALL.contains(value)) {
      throw ApiError.badRequest("Peran tidak dikenal: " + Roles.ALL.stream().sorted().toList());
    }
    return value;
  }

  /** Null or empty means "no phone". */
  static String phoneInterface(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!INTERFACE.matcher(value).matches()) {
      throw ApiError.badRequest("Antarmuka telepon tidak valid, contoh PJSIP/1001");
    }
    return value;
  }

  static String password(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() < MIN_PASSWORD) {
      throw ApiError.badRequest("Kata sandi minimal " + MIN_PASSWORD + " karakter");
    }
    return value;
  }
}
