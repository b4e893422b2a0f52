package dev.zarr4j.store.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.KeyRange;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batched read of several ranges of one key gives ranges of one value, whatever the server pairs
 * with its answers: a deterministic in-memory {@link ObjectClient} decides, per request, which of
 * two values it serves the bytes of and which version tag (and total size) it labels them with.
 */
class RemoteReadsConsistencyTest {

  private static final String KEY = "a/c/0";

  /** Which value an answer's body, and separately its version tag, come from. */
  private record Answer(int body, int tag, boolean withTag) {}

  /** Decides the answer to a GET of {@code range}. */
  private interface Responder {
    Answer answer(ByteRange range);
  }

  /**
   * An object service holding two values of one key, answering each GET as its responder says; a
   * version tag is {@code "v<n>"}, and the total size (Content-Range) is that of the body served,
   * as a server that measures the file it sends reports it.
   */
  private static final class TwoValueClient implements ObjectClient {
    final byte[][] values;
    final Responder responder;
    final AtomicInteger gets = new AtomicInteger();

    TwoValueClient(byte[] first, byte[] second, Responder responder) {
      this.values = new byte[][] {first, second};
      this.responder = responder;
    }

    @Override
    public String url(String key) {
      return "mem://" + key;
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
      return Optional.of(new ObjectInfo(values[1].length, "v1"));
    }

    @Override
    public Optional<ObjectSlice> get(String key, ByteRange range, String version) {
      gets.incrementAndGet();
      Answer a = responder.answer(range);
      byte[] body = values[a.body()];
      long start = range.start(body.length);
      long end = range.end(body.length);
      ByteBuffer bytes = ByteBuffer.wrap(Arrays.copyOfRange(body, (int) start, (int) end));
      return Optional.of(
          new ObjectSlice(bytes, start, body.length, a.withTag() ? "v" + a.tag() : null));
    }
  }

  private static RemoteOptions options() {
    return RemoteOptions.builder()
        .initialBackoff(Duration.ofMillis(1))
        .maxBackoff(Duration.ofMillis(5))
        .retryDeadline(Duration.ofSeconds(5))
        .build();
  }

  /** The head (8 bytes) and the rest of the key, as one batch, joined. */
  private static byte[] headAndTail(TwoValueClient client) {
    try (RemoteCalls calls = new RemoteCalls(options(), "t")) {
      List<Optional<ByteBuffer>> read =
          new RemoteReads(client, calls)
              .getMany(
                  List.of(
                      KeyRange.of(KEY, ByteRange.of(0, 8)),
                      KeyRange.of(KEY, new ByteRange.FromOffset(8))));
      ByteBuffer head = read.get(0).orElseThrow();
      ByteBuffer tail = read.get(1).orElseThrow();
      byte[] out = new byte[head.remaining() + tail.remaining()];
      head.get(out, 0, head.remaining());
      tail.get(out, 8, tail.remaining());
      return out;
    }
  }

  private static byte[] value(SplittableRandom random, int length) {
    byte[] v = new byte[length];
    random.nextBytes(v);
    return v;
  }

  /**
   * S3Proxy's file stores read a blob's ETag and then open its file: an overwrite in between labels
   * the new bytes with the old ETag. Both answers then carry one version, but their sizes tell the
   * bodies apart.
   */
  @Test
  void answersOfTwoValuesUnderOneVersionTagAreReadAgainWhole() {
    byte[] older = value(new SplittableRandom(1), 100);
    byte[] newer = value(new SplittableRandom(2), 300);
    TwoValueClient client =
        new TwoValueClient(
            older,
            newer,
            range ->
                range.equals(ByteRange.FULL)
                    ? new Answer(1, 1, true)
                    : range instanceof ByteRange.Bounded
                        ? new Answer(1, 0, true) // the newer body under the older tag
                        : new Answer(0, 0, true));
    assertThat(headAndTail(client)).isEqualTo(newer);
    assertThat(client.gets).as("two ranged GETs, then one whole").hasValue(3);
  }

  @Test
  void answersWithoutVersionTagsAreReadAgainWhole() {
    byte[] older = value(new SplittableRandom(3), 100);
    byte[] newer = value(new SplittableRandom(4), 100);
    TwoValueClient client =
        new TwoValueClient(
            older,
            newer,
            range ->
                range instanceof ByteRange.Bounded
                    ? new Answer(0, 0, false)
                    : new Answer(1, 1, false));
    assertThat(headAndTail(client)).isEqualTo(newer);
  }

  @Test
  void answersOfOneVersionAreNotReadAgain() {
    byte[] only = value(new SplittableRandom(5), 100);
    TwoValueClient client = new TwoValueClient(only, only, range -> new Answer(0, 0, true));
    assertThat(headAndTail(client)).isEqualTo(only);
    assertThat(client.gets).as("no second read of one version").hasValue(2);
  }

  /**
   * Random servers: each answer's body from either value, labelled honestly, with the other value's
   * tag, or with none. Values of different sizes (a server labelling equal-sized bodies with one
   * tag is undetectable by any client). The joined answer is always one whole value.
   */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26})
  void aBatchNeverMixesTwoValuesWhateverTheServerLabels(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int firstSize = 8 + random.nextInt(200);
    int secondSize = firstSize + 1 + random.nextInt(200);
    byte[] first = value(random, firstSize);
    byte[] second = value(random, secondSize);
    List<Answer> plan = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int body = random.nextInt(2);
      int label = random.nextInt(3); // 0 honest, 1 the other value's tag, 2 no tag
      plan.add(new Answer(body, label == 1 ? 1 - body : body, label != 2));
    }
    TwoValueClient client =
        new TwoValueClient(
            first,
            second,
            range ->
                plan.get(
                    range.equals(ByteRange.FULL) ? 2 : range instanceof ByteRange.Bounded ? 0 : 1));
    byte[] read = headAndTail(client);
    assertThat(Arrays.equals(read, first) || Arrays.equals(read, second))
        .as("seed %d, plan %s: the batch gave one whole value", seed, plan)
        .isTrue();
  }
}
