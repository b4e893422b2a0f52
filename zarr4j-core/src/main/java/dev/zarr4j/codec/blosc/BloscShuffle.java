package dev.zarr4j.codec.blosc;

import dev.zarr4j.exceptions.CodecException;

/** Blosc's shuffle filters, with numcodecs' integer codes. */
public enum BloscShuffle {
  /** Bit shuffle for 1-byte items, byte shuffle otherwise (numcodecs only; code -1). */
  AUTOSHUFFLE(-1),
  /** No shuffle (code 0). */
  NOSHUFFLE(0),
  /** Byte shuffle (code 1). */
  SHUFFLE(1),
  /** Bit shuffle (code 2). */
  BITSHUFFLE(2);

  private final int code;

  BloscShuffle(int code) {
    this.code = code;
  }

  /** The numcodecs integer code written in the {@code shuffle} configuration key. */
  public int code() {
    return code;
  }

  /** The concrete filter for items of {@code itemSize} bytes: resolves {@link #AUTOSHUFFLE}. */
  public BloscShuffle resolve(int itemSize) {
    if (this != AUTOSHUFFLE) {
      return this;
    }
    return itemSize == 1 ? BITSHUFFLE : SHUFFLE;
  }

  /**
   * The shuffle with this numcodecs code.
   *
   * @throws CodecException if the code is not -1, 0, 1 or 2
   */
  public static BloscShuffle fromCode(int code) {
    for (BloscShuffle s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new CodecException(
        "blosc: unknown shuffle "
            + code
            + " (known: -1 AUTOSHUFFLE, 0 NOSHUFFLE, 1 SHUFFLE, 2 BITSHUFFLE)");
  }
}
