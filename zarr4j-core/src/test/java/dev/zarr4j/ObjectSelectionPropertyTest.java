package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zarr4j.codec.object.JsonCodec;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Object arrays of every object codec (str, bytes, ragged int64 arrays, JSON) read and written
 * through every selection kind, mask selection included, by named method, view and {@code get/set},
 * with scalar elements and arrays that broadcast, against a model of the elements.
 */
class ObjectSelectionPropertyTest {

  enum Codec {
    STR,
    BYTES,
    RAGGED,
    JSON
  }

  private static ZarrArray create(Codec codec, long[] shape, long[] chunks, String order) {
    ArrayOptions.Builder b = ArrayOptions.builder().shape(shape).chunks(chunks).order(order);
    switch (codec) {
      case STR:
        b.dtype("str").fillValue("");
        break;
      case BYTES:
        b.dtype("bytes");
        break;
      case RAGGED:
        // as zarr.empty: numcodecs' VLenArray, like ours, cannot encode the default fill value 0
        b.dtype("array:i8").fillValue(null);
        break;
      default:
        b.dtype(DataType.OBJECT).objectCodec(JsonCodec.DEFAULT);
    }
    return Zarr.create(b.build());
  }

  @Test
  void maskSelectionOfEachCodec() {
    for (Codec codec : Codec.values()) {
      ZarrArray z = create(codec, new long[] {3, 4}, new long[] {2, 3}, "C");
      SplittableRandom rnd = new SplittableRandom(codec.ordinal());
      NdArray all = NdArray.zeros(DataType.OBJECT, 3, 4);
      for (int i = 0; i < 12; i++) {
        all.setFlat(i, randomElement(rnd, codec));
      }
      z.set(all);
      NdArray mask = NdArray.zeros(DataType.BOOL, 3, 4);
      mask.set(true, 0, 3);
      mask.set(true, 2, 0);
      mask.set(true, 2, 2);
      NdArray got = z.getMaskSelection(mask);
      assertThat(got.shape()).containsExactly(3);
      assertThat(got.getFlat(0)).as("%s", codec).isEqualTo(all.get(0, 3));
      assertThat(got.getFlat(1)).as("%s", codec).isEqualTo(all.get(2, 0));
      assertThat(got.getFlat(2)).as("%s", codec).isEqualTo(all.get(2, 2));
      assertThat(z.vindex().get(mask)).isEqualTo(got);
      Object a = randomElement(rnd, codec);
      Object b = randomElement(rnd, codec);
      NdArray value = NdArray.zeros(DataType.OBJECT, 3);
      value.setFlat(0, a);
      value.setFlat(1, b);
      value.setFlat(2, a);
      z.setMaskSelection(mask, value);
      NdArray after = z.get();
      assertThat(after.get(0, 3)).isEqualTo(a);
      assertThat(after.get(2, 0)).isEqualTo(b);
      assertThat(after.get(2, 2)).isEqualTo(a);
      assertThat(after.get(1, 1)).isEqualTo(all.get(1, 1));
      // one element broadcast to every selected position
      z.vindex().set(NdArray.scalar(DataType.OBJECT, b), mask);
      assertThat(z.getMaskSelection(mask)).isEqualTo(NdArray.full(DataType.OBJECT, b, 3));
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 240);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyKindAgreesWithModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 2053 + 41);
    Codec codec = Codec.values()[(int) (seed % Codec.values().length)];
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    long[] chunks = new long[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(1, 6);
      chunks[d] = rnd.nextInt(1, 4);
    }
    ZarrArray z = create(codec, shape, chunks, rnd.nextBoolean() ? "C" : "F");
    int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    Object[] model = new Object[size];
    NdArray initial = NdArray.zeros(DataType.OBJECT, AdvancedSelectionPropertyTest.toInts(shape));
    for (int i = 0; i < size; i++) {
      model[i] = randomElement(rnd, codec);
      initial.setFlat(i, model[i]);
    }
    z.set(initial);

    for (int op = 0; op < 8; op++) {
      SelectionModel.Drawn sel =
          SelectionModel.draw(SelectionModel.randomKind(rnd), rnd, shape, chunks);
      if (rnd.nextBoolean()) {
        NdArray got = AdvancedSelectionPropertyTest.read(z, sel.selection(), rnd);
        NdArray expected = NdArray.zeros(DataType.OBJECT, sel.shape());
        for (int i = 0; i < sel.count(); i++) {
          expected.setFlat(i, model[SelectionModel.flat(sel.positions().get(i), shape)]);
        }
        assertThat(got).as("seed %d %s %s", seed, codec, sel.selection()).isEqualTo(expected);
      } else if (rnd.nextInt(3) == 0) {
        // one element for every selected position: a Java value, or a 0-d object array (a ragged
        // element must be wrapped so it is not taken for an array of values)
        Object e = randomElement(rnd, codec);
        Object value =
            codec == Codec.RAGGED || rnd.nextBoolean() ? NdArray.scalar(DataType.OBJECT, e) : e;
        AdvancedSelectionPropertyTest.write(z, sel.selection(), value, rnd);
        for (long[] p : sel.positions()) {
          model[SelectionModel.flat(p, shape)] = e;
        }
      } else {
        int[] vShape = SelectionModel.broadcastableTo(rnd, sel.shape());
        NdArray value = NdArray.zeros(DataType.OBJECT, vShape);
        for (int i = 0; i < value.size(); i++) {
          value.setFlat(i, randomElement(rnd, codec));
        }
        AdvancedSelectionPropertyTest.write(z, sel.selection(), value, rnd);
        for (int i = 0; i < sel.count(); i++) {
          int[] at = SelectionModel.unravel(i, sel.shape());
          int[] vAt = new int[vShape.length];
          int lead = vShape.length - at.length;
          for (int k = 0; k < vShape.length; k++) {
            vAt[k] = k < lead || vShape[k] == 1 ? 0 : at[k - lead];
          }
          model[SelectionModel.flat(sel.positions().get(i), shape)] = value.get(vAt);
        }
      }
    }
    NdArray expected = NdArray.zeros(DataType.OBJECT, AdvancedSelectionPropertyTest.toInts(shape));
    for (int i = 0; i < size; i++) {
      expected.setFlat(i, model[i]);
    }
    assertThat(z.get()).as("seed %d %s", seed, codec).isEqualTo(expected);
  }

  /** A random element, in the form the codec decodes it to. */
  static Object randomElement(SplittableRandom rnd, Codec codec) {
    switch (codec) {
      case STR:
        return randomText(rnd);
      case BYTES:
        {
          byte[] b = new byte[rnd.nextInt(0, 6)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256); // NULs included: variable-length bytes keep them
          }
          return b;
        }
      case RAGGED:
        {
          long[] v = new long[rnd.nextInt(0, 5)];
          for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextLong();
          }
          return NdArray.of(v);
        }
      default:
        return randomJson(rnd, 2);
    }
  }

  private static String randomText(SplittableRandom rnd) {
    String[] parts = {"", "a", "é", "世界", "\uD83D\uDE00", " ", "\"q\"", "\\", "x\ny"};
    StringBuilder sb = new StringBuilder();
    for (int i = rnd.nextInt(0, 4); i > 0; i--) {
      sb.append(parts[rnd.nextInt(parts.length)]);
    }
    return sb.toString();
  }

  /** JSON values as the codec reads them back: Long, Double, String, Boolean, null, List, Map. */
  private static Object randomJson(SplittableRandom rnd, int depth) {
    switch (rnd.nextInt(depth > 0 ? 7 : 5)) {
      case 0:
        return rnd.nextLong(-1_000_000, 1_000_000);
      case 1:
        return rnd.nextInt(-100, 100) / 8.0 + 0.0625;
      case 2:
        return randomText(rnd);
      case 3:
        return rnd.nextBoolean();
      case 4:
        return null;
      case 5:
        {
          List<Object> l = new ArrayList<>();
          for (int i = rnd.nextInt(0, 4); i > 0; i--) {
            l.add(randomJson(rnd, depth - 1));
          }
          return l;
        }
      default:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = rnd.nextInt(0, 3); i > 0; i--) {
            m.put("k" + rnd.nextInt(5), randomJson(rnd, depth - 1));
          }
          return m;
        }
    }
  }
}
