package dev.zarr4j.codec.filter;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.internal.codec.ConfigReader;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * numcodecs' own byte-shuffle filter (numcodecs id {@code "shuffle"}; not Blosc's shuffle): for
 * {@code n} elements of {@code elementsize} bytes, byte {@code b} of element {@code i} moves to
 * position {@code b * n + i}, so that the first bytes of all elements come first, then the second
 * bytes, and so on. The buffer must be a whole number of elements; an {@code elementsize} of 0 or 1
 * leaves the bytes as they are.
 *
 * <p>Configuration: {@code elementsize} (default 4). {@code toString()} is numcodecs' repr, e.g.
 * {@code Shuffle(elementsize=4)}.
 */
public final class Shuffle implements BytesToBytesCodec {
  /** The numcodecs codec id. */
  public static final String ID = "shuffle";

  /** The configuration keys besides {@code id}. */
  public static final List<String> KEYS = List.of("elementsize");

  /** numcodecs' default, {@code Shuffle(elementsize=4)}. */
  public static final Shuffle DEFAULT = new Shuffle(4);

  private final int elementSize;

  private Shuffle(int elementSize) {
    if (elementSize < 0) {
      throw new CodecException("shuffle: elementsize must not be negative, got " + elementSize);
    }
    this.elementSize = elementSize;
  }

  /**
   * A shuffle filter.
   *
   * @param elementSize the element size in bytes
   * @throws CodecException if it is negative
   */
  public static Shuffle of(int elementSize) {
    return new Shuffle(elementSize);
  }

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException naming the key if a key is unknown or invalid
   */
  public static Shuffle fromConfig(Map<String, Object> config) {
    ConfigReader r = Filters.reader(ID, config, KEYS);
    return new Shuffle(r.getInt("elementsize", 4, 0, Integer.MAX_VALUE));
  }

  /** The element size in bytes. */
  public int elementSize() {
    return elementSize;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ID);
    m.put("elementsize", elementSize);
    return Collections.unmodifiableMap(m);
  }

  /** {@inheritDoc} Elements are {@code elementsize} bytes; {@code itemSize} is ignored. */
  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    return transform(ByteSlice.of(decoded), true);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    Filters.bounded(ID, in.length(), maxDecodedSize);
    return transform(in, false);
  }

  private ByteBuffer transform(ByteSlice in, boolean shuffle) {
    byte[] a = in.array();
    int p = in.offset();
    int len = in.length();
    if (elementSize <= 1) {
      return ByteBuffer.wrap(Arrays.copyOfRange(a, p, p + len));
    }
    if (len % elementSize != 0) {
      throw new CodecException(
          "shuffle: a buffer of "
              + len
              + " bytes is not a whole number of "
              + elementSize
              + "-byte elements");
    }
    int n = len / elementSize;
    byte[] out = new byte[len];
    for (int b = 0; b < elementSize; b++) {
      int row = b * n;
      if (shuffle) {
        for (int i = 0, src = p + b; i < n; i++, src += elementSize) {
          out[row + i] = a[src];
        }
      } else {
        for (int i = 0, dst = b; i < n; i++, dst += elementSize) {
          out[dst] = a[p + row + i];
        }
      }
    }
    return ByteBuffer.wrap(out);
  }

  /** {@inheritDoc} As many bytes as the input, plain bytes. */
  @Override
  public BytesSpec resolve(BytesSpec decoded) {
    return decoded.plus(0, DataType.UINT8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shuffle s && s.elementSize == elementSize;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(elementSize);
  }

  /** numcodecs' repr, e.g. {@code Shuffle(elementsize=4)}. */
  @Override
  public String toString() {
    return "Shuffle(elementsize=" + elementSize + ")";
  }
}
