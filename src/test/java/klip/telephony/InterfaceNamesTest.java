package klip.telephony;

import klip.phone.InterfaceNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class InterfaceNamesTest {

  @ParameterizedTest(name = "{0} belongs to {1}")
  @CsvSource({
      "Local/agent1@agents-00000001;1,Local/agent1@agents/n",
      "Local/agent2@agents-00000010;2,Local/agent2@agents/n",
      "PJSIP/1001-0000000a,PJSIP/1001",
      "SIP/agent-7-000001ff,SIP/agent-7"})
  @DisplayName("Any leg of an agent's channel leads back to the queue member interface")
  void channelMatchesInterface(String channel, String memberInterface) {
    assertThat(InterfaceNames.baseOfChannel(channel)).isEqualTo(InterfaceNames.baseOfInterface(memberInterface));
  }
}
