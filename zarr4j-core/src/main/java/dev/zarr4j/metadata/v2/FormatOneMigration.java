package dev.zarr4j.metadata.v2;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.Store;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Zarr format 1 to format 2 (zarr-python's {@code migrate_1to2}): the array at a store's root keeps
 * its chunks, and its {@code meta} and {@code attrs} documents become {@code .zarray} and {@code
 * .zattrs}.
 */
public final class FormatOneMigration {
  private FormatOneMigration() {}

  /**
   * Migrates the format 1 array at the root of {@code store}.
   *
   * @throws NodeNotFoundException if there is no {@code meta} key
   * @throws MetadataException if it is not format 1 or cannot be decoded (nothing is written)
   */
  public static void migrate(Store store) {
    migrateArray(store);
  }

  /**
   * Rewrites the metadata of a Zarr format 1 array at the root of {@code store} as format 2
   * (zarr-python's {@code migrate_1to2}): {@code meta} becomes {@code .zarray} (with no filters,
   * the compression and its options as a compressor configuration) and {@code attrs} becomes {@code
   * .zattrs}. Chunks are laid out alike in both formats and are not touched. The old metadata is
   * checked completely before anything is written.
   *
   * @throws NodeNotFoundException if there is no {@code meta} key
   * @throws MetadataException if it is not format 1 or cannot be decoded
   */
  private static void migrateArray(Store store) {
    Optional<ByteBuffer> raw = store.get("meta");
    if (raw.isEmpty()) {
      throw new NodeNotFoundException("", "no Zarr format 1 metadata ('meta') in " + store);
    }
    ByteBuffer b = raw.get();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    Map<String, Object> meta = PythonJson.parseObject(bytes, "meta");
    Object format = meta.get("zarr_format");
    if (!(format instanceof Number n) || n.doubleValue() != 1) {
      throw new MetadataException("unsupported zarr format in 'meta': " + format + ", expected 1");
    }
    ArrayMetadataV2 v2;
    try {
      long[] shape = longs(require(meta, "shape"));
      long[] chunkLongs = longs(require(meta, "chunks"));
      int[] chunks = new int[chunkLongs.length];
      for (int i = 0; i < chunks.length; i++) {
        chunks[i] = Math.toIntExact(chunkLongs[i]);
      }
      DataType dtype = DataType.fromJson(require(meta, "dtype"));
      BytesToBytesCodec compressor =
          compressorV1(meta.get("compression"), meta.get("compression_opts"));
      Object fill = FillValueJson.decode(meta.get("fill_value"), dtype);
      MemoryOrder order = MemoryOrder.parse((String) require(meta, "order"));
      v2 =
          new ArrayMetadataV2(
              shape, chunks, dtype, compressor, fill, order, List.of(), null, ".", false);
    } catch (MetadataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MetadataException(
          "error decoding Zarr format 1 metadata 'meta': " + e.getMessage(), e);
    }
    store.set(ArrayMetadataV2.KEY, v2.toBytes());
    Optional<ByteBuffer> attrs = store.get("attrs");
    if (attrs.isPresent()) {
      store.set(V2Format.ATTRS_KEY, attrs.get());
      store.delete("attrs");
    }
    store.delete("meta");
  }

  private static Object require(Map<String, Object> meta, String field) {
    if (!meta.containsKey(field)) {
      throw new MetadataException("Zarr format 1 metadata 'meta' has no '" + field + "'");
    }
    return meta.get(field);
  }

  private static long[] longs(Object json) {
    if (!(json instanceof List<?> list)) {
      throw new MetadataException("expected a list of integers, found " + json);
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Number n) || n.doubleValue() != n.longValue()) {
        throw new MetadataException("expected a list of integers, found " + json);
      }
      out[i] = n.longValue();
    }
    return out;
  }

  /** The compressor of a format 1 {@code compression} and {@code compression_opts}. */
  private static BytesToBytesCodec compressorV1(Object compression, Object opts) {
    if (compression == null || "none".equals(compression)) {
      return null;
    }
    if (!(compression instanceof String id)) {
      throw new MetadataException("compression must be a codec id, found " + compression);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("id", id);
    if (opts instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        config.put((String) e.getKey(), e.getValue());
      }
    } else if (opts != null) {
      config.put(firstParameter(id), opts);
    }
    Codec codec = CodecRegistry.fromConfig(config);
    if (!(codec instanceof BytesToBytesCodec c)) {
      throw new MetadataException("compression '" + id + "' is not a compressor");
    }
    return c;
  }

  /**
   * The first constructor parameter of numcodecs' compressor classes, which a bare option fills.
   */
  private static String firstParameter(String id) {
    switch (id) {
      case "blosc":
        return "cname";
      case "lzma":
        return "format";
      case "lz4":
        return "acceleration";
      default:
        return "level";
    }
  }
}
