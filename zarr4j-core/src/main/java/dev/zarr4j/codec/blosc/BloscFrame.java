package dev.zarr4j.codec.blosc;

import dev.zarr4j.compression.LittleEndian;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.codec.Lz4Block;
import dev.zarr4j.internal.codec.SnappyBlock;
import dev.zarr4j.internal.codec.ZlibBlock;
import dev.zarr4j.internal.codec.ZstdBlock;
import java.util.Arrays;

/**
 * Writes and reads Blosc1 frames (format version 2), as c-blosc 1.x does.
 *
 * <p>A frame is a 16-byte header, then (unless stored uncompressed) one little-endian 32-bit start
 * offset per block, then the blocks. Each block, after an optional shuffle, is compressed as one
 * stream or, when split, as one stream per byte of the item; each stream is a 32-bit compressed
 * size followed by that many bytes, stored raw when the size equals the stream's decoded size.
 * Block sizes, splitting and the fall-back to an uncompressed frame follow c-blosc 1.21's rules
 * with its default "forward compatible" split mode, so frames are of the same shape and ratio.
 */
final class BloscFrame {
  static final int HEADER = 16;
  static final int VERSION = 2;
  static final int VERSION_LZ = 1;
  static final int MIN_BUFFERSIZE = 128;
  static final int MAX_SPLITS = 16;
  static final int L1 = 32 * 1024;
  static final int MAX_TYPESIZE = 255;
  static final int MAX_BUFFERSIZE = Integer.MAX_VALUE - HEADER;
  static final int MAX_BLOCKSIZE = (Integer.MAX_VALUE - MAX_TYPESIZE * 4) / 3;

  static final int FLAG_SHUFFLE = 0x01;
  static final int FLAG_MEMCPYED = 0x02;
  static final int FLAG_BITSHUFFLE = 0x04;
  static final int FLAG_RESERVED = 0x08;
  static final int FLAG_DONT_SPLIT = 0x10;

  /** Thread-local scratch buffers larger than this are not kept between calls. */
  private static final int MAX_RETAINED = 32 << 20;

  private BloscFrame() {}

  /** Per-thread scratch: a shuffle buffer, a second one for bit shuffle, and the output frame. */
  private static final class Scratch {
    byte[] tmp = new byte[0];
    byte[] tmp2 = new byte[0];
    byte[] out = new byte[0];

    byte[] tmp(int n) {
      if (tmp.length >= n) {
        return tmp;
      }
      byte[] b = new byte[n];
      if (n <= MAX_RETAINED) {
        tmp = b;
      }
      return b;
    }

    byte[] tmp2(int n) {
      if (tmp2.length >= n) {
        return tmp2;
      }
      byte[] b = new byte[n];
      if (n <= MAX_RETAINED) {
        tmp2 = b;
      }
      return b;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  // ---------------------------------------------------------------- parameters

  /** Whether c-blosc (forward-compatible split mode) splits blocks for this codec and size. */
  static boolean splitBlock(BloscCompressor c, int typesize, int blocksize) {
    return c != BloscCompressor.ZSTD
        && typesize <= MAX_SPLITS
        && blocksize / typesize >= MIN_BUFFERSIZE;
  }

  /** c-blosc 1.21's block size for a buffer of {@code nbytes} (forced = 0 for automatic). */
  static int computeBlocksize(BloscCompressor c, int clevel, int typesize, int nbytes, int forced) {
    if (nbytes < typesize) {
      return 1;
    }
    int bs = nbytes;
    if (forced > 0) {
      bs = Math.max(forced, MIN_BUFFERSIZE);
      bs = Math.min(bs, MAX_BLOCKSIZE);
    } else if (nbytes >= L1) {
      bs = L1;
      if (c.isHighRatio()) {
        bs *= 2;
      }
      switch (clevel) {
        case 0 -> bs /= 4;
        case 1 -> bs /= 2;
        case 2 -> {}
        case 3 -> bs *= 2;
        case 4, 5 -> bs *= 4;
        case 6, 7, 8 -> bs *= 8;
        default -> {
          bs *= 8;
          if (c.isHighRatio()) {
            bs *= 2;
          }
        }
      }
    }
    if (clevel > 0 && splitBlock(c, typesize, bs)) {
      bs = Math.min(bs, 1 << 18);
      bs *= typesize;
      bs = Math.max(bs, 1 << 16);
      bs = Math.min(bs, 1 << 20);
    }
    if (bs > nbytes) {
      bs = nbytes;
    }
    if (bs > typesize) {
      bs = bs / typesize * typesize;
    }
    return bs;
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Encodes {@code src[off, off+n)} into a new frame of exactly the encoded size.
   *
   * @param itemSize the element size; above 255 it is treated as 1 (as c-blosc does)
   */
  static byte[] encode(
      BloscCompressor compressor,
      int clevel,
      BloscShuffle shuffle,
      int forcedBlocksize,
      byte[] src,
      int off,
      int n,
      int itemSize,
      boolean pureJava) {
    if (itemSize <= 0) {
      throw new CodecException("blosc: item size must be positive, got " + itemSize);
    }
    if (n > MAX_BUFFERSIZE) {
      throw new CodecException(
          "blosc: cannot encode " + n + " bytes (the limit is " + MAX_BUFFERSIZE + ")");
    }
    BloscShuffle sh = shuffle.resolve(itemSize);
    int ts = itemSize > MAX_TYPESIZE ? 1 : itemSize;
    int bs = computeBlocksize(compressor, clevel, ts, n, forcedBlocksize);
    int nblocks = n / bs;
    int leftover = n % bs;
    if (leftover > 0) {
      nblocks++;
    }
    int flags = compressor.formatCode() << 5;
    if (sh == BloscShuffle.SHUFFLE) {
      flags |= FLAG_SHUFFLE;
    } else if (sh == BloscShuffle.BITSHUFFLE) {
      flags |= FLAG_BITSHUFFLE;
    }
    boolean dontSplit = !splitBlock(compressor, ts, bs);
    if (dontSplit) {
      flags |= FLAG_DONT_SPLIT;
    }
    if (clevel > 0 && n >= MIN_BUFFERSIZE) {
      byte[] frame =
          encodeBlocks(
              compressor,
              clevel,
              flags,
              ts,
              bs,
              nblocks,
              leftover,
              dontSplit,
              src,
              off,
              n,
              pureJava);
      if (frame != null) {
        return frame;
      }
    }
    // stored uncompressed
    byte[] out = new byte[n + HEADER];
    writeHeader(out, flags | FLAG_MEMCPYED, ts, n, bs, n + HEADER);
    System.arraycopy(src, off, out, HEADER, n);
    return out;
  }

  private static void writeHeader(byte[] out, int flags, int ts, int n, int bs, int cbytes) {
    out[0] = VERSION;
    out[1] = VERSION_LZ;
    out[2] = (byte) flags;
    out[3] = (byte) ts;
    LittleEndian.putInt(out, 4, n);
    LittleEndian.putInt(out, 8, bs);
    LittleEndian.putInt(out, 12, cbytes);
  }

  private static int streamBound(BloscCompressor c, int len) {
    return switch (c) {
      case LZ4, LZ4HC -> Lz4Block.maxCompressedLength(len);
      case SNAPPY -> SnappyBlock.maxCompressedLength(len);
      case ZSTD -> ZstdBlock.maxCompressedLength(len);
      case ZLIB, BLOSCLZ -> len;
    };
  }

  /** Returns the frame, or null when it would exceed {@code n + 16} bytes (then stored raw). */
  private static byte[] encodeBlocks(
      BloscCompressor compressor,
      int clevel,
      int flags,
      int ts,
      int bs,
      int nblocks,
      int leftover,
      boolean dontSplit,
      byte[] src,
      int off,
      int n,
      boolean pureJava) {
    long limit = (long) n + HEADER; // c-blosc's destination size in numcodecs
    long start = HEADER + 4L * nblocks;
    if (start > limit) {
      return null;
    }
    long capacity = limit + 4 + streamBound(compressor, bs) + 64;
    if (capacity > Integer.MAX_VALUE - 8) {
      capacity = Integer.MAX_VALUE - 8;
    }
    Scratch scratch = SCRATCH.get();
    byte[] out = scratch.out;
    if (out.length < capacity) {
      out = new byte[(int) capacity];
      if (capacity <= MAX_RETAINED) {
        scratch.out = out;
      }
    }
    boolean doShuffle = (flags & FLAG_SHUFFLE) != 0 && ts > 1;
    boolean doBitShuffle = !doShuffle && (flags & FLAG_BITSHUFFLE) != 0;
    byte[] tmp = (doShuffle || doBitShuffle) ? scratch.tmp(bs) : null;
    byte[] tmp2 = doBitShuffle && ts > 1 ? scratch.tmp2(bs) : null;
    int pos = (int) start;
    for (int j = 0; j < nblocks; j++) {
      LittleEndian.putInt(out, HEADER + 4 * j, pos);
      boolean leftoverBlock = j == nblocks - 1 && leftover > 0;
      int bsize = leftoverBlock ? leftover : bs;
      int blockOff = off + j * bs;
      byte[] in = src;
      int inOff = blockOff;
      if (doShuffle) {
        ShuffleKernels.shuffle(ts, src, blockOff, bsize, tmp, 0);
        in = tmp;
        inOff = 0;
      } else if (doBitShuffle && bsize >= ts) {
        ShuffleKernels.bitshuffle(ts, src, blockOff, bsize, tmp, 0, tmp2);
        in = tmp;
        inOff = 0;
      }
      int nsplits = (!dontSplit && !leftoverBlock) ? ts : 1;
      int neblock = bsize / nsplits;
      int bound = streamBound(compressor, neblock);
      for (int s = 0; s < nsplits; s++) {
        if (pos + 4L + bound > out.length) {
          return null; // only near the 2 GiB limit: store uncompressed instead
        }
        int streamOff = inOff + s * neblock;
        int csize =
            compressStream(compressor, clevel, ts, in, streamOff, neblock, out, pos + 4, pureJava);
        if (csize <= 0 || csize >= neblock) {
          System.arraycopy(in, streamOff, out, pos + 4, neblock);
          csize = neblock;
        }
        LittleEndian.putInt(out, pos, csize);
        pos += 4 + csize;
        if (pos > limit) {
          return null;
        }
      }
    }
    writeHeader(out, flags, ts, n, bs, pos);
    return Arrays.copyOf(out, pos);
  }

  /** Compresses one stream; returns its size, or -1 when it does not shrink. */
  private static int compressStream(
      BloscCompressor c,
      int clevel,
      int ts,
      byte[] in,
      int inOff,
      int len,
      byte[] out,
      int outOff,
      boolean pureJava) {
    return switch (c) {
      case BLOSCLZ -> BloscLz.compress(clevel, in, inOff, len, out, outOff, len - 1);
      case LZ4 -> Lz4Block.compress(in, inOff, len, out, outOff, 10 - clevel, pureJava);
      case LZ4HC -> Lz4Block.compressHc(in, inOff, len, out, outOff, clevel, pureJava);
      case SNAPPY -> SnappyBlock.compress(in, inOff, len, out, outOff);
      case ZLIB -> ZlibBlock.deflate(in, inOff, len, out, outOff, len - 1, clevel, false);
      case ZSTD ->
          ZstdBlock.compress(in, inOff, len, out, outOff, zstdLevel(clevel), false, pureJava);
    };
  }

  /** c-blosc's mapping of its clevel (1..9) to a zstd level. */
  static int zstdLevel(int clevel) {
    return clevel < 9 ? clevel * 2 - 1 : ZstdBlock.MAX_LEVEL;
  }

  // ---------------------------------------------------------------- decoding

  /**
   * Validates the header of the frame in {@code src[off, off+len)} and returns its decoded size.
   *
   * @throws CodecException if the header is malformed or the size exceeds {@code maxDecodedSize}
   */
  static int decodedSize(byte[] src, int off, int len, int maxDecodedSize) {
    BloscHeader h = BloscHeader.read(src, off, len);
    if (h.nbytes() < 0) {
      throw new CodecException("blosc: header claims a negative decoded size " + h.nbytes());
    }
    if (h.nbytes() > maxDecodedSize) {
      throw new CodecException(
          "blosc: header claims "
              + h.nbytes()
              + " decoded bytes, more than the limit of "
              + maxDecodedSize);
    }
    return h.nbytes();
  }

  /**
   * Decodes the frame in {@code src[off, off+len)} into {@code dst[dOff, dOff+dLen)}, where {@code
   * dLen} must be the frame's decoded size.
   */
  static void decode(
      byte[] src, int off, int len, byte[] dst, int dOff, int dLen, boolean pureJava) {
    BloscHeader h = BloscHeader.read(src, off, len);
    int nbytes = h.nbytes();
    int cbytes = checkFrame(h, len, dLen);
    if (nbytes == 0) {
      return;
    }
    int flags = checkFlags(h);
    if ((flags & FLAG_MEMCPYED) != 0) {
      checkCopied(nbytes, cbytes);
      System.arraycopy(src, off + HEADER, dst, dOff, nbytes);
      return;
    }
    int nblocks = checkBlocks(h);
    int ts = h.typeSize();
    int bs = h.blockSize();
    int format = h.compressorFormat();
    int leftover = nbytes % bs;
    int effBs = Math.min(bs, nbytes);
    boolean dontSplit = (flags & FLAG_DONT_SPLIT) != 0;
    boolean doShuffle = (flags & FLAG_SHUFFLE) != 0 && ts > 1;
    boolean doBitShuffle = !doShuffle && (flags & FLAG_BITSHUFFLE) != 0;
    Scratch scratch = SCRATCH.get();
    byte[] tmp = null;
    byte[] tmp2 = null;
    if (doShuffle || doBitShuffle) {
      tmp = scratch.tmp(effBs);
      if (doBitShuffle && ts > 1) {
        tmp2 = scratch.tmp2(effBs);
      }
    }
    int end = off + cbytes;
    byte[][] streamArrays = new byte[Math.min(ts, MAX_SPLITS)][];
    int[] streamOffsets = new int[Math.min(ts, MAX_SPLITS)];
    for (int j = 0; j < nblocks; j++) {
      boolean leftoverBlock = j == nblocks - 1 && leftover > 0;
      int bsize = leftoverBlock ? leftover : bs;
      int blockStart = LittleEndian.getInt(src, off + HEADER + 4 * j);
      if (blockStart < HEADER + 4 * nblocks || blockStart >= cbytes) {
        throw new CodecException(
            "blosc: block " + j + " starts at " + blockStart + ", outside the frame of " + cbytes);
      }
      boolean shuffled = doShuffle || (doBitShuffle && bsize >= ts);
      byte[] target = shuffled ? tmp : dst;
      int targetOff = shuffled ? 0 : dOff + j * bs;
      int nsplits =
          (!dontSplit && ts <= MAX_SPLITS && bsize / ts >= MIN_BUFFERSIZE && !leftoverBlock)
              ? ts
              : 1;
      if (bsize % nsplits != 0) {
        throw new CodecException(
            "blosc: block size " + bsize + " is not a multiple of the type size " + ts);
      }
      int neblock = bsize / nsplits;
      int p = off + blockStart;
      // Byte-shuffled split blocks unshuffle straight from each stream's bytes: raw streams are
      // read in place in the frame, compressed ones are decompressed into tmp first.
      boolean direct = doShuffle && nsplits == ts;
      for (int s = 0; s < nsplits; s++) {
        if (end - p < 4) {
          throw new CodecException("blosc: block " + j + " is truncated");
        }
        int csize = LittleEndian.getInt(src, p);
        p += 4;
        if (csize < 0 || csize > end - p) {
          throw new CodecException(
              "blosc: block "
                  + j
                  + " stream "
                  + s
                  + " claims "
                  + csize
                  + " bytes, beyond the end of the frame");
        }
        int to = targetOff + s * neblock;
        if (csize == neblock) {
          if (direct) {
            streamArrays[s] = src;
            streamOffsets[s] = p;
          } else {
            System.arraycopy(src, p, target, to, neblock);
          }
        } else {
          decompressStream(format, src, p, csize, target, to, neblock, j, pureJava);
          if (direct) {
            streamArrays[s] = target;
            streamOffsets[s] = to;
          }
        }
        p += csize;
      }
      if (direct) {
        ShuffleKernels.unshuffleStreams(
            ts, streamArrays, streamOffsets, neblock, dst, dOff + j * bs);
      } else if (doShuffle) {
        ShuffleKernels.unshuffle(ts, tmp, 0, bsize, dst, dOff + j * bs);
      } else if (doBitShuffle && bsize >= ts) {
        ShuffleKernels.bitunshuffle(ts, tmp, 0, bsize, dst, dOff + j * bs, tmp2);
      }
    }
  }

  /**
   * Checks what every decode relies on first: the decoded size, the format version and the frame
   * length against the {@code available} bytes.
   *
   * @return the frame length
   */
  static int checkFrame(BloscHeader h, long available, int dLen) {
    int nbytes = h.nbytes();
    if (nbytes != dLen) {
      throw new CodecException(
          "blosc: frame decodes to " + nbytes + " bytes but the destination holds " + dLen);
    }
    if (h.version() < 1 || h.version() > VERSION) {
      throw new CodecException("blosc: unsupported frame format version " + h.version());
    }
    int cbytes = h.cbytes();
    if (cbytes < HEADER || cbytes > available) {
      throw new CodecException(
          "blosc: header claims a frame of "
              + cbytes
              + " bytes but "
              + available
              + " bytes are available (truncated or corrupt)");
    }
    return cbytes;
  }

  /** Refuses the reserved flag bit; returns the flags. */
  static int checkFlags(BloscHeader h) {
    int flags = h.flags();
    if ((flags & FLAG_RESERVED) != 0) {
      throw new CodecException(
          "blosc: header sets reserved flag bit 3 (flags 0x" + Integer.toHexString(flags) + ")");
    }
    return flags;
  }

  /** Checks that an uncompressed (memcpyed) frame holds its {@code nbytes}. */
  static void checkCopied(int nbytes, int cbytes) {
    if ((long) nbytes + HEADER > cbytes) {
      throw new CodecException(
          "blosc: uncompressed frame of "
              + cbytes
              + " bytes cannot hold "
              + nbytes
              + " bytes (truncated)");
    }
  }

  /**
   * Checks the fields a compressed frame's blocks depend on: type size, block size, compressor
   * format and its version, and room for the block offsets.
   *
   * @return the number of blocks
   */
  static int checkBlocks(BloscHeader h) {
    int ts = h.typeSize();
    int bs = h.blockSize();
    if (ts == 0) {
      throw new CodecException("blosc: header has type size 0");
    }
    if (bs <= 0) {
      throw new CodecException("blosc: header has invalid block size " + bs);
    }
    int format = h.compressorFormat();
    if (format > 4) {
      throw new CodecException("blosc: unknown compressor format code " + format);
    }
    if (h.versionLz() != VERSION_LZ) {
      throw new CodecException(
          "blosc: unsupported " + formatName(format) + " format version " + h.versionLz());
    }
    int nbytes = h.nbytes();
    int cbytes = h.cbytes();
    long nblocks = nbytes / bs + (nbytes % bs > 0 ? 1 : 0);
    if (HEADER + 4 * nblocks > cbytes) {
      throw new CodecException(
          "blosc: frame of "
              + cbytes
              + " bytes is too short for its "
              + nblocks
              + " block offsets");
    }
    return (int) nblocks;
  }

  /** The name of a Blosc compressor format code, for messages. */
  static String formatName(int format) {
    return switch (format) {
      case 0 -> "blosclz";
      case 1 -> "lz4";
      case 2 -> "snappy";
      case 3 -> "zlib";
      case 4 -> "zstd";
      default -> "format " + format;
    };
  }

  /** Decompresses one stream that must expand to exactly {@code dLen} bytes. */
  static void decompressStream(
      int format,
      byte[] src,
      int p,
      int csize,
      byte[] dst,
      int dOff,
      int dLen,
      int block,
      boolean pureJava) {
    // the block number goes into the message only on failure: no string is built per stream
    String what = STREAM_NAMES[format];
    try {
      switch (format) {
        case 0 -> BloscLz.decompressExact(src, p, csize, dst, dOff, dLen, what);
        case 1 -> Lz4Block.decompressExact(src, p, csize, dst, dOff, dLen, what, pureJava);
        case 2 -> SnappyBlock.decompressExact(src, p, csize, dst, dOff, dLen, what);
        case 3 -> ZlibBlock.inflateExact(src, p, csize, dst, dOff, dLen, false, what);
        case 4 -> ZstdBlock.decompressExact(src, p, csize, dst, dOff, dLen, what, pureJava);
        default -> throw new CodecException("blosc: unknown compressor format code " + format);
      }
    } catch (CodecException e) {
      throw new CodecException("blosc block " + block + " " + e.getMessage(), e);
    }
  }

  /** What a stream of each compressor format is called in messages, after "blosc block N". */
  private static final String[] STREAM_NAMES = {
    "(" + formatName(0) + ")",
    "(" + formatName(1) + ")",
    "(" + formatName(2) + ")",
    "(" + formatName(3) + ")",
    "(" + formatName(4) + ")"
  };
}
