package io.phantommesh.perf.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.InvalidSettingsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreLoadFailureTest {

  @Test
  void eachPreLoadFailureHasItsOwnExitCode() {
    assertThat(PreLoadFailure.exitCodeOf(new InvalidSettingsException(List.of("x")))).contains(3);
    assertThat(PreLoadFailure.exitCodeOf(new TargetUnavailableException("down"))).contains(4);
    assertThat(PreLoadFailure.exitCodeOf(new IllegalStateException("bug"))).isEmpty();
  }

  @Test
  void theBlockSaysWhatAndHowToFixWithoutAStackUnlessVerbose() {
    TargetUnavailableException e = new TargetUnavailableException("Target unreachable: GET x");
    String quiet = PreLoadFailure.block(e, false);
    assertThat(quiet)
        .startsWith("phantom-mesh-perf: Target unreachable: GET x")
        .contains("hint: no load was sent")
        .contains("-Dphantom.verbose=true")
        .doesNotContain("TargetUnavailableException");
    assertThat(quiet.lines()).hasSize(3);
    assertThat(PreLoadFailure.block(e, true)).contains("TargetUnavailableException");
  }
}
