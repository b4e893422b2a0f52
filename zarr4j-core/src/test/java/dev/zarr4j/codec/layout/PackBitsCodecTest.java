package dev.zarr4j.codec.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.CodecRegistry;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Zarr v3's {@code packbits}: its configuration both ways, encoded bytes checked against a bit
 * string built by hand, and random chunks of every supported type and bit range against a model of
 * the registry's algorithm (keep bits first..last, sign-extend signed integers).
 */
class PackBitsCodecTest {

  private static final CodecOptions OPTIONS = CodecOptions.AUTO;

  private static ChunkArray chunk(NdArray a) {
    ChunkSpec spec = new ChunkSpec(a.shape(), a.dtype(), NdArray.zeros(a.dtype()).get());
    NdArray le = a;
    ByteBuffer raw = ByteBuffer.allocate(a.size() * a.dtype().itemSize());
    dev.zarr4j.ndarray.RawCopy.encode(
        le.data(),
        0,
        new long[] {1},
        raw,
        0,
        new long[] {a.dtype().itemSize()},
        new long[] {a.size()},
        a.dtype());
    return ChunkArray.ofBytes(spec, raw);
  }

  private static NdArray array(ChunkArray c) {
    ChunkSpec spec = c.spec();
    NdArray out = NdArray.zeros(spec.dtype(), spec.shape());
    dev.zarr4j.ndarray.RawCopy.decode(
        c.contiguous().bytes(),
        0,
        new long[] {spec.dtype().itemSize()},
        out.data(),
        0,
        new long[] {1},
        new long[] {out.size()},
        spec.dtype());
    return out;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void configurationBothWays() {
    assertThat(CodecRegistry.fromV3Config(Map.of("name", "packbits")))
        .isEqualTo(PackBitsCodec.DEFAULT);
    assertThat(PackBitsCodec.DEFAULT.toV3Config())
        .isEqualTo(Map.of("name", "packbits", "configuration", Map.of("padding_encoding", "none")));
    PackBitsCodec c = new PackBitsCodec(PackBitsCodec.Padding.FIRST_BYTE, 2, 5);
    assertThat(c.toV3Config())
        .isEqualTo(
            Map.of(
                "name",
                "packbits",
                "configuration",
                Map.of("padding_encoding", "first_byte", "first_bit", 2, "last_bit", 5)));
    assertThat(CodecRegistry.fromV3Config(c.toV3Config())).isEqualTo(c);
    // the registry schema's spellings
    Map<String, Object> schema = new HashMap<>();
    schema.put("padding_encoding", "end_byte");
    schema.put("start_bit", 1);
    schema.put("end_bit", null);
    assertThat(CodecRegistry.fromV3Config(Map.of("name", "packbits", "configuration", schema)))
        .isEqualTo(new PackBitsCodec(PackBitsCodec.Padding.LAST_BYTE, 1, null));
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("padding_encoding", "middle"),
            Map.of("first_bit", -1),
            Map.of("first_bit", 3, "last_bit", 2),
            Map.of("last_bit", 1.5),
            Map.of("first_bit", 1, "start_bit", 1),
            Map.of("bits", 3))) {
      assertThatThrownBy(
              () -> CodecRegistry.fromV3Config(Map.of("name", "packbits", "configuration", bad)))
          .as("%s", bad)
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("packbits");
    }
    assertThatThrownBy(
            () ->
                new PackBitsCodec(PackBitsCodec.Padding.NONE, null, 8)
                    .resolve(new ChunkSpec(new int[] {2}, DataType.INT4, 0L)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("int4");
    assertThatThrownBy(
            () ->
                PackBitsCodec.DEFAULT.resolve(
                    new ChunkSpec(new int[] {2}, DataType.unicode(2), "")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("packbits");
  }

  @Test
  void knownEncodings() {
    // bool, 10 elements: 10 bits, 6 of padding, recorded first
    NdArray bools = NdArray.zeros(DataType.BOOL, 10);
    for (int i : new int[] {0, 3, 8, 9}) {
      bools.setFlat(i, true);
    }
    PackBitsCodec first = new PackBitsCodec(PackBitsCodec.Padding.FIRST_BYTE, null, null);
    assertThat(bytes(first.encode(chunk(bools), OPTIONS))).containsExactly(6, 0b1001, 0b11);
    PackBitsCodec last = new PackBitsCodec(PackBitsCodec.Padding.LAST_BYTE, null, null);
    assertThat(bytes(last.encode(chunk(bools), OPTIONS))).containsExactly(0b1001, 0b11, 6);
    // uint2: 3, 0, 1, 2, 3 -> bits 11 00 10 01 | 11
    NdArray u2 = NdArray.zeros(DataType.UINT2, 5);
    long[] vals = {3, 0, 1, 2, 3};
    for (int i = 0; i < vals.length; i++) {
      u2.setFlat(i, vals[i]);
    }
    assertThat(bytes(PackBitsCodec.DEFAULT.encode(chunk(u2), OPTIONS)))
        .containsExactly(0b10010011, 0b11);
    // uint16 keeping bits 4..11 is one byte per element
    NdArray u16 = NdArray.zeros(DataType.UINT16, 2);
    u16.setFlat(0, 0xabcdL);
    u16.setFlat(1, 0x1234L);
    PackBitsCodec middle = new PackBitsCodec(PackBitsCodec.Padding.NONE, 4, 11);
    assertThat(bytes(middle.encode(chunk(u16), OPTIONS))).containsExactly((byte) 0xbc, (byte) 0x23);
    assertThat(
            array(
                    middle.decode(
                        ByteBuffer.wrap(new byte[] {(byte) 0xbc, 0x23}),
                        chunk(u16).spec(),
                        OPTIONS))
                .toLongArray())
        .containsExactly(0xbc0, 0x230);
    // a signed component sign-extends from its top kept bit
    NdArray i16 = NdArray.zeros(DataType.INT16, 1);
    i16.setFlat(0, -16L); // 0xfff0: bits 4..11 = 0xff, sign bit set
    assertThat(
            array(middle.decode(middle.encode(chunk(i16), OPTIONS), chunk(i16).spec(), OPTIONS))
                .toLongArray())
        .containsExactly(-16);
    // bfloat16 and complex64 are packed from their little-endian bytes
    NdArray bf = NdArray.full(DataType.BFLOAT16, 1.0, 1);
    assertThat(bytes(PackBitsCodec.DEFAULT.encode(chunk(bf), OPTIONS))).containsExactly(0x80, 0x3f);
  }

  @Test
  void corruptInputIsRefused() {
    ChunkSpec spec = new ChunkSpec(new int[] {10}, DataType.BOOL, false);
    PackBitsCodec first = new PackBitsCodec(PackBitsCodec.Padding.FIRST_BYTE, null, null);
    assertThatThrownBy(() -> first.decode(ByteBuffer.wrap(new byte[] {5, 0, 0}), spec, OPTIONS))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("padding");
    assertThatThrownBy(() -> first.decode(ByteBuffer.wrap(new byte[] {6, 0}), spec, OPTIONS))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("3 bytes");
  }

  /** The registry's algorithm on one component, as a model. */
  private static long model(long raw, int first, int last, boolean signed, int widthBits) {
    int kept = last - first + 1;
    long v = (raw >>> first) & (kept == 64 ? -1L : (1L << kept) - 1);
    v <<= first;
    if (signed && last < 63 && ((v >>> last) & 1) == 1) {
      v |= -1L << (last + 1);
    }
    return widthBits == 64 ? v : v & ((1L << widthBits) - 1);
  }

  @Test
  void randomChunksOfEveryTypeAgreeWithTheModel() {
    List<DataType> types = new ArrayList<>(DataType.smallNumberTypes());
    types.addAll(
        List.of(
            DataType.BOOL,
            DataType.INT8,
            DataType.UINT8,
            DataType.INT16,
            DataType.UINT32,
            DataType.INT64,
            DataType.FLOAT16,
            DataType.FLOAT32,
            DataType.FLOAT64,
            DataType.COMPLEX64,
            DataType.COMPLEX128,
            DataType.datetime("s")));
    SplittableRandom rnd = new SplittableRandom(42);
    for (DataType t : types) {
      for (int round = 0; round < 12; round++) {
        boolean complex = t.kind() == DataType.Kind.COMPLEX;
        int n = t.kind() == DataType.Kind.BOOL ? 1 : complex ? t.itemSize() * 4 : t.bits();
        Integer first = rnd.nextBoolean() ? null : rnd.nextInt(n);
        Integer last = rnd.nextBoolean() ? null : rnd.nextInt(first == null ? 0 : first, n);
        PackBitsCodec codec =
            new PackBitsCodec(PackBitsCodec.Padding.values()[rnd.nextInt(3)], first, last);
        int size = rnd.nextInt(0, 20);
        byte[] raw = new byte[size * t.itemSize()];
        rnd.nextBytes(raw);
        if (t.kind() == DataType.Kind.BOOL) {
          for (int i = 0; i < raw.length; i++) {
            raw[i] &= 1;
          }
        }
        ChunkSpec spec = new ChunkSpec(new int[] {size}, t, NdArray.zeros(t).get());
        ByteBuffer encoded = codec.encode(ChunkArray.ofBytes(spec, ByteBuffer.wrap(raw)), OPTIONS);
        int f = first == null ? 0 : first;
        int l = last == null ? n - 1 : last;
        long bits = (long) size * (complex ? 2 : 1) * (l - f + 1);
        int pad = codec.padding() == PackBitsCodec.Padding.NONE ? 0 : 1;
        assertThat(encoded.remaining()).isEqualTo((int) ((bits + 7) / 8) + pad);
        assertThat(codec.resolve(spec).maxSize()).isEqualTo(encoded.remaining());
        byte[] decoded = bytes(codec.decode(encoded, spec, OPTIONS).contiguous().bytes());
        int width = complex ? t.itemSize() / 2 : t.itemSize();
        boolean signed = t.kind() == DataType.Kind.INT || t.kind() == DataType.Kind.DATETIME;
        for (int c = 0; c < raw.length / width; c++) {
          long in = 0;
          long out = 0;
          for (int k = 0; k < width; k++) {
            in |= (raw[c * width + k] & 0xffL) << (8 * k);
            out |= (decoded[c * width + k] & 0xffL) << (8 * k);
          }
          assertThat(out)
              .as("%s %s component %d of 0x%x", t, codec, c, in)
              .isEqualTo(model(in, f, l, signed, width * 8));
        }
      }
    }
  }
}
