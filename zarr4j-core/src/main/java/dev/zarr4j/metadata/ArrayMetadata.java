package dev.zarr4j.metadata;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.ObjectCodec;
import java.util.List;

/**
 * One format's description of an array, as its documents store it (Zarr v2's {@code .zarray}, N5's
 * {@code attributes.json}): the {@link ArraySpec} it defines, and the few things zarr-python 2
 * exposes about its codecs. Implementations are immutable.
 */
public interface ArrayMetadata {

  /** The format whose documents hold this description. */
  NodeFormat format();

  /** The format-independent model the array's chunks are read and written with. */
  ArraySpec spec();

  /** The same description with another shape (what {@code resize} writes). */
  ArrayMetadata withShape(long[] shape);

  /**
   * zarr-python 2's {@code compressor}: the codec applied last to each chunk's bytes, or {@code
   * null} when there is none.
   */
  BytesToBytesCodec compressor();

  /**
   * zarr-python 2's {@code filters}, in encoding order, without the object codec of an object array
   * (see {@link #objectCodec()}); empty when there are none.
   */
  List<Codec> filters();

  /** zarr-python 2's {@code order}: the element order inside each stored chunk. */
  MemoryOrder order();

  /** For an object array, the codec of its elements; {@code null} otherwise. */
  ObjectCodec objectCodec();
}
