package dev.zarr4j.metadata.v3;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.indexing.DimChunks;
import dev.zarr4j.indexing.ExplicitDimChunks;
import dev.zarr4j.indexing.RegularDimChunks;
import dev.zarr4j.metadata.ChunkGrid;
import dev.zarr4j.metadata.RectilinearChunkGrid;
import dev.zarr4j.metadata.RegularChunkGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code chunk_grid} of a Zarr v3 array, both ways: {@code regular} ({@code chunk_shape}) and
 * the {@code rectilinear} extension ({@code kind: "inline"}, {@code chunk_shapes}: per dimension a
 * bare integer repeated as far as the array reaches, or a list of lengths in which {@code [length,
 * count]} stands for {@code count} chunks of {@code length}).
 *
 * <p>Reading takes every form the extension allows; writing gives the compact one zarrs and
 * zarr-python 3 write: a regular dimension as its integer, listed lengths with every run of two or
 * more equal lengths as {@code [length, count]} and lone lengths as integers.
 */
final class V3ChunkGrids {

  /** The most chunks one dimension of a rectilinear grid may list (runs expanded). */
  static final int MAX_LISTED_CHUNKS = 1 << 24;

  private V3ChunkGrids() {}

  /**
   * Reads a {@code chunk_grid} value.
   *
   * @param shape the array's shape (a rectilinear grid must cover it)
   * @param key the document's key, for messages
   * @throws MetadataException naming the key and field if the grid is unknown or malformed
   */
  static ChunkGrid parse(Object json, long[] shape, String key) {
    Map<String, Object> g = ArrayMetadataV3.nameAndConfiguration(json, "chunk_grid", key);
    String name = (String) g.get("name");
    @SuppressWarnings("unchecked")
    Map<String, Object> conf = (Map<String, Object>) g.get("configuration");
    return switch (name) {
      case "regular" -> regular(conf, shape.length, key);
      case "rectilinear" -> rectilinear(conf, shape, key);
      default ->
          throw new MetadataException(
              "'"
                  + key
                  + "': chunk_grid '"
                  + name
                  + "' is not supported (supported: regular, rectilinear)");
    };
  }

  private static RegularChunkGrid regular(Map<String, Object> conf, int ndim, String key) {
    for (String k : conf.keySet()) {
      if (!k.equals("chunk_shape")) {
        throw new MetadataException(
            "'" + key + "': chunk_grid has an unknown configuration key '" + k + "'");
      }
    }
    Object cs = conf.get("chunk_shape");
    if (!(cs instanceof List<?> l)) {
      throw new MetadataException(
          "'"
              + key
              + "': chunk_grid.configuration.chunk_shape must be a list of integers, got "
              + cs);
    }
    if (l.size() != ndim) {
      throw new MetadataException(
          "'"
              + key
              + "': chunk_shape "
              + l
              + " must have one entry per dimension of the shape ("
              + ndim
              + ")");
    }
    int[] out = new int[ndim];
    for (int i = 0; i < ndim; i++) {
      long v = integer(l.get(i), "chunk_grid.configuration.chunk_shape", key);
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw new MetadataException(
            "'" + key + "': chunk_shape " + l + " must hold lengths 1..2^31-1");
      }
      out[i] = (int) v;
    }
    return RegularChunkGrid.of(out);
  }

  private static RectilinearChunkGrid rectilinear(
      Map<String, Object> conf, long[] shape, String key) {
    String field = "chunk_grid.configuration";
    for (String k : conf.keySet()) {
      if (!k.equals("kind") && !k.equals("chunk_shapes")) {
        throw new MetadataException(
            "'" + key + "': rectilinear chunk_grid has an unknown configuration key '" + k + "'");
      }
    }
    Object kind = conf.get("kind");
    if (!"inline".equals(kind)) {
      throw new MetadataException(
          "'"
              + key
              + "': "
              + field
              + ".kind must be \"inline\" (the one kind the rectilinear extension defines), got "
              + (kind == null ? "none" : kind));
    }
    String csField = field + ".chunk_shapes";
    if (!(conf.get("chunk_shapes") instanceof List<?> perDim)) {
      throw new MetadataException(
          "'"
              + key
              + "': "
              + csField
              + " must be a list with one entry per dimension, got "
              + conf.get("chunk_shapes"));
    }
    if (perDim.size() != shape.length) {
      throw new MetadataException(
          "'"
              + key
              + "': "
              + csField
              + " has "
              + perDim.size()
              + " entries, but the array has "
              + shape.length
              + " dimensions (shape "
              + Arrays.toString(shape)
              + ")");
    }
    List<DimChunks> dims = new ArrayList<>(shape.length);
    for (int d = 0; d < shape.length; d++) {
      String at = csField + "[" + d + "]";
      Object entry = perDim.get(d);
      DimChunks dim;
      if (entry instanceof List<?> items) {
        dim = new ExplicitDimChunks(lengths(items, at, key));
        if (dim.coveredLength() < shape[d]) {
          throw new MetadataException(
              "'"
                  + key
                  + "': "
                  + at
                  + " "
                  + entry
                  + " sums to "
                  + dim.coveredLength()
                  + ", less than the length "
                  + shape[d]
                  + " of dimension "
                  + d);
        }
      } else {
        dim = new RegularDimChunks(length(entry, at, key));
      }
      dims.add(dim);
    }
    return new RectilinearChunkGrid(dims);
  }

  /** The lengths a list of integers and {@code [length, count]} runs stands for. */
  private static int[] lengths(List<?> items, String at, String key) {
    if (items.isEmpty()) {
      throw new MetadataException("'" + key + "': " + at + " must list at least one chunk length");
    }
    int[] out = new int[Math.min(items.size(), 16)];
    int n = 0;
    for (Object item : items) {
      int length;
      long count;
      if (item instanceof List<?> run) {
        if (run.size() != 2) {
          throw new MetadataException(
              "'"
                  + key
                  + "': "
                  + at
                  + " holds "
                  + run
                  + "; a run must be [length, count] (two integers, each at least 1)");
        }
        length = length(run.get(0), at, key);
        count = integer(run.get(1), at, key);
        if (count < 1) {
          throw new MetadataException(
              "'" + key + "': " + at + " holds the run " + run + " whose count is below 1");
        }
      } else {
        length = length(item, at, key);
        count = 1;
      }
      if (count > MAX_LISTED_CHUNKS - n) {
        throw new MetadataException(
            "'"
                + key
                + "': "
                + at
                + " lists more than "
                + MAX_LISTED_CHUNKS
                + " chunks, more than zarr4j holds for one dimension");
      }
      if (n + count > out.length) {
        out =
            Arrays.copyOf(
                out, (int) Math.min(MAX_LISTED_CHUNKS, Math.max(2L * out.length, n + count)));
      }
      Arrays.fill(out, n, n + (int) count, length);
      n += (int) count;
    }
    return Arrays.copyOf(out, n);
  }

  /** A chunk length: an integer 1..2^31-1. */
  private static int length(Object json, String at, String key) {
    long v = integer(json, at, key);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new MetadataException(
          "'"
              + key
              + "': "
              + at
              + " holds the chunk length "
              + v
              + "; chunk lengths must be 1..2^31-1");
    }
    return (int) v;
  }

  private static long integer(Object json, String at, String key) {
    if (!(json instanceof Integer || json instanceof Long)) {
      throw new MetadataException("'" + key + "': " + at + " must hold integers, got " + json);
    }
    return ((Number) json).longValue();
  }

  /**
   * The {@code chunk_grid} value of a grid.
   *
   * @throws InvalidArrayException if the grid has no Zarr v3 spelling (N5's clipped edges)
   */
  static Map<String, Object> toJson(ChunkGrid grid) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (grid instanceof RectilinearChunkGrid r) {
      List<Object> perDim = new ArrayList<>();
      for (DimChunks dim : r.dims()) {
        perDim.add(dim.regularLength() > 0 ? (Object) dim.regularLength() : compact(dim));
      }
      Map<String, Object> conf = new LinkedHashMap<>();
      conf.put("kind", "inline");
      conf.put("chunk_shapes", perDim);
      out.put("name", "rectilinear");
      out.put("configuration", conf);
      return out;
    }
    RegularChunkGrid regular = (RegularChunkGrid) grid;
    if (regular.edges() != RegularChunkGrid.EdgeChunks.PADDED) {
      throw new InvalidArrayException(
          "Zarr v3 has no chunk grid with edge chunks cut to the array");
    }
    List<Object> shape = new ArrayList<>();
    for (int c : regular.chunkShape()) {
      shape.add(c);
    }
    out.put("name", "regular");
    out.put("configuration", Map.of("chunk_shape", shape));
    return out;
  }

  /** Listed lengths, runs of two or more equal ones as {@code [length, count]}. */
  private static List<Object> compact(DimChunks dim) {
    long n = dim.chunkCount(dim.coveredLength());
    List<Object> out = new ArrayList<>();
    long k = 0;
    while (k < n) {
      int length = dim.chunkLength(k);
      long j = k + 1;
      while (j < n && dim.chunkLength(j) == length) {
        j++;
      }
      out.add(j - k == 1 ? (Object) length : List.of(length, j - k));
      k = j;
    }
    return out;
  }
}
