package dev.zarr4j.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zarr4j.testutil.ReferencePython;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .npy} headers against NumPy 1.24: what np.save writes, and what np.load reads. */
class NpyNumpyInteropTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Saves many arrays with np.save and lists what each header should say in cases.json. */
  private static final String SAVE =
      String.join(
          "\n",
          "import json, warnings",
          "import numpy as np",
          "warnings.simplefilter('ignore')",
          "rng = np.random.default_rng(1234)",
          "cases = []",
          "def plain(d):",
          "    if isinstance(d, (list, tuple)):",
          "        return [plain(x) for x in d]",
          "    return d",
          "def add(name, a):",
          "    fn = name + '.npy'",
          "    np.save(fn, a, allow_pickle=True)",
          "    h = np.lib.format.header_data_from_array_1_0(a)",
          "    with open(fn, 'rb') as f:",
          "        version = f.read(8)[6]",
          "    cases.append(dict(file=fn, descr=plain(h['descr']),"
              + " fortran_order=h['fortran_order'],",
          "                      shape=list(h['shape']), itemsize=a.dtype.itemsize,",
          "                      hasobject=bool(a.dtype.hasobject), version=version))",
          "def filled(dt, shape, order):",
          "    n = int(np.prod(shape)) * dt.itemsize",
          "    a = np.frombuffer(rng.bytes(n), dtype=dt)",
          "    a = a.reshape(shape)",
          "    return np.asfortranarray(a) if order == 'F' else a",
          "simple = ['<f8', '>f4', '<f2', '<g', '<i2', '>i8', '|i1', '|u1', '<u4', '|b1', '<c16',",
          "          '>c8', '|S5', '|S1', '<U3', '>U2', '<M8[ns]', '>M8[D]', '<m8[s]', '|V7']",
          "shapes = [(), (0,), (5,), (2, 3), (3, 0, 2), (1, 1, 1, 1), (2, 3, 4), (4, 1234567),",
          "          (10**15, 0), (0, 123456789012), (7, 9, 3, 2, 2)]",
          "i = 0",
          "for s in simple:",
          "    for shape in shapes:",
          "        for order in 'CF':",
          "            if int(np.prod(shape)) * np.dtype(s).itemsize > 5e6:",
          "                continue",
          "            add('simple%d' % i, filled(np.dtype(s), shape, order)); i += 1",
          "# every header length modulo 64, so the growth spaces and the alignment padding both"
              + " show",
          "for n in range(1, 140):",
          "    add('name%d' % n, np.zeros((10 ** (n % 17), 0), dtype=[('a' * n, '<i4')]))",
          "    add('fname%d' % n, np.asfortranarray(np.zeros((2, 10), dtype=[('a' * n, '|u1')])))",
          "structured = [",
          "    [('a', '<i4'), ('b', '<f8', (2,))],",
          "    [('a', [('x', '<i4'), ('y', '|S3')], (2,)), ('b', '>u2')],",
          "    [(('my title', 'name'), '<i4'), ('c', '<f4')],",
          "    {'names': ['a', 'b'], 'formats': ['<i4', '<f8'], 'offsets': [4, 16], 'itemsize':"
              + " 32},",
          "    np.dtype([('a', 'u1'), ('b', '<i8')], align=True),",
          "    [('\\u00e9', '<i4')],",
          "    [('\\u4e2d\\u6587', '<f8'), ('\\U0001f600', '|u1')],",
          "    [(\"it's\", '<i4'), ('q\"\\\\', '<i4'), ('\\t\\x7f\\u2028', '|b1')],",
          "    [('s', [('x', '<i4')], (2, 3)), ('t', '<M8[us]')],",
          "    [('f%d' % k, '<f8') for k in range(5000)],",
          "    [('', '|V4'), ('z', '>i2')],",
          "]",
          "for k, d in enumerate(structured):",
          "    dt = np.dtype(d)",
          "    for m, shape in enumerate([(), (3,), (2, 2), (0,)]):",
          "        for order in 'CF':",
          "            add('struct%d_%d%s' % (k, m, order), filled(dt, shape, order))",
          "objs = np.empty((2, 3), dtype=object)",
          "objs[:] = [[1, 'two', None], [3.5, [4], {'k': 5}]]",
          "add('object_c', objs)",
          "add('object_f', np.asfortranarray(objs))",
          "mixed = np.zeros(3, dtype=[('o', 'O'), ('i', '<i4')])",
          "mixed['o'] = ['x', 2, None]",
          "add('object_struct', mixed)",
          "assert len(set(c['file'] for c in cases)) == len(cases)",
          "with open('cases.json', 'w') as f:",
          "    json.dump(cases, f)",
          "");

  /** np.load's view of each file zarr4j rewrote must equal its view of np.save's original. */
  private static final String COMPARE =
      String.join(
          "\n",
          "import json, warnings",
          "import numpy as np",
          "warnings.simplefilter('ignore')",
          "cases = json.load(open('cases.json'))",
          "for c in cases:",
          "    a = np.load(c['file'], allow_pickle=True)",
          "    b = np.load('rewritten/' + c['file'], allow_pickle=True)",
          "    assert a.dtype == b.dtype, c['file']",
          "    assert a.shape == b.shape, c['file']",
          "    assert a.flags.f_contiguous == b.flags.f_contiguous, c['file']",
          "    if a.dtype.hasobject:",
          "        assert a.tolist() == b.tolist(), c['file']",
          "    else:",
          "        assert a.tobytes(order='A') == b.tobytes(order='A'), c['file']",
          "print(len(cases))",
          "");

  @Test
  void readsNumpysHeadersAndWritesThemByteForByte(@TempDir Path dir) throws IOException {
    ReferencePython.assumeAvailable("numpy");
    ReferencePython.run(SAVE, dir);
    List<Map<String, Object>> cases =
        MAPPER.readValue(
            dir.resolve("cases.json").toFile(), new TypeReference<List<Map<String, Object>>>() {});
    assertThat(cases).hasSizeGreaterThan(300);
    Files.createDirectories(dir.resolve("rewritten"));
    int[] versions = new int[4];
    for (Map<String, Object> c : cases) {
      String name = (String) c.get("file");
      Path file = dir.resolve(name);
      byte[] bytes = Files.readAllBytes(file);
      Object descr = longs(c.get("descr"));
      boolean fortran = (Boolean) c.get("fortran_order");
      long[] shape =
          ((List<?>) c.get("shape")).stream().mapToLong(x -> ((Number) x).longValue()).toArray();

      NpyHeader read;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        read = NpyHeader.read(ch);
      }
      assertThat(read.descr()).as(name).isEqualTo(descr);
      assertThat(read.fortranOrder()).as(name).isEqualTo(fortran);
      assertThat(read.shape()).as(name).containsExactly(shape);
      assertThat(read.version()).as(name).isEqualTo(((Number) c.get("version")).intValue());
      versions[read.version()]++;
      try (InputStream in = Files.newInputStream(file)) {
        assertThat(NpyHeader.read(in)).as(name).isEqualTo(read);
      }
      if (!(Boolean) c.get("hasobject")) {
        long itemSize = ((Number) c.get("itemsize")).longValue();
        assertThat(read.dataLength(itemSize)).as(name).isEqualTo(bytes.length - read.dataOffset());
      }

      NpyHeader ours = NpyHeader.of(descr, fortran, shape);
      assertThat(ours).as(name).isEqualTo(read);
      byte[] header = ours.toBytes();
      assertThat(header)
          .as(
              "%s header: numpy %s%nzarr4j %s",
              name,
              new String(bytes, 0, (int) read.dataOffset(), StandardCharsets.ISO_8859_1),
              new String(header, StandardCharsets.ISO_8859_1))
          .isEqualTo(Arrays.copyOf(bytes, (int) read.dataOffset()));

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ours.write(out);
      out.write(bytes, header.length, bytes.length - header.length);
      Files.write(dir.resolve("rewritten").resolve(name), out.toByteArray());
    }
    assertThat(versions[1]).isPositive();
    assertThat(versions[2]).isPositive();
    assertThat(versions[3]).isPositive();
    String checked = ReferencePython.run(COMPARE, dir);
    assertThat(checked.strip()).isEqualTo(Integer.toString(cases.size()));
  }

  /** Files zarr4j writes from scratch, header and data, load in NumPy with the right values. */
  @Test
  void numpyLoadsValuesZarr4jWrote(@TempDir Path dir) throws IOException {
    ReferencePython.assumeAvailable("numpy");
    // <i4, C order, 3x4: value at (i, j) is 7 * (4i + j) - 5
    ByteBuffer b = le(12 * 4);
    for (int k = 0; k < 12; k++) {
      b.putInt(7 * k - 5);
    }
    save(dir, "i4.npy", NpyHeader.of("<i4", false, 3, 4), b);

    // >f8, Fortran order, 2x3x4: value at (i, j, k) is 100i + 10j + k + 0.5
    b = ByteBuffer.allocate(24 * 8).order(ByteOrder.BIG_ENDIAN);
    for (int k = 0; k < 4; k++) {
      for (int j = 0; j < 3; j++) {
        for (int i = 0; i < 2; i++) {
          b.putDouble(100 * i + 10 * j + k + 0.5);
        }
      }
    }
    save(dir, "f8.npy", NpyHeader.of(">f8", true, 2, 3, 4), b);

    // structured [('a', '<i2'), ('b', '>f4', (2,))], 3 records: a = i, b = [i + 0.25, -i]
    b = ByteBuffer.allocate(3 * 10);
    for (int i = 0; i < 3; i++) {
      b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) i);
      b.order(ByteOrder.BIG_ENDIAN).putFloat(i + 0.25f).putFloat(-i);
    }
    Object descr = List.of(List.of("a", "<i2"), List.of("b", ">f4", List.of(2L)));
    save(dir, "rec.npy", NpyHeader.of(descr, false, 3), b);

    // |S3 and <U2 strings, NUL padded
    b = ByteBuffer.wrap("ab\0xyz\0\0\0".getBytes(StandardCharsets.US_ASCII));
    b.position(b.limit());
    save(dir, "s3.npy", NpyHeader.of("|S3", false, 3), b);
    b = le(2 * 2 * 4);
    for (int cp : new int[] {'h', 0x1F600, 'é', 0}) {
      b.putInt(cp);
    }
    save(dir, "u2.npy", NpyHeader.of("<U2", false, 2), b);

    // 0-d <u8 holding 2^63 + 5, and an empty (0, 5) <f4
    b = le(8);
    b.putLong(Long.MIN_VALUE + 5);
    save(dir, "u8.npy", NpyHeader.of("<u8", false), b);
    save(dir, "empty.npy", NpyHeader.of("<f4", false, 0, 5), le(0));

    // a non-Latin-1 field name (format 3.0) and a 5000-field header (format 2.0)
    b = le(2 * 4);
    b.putInt(11).putInt(-12);
    save(dir, "v3.npy", NpyHeader.of(List.of(List.of("中😀", "<i4")), false, 2), b);
    List<Object> fields = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      fields.add(List.of("f" + i, "|u1"));
    }
    b = le(5000);
    for (int i = 0; i < 5000; i++) {
      b.put((byte) i);
    }
    save(dir, "v2.npy", NpyHeader.of(fields, false), b);

    String check =
        String.join(
            "\n",
            "import numpy as np",
            "def same(name, expected):",
            "    a = np.load(name, allow_pickle=True)",
            "    assert a.dtype == expected.dtype, (name, a.dtype, expected.dtype)",
            "    assert a.shape == expected.shape, (name, a.shape)",
            "    assert np.array_equal(a, expected), (name, a, expected)",
            "    print(name)",
            "same('i4.npy', (7 * np.arange(12, dtype='<i4') - 5).reshape(3, 4))",
            "i, j, k = np.indices((2, 3, 4))",
            "f8 = np.load('f8.npy')",
            "assert f8.flags.f_contiguous and not f8.flags.c_contiguous",
            "same('f8.npy', (100 * i + 10 * j + k + 0.5).astype('>f8'))",
            "rec = np.zeros(3, dtype=[('a', '<i2'), ('b', '>f4', (2,))])",
            "rec['a'] = [0, 1, 2]",
            "rec['b'] = [[0.25, 0], [1.25, -1], [2.25, -2]]",
            "same('rec.npy', rec)",
            "same('s3.npy', np.array([b'ab', b'xyz', b''], dtype='|S3'))",
            "same('u2.npy', np.array(['h\\U0001f600', '\\u00e9'], dtype='<U2'))",
            "same('u8.npy', np.array(2**63 + 5, dtype='<u8'))",
            "same('empty.npy', np.zeros((0, 5), dtype='<f4'))",
            "same('v3.npy', np.array([(11,), (-12,)], dtype=[('\\u4e2d\\U0001f600', '<i4')]))",
            "v2 = np.load('v2.npy', allow_pickle=True)  # numpy wants it past 10000 header chars",
            "assert v2.shape == () and len(v2.dtype.names) == 5000",
            "assert [int(v2['f%d' % n]) for n in range(5000)] == [n % 256 for n in range(5000)]",
            "print('v2.npy')",
            "");
    String out = ReferencePython.run(check, dir);
    assertThat(out.lines())
        .containsExactly(
            "i4.npy",
            "f8.npy",
            "rec.npy",
            "s3.npy",
            "u2.npy",
            "u8.npy",
            "empty.npy",
            "v3.npy",
            "v2.npy");
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void save(Path dir, String name, NpyHeader header, ByteBuffer data)
      throws IOException {
    assertThat(data.position()).isEqualTo(data.capacity());
    try (var out = Files.newOutputStream(dir.resolve(name))) {
      header.write(out);
      out.write(data.array());
    }
  }

  /** JSON integers come back as Integer from Jackson's default mapping; the model uses Long. */
  private static Object longs(Object v) {
    if (v instanceof Integer) {
      return ((Integer) v).longValue();
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().map(NpyNumpyInteropTest::longs).toList();
    }
    return v;
  }
}
