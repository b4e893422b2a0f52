package dev.zarr4j.codec.sharding;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecProvider;
import dev.zarr4j.exceptions.CodecException;
import java.util.Map;
import java.util.Set;

/**
 * Registers the Zarr v3 codec {@code sharding_indexed} ({@link ShardingCodec}) with {@link
 * dev.zarr4j.codec.CodecRegistry}. It has no numcodecs id (sharding exists only in Zarr v3), so
 * {@link #ids()} is empty.
 */
public final class ShardingCodecProvider implements CodecProvider {
  private static final Set<String> V3_NAMES = Set.of(ShardingCodec.ID);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public ShardingCodecProvider() {}

  /** {@inheritDoc} None: sharding is not a numcodecs codec. */
  @Override
  public Set<String> ids() {
    return Set.of();
  }

  /**
   * {@inheritDoc} Always fails: sharding has no numcodecs id.
   *
   * @throws CodecException always
   */
  @Override
  public Codec fromConfig(String id, Map<String, Object> config) {
    throw new CodecException("sharding codecs: '" + id + "' is not a numcodecs codec id");
  }

  @Override
  public Set<String> v3Names() {
    return V3_NAMES;
  }

  @Override
  public Codec fromV3Config(String name, Map<String, Object> configuration) {
    if (ShardingCodec.ID.equals(name)) {
      return ShardingCodec.fromV3Config(configuration);
    }
    throw new CodecException("sharding codecs: unknown Zarr v3 codec '" + name + "'");
  }
}
