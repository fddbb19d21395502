package klip.bench;

import io.vertx.core.json.JsonObject;
import klip.demo.DemoData;

import java.util.ArrayList;
import java.util.List;

/**
 * Fresh calls from the captured templates, in rotation. Callers come from a pool of 2,000 numbers, so repeat
 * callers have a history to show in the pop, and every tenth call is from a demo taxpayer's number, so the
 * taxpayer lookup finds someone (one of them three taxpayers). Ids never repeat within a run.
 */
final class CallFactory {

  private static final int CALLER_POOL = 2_000;

  private final List<CallTemplates.Template> templates;
  private final List<String[]> taxpayers = new ArrayList<>();
  private long seq;

  CallFactory(List<CallTemplates.Template> templates) {
    this.templates = templates;
    for (Object o : DemoData.taxpayers()) {
      JsonObject tp = (JsonObject) o;
      taxpayers.add(new String[] {tp.getJsonArray("phones").getString(0), tp.getString("name")});
    }
  }

  /** {@code count} calls ringing the given agents in turn. */
  List<CallTemplates.Call> calls(int count, List<BenchAgent> agents) {
    List<CallTemplates.Call> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long n = seq++;
      BenchAgent agent = agents.get((int) (n % agents.size()));
      BenchAgent other = agents.get((int) ((n + 1) % agents.size()));
      String number;
      String name;
      if (n % 10 == 0) {
        String[] tp = taxpayers.get((int) ((n / 10) % taxpayers.size()));
        number = tp[0];
        name = tp[1];
      } else {
        number = String.format("0812%08d", n % CALLER_POOL);
        name = "Penelepon " + (n % CALLER_POOL);
      }
      out.add(templates.get((int) (n % templates.size())).render(n, agent, other, number, name));
    }
    return out;
  }

  /** The captured mix: events per call and the share of VarSet and Newexten, for the report. */
  static String mix(List<CallTemplates.Call> calls) {
    long events = 0;
    long noise = 0;
    for (CallTemplates.Call c : calls) {
      String all = c.all();
      events += c.eventCount();
      noise += count(all, "Event: VarSet\r\n") + count(all, "Event: Newexten\r\n");
    }
    return String.format("%.0f events per call, %.0f%% VarSet/Newexten", (double) events / calls.size(),
        100.0 * noise / events);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
