package klip.telephony;

import io.vertx.core.Future;
import klip.cluster.OwnerBound;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;

import java.util.regex.Pattern;

/**
 * A running team-leader spy, steered from the server. ChanSpy started with {@code d} reads keypad digits as mode
 * switches; PlayDTMF with {@code Receive: true} (Asterisk 16+) queues the digit as if the team leader's phone had
 * sent it, so ChanSpy switches in place: the same spyer channel, no second ring. Stopping is a Hangup of the
 * spyer channel, which ends its ChanSpy (ChanSpyStop, then Hangup).
 */
final class SpyControls {

  private static final Pattern MODE_DIGIT = Pattern.compile("[456]");
  /** Asterisk's own default DTMF length. */
  private static final int DIGIT_MS = 250;

  private SpyControls() {
  }

  static Future<Void> register(OwnerBound bus, AmiSession session) {
    return bus.<JsonObject>consumer(Addresses.SPY_SWITCH, m -> {
      String digit = m.body().getString("digit", "");
      if (!MODE_DIGIT.matcher(digit).matches()) {
        m.fail(400, "not a ChanSpy mode digit: " + digit);
        return;
      }
      PlayDtmfAction action = new PlayDtmfAction(m.body().getString("channel"), digit);
      action.setDuration(DIGIT_MS);
      action.setReceive(true);
      answer(m, session.send(action));
    }).compose(v -> bus.<JsonObject>consumer(Addresses.SPY_HANG_UP,
        m -> answer(m, session.send(new HangupAction(m.body().getString("channel"))))));
  }

  /** Asterisk's Error response (no such channel, say) fails the request with its message. */
  private static void answer(Message<JsonObject> m, Future<ManagerResponse> sent) {
    sent.onSuccess(response -> {
      if (response instanceof ManagerError error) {
        m.fail(502, error.getMessage());
      } else {
        m.reply(true);
      }
    }).onFailure(err -> m.fail(502, err.getMessage()));
  }
}
