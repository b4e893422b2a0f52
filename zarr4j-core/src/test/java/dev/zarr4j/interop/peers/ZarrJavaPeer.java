package dev.zarr4j.interop.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr.zarrjava.core.chunkkeyencoding.Separator;
import dev.zarr.zarrjava.store.FilesystemStore;
import dev.zarr.zarrjava.store.StoreHandle;
import dev.zarr.zarrjava.v3.Array;
import dev.zarr.zarrjava.v3.ArrayMetadata;
import dev.zarr.zarrjava.v3.DataType;
import dev.zarr.zarrjava.v3.Node;
import dev.zarr.zarrjava.v3.codec.Codec;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * zarr-java ({@code dev.zarr:zarr-java:0.0.9}, the zarr-developers Java implementation) as a Zarr
 * v3 peer, in-process. Writing builds the metadata with zarr-java's {@code ArrayMetadataBuilder},
 * with the codec chain parsed by zarr-java's own Jackson bindings from the spec's {@code zarr.json}
 * entries, then {@code Array.create} and one {@code Array.write} of the whole array ({@link
 * #writeByRegions} writes piecewise instead); reading is {@code Array.open} and {@code Array.read}.
 *
 * <p>What zarr-java 0.0.9 does, found by running it here ({@link #SUPPORT} is the same as data;
 * {@code PeerInteropIT} checks both the support and every limit):
 *
 * <ul>
 *   <li>Data types: bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32,
 *       float64, values and fill values exact (NaN, infinities, -0.0, int64/uint64 extremes). No
 *       float16, complex64/128, string or raw bits: they are not in its {@code DataType} enum.
 *   <li>Codecs, written and read: bytes (little, big; no configuration only for one-byte types),
 *       transpose (explicit permutations only, not the old {@code "C"}/{@code "F"}), gzip, zstd,
 *       blosc (lz4, lz4hc, blosclz, zstd, zlib, not snappy, which its blosc-java lacks; the three
 *       shuffles; the frames record the typesize given), crc32c (checked on read), sharding_indexed
 *       (index at the end or the start, any index codecs, nested sharding, codecs after it).
 *   <li>Its zstd decoder reads the whole backing array of its input buffer instead of the buffer's
 *       window, so it fails ("Destination buffer is too small", "Src size is incorrect") whenever
 *       its input is a view: zstd inside sharding_indexed (any shard, read whole) and zstd followed
 *       by crc32c. zstd as the last codec, or followed by gzip, works.
 *   <li>A transpose that moves axes before sharding_indexed fails to write
 *       (ArrayIndexOutOfBoundsException), and such an array written by another implementation is
 *       refused on open: it checks the inner chunk shape against the shard before the transpose,
 *       where the specification has the sharding codec see the transposed shard.
 *   <li>Fill values: it writes {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} but parses
 *       only {@code "NaN"}, {@code "+Infinity"}, {@code "-Infinity"}: no array with a positive
 *       infinite fill value opens, its own included. uint64 fill values above 2^63-1 are given to
 *       it as a {@code BigInteger} so its JSON stays unsigned.
 *   <li>Sharding writes whole shards, an inner chunk equal to the fill value recorded as absent
 *       (offset and length 2^64-1); a write covering part of a shard reads, merges and re-encodes
 *       the whole shard (so partial writes with zstd inside the shard fail, see above). It writes
 *       every chunk, also those equal to the fill value.
 * </ul>
 */
public final class ZarrJavaPeer implements ZarrPeer {

  private static final Set<String> DATA_TYPES =
      Set.of(
          "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64");
  private static final Set<String> CODECS =
      Set.of("bytes", "transpose", "gzip", "zstd", "blosc", "crc32c", "sharding_indexed");

  /** What zarr-java 0.0.9 writes and reads (see the class comment). */
  public static final PeerSupport SUPPORT =
      new PeerSupport(
          "zarr-java",
          DATA_TYPES,
          DATA_TYPES,
          CODECS,
          CODECS,
          List.of(
              new PeerSupport.Limit(
                  "blosc with cname snappy (not in blosc-java)",
                  true,
                  true,
                  s ->
                      PeerSupport.anyCodec(
                          s,
                          "blosc",
                          c -> c.path("configuration").path("cname").asText().equals("snappy"))),
              new PeerSupport.Limit(
                  "an array-to-array codec (a transpose that moves axes) before sharding_indexed",
                  true,
                  false,
                  ZarrJavaPeer::arrayToArrayBeforeSharding),
              new PeerSupport.Limit(
                  "a transpose before sharding_indexed whose inner chunk shape divides the"
                      + " transposed shard but not the shard before it (checked against the wrong"
                      + " one)",
                  false,
                  true,
                  s ->
                      arrayToArrayBeforeSharding(s)
                          && !divides(
                              s.codecs().stream()
                                  .filter(c -> c.path("name").asText().equals("sharding_indexed"))
                                  .findFirst()
                                  .orElseThrow()
                                  .path("configuration")
                                  .path("chunk_shape"),
                              s.chunkShape())),
              new PeerSupport.Limit(
                  "zstd whose input is a view: inside sharding_indexed or followed by crc32c (its"
                      + " decoder reads the buffer's whole backing array)",
                  false,
                  true,
                  ZarrJavaPeer::zstdOnAView),
              new PeerSupport.Limit(
                  "a +Infinity fill value (written \"Infinity\", parsed only as \"+Infinity\")",
                  false,
                  true,
                  ZarrJavaPeer::positiveInfinityFill)));

  /** Whether every length of {@code inner} divides the same dimension of {@code shard}. */
  private static boolean divides(com.fasterxml.jackson.databind.JsonNode inner, int[] shard) {
    for (int i = 0; i < shard.length; i++) {
      if (shard[i] % inner.get(i).asInt() != 0) {
        return false;
      }
    }
    return true;
  }

  private static final ObjectMapper MAPPER = Node.makeObjectMapper();

  @Override
  public String name() {
    return "zarr-java";
  }

  @Override
  public PeerSupport support() {
    return SUPPORT;
  }

  @Override
  public List<PeerResult<Void>> writeAll(Path store, List<PeerArraySpec> specs) {
    List<PeerResult<Void>> out = new ArrayList<>();
    for (PeerArraySpec spec : specs) {
      try {
        writeWhole(store, spec);
        out.add(PeerResult.ok(spec.path(), null));
      } catch (Exception | AssertionError e) {
        out.add(PeerResult.failed(spec.path(), message(e)));
      }
    }
    return out;
  }

  @Override
  public List<PeerResult<PeerArray>> readAll(Path store, List<String> paths) {
    List<PeerResult<PeerArray>> out = new ArrayList<>();
    for (String path : paths) {
      try {
        out.add(PeerResult.ok(path, readArray(store, path)));
      } catch (Exception | AssertionError e) {
        out.add(PeerResult.failed(path, message(e)));
      }
    }
    return out;
  }

  /**
   * Creates the array, then writes the values region by region (blocks of {@code regionShape}, in C
   * order, one {@code Array.write} each) instead of in one call. With regions smaller than the
   * chunk (shard) shape every write is partial: zarr-java reads, merges and re-encodes the chunk.
   */
  public void writeByRegions(Path store, PeerArraySpec spec, int[] regionShape) {
    try {
      Array array = create(store, spec);
      writeRegions(array, data(spec), spec.shape(), regionShape);
    } catch (Exception e) {
      throw new PeerException(spec.path() + ": " + message(e), e);
    }
  }

  private void writeWhole(Path store, PeerArraySpec spec) throws Exception {
    Array array = create(store, spec);
    array.write(data(spec));
  }

  private static ucar.ma2.Array data(PeerArraySpec spec) {
    return ucar.ma2.Array.factory(
        dataType(spec.dataType()).getMA2DataType(), shape(spec.shape()), spec.values());
  }

  private static Array create(Path store, PeerArraySpec spec) throws Exception {
    Files.createDirectories(store);
    DataType dataType = dataType(spec.dataType());
    Codec[] codecs = MAPPER.convertValue(spec.codecs(), Codec[].class);
    ArrayMetadata metadata =
        Array.metadataBuilder()
            .withShape(spec.shape())
            .withDataType(dataType)
            .withChunkShape(spec.chunkShape())
            .withDefaultChunkKeyEncoding(
                spec.separator().equals(".") ? Separator.DOT : Separator.SLASH)
            .withFillValue(fillValue(spec.dataType(), spec.fillValue()))
            .withCodecs(codecs)
            .build();
    return Array.create(handle(store, spec.path()), metadata);
  }

  private static void writeRegions(Array array, ucar.ma2.Array data, long[] shape, int[] chunks)
      throws Exception {
    int rank = shape.length;
    if (rank == 0) {
      array.write(data);
      return;
    }
    long[] grid = new long[rank];
    long count = 1;
    for (int d = 0; d < rank; d++) {
      grid[d] = (shape[d] + chunks[d] - 1) / chunks[d];
      count *= grid[d];
    }
    long[] coords = new long[rank];
    for (long n = 0; n < count; n++) {
      long[] offset = new long[rank];
      int[] size = new int[rank];
      int[] origin = new int[rank];
      for (int d = 0; d < rank; d++) {
        offset[d] = coords[d] * chunks[d];
        origin[d] = (int) offset[d];
        size[d] = (int) Math.min(chunks[d], shape[d] - offset[d]);
      }
      array.write(offset, data.sectionNoReduce(origin, size, null).copy());
      for (int d = rank - 1; d >= 0; d--) {
        if (++coords[d] < grid[d]) {
          break;
        }
        coords[d] = 0;
      }
    }
  }

  private PeerArray readArray(Path store, String path) throws Exception {
    Array array = Array.open(handle(store, path));
    ArrayMetadata m = array.metadata();
    String dataType = m.dataType.getValue();
    ucar.ma2.Array data = array.read();
    Object values = data.copyTo1DJavaArray();
    if (values instanceof Object[] && java.lang.reflect.Array.getLength(values) == 0) {
      values = PeerValues.allocate(dataType, 0);
    }
    List<JsonNode> codecs = new ArrayList<>();
    MAPPER.valueToTree(m.codecs).forEach(codecs::add);
    Path json = store.resolve(path).resolve("zarr.json");
    return new PeerArray(
        path,
        m.shape.clone(),
        m.chunkShape().clone(),
        dataType,
        boxedFill(dataType, m.parsedFillValue),
        codecs,
        values,
        Files.exists(json) ? MAPPER.readTree(json.toFile()) : null);
  }

  private static StoreHandle handle(Path store, String path) {
    StoreHandle h = new StoreHandle(new FilesystemStore(store));
    List<String> keys = new ArrayList<>();
    for (String k : path.split("/")) {
      if (!k.isEmpty()) {
        keys.add(k);
      }
    }
    return h.resolve(keys.toArray(new String[0]));
  }

  private static DataType dataType(String name) {
    for (DataType t : DataType.values()) {
      if (t.getValue().equals(name)) {
        return t;
      }
    }
    throw new PeerException("zarr-java 0.0.9 has no data type " + name);
  }

  /** The fill value as zarr-java's builder takes it (unsigned types as their unsigned value). */
  private static Object fillValue(String dataType, Object fill) {
    if (fill == null) {
      return null;
    }
    return switch (dataType) {
      case "uint8" -> Byte.toUnsignedInt((Byte) fill);
      case "uint16" -> Short.toUnsignedInt((Short) fill);
      case "uint32" -> Integer.toUnsignedLong((Integer) fill);
      case "uint64" -> new BigInteger(Long.toUnsignedString((Long) fill));
      default -> fill;
    };
  }

  /** zarr-java's parsed fill value in {@link PeerValues}' boxing. */
  private static Object boxedFill(String dataType, Object parsed) {
    if (parsed == null) {
      return null;
    }
    return switch (dataType) {
      case "bool" -> (Boolean) parsed;
      case "int8", "uint8" -> ((Number) parsed).byteValue();
      case "int16", "uint16" -> ((Number) parsed).shortValue();
      case "int32", "uint32" -> ((Number) parsed).intValue();
      case "int64", "uint64" -> ((Number) parsed).longValue();
      case "float32" -> ((Number) parsed).floatValue();
      case "float64" -> ((Number) parsed).doubleValue();
      default -> parsed;
    };
  }

  private static int[] shape(long[] shape) {
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = Math.toIntExact(shape[i]);
    }
    return out;
  }

  private static boolean positiveInfinityFill(PeerArraySpec spec) {
    Object f = spec.fillValue();
    return (f instanceof Float x && x == Float.POSITIVE_INFINITY)
        || (f instanceof Double y && y == Double.POSITIVE_INFINITY);
  }

  private static boolean arrayToArrayBeforeSharding(PeerArraySpec spec) {
    List<JsonNode> codecs = spec.codecs();
    for (int i = 0; i < codecs.size(); i++) {
      if (codecs.get(i).path("name").asText().equals("sharding_indexed")) {
        return codecs.subList(0, i).stream().anyMatch(c -> !PeerSupport.isIdentityTranspose(c));
      }
    }
    return false;
  }

  private static boolean zstdOnAView(PeerArraySpec spec) {
    return zstdOnAView(spec.codecs(), false);
  }

  private static boolean zstdOnAView(List<JsonNode> codecs, boolean inShard) {
    boolean zstd = false;
    for (JsonNode c : codecs) {
      String name = c.path("name").asText();
      if (name.equals("zstd")) {
        if (inShard) {
          return true;
        }
        zstd = true;
      } else if (name.equals("crc32c") && zstd) {
        return true;
      } else if (name.equals("sharding_indexed")) {
        List<JsonNode> inner = new ArrayList<>();
        c.path("configuration").path("codecs").forEach(inner::add);
        if (zstdOnAView(inner, true)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String message(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (sb.length() > 0) {
        sb.append(" <- ");
      }
      String m = String.valueOf(c.getMessage());
      int nl = m.indexOf('\n');
      sb.append(c.getClass().getSimpleName()).append(": ").append(nl < 0 ? m : m.substring(0, nl));
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }
}
