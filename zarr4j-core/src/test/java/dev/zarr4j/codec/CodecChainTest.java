package dev.zarr4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zarr4j.codec.blosc.Blosc;
import dev.zarr4j.codec.filter.Delta;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.codec.layout.TransposeCodec;
import dev.zarr4j.exceptions.CodecException;
import dev.zarr4j.internal.ChunkExecutor;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.StridedBox;
import dev.zarr4j.ndarray.StridedView;
import dev.zarr4j.store.ByteSource;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The codec chain: stage order is checked, every stage is resolved when the chain is checked
 * against a chunk spec, and whole decodes, partial decodes (boxes and points, through a transpose)
 * and decodes into a lent buffer agree with the data encoded; a partial decoder gives back what its
 * stages borrowed when closed.
 */
class CodecChainTest {

  @Test
  void stagesMustComeInOrder() {
    assertThatThrownBy(() -> CodecChain.of(Blosc.DEFAULT, BytesCodec.AS_DATA_TYPE))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("blosc");
    assertThatThrownBy(() -> CodecChain.of(BytesCodec.AS_DATA_TYPE, TransposeCodec.reversed(2)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("transpose");
    assertThatThrownBy(() -> CodecChain.of(Delta.of("<i4")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("array-to-bytes");
    assertThatThrownBy(() -> CodecChain.of(BytesCodec.AS_DATA_TYPE, BytesCodec.LITTLE))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("one array-to-bytes");
  }

  @Test
  void resolvingChecksEveryStage() {
    CodecChain c = CodecChain.of(Delta.of("<i8"), BytesCodec.AS_DATA_TYPE);
    // 3 int32 elements are 12 bytes: not a whole number of int64
    assertThatThrownBy(() -> c.resolve(new ChunkSpec(new int[] {3}, DataType.INT32, 0)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("delta");
    assertThat(c.resolve(new ChunkSpec(new int[] {4}, DataType.INT32, 0)).maxSize()).isEqualTo(16);
  }

  private static NdArray random(SplittableRandom rnd, int[] shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (Math.sin(i * 0.01) * 100 + rnd.nextInt(4));
    }
    return NdArray.of(f, shape);
  }

  /** Whole, into-scratch and partial decodes of [transpose?] bytes blosc agree with the input. */
  @RepeatedTest(40)
  void everyDecodePathAgreesWithTheData(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(900 + info.getCurrentRepetition());
    int[] shape = {1 + rnd.nextInt(40), 1 + rnd.nextInt(40), 1 + rnd.nextInt(5)};
    boolean fOrder = rnd.nextBoolean();
    DataType dtype = rnd.nextBoolean() ? DataType.parse("<f4") : DataType.parse(">f4");
    CodecChain chain =
        fOrder
            ? CodecChain.of(TransposeCodec.reversed(3), BytesCodec.AS_DATA_TYPE, Blosc.DEFAULT)
            : CodecChain.of(BytesCodec.AS_DATA_TYPE, Blosc.DEFAULT);
    ChunkSpec spec = new ChunkSpec(shape, dtype, 0.0);
    NdArray data = random(rnd, shape);
    // build the chunk in the layout the chain encodes from
    long[] strides = chain.layoutStrides(spec);
    ChunkArray chunk =
        ChunkArray.ofBytes(spec, ByteBuffer.allocate((int) spec.byteSize()), strides);
    chunk.copyFrom(StridedView.of(data), StridedBox.all(shape));
    ByteBuffer stored = chain.encode(chunk, CodecOptions.AUTO);

    NdArray whole = NdArray.zeros(DataType.FLOAT32, shape);
    chain
        .decode(stored, spec, CodecOptions.AUTO)
        .copyTo(StridedBox.all(shape), StridedView.of(whole));
    assertThat(whole.toDoubleArray()).isEqualTo(data.toDoubleArray());

    byte[] scratch = new byte[(int) spec.byteSize() + 5];
    assertThat(chain.decodesIntoScratch(spec)).isTrue();
    NdArray viaScratch = NdArray.zeros(DataType.FLOAT32, shape);
    chain
        .decode(stored, spec, CodecOptions.PURE_JAVA, scratch)
        .copyTo(StridedBox.all(shape), StridedView.of(viaScratch));
    assertThat(viaScratch.toDoubleArray()).isEqualTo(data.toDoubleArray());

    assertThat(chain.decodesPartially(spec)).isTrue();
    int[] start = new int[3];
    int[] step = new int[3];
    long[] count = new long[3];
    for (int d = 0; d < 3; d++) {
      start[d] = rnd.nextInt(shape[d]);
      step[d] = 1 + rnd.nextInt(3);
      count[d] = 1 + (shape[d] - 1 - start[d]) / step[d];
    }
    StridedBox box = new StridedBox(start, step, count);
    NdArray part = NdArray.zeros(DataType.FLOAT32, (int) count[0], (int) count[1], (int) count[2]);
    try (ArrayPartialDecoder d = chain.partialDecoder(hidden(stored), spec, CodecOptions.AUTO)) {
      d.decodeBox(box, StridedView.of(part));
      int[] positions = new int[3 * 20];
      long[] outOffsets = new long[20];
      double[] points = new double[20];
      for (int k = 0; k < 20; k++) {
        int i = rnd.nextInt(shape[0]);
        int j = rnd.nextInt(shape[1]);
        int l = rnd.nextInt(shape[2]);
        positions[3 * k] = i;
        positions[3 * k + 1] = j;
        positions[3 * k + 2] = l;
        outOffsets[k] = k;
        points[k] = data.getDouble(i, j, l);
      }
      float[] got = new float[20];
      d.decodePoints(positions, got, outOffsets);
      for (int k = 0; k < 20; k++) {
        assertThat((double) got[k]).isEqualTo(points[k]);
      }
    }
    for (int a = 0; a < count[0]; a++) {
      for (int b = 0; b < count[1]; b++) {
        for (int e = 0; e < count[2]; e++) {
          assertThat(part.getDouble(a, b, e))
              .isEqualTo(
                  data.getDouble(
                      start[0] + a * step[0], start[1] + b * step[1], start[2] + e * step[2]));
        }
      }
    }
  }

  /** A source over bytes that does not say they are in memory, as a file or network store's. */
  private static ByteSource hidden(ByteBuffer bytes) {
    ByteSource s = ByteSource.of(bytes);
    return new ByteSource() {
      @Override
      public long size() {
        return s.size();
      }

      @Override
      public void read(long offset, ByteBuffer dst) {
        s.read(offset, dst);
      }
    };
  }

  @Test
  void aPartialDecoderGivesBackWhatItsStagesBorrowedWhenClosed() {
    int[] shape = {256, 256};
    ChunkSpec spec = new ChunkSpec(shape, DataType.parse("<f4"), 0.0);
    CodecChain chain = CodecChain.of(BytesCodec.AS_DATA_TYPE, Blosc.DEFAULT);
    NdArray data = random(new SplittableRandom(3), shape);
    ChunkArray chunk = ChunkArray.ofBytes(spec, ByteBuffer.allocate((int) spec.byteSize()));
    chunk.copyFrom(StridedView.of(data), StridedBox.all(shape));
    ByteBuffer stored = chain.encode(chunk, CodecOptions.AUTO);
    // inside chunk work, so the thread keeps (and counts) lent buffers
    ChunkExecutor.shared(1)
        .forEach(
            List.of(1).iterator(),
            x -> {
              ChunkScratch scratch = ChunkScratch.get();
              int before = scratch.lentCount();
              ArrayPartialDecoder d = chain.partialDecoder(hidden(stored), spec, CodecOptions.AUTO);
              // points at both ends of the chunk: the frame is read whole, into a lent buffer
              float[] got = new float[2];
              d.decodePoints(new int[] {0, 0, 255, 255}, got, new long[] {0, 1});
              assertThat((double) got[0]).isEqualTo(data.getDouble(0, 0));
              assertThat((double) got[1]).isEqualTo(data.getDouble(255, 255));
              assertThat(scratch.lentCount()).isGreaterThan(before);
              d.close();
              assertThat(scratch.lentCount()).isEqualTo(before);
            });
  }
}
