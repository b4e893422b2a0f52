package dev.zarr4j.codec.filter;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecProvider;
import dev.zarr4j.exceptions.CodecException;
import java.util.Map;
import java.util.Set;

/**
 * Registers zarr4j's numeric filters with {@link dev.zarr4j.codec.CodecRegistry}: {@code delta},
 * {@code fixedscaleoffset}, {@code quantize}, {@code bitround}, {@code packbits}, {@code astype}
 * and {@code shuffle}.
 */
public final class FilterCodecProvider implements CodecProvider {
  private static final Set<String> IDS =
      Set.of(
          Delta.ID,
          FixedScaleOffset.ID,
          Quantize.ID,
          BitRound.ID,
          PackBits.ID,
          AsType.ID,
          Shuffle.ID);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public FilterCodecProvider() {}

  @Override
  public Set<String> ids() {
    return IDS;
  }

  @Override
  public Codec fromConfig(String id, Map<String, Object> config) {
    return switch (id) {
      case Delta.ID -> Delta.fromConfig(config);
      case FixedScaleOffset.ID -> FixedScaleOffset.fromConfig(config);
      case Quantize.ID -> Quantize.fromConfig(config);
      case BitRound.ID -> BitRound.fromConfig(config);
      case PackBits.ID -> PackBits.fromConfig(config);
      case AsType.ID -> AsType.fromConfig(config);
      case Shuffle.ID -> Shuffle.fromConfig(config);
      default -> throw new CodecException("filter codecs: unknown codec id '" + id + "'");
    };
  }
}
