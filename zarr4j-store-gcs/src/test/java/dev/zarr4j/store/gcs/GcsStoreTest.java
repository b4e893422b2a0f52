package dev.zarr4j.store.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import dev.zarr4j.store.ByteRange;
import dev.zarr4j.store.ByteSource;
import dev.zarr4j.store.KeyRange;
import dev.zarr4j.testkit.RemoteStoreRoundTrips;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a GCS store sends and how it fails, on the client library's in-process fake ({@link
 * GcsFake}): requests per read and write, resumable uploads of large values, retries of overloaded
 * answers within the limits, errors naming the {@code gs://} URL and key, read-only mode, and Zarr
 * hierarchies whose reads cost one request per chunk.
 */
class GcsStoreTest {
  private final GcsFake fake = new GcsFake();

  private GcsStore open(String prefix) {
    return GcsStore.open(fake.storage(), GcsFake.options("bkt", prefix).build());
  }

  private static byte[] bytes(Optional<ByteBuffer> value) {
    ByteBuffer b = value.orElseThrow().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Test
  void keysLiveUnderThePrefixAsObjects() {
    try (GcsStore store = open("/data/x.zarr/")) {
      assertThat(store.options().prefix()).isEqualTo("data/x.zarr");
      store.set("a/0.0", new byte[] {1, 2, 3});
      assertThat(fake.storage().readAllBytes(BlobId.of("bkt", "data/x.zarr/a/0.0")))
          .containsExactly(1, 2, 3);
      assertThat(fake.storage().get(BlobId.of("bkt", "a/0.0"))).isNull();
      assertThat(store.capabilities().latencyBound()).isTrue();
      assertThat(store.capabilities().writable()).isTrue();
    }
  }

  @Test
  void folderPlaceholdersAreNoKeys() {
    try (GcsStore store = open("ph")) {
      store.set("dir/a", new byte[] {1});
      fake.storage().create(BlobInfo.newBuilder("bkt", "ph/dir/").build(), new byte[0]);
      fake.storage().create(BlobInfo.newBuilder("bkt", "ph/").build(), new byte[0]);
      assertThat(store.listPrefix("")).containsExactly("dir/a");
      assertThat(store.listPrefix("dir")).containsExactly("dir/a");
      assertThat(store.listDir("")).containsExactly("dir");
      assertThat(store.listDir("dir")).containsExactly("a");
      assertThat(store.totalSize("")).isEqualTo(1);
    }
  }

  @Test
  void aWholeValueIsOneRequestAndARangeTwo() {
    try (GcsStore store = open("p")) {
      byte[] value = new byte[1000];
      new SplittableRandom(1).nextBytes(value);
      long before = store.attempts();
      store.set("v", value);
      assertThat(store.attempts() - before).isEqualTo(1);
      before = store.attempts();
      assertThat(bytes(store.get("v"))).isEqualTo(value);
      assertThat(store.attempts() - before).as("one GET").isEqualTo(1);
      before = store.attempts();
      int metadata = fake.calls("get");
      int ranged = fake.calls("reader");
      assertThat(bytes(store.get("v", new ByteRange.Suffix(10))))
          .isEqualTo(Arrays.copyOfRange(value, 990, 1000));
      assertThat(store.attempts() - before).as("one attempt").isEqualTo(1);
      assertThat(fake.calls("get") - metadata).as("of a metadata read").isEqualTo(1);
      assertThat(fake.calls("reader") - ranged).as("and a ranged read").isEqualTo(1);
      assertThat(bytes(store.get("v", ByteRange.of(995, 50))))
          .as("a range past the end is cut at the end")
          .isEqualTo(Arrays.copyOfRange(value, 995, 1000));
      assertThat(bytes(store.get("v", new ByteRange.FromOffset(1200)))).isEmpty();
      assertThat(store.get("missing", ByteRange.of(1, 2))).isEmpty();
      // an opened value reads each range in one request, pinned to its generation
      try (ByteSource source = store.open("v").orElseThrow()) {
        metadata = fake.calls("get");
        assertThat(source.read(ByteRange.of(100, 20)).remaining()).isEqualTo(20);
        assertThat(fake.calls("get") - metadata).as("no metadata read").isZero();
        store.set("v", new byte[1000]);
        assertThatThrownBy(() -> source.read(ByteRange.of(0, 10)))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("gs://bkt/p/v")
            .hasMessageContaining("changed");
      }
    }
  }

  @Test
  void aRangeReadRacingAWriteIsReadAgainFromTheNewGeneration() {
    try (GcsStore store = open("race")) {
      store.set("k", new byte[] {1, 2, 3, 4, 5, 6});
      fake.replaceBeforeNextRangedRead("bkt", "race/k", new byte[] {9, 8, 7, 6, 5, 4, 3});
      long before = store.attempts();
      assertThat(bytes(store.get("k", new ByteRange.Suffix(3)))).containsExactly(5, 4, 3);
      assertThat(store.attempts() - before)
          .as("the generation read first was gone: a second attempt")
          .isEqualTo(2);
      assertThat(bytes(store.get("k"))).containsExactly(9, 8, 7, 6, 5, 4, 3);
    }
  }

  @Test
  void aBatchSendsOneRequestPerKeyAndCoalescesNeighbouringRanges() {
    try (GcsStore store = open("batch")) {
      List<KeyRange> wanted = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        store.set("k" + i, new byte[] {(byte) i, 1, 2, 3});
        wanted.add(KeyRange.of("k" + i, ByteRange.FULL));
      }
      wanted.add(KeyRange.of("absent", ByteRange.FULL));
      long before = store.attempts();
      List<Optional<ByteBuffer>> got = store.getMany(wanted);
      assertThat(store.attempts() - before).isEqualTo(13);
      for (int i = 0; i < 12; i++) {
        assertThat(bytes(got.get(i))).containsExactly(i, 1, 2, 3);
      }
      assertThat(got.get(12)).isEmpty();
      byte[] big = new byte[200_000];
      new SplittableRandom(2).nextBytes(big);
      store.set("big", big);
      before = store.attempts();
      int ranged = fake.calls("reader");
      List<Optional<ByteBuffer>> parts =
          store.getMany(
              List.of(
                  KeyRange.of("big", ByteRange.of(0, 100)),
                  KeyRange.of("big", ByteRange.of(200, 100)),
                  KeyRange.of("big", ByteRange.of(150_000, 1000))));
      assertThat(store.attempts() - before)
          .as("the first two ranges coalesced, the far one alone")
          .isEqualTo(2);
      assertThat(fake.calls("reader") - ranged).isEqualTo(2);
      assertThat(bytes(parts.get(0))).isEqualTo(Arrays.copyOfRange(big, 0, 100));
      assertThat(bytes(parts.get(1))).isEqualTo(Arrays.copyOfRange(big, 200, 300));
      assertThat(bytes(parts.get(2))).isEqualTo(Arrays.copyOfRange(big, 150_000, 151_000));
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {(1 << 20) - 1, 1 << 20, (1 << 20) + 300_001})
  void valuesFromTheThresholdUpGoUpAsResumableUploads(int size) {
    GcsStoreOptions o =
        GcsFake.options("bkt", "up")
            .resumableThreshold(1 << 20)
            .uploadChunkSize(GcsStoreOptions.CHUNK_GRANULARITY)
            .build();
    try (GcsStore store = GcsStore.open(fake.storage(), o)) {
      byte[] value = new byte[size];
      new SplittableRandom(size).nextBytes(value);
      store.set("v", ByteBuffer.wrap(value, 0, size).slice());
      boolean resumable = size >= 1 << 20;
      assertThat(fake.calls("writer")).isEqualTo(resumable ? 1 : 0);
      assertThat(fake.calls("create")).isEqualTo(resumable ? 0 : 1);
      assertThat(bytes(store.get("v"))).isEqualTo(value);
      assertThat(store.size("v")).isEqualTo(size);
      // a direct buffer and a slice with an offset go up whole, too
      ByteBuffer direct = ByteBuffer.allocateDirect(size + 7);
      direct.position(7);
      direct.put(value);
      direct.position(7);
      store.set("w", direct);
      assertThat(bytes(store.get("w"))).isEqualTo(value);
    }
  }

  @Test
  void anOverloadedServiceIsRetriedWithinTheLimits() {
    try (GcsStore store = open("retry")) {
      store.set("k", new byte[] {7});
      fake.failNext(2);
      long before = store.attempts();
      assertThat(bytes(store.get("k"))).containsExactly(7);
      assertThat(store.attempts() - before).as("two failures, then the answer").isEqualTo(3);
      fake.failNext(3);
      store.set("k2", new byte[] {8});
      assertThat(bytes(store.get("k2"))).containsExactly(8);
      fake.failNext(1_000);
      before = store.attempts();
      assertThatThrownBy(() -> store.get("k"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gs://bkt/retry/k")
          .hasMessageContaining("key 'k'")
          .hasMessageContaining("5 attempts")
          .hasMessageContaining("503");
      assertThat(store.attempts() - before).isEqualTo(5);
      fake.failNext(0);
    }
  }

  @Test
  void refusedAccessFailsAtOnceNamingTheUrl() {
    try (GcsStore store = open("denied")) {
      fake.failNext(1, 403);
      long before = store.attempts();
      assertThatThrownBy(() -> store.set("k", new byte[] {1}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gs://bkt/denied/k")
          .hasMessageContaining("access denied");
      assertThat(store.attempts() - before).as("not retried").isEqualTo(1);
      fake.failNext(1, 401);
      assertThatThrownBy(() -> store.listPrefix(""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("gs://bkt/denied/")
          .hasMessageContaining("credentials were refused");
      assertThat(store.contains("k")).isFalse();
    }
  }

  @Test
  void aReadOnlyStoreReadsButRefusesEveryWrite() {
    try (GcsStore store = open("ro")) {
      store.set("a/b", new byte[] {1});
    }
    try (GcsStore store =
        GcsStore.open(fake.storage(), GcsFake.options("bkt", "ro").readOnly(true).build())) {
      assertThat(store.capabilities().writable()).isFalse();
      assertThat(store.capabilities().listable()).isTrue();
      assertThat(bytes(store.get("a/b"))).containsExactly(1);
      assertThat(store.listDir("")).containsExactly("a");
      assertThatThrownBy(() -> store.set("a/c", new byte[] {2}))
          .isInstanceOf(ReadOnlyException.class)
          .hasMessageContaining("'a/c'")
          .hasMessageContaining("gs://bkt/ro");
      assertThatThrownBy(() -> store.delete("a/b")).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.deletePrefix("a")).isInstanceOf(ReadOnlyException.class);
      assertThat(store.listPrefix("")).containsExactly("a/b");
    }
  }

  @Test
  void aLargePrefixIsDeletedWithManyRequestsInFlightAndNothingElse() {
    try (GcsStore store = open("root")) {
      int n = 150;
      for (int i = 0; i < n; i++) {
        store.set("many/" + String.format("%03d", i), new byte[] {1});
      }
      store.set("many", new byte[] {2});
      store.set("manyother/x", new byte[] {3});
      store.set("other/x", new byte[] {4, 5});
      assertThat(store.listPrefix("many")).hasSize(n);
      assertThat(store.listDir("")).containsExactly("many", "manyother", "other");
      assertThat(store.totalSize("")).isEqualTo(n + 1 + 1 + 2);
      long before = store.attempts();
      store.deletePrefix("many");
      assertThat(store.attempts() - before)
          .as("a listing, then one DELETE per key")
          .isEqualTo(n + 2);
      assertThat(store.listPrefix("")).containsExactly("manyother/x", "other/x");
    }
  }

  @Test
  void aV2HierarchyReadsOneRequestPerChunkAndItsConsolidatedOpenOne() {
    RemoteStoreRoundTrips.consolidatedV2(() -> open("hier.zarr"), () -> {});
  }

  @Test
  void aShardedV3ArrayRoundTripsAndAnInnerChunkCostsAMetadataReadAndTwoRanges() {
    RemoteStoreRoundTrips.shardedV3(() -> open("v3"), false);
  }
}
