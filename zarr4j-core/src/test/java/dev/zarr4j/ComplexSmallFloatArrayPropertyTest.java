package dev.zarr4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.codec.compress.GZip;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.codec.layout.PackBitsCodec;
import dev.zarr4j.codec.layout.TransposeCodec;
import dev.zarr4j.codec.sharding.ShardingCodec;
import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.UnsupportedByFormatException;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.ndarray.Complex;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zarr v3 arrays of the registry's complex types of small floats written and read through the
 * public API with every selection kind, sharded and not, with the {@code bytes} codec (both byte
 * orders) or {@code packbits}, agree with a naive model, also after reopening; the stored bytes are
 * the registry's layout (real part, then imaginary part); values a part cannot hold are refused
 * before anything is stored; Zarr v2 and N5 refuse the types.
 */
class ComplexSmallFloatArrayPropertyTest {

  static LongStream seeds() {
    return LongStream.range(0, 72);
  }

  /** A part value: a random bit pattern's value of the part type (NaN included). */
  private static double randomPart(SplittableRandom rnd, DataType t) {
    DataType part = t.componentType();
    NdArray bits =
        part.itemSize() == 1
            ? NdArray.wrap(part, new byte[] {(byte) rnd.nextInt(1 << part.bits())}, 1)
            : NdArray.wrap(part, new short[] {(short) rnd.nextInt(1 << 16)}, 1);
    return (Double) bits.getFlat(0);
  }

  static Complex randomValue(SplittableRandom rnd, DataType t) {
    return new Complex(randomPart(rnd, t), randomPart(rnd, t));
  }

  private static NdArray randomArray(SplittableRandom rnd, DataType t, int[] shape) {
    NdArray a = NdArray.zeros(t, shape);
    for (int i = 0; i < a.size(); i++) {
      if (rnd.nextInt(3) != 0) {
        a.setFlat(i, randomValue(rnd, t));
      }
    }
    return a;
  }

  private static Object zero(DataType t) {
    return t == DataType.COMPLEX_FLOAT8_E8M0FNU ? new Complex(1, 1) : new Complex(0, 0);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 7919 + 5);
    List<DataType> types = DataType.complexSmallFloatTypes();
    DataType dtype = types.get((int) (seed % types.size()));
    int ndim = rnd.nextInt(1, 4);
    long[] shape = new long[ndim];
    int[] chunks = new int[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = rnd.nextInt(1, 10);
      chunks[d] = rnd.nextInt(1, 5);
    }
    List<Codec> codecs = new ArrayList<>();
    if (ndim > 1 && rnd.nextInt(4) == 0) {
      codecs.add(TransposeCodec.reversed(ndim));
    }
    Codec serializer =
        switch (rnd.nextInt(4)) {
          case 0 -> BytesCodec.LITTLE;
          case 1 -> BytesCodec.BIG;
          default ->
              new PackBitsCodec(
                  PackBitsCodec.Padding.values()[rnd.nextInt(3)],
                  null,
                  rnd.nextBoolean() ? null : dtype.componentType().bits() - 1);
        };
    codecs.add(serializer);
    if (rnd.nextBoolean()) {
      codecs.add(GZip.of(1));
    }
    long[] grid = new long[ndim];
    if (rnd.nextBoolean()) {
      int[] shards = new int[ndim];
      for (int d = 0; d < ndim; d++) {
        shards[d] = chunks[d] * rnd.nextInt(1, 3);
        grid[d] = shards[d];
      }
      codecs = List.of(ShardingCodec.of(chunks, codecs));
      chunks = shards;
    } else {
      for (int d = 0; d < ndim; d++) {
        grid[d] = chunks[d];
      }
    }
    MemoryStore store = new MemoryStore();
    Object fill = rnd.nextBoolean() ? zero(dtype) : randomValue(rnd, dtype);
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .format(NodeFormats.named("zarr-v3"))
                .shape(shape)
                .chunks(Arrays.stream(chunks).asLongStream().toArray())
                .dtype(dtype)
                .fillValue(fill)
                .codecs(codecs)
                .build());
    assertThat(z.dtype()).isEqualTo(dtype);
    Object[] model = new Object[N5ArrayPropertyTest.size(shape)];
    Arrays.fill(model, fill);
    for (int op = 0; op < 10; op++) {
      SelectionModel.Drawn drawn =
          SelectionModel.draw(SelectionModel.randomKind(rnd), rnd, shape, grid);
      if (rnd.nextBoolean()) {
        if (rnd.nextInt(4) == 0) {
          Object v = randomValue(rnd, dtype);
          z.set(drawn.selection(), v);
          for (long[] pos : drawn.positions()) {
            model[BasicSelectionPropertyTest.flat(pos, shape)] = v;
          }
        } else {
          NdArray value = randomArray(rnd, dtype, drawn.shape());
          z.set(drawn.selection(), value);
          for (int i = 0; i < drawn.count(); i++) {
            model[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)] =
                value.getFlat(i);
          }
        }
      } else {
        NdArray got = z.get(drawn.selection());
        for (int i = 0; i < drawn.count(); i++) {
          assertThat(got.getFlat(i))
              .as("seed %d %s %s element %d", seed, dtype, drawn.selection(), i)
              .isEqualTo(model[BasicSelectionPropertyTest.flat(drawn.positions().get(i), shape)]);
        }
      }
    }
    ZarrArray reopened =
        Zarr.openArray(store, OpenMode.READ, ArrayOptions.builder().path("").build());
    assertThat(reopened.dtype()).isEqualTo(dtype);
    assertThat(reopened.spec()).isEqualTo(z.spec());
    NdArray all = reopened.get();
    for (int i = 0; i < model.length; i++) {
      assertThat(all.getFlat(i)).as("seed %d %s full read %d", seed, dtype, i).isEqualTo(model[i]);
    }
  }

  private static ZarrArray oneChunk(MemoryStore store, DataType t, Codec serializer, int n) {
    return Zarr.create(
        ArrayOptions.builder()
            .store(store)
            .format(NodeFormats.named("zarr-v3"))
            .shape(n)
            .chunks(n)
            .dtype(t)
            .fillValue(zero(t))
            .codecs(List.of(serializer))
            .build());
  }

  @Test
  void storedBytesAreRealThenImaginaryInTheRegistryLayout() {
    Object[][] cases = {
      // type, codec, value, stored bytes
      {
        DataType.COMPLEX_BFLOAT16,
        BytesCodec.LITTLE,
        new Complex(1, -2),
        new byte[] {(byte) 0x80, 0x3f, 0x00, (byte) 0xc0}
      },
      {
        DataType.COMPLEX_BFLOAT16,
        BytesCodec.BIG,
        new Complex(1, -2),
        new byte[] {0x3f, (byte) 0x80, (byte) 0xc0, 0x00}
      },
      {
        DataType.COMPLEX_FLOAT16,
        BytesCodec.BIG,
        new Complex(1, -2),
        new byte[] {0x3c, 0x00, (byte) 0xc0, 0x00}
      },
      {
        DataType.COMPLEX_FLOAT16,
        BytesCodec.LITTLE,
        new Complex(Double.POSITIVE_INFINITY, 1),
        new byte[] {0x00, 0x7c, 0x00, 0x3c}
      },
      {
        DataType.COMPLEX_FLOAT8_E4M3,
        BytesCodec.BIG,
        new Complex(1, Double.NaN),
        new byte[] {0x38, 0x7c}
      },
      {
        DataType.COMPLEX_FLOAT8_E8M0FNU,
        BytesCodec.LITTLE,
        new Complex(2, 1),
        new byte[] {(byte) 0x80, 0x7f}
      },
      {
        DataType.COMPLEX_FLOAT4_E2M1FN,
        BytesCodec.LITTLE,
        new Complex(-6, 0.5),
        new byte[] {0x0f, 0x01}
      },
      {
        DataType.COMPLEX_FLOAT4_E2M1FN,
        PackBitsCodec.DEFAULT,
        new Complex(-6, 0.5),
        new byte[] {0x1f}
      },
      {
        DataType.COMPLEX_FLOAT6_E3M2FN,
        PackBitsCodec.DEFAULT,
        new Complex(28, 0.0625),
        new byte[] {0x5f, 0x00}
      },
    };
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      MemoryStore store = new MemoryStore();
      ZarrArray z = oneChunk(store, t, (Codec) c[1], 1);
      z.set("0", c[2]);
      byte[] stored = V3ArrayPropertyTest.bytes(store.get("c/0").orElseThrow());
      if (c[1] instanceof PackBitsCodec) {
        stored = Arrays.copyOf(stored, ((byte[]) c[3]).length); // the padding byte dropped
      }
      assertThat(stored).as("%s %s %s", t, c[1], c[2]).isEqualTo((byte[]) c[3]);
      assertThat(z.get("0").get()).isEqualTo(c[2]);
    }
  }

  @Test
  void valuesAPartCannotHoldAreRefusedBeforeAnythingIsStored() {
    Object[][] cases = {
      {DataType.COMPLEX_FLOAT8_E4M3FNUZ, new Complex(1, 1e4)},
      {DataType.COMPLEX_FLOAT4_E2M1FN, new Complex(Double.NaN, 0)},
      {DataType.COMPLEX_FLOAT6_E3M2FN, new Complex(0, Double.POSITIVE_INFINITY)},
      {DataType.COMPLEX_FLOAT8_E8M0FNU, new Complex(1, 0)},
      {DataType.COMPLEX_FLOAT8_E8M0FNU, 2.0}, // a real number has a zero imaginary part
    };
    for (Object[] c : cases) {
      DataType t = (DataType) c[0];
      MemoryStore store = new MemoryStore();
      ZarrArray z =
          Zarr.create(
              ArrayOptions.builder()
                  .store(store)
                  .format(NodeFormats.named("zarr-v3"))
                  .shape(6)
                  .chunks(3)
                  .dtype(t)
                  .fillValue(zero(t))
                  .build());
      z.set("0:6", NdArray.full(t, new Complex(1, 1), 6));
      List<String> before = List.copyOf(store.listPrefix(""));
      byte[] chunk = V3ArrayPropertyTest.bytes(store.get("c/0").orElseThrow());
      assertThatThrownBy(() -> z.set("1", c[1]))
          .as("%s %s", t, c[1])
          .isInstanceOf(InvalidArrayException.class)
          .hasMessageContaining(t.toString());
      NdArray wide = NdArray.full(DataType.COMPLEX128, c[1], 3);
      assertThatThrownBy(() -> z.set("3:6", wide))
          .as("%s %s", t, c[1])
          .isInstanceOf(InvalidArrayException.class)
          .hasMessageContaining(t.toString());
      assertThat(store.listPrefix("")).containsExactlyInAnyOrderElementsOf(before);
      assertThat(V3ArrayPropertyTest.bytes(store.get("c/0").orElseThrow())).isEqualTo(chunk);
      NdArray all = z.get();
      for (int i = 0; i < 6; i++) {
        assertThat(all.getFlat(i)).isEqualTo(new Complex(1, 1));
      }
    }
  }

  @Test
  void zarrV2AndN5RefuseTheTypes() {
    for (DataType t : DataType.complexSmallFloatTypes()) {
      for (String format : new String[] {"zarr-v2", "n5"}) {
        MemoryStore store = new MemoryStore();
        assertThatThrownBy(
                () ->
                    Zarr.create(
                        ArrayOptions.builder()
                            .store(store)
                            .format(NodeFormats.named(format))
                            .shape(4)
                            .chunks(2)
                            .dtype(t)
                            .fillValue(zero(t))
                            .build()))
            .as("%s %s", format, t)
            .isInstanceOf(UnsupportedByFormatException.class)
            .hasMessageContaining(t.toString())
            .hasMessageContaining("zarr-v3");
        assertThat(store.listPrefix("")).as("nothing written").isEmpty();
      }
    }
  }
}
