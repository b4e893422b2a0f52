package dev.zarr4j.codec.layout;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecProvider;
import dev.zarr4j.exceptions.CodecException;
import java.util.Map;
import java.util.Set;

/**
 * Registers the layout stages under their Zarr v3 names with {@link
 * dev.zarr4j.codec.CodecRegistry}: {@code bytes} ({@link BytesCodec}), {@code transpose} ({@link
 * TransposeCodec}) and {@code packbits} ({@link PackBitsCodec}). They have no numcodecs ids: Zarr
 * v2 expresses them through the data type's byte order and the array's {@code order}, never as
 * codecs, so {@link #ids()} is empty.
 */
public final class LayoutCodecProvider implements CodecProvider {
  private static final Set<String> V3_NAMES =
      Set.of(BytesCodec.ID, TransposeCodec.ID, PackBitsCodec.ID);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public LayoutCodecProvider() {}

  /** {@inheritDoc} None: the layout stages are not numcodecs codecs. */
  @Override
  public Set<String> ids() {
    return Set.of();
  }

  /**
   * {@inheritDoc} Always fails: the layout stages have no numcodecs ids.
   *
   * @throws CodecException always
   */
  @Override
  public Codec fromConfig(String id, Map<String, Object> config) {
    throw new CodecException("layout codecs: '" + id + "' is not a numcodecs codec id");
  }

  @Override
  public Set<String> v3Names() {
    return V3_NAMES;
  }

  @Override
  public Codec fromV3Config(String name, Map<String, Object> configuration) {
    return switch (name) {
      case BytesCodec.ID -> BytesCodec.fromV3Config(configuration);
      case TransposeCodec.ID -> TransposeCodec.fromV3Config(configuration);
      case PackBitsCodec.ID -> PackBitsCodec.fromV3Config(configuration);
      default -> throw new CodecException("layout codecs: unknown Zarr v3 codec '" + name + "'");
    };
  }
}
