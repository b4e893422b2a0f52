package dev.zarr4j.store.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.zarr4j.store.remote.RemoteOptions;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client library's in-process fake of Google Cloud Storage ({@code google-cloud-nio}'s {@link
 * LocalStorageHelper}), made fit for the store's tests. Each instance is a new, empty service.
 *
 * <ul>
 *   <li>The fake keeps its objects in plain hash maps and says it is not thread-safe: every call to
 *       it, and every read or write of a channel it opened, holds one lock.
 *   <li>The fake gives objects written in one request no generation and ignores {@code
 *       ifGenerationMatch} on reads; the real service gives every write a new generation and
 *       refuses a read of another with HTTP 412. This wrapper adds that: each upload (single or
 *       resumable, when it closes) gets a new generation, metadata reads report it, and a channel
 *       opened with {@code generationMatch} of an older generation fails its reads with 412
 *       (checked under the lock as the bytes are fetched).
 *   <li>The fake hands out the array it stores on whole reads; the real service sends fresh bytes,
 *       so whole reads are copied here.
 *   <li>{@link #failNext} makes the next calls fail with an HTTP status (503 by default, as an
 *       overloaded service answers).
 * </ul>
 *
 * <p>What the fake still lacks (see docs/status.md): buckets (any name works; none can be created
 * or read), other preconditions, batches and listing pages.
 */
final class GcsFake {
  private final Object lock = new Object();
  private final Storage raw = LocalStorageHelper.customOptions(false).getService();
  private final Storage storage;
  private final Map<String, Long> generations = new HashMap<>();
  private long nextGeneration = 1_000;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failureStatus = 503;
  private final Map<String, Integer> calls = new HashMap<>();
  private Runnable replaceBeforeRead;

  GcsFake() {
    storage =
        (Storage)
            Proxy.newProxyInstance(
                Storage.class.getClassLoader(),
                new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                  synchronized (lock) {
                    return call(method, args == null ? new Object[0] : args);
                  }
                });
  }

  /** The thread-safe client on this fake service. */
  Storage storage() {
    return storage;
  }

  /**
   * Has the next ranged read ({@code reader}) find the object {@code name} of {@code bucket}
   * replaced by {@code value} (a new generation), as if another client wrote it just before: what a
   * read racing a write meets.
   */
  void replaceBeforeNextRangedRead(String bucket, String name, byte[] value) {
    synchronized (lock) {
      replaceBeforeRead = () -> storage.create(BlobInfo.newBuilder(bucket, name).build(), value);
    }
  }

  /** Makes the next {@code n} calls to the service fail with HTTP 503. */
  void failNext(int n) {
    failNext(n, 503);
  }

  /** Makes the next {@code n} calls to the service fail with the HTTP status given. */
  void failNext(int n, int status) {
    failureStatus = status;
    failures.set(n);
  }

  /**
   * How many calls of the client's method {@code name} ({@code "create"}, {@code "writer"}, {@code
   * "reader"}, {@code "list"}) the service received.
   */
  int calls(String name) {
    synchronized (lock) {
      return calls.getOrDefault(name, 0);
    }
  }

  /** The generation of the object {@code name} of {@code bucket}, or null. */
  Long generation(String bucket, String name) {
    synchronized (lock) {
      return generations.get(bucket + "/" + name);
    }
  }

  /** Options for a store in {@code bucket} under {@code prefix}, with short retry limits. */
  static GcsStoreOptions.Builder options(String bucket, String prefix) {
    return GcsStoreOptions.builder(bucket)
        .prefix(prefix)
        .remote(
            RemoteOptions.builder()
                .requestTimeout(Duration.ofSeconds(20))
                .retryDeadline(Duration.ofSeconds(10))
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(50))
                .maxAttempts(5)
                .build());
  }

  private static Blob withGeneration(Blob b, Long generation) {
    BlobId id = b.getBlobId();
    return b.toBuilder().setBlobId(BlobId.of(id.getBucket(), id.getName(), generation)).build();
  }

  private static String name(BlobId id) {
    return id.getBucket() + "/" + id.getName();
  }

  private Object call(Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return invoke(raw, method, args);
    }
    calls.merge(method.getName(), 1, Integer::sum);
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new StorageException(failureStatus, "injected: HTTP " + failureStatus);
    }
    Object first = args.length > 0 ? args[0] : null;
    switch (method.getName()) {
      case "create" -> {
        Object result = invoke(raw, method, args);
        if (first instanceof BlobInfo info) {
          long g = nextGeneration++;
          generations.put(name(info.getBlobId()), g);
          return result instanceof Blob b ? withGeneration(b, g) : result;
        }
        return result;
      }
      case "get" -> {
        Object result = invoke(raw, method, args);
        if (first instanceof BlobId id && result instanceof Blob b) {
          return withGeneration(b, generations.get(name(id)));
        }
        return result;
      }
      case "delete" -> {
        Object result = invoke(raw, method, args);
        if (first instanceof BlobId id) {
          generations.remove(name(id));
        }
        return result;
      }
      case "readAllBytes" -> {
        return ((byte[]) invoke(raw, method, args)).clone();
      }
      case "writer" -> {
        WriteChannel w = (WriteChannel) invoke(raw, method, args);
        String name = name(((BlobInfo) first).getBlobId());
        return channel(
            WriteChannel.class,
            w,
            m -> {
              if (m.getName().equals("close")) {
                generations.put(name, nextGeneration++);
              }
            });
      }
      case "reader" -> {
        if (replaceBeforeRead != null) {
          Runnable replace = replaceBeforeRead;
          replaceBeforeRead = null;
          replace.run(); // the lock is held, and reentrant
        }
        ReadChannel r = (ReadChannel) invoke(raw, method, args);
        if (!(first instanceof BlobId id)) {
          return channel(ReadChannel.class, r, m -> {});
        }
        Storage.BlobSourceOption[] options = (Storage.BlobSourceOption[]) args[1];
        return channel(
            ReadChannel.class,
            r,
            m -> {
              if (m.getName().equals("read") && options.length > 0) {
                Long now = generations.get(name(id));
                if (now == null
                    || !Arrays.asList(options)
                        .contains(Storage.BlobSourceOption.generationMatch(now))) {
                  throw new IOException(
                      new StorageException(412, "injected: generation changed (now " + now + ")"));
                }
              }
            });
      }
      default -> {
        return invoke(raw, method, args);
      }
    }
  }

  /** Something to do, under the lock, after a channel's method ({@code close}) or before it. */
  private interface ChannelHook {
    void on(Method m) throws IOException;
  }

  private <T> T channel(Class<T> type, T target, ChannelHook hook) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              synchronized (lock) {
                if (method.getName().equals("close")) {
                  Object result = invoke(target, method, args);
                  hook.on(method);
                  return result;
                }
                hook.on(method);
                return invoke(target, method, args);
              }
            }));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
