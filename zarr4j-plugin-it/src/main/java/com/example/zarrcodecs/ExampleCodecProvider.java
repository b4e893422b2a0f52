package com.example.zarrcodecs;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.CodecProvider;
import dev.zarr4j.exceptions.CodecException;
import java.util.Map;
import java.util.Set;

/**
 * Makes this package's codecs known to zarr4j: {@link java.util.ServiceLoader} finds it through
 * {@code META-INF/services/dev.zarr4j.codec.CodecProvider}, and {@link
 * dev.zarr4j.codec.CodecRegistry} then builds {@link ZigZagDelta} and {@link RunLength} from their
 * ids wherever a configuration names them (a {@code .zarray}'s filters or compressor, the CLI's
 * options).
 */
public final class ExampleCodecProvider implements CodecProvider {
  private static final Set<String> IDS = Set.of(ZigZagDelta.ID, RunLength.ID);

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public ExampleCodecProvider() {}

  @Override
  public Set<String> ids() {
    return IDS;
  }

  @Override
  public Codec fromConfig(String id, Map<String, Object> config) {
    return switch (id) {
      case ZigZagDelta.ID -> ZigZagDelta.fromConfig(config);
      case RunLength.ID -> RunLength.fromConfig(config);
      default -> throw new CodecException("example codecs: unknown codec id '" + id + "'");
    };
  }
}
