package dev.zarr4j.codec.compress;

import dev.zarr4j.exceptions.CodecException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a decompressing stream to its end without ever holding more than a limit. */
final class StreamDecode {
  private StreamDecode() {}

  /**
   * Reads {@code in} to the end.
   *
   * @param max the most bytes accepted; one more is an error
   * @param hint the expected size, for the first allocation (capped by {@code max})
   * @throws CodecException if the stream holds more than {@code max} bytes
   */
  static byte[] readAll(InputStream in, int max, long hint, String codec) throws IOException {
    byte[] buf = new byte[(int) Math.max(0, Math.min(max, Math.max(hint, 4096)))];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n >= max) {
          if (in.read() != -1) {
            throw new CodecException(
                codec + ": decoded data exceeds the limit of " + max + " bytes");
          }
          break;
        }
        buf = Arrays.copyOf(buf, (int) Math.min(max, Math.max(4096L, 2L * buf.length)));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }
}
