package dev.zarr4j.codec.compress;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecProvider;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.exceptions.CodecException;
import java.util.Map;
import java.util.Set;

/**
 * Registers zarr4j's compressors with {@link dev.zarr4j.codec.CodecRegistry}: {@code blosc}, {@code
 * zstd}, {@code lz4}, {@code zlib}, {@code gzip}, {@code bz2} and {@code lzma}.
 */
public final class CompressionCodecProvider implements CodecProvider {
  private static final Set<String> IDS =
      Set.of(Blosc.ID, Zstd.ID, Lz4.ID, Zlib.ID, GZip.ID, Bz2.ID, Lzma.ID);

  private static final Set<String> V3_NAMES = Set.of(Blosc.V3_NAME, GZip.ID, Zstd.ID);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public CompressionCodecProvider() {}

  @Override
  public Set<String> ids() {
    return IDS;
  }

  /** {@inheritDoc} {@code blosc}, {@code gzip} and {@code zstd}. */
  @Override
  public Set<String> v3Names() {
    return V3_NAMES;
  }

  @Override
  public Codec fromV3Config(String name, Map<String, Object> configuration) {
    Map<String, Object> config = new java.util.LinkedHashMap<>(configuration);
    config.put("id", name);
    return switch (name) {
      case Blosc.V3_NAME -> Blosc.fromV3Config(configuration);
      case GZip.ID -> {
        if (!configuration.containsKey("level")) {
          throw new CodecException("gzip: the Zarr v3 configuration needs 'level'");
        }
        yield GZip.fromConfig(config);
      }
      case Zstd.ID -> {
        if (!configuration.containsKey("level")) {
          throw new CodecException("zstd: the Zarr v3 configuration needs 'level'");
        }
        yield Zstd.fromConfig(config);
      }
      default ->
          throw new CodecException("compression codecs: unknown Zarr v3 codec '" + name + "'");
    };
  }

  @Override
  public Codec fromConfig(String id, Map<String, Object> config) {
    return switch (id) {
      case Blosc.ID -> Blosc.fromConfig(config);
      case Zstd.ID -> Zstd.fromConfig(config);
      case Lz4.ID -> Lz4.fromConfig(config);
      case Zlib.ID -> Zlib.fromConfig(config);
      case GZip.ID -> GZip.fromConfig(config);
      case Bz2.ID -> Bz2.fromConfig(config);
      case Lzma.ID -> Lzma.fromConfig(config);
      default -> throw new CodecException("compression codecs: unknown codec id '" + id + "'");
    };
  }
}
