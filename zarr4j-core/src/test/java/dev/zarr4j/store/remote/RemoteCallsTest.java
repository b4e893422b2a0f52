package dev.zarr4j.store.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retries, deadlines and the bound on requests in flight. */
class RemoteCallsTest {

  private static RemoteOptions.Builder fast() {
    return RemoteOptions.builder()
        .initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(5))
        .retryDeadline(Duration.ofSeconds(5));
  }

  @Test
  void transientFailuresAreRetriedUntilTheCallSucceeds() {
    try (RemoteCalls calls = new RemoteCalls(fast().maxAttempts(5).build(), "t")) {
      AtomicInteger tries = new AtomicInteger();
      String got =
          calls.call(
              "GET",
              "http://h/a",
              "a",
              () -> {
                if (tries.incrementAndGet() < 4) {
                  throw new TransientRequestException("HTTP 503");
                }
                return "ok";
              });
      assertThat(got).isEqualTo("ok");
      assertThat(tries).hasValue(4);
      assertThat(calls.retries()).isEqualTo(3);
      assertThat(calls.attempts()).isEqualTo(4);
    }
  }

  @Test
  void afterTheLastAttemptTheErrorNamesTheUrlKeyAndCause() {
    try (RemoteCalls calls = new RemoteCalls(fast().maxAttempts(3).build(), "t")) {
      AtomicInteger tries = new AtomicInteger();
      assertThatThrownBy(
              () ->
                  calls.call(
                      "GET",
                      "http://h/x/c.0",
                      "x/c.0",
                      () -> {
                        tries.incrementAndGet();
                        throw new TransientRequestException("HTTP 500");
                      }))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("GET of key 'x/c.0' at http://h/x/c.0")
          .hasMessageContaining("3 attempts")
          .hasMessageContaining("HTTP 500");
      assertThat(tries).hasValue(3);
    }
  }

  @Test
  void theDeadlineEndsRetriesEarly() {
    RemoteOptions o =
        RemoteOptions.builder()
            .maxAttempts(1000)
            .initialBackoff(Duration.ofMillis(20))
            .maxBackoff(Duration.ofMillis(40))
            .retryDeadline(Duration.ofMillis(300))
            .build();
    try (RemoteCalls calls = new RemoteCalls(o, "t")) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  calls.call(
                      "HEAD",
                      "u",
                      "k",
                      () -> {
                        throw new TransientRequestException("reset");
                      }))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("within 300 ms");
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).isLessThan(2000);
      assertThat(calls.attempts()).isGreaterThan(2).isLessThan(1000);
    }
  }

  @Test
  void otherFailuresAreNotRetried() {
    try (RemoteCalls calls = new RemoteCalls(fast().build(), "t")) {
      AtomicInteger tries = new AtomicInteger();
      assertThatThrownBy(
              () ->
                  calls.call(
                      "GET",
                      "u",
                      "k",
                      () -> {
                        tries.incrementAndGet();
                        throw new StoreException("403 at u");
                      }))
          .isInstanceOf(StoreException.class)
          .hasMessage("403 at u");
      assertThatThrownBy(
              () ->
                  calls.call(
                      "GET",
                      "u",
                      "k",
                      () -> {
                        tries.incrementAndGet();
                        throw new IllegalStateException("bug");
                      }))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("GET of key 'k' at u failed")
          .hasCauseInstanceOf(IllegalStateException.class);
      assertThat(tries).hasValue(2);
    }
  }

  @Test
  void batchesKeepAtMostTheLimitInFlightAndReachIt() {
    int limit = 16;
    try (RemoteCalls calls = new RemoteCalls(fast().maxRequestsInFlight(limit).build(), "t")) {
      AtomicInteger now = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        tasks.add(
            () ->
                calls.call(
                    "GET",
                    "u",
                    "k" + n,
                    () -> {
                      most.accumulateAndGet(now.incrementAndGet(), Math::max);
                      try {
                        Thread.sleep(5);
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                      now.decrementAndGet();
                      return n;
                    }));
      }
      List<Integer> got = calls.all(tasks);
      assertThat(got).hasSize(200);
      for (int i = 0; i < 200; i++) {
        assertThat(got.get(i)).isEqualTo(i);
      }
      assertThat(most.get()).isEqualTo(limit);
    }
  }

  @Test
  void aFailedTaskFailsTheBatch() {
    try (RemoteCalls calls = new RemoteCalls(fast().maxAttempts(2).build(), "t")) {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = i;
        tasks.add(
            () ->
                calls.call(
                    "GET",
                    "u/k" + n,
                    "k" + n,
                    () -> {
                      if (n == 7) {
                        throw new TransientRequestException("HTTP 502");
                      }
                      return n;
                    }));
      }
      assertThatThrownBy(() -> calls.all(tasks))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("key 'k7' at u/k7");
    }
  }

  @Test
  void aClosedStoreRefusesCalls() {
    RemoteCalls calls = new RemoteCalls(fast().build(), "t");
    calls.close();
    assertThatThrownBy(() -> calls.call("GET", "http://h/k", "k", () -> 1))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed")
        .hasMessageContaining("'k'");
  }

  @Test
  void storageOptionsSetTheOptionsAndBadValuesAreNamed() {
    RemoteOptions o =
        RemoteOptions.fromStorageOptions(
            Map.of("max_requests_in_flight", 8, "timeout", 1.5, "max_attempts", "3"), "s3://b");
    assertThat(o.maxRequestsInFlight()).isEqualTo(8);
    assertThat(o.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.maxAttempts()).isEqualTo(3);
    assertThat(o.coalesceGap()).isEqualTo(RemoteOptions.defaults().coalesceGap());
    assertThatThrownBy(
            () -> RemoteOptions.fromStorageOptions(Map.of("timeout", "soon"), "http://h/"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("'timeout'")
        .hasMessageContaining("http://h/");
    assertThatThrownBy(
            () -> RemoteOptions.fromStorageOptions(Map.of("max_requests_in_flight", 0), "u"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("maxRequestsInFlight");
  }
}
