package dev.zarr4j.bench;

import dev.zarr4j.codec.BytesToBytesCodec;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecChain;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.codec.layout.BytesCodec;
import dev.zarr4j.internal.ChunkScratch;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.RawCopy;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the per-chunk steps of a read and a write, one 512 x 512 float32 chunk of
 * the peer benchmark's data (1 MiB raw), single-threaded: decoding stored bytes (in place for
 * Blosc), copying the raw chunk into its box of an 8192-wide output, and the mirror steps of a
 * write. The chunk goes through the codec chain a Zarr v2 array with order "C" and that compressor
 * has, with the process default {@link CodecOptions} (add {@code -jvmArgs
 * -Dzarr4j.codecs.pureJava=true} for the pure-Java path). Run with {@code java -cp
 * zarr4j-bench/target/zarr4j-bench.jar org.openjdk.jmh.Main ChunkPath}; scores are microseconds per
 * chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkPathBenchmark {
  static final int CHUNK = 512;
  static final int WIDTH = 8192;

  @Param({"none", "blosc-lz4", "zstd-3"})
  public String codec;

  private final CodecOptions options = CodecOptions.processDefault();
  private CodecChain chain;
  private ChunkSpec chunkSpec;
  private ByteBuffer raw;
  private ByteBuffer stored;
  private float[] output;
  private float[] input;
  private long[] rawStrides;
  private final long[] outStrides = {WIDTH, 1};
  private final long[] counts = {CHUNK, CHUNK};
  private final DataType dtype = DataType.parse("<f4");

  @Setup(Level.Trial)
  public void setUp() {
    input = BenchData.field(CHUNK, WIDTH, 42);
    output = new float[CHUNK * WIDTH];
    BytesToBytesCodec compressor = PeerBench.codec(codec);
    chain =
        compressor == null
            ? CodecChain.of(BytesCodec.AS_DATA_TYPE)
            : CodecChain.of(BytesCodec.AS_DATA_TYPE, compressor);
    chunkSpec = new ChunkSpec(new int[] {CHUNK, CHUNK}, dtype, 0.0);
    long[] elementStrides = chain.layoutStrides(chunkSpec);
    rawStrides = new long[elementStrides.length];
    for (int i = 0; i < rawStrides.length; i++) {
      rawStrides[i] = elementStrides[i] * dtype.itemSize();
    }
    raw = PeerBench.rawChunks(NdArray.of(input, CHUNK, WIDTH), CHUNK).get(3);
    stored = encode();
  }

  /** Stored bytes to raw bytes, into a reused buffer where the codec allows. */
  @Benchmark
  public ByteBuffer decode() {
    if (!chain.decodesIntoScratch(chunkSpec)) {
      return chain.decode(stored, chunkSpec, options, null).bytes();
    }
    ChunkScratch s = ChunkScratch.get();
    byte[] b = s.lendHeap((int) chain.scratchSize(chunkSpec));
    try {
      return chain.decode(stored, chunkSpec, options, b).bytes();
    } finally {
      s.release(b);
    }
  }

  /** Raw chunk bytes into the chunk's box of a wide float output (512 rows of 2 KiB). */
  @Benchmark
  public float[] copyIntoOutput() {
    RawCopy.decode(raw, 0, rawStrides, output, 3 * CHUNK, outStrides, counts, dtype);
    return output;
  }

  /** A box of a wide float input into raw chunk bytes (the first step of a write). */
  @Benchmark
  public ByteBuffer copyFromInput() {
    RawCopy.encode(input, 3 * CHUNK, outStrides, raw, 0, rawStrides, counts, dtype);
    return raw;
  }

  /** Raw bytes to stored bytes. */
  @Benchmark
  public ByteBuffer encode() {
    return chain.encode(ChunkArray.ofBytes(chunkSpec, raw), options);
  }
}
