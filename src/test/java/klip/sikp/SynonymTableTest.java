package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynonymTableTest {

  @Test
  void parsesEquivalenceAndOneWayRulesLongestFirst() throws Exception {
    SynonymTable t = SynonymTable.parse(new StringReader("""
        # comment
        spt thn, spt th => spt tahunan
        spt => surat pemberitahuan
        pw, password, kata sandi
        """));
    assertThat(t.lookup("spt thn")).containsExactly("spt thn", "spt tahunan");
    assertThat(t.lookup("spt tahunan")).isEmpty();
    assertThat(t.lookup("kata sandi")).containsExactly("kata sandi", "pw", "password");
    List<SynonymTable.Match> m = t.match(List.of("lupa", "pw", "spt", "thn"));
    assertThat(m).extracting(SynonymTable.Match::start, SynonymTable.Match::length)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(2, 2));
  }

  @Test
  void bundledListCoversCallCentreShorthand() {
    SynonymTable t = SynonymTable.bundled();
    assertThat(t.lookup("wp")).contains("wajib pajak");
    assertThat(t.lookup("djpo")).contains("djp online");
    assertThat(t.lookup("spt thn")).contains("spt tahunan");
    assertThat(t.lookup("kb")).contains("kurang bayar");
    assertThat(t.lookup("gak")).contains("tidak");
    assertThat(t.lookup("forgot password")).contains("lupa kata sandi");
    assertThat(t.lookup(SynonymTable.normalize("e-Filing"))).contains("efiling"); // keys are normalised like the index
  }
}
