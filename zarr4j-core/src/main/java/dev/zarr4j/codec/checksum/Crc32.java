package dev.zarr4j.codec.checksum;

import dev.zarr4j.internal.codec.ConfigReader;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The CRC-32 checksum (numcodecs id {@code "crc32"}, {@code zlib.crc32}): four bytes of checksum,
 * little-endian, before the data, as numcodecs 0.11 writes. No configuration besides {@code id};
 * {@code toString()} is {@code CRC32()}.
 */
public final class Crc32 extends Checksum32 {
  /** The numcodecs codec id. */
  public static final String ID = "crc32";

  /** The one instance: the codec has no parameters. */
  public static final Crc32 INSTANCE = new Crc32();

  private Crc32() {}

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws dev.zarr4j.exceptions.CodecException if the configuration has a key besides {@code id}
   */
  public static Crc32 fromConfig(Map<String, Object> config) {
    ConfigReader.of(ID, config, List.of());
    return INSTANCE;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  int checksum(byte[] a, int off, int len) {
    CRC32 c = new CRC32();
    c.update(a, off, len);
    return (int) c.getValue();
  }

  @Override
  boolean atEnd() {
    return false;
  }

  @Override
  String reprName() {
    return "CRC32";
  }
}
