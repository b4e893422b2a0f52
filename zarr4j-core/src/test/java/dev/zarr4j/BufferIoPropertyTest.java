package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.compress.Zstd;
import dev.zarr4j.exceptions.IncompatibleBufferException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.indexing.Selection;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ZarrArray#getInto} and {@link ZarrArray#setFrom} with primitive arrays and heap or direct
 * {@link ByteBuffer}s of either byte order agree with {@link ZarrArray#get} and {@link
 * ZarrArray#set} on random arrays (shape, chunks, data type, Zarr v2 with C or F order and v3
 * sharded or not, no compressor, zstd or blosc, fill value or none) and random selections of every
 * kind (mostly basic; orthogonal, coordinate, mask and block ones a third of the time): a read
 * fills exactly the selection's elements (the rest of the buffer is untouched), a write leaves the
 * array as {@code set} of the same values leaves a twin array. A buffer's expected bytes are built
 * slot by slot from the {@code get} result, independently of the code under test.
 */
class BufferIoPropertyTest {

  static final String[] V2_DTYPES = {
    "|b1", "|i1", "|u1", "<i2", ">u2", "<i4", ">i4", "<u4", "<i8", ">u8", "<f2", ">f2", "<f4",
    ">f4", "<f8", ">f8", "<c8", ">c16", "|S3", "<U2", "<M8[D]", ">m8[ns]", "|V3",
  };

  static BytesToBytesCodec[] compressors() {
    return new BytesToBytesCodec[] {null, Zstd.of(1, false), Blosc.DEFAULT};
  }

  static LongStream seeds() {
    return LongStream.range(0, 100);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void buffersAgreeWithGetAndSet(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 104729 + 3);
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(0, 11);
      chunks[d] = rnd.nextInt(1, 5);
    }
    boolean v3 = rnd.nextBoolean();
    String[] dtypes = v3 ? V3ArrayPropertyTest.DTYPES : V2_DTYPES;
    DataType dtype = DataType.parse(dtypes[rnd.nextInt(dtypes.length)]);
    BytesToBytesCodec[] cs = compressors();
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .shape(shape)
            .chunks(chunks)
            .dtype(dtype)
            .compressor(cs[rnd.nextInt(cs.length)])
            .order(rnd.nextBoolean() ? "C" : "F");
    if (rnd.nextInt(3) > 0) {
      b.fillValue(BasicSelectionPropertyTest.randomValue(rnd, dtype));
    }
    if (v3) {
      b.format(NodeFormats.named("zarr-v3"));
      if (rnd.nextBoolean()) {
        long[] shards = new long[ndim];
        for (int d = 0; d < ndim; d++) {
          shards[d] = chunks[d] * rnd.nextInt(1, 4);
        }
        b.shards(shards);
      }
    }
    ArrayOptions opts = b.build();
    ZarrArray z = Zarr.create(opts.toBuilder().store(new MemoryStore()).build());
    ZarrArray twin = Zarr.create(opts.toBuilder().store(new MemoryStore()).build());
    DataType stored = z.dtype();
    // some chunks written, others left to the fill value
    Selection first = BasicSelectionPropertyTest.randomSelection(rnd, shape);
    NdArray start =
        randomArray(rnd, stored, BasicSelectionPropertyTest.selectionShape(first, shape));
    z.set(first, start);
    twin.set(first, start);

    for (int op = 0; op < 8; op++) {
      Selection sel;
      if (Arrays.stream(shape).allMatch(l -> l > 0) && rnd.nextInt(3) == 0) {
        // orthogonal, coordinate, mask and block selections go through the point paths too
        long[] grid = Arrays.stream(z.spec().chunkShape()).asLongStream().toArray();
        sel = SelectionModel.draw(SelectionModel.randomKind(rnd), rnd, shape, grid).selection();
      } else {
        sel = BasicSelectionPropertyTest.randomSelection(rnd, shape);
      }
      long[] selShape = Arrays.stream(z.get(sel).shape()).asLongStream().toArray();
      String what = "seed " + seed + " op " + op + " selection " + sel + " of " + z;
      switch (rnd.nextInt(4)) {
        case 0 -> {
          NdArray expected = z.get(sel);
          int slots = expected.size() * stored.slotsPerElement();
          Object out =
              NdArray.full(
                      stored,
                      BasicSelectionPropertyTest.randomValue(rnd, stored),
                      expected.size() + 3)
                  .data();
          Object before = copyOf(out);
          z.getInto(sel, out);
          assertThat(slice(out, 0, slots)).as(what).isEqualTo(slice(expected.data(), 0, slots));
          assertThat(slice(out, slots, slots + 3 * stored.slotsPerElement()))
              .as("%s: the rest untouched", what)
              .isEqualTo(slice(before, slots, slots + 3 * stored.slotsPerElement()));
        }
        case 1 -> {
          NdArray expected = z.get(sel);
          ByteOrder order = rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
          byte[] want = slotBytes(expected, order);
          int pos = rnd.nextInt(0, 9);
          int cap = pos + want.length + rnd.nextInt(0, 9);
          ByteBuffer buf =
              rnd.nextBoolean() ? ByteBuffer.allocateDirect(cap) : ByteBuffer.allocate(cap);
          buf.order(order);
          for (int i = 0; i < cap; i++) {
            buf.put(i, (byte) 0x5A);
          }
          buf.position(pos);
          z.getInto(sel, buf);
          assertThat(buf.position()).as(what).isEqualTo(pos);
          assertThat(buf.limit()).as(what).isEqualTo(cap);
          byte[] got = new byte[cap];
          buf.get(0, got);
          byte[] expectAll = new byte[cap];
          Arrays.fill(expectAll, (byte) 0x5A);
          System.arraycopy(want, 0, expectAll, pos, want.length);
          assertThat(got).as("%s, %s buffer", what, order).isEqualTo(expectAll);
        }
        case 2 -> {
          NdArray v = randomArray(rnd, stored, selShape);
          Object src = v.data();
          if (rnd.nextBoolean()) { // a longer array: only the selection's share is used
            Object longer = NdArray.zeros(stored, v.size() + 2).data();
            System.arraycopy(src, 0, longer, 0, java.lang.reflect.Array.getLength(src));
            src = longer;
          }
          z.setFrom(sel, src);
          twin.set(sel, v);
          assertThat(z.get()).as(what).isEqualTo(twin.get());
        }
        default -> {
          NdArray v = randomArray(rnd, stored, selShape);
          ByteOrder order = rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
          byte[] bytes = slotBytes(v, order);
          int pos = rnd.nextInt(0, 5);
          ByteBuffer buf =
              rnd.nextBoolean()
                  ? ByteBuffer.allocateDirect(pos + bytes.length)
                  : ByteBuffer.allocate(pos + bytes.length);
          buf.order(order).put(pos, bytes).position(pos);
          z.setFrom(sel, buf);
          twin.set(sel, v);
          assertThat(buf.position()).as(what).isEqualTo(pos);
          assertThat(z.get()).as("%s, %s buffer", what, order).isEqualTo(twin.get());
        }
      }
    }
  }

  /** A random array of {@code shape} with values valid for the type. */
  static NdArray randomArray(SplittableRandom rnd, DataType dtype, long[] shape) {
    NdArray a = NdArray.zeros(dtype, Arrays.stream(shape).mapToInt(x -> (int) x).toArray());
    for (int i = 0; i < a.size(); i++) {
      a.setFlat(i, BasicSelectionPropertyTest.randomValue(rnd, dtype));
    }
    return a;
  }

  /** The storage's slots as bytes, each in {@code order}: the reference for a typed buffer. */
  static byte[] slotBytes(NdArray a, ByteOrder order) {
    Object data = a.data();
    int n = java.lang.reflect.Array.getLength(data);
    int slot =
        data instanceof short[]
            ? 2
            : data instanceof int[] || data instanceof float[]
                ? 4
                : data instanceof long[] || data instanceof double[] ? 8 : 1;
    ByteBuffer out = ByteBuffer.allocate(n * slot).order(order);
    for (int i = 0; i < n; i++) {
      if (data instanceof boolean[] x) {
        out.put(x[i] ? (byte) 1 : (byte) 0);
      } else if (data instanceof byte[] x) {
        out.put(x[i]);
      } else if (data instanceof short[] x) {
        out.putShort(x[i]);
      } else if (data instanceof int[] x) {
        out.putInt(x[i]);
      } else if (data instanceof long[] x) {
        out.putLong(x[i]);
      } else if (data instanceof float[] x) {
        out.putFloat(x[i]);
      } else {
        out.putDouble(((double[]) data)[i]);
      }
    }
    return out.array();
  }

  private static Object copyOf(Object array) {
    int n = java.lang.reflect.Array.getLength(array);
    Object c = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), n);
    System.arraycopy(array, 0, c, 0, n);
    return c;
  }

  /** Slots {@code [from, to)} boxed in a list, so assertions compare values and print them. */
  private static java.util.List<Object> slice(Object array, int from, int to) {
    java.util.List<Object> out = new java.util.ArrayList<>();
    for (int i = from; i < to; i++) {
      Object v = java.lang.reflect.Array.get(array, i);
      // compare floats by their bits, so NaN equals NaN
      if (v instanceof Float f) {
        v = Float.floatToRawIntBits(f);
      } else if (v instanceof Double d) {
        v = Double.doubleToRawLongBits(d);
      }
      out.add(v);
    }
    return out;
  }

  // ------------------------------------------------------------------ refusals

  private static ZarrArray floats() {
    ZarrArray z =
        Zarr.zeros(
            ArrayOptions.builder().shape(6, 8).chunks(4, 4).dtype("<f4").path("data/f").build());
    return z;
  }

  @Test
  void aBufferOfAnotherTypeIsRefusedNamingTheArrayAndTheTypes() {
    ZarrArray z = floats();
    assertThatThrownBy(() -> z.getInto("0:2, 0:3", new double[6]))
        .isInstanceOf(IncompatibleBufferException.class)
        .hasMessageContaining("'data/f'")
        .hasMessageContaining("[2, 3]")
        .hasMessageContaining("float[]")
        .hasMessageContaining("double[]");
    assertThatThrownBy(() -> z.setFrom("0:2, 0:3", new int[6]))
        .isInstanceOf(IncompatibleBufferException.class)
        .hasMessageContaining("int[]");
  }

  @Test
  void aBufferTooSmallIsRefusedNamingTheSizesAndNothingIsWritten() {
    ZarrArray z = floats();
    assertThatThrownBy(() -> z.getInto(":, 1", new float[5]))
        .isInstanceOf(IncompatibleBufferException.class)
        .hasMessageContaining("'data/f'")
        .hasMessageContaining("[6]")
        .hasMessageContaining("needs 6 float entries")
        .hasMessageContaining("has 5");
    ByteBuffer b = ByteBuffer.allocateDirect(40).position(20);
    assertThatThrownBy(() -> z.getInto("0:2, 0:3", b))
        .isInstanceOf(IncompatibleBufferException.class)
        .hasMessageContaining("needs 24 bytes")
        .hasMessageContaining("20 bytes remaining from position 20");
    assertThatThrownBy(() -> z.setFrom(Selection.all(), new float[47]))
        .isInstanceOf(IncompatibleBufferException.class)
        .hasMessageContaining("needs 48");
    assertThat(z.nchunksInitialized()).isZero();
  }

  @Test
  void readOnlyBuffersObjectArraysAndFieldsAreRefused() {
    ZarrArray z = floats();
    assertThatThrownBy(() -> z.getInto("0, :", ByteBuffer.allocate(32).asReadOnlyBuffer()))
        .isInstanceOf(IncompatibleBufferException.class)
        .hasMessageContaining("read-only ByteBuffer");
    z.setFrom("0, :", ByteBuffer.allocate(32).asReadOnlyBuffer()); // reading from one is fine
    ZarrArray text = Zarr.empty(ArrayOptions.builder().shape(3).chunks(2).dtype("str").build());
    assertThatThrownBy(() -> text.getInto(":", new Object[3]))
        .isInstanceOf(IncompatibleBufferException.class)
        .hasMessageContaining("holds Java objects");
    ZarrArray rec =
        Zarr.zeros(
            ArrayOptions.builder()
                .shape(3)
                .chunks(2)
                .dtype(DataType.parse("[[\"a\", \"<i4\"]]"))
                .build());
    assertThatThrownBy(() -> rec.getInto(":, 'a'", new byte[12]))
        .isInstanceOf(dev.zarr4j.exceptions.InvalidSelectionException.class)
        .hasMessageContaining("fields");
    ZarrArray ro =
        Zarr.openArray(z.store(), OpenMode.READ, ArrayOptions.builder().path("data/f").build());
    assertThatThrownBy(() -> ro.setFrom("0, :", new float[8]))
        .isInstanceOf(ReadOnlyException.class);
  }

  @Test
  void aReadIntoADirectBufferMatchesTheValues() {
    ZarrArray z = floats();
    float[] v = new float[48];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * 0.5f;
    }
    z.setFrom(Selection.all(), v);
    ByteBuffer b = ByteBuffer.allocateDirect(4 * 12).order(ByteOrder.nativeOrder());
    z.getInto("1:4, 2:6", b);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(b.getFloat((i * 4 + j) * 4)).isEqualTo(((i + 1) * 8 + j + 2) * 0.5f);
      }
    }
  }
}
