package dev.zarr4j.codec;

import dev.zarr4j.exceptions.CodecException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A user's own codec, registered through META-INF/services as a plug-in would be. */
public final class XorCodecProvider implements CodecProvider {

  /** XORs every byte with a key: trivial, but a real codec with a config. */
  record Xor(int key) implements BytesToBytesCodec {
    @Override
    public String id() {
      return "test-xor";
    }

    @Override
    public Map<String, Object> toConfig() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", "test-xor");
      m.put("key", key);
      return m;
    }

    @Override
    public ByteBuffer encode(ByteBuffer decoded, int itemSize) {
      return xor(decoded);
    }

    @Override
    public ByteBuffer decode(ByteBuffer encoded, int maxDecodedSize) {
      if (encoded.remaining() > maxDecodedSize) {
        throw new CodecException("test-xor: input larger than " + maxDecodedSize);
      }
      return xor(encoded);
    }

    private ByteBuffer xor(ByteBuffer in) {
      ByteBuffer src = in.duplicate();
      ByteBuffer out = ByteBuffer.allocate(src.remaining());
      while (src.hasRemaining()) {
        out.put((byte) (src.get() ^ key));
      }
      return out.flip();
    }
  }

  @Override
  public Set<String> ids() {
    return Set.of("test-xor");
  }

  @Override
  public Codec fromConfig(String id, Map<String, Object> config) {
    Object key = config.get("key");
    if (!(key instanceof Number n)) {
      throw new CodecException("test-xor: 'key' must be a number, got " + key);
    }
    return new Xor(n.intValue());
  }
}
