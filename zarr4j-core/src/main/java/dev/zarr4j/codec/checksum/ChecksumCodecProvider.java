package dev.zarr4j.codec.checksum;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecProvider;
import dev.zarr4j.exceptions.CodecException;
import java.util.Map;
import java.util.Set;

/**
 * Registers zarr4j's checksum codecs with {@link dev.zarr4j.codec.CodecRegistry}: the numcodecs ids
 * {@code crc32}, {@code adler32}, {@code fletcher32} and {@code crc32c}, and the Zarr v3 name
 * {@code crc32c}.
 */
public final class ChecksumCodecProvider implements CodecProvider {
  private static final Set<String> IDS = Set.of(Crc32.ID, Adler32.ID, Fletcher32.ID, Crc32c.ID);
  private static final Set<String> V3_NAMES = Set.of(Crc32c.ID);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public ChecksumCodecProvider() {}

  @Override
  public Set<String> ids() {
    return IDS;
  }

  @Override
  public Codec fromConfig(String id, Map<String, Object> config) {
    return switch (id) {
      case Crc32.ID -> Crc32.fromConfig(config);
      case Adler32.ID -> Adler32.fromConfig(config);
      case Fletcher32.ID -> Fletcher32.fromConfig(config);
      case Crc32c.ID -> Crc32c.fromConfig(config);
      default -> throw new CodecException("checksum codecs: unknown codec id '" + id + "'");
    };
  }

  @Override
  public Set<String> v3Names() {
    return V3_NAMES;
  }

  @Override
  public Codec fromV3Config(String name, Map<String, Object> configuration) {
    if (Crc32c.ID.equals(name)) {
      return Crc32c.fromV3Config(configuration);
    }
    throw new CodecException("checksum codecs: unknown Zarr v3 codec '" + name + "'");
  }
}
