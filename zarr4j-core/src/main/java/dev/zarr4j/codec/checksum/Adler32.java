package dev.zarr4j.codec.checksum;

import dev.zarr4j.internal.codec.ConfigReader;
import java.util.List;
import java.util.Map;

/**
 * The Adler-32 checksum (numcodecs id {@code "adler32"}, {@code zlib.adler32}): four bytes of
 * checksum, little-endian, before the data, as numcodecs 0.11 writes. No configuration besides
 * {@code id}; {@code toString()} is {@code Adler32()}.
 */
public final class Adler32 extends Checksum32 {
  /** The numcodecs codec id. */
  public static final String ID = "adler32";

  /** The one instance: the codec has no parameters. */
  public static final Adler32 INSTANCE = new Adler32();

  private Adler32() {}

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws dev.zarr4j.exceptions.CodecException if the configuration has a key besides {@code id}
   */
  public static Adler32 fromConfig(Map<String, Object> config) {
    ConfigReader.of(ID, config, List.of());
    return INSTANCE;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  int checksum(byte[] a, int off, int len) {
    java.util.zip.Adler32 c = new java.util.zip.Adler32();
    c.update(a, off, len);
    return (int) c.getValue();
  }

  @Override
  boolean atEnd() {
    return false;
  }

  @Override
  String reprName() {
    return "Adler32";
  }
}
