package dev.zarr4j;

import dev.zarr4j.codec.Codec;
import dev.zarr4j.metadata.ArrayMetadata;
import dev.zarr4j.metadata.ArraySpec;
import dev.zarr4j.python.PythonText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A diagnostic report about an array or group: named items printed as zarr-python's {@code info}
 * prints them, one {@code Name : value} line per item, keys padded to the longest, values wrapped
 * at 80 columns.
 */
public final class Info {
  private final List<String[]> items;

  Info(List<String[]> items) {
    List<String[]> copy = new ArrayList<>();
    for (String[] i : items) {
      copy.add(i.clone());
    }
    this.items = Collections.unmodifiableList(copy);
  }

  /** zarr-python's report on an array: its fields, in zarr-python's order and wording. */
  static Info of(ZarrArray a) {
    ArrayMetadata m = a.metadata();
    ArraySpec s = m.spec();
    List<String[]> items = new ArrayList<>();
    a.name().ifPresent(n -> items.add(new String[] {"Name", n}));
    items.add(new String[] {"Type", ZarrArray.class.getName()});
    items.add(new String[] {"Data type", s.dtype().toString()});
    items.add(new String[] {"Shape", PythonText.tuple(s.shape())});
    // zarr-python 3 prints "<variable>" for a grid whose chunks differ in shape
    boolean sharded = s.codecs().innerChunks() != null;
    boolean oneShape = s.grid().isRegular() || sharded;
    items.add(new String[] {"Chunk shape", oneShape ? PythonText.tuple(a.chunks()) : "<variable>"});
    if (sharded) {
      items.add(
          new String[] {
            "Shard shape", s.grid().isRegular() ? PythonText.tuple(a.shards()) : "<variable>"
          });
    }
    items.add(new String[] {"Order", m.order().name()});
    items.add(new String[] {"Read-only", a.readOnly() ? "True" : "False"});
    int f = 0;
    if (m.objectCodec() != null) {
      items.add(new String[] {"Filter [" + f++ + "]", m.objectCodec().toString()});
    }
    for (Codec filter : m.filters()) {
      items.add(new String[] {"Filter [" + f++ + "]", filter.toString()});
    }
    items.add(
        new String[] {"Compressor", m.compressor() == null ? "None" : m.compressor().toString()});
    if (a.synchronizer() != null) {
      items.add(new String[] {"Synchronizer type", a.synchronizer().getClass().getName()});
    }
    items.add(new String[] {"Store type", a.store().getClass().getName()});
    if (a.chunkStore() != a.store()) {
      items.add(new String[] {"Chunk store type", a.chunkStore().getClass().getName()});
    }
    long nbytes = s.nbytes();
    items.add(new String[] {"No. bytes", bytes(nbytes)});
    long stored = a.nbytesStored();
    if (stored > 0) {
      items.add(new String[] {"No. bytes stored", bytes(stored)});
      items.add(new String[] {"Storage ratio", oneDecimal((double) nbytes / stored)});
    }
    items.add(new String[] {"Chunks initialized", a.nchunksInitialized() + "/" + a.nchunks()});
    return new Info(items);
  }

  /** The items as (name, value) pairs in report order. */
  public List<String[]> items() {
    List<String[]> out = new ArrayList<>();
    for (String[] i : items) {
      out.add(i.clone());
    }
    return out;
  }

  /** The value of one item, or null. */
  public String get(String name) {
    for (String[] i : items) {
      if (i[0].equals(name)) {
        return i[1];
      }
    }
    return null;
  }

  /** The text report, each line ending in a newline. */
  @Override
  public String toString() {
    int width = 0;
    for (String[] i : items) {
      width = Math.max(width, i[0].length());
    }
    StringBuilder sb = new StringBuilder();
    for (String[] i : items) {
      String first = pad(i[0], width) + " : ";
      String next = " ".repeat(width) + " : ";
      wrap(i[1], first, next, 80, sb);
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** Greedy word wrap in the manner of Python's textwrap with its default settings. */
  static void wrap(
      String text, String firstIndent, String nextIndent, int width, StringBuilder out) {
    String[] words = text.strip().split("\\s+");
    StringBuilder line = new StringBuilder(firstIndent);
    boolean empty = true;
    for (String w : words) {
      String word = w;
      while (true) {
        int room = width - line.length() - (empty ? 0 : 1);
        if (word.length() <= room) {
          if (!empty) {
            line.append(' ');
          }
          line.append(word);
          empty = false;
          break;
        }
        if (!empty) {
          out.append(line).append('\n');
          line = new StringBuilder(nextIndent);
          empty = true;
          continue;
        }
        // a word longer than a whole line is split
        int take = Math.max(1, width - line.length());
        line.append(word, 0, Math.min(take, word.length()));
        out.append(line).append('\n');
        word = word.substring(Math.min(take, word.length()));
        line = new StringBuilder(nextIndent);
        if (word.isEmpty()) {
          break;
        }
      }
    }
    if (!empty) {
      out.append(line).append('\n');
    }
  }

  /** Python's {@code '%.1f' % v}: the exact binary value rounded half-even to one decimal. */
  static String oneDecimal(double v) {
    return new java.math.BigDecimal(v)
        .setScale(1, java.math.RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  /** zarr-python's byte count text: {@code 280}, or {@code 80000 (78.1K)} above 1 KiB. */
  static String bytes(long n) {
    if (n > 1024) {
      return n + " (" + humanReadable(n) + ")";
    }
    return Long.toString(n);
  }

  /** zarr-python's human readable size: {@code 78.1K}, {@code 381.5M}. */
  static String humanReadable(long size) {
    String[] units = {"K", "M", "G", "T", "P"};
    if (size < 1024) {
      return Long.toString(size);
    }
    double v = size;
    int u = -1;
    while (u < units.length - 1 && v >= 1024) {
      v /= 1024;
      u++;
    }
    return oneDecimal(v) + units[u];
  }
}
