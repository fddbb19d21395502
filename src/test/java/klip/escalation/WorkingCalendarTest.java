package klip.escalation;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines with the shipped 2026 calendar (SKB 1497/2025); times written in WIB. */
class WorkingCalendarTest {

  private static WorkingCalendar calendar;
  private static JsonObject file;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = WorkingCalendarTest.class.getClassLoader().getResourceAsStream(CalendarStore.SEED_FILE)) {
      file = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Set<LocalDate> days = new HashSet<>();
    file.getJsonArray("days").forEach(o -> days.add(LocalDate.parse(((JsonObject) o).getString("date"))));
    calendar = new WorkingCalendar(days, LocalTime.of(8, 0), LocalTime.of(17, 0));
  }

  private static Instant wib(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.JAKARTA).toInstant();
  }

  @Test
  @DisplayName("The 2026 file has the decree's 17 national holidays and 8 cuti bersama; 2027 estimates are provisional")
  void dataFile() {
    long holidays2026 = file.getJsonArray("days").stream().map(o -> (JsonObject) o)
        .filter(d -> d.getString("date").startsWith("2026") && d.getString("kind").equals("holiday")).count();
    long cuti2026 = file.getJsonArray("days").stream().map(o -> (JsonObject) o)
        .filter(d -> d.getString("date").startsWith("2026") && d.getString("kind").equals("cuti_bersama")).count();
    assertThat(holidays2026).isEqualTo(17);
    assertThat(cuti2026).isEqualTo(8);
    assertThat(file.getJsonArray("days").stream().map(o -> (JsonObject) o)
        .filter(d -> d.getString("date").startsWith("2026")).noneMatch(d -> d.getBoolean("provisional"))).isTrue();
    assertThat(file.getJsonArray("days").stream().map(o -> (JsonObject) o)
        .filter(d -> d.getString("date").equals("2027-03-10")).findFirst().orElseThrow()
        .getBoolean("provisional")).isTrue();
  }

  @Test
  @DisplayName("Friday 13 Feb 2026 before the Imlek long weekend (cuti 16, Imlek 17 Feb) is due Wednesday 18 Feb")
  void fridayBeforeLongWeekend() {
    assertThat(calendar.deadlineFor(wib("2026-02-13T10:00"))).isEqualTo(wib("2026-02-18T17:00"));
    // Friday 29 May: Waisak on Sunday 31 May, Pancasila on Monday 1 June.
    assertThat(calendar.deadlineFor(wib("2026-05-29T16:30"))).isEqualTo(wib("2026-06-02T17:00"));
  }

  @Test
  @DisplayName("Idul Fitri 1447 H: a question on Tuesday 17 March waits past Nyepi, cuti bersama and Lebaran to 25 March")
  void idulFitri() {
    assertThat(calendar.deadlineFor(wib("2026-03-17T09:00"))).isEqualTo(wib("2026-03-25T17:00"));
    for (String day : new String[] {"2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24"}) {
      assertThat(calendar.isWorkingDay(LocalDate.parse(day))).as(day).isFalse();
    }
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-25"))).isTrue();
  }

  @Test
  @DisplayName("Received at 23:59 WIB (16:59 UTC) counts for that WIB day; one minute later it is the next day's")
  void receivedAt2359() {
    assertThat(calendar.deadlineFor(wib("2026-01-05T23:59"))).isEqualTo(wib("2026-01-06T17:00"));
    assertThat(calendar.deadlineFor(Instant.parse("2026-01-05T16:59:00Z"))).isEqualTo(wib("2026-01-06T17:00"));
    assertThat(calendar.deadlineFor(Instant.parse("2026-01-05T17:00:00Z"))).isEqualTo(wib("2026-01-07T17:00"));
  }

  @Test
  @DisplayName("Received on a holiday (Nyepi, Thursday 19 March) or a weekend: due the working day after the next one")
  void receivedOnHoliday() {
    assertThat(calendar.deadlineFor(wib("2026-03-19T11:00"))).isEqualTo(wib("2026-03-25T17:00"));
    assertThat(calendar.deadlineFor(wib("2026-01-01T08:00"))).isEqualTo(wib("2026-01-02T17:00"));
    assertThat(calendar.deadlineFor(wib("2026-01-10T08:00"))).isEqualTo(wib("2026-01-12T17:00"));
  }

  @Test
  @DisplayName("Working time and the warning instant skip nights, weekends and days off")
  void workingTime() {
    Instant deadline = wib("2026-02-18T17:00");
    assertThat(calendar.workingTimeBefore(deadline, Duration.ofHours(2))).isEqualTo(wib("2026-02-18T15:00"));
    assertThat(calendar.workingTimeBefore(wib("2026-02-18T09:00"), Duration.ofHours(2)))
        .isEqualTo(wib("2026-02-13T16:00"));
    assertThat(calendar.workingTimeBetween(wib("2026-02-13T16:00"), wib("2026-02-18T09:00")))
        .isEqualTo(Duration.ofHours(2));
    assertThat(calendar.workingTimeBetween(wib("2026-02-18T09:00"), wib("2026-02-13T16:00"))).isZero();
  }
}
