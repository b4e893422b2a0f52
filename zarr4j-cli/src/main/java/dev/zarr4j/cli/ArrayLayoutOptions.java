package dev.zarr4j.cli;

import dev.zarr4j.ArrayOptions;
import dev.zarr4j.Chunks;
import dev.zarr4j.exceptions.ZarrException;
import dev.zarr4j.metadata.MemoryOrder;
import dev.zarr4j.metadata.v2.FillValueJson;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that shape a new array's storage (chunks, compressor, filters, order, fill value, key
 * separator), shared by {@code import} and {@code create} as a picocli mixin. Options left out take
 * zarr-python's defaults.
 */
final class ArrayLayoutOptions {
  @Option(
      names = "--chunks",
      paramLabel = "C",
      converter = Converters.ChunksConverter.class,
      description =
          "Chunk shape, e.g. 10,7 (-1: whole dimension), auto (guess, the default) or"
              + " whole (one chunk).")
  Chunks chunks;

  @picocli.CommandLine.Mixin ShardsOption shards = new ShardsOption();

  @Option(
      names = "--compressor",
      paramLabel = "JSON",
      converter = Converters.CompressorConverter.class,
      description =
          "numcodecs configuration, e.g. '{\"id\":\"blosc\",\"cname\":\"zstd\","
              + "\"clevel\":3,\"shuffle\":2}', or null for none (default: Blosc lz4, level 5, shuffle).")
  Converters.CompressorChoice compressor;

  @Option(
      names = "--filters",
      paramLabel = "JSON",
      converter = Converters.FiltersConverter.class,
      description =
          "A JSON list of numcodecs configurations applied before the compressor, or"
              + " null (default: none).")
  Converters.FiltersChoice filters;

  @Option(
      names = "--order",
      paramLabel = "C|F",
      description = "Element order inside chunks (default: C, whatever a .npy file's order).")
  MemoryOrder order;

  @Option(
      names = "--fill-value",
      paramLabel = "JSON",
      converter = Converters.JsonConverter.class,
      description =
          "The fill value as .zarray spells it: 0, 1.5, \"NaN\", \"Infinity\", null,"
              + " true, a base64 string for byte strings and records (default: 0).")
  Converters.JsonValue fillValue;

  @Option(
      names = "--dimension-separator",
      paramLabel = "/|.",
      converter = Converters.SeparatorConverter.class,
      description = "Chunk key separator (default: . and not recorded, as zarr-python).")
  String separator;

  /**
   * The lengths {@code c} gives an array of {@code shape}, an invalid one a usage error naming
   * {@code option}.
   */
  static long[] lengths(CommandLine command, String option, Chunks c, long[] shape, int itemSize) {
    int[] s;
    try {
      s = c.resolve(shape, itemSize);
    } catch (ZarrException e) {
      throw new ParameterException(
          command, "Invalid value for option '" + option + "': " + e.getMessage());
    }
    long[] l = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      l[i] = s[i];
    }
    return l;
  }

  /**
   * The creation options for an array of {@code shape} and {@code target} type, turning invalid
   * chunks and fill values into usage errors of {@code command}.
   */
  ArrayOptions build(CommandLine command, long[] shape, DataType target) {
    ArrayOptions.Builder b = ArrayOptions.builder().shape(shape).dtype(target);
    Chunks c = chunks == null ? Chunks.auto() : chunks;
    try {
      c.resolve(shape, target.itemSize());
    } catch (ZarrException e) {
      throw new ParameterException(
          command, "Invalid value for option '--chunks': " + e.getMessage());
    }
    b.chunks(c);
    b.shards(shards.lengths(command, shape, target.itemSize()));
    if (compressor != null) {
      b.compressor(compressor.codec());
    }
    if (filters != null) {
      b.filters(filters.filters());
    }
    if (order != null) {
      b.order(order);
    }
    if (separator != null) {
      b.dimensionSeparator(separator);
    }
    Object fill = 0;
    if (fillValue != null) {
      try {
        fill = FillValueJson.decode(fillValue.value(), target);
        if (fill != null) {
          NdArray.scalar(target, fill);
        }
      } catch (ZarrException | IllegalArgumentException e) {
        throw new ParameterException(
            command, "Invalid value for option '--fill-value': " + e.getMessage());
      }
    }
    b.fillValue(fill);
    return b.build();
  }
}
