package klip.pbx;

/** Where generated events go: normally every logged-in AMI client with events switched on. */
@FunctionalInterface
public interface EventSink {
  void emit(AmiMessage event);
}
