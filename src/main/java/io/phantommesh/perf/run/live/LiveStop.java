package io.phantommesh.perf.run.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.phantommesh.perf.config.LiveSettings.StopLogic;
import io.phantommesh.perf.document.ResultDocument.StoppedEarly;
import io.phantommesh.perf.verdict.Tier;
import io.phantommesh.perf.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A fired stop rule as the run's facts ({@code RunSidecar.liveStop}) carry it to the report
 * pipeline, and what the result makes of it: the {@code stopped_early} block and a CRITICAL
 * verdict.
 *
 * <p>Immutable.
 *
 * @param stoppedEarly the result's block
 * @param verdict the CRITICAL verdict of the window that fired, named {@value #VERDICT_METRIC}
 */
public record LiveStop(
    @JsonProperty("stopped_early") StoppedEarly stoppedEarly,
    @JsonProperty("verdict") Verdict verdict) {
  /** Metric name of the stop's verdict in result.json. */
  public static final String VERDICT_METRIC = "stop_rule";

  /**
   * The process exit code of a stopped run: the CRITICAL code of the command line ({@code
   * cli.ExitCodes.CRITICAL}; a test keeps the two equal, as run may not import cli).
   */
  public static final int EXIT_CODE = 11;

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * The stop of a decision.
   *
   * @param runStartEpochMillis when the run started (its log's Run record)
   */
  public static LiveStop of(StopDecision d, long runStartEpochMillis) {
    StopRule rule = d.rule();
    Verdict w = d.verdict();
    StoppedEarly block =
        new StoppedEarly(
            rule.key(),
            rule.metric(),
            rule.logic() == StopLogic.EVERY_SECOND ? "every-second" : "window",
            human(rule.configured()),
            rule.windowSeconds(),
            iso(d.windowFromSecond() * 1000),
            iso(d.windowToSecond() * 1000),
            iso(d.firedAtEpochMillis()),
            Math.round((d.firedAtEpochMillis() - runStartEpochMillis) / 100.0) / 10.0,
            w.detail());
    Verdict verdict =
        new Verdict(
            VERDICT_METRIC,
            "Stopped early",
            w.value(),
            w.unit(),
            w.bound(),
            w.target(),
            w.critical(),
            Tier.CRITICAL,
            "stopped by "
                + rule.key()
                + ": "
                + w.label()
                + " "
                + w.detail()
                + (rule.logic() == StopLogic.EVERY_SECOND ? " every second of " : " over ")
                + rule.windowSeconds()
                + " s");
    return new LiveStop(block, verdict);
  }

  private static String iso(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
