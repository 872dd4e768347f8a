package io.phantommesh.perf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.run.live.LiveStop;
import org.junit.jupiter.api.Test;

/** The run layer cannot import cli: its copy of the CRITICAL exit code must stay equal. */
class LiveStopExitCodeTest {
  @Test
  void aStoppedRunExitsWithTheCriticalCode() {
    assertThat(LiveStop.EXIT_CODE).isEqualTo(ExitCodes.CRITICAL);
  }
}
