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

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public CompressionCodecProvider() {}

  @Override
  public Set<String> ids() {
    return IDS;
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
