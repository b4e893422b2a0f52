package dev.zarr4j.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.metadata.n5.N5ChunkKeyEncoding;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every chunk key encoding decodes what it encodes, and refuses keys it cannot have made. */
class ChunkKeyEncodingTest {
  static final List<ChunkKeyEncoding> ENCODINGS =
      List.of(
          V2ChunkKeyEncoding.DOT,
          V2ChunkKeyEncoding.SLASH,
          N5ChunkKeyEncoding.INSTANCE,
          DefaultChunkKeyEncoding.SLASH,
          DefaultChunkKeyEncoding.DOT);

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void decodeInvertsEncode(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ChunkKeyEncoding e = ENCODINGS.get(rnd.nextInt(ENCODINGS.size()));
    int ndim = rnd.nextInt(6);
    long[] coords = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      coords[d] =
          switch (rnd.nextInt(3)) {
            case 0 -> rnd.nextInt(10);
            case 1 -> rnd.nextLong(0, 1L << 40);
            default -> Long.MAX_VALUE - rnd.nextInt(3);
          };
    }
    String key = e.encode(coords);
    assertThat(e.isChunkKey(key, ndim)).as(key).isTrue();
    assertThat(e.decode(key, ndim)).as(e + " " + key).containsExactly(coords);
    // the same key does not decode for another number of dimensions
    if (ndim > 0) {
      assertThatThrownBy(() -> e.decode(key, ndim + 1))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining(key);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void keysNoEncodingMakesAreRefusedNamingTheKey(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ChunkKeyEncoding e = ENCODINGS.get(rnd.nextInt(ENCODINGS.size()));
    String bad =
        List.of("", "a", "0..1", "1.", "/1", "0/x", "-1", "1 2", ".zarray", "99999999999999999999")
            .get(rnd.nextInt(10));
    int ndim = bad.equals("99999999999999999999") ? 1 : 2;
    assertThatThrownBy(() -> e.decode(bad, ndim))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("'" + bad + "'");
  }
}
