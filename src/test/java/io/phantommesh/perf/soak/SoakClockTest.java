package io.phantommesh.perf.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.phantommesh.perf.config.SettingsLoader;
import io.phantommesh.perf.config.SoakProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoakClockTest {
  private static SoakProfile soak(String overrides) {
    return SettingsLoader.fromString(overrides).soak();
  }

  @Test
  void printsEveryTenSecondsOrEverySimulatedHourWhicheverIsRarer() {
    assertThat(new SoakClock(soak("")).progressPeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(new SoakClock(soak("phantom.profiles.soak.time-scale = 60")).progressPeriod())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(new SoakClock(soak("phantom.profiles.soak.time-scale = 3600")).progressPeriod())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(new SoakClock(soak("phantom.profiles.soak.time-scale = 4320")).progressPeriod())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void showsTheSimulatedClockPhaseUsersElapsedAndEta() {
    SoakClock clock = new SoakClock(soak("phantom.profiles.soak.time-scale = 60"));
    assertThat(clock.progressLine(Duration.ZERO))
        .isEqualTo("soak day 1 00:00 | low | 100 users | elapsed 0:00:00 | ETA 1:12:00");
    // 542 s x 60 = 09:02 of day 1, 2 min into the 5-min ramp: 100 + 900 x 2/5 = 460 users
    assertThat(clock.progressLine(Duration.ofSeconds(542)))
        .isEqualTo("soak day 1 09:02 | peak | 460 users | elapsed 0:09:02 | ETA 1:02:58");
    // 2,280 s x 60 = 38 h: day 2 14:00, in the peak block
    assertThat(clock.progressLine(Duration.ofSeconds(1980 + 300)))
        .isEqualTo("soak day 2 14:00 | peak | 1000 users | elapsed 0:38:00 | ETA 0:34:00");
    // past the end the clock stops at the run's last minute
    assertThat(clock.progressLine(Duration.ofMinutes(80)))
        .isEqualTo("soak day 3 23:59 | low | 100 users | elapsed 1:20:00 | ETA 0:00:00");
  }

  @Test
  void dayOneIsTheDayTheRunStartsOn() {
    SoakClock clock =
        new SoakClock(soak("phantom.profiles.soak { start-hour = 22, time-scale = 3600 }"));
    assertThat(clock.progressLine(Duration.ofSeconds(3)))
        .startsWith("soak day 2 01:00 | low | 100 users");
    assertThat(SoakClock.clock(22 * 3600_000L)).isEqualTo("day 1 22:00");
  }
}
