package dev.zarr4j.compression.zstd;

/**
 * The code tables Zstandard's sequences section shares between encoder and decoder (RFC 8878
 * section 3.1.1.3.2): what each literal-length and match-length code stands for, and the predefined
 * distributions of the three code streams.
 */
final class ZstdSequenceCodes {
  private ZstdSequenceCodes() {}

  /** The smallest literal length of each literal-length code. */
  static final int[] LL_BASE = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64,
    128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536
  };

  /** The extra bits that follow each literal-length code. */
  static final int[] LL_BITS = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11,
    12, 13, 14, 15, 16
  };

  /** The smallest match length of each match-length code. */
  static final int[] ML_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
    29, 30, 31, 32, 33, 34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
    4099, 8195, 16387, 32771, 65539
  };

  /** The extra bits that follow each match-length code. */
  static final int[] ML_BITS = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
  };

  /** The predefined literal-length distribution (-1: less than one). */
  static final short[] LL_DEFAULT = {
    4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
    -1, -1, -1, -1
  };

  /** The predefined match-length distribution. */
  static final short[] ML_DEFAULT = {
    1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1
  };

  /** The predefined offset-code distribution. */
  static final short[] OF_DEFAULT = {
    1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1
  };

  /** The accuracy logs of the predefined distributions. */
  static final int LL_DEFAULT_LOG = 6;

  static final int ML_DEFAULT_LOG = 6;
  static final int OF_DEFAULT_LOG = 5;

  /** The largest accuracy logs a block's own tables may have. */
  static final int LL_MAX_LOG = 9;

  static final int ML_MAX_LOG = 9;
  static final int OF_MAX_LOG = 8;
}
