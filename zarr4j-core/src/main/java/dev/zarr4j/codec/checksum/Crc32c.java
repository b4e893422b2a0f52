package dev.zarr4j.codec.checksum;

import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The CRC-32C (Castagnoli) checksum, Zarr v3's {@code crc32c} codec: four bytes holding the
 * checksum of the data, little-endian, after the data. Decoding verifies and strips them; a
 * mismatch is a {@link CodecException} beginning {@code "crc32c checksum mismatch"}. It has no
 * configuration. The encoded size is the input's plus four, exactly when the input's is exact, so a
 * sharding index chain of {@code bytes} + {@code crc32c} has a known size.
 *
 * <p>numcodecs (0.13 and later) has a codec of the same id whose checksum goes where its {@code
 * location} says, after the data by default: with that default its bytes are this codec's, so
 * {@code {"id": "crc32c"}} and {@code {"id": "crc32c", "location": "end"}} build this codec, while
 * {@code "location": "start"} is refused. {@code toString()} is {@code CRC32C()}, as numcodecs'
 * repr.
 */
public final class Crc32c extends Checksum32 {
  /** The codec's id: its Zarr v3 name and its numcodecs id. */
  public static final String ID = "crc32c";

  /** The one instance: the codec has no parameters. */
  public static final Crc32c INSTANCE = new Crc32c();

  private Crc32c() {}

  /**
   * Builds the codec from a numcodecs configuration.
   *
   * @throws CodecException if the configuration has a key besides {@code id} and {@code location},
   *     or a {@code location} other than {@code "end"} (numcodecs' default; the checksum first is
   *     not supported)
   */
  public static Crc32c fromConfig(Map<String, Object> config) {
    ConfigReader r = ConfigReader.of(ID, config, List.of("location"));
    String location = r.getString("location", "end");
    if (!"end".equals(location)) {
      throw r.bad(
          "location", location, "'end': zarr4j stores the crc32c checksum after the data only");
    }
    return INSTANCE;
  }

  /**
   * Builds the codec from its Zarr v3 configuration, which must be empty.
   *
   * @throws CodecException if the configuration has any key
   */
  public static Crc32c fromV3Config(Map<String, Object> configuration) {
    if (!configuration.isEmpty()) {
      throw new CodecException(
          "codec 'crc32c' has no configuration, got the keys " + configuration.keySet());
    }
    return INSTANCE;
  }

  @Override
  public String id() {
    return ID;
  }

  /** {@inheritDoc} {@code {"name": "crc32c"}}. */
  @Override
  public Map<String, Object> toV3Config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", ID);
    return m;
  }

  @Override
  int checksum(byte[] a, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(a, off, len);
    return (int) c.getValue();
  }

  @Override
  boolean atEnd() {
    return true;
  }

  @Override
  String reprName() {
    return "CRC32C";
  }

  @Override
  String mismatchName() {
    return ID;
  }
}
