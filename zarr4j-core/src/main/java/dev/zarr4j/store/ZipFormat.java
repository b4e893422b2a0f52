package dev.zarr4j.store;

import dev.zarr4j.exceptions.StoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the ZIP format (PKWARE's APPNOTE, with ZIP64) a {@link ZipStore} reads and writes:
 * the end of central directory records, central directory headers and local file headers. Entries
 * are stored (method 0) or deflated (method 8); names are UTF-8 (flag bit 11) or, without that
 * flag, code page 437 as the format says.
 */
final class ZipFormat {
  private ZipFormat() {}

  static final int LOCAL_SIG = 0x04034b50;
  static final int CENTRAL_SIG = 0x02014b50;
  static final int EOCD_SIG = 0x06054b50;
  static final int ZIP64_EOCD_SIG = 0x06064b50;
  static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  static final int EOCD_SIZE = 22;
  static final int ZIP64_EOCD_SIZE = 56;
  static final int ZIP64_LOCATOR_SIZE = 20;
  static final int LOCAL_HEADER_SIZE = 30;
  static final int CENTRAL_HEADER_SIZE = 46;
  static final long MAX32 = 0xFFFFFFFFL;
  static final int MAX16 = 0xFFFF;
  static final int FLAG_ENCRYPTED = 1;
  static final int FLAG_UTF8 = 1 << 11;
  static final int STORED = 0;
  static final int DEFLATED = 8;

  /** The bytes read first from the end of an archive, looking for its end record. */
  private static final int FIRST_TAIL = 8 << 10;

  private static final Charset CP437 = cp437();

  private static Charset cp437() {
    try {
      return Charset.forName("IBM437");
    } catch (RuntimeException e) {
      return StandardCharsets.ISO_8859_1; // a JDK without the extended charsets
    }
  }

  /** Random reads of the archive's bytes; thread-safe. */
  interface Data {
    long size();

    /** Fills {@code dst} from {@code position}. */
    void read(long position, ByteBuffer dst);
  }

  /**
   * One entry as the central directory records it.
   *
   * @param name the name as stored
   * @param nameBytes its encoded bytes, written back unchanged when an archive is appended to
   * @param flags general purpose flags
   * @param method compression method
   * @param dosTime the MS-DOS time and date (time in the low 16 bits)
   * @param crc the CRC-32 of the uncompressed bytes
   * @param compressedSize bytes stored
   * @param size bytes once uncompressed
   * @param localOffset where the entry's local header starts in the archive
   */
  record Entry(
      String name,
      byte[] nameBytes,
      int flags,
      int method,
      long dosTime,
      long crc,
      long compressedSize,
      long size,
      long localOffset) {

    boolean needsZip64() {
      return compressedSize >= MAX32 || size >= MAX32 || localOffset >= MAX32;
    }
  }

  /** The central directory of an archive and where it ends. */
  record Directory(List<Entry> entries, long end) {}

  private static ByteBuffer read(Data data, long position, int length) {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    data.read(position, b);
    return b.flip();
  }

  private static int u16(ByteBuffer b, int at) {
    return b.getShort(at) & 0xFFFF;
  }

  private static long u32(ByteBuffer b, int at) {
    return b.getInt(at) & MAX32;
  }

  /**
   * Reads the central directory of the archive {@code data} holds ({@code where} names it in
   * messages). Offsets are corrected when the archive was appended to other bytes (as in a
   * self-extracting file), as zip readers do.
   *
   * @throws StoreException naming {@code where} if it is not a ZIP archive or is damaged
   */
  static Directory readDirectory(Data data, String where) {
    long size = data.size();
    if (size < EOCD_SIZE) {
      throw new StoreException(where + " is not a zip archive (" + size + " bytes)");
    }
    // a short tail first (the end record of an archive without a long comment, and often its
    // whole central directory: one ranged read of a remote archive), then the longest tail a
    // comment allows
    int tailLength = (int) Math.min(size, FIRST_TAIL);
    long tailStart = size - tailLength;
    ByteBuffer tail = read(data, tailStart, tailLength);
    int eocd = endRecordIn(tail, tailLength);
    int longest = (int) Math.min(size, EOCD_SIZE + MAX16 + ZIP64_LOCATOR_SIZE);
    if (eocd < 0 && longest > tailLength) {
      tailLength = longest;
      tailStart = size - tailLength;
      tail = read(data, tailStart, tailLength);
      eocd = endRecordIn(tail, tailLength);
    }
    if (eocd < 0) {
      throw new StoreException(where + " is not a zip archive: no end of central directory record");
    }
    long count = u16(tail, eocd + 10);
    long cdSize = u32(tail, eocd + 12);
    long cdOffset = u32(tail, eocd + 16);
    long cdEnd = tailStart + eocd; // where the central directory is found to end
    int locator = eocd - ZIP64_LOCATOR_SIZE;
    if (locator >= 0 && tail.getInt(locator) == ZIP64_LOCATOR_SIG) {
      long recordAt = tail.getLong(locator + 8);
      long shiftGuess = tailStart + locator - ZIP64_EOCD_SIZE - recordAt;
      ByteBuffer record = read(data, recordAt + Math.max(0, shiftGuess), ZIP64_EOCD_SIZE);
      if (record.getInt(0) != ZIP64_EOCD_SIG) {
        throw new StoreException(where + " is a damaged zip archive: no ZIP64 end record");
      }
      count = record.getLong(32);
      cdSize = record.getLong(40);
      cdOffset = record.getLong(48);
      cdEnd = recordAt + Math.max(0, shiftGuess);
    }
    long shift = cdEnd - cdSize - cdOffset;
    if (shift < 0 || cdSize > Integer.MAX_VALUE - 64 || count < 0) {
      throw new StoreException(
          where
              + " is a damaged zip archive: its central directory ("
              + cdSize
              + " bytes at "
              + cdOffset
              + ") does not fit");
    }
    long cdStart = cdOffset + shift;
    ByteBuffer cd =
        cdStart >= tailStart && cdStart + cdSize <= tailStart + tailLength
            ? tail.slice((int) (cdStart - tailStart), (int) cdSize).order(ByteOrder.LITTLE_ENDIAN)
            : read(data, cdStart, (int) cdSize);
    List<Entry> entries = new ArrayList<>((int) Math.min(count, 1 << 20));
    int at = 0;
    while (at + CENTRAL_HEADER_SIZE <= cdSize && cd.getInt(at) == CENTRAL_SIG) {
      int flags = u16(cd, at + 8);
      int method = u16(cd, at + 10);
      long dosTime = u32(cd, at + 12);
      long crc = u32(cd, at + 16);
      long csize = u32(cd, at + 20);
      long usize = u32(cd, at + 24);
      int nameLength = u16(cd, at + 28);
      int extraLength = u16(cd, at + 30);
      int commentLength = u16(cd, at + 32);
      int disk = u16(cd, at + 34);
      long offset = u32(cd, at + 42);
      int nameAt = at + CENTRAL_HEADER_SIZE;
      if (nameAt + nameLength + extraLength + commentLength > cdSize) {
        throw new StoreException(where + " is a damaged zip archive: a truncated entry");
      }
      byte[] nameBytes = new byte[nameLength];
      cd.get(nameAt, nameBytes);
      int extra = nameAt + nameLength;
      int extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        int id = u16(cd, extra);
        int length = u16(cd, extra + 2);
        if (id == 0x0001) {
          int p = extra + 4;
          int end = Math.min(p + length, extraEnd);
          if (usize == MAX32 && p + 8 <= end) {
            usize = cd.getLong(p);
            p += 8;
          }
          if (csize == MAX32 && p + 8 <= end) {
            csize = cd.getLong(p);
            p += 8;
          }
          if (offset == MAX32 && p + 8 <= end) {
            offset = cd.getLong(p);
          }
        }
        extra += 4 + length;
      }
      String name =
          new String(nameBytes, (flags & FLAG_UTF8) != 0 ? StandardCharsets.UTF_8 : CP437);
      if (disk == 0 || disk == MAX16) {
        entries.add(
            new Entry(name, nameBytes, flags, method, dosTime, crc, csize, usize, offset + shift));
      }
      at = extraEnd + commentLength;
    }
    return new Directory(entries, cdOffset + shift);
  }

  /**
   * Where the end of central directory record starts in {@code tail} (the last bytes of the
   * archive; the record's comment reaches its end), or -1.
   */
  private static int endRecordIn(ByteBuffer tail, int tailLength) {
    for (int i = tailLength - EOCD_SIZE; i >= 0; i--) {
      if (tail.getInt(i) == EOCD_SIG && i + EOCD_SIZE + u16(tail, i + 20) == tailLength) {
        return i;
      }
    }
    return -1;
  }

  /** Where the data of {@code entry} starts: after its local header. */
  static long dataOffset(Data data, Entry entry, String where) {
    return readLocal(data, entry, 0, where).dataOffset();
  }

  /**
   * The local header of an entry read together with the first bytes of its data: where the data
   * starts, and those of its first {@code dataBytes} bytes the read reached.
   */
  record Local(long dataOffset, ByteBuffer data) {}

  /**
   * Reads the local header of {@code entry} and, in the same read, up to {@code dataBytes} bytes of
   * its data (all of them unless the local header carries more extra bytes than the central one):
   * one request instead of two for an archive read over a network.
   */
  static Local readLocal(Data data, Entry entry, long dataBytes, String where) {
    long available = data.size() - entry.localOffset();
    long wanted = LOCAL_HEADER_SIZE + entry.nameBytes().length + dataBytes;
    int length = (int) Math.min(Math.min(wanted, available), Integer.MAX_VALUE - 64);
    if (length < LOCAL_HEADER_SIZE) {
      throw new StoreException(
          where + " is a damaged zip archive: no local header for '" + entry.name() + "'");
    }
    ByteBuffer header = read(data, entry.localOffset(), length);
    if (header.getInt(0) != LOCAL_SIG) {
      throw new StoreException(
          where + " is a damaged zip archive: no local header for '" + entry.name() + "'");
    }
    int at = LOCAL_HEADER_SIZE + u16(header, 26) + u16(header, 28);
    ByteBuffer first =
        at < length
            ? header.slice(at, (int) Math.min(length - at, dataBytes))
            : ByteBuffer.allocate(0);
    return new Local(entry.localOffset() + at, first);
  }

  /** The MS-DOS date and time of {@code t} (date in the high 16 bits). */
  static long dosTime(LocalDateTime t) {
    int year = Math.max(1980, Math.min(2107, t.getYear()));
    long date = ((long) (year - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
    long time = (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
    return (date << 16) | time;
  }

  /** A local file header for {@code e} (ZIP64 sizes when they need it). */
  static ByteBuffer localHeader(Entry e) {
    boolean zip64 = e.size() >= MAX32 || e.compressedSize() >= MAX32;
    int extraLength = zip64 ? 20 : 0;
    ByteBuffer b =
        ByteBuffer.allocate(LOCAL_HEADER_SIZE + e.nameBytes().length + extraLength)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(LOCAL_SIG)
        .putShort((short) (zip64 ? 45 : 20))
        .putShort((short) e.flags())
        .putShort((short) e.method())
        .putInt((int) e.dosTime())
        .putInt((int) e.crc())
        .putInt((int) (zip64 ? MAX32 : e.compressedSize()))
        .putInt((int) (zip64 ? MAX32 : e.size()))
        .putShort((short) e.nameBytes().length)
        .putShort((short) extraLength)
        .put(e.nameBytes());
    if (zip64) {
      b.putShort((short) 1).putShort((short) 16).putLong(e.size()).putLong(e.compressedSize());
    }
    return b.flip();
  }

  /** The central directory header of {@code e} (ZIP64 fields for what needs them). */
  static ByteBuffer centralHeader(Entry e) {
    boolean bigSize = e.size() >= MAX32;
    boolean bigCompressed = e.compressedSize() >= MAX32;
    boolean bigOffset = e.localOffset() >= MAX32;
    int zip64Length = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
    int extraLength = zip64Length > 0 ? 4 + zip64Length : 0;
    ByteBuffer b =
        ByteBuffer.allocate(CENTRAL_HEADER_SIZE + e.nameBytes().length + extraLength)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(CENTRAL_SIG)
        .putShort((short) (3 << 8 | 45)) // made by: Unix, version 4.5
        .putShort((short) (e.needsZip64() ? 45 : 20))
        .putShort((short) e.flags())
        .putShort((short) e.method())
        .putInt((int) e.dosTime())
        .putInt((int) e.crc())
        .putInt((int) (bigCompressed ? MAX32 : e.compressedSize()))
        .putInt((int) (bigSize ? MAX32 : e.size()))
        .putShort((short) e.nameBytes().length)
        .putShort((short) extraLength)
        .putShort((short) 0) // comment
        .putShort((short) 0) // disk
        .putShort((short) 0) // internal attributes
        .putInt(0100644 << 16) // external attributes: a regular file, rw-r--r--
        .putInt((int) (bigOffset ? MAX32 : e.localOffset()))
        .put(e.nameBytes());
    if (zip64Length > 0) {
      b.putShort((short) 1).putShort((short) zip64Length);
      if (bigSize) {
        b.putLong(e.size());
      }
      if (bigCompressed) {
        b.putLong(e.compressedSize());
      }
      if (bigOffset) {
        b.putLong(e.localOffset());
      }
    }
    return b.flip();
  }

  /**
   * The records that end an archive whose central directory of {@code count} entries and {@code
   * size} bytes starts at {@code offset}: a ZIP64 end record and its locator when any of them needs
   * 64 bits (or {@code zip64} is set), then the end of central directory record.
   */
  static ByteBuffer end(long count, long offset, long size, boolean zip64) {
    boolean big = zip64 || count >= MAX16 || offset >= MAX32 || size >= MAX32;
    ByteBuffer b =
        ByteBuffer.allocate((big ? ZIP64_EOCD_SIZE + ZIP64_LOCATOR_SIZE : 0) + EOCD_SIZE)
            .order(ByteOrder.LITTLE_ENDIAN);
    if (big) {
      long recordAt = offset + size;
      b.putInt(ZIP64_EOCD_SIG)
          .putLong(ZIP64_EOCD_SIZE - 12)
          .putShort((short) (3 << 8 | 45))
          .putShort((short) 45)
          .putInt(0)
          .putInt(0)
          .putLong(count)
          .putLong(count)
          .putLong(size)
          .putLong(offset);
      b.putInt(ZIP64_LOCATOR_SIG).putInt(0).putLong(recordAt).putInt(1);
    }
    b.putInt(EOCD_SIG)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) Math.min(count, MAX16))
        .putShort((short) Math.min(count, MAX16))
        .putInt((int) Math.min(size, MAX32))
        .putInt((int) Math.min(offset, MAX32))
        .putShort((short) 0);
    return b.flip();
  }
}
