package dev.zarr4j.metadata.n5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.InvalidKeyException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** N5's block keys: reversed coordinates joined by "/", "0" for 0-d arrays as zarr-python. */
class N5ChunkKeyEncodingTest {
  private final N5ChunkKeyEncoding enc = N5ChunkKeyEncoding.INSTANCE;

  @Test
  void reversesAndJoins() {
    assertThat(enc.encode(new long[] {1, 2, 3})).isEqualTo("3/2/1");
    assertThat(enc.encode(new long[] {5})).isEqualTo("5");
    assertThat(enc.encode(new long[] {})).isEqualTo("0");
    assertThat(enc.encode(new long[] {0, 12345678901L})).isEqualTo("12345678901/0");
    assertThat(enc.separator()).isEqualTo("/");
  }

  @Test
  void recognisesChunkKeys() {
    assertThat(enc.isChunkKey("3/2/1", 3)).isTrue();
    assertThat(enc.isChunkKey("3/2/1", 2)).isFalse();
    assertThat(enc.isChunkKey("3.2", 2)).isFalse();
    assertThat(enc.isChunkKey("3//1", 3)).isFalse();
    assertThat(enc.isChunkKey("/3/1", 2)).isFalse();
    assertThat(enc.isChunkKey("3/1/", 2)).isFalse();
    assertThat(enc.isChunkKey("attributes.json", 1)).isFalse();
    assertThat(enc.isChunkKey("0", 0)).isTrue();
    assertThat(enc.isChunkKey("1", 0)).isFalse();
    assertThat(enc.isChunkKey("", 1)).isFalse();
  }

  @RepeatedTest(20)
  void decodeInvertsEncode(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    long[] c = new long[rnd.nextInt(6)];
    for (int i = 0; i < c.length; i++) {
      c[i] = rnd.nextInt(4) == 0 ? rnd.nextLong(Long.MAX_VALUE) : rnd.nextInt(100);
    }
    String key = enc.encode(c);
    assertThat(enc.isChunkKey(key, c.length)).isTrue();
    assertThat(enc.decode(key, c.length)).containsExactly(c);
  }

  @Test
  void decodeRefusesOtherKeys() {
    assertThatThrownBy(() -> enc.decode("1.2", 2)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> enc.decode("99999999999999999999", 1))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("does not fit a long");
  }
}
