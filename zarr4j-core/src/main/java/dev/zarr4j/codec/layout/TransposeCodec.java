package dev.zarr4j.codec.layout;

import dev.zarr4j.codec.ArrayToArrayCodec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ConfigReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reorders a chunk's axes (Zarr v3's {@code transpose}; a Zarr v2 array with order {@code "F"} is a
 * transpose that reverses the axes). Axis {@code i} of the encoded chunk is axis {@code order[i]}
 * of the decoded one. It moves no element itself: a chain folds it into the views it reads and
 * writes through ({@link #axisOrder}).
 *
 * @param order a permutation of {@code 0 .. ndim-1}
 */
public record TransposeCodec(int[] order) implements ArrayToArrayCodec {

  /** The codec name. */
  public static final String ID = "transpose";

  /** Validates that the order is a permutation and copies it. */
  public TransposeCodec {
    order = order.clone();
    boolean[] seen = new boolean[order.length];
    for (int o : order) {
      if (o < 0 || o >= order.length || seen[o]) {
        throw new CodecException(
            "transpose: order "
                + Arrays.toString(order)
                + " is not a permutation of 0.."
                + (order.length - 1));
      }
      seen[o] = true;
    }
  }

  /** The transpose that reverses {@code ndim} axes: Zarr v2's order {@code "F"}. */
  public static TransposeCodec reversed(int ndim) {
    int[] o = new int[ndim];
    for (int i = 0; i < ndim; i++) {
      o[i] = ndim - 1 - i;
    }
    return new TransposeCodec(o);
  }

  /** The order (a copy). */
  @Override
  public int[] order() {
    return order.clone();
  }

  /** Whether this transpose reverses all axes. */
  public boolean isReversal() {
    for (int i = 0; i < order.length; i++) {
      if (order[i] != order.length - 1 - i) {
        return false;
      }
    }
    return true;
  }

  /**
   * Builds the codec from its Zarr v3 configuration, {@code {"order": [1, 0, 2]}}.
   *
   * @throws CodecException naming the key if {@code order} is missing, is not a list of integers
   *     forming a permutation, or another key is present
   */
  public static TransposeCodec fromV3Config(Map<String, Object> configuration) {
    ConfigReader r = ConfigReader.of(ID, configuration, List.of("order"));
    Object o = configuration.get("order");
    if (!(o instanceof List<?> list)) {
      throw r.bad("order", o, "a list of axis numbers (a permutation of 0..ndim-1)");
    }
    int[] order = new int[list.size()];
    for (int i = 0; i < order.length; i++) {
      Object x = list.get(i);
      if (!(x instanceof Integer || x instanceof Long || x instanceof Short || x instanceof Byte)
          || ((Number) x).longValue() < 0
          || ((Number) x).longValue() >= order.length) {
        throw r.bad("order", o, "a list of axis numbers (a permutation of 0..ndim-1)");
      }
      order[i] = ((Number) x).intValue();
    }
    return new TransposeCodec(order);
  }

  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} {@code {"name": "transpose", "configuration": {"order": [...]}}}. */
  @Override
  public Map<String, Object> toV3Config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", ID);
    Map<String, Object> c = new LinkedHashMap<>(toConfig());
    c.remove("id");
    m.put("configuration", c);
    return m;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    List<Object> o = new java.util.ArrayList<>();
    for (int x : order) {
      o.add(x);
    }
    m.put("order", o);
    return m;
  }

  @Override
  public ChunkSpec resolve(ChunkSpec decoded) {
    if (decoded.ndim() != order.length) {
      throw new CodecException(
          "transpose: order "
              + Arrays.toString(order)
              + " has "
              + order.length
              + " axes but the chunk has "
              + decoded.ndim());
    }
    int[] shape = decoded.shape();
    int[] s = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      s[i] = shape[order[i]];
    }
    return new ChunkSpec(s, decoded.dtype(), decoded.fillValue());
  }

  @Override
  public int[] axisOrder(ChunkSpec decoded) {
    return order.clone();
  }

  /** {@inheritDoc} A view of the same elements; nothing is copied. */
  @Override
  public ChunkArray encode(ChunkArray decoded, CodecOptions options) {
    resolve(decoded.spec());
    return decoded.permute(order);
  }

  /** {@inheritDoc} A view of the same elements; nothing is copied. */
  @Override
  public ChunkArray decode(ChunkArray encoded, ChunkSpec decoded, CodecOptions options) {
    return encoded.permute(inverse(order));
  }

  /** The inverse permutation. */
  public static int[] inverse(int[] order) {
    int[] inv = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inv[order[i]] = i;
    }
    return inv;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransposeCodec t && Arrays.equals(order, t.order);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(order);
  }

  @Override
  public String toString() {
    return "Transpose(order=" + Arrays.toString(order) + ")";
  }
}
