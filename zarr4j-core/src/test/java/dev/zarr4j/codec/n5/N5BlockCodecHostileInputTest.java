package dev.zarr4j.codec.n5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed N5 blocks fail with a {@link CodecException} saying what is wrong, never with another
 * exception, an out-of-memory error or a hang: truncated headers, absurd or mismatched dimensions,
 * unsupported modes, payloads shorter or longer than the header says, corrupt compressed data, and
 * seeded random mutations of valid blocks for every compression.
 */
class N5BlockCodecHostileInputTest {
  private static final ChunkSpec SPEC = new ChunkSpec(new int[] {4, 5}, DataType.INT16, 0);
  private static final N5BlockCodec RAW = N5BlockCodec.of(N5Compression.RAW, new int[] {4, 5});

  private static ByteBuffer block(int mode, int[] n5Dims, Integer count, int payloadBytes) {
    ByteBuffer b =
        ByteBuffer.allocate(4 + 4 * n5Dims.length + (count == null ? 0 : 4) + payloadBytes);
    b.putShort((short) mode).putShort((short) n5Dims.length);
    for (int d : n5Dims) {
      b.putInt(d);
    }
    if (count != null) {
      b.putInt(count);
    }
    return b.position(0);
  }

  private static void assertRefused(N5BlockCodec codec, ByteBuffer block, String message) {
    assertThatThrownBy(() -> codec.decode(block, SPEC, CodecOptions.AUTO))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message);
  }

  @Test
  void truncatedHeaders() {
    for (int n = 0; n < 4; n++) {
      assertRefused(RAW, ByteBuffer.allocate(n), "too few");
    }
    ByteBuffer b = block(0, new int[] {5, 4}, null, 40);
    for (int n = 4; n < 12; n++) {
      assertRefused(RAW, b.slice(0, n), "truncated header");
    }
    assertRefused(RAW, block(1, new int[] {5, 4}, null, 0).slice(0, 12), "truncated header");
  }

  @Test
  void absurdDimensions() {
    assertRefused(RAW, block(0, new int[] {-1, 4}, null, 0), "more than 2^31 - 1");
    assertRefused(
        RAW, block(0, new int[] {Integer.MAX_VALUE, 4}, null, 0), "more than 2^32 - 1 elements");
    assertRefused(
        RAW,
        block(0, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 4}, null, 0),
        "more than 2^32 - 1 elements");
    assertRefused(RAW, block(0, new int[] {1000, 4}, null, 0), "exceeds the block size");
    assertRefused(RAW, block(0, new int[] {5, 5}, null, 50), "exceeds the block size");
    // without a block size, nothing larger than the chunk is accepted
    assertRefused(
        N5BlockCodec.of(N5Compression.RAW),
        block(0, new int[] {6, 4}, null, 48),
        "exceeds the chunk shape");
    // 65535 dimensions announced, few bytes present
    ByteBuffer many = ByteBuffer.allocate(64).putShort((short) 0).putShort((short) -1).position(0);
    assertRefused(RAW, many, "truncated header");
  }

  @Test
  void dimensionCountMismatch() {
    assertRefused(
        RAW, block(0, new int[] {20}, null, 40), "the block has 1 dimensions, the chunk 2");
    assertRefused(RAW, block(0, new int[] {5, 4, 1}, null, 40), "the block has 3 dimensions");
    assertRefused(RAW, block(0, new int[] {}, null, 2), "the block has 0 dimensions");
  }

  @Test
  void unsupportedModes() {
    assertRefused(RAW, block(2, new int[] {}, null, 0), "mode 2");
    assertRefused(RAW, block(7, new int[] {5, 4}, null, 40), "unknown mode 7");
    assertRefused(RAW, block(1, new int[] {5, 4}, 19, 38), "holds 19 elements");
    // a varlength block holding exactly its shape's elements is read
    ByteBuffer ok = block(1, new int[] {5, 4}, 20, 40);
    assertThat(RAW.decode(ok, SPEC, CodecOptions.AUTO).spec()).isEqualTo(SPEC);
  }

  @Test
  void rawPayloadOfTheWrongLength() {
    assertRefused(
        RAW, block(0, new int[] {5, 4}, null, 39), "needs 40 payload bytes, the block has 39");
    assertRefused(
        RAW, block(0, new int[] {5, 4}, null, 41), "needs 40 payload bytes, the block has 41");
    assertRefused(RAW, block(0, new int[] {5, 4}, null, 0), "the block has 0");
  }

  @Test
  void compressedPayloadOfTheWrongLength() {
    for (N5Compression c : N5TestSupport.compressions()) {
      if (c.isRaw()) {
        continue;
      }
      N5BlockCodec codec = N5BlockCodec.of(c, new int[] {4, 5});
      ChunkSpec smaller = new ChunkSpec(new int[] {4, 4}, DataType.INT16, 0);
      ByteBuffer enc = codec.encode(ChunkArray.filled(smaller), CodecOptions.AUTO);
      // claim more elements than the payload decodes to
      ByteBuffer lying = ByteBuffer.allocate(enc.remaining());
      lying.put(enc.duplicate()).putInt(4, 5).position(0);
      assertThatThrownBy(() -> codec.decode(lying, SPEC, CodecOptions.AUTO))
          .as("%s", c)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining(c.type() + " payload");
      // and fewer
      ByteBuffer fewer = ByteBuffer.allocate(enc.remaining());
      fewer.put(enc.duplicate()).putInt(4, 3).position(0);
      assertThatThrownBy(() -> codec.decode(fewer, SPEC, CodecOptions.AUTO))
          .as("%s", c)
          .isInstanceOf(CodecException.class);
      // no payload at all
      assertThatThrownBy(() -> codec.decode(enc.slice(0, 12), SPEC, CodecOptions.AUTO))
          .as("%s", c)
          .isInstanceOf(CodecException.class);
    }
  }

  @Test
  void typesN5CannotHold() {
    ChunkSpec s = new ChunkSpec(new int[] {2}, DataType.parse("|S3"), null);
    assertThatThrownBy(() -> RAW.resolve(s))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not elements of type |S3");
    assertThatThrownBy(
            () ->
                N5BlockCodec.of(N5Compression.RAW, new int[] {2, 2})
                    .resolve(new ChunkSpec(new int[] {2}, DataType.INT8, 0)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("do not match the block size");
  }

  static Stream<Integer> seeds() {
    return IntStream.range(0, 16).boxed();
  }

  /** Random truncations, bit flips and splices of valid blocks, for every compression. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @Timeout(60)
  void mutatedBlocksFailCleanly(int seed) {
    SplittableRandom rnd = new SplittableRandom(0xBAD_B10CL + seed);
    List<N5Compression> compressions = N5TestSupport.compressions();
    for (N5Compression c : compressions) {
      DataType t = N5TestSupport.DTYPES.get(rnd.nextInt(N5TestSupport.DTYPES.size()));
      int[] block = N5TestSupport.randomShape(rnd, 1 + rnd.nextInt(3), 12);
      ChunkSpec spec = new ChunkSpec(block, t, null);
      N5BlockCodec codec = N5BlockCodec.of(c, block);
      byte[] valid = toArray(codec.encode(N5TestSupport.randomChunk(spec, rnd), CodecOptions.AUTO));
      for (int i = 0; i < 40; i++) {
        byte[] bad = mutate(valid, rnd);
        try {
          ChunkArray got = codec.decode(ByteBuffer.wrap(bad), spec, CodecOptions.AUTO);
          assertThat(got.spec()).isEqualTo(spec);
        } catch (CodecException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
          throw new AssertionError(c + " block " + Arrays.toString(bad) + " failed with " + e, e);
        }
      }
    }
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  private static byte[] mutate(byte[] valid, SplittableRandom rnd) {
    byte[] b = valid.clone();
    switch (rnd.nextInt(5)) {
      case 0:
        return Arrays.copyOf(b, rnd.nextInt(b.length + 1));
      case 1:
        for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
          int i = rnd.nextInt(b.length);
          b[i] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
      case 2:
        {
          // a header field set to an extreme value
          int at = rnd.nextInt(Math.max(1, Math.min(b.length, 24) - 3));
          int v = rnd.nextBoolean() ? -1 : rnd.nextInt();
          if (at + 4 <= b.length) {
            ByteBuffer.wrap(b).putInt(at, v);
          }
          return b;
        }
      case 3:
        {
          byte[] longer = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(16));
          for (int i = b.length; i < longer.length; i++) {
            longer[i] = (byte) rnd.nextInt(256);
          }
          return longer;
        }
      default:
        {
          byte[] r = new byte[rnd.nextInt(64)];
          rnd.nextBytes(r);
          return r;
        }
    }
  }

  @Test
  void compressionsRefuseWhatTheyCannotRead() {
    assertThatThrownBy(() -> N5Compression.fromJson(Map.of("type", "snappy")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'snappy' is not supported");
  }
}
