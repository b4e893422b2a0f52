package dev.zarr4j.interop.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded matrix of Zarr v3 arrays for interop tests: every data type of {@link
 * PeerValues#DATA_TYPES} with every codec chain of {@link #chains}, in one to three dimensions with
 * partial edge chunks (and edge shards), plus one zero-dimensional array per data type. Values are
 * random (extremes, NaN, infinities, negative zero, non-ASCII text included) with the first third
 * of them set to the fill value, so that some chunks and inner chunks equal the fill value; fill
 * values are special values a third of the time.
 *
 * <p>The matrix holds combinations no peer supports on purpose: a test filters with {@link
 * PeerSupport#canWrite} and {@link PeerSupport#canRead} and can check that the rest really fails.
 */
public final class PeerCases {
  private PeerCases() {}

  /**
   * A named codec chain.
   *
   * @param name short name, part of the array path
   * @param codecs the chain as Zarr v3 JSON entries
   */
  public record Chain(String name, List<JsonNode> codecs) {}

  /** Shapes, chunk (shard) shapes and inner chunk shapes per rank. */
  private static final long[][] SHAPES = {{}, {37}, {13, 9}, {6, 5, 7}};

  private static final int[][] CHUNKS = {{}, {10}, {5, 4}, {4, 3, 4}};
  private static final int[][] SHARDS = {{}, {12}, {6, 4}, {4, 4, 4}};
  private static final int[][] INNER = {{}, {4}, {3, 2}, {2, 2, 2}};
  private static final int[][] INNER_INNER = {{}, {2}, {3, 1}, {1, 2, 1}};
  private static final int[][] TRANSPOSE = {{}, {0}, {1, 0}, {2, 0, 1}};

  /**
   * The whole matrix: for each data type, each of its chains once (at a rank that rotates with the
   * chain and the data type), then a zero-dimensional array. Paths are {@code
   * <dataType>/<chain>-<rank>d}.
   */
  public static List<PeerArraySpec> matrix(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PeerArraySpec> out = new ArrayList<>();
    List<String> types = PeerValues.DATA_TYPES;
    for (int t = 0; t < types.size(); t++) {
      String dataType = types.get(t);
      List<String> names = chainNames(dataType);
      for (int k = 0; k < names.size(); k++) {
        int rank = 1 + (k + t) % 3;
        Chain chain = chain(dataType, names.get(k), rank, random);
        out.add(
            spec(dataType + "/" + chain.name() + "-" + rank + "d", chain, dataType, rank, random));
      }
      String zeroDim = dataType.equals("string") ? "vlen-utf8" : "bytes-little";
      out.add(
          spec(
              dataType + "/" + zeroDim + "-0d",
              chain(dataType, zeroDim, 0, random),
              dataType,
              0,
              random));
    }
    return out;
  }

  /** The chain names used for a data type ({@link #chain} builds them). */
  public static List<String> chainNames(String dataType) {
    if (dataType.equals("string")) {
      return List.of("vlen-utf8", "vlen-utf8-gzip", "vlen-utf8-zstd", "sharding-vlen-utf8");
    }
    return List.of(
        "bytes-little",
        "bytes-big",
        "transpose",
        "gzip",
        "zstd",
        "zstd-nochecksum",
        "blosc-lz4-shuffle",
        "blosc-zstd-bitshuffle",
        "blosc-other",
        "blosc-snappy",
        "crc32c",
        "gzip-crc32c",
        "zstd-crc32c",
        "sharding",
        "sharding-inner-chain",
        "sharding-zstd",
        "sharding-index-start",
        "sharding-blosc-plain-index",
        "sharding-then-gzip",
        "transpose-sharding",
        "nested-sharding");
  }

  /** {@code shape} with axis {@code i} taken from axis {@code order[i]}, as transpose does. */
  static int[] permuted(int[] shape, int[] order) {
    int[] out = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = shape[order[i]];
    }
    return out;
  }

  /** One named chain for a data type at a rank (levels and blosc compressors drawn at random). */
  public static Chain chain(String dataType, String name, int rank, SplittableRandom random) {
    int typesize = Math.max(1, PeerValues.itemSize(dataType));
    JsonNode le = PeerCodecs.bytes("little");
    JsonNode be = PeerCodecs.bytes("big");
    int[] inner = INNER[rank];
    List<JsonNode> codecs =
        switch (name) {
          case "bytes-little" -> List.of(le);
          case "bytes-big" -> List.of(be);
          case "transpose" -> List.of(PeerCodecs.transpose(TRANSPOSE[rank]), le);
          case "gzip" -> List.of(le, PeerCodecs.gzip(random.nextInt(10)));
          case "zstd" -> List.of(be, PeerCodecs.zstd(1 + random.nextInt(9), true));
          case "zstd-nochecksum" -> List.of(le, PeerCodecs.zstd(random.nextInt(-3, 6), false));
          case "blosc-lz4-shuffle" ->
              List.of(le, PeerCodecs.blosc("lz4", "shuffle", random.nextInt(10), typesize, 0));
          case "blosc-zstd-bitshuffle" ->
              List.of(
                  be, PeerCodecs.blosc("zstd", "bitshuffle", 1 + random.nextInt(9), typesize, 0));
          case "blosc-other" -> {
            String[] cnames = {"blosclz", "lz4hc", "zlib"};
            yield List.of(
                le,
                PeerCodecs.blosc(
                    cnames[random.nextInt(cnames.length)], "noshuffle", 5, typesize, 0));
          }
          case "blosc-snappy" -> List.of(le, PeerCodecs.blosc("snappy", "shuffle", 5, typesize, 0));
          case "crc32c" -> List.of(le, PeerCodecs.crc32c());
          case "gzip-crc32c" -> List.of(le, PeerCodecs.gzip(6), PeerCodecs.crc32c());
          case "zstd-crc32c" -> List.of(le, PeerCodecs.zstd(3, true), PeerCodecs.crc32c());
          case "sharding" -> List.of(PeerCodecs.sharding(inner, List.of(le), "end"));
          case "sharding-inner-chain" ->
              List.of(
                  PeerCodecs.sharding(
                      inner,
                      List.of(
                          PeerCodecs.transpose(TRANSPOSE[rank]),
                          be,
                          PeerCodecs.gzip(1),
                          PeerCodecs.crc32c()),
                      "end"));
          case "sharding-zstd" ->
              List.of(PeerCodecs.sharding(inner, List.of(le, PeerCodecs.zstd(3, false)), "end"));
          case "sharding-index-start" -> List.of(PeerCodecs.sharding(inner, List.of(le), "start"));
          case "sharding-blosc-plain-index" ->
              List.of(
                  PeerCodecs.sharding(
                      inner,
                      List.of(le, PeerCodecs.blosc("lz4", "shuffle", 5, typesize, 0)),
                      List.of(le),
                      "end"));
          case "sharding-then-gzip" ->
              List.of(PeerCodecs.sharding(inner, List.of(le), "end"), PeerCodecs.gzip(5));
          case "transpose-sharding" ->
              // the sharding codec sees the transposed shard, so its inner shape is transposed too
              List.of(
                  PeerCodecs.transpose(TRANSPOSE[rank]),
                  PeerCodecs.sharding(permuted(inner, TRANSPOSE[rank]), List.of(le), "end"));
          case "nested-sharding" ->
              List.of(
                  PeerCodecs.sharding(
                      inner,
                      List.of(PeerCodecs.sharding(INNER_INNER[rank], List.of(le), "end")),
                      "end"));
          case "vlen-utf8" -> List.of(PeerCodecs.vlenUtf8());
          case "vlen-utf8-gzip" -> List.of(PeerCodecs.vlenUtf8(), PeerCodecs.gzip(5));
          case "vlen-utf8-zstd" -> List.of(PeerCodecs.vlenUtf8(), PeerCodecs.zstd(3, true));
          case "sharding-vlen-utf8" ->
              List.of(PeerCodecs.sharding(inner, List.of(PeerCodecs.vlenUtf8()), "end"));
          default -> throw new IllegalArgumentException("no chain " + name);
        };
    return new Chain(name, codecs);
  }

  private static PeerArraySpec spec(
      String path, Chain chain, String dataType, int rank, SplittableRandom random) {
    boolean sharded = chain.name().contains("sharding");
    long[] shape = SHAPES[rank];
    int[] chunks = sharded ? SHARDS[rank] : CHUNKS[rank];
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    Object fill = fillValue(dataType, random);
    Object values = PeerValues.random(dataType, n, random);
    for (int i = 0; i < n / 3; i++) {
      PeerValues.set(dataType, values, i, fill);
    }
    return PeerArraySpec.of(path, shape, chunks, dataType, chain.codecs(), fill, values);
  }

  /** A special value a third of the time, else a small one (JSON-safe for every peer). */
  private static Object fillValue(String dataType, SplittableRandom r) {
    boolean special = r.nextInt(3) == 0;
    return switch (dataType) {
      case "bool" -> r.nextBoolean();
      case "int8", "uint8" -> (byte) (special ? -1 : r.nextInt(0, 100));
      case "int16", "uint16" -> (short) (special ? -1 : r.nextInt(0, 1000));
      case "int32", "uint32" ->
          special ? (r.nextBoolean() ? Integer.MIN_VALUE : -1) : r.nextInt(-1000, 1000);
      case "int64", "uint64" ->
          special ? (r.nextBoolean() ? Long.MIN_VALUE : -1L) : (long) r.nextInt(0, 1000);
      case "float16", "float32" ->
          special
              ? pick(r, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f)
              : 0.5f;
      case "float64" ->
          special
              ? (double) pick(r, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f)
              : r.nextInt(-1000, 1000) / 8.0;
      case "complex64" -> new float[] {special ? Float.NaN : 1.5f, -2f};
      case "complex128" -> new double[] {1.25, special ? Double.NEGATIVE_INFINITY : 0.0};
      case "string" -> special ? "fill é" : "";
      default -> throw new IllegalArgumentException(dataType);
    };
  }

  private static float pick(SplittableRandom r, float... v) {
    return v[r.nextInt(v.length)];
  }
}
