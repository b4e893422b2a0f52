package dev.zarr4j.codec.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.exceptions.CodecException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input for every object decoder: truncations, bit flips, random bytes, headers and lengths
 * claiming more than the input holds, invalid UTF-8 and deep nesting end in a {@link
 * CodecException} (or, for harmless mutations, a result of exactly the expected element count),
 * quickly, and without allocating far beyond what the input and the expected count can hold.
 */
class ObjectCodecHostileInputTest {
  private static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  static List<ObjectCodec> codecs() {
    return List.of(
        VLenUtf8.INSTANCE,
        VLenBytes.INSTANCE,
        VLenArray.of("<i4"),
        VLenArray.of(">c16"),
        JsonCodec.DEFAULT,
        JsonCodec.builder().indent(1).strict(false).build(),
        MsgPack.DEFAULT,
        MsgPack.of(true, false, true),
        Categorize.of(List.of("a", "b"), "<u2"));
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /** A valid chunk for the codec: random elements it accepts. */
  private static Object[] elements(ObjectCodec codec, ObjectTestData data, int n) {
    Object[] e = new Object[n];
    for (int i = 0; i < n; i++) {
      e[i] =
          switch (codec.id()) {
            case VLenUtf8.ID, Categorize.ID -> data.string();
            case VLenBytes.ID -> data.bytes(20);
            case VLenArray.ID -> data.ragged(((VLenArray) codec).dtype(), 6);
            case JsonCodec.ID -> data.jsonValue(3, BigInteger.TEN.pow(20), false, 0x10ffff);
            default -> data.jsonValue(3, BigInteger.ONE.shiftLeft(63), true, 0x10ffff);
          };
    }
    return e;
  }

  private static void decodeSafely(ObjectCodec codec, byte[] input, int count, String what) {
    long before = allocatedBytes();
    long start = System.nanoTime();
    try {
      Object[] out = codec.decodeObjects(ByteBuffer.wrap(input), count);
      assertThat(out).as("%s: %s", codec, what).hasSize(count);
    } catch (CodecException expected) {
      assertThat(expected.getMessage()).as(what).isNotBlank();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(codec + ": " + what + " threw " + e, e);
    }
    long elapsed = System.nanoTime() - start;
    long used = allocatedBytes() - before;
    // decoded values, a UTF-16 copy of JSON text, the element array: a small multiple of both
    long allowed = 64L * input.length + 32L * count + (2L << 20);
    assertThat(used).as("%s: %s allocated", codec, what).isLessThan(allowed);
    assertThat(elapsed)
        .as("%s: %s took %d ms", codec, what, elapsed / 1_000_000)
        .isLessThan(BUDGET_NANOS);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void truncationsAndBitFlips(ObjectCodec codec) {
    ObjectTestData data = new ObjectTestData(codec.toString().hashCode());
    SplittableRandom rnd = data.random();
    for (int round = 0; round < 10; round++) {
      int n = 1 + rnd.nextInt(20);
      ByteBuffer b = codec.encodeObjects(elements(codec, data, n), new int[] {n});
      byte[] valid = new byte[b.remaining()];
      b.get(valid);
      for (int cut = 0; cut < valid.length; cut += 1 + valid.length / 60) {
        decodeSafely(codec, java.util.Arrays.copyOf(valid, cut), n, "truncated to " + cut);
      }
      for (int flip = 0; flip < 60; flip++) {
        byte[] bad = valid.clone();
        bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
        decodeSafely(codec, bad, n, "bit flip");
        bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
        decodeSafely(codec, bad, n, "byte changed");
      }
      decodeSafely(codec, valid, n + 1, "one element more expected");
      decodeSafely(codec, valid, n - 1, "one element fewer expected");
      decodeSafely(codec, valid, 50_000_000, "a huge count expected");
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void randomBytes(ObjectCodec codec) {
    SplittableRandom rnd = new SplittableRandom(codec.toString().hashCode());
    for (int i = 0; i < 400; i++) {
      byte[] b = new byte[rnd.nextInt(i < 200 ? 16 : 2000)];
      rnd.nextBytes(b);
      decodeSafely(codec, b, rnd.nextInt(40), "random bytes");
    }
  }

  private static byte[] le(long... words) {
    ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long w : words) {
      b.putInt((int) w);
    }
    return b.array();
  }

  @Test
  void vlenHeadersClaimingMoreThanTheInput() {
    for (ObjectCodec c : List.of(VLenUtf8.INSTANCE, VLenBytes.INSTANCE, VLenArray.of("<i8"))) {
      // a count of 2^32-1: numcodecs tries to allocate 32 GiB; zarr4j refuses at once
      decodeSafely(c, le(0xffffffffL), 10, "count 2^32-1");
      assertThatThrownBy(() -> c.decodeObjects(ByteBuffer.wrap(le(0xffffffffL)), 10))
          .hasMessageContaining("4294967295 items, expected 10");
      assertThatThrownBy(() -> c.decodeObjects(ByteBuffer.wrap(le(1000, 1)), 1000))
          .hasMessageContaining("cannot fit");
      assertThatThrownBy(() -> c.decodeObjects(ByteBuffer.wrap(le(1, 0xfffffff0L)), 1))
          .hasMessageContaining("claims 4294967280 bytes");
      assertThatThrownBy(() -> c.decodeObjects(ByteBuffer.wrap(new byte[3]), 0))
          .hasMessageContaining("truncated header");
      decodeSafely(c, le(2, 0, 0xffffffffL), 2, "second length huge");
    }
    // bytes after the last item are ignored, as numcodecs ignores them
    assertThat(VLenUtf8.INSTANCE.decodeObjects(ByteBuffer.wrap(le(1, 0, 7)), 1))
        .containsExactly("");
    assertThatThrownBy(() -> VLenArray.of("<i8").decodeObjects(ByteBuffer.wrap(le(1, 4, 0)), 1))
        .hasMessageContaining("whole number");
  }

  @Test
  void invalidUtf8IsAnErrorNotAReplacement() {
    byte[][] bad = {
      {(byte) 0xff},
      {(byte) 0xc0, (byte) 0xaf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xe2, (byte) 0x82}
    };
    for (byte[] b : bad) {
      ByteBuffer frame = ByteBuffer.allocate(8 + b.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      frame.putInt(1).putInt(b.length).put(b).flip();
      assertThatThrownBy(() -> VLenUtf8.INSTANCE.decodeObjects(frame, 1))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("not valid UTF-8");
      byte[] packed = new byte[4 + b.length + 4];
      packed[0] = (byte) 0x93; // [str, "|O", [1]]
      packed[1] = (byte) (0xa0 | b.length);
      System.arraycopy(b, 0, packed, 2, b.length);
      int at = 2 + b.length;
      packed = java.util.Arrays.copyOf(packed, at + 6);
      packed[at] = (byte) 0xa2;
      packed[at + 1] = '|';
      packed[at + 2] = 'O';
      packed[at + 3] = (byte) 0x91;
      packed[at + 4] = 1;
      byte[] msg = java.util.Arrays.copyOf(packed, at + 5);
      assertThatThrownBy(() -> MsgPack.DEFAULT.decodeObjects(ByteBuffer.wrap(msg), 1))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("UTF-8");
      // raw=True reads the same bytes as a byte string
      assertThat((byte[]) MsgPack.of(true, false, true).decodeObjects(ByteBuffer.wrap(msg), 1)[0])
          .containsExactly(b);
      byte[] json =
          ("[\"" + new String(b, StandardCharsets.ISO_8859_1) + "\",\"|O\",[1]]")
              .getBytes(StandardCharsets.ISO_8859_1);
      assertThatThrownBy(() -> JsonCodec.DEFAULT.decodeObjects(ByteBuffer.wrap(json), 1))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("utf-8");
    }
  }

  @Test
  @Timeout(20)
  void deepNestingFailsWithoutOverflowingTheStack() {
    String json = "[".repeat(200_000) + "]".repeat(200_000);
    assertThatThrownBy(
            () ->
                JsonCodec.DEFAULT.decodeObjects(
                    ByteBuffer.wrap(json.getBytes(StandardCharsets.US_ASCII)), 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("nesting");
    byte[] pack = new byte[200_000];
    java.util.Arrays.fill(pack, (byte) 0x91);
    assertThatThrownBy(() -> MsgPack.DEFAULT.decodeObjects(ByteBuffer.wrap(pack), 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("nested");
    byte[] maps = new byte[300_000];
    for (int i = 0; i < maps.length; i += 3) {
      maps[i] = (byte) 0x81;
      maps[i + 1] = (byte) 0xa1;
      maps[i + 2] = 'k';
    }
    assertThatThrownBy(() -> MsgPack.DEFAULT.decodeObjects(ByteBuffer.wrap(maps), 1))
        .isInstanceOf(CodecException.class);
    // Python's own limit: 1024 nested containers decode, 1025 do not
    byte[] ok = new byte[1024 + 1];
    java.util.Arrays.fill(ok, 0, 1024, (byte) 0x91);
    ok[1024] = 1;
    assertThat(MsgPack.DEFAULT.unpackb(ok)).isInstanceOf(List.class);
    byte[] tooDeep = new byte[1025 + 1];
    java.util.Arrays.fill(tooDeep, 0, 1025, (byte) 0x91);
    tooDeep[1025] = 1;
    assertThatThrownBy(() -> MsgPack.DEFAULT.unpackb(tooDeep)).isInstanceOf(CodecException.class);
  }

  @Test
  void msgpackSizesLargerThanTheInput() {
    byte[][] claims = {
      {(byte) 0xdd, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // array32 of 2^32-1
      {(byte) 0xdf, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // map32
      {(byte) 0xdb, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'}, // str32
      {(byte) 0xc6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // bin32
      {(byte) 0xc9, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1}, // ext32
      {(byte) 0xc1}, // never used
      {(byte) 0xd4, (byte) 0xfe, 0}, // negative extension type other than -1
      {(byte) 0xd5, (byte) 0xff, 0, 0}, // a 2-byte timestamp
      {(byte) 0x81, 1, 2}, // int map key (strict_map_key)
      {(byte) 0x90, 0}, // extra data
    };
    for (byte[] c : claims) {
      long before = allocatedBytes();
      assertThatThrownBy(() -> MsgPack.DEFAULT.unpackb(c)).isInstanceOf(CodecException.class);
      assertThat(allocatedBytes() - before).isLessThan(1L << 20);
    }
  }

  @Test
  void jsonShapesThatDoNotFit() {
    String[] docs = {
      "[\"|O\",[0]]", // numcodecs' own empty chunk: fine for count 0
      "[1,\"|O\",[4294967296]]",
      "[1,\"|O\",[65536,65536]]",
      "[1,\"|O\",[-1]]",
      "[1,\"|O\",[1.0]]",
      "[1,\"|O\",\"x\"]",
      "[1,[1]]",
      "[1,2,\"|O\",[1]]",
      "[[1],\"|O\",[1,2]]",
      "[1,\"|O\",[]]",
      "{}",
      "[]",
      "\"|O\"",
    };
    assertThat(
            JsonCodec.DEFAULT.decodeObjects(
                ByteBuffer.wrap(docs[0].getBytes(StandardCharsets.US_ASCII)), 0))
        .isEmpty();
    for (int i = 1; i < docs.length; i++) {
      String d = docs[i];
      assertThatThrownBy(
              () ->
                  JsonCodec.DEFAULT.decodeObjects(
                      ByteBuffer.wrap(d.getBytes(StandardCharsets.US_ASCII)), 1))
          .as(d)
          .isInstanceOf(CodecException.class);
    }
    // a shape that holds the expected count but items that do not follow it
    assertThatThrownBy(
            () ->
                JsonCodec.DEFAULT.decodeObjects(
                    ByteBuffer.wrap("[1,\"|O\",[1000000]]".getBytes(StandardCharsets.US_ASCII)),
                    1_000_000))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("needs 1000000");
    // a Categorize chunk must hold exactly count codes
    assertThatThrownBy(
            () -> Categorize.of(List.of("a"), "<u2").decodeObjects(ByteBuffer.wrap(new byte[3]), 1))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void concurrentUseOfOneCodec() throws Exception {
    // inputs, encodings and decodings computed on one thread first
    List<ObjectCodec> all = codecs();
    ObjectTestData data = new ObjectTestData(99);
    List<Object[]> inputs = new ArrayList<>();
    List<ByteBuffer> encodings = new ArrayList<>();
    List<Object> decodings = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      for (ObjectCodec c : all) {
        Object[] e = elements(c, data, 1 + data.random().nextInt(10));
        inputs.add(e);
        ByteBuffer enc = c.encodeObjects(e, new int[] {e.length});
        encodings.add(enc);
        decodings.add(Tagged.tag(java.util.Arrays.asList(c.decodeObjects(enc, e.length))));
      }
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < inputs.size(); i++) {
                      ObjectCodec c = all.get(i % all.size());
                      Object[] e = inputs.get(i);
                      ByteBuffer enc = c.encodeObjects(e, new int[] {e.length});
                      assertThat(enc).isEqualTo(encodings.get(i));
                      assertThat(
                              Tagged.tag(java.util.Arrays.asList(c.decodeObjects(enc, e.length))))
                          .isEqualTo(decodings.get(i));
                    }
                  }
                  return null;
                }));
      }
      for (var f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
