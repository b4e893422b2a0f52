package dev.zarr4j.store;

import dev.zarr4j.exceptions.ReadOnlyException;
import dev.zarr4j.exceptions.StoreException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens stores from a URL or a path, through the {@link StoreProvider} registered for the URL's
 * scheme (fsspec's {@code url_to_fs}, zarr-python's {@code FSStore(url, **storage_options)}).
 *
 * <p>A text that starts with a scheme of two or more characters followed by a colon ({@code file:},
 * {@code s3:}, {@code zip::...}) is a URL; anything else, including a Windows path such as {@code
 * C:\data}, is a file system path, opened as the {@code file:} URL of its absolute form. A relative
 * path whose first segment contains a colon must start with {@code ./} to be read as a path. URLs
 * must be valid URIs: spaces and other reserved characters are {@code %}-escaped (as {@link
 * Path#toUri()} writes them).
 *
 * <p>Providers are found with {@link ServiceLoader}, through the class loader that loaded zarr4j
 * and the calling thread's context class loader. When two providers declare one scheme, the one
 * found first wins, and zarr4j's own {@link FileStoreProvider} comes after every other, so an
 * application can replace it.
 */
public final class Stores {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");

  /** Providers found through zarr4j's own class loader, loaded once. */
  private static volatile Loaded own;

  /** Providers found through other (context) class loaders. */
  private static final Map<ClassLoader, Loaded> OTHERS = new WeakHashMap<>();

  private Stores() {}

  /** {@link #open(String, Map)} with no storage options. */
  public static ReadableStore open(String urlOrPath) {
    return open(urlOrPath, Map.of());
  }

  /**
   * Opens the store a URL or a path names, with the provider registered for its scheme.
   *
   * @param urlOrPath a URL ({@code file:///data/a.zarr}) or a file system path ({@code
   *     data/a.zarr})
   * @param options storage options passed to the provider (fsspec's {@code storage_options});
   *     {@code null} for none
   * @return the store, which the caller closes: a {@link Store} when it is writable and listable (a
   *     directory), only a {@link ReadableStore} when it is read-only
   * @throws IllegalArgumentException if {@code urlOrPath} is null or empty
   * @throws StoreException if the URL is malformed (the message names it), no provider is
   *     registered for its scheme (the message names the scheme and the known ones), or the
   *     provider cannot open it
   */
  public static ReadableStore open(String urlOrPath, Map<String, Object> options) {
    if (urlOrPath == null || urlOrPath.isEmpty()) {
      throw new IllegalArgumentException("store URL or path must not be null or empty");
    }
    String scheme = schemeOf(urlOrPath);
    URI uri = scheme == null ? fileUriOf(urlOrPath) : uriOf(urlOrPath);
    String key = scheme == null ? "file" : scheme.toLowerCase(Locale.ROOT);
    Map<String, StoreProvider> providers = providers();
    if (key.equals("file")) {
      // a local path ending in an extension a provider claims (data.zip) is that provider's
      String claimed = claimedScheme(uri, providers);
      if (claimed != null) {
        key = claimed;
        uri = uriOf(claimed + "::" + uri);
      }
    }
    StoreProvider provider = providers.get(key);
    if (provider == null) {
      throw new StoreException(
          "no store provider for the URL scheme '"
              + key
              + "' of '"
              + urlOrPath
              + "'; known schemes: "
              + String.join(", ", new TreeSet<>(providers.keySet()))
              + loadErrors());
    }
    Map<String, Object> opts =
        options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    ReadableStore store = provider.open(uri, opts);
    if (store == null) {
      throw new StoreException(
          "store provider " + provider.getClass().getName() + " opened nothing for '" + uri + "'");
    }
    return store;
  }

  /**
   * Opens a store that can be written and listed, as {@link #open(String, Map)}.
   *
   * @throws ReadOnlyException if the store the URL names is read-only (it is closed again)
   * @throws StoreException as {@link #open(String, Map)}
   */
  public static Store openWritable(String urlOrPath, Map<String, Object> options) {
    ReadableStore store = open(urlOrPath, options);
    if (store instanceof Store s && s.capabilities().writable()) {
      return s;
    }
    try {
      store.close();
    } catch (RuntimeException ignored) {
      // the refusal below is what matters
    }
    throw new ReadOnlyException("the store at '" + urlOrPath + "' is read-only (" + store + ")");
  }

  /**
   * Opens the one object (a file, an object in a bucket) a URL names, through the provider of its
   * scheme ({@link StoreProvider#openObject}): what a chained URL such as {@code
   * zip::s3://bucket/a.zip} reads its archive from. A plain path is a {@code file:} URL.
   *
   * @throws StoreException if no provider is registered for the scheme, it cannot open single
   *     objects, or the object cannot be opened
   */
  public static ByteSource openObject(String urlOrPath, Map<String, Object> options) {
    if (urlOrPath == null || urlOrPath.isEmpty()) {
      throw new IllegalArgumentException("object URL or path must not be null or empty");
    }
    String scheme = schemeOf(urlOrPath);
    URI uri = scheme == null ? fileUriOf(urlOrPath) : uriOf(urlOrPath);
    String key = scheme == null ? "file" : scheme.toLowerCase(Locale.ROOT);
    Map<String, StoreProvider> providers = providers();
    StoreProvider provider = providers.get(key);
    if (provider == null) {
      throw new StoreException(
          "no store provider for the URL scheme '"
              + key
              + "' of '"
              + urlOrPath
              + "'; known schemes: "
              + String.join(", ", new TreeSet<>(providers.keySet())));
    }
    Map<String, Object> opts =
        options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    ByteSource source = provider.openObject(uri, opts);
    if (source == null) {
      throw new StoreException(
          "store provider " + provider.getClass().getName() + " opened nothing for '" + uri + "'");
    }
    return source;
  }

  /**
   * Whether a registered provider claims the local {@code path} by its ending ({@link
   * StoreProvider#extensions()}, such as a {@code .zip} file), so {@link #open} opens it with that
   * provider rather than as a directory.
   */
  public static boolean claims(Path path) {
    return claimedScheme(path.toAbsolutePath().toUri(), providers()) != null;
  }

  /**
   * The scheme of the provider claiming a local {@code file:} URL by its ending ({@link
   * StoreProvider#extensions()}), or null: an existing directory is never claimed.
   */
  private static String claimedScheme(URI uri, Map<String, StoreProvider> providers) {
    String path = uri.getPath();
    if (path == null || path.isEmpty()) {
      return null;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, StoreProvider> e : providers.entrySet()) {
      Set<String> extensions = e.getValue().extensions();
      if (extensions == null) {
        continue;
      }
      for (String ext : extensions) {
        if (ext != null && !ext.isEmpty() && lower.endsWith(ext.toLowerCase(Locale.ROOT))) {
          try {
            if (java.nio.file.Files.isDirectory(FileStoreProvider.pathOf(uri))) {
              return null;
            }
          } catch (RuntimeException ignored) {
            // not a local path we can check: let the provider decide
          }
          return e.getKey();
        }
      }
    }
    return null;
  }

  /** Every URL scheme a registered provider opens, in lower case, sorted. */
  public static Set<String> schemes() {
    return Collections.unmodifiableSet(new TreeSet<>(providers().keySet()));
  }

  // ---------------------------------------------------------------- parsing

  /** The scheme of a URL, as written; null when the text is a path. */
  /**
   * Whether {@code urlOrPath} is a file system path rather than a URL: it has no scheme of two or
   * more letters (a Windows path such as {@code C:\data} is a path).
   */
  public static boolean isPlainPath(String urlOrPath) {
    return schemeOf(urlOrPath) == null;
  }

  static String schemeOf(String urlOrPath) {
    Matcher m = SCHEME.matcher(urlOrPath);
    if (!m.find() || m.group(1).length() < 2) {
      return null; // no scheme, or a Windows drive letter
    }
    return m.group(1);
  }

  private static URI uriOf(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new StoreException("malformed store URL '" + url + "': " + e.getMessage(), e);
    }
  }

  private static URI fileUriOf(String path) {
    try {
      return Path.of(path).toAbsolutePath().toUri();
    } catch (InvalidPathException e) {
      throw new StoreException("invalid store path '" + path + "': " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- providers

  /** Providers found through one class loader, and the errors met loading others. */
  private record Loaded(List<StoreProvider> providers, List<String> errors) {}

  private static Loaded load(ClassLoader loader) {
    List<StoreProvider> providers = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Iterator<StoreProvider> it = ServiceLoader.load(StoreProvider.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        providers.add(it.next());
      } catch (ServiceConfigurationError e) {
        errors.add(e.getMessage()); // a broken provider must not hide the others
      }
    }
    return new Loaded(List.copyOf(providers), List.copyOf(errors));
  }

  private static Loaded own() {
    Loaded l = own;
    if (l == null) {
      synchronized (Stores.class) {
        l = own;
        if (l == null) {
          l = load(Stores.class.getClassLoader());
          own = l;
        }
      }
    }
    return l;
  }

  private static List<Loaded> loaded() {
    List<Loaded> all = new ArrayList<>(2);
    all.add(own());
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != Stores.class.getClassLoader()) {
      synchronized (OTHERS) {
        all.add(OTHERS.computeIfAbsent(context, Stores::load));
      }
    }
    return all;
  }

  private static Map<String, StoreProvider> providers() {
    List<StoreProvider> found = new ArrayList<>();
    for (Loaded l : loaded()) {
      found.addAll(l.providers());
    }
    return bySchemes(found);
  }

  private static String loadErrors() {
    List<String> errors = new ArrayList<>();
    for (Loaded l : loaded()) {
      errors.addAll(l.errors());
    }
    return errors.isEmpty() ? "" : " (providers that failed to load: " + errors + ")";
  }

  /**
   * The provider of each scheme (lower case): the first of {@code providers} that declares it,
   * taking zarr4j's own providers after all others, and the {@link FileStoreProvider} even when no
   * service file lists it (a repackaged jar may lose it).
   */
  static Map<String, StoreProvider> bySchemes(List<StoreProvider> providers) {
    List<StoreProvider> ordered = new ArrayList<>();
    List<StoreProvider> core = new ArrayList<>();
    for (StoreProvider p : providers) {
      (p instanceof FileStoreProvider ? core : ordered).add(p);
    }
    if (core.isEmpty()) {
      core.add(new FileStoreProvider());
    }
    ordered.addAll(core);
    Map<String, StoreProvider> out = new LinkedHashMap<>();
    Set<Class<?>> seen = new HashSet<>();
    for (StoreProvider p : ordered) {
      if (!seen.add(p.getClass())) {
        continue; // one class found through two class loaders
      }
      Set<String> schemes = p.schemes();
      if (schemes == null) {
        continue;
      }
      for (String scheme : schemes) {
        if (scheme != null && !scheme.isEmpty()) {
          out.putIfAbsent(scheme.toLowerCase(Locale.ROOT), p);
        }
      }
    }
    return out;
  }
}
