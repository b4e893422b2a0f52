package dev.zarr4j.compression.zstd;

/**
 * The per-thread working memory of {@link ZstdFastEncoder}: the match finder's hash table, one
 * block's sequences and literals, the repeat-offset history, the block output area and the entropy
 * coders' work arrays. Allocated once per thread and reused by every frame it writes.
 */
final class ZstdEncoderWorkspace {
  /** The largest block the format allows, and the size the encoder cuts its input into. */
  static final int MAX_BLOCK = 128 << 10;

  /** The largest hash table (in bits of hash). */
  static final int MAX_HASH_LOG = 16;

  /** Every match of this encoder is at least 4 bytes long, bounding a block's sequences. */
  static final int MAX_SEQUENCES = MAX_BLOCK / 4 + 1;

  private static final ThreadLocal<ZstdEncoderWorkspace> PER_THREAD =
      ThreadLocal.withInitial(ZstdEncoderWorkspace::new);

  /** Positions (relative to the frame's first input byte) by hash of the bytes there. */
  final int[] hashTable = new int[1 << MAX_HASH_LOG];

  /** The block's literals, in order; slack for wide reads and writes past the end. */
  final byte[] literals = new byte[MAX_BLOCK + 32];

  /** How many bytes of {@link #literals} the block has. */
  int literalCount;

  /** Each sequence's literal length. */
  final int[] litLengths = new int[MAX_SEQUENCES];

  /** Each sequence's match length. */
  final int[] matchLengths = new int[MAX_SEQUENCES];

  /** Each sequence's offset value as the format codes it (1..3: repeat offsets; else offset+3). */
  final int[] offsetValues = new int[MAX_SEQUENCES];

  /** A compressed block is assembled here before it is known to beat a raw one. */
  final byte[] block = new byte[MAX_BLOCK + 1024 + 11 * MAX_SEQUENCES + 1024];

  /** The repeat-offset history as the decoder will hold it: most recent first. */
  final int[] repeats = new int[3];

  final ZstdHuffmanEncoder literalsEncoder = new ZstdHuffmanEncoder();
  final ZstdSequenceEncoder sequencesEncoder = new ZstdSequenceEncoder();

  private ZstdEncoderWorkspace() {}

  /** The calling thread's workspace. */
  static ZstdEncoderWorkspace get() {
    return PER_THREAD.get();
  }
}
