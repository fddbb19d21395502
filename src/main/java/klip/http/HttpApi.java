package klip.http;

/** A capability's HTTP API: mounted under /api by the web verticle, every route through the access table. */
public interface HttpApi {
  void mount(SecuredRouter routes);
}
