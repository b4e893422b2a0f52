package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.convenience.Convenience;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import dev.zarr4j.store.ReadOnlyStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.remote.RemoteStore;
import java.util.function.Supplier;

/**
 * Round trips every network store ({@link RemoteStore}: S3, Azure Blob, GCS) passes, counting the
 * requests they cost: a consolidated Zarr v2 hierarchy, and a sharded Zarr v3 array.
 */
public final class RemoteStoreRoundTrips {
  private static final DataType U2 = DataType.parse("<u2");

  private RemoteStoreRoundTrips() {}

  /**
   * Writes a Zarr v2 group (title attribute, a 60 x 60 int32 array {@code a} in 36 Blosc chunks, a
   * subgroup {@code sub} with a 30 x 30 float64 array {@code b}) through one store and consolidates
   * its metadata; checks the listings, and that {@code totalSize} costs one listing, no request per
   * key. Then, after {@code checkStored} (which looks at the stored objects with the service's own
   * client), through a second store: the consolidated open costs one request when it names the key
   * ({@code .zmetadata}) and two when it does not (Zarr v3's {@code zarr.json} is asked first),
   * reading {@code a} one GET per chunk, a chunk-aligned window one per chunk it covers.
   *
   * @param open opens a store on the data under test (called twice; each store is closed here)
   * @param checkStored checks what the first store left in the service (may do nothing)
   */
  public static void consolidatedV2(Supplier<? extends RemoteStore<?>> open, Runnable checkStored) {
    NdArray a = NdArray.arange(DataType.parse("<i4"), 60 * 60, 60, 60);
    NdArray b = NdArray.arange(DataType.parse("<f8"), 30, 30);
    try (RemoteStore<?> store = open.get()) {
      ZarrGroup g = Zarr.group(store);
      g.array(
          "a",
          a,
          ArrayOptions.builder().chunks(10, 10).compressor(Blosc.of("lz4", 5, 1, 0)).build());
      g.createGroup("sub").array("b", b, ArrayOptions.builder().chunks(7).build());
      g.attrs().put("title", "round trip");
      Convenience.consolidateMetadata(store);
      assertThat(store.listDir("")).containsExactly(".zattrs", ".zgroup", ".zmetadata", "a", "sub");
      assertThat(store.listPrefix("a")).hasSize(37).contains("a/.zarray", "a/5.5");
      long sum = 0;
      for (String k : store.listPrefix("a")) {
        sum += store.size(k);
      }
      long before = store.attempts();
      assertThat(store.totalSize("a")).isEqualTo(sum).isPositive();
      assertThat(store.attempts() - before).as("one listing, no HEAD per key").isEqualTo(1);
    }
    checkStored.run();
    try (RemoteStore<?> store = open.get()) {
      long before = store.attempts();
      Convenience.openConsolidated(store, OpenMode.READ);
      assertThat(store.attempts() - before)
          .as("the consolidated open naming no key: zarr.json (absent), then .zmetadata")
          .isEqualTo(2);
      before = store.attempts();
      ZarrGroup g =
          (ZarrGroup)
              Convenience.openConsolidated(
                  store, ".zmetadata", OpenMode.READ, ArrayOptions.defaults());
      assertThat(store.attempts() - before).as("the consolidated open naming the key").isEqualTo(1);
      assertThat(g.attrs().get("title")).isEqualTo("round trip");
      before = store.attempts();
      assertThat(g.getArray("a").get()).isEqualTo(a);
      assertThat(store.attempts() - before).as("one GET per chunk").isEqualTo(36);
      assertThat(((ZarrArray) g.get("sub/b")).get()).isEqualTo(b);
      NdArray window =
          Zarr.array(a, ArrayOptions.builder().store(new MemoryStore()).build())
              .get("10:30, 20:30");
      before = store.attempts();
      assertThat(g.getArray("a").get("10:30, 20:30")).isEqualTo(window);
      assertThat(store.attempts() - before).as("a chunk-aligned window").isEqualTo(2);
    }
  }

  /**
   * Writes a 64 x 64 uint16 array {@code s} in shards of 32 x 32 holding chunks of 8 x 8 (Zstd)
   * into a Zarr v3 group through one store, overwrites its first inner chunk, and checks that the
   * store holds one object per shard besides the metadata; then, through a second store on the same
   * data opened read-only, reads the array whole and in part against an in-memory model, and checks
   * that one inner chunk costs three requests (the shard's size, its index, the chunk).
   *
   * @param open opens a store on the data under test (called twice; each store is closed here)
   * @param consolidated consolidate the metadata after writing, and open the group through it
   */
  public static void shardedV3(Supplier<? extends RemoteStore<?>> open, boolean consolidated) {
    NdArray s = NdArray.arange(U2, 64 * 64, 64, 64);
    try (RemoteStore<?> store = open.get()) {
      ZarrGroup g =
          Zarr.group(store, GroupOptions.builder().format(NodeFormats.named("zarr-v3")).build());
      ZarrArray z =
          g.array(
              "s",
              s,
              ArrayOptions.builder()
                  .format(NodeFormats.named("zarr-v3"))
                  .chunks(8, 8)
                  .shards(32, 32)
                  .compressor(Zstd.of(1))
                  .build());
      z.set("0:8, 0:8", NdArray.scalar(U2, 7L));
      assertThat(store.listPrefix("s"))
          .containsExactly("s/c/0/0", "s/c/0/1", "s/c/1/0", "s/c/1/1", "s/zarr.json");
      if (consolidated) {
        Convenience.consolidateMetadata(store);
      }
    }
    try (RemoteStore<?> store = open.get()) {
      Store readOnly = ReadOnlyStore.of(store);
      ZarrGroup g =
          (ZarrGroup)
              (consolidated
                  ? Convenience.openConsolidated(readOnly, OpenMode.READ)
                  : Convenience.open(readOnly, OpenMode.READ));
      ZarrArray z = g.getArray("s");
      ZarrArray reference = Zarr.array(s, ArrayOptions.builder().store(new MemoryStore()).build());
      reference.set("0:8, 0:8", NdArray.scalar(U2, 7L));
      NdArray got = z.get();
      assertThat(got).isEqualTo(reference.get());
      assertThat(got.get(0, 0)).isEqualTo(7L);
      assertThat(z.get("8:64, 8:64")).isEqualTo(reference.get("8:64, 8:64"));
      long before = store.attempts();
      assertThat(z.get("40:48, 8:16")).isEqualTo(reference.get("40:48, 8:16"));
      assertThat(store.attempts() - before).as("shard size, index, chunk").isEqualTo(3);
    }
  }
}
