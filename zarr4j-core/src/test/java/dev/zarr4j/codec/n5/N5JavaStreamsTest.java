package dev.zarr4j.codec.n5;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.zarr4j.codec.ChunkArray;
import dev.zarr4j.codec.ChunkSpec;
import dev.zarr4j.codec.CodecOptions;
import dev.zarr4j.ndarray.DataType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Blocks as N5 Java writes and reads them, without N5 Java: its {@code DefaultBlockWriter} writes
 * the header and then the elements through the stream its compression opens (commons-compress gzip,
 * bzip2 and xz streams, {@code DeflaterOutputStream} for {@code useZlib}, lz4-java's {@code
 * LZ4BlockOutputStream}, n5-zstandard's zstd-jni stream, which leaves the content size out of the
 * frame); its reader reads them back through the matching input streams. Both directions with the
 * same libraries N5 Java uses.
 */
class N5JavaStreamsTest {

  interface Wrap {
    OutputStream out(OutputStream o) throws IOException;
  }

  interface Unwrap {
    InputStream in(InputStream i) throws IOException;
  }

  record JavaCompression(Map<String, Object> json, Wrap writer, Unwrap reader) {}

  static List<JavaCompression> compressions() {
    return List.of(
        new JavaCompression(
            Map.of("type", "gzip", "level", 6, "useZlib", false),
            o -> {
              GzipParameters p = new GzipParameters();
              p.setCompressionLevel(6);
              return new GzipCompressorOutputStream(o, p);
            },
            i -> new GzipCompressorInputStream(i, true)),
        new JavaCompression(
            Map.of("type", "gzip", "level", -1, "useZlib", true),
            o -> new DeflaterOutputStream(o, new Deflater(-1)),
            InflaterInputStream::new),
        new JavaCompression(
            Map.of("type", "bzip2", "blockSize", 9),
            o -> new BZip2CompressorOutputStream(o, 9),
            BZip2CompressorInputStream::new),
        new JavaCompression(
            Map.of("type", "xz", "preset", 6),
            o -> new XZCompressorOutputStream(o, 6),
            XZCompressorInputStream::new),
        new JavaCompression(
            Map.of("type", "lz4", "blockSize", 65536),
            o -> new LZ4BlockOutputStream(o, 65536),
            LZ4BlockInputStream::new),
        new JavaCompression(
            Map.of("type", "lz4", "blockSize", 100),
            o -> new LZ4BlockOutputStream(o, 100),
            LZ4BlockInputStream::new),
        new JavaCompression(
            Map.of("type", "zstd", "level", 3),
            o -> new ZstdOutputStream(o, 3),
            ZstdInputStream::new));
  }

  @RepeatedTest(8)
  void blocksCrossBothWays(RepetitionInfo info) throws IOException {
    SplittableRandom rnd = new SplittableRandom(0x75A7L + info.getCurrentRepetition());
    for (JavaCompression jc : compressions()) {
      DataType t = N5TestSupport.DTYPES.get(rnd.nextInt(N5TestSupport.DTYPES.size()));
      int[] shape = N5TestSupport.randomShape(rnd, 1 + rnd.nextInt(3), 20);
      ChunkSpec spec = new ChunkSpec(shape, t, null);
      ChunkArray chunk = N5TestSupport.randomChunk(spec, rnd);
      N5BlockCodec codec = N5BlockCodec.of(N5Compression.fromJson(jc.json()), shape);

      // N5 Java's writer: header, then the big-endian elements through the compression's stream
      ByteBuffer raw = N5BlockCodec.of(N5Compression.RAW).encode(chunk, CodecOptions.AUTO);
      byte[] block = new byte[raw.remaining()];
      raw.get(block);
      int header = N5BlockHeader.read(ByteBuffer.wrap(block)).length();
      ByteArrayOutputStream javaBlock = new ByteArrayOutputStream();
      javaBlock.write(block, 0, header);
      try (OutputStream o = jc.writer().out(javaBlock)) {
        o.write(block, header, block.length - header);
      }
      ChunkArray got =
          codec.decode(ByteBuffer.wrap(javaBlock.toByteArray()), spec, CodecOptions.AUTO);
      assertThat(N5TestSupport.bytes(got))
          .as("%s reads N5 Java's", jc.json())
          .isEqualTo(N5TestSupport.bytes(chunk));

      // N5 Java's reader on ours
      ByteBuffer ours = codec.encode(chunk, CodecOptions.AUTO);
      byte[] ob = new byte[ours.remaining()];
      ours.get(ob);
      assertThat(java.util.Arrays.copyOf(ob, header))
          .isEqualTo(java.util.Arrays.copyOf(block, header));
      byte[] payload;
      try (InputStream in =
          jc.reader().in(new ByteArrayInputStream(ob, header, ob.length - header))) {
        payload = in.readNBytes(block.length - header);
      }
      assertThat(payload)
          .as("N5 Java reads %s", jc.json())
          .isEqualTo(java.util.Arrays.copyOfRange(block, header, block.length));
    }
  }
}
