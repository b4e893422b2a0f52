package dev.zarr4j.codec.checksum;

import dev.zarr4j.codec.BytesSpec;
import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.ByteSlice;
import dev.zarr4j.ndarray.DataType;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 32-bit checksum stored with the data: encoding adds four bytes holding the checksum of the data
 * (little-endian), decoding verifies them and returns the data. A mismatch, or input shorter than
 * four bytes, is a {@link CodecException} naming the codec and both checksums; the array layer adds
 * the chunk key.
 *
 * <p>Subclasses: {@link Crc32} and {@link Adler32} (numcodecs 0.11: checksum before the data),
 * {@link Fletcher32} (numcodecs 0.12: checksum after the data) and {@link Crc32c} (Zarr v3's {@code
 * crc32c}: checksum after the data).
 */
public abstract sealed class Checksum32 implements BytesToBytesCodec
    permits Crc32, Adler32, Fletcher32, Crc32c {

  Checksum32() {}

  /** {@inheritDoc} True: every decode verifies the stored checksum. */
  @Override
  public boolean detectsCorruption() {
    return true;
  }

  /** The checksum of {@code len} bytes at {@code off}. */
  abstract int checksum(byte[] a, int off, int len);

  /** Whether the checksum follows the data (else it precedes it). */
  abstract boolean atEnd();

  /** The name numcodecs' repr uses, e.g. {@code CRC32}. */
  abstract String reprName();

  /** The name a checksum mismatch is reported under; the repr's name unless a codec says else. */
  String mismatchName() {
    return reprName();
  }

  @Override
  public Map<String, Object> toConfig() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id());
    return Collections.unmodifiableMap(m);
  }

  @Override
  public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
    ByteSlice in = ByteSlice.of(decoded);
    if (in.length() > Integer.MAX_VALUE - 16) {
      throw new CodecException(id() + ": input of " + in.length() + " bytes is too large");
    }
    byte[] out = new byte[in.length() + 4];
    int dataAt = atEnd() ? 0 : 4;
    System.arraycopy(in.array(), in.offset(), out, dataAt, in.length());
    LittleEndian.putInt(
        out, atEnd() ? in.length() : 0, checksum(in.array(), in.offset(), in.length()));
    return ByteBuffer.wrap(out);
  }

  @Override
  public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
    ByteSlice in = ByteSlice.of(encoded);
    if (in.length() < 4) {
      throw new CodecException(
          id() + ": input of " + in.length() + " bytes is shorter than the 4-byte checksum");
    }
    int n = in.length() - 4;
    if (n > maxDecodedSize) {
      throw new CodecException(
          id() + ": decoded size " + n + " bytes exceeds the limit of " + maxDecodedSize);
    }
    int dataAt = in.offset() + (atEnd() ? 0 : 4);
    int stored = LittleEndian.getInt(in.array(), in.offset() + (atEnd() ? n : 0));
    int actual = checksum(in.array(), dataAt, n);
    if (stored != actual) {
      throw new CodecException(
          String.format(
              "%s checksum mismatch: stored 0x%08x, computed 0x%08x over %d bytes",
              mismatchName(), stored, actual, n));
    }
    byte[] out = new byte[n];
    System.arraycopy(in.array(), dataAt, out, 0, n);
    return ByteBuffer.wrap(out);
  }

  /** {@inheritDoc} Four bytes more than the input, plain bytes. */
  @Override
  public BytesSpec resolve(BytesSpec decoded) {
    return decoded.plus(4, DataType.UINT8);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }

  /** numcodecs' repr, e.g. {@code CRC32()}. */
  @Override
  public String toString() {
    return reprName() + "()";
  }
}
