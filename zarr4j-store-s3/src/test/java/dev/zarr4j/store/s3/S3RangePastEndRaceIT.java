package dev.zarr4j.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.store.remote.RemoteCalls;
import dev.zarr4j.store.remote.RemoteOptions;
import dev.zarr4j.store.remote.RemoteReads;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A GET that S3 refuses with 416 (its range starts past the object's end) is followed by a HEAD,
 * for the object's size; an overwrite between the two must not turn into a wrong answer. The race
 * is made deterministic on a real S3 server ({@link S3TestServer}): the reading client's
 * interceptor overwrites the object with a longer value the moment the 416 arrives, before the HEAD
 * is sent.
 */
class S3RangePastEndRaceIT {
  private static final String KEY = "a/c/0";
  private static final RemoteOptions OPTIONS =
      RemoteOptions.builder().initialBackoff(Duration.ofMillis(5)).build();
  private static S3TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.get();
  }

  /** Overwrites {@code objectKey} with {@code longer} once, when a GET of it fails with 416. */
  private static final class OverwriteOnRangeRefusal implements ExecutionInterceptor {
    final String bucket;
    final String objectKey;
    final byte[] longer;
    final AtomicInteger refusals = new AtomicInteger();

    OverwriteOnRangeRefusal(String bucket, String objectKey, byte[] longer) {
      this.bucket = bucket;
      this.objectKey = objectKey;
      this.longer = longer;
    }

    @Override
    public void onExecutionFailure(
        Context.FailedExecution context, ExecutionAttributes executionAttributes) {
      if (context.request() instanceof GetObjectRequest
          && context.exception() instanceof S3Exception e
          && e.statusCode() == 416
          && refusals.getAndIncrement() == 0) {
        server
            .admin()
            .putObject(b -> b.bucket(bucket).key(objectKey), RequestBody.fromBytes(longer));
      }
    }
  }

  private static byte[] value(long seed, int length) {
    byte[] v = new byte[length];
    new SplittableRandom(seed).nextBytes(v);
    return v;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /** The store's object client over a fresh bucket holding {@code shorter} at {@link #KEY}. */
  private record Fixture(S3Client client, S3ObjectClient objects, OverwriteOnRangeRefusal race)
      implements AutoCloseable {
    static Fixture of(byte[] shorter, byte[] longer) {
      String bucket = server.newBucket();
      server.admin().putObject(b -> b.bucket(bucket).key(KEY), RequestBody.fromBytes(shorter));
      OverwriteOnRangeRefusal race = new OverwriteOnRangeRefusal(bucket, KEY, longer);
      S3Client client = server.client(List.of(race));
      return new Fixture(client, new S3ObjectClient(client, server.options(bucket).build()), race);
    }

    @Override
    public void close() {
      client.close();
    }
  }

  @Test
  void aBatchWhoseTailWasRefusedAsPastTheEndReadsTheNewValueWhole() {
    byte[] shorter = value(1, 8);
    byte[] longer = value(2, 300);
    try (Fixture f = Fixture.of(shorter, longer);
        RemoteCalls calls = new RemoteCalls(OPTIONS, "race")) {
      List<Optional<ByteBuffer>> read =
          new RemoteReads(f.objects(), calls)
              .getMany(
                  List.of(
                      KeyRange.of(KEY, ByteRange.of(0, 8)),
                      KeyRange.of(KEY, new ByteRange.FromOffset(8))));
      assertThat(f.race().refusals).as("the tail's GET was refused with 416").hasPositiveValue();
      byte[] head = bytes(read.get(0).orElseThrow());
      byte[] tail = bytes(read.get(1).orElseThrow());
      byte[] joined = new byte[head.length + tail.length];
      System.arraycopy(head, 0, joined, 0, head.length);
      System.arraycopy(tail, 0, joined, head.length, tail.length);
      assertThat(joined).as("one whole value, the newer").isEqualTo(longer);
    }
  }

  @Test
  void aSingleReadRefusedAsPastTheEndAnswersFromTheNewValue() {
    byte[] shorter = value(3, 8);
    byte[] longer = value(4, 300);
    try (Fixture f = Fixture.of(shorter, longer);
        RemoteCalls calls = new RemoteCalls(OPTIONS, "race")) {
      ByteBuffer tail =
          new RemoteReads(f.objects(), calls).get(KEY, new ByteRange.FromOffset(8)).orElseThrow();
      assertThat(f.race().refusals).hasValue(1);
      assertThat(bytes(tail)).isEqualTo(Arrays.copyOfRange(longer, 8, 300));
    }
  }

  @Test
  void aReadPinnedToAVersionRefusedAsPastTheEndAndReplacedFailsAsChanged() {
    byte[] shorter = value(5, 8);
    byte[] longer = value(6, 300);
    try (Fixture f = Fixture.of(shorter, longer)) {
      String version = f.objects().head(KEY).orElseThrow().version();
      assertThatThrownBy(() -> f.objects().get(KEY, new ByteRange.FromOffset(8), version))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("'" + KEY + "'")
          .hasMessageContaining("changed while it was open");
      assertThat(f.race().refusals).hasValue(1);
    }
  }

  @Test
  void aRangePastTheEndOfAnUnchangedValueIsEmpty() {
    byte[] only = value(7, 8);
    try (Fixture f = Fixture.of(only, only);
        RemoteCalls calls = new RemoteCalls(OPTIONS, "race")) {
      ByteBuffer tail =
          new RemoteReads(f.objects(), calls).get(KEY, new ByteRange.FromOffset(8)).orElseThrow();
      assertThat(tail.remaining()).isZero();
      assertThat(f.race().refusals).hasValue(1);
    }
  }
}
