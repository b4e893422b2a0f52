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
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.store.MemoryStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model test shared by the Zarr v3 data types stored in fewer bits than a byte's multiple or in
 * the registry's small-float layouts: an array of one of {@link #types()} written and read through
 * the public API with every selection kind, sharded and not, with the {@code bytes} codec (both
 * byte orders) or {@code packbits} (every padding), maybe transposed and compressed, agrees with a
 * naive model of its elements, also after reopening. A subclass names the types, how to draw a
 * value, and declares {@code static LongStream seeds()} (the seeds {@link #agreesWithModel} runs).
 */
abstract class SmallTypeArrayPropertyTest {

  /** The data types under test; seed {@code s} tests type {@code s % types().size()}. */
  abstract List<DataType> types();

  /** A random value of the type (NaN included, where the type has one). */
  abstract Object randomValue(SplittableRandom rnd, DataType t);

  /** The random source of a seed (each subclass mixes seeds its own way). */
  abstract SplittableRandom random(long seed);

  /** The bits of one value (or of one part of a complex value) that {@code packbits} stores. */
  abstract int valueBits(DataType t);

  /**
   * The fill value of an array whose fill value was not drawn at random, and whether the array is
   * created stating it (otherwise the format's default fill value is used, which must equal it).
   */
  abstract Object plainFill(DataType t);

  /** Whether {@link #plainFill} is stated when the array is created, rather than left default. */
  abstract boolean statesPlainFill();

  /** An array of {@code t} with random values at two thirds of its elements, zero elsewhere. */
  NdArray randomArray(SplittableRandom rnd, DataType t, int[] shape) {
    NdArray a = NdArray.zeros(t, shape);
    for (int i = 0; i < a.size(); i++) {
      if (rnd.nextInt(3) != 0) {
        a.setFlat(i, randomValue(rnd, t));
      }
    }
    return a;
  }

  /** A fill value that every type of {@link #types()} can hold (stated when arrays are created). */
  abstract Object explicitFill(DataType t);

  /** A one-dimensional array of {@code n} elements in one chunk, with one serializer. */
  ZarrArray oneChunk(MemoryStore store, DataType t, Codec serializer, int n) {
    return Zarr.create(
        ArrayOptions.builder()
            .store(store)
            .format(NodeFormats.named("zarr-v3"))
            .shape(n)
            .chunks(n)
            .dtype(t)
            .fillValue(explicitFill(t))
            .codecs(List.of(serializer))
            .build());
  }

  /**
   * Checks that {@code bad}, which type {@code t} cannot hold, is refused naming the type before
   * anything is stored, whether written as a scalar or inside an array of the wider type {@code
   * wide}: an array of 6 elements of {@code one} in two chunks keeps its keys, bytes and values.
   */
  static void assertRefusedBeforeAnythingIsStored(
      DataType t, Object bad, Object one, DataType wide, Object fill) {
    MemoryStore store = new MemoryStore();
    ZarrArray z =
        Zarr.create(
            ArrayOptions.builder()
                .store(store)
                .format(NodeFormats.named("zarr-v3"))
                .shape(6)
                .chunks(3)
                .dtype(t)
                .fillValue(fill)
                .build());
    NdArray ones = NdArray.full(t, one, 6);
    z.set("0:6", ones);
    List<String> before = List.copyOf(store.listPrefix(""));
    byte[] chunk = V3ArrayPropertyTest.bytes(store.get("c/0").orElseThrow());
    assertThatThrownBy(() -> z.set("1", bad))
        .as("%s %s", t, bad)
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining(t.toString());
    // an array of another type converts element by element, and is refused the same way
    NdArray wideValues = NdArray.full(wide, bad, 3);
    assertThatThrownBy(() -> z.set("3:6", wideValues))
        .as("%s %s", t, bad)
        .isInstanceOf(InvalidArrayException.class)
        .hasMessageContaining(t.toString());
    assertThat(store.listPrefix("")).containsExactlyInAnyOrderElementsOf(before);
    assertThat(V3ArrayPropertyTest.bytes(store.get("c/0").orElseThrow())).isEqualTo(chunk);
    NdArray all = z.get();
    for (int i = 0; i < 6; i++) {
      assertThat(all.getFlat(i)).as("%s element %d", t, i).isEqualTo(ones.getFlat(i));
    }
  }

  @Test
  void zarrV2AndN5RefuseTheTypes() {
    for (DataType t : types()) {
      for (String format : new String[] {"zarr-v2", "n5"}) {
        MemoryStore store = new MemoryStore();
        ArrayOptions.Builder b =
            ArrayOptions.builder()
                .store(store)
                .format(NodeFormats.named(format))
                .shape(4)
                .chunks(2)
                .dtype(t);
        if (statesPlainFill()) {
          b.fillValue(plainFill(t));
        }
        assertThatThrownBy(() -> Zarr.create(b.build()))
            .as("%s %s", format, t)
            .isInstanceOf(UnsupportedByFormatException.class)
            .hasMessageContaining(t.toString())
            .hasMessageContaining("zarr-v3");
        assertThat(store.listPrefix("")).as("nothing written").isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithModel(long seed) {
    SplittableRandom rnd = random(seed);
    List<DataType> types = types();
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
                  rnd.nextBoolean() ? null : valueBits(dtype) - 1);
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
    ArrayOptions.Builder b =
        ArrayOptions.builder()
            .store(store)
            .format(NodeFormats.named("zarr-v3"))
            .shape(shape)
            .chunks(Arrays.stream(chunks).asLongStream().toArray())
            .dtype(dtype)
            .codecs(codecs);
    Object fill = plainFill(dtype);
    if (rnd.nextBoolean()) {
      fill = randomValue(rnd, dtype);
      b.fillValue(fill);
    } else if (statesPlainFill()) {
      b.fillValue(fill);
    }
    ZarrArray z = Zarr.create(b.build());
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
}
