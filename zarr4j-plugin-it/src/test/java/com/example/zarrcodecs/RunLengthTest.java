package com.example.zarrcodecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonJson;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RunLength} on its own: round trips of random data within the bound {@code resolve} gives,
 * through every decoding entry point and with either {@link CodecOptions}; hostile input (random,
 * truncated, corrupted, lying headers) always fails with a {@link CodecException} and never
 * allocates beyond the caller's bound; the configuration maps both ways exactly.
 */
class RunLengthTest {

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  /** Bytes with runs of every length, literals, or noise. */
  static byte[] randomBytes(SplittableRandom rnd) {
    int n = rnd.nextInt(8) == 0 ? rnd.nextInt(0, 3) : rnd.nextInt(0, 2000);
    byte[] b = new byte[n];
    int style = rnd.nextInt(3);
    int i = 0;
    while (i < n) {
      int len = Math.min(n - i, style == 0 ? rnd.nextInt(1, 5) : rnd.nextInt(1, 300));
      byte v = (byte) rnd.nextInt(style == 2 ? 256 : 3);
      for (int k = 0; k < len; k++) {
        b[i + k] = style == 2 && rnd.nextBoolean() ? (byte) rnd.nextInt(256) : v;
      }
      i += len;
    }
    return b;
  }

  static ByteBuffer offsetBuffer(byte[] b, SplittableRandom rnd) {
    // a buffer that starts inside a larger array, as chain stages hand them on
    int pad = rnd.nextInt(0, 5);
    byte[] big = new byte[b.length + 2 * pad];
    System.arraycopy(b, 0, big, pad, b.length);
    return ByteBuffer.wrap(big, pad, b.length);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void roundTripsWithinTheResolvedBound(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 104729 + 3);
    RunLength codec = new RunLength(rnd.nextInt(RunLength.MIN_RUN, RunLength.MAX_RUN + 1));
    CodecOptions options = rnd.nextBoolean() ? CodecOptions.AUTO : CodecOptions.PURE_JAVA;
    byte[] data = randomBytes(rnd);
    DataType elements = Chunks.randomIntType(rnd);
    BytesSpec in = BytesSpec.exactly(data.length, elements);
    BytesSpec out = codec.resolve(in);
    assertThat(out.elementType()).isEqualTo(DataType.UINT8);
    assertThat(out.maxSize()).isEqualTo(RunLength.maxEncodedSize(data.length));

    ByteBuffer src = offsetBuffer(data, rnd);
    int pos = src.position();
    ByteBuffer enc = codec.encode(src, in, options);
    assertThat(src.position()).isEqualTo(pos);
    assertThat(enc.position()).isZero();
    assertThat((long) enc.remaining()).as("seed %d", seed).isLessThanOrEqualTo(out.maxSize());
    byte[] encoded = new byte[enc.remaining()];
    enc.duplicate().get(encoded);
    // numcodecs' form and the chain's form encode alike
    assertThat(codec.encode(offsetBuffer(data, rnd), 4)).isEqualTo(ByteBuffer.wrap(encoded));

    // every way of decoding gives the data back; min_run does not change the format
    RunLength other = RunLength.defaults();
    ByteBuffer e = offsetBuffer(encoded, rnd);
    int ePos = e.position();
    assertThat(toArray(other.decode(e, in, options))).isEqualTo(data);
    assertThat(toArray(codec.decode(e, BytesSpec.atMost(data.length + 10, elements), options)))
        .isEqualTo(data);
    assertThat(toArray(codec.decode(e, BytesSpec.unbounded(), options))).isEqualTo(data);
    assertThat(toArray(codec.decode(e, data.length))).isEqualTo(data);
    byte[] into = new byte[data.length + 8];
    Arrays.fill(into, (byte) 0x5A);
    codec.decodeInto(e, into, 3, data.length, options);
    assertThat(Arrays.copyOfRange(into, 3, 3 + data.length)).isEqualTo(data);
    assertThat(into[2]).isEqualTo((byte) 0x5A);
    assertThat(into[3 + data.length]).isEqualTo((byte) 0x5A);
    assertThat(e.position()).isEqualTo(ePos);

    // a smaller bound, or another exact size, is refused before decoding
    if (data.length > 0) {
      assertThatThrownBy(
              () -> codec.decode(e, BytesSpec.atMost(data.length - 1, elements), options))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("more than the " + (data.length - 1) + " allowed");
    }
    assertThatThrownBy(
            () -> codec.decode(e, BytesSpec.exactly(data.length + 1L, elements), options))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("expected " + (data.length + 1));
  }

  @Test
  void theBoundHoldsForTheWorstCases() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int n = 0; n < 700; n++) {
      for (int pattern = 0; pattern < 4; pattern++) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
          // all literals; 1-literal-3-run; 2-literal-3-run; noise
          b[i] =
              switch (pattern) {
                case 0 -> (byte) i;
                case 1 -> (byte) (i % 4 == 0 ? i : -1 - (i / 4) % 2);
                case 2 -> (byte) (i % 5 < 2 ? i : 7 + (i / 5) % 2);
                default -> (byte) rnd.nextInt(4);
              };
        }
        for (int minRun : new int[] {3, 4, 130}) {
          ByteBuffer enc = new RunLength(minRun).encode(ByteBuffer.wrap(b), 1);
          assertThat((long) enc.remaining())
              .as("n=%d pattern=%d min_run=%d", n, pattern, minRun)
              .isLessThanOrEqualTo(RunLength.maxEncodedSize(n));
          assertThat(toArray(RunLength.defaults().decode(enc, n))).isEqualTo(b);
        }
      }
    }
  }

  @Test
  void theFormatIsAsDocumented() {
    byte[] data = {9, 9, 9, 9, 1, 2, 7, 7};
    ByteBuffer enc = RunLength.defaults().encode(ByteBuffer.wrap(data), 1);
    assertThat(toArray(enc))
        .containsExactly('R', 'L', 8, 0, 0, 0, (byte) (128 + 1), 9, 3, 1, 2, 7, 7);
    assertThat(toArray(new RunLength(5).encode(ByteBuffer.wrap(data), 1)))
        .containsExactly('R', 'L', 8, 0, 0, 0, 7, 9, 9, 9, 9, 1, 2, 7, 7);
    byte[] longRun = new byte[300];
    assertThat(toArray(RunLength.defaults().encode(ByteBuffer.wrap(longRun), 1)))
        .containsExactly('R', 'L', 44, 1, 0, 0, (byte) 255, 0, (byte) 255, 0, (byte) 165, 0);
  }

  @Test
  void resolveBoundsTheOutputAndRefusesInputsTooLarge() {
    RunLength c = RunLength.defaults();
    assertThat(c.resolve(BytesSpec.exactly(1000, DataType.INT32)))
        .isEqualTo(BytesSpec.atMost(6 + 1000 + 7 + 1, DataType.UINT8));
    assertThat(c.resolve(BytesSpec.atMost(0, DataType.UINT8)))
        .isEqualTo(BytesSpec.atMost(7, DataType.UINT8));
    assertThat(c.resolve(BytesSpec.unbounded(DataType.INT16))).isEqualTo(BytesSpec.unbounded());
    assertThatThrownBy(() -> c.resolve(BytesSpec.atMost(1L << 31, DataType.UINT8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'example.rle'");
    // the largest input it takes still has an encoded bound that fits a Java array
    long bound = c.resolve(BytesSpec.atMost(RunLength.MAX_DECODED, DataType.UINT8)).maxSize();
    assertThat(bound).isLessThanOrEqualTo(Integer.MAX_VALUE - 64L);
    assertThatThrownBy(
            () -> c.resolve(BytesSpec.atMost(RunLength.MAX_DECODED + 1L, DataType.UINT8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("encodes at most " + RunLength.MAX_DECODED);
  }

  // ------------------------------------------------------------------ hostile input

  @ParameterizedTest
  @MethodSource("seeds")
  void hostileInputFailsWithACodecExceptionOnly(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 31337 + 11);
    RunLength codec = RunLength.defaults();
    byte[] data = randomBytes(rnd);
    byte[] good = toArray(codec.encode(ByteBuffer.wrap(data), 1));
    List<byte[]> hostile =
        List.of(
            Arrays.copyOf(good, rnd.nextInt(0, good.length)), // truncated
            corrupt(good, rnd),
            corrupt(good, rnd),
            appended(good, rnd),
            random(rnd),
            lyingHeader(good, rnd));
    for (byte[] h : hostile) {
      int limit = rnd.nextBoolean() ? data.length : rnd.nextInt(0, 5000);
      for (int route = 0; route < 4; route++) {
        int r = route;
        try {
          byte[] got =
              switch (r) {
                case 0 -> toArray(codec.decode(ByteBuffer.wrap(h), limit));
                case 1 ->
                    toArray(
                        codec.decode(
                            ByteBuffer.wrap(h),
                            BytesSpec.atMost(limit, DataType.UINT8),
                            CodecOptions.PURE_JAVA));
                case 2 ->
                    toArray(
                        codec.decode(
                            ByteBuffer.wrap(h),
                            BytesSpec.exactly(limit, DataType.UINT8),
                            CodecOptions.AUTO));
                default -> {
                  byte[] dst = new byte[limit];
                  codec.decodeInto(ByteBuffer.wrap(h), dst, 0, limit, CodecOptions.AUTO);
                  yield dst;
                }
              };
          // whatever decodes is within the bound (a corruption may still be valid data)
          assertThat(got.length).isLessThanOrEqualTo(limit);
        } catch (CodecException expected) {
          assertThat(expected.getMessage()).contains("'example.rle'");
        }
      }
    }
  }

  @Test
  void aHeaderClaimingHugeSizesIsRefusedBeforeAllocating() {
    byte[] h = {'R', 'L', 0, 0, 0, (byte) 0x70, (byte) 255, 1};
    // 1.75 GiB claimed, allowed by the caller, but two token bytes can give at most 130
    assertThatThrownBy(() -> RunLength.defaults().decode(ByteBuffer.wrap(h), Integer.MAX_VALUE))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("more than 2 bytes of tokens can hold");
    assertThatThrownBy(() -> RunLength.defaults().decode(ByteBuffer.wrap(h), 1000))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("more than the 1000 allowed");
    byte[] unsigned = {'R', 'L', 0, 0, 0, (byte) 0x80};
    assertThatThrownBy(
            () ->
                RunLength.defaults()
                    .decode(ByteBuffer.wrap(unsigned), BytesSpec.unbounded(), CodecOptions.AUTO))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("claim 2147483648 decoded bytes");
    assertThatThrownBy(
            () ->
                RunLength.defaults().decode(ByteBuffer.wrap(new byte[] {'Z', 'L', 0, 0, 0, 0}), 10))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not run-length data");
    assertThatThrownBy(() -> RunLength.defaults().decode(ByteBuffer.wrap(new byte[] {'R'}), 10))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated input");
  }

  private static byte[] corrupt(byte[] good, SplittableRandom rnd) {
    byte[] b = good.clone();
    int flips = rnd.nextInt(1, 4);
    for (int i = 0; i < flips && b.length > 0; i++) {
      b[rnd.nextInt(b.length)] ^= (byte) rnd.nextInt(1, 256);
    }
    return b;
  }

  private static byte[] appended(byte[] good, SplittableRandom rnd) {
    byte[] b = Arrays.copyOf(good, good.length + rnd.nextInt(1, 4));
    for (int i = good.length; i < b.length; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  private static byte[] random(SplittableRandom rnd) {
    byte[] b = new byte[rnd.nextInt(0, 64)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    if (b.length >= 2 && rnd.nextBoolean()) {
      b[0] = 'R';
      b[1] = 'L';
    }
    return b;
  }

  private static byte[] lyingHeader(byte[] good, SplittableRandom rnd) {
    byte[] b = good.clone();
    int claimed = rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(0, 5000);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(2, claimed);
    return b;
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  // ------------------------------------------------------------------ configuration

  @Test
  void isFoundThroughServiceLoaderAndMapsItsConfigExactly() {
    for (int minRun : new int[] {3, 4, 77, 130}) {
      RunLength c = new RunLength(minRun);
      Map<String, Object> config = c.toConfig();
      assertThat(config)
          .containsExactly(Map.entry("id", RunLength.ID), Map.entry("min_run", minRun));
      assertThat(CodecRegistry.fromConfig(config))
          .isInstanceOf(BytesToBytesCodec.class)
          .isEqualTo(c);
      String json = PythonJson.writePython(config);
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = (Map<String, Object>) PythonJson.parse(json);
      assertThat(PythonJson.writePython(CodecRegistry.fromConfig(parsed).toConfig()))
          .isEqualTo(json);
    }
    Object fromText = PythonJson.parse("{\"id\": \"example.rle\", \"min_run\": 3}");
    assertThat(Chunks.json(RunLength.defaults().toConfig())).isEqualTo(fromText);
    assertThat(CodecRegistry.fromConfig(Chunks.jsonObject(fromText)))
        .isEqualTo(RunLength.defaults());
    assertThat(CodecRegistry.fromConfig(Map.of("id", RunLength.ID)).toConfig())
        .isEqualTo(Map.of("id", RunLength.ID, "min_run", 3));
    assertThat(RunLength.defaults()).hasToString("RunLength(min_run=3)");
  }

  @Test
  void refusesUnknownKeysAndBadValuesByName() {
    assertThatThrownBy(() -> CodecRegistry.fromConfig(Map.of("id", RunLength.ID, "level", 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'example.rle'")
        .hasMessageContaining("unknown configuration key 'level'");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("id", RunLength.ID);
    withNull.put("min_run", null);
    for (Map<String, Object> bad :
        List.of(
            Map.<String, Object>of("id", RunLength.ID, "min_run", 2),
            Map.<String, Object>of("id", RunLength.ID, "min_run", 131),
            Map.<String, Object>of("id", RunLength.ID, "min_run", -1),
            Map.<String, Object>of("id", RunLength.ID, "min_run", 3.5),
            Map.<String, Object>of("id", RunLength.ID, "min_run", "3"),
            withNull)) {
      assertThatThrownBy(() -> CodecRegistry.fromConfig(bad))
          .as("%s", bad)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("'example.rle'")
          .hasMessageContaining("'min_run'");
    }
    assertThatThrownBy(() -> new RunLength(2))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("min_run must be between 3 and 130");
  }
}
