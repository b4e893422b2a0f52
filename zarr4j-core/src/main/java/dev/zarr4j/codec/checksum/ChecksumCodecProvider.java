package dev.zarr4j.codec.checksum;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecProvider;
import dev.zarr4j.exceptions.CodecException;
import java.util.Map;
import java.util.Set;

/**
 * Registers zarr4j's checksum codecs with {@link dev.zarr4j.codec.CodecRegistry}: {@code crc32},
 * {@code adler32} and {@code fletcher32}.
 */
public final class ChecksumCodecProvider implements CodecProvider {
  private static final Set<String> IDS = Set.of(Crc32.ID, Adler32.ID, Fletcher32.ID);

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
      default -> throw new CodecException("checksum codecs: unknown codec id '" + id + "'");
    };
  }
}
