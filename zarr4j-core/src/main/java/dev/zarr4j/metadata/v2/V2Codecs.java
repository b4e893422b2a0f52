package dev.zarr4j.metadata.v2;

import dev.zarr4j.codec.ArrayToArrayCodec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.FlatArrayCodec;
import dev.zarr4j.codec.ObjectCodec;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.codec.layout.TransposeCodec;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.metadata.MemoryOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The codec chain a Zarr v2 array's metadata defines. zarr-python 2 lays a chunk out in its order
 * with the data type's byte order, then applies the filters and the compressor, each to the flat
 * buffer the one before returned. As a chain: a transpose for order {@code "F"}, the filters that
 * work on arrays, the raw layout ({@link BytesCodec#AS_DATA_TYPE}) or the object codec, then the
 * filters that work on bytes and the compressor. A filter that works on arrays but stands after one
 * that works on bytes runs on the bytes ({@link FlatArrayCodec#onBytes()}), as numcodecs runs it.
 */
final class V2Codecs {
  private V2Codecs() {}

  static CodecChain chain(
      int ndim,
      MemoryOrder order,
      ObjectCodec objectCodec,
      List<Codec> filters,
      BytesToBytesCodec compressor) {
    List<Codec> stages = new ArrayList<>();
    if (order == MemoryOrder.F && ndim > 1) {
      stages.add(TransposeCodec.reversed(ndim));
    }
    boolean bytes = false;
    if (objectCodec != null) {
      stages.add(objectCodec);
      bytes = true;
    }
    for (Codec f : filters) {
      if (f instanceof ArrayToArrayCodec a) {
        if (!bytes) {
          stages.add(a);
        } else if (a instanceof FlatArrayCodec flat) {
          stages.add(flat.onBytes());
        } else {
          throw new InvalidArrayException(
              "filter '" + f.id() + "' works on arrays and cannot follow a filter on bytes");
        }
      } else if (f instanceof BytesToBytesCodec b) {
        if (!bytes) {
          stages.add(BytesCodec.AS_DATA_TYPE);
          bytes = true;
        }
        stages.add(b);
      } else {
        throw new InvalidArrayException("codec '" + f.id() + "' cannot be a Zarr v2 filter");
      }
    }
    if (!bytes) {
      stages.add(BytesCodec.AS_DATA_TYPE);
    }
    if (compressor != null) {
      stages.add(compressor);
    }
    return CodecChain.of(stages);
  }
}
