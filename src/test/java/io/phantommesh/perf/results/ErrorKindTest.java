package io.phantommesh.perf.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Transport error messages named: the premature close, the request timeout and the refused
 * connection exactly as Gatling 3.16 wrote them in this suite's fault runs; the others as Netty and
 * the JDK word them.
 */
class ErrorKindTest {

  @Test
  void namesTheMessagesGatlingWritesForEachFault() {
    assertThat(ErrorKind.of("i.g.h.c.i.PrematureCloseException: Premature close"))
        .isEqualTo(ErrorKind.CONNECTION_RESET);
    assertThat(
            ErrorKind.of(
                "i.n.c.u.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer"))
        .isEqualTo(ErrorKind.CONNECTION_RESET);
    assertThat(ErrorKind.of("Request timeout to 127.0.0.1/127.0.0.1:40159 after 1500 ms"))
        .isEqualTo(ErrorKind.TIMEOUT);
    assertThat(
            ErrorKind.of(
                "i.n.c.AbstractChannel$AnnotatedConnectException: connect(..) failed: Connection"
                    + " refused: /127.0.0.1:41234"))
        .isEqualTo(ErrorKind.CONNECTION_REFUSED);
    assertThat(
            ErrorKind.of(
                "j.n.ConnectException: finishConnect(..) failed with error(-111): Connection"
                    + " refused"))
        .isEqualTo(ErrorKind.CONNECTION_REFUSED);
    assertThat(
            ErrorKind.of(
                "i.n.c.ConnectTimeoutException: connection timed out after 2000 ms:"
                    + " /127.0.0.1:41234"))
        .isEqualTo(ErrorKind.CONNECT_TIMEOUT);
  }

  @Test
  void failedChecksBelongToNoGroup() {
    assertThat(ErrorKind.of("status.find.is(201), but actually found 503")).isNull();
    assertThat(ErrorKind.of("jsonPath($.peer_id).find.exists, found nothing")).isNull();
    assertThat(ErrorKind.of(null)).isNull();
  }

  @Test
  void keysRoundTrip() {
    for (ErrorKind k : ErrorKind.values()) {
      assertThat(ErrorKind.ofKey(k.key())).isSameAs(k);
    }
  }
}
