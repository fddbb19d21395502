package klip.escalation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working days and hours in Asia/Jakarta: Monday to Friday minus national holidays and cuti bersama, office
 * hours {@code open}–{@code close}. Immutable: an admin's edit builds a new one. All SOP time limits are in
 * WIB whatever the server's own zone, hence the explicit zone everywhere.
 */
public final class WorkingCalendar {

  public static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  private final Set<LocalDate> daysOff;
  private final LocalTime open;
  private final LocalTime close;

  public WorkingCalendar(Set<LocalDate> daysOff, LocalTime open, LocalTime close) {
    this.daysOff = Set.copyOf(daysOff);
    this.open = open;
    this.close = close;
  }

  public boolean isWorkingDay(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !daysOff.contains(day);
  }

  public LocalDate nextWorkingDayAfter(LocalDate day) {
    LocalDate d = day.plusDays(1);
    while (!isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /**
   * The SOP's limit for escalating: close of business on the next working day after the day the question
   * was received (in WIB). A question received at 23:59 WIB on a Monday is due Tuesday; one received on a
   * holiday or a weekend is due on the first working day after that day.
   */
  public Instant deadlineFor(Instant receivedAt) {
    LocalDate received = receivedAt.atZone(JAKARTA).toLocalDate();
    return nextWorkingDayAfter(received).atTime(close).atZone(JAKARTA).toInstant();
  }

  /** Office time on working days between two instants (zero if {@code to} is not after {@code from}). */
  public Duration workingTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate day = from.atZone(JAKARTA).toLocalDate();
    LocalDate last = to.atZone(JAKARTA).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      Instant dayOpen = day.atTime(open).atZone(JAKARTA).toInstant();
      Instant dayClose = day.atTime(close).atZone(JAKARTA).toInstant();
      Instant start = from.isAfter(dayOpen) ? from : dayOpen;
      Instant end = to.isBefore(dayClose) ? to : dayClose;
      if (end.isAfter(start)) {
        total = total.plus(Duration.between(start, end));
      }
    }
    return total;
  }

  /** The instant {@code before} working time ahead of {@code deadline}, walking back over days off. */
  public Instant workingTimeBefore(Instant deadline, Duration before) {
    ZonedDateTime at = deadline.atZone(JAKARTA);
    Duration left = before;
    LocalDate day = at.toLocalDate();
    LocalTime end = at.toLocalTime().isAfter(close) ? close : at.toLocalTime();
    for (int guard = 0; guard < 3660; guard++, day = day.minusDays(1), end = close) {
      if (!isWorkingDay(day) || !end.isAfter(open)) {
        continue;
      }
      Duration available = Duration.between(open, end);
      if (available.compareTo(left) >= 0) {
        return day.atTime(end).minus(left).atZone(JAKARTA).toInstant();
      }
      left = left.minus(available);
    }
    throw new IllegalStateException("No working time within ten years before " + deadline);
  }
}
