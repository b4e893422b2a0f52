package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.LoggingStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Partial writes of a sharded Zarr v3 array through the public API, with the store's requests
 * logged: what a write of part of a shard reads (the index, then the bytes it keeps or merges into,
 * one range per run of them; never an inner chunk it replaces whole), that untouched inner chunks
 * keep their bytes, that one call rewrites a shard once, what happens to inner chunks and shards
 * left holding the fill value, and that a corrupt shard is refused and left as it was.
 *
 * <p>The array is {@link ShardIoTest#sharded}'s: int32 [64, 64], shards [32, 32] of inner chunks
 * [8, 8] (16 per shard, so the index at the end takes 16 * 16 + 4 = 260 bytes), zstd inside.
 */
class ShardWriteTest {
  private static final int INDEX = 16 * 16 + 4;

  private static byte[] stored(LoggingStore store, String key) {
    ByteBuffer b = store.inner().get(key).orElseThrow();
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }

  /** The (offset, nbytes) entries of a shard's index at its end. */
  private static long[] entries(byte[] shard) {
    ByteBuffer b = ByteBuffer.wrap(shard).order(ByteOrder.LITTLE_ENDIAN);
    long[] e = new long[32];
    for (int i = 0; i < e.length; i++) {
      e[i] = b.getLong(shard.length - INDEX + 8 * i);
    }
    return e;
  }

  private static byte[] inner(byte[] shard, long[] e, int i) {
    return Arrays.copyOfRange(shard, (int) e[2 * i], (int) (e[2 * i] + e[2 * i + 1]));
  }

  private static String read(String key, long offset, long length) {
    return "read " + key + " @" + offset + "+" + length;
  }

  @Test
  void aPartWriteOfOneInnerChunkReadsTheIndexAndTheInnerChunksAsOneRange() {
    LoggingStore store = ShardIoTest.countingStore();
    ZarrArray z = ShardIoTest.sharded(store);
    z.set(ShardIoTest.data());
    byte[] before = stored(store, "c/0/1");
    int data = before.length - INDEX;
    store.reset();
    // four elements of inner chunk (1, 1) of shard (0, 1)
    z.set("9:11, 41:43", NdArray.of(new int[] {-1, -2, -3, -4}, 2, 2));
    // the index (one ranged read), then the bytes of all 16 inner chunks, stored back to back:
    // one range (the 15 kept ones are copied, the written one is decoded), then one set
    assertThat(ShardIoTest.log(store))
        .containsExactly(read("c/0/1", data, INDEX), read("c/0/1", 0, data), "set c/0/1");
    NdArray want = ShardIoTest.window(0, 64, 0, 64, false);
    want.set(-1, 9, 41);
    want.set(-2, 9, 42);
    want.set(-3, 10, 41);
    want.set(-4, 10, 42);
    assertThat(z.get()).isEqualTo(want);
  }

  @Test
  void aWholeInnerChunkWriteDoesNotReadThatInnerChunk() {
    LoggingStore store = ShardIoTest.countingStore();
    ZarrArray z = ShardIoTest.sharded(store);
    z.set(ShardIoTest.data());
    byte[] before = stored(store, "c/0/1");
    long[] e = entries(before);
    int data = before.length - INDEX;
    long off5 = e[10];
    long end5 = e[10] + e[11];
    store.reset();
    // every element of inner chunk (1, 1) of shard (0, 1): inner chunk 5 in C order
    int[] v = new int[64];
    Arrays.fill(v, 77);
    z.set("8:16, 40:48", NdArray.of(v, 8, 8));
    // the index, then the kept bytes either side of inner chunk 5, never inner chunk 5 itself
    assertThat(ShardIoTest.log(store))
        .containsExactly(
            read("c/0/1", data, INDEX),
            read("c/0/1", 0, off5),
            read("c/0/1", end5, data - end5),
            "set c/0/1");
    byte[] after = stored(store, "c/0/1");
    long[] f = entries(after);
    for (int i = 0; i < 16; i++) {
      if (i != 5) {
        assertThat(inner(after, f, i)).as("inner chunk %d", i).isEqualTo(inner(before, e, i));
      }
    }
    assertThat(z.get("8:16, 40:48")).isEqualTo(NdArray.of(v, 8, 8));
  }

  @Test
  void untouchedInnerChunksKeepTheirExactBytes() {
    LoggingStore store = ShardIoTest.countingStore();
    ZarrArray z = ShardIoTest.sharded(store);
    z.set(ShardIoTest.data());
    byte[] before = stored(store, "c/1/0");
    long[] e = entries(before);
    // a strided write through inner chunks (0, 0), (0, 2) and (2, 0) of shard (1, 0)
    z.set("32:50:17, 0:17:16", NdArray.of(new int[] {5, 6, 7, 8}, 2, 2));
    byte[] after = stored(store, "c/1/0");
    long[] f = entries(after);
    List<Integer> touched = List.of(0, 2, 8, 10);
    for (int i = 0; i < 16; i++) {
      if (touched.contains(i)) {
        assertThat(inner(after, f, i)).as("inner chunk %d", i).isNotEqualTo(inner(before, e, i));
      } else {
        assertThat(inner(after, f, i)).as("inner chunk %d", i).isEqualTo(inner(before, e, i));
      }
    }
  }

  @Test
  void oneCallRewritesEachShardItTouchesOnce() {
    LoggingStore store = ShardIoTest.countingStore();
    ZarrArray z = ShardIoTest.sharded(store);
    z.set(ShardIoTest.data());
    store.reset();
    // five points in eight inner chunks... of three shards; (0, 0) gets three of them
    z.vindex()
        .set(
            NdArray.of(new int[] {-1, -2, -3, -4, -5}, 5),
            new long[] {1, 20, 1, 33, 2},
            new long[] {1, 20, 40, 33, 2});
    for (String key : List.of("c/0/0", "c/0/1", "c/1/1")) {
      assertThat(ShardIoTest.log(store).stream().filter(l -> l.equals("set " + key))).hasSize(1);
      assertThat(ShardIoTest.log(store).stream().filter(l -> l.startsWith("read " + key + " @")))
          .hasSize(2);
    }
    assertThat(ShardIoTest.log(store)).hasSize(9);
    assertThat(z.vindex().get(new long[] {1, 20, 1, 33, 2}, new long[] {1, 20, 40, 33, 2}))
        .isEqualTo(NdArray.of(new int[] {-1, -2, -3, -4, -5}, 5));
  }

  private static ZarrArray zeros(LoggingStore store, boolean writeEmpty) {
    return Zarr.create(
        ArrayOptions.builder()
            .store(store)
            .format(NodeFormats.named("zarr-v3"))
            .shape(64, 64)
            .chunks(8, 8)
            .shards(32, 32)
            .dtype("<i4")
            .fillValue(0)
            .writeEmptyChunks(writeEmpty)
            .build());
  }

  @Test
  void innerChunksOfTheFillValueAreLeftOutAndAnEmptyShardIsDeleted() {
    for (boolean writeEmpty : new boolean[] {false, true}) {
      LoggingStore store = ShardIoTest.countingStore();
      ZarrArray z = zeros(store, writeEmpty);
      // the fill value into a shard not stored: nothing is stored
      z.set("0:4, 0:4", 0);
      assertThat(store.listPrefix("c")).isEmpty();
      // one element: a shard holding one inner chunk, (0, 1)
      z.set("1:2, 9:10", 3);
      long[] e = entries(stored(store, "c/0/0"));
      for (int i = 0; i < 16; i++) {
        assertThat(e[2 * i] == -1L).as("inner chunk %d missing", i).isEqualTo(i != 1);
      }
      z.set("1:3, 1:3", 4); // inner chunk (0, 0)
      z.set("20:21, 20:21", 5); // inner chunk (2, 2), number 10
      z.set("40:41, 40:41", 8); // another shard
      // inner chunks (0, 0) and (0, 1) back to the fill value: left out of the index
      z.set("0:4, 0:4", 0);
      z.set("1:2, 9:10", 0);
      e = entries(stored(store, "c/0/0"));
      for (int i = 0; i < 16; i++) {
        assertThat(e[2 * i] == -1L).as("inner chunk %d missing", i).isEqualTo(i != 10);
      }
      // and (2, 2), written whole: the shard is deleted, whatever write_empty_chunks says, after
      // reading its index only
      int size = stored(store, "c/0/0").length;
      store.reset();
      z.set("16:24, 16:24", NdArray.of(new int[64], 8, 8));
      assertThat(ShardIoTest.log(store))
          .containsExactly(read("c/0/0", size - INDEX, INDEX), "delete c/0/0");
      assertThat(store.listPrefix("c"))
          .as("write_empty_chunks %s", writeEmpty)
          .containsExactly("c/1/1");
      NdArray want = NdArray.of(new int[64 * 64], 64, 64);
      want.set(8, 40, 40);
      assertThat(z.get()).isEqualTo(want);
    }
  }

  @Test
  void aCorruptShardFailsNamingItsKeyAndIsLeftAsItWas() {
    LoggingStore store = ShardIoTest.countingStore();
    ZarrArray z = ShardIoTest.sharded(store);
    z.set(ShardIoTest.data());
    byte[] shard = stored(store, "c/0/1");
    shard[shard.length - 2] ^= 0x10; // inside the index's crc32c
    store.set("c/0/1", ByteBuffer.wrap(shard));
    store.reset();
    assertThatThrownBy(() -> z.set("9:11, 41:43", 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("c/0/1")
        .hasMessageContaining("shard index");
    assertThat(stored(store, "c/0/1")).isEqualTo(shard);
    // the index, read again once after its checksum failed (an in-place update may be landing)
    assertThat(ShardIoTest.log(store))
        .containsExactly(
            read("c/0/1", shard.length - INDEX, INDEX), read("c/0/1", shard.length - INDEX, INDEX));
    // a write of the whole shard replaces it without reading it
    z.set("0:32, 32:64", 2);
    assertThat(z.get("0:32, 32:64")).isEqualTo(NdArray.of(filled(32 * 32, 2), 32, 32));
  }

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }
}
