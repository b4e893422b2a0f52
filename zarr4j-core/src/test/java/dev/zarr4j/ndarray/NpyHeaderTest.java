package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.exceptions.ZarrException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyHeaderTest {

  /** A file prefix with the given version and header text, padded as NumPy would not bother to. */
  private static byte[] file(int major, String header) {
    byte[] text =
        header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    out.write(text.length & 0xff);
    out.write((text.length >>> 8) & 0xff);
    if (major > 1) {
      out.write(0);
      out.write(0);
    }
    out.writeBytes(text);
    return out.toByteArray();
  }

  private static NpyHeader parse(String header) {
    return NpyHeader.read(ByteBuffer.wrap(file(1, header)));
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  @Test
  void writesTheSameBytesAsNpSave() {
    NpyHeader h = NpyHeader.of("<f8", false, 3, 4);
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";
    // np.save pads by 21 - len('3') spaces for growth, then to 64 bytes with a final newline.
    String text = dict + " ".repeat(20);
    int pad = 64 - ((10 + text.length() + 1) % 64);
    byte[] expected = file(1, text + " ".repeat(pad) + "\n");
    assertThat(h.toBytes()).isEqualTo(expected).hasSize(128);
    assertThat(h.version()).isEqualTo(1);
    assertThat(h.dataOffset()).isEqualTo(128);
    assertThat(h.dictLiteral()).isEqualTo(dict);
  }

  /**
   * Total header length for a text of the given length: magic, version, 2-byte length, text,
   * newline.
   */
  private static int aligned(int textLength) {
    return ((10 + textLength + 1) / 64 + 1) * 64;
  }

  @Test
  void growthPaddingFollowsTheGrowingAxis() {
    int visible = 0;
    for (int n = 1; n < 80; n++) {
      Object d = List.of(List.of("a".repeat(n), "|u1"));
      NpyHeader c = NpyHeader.of(d, false, 2, 10);
      NpyHeader f = NpyHeader.of(d, true, 2, 10);
      // C order may grow axis 0 ('2': 20 spare spaces), Fortran order the last axis ('10': 19)
      assertThat(c.toBytes()).hasSize(aligned(c.dictLiteral().length() + 20));
      assertThat(f.toBytes()).hasSize(aligned(f.dictLiteral().length() + 19));
      if (aligned(f.dictLiteral().length() + 19) != aligned(f.dictLiteral().length() + 20)) {
        visible++;
      }
    }
    assertThat(visible).isPositive();
    String zeroD = new String(NpyHeader.of("<i4", false).toBytes(), StandardCharsets.ISO_8859_1);
    assertThat(zeroD).contains("'shape': (), }").endsWith("\n").hasSize(128);
  }

  @Test
  void writesStructuredDescrsAsNumpyReprs() {
    Object descr =
        List.of(
            List.of("a", "<i4"),
            List.of(List.of("title", "b"), "<f8", List.of(2L, 3L)),
            List.of("c", List.of(List.of("x", "|u1"), List.of("", "|V3")), List.of(2)),
            List.of("it's", "|S5"),
            List.of("q\"'\\", "<U3"));
    assertThat(NpyHeader.of(descr, false, 5).dictLiteral())
        .isEqualTo(
            "{'descr': [('a', '<i4'), (('title', 'b'), '<f8', (2, 3)), ('c', [('x', '|u1'), ('',"
                + " '|V3')], (2,)), (\"it's\", '|S5'), ('q\"\\'\\\\', '<U3')], 'fortran_order':"
                + " False, 'shape': (5,), }");
  }

  @Test
  void chooseVersionsLikeNumpy() {
    // Latin-1 names stay in version 1.0, as Latin-1 bytes.
    NpyHeader latin = NpyHeader.of(List.of(List.of("é", "<i4")), false, 2);
    assertThat(latin.version()).isEqualTo(1);
    assertThat(new String(latin.toBytes(), StandardCharsets.ISO_8859_1)).contains("[('é', '<i4')]");
    // Anything beyond Latin-1 needs UTF-8, version 3.0.
    NpyHeader cjk = NpyHeader.of(List.of(List.of("中", "<i4")), false, 2);
    assertThat(cjk.version()).isEqualTo(3);
    byte[] b = cjk.toBytes();
    assertThat(b.length % 64).isZero();
    assertThat(new String(b, 12, b.length - 12, StandardCharsets.UTF_8))
        .startsWith("{'descr': [('中'");
    // More than 65535 bytes of header needs the 4-byte length of version 2.0.
    List<Object> fields = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      fields.add(List.of("field" + i, "<f8"));
    }
    NpyHeader big = NpyHeader.of(fields, false, 1);
    assertThat(big.version()).isEqualTo(2);
    assertThat(big.toBytes().length % 64).isZero();
    assertThat(NpyHeader.read(ByteBuffer.wrap(big.toBytes()))).isEqualTo(big);
  }

  @Test
  void pythonStringReprOfNonPrintables() {
    assertThat(NpyLiteral.repr("a\tb\n\r\u0000\u007f\u0080\u00a0\u00ad\u00e9\u2028\u4e2d😀\ud800"))
        .isEqualTo("'a\\tb\\n\\r\\x00\\x7f\\x80\\xa0\\xad\u00e9\\u2028\u4e2d😀\\ud800'");
    assertThat(NpyLiteral.repr("\udb40\udc01")).isEqualTo("'\\U000e0001'"); // format char
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  @Test
  void readsWhatItWritesFromEverySource(@TempDir Path dir) throws IOException {
    NpyHeader h =
        NpyHeader.of(List.of(List.of("a", "<i4"), List.of("b", "<f8", List.of(2L))), true, 2, 0, 7);
    byte[] data = {1, 2, 3};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    h.write(out);
    out.writeBytes(data);
    byte[] bytes = out.toByteArray();

    InputStream in = new ByteArrayInputStream(bytes);
    assertThat(NpyHeader.read(in)).isEqualTo(h);
    assertThat(in.readAllBytes()).isEqualTo(data); // the stream is left at the data

    ByteBuffer buf = ByteBuffer.wrap(bytes);
    assertThat(NpyHeader.read(buf)).isEqualTo(h);
    assertThat(buf.position()).isEqualTo(h.dataOffset());

    Path file = dir.resolve("a.npy");
    Files.write(file, bytes);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.position(5);
      assertThat(NpyHeader.read(ch)).isEqualTo(h);
      assertThat(ch.position()).isEqualTo(5);
    }
    assertThat(h.shape()).containsExactly(2, 0, 7);
    assertThat(h.ndim()).isEqualTo(3);
    assertThat(h.elementCount()).isZero();
  }

  @Test
  void acceptsLiteralVariantsNumpyAccepts() {
    String header =
        "{ \"shape\" : ( 3 , 4 , ) , 'fortran_order':True,\n 'descr':u'<' \"f\" '4'}  # hi\n";
    NpyHeader h = parse(header);
    assertThat(h.descr()).isEqualTo("<f4");
    assertThat(h.fortranOrder()).isTrue();
    assertThat(h.shape()).containsExactly(3, 4);
    assertThat(h.dataOffset()).isEqualTo(10 + header.length());
    assertThat(
            parse("{'descr': '<i8', 'fortran_order': False, 'shape': (1_000, 0x10, +2)}").shape())
        .containsExactly(1000, 16, 2);
    // Python 2 headers could carry an L suffix; numpy strips it from 1.0 and 2.0 headers.
    assertThat(parse("{'descr': '<i8', 'fortran_order': False, 'shape': (3L, 4L), }").shape())
        .containsExactly(3, 4);
    assertThat(parse("{'descr': [('a', '<i4', 3)], 'fortran_order': False, 'shape': ()}").descr())
        .isEqualTo(List.of(List.of("a", "<i4", List.of(3L))));
    assertThat(parse("{'descr': [['a', '<i4']], 'fortran_order': False, 'shape': ()}").descr())
        .isEqualTo(List.of(List.of("a", "<i4")));
    assertThat(
            parse("{'descr': '\\x3cU\\u0031\\N{DIGIT ZERO}', 'fortran_order': False, 'shape': ()}")
                .descr())
        .isEqualTo("<U10");
    assertThat(parse("{'descr': r'a\\'b', 'fortran_order': False, 'shape': ()}").descr())
        .isEqualTo("a\\'b");
    // a repeated key keeps its last value, as in Python
    assertThat(parse("{'descr': 1, 'descr': '|b1', 'fortran_order': False, 'shape': ()}").descr())
        .isEqualTo("|b1");
  }

  @Test
  void readsVersion3Utf8() {
    String header = "{'descr': [('中', '<i4')], 'fortran_order': False, 'shape': (2,), }\n";
    NpyHeader h = NpyHeader.read(ByteBuffer.wrap(file(3, header)));
    assertThat(h.descr()).isEqualTo(List.of(List.of("中", "<i4")));
    assertThat(h.version()).isEqualTo(3);
    byte[] bad = file(3, "{'descr': '\u00ff', 'fortran_order': False, 'shape': (2,), }\n");
    bad[bad.length - 40] = (byte) 0xff; // inside the text: not UTF-8
    assertThatThrownBy(() -> NpyHeader.read(ByteBuffer.wrap(bad)))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("UTF-8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'descr': '<f8', 'fortran_order': False}|exactly the keys",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}|exactly the keys",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3)}|not a tuple of integers",
        "{'descr': '<f8', 'fortran_order': False, 'shape': [3]}|not a tuple of integers",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (True,)}|not a tuple of integers",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3.0,)}|not a tuple of integers",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3, -1)}|negative dimension -1 at axis"
            + " 1",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775808,)}|larger than",
        "{'descr': '<f8', 'fortran_order': 0, 'shape': ()}|fortran_order is not True or False",
        "{'descr': 5, 'fortran_order': False, 'shape': ()}|descr is not a valid",
        "{'descr': [('a',)], 'fortran_order': False, 'shape': ()}|descr is not a valid",
        "{'descr': [('a', '<i4', (-1,))], 'fortran_order': False, 'shape': ()}|negative",
        "{'descr': [(1, '<i4')], 'fortran_order': False, 'shape': ()}|field name",
        "{'descr': ('<i4', (2,)), 'fortran_order': False, 'shape': ()}|subarray",
        "['descr', 'fortran_order', 'shape']|not a dictionary",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ()} x|after the header dictionary",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (), |expected a value",
        "{'descr': '<f8' 'fortran_order': False, 'shape': ()}|expected ',' or '}' in a dictionary",
        "{'descr': '<f8, 'fortran_order': False, 'shape': ()}|expected ',' or '}' in a dictionary"
            + " but found 'f'",
        "{'descr': '<f8', 'fortran_order': false, 'shape': ()}|unknown name 'false'",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (03,)}|leading zeros",
        "{'descr': b'<f8', 'fortran_order': False, 'shape': ()}|bytes literals",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1j,)}|complex",
        "{'descr': '<f8\n', 'fortran_order': False, 'shape': ()}|end of line inside a string",
        "{'descr': '\\xZZ', 'fortran_order': False, 'shape': ()}|malformed",
        "{'descr': [], 'fortran_order': False, 'shape': ()}]|after the header dictionary",
        "|expected a value but found end of header",
      })
  void rejectsBadHeadersWithClearMessages(String caseText) {
    int bar = caseText.lastIndexOf('|');
    String header = caseText.substring(0, bar);
    String message = caseText.substring(bar + 1);
    assertThatThrownBy(() -> parse(header))
        .isInstanceOf(NpyFormatException.class)
        .isInstanceOf(ZarrException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsBadMagicAndVersions() {
    byte[] good = NpyHeader.of("<f8", false, 3).toBytes();
    byte[] badMagic = good.clone();
    badMagic[1] = 'n';
    assertThatThrownBy(() -> NpyHeader.read(ByteBuffer.wrap(badMagic)))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("not a .npy file")
        .hasMessageContaining("b'\\x93nUMPY'");
    for (int[] v : new int[][] {{0, 0}, {4, 0}, {1, 1}, {2, 5}}) {
      byte[] bad = good.clone();
      bad[6] = (byte) v[0];
      bad[7] = (byte) v[1];
      assertThatThrownBy(() -> NpyHeader.read(ByteBuffer.wrap(bad)))
          .isInstanceOf(NpyFormatException.class)
          .hasMessageContaining("unsupported .npy format version " + v[0] + "." + v[1]);
    }
  }

  @Test
  void everyTruncationIsReported() {
    byte[] good = NpyHeader.of("<f8", false, 3).toBytes();
    for (int n = 0; n < good.length; n++) {
      byte[] cut = Arrays.copyOf(good, n);
      assertThatThrownBy(() -> NpyHeader.read(new ByteArrayInputStream(cut)))
          .as("first %d bytes", n)
          .isInstanceOf(NpyFormatException.class)
          .hasMessageContaining("truncated");
      assertThatThrownBy(() -> NpyHeader.read(ByteBuffer.wrap(cut)))
          .isInstanceOf(NpyFormatException.class)
          .hasMessageContaining("truncated");
    }
    assertThat(NpyHeader.read(ByteBuffer.wrap(good)).shape()).containsExactly(3);
  }

  @Test
  void rejectsOverlongHeadersAndDeepNesting() {
    byte[] huge = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, 0x40};
    assertThatThrownBy(() -> NpyHeader.read(ByteBuffer.wrap(huge)))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("1073741824 bytes long");
    String longInt = "1" + "0".repeat(5000);
    assertThatThrownBy(
            () -> parse("{'descr': '<f8', 'fortran_order': False, 'shape': (" + longInt + ",)}"))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("too long");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> parse("{'descr': " + deep + ", 'fortran_order': False, 'shape': ()}"))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("nested deeper");
  }

  /** Random corruptions of valid headers fail only with NpyFormatException, never otherwise. */
  @Test
  void fuzzedHeadersFailCleanly() {
    SplittableRandom rnd = new SplittableRandom(42);
    Object[] descrs = {
      "<f8", "|S5", List.of(List.of("a", "<i4"), List.of(List.of("t", "b"), "<f8", List.of(2L)))
    };
    String alphabet = "{}[](),:'\"\\ xuUN0123456789-+_LTrueFalsNoj.#\n\u00e9";
    int ok = 0;
    for (int i = 0; i < 20_000; i++) {
      NpyHeader h = NpyHeader.of(descrs[i % 3], rnd.nextBoolean(), rnd.nextLong(0, 1000), 3);
      byte[] b = h.toBytes();
      int edits = rnd.nextInt(1, 4);
      for (int e = 0; e < edits; e++) {
        int at = rnd.nextInt(i % 10 == 0 ? 0 : 10, b.length);
        b[at] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
      }
      if (rnd.nextInt(10) == 0) {
        b = Arrays.copyOf(b, rnd.nextInt(b.length));
      }
      try {
        NpyHeader r = NpyHeader.read(ByteBuffer.wrap(b));
        assertThat(r.dataOffset()).isLessThanOrEqualTo(b.length);
        ok++;
      } catch (NpyFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
    assertThat(ok).as("some corruptions (in padding) still parse").isPositive();
  }

  // ---------------------------------------------------------------------------------------------
  // Values and sizes

  @Test
  void sizesAreOverflowChecked() {
    NpyHeader h = NpyHeader.of("<f8", false, 1L << 40, 1L << 22);
    assertThat(h.elementCount()).isEqualTo(1L << 62);
    assertThatThrownBy(() -> h.dataLength(8))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("8-byte items");
    NpyHeader over = NpyHeader.of("<f8", false, 1L << 40, 1L << 40);
    assertThatThrownBy(over::elementCount).isInstanceOf(NpyFormatException.class);
    assertThat(NpyHeader.of("<f8", false, 1L << 40, 1L << 40, 0).dataLength(8)).isZero();
    assertThat(NpyHeader.of("<f8", false).elementCount()).isEqualTo(1);
    assertThat(NpyHeader.of("<U3", false, 4, 5).dataLength(12)).isEqualTo(240);
    assertThatThrownBy(() -> h.dataLength(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueSemantics() {
    long[] shape = {2, 3};
    NpyHeader a = NpyHeader.of("<f8", false, shape);
    shape[0] = 99;
    assertThat(a.shape()).containsExactly(2, 3);
    a.shape()[0] = 99;
    assertThat(a.shape()).containsExactly(2, 3);
    NpyHeader b = NpyHeader.of("<f8", false, 2, 3);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(NpyHeader.of("<f8", true, 2, 3));
    assertThat(a.toString())
        .isEqualTo(
            "NpyHeader[descr='<f8', fortranOrder=false, shape=(2, 3), version=1, dataOffset=128]");
    List<Object> mutable = new ArrayList<>(List.of(new ArrayList<>(List.of("a", "<i4"))));
    NpyHeader s = NpyHeader.of(mutable, false, 1);
    mutable.clear();
    assertThat(s.descr()).isEqualTo(List.of(List.of("a", "<i4")));
    assertThatThrownBy(() -> ((List<?>) s.descr()).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void constructorValidates() {
    assertThatThrownBy(() -> NpyHeader.of("<f8", false, 2, -3))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageContaining("negative dimension -3 at axis 1");
    assertThatThrownBy(() -> NpyHeader.of(5, false, 2)).isInstanceOf(NpyFormatException.class);
    assertThatThrownBy(() -> NpyHeader.of(List.of(List.of("a")), false, 2))
        .isInstanceOf(NpyFormatException.class);
    assertThatThrownBy(() -> NpyHeader.of(List.of(List.of(List.of("t"), "<i4")), false, 2))
        .isInstanceOf(NpyFormatException.class);
    assertThatThrownBy(() -> NpyHeader.of(List.of(List.of("a", "<i4", List.of(-1))), false, 2))
        .isInstanceOf(NpyFormatException.class);
    assertThatThrownBy(() -> new NpyHeader("<f8", false, new long[0], 4, 128))
        .isInstanceOf(NpyFormatException.class);
    assertThat(NpyHeader.of(List.of(List.of("a", "<i4", 3)), false, 2).descr())
        .isEqualTo(List.of(List.of("a", "<i4", List.of(3L))));
  }
}
