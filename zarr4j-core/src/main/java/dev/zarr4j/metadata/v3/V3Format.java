package dev.zarr4j.metadata.v3;

import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.codec.layout.TransposeCodec;
import dev.zarr4j.codec.sharding.ShardingCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.metadata.ArrayDefinition;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.DefaultChunkKeyEncoding;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.metadata.RegularChunkGrid;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zarr v3 (the final core specification): every node, array or group, is described by one {@code
 * zarr.json} holding its metadata and its user attributes; a path without one is nothing (there are
 * no implicit groups). Arrays are read with every data type, codec and chunk key encoding listed in
 * {@link ArrayMetadataV3} and written in the registered spellings; consolidated metadata lives
 * inline in the root {@code zarr.json}, as zarr-python 3 writes it.
 *
 * <p>Every change of a document (metadata or attributes) reads it and replaces only its part, under
 * a lock per store object and document, so a resize and an attribute change made at the same time
 * through one store keep each other's change. Writers through other store objects or in other
 * processes are not excluded.
 */
public final class V3Format implements NodeFormat {
  /** The format (it holds no state). */
  public static final V3Format INSTANCE = new V3Format();

  /** The format's name. */
  public static final String NAME = "zarr-v3";

  /** Public for {@link java.util.ServiceLoader}; use {@link #INSTANCE}. */
  public V3Format() {}

  @Override
  public String name() {
    return NAME;
  }

  /** {@inheritDoc} First: one {@code zarr.json} tells an array from a group. */
  @Override
  public int probeRank() {
    return -1;
  }

  /**
   * {@inheritDoc}
   *
   * @throws MetadataException naming the document if it is not a v3 node document
   */
  @Override
  public NodeKind kindAt(ReadableStore store, String path) {
    Map<String, Object> doc = V3Documents.read(store, path);
    if (doc == null) {
      return NodeKind.NONE;
    }
    return "array".equals(V3Documents.nodeType(doc)) ? NodeKind.ARRAY : NodeKind.GROUP;
  }

  @Override
  public ArrayMetadataV3 readArray(ReadableStore store, String path) {
    String key = V3Documents.key(path);
    Map<String, Object> doc = V3Documents.read(store, path);
    if (doc == null) {
      throw new NodeNotFoundException(
          path, "no array found at path '" + display(path) + "' (no " + key + ")");
    }
    if (!"array".equals(V3Documents.nodeType(doc))) {
      throw new NodeNotFoundException(
          path, "no array found at path '" + display(path) + "' (" + key + " describes a group)");
    }
    return ArrayMetadataV3.parse(doc, key);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The codecs are, in order: a transpose reversing the axes for order F, the filters, {@code
   * bytes} (little endian) or the object codec ({@code vlen-utf8} for text, {@code vlen-bytes} for
   * byte strings; no other object codec exists in Zarr v3), and the compressor. Chunk keys use the
   * {@code default} encoding with the given separator ({@code "/"} unless another is chosen). A
   * missing fill value becomes the type's zero, as Zarr v3 requires one. With shards, the chunk
   * grid is the shard grid and the one codec is {@code sharding_indexed}, holding the codecs above
   * for each inner chunk and the usual index ({@code bytes} little endian and {@code crc32c}, at
   * the end), as zarr-python 3 writes it. Chunk lengths listed per dimension give the {@code
   * rectilinear} chunk grid; with shards, that grid lists the shards (each a multiple of the
   * regular inner chunks), as zarr-python 3 writes nested {@code shards}.
   */
  @Override
  public ArrayMetadataV3 newArray(ArrayDefinition d, ReadableStore store) {
    int[] gridChunks = d.chunks();
    List<Codec> codecs = d.codecs();
    if (codecs == null) {
      codecs = new ArrayList<>();
      if (d.order() == MemoryOrder.F && d.shape().length > 1) {
        codecs.add(TransposeCodec.reversed(d.shape().length));
      }
      codecs.addAll(d.filters());
      if (d.dtype().kind() == DataType.Kind.OBJECT) {
        if (d.objectCodec() == null) {
          variableLength(null); // refuses
        }
        codecs.add(d.objectCodec());
      } else {
        codecs.add(BytesCodec.LITTLE);
      }
      if (d.compressor() != null) {
        codecs.add(d.compressor());
      }
      if (d.shards() != null) {
        if (d.rectilinearGrid() != null) {
          d.rectilinearGrid().checkHoldsWhole(d.chunks());
        }
        gridChunks = shardShape(d.shards(), d.chunks());
        codecs = List.of(ShardingCodec.of(d.chunks(), codecs));
      }
    }
    CodecChain chain;
    try {
      chain = CodecChain.of(codecs);
    } catch (CodecException e) {
      throw new InvalidArrayException("invalid codec chain: " + e.getMessage(), e);
    }
    DataType dtype = d.dtype();
    String variableLength = null;
    if (dtype.kind() == DataType.Kind.OBJECT) {
      dev.zarr4j.codec.InnerChunks inner = chain.innerChunks();
      variableLength = variableLength((inner != null ? inner.codecs() : chain).arrayToBytes().id());
    } else if (dtype.byteOrder() != null) {
      dtype = dtype.withByteOrder(ByteOrder.LITTLE_ENDIAN);
    }
    Object fill = fillValue(d.fillValue(), dtype, variableLength);
    try {
      chain = chain.forChunks(new ChunkSpec(gridChunks, dtype, fill));
    } catch (CodecException e) {
      throw new InvalidArrayException("the codecs cannot encode this array: " + e.getMessage(), e);
    }
    ArrayMetadataV3 m =
        new ArrayMetadataV3(
            d.shape(),
            dtype,
            variableLength,
            d.rectilinearGrid() != null ? d.rectilinearGrid() : RegularChunkGrid.of(gridChunks),
            "default",
            DefaultChunkKeyEncoding.of(
                d.dimensionSeparator() == null ? "/" : d.dimensionSeparator()),
            fill,
            chain,
            d.dimensionNames());
    try {
      V3Documents.toBytes(m.toJson(Map.of())); // what JSON cannot hold fails before any write
    } catch (IllegalArgumentException e) {
      throw new InvalidArrayException("cannot write the array's metadata: " + e.getMessage(), e);
    }
    return m;
  }

  /**
   * The variable-length data type an object array with this array-to-bytes codec has.
   *
   * @throws InvalidArrayException unless it is vlen-utf8 (text) or vlen-bytes (bytes)
   */
  private static String variableLength(String codecId) {
    if ("vlen-utf8".equals(codecId)) {
      return V3DataTypes.STRING;
    }
    if ("vlen-bytes".equals(codecId)) {
      return V3DataTypes.BYTES;
    }
    throw new InvalidArrayException(
        "Zarr v3 holds object arrays of text (vlen-utf8) or bytes (vlen-bytes) only, not "
            + (codecId == null
                ? "object arrays without a codec"
                : "object codec '" + codecId + "'"));
  }

  /**
   * The fill value of the type, its zero when none is given (Zarr v3 requires one). For text and
   * bytes a numeric zero (zarr-python 2's default {@code fill_value=0}) is the empty value too.
   */
  private static Object fillValue(Object given, DataType dtype, String variableLength) {
    if (dtype.kind() == DataType.Kind.OBJECT) {
      boolean zero = given == null || (given instanceof Number n && n.doubleValue() == 0);
      return !zero ? given : V3DataTypes.STRING.equals(variableLength) ? "" : new byte[0];
    }
    return given == null ? NdArray.zeros(dtype).get() : NdArray.scalar(dtype, given).get();
  }

  /** Checks that every shard length is a positive multiple of the chunk length. */
  private static int[] shardShape(int[] shards, int[] chunks) {
    if (shards.length != chunks.length) {
      throw new InvalidArrayException(
          "shards "
              + java.util.Arrays.toString(shards)
              + " must have one entry per dimension of chunks "
              + java.util.Arrays.toString(chunks));
    }
    for (int i = 0; i < shards.length; i++) {
      if (shards[i] < 1 || shards[i] % chunks[i] != 0) {
        throw new InvalidArrayException(
            "shards "
                + java.util.Arrays.toString(shards)
                + " must be whole multiples of chunks "
                + java.util.Arrays.toString(chunks)
                + " (dimension "
                + i
                + ")");
      }
    }
    return shards.clone();
  }

  /** {@inheritDoc} The attributes of an existing document at the path are kept. */
  @Override
  public void writeArray(Store store, String path, ArrayMetadata metadata) {
    if (!(metadata instanceof ArrayMetadataV3 v3)) {
      throw new IllegalArgumentException(
          NAME + " writes its own metadata, not " + metadata.format().name() + "'s");
    }
    String key = V3Documents.key(path);
    V3Documents.update(
        store,
        path,
        doc -> {
          try {
            return v3.toJson(V3Documents.attributes(doc, key));
          } catch (IllegalArgumentException e) {
            throw new InvalidArrayException(
                "cannot write the array's metadata: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public void readGroup(ReadableStore store, String path) {
    String key = V3Documents.key(path);
    Map<String, Object> doc = V3Documents.read(store, path);
    if (doc == null) {
      throw new NodeNotFoundException(
          path, "no group found at path '" + display(path) + "' (no " + key + ")");
    }
    if (!"group".equals(V3Documents.nodeType(doc))) {
      throw new NodeNotFoundException(
          path, "no group found at path '" + display(path) + "' (" + key + " describes an array)");
    }
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      switch (e.getKey()) {
        case "zarr_format", "node_type", "attributes" -> {}
        case ConsolidatedMetadataV3.FIELD -> {
          if (e.getValue() != null && !(e.getValue() instanceof Map)) {
            throw new MetadataException(
                "'" + key + "': consolidated_metadata must be an object or null");
          }
        }
        default -> V3Documents.checkExtension(e.getKey(), e.getValue(), key);
      }
    }
    V3Documents.attributes(doc, key);
  }

  /** {@inheritDoc} The attributes of an existing document at the path are kept. */
  @Override
  public void writeGroup(Store store, String path) {
    String key = V3Documents.key(path);
    V3Documents.update(
        store,
        path,
        doc -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("zarr_format", 3);
          m.put("node_type", "group");
          m.put("attributes", V3Documents.attributes(doc, key));
          return m;
        });
  }

  @Override
  public Map<String, Object> readAttributes(ReadableStore store, String path) {
    return V3Documents.attributes(V3Documents.read(store, path), V3Documents.key(path));
  }

  /**
   * {@inheritDoc}
   *
   * @throws NodeNotFoundException if there is no node at the path (attributes live in its document)
   */
  @Override
  public void writeAttributes(Store store, String path, Map<String, Object> attributes) {
    V3Documents.update(
        store,
        path,
        doc -> {
          if (doc == null) {
            throw new NodeNotFoundException(
                path,
                "no node at path '"
                    + display(path)
                    + "' to hold attributes (no "
                    + V3Documents.key(path)
                    + ")");
          }
          Map<String, Object> m = new LinkedHashMap<>(doc);
          m.put("attributes", attributes);
          return m;
        });
  }

  @Override
  public boolean isDocumentName(String name) {
    return name.equals(V3Documents.FILE);
  }

  @Override
  public List<String> documentKeys(String path) {
    return List.of(V3Documents.key(path));
  }

  /** {@inheritDoc} The root's {@code zarr.json}, the document of the hierarchy's root. */
  @Override
  public String hierarchyLockKey() {
    return V3Documents.FILE;
  }

  /** {@inheritDoc} The array's {@code zarr.json}. */
  @Override
  public String arrayLockKey(String path) {
    return StoreKeys.join(path, V3Documents.FILE);
  }

  /** {@inheritDoc} The node's {@code zarr.json}, which holds its attributes. */
  @Override
  public String attributesLockKey(String path) {
    return StoreKeys.join(path, V3Documents.FILE);
  }

  /**
   * {@inheritDoc} As zarr-python 3: inline in the root group's {@code zarr.json} ({@code
   * metadataKey} is not used), every node below the root under its path.
   *
   * @throws NodeNotFoundException if the root is not a group
   */
  @Override
  public void consolidate(Store store, String metadataKey) {
    ConsolidatedMetadataV3.write(store);
  }

  /** {@inheritDoc} From the root's {@code zarr.json}; {@code metadataKey} is not used. */
  @Override
  public dev.zarr4j.store.ConsolidatedMetadataStore openConsolidated(
      Store store, String metadataKey) {
    return ConsolidatedMetadataV3.open(store);
  }

  private static String display(String path) {
    return path.isEmpty() ? "/" : path;
  }

  /** Every instance is the same format (it holds no state). */
  @Override
  public boolean equals(Object o) {
    return o instanceof V3Format;
  }

  @Override
  public int hashCode() {
    return NAME.hashCode();
  }

  @Override
  public String toString() {
    return NAME;
  }
}
