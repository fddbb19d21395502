package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.access.Roles;
import klip.http.ApiError;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.identity.Teams;
import klip.phone.PhoneNumbers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Ticket search for agents and team leaders: by ticket number, caller number, NPWP/NIK, caller or taxpayer name,
 * words of the question, notes or answer, and a range of Jakarta (WIB) days. What a person may find is what they
 * may open: an agent their own tickets, a team leader those of their team's agents.
 */
public final class TicketFinderApi implements HttpApi {

  private static final int LONGEST_RANGE_DAYS = 366;

  private final Pool pool;
  private final Teams teams;

  public TicketFinderApi(Pool pool, Teams teams) {
    this.pool = pool;
    this.teams = teams;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/tickets/search", RequestSchema.none()
        .query("ticket", Fields.text(19).withKeyword("description", "Ticket number"))
        .query("phone", Fields.text(60).withKeyword("description", "Caller number in any form"))
        .query("taxId", Fields.text(40).withKeyword("description", "NPWP (15/16 digits) or NIK (16 digits)"))
        .query("name", Fields.text(100).withKeyword("description", "Part of the caller's or taxpayer's name"))
        .query("text", Fields.text(200).withKeyword("description", "Words of the question, notes or answer"))
        .query("from", Fields.text(10).withKeyword("description", "First day, YYYY-MM-DD (WIB)"))
        .query("to", Fields.text(10).withKeyword("description", "Last day, YYYY-MM-DD (WIB)"))
        .query("limit", Fields.whole(1, 500, 100)), this::search);
  }

  private Future<JsonArray> search(RoutingContext ctx) {
    RequestInput in = RequestInput.of(ctx);
    Long ticket = ticketNumber(blank(in.query("ticket")));
    String phone = phone(blank(in.query("phone")));
    String taxId = taxId(blank(in.query("taxId")));
    String name = pattern(blank(in.query("name")), "Nama");
    String text = pattern(blank(in.query("text")), "Teks");
    LocalDate from = day(blank(in.query("from")), "Tanggal awal");
    LocalDate to = day(blank(in.query("to")), "Tanggal akhir");
    if (from != null && to != null && (from.isAfter(to) || from.plusDays(LONGEST_RANGE_DAYS).isBefore(to))) {
      throw ApiError.badRequest("Rentang tanggal tidak valid: tanggal awal harus sebelum tanggal akhir, paling lama "
          + "satu tahun");
    }
    if (ticket == null && phone == null && taxId == null && name == null && text == null && from == null
        && to == null) {
      throw ApiError.badRequest("Isi minimal satu kriteria pencarian");
    }
    Principal me = Principal.of(ctx);
    Future<List<String>> scope = me.hasRole(Roles.AGENT) ? Future.succeededFuture(List.of(me.username()))
        : teams.membersOf(me.team());
    int limit = in.queryInt("limit");
    return scope.compose(agents -> pool.preparedQuery(TicketQueries.FIND).execute(Tuple.tuple()
            .addLong(ticket).addString(phone).addString(taxId).addString(name).addString(text)
            .addLocalDate(from).addLocalDate(to).addArrayOfString(agents.toArray(String[]::new)).addInteger(limit)))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(TicketJson.summary(r).put("callerName", r.getString("caller_name"))));
          return list;
        });
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Long ticketNumber(String value) {
    if (value == null) {
      return null;
    }
    String digits = value.startsWith("#") ? value.substring(1) : value;
    if (!digits.matches("[0-9]{1,18}")) {
      throw ApiError.badRequest("Nomor tiket harus berupa angka");
    }
    return Long.parseLong(digits);
  }

  private static String phone(String value) {
    if (value == null) {
      return null;
    }
    String normalised = PhoneNumbers.normalise(value);
    if (normalised.length() < 4 || normalised.length() > 20) {
      throw ApiError.badRequest("Nomor telepon tidak valid: 4 sampai 20 digit");
    }
    return normalised;
  }

  /** As stored on tickets: digits only, NPWP of 15 or 16 digits, NIK of 16. */
  private static String taxId(String value) {
    if (value == null) {
      return null;
    }
    String digits = value.replaceAll("[.\\-\\s]", "");
    if (!digits.matches("[0-9]{15,16}")) {
      throw ApiError.badRequest("NPWP/NIK tidak valid: 15 atau 16 digit");
    }
    return digits;
  }

  /** A case-insensitive "contains" pattern; the user's % and _ are taken literally. */
  private static String pattern(String value, String what) {
    if (value == null) {
      return null;
    }
    if (value.length() < 2) {
      throw ApiError.badRequest(what + " minimal 2 huruf");
    }
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static LocalDate day(String value, String what) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(what + " harus berformat TTTT-BB-HH (date must be YYYY-MM-DD)");
    }
  }
}
