package dev.zarr4j.codec.blosc;

import dev.zarr4j.exceptions.CodecException;

/** The compressors Blosc can apply to each block, by their numcodecs {@code cname}. */
public enum BloscCompressor {
  /** Blosc's own LZ77 codec (format code 0). */
  BLOSCLZ("blosclz", 0),
  /** LZ4 (format code 1). */
  LZ4("lz4", 1),
  /** LZ4 in high-compression mode; same format as {@link #LZ4} (format code 1). */
  LZ4HC("lz4hc", 1),
  /** Snappy (format code 2). */
  SNAPPY("snappy", 2),
  /** Zlib (format code 3). */
  ZLIB("zlib", 3),
  /** Zstandard (format code 4). */
  ZSTD("zstd", 4);

  private final String cname;
  private final int format;

  BloscCompressor(String cname, int format) {
    this.cname = cname;
    this.format = format;
  }

  /** The name numcodecs uses in {@code cname}, e.g. {@code "lz4"}. */
  public String cname() {
    return cname;
  }

  /** The 3-bit compressor format code stored in a Blosc header's flags. */
  public int formatCode() {
    return format;
  }

  /** Whether this is one of the codecs meant for high compression ratios (lz4hc, zlib, zstd). */
  boolean isHighRatio() {
    return this == LZ4HC || this == ZLIB || this == ZSTD;
  }

  /**
   * The compressor with this {@code cname}.
   *
   * @throws CodecException if no compressor has that name
   */
  public static BloscCompressor fromCname(String cname) {
    for (BloscCompressor c : values()) {
      if (c.cname.equals(cname)) {
        return c;
      }
    }
    throw new CodecException(
        "blosc: unknown cname '" + cname + "' (known: blosclz, lz4, lz4hc, snappy, zlib, zstd)");
  }
}
