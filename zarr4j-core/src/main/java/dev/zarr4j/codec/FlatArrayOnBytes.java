package dev.zarr4j.codec;

import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link FlatArrayCodec} run as a bytes stage (see {@link FlatArrayCodec#onBytes()}): the
 * incoming bytes are read as a flat sequence of the element type the stage before returned, as
 * numcodecs does wherever a filter stands in a Zarr v2 filter list.
 */
final class FlatArrayOnBytes implements BytesToBytesCodec {
  private final FlatArrayCodec filter;

  FlatArrayOnBytes(FlatArrayCodec filter) {
    this.filter = Objects.requireNonNull(filter, "filter");
  }

  /** The filter this stage runs. */
  FlatArrayCodec filter() {
    return filter;
  }

  @Override
  public String id() {
    return filter.id();
  }

  @Override
  public Map<String, Object> toConfig() {
    return filter.toConfig();
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    return filter.encode(decoded, itemSize);
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, DataType type) {
    return filter.encode(decoded, type);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    return filter.decode(encoded, maxDecodedSize);
  }

  @Override
  public DataType encodedType(DataType decodedType) {
    return filter.encodedType(decodedType);
  }

  @Override
  public BytesSpec resolve(BytesSpec decoded) {
    DataType in = decoded.elementType();
    DataType out = filter.encodedType(in);
    if (!decoded.isBounded()) {
      return BytesSpec.unbounded(out);
    }
    int view = Math.max(1, filter.decodedView(in).itemSize());
    long n = filter.encodedCount(decoded.maxSize() / view);
    return new BytesSpec(n * out.itemSize(), decoded.exact(), out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlatArrayOnBytes f && f.filter.equals(filter);
  }

  @Override
  public int hashCode() {
    return filter.hashCode() * 31 + 7;
  }

  @Override
  public String toString() {
    return filter.toString();
  }
}
