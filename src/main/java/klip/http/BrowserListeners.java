package klip.http;

/**
 * Whether any browser is registered on a browser-bound event-bus address right now. A capability that builds an
 * expensive push (a team's whole board) asks first; a browser that registers later starts from the HTTP snapshot,
 * so nothing is lost by not pushing to nobody. The web capability's bridge keeps the counts.
 */
public interface BrowserListeners {

  boolean anyListening(String address);
}
