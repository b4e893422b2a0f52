package dev.zarr4j.store.remote;

import dev.zarr4j.exceptions.StoreException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How a network store talks to its server: how many requests it keeps in flight, how long one
 * attempt may take, how it retries, and how it coalesces neighbouring byte ranges.
 *
 * @param maxRequestsInFlight the most requests one store has under way at once (default 64),
 *     whatever the number of threads that decode
 * @param requestTimeout the longest one attempt of one request may take, answer included (default
 *     30 s)
 * @param connectTimeout the longest opening a connection may take (default 10 s)
 * @param retryDeadline the longest one call may take over all its attempts and the waits between
 *     them (default 60 s)
 * @param maxAttempts the most attempts of one call (default 8; 1 retries nothing)
 * @param initialBackoff the longest wait before the first retry (default 100 ms); each retry waits
 *     a random time up to twice the previous limit ("full jitter")
 * @param maxBackoff the longest wait before any retry (default 5 s)
 * @param coalesceGap byte ranges of one object at most this many bytes apart are read with one
 *     request (default 64 KiB: far fewer bytes than a round trip is worth)
 * @param maxCoalescedLength the longest range one coalesced request asks for (default 32 MiB)
 */
public record RemoteOptions(
    int maxRequestsInFlight,
    Duration requestTimeout,
    Duration connectTimeout,
    Duration retryDeadline,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    long coalesceGap,
    long maxCoalescedLength) {

  /**
   * The storage options (see {@link #fromStorageOptions}) these options are read from: {@code
   * max_requests_in_flight}, {@code timeout}, {@code connect_timeout}, {@code retry_deadline}
   * (seconds, decimals allowed), {@code max_attempts}, {@code coalesce_gap}, {@code
   * max_coalesced_length} (bytes).
   */
  public static final Set<String> STORAGE_OPTION_KEYS =
      Set.of(
          "max_requests_in_flight",
          "timeout",
          "connect_timeout",
          "retry_deadline",
          "max_attempts",
          "coalesce_gap",
          "max_coalesced_length");

  /** Validates every field (use {@link #builder()} to get the defaults). */
  public RemoteOptions {
    if (maxRequestsInFlight < 1) {
      throw new IllegalArgumentException(
          "maxRequestsInFlight must be at least 1, got " + maxRequestsInFlight);
    }
    positive("requestTimeout", requestTimeout);
    positive("connectTimeout", connectTimeout);
    positive("retryDeadline", retryDeadline);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    positive("initialBackoff", initialBackoff);
    positive("maxBackoff", maxBackoff);
    if (coalesceGap < 0) {
      throw new IllegalArgumentException("coalesceGap must be >= 0, got " + coalesceGap);
    }
    if (maxCoalescedLength < 1) {
      throw new IllegalArgumentException(
          "maxCoalescedLength must be at least 1, got " + maxCoalescedLength);
    }
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }

  /** The defaults. */
  public static RemoteOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder()
        .maxRequestsInFlight(maxRequestsInFlight)
        .requestTimeout(requestTimeout)
        .connectTimeout(connectTimeout)
        .retryDeadline(retryDeadline)
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .coalesceGap(coalesceGap)
        .maxCoalescedLength(maxCoalescedLength);
  }

  /**
   * The options that {@link #STORAGE_OPTION_KEYS} among a URL's storage options set, the defaults
   * for the others; other keys are left for the caller to check.
   *
   * @param url the store's URL, for messages
   * @throws StoreException naming the option when a value is not a number of the right kind
   */
  public static RemoteOptions fromStorageOptions(Map<String, Object> options, String url) {
    Builder b = builder();
    for (Map.Entry<String, Object> e : options.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      try {
        switch (k) {
          case "max_requests_in_flight" -> b.maxRequestsInFlight((int) wholeNumber(v));
          case "timeout" -> b.requestTimeout(seconds(v));
          case "connect_timeout" -> b.connectTimeout(seconds(v));
          case "retry_deadline" -> b.retryDeadline(seconds(v));
          case "max_attempts" -> b.maxAttempts((int) wholeNumber(v));
          case "coalesce_gap" -> b.coalesceGap(wholeNumber(v));
          case "max_coalesced_length" -> b.maxCoalescedLength(wholeNumber(v));
          default -> {
            // not ours
          }
        }
      } catch (IllegalArgumentException ex) {
        throw new StoreException(
            "storage option '" + k + "' of '" + url + "' is not valid: " + ex.getMessage(), ex);
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException ex) {
      throw new StoreException("storage options of '" + url + "': " + ex.getMessage(), ex);
    }
  }

  private static long wholeNumber(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return ((Number) v).longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("expected a whole number, got " + v);
  }

  private static Duration seconds(Object v) {
    double s;
    if (v instanceof Number n) {
      s = n.doubleValue();
    } else if (v instanceof String str) {
      try {
        s = Double.parseDouble(str.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number of seconds, got '" + v + "'");
      }
    } else {
      throw new IllegalArgumentException("expected a number of seconds, got " + v);
    }
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("expected a positive number of seconds, got " + v);
    }
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  /** Builds {@link RemoteOptions}; every setter returns the builder. */
  public static final class Builder {
    private int maxRequestsInFlight = 64;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration retryDeadline = Duration.ofSeconds(60);
    private int maxAttempts = 8;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private long coalesceGap = 64 << 10;
    private long maxCoalescedLength = 32 << 20;

    private Builder() {}

    /** See {@link RemoteOptions#maxRequestsInFlight()}. */
    public Builder maxRequestsInFlight(int n) {
      this.maxRequestsInFlight = n;
      return this;
    }

    /** See {@link RemoteOptions#requestTimeout()}. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    /** See {@link RemoteOptions#connectTimeout()}. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** See {@link RemoteOptions#retryDeadline()}. */
    public Builder retryDeadline(Duration d) {
      this.retryDeadline = d;
      return this;
    }

    /** See {@link RemoteOptions#maxAttempts()}. */
    public Builder maxAttempts(int n) {
      this.maxAttempts = n;
      return this;
    }

    /** See {@link RemoteOptions#initialBackoff()}. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = d;
      return this;
    }

    /** See {@link RemoteOptions#maxBackoff()}. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = d;
      return this;
    }

    /** See {@link RemoteOptions#coalesceGap()}. */
    public Builder coalesceGap(long bytes) {
      this.coalesceGap = bytes;
      return this;
    }

    /** See {@link RemoteOptions#maxCoalescedLength()}. */
    public Builder maxCoalescedLength(long bytes) {
      this.maxCoalescedLength = bytes;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the field that is not valid
     */
    public RemoteOptions build() {
      return new RemoteOptions(
          maxRequestsInFlight,
          requestTimeout,
          connectTimeout,
          retryDeadline,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          coalesceGap,
          maxCoalescedLength);
    }
  }
}
