package klip.pbx;

import org.asteriskjava.manager.ManagerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fast PBX plus an asterisk-java ManagerConnection logged in over real TCP. */
abstract class AsteriskJavaTestBase extends PbxTestBase {
  ManagerConnection connection;

  @BeforeEach
  void login() throws Exception {
    connection = PbxTestSupport.connection(pbx, PbxTestSupport.SECRET);
    connection.login();
  }

  @AfterEach
  void logoff() {
    connection.logoff();
  }
}
