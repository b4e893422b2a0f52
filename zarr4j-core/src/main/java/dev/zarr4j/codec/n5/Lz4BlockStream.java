package dev.zarr4j.codec.n5;

import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.Lz4Block;
import java.io.ByteArrayOutputStream;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * lz4-java's block stream ({@code LZ4BlockOutputStream}), the framing of N5's {@code lz4}
 * compression. The decoded bytes are cut into blocks of at most {@code blockSize} bytes; each is
 * written as
 *
 * <pre>
 *   "LZ4Block" | token | compressed length | decoded length | checksum | data
 * </pre>
 *
 * where the token is the method ({@code 0x10} stored, {@code 0x20} LZ4) or'ed with {@code
 * ceil(log2(blockSize)) - 10} (at least 0), the three integers are little-endian, the checksum is
 * the xxHash32 (seed {@code 0x9747b28c}) of the decoded block masked to 28 bits, and a block is
 * stored when LZ4 would not shrink it. The stream ends with an empty block: the stored-method token
 * and three zero integers.
 */
final class Lz4BlockStream {
  static final byte[] MAGIC = {'L', 'Z', '4', 'B', 'l', 'o', 'c', 'k'};
  static final int HEADER_LENGTH = MAGIC.length + 13;
  static final int MIN_BLOCK_SIZE = 64;
  static final int MAX_BLOCK_SIZE = 1 << 25;
  private static final int LEVEL_BASE = 10;
  private static final int METHOD_RAW = 0x10;
  private static final int METHOD_LZ4 = 0x20;
  private static final int SEED = 0x9747b28c;
  private static final XXHash32 HASH = XXHashFactory.fastestJavaInstance().hash32();

  private Lz4BlockStream() {}

  /** Whether the bytes start with the stream's magic. */
  static boolean startsWithMagic(byte[] a, int off, int len) {
    if (len < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (a[off + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** The token's level bits for a block size (lz4-java's {@code compressionLevel}). */
  static int level(int blockSize) {
    if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE) {
      throw new CodecException(
          "lz4 block stream: blockSize must be in ["
              + MIN_BLOCK_SIZE
              + ", "
              + MAX_BLOCK_SIZE
              + "], got "
              + blockSize);
    }
    int log = 32 - Integer.numberOfLeadingZeros(blockSize - 1);
    return Math.max(0, log - LEVEL_BASE);
  }

  private static int checksum(byte[] a, int off, int len) {
    return HASH.hash(a, off, len, SEED) & 0x0FFFFFFF;
  }

  /** Encodes {@code src[off, off+len)} as a block stream with blocks of {@code blockSize}. */
  static byte[] encode(byte[] src, int off, int len, int blockSize, boolean pureJava) {
    int level = level(blockSize);
    int blocks = len == 0 ? 0 : (len - 1) / blockSize + 1;
    long bound =
        (long) blocks * (HEADER_LENGTH + Lz4Block.maxCompressedLength(Math.min(len, blockSize)))
            + HEADER_LENGTH;
    if (bound > Integer.MAX_VALUE - 64) {
      throw new CodecException("lz4 block stream: cannot encode " + len + " bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(bound, len + 1024L));
    byte[] buf = new byte[HEADER_LENGTH + Lz4Block.maxCompressedLength(Math.min(len, blockSize))];
    System.arraycopy(MAGIC, 0, buf, 0, MAGIC.length);
    for (int p = 0; p < len; p += blockSize) {
      int n = Math.min(blockSize, len - p);
      int check = checksum(src, off + p, n);
      int c = Lz4Block.compress(src, off + p, n, buf, HEADER_LENGTH, 1, pureJava);
      int method = METHOD_LZ4;
      if (c >= n) {
        method = METHOD_RAW;
        c = n;
        System.arraycopy(src, off + p, buf, HEADER_LENGTH, n);
      }
      buf[MAGIC.length] = (byte) (method | level);
      LittleEndian.putInt(buf, MAGIC.length + 1, c);
      LittleEndian.putInt(buf, MAGIC.length + 5, n);
      LittleEndian.putInt(buf, MAGIC.length + 9, check);
      out.write(buf, 0, HEADER_LENGTH + c);
    }
    buf[MAGIC.length] = (byte) (METHOD_RAW | level);
    LittleEndian.putInt(buf, MAGIC.length + 1, 0);
    LittleEndian.putInt(buf, MAGIC.length + 5, 0);
    LittleEndian.putInt(buf, MAGIC.length + 9, 0);
    out.write(buf, 0, HEADER_LENGTH);
    return out.toByteArray();
  }

  /**
   * Walks the stream's block headers, checking their structure, and returns the decoded size.
   *
   * @param limit the largest decoded size accepted
   * @throws CodecException naming the block and offset at fault
   */
  static long decodedSize(byte[] a, int off, int len, long limit) {
    long total = 0;
    int p = 0;
    int block = 0;
    while (true) {
      if (p == len) {
        return total; // the end marker is missing; N5 Java reads such streams too
      }
      Block b = header(a, off, len, p, block);
      if (b.decoded == 0) {
        if (p + HEADER_LENGTH != len) {
          throw new CodecException(
              "lz4 block stream: "
                  + (len - p - HEADER_LENGTH)
                  + " bytes follow the end marker at offset "
                  + p);
        }
        return total;
      }
      total += b.decoded;
      if (total > limit) {
        throw new CodecException(
            "lz4 block stream: decodes to more than the limit of " + limit + " bytes");
      }
      p += HEADER_LENGTH + b.compressed;
      block++;
    }
  }

  /**
   * Decodes the stream into {@code dst[dOff, dOff+dLen)}, which it must fill exactly.
   *
   * @throws CodecException if the stream is malformed, a checksum differs or the size is not {@code
   *     dLen}
   */
  static void decode(byte[] a, int off, int len, byte[] dst, int dOff, int dLen, boolean pureJava) {
    long size = decodedSize(a, off, len, dLen);
    if (size != dLen) {
      throw new CodecException("lz4 block stream: decodes to " + size + " bytes, expected " + dLen);
    }
    int p = 0;
    int w = 0;
    int block = 0;
    while (p < len) {
      Block b = header(a, off, len, p, block);
      if (b.decoded == 0) {
        return;
      }
      int data = off + p + HEADER_LENGTH;
      if (b.method == METHOD_RAW) {
        System.arraycopy(a, data, dst, dOff + w, b.decoded);
      } else {
        Lz4Block.decompressExact(
            a,
            data,
            b.compressed,
            dst,
            dOff + w,
            b.decoded,
            "lz4 block stream block " + block,
            pureJava);
      }
      if (checksum(dst, dOff + w, b.decoded) != b.checksum) {
        throw new CodecException(
            "lz4 block stream: checksum mismatch in block " + block + " at offset " + p);
      }
      w += b.decoded;
      p += HEADER_LENGTH + b.compressed;
      block++;
    }
  }

  private record Block(int method, int compressed, int decoded, int checksum) {}

  private static Block header(byte[] a, int off, int len, int p, int block) {
    if (len - p < HEADER_LENGTH) {
      throw new CodecException(
          "lz4 block stream: truncated header of block "
              + block
              + " at offset "
              + p
              + " ("
              + (len - p)
              + " of "
              + HEADER_LENGTH
              + " bytes)");
    }
    if (!startsWithMagic(a, off + p, len - p)) {
      throw new CodecException(
          "lz4 block stream: block " + block + " at offset " + p + " lacks the LZ4Block magic");
    }
    int token = a[off + p + MAGIC.length] & 0xFF;
    int method = token & 0xF0;
    int maxDecoded = 1 << (LEVEL_BASE + (token & 0x0F));
    if (method != METHOD_RAW && method != METHOD_LZ4) {
      throw new CodecException(
          "lz4 block stream: block "
              + block
              + " has an unknown method 0x"
              + Integer.toHexString(method));
    }
    int compressed = LittleEndian.getInt(a, off + p + MAGIC.length + 1);
    int decoded = LittleEndian.getInt(a, off + p + MAGIC.length + 5);
    int check = LittleEndian.getInt(a, off + p + MAGIC.length + 9);
    if (decoded < 0
        || compressed < 0
        || decoded > maxDecoded
        || (decoded == 0) != (compressed == 0)
        || (method == METHOD_RAW && decoded != compressed)) {
      throw new CodecException(
          "lz4 block stream: block "
              + block
              + " at offset "
              + p
              + " has inconsistent lengths (compressed "
              + compressed
              + ", decoded "
              + decoded
              + ", at most "
              + maxDecoded
              + ")");
    }
    if (decoded == 0 && check != 0) {
      throw new CodecException(
          "lz4 block stream: the end marker at offset " + p + " has a non-zero checksum");
    }
    if (compressed > len - p - HEADER_LENGTH) {
      throw new CodecException(
          "lz4 block stream: block "
              + block
              + " at offset "
              + p
              + " claims "
              + compressed
              + " bytes, only "
              + (len - p - HEADER_LENGTH)
              + " remain");
    }
    return new Block(method, compressed, decoded, check);
  }
}
