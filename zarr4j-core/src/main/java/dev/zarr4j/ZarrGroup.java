package dev.zarr4j;

import dev.zarr4j.exceptions.InvalidArrayException;
import dev.zarr4j.exceptions.InvalidKeyException;
import dev.zarr4j.exceptions.MetadataException;
import dev.zarr4j.exceptions.NodeExistsException;
import dev.zarr4j.exceptions.NodeNotFoundException;
import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.hierarchy.Hierarchy;
import dev.zarr4j.hierarchy.TreeView;
import dev.zarr4j.metadata.NodeFormat;
import dev.zarr4j.metadata.NodeFormats;
import dev.zarr4j.metadata.NodeKind;
import dev.zarr4j.ndarray.DataType;
import dev.zarr4j.ndarray.NdArray;
import dev.zarr4j.ndarray.SafeCast;
import dev.zarr4j.python.PythonJson;
import dev.zarr4j.store.ReadOnceStore;
import dev.zarr4j.store.ReadableStore;
import dev.zarr4j.store.Store;
import dev.zarr4j.store.StoreKeys;
import dev.zarr4j.sync.Synchronizer;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A group of arrays and other groups in a store (zarr-python's {@code zarr.hierarchy.Group},
 * modelled on h5py's groups).
 *
 * <p>Create or open one with {@link Zarr#group} or {@link Zarr#openGroup}. Members are looked up by
 * name or by {@code /}-separated path relative to the group ({@code get("foo/bar")}); a path with a
 * leading {@code /} is taken from the root of the store. Creating a member at {@code "a/b/c"} also
 * creates the groups {@code a} and {@code a/b} when they do not exist.
 *
 * <pre>{@code
 * ZarrGroup root = Zarr.group();
 * ZarrGroup bar = root.createGroup("foo").createGroup("bar");
 * ZarrArray baz = bar.zeros("baz", ArrayOptions.builder()
 *     .shape(10000, 10000).chunks(1000, 1000).dtype("i4").build());
 * System.out.println(root.tree());
 * }</pre>
 *
 * <p>A group holds no data of its own: every call reads the store, so a group object always shows
 * the current state of the hierarchy. Groups are thread-safe; a {@link Synchronizer} given when
 * opening serialises changes to the hierarchy and is handed to the group's arrays.
 *
 * <p>Groups are {@link Serializable}: what travels is the store (a memory store with its data, a
 * directory store as its location only) and the path, mode and options; the copy re-opens the group
 * and {@link #equals equals} the original.
 */
public final class ZarrGroup implements ZarrNode, Serializable, AutoCloseable {
  private static final long serialVersionUID = 1L;
  private final Store store;
  private final Store chunkStore; // null: chunks live in store
  private final String path;
  private final NodeFormat format;
  private final ZarrConfig config;
  private final boolean readOnly;
  private final boolean cacheAttrs;
  private final Synchronizer synchronizer;
  private final boolean ownsStore;
  private final Attributes attrs;

  /**
   * Opens the existing group at {@code path} (already normalised).
   *
   * @throws NodeNotFoundException if no group exists there
   * @throws MetadataException if its group document is not valid
   */
  ZarrGroup(NodeContext where, boolean ownsStore) {
    this(where, where.store(), ownsStore);
  }

  /**
   * Opens the group, checking its document through {@code reads}: the store, or the view of it that
   * the open that creates this group reads its documents through ({@link ReadOnceStore}); the group
   * keeps {@code store} for everything after.
   */
  ZarrGroup(NodeContext where, ReadableStore reads, boolean ownsStore) {
    this.store = where.store();
    this.chunkStore = where.chunkStore();
    this.path = where.path();
    this.format = where.format();
    this.config = where.config();
    this.readOnly = where.readOnly();
    this.cacheAttrs = where.cacheAttrs();
    this.synchronizer = where.synchronizer();
    this.ownsStore = ownsStore;
    NodeKind kind = format.kindAt(reads, path);
    if (kind == NodeKind.ARRAY) {
      throw new NodeNotFoundException(
          path, "path '" + display(path) + "' holds an array, not a group (in " + store + ")");
    }
    if (kind == NodeKind.NONE) {
      throw new NodeNotFoundException(
          path, "no group found at path '" + display(path) + "' in " + store);
    }
    format.readGroup(reads, path);
    this.attrs = new Attributes(store, path, format, readOnly, cacheAttrs, synchronizer);
  }

  /** This group's context: its store, path, format and the options its members share. */
  private NodeContext context() {
    return new NodeContext(
        store, chunkStore, path, format, config, readOnly, cacheAttrs, synchronizer);
  }

  /** The context of a group opened from {@code o} at {@code p} (already normalised). */
  private static NodeContext contextOf(
      Store store, String p, NodeFormat f, GroupOptions o, boolean readOnly) {
    return new NodeContext(
        store,
        o.chunkStore(),
        p,
        f,
        ZarrConfig.orDefault(o.config()),
        readOnly,
        o.cacheAttrs(),
        o.synchronizer());
  }

  /**
   * The format of the hierarchy at {@code path}: the options' choice, else the format of the node
   * found there, else the format of the store's root node, else Zarr v2.
   */
  static NodeFormat formatFor(ReadableStore store, String path, NodeFormat chosen) {
    if (chosen != null) {
      return chosen;
    }
    return NodeFormats.detect(store, path)
        .or(() -> NodeFormats.detect(store, ""))
        .orElse(NodeFormats.zarrV2());
  }

  // ------------------------------------------------------------------ factories (see Zarr)

  /**
   * zarr-python's {@code zarr.group}: creates the group unless one exists (or overwrite is set).
   */
  static ZarrGroup group(Store store, GroupOptions o) {
    String p = StoreKeys.normalizePath(o.path());
    ReadableStore reads = ReadOnceStore.over(store);
    NodeFormat f = formatFor(reads, p, o.format());
    if (o.overwrite() || f.kindAt(reads, p) != NodeKind.GROUP) {
      lockedInit(f, store, p, o, o.overwrite());
      reads = store; // what this open read is out of date now
    }
    return new ZarrGroup(contextOf(store, p, f, o, false), reads, o.closeStore());
  }

  /** zarr-python's {@code zarr.open_group} with its mode rules. */
  static ZarrGroup open(Store store, OpenMode mode, GroupOptions o) {
    return open(store, ReadOnceStore.over(store), mode, o);
  }

  /**
   * {@link #open(Store, OpenMode, GroupOptions)} reading the node's documents, until anything is
   * written, through {@code reads}: this open's view of the store, shared with the look that found
   * the node, so that each document is read once.
   */
  static ZarrGroup open(Store store, ReadOnceStore reads, OpenMode mode, GroupOptions o) {
    String p = StoreKeys.normalizePath(o.path());
    NodeFormat f = formatFor(reads, p, o.format());
    NodeKind kind = f.kindAt(reads, p);
    boolean written = mode == OpenMode.WRITE;
    switch (mode) {
      case READ:
      case READ_WRITE:
        if (kind != NodeKind.GROUP) {
          if (kind == NodeKind.ARRAY) {
            throw new NodeNotFoundException(
                p, "path '" + display(p) + "' holds an array, not a group (in " + store + ")");
          }
          throw new NodeNotFoundException(
              p, "no group found at path '" + display(p) + "' in " + store);
        }
        break;
      case WRITE:
        lockedInit(f, store, p, o, true);
        break;
      case APPEND:
        if (kind != NodeKind.GROUP) {
          if (kind == NodeKind.ARRAY) {
            throw new NodeExistsException(
                p, "path '" + display(p) + "' holds an array; cannot open or create a group there");
          }
          lockedInit(f, store, p, o, false);
          written = true;
        }
        break;
      case CREATE:
        if (kind == NodeKind.ARRAY) {
          throw new NodeExistsException(
              p, "an array already exists at path '" + display(p) + "' (mode 'w-')");
        }
        if (kind == NodeKind.GROUP) {
          throw new NodeExistsException(
              p, "a group already exists at path '" + display(p) + "' (mode 'w-')");
        }
        lockedInit(f, store, p, o, false);
        written = true;
        break;
      default:
        throw new IllegalStateException(mode.toString());
    }
    return new ZarrGroup(
        contextOf(store, p, f, o, mode == OpenMode.READ),
        written ? store : reads, // what this open read is out of date once it wrote
        o.closeStore());
  }

  private static void lockedInit(
      NodeFormat f, Store store, String path, GroupOptions o, boolean overwrite) {
    locked(
        f,
        o.synchronizer(),
        () -> {
          Hierarchy.initGroup(f, store, path, o.chunkStore(), overwrite);
          return null;
        });
  }

  private static <T> T locked(NodeFormat f, Synchronizer sync, Supplier<T> op) {
    if (sync == null) {
      return op.get();
    }
    Lock lock = sync.lockFor(f.hierarchyLockKey());
    lock.lock();
    try {
      return op.get();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ properties

  /** The store holding the hierarchy's metadata (and chunks, unless a chunk store was given). */
  @Override
  public Store store() {
    return store;
  }

  /** The store holding array chunks. */
  @Override
  public Store chunkStore() {
    return chunkStore == null ? store : chunkStore;
  }

  /** The group's path inside the store; {@code ""} for the root. */
  @Override
  public String path() {
    return path;
  }

  /** h5py-style name: {@code "/"} for the root, else {@code "/" + path}. */
  public String name() {
    return "/" + path;
  }

  /** The last segment of the name; {@code ""} for the root. */
  @Override
  public String basename() {
    int i = path.lastIndexOf('/');
    return i < 0 ? path : path.substring(i + 1);
  }

  /** Whether changes through this group (and the members it returns) are refused. */
  @Override
  public boolean readOnly() {
    return readOnly;
  }

  /** The metadata format of the hierarchy. */
  public NodeFormat format() {
    return format;
  }

  /** The configuration the group's arrays run with (unless their options set another). */
  public ZarrConfig config() {
    return config;
  }

  /** The synchronizer, or null. */
  public Synchronizer synchronizer() {
    return synchronizer;
  }

  /** Whether attributes are cached after their first read (zarr-python's {@code attrs.cache}). */
  public boolean cacheAttrs() {
    return cacheAttrs;
  }

  /** The group's user attributes (where the format keeps them: {@code .zattrs} in Zarr v2). */
  @Override
  public Attributes attrs() {
    return attrs;
  }

  // ------------------------------------------------------------------ members

  /** A member's name and kind, from one look at the store. */
  private record Entry(String name, boolean array) {}

  /** The members in name order (Python's string order), each checked once. */
  private List<Entry> entries() {
    return entries(store);
  }

  /** {@link #entries()}, the members' documents read through {@code reads}. */
  private List<Entry> entries(ReadableStore reads) {
    List<Entry> out = new ArrayList<>();
    for (String name : memberNames()) {
      entry(name, reads).ifPresent(out::add);
    }
    return out;
  }

  /** The names listed below this group that may be members (not documents), sorted. */
  private List<String> memberNames() {
    List<String> names = new ArrayList<>();
    for (String name : store.listDir(path)) {
      if (!format.isDocumentName(name)) {
        names.add(name);
      }
    }
    names.sort(PythonJson::compareCodePoints);
    return names;
  }

  /** The member {@code name} if a node is there, its documents read through {@code reads}. */
  private Optional<Entry> entry(String name, ReadableStore reads) {
    NodeKind kind = format.kindAt(reads, StoreKeys.join(path, name));
    return kind == NodeKind.NONE
        ? Optional.empty()
        : Optional.of(new Entry(name, kind == NodeKind.ARRAY));
  }

  /** The member {@code e}, its document read through {@code reads}. */
  private ZarrNode open(Entry e, ReadableStore reads) {
    String child = StoreKeys.join(path, e.name());
    return e.array() ? openArrayAt(child, reads) : openGroupAt(child, reads);
  }

  /** The member array at {@code p}, its metadata read through {@code reads}. */
  private ZarrArray openArrayAt(String p, ReadableStore reads) {
    return new ZarrArray(context().at(p), reads, true, true);
  }

  private ZarrGroup openGroupAt(String p) {
    return openGroupAt(p, store);
  }

  /** The member group at {@code p}, its document read through {@code reads}. */
  private ZarrGroup openGroupAt(String p, ReadableStore reads) {
    return new ZarrGroup(context().at(p), reads, false);
  }

  /** The names of the members (arrays and groups), sorted (zarr-python's {@code iter(group)}). */
  public List<String> keys() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries()) {
      out.add(e.name());
    }
    return out;
  }

  /** Number of members. */
  public int size() {
    return entries().size();
  }

  /** The members by name, sorted (zarr-python's {@code group.items()}). */
  public Map<String, ZarrNode> members() {
    Map<String, ZarrNode> out = new LinkedHashMap<>();
    ReadOnceStore reads = ReadOnceStore.over(store); // each member's document read once
    for (Entry e : entries(reads)) {
      out.put(e.name(), open(e, reads));
    }
    return out;
  }

  /**
   * The store path a member name or path refers to: relative to this group, or to the store's root
   * when it starts with {@code /}.
   *
   * @throws InvalidKeyException if a segment is {@code .} or {@code ..}
   */
  public String itemPath(String item) {
    boolean absolute = item != null && item.startsWith("/");
    String p = StoreKeys.normalizePath(item);
    if (absolute || path.isEmpty()) {
      return p;
    }
    return p.isEmpty() ? path : path + "/" + p;
  }

  /** Whether an array or group exists at {@code item} (a name or path, see {@link #itemPath}). */
  public boolean contains(String item) {
    String p = itemPath(item);
    return format.kindAt(store, p) != NodeKind.NONE;
  }

  /**
   * The array or group at {@code item}, opened with this group's mode and options.
   *
   * @throws NodeNotFoundException if nothing exists there (naming the path)
   */
  public ZarrNode get(String item) {
    return find(item)
        .orElseThrow(
            () -> {
              String p = itemPath(item);
              return new NodeNotFoundException(
                  p,
                  "no array or group at path '"
                      + display(p)
                      + "' (looked up '"
                      + item
                      + "' in "
                      + this
                      + ")");
            });
  }

  /** The array or group at {@code item}, if one exists. */
  public Optional<ZarrNode> find(String item) {
    String p = itemPath(item);
    ReadOnceStore reads = ReadOnceStore.over(store); // the member's document, read once
    NodeKind kind = format.kindAt(reads, p);
    if (kind == NodeKind.ARRAY) {
      return Optional.of(openArrayAt(p, reads));
    }
    if (kind == NodeKind.GROUP) {
      return Optional.of(openGroupAt(p, reads));
    }
    return Optional.empty();
  }

  /**
   * The array at {@code item}.
   *
   * @throws NodeNotFoundException if there is none (a group there is not an array)
   */
  public ZarrArray getArray(String item) {
    return get(item).asArray();
  }

  /**
   * The group at {@code item}.
   *
   * @throws NodeNotFoundException if there is none (an array there is not a group)
   */
  public ZarrGroup getGroup(String item) {
    return get(item).asGroup();
  }

  /** The names of the member groups, sorted. */
  public List<String> groupKeys() {
    List<String> out = new ArrayList<>();
    for (Entry e : entries()) {
      if (!e.array()) {
        out.add(e.name());
      }
    }
    return out;
  }

  /** The member groups by name, sorted. */
  public Map<String, ZarrGroup> groups() {
    Map<String, ZarrGroup> out = new LinkedHashMap<>();
    ReadOnceStore reads = ReadOnceStore.over(store); // each member's document read once
    for (Entry e : entries(reads)) {
      if (!e.array()) {
        out.put(e.name(), openGroupAt(StoreKeys.join(path, e.name()), reads));
      }
    }
    return out;
  }

  /** The names of the member arrays, sorted. */
  public List<String> arrayKeys() {
    return arrayKeys(false);
  }

  /**
   * The names of the member arrays; with {@code recurse}, also those of every group below, as paths
   * relative to this group ({@code "foo/bar"}), depth first in name order.
   */
  public List<String> arrayKeys(boolean recurse) {
    return new ArrayList<>(collectArrays(recurse, false).keySet());
  }

  /** The member arrays by name, sorted. */
  public Map<String, ZarrArray> arrays() {
    return arrays(false);
  }

  /**
   * The member arrays; with {@code recurse}, also those below, keyed as in {@link
   * #arrayKeys(boolean)}.
   */
  public Map<String, ZarrArray> arrays(boolean recurse) {
    return collectArrays(recurse, true);
  }

  private Map<String, ZarrArray> collectArrays(boolean recurse, boolean open) {
    Map<String, ZarrArray> out = new LinkedHashMap<>();
    // one view for the whole walk: each member's document is read once, by its look
    collectArrays(this, ReadOnceStore.over(store), "", recurse, open, out);
    return out;
  }

  private static void collectArrays(
      ZarrGroup g,
      ReadableStore reads,
      String prefix,
      boolean recurse,
      boolean open,
      Map<String, ZarrArray> out) {
    for (Entry e : g.entries(reads)) {
      String child = StoreKeys.join(g.path, e.name());
      if (e.array()) {
        out.put(prefix + e.name(), open ? g.openArrayAt(child, reads) : null);
      } else if (recurse) {
        collectArrays(g.openGroupAt(child, reads), reads, prefix + e.name() + "/", true, open, out);
      }
    }
  }

  // ------------------------------------------------------------------ visiting

  /**
   * Calls {@code visitor} on every array and group below this one, depth first with members in name
   * order; stops at the first non-null result and returns it (zarr-python's {@code visitvalues}).
   */
  public <T> Optional<T> visitValues(Function<? super ZarrNode, ? extends T> visitor) {
    return visitItems((name, node) -> visitor.apply(node));
  }

  /**
   * Calls {@code visitor} on the path (relative to this group) of every array and group below, in
   * the order of {@link #visitValues}; stops at the first non-null result and returns it.
   */
  public <T> Optional<T> visit(Function<? super String, ? extends T> visitor) {
    return visitItems((name, node) -> visitor.apply(name));
  }

  /** The same as {@link #visit} (zarr-python's alias {@code visitkeys}). */
  public <T> Optional<T> visitKeys(Function<? super String, ? extends T> visitor) {
    return visit(visitor);
  }

  /**
   * Calls {@code visitor} on the relative path and the node of every array and group below, in the
   * order of {@link #visitValues}; stops at the first non-null result and returns it. Each group is
   * listed when the visit enters it and each member read when the visit reaches it (its documents
   * once), so a member the visitor changed before is visited as it then is, and one it deleted is
   * not visited.
   */
  public <T> Optional<T> visitItems(
      BiFunction<? super String, ? super ZarrNode, ? extends T> visitor) {
    return Optional.ofNullable(visitBelow(this, "", visitor));
  }

  private static <T> T visitBelow(
      ZarrGroup g,
      String prefix,
      BiFunction<? super String, ? super ZarrNode, ? extends T> visitor) {
    for (String member : g.memberNames()) {
      // a view per member, made when it is reached: the look and the open share its document,
      // and a change the visitor made to it before (or its deletion) is seen
      ReadOnceStore reads = ReadOnceStore.over(g.store);
      Optional<Entry> e = g.entry(member, reads);
      if (e.isEmpty()) {
        continue;
      }
      ZarrNode node = g.open(e.get(), reads);
      String name = prefix + member;
      T result = visitor.apply(name, node);
      if (result != null) {
        return result;
      }
      if (node instanceof ZarrGroup child) {
        result = visitBelow(child, name + "/", visitor);
        if (result != null) {
          return result;
        }
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ display

  /** The hierarchy below this group as a printable tree (zarr-python's {@code tree()}). */
  public TreeView tree() {
    return new TreeView(treeItem(this), false, null);
  }

  /** The tree down to {@code level} levels below this group. */
  public TreeView tree(int level) {
    return new TreeView(treeItem(this), false, level);
  }

  /**
   * The tree down to {@code level} levels (null: all); {@code expand} opens every group in the HTML
   * rendering.
   */
  public TreeView tree(boolean expand, Integer level) {
    return new TreeView(treeItem(this), expand, level);
  }

  /**
   * A report with zarr-python's group {@code info} fields: name, type, read-only, synchronizer and
   * store types, numbers of members, arrays and groups, and their names.
   */
  @Override
  public Info info() {
    List<String[]> items = new ArrayList<>();
    items.add(new String[] {"Name", name()});
    items.add(new String[] {"Type", ZarrGroup.class.getName()});
    items.add(new String[] {"Read-only", readOnly ? "True" : "False"});
    if (synchronizer != null) {
      items.add(new String[] {"Synchronizer type", synchronizer.getClass().getName()});
    }
    items.add(new String[] {"Store type", store.getClass().getName()});
    if (chunkStore != null) {
      items.add(new String[] {"Chunk store type", chunkStore.getClass().getName()});
    }
    List<String> arrays = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (Entry e : entries()) {
      (e.array() ? arrays : groups).add(e.name());
    }
    items.add(new String[] {"No. members", Integer.toString(arrays.size() + groups.size())});
    items.add(new String[] {"No. arrays", Integer.toString(arrays.size())});
    items.add(new String[] {"No. groups", Integer.toString(groups.size())});
    if (!arrays.isEmpty()) {
      items.add(new String[] {"Arrays", String.join(", ", arrays)});
    }
    if (!groups.isEmpty()) {
      items.add(new String[] {"Groups", String.join(", ", groups)});
    }
    return new Info(items);
  }

  /** This group's hierarchy as the tree view reads it. */
  private static TreeView.Item treeItem(ZarrNode node) {
    return new TreeView.Item() {
      @Override
      public String basename() {
        return node.basename();
      }

      @Override
      public String arraySummary() {
        return node instanceof ZarrArray a
            ? dev.zarr4j.python.PythonText.tuple(a.shape()) + " " + a.dtype()
            : null;
      }

      @Override
      public List<TreeView.Item> members() {
        List<TreeView.Item> out = new ArrayList<>();
        if (node instanceof ZarrGroup g) {
          for (ZarrNode member : g.members().values()) {
            out.add(treeItem(member));
          }
        }
        return out;
      }
    };
  }

  // ------------------------------------------------------------------ creating members

  /**
   * Creates a group at {@code name} (a name or path; missing intermediate groups are created too).
   *
   * @throws NodeExistsException if an array or group exists there
   * @throws ReadOnlyException if this group or its store is read-only
   */
  public ZarrGroup createGroup(String name) {
    return createGroup(name, false);
  }

  /** Creates a group at {@code name}, first deleting whatever is there when {@code overwrite}. */
  public ZarrGroup createGroup(String name, boolean overwrite) {
    return writeOp(
        () -> {
          String p = itemPath(name);
          Hierarchy.initGroup(format, store, p, chunkStore, overwrite);
          return openGroupAt(p);
        });
  }

  /** Creates several groups; returns them in order. */
  public List<ZarrGroup> createGroups(String... names) {
    List<ZarrGroup> out = new ArrayList<>(names.length);
    for (String n : names) {
      out.add(createGroup(n));
    }
    return out;
  }

  /**
   * The group at {@code name}, created if it does not exist.
   *
   * @throws NodeExistsException if an array is there
   * @throws ReadOnlyException if this group or its store is read-only (even when the group exists,
   *     as zarr-python)
   */
  public ZarrGroup requireGroup(String name) {
    return requireGroup(name, false);
  }

  /**
   * The group at {@code name}; when it must be created, {@code overwrite} replaces an array there.
   */
  public ZarrGroup requireGroup(String name, boolean overwrite) {
    return writeOp(
        () -> {
          String p = itemPath(name);
          if (format.kindAt(store, p) != NodeKind.GROUP) {
            Hierarchy.initGroup(format, store, p, chunkStore, overwrite);
          }
          return openGroupAt(p);
        });
  }

  /** Requires several groups; returns them in order. */
  public List<ZarrGroup> requireGroups(String... names) {
    List<ZarrGroup> out = new ArrayList<>(names.length);
    for (String n : names) {
      out.add(requireGroup(n));
    }
    return out;
  }

  /**
   * Creates an array at {@code name} (h5py's name for {@link #create}); the options are those of
   * {@link Zarr#create} without store, path or chunk store, which come from this group.
   *
   * @throws NodeExistsException if an array or group exists there and overwrite is off
   */
  public ZarrArray createDataset(String name, ArrayOptions options) {
    return writeOp(() -> Zarr.create(memberOptions(name, options)));
  }

  /**
   * Creates an array at {@code name} holding {@code data} (shape and type from the data unless
   * set).
   */
  public ZarrArray createDataset(String name, NdArray data, ArrayOptions options) {
    return writeOp(() -> Zarr.array(data, memberOptions(name, options)));
  }

  /**
   * The array at {@code name}, created with the options if it does not exist. An existing array
   * must have this shape and a data type that {@code dtype} converts to safely (NumPy's {@code
   * can_cast}), or exactly {@code dtype} when {@code exact}; a null {@code dtype} means {@code
   * float64}, as in zarr-python.
   *
   * @throws InvalidArrayException if the existing array's shape or data type does not fit
   */
  public ZarrArray requireDataset(
      String name, long[] shape, DataType dtype, boolean exact, ArrayOptions options) {
    return writeOp(
        () -> {
          String p = itemPath(name);
          if (format.kindAt(store, p) == NodeKind.ARRAY) {
            ZarrArray a =
                new ZarrArray(
                    new NodeContext(
                        store,
                        chunkStore,
                        p,
                        format,
                        options.config() == null ? config : options.config(),
                        readOnly,
                        options.cacheAttrsOrNull() == null ? cacheAttrs : options.cacheAttrs(),
                        options.synchronizer() == null ? synchronizer : options.synchronizer()),
                    options.cacheMetadata(),
                    options.writeEmptyChunks());
            if (!Arrays.equals(shape, a.shape())) {
              throw new InvalidArrayException(
                  "shape does not match the existing array '"
                      + display(p)
                      + "': expected "
                      + Arrays.toString(a.shape())
                      + ", got "
                      + Arrays.toString(shape));
            }
            DataType want = dtype == null ? DataType.FLOAT64 : dtype;
            if (exact && !want.equals(a.dtype())) {
              throw new InvalidArrayException(
                  "data types do not match exactly for '"
                      + display(p)
                      + "': expected "
                      + a.dtype()
                      + ", got "
                      + want);
            }
            if (!exact && !SafeCast.canCast(want, a.dtype())) {
              throw new InvalidArrayException(
                  "data type "
                      + want
                      + " cannot be safely cast to "
                      + a.dtype()
                      + " of the existing array '"
                      + display(p)
                      + "'");
            }
            return a;
          }
          ArrayOptions.Builder b = options.toBuilder().shape(shape);
          if (dtype != null) {
            b.dtype(dtype);
          }
          return Zarr.create(memberOptions(name, b.build()));
        });
  }

  /**
   * {@link #requireDataset(String, long[], DataType, boolean, ArrayOptions)} with a dtype string.
   */
  public ZarrArray requireDataset(
      String name, long[] shape, String dtype, boolean exact, ArrayOptions options) {
    return requireDataset(
        name, shape, dtype == null ? null : DataType.parse(dtype), exact, options);
  }

  /** Creates an array at {@code name} as {@link Zarr#create} (fill value 0 unless set). */
  public ZarrArray create(String name, ArrayOptions options) {
    return writeOp(() -> Zarr.create(memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#empty}. */
  public ZarrArray empty(String name, ArrayOptions options) {
    return writeOp(() -> Zarr.empty(memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#zeros}. */
  public ZarrArray zeros(String name, ArrayOptions options) {
    return writeOp(() -> Zarr.zeros(memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#ones}. */
  public ZarrArray ones(String name, ArrayOptions options) {
    return writeOp(() -> Zarr.ones(memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#full}. */
  public ZarrArray full(String name, Object fillValue, ArrayOptions options) {
    return writeOp(() -> Zarr.full(fillValue, memberOptions(name, options)));
  }

  /** Creates an array at {@code name} holding {@code data}, as {@link Zarr#array}. */
  public ZarrArray array(String name, NdArray data, ArrayOptions options) {
    return writeOp(() -> Zarr.array(data, memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#emptyLike(ZarrArray, ArrayOptions)}. */
  public ZarrArray emptyLike(String name, ZarrArray template, ArrayOptions options) {
    return writeOp(() -> Zarr.emptyLike(template, memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#emptyLike(NdArray, ArrayOptions)}. */
  public ZarrArray emptyLike(String name, NdArray template, ArrayOptions options) {
    return writeOp(() -> Zarr.emptyLike(template, memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#zerosLike(ZarrArray, ArrayOptions)}. */
  public ZarrArray zerosLike(String name, ZarrArray template, ArrayOptions options) {
    return writeOp(() -> Zarr.zerosLike(template, memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#zerosLike(NdArray, ArrayOptions)}. */
  public ZarrArray zerosLike(String name, NdArray template, ArrayOptions options) {
    return writeOp(() -> Zarr.zerosLike(template, memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#onesLike(ZarrArray, ArrayOptions)}. */
  public ZarrArray onesLike(String name, ZarrArray template, ArrayOptions options) {
    return writeOp(() -> Zarr.onesLike(template, memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#onesLike(NdArray, ArrayOptions)}. */
  public ZarrArray onesLike(String name, NdArray template, ArrayOptions options) {
    return writeOp(() -> Zarr.onesLike(template, memberOptions(name, options)));
  }

  /** Creates an array at {@code name} as {@link Zarr#fullLike(ZarrArray, ArrayOptions)}. */
  public ZarrArray fullLike(String name, ZarrArray template, ArrayOptions options) {
    return writeOp(() -> Zarr.fullLike(template, memberOptions(name, options)));
  }

  /**
   * The options for an array created in this group: this group's store, chunk store and the
   * member's path; its synchronizer and attribute caching unless the options set their own.
   */
  private ArrayOptions memberOptions(String name, ArrayOptions o) {
    if (o.store() != null || o.path() != null || o.chunkStore() != null) {
      throw new IllegalArgumentException(
          "options for an array in a group must not set store, path or chunk store; the group"
              + " provides them (name the array with the first argument)");
    }
    ArrayOptions.Builder b =
        o.toBuilder().store(store).path(itemPath(name)).chunkStore(chunkStore).format(format);
    if (o.config() == null) {
      b.config(config);
    }
    if (o.synchronizer() == null && synchronizer != null) {
      b.synchronizer(synchronizer);
    }
    if (o.cacheAttrsOrNull() == null) {
      b.cacheAttrs(cacheAttrs);
    }
    return b.build();
  }

  // ------------------------------------------------------------------ moving and deleting

  /**
   * Moves the array or group at {@code source} to {@code dest} (names or paths as {@link
   * #itemPath}), creating the groups {@code dest} needs; chunks in a separate chunk store move too.
   *
   * @throws NodeNotFoundException if nothing exists at {@code source}
   * @throws NodeExistsException if something exists at {@code dest}
   * @throws InvalidKeyException if one path lies inside the other
   */
  public void move(String source, String dest) {
    checkWritable();
    String src = itemPath(source);
    String dst = itemPath(dest);
    if (format.kindAt(store, src) == NodeKind.NONE) {
      throw new NodeNotFoundException(
          src, "cannot move '" + display(src) + "': no array or group exists there");
    }
    if (format.kindAt(store, dst) != NodeKind.NONE) {
      throw new NodeExistsException(
          dst, "cannot move '" + display(src) + "' to '" + display(dst) + "': it already exists");
    }
    if (src.isEmpty()
        || dst.equals(src)
        || dst.startsWith(src + "/")
        || src.startsWith(dst + "/")) {
      throw new InvalidKeyException(
          "cannot move '"
              + display(src)
              + "' to '"
              + display(dst)
              + "': one path lies inside the other");
    }
    int slash = dst.lastIndexOf('/');
    if (slash > 0) {
      requireGroup("/" + dst.substring(0, slash));
    }
    writeOp(
        () -> {
          Hierarchy.rename(store, src, dst);
          if (chunkStore != null) {
            Hierarchy.rename(chunkStore, src, dst);
          }
          return null;
        });
  }

  /**
   * Deletes the array or group at {@code item} with everything below it, from the store and from a
   * separate chunk store (zarr-python's {@code del group[item]}).
   *
   * @throws NodeNotFoundException if nothing exists there
   */
  public void remove(String item) {
    writeOp(
        () -> {
          String p = itemPath(item);
          if (format.kindAt(store, p) == NodeKind.NONE) {
            throw new NodeNotFoundException(
                p, "cannot delete '" + display(p) + "': no array or group exists there");
          }
          Hierarchy.rmdir(store, p);
          if (chunkStore != null) {
            Hierarchy.rmdir(chunkStore, p);
          }
          return null;
        });
  }

  private <T> T writeOp(Supplier<T> op) {
    checkWritable();
    return locked(format, synchronizer, op);
  }

  private void checkWritable() {
    if (readOnly) {
      throw new ReadOnlyException("group '" + name() + "' is read-only");
    }
    if (!store.capabilities().writable()) {
      throw new ReadOnlyException(
          "the hierarchy metadata of group '"
              + name()
              + "' is read-only ("
              + store
              + "); only array data can be written");
    }
  }

  // ------------------------------------------------------------------ lifecycle and identity

  /**
   * Closes the store when this group opened it (a group opened from a directory path); a group
   * given a store leaves it open for its owner.
   */
  @Override
  public void close() {
    if (ownsStore) {
      store.close();
    }
  }

  /** Equal when both are the same store, path and read-only flag (zarr-python's equality). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ZarrGroup g
        && store.equals(g.store)
        && path.equals(g.path)
        && readOnly == g.readOnly;
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Boolean.hashCode(readOnly) + 7;
  }

  /** Like zarr-python's repr: {@code <zarr4j.ZarrGroup '/foo'>}, with {@code read-only} if so. */
  @Override
  public String toString() {
    return "<zarr4j.ZarrGroup '" + name() + "'" + (readOnly ? " read-only" : "") + ">";
  }

  private Object writeReplace() throws ObjectStreamException {
    return new SerializedNode.GroupForm(
        store,
        chunkStore,
        path,
        readOnly,
        cacheAttrs,
        SerializedNode.synchronizerForm(synchronizer),
        ownsStore,
        SerializedNode.threadsOf(config),
        config.codecOptions().pureJava());
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a group is deserialised from its serialised form");
  }

  static String display(String path) {
    return path.isEmpty() ? "/" : path;
  }
}
