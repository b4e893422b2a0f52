package dev.zarr4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.GroupOptions;
import dev.zarr4j.OpenMode;
import dev.zarr4j.Zarr;
import dev.zarr4j.ZarrArray;
import dev.zarr4j.ZarrGroup;
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
 * The sharded Zarr v3 round trip of a network store ({@link RemoteStore}: S3, Azure Blob, GCS),
 * counting the requests a read of one inner chunk costs.
 */
public final class ShardedRoundTrip {
  private static final DataType U2 = DataType.parse("<u2");

  private ShardedRoundTrip() {}

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
  public static void check(Supplier<? extends RemoteStore<?>> open, boolean consolidated) {
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
