package dev.zarr4j.codec.object;

import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 as Python's {@code str.encode('utf-8')} and {@code bytes.decode('utf-8')}: an
 * unpaired surrogate cannot be encoded, and malformed input (overlong forms, encoded surrogates,
 * code points above U+10FFFF, truncated sequences) cannot be decoded. Java's lenient {@link
 * String#getBytes} and {@code new String(bytes, UTF_8)} would substitute characters instead.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * Encodes a string.
   *
   * @return the UTF-8 bytes, or {@code null} if the string holds an unpaired surrogate (at {@link
   *     #badSurrogate})
   */
  static byte[] encode(String s) {
    if (badSurrogate(s) >= 0) {
      return null;
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1. */
  static int badSurrogate(CharSequence s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      return i;
    }
    return -1;
  }

  /** A message naming the unpaired surrogate, as Python's UnicodeEncodeError does. */
  static String surrogateMessage(String s) {
    int i = badSurrogate(s);
    return String.format(
        "'utf-8' codec can't encode character '\\u%04x' in position %d: surrogates not allowed",
        (int) s.charAt(i), s.codePointCount(0, i));
  }

  /** A reusable strict decoder (not thread-safe: one per decode call). */
  static final class Decoder {
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * Decodes {@code length} bytes at {@code offset}.
     *
     * @return the string, or {@code null} if the bytes are not valid UTF-8
     */
    String decode(byte[] bytes, int offset, int length) {
      boolean ascii = true;
      for (int i = offset, end = offset + length; i < end; i++) {
        if (bytes[i] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
      }
      try {
        decoder.reset();
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, length));
        return chars.toString();
      } catch (CharacterCodingException e) {
        return null;
      }
    }

    /**
     * Decodes, or fails with a {@link CodecException} naming the codec and what was decoded.
     *
     * @param what for example {@code "item 3"}
     */
    String decodeOrFail(String codec, String what, byte[] bytes, int offset, int length) {
      String s = decode(bytes, offset, length);
      if (s == null) {
        throw new CodecException(codec + ": " + what + " is not valid UTF-8");
      }
      return s;
    }
  }
}
