package klip.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports point down: no cycle between the packages under klip, and the leaf packages everyone shares (HTTP
 * plumbing, principal and roles, phone numbers, config, metrics, the database, the bus addresses) import no
 * capability. A new package must be named here as a leaf or a capability.
 */
class PackageDependencyTest {

  /** Shared by everyone; they may use each other but no capability. {@code klip} itself holds only Addresses. */
  static final Set<String> LEAVES = Set.of("klip", "klip.async", "klip.http", "klip.access", "klip.phone", "klip.config",
      "klip.observability", "klip.db", "klip.facts", "klip.cluster");

  /** The capabilities, the web shell over them, the simulated PBX and the server that wires them all. */
  static final Set<String> CAPABILITIES = Set.of("klip.audit", "klip.identity", "klip.tickets", "klip.telephony",
      "klip.recordings", "klip.qa", "klip.supervision", "klip.escalation", "klip.sikp", "klip.demo", "klip.web",
      "klip.pbx", "klip.server", "klip.controls");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("klip");
  }

  @Test
  @DisplayName("Every package is either a shared leaf or a capability")
  void everyPackageIsClassified() {
    Set<String> unknown = new TreeSet<>();
    for (JavaClass c : classes) {
      String top = topPackage(c.getPackageName());
      if (!LEAVES.contains(top) && !CAPABILITIES.contains(top)) {
        unknown.add(c.getPackageName());
      }
    }
    assertThat(unknown).as("packages neither in LEAVES nor CAPABILITIES").isEmpty();
  }

  @Test
  @DisplayName("No import cycle between the packages under klip")
  void noCycles() {
    slices().matching("klip.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  @DisplayName("The cycle rule fails on a package cycle (the fixture's first <-> second)")
  void theCycleRuleSeesACycle() {
    JavaClasses fixture = new ClassFileImporter().importPackages("klip.architecture.fixture");
    assertThatThrownBy(() -> slices().matching("klip.architecture.fixture.(*)..").should().beFreeOfCycles()
        .check(fixture)).isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
  }

  @Test
  @DisplayName("Leaf packages import no capability")
  void leavesImportNoCapability() {
    String[] capabilities = CAPABILITIES.stream().map(p -> p + "..").toArray(String[]::new);
    noClasses().that().resideInAnyPackage(LEAVES.toArray(String[]::new))
        .should().dependOnClassesThat().resideInAnyPackage(capabilities)
        .check(classes);
  }

  /** klip.sikp.eval counts as klip.sikp; klip itself is the root. */
  private static String topPackage(String name) {
    String[] parts = name.split("\\.");
    return parts.length == 1 ? name : parts[0] + "." + parts[1];
  }
}
