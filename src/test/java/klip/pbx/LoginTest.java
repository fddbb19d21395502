package klip.pbx;

import static klip.pbx.PbxTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;

class LoginTest extends PbxTestBase {

  @Test
  void asteriskJavaLogsInWithMd5ChallengeAndPings() throws Exception {
    ManagerConnection c = PbxTestSupport.connection(pbx, PbxTestSupport.SECRET);
    c.login();
    try {
      assertThat(c.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
      assertThat(c.getVersion().toString()).contains("22");
      ManagerResponse pong = c.sendAction(new PingAction());
      assertThat(pong.getResponse()).isEqualTo("Success");
      assertThat(pbx.receivedActions()).extracting(a -> a.get("Action"))
          .containsSubsequence("Challenge", "Login", "Ping");
      assertThat(pbx.receivedActions().get(1)).containsKey("Key").doesNotContainKey("Secret");
    } finally {
      c.logoff();
    }
  }

  @Test
  void wrongSecretFailsCleanly() {
    ManagerConnection c = PbxTestSupport.connection(pbx, "wrong");
    assertThatThrownBy(c::login).isInstanceOf(AuthenticationFailedException.class);
    assertThat(c.getState()).isNotEqualTo(ManagerConnectionState.CONNECTED);
  }

  @Test
  void rejectedLoginsFailEvenWithTheRightSecret() {
    pbx.rejectLogins(true);
    ManagerConnection c = PbxTestSupport.connection(pbx, PbxTestSupport.SECRET);
    assertThatThrownBy(c::login).isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void unknownActionIsAnErrorWithEchoedActionId() {
    RawAmiClient raw = rawClient();
    var reply = raw.await(b -> b.contains("ActionID: x-42"));
    raw.send("Action: NoSuchThing\r\nActionID: x-42\r\n\r\n");
    assertThat(await(reply)).as("blocks %s", raw.blocks()).startsWith("Response: Error").contains("Message: Invalid/unknown command");
  }
}
